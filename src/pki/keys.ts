// Key pairs from Node's native generator (never forge's JS one) and signing with them.
import * as crypto from 'node:crypto';
import { promisify } from 'node:util';
import { nul, oid, seq } from './der.js';
import { KEY_SIZES, curveOf, type KeySpec } from './key-spec.js';

const generateKeyPair = promisify(crypto.generateKeyPair);

export interface KeyPair {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
  /** DER SubjectPublicKeyInfo. */
  spkiDer: Buffer;
}

const encodings = {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
} as const;

function keyPair(k: { privateKey: unknown; publicKey: unknown }): KeyPair {
  return { privateKeyPem: k.privateKey as string, spkiDer: Buffer.from(k.publicKey as Buffer) };
}

/** RSA key pair, generated natively off the main thread. */
export async function generateRsaKeyPair(bits: number): Promise<KeyPair> {
  return keyPair(await generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001, ...encodings }));
}

/** ECDSA key pair on the NIST curve of `size` bits (256, 384 or 521), with named-curve parameters. */
export async function generateEcKeyPair(size: number): Promise<KeyPair> {
  if (!KEY_SIZES.ECDSA.includes(size)) throw new Error(`there is no ECDSA curve of ${size} bits here`);
  return keyPair(await generateKeyPair('ec', { namedCurve: curveOf(size), ...encodings }));
}

export function generateKeyPairFor(spec: KeySpec): Promise<KeyPair> {
  return spec.algorithm === 'ECDSA' ? generateEcKeyPair(spec.size) : generateRsaKeyPair(spec.size);
}

/**
 * Key usage of a TLS end-entity key: an RSA key also encrypts the pre-master secret of RSA key
 * exchange; an EC key only signs (RFC 8813 forbids keyEncipherment for it).
 */
export function tlsKeyUsage(key: crypto.KeyObject | Uint8Array): string[] {
  const k = key instanceof Uint8Array ? crypto.createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' }) : key;
  return k.asymmetricKeyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
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
