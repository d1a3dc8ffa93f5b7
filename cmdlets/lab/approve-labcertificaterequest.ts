import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { LAB_NOTE, labError } from './common.js';

interface Params {
  RequestPath: string;
  Authority: string;
  Path: string;
  ValidityDays?: number;
  CrlDistributionPoint?: string;
  BinaryEncoded: boolean;
}

export default defineCmdlet<Params>({
  name: 'Approve-LabCertificateRequest',
  synopsis: 'Issues a certificate for a PKCS#10 request with the lab CA (lab tool).',
  description:
    `${LAB_NOTE} The request's signature is verified first (RSA or ECDSA keys). The certificate has the request's ` +
    'subject and subject alternative names (the CN when the request ' +
    'has none), server and client authentication EKUs, and the lab root as issuer. Import it on the server that ' +
    'made the request with Import-ExchangeCertificate.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: ['Edgeshell.Lab.IssuedCertificate'],
  parameters: [
    { name: 'RequestPath', type: 'String', position: 0, mandatory: true, description: 'The request file (Base64 or DER PKCS#10).' },
    { name: 'Authority', type: 'String', mandatory: true, description: 'The lab CA directory (from New-LabCertificateAuthority).' },
    { name: 'Path', type: 'String', mandatory: true, description: 'Where to write the issued certificate (PEM, or DER with -BinaryEncoded).' },
    { name: 'ValidityDays', type: 'Int32', defaultValue: 365, validateRange: [1, 36500], description: 'Days the certificate is valid (at most until the CA expires).' },
    { name: 'CrlDistributionPoint', type: 'String', description: 'A CRL URL to put in the certificate; its revocation is then checked, and fails without the CRL in the store.' },
    { name: 'BinaryEncoded', type: 'SwitchParameter', description: 'Writes DER instead of PEM.' },
  ],
  examples: [
    {
      title: 'Issue the certificate for a request',
      code: 'Approve-LabCertificateRequest -RequestPath .\\request.req -Authority .\\labca -Path .\\issued.cer | Format-List Subject,DnsNameList',
      remarks: 'Writes .\\issued.cer for Import-ExchangeCertificate.',
      setup:
        'New-LabCertificateAuthority -Name "Lab Root CA" -Path .\\labca -KeySize 1024 | Out-Null\n' +
        'New-ExchangeCertificate -GenerateRequest -Path .\\request.req -SubjectName "DC=com,DC=Contoso,CN=mail1.contoso.com" -DomainName mail.contoso.com -KeySize 1024 | Out-Null',
      output: '\nSubject     : CN=mail1.contoso.com, DC=Contoso, DC=com\nDnsNameList : {mail1.contoso.com, mail.contoso.com}\n\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const reqFile = ctx.session.resolvePath(p.RequestPath);
    const dir = ctx.session.resolvePath(p.Authority);
    const out = ctx.session.resolvePath(p.Path);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(reqFile);
    } catch {
      return ctx.throwTerminating(`Could not find file '${reqFile}'.`, 'RequestNotFound', 'ObjectNotFound', reqFile);
    }
    const pki = await import('../../src/pki/index.js');
    try {
      const request = pki.readCertificateRequest(bytes);
      if (!(await ctx.shouldProcess(request.subjectText, 'Issue certificate'))) return;
      const der = await pki.approveRequest(dir, request, { validityDays: p.ValidityDays ?? 365, crlUrl: p.CrlDistributionPoint });
      fs.writeFileSync(out, p.BinaryEncoded ? der : pki.certToPem(der));
      const cert = pki.parseCertificate(der);
      ctx.write(
        new PSObject(['Edgeshell.Lab.IssuedCertificate', 'System.Object'], {
          Subject: cert.subjectText,
          Issuer: cert.issuerText,
          SerialNumber: cert.serialNumber,
          Thumbprint: cert.thumbprint,
          NotBefore: cert.notBefore,
          NotAfter: cert.notAfter,
          DnsNameList: [...cert.san.dns],
          Path: out,
        }),
      );
    } catch (e) {
      ctx.throwTerminating(labError(ctx, e, 'ApproveRequestFailed', reqFile));
    }
  },
});
