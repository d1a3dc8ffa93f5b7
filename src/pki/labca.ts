// A lab certification authority in a directory, for people without a PKI: a root certificate and
// key, the certificates it issued and revoked, and CRLs. Never needed when a real CA exists.
//   <dir>/ca.cer   the root certificate (PEM), to import into Cert:\LocalMachine\Root
//   <dir>/ca.key   its private key (PKCS#8 PEM, mode 0600)
//   <dir>/ca.json  issued and revoked serial numbers, the next CRL number
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonFile, writeFileAtomic, writeJsonFile, StateError, withLock } from '../state/store.js';
import { CertInfo, OID, certToPem, certificatesFromPem, parseCertificate } from './cert.js';
import { generateKeyPairFor } from './keys.js';
import { DEFAULT_KEY_SIZE, type KeyAlgorithm } from './key-spec.js';
import { encodeName, parseDistinguishedName, commonName } from './names.js';
import { issueCertificate, randomSerialHex } from './build.js';
import { RequestInfo } from './csr.js';
import { buildCrl, normalizeSerial } from './crl.js';

export interface LabCaRecord {
  name: string;
  issued: { serialNumber: string; subject: string; notAfter: string; thumbprint: string }[];
  revoked: { serialNumber: string; date: string; reason?: string }[];
  nextCrlNumber: number;
}

export class LabCaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabCaError';
  }
}

const files = (dir: string) => ({ cert: path.join(dir, 'ca.cer'), key: path.join(dir, 'ca.key'), db: path.join(dir, 'ca.json') });

export interface LabCa {
  dir: string;
  cert: CertInfo;
  keyPem: string;
  record: LabCaRecord;
}

export async function createLabAuthority(
  dir: string,
  name: string,
  opts: { keyAlgorithm?: KeyAlgorithm; keySize?: number; validityYears?: number; now?: Date } = {},
): Promise<LabCa> {
  const f = files(dir);
  if (fs.existsSync(f.cert) || fs.existsSync(f.key)) throw new LabCaError(`A lab certification authority already exists in '${dir}'.`);
  const subjectText = /=/.test(name) ? name : `CN=${name}`;
  const subject = parseDistinguishedName(subjectText);
  const algorithm = opts.keyAlgorithm ?? 'RSA';
  const key = await generateKeyPairFor({ algorithm, size: opts.keySize ?? DEFAULT_KEY_SIZE[algorithm] });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (opts.validityYears ?? 10));
  const der = issueCertificate({
    subjectDer: encodeName(subject),
    spkiDer: key.spkiDer,
    issuerKeyPem: key.privateKeyPem,
    notBefore,
    notAfter,
    ca: true,
  });
  fs.mkdirSync(dir, { recursive: true });
  const record: LabCaRecord = { name: commonName(subject) ?? name, issued: [], revoked: [], nextCrlNumber: 1 };
  writeFileAtomic(f.key, key.privateKeyPem, 0o600);
  writeFileAtomic(f.cert, certToPem(der), 0o644);
  writeJsonFile(f.db, record, 0o644);
  return { dir, cert: parseCertificate(der), keyPem: key.privateKeyPem, record };
}

export function openLabAuthority(dir: string): LabCa {
  const f = files(dir);
  if (!fs.existsSync(f.cert) || !fs.existsSync(f.key)) {
    throw new LabCaError(`'${dir}' is not a lab certification authority (ca.cer and ca.key are missing). Create one with New-LabCertificateAuthority.`);
  }
  const certs = certificatesFromPem(fs.readFileSync(f.cert, 'latin1'));
  if (!certs[0]) throw new StateError(`The lab CA certificate '${f.cert}' is damaged.`, f.cert);
  const record = readJsonFile<LabCaRecord & { schemaVersion: number }>(f.db) ?? { name: '', issued: [], revoked: [], nextCrlNumber: 1 };
  if (!Array.isArray(record.issued) || !Array.isArray(record.revoked)) throw new StateError(`The lab CA database '${f.db}' is damaged and was not changed.`, f.db);
  return { dir, cert: parseCertificate(certs[0]), keyPem: fs.readFileSync(f.key, 'utf8'), record };
}

function saveRecord(ca: LabCa): void {
  const { issued, revoked, name, nextCrlNumber } = ca.record;
  writeJsonFile(files(ca.dir).db, { name, issued, revoked, nextCrlNumber }, 0o644);
}

/** Issues a certificate for a verified request: its subject, its SAN (or CN), serverAuth + clientAuth. */
export async function approveRequest(dir: string, request: RequestInfo, opts: { validityDays?: number; now?: Date; crlUrl?: string } = {}): Promise<Buffer> {
  if (!request.signatureValid) throw new LabCaError('The certificate request signature does not verify; the request was altered or is damaged.');
  return withLock(dir, () => {
    const ca = openLabAuthority(dir);
    const now = opts.now ?? new Date();
    const notBefore = new Date(now.getTime() - 5 * 60_000);
    let notAfter = new Date(now.getTime() + (opts.validityDays ?? 365) * 86_400_000);
    if (notAfter > ca.cert.notAfter) notAfter = ca.cert.notAfter;
    const dnsNames = [...request.extensions.san.dns];
    const cn = commonName(request.subject);
    if (dnsNames.length === 0 && cn) dnsNames.push(cn);
    const serialHex = randomSerialHex();
    const der = issueCertificate({
      subjectDer: request.subjectDer,
      spkiDer: request.spkiDer,
      issuerCert: ca.cert,
      issuerKeyPem: ca.keyPem,
      notBefore,
      notAfter,
      serialHex,
      dnsNames,
      extKeyUsage: [OID.serverAuth, OID.clientAuth],
      crlUrls: opts.crlUrl ? [opts.crlUrl] : undefined,
    });
    const info = parseCertificate(der);
    ca.record.issued.push({ serialNumber: info.serialNumber, subject: info.subjectText, notAfter: info.notAfter.toISOString(), thumbprint: info.thumbprint });
    saveRecord(ca);
    return der;
  });
}

export async function revokeCertificate(dir: string, serialNumber: string, opts: { reason?: string; now?: Date } = {}): Promise<{ serialNumber: string; date: Date }> {
  return withLock(dir, () => {
    const ca = openLabAuthority(dir);
    const serial = normalizeSerial(serialNumber);
    if (!/^[0-9A-F]+$/.test(serial)) throw new LabCaError(`'${serialNumber}' is not a hexadecimal serial number.`);
    const issued = ca.record.issued.find((i) => normalizeSerial(i.serialNumber) === serial);
    if (!issued) throw new LabCaError(`The lab certification authority in '${dir}' did not issue a certificate with serial number ${serialNumber}.`);
    const existing = ca.record.revoked.find((r) => normalizeSerial(r.serialNumber) === serial);
    if (existing) return { serialNumber: issued.serialNumber, date: new Date(existing.date) };
    const date = opts.now ?? new Date();
    ca.record.revoked.push({ serialNumber: issued.serialNumber, date: date.toISOString(), reason: opts.reason });
    saveRecord(ca);
    return { serialNumber: issued.serialNumber, date };
  });
}

export async function publishCrl(dir: string, opts: { validityDays?: number; now?: Date } = {}): Promise<Buffer> {
  return withLock(dir, () => {
    const ca = openLabAuthority(dir);
    const now = opts.now ?? new Date();
    const der = buildCrl({
      issuerCert: ca.cert,
      issuerKeyPem: ca.keyPem,
      revoked: ca.record.revoked.map((r) => ({ serialNumber: r.serialNumber, date: new Date(r.date) })),
      thisUpdate: new Date(now.getTime() - 60_000),
      nextUpdate: new Date(now.getTime() + (opts.validityDays ?? 7) * 86_400_000),
      crlNumber: ca.record.nextCrlNumber,
    });
    ca.record.nextCrlNumber++;
    saveRecord(ca);
    return der;
  });
}
