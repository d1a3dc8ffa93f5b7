// The receiving side most transport tests need: a lab CA, Woodgrove Bank's server certificate and
// Contoso's partner certificate from it, and a Woodgrove server that requires domain security from
// contoso.com on its Inet connector (not started).
import { TestCertificates, credentialOf, issue, makeCa, type TestCa, type TestCert } from './pki.js';
import { makeOrg, type Org } from './env.js';

export interface SecureWoodgrove {
  root: TestCa;
  woodgroveCert: TestCert;
  contosoCert: TestCert;
  org: Org;
}

export async function secureWoodgrove(name = 'WOODGROVE'): Promise<SecureWoodgrove> {
  const root = await makeCa('Lab Root CA');
  const [woodgroveCert, contosoCert] = await Promise.all([
    issue(root, { subject: 'CN=mail.woodgrovebank.com', dns: ['mail.woodgrovebank.com', 'woodgrovebank.com'] }),
    issue(root, { subject: 'CN=mail1.contoso.com', dns: ['mail1.contoso.com', 'contoso.com'] }),
  ]);
  const certs = new TestCertificates();
  certs.credential = credentialOf(woodgroveCert);
  certs.roots = [root];
  const org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name, certificates: certs });
  org.snap.config.tlsReceiveDomainSecureList = ['contoso.com'];
  org.snap.receiveConnectors[0]!.domainSecureEnabled = true;
  return { root, woodgroveCert, contosoCert, org };
}
