// The certificate store as Exchange shows it: records joined with their parsed certificates and a
// Status computed live by the one validation function. Also the operations the cmdlets run
// (request, self-signed, import, export) and what the transport needs (the SMTP certificate).
import {
  CertInfo,
  CertificateStatus,
  Pkcs12Error,
  certToPem,
  certificateDomains,
  certificatesFromBytes,
  commonName,
  createCertificateRequest,
  encodeName,
  generateKeyPairFor,
  describeKeySpec,
  DEFAULT_KEY_SIZE,
  type KeyAlgorithm,
  type KeyPair,
  type KeySpec,
  isSelfSigned,
  looksLikePkcs12,
  parseCertificate,
  parseCertificateRequest,
  parseDistinguishedName,
  readPfx,
  requestToPem,
  selfSignedCertificate,
  validateChain,
  toPem,
  writePfx,
  matchesHostname,
  OID,
  RequestInfo,
  ValidationResult,
} from '../pki/index.js';
import {
  CertificateRecord,
  CertificateStoreError,
  PendingRequestRecord,
  ServiceName,
  addCertificate,
  addPendingRequest,
  completePendingRequest,
  derOf,
  readCertificateStore,
  readKeyFile,
  keysDir,
} from './certificates.js';
import { addTrustedCertificate, trustMaterial } from './trust.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ExchangeCertificateStatus = CertificateStatus | 'PendingRequest';
export type RootCAType = 'None' | 'Registry' | 'ThirdParty' | 'Unknown';

/** One row of Get-ExchangeCertificate: a certificate or a pending request. */
export interface ExchangeCertificate {
  kind: 'Certificate' | 'PendingRequest';
  thumbprint: string;
  friendlyName: string;
  subject: string;
  issuer: string;
  notBefore: Date | null;
  notAfter: Date | null;
  serialNumber: string | null;
  publicKeySize: number;
  hasPrivateKey: boolean;
  privateKeyExportable: boolean;
  isSelfSigned: boolean;
  services: ServiceName[];
  status: ExchangeCertificateStatus;
  /** Why the status is not Valid ('' when it is). */
  statusReason: string;
  rootCAType: RootCAType;
  certificateDomains: string[];
  isDefaultSmtp: boolean;
  /** File name of the private key under certificates/keys/. */
  keyFile?: string;
  /** For a pending request: the Base64 PKCS#10 text. */
  certificateRequest?: string;
  /** Parsed certificate (absent for pending requests). */
  cert?: CertInfo;
  chain: Buffer[];
  request?: RequestInfo;
}

function statusOf(cert: CertInfo, chain: Buffer[], trust: ReturnType<typeof trustMaterial>, at?: Date): ValidationResult {
  return validateChain(cert, chain, trust, { purpose: 'any', at });
}

export function describeCertificate(home: string, rec: CertificateRecord, defaultSmtp: string | undefined, trust = trustMaterial(home), at?: Date): ExchangeCertificate {
  const cert = parseCertificate(derOf(rec.certificate));
  const chain = rec.chain.map(derOf);
  const v = statusOf(cert, chain, trust, at);
  const selfSigned = isSelfSigned(cert);
  const rootCAType: RootCAType = selfSigned ? 'None' : v.trustedRoot ? 'Registry' : 'Unknown';
  return {
    kind: 'Certificate',
    thumbprint: rec.thumbprint,
    friendlyName: rec.friendlyName,
    subject: cert.subjectText,
    issuer: cert.issuerText,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    serialNumber: cert.serialNumber,
    publicKeySize: cert.publicKeySize,
    hasPrivateKey: !!rec.keyFile,
    privateKeyExportable: rec.privateKeyExportable,
    isSelfSigned: selfSigned,
    services: rec.services,
    status: v.status,
    statusReason: v.reason,
    rootCAType,
    certificateDomains: certificateDomains(cert),
    isDefaultSmtp: defaultSmtp === rec.thumbprint,
    keyFile: rec.keyFile,
    cert,
    chain,
  };
}

export function describeRequest(rec: PendingRequestRecord): ExchangeCertificate {
  const request = parseCertificateRequest(derOf(rec.request));
  const domains: string[] = [];
  for (const d of [commonName(request.subject), ...request.extensions.san.dns]) {
    if (d && !domains.some((x) => x.toLowerCase() === d.toLowerCase())) domains.push(d);
  }
  return {
    kind: 'PendingRequest',
    thumbprint: rec.thumbprint,
    friendlyName: rec.friendlyName,
    subject: request.subjectText,
    issuer: request.subjectText,
    notBefore: null,
    notAfter: null,
    serialNumber: null,
    publicKeySize: rec.keySize,
    hasPrivateKey: true,
    privateKeyExportable: rec.privateKeyExportable,
    isSelfSigned: false,
    services: [],
    status: 'PendingRequest',
    statusReason: 'The certificate request has not been completed: import the issued certificate with Import-ExchangeCertificate.',
    rootCAType: 'None',
    certificateDomains: domains,
    isDefaultSmtp: false,
    keyFile: rec.keyFile,
    certificateRequest: requestToPem(request.der).replace(/-----(BEGIN|END) NEW CERTIFICATE REQUEST-----/g, '').replace(/\s+/g, ''),
    chain: [],
    request,
  };
}

/** Everything in the store, certificates first (oldest first), then pending requests. */
export function listExchangeCertificates(home: string, opts: { at?: Date } = {}): ExchangeCertificate[] {
  const doc = readCertificateStore(home);
  const trust = trustMaterial(home);
  return [...doc.certificates.map((c) => describeCertificate(home, c, doc.defaultSmtp, trust, opts.at)), ...doc.requests.map(describeRequest)];
}

export function findExchangeCertificate(home: string, thumbprint: string): ExchangeCertificate | undefined {
  const t = normalizeThumbprint(thumbprint);
  return listExchangeCertificates(home).find((c) => c.thumbprint === t);
}

/** Accepts `ab 49 3a...`, `AB:49:...`, `SERVER\THUMB`; returns uppercase hex. */
export function normalizeThumbprint(text: string): string {
  const last = text.split('\\').pop() ?? text;
  return last.replace(/[\s:]/g, '').replace(/^\u200e/, '').toUpperCase();
}

// ---- New-ExchangeCertificate ----

export interface NewCertificateOptions {
  subjectName?: string;
  domainNames?: string[];
  friendlyName?: string;
  /** RSA (default) or ECDSA. */
  keyAlgorithm?: KeyAlgorithm;
  /** RSA bits, or the ECDSA curve's size; the algorithm's default when absent. */
  keySize?: number;
  privateKeyExportable?: boolean;
  /** For self-signed certificates: services enabled at once (default IMAP, POP, SMTP). */
  services?: ServiceName[];
  /** Default subject CN when no SubjectName is given (the server's FQDN). */
  defaultHostName: string;
  validityYears?: number;
}

function subjectAndDomains(opts: NewCertificateOptions): { subject: ReturnType<typeof parseDistinguishedName>; dnsNames: string[] } {
  const domains = (opts.domainNames ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean);
  for (const d of domains) {
    if (!/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(d)) {
      throw new CertificateStoreError(`'${d}' is not a valid domain name.`, 'Invalid');
    }
  }
  const subjectText = opts.subjectName ?? `CN=${domains[0] ?? opts.defaultHostName}`;
  const subject = parseDistinguishedName(subjectText);
  const dnsNames: string[] = [];
  const add = (d: string | undefined) => {
    if (d && !dnsNames.some((x) => x.toLowerCase() === d.toLowerCase())) dnsNames.push(d);
  };
  add(commonName(subject));
  domains.forEach(add);
  return { subject, dnsNames };
}

async function newKeyPair(opts: NewCertificateOptions, progress?: (status: string, percent: number) => void): Promise<{ spec: KeySpec; key: KeyPair }> {
  const algorithm = opts.keyAlgorithm ?? 'RSA';
  const spec: KeySpec = { algorithm, size: opts.keySize ?? DEFAULT_KEY_SIZE[algorithm] };
  progress?.(`Generating ${describeKeySpec(spec)}`, 10);
  return { spec, key: await generateKeyPairFor(spec) };
}

export async function generatePendingRequest(
  home: string,
  opts: NewCertificateOptions,
  progress?: (status: string, percent: number) => void,
): Promise<{ record: PendingRequestRecord; pem: string; der: Buffer }> {
  const { subject, dnsNames } = subjectAndDomains(opts);
  const { spec, key } = await newKeyPair(opts, progress);
  progress?.('Signing the certificate request', 80);
  const der = createCertificateRequest({ subject, dnsNames, privateKeyPem: key.privateKeyPem });
  const request = parseCertificateRequest(der);
  const record = await addPendingRequest(home, {
    request,
    privateKeyPem: key.privateKeyPem,
    friendlyName: opts.friendlyName ?? commonName(subject) ?? '',
    privateKeyExportable: opts.privateKeyExportable ?? false,
    keySize: spec.size,
  });
  progress?.('Done', 100);
  return { record, pem: requestToPem(der), der };
}

export async function createSelfSignedCertificate(
  home: string,
  opts: NewCertificateOptions,
  progress?: (status: string, percent: number) => void,
): Promise<CertificateRecord> {
  const { subject, dnsNames } = subjectAndDomains(opts);
  const { key } = await newKeyPair(opts, progress);
  progress?.('Signing the certificate', 80);
  const now = new Date();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (opts.validityYears ?? 5));
  const der = selfSignedCertificate({
    subjectDer: encodeName(subject),
    issuerKeyPem: key.privateKeyPem,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter,
    dnsNames,
    extKeyUsage: [OID.serverAuth, OID.clientAuth],
  });
  const cert = parseCertificate(der);
  const record = await addCertificate(home, {
    certificate: cert,
    chain: [],
    privateKeyPem: key.privateKeyPem,
    friendlyName: opts.friendlyName ?? 'Microsoft Exchange',
    privateKeyExportable: opts.privateKeyExportable ?? false,
    services: opts.services ?? ['IMAP', 'POP', 'SMTP'],
    source: 'SelfSigned',
  });
  // as Exchange does, the server trusts its own self-signed certificate
  await addTrustedCertificate(home, 'Root', der);
  progress?.('Done', 100);
  return record;
}

// ---- Import-ExchangeCertificate ----

export class ImportError extends Error {
  constructor(
    message: string,
    public readonly code: 'NotRecognized' | 'WrongPassword' | 'NoPrivateKey' | 'NoMatchingRequest' | 'AlreadyExists' | 'Unsupported',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * Imports a PFX (key stored non-exportable, chain kept) or an issued certificate / PKCS#7 chain that
 * completes the pending request with the same public key. Nothing is stored when it fails.
 */
export async function importCertificateData(
  home: string,
  bytes: Uint8Array,
  opts: { password?: string; friendlyName?: string; source?: string } = {},
): Promise<CertificateRecord> {
  const what = opts.source ? `'${opts.source}'` : 'The data';
  if (bytes.length === 0) throw new ImportError(`${what} is empty.`, 'NotRecognized');
  if (looksLikePkcs12(bytes)) {
    let pfx;
    try {
      pfx = readPfx(bytes, opts.password);
    } catch (e) {
      if (e instanceof Pkcs12Error) {
        const code = e.reason === 'WrongPassword' ? 'WrongPassword' : e.reason === 'NoPrivateKey' ? 'NoPrivateKey' : e.reason === 'Unsupported' ? 'Unsupported' : 'NotRecognized';
        throw new ImportError(e.message, code);
      }
      throw e;
    }
    const cert = parseCertificate(pfx.certificate);
    try {
      return await addCertificate(home, {
        certificate: cert,
        chain: pfx.chain,
        privateKeyPem: pfx.privateKeyPem,
        friendlyName: opts.friendlyName ?? pfx.friendlyName ?? '',
        // Import-ExchangeCertificate always marks a PFX key non-exportable (by design, as in Exchange)
        privateKeyExportable: false,
        services: [],
        source: 'Pfx',
      });
    } catch (e) {
      if (e instanceof CertificateStoreError && e.code === 'AlreadyExists') throw new ImportError(e.message, 'AlreadyExists');
      throw e;
    }
  }
  let ders: Buffer[];
  try {
    ders = certificatesFromBytes(bytes);
  } catch {
    ders = [];
  }
  const certs: CertInfo[] = [];
  for (const d of ders) {
    try {
      certs.push(parseCertificate(d));
    } catch {
      // not a certificate: reported below when nothing usable is left
    }
  }
  if (certs.length === 0) {
    throw new ImportError(
      `${what} is not a certificate, a PKCS#7 certificate chain or a PKCS#12 (PFX) file. Use the file the certification authority issued for the request, or a .pfx file.`,
      'NotRecognized',
    );
  }
  const doc = readCertificateStore(home);
  const requestSpkis = doc.requests.map((r) => ({ r, spki: parseCertificateRequest(derOf(r.request)).spkiDer }));
  const leaf = certs.find((c) => requestSpkis.some((x) => x.spki.equals(c.spkiDer))) ?? certs.find((c) => !c.basicConstraints?.ca) ?? certs[0]!;
  const chain = certs.filter((c) => c !== leaf).map((c) => c.der);
  try {
    return await completePendingRequest(
      home,
      leaf,
      chain,
      (r) => parseCertificateRequest(derOf(r.request)).spkiDer.equals(leaf.spkiDer),
      opts.friendlyName,
    );
  } catch (e) {
    if (e instanceof CertificateStoreError && (e.code === 'AlreadyExists' || e.code === 'NoMatchingRequest')) throw new ImportError(e.message, e.code);
    throw e;
  }
}

// ---- Export-ExchangeCertificate ----

export async function exportCertificate(
  home: string,
  thumbprint: string,
  opts: { password?: string; binaryEncoded?: boolean },
): Promise<{ kind: 'pfx' | 'request' | 'certificate'; data: Buffer | string }> {
  const entry = findExchangeCertificate(home, thumbprint);
  if (!entry) throw new CertificateStoreError(`The certificate with thumbprint ${normalizeThumbprint(thumbprint)} was not found.`, 'NotFound');
  if (entry.kind === 'PendingRequest') {
    const der = entry.request!.der;
    return { kind: 'request', data: opts.binaryEncoded ? der : requestToPem(der) };
  }
  if (!entry.keyFile) {
    return { kind: 'certificate', data: opts.binaryEncoded ? entry.cert!.der : certToPem(entry.cert!.der) };
  }
  if (!entry.privateKeyExportable) {
    throw new CertificateStoreError(`The private key of certificate ${entry.thumbprint} is not exportable.`, 'NotExportable');
  }
  if (!opts.password) throw new CertificateStoreError('A password is required to export a certificate with its private key: use the Password parameter.', 'Invalid');
  const keyPem = readKeyFile(home, entry.keyFile);
  const pfx = writePfx({ privateKeyPem: keyPem, certificate: entry.cert!.der, chain: entry.chain, password: opts.password, friendlyName: entry.friendlyName || undefined });
  return { kind: 'pfx', data: opts.binaryEncoded ? pfx : pfx.toString('base64') };
}

// ---- for the transport ----

export interface SmtpCertificate {
  thumbprint: string;
  subject: string;
  domains: string[];
  certPem: string;
  keyPem: string;
  /** The chain certificates to send after the leaf (PEM each). */
  chainPem: string[];
  /** Status of the certificate by the trust store now. */
  status: ExchangeCertificateStatus;
}

/**
 * The certificate the SMTP service presents: among certificates enabled for SMTP with a private key,
 * one that names `fqdn` (when given) first, then the default SMTP certificate, then the one valid the
 * longest. Certificates outside their validity are skipped. undefined when there is none.
 */
export function getSmtpCertificate(home: string, opts: { fqdn?: string; at?: Date } = {}): SmtpCertificate | undefined {
  const at = opts.at ?? new Date();
  const all = listExchangeCertificates(home, { at }).filter(
    (c) => c.kind === 'Certificate' && c.services.includes('SMTP') && c.keyFile && c.cert && c.cert.notBefore <= at && at <= c.cert.notAfter,
  );
  const score = (c: ExchangeCertificate) =>
    (opts.fqdn && matchesHostname(c.cert!, opts.fqdn) ? 4 : 0) + (c.isDefaultSmtp ? 2 : 0) + (c.status === 'Valid' ? 1 : 0);
  all.sort((a, b) => score(b) - score(a) || b.cert!.notAfter.getTime() - a.cert!.notAfter.getTime());
  const best = all[0];
  if (!best) return undefined;
  return {
    thumbprint: best.thumbprint,
    subject: best.subject,
    domains: best.certificateDomains,
    certPem: certToPem(best.cert!.der),
    keyPem: readKeyFile(home, best.keyFile!),
    chainPem: best.chain.map((c) => certToPem(c)),
    status: best.status,
  };
}

/** PEM bundles of the trust store for Node's TLS options (`ca`, `crl`). */
export function getTrustPem(home: string): { ca: string[]; crl: string[] } {
  const t = trustMaterial(home);
  return { ca: [...t.roots, ...t.intermediates].map((d) => toPem('CERTIFICATE', d)), crl: t.crls.map((d) => toPem('X509 CRL', d)) };
}

/** The key file's path (for AccessRules display). */
export function keyFilePath(home: string, keyFile: string): string {
  return path.join(keysDir(home), keyFile);
}

export function keyFileMode(home: string, keyFile: string): number | undefined {
  try {
    return fs.statSync(keyFilePath(home, keyFile)).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * Validates a peer's certificate (DER leaf and the chain it sent) against this server's trust store:
 * the transport's check for domain security. `hostname` is the partner domain the certificate must name.
 */
export function validatePeerCertificate(
  home: string,
  leaf: Uint8Array,
  chain: Uint8Array[],
  opts: { purpose: 'server' | 'client'; hostname?: string; at?: Date },
): ValidationResult {
  return validateChain(leaf, chain, trustMaterial(home), opts);
}
