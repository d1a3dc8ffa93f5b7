// Write-Information: writes a message to the information stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';

interface Params {
  MessageData?: unknown;
  Tags?: string[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Information',
  synopsis: 'Specifies how PowerShell handles information stream data for a command.',
  description:
    'Write-Information writes a message to the information stream. It is shown only when $InformationPreference is ' +
    'Continue or the command runs with -InformationAction Continue (Write-Host writes to the same stream and is always shown).',
  parameters: [
    { name: 'MessageData', type: 'Object', position: 0, mandatory: true, aliases: ['Msg', 'Message'], description: 'The message to write.' },
    { name: 'Tags', type: 'String[]', position: 1, description: 'Tags to attach to the information record.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Show an information message',
      code: "Write-Information 'Transport started.' -InformationAction Continue",
      remarks: 'Information messages are hidden unless asked for.',
      output: 'Transport started.',
    },
  ],
  process(ctx) {
    const explicit = ctx.bound.has('InformationAction');
    if (!explicit) {
      const pref = toStr(ctx.session.getVariable('InformationPreference') ?? 'SilentlyContinue').toLowerCase();
      if (pref !== 'continue' && pref !== 'inquire' && pref !== 'stop') return;
    }
    ctx.writeInformation(toStr(ctx.params.MessageData));
  },
});

export default cmdlet;
