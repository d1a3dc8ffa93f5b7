// The server's certificate store under EDGESHELL_HOME:
//   certificates/store.json   certificates (DER, chain, services, friendly name) and pending requests
//   certificates/keys/*.key   private keys, PKCS#8 PEM, mode 0600
// store.json is the commit point: key files are written before it and deleted after it, so a crash
// leaves the store as it was before or after a change, never between (an orphan key file at worst,
// swept by the next change). Knows nothing about cmdlets.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateError, ensureDir, readJsonFile, withLock, writeFileAtomic, writeJsonFile } from './store.js';
import type { CertInfo, RequestInfo } from '../pki/index.js';

export const SERVICE_NAMES = ['IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface CertificateRecord {
  thumbprint: string;
  friendlyName: string;
  /** Base64 DER. */
  certificate: string;
  /** Base64 DER of the chain certificates that came with it (PFX, PKCS#7), leaf excluded. */
  chain: string[];
  /** File name under certificates/keys/, when the store holds the private key. */
  keyFile?: string;
  privateKeyExportable: boolean;
  services: ServiceName[];
  source: 'SelfSigned' | 'Pfx' | 'Request' | 'Certificate';
  addedAt: string;
}

export interface PendingRequestRecord {
  /** SHA-1 of the request's DER: how Get-ExchangeCertificate names a pending request. */
  thumbprint: string;
  friendlyName: string;
  /** Base64 DER PKCS#10. */
  request: string;
  keyFile: string;
  privateKeyExportable: boolean;
  /** RSA bits, or the ECDSA curve's size: the request's PublicKeySize. */
  keySize: number;
  createdAt: string;
}

export interface CertificateStoreDoc {
  certificates: CertificateRecord[];
  requests: PendingRequestRecord[];
  /** Thumbprint of the default SMTP certificate (the one Enable-ExchangeCertificate asks before replacing). */
  defaultSmtp?: string;
}

export const storeDir = (home: string) => path.join(home, 'certificates');
export const storeFile = (home: string) => path.join(storeDir(home), 'store.json');
export const keysDir = (home: string) => path.join(storeDir(home), 'keys');

const KEY_FILE_RE = /^[A-Za-z0-9_-]+\.key$/;
const THUMB_RE = /^[0-9A-F]{40}$/;
const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function damaged(file: string, what: string): StateError {
  return new StateError(`The state file '${file}' is damaged and was not changed: ${what}.`, file);
}

function checkDoc(file: string, raw: unknown): CertificateStoreDoc {
  const doc = raw as Partial<CertificateStoreDoc>;
  if (!Array.isArray(doc.certificates)) throw damaged(file, "'certificates' is not a list");
  if (!Array.isArray(doc.requests)) throw damaged(file, "'requests' is not a list");
  doc.certificates.forEach((c, i) => {
    const where = `certificate #${i + 1}`;
    if (!c || typeof c !== 'object') throw damaged(file, `${where} is not an object`);
    if (typeof c.thumbprint !== 'string' || !THUMB_RE.test(c.thumbprint)) throw damaged(file, `${where} has no valid thumbprint`);
    if (typeof c.certificate !== 'string' || !B64_RE.test(c.certificate) || !c.certificate) throw damaged(file, `${where} (${c.thumbprint}) has no certificate data`);
    if (!Array.isArray(c.chain) || c.chain.some((x) => typeof x !== 'string' || !B64_RE.test(x))) throw damaged(file, `${where} (${c.thumbprint}) has a bad chain`);
    if (c.keyFile !== undefined && (typeof c.keyFile !== 'string' || !KEY_FILE_RE.test(c.keyFile))) throw damaged(file, `${where} (${c.thumbprint}) has a bad keyFile`);
    if (!Array.isArray(c.services) || c.services.some((s) => !SERVICE_NAMES.includes(s))) throw damaged(file, `${where} (${c.thumbprint}) has unknown services`);
    if (typeof c.privateKeyExportable !== 'boolean') throw damaged(file, `${where} (${c.thumbprint}) has no privateKeyExportable flag`);
    if (typeof c.friendlyName !== 'string') throw damaged(file, `${where} (${c.thumbprint}) has no friendlyName`);
    const actual = crypto.createHash('sha1').update(Buffer.from(c.certificate, 'base64')).digest('hex').toUpperCase();
    if (actual !== c.thumbprint) throw damaged(file, `the data of certificate ${c.thumbprint} does not match its thumbprint`);
  });
  doc.requests.forEach((r, i) => {
    const where = `pending request #${i + 1}`;
    if (!r || typeof r !== 'object') throw damaged(file, `${where} is not an object`);
    if (typeof r.thumbprint !== 'string' || !THUMB_RE.test(r.thumbprint)) throw damaged(file, `${where} has no valid thumbprint`);
    if (typeof r.request !== 'string' || !B64_RE.test(r.request) || !r.request) throw damaged(file, `${where} has no request data`);
    if (typeof r.keyFile !== 'string' || !KEY_FILE_RE.test(r.keyFile)) throw damaged(file, `${where} has a bad keyFile`);
    if (typeof r.privateKeyExportable !== 'boolean') throw damaged(file, `${where} has no privateKeyExportable flag`);
  });
  if (doc.defaultSmtp !== undefined && (typeof doc.defaultSmtp !== 'string' || !doc.certificates.some((c) => c.thumbprint === doc.defaultSmtp))) {
    throw damaged(file, `the default SMTP certificate '${String(doc.defaultSmtp)}' is not in the store`);
  }
  return { certificates: doc.certificates, requests: doc.requests, defaultSmtp: doc.defaultSmtp };
}

/** Reads the store (empty when it does not exist yet); StateError naming the file when it is damaged. */
export function readCertificateStore(home: string): CertificateStoreDoc {
  const file = storeFile(home);
  const raw = readJsonFile<object>(file);
  if (!raw) return { certificates: [], requests: [] };
  return checkDoc(file, raw);
}

function writeStore(home: string, doc: CertificateStoreDoc): void {
  const out: CertificateStoreDoc = { certificates: doc.certificates, requests: doc.requests };
  if (doc.defaultSmtp) out.defaultSmtp = doc.defaultSmtp;
  writeJsonFile(storeFile(home), out);
}

/** Removes key files no record points at and temp files of interrupted writes (under the lock). */
function sweep(home: string, doc: CertificateStoreDoc): void {
  const used = new Set<string>([...doc.certificates.map((c) => c.keyFile), ...doc.requests.map((r) => r.keyFile)].filter((x): x is string => !!x));
  for (const dir of [keysDir(home), storeDir(home)]) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const orphanKey = dir === keysDir(home) && KEY_FILE_RE.test(n) && !used.has(n);
      const tmp = n.startsWith('.') && n.endsWith('.tmp');
      if (orphanKey || tmp) fs.rmSync(path.join(dir, n), { force: true });
    }
  }
}

/** Runs a read-modify-write of the store under the home's lock. */
export async function updateCertificateStore<T>(home: string, fn: (doc: CertificateStoreDoc) => T | Promise<T>): Promise<T> {
  return withLock(home, async () => {
    const doc = readCertificateStore(home);
    sweep(home, doc);
    const result = await fn(doc);
    writeStore(home, doc);
    return result;
  });
}

function newKeyFileName(): string {
  return `${crypto.randomBytes(12).toString('hex')}.key`;
}

/** Writes a private key file (0600) and returns its name. */
export function writeKeyFile(home: string, privateKeyPem: string): string {
  const dir = keysDir(home);
  ensureDir(dir);
  const name = newKeyFileName();
  writeFileAtomic(path.join(dir, name), privateKeyPem, 0o600);
  return name;
}

/** Reads a key file; StateError naming it when missing or not a key. */
export function readKeyFile(home: string, keyFile: string): string {
  const file = path.join(keysDir(home), keyFile);
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new StateError(`The private key file '${file}' cannot be read: ${(e as Error).message}`, file);
  }
  try {
    crypto.createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new StateError(`The private key file '${file}' is damaged.`, file);
  }
  return pem;
}

export const derOf = (b64: string) => Buffer.from(b64, 'base64');

// ---- operations ----

export class CertificateStoreError extends Error {
  constructor(
    message: string,
    public readonly code: 'AlreadyExists' | 'NotFound' | 'NoMatchingRequest' | 'NotExportable' | 'Invalid',
  ) {
    super(message);
    this.name = 'CertificateStoreError';
  }
}

export interface AddPendingRequest {
  request: RequestInfo;
  privateKeyPem: string;
  friendlyName: string;
  privateKeyExportable: boolean;
  keySize: number;
}

export async function addPendingRequest(home: string, req: AddPendingRequest): Promise<PendingRequestRecord> {
  return updateCertificateStore(home, (doc) => {
    if (doc.requests.some((r) => r.thumbprint === req.request.thumbprint)) {
      throw new CertificateStoreError(`A pending request with thumbprint ${req.request.thumbprint} already exists.`, 'AlreadyExists');
    }
    const record: PendingRequestRecord = {
      thumbprint: req.request.thumbprint,
      friendlyName: req.friendlyName,
      request: req.request.der.toString('base64'),
      keyFile: writeKeyFile(home, req.privateKeyPem),
      privateKeyExportable: req.privateKeyExportable,
      keySize: req.keySize,
      createdAt: new Date().toISOString(),
    };
    doc.requests.push(record);
    return record;
  });
}

export interface AddCertificate {
  certificate: CertInfo;
  chain: Buffer[];
  /** The private key to store with it (absent when completing a request: the request's key is used). */
  privateKeyPem?: string;
  friendlyName: string;
  privateKeyExportable: boolean;
  services: ServiceName[];
  source: CertificateRecord['source'];
}

export async function addCertificate(home: string, add: AddCertificate): Promise<CertificateRecord> {
  return updateCertificateStore(home, (doc) => {
    const t = add.certificate.thumbprint;
    if (doc.certificates.some((c) => c.thumbprint === t)) {
      throw new CertificateStoreError(`The certificate with thumbprint ${t} already exists in the certificate store.`, 'AlreadyExists');
    }
    const record: CertificateRecord = {
      thumbprint: t,
      friendlyName: add.friendlyName,
      certificate: add.certificate.der.toString('base64'),
      chain: add.chain.map((c) => c.toString('base64')),
      keyFile: add.privateKeyPem ? writeKeyFile(home, add.privateKeyPem) : undefined,
      privateKeyExportable: add.privateKeyExportable,
      services: add.services,
      source: add.source,
      addedAt: new Date().toISOString(),
    };
    if (!record.keyFile) delete record.keyFile;
    doc.certificates.push(record);
    // a certificate made for SMTP with a key becomes the default SMTP certificate when there is none
    if (record.keyFile && record.services.includes('SMTP') && !doc.defaultSmtp) doc.defaultSmtp = t;
    return record;
  });
}

/**
 * Completes the pending request whose public key the certificate carries: one store write turns the
 * request into a certificate with the request's key. `findRequest` matches by public key.
 */
export async function completePendingRequest(
  home: string,
  cert: CertInfo,
  chain: Buffer[],
  matches: (request: PendingRequestRecord) => boolean,
  friendlyName?: string,
): Promise<CertificateRecord> {
  return updateCertificateStore(home, (doc) => {
    const t = cert.thumbprint;
    if (doc.certificates.some((c) => c.thumbprint === t)) {
      throw new CertificateStoreError(`The certificate with thumbprint ${t} already exists in the certificate store.`, 'AlreadyExists');
    }
    const idx = doc.requests.findIndex(matches);
    if (idx < 0) {
      throw new CertificateStoreError(
        `No pending certificate request matches the public key of the certificate '${cert.subjectText}' (thumbprint ${t}). Generate the request on this server with New-ExchangeCertificate -GenerateRequest, or import a PFX file that holds the private key.`,
        'NoMatchingRequest',
      );
    }
    const req = doc.requests[idx]!;
    const record: CertificateRecord = {
      thumbprint: t,
      friendlyName: friendlyName ?? req.friendlyName,
      certificate: cert.der.toString('base64'),
      chain: chain.map((c) => c.toString('base64')),
      keyFile: req.keyFile,
      privateKeyExportable: req.privateKeyExportable,
      services: [],
      source: 'Request',
      addedAt: new Date().toISOString(),
    };
    doc.requests.splice(idx, 1);
    doc.certificates.push(record);
    return record;
  });
}

/** Adds services (never removes); `makeDefaultSmtp` makes it the default SMTP certificate. */
export async function enableServices(home: string, thumbprint: string, services: ServiceName[], makeDefaultSmtp: boolean): Promise<CertificateRecord> {
  return updateCertificateStore(home, (doc) => {
    const rec = doc.certificates.find((c) => c.thumbprint === thumbprint);
    if (!rec) throw new CertificateStoreError(`The certificate with thumbprint ${thumbprint} was not found.`, 'NotFound');
    for (const s of SERVICE_NAMES) if (services.includes(s) && !rec.services.includes(s)) rec.services.push(s);
    rec.services = SERVICE_NAMES.filter((s) => rec.services.includes(s));
    if (makeDefaultSmtp) doc.defaultSmtp = thumbprint;
    return rec;
  });
}

/** Removes a certificate or pending request and then its key file. */
export async function removeCertificateOrRequest(home: string, thumbprint: string): Promise<'certificate' | 'request'> {
  let keyFile: string | undefined;
  const kind = await updateCertificateStore(home, (doc) => {
    const ci = doc.certificates.findIndex((c) => c.thumbprint === thumbprint);
    if (ci >= 0) {
      keyFile = doc.certificates[ci]!.keyFile;
      doc.certificates.splice(ci, 1);
      if (doc.defaultSmtp === thumbprint) delete doc.defaultSmtp;
      return 'certificate' as const;
    }
    const ri = doc.requests.findIndex((r) => r.thumbprint === thumbprint);
    if (ri >= 0) {
      keyFile = doc.requests[ri]!.keyFile;
      doc.requests.splice(ri, 1);
      return 'request' as const;
    }
    throw new CertificateStoreError(`The certificate with thumbprint ${thumbprint} was not found.`, 'NotFound');
  });
  if (keyFile) fs.rmSync(path.join(keysDir(home), keyFile), { force: true });
  return kind;
}
