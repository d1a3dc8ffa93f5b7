import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { LAB_NOTE, labError } from './common.js';

interface Params {
  Authority: string;
  SerialNumber: string;
  Reason?: string;
}

export default defineCmdlet<Params>({
  name: 'Revoke-LabCertificate',
  synopsis: 'Marks a certificate the lab CA issued as revoked (lab tool).',
  description: `${LAB_NOTE} The revocation shows in the next CRL written by Publish-LabCrl.`,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: ['Edgeshell.Lab.Revocation'],
  parameters: [
    { name: 'Authority', type: 'String', mandatory: true, description: 'The lab CA directory.' },
    { name: 'SerialNumber', type: 'String', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The serial number (hex) of the certificate to revoke.' },
    { name: 'Reason', type: 'String', validateSet: ['Unspecified', 'KeyCompromise', 'CACompromise', 'AffiliationChanged', 'Superseded', 'CessationOfOperation'], description: 'Why (recorded in ca.json).' },
  ],
  examples: [
    {
      title: 'Revoke an issued certificate and publish a CRL',
      code: 'Approve-LabCertificateRequest -RequestPath .\\request.req -Authority .\\labca -Path .\\issued.cer | Revoke-LabCertificate -Authority .\\labca | Out-Null\n(Publish-LabCrl -Authority .\\labca -Path .\\labca\\lab.crl).RevokedCount',
      remarks: 'The serial number binds from the issued certificate by property name.',
      setup:
        'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Out-Null\n' +
        'New-ExchangeCertificate -GenerateRequest -Path .\\request.req -SubjectName "CN=mail1.contoso.com" -KeySize 1024 | Out-Null',
      output: '1\n',
    },
  ],
  async process(ctx) {
    const dir = ctx.session.resolvePath(ctx.params.Authority);
    const serial = String(ctx.params.SerialNumber ?? '').replace(/[\s:]/g, '');
    if (!(await ctx.shouldProcess(serial, 'Revoke certificate'))) return;
    const { revokeCertificate } = await import('../../src/pki/labca.js');
    try {
      const r = await revokeCertificate(dir, serial, { reason: ctx.params.Reason });
      ctx.write(new PSObject(['Edgeshell.Lab.Revocation', 'System.Object'], { SerialNumber: r.serialNumber, RevocationDate: r.date, Authority: dir }));
    } catch (e) {
      ctx.writeError(labError(ctx, e, 'RevokeFailed', serial));
    }
  },
});
