import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { certificateObject, errorFrom, completeThumbprint } from './common.js';
import { LAB_CA, REQUEST_MAIL1, setup } from './lab-setup.js';

interface Params {
  Thumbprint?: string;
  DomainName?: string[];
}

export default defineCmdlet<Params>({
  name: 'Get-ExchangeCertificate',
  synopsis: 'Lists the certificates and pending certificate requests of this server.',
  description:
    'Shows each certificate as a table of Thumbprint, Services (a mask: I IMAP, P POP, U UM, W IIS, S SMTP, ' +
    'F Federation) and Subject; Format-List shows AccessRules, CertificateDomains, HasPrivateKey, IsSelfSigned, ' +
    'Issuer, NotAfter, NotBefore, PublicKeySize, RootCAType, SerialNumber, Services, Status, Subject and ' +
    'Thumbprint. Status is computed now from the trust store (trusted roots, intermediates and CRLs imported with ' +
    'Import-Certificate): Valid, Untrusted, Revoked, DateInvalid, RevocationCheckFailure, Invalid, or ' +
    'PendingRequest. -Verbose tells why a certificate is not Valid.',
  outputTypes: ['System.Security.Cryptography.X509Certificates.X509Certificate2'],
  parameters: [
    { name: 'Thumbprint', type: 'String', complete: completeThumbprint, position: 0, valueFromPipelineByPropertyName: true, description: 'The thumbprint of one certificate.' },
    {
      name: 'DomainName',
      type: 'MultiValuedProperty',
      convert: (v) => (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean),
      description: 'Only certificates whose subject or subject alternative names match one of these domains.',
    },
  ],
  examples: [
    {
      title: 'Show a pending request',
      code: 'Get-ExchangeCertificate | Format-List CertificateDomains,HasPrivateKey,Status,Subject',
      remarks: 'A request generated with New-ExchangeCertificate -GenerateRequest waits as a pending request until the issued certificate is imported.',
      setup: setup(LAB_CA, REQUEST_MAIL1),
      output: '\nCertificateDomains : {mail1.contoso.com, mail.contoso.com}\nHasPrivateKey      : True\nStatus             : PendingRequest\nSubject            : CN=mail1.contoso.com, DC=Contoso, DC=com\n\n',
    },
    {
      title: 'The default table',
      code: 'Get-ExchangeCertificate',
      remarks: 'Thumbprint, the Services mask and the Subject of each certificate.',
      setup: 'New-ExchangeCertificate -SubjectName "CN=edge1.contoso.com" -Services SMTP -KeySize 1024 | Out-Null',
      check: /Thumbprint\s+Services\s+Subject\s*\n-{10}\s+-{8}\s+-{7}\s*\n[0-9A-F]{40}\s+\.\.\.\.S\.\s+CN=edge1\.contoso\.com/,
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const store = await import('../../src/state/certstore.js');
    const { domainMatches } = await import('../../src/pki/cert.js');
    let list;
    try {
      list = store.listExchangeCertificates(home);
    } catch (e) {
      return ctx.throwTerminating(errorFrom(ctx, e, 'GetCertificateFailed'));
    }
    if (ctx.bound.has('Thumbprint') && ctx.params.Thumbprint) {
      const t = store.normalizeThumbprint(ctx.params.Thumbprint);
      list = list.filter((c) => c.thumbprint === t);
      if (list.length === 0) {
        ctx.writeError(new ErrorRecord(`The certificate with thumbprint ${t} was not found.`, `CertificateNotFound,${ctx.commandName}`, 'ObjectNotFound', t));
        return;
      }
    }
    const domains = ctx.params.DomainName ?? [];
    if (domains.length) list = list.filter((c) => c.certificateDomains.some((cd) => domains.some((d) => domainMatches(cd, d) || domainMatches(d, cd))));
    for (const c of list) {
      if (c.status !== 'Valid' && c.statusReason) ctx.writeVerbose(`${c.thumbprint}: ${c.status}. ${c.statusReason}`);
      ctx.write(certificateObject(home, c, store.keyFileMode));
    }
  },
});
