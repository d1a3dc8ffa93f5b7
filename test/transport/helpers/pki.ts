// Certificates for transport tests, made with src/pki (a lab root, leaves, CRLs), and a certificate
// provider that validates with the real validateChain against an in-memory trust store.
import { generateRsaKeyPair } from '../../../src/pki/keys.js';
import { issueCertificate, randomSerialHex } from '../../../src/pki/build.js';
import { OID, certToPem, parseCertificate, type CertInfo } from '../../../src/pki/cert.js';
import { encodeName, parseDistinguishedName } from '../../../src/pki/names.js';
import { buildCrl } from '../../../src/pki/crl.js';
import { validateChain } from '../../../src/pki/validate.js';
import { describeForProtocolLog } from '../../../src/pki/peer.js';
import type { CertificateProvider, SmtpCredential } from '../../../src/transport/types.js';

export interface TestCa {
  cert: CertInfo;
  pem: string;
  keyPem: string;
  revoked: { serialNumber: string; date: Date }[];
}

export interface TestCert {
  der: Buffer;
  pem: string;
  keyPem: string;
  info: CertInfo;
}

const DAY = 86_400_000;

export async function makeCa(name: string): Promise<TestCa> {
  const key = await generateRsaKeyPair(2048);
  const subjectDer = encodeName(parseDistinguishedName(`CN=${name}`));
  const der = issueCertificate({ subjectDer, spkiDer: key.spkiDer, issuerKeyPem: key.privateKeyPem, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 3650 * DAY), ca: true });
  return { cert: parseCertificate(der), pem: certToPem(der), keyPem: key.privateKeyPem, revoked: [] };
}

export async function issue(ca: TestCa, opts: { subject: string; dns: string[]; notBefore?: Date; notAfter?: Date; crlUrl?: string }): Promise<TestCert> {
  const key = await generateRsaKeyPair(2048);
  const der = issueCertificate({
    subjectDer: encodeName(parseDistinguishedName(opts.subject)),
    spkiDer: key.spkiDer,
    issuerCert: ca.cert,
    issuerKeyPem: ca.keyPem,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
    serialHex: randomSerialHex(),
    dnsNames: opts.dns,
    extKeyUsage: [OID.serverAuth, OID.clientAuth],
    crlUrls: opts.crlUrl ? [opts.crlUrl] : undefined,
  });
  return { der, pem: certToPem(der), keyPem: key.privateKeyPem, info: parseCertificate(der) };
}

export function crlOf(ca: TestCa): Buffer {
  return buildCrl({ issuerCert: ca.cert, issuerKeyPem: ca.keyPem, revoked: ca.revoked, thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + 7 * DAY), crlNumber: 1 });
}

export function credentialOf(c: TestCert, chain: TestCa[] = []): SmtpCredential {
  return { thumbprint: c.info.thumbprint, certChainPem: c.pem + chain.map((x) => x.pem).join(''), keyPem: c.keyPem, description: describeForProtocolLog(c.der) };
}

/** A provider over mutable fields, so a test can change the certificate or the trust while the service runs. */
export class TestCertificates implements CertificateProvider {
  credential?: SmtpCredential;
  roots: TestCa[] = [];
  crls: Buffer[] = [];
  validations = 0;

  smtpCredential(): SmtpCredential | undefined {
    return this.credential;
  }
  validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server') {
    this.validations++;
    const r = validateChain(chain[0]!, chain.slice(1), { roots: this.roots.map((c) => c.cert.der), crls: this.crls }, { purpose, hostname: domain });
    return { valid: r.status === 'Valid', status: r.status, reason: r.reason };
  }
  trustedRootsPem(): string[] {
    return this.roots.map((r) => r.pem);
  }
}
