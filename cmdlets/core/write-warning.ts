// Write-Warning: writes a message to the warning stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Message?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Warning',
  synopsis: 'Writes a warning message.',
  description:
    'Write-Warning writes a message to the warning stream. The console shows it in yellow, prefixed with WARNING:. $WarningPreference or -WarningAction decide whether it is shown (Continue by default), hidden or stops the script.',
  parameters: [
    { name: 'Message', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, aliases: ['Msg'], description: 'The text of the message.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Write a warning message',
      code: "Write-Warning 'The certificate expires in 10 days.'",
      remarks: 'The message is shown with the WARNING: prefix.',
      output: 'WARNING: The certificate expires in 10 days.',
    },
  ],
  process(ctx) {
    ctx.writeWarning(ctx.params.Message ?? '');
  },
});

export default cmdlet;
