// PKCS#12 (.pfx) read and write with node-forge: legacy files (RC2-40 / 3DES, SHA-1 MAC) and
// OpenSSL 3's default (PBES2: PBKDF2 + AES-256-CBC, SHA-256 MAC). Keys come out as PKCS#8 PEM and
// certificates as their exact original DER (thumbprints depend on every byte).
import forge from 'node-forge';
import * as crypto from 'node:crypto';
import { certToPem, parseCertificate } from './cert.js';
import { spkiOfPrivateKey } from './keys.js';

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
  // keep every certificate as forge's raw ASN.1 (not a re-encoded forge certificate) by making the
  // RSA-only certificate decoder decline, which pkcs12 handles by keeping bag.asn1
  const pki = forge.pki as unknown as { certificateFromAsn1: unknown };
  const original = pki.certificateFromAsn1;
  pki.certificateFromAsn1 = () => {
    throw new Error('kept as ASN.1');
  };
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password as string);
  } finally {
    pki.certificateFromAsn1 = original;
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
        let info: forge.asn1.Asn1;
        if (bag.key) info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey));
        else if (bag.asn1) info = bag.asn1;
        else continue;
        const der = fromBinary(forge.asn1.toDer(info).getBytes());
        const key = crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
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
  /** 3DES and SHA-1 MAC (for old readers); AES-256 otherwise. */
  legacy?: boolean;
}

/** Writes a PFX that OpenSSL and Windows read. RSA keys only (forge's writer). */
export function writePfx(opts: WritePfxOptions): Buffer {
  const key = forge.pki.privateKeyFromPem(opts.privateKeyPem);
  const certs = [opts.certificate, ...(opts.chain ?? [])].map((der) => forge.pki.certificateFromPem(certToPem(der)));
  const options: Record<string, unknown> = { algorithm: opts.legacy ? '3des' : 'aes256', generateLocalKeyId: true };
  // forge writes a friendlyName attribute whenever the key is present, even undefined
  if (opts.friendlyName) options.friendlyName = opts.friendlyName;
  const asn = forge.pkcs12.toPkcs12Asn1(key, certs, opts.password, options);
  return fromBinary(forge.asn1.toDer(asn).getBytes());
}
