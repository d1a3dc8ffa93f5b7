// PKCS#10 certificate requests: made for New-ExchangeCertificate -GenerateRequest, read by the lab CA.
import { DerError, DerNode, TAG, bits, child, decode, expectTag, implicitCons, implicitPrim, integer, isContext, octets, oid, pemBlocks, readBitString, readOid, seq, set, bareBase64, looksLikeText, toPem, bool } from './der.js';
import { Rdn, decodeName, encodeName, formatNameNet } from './names.js';
import { OID, ParsedExtensions, parseExtensions, publicKeyFromSpki, sha1Hex, verifySignature } from './cert.js';
import { loadPrivateKey, sign, spkiOfPrivateKey, tlsKeyUsage } from './keys.js';

const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

/** The PEM label Exchange (and certreq) writes; OpenSSL reads it too. */
export const REQUEST_PEM_LABEL = 'NEW CERTIFICATE REQUEST';

export function encodeSan(dnsNames: string[]): Buffer {
  return seq(...dnsNames.map((d) => implicitPrim(2, Buffer.from(d, 'latin1'))));
}

export function extension(id: string, value: Uint8Array, critical = false): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** KeyUsage BIT STRING from names (bit 0 = digitalSignature). */
export function encodeKeyUsage(names: string[]): Buffer {
  const order = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];
  let value = 0;
  for (const n of names) {
    const i = order.indexOf(n);
    if (i < 0) throw new Error(`unknown key usage ${n}`);
    value |= 1 << i;
  }
  let highest = -1;
  for (let i = 0; i < 9; i++) if (value & (1 << i)) highest = i;
  const byteCount = highest < 8 ? 1 : 2;
  const out = Buffer.alloc(byteCount);
  for (let i = 0; i <= highest; i++) if (value & (1 << i)) out[i >> 3]! |= 0x80 >> (i & 7);
  const unused = highest < 0 ? 0 : byteCount * 8 - 1 - highest;
  return bits(out, unused);
}

export interface RequestOptions {
  subject: Rdn[];
  /** DNS names for the SAN (the CN is expected among them). */
  dnsNames: string[];
  privateKeyPem: string;
}

/** Builds and signs a DER PKCS#10 request. */
export function createCertificateRequest(opts: RequestOptions): Buffer {
  const key = loadPrivateKey(opts.privateKeyPem);
  const exts: Buffer[] = [extension(OID.keyUsage, encodeKeyUsage(tlsKeyUsage(key)), true)];
  if (opts.dnsNames.length) exts.unshift(extension(OID.subjectAltName, encodeSan(opts.dnsNames)));
  const attrs = implicitCons(0, seq(oid(OID_EXTENSION_REQUEST), set(seq(...exts))));
  const info = seq(integer(0), encodeName(opts.subject), spkiOfPrivateKey(key), attrs);
  const { algId, signature } = sign(key, info);
  return seq(info, algId, bits(signature));
}

export function requestToPem(der: Uint8Array): string {
  return toPem(REQUEST_PEM_LABEL, der);
}

export interface RequestInfo {
  der: Buffer;
  subject: Rdn[];
  subjectText: string;
  subjectDer: Buffer;
  spkiDer: Buffer;
  extensions: ParsedExtensions;
  signatureValid: boolean;
  /** SHA-1 of the DER, uppercase hex: the pending request's Thumbprint. */
  thumbprint: string;
}

export class RequestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestFormatError';
  }
}

/** Reads a request from PEM (`NEW CERTIFICATE REQUEST` or `CERTIFICATE REQUEST`), bare Base64 or DER. */
export function readCertificateRequest(bytes: Uint8Array): RequestInfo {
  let der: Buffer | undefined;
  if (looksLikeText(bytes)) {
    const text = Buffer.from(bytes).toString('latin1');
    const block = pemBlocks(text).find((b) => /CERTIFICATE REQUEST$/.test(b.label));
    der = block?.der ?? bareBase64(text);
  } else der = Buffer.from(bytes);
  if (!der) throw new RequestFormatError('the file does not contain a PKCS#10 certificate request');
  return parseCertificateRequest(der);
}

export function parseCertificateRequest(der: Buffer): RequestInfo {
  try {
    const req = expectTag(decode(der), TAG.SEQUENCE, 'CertificationRequest');
    const info = expectTag(child(req, 0), TAG.SEQUENCE, 'certificationRequestInfo');
    const sigAlg = child(req, 1);
    const signature = readBitString(child(req, 2));
    const subjectNode = child(info, 1, 'subject');
    const spki = expectTag(child(info, 2, 'subjectPKInfo'), TAG.SEQUENCE, 'subjectPKInfo');
    let extsSeq: DerNode | undefined;
    const attrs = info.children.find((c) => isContext(c, 0));
    for (const attr of attrs?.children ?? []) {
      if (readOid(child(attr, 0)) === OID_EXTENSION_REQUEST) extsSeq = child(child(attr, 1), 0);
    }
    let valid = false;
    try {
      valid = verifySignature(sigAlg, info.raw, signature, publicKeyFromSpki(spki.raw));
    } catch {
      valid = false;
    }
    const subject = decodeName(subjectNode);
    return {
      der: Buffer.from(der),
      subject,
      subjectText: formatNameNet(subject),
      subjectDer: Buffer.from(subjectNode.raw),
      spkiDer: Buffer.from(spki.raw),
      extensions: parseExtensions(extsSeq),
      signatureValid: valid,
      thumbprint: sha1Hex(der),
    };
  } catch (e) {
    if (e instanceof DerError) throw new RequestFormatError(`not a PKCS#10 certificate request (${e.message})`);
    throw e;
  }
}
