// The trust store under EDGESHELL_HOME: trusted roots (Cert:\LocalMachine\Root), intermediates and
// CRLs (Cert:\LocalMachine\CA), in trust/trust.json written atomically under the home's lock.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { StateError, readJsonFile, withLock, writeJsonFile } from './store.js';

export type TrustStoreName = 'Root' | 'CA';

export interface TrustCertRecord {
  thumbprint: string;
  /** Base64 DER. */
  data: string;
  addedAt: string;
}

export interface CrlRecord {
  /** SHA-1 of the DER. */
  thumbprint: string;
  data: string;
  addedAt: string;
}

export interface TrustDoc {
  roots: TrustCertRecord[];
  intermediates: TrustCertRecord[];
  crls: CrlRecord[];
}

export const trustFile = (home: string) => path.join(home, 'trust', 'trust.json');

const THUMB_RE = /^[0-9A-F]{40}$/;

export function readTrustStore(home: string): TrustDoc {
  const file = trustFile(home);
  const raw = readJsonFile<Partial<TrustDoc>>(file);
  if (!raw) return { roots: [], intermediates: [], crls: [] };
  for (const key of ['roots', 'intermediates', 'crls'] as const) {
    const list = raw[key];
    if (!Array.isArray(list)) throw new StateError(`The state file '${file}' is damaged and was not changed: '${key}' is not a list.`, file);
    list.forEach((r, i) => {
      if (!r || typeof r.thumbprint !== 'string' || !THUMB_RE.test(r.thumbprint) || typeof r.data !== 'string') {
        throw new StateError(`The state file '${file}' is damaged and was not changed: entry #${i + 1} of '${key}' is not valid.`, file);
      }
      const actual = crypto.createHash('sha1').update(Buffer.from(r.data, 'base64')).digest('hex').toUpperCase();
      if (actual !== r.thumbprint) {
        throw new StateError(`The state file '${file}' is damaged and was not changed: the data of ${r.thumbprint} in '${key}' does not match its thumbprint.`, file);
      }
    });
  }
  return { roots: raw.roots!, intermediates: raw.intermediates!, crls: raw.crls! };
}

export async function updateTrustStore<T>(home: string, fn: (doc: TrustDoc) => T): Promise<T> {
  return withLock(home, () => {
    const doc = readTrustStore(home);
    const result = fn(doc);
    writeJsonFile(trustFile(home), doc, 0o644);
    return result;
  });
}

const sha1 = (der: Uint8Array) => crypto.createHash('sha1').update(der).digest('hex').toUpperCase();

/** Adds a certificate to Root or CA; returns false when it was already there. */
export async function addTrustedCertificate(home: string, store: TrustStoreName, der: Uint8Array): Promise<boolean> {
  return updateTrustStore(home, (doc) => {
    const list = store === 'Root' ? doc.roots : doc.intermediates;
    const thumbprint = sha1(der);
    if (list.some((r) => r.thumbprint === thumbprint)) return false;
    list.push({ thumbprint, data: Buffer.from(der).toString('base64'), addedAt: new Date().toISOString() });
    return true;
  });
}

/**
 * Adds a CRL; a CRL from the same issuer that is older (by thisUpdate) is replaced.
 * `sameIssuerOlder` decides which stored CRLs the new one supersedes.
 */
export async function addCrl(home: string, der: Uint8Array, supersedes: (stored: Buffer) => boolean): Promise<boolean> {
  return updateTrustStore(home, (doc) => {
    const thumbprint = sha1(der);
    if (doc.crls.some((r) => r.thumbprint === thumbprint)) return false;
    doc.crls = doc.crls.filter((r) => !supersedes(Buffer.from(r.data, 'base64')));
    doc.crls.push({ thumbprint, data: Buffer.from(der).toString('base64'), addedAt: new Date().toISOString() });
    return true;
  });
}

export async function removeTrusted(home: string, store: TrustStoreName | 'CRL', thumbprint: string): Promise<boolean> {
  return updateTrustStore(home, (doc) => {
    const t = thumbprint.toUpperCase();
    const keep = <R extends { thumbprint: string }>(list: R[]) => list.filter((r) => r.thumbprint !== t);
    const before = doc.roots.length + doc.intermediates.length + doc.crls.length;
    if (store === 'Root') doc.roots = keep(doc.roots);
    else if (store === 'CA') doc.intermediates = keep(doc.intermediates);
    else doc.crls = keep(doc.crls);
    return doc.roots.length + doc.intermediates.length + doc.crls.length !== before;
  });
}

/** The DER material validateChain takes. */
export function trustMaterial(home: string): { roots: Buffer[]; intermediates: Buffer[]; crls: Buffer[] } {
  const doc = readTrustStore(home);
  const der = (r: { data: string }) => Buffer.from(r.data, 'base64');
  return { roots: doc.roots.map(der), intermediates: doc.intermediates.map(der), crls: doc.crls.map(der) };
}
