import * as fs from 'node:fs';
import * as os from 'node:os';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { certificateObject, checkOutputPath, errorFrom, servicesParameter, type AllowedService } from './common.js';
import { keyParameters, resolveKeySpec, type KeyParams } from './key-parameters.js';

interface Params extends KeyParams {
  GenerateRequest: boolean;
  Path?: string;
  SubjectName?: string;
  DomainName?: string[];
  FriendlyName?: string;
  PrivateKeyExportable?: boolean;
  Services?: AllowedService[];
  BinaryEncoded: boolean;
  Force: boolean;
}

export default defineCmdlet<Params>({
  name: 'New-ExchangeCertificate',
  synopsis: 'Creates a certificate request (PKCS#10) or a self-signed certificate for this server.',
  description:
    'With -GenerateRequest, generates a key pair (Node\'s native generator: RSA, or ECDSA with -KeyAlgorithm ECDSA, ' +
    'where -KeySize names the curve) and a Base64 PKCS#10 request ' +
    '(-----BEGIN NEW CERTIFICATE REQUEST-----) written to -Path and returned. The subject is the X.500 name in the ' +
    'order written (DC=com,DC=Contoso,CN=mail1.contoso.com); its CN and every -DomainName go into the subject ' +
    'alternative names. The private key stays in the store as a pending request (Status PendingRequest) until ' +
    'Import-ExchangeCertificate completes it with the issued certificate. Without -GenerateRequest, creates a ' +
    'self-signed certificate valid for 5 years, enabled for IMAP, POP and SMTP unless -Services says otherwise.',
  defaultParameterSet: 'Certificate',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['System.String', 'System.Security.Cryptography.X509Certificates.X509Certificate2'],
  parameters: [
    { name: 'GenerateRequest', type: 'SwitchParameter', parameterSets: ['Request'], setOverrides: { Request: { mandatory: true } }, description: 'Creates a certificate request instead of a self-signed certificate.' },
    { name: 'Path', type: 'String', aliases: ['RequestFile'], parameterSets: ['Request'], description: 'The file the request is written to (Base64, or DER with -BinaryEncoded).' },
    { name: 'SubjectName', type: 'X500DistinguishedName', convert: (v) => String(v), description: 'The subject as an X.500 distinguished name, in the order written, e.g. "DC=com,DC=Contoso,CN=mail1.contoso.com". Default: CN=<first domain name or this computer\'s name>.' },
    { name: 'DomainName', type: 'MultiValuedProperty', convert: (v) => (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean), description: 'Domain names added to the subject alternative names (with the subject CN).' },
    { name: 'FriendlyName', type: 'String', description: 'The friendly name shown by Get-ExchangeCertificate.' },
    ...keyParameters,
    { name: 'PrivateKeyExportable', type: 'Boolean', defaultValue: false, description: 'Whether Export-ExchangeCertificate may export the private key ($true or $false).' },
    { name: 'Services', ...servicesParameter, parameterSets: ['Certificate'], description: 'Services a self-signed certificate is enabled for (default IMAP, POP, SMTP).' },
    { name: 'BinaryEncoded', type: 'SwitchParameter', parameterSets: ['Request'], description: 'Writes the request as DER instead of Base64.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Overwrites an existing request file.' },
  ],
  examples: [
    {
      title: 'Generate a certificate request for a domain-secured Edge Transport server',
      code: 'New-ExchangeCertificate -GenerateRequest -FriendlyName "Internet certificate" -Path .\\request.req -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com" -DomainName mail.contoso.com',
      remarks: 'Writes a Base64 PKCS#10 request for CN=mail1.contoso.com (subject alternative names mail1.contoso.com and mail.contoso.com) and keeps its private key as a pending request.',
      check: /^-----BEGIN NEW CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END NEW CERTIFICATE REQUEST-----/,
    },
    {
      title: 'Create a self-signed certificate for SMTP',
      code: 'New-ExchangeCertificate -SubjectName "CN=edge1.contoso.com" -Services SMTP -KeySize 1024 | Format-List Subject,Services,IsSelfSigned,Status',
      remarks: 'Creates a self-signed certificate valid for 5 years and enables it for SMTP. Exchange trusts its own self-signed certificate, so its Status is Valid.',
      output: '\nSubject      : CN=edge1.contoso.com\nServices     : SMTP\nIsSelfSigned : True\nStatus       : Valid\n\n',
    },
    {
      title: 'Create a self-signed ECDSA certificate for SMTP',
      code: 'New-ExchangeCertificate -KeyAlgorithm ECDSA -SubjectName "CN=edge1.contoso.com" -Services SMTP | Format-List Subject,PublicKeySize,Services,Status',
      remarks: 'An elliptic-curve key on the curve P-256 (the ECDSA default); its PublicKeySize is the curve\'s size.',
      output: '\nSubject       : CN=edge1.contoso.com\nPublicKeySize : 256\nServices      : SMTP\nStatus        : Valid\n\n',
    },
    {
      title: 'Generate a certificate request with an ECDSA P-384 key',
      code: 'New-ExchangeCertificate -GenerateRequest -KeyAlgorithm ECDSA -KeySize 384 -Path .\\request.req -SubjectName "CN=mail1.contoso.com" | Out-Null\nGet-ExchangeCertificate | Format-List Subject,PublicKeySize,Status',
      remarks: 'For ECDSA, -KeySize names the curve: 256 (P-256), 384 (P-384) or 521 (P-521).',
      output: '\nSubject       : CN=mail1.contoso.com\nPublicKeySize : 384\nStatus        : PendingRequest\n\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const key = resolveKeySpec(ctx, p);
    const home = ctx.session.home;
    const store = await import('../../src/state/certstore.js');
    const opts = {
      subjectName: p.SubjectName,
      domainNames: p.DomainName,
      friendlyName: p.FriendlyName,
      keyAlgorithm: key.algorithm,
      keySize: key.size,
      privateKeyExportable: p.PrivateKeyExportable ?? false,
      services: p.Services,
      defaultHostName: os.hostname(),
    };
    const progress = (status: string, percentComplete: number) => ctx.writeProgress({ activity: 'New-ExchangeCertificate', status, percentComplete });
    try {
      if (p.GenerateRequest) {
        const file = p.Path ? checkOutputPath(ctx, p.Path, p.Force) : undefined;
        if (!(await ctx.shouldProcess(p.SubjectName ?? opts.defaultHostName, 'Generate a certificate request'))) return;
        const { pem, der, record } = await store.generatePendingRequest(home, opts, progress);
        if (file) {
          try {
            fs.writeFileSync(file, p.BinaryEncoded ? der : pem);
          } catch (e) {
            // nothing half-done: the pending request goes when its file cannot be written
            const { removeCertificateOrRequest } = await import('../../src/state/certificates.js');
            await removeCertificateOrRequest(home, record.thumbprint);
            ctx.throwTerminating(`The request file '${file}' cannot be written: ${(e as Error).message}`, 'RequestFileWriteError', 'WriteError', file);
          }
        }
        ctx.write(pem.trimEnd());
      } else {
        if (!(await ctx.shouldProcess(p.SubjectName ?? opts.defaultHostName, 'Create a self-signed certificate'))) return;
        const record = await store.createSelfSignedCertificate(home, opts, progress);
        const entry = store.findExchangeCertificate(home, record.thumbprint)!;
        ctx.write(certificateObject(home, entry, store.keyFileMode));
      }
    } catch (e) {
      if ((e as Error)?.name === 'PSRuntimeError') throw e;
      ctx.throwTerminating(errorFrom(ctx, e, 'NewCertificateFailed'));
    } finally {
      ctx.writeProgress({ activity: 'New-ExchangeCertificate', completed: true });
    }
  },
});
