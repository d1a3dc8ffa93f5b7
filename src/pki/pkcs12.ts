// PKCS#12 (.pfx) read and write, for any key type Node reads (RSA, EC): legacy files (RC2-40 / 3DES,
// SHA-1 MAC) and OpenSSL 3's default (PBES2: PBKDF2 + AES-256-CBC, SHA-256 MAC). node-forge does the
// password-based cryptography; the key bag is handled here as PKCS#8 bytes (forge's own key codec is
// RSA-only). Keys come out as PKCS#8 PEM and certificates as their exact original DER (thumbprints
// depend on every byte).
import forge from 'node-forge';
import * as crypto from 'node:crypto';
import { parseCertificate } from './cert.js';
import { TAG, explicit, integer, nul, octets, oid, seq, tlv } from './der.js';
import { loadPrivateKey, spkiOfPrivateKey } from './keys.js';

export class Pkcs12Error extends Error {
  constructor(
    message: string,
    public readonly reason: 'NotPkcs12' | 'WrongPassword' | 'NoPrivateKey' | 'Unsupported',
  ) {
    super(message);
    this.name = 'Pkcs12Error';
  }
}

export interface PfxContents {
  privateKeyPem: string;
  /** The certificate whose public key matches the private key. */
  certificate: Buffer;
  /** The other certificates in the file (its chain), as DER. */
  chain: Buffer[];
  friendlyName?: string;
}

const binary = (b: Uint8Array) => Buffer.from(b).toString('binary');
const fromBinary = (s: string) => Buffer.from(s, 'binary');

/** True when the bytes are a DER PFX (SEQUENCE { version 3, ContentInfo, ... }). */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  try {
    const asn = forge.asn1.fromDer(binary(bytes), { strict: false } as never);
    const v = (asn.value as forge.asn1.Asn1[])[0];
    return !!v && v.type === forge.asn1.Type.INTEGER && (v.value as string) === '\x03' && (asn.value as forge.asn1.Asn1[]).length >= 2;
  } catch {
    return false;
  }
}

function parseWith(asn: forge.asn1.Asn1, password: string | null): forge.pkcs12.Pkcs12Pfx {
  // forge's certificate and key decoders are RSA-only; making them decline keeps every certificate and
  // decrypted PrivateKeyInfo as raw ASN.1 (bag.asn1), which serves every key type alike
  const pki = forge.pki as unknown as { certificateFromAsn1: unknown; privateKeyFromAsn1: unknown };
  const original = { cert: pki.certificateFromAsn1, key: pki.privateKeyFromAsn1 };
  pki.certificateFromAsn1 = pki.privateKeyFromAsn1 = () => {
    throw new Error('kept as ASN.1');
  };
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password as string);
  } finally {
    pki.certificateFromAsn1 = original.cert;
    pki.privateKeyFromAsn1 = original.key;
  }
}

/** Opens a PFX; Pkcs12Error names what is wrong (not PKCS#12, wrong password, no key). */
export function readPfx(bytes: Uint8Array, password: string | undefined): PfxContents {
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(binary(bytes), { strict: false } as never);
  } catch {
    throw new Pkcs12Error('The file is not a PKCS#12 (PFX) file.', 'NotPkcs12');
  }
  let p12: forge.pkcs12.Pkcs12Pfx | undefined;
  let lastError: Error | undefined;
  // an empty password is written either as "" or as no password at all; try both
  const candidates: (string | null)[] = password ? [password] : ['', null];
  for (const pw of candidates) {
    try {
      p12 = parseWith(asn, pw);
      break;
    } catch (e) {
      lastError = e as Error;
    }
  }
  if (!p12) {
    const msg = lastError?.message ?? '';
    if (/MAC could not be verified|invalid password|wrong password|decrypt/i.test(msg)) {
      throw new Pkcs12Error(
        password
          ? 'The PFX file you are trying to import requires a different password: the password is incorrect.'
          : 'The PFX file you are trying to import requires a password. Use the Password parameter.',
        'WrongPassword',
      );
    }
    if (/unsupported/i.test(msg)) throw new Pkcs12Error(`The PFX file uses an algorithm this shell cannot read (${msg}).`, 'Unsupported');
    throw new Pkcs12Error(`The file is not a readable PKCS#12 (PFX) file (${msg}).`, 'NotPkcs12');
  }

  const keys: { pem: string; friendlyName?: string; localKeyId?: string }[] = [];
  const certs: { der: Buffer; friendlyName?: string; localKeyId?: string }[] = [];
  for (const sc of p12.safeContents) {
    for (const bag of sc.safeBags as (forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 })[]) {
      const friendlyName = bag.attributes?.friendlyName?.[0] as string | undefined;
      const lk = bag.attributes?.localKeyId?.[0] as string | undefined;
      const localKeyId = lk ? fromBinary(lk).toString('hex') : undefined;
      if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        if (!bag.asn1) continue;
        const der = fromBinary(forge.asn1.toDer(bag.asn1).getBytes());
        let key: crypto.KeyObject;
        try {
          key = crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
        } catch (e) {
          throw new Pkcs12Error(`The private key in the PFX file cannot be read (${(e as Error).message}).`, 'Unsupported');
        }
        keys.push({ pem: key.export({ type: 'pkcs8', format: 'pem' }) as string, friendlyName, localKeyId });
      } else if (bag.type === forge.pki.oids.certBag && bag.asn1) {
        certs.push({ der: fromBinary(forge.asn1.toDer(bag.asn1).getBytes()), friendlyName, localKeyId });
      }
    }
  }
  if (keys.length === 0) throw new Pkcs12Error('The PFX file does not contain a private key.', 'NoPrivateKey');
  for (const k of keys) {
    const spki = spkiOfPrivateKey(k.pem);
    const leafIdx = certs.findIndex((c) => {
      try {
        return parseCertificate(c.der).spkiDer.equals(spki);
      } catch {
        return false;
      }
    });
    if (leafIdx >= 0) {
      const leaf = certs[leafIdx]!;
      return {
        privateKeyPem: k.pem,
        certificate: leaf.der,
        chain: certs.filter((_, i) => i !== leafIdx).map((c) => c.der),
        friendlyName: leaf.friendlyName ?? k.friendlyName,
      };
    }
  }
  throw new Pkcs12Error('The PFX file does not contain a certificate for its private key.', 'NoPrivateKey');
}

export interface WritePfxOptions {
  privateKeyPem: string;
  certificate: Uint8Array;
  chain?: Uint8Array[];
  password: string;
  friendlyName?: string;
  /** The key under 3DES (for old readers); AES-256 otherwise. The MAC is HMAC-SHA-1 either way. */
  legacy?: boolean;
}

const P12 = {
  data: '1.2.840.113549.1.7.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  sha1: '1.3.14.3.2.26',
} as const;

const MAC_ITERATIONS = 2048;

/** ContentInfo of type data holding `content` (unencrypted SafeContents, or the AuthenticatedSafe). */
const dataContentInfo = (content: Buffer) => seq(oid(P12.data), explicit(0, octets(content)));

/** The localKeyId and friendlyName attributes shared by the key and its certificate, in that order. */
function bagAttributes(localKeyId: Buffer, friendlyName: string | undefined): Buffer {
  const attrs = [seq(oid(P12.localKeyId), tlv(TAG.SET, octets(localKeyId)))];
  if (friendlyName) attrs.push(seq(oid(P12.friendlyName), tlv(TAG.SET, tlv(TAG.BMP, Buffer.from(friendlyName, 'utf16le').swap16()))));
  // written in the order above rather than sorted, as the files this shell has always made
  return tlv(TAG.SET, Buffer.concat(attrs));
}

/** EncryptedPrivateKeyInfo of PKCS#8 bytes: PBES2 AES-256-CBC, or (legacy) PKCS#12 PBE 3DES. */
function shroudPrivateKey(pkcs8: Buffer, password: string, legacy: boolean): Buffer {
  const asn = forge.asn1.fromDer(binary(pkcs8));
  const encrypted = forge.pki.encryptPrivateKeyInfo(asn, password, { algorithm: legacy ? '3des' : 'aes256' });
  return fromBinary(forge.asn1.toDer(encrypted).getBytes());
}

/** MacData: HMAC-SHA-1 over the AuthenticatedSafe with a key derived by PKCS#12's KDF. */
function macData(authSafe: Buffer, password: string): Buffer {
  const salt = forge.random.getBytesSync(8);
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, MAC_ITERATIONS, 20);
  const mac = crypto.createHmac('sha1', fromBinary(key.getBytes())).update(authSafe).digest();
  return seq(seq(seq(oid(P12.sha1), nul()), octets(mac)), octets(fromBinary(salt)), integer(MAC_ITERATIONS));
}

/**
 * Writes a PFX that OpenSSL and Windows read, for any key type: the certificates (leaf first) in
 * one unencrypted SafeContents, the shrouded key in another, paired by localKeyId = SHA-1 of the leaf.
 */
export function writePfx(opts: WritePfxOptions): Buffer {
  const pkcs8 = loadPrivateKey(opts.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const certs = [opts.certificate, ...(opts.chain ?? [])].map((c) => Buffer.from(c));
  const attrs = bagAttributes(crypto.createHash('sha1').update(certs[0]!).digest(), opts.friendlyName);
  const certBags = certs.map((der, i) => seq(oid(P12.certBag), explicit(0, seq(oid(P12.x509Certificate), explicit(0, octets(der)))), ...(i === 0 ? [attrs] : [])));
  const keyBag = seq(oid(P12.pkcs8ShroudedKeyBag), explicit(0, shroudPrivateKey(pkcs8, opts.password, !!opts.legacy)), attrs);
  const authSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));
  return seq(integer(3), dataContentInfo(authSafe), macData(authSafe, opts.password));
}
