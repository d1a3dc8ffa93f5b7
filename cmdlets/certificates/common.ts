// Shared by the certificate cmdlets: the certificate object Exchange emits, the Services parameter
// type, reading input files, and turning store/PKI failures into PowerShell errors. Cheap to import:
// the PKI and the store are loaded lazily by the callers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { CmdletContext } from '../../src/engine/cmdlet.js';
import { ErrorRecord, type ErrorCategory } from '../../src/engine/errors.js';
import { PSObject, SecureString } from '../../src/engine/values.js';
import type { ExchangeCertificate } from '../../src/state/certstore.js';

export const X509_TYPE_NAMES = ['System.Security.Cryptography.X509Certificates.X509Certificate2', 'System.Object'];

/** Exchange's AllowedServices, in the order of the Services mask (`IPUWSF`). */
export const ALLOWED_SERVICES = ['None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter'] as const;
export type AllowedService = Exclude<(typeof ALLOWED_SERVICES)[number], 'None'>;

const MASK: [AllowedService, string][] = [
  ['IMAP', 'I'],
  ['POP', 'P'],
  ['UM', 'U'],
  ['IIS', 'W'],
  ['SMTP', 'S'],
  ['Federation', 'F'],
];

/** `....S.`: one letter per service (IMAP POP UM IIS SMTP Federation), `.` where not enabled. */
export function servicesMask(services: unknown): string {
  const list = servicesList(services);
  return MASK.map(([name, letter]) => (list.includes(name) ? letter : '.')).join('');
}

function servicesList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(servicesList);
  if (typeof value !== 'string') return [];
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The Services parameter's conversion: `SMTP`, `IMAP,POP`, `"IIS, SMTP"`, or an array of them. */
export function parseServices(value: unknown): AllowedService[] {
  const names = servicesList(value instanceof PSObject ? String(value.get('Services') ?? '') : value);
  if (names.length === 0) throw new Error('The Services value is empty. Valid values are: ' + ALLOWED_SERVICES.join(', ') + '.');
  const out: AllowedService[] = [];
  for (const n of names) {
    const canon = ALLOWED_SERVICES.find((s) => s.toLowerCase() === n.toLowerCase());
    if (!canon) throw new Error(`'${n}' is not a valid service. Valid values are: ${ALLOWED_SERVICES.join(', ')}.`);
    if (canon !== 'None' && !out.includes(canon)) out.push(canon);
  }
  return out;
}

/** Services as the flags enum shows them: `IMAP, POP, SMTP`, or `None`. */
export function servicesText(services: readonly string[]): string {
  return services.length ? services.join(', ') : 'None';
}

export const servicesParameter = {
  type: 'AllowedServices',
  convert: (v: unknown) => parseServices(v),
  complete: (_ctx: unknown, word: string) => ALLOWED_SERVICES.filter((s) => s.toLowerCase().startsWith(word.toLowerCase())),
};

function accessRules(home: string, e: ExchangeCertificate, keyMode: (home: string, f: string) => number | undefined): string[] {
  if (!e.keyFile) return [];
  const mode = keyMode(home, e.keyFile);
  let user = 'owner';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry: keep the generic name
  }
  const m = mode === undefined ? '?' : '0' + mode.toString(8);
  const rights = mode !== undefined && (mode & 0o077) === 0 ? 'FullControl (owner only)' : 'FullControl';
  return [`${user} Allow ${rights}, key file mode ${m}`];
}

/** The X509Certificate2-with-Exchange-properties object Get-ExchangeCertificate and the others emit. */
export function certificateObject(home: string, e: ExchangeCertificate, keyMode: (home: string, f: string) => number | undefined): PSObject {
  const o = new PSObject(X509_TYPE_NAMES);
  o.add('AccessRules', accessRules(home, e, keyMode));
  o.add('CertificateDomains', [...e.certificateDomains]);
  o.add('HasPrivateKey', e.hasPrivateKey);
  o.add('IsSelfSigned', e.isSelfSigned);
  o.add('Issuer', e.issuer);
  o.add('NotAfter', e.notAfter);
  o.add('NotBefore', e.notBefore);
  o.add('PublicKeySize', e.publicKeySize);
  o.add('RootCAType', e.rootCAType);
  o.add('SerialNumber', e.serialNumber);
  o.add('Services', servicesText(e.services));
  o.add('Status', e.status);
  o.add('Subject', e.subject);
  o.add('Thumbprint', e.thumbprint);
  o.add('FriendlyName', e.friendlyName);
  o.add('PrivateKeyExportable', e.privateKeyExportable);
  o.add('Identity', e.thumbprint);
  o.add('CertificateRequest', e.certificateRequest ?? null);
  return o;
}

/** The plain text of a -Password value (SecureString, or a string given anyway). */
export function passwordText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof SecureString) return value.reveal();
  return String(value);
}

/** Bytes of -Path (a file) or -FileData (Byte[] from Get-Content -Encoding Byte -ReadCount 0, or Base64 text). */
export function readInput(ctx: CmdletContext, pathParam: string, dataParam: string): { bytes: Uint8Array; source: string } {
  if (ctx.bound.has(dataParam)) {
    const data = ctx.params[dataParam];
    if (data instanceof Uint8Array) return { bytes: data, source: dataParam };
    if (Array.isArray(data) && data.every((b) => typeof b === 'number')) return { bytes: Uint8Array.from(data as number[]), source: dataParam };
    if (typeof data === 'string') return { bytes: Buffer.from(data, /^[A-Za-z0-9+/=\s]+$/.test(data) && !data.includes('-----') ? 'base64' : 'latin1'), source: dataParam };
    ctx.throwTerminating(`The ${dataParam} value is not a byte array. Read the file with Get-Content -Encoding Byte -ReadCount 0.`, 'InvalidFileData', 'InvalidArgument');
  }
  const given = ctx.params[pathParam] as string | undefined;
  if (!given) ctx.throwTerminating(`Specify the file with -${pathParam} or its contents with -${dataParam}.`, 'MissingInput', 'InvalidArgument');
  const file = ctx.session.resolvePath(given);
  try {
    return { bytes: fs.readFileSync(file), source: file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg = code === 'ENOENT' ? `Could not find file '${file}'.` : code === 'EISDIR' ? `'${file}' is a directory, not a file.` : `The file '${file}' cannot be read: ${(e as Error).message}`;
    ctx.throwTerminating(new ErrorRecord(msg, `FileReadError,${ctx.commandName}`, code === 'ENOENT' ? 'ObjectNotFound' : 'ReadError', file, 'System.IO.FileNotFoundException'));
  }
}

const CATEGORY_BY_CODE: Record<string, ErrorCategory> = {
  NotRecognized: 'InvalidData',
  WrongPassword: 'SecurityError',
  NoPrivateKey: 'InvalidData',
  NoMatchingRequest: 'ObjectNotFound',
  AlreadyExists: 'ResourceExists',
  Unsupported: 'NotImplemented',
  NotFound: 'ObjectNotFound',
  NotExportable: 'InvalidOperation',
  Invalid: 'InvalidArgument',
};

/** An ErrorRecord for a failure from the store or the PKI layer (StateError names the damaged file). */
export function errorFrom(ctx: CmdletContext, e: unknown, errorId: string, target?: unknown): ErrorRecord {
  const err = e as Error & { code?: string; file?: string };
  if (err?.name === 'StateError') return new ErrorRecord(err.message, `StateFileError,${ctx.commandName}`, 'ReadError', err.file ?? target, 'System.IO.InvalidDataException');
  const known = ['ImportError', 'CertificateStoreError', 'NameError', 'Pkcs12Error', 'CertificateFormatError', 'RequestFormatError', 'CrlFormatError', 'LabCaError', 'DerError'];
  if (err && known.includes(err.name)) {
    const category = (err.code && CATEGORY_BY_CODE[err.code]) || 'InvalidOperation';
    return new ErrorRecord(err.message, `${errorId},${ctx.commandName}`, category, target);
  }
  if (err && typeof err === 'object' && 'record' in err) return (err as unknown as { record: ErrorRecord }).record;
  return new ErrorRecord(err?.message ?? String(e), `${errorId},${ctx.commandName}`, 'NotSpecified', target);
}

/** Writes a file for a cmdlet's -Path: refuses to replace an existing file unless `force`. */
export function checkOutputPath(ctx: CmdletContext, given: string, force: boolean): string {
  const file = ctx.session.resolvePath(given);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) ctx.throwTerminating(`'${file}' is a directory; give a file name.`, 'PathIsDirectory', 'InvalidArgument', file);
  if (st && !force) ctx.throwTerminating(`The file '${file}' already exists. Use -Force to overwrite it.`, 'FileExists', 'ResourceExists', file);
  const dir = file.replace(/[/\\][^/\\]*$/, '') || '/';
  if (!fs.existsSync(dir)) ctx.throwTerminating(`Could not find a part of the path '${file}'.`, 'DirectoryNotFound', 'ObjectNotFound', file);
  return file;
}

/** Tab completion of the thumbprints in this server's store (the store loads only when asked). */
export async function completeThumbprint(ctx: { home: string }, word: string): Promise<string[]> {
  try {
    const { listExchangeCertificates } = await import('../../src/state/certstore.js');
    return listExchangeCertificates(ctx.home)
      .map((c) => c.thumbprint)
      .filter((t) => t.startsWith(word.toUpperCase()));
  } catch {
    return [];
  }
}
