// ConvertTo-SecureString: plain text to a SecureString (for -Password parameters).
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { SecureString } from '../../src/engine/values.js';
import { errorRecord } from './lib/common.js';

interface Params {
  String?: string;
  AsPlainText?: boolean;
  Force?: boolean;
  Key?: unknown;
  SecureKey?: SecureString;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'ConvertTo-SecureString',
  synopsis: 'Converts plain text or encrypted strings to secure strings.',
  description:
    'ConvertTo-SecureString makes a SecureString from plain text with -AsPlainText (-Force is accepted, as Windows ' +
    'PowerShell required it), for parameters such as Import-ExchangeCertificate -Password. The secret is not shown ' +
    'when the SecureString is displayed. Encrypted standard strings (DPAPI) cannot be read on this platform.',
  defaultParameterSet: 'Secure',
  parameters: [
    { name: 'String', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, description: 'The text to convert.' },
    { name: 'AsPlainText', type: 'SwitchParameter', mandatory: true, position: 1, parameterSets: ['PlainText'], description: 'Takes the string as plain text.' },
    { name: 'Force', type: 'SwitchParameter', position: 2, parameterSets: ['PlainText'], description: 'Accepted for compatibility with Windows PowerShell, which required it with -AsPlainText.' },
    { name: 'Key', type: 'Byte[]', parameterSets: ['Open'], description: 'An AES key of an encrypted string (not supported).' },
    { name: 'SecureKey', type: 'SecureString', position: 1, parameterSets: ['Secure'], description: 'A key of an encrypted string (not supported).' },
  ],
  outputTypes: ['System.Security.SecureString'],
  examples: [
    {
      title: 'A password for a PFX import',
      code: "$password = ConvertTo-SecureString -String 'P@ssw0rd' -AsPlainText -Force\n$password\n$password.Length",
      remarks: 'The SecureString does not show its content; its Length is the number of characters.',
      output: 'System.Security.SecureString\n8',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const s = p.String ?? '';
    if (p.AsPlainText) {
      ctx.write(new SecureString(s), false);
      return;
    }
    ctx.writeError(
      errorRecord(
        ctx,
        'Cannot convert the encrypted standard string: encrypted SecureStrings (DPAPI) are not supported on this platform. Use -AsPlainText.',
        'ImportSecureString',
        'InvalidArgument',
        undefined,
        'System.PlatformNotSupportedException',
      ),
    );
  },
});

export default cmdlet;
