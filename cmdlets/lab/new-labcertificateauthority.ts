import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { LAB_NOTE, labError } from './common.js';
import { keyParameters, resolveKeySpec, type KeyParams } from '../certificates/key-parameters.js';
import { describeKeySpec } from '../../src/pki/key-spec.js';

interface Params extends KeyParams {
  Name: string;
  Path: string;
  ValidityYears?: number;
}

export default defineCmdlet<Params>({
  name: 'New-LabCertificateAuthority',
  synopsis: 'Creates a lab root certification authority in a directory (lab tool).',
  description:
    `${LAB_NOTE} Writes ca.cer (the root certificate, PEM: import it with Import-Certificate -CertStoreLocation ` +
    'Cert:\\LocalMachine\\Root), ca.key (its private key, mode 0600) and ca.json (what it issued and revoked).',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['Edgeshell.Lab.CertificateAuthority'],
  parameters: [
    { name: 'Name', type: 'String', position: 0, mandatory: true, description: 'The CA\'s name (its subject CN), or a full DN such as "CN=Lab Root CA,O=Contoso".' },
    { name: 'Path', type: 'String', mandatory: true, description: 'The directory to create the authority in.' },
    ...keyParameters,
    { name: 'ValidityYears', type: 'Int32', defaultValue: 10, validateRange: [1, 50], description: 'How long the root certificate is valid.' },
  ],
  examples: [
    {
      title: 'Create a lab CA',
      code: 'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Format-List Subject,CertificateFile',
      remarks: 'The root certificate is .\\labca\\ca.cer.',
      check: /Subject\s+: CN=Lab Root CA\nCertificateFile : .*labca[\\/]ca\.cer/,
    },
    {
      title: 'Create a lab CA with an ECDSA key and issue a certificate for an ECDSA request',
      code:
        'New-LabCertificateAuthority -Name "Lab EC Root CA" -Path .\\labca -KeyAlgorithm ECDSA | Out-Null\n' +
        'New-ExchangeCertificate -GenerateRequest -KeyAlgorithm ECDSA -Path .\\request.req -SubjectName "CN=mail1.contoso.com" | Out-Null\n' +
        'Approve-LabCertificateRequest -RequestPath .\\request.req -Authority .\\labca -Path .\\issued.cer | Out-Null\n' +
        'Import-Certificate -FilePath .\\labca\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root | Out-Null\n' +
        'Import-ExchangeCertificate -Path .\\issued.cer | Format-List Subject,Issuer,PublicKeySize,Status',
      remarks: 'The root\'s key is on the curve P-256 and signs with ECDSA; the certificate completes the pending ECDSA request.',
      output: '\nSubject       : CN=mail1.contoso.com\nIssuer        : CN=Lab EC Root CA\nPublicKeySize : 256\nStatus        : Valid\n\n',
    },
  ],
  async process(ctx) {
    const dir = ctx.session.resolvePath(ctx.params.Path);
    const key = resolveKeySpec(ctx, ctx.params);
    if (!(await ctx.shouldProcess(dir, 'Create lab certification authority'))) return;
    const { createLabAuthority } = await import('../../src/pki/labca.js');
    ctx.writeProgress({ activity: 'New-LabCertificateAuthority', status: `Generating ${describeKeySpec(key)}`, percentComplete: 10 });
    try {
      const ca = await createLabAuthority(dir, ctx.params.Name, { keyAlgorithm: key.algorithm, keySize: key.size, validityYears: ctx.params.ValidityYears ?? 10 });
      ctx.write(
        new PSObject(['Edgeshell.Lab.CertificateAuthority', 'System.Object'], {
          Name: ca.record.name,
          Subject: ca.cert.subjectText,
          Thumbprint: ca.cert.thumbprint,
          NotAfter: ca.cert.notAfter,
          Path: dir,
          CertificateFile: `${dir}/ca.cer`,
        }),
      );
    } catch (e) {
      ctx.throwTerminating(labError(ctx, e, 'NewLabCaFailed', dir));
    } finally {
      ctx.writeProgress({ activity: 'New-LabCertificateAuthority', completed: true });
    }
  },
});
