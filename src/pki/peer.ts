// Helpers for the transport: turn what Node's TLS socket gives into DER, and describe a certificate
// the way the SMTP protocol log does (`*CN=edgea36, Certificate subject`, ...).
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import { CertInfo, parseCertificate } from './cert.js';

/** The peer's leaf and the chain it sent, from `socket.getPeerCertificate(true)`; undefined when none. */
export function peerChainFromTls(peer: PeerCertificate | DetailedPeerCertificate | undefined | null): { leaf: Buffer; chain: Buffer[] } | undefined {
  if (!peer || !peer.raw || peer.raw.length === 0) return undefined;
  const leaf = Buffer.from(peer.raw);
  const chain: Buffer[] = [];
  const seen = new Set<string>([leaf.toString('base64')]);
  let cur = (peer as DetailedPeerCertificate).issuerCertificate;
  while (cur && cur.raw && cur.raw.length) {
    const key = cur.raw.toString('base64');
    if (seen.has(key)) break; // a self-signed root points at itself
    seen.add(key);
    chain.push(Buffer.from(cur.raw));
    cur = cur.issuerCertificate;
  }
  return { leaf, chain };
}

export interface ProtocolLogCertificate {
  subject: string;
  issuer: string;
  serialNumber: string;
  thumbprint: string;
  /** SAN DNS names joined by `;`, as Exchange logs them. */
  alternateNames: string;
}

/** The five `*` information lines Exchange writes for a certificate in a verbose protocol log. */
export function describeForProtocolLog(cert: Uint8Array | CertInfo): ProtocolLogCertificate {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  return {
    subject: c.subjectText,
    issuer: c.issuerText,
    serialNumber: c.serialNumber,
    thumbprint: c.thumbprint,
    alternateNames: c.san.dns.join(';'),
  };
}
