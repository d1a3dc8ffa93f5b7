import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { LAB_NOTE, labError } from './common.js';

interface Params {
  Name: string;
  Path: string;
  KeySize?: number;
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
    { name: 'KeySize', type: 'Int32', defaultValue: 2048, description: 'RSA key size: 1024, 2048 or 4096.' },
    { name: 'ValidityYears', type: 'Int32', defaultValue: 10, validateRange: [1, 50], description: 'How long the root certificate is valid.' },
  ],
  examples: [
    {
      title: 'Create a lab CA',
      code: 'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Format-List Subject,CertificateFile',
      remarks: 'The root certificate is .\\labca\\ca.cer.',
      check: /Subject\s+: CN=Lab Root CA\nCertificateFile : .*labca[\\/]ca\.cer/,
    },
  ],
  async process(ctx) {
    const dir = ctx.session.resolvePath(ctx.params.Path);
    const keySize = ctx.params.KeySize ?? 2048;
    if (![1024, 2048, 4096].includes(keySize)) ctx.throwTerminating(`The KeySize ${keySize} is not supported. Use 1024, 2048 or 4096.`, 'InvalidKeySize', 'InvalidArgument', keySize);
    if (!(await ctx.shouldProcess(dir, 'Create lab certification authority'))) return;
    const { createLabAuthority } = await import('../../src/pki/labca.js');
    ctx.writeProgress({ activity: 'New-LabCertificateAuthority', status: `Generating a ${keySize}-bit RSA key pair`, percentComplete: 10 });
    try {
      const ca = await createLabAuthority(dir, ctx.params.Name, { keySize, validityYears: ctx.params.ValidityYears ?? 10 });
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
