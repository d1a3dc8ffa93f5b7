import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { checkOutputPath, errorFrom, passwordText, completeThumbprint } from './common.js';
import { LAB_CA, REQUEST_MAIL1, setup } from './lab-setup.js';

interface Params {
  Thumbprint: string;
  Path?: string;
  Password?: unknown;
  BinaryEncoded: boolean;
  Force: boolean;
}

export default defineCmdlet<Params>({
  name: 'Export-ExchangeCertificate',
  synopsis: 'Exports a certificate with its private key (PFX), or a pending request, to a file.',
  description:
    'A certificate whose private key (RSA or ECDSA) is exportable is written as a PKCS#12 (.pfx) file protected by -Password ' +
    '(Base64 text, or binary with -BinaryEncoded). A key imported from a PFX file, or made with ' +
    '-PrivateKeyExportable $false, is never exported: the cmdlet fails with "The private key of certificate X is ' +
    'not exportable." A pending request exports its PKCS#10 request again. Without -Path the data is written to ' +
    'the pipeline.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['System.String'],
  parameters: [
    { name: 'Thumbprint', type: 'String', complete: completeThumbprint, position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The thumbprint of the certificate or pending request.' },
    { name: 'Path', type: 'String', aliases: ['FileName'], description: 'The file to write.' },
    { name: 'Password', type: 'SecureString', description: 'The password protecting the PFX file.' },
    { name: 'BinaryEncoded', type: 'SwitchParameter', description: 'Writes DER/PFX bytes instead of Base64 text.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Overwrites an existing file.' },
  ],
  examples: [
    {
      title: 'Export a pending request again',
      code: 'Get-ExchangeCertificate | Export-ExchangeCertificate -Path .\\again.req\n(Get-Content .\\again.req)[0]',
      remarks: 'The request text is written to the file and to the pipeline.',
      setup: setup(LAB_CA, REQUEST_MAIL1),
      check: /-----BEGIN NEW CERTIFICATE REQUEST-----/,
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const p = ctx.params;
    const store = await import('../../src/state/certstore.js');
    const thumbprint = store.normalizeThumbprint(String(p.Thumbprint ?? ''));
    const file = p.Path ? checkOutputPath(ctx, p.Path, p.Force) : undefined;
    if (!(await ctx.shouldProcess(thumbprint, 'Export certificate'))) return;
    let out;
    try {
      out = await store.exportCertificate(home, thumbprint, { password: passwordText(p.Password), binaryEncoded: p.BinaryEncoded });
    } catch (e) {
      return ctx.throwTerminating(errorFrom(ctx, e, 'ExportCertificateFailed', thumbprint));
    }
    const data = out.data;
    if (file) {
      try {
        fs.writeFileSync(file, data, { mode: out.kind === 'pfx' ? 0o600 : 0o644 });
      } catch (e) {
        ctx.throwTerminating(`The file '${file}' cannot be written: ${(e as Error).message}`, 'ExportFileWriteError', 'WriteError', file);
      }
    }
    if (typeof data === 'string') ctx.write(data.trimEnd());
    else if (!file) ctx.write(new Uint8Array(data), false);
  },
});
