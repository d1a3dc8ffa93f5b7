// Write-Debug: writes a message to the debug stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Message?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Debug',
  synopsis: 'Writes a debug message to the console.',
  description:
    'Write-Debug writes a message to the debug stream. It is shown (prefixed with DEBUG:) only when $DebugPreference is Continue or the command runs with -Debug.',
  parameters: [
    { name: 'Message', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, aliases: ['Msg'], description: 'The text of the message.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Write a debug message',
      code: "$DebugPreference = 'Continue'; Write-Debug 'Thumbprint lookup done.'",
      remarks: 'With $DebugPreference set to Continue, debug messages are shown.',
      output: 'DEBUG: Thumbprint lookup done.',
    },
  ],
  process(ctx) {
    ctx.writeDebug(ctx.params.Message ?? '');
  },
});

export default cmdlet;
