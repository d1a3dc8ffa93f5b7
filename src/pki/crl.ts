// Certificate revocation lists: read (PEM `X509 CRL` or `CRL`, or DER) and, for the lab CA, written.

import { DerError, TAG, DerNode, bits, child, decode, expectTag, explicit, implicitPrim, integer, isContext, oid, pemBlocks, readBitString, readIntegerHex, readOid, readTime, seq, time, toPem, looksLikeText, bareBase64, octets } from './der.js';
import { Rdn, decodeName, formatNameNet } from './names.js';
import { CertInfo, OID, publicKeyFromSpki, sha1Hex, verifySignature } from './cert.js';
import { keyIdentifier } from './build.js';
import { loadPrivateKey, sign } from './keys.js';

export interface CrlInfo {
  der: Buffer;
  /** SHA-1 of the DER, uppercase hex: how the trust store names it. */
  thumbprint: string;
  issuer: Rdn[];
  issuerText: string;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revoked serial numbers (uppercase hex) with their dates. */
  revoked: { serialNumber: string; date: Date }[];
  crlNumber?: string;
  tbsDer: Buffer;
  signatureAlgorithm: DerNode;
  signature: Buffer;
}

export class CrlFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrlFormatError';
  }
}

/** The DER of every CRL in the bytes (PEM blocks, bare Base64 or DER). */
export function crlDersFrom(bytes: Uint8Array): Buffer[] {
  if (looksLikeText(bytes)) {
    const text = Buffer.from(bytes).toString('latin1');
    const blocks = pemBlocks(text).filter((b) => b.label === 'X509 CRL' || b.label === 'CRL');
    if (blocks.length) return blocks.map((b) => b.der);
    const raw = bareBase64(text);
    return raw ? [raw] : [];
  }
  return [Buffer.from(bytes)];
}

export function parseCrl(der: Uint8Array): CrlInfo {
  const buf = Buffer.from(der);
  try {
    const list = expectTag(decode(buf), TAG.SEQUENCE, 'CertificateList');
    const tbs = expectTag(child(list, 0), TAG.SEQUENCE, 'tbsCertList');
    const sigAlg = expectTag(child(list, 1), TAG.SEQUENCE, 'signatureAlgorithm');
    const signature = readBitString(child(list, 2));
    let i = 0;
    if (tbs.children[0]?.tag === TAG.INTEGER) i++;
    i++; // signature
    const issuerNode = expectTag(child(tbs, i++), TAG.SEQUENCE, 'issuer');
    const thisUpdate = readTime(child(tbs, i++));
    let nextUpdate: Date | undefined;
    const n = tbs.children[i];
    if (n && (n.tag === TAG.UTC_TIME || n.tag === TAG.GENERALIZED_TIME)) {
      nextUpdate = readTime(n);
      i++;
    }
    const revoked: CrlInfo['revoked'] = [];
    let crlNumber: string | undefined;
    for (; i < tbs.children.length; i++) {
      const c = tbs.children[i]!;
      if (c.tag === TAG.SEQUENCE) {
        for (const entry of c.children) revoked.push({ serialNumber: normalizeSerial(readIntegerHex(child(entry, 0))), date: readTime(child(entry, 1)) });
      } else if (isContext(c, 0)) {
        for (const ext of child(c, 0).children) {
          if (readOid(child(ext, 0)) === '2.5.29.20') {
            const v = decode(ext.children[ext.children.length - 1]!.content);
            crlNumber = v.content.toString('hex').toUpperCase();
          }
        }
      }
    }
    const issuer = decodeName(issuerNode);
    return {
      der: buf,
      thumbprint: sha1Hex(buf),
      issuer,
      issuerText: formatNameNet(issuer),
      issuerDer: Buffer.from(issuerNode.raw),
      thisUpdate,
      nextUpdate,
      revoked,
      crlNumber,
      tbsDer: Buffer.from(tbs.raw),
      signatureAlgorithm: sigAlg,
      signature: Buffer.from(signature),
    };
  } catch (e) {
    if (e instanceof DerError) throw new CrlFormatError(`not a certificate revocation list (${e.message})`);
    throw e;
  }
}

/** Serial numbers compare without leading zero octets. */
export function normalizeSerial(hex: string): string {
  let h = hex.toUpperCase().replace(/[^0-9A-F]/g, '');
  if (h.length % 2) h = '0' + h;
  while (h.length > 2 && h.startsWith('00')) h = h.slice(2);
  return h || '00';
}

export function crlSignedBy(crl: CrlInfo, issuer: CertInfo): boolean {
  if (!crl.issuerDer.equals(issuer.subjectDer) && crl.issuerText.toLowerCase() !== formatNameNet(issuer.subject).toLowerCase()) return false;
  return verifySignature(crl.signatureAlgorithm, crl.tbsDer, crl.signature, publicKeyFromSpki(issuer.spkiDer));
}

export function crlToPem(der: Uint8Array): string {
  return toPem('X509 CRL', der);
}

export interface BuildCrlOptions {
  issuerCert: CertInfo;
  issuerKeyPem: string;
  revoked: { serialNumber: string; date: Date }[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
}

/** A v2 CRL signed by the issuer (lab CA). */
export function buildCrl(opts: BuildCrlOptions): Buffer {
  const key = loadPrivateKey(opts.issuerKeyPem);
  const { algId } = sign(key, Buffer.alloc(0));
  const entries = opts.revoked.map((r) => seq(integer(Buffer.from(normalizeSerial(r.serialNumber), 'hex')), time(r.date)));
  const exts = seq(
    seq(oid(OID.authorityKeyIdentifier), octets(seq(implicitPrim(0, keyIdentifier(opts.issuerCert.spkiDer))))),
    seq(oid('2.5.29.20'), octets(integer(opts.crlNumber))),
  );
  const tbs = seq(
    integer(1),
    algId,
    opts.issuerCert.subjectDer,
    time(opts.thisUpdate),
    time(opts.nextUpdate),
    ...(entries.length ? [seq(...entries)] : []),
    explicit(0, exts),
  );
  const { signature } = sign(key, tbs);
  return seq(tbs, algId, bits(signature));
}

