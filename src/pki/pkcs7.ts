// PKCS#7 (CMS SignedData, certs-only, as .p7b/.p7c) and the one reader for "a file of certificates":
// PEM (one or many), DER, PKCS#7 in PEM or DER, or bare Base64.
import { DerError, TAG, child, decode, explicit, expectTag, implicitCons, integer, isContext, oid, pemBlocks, readOid, seq, set, toPem, looksLikeText, bareBase64 } from './der.js';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_DATA = '1.2.840.113549.1.7.1';

/** The certificates inside a PKCS#7 SignedData (DER), in the order stored. */
export function certificatesFromPkcs7(der: Uint8Array): Buffer[] {
  const ci = expectTag(decode(der), TAG.SEQUENCE, 'ContentInfo');
  if (readOid(child(ci, 0)) !== OID_SIGNED_DATA) throw new DerError('the PKCS#7 content is not SignedData');
  const sd = child(child(ci, 1), 0);
  const certs = sd.children.find((c) => isContext(c, 0));
  return (certs?.children ?? []).filter((c) => c.tag === TAG.SEQUENCE).map((c) => Buffer.from(c.raw));
}

/** A certs-only PKCS#7 holding the given certificates. */
export function createPkcs7(certs: Uint8Array[]): Buffer {
  const sd = seq(integer(1), set(), seq(oid(OID_DATA)), implicitCons(0, Buffer.concat(certs.map((c) => Buffer.from(c)))), set());
  return seq(oid(OID_SIGNED_DATA), explicit(0, sd));
}

export function pkcs7ToPem(der: Uint8Array): string {
  return toPem('PKCS7', der);
}

function isPkcs7(der: Buffer): boolean {
  try {
    const n = decode(der);
    return n.tag === TAG.SEQUENCE && n.children[0]?.tag === TAG.OID && readOid(n.children[0]) === OID_SIGNED_DATA;
  } catch {
    return false;
  }
}

/** Every certificate (DER) in a file's bytes; [] when none is recognised. */
export function certificatesFromBytes(bytes: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  if (looksLikeText(bytes)) {
    const text = Buffer.from(bytes).toString('latin1');
    const blocks = pemBlocks(text);
    if (blocks.length) {
      for (const b of blocks) {
        if (b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE') out.push(b.der);
        else if (b.label === 'PKCS7' || b.label === 'PKCS #7 SIGNED DATA' || b.label === 'CMS') out.push(...certificatesFromPkcs7(b.der));
      }
      return out;
    }
    const raw = bareBase64(text);
    if (!raw) return [];
    return certificatesFromBytes(raw);
  }
  const der = Buffer.from(bytes);
  if (isPkcs7(der)) return certificatesFromPkcs7(der);
  return [der];
}
