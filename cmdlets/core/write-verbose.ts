// Write-Verbose: writes a message to the verbose stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Message?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Verbose',
  synopsis: 'Writes text to the verbose message stream.',
  description:
    'Write-Verbose writes a message to the verbose stream. It is shown (prefixed with VERBOSE:) only when $VerbosePreference is Continue or the command runs with -Verbose.',
  parameters: [
    { name: 'Message', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, aliases: ['Msg'], description: 'The text of the message.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Write a verbose message',
      code: "Write-Verbose 'Connecting to the send connector.' -Verbose",
      remarks: '-Verbose shows the message; without it the message is hidden by default.',
      output: 'VERBOSE: Connecting to the send connector.',
    },
  ],
  process(ctx) {
    ctx.writeVerbose(ctx.params.Message ?? '');
  },
});

export default cmdlet;
