// Making certificates: self-signed ones for New-ExchangeCertificate and the lab CA's issuance.
// The TBSCertificate is written with our DER writer and signed with Node's crypto, so any subject key
// type from a request (RSA, EC) can be certified.
import * as crypto from 'node:crypto';
import { bits, child, decode, explicit, implicitCons, implicitPrim, integer, oid, readBitString, seq, time, bool } from './der.js';
import { OID, CertInfo } from './cert.js';
import { encodeKeyUsage, encodeSan, extension } from './csr.js';
import { sign, spkiOfPrivateKey, loadPrivateKey, tlsKeyUsage } from './keys.js';

export interface IssueOptions {
  /** DER Name of the subject. */
  subjectDer: Buffer;
  /** The subject's public key (DER SubjectPublicKeyInfo). */
  spkiDer: Buffer;
  /** Issuer: its certificate (absent for self-signed) and private key. */
  issuerCert?: CertInfo;
  issuerKeyPem: string;
  notBefore: Date;
  notAfter: Date;
  /** Hex serial; random 16 bytes when absent. */
  serialHex?: string;
  dnsNames?: string[];
  ca?: boolean;
  pathLen?: number;
  keyUsage?: string[];
  extKeyUsage?: string[];
  crlUrls?: string[];
}

export function keyIdentifier(spkiDer: Uint8Array): Buffer {
  const key = readBitString(child(decode(spkiDer), 1));
  return crypto.createHash('sha1').update(key).digest();
}

export function randomSerialHex(): string {
  const b = crypto.randomBytes(16);
  b[0]! &= 0x7f;
  if (b[0] === 0) b[0] = 0x01;
  return b.toString('hex').toUpperCase();
}

export function issueCertificate(opts: IssueOptions): Buffer {
  const issuerKey = loadPrivateKey(opts.issuerKeyPem);
  const issuerDer = opts.issuerCert ? opts.issuerCert.subjectDer : opts.subjectDer;
  const issuerSpki = opts.issuerCert ? opts.issuerCert.spkiDer : spkiOfPrivateKey(issuerKey);
  const exts: Buffer[] = [];
  exts.push(
    opts.ca
      ? extension(OID.basicConstraints, seq(bool(true), ...(opts.pathLen !== undefined ? [integer(opts.pathLen)] : [])), true)
      : extension(OID.basicConstraints, seq(), true),
  );
  const ku = opts.keyUsage ?? (opts.ca ? ['digitalSignature', 'keyCertSign', 'cRLSign'] : tlsKeyUsage(opts.spkiDer));
  exts.push(extension(OID.keyUsage, encodeKeyUsage(ku), true));
  if (opts.extKeyUsage?.length) exts.push(extension(OID.extKeyUsage, seq(...opts.extKeyUsage.map((o) => oid(o)))));
  if (opts.dnsNames?.length) exts.push(extension(OID.subjectAltName, encodeSan(opts.dnsNames)));
  exts.push(extension(OID.subjectKeyIdentifier, Buffer.from([0x04, 0x14, ...keyIdentifier(opts.spkiDer)])));
  exts.push(extension(OID.authorityKeyIdentifier, seq(implicitPrim(0, keyIdentifier(issuerSpki)))));
  if (opts.crlUrls?.length) {
    const dps = opts.crlUrls.map((u) => seq(implicitCons(0, implicitCons(0, implicitPrim(6, Buffer.from(u, 'latin1'))))));
    exts.push(extension(OID.crlDistributionPoints, seq(...dps)));
  }
  const { algId } = sign(issuerKey, Buffer.alloc(0));
  const tbs = seq(
    explicit(0, integer(2)),
    integer(Buffer.from(opts.serialHex ?? randomSerialHex(), 'hex')),
    algId,
    issuerDer,
    seq(time(opts.notBefore), time(opts.notAfter)),
    opts.subjectDer,
    opts.spkiDer,
    explicit(3, seq(...exts)),
  );
  const { signature } = sign(issuerKey, tbs);
  return seq(tbs, algId, bits(signature));
}

/** Self-signed certificate for a key (PEM) and subject. */
export function selfSignedCertificate(opts: Omit<IssueOptions, 'issuerCert' | 'spkiDer'> & { spkiDer?: Buffer }): Buffer {
  const spkiDer = opts.spkiDer ?? spkiOfPrivateKey(opts.issuerKeyPem);
  return issueCertificate({ ...opts, spkiDer });
}

