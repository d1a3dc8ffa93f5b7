// Out-Host: formats its input and sends the text straight to the host, past the output stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { enumerationLimitOf, renderOutput } from '../../src/format/index.js';
import { collectInput } from './lib/collect-input.js';

interface Params {
  InputObject?: unknown;
  Paging?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Out-Host',
  aliases: ['oh'],
  synopsis: 'Sends output to the command line.',
  description:
    'Formats its input as the console shows it and writes the text to the host; nothing goes down the pipeline. ' +
    '-Paging is accepted and ignored.',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to display.' },
    { name: 'Paging', type: 'SwitchParameter', description: 'Accepted for compatibility; output is not paged.' },
  ],
  outputTypes: [],
  examples: [
    {
      title: 'Show a value on the console',
      code: "'shown on the host' | Out-Host",
      remarks: 'The string is printed by the host.',
      output: 'shown on the host',
    },
  ],
  ...collectInput,
  end(ctx) {
    const width = Math.max(ctx.session.host.width - 1, 1);
    const lines = renderOutput(ctx.state.items as unknown[], {
      columns: width,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    if (lines.length > 0) ctx.writeInformation(lines.join('\n'));
  },
});

export default cmdlet;
