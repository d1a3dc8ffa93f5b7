import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { errorFrom } from './common.js';
import { LAB_CA } from './lab-setup.js';

interface Params {
  FilePath: string;
  CertStoreLocation: string;
}

export default defineCmdlet<Params>({
  name: 'Import-Certificate',
  synopsis: 'Adds certificates to the trusted root or intermediate store, and CRLs to the intermediate store.',
  description:
    'Cert:\\LocalMachine\\Root holds the trusted root certification authorities: a chain that ends at one of them ' +
    'is trusted (by Get-ExchangeCertificate\'s Status and by domain security). Cert:\\LocalMachine\\CA holds ' +
    'intermediate CA certificates and certificate revocation lists (CRL files, PEM or DER); a certificate whose ' +
    'serial number a CRL from its issuer lists is Revoked. A file may hold several certificates (PEM or PKCS#7). ' +
    'Use Import-ExchangeCertificate for the server\'s own certificates.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: ['System.Security.Cryptography.X509Certificates.X509Certificate2'],
  parameters: [
    { name: 'FilePath', type: 'String', position: 0, mandatory: true, description: 'The certificate (.cer, .crt, .pem, .p7b) or CRL (.crl) file.' },
    {
      name: 'CertStoreLocation',
      type: 'String',
      mandatory: true,
      description: 'Cert:\\LocalMachine\\Root (trusted roots) or Cert:\\LocalMachine\\CA (intermediates and CRLs).',
      complete: (_ctx, word) => ['Cert:\\LocalMachine\\Root', 'Cert:\\LocalMachine\\CA'].filter((s) => s.toLowerCase().startsWith(word.toLowerCase())),
    },
  ],
  examples: [
    {
      title: 'Trust a root certification authority',
      code: 'Import-Certificate -FilePath .\\labca\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root | Format-List Subject',
      remarks: 'Certificates that chain to this root become Valid.',
      setup: LAB_CA,
      output: '\nSubject : CN=Lab Root CA\n\n',
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const { parseCertStorePath, storeCertificateObject, storeCrlObject } = await import('./certdrive.js');
    const where = parseCertStorePath(ctx.params.CertStoreLocation ?? '');
    if (!where?.store || where.store === 'My' || where.location !== 'LocalMachine') {
      const hint = where?.store === 'My' ? ' Use Import-ExchangeCertificate for the server\'s own certificates.' : '';
      ctx.throwTerminating(
        new ErrorRecord(
          `The certificate store location '${ctx.params.CertStoreLocation}' is not supported. Use Cert:\\LocalMachine\\Root or Cert:\\LocalMachine\\CA.${hint}`,
          `UnsupportedStoreLocation,${ctx.commandName}`,
          'InvalidArgument',
          ctx.params.CertStoreLocation,
        ),
      );
    }
    const store = where!.store as 'Root' | 'CA';
    const file = ctx.session.resolvePath(ctx.params.FilePath);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      return ctx.throwTerminating(missing ? `Could not find file '${file}'.` : `The file '${file}' cannot be read: ${(e as Error).message}`, 'FileReadError', missing ? 'ObjectNotFound' : 'ReadError', file);
    }
    const pki = await import('../../src/pki/index.js');
    const trust = await import('../../src/state/trust.js');
    let certs: ReturnType<typeof pki.parseCertificate>[] = [];
    try {
      certs = pki.certificatesFromBytes(bytes).map((d) => pki.parseCertificate(d));
    } catch {
      certs = [];
    }
    let crls: ReturnType<typeof pki.parseCrl>[] = [];
    if (certs.length === 0) {
      try {
        crls = pki.crlDersFrom(bytes).map((d) => pki.parseCrl(d));
      } catch {
        crls = [];
      }
    }
    if (certs.length === 0 && crls.length === 0) {
      ctx.throwTerminating(`The file '${file}' is not a certificate, a PKCS#7 certificate file or a certificate revocation list.`, 'NotACertificate', 'InvalidData', file);
    }
    try {
      for (const cert of certs) {
        if (!(await ctx.shouldProcess(`${cert.subjectText} (${cert.thumbprint})`, `Import certificate into Cert:\\LocalMachine\\${store}`))) continue;
        if (store === 'Root' && !pki.isSelfSigned(cert)) {
          ctx.writeWarning(`The certificate '${cert.subjectText}' is not self-signed; it is trusted as a root anyway.`);
        }
        await trust.addTrustedCertificate(home, store, cert.der);
        ctx.write(storeCertificateObject(cert, store));
      }
      for (const crl of crls) {
        if (!(await ctx.shouldProcess(`CRL of ${crl.issuerText}`, `Import certificate revocation list into Cert:\\LocalMachine\\CA`))) continue;
        const t = trust.trustMaterial(home);
        const issuers = [...t.roots, ...t.intermediates].map((d) => pki.parseCertificate(d));
        if (!issuers.some((i) => pki.crlSignedBy(crl, i))) {
          ctx.writeWarning(`No certificate in the trust store has signed this revocation list of '${crl.issuerText}'; it is used once its issuer is imported.`);
        }
        await trust.addCrl(home, crl.der, (stored) => {
          try {
            const old = pki.parseCrl(stored);
            return old.issuerDer.equals(crl.issuerDer) && old.thisUpdate.getTime() <= crl.thisUpdate.getTime();
          } catch {
            return false;
          }
        });
        ctx.write(storeCrlObject(crl));
      }
    } catch (e) {
      if ((e as Error)?.name === 'PSRuntimeError') throw e;
      ctx.throwTerminating(errorFrom(ctx, e, 'ImportCertificateFailed', file));
    }
  },
});
