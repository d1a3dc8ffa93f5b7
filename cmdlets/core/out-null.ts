// Out-Null: discards its input.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

export const cmdlet = defineCmdlet<{ InputObject?: unknown }>({
  name: 'Out-Null',
  aliases: [],
  synopsis: 'Hides the output instead of sending it down the pipeline or displaying it.',
  description: 'Receives objects and deletes them, so nothing is displayed.',
  parameters: [{ name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to discard.' }],
  outputTypes: [],
  examples: [
    {
      title: 'Discard output',
      code: "'not shown' | Out-Null",
      remarks: 'Nothing is printed.',
      output: '',
    },
  ],
  process() {
    // Discarded.
  },
});

export default cmdlet;
