// TLS facts for logs, headers and policy: the peer's chain from a TLS socket, the protocol and
// cipher names. Certificate descriptions and chain extraction come from src/pki/peer.ts.
import type * as tls from 'node:tls';
import { certificatesFromPem } from '../pki/cert.js';
import { describeForProtocolLog, peerChainFromTls } from '../pki/peer.js';
import type { CertificateDescription } from './types.js';

/** Subject, issuer (.NET order), serial, thumbprint and DNS names of a DER certificate. */
export function describeCertificate(der: Uint8Array): CertificateDescription {
  return describeForProtocolLog(der);
}

export function describePemLeaf(pem: string): CertificateDescription | undefined {
  const der = certificatesFromPem(pem)[0];
  return der ? describeCertificate(der) : undefined;
}

/** The certificates the peer presented, leaf first (DER). Empty when it presented none. */
export function peerChain(socket: tls.TLSSocket): Buffer[] {
  try {
    const p = peerChainFromTls(socket.getPeerCertificate(true));
    return p ? [p.leaf, ...p.chain] : [];
  } catch {
    return [];
  }
}

/** `TLSv1.3` → `TLS1_3`, the spelling of Exchange's Received headers. */
export function exchangeTlsVersion(protocol: string | null | undefined): string {
  if (!protocol) return 'unknown';
  return protocol.replace(/^TLSv/, 'TLS').replace('.', '_');
}

export interface TlsFacts {
  protocol: string;
  cipher: string;
}

export function tlsFacts(socket: tls.TLSSocket): TlsFacts {
  const c = socket.getCipher();
  return { protocol: socket.getProtocol() ?? 'unknown', cipher: c?.standardName || c?.name || 'unknown' };
}
