// Key pairs from Node's native generator (never forge's JS one) and signing with them.
import * as crypto from 'node:crypto';
import { promisify } from 'node:util';
import { nul, oid, seq } from './der.js';

const generateKeyPair = promisify(crypto.generateKeyPair);

export interface KeyPair {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
  /** DER SubjectPublicKeyInfo. */
  spkiDer: Buffer;
}

export const ALLOWED_KEY_SIZES = [1024, 2048, 4096] as const;

/** RSA key pair, generated natively off the main thread. */
export async function generateRsaKeyPair(bits: number): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return { privateKeyPem: privateKey as unknown as string, spkiDer: Buffer.from(publicKey as unknown as Buffer) };
}

export function loadPrivateKey(pem: string): crypto.KeyObject {
  return crypto.createPrivateKey({ key: pem, format: 'pem' });
}

/** The DER SubjectPublicKeyInfo of a private key. */
export function spkiOfPrivateKey(pem: string | crypto.KeyObject): Buffer {
  const key = typeof pem === 'string' ? loadPrivateKey(pem) : pem;
  return crypto.createPublicKey(key).export({ type: 'spki', format: 'der' }) as Buffer;
}

/** PKCS#8 PEM of any private key object. */
export function privateKeyToPem(key: crypto.KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** The signature AlgorithmIdentifier our signer uses for a key, and the hash for crypto.sign. */
export function signatureAlgorithmFor(key: crypto.KeyObject): { algId: Buffer; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algId: seq(oid('1.2.840.113549.1.1.11'), nul()), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      if (curve.includes('384')) return { algId: seq(oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
      if (curve.includes('521')) return { algId: seq(oid('1.2.840.10045.4.3.4')), hash: 'sha512' };
      return { algId: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    }
    case 'ed25519':
      return { algId: seq(oid('1.3.101.112')), hash: null };
    default:
      throw new Error(`keys of type ${key.asymmetricKeyType} cannot sign here`);
  }
}

/** Signs `data` with the key's default algorithm; returns the AlgorithmIdentifier and signature. */
export function sign(key: crypto.KeyObject, data: Uint8Array): { algId: Buffer; signature: Buffer } {
  const { algId, hash } = signatureAlgorithmFor(key);
  return { algId, signature: crypto.sign(hash, data, key) };
}
