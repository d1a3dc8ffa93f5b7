import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { certificateObject, errorFrom, passwordText, readInput } from './common.js';
import { ISSUE_MAIL1, LAB_CA, PFX_MAIL1, REQUEST_MAIL1, TRUST_LAB_ROOT, setup } from './lab-setup.js';

interface Params {
  Path?: string;
  FileData?: Uint8Array;
  Password?: unknown;
  FriendlyName?: string;
}

export default defineCmdlet<Params>({
  name: 'Import-ExchangeCertificate',
  synopsis: 'Imports a PFX file, or an issued certificate that completes a pending request, into the certificate store.',
  description:
    'A PKCS#12 (.pfx) file is imported with its private key and chain; the private key is always stored as not ' +
    'exportable (as Exchange does, by design). Legacy PFX files (RC2/3DES) and OpenSSL 3 files (AES, PBKDF2) are ' +
    'read, with RSA or ECDSA keys. A certificate (PEM or DER) or a PKCS#7 chain (.p7b/.p7c) completes the pending request created by ' +
    'New-ExchangeCertificate -GenerateRequest whose public key it carries. The imported certificate is written to ' +
    'the pipeline, so it can be piped to Enable-ExchangeCertificate. When the import fails, nothing is stored.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['System.Security.Cryptography.X509Certificates.X509Certificate2'],
  parameters: [
    { name: 'Path', type: 'String', aliases: ['FileName'], position: 0, parameterSets: ['Path'], setOverrides: { Path: { mandatory: true } }, description: 'The file to import: .pfx/.p12, .cer/.crt/.pem, or .p7b/.p7c.' },
    { name: 'FileData', type: 'Byte[]', parameterSets: ['FileData'], setOverrides: { FileData: { mandatory: true } }, description: 'The file contents, e.g. from Get-Content -Path f -Encoding Byte -ReadCount 0.' },
    { name: 'Password', type: 'SecureString', description: 'The password of a PFX file, e.g. (ConvertTo-SecureString -String "pw" -AsPlainText -Force).' },
    { name: 'FriendlyName', type: 'String', description: 'The friendly name to give the certificate (default: the PFX\'s or the request\'s).' },
  ],
  examples: [
    {
      title: 'Import a PFX file and enable it for SMTP (the seed scenario)',
      code: 'Import-ExchangeCertificate -Path .\\import.pfx -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Enable-ExchangeCertificate -Services SMTP\nGet-ExchangeCertificate | Format-List Subject,Services,PrivateKeyExportable',
      remarks: 'Imports the certificate and its key (stored as not exportable) and enables it for SMTP through the pipeline.',
      setup: PFX_MAIL1,
      output: '\nSubject              : CN=mail1.contoso.com\nServices             : SMTP\nPrivateKeyExportable : False\n\n',
    },
    {
      title: 'Complete a pending request with the certificate the CA issued',
      code: 'Import-ExchangeCertificate -Path .\\issued.cer | Format-List Subject,Issuer,Status',
      remarks: 'The issued certificate carries the public key of the pending request, so the request\'s private key is joined to it.',
      setup: setup(LAB_CA, TRUST_LAB_ROOT, REQUEST_MAIL1, ISSUE_MAIL1),
      output: '\nSubject : CN=mail1.contoso.com, DC=Contoso, DC=com\nIssuer  : CN=Lab Root CA\nStatus  : Valid\n\n',
    },
  ],
  async process(ctx) {
    const { bytes, source } = readInput(ctx, 'Path', 'FileData');
    if (!(await ctx.shouldProcess(source, 'Import certificate'))) return;
    const store = await import('../../src/state/certstore.js');
    const home = ctx.session.home;
    try {
      const record = await store.importCertificateData(home, bytes, {
        password: passwordText(ctx.params.Password),
        friendlyName: ctx.params.FriendlyName,
        source: ctx.bound.has('FileData') ? undefined : source,
      });
      ctx.write(certificateObject(home, store.findExchangeCertificate(home, record.thumbprint)!, store.keyFileMode));
    } catch (e) {
      if ((e as Error)?.name === 'PSRuntimeError') throw e;
      ctx.throwTerminating(errorFrom(ctx, e, 'ImportCertificateFailed', source));
    }
  },
});
