// Read-Host: reads a line from the user.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { SecureString } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { errorRecord, remainingArguments } from './lib/common.js';

interface Params {
  Prompt?: unknown;
  AsSecureString?: boolean;
  MaskInput?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Read-Host',
  synopsis: 'Reads a line of input from the console.',
  description:
    'Read-Host shows the prompt followed by a colon and writes the line the user types. -AsSecureString returns it ' +
    'as a SecureString (for passwords); -MaskInput hides the typing. In a non-interactive session there is nobody to ' +
    'ask and it fails.',
  defaultParameterSet: 'AsString',
  parameters: [
    remainingArguments({ name: 'Prompt', type: 'Object', position: 0, description: 'The text of the prompt; ": " is added.' }),
    { name: 'AsSecureString', type: 'SwitchParameter', mandatory: true, parameterSets: ['AsSecureString'], description: 'Returns the input as a SecureString.' },
    { name: 'MaskInput', type: 'SwitchParameter', parameterSets: ['AsString'], description: 'Hides the typed characters.' },
  ],
  outputTypes: ['System.String', 'System.Security.SecureString'],
  examples: [
    {
      title: 'Ask for a value, when someone can answer',
      code: "try { $name = Read-Host 'Partner domain' } catch { 'Nobody to ask: pass the domain as a parameter.' }",
      remarks: 'Interactively, shows "Partner domain: " and stores the line typed in $name; a non-interactive run (as here) has nobody to ask, and Read-Host fails.',
      output: 'Nobody to ask: pass the domain as a parameter.',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const host = ctx.session.host;
    const promptText = p.Prompt === undefined || p.Prompt === null ? '' : Array.isArray(p.Prompt) ? p.Prompt.map(toStr).join(' ') : toStr(p.Prompt);
    if (!host.readLine) {
      ctx.throwTerminating(
        errorRecord(ctx, 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.', 'System.InvalidOperationException', 'InvalidOperation', undefined, 'System.Management.Automation.PSInvalidOperationException'),
      );
    }
    const line = await host.readLine!(promptText ? `${promptText}: ` : '');
    const text = line ?? '';
    ctx.write(p.AsSecureString ? new SecureString(text) : text, false);
  },
});

export default cmdlet;
