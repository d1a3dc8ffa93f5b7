// The Cert: drive over the trust store: Get-ChildItem Cert:\LocalMachine\Root (trusted roots),
// Cert:\LocalMachine\CA (intermediates and CRLs) and Cert:\LocalMachine\My (the Exchange certificates).
// Import it lazily (it loads the PKI layer).
import { PSObject } from '../../src/engine/values.js';
import { parseCertificate, parseCrl, type CertInfo, type CrlInfo } from '../../src/pki/index.js';
import { readTrustStore } from '../../src/state/trust.js';
import { readCertificateStore, derOf } from '../../src/state/certificates.js';

export const STORE_CERT_TYPE = 'System.Security.Cryptography.X509Certificates.X509Certificate2#CertificateProvider';
export const STORE_CRL_TYPE = 'System.Security.Cryptography.X509Certificates.X509Crl';
export const STORE_NAMES = ['Root', 'CA', 'My'] as const;
export type CertStoreName = (typeof STORE_NAMES)[number];

const parentPath = (store: string) => `Microsoft.PowerShell.Security\\Certificate::LocalMachine\\${store}`;

/** Parses `Cert:\LocalMachine\Root[\<thumbprint>]` (any case, `/` or `\`, optional trailing separator). */
export function parseCertStorePath(text: string): { location?: 'LocalMachine' | 'CurrentUser'; store?: CertStoreName; thumbprint?: string } | undefined {
  const m = /^cert:[\\/]*(?:(localmachine|currentuser)(?:[\\/]+([^\\/]+)(?:[\\/]+([0-9A-Fa-f]{40}))?)?)?[\\/]*$/i.exec(text.trim());
  if (!m) return undefined;
  const location = m[1] ? (m[1].toLowerCase() === 'localmachine' ? 'LocalMachine' : 'CurrentUser') : undefined;
  if (!m[2]) return { location };
  const store = STORE_NAMES.find((s) => s.toLowerCase() === m[2]!.toLowerCase());
  return store ? { location, store, thumbprint: m[3]?.toUpperCase() } : undefined;
}

export function storeCertificateObject(cert: CertInfo, store: CertStoreName, friendlyName = ''): PSObject {
  const o = new PSObject([STORE_CERT_TYPE, 'System.Security.Cryptography.X509Certificates.X509Certificate2', 'System.Object']);
  o.add('PSParentPath', parentPath(store));
  o.add('Thumbprint', cert.thumbprint);
  o.add('Subject', cert.subjectText);
  o.add('Issuer', cert.issuerText);
  o.add('NotBefore', cert.notBefore);
  o.add('NotAfter', cert.notAfter);
  o.add('SerialNumber', cert.serialNumber);
  o.add('FriendlyName', friendlyName);
  o.add('DnsNameList', [...cert.san.dns]);
  o.add('HasPrivateKey', false);
  return o;
}

export function storeCrlObject(crl: CrlInfo): PSObject {
  const o = new PSObject([STORE_CRL_TYPE, 'System.Object']);
  o.add('PSParentPath', parentPath('CA'));
  o.add('Thumbprint', crl.thumbprint);
  o.add('Issuer', crl.issuerText);
  o.add('ThisUpdate', crl.thisUpdate);
  o.add('NextUpdate', crl.nextUpdate ?? null);
  o.add('CrlNumber', crl.crlNumber ?? null);
  o.add('RevokedCount', crl.revoked.length);
  o.add('RevokedSerialNumbers', crl.revoked.map((r) => r.serialNumber));
  return o;
}

/**
 * What Get-ChildItem shows for a Cert: path; undefined when the path is not one this drive knows.
 * `Cert:\` lists the locations, `Cert:\LocalMachine` the stores.
 */
export function listCertificateDrive(home: string, text: string): PSObject[] | undefined {
  const p = parseCertStorePath(text);
  if (!p) return undefined;
  if (!p.location) return [new PSObject(undefined, { Location: 'LocalMachine', StoreNames: [...STORE_NAMES] })];
  if (!p.store) return STORE_NAMES.map((s) => new PSObject(undefined, { Name: s }));
  if (p.thumbprint) {
    const all = listCertificateDrive(home, `Cert:\\${p.location}\\${p.store}`) ?? [];
    return all.filter((o) => o.get('Thumbprint') === p.thumbprint);
  }
  if (p.store === 'My') {
    const doc = readCertificateStore(home);
    return doc.certificates.map((c) => {
      const o = storeCertificateObject(parseCertificate(derOf(c.certificate)), 'My', c.friendlyName);
      o.set('HasPrivateKey', !!c.keyFile);
      return o;
    });
  }
  const trust = readTrustStore(home);
  if (p.store === 'Root') return trust.roots.map((r) => storeCertificateObject(parseCertificate(derOf(r.data)), 'Root'));
  return [
    ...trust.intermediates.map((r) => storeCertificateObject(parseCertificate(derOf(r.data)), 'CA')),
    ...trust.crls.map((r) => storeCrlObject(parseCrl(derOf(r.data)))),
  ];
}

/** Remove-Item Cert:\LocalMachine\Root\<thumbprint> (also CA certificates and CRLs by thumbprint). */
export async function removeCertificateDriveItem(home: string, text: string): Promise<boolean> {
  const p = parseCertStorePath(text);
  if (!p?.store || !p.thumbprint || p.store === 'My') return false;
  const { removeTrusted } = await import('../../src/state/trust.js');
  if (p.store === 'Root') return removeTrusted(home, 'Root', p.thumbprint);
  return (await removeTrusted(home, 'CA', p.thumbprint)) || (await removeTrusted(home, 'CRL', p.thumbprint));
}
