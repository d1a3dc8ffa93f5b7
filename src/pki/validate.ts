// The one certificate validation: chain to a trusted root, dates, key usage / EKU, revocation by the
// CRLs in the trust store. Get-ExchangeCertificate's Status and the transport's peer checks both ask it.
import { CertInfo, OID, isIssuedBy, matchesHostname, parseCertificate } from './cert.js';
import { CrlInfo, crlSignedBy, normalizeSerial, parseCrl } from './crl.js';

export type CertificateStatus = 'Valid' | 'Untrusted' | 'Revoked' | 'DateInvalid' | 'RevocationCheckFailure' | 'Invalid';

/** What the server trusts: roots, intermediates it may build chains with, and the CRLs it holds. */
export interface TrustMaterial {
  roots: (Uint8Array | CertInfo)[];
  intermediates?: (Uint8Array | CertInfo)[];
  crls?: (Uint8Array | CrlInfo)[];
}

export interface ValidateOptions {
  /** 'server' needs serverAuth, 'client' clientAuth (when the certificate restricts its EKU). */
  purpose?: 'server' | 'client' | 'any';
  /** The moment to validate at (default now). */
  at?: Date;
  /** When given, the certificate must name this host (SAN DNS, else CN; `*.` wildcards). */
  hostname?: string;
  /**
   * 'auto' (default): check against a CRL from the issuer when the store has one; a certificate that
   * names a CRL distribution point but has no CRL in the store is RevocationCheckFailure.
   * 'require': every non-root certificate needs a current CRL. 'off': no revocation check.
   */
  revocation?: 'auto' | 'require' | 'off';
}

export interface ValidationResult {
  status: CertificateStatus;
  /** Why, in a sentence (empty for Valid). */
  reason: string;
  /** Leaf first; ends at the trusted root when there is one. */
  chain: CertInfo[];
  trustedRoot?: CertInfo;
}

const asCert = (c: Uint8Array | CertInfo): CertInfo => (c instanceof Uint8Array ? parseCertificate(c) : c);
const asCrl = (c: Uint8Array | CrlInfo): CrlInfo => (c instanceof Uint8Array ? parseCrl(c) : c);

function validAt(c: CertInfo, at: Date): boolean {
  return c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
}

function fmt(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/**
 * Validates `leaf` (DER or parsed) with the extra chain certificates it came with (from the PFX or the
 * TLS peer) against `trust`.
 */
export function validateChain(
  leafIn: Uint8Array | CertInfo,
  extraChain: (Uint8Array | CertInfo)[],
  trustIn: TrustMaterial,
  opts: ValidateOptions = {},
): ValidationResult {
  const at = opts.at ?? new Date();
  let leaf: CertInfo;
  try {
    leaf = asCert(leafIn);
  } catch (e) {
    return { status: 'Invalid', reason: `The certificate cannot be read: ${(e as Error).message}`, chain: [] };
  }
  const parseAll = <T, R>(xs: T[] | undefined, f: (x: T) => R): R[] =>
    (xs ?? []).flatMap((x) => {
      try {
        return [f(x)];
      } catch {
        return [];
      }
    });
  const roots = parseAll(trustIn.roots, asCert);
  const pool = [...parseAll(extraChain, asCert), ...parseAll(trustIn.intermediates, asCert)];
  const crls = parseAll(trustIn.crls, asCrl);
  const isRoot = (c: CertInfo) => roots.some((r) => r.thumbprint === c.thumbprint);

  if (!validAt(leaf, at)) {
    const why = at < leaf.notBefore ? `is not valid before ${fmt(leaf.notBefore)}` : `expired on ${fmt(leaf.notAfter)}`;
    return { status: 'DateInvalid', reason: `The certificate '${leaf.subjectText}' ${why}.`, chain: [leaf] };
  }

  // build the chain upwards, preferring trusted roots and certificates valid now
  const chain: CertInfo[] = [leaf];
  const seen = new Set([leaf.thumbprint]);
  let trustedRoot: CertInfo | undefined;
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (isRoot(current)) {
      trustedRoot = current;
      break;
    }
    if (current.selfIssued && isIssuedBy(current, current)) break;
    const candidates = [...roots, ...pool].filter((c) => !seen.has(c.thumbprint) && isIssuedBy(current, c));
    candidates.sort((a, b) => Number(isRoot(b)) - Number(isRoot(a)) || Number(validAt(b, at)) - Number(validAt(a, at)));
    const next = candidates[0];
    if (!next) break;
    chain.push(next);
    seen.add(next.thumbprint);
    current = next;
  }
  if (!trustedRoot) {
    const top = chain[chain.length - 1]!;
    const reason =
      top.selfIssued && isIssuedBy(top, top)
        ? `The certificate chain ends at '${top.subjectText}', which is not a trusted root certification authority.`
        : `The issuer '${top.issuerText}' of the certificate '${top.subjectText}' was not found in the trusted root or intermediate stores.`;
    return { status: 'Untrusted', reason, chain };
  }

  for (const c of chain) {
    if (!validAt(c, at)) {
      return { status: 'DateInvalid', reason: `The certificate '${c.subjectText}' in the chain is outside its validity period (${fmt(c.notBefore)} to ${fmt(c.notAfter)}).`, chain, trustedRoot };
    }
  }

  // CA constraints on every issuer in the chain
  for (let i = 1; i < chain.length; i++) {
    const ca = chain[i]!;
    const isTrustAnchor = ca === trustedRoot;
    if (ca.basicConstraints ? !ca.basicConstraints.ca : ca.version >= 3 && !isTrustAnchor) {
      return { status: 'Invalid', reason: `The certificate '${ca.subjectText}' is not a certification authority but issued '${chain[i - 1]!.subjectText}'.`, chain, trustedRoot };
    }
    if (ca.keyUsage && !ca.keyUsage.includes('keyCertSign')) {
      return { status: 'Invalid', reason: `The key usage of '${ca.subjectText}' does not allow signing certificates.`, chain, trustedRoot };
    }
    // pathLen counts the CA certificates allowed below this one (the leaf excluded)
    const pathLen = ca.basicConstraints?.pathLen;
    if (pathLen !== undefined && i - 1 > pathLen) {
      return { status: 'Invalid', reason: `The path length constraint of '${ca.subjectText}' is exceeded.`, chain, trustedRoot };
    }
  }

  // the leaf's purpose
  const purpose = opts.purpose ?? 'server';
  if (purpose !== 'any' && chain.length > 1) {
    const want = purpose === 'server' ? OID.serverAuth : OID.clientAuth;
    if (leaf.extKeyUsage && !leaf.extKeyUsage.includes(want) && !leaf.extKeyUsage.includes(OID.anyExtendedKeyUsage)) {
      return { status: 'Invalid', reason: `The certificate '${leaf.subjectText}' is not valid for ${purpose === 'server' ? 'server' : 'client'} authentication (enhanced key usage).`, chain, trustedRoot };
    }
    if (leaf.keyUsage && !leaf.keyUsage.some((u) => u === 'digitalSignature' || u === 'keyEncipherment' || u === 'keyAgreement')) {
      return { status: 'Invalid', reason: `The key usage of '${leaf.subjectText}' does not allow TLS authentication.`, chain, trustedRoot };
    }
  }

  if (opts.hostname && !matchesHostname(leaf, opts.hostname)) {
    return { status: 'Invalid', reason: `The certificate '${leaf.subjectText}' does not match the name '${opts.hostname}'.`, chain, trustedRoot };
  }

  // revocation of every certificate below the trust anchor
  const mode = opts.revocation ?? 'auto';
  if (mode !== 'off') {
    for (let i = 0; i < chain.length - 1; i++) {
      const c = chain[i]!;
      const issuer = chain[i + 1]!;
      const fromIssuer = crls.filter((l) => {
        try {
          return crlSignedBy(l, issuer);
        } catch {
          return false;
        }
      });
      if (fromIssuer.length === 0) {
        if (mode === 'require' || c.crlDistributionPoints.length) {
          const where = c.crlDistributionPoints.length ? ` (published at ${c.crlDistributionPoints.join(', ')})` : '';
          return {
            status: 'RevocationCheckFailure',
            reason: `The revocation list of '${issuer.subjectText}'${where} is not in the trust store, so '${c.subjectText}' cannot be checked. Import it with Import-Certificate -CertStoreLocation Cert:\\LocalMachine\\CA.`,
            chain,
            trustedRoot,
          };
        }
        continue;
      }
      const serial = normalizeSerial(c.serialNumber);
      const hit = fromIssuer.flatMap((l) => l.revoked).find((r) => r.serialNumber === serial && r.date.getTime() <= at.getTime());
      if (hit) {
        return { status: 'Revoked', reason: `The certificate '${c.subjectText}' (serial number ${c.serialNumber}) was revoked by '${issuer.subjectText}' on ${fmt(hit.date)}.`, chain, trustedRoot };
      }
      const newest = fromIssuer.reduce((a, b) => (b.thisUpdate > a.thisUpdate ? b : a));
      if (newest.nextUpdate && newest.nextUpdate.getTime() < at.getTime()) {
        return { status: 'RevocationCheckFailure', reason: `The newest revocation list of '${issuer.subjectText}' expired on ${fmt(newest.nextUpdate)}.`, chain, trustedRoot };
      }
    }
  }
  return { status: 'Valid', reason: '', chain, trustedRoot };
}
