// The transport's window on the certificate store and the trust store (src/state/certstore.ts):
// the SMTP certificate with its key and chain, the trusted roots, and the one peer validation.
import { getSmtpCertificate, getTrustPem, validatePeerCertificate } from '../state/certstore.js';
import { certificatesFromPem } from '../pki/cert.js';
import { describeForProtocolLog } from '../pki/peer.js';
import type { CertificateProvider, PeerValidation, SmtpCredential } from './types.js';

export function storeCertificateProvider(home: string): CertificateProvider {
  return {
    smtpCredential(fqdn?: string): SmtpCredential | undefined {
      const c = getSmtpCertificate(home, { fqdn });
      if (!c) return undefined;
      const leaf = certificatesFromPem(c.certPem)[0];
      if (!leaf) return undefined;
      return {
        thumbprint: c.thumbprint,
        certChainPem: [c.certPem, ...c.chainPem].map((p) => p.trim() + '\n').join(''),
        keyPem: c.keyPem,
        description: describeForProtocolLog(leaf),
      };
    },
    validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server'): PeerValidation {
      if (!chain[0]) return { valid: false, status: 'Invalid', reason: 'No certificate was presented.' };
      const r = validatePeerCertificate(home, chain[0], chain.slice(1), { purpose, hostname: domain });
      return { valid: r.status === 'Valid', status: r.status, reason: r.reason };
    },
    trustedRootsPem(): string[] {
      return getTrustPem(home).ca;
    },
  };
}
