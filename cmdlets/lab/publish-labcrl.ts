import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { LAB_NOTE, labError } from './common.js';

interface Params {
  Authority: string;
  Path: string;
  ValidityDays?: number;
  BinaryEncoded: boolean;
}

export default defineCmdlet<Params>({
  name: 'Publish-LabCrl',
  synopsis: 'Writes a certificate revocation list of the lab CA (lab tool).',
  description:
    `${LAB_NOTE} The CRL lists every certificate revoked with Revoke-LabCertificate. Import it with ` +
    'Import-Certificate -FilePath <crl> -CertStoreLocation Cert:\\LocalMachine\\CA; revoked certificates then show ' +
    'Status Revoked and fail domain security.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['Edgeshell.Lab.Crl'],
  parameters: [
    { name: 'Authority', type: 'String', mandatory: true, description: 'The lab CA directory.' },
    { name: 'Path', type: 'String', position: 0, mandatory: true, description: 'Where to write the CRL (PEM "X509 CRL", or DER with -BinaryEncoded).' },
    { name: 'ValidityDays', type: 'Int32', defaultValue: 7, validateRange: [1, 3650], description: 'Days until the CRL\'s NextUpdate.' },
    { name: 'BinaryEncoded', type: 'SwitchParameter', description: 'Writes DER instead of PEM.' },
  ],
  examples: [
    {
      title: 'Publish an empty CRL',
      code: 'Publish-LabCrl -Authority .\\labca -Path .\\lab.crl | Format-List Issuer,RevokedCount,CrlNumber',
      remarks: 'The first CRL has number 1.',
      setup: 'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Out-Null',
      output: '\nIssuer       : CN=Lab Root CA\nRevokedCount : 0\nCrlNumber    : 1\n\n',
    },
  ],
  async process(ctx) {
    const dir = ctx.session.resolvePath(ctx.params.Authority);
    const out = ctx.session.resolvePath(ctx.params.Path);
    if (!(await ctx.shouldProcess(out, 'Publish certificate revocation list'))) return;
    const pki = await import('../../src/pki/index.js');
    try {
      const der = await pki.publishCrl(dir, { validityDays: ctx.params.ValidityDays ?? 7 });
      fs.writeFileSync(out, ctx.params.BinaryEncoded ? der : pki.crlToPem(der));
      const crl = pki.parseCrl(der);
      ctx.write(
        new PSObject(['Edgeshell.Lab.Crl', 'System.Object'], {
          Issuer: crl.issuerText,
          ThisUpdate: crl.thisUpdate,
          NextUpdate: crl.nextUpdate ?? null,
          CrlNumber: crl.crlNumber ? parseInt(crl.crlNumber, 16) : null,
          RevokedCount: crl.revoked.length,
          Path: out,
        }),
      );
    } catch (e) {
      ctx.throwTerminating(labError(ctx, e, 'PublishCrlFailed', dir));
    }
  },
});
