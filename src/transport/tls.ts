// TLS facts for logs, headers and policy: the peer's chain from a TLS socket, the protocol and
// cipher names. Certificate descriptions and chain extraction come from src/pki/peer.ts.
import * as crypto from 'node:crypto';
import * as tls from 'node:tls';
import { certificatesFromPem } from '../pki/cert.js';
import { describeForProtocolLog, peerChainFromTls } from '../pki/peer.js';
import type { CertificateDescription, SmtpCredential } from './types.js';

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

/** Chains seen per client leaf certificate: a partner presents the same one on every session. */
const clientChains = new Map<string, Buffer[]>();

/**
 * peerChain() for the receive side. Node's detailed getPeerCertificate(true) turns every
 * certificate of the chain into an object (~0.2 ms a session; getPeerX509Certificate() ~0.14 ms),
 * so the chain is read once per leaf and remembered, and only the leaf (~0.04 ms) every time. The
 * intermediates are public: reusing the ones a leaf came with before changes no verdict.
 */
export function clientChain(socket: tls.TLSSocket): Buffer[] {
  let leaf: Buffer | undefined;
  try {
    leaf = socket.getPeerCertificate(false)?.raw;
  } catch {
    leaf = undefined;
  }
  if (!leaf || leaf.length === 0) return peerChain(socket);
  const key = leaf.toString('latin1');
  let chain = clientChains.get(key);
  if (!chain) {
    chain = peerChain(socket);
    if (!chain.length) return chain;
    if (clientChains.size >= 256) clientChains.clear();
    clientChains.set(key, chain);
  }
  return chain;
}

/** `TLSv1.3` → `TLS1_3`, the spelling of Exchange's Received headers. */
export function exchangeTlsVersion(protocol: string | null | undefined): string {
  if (!protocol) return 'unknown';
  return protocol.replace(/^TLSv/, 'TLS').replace('.', '_');
}

export interface TlsFacts {
  protocol: string;
  cipher: string;
  /** The handshake resumed an earlier TLS session. */
  resumed?: boolean;
}

export function tlsFacts(socket: tls.TLSSocket): TlsFacts {
  const c = socket.getCipher();
  return { protocol: socket.getProtocol() ?? 'unknown', cipher: c?.standardName || c?.name || 'unknown', ...(socket.isSessionReused() ? { resumed: true } : {}) };
}

/**
 * The one TLS context for a certificate and trust (the caller caches it by thumbprint and roots, so
 * a changed certificate or trust gets a new one). It serves both sides: the receive side presents
 * it as server and asks for client certificates; the send side presents it as client certificate.
 * Session resumption: the context has its own ticket keys (random per context, so a new certificate
 * also invalidates old tickets) and a session id context. Without the latter OpenSSL refuses to
 * resume any session on a socket that asks for a client certificate (alert "internal error"). A
 * resumed session keeps the client certificate of its full handshake, and policy checks it again.
 */
export function sharedSecureContext(c: Pick<SmtpCredential, 'thumbprint' | 'certChainPem' | 'keyPem'>, roots: string[], opts: { sessionTimeoutSeconds?: number } = {}): tls.SecureContext {
  const idContext = crypto.createHash('sha256').update(`edgeshell|${c.thumbprint}|${roots.join('')}`).digest('hex').slice(0, 32);
  return tls.createSecureContext({
    cert: c.certChainPem,
    key: c.keyPem,
    ...(roots.length ? { ca: roots } : {}),
    minVersion: 'TLSv1.2',
    sessionIdContext: idContext,
    sessionTimeout: opts.sessionTimeoutSeconds ?? 300,
  });
}
