// X.509 certificates read from DER with our own ASN.1 walker (any key type: RSA, EC, Ed25519), so
// peer certificates from the transport parse as well as the ones we make. Signatures are checked
// with Node's crypto.
import * as crypto from 'node:crypto';
import {
  DerError,
  DerNode,
  TAG,
  child,
  decode,
  expectTag,
  isContext,
  readBitString,
  readIntegerHex,
  readOid,
  readTime,
  pemBlocks,
  toPem,
} from './der.js';
import { Rdn, commonName, decodeName, formatNameNet } from './names.js';

export const OID = {
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  anyExtendedKeyUsage: '2.5.29.37.0',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

/** Key usage bits, named as RFC 5280 lists them (bit 0 first). */
export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export interface SubjectAltNames {
  dns: string[];
  ip: string[];
  email: string[];
  uri: string[];
}

export interface CertInfo {
  der: Buffer;
  /** Uppercase hex SHA-1 of the DER, as Windows shows it. */
  thumbprint: string;
  /** Uppercase hex of the serial number's content octets. */
  serialNumber: string;
  version: number;
  subject: Rdn[];
  issuer: Rdn[];
  /** .NET-style text: `CN=mail1.contoso.com, DC=Contoso, DC=com`. */
  subjectText: string;
  issuerText: string;
  subjectDer: Buffer;
  issuerDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Buffer;
  publicKeyAlgorithm: string;
  /** Bits: RSA modulus length, EC curve size. */
  publicKeySize: number;
  tbsDer: Buffer;
  signatureAlgorithm: DerNode;
  signature: Buffer;
  san: SubjectAltNames;
  /** Key usage names, undefined when the extension is absent. */
  keyUsage?: string[];
  extKeyUsage?: string[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  crlDistributionPoints: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** Subject equals issuer (the signature is not checked here). */
  selfIssued: boolean;
}

export class CertificateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateFormatError';
  }
}

export function sha1Hex(data: Uint8Array): string {
  return crypto.createHash('sha1').update(data).digest('hex').toUpperCase();
}

export const thumbprintOf = sha1Hex;

export function publicKeyFromSpki(spki: Uint8Array): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

export function publicKeySize(key: crypto.KeyObject): number {
  const d = key.asymmetricKeyDetails;
  if (d?.modulusLength) return d.modulusLength;
  const curve = d?.namedCurve ?? '';
  const m = /(\d{3})/.exec(curve);
  if (m) return Number(m[1]);
  if (key.asymmetricKeyType === 'ed25519') return 256;
  if (key.asymmetricKeyType === 'ed448') return 456;
  return 0;
}

function parseGeneralNames(seqNode: DerNode, san: SubjectAltNames): void {
  for (const gn of seqNode.children) {
    const n = gn.tag & 0x1f;
    if ((gn.tag & 0xc0) !== 0x80) continue;
    if (n === 2) san.dns.push(gn.content.toString('latin1'));
    else if (n === 1) san.email.push(gn.content.toString('latin1'));
    else if (n === 6) san.uri.push(gn.content.toString('latin1'));
    else if (n === 7) {
      const b = gn.content;
      if (b.length === 4) san.ip.push([...b].join('.'));
      else if (b.length === 16) san.ip.push(b.toString('hex').match(/.{4}/g)!.join(':'));
    }
  }
}

export interface ParsedExtensions {
  san: SubjectAltNames;
  keyUsage?: string[];
  extKeyUsage?: string[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  crlDistributionPoints: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  critical: string[];
}

/** Reads a SEQUENCE OF Extension (certificates and CSR extension requests share it). */
export function parseExtensions(extsSeq: DerNode | undefined): ParsedExtensions {
  const out: ParsedExtensions = { san: { dns: [], ip: [], email: [], uri: [] }, crlDistributionPoints: [], critical: [] };
  if (!extsSeq) return out;
  for (const ext of extsSeq.children) {
    const id = readOid(child(ext, 0));
    let idx = 1;
    if (ext.children[1]?.tag === TAG.BOOLEAN) {
      if (ext.children[1].content[0]) out.critical.push(id);
      idx = 2;
    }
    const value = decode(expectTag(child(ext, idx, 'extension value'), TAG.OCTET_STRING, 'extension value').content);
    switch (id) {
      case OID.subjectAltName:
        parseGeneralNames(value, out.san);
        break;
      case OID.keyUsage: {
        const b = value.content;
        const names: string[] = [];
        const bitsBytes = b.subarray(1);
        KEY_USAGE_NAMES.forEach((name, i) => {
          const byte = bitsBytes[i >> 3] ?? 0;
          if (byte & (0x80 >> (i & 7))) names.push(name);
        });
        out.keyUsage = names;
        break;
      }
      case OID.extKeyUsage:
        out.extKeyUsage = value.children.map(readOid);
        break;
      case OID.basicConstraints: {
        const ca = value.children[0]?.tag === TAG.BOOLEAN ? value.children[0].content[0] !== 0 : false;
        const last = value.children[value.children.length - 1];
        const pathLen = last?.tag === TAG.INTEGER ? Number.parseInt(last.content.toString('hex') || '0', 16) : undefined;
        out.basicConstraints = { ca, pathLen };
        break;
      }
      case OID.crlDistributionPoints:
        for (const dp of value.children) {
          const dpName = dp.children.find((c) => isContext(c, 0));
          const full = dpName?.children.find((c) => isContext(c, 0));
          if (full) {
            const san: SubjectAltNames = { dns: [], ip: [], email: [], uri: [] };
            parseGeneralNames(full, san);
            out.crlDistributionPoints.push(...san.uri);
          }
        }
        break;
      case OID.subjectKeyIdentifier:
        out.subjectKeyId = value.content.toString('hex').toUpperCase();
        break;
      case OID.authorityKeyIdentifier: {
        const kid = value.children.find((c) => isContext(c, 0));
        if (kid) out.authorityKeyId = kid.content.toString('hex').toUpperCase();
        break;
      }
    }
  }
  return out;
}

/** Parses a DER X.509 certificate; CertificateFormatError when it is not one. */
export function parseCertificate(der: Uint8Array): CertInfo {
  const buf = Buffer.from(der);
  try {
    const cert = expectTag(decode(buf), TAG.SEQUENCE, 'Certificate');
    const tbs = expectTag(child(cert, 0, 'tbsCertificate'), TAG.SEQUENCE, 'tbsCertificate');
    const sigAlg = expectTag(child(cert, 1, 'signatureAlgorithm'), TAG.SEQUENCE, 'signatureAlgorithm');
    const signature = readBitString(child(cert, 2, 'signature'));
    let i = 0;
    let version = 1;
    if (isContext(tbs.children[0]!, 0)) {
      version = Number(tbs.children[0]!.children[0]!.content[0] ?? 0) + 1;
      i = 1;
    }
    const serialNumber = readIntegerHex(child(tbs, i++, 'serialNumber'));
    i++; // inner signature algorithm
    const issuerNode = child(tbs, i++, 'issuer');
    const validity = expectTag(child(tbs, i++, 'validity'), TAG.SEQUENCE, 'validity');
    const subjectNode = child(tbs, i++, 'subject');
    const spkiNode = expectTag(child(tbs, i++, 'subjectPublicKeyInfo'), TAG.SEQUENCE, 'subjectPublicKeyInfo');
    let extsSeq: DerNode | undefined;
    for (; i < tbs.children.length; i++) if (isContext(tbs.children[i]!, 3)) extsSeq = tbs.children[i]!.children[0];
    const subject = decodeName(subjectNode);
    const issuer = decodeName(issuerNode);
    const keyAlg = readOid(child(child(spkiNode, 0), 0));
    let size = 0;
    try {
      size = publicKeySize(publicKeyFromSpki(spkiNode.raw));
    } catch {
      // an algorithm Node cannot load: the certificate still parses, its key size is unknown
    }
    const ext = parseExtensions(extsSeq);
    return {
      der: buf,
      thumbprint: sha1Hex(buf),
      serialNumber,
      version,
      subject,
      issuer,
      subjectText: formatNameNet(subject),
      issuerText: formatNameNet(issuer),
      subjectDer: Buffer.from(subjectNode.raw),
      issuerDer: Buffer.from(issuerNode.raw),
      notBefore: readTime(child(validity, 0)),
      notAfter: readTime(child(validity, 1)),
      spkiDer: Buffer.from(spkiNode.raw),
      publicKeyAlgorithm: keyAlg,
      publicKeySize: size,
      tbsDer: Buffer.from(tbs.raw),
      signatureAlgorithm: sigAlg,
      signature: Buffer.from(signature),
      san: ext.san,
      keyUsage: ext.keyUsage,
      extKeyUsage: ext.extKeyUsage,
      basicConstraints: ext.basicConstraints,
      crlDistributionPoints: ext.crlDistributionPoints,
      subjectKeyId: ext.subjectKeyId,
      authorityKeyId: ext.authorityKeyId,
      selfIssued: Buffer.from(subjectNode.raw).equals(Buffer.from(issuerNode.raw)),
    };
  } catch (e) {
    if (e instanceof DerError || e instanceof TypeError) throw new CertificateFormatError(`not an X.509 certificate (${e.message})`);
    throw e;
  }
}

const SIG_HASH: Record<string, string | null> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
  '1.3.101.113': null,
};

const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

/** Verifies a signature over `data` made with the algorithm in `sigAlg` (RSA, RSA-PSS, ECDSA, EdDSA). */
export function verifySignature(sigAlg: DerNode, data: Uint8Array, signature: Uint8Array, publicKey: crypto.KeyObject): boolean {
  const algOid = readOid(child(sigAlg, 0));
  try {
    if (algOid === '1.2.840.113549.1.1.10') {
      // RSASSA-PSS: hash and salt from the parameters (defaults: SHA-1, 20)
      let hash = 'sha1';
      let saltLength = 20;
      const params = sigAlg.children[1];
      for (const p of params?.children ?? []) {
        if (isContext(p, 0)) hash = HASH_OIDS[readOid(child(child(p, 0), 0))] ?? hash;
        if (isContext(p, 2)) saltLength = Number.parseInt(child(p, 0).content.toString('hex'), 16);
      }
      return crypto.verify(hash, data, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
    }
    if (!(algOid in SIG_HASH)) return false;
    return crypto.verify(SIG_HASH[algOid] ?? null, data, publicKey, signature);
  } catch {
    return false;
  }
}

/** True when `issuer` signed `cert` (name chaining and signature). */
export function isIssuedBy(cert: CertInfo, issuer: CertInfo): boolean {
  if (!cert.issuerDer.equals(issuer.subjectDer)) {
    // names may differ only in string types; compare the text form too
    if (formatNameNet(cert.issuer).toLowerCase() !== formatNameNet(issuer.subject).toLowerCase()) return false;
  }
  try {
    return verifySignature(cert.signatureAlgorithm, cert.tbsDer, cert.signature, publicKeyFromSpki(issuer.spkiDer));
  } catch {
    return false;
  }
}

/** Self-signed: self-issued and verifiable with its own key. */
export function isSelfSigned(cert: CertInfo): boolean {
  return cert.selfIssued && isIssuedBy(cert, cert);
}

/** CN followed by the SAN DNS names, without duplicates (case-insensitive), as CertificateDomains. */
export function certificateDomains(cert: Pick<CertInfo, 'subject' | 'san'>): string[] {
  const out: string[] = [];
  const add = (d: string | undefined) => {
    if (d && !out.some((x) => x.toLowerCase() === d.toLowerCase())) out.push(d);
  };
  add(commonName(cert.subject));
  cert.san.dns.forEach(add);
  return out;
}

/** Does the certificate name `host` (SAN DNS first; CN only when there are no DNS SANs; `*.` wildcards)? */
export function matchesHostname(cert: Pick<CertInfo, 'subject' | 'san'>, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const names = cert.san.dns.length ? cert.san.dns : [commonName(cert.subject) ?? ''];
  return names.some((n) => domainMatches(n, h));
}

export function domainMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === h) return true;
  if (p.startsWith('*.')) {
    const rest = p.slice(2);
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === rest;
  }
  return false;
}

export function certToPem(der: Uint8Array): string {
  return toPem('CERTIFICATE', der);
}

/** PEM blocks labelled as certificates. */
export function certificatesFromPem(text: string): Buffer[] {
  return pemBlocks(text)
    .filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE')
    .map((b) => b.der);
}
