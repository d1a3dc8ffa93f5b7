// PowerShell's type conversion rules (LanguagePrimitives): [string], truthiness, numbers, casts,
// -eq / -lt comparison and -is. Everything here sits on hot paths of the pipeline, so every
// exported function tests the common primitive cases with a typeof before anything else.
import { ErrorRecord, psError, type PSRuntimeError } from './errors.js';
import {
  isScriptBlock,
  PSChar,
  PSDouble,
  PSHashtable,
  PSObject,
  PSTypeRef,
  SecureString,
  TimeSpan,
} from './values.js';

// ---------------------------------------------------------------- typed arrays

/**
 * A JS array stands for object[]; a cast such as [string[]] or [System.Collections.ArrayList]
 * tags the array with its .NET type name so GetType() and -is can tell.
 */
export const ARRAY_TYPE: unique symbol = Symbol.for('edgeshell.arrayType');
type TaggedArray = unknown[] & { [ARRAY_TYPE]?: string };

export function tagArray<T extends unknown[]>(arr: T, typeName: string): T {
  // Non-enumerable, so deep equality and spreading see a plain array.
  if (typeName !== 'System.Object[]') Object.defineProperty(arr, ARRAY_TYPE, { value: typeName, writable: true, configurable: true });
  return arr;
}

export function arrayTypeName(arr: unknown[]): string {
  return (arr as TaggedArray)[ARRAY_TYPE] ?? 'System.Object[]';
}

/** ArrayList and List[T] accept Add/Remove; a plain object[] is of a fixed size. */
export function isResizableList(arr: unknown[]): boolean {
  const t = (arr as TaggedArray)[ARRAY_TYPE];
  return t !== undefined && (t === 'System.Collections.ArrayList' || t.startsWith('System.Collections.Generic.List'));
}

// ---------------------------------------------------------------- type names

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775808; // 2^63, as a double

const ACCELERATORS: Record<string, string> = {
  int: 'System.Int32',
  int32: 'System.Int32',
  long: 'System.Int64',
  int64: 'System.Int64',
  short: 'System.Int16',
  int16: 'System.Int16',
  byte: 'System.Byte',
  sbyte: 'System.SByte',
  ushort: 'System.UInt16',
  uint16: 'System.UInt16',
  uint: 'System.UInt32',
  uint32: 'System.UInt32',
  ulong: 'System.UInt64',
  uint64: 'System.UInt64',
  double: 'System.Double',
  float: 'System.Single',
  single: 'System.Single',
  decimal: 'System.Decimal',
  bigint: 'System.Numerics.BigInteger',
  string: 'System.String',
  bool: 'System.Boolean',
  boolean: 'System.Boolean',
  char: 'System.Char',
  array: 'System.Array',
  hashtable: 'System.Collections.Hashtable',
  ordered: 'System.Collections.Specialized.OrderedDictionary',
  pscustomobject: 'System.Management.Automation.PSObject',
  psobject: 'System.Management.Automation.PSObject',
  object: 'System.Object',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  scriptblock: 'System.Management.Automation.ScriptBlock',
  securestring: 'System.Security.SecureString',
  regex: 'System.Text.RegularExpressions.Regex',
  type: 'System.Type',
  void: 'System.Void',
  switch: 'System.Management.Automation.SwitchParameter',
  guid: 'System.Guid',
  version: 'System.Version',
  math: 'System.Math',
  convert: 'System.Convert',
  environment: 'System.Environment',
  xml: 'System.Xml.XmlDocument',
  uri: 'System.Uri',
  ipaddress: 'System.Net.IPAddress',
  mailaddress: 'System.Net.Mail.MailAddress',
  pscredential: 'System.Management.Automation.PSCredential',
  errorrecord: 'System.Management.Automation.ErrorRecord',
  exception: 'System.Exception',
  runtimeexception: 'System.Management.Automation.RuntimeException',
  cultureinfo: 'System.Globalization.CultureInfo',
  adsi: 'System.DirectoryServices.DirectoryEntry',
  wildcardpattern: 'System.Management.Automation.WildcardPattern',
  ref: 'System.Management.Automation.PSReference',
  x509certificate: 'System.Security.Cryptography.X509Certificates.X509Certificate',
};

/** Full names that resolve as written (also without their leading "System."). */
const KNOWN_TYPES = [
  ...new Set(Object.values(ACCELERATORS)),
  'System.Management.Automation.PSCustomObject',
  'System.RuntimeType',
  'System.ValueType',
  'System.Enum',
  'System.DBNull',
  'System.IO.Path',
  'System.IO.File',
  'System.IO.Directory',
  'System.IO.FileInfo',
  'System.IO.DirectoryInfo',
  'System.Text.Encoding',
  'System.Text.StringBuilder',
  'System.Net.Dns',
  'System.Collections.ArrayList',
  'System.Collections.IDictionary',
  'System.Collections.IEnumerable',
  'System.Collections.ICollection',
  'System.Collections.IList',
  'System.Collections.DictionaryEntry',
  'System.IComparable',
  'System.IFormattable',
  'System.StringComparison',
  'System.StringSplitOptions',
  'System.MidpointRounding',
  'System.Text.RegularExpressions.RegexOptions',
  'System.Text.RegularExpressions.Match',
  'System.Management.Automation.ActionPreference',
  'System.Management.Automation.CommandInfo',
  'System.Management.Automation.InvocationInfo',
  'System.Management.Automation.ErrorCategoryInfo',
  'System.Security.Cryptography.X509Certificates.X509Certificate2',
  'System.SystemException',
  'System.ArgumentException',
  'System.ArgumentNullException',
  'System.ArgumentOutOfRangeException',
  'System.InvalidOperationException',
  'System.InvalidCastException',
  'System.FormatException',
  'System.NotSupportedException',
  'System.NotImplementedException',
  'System.UnauthorizedAccessException',
  'System.DivideByZeroException',
  'System.ArithmeticException',
  'System.OverflowException',
  'System.TimeoutException',
  'System.IO.IOException',
  'System.IO.FileNotFoundException',
  'System.IO.DirectoryNotFoundException',
  'System.Net.WebException',
  'System.Net.Sockets.SocketException',
  'System.Security.Authentication.AuthenticationException',
  'System.Security.Cryptography.CryptographicException',
  'System.Management.Automation.ItemNotFoundException',
  'System.Management.Automation.CommandNotFoundException',
  'System.Management.Automation.ParameterBindingException',
  'System.Management.Automation.MethodInvocationException',
  'System.Management.Automation.MethodException',
  'System.Management.Automation.PSInvalidCastException',
  'System.Management.Automation.PSArgumentException',
  'System.Management.Automation.PSInvalidOperationException',
  'System.Management.Automation.ActionPreferenceStopException',
  'System.Management.Automation.ValidationMetadataException',
  'System.Management.Automation.SessionStateException',
  'System.Management.Automation.PipelineStoppedException',
  'System.Management.Automation.ParseException',
];
const KNOWN_BY_LOWER = new Map<string, string>();
for (const t of KNOWN_TYPES) {
  KNOWN_BY_LOWER.set(t.toLowerCase(), t);
  KNOWN_BY_LOWER.set(t.toLowerCase().slice('system.'.length), t);
}
for (const [k, v] of Object.entries(ACCELERATORS)) KNOWN_BY_LOWER.set(k, v);
// Cmdlet declarations name engine types without their namespace ('SwitchParameter', 'ActionPreference').
for (const t of KNOWN_TYPES) {
  const short = t.slice(t.lastIndexOf('.') + 1).toLowerCase();
  if (t.startsWith('System.Management.Automation.') && !KNOWN_BY_LOWER.has(short)) KNOWN_BY_LOWER.set(short, t);
}

const GENERIC_COLLECTIONS: Record<string, string> = {
  list: 'System.Collections.Generic.List',
  hashset: 'System.Collections.Generic.HashSet',
  dictionary: 'System.Collections.Generic.Dictionary',
  queue: 'System.Collections.Generic.Queue',
  stack: 'System.Collections.Generic.Stack',
};

const resolveCache = new Map<string, string | undefined>();

/** Resolves a type literal as PowerShell does: accelerators, full names, names without "System.", `T[]`. */
export function resolveTypeName(name: string): string | undefined {
  const cached = resolveCache.get(name);
  if (cached !== undefined || resolveCache.has(name)) return cached;
  const r = resolveUncached(name);
  resolveCache.set(name, r);
  return r;
}

function resolveUncached(name: string): string | undefined {
  let n = name.trim();
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1).trim();
  if (n.endsWith('[]')) {
    const inner = resolveTypeName(n.slice(0, -2));
    return inner && inner + '[]';
  }
  const lower = n.toLowerCase();
  const known = KNOWN_BY_LOWER.get(lower);
  if (known) return known;
  // Generic collections: List[string], System.Collections.Generic.Dictionary[string,object].
  const g = /^(?:system\.collections\.generic\.|collections\.generic\.)?(\w+)\[(.+)\]$/i.exec(n);
  if (g && GENERIC_COLLECTIONS[g[1].toLowerCase()]) {
    const args = splitTypeArgs(g[2]).map((a) => resolveTypeName(a));
    if (args.some((a) => !a)) return undefined;
    return `${GENERIC_COLLECTIONS[g[1].toLowerCase()]}[${args.join(',')}]`;
  }
  return undefined;
}

function splitTypeArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** The .NET full type name of a value, as GetType().FullName shows it. */
export function typeNameOf(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return numberTypeName(v);
    case 'string':
      return 'System.String';
    case 'boolean':
      return 'System.Boolean';
    case 'bigint':
      return v >= -9223372036854775808n && v <= 9223372036854775807n ? 'System.Int64' : 'System.Numerics.BigInteger';
    case 'undefined':
      return 'System.Object';
  }
  if (v === null) return 'System.Object';
  if (Array.isArray(v)) return arrayTypeName(v);
  if (v instanceof PSObject) return v.typeNames[0] ?? 'System.Management.Automation.PSCustomObject';
  if (v instanceof PSDouble) return 'System.Double';
  if (v instanceof PSHashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable';
  if (v instanceof PSChar) return 'System.Char';
  if (v instanceof Date) return 'System.DateTime';
  if (v instanceof TimeSpan) return 'System.TimeSpan';
  if (v instanceof SecureString) return 'System.Security.SecureString';
  if (v instanceof PSTypeRef) return 'System.RuntimeType';
  if (v instanceof ErrorRecord) return 'System.Management.Automation.ErrorRecord';
  if (v instanceof Uint8Array) return 'System.Byte[]';
  if (v instanceof RegExp) return 'System.Text.RegularExpressions.Regex';
  if (isScriptBlock(v)) return 'System.Management.Automation.ScriptBlock';
  return 'System.Object';
}

function numberTypeName(n: number): string {
  if (Number.isInteger(n)) {
    if (n >= INT32_MIN && n <= INT32_MAX) return 'System.Int32';
    if (n >= -INT64_LIMIT && n < INT64_LIMIT) return 'System.Int64';
  }
  return 'System.Double';
}

/** A number that PowerShell would hold as a double: non-integral, out of Int64 range, or a PSDouble. */
export function isDoubleValue(v: unknown): boolean {
  if (typeof v === 'number') return numberTypeName(v) === 'System.Double';
  return v instanceof PSDouble;
}

// ---------------------------------------------------------------- numbers to text

/**
 * [string] of a number. PowerShell formats doubles with 15 significant digits ("G15", the
 * .NET Framework precision it kept when .NET Core switched to shortest round-trip), so
 * 0.1+0.2 is '0.3'; integral Int32/Int64 values print all their digits.
 */
export function formatNumber(n: number | PSDouble): string {
  if (typeof n === 'number') {
    if (Number.isInteger(n) && n >= -INT64_LIMIT && n < INT64_LIMIT) return n === 0 ? '0' : String(n);
    return g15(n);
  }
  return g15(n.value);
}

function g15(x: number): string {
  if (!Number.isFinite(x)) return specialDouble(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15) {
    // Fast path: when the shortest round-trip form has at most 15 significant digits, G15 is the same text.
    const s = String(x);
    let digits = 0;
    let leading = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57 || (leading && c === 48)) continue;
      leading = false;
      digits++;
    }
    if (digits <= 15) return s;
  }
  return fromExponential(x.toExponential(14));
}

/** .NET Core's double.ToString(): the shortest round-trippable digits, same layout rules as G. */
export function dotnetDoubleString(x: number): string {
  if (!Number.isFinite(x)) return specialDouble(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return fromExponential(x.toExponential());
}

function specialDouble(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** Lays out JS exponential text ('-3.00e-1') the way .NET's G format does: 1E+15, 1E-05, 0.0001. */
function fromExponential(s: string): string {
  const neg = s.charCodeAt(0) === 45;
  const e = s.indexOf('e');
  const exp = Number(s.slice(e + 1));
  let digits = s.slice(neg ? 1 : 0, e).replace('.', '');
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  let body: string;
  if (exp >= 15 || exp < -4) {
    body = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'E' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else if (exp < 0) {
    body = '0.' + '0'.repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    body = digits.padEnd(exp + 1, '0');
  } else {
    body = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  }
  return neg ? '-' + body : body;
}

// ---------------------------------------------------------------- [string]

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** DateTime.ToString() under the invariant culture. */
export function dateToString(d: Date): string {
  return `${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}/${String(d.getFullYear()).padStart(4, '0')} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** PowerShell's [string] conversion, as "$v", -join and string parameters use it. */
export function toStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) {
    // $OFS (' ') between elements; a nested collection is not expanded again.
    let out = '';
    for (let i = 0; i < v.length; i++) {
      if (i) out += ' ';
      const x = v[i];
      out += Array.isArray(x) ? arrayTypeName(x) : toStr(x);
    }
    return out;
  }
  return objectToString(v);
}

/** Object.ToString() of one value, as .NET would give it (not enumerated, doubles round-trip). */
export function dotnetToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? String(v) : dotnetDoubleString(v);
  if (v instanceof PSDouble) return dotnetDoubleString(v.value);
  if (Array.isArray(v)) return arrayTypeName(v);
  return toStr(v);
}

function objectToString(v: unknown): string {
  if (v instanceof PSObject) return psObjectToString(v);
  if (v instanceof PSDouble) return g15(v.value);
  if (v instanceof PSChar) return v.value;
  if (v instanceof Date) return dateToString(v);
  if (v instanceof PSHashtable) return typeNameOf(v);
  if (v instanceof TimeSpan || v instanceof SecureString) return v.toString();
  if (v instanceof PSTypeRef) return v.fullName;
  if (v instanceof ErrorRecord) return v.message;
  if (v instanceof Uint8Array) return 'System.Byte[]';
  if (v instanceof RegExp) return v.source;
  if (typeof v === 'bigint') return v.toString();
  if (isScriptBlock(v)) return v.text;
  if (typeof v === 'object' && v !== null && v.toString !== Object.prototype.toString) return String(v);
  return typeNameOf(v);
}

function psObjectToString(o: PSObject): string {
  const m = o.method('ToString');
  if (m) return toStr(m.fn());
  if (o.baseObject !== undefined && o.baseObject !== null) return toStr(o.baseObject);
  if (!o.isCustom()) return o.typeNames[0] ?? '';
  const props = o.properties();
  if (props.length === 0) return '';
  // Each value is ToString()'d without expanding collections: @{a=1; b=System.Object[]}.
  return '@{' + props.map((p) => `${p.name}=${dotnetToString(p.getter ? p.getter() : p.value)}`).join('; ') + '}';
}

// ---------------------------------------------------------------- truthiness

/** LanguagePrimitives.IsTrue. */
export function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    if (v.length > 1) return true;
    // One element: its own truth, except that a non-empty nested list is true without looking inside.
    const first = v[0];
    return Array.isArray(first) ? first.length > 0 : toBool(first);
  }
  if (v instanceof PSDouble) return v.value !== 0;
  if (v instanceof PSChar) return v.value !== '\0';
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof Uint8Array) return v.length > 1 || (v.length === 1 && v[0] !== 0);
  if (v instanceof PSObject && v.baseObject !== undefined) return toBool(v.baseObject);
  return true;
}

// ---------------------------------------------------------------- text to numbers

const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };
const NUMBER_RE = /^([+-]?)(?:0x([0-9a-f]+)|0b([01]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))(ul|lu|us|uy|[ldunys])?(kb|mb|gb|tb|pb)?$/i;
const THOUSANDS_RE = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A number written in a string, as PowerShell's parser and .NET's invariant Double.Parse read it:
 * ' 12 ', '0x1F', '1e3', '10MB', '1,000', '-Infinity'. undefined when it is not one.
 */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const m = NUMBER_RE.exec(s);
  if (m) {
    let n: number;
    if (m[2] !== undefined) n = hexValue(m[2], m[5]);
    else if (m[3] !== undefined) n = parseInt(m[3], 2);
    else n = Number(m[4]);
    if (m[6]) n *= MULTIPLIERS[m[6].toLowerCase()];
    return m[1] === '-' ? -n : n;
  }
  if (THOUSANDS_RE.test(s)) return Number(s.replace(/,/g, ''));
  switch (s.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'infinity':
    case '+infinity':
    case '∞':
      return Infinity;
    case '-infinity':
    case '-∞':
      return -Infinity;
  }
  return undefined;
}

/** 0xFFFFFFFF is Int32 -1 and 0xFFFFFFFFFFFFFFFF is Int64 -1 unless the literal is unsigned. */
function hexValue(hex: string, suffix: string | undefined): number {
  const unsigned = suffix !== undefined && suffix.toLowerCase().includes('u');
  const big = BigInt('0x' + hex);
  if (unsigned) return Number(big);
  if (hex.length <= 8) return Number(BigInt.asIntN(32, big));
  if (hex.length <= 16) return Number(BigInt.asIntN(64, big));
  return Number(big);
}

/** .NET 8's wording, which PowerShell 7.4 shows. */
const formatMessage = (input: string) => `The input string '${input}' was not in a correct format.`;

function castError(value: string, target: string, inner: string, id: string): PSRuntimeError {
  return psError(`Cannot convert value "${value}" to type "${target}". Error: "${inner}"`, id, 'InvalidArgument', value);
}

function invalidCast(v: unknown, target: string): PSRuntimeError {
  return psError(
    `Cannot convert the "${toStr(v)}" value of type "${typeNameOf(v)}" to type "${target}".`,
    'ConvertToFinalInvalidCastException',
    'InvalidArgument',
    v,
  );
}

/**
 * An arithmetic operand as a number. Strings are parsed as PowerShell numbers; anything else
 * that is not numeric throws PowerShell's cast error for `target` (System.Int32 by default).
 */
export function toNumber(v: unknown, target = 'System.Int32'): number {
  if (typeof v === 'number') return v;
  if (v instanceof PSDouble) return v.value;
  if (typeof v === 'string') {
    if (v.length === 0) return 0;
    const n = parseNumber(v);
    if (n === undefined) {
      if (v.trim() === '') return 0;
      throw castError(v, target, formatMessage(v), target === 'System.Double' ? 'InvalidCastFromStringToDoubleOrSingle' : 'InvalidCastFromStringToInteger');
    }
    return n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return 0;
  if (v instanceof PSChar) return v.value.charCodeAt(0);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PSObject && v.baseObject !== undefined) return toNumber(v.baseObject, target);
  throw invalidCast(v, target);
}

export function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || v instanceof PSDouble;
}

/** Math.Round's default: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------- casts

export interface ConvertOptions {
  /** Parameter binding: Boolean/SwitchParameter refuse strings; unknown type names pass values through. */
  forParameter?: boolean;
}

interface IntRange {
  min: number;
  max: number;
  what: string;
}
const INTEGER_TYPES: Record<string, IntRange> = {
  'System.Int32': { min: INT32_MIN, max: INT32_MAX, what: 'an Int32' },
  'System.Int64': { min: -INT64_LIMIT, max: INT64_LIMIT - 1, what: 'an Int64' },
  'System.Int16': { min: -32768, max: 32767, what: 'an Int16' },
  'System.Byte': { min: 0, max: 255, what: 'an unsigned byte' },
  'System.SByte': { min: -128, max: 127, what: 'a signed byte' },
  'System.UInt16': { min: 0, max: 65535, what: 'a UInt16' },
  'System.UInt32': { min: 0, max: 4294967295, what: 'a UInt32' },
  'System.UInt64': { min: 0, max: 2 * INT64_LIMIT - 1, what: 'a UInt64' },
};

/**
 * A cast ([int]$x) or a parameter conversion. `typeName` is as written: 'int', 'System.Int32',
 * 'string[]', 'pscustomobject'... Errors carry PowerShell's wording.
 */
export function convertTo(v: unknown, typeName: string, opts?: ConvertOptions): unknown {
  let name = typeName.trim();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1).trim();
  const lower = name.toLowerCase();
  if (lower === 'pscustomobject' || lower === 'system.management.automation.pscustomobject') return toCustomObject(v);
  if (lower === 'ordered') return toDictionary(v, true, name);
  const full = resolveTypeName(name);
  if (!full) {
    if (opts?.forParameter) return v;
    if (v instanceof PSObject && v.typeNames.some((t) => t.toLowerCase() === lower)) return v;
    throw psError(`Unable to find type [${name}].`, 'TypeNotFound', 'InvalidOperation', name);
  }
  return convertToFull(v, full, opts);
}

function convertToFull(v: unknown, full: string, opts?: ConvertOptions): unknown {
  if (full.endsWith('[]')) return toTypedArray(v, full, opts);
  const range = INTEGER_TYPES[full];
  if (range) return toInteger(v, full, range);
  switch (full) {
    case 'System.Object':
    case 'System.Management.Automation.PSObject':
      return v;
    case 'System.String':
      if (v === null || v === undefined) return '';
      return typeof v === 'string' ? v : toStr(unwrap(v));
    case 'System.Boolean':
    case 'System.Management.Automation.SwitchParameter':
      return toBoolean(v, full, opts);
    case 'System.Double':
    case 'System.Single':
    case 'System.Decimal':
      return toDouble(v, full);
    case 'System.Void':
      return undefined;
  }
  v = unwrap(v);
  if (v === null || v === undefined) return nullTo(full);
  switch (full) {
    case 'System.Char':
      return toChar(v);
    case 'System.Array':
      return Array.isArray(v) || v instanceof Uint8Array ? v : [v];
    case 'System.Collections.Hashtable':
      return toDictionary(v, false, full);
    case 'System.Collections.Specialized.OrderedDictionary':
      return toDictionary(v, true, full);
    case 'System.DateTime':
      return toDate(v);
    case 'System.TimeSpan':
      return toTimeSpan(v);
    case 'System.Management.Automation.ScriptBlock':
      if (isScriptBlock(v)) return v;
      throw invalidCast(v, full);
    case 'System.Security.SecureString':
      if (v instanceof SecureString) return v;
      throw invalidCast(v, full);
    case 'System.Type':
    case 'System.RuntimeType':
      if (v instanceof PSTypeRef) return v;
      if (typeof v === 'string') {
        const t = resolveTypeName(v);
        if (t) return new PSTypeRef(t);
        throw castError(v, 'System.Type', `Unable to find type [${v}].`, 'InvalidCastFromStringToType');
      }
      throw invalidCast(v, full);
    case 'System.Text.RegularExpressions.Regex':
      if (v instanceof RegExp) return v;
      if (typeof v === 'string') {
        try {
          return new RegExp(v);
        } catch (e) {
          throw castError(v, full, (e as Error).message, 'InvalidCastFromStringToRegex');
        }
      }
      throw invalidCast(v, full);
    case 'System.Collections.ArrayList':
      return tagArray(Array.isArray(v) ? [...v] : v instanceof Uint8Array ? Array.from(v) : [v], full);
    case 'System.Guid':
      return toGuid(v);
    case 'System.Version':
      return toVersion(v);
    case 'System.Numerics.BigInteger':
      if (typeof v === 'bigint') return v;
      return BigInt(Math.trunc(toNumber(v, full)));
  }
  if (full.startsWith('System.Collections.Generic.List[')) {
    const elem = full.slice('System.Collections.Generic.List['.length, -1);
    const items = Array.isArray(v) ? v : v instanceof Uint8Array ? Array.from(v) : [v];
    return tagArray(items.map((x) => convertToFull(x, elem, opts)), full);
  }
  if (v instanceof PSObject && v.typeNames.some((t) => t.toLowerCase() === full.toLowerCase())) return v;
  if (typeNameOf(v) === full) return v;
  throw invalidCast(v, full);
}

function unwrap(v: unknown): unknown {
  return v instanceof PSObject && v.baseObject !== undefined ? v.baseObject : v;
}

/** Casting $null: value types get their default, reference types stay $null. */
function nullTo(full: string): unknown {
  switch (full) {
    case 'System.Char':
      return new PSChar('\0');
    case 'System.DateTime': {
      const d = new Date(2000, 0, 1);
      d.setFullYear(1, 0, 1);
      return d;
    }
    case 'System.TimeSpan':
      return new TimeSpan(0);
    case 'System.Guid':
      return makeGuid('00000000-0000-0000-0000-000000000000');
  }
  return null;
}

/** One element of a single-element array stands for itself in a scalar conversion. */
function scalarOf(v: unknown, full: string): unknown {
  if (Array.isArray(v)) {
    if (v.length === 1) return v[0];
    throw invalidCast(v, full);
  }
  return v;
}

function toInteger(v: unknown, full: string, range: IntRange): number {
  v = unwrap(scalarOf(v, full));
  let n: number;
  if (typeof v === 'number') n = v;
  else if (v instanceof PSDouble) n = v.value;
  else if (typeof v === 'string') {
    if (v.length === 0) return 0;
    const p = parseNumber(v);
    if (p === undefined) throw castError(v, full, formatMessage(v), 'InvalidCastFromStringToInteger');
    n = roundHalfEven(p);
    if (!(n >= range.min && n <= range.max)) {
      throw castError(v, full, `Value was either too large or too small for ${range.what}.`, 'InvalidCastFromStringToInteger');
    }
    return n === 0 ? 0 : n;
  } else if (typeof v === 'boolean') return v ? 1 : 0;
  else if (v === null || v === undefined) return 0;
  else if (v instanceof PSChar) n = v.value.charCodeAt(0);
  else if (typeof v === 'bigint') n = Number(v);
  else throw invalidCast(v, full);
  if (Number.isNaN(n) || !Number.isFinite(n)) {
    throw castError(formatNumber(n), full, `Value was either too large or too small for ${range.what}.`, 'InvalidCastIConvertible');
  }
  const r = roundHalfEven(n);
  if (r < range.min || r > range.max) {
    throw castError(dotnetToString(v), full, `Value was either too large or too small for ${range.what}.`, 'InvalidCastIConvertible');
  }
  return r === 0 ? 0 : r;
}

/** [double]: an integral result is a PSDouble so that it stays a double (-is [double], display). */
function toDouble(v: unknown, full: string): number | PSDouble {
  v = unwrap(scalarOf(v, full));
  if (v instanceof PSDouble) return v;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    if (v.length === 0) n = 0;
    else {
      const p = parseNumber(v);
      if (p === undefined) throw castError(v, full, formatMessage(v), full === 'System.Decimal' ? 'InvalidCastFromStringToDecimal' : 'InvalidCastFromStringToDoubleOrSingle');
      n = p;
    }
  } else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (v === null || v === undefined) n = 0;
  else if (v instanceof PSChar) n = v.value.charCodeAt(0);
  else if (typeof v === 'bigint') n = Number(v);
  else throw invalidCast(v, full);
  // Single and Decimal have no JS counterpart: a Single keeps double precision (so [float]0.1
  // shows as 0.1) and a Decimal is a plain number.
  if (full === 'System.Decimal') return n;
  return Number.isInteger(n) ? new PSDouble(n) : n;
}

function toBoolean(v: unknown, full: string, opts?: ConvertOptions): boolean {
  if (typeof v === 'boolean') return v;
  if (opts?.forParameter) {
    const u = unwrap(v);
    if (typeof u === 'boolean') return u;
    if (typeof u === 'number' || u instanceof PSDouble) return toBool(u);
    if (u === null || u === undefined) return false;
    throw psError(
      `Cannot convert value "${typeNameOf(u)}" to type "${full}". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
      'ParameterArgumentTransformationError',
      'InvalidArgument',
      u,
    );
  }
  return toBool(v);
}

function toChar(v: unknown): PSChar {
  v = scalarOf(v, 'System.Char');
  if (v instanceof PSChar) return v;
  if (typeof v === 'string') {
    if (v.length === 1) return new PSChar(v);
    throw castError(v, 'System.Char', 'String must be exactly one character long.', 'InvalidCastParseTargetInvocation');
  }
  if (typeof v === 'number' || v instanceof PSDouble) {
    const n = toInteger(v, 'System.Char', { min: 0, max: 65535, what: 'a character' });
    return new PSChar(String.fromCharCode(n));
  }
  if (typeof v === 'boolean') throw castError(toStr(v), 'System.Char', "Invalid cast from 'Boolean' to 'Char'.", 'InvalidCastIConvertible');
  throw invalidCast(v, 'System.Char');
}

function toTypedArray(v: unknown, full: string, opts?: ConvertOptions): unknown {
  const elem = full.slice(0, -2);
  if (v === null || v === undefined) return null;
  v = unwrap(v);
  if (elem === 'System.Byte' && v instanceof Uint8Array) return v;
  if (elem === 'System.Char' && typeof v === 'string') return tagArray([...v].map((c) => new PSChar(c)), full);
  const many = Array.isArray(v) || v instanceof Uint8Array;
  const items: unknown[] = Array.isArray(v) ? v : v instanceof Uint8Array ? Array.from(v) : [v];
  if (elem === 'System.Object' && Array.isArray(v)) return v;
  const out: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      out[i] = convertToFull(items[i], elem, opts);
    } catch (e) {
      const inner = e instanceof Error ? e.message : String(e);
      const shown = many ? typeNameOf(v) : toStr(v);
      throw castError(shown, full, inner, many ? 'InvalidCastExceptionEnumerableToArray' : 'InvalidCastExceptionScalarToArray');
    }
  }
  if (elem === 'System.Byte') return Uint8Array.from(out as number[]);
  return tagArray(out, full);
}

/** [pscustomobject]: a dictionary becomes an object with its keys as note properties, in key order. */
function toCustomObject(v: unknown): unknown {
  v = unwrap(v);
  if (v instanceof PSHashtable) {
    const o = new PSObject();
    for (const [k, val] of v.entries()) {
      const key = toStr(k);
      if (key.toLowerCase() === 'pstypename' && typeof val === 'string') o.typeNames.unshift(val);
      else o.add(key, val, 'NoteProperty');
    }
    return o;
  }
  return v;
}

function toDictionary(v: unknown, ordered: boolean, full: string): PSHashtable | null {
  v = unwrap(v);
  if (v === null || v === undefined) return null;
  if (v instanceof PSHashtable) {
    if (v.ordered === ordered) return v;
    const h = new PSHashtable(ordered);
    for (const [k, val] of v.entries()) h.set(k, val);
    return h;
  }
  throw invalidCast(v, ordered ? 'System.Collections.Specialized.OrderedDictionary' : full);
}

function toTimeSpan(v: unknown): TimeSpan {
  v = scalarOf(v, 'System.TimeSpan');
  if (v instanceof TimeSpan) return v;
  if (typeof v === 'string') {
    const t = TimeSpan.parse(v);
    if (t) return t;
    throw castError(v, 'System.TimeSpan', 'String was not recognized as a valid TimeSpan.', 'InvalidCastParseTargetInvocation');
  }
  // A number is a count of ticks (100 ns).
  if (typeof v === 'number' || v instanceof PSDouble) return new TimeSpan(Number(v) / 10_000);
  throw invalidCast(v, 'System.TimeSpan');
}

// ---------------------------------------------------------------- dates

/** Ticks between 0001-01-01 and the Unix epoch, in milliseconds. */
export const EPOCH_OFFSET_MS = 62135596800000;

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  return MONTH_NAMES.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n)));
}

const TIME_PART = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(AM|PM)?)?\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})` + TIME_PART + '$', 'i');
const US_RE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})` + TIME_PART + '$', 'i');
const DMY_NAME_RE = new RegExp(String.raw`^(?:[a-z]+,\s*)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})` + TIME_PART + '$', 'i');
const MDY_NAME_RE = new RegExp(String.raw`^(?:[a-z]+,\s*)?([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})` + TIME_PART + '$', 'i');
const TIME_ONLY_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(AM|PM)?$/i;

/** DateTime.Parse under the invariant culture, for the forms scripts write. */
export function parseDate(text: string): Date | undefined {
  const s = text.trim();
  let m = ISO_RE.exec(s);
  if (m) return buildDate(+m[1], +m[2], +m[3], m, 4);
  if ((m = US_RE.exec(s))) return buildDate(+m[3], +m[1], +m[2], m, 4);
  if ((m = DMY_NAME_RE.exec(s))) {
    const mon = monthIndex(m[2]);
    return mon < 0 ? undefined : buildDate(+m[3], mon + 1, +m[1], m, 4);
  }
  if ((m = MDY_NAME_RE.exec(s))) {
    const mon = monthIndex(m[1]);
    return mon < 0 ? undefined : buildDate(+m[3], mon + 1, +m[2], m, 4);
  }
  if ((m = TIME_ONLY_RE.exec(s))) {
    const now = new Date();
    const withTime = [s, m[1], m[2], m[3], m[4], m[5]] as unknown as RegExpExecArray;
    return buildDate(now.getFullYear(), now.getMonth() + 1, now.getDate(), withTime, 1);
  }
  return undefined;
}

function buildDate(y: number, mo: number, d: number, m: RegExpExecArray, at: number): Date | undefined {
  let h = m[at] ? +m[at] : 0;
  const mi = m[at + 1] ? +m[at + 1] : 0;
  const sec = m[at + 2] ? +m[at + 2] : 0;
  const ms = m[at + 3] ? Math.round(Number('0.' + m[at + 3]) * 1000) : 0;
  const ampm = m[at + 4]?.toUpperCase();
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined;
  const zone = m[at + 5];
  if (zone) {
    const offset = /^[A-Z]/i.test(zone) ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset * 60_000);
  }
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, mo - 1, d);
  date.setHours(h, mi, sec, ms);
  return date;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDate(v: unknown): Date {
  v = scalarOf(v, 'System.DateTime');
  if (v instanceof Date) return v;
  if (typeof v === 'string') {
    const d = parseDate(v);
    if (d) return d;
    throw castError(v, 'System.DateTime', `String '${v}' was not recognized as a valid DateTime.`, 'InvalidCastParseTargetInvocation');
  }
  // A number is a count of ticks since 0001-01-01.
  if (typeof v === 'number' || v instanceof PSDouble) {
    const d = new Date(Number(v) / 10_000 - EPOCH_OFFSET_MS);
    return new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
  }
  throw invalidCast(v, 'System.DateTime');
}

// ---------------------------------------------------------------- guid / version

/** A [guid]: an object that converts to its string form. */
export function makeGuid(text: string): PSObject {
  const g = new PSObject(['System.Guid', 'System.ValueType', 'System.Object']);
  g.baseObject = text.toLowerCase();
  g.addProperty({ name: 'Guid', memberType: 'Property', value: text.toLowerCase(), typeName: 'System.String', readOnly: true });
  return g;
}

function toGuid(v: unknown): PSObject {
  if (v instanceof PSObject && v.typeNames[0] === 'System.Guid') return v;
  const s = toStr(v).trim().replace(/^[{(]|[})]$/g, '');
  const hex = s.replace(/-/g, '');
  if (/^[0-9a-f]{32}$/i.test(hex) && (s.length === 32 || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s))) {
    return makeGuid(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
  }
  throw castError(toStr(v), 'System.Guid', 'Unrecognized Guid format.', 'InvalidCastParseTargetInvocation');
}

/** A [version]: Major.Minor[.Build[.Revision]], comparable through its numeric parts. */
export function makeVersion(parts: number[]): PSObject {
  const o = new PSObject(['System.Version', 'System.Object']);
  const names = ['Major', 'Minor', 'Build', 'Revision'];
  names.forEach((n, i) => o.addProperty({ name: n, memberType: 'Property', value: parts[i] ?? -1, typeName: 'System.Int32', readOnly: true }));
  o.baseObject = parts.join('.');
  return o;
}

function toVersion(v: unknown): PSObject {
  if (v instanceof PSObject && v.typeNames[0] === 'System.Version') return v;
  const s = toStr(v).trim();
  if (/^\d+(\.\d+){1,3}$/.test(s)) return makeVersion(s.split('.').map(Number));
  if (/^\d+$/.test(s)) throw castError(s, 'System.Version', 'Version string portion was too short or too long.', 'InvalidCastParseTargetInvocation');
  throw castError(s, 'System.Version', formatMessage(s), 'InvalidCastParseTargetInvocation');
}

function versionParts(v: unknown): number[] | undefined {
  if (v instanceof PSObject && v.typeNames[0] === 'System.Version') {
    return ['Major', 'Minor', 'Build', 'Revision'].map((n) => v.get(n) as number);
  }
  return undefined;
}

// ---------------------------------------------------------------- -eq

/** `a -eq b`: the left operand decides how the right one is converted; a failed conversion is "not equal". */
export function equals(a: unknown, b: unknown, caseSensitive = false): boolean {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a === b;
    return numberEquals(a, b, !Number.isInteger(a));
  }
  if (typeof a === 'string') {
    if (typeof b === 'string') return a === b || (!caseSensitive && a.toLowerCase() === b.toLowerCase());
    if (b === null || b === undefined) return false;
    const s = toStr(b);
    return a === s || (!caseSensitive && a.toLowerCase() === s.toLowerCase());
  }
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'boolean') return a === toBool(b);
  return objectEquals(a, b, caseSensitive);
}

function numberEquals(a: number, b: unknown, aIsDouble: boolean): boolean {
  if (typeof b === 'number') return a === b;
  if (b instanceof PSDouble) return a === b.value;
  if (typeof b === 'string') {
    // The right side is converted to the left side's type: to an integer with rounding for an int.
    const n = b.length === 0 ? 0 : parseNumber(b);
    if (n === undefined) return false;
    return a === (aIsDouble ? n : roundHalfEven(n));
  }
  if (typeof b === 'boolean') return a === (b ? 1 : 0);
  if (b instanceof PSChar) return a === b.value.charCodeAt(0);
  if (typeof b === 'bigint') return a === Number(b);
  if (b instanceof PSObject && b.baseObject !== undefined) return numberEquals(a, b.baseObject, aIsDouble);
  return false;
}

function objectEquals(a: unknown, b: unknown, cs: boolean): boolean {
  if (a instanceof PSDouble) return numberEquals(a.value, b, true);
  if (a instanceof PSObject && a.baseObject !== undefined) return equals(a.baseObject, b, cs);
  if (b instanceof PSObject && b.baseObject !== undefined && !(a instanceof PSObject)) return equals(a, b.baseObject, cs);
  if (a instanceof PSChar) {
    if (b instanceof PSChar || (typeof b === 'string' && b.length === 1)) {
      const x = a.value;
      const y = typeof b === 'string' ? b : b.value;
      return x === y || (!cs && x.toUpperCase() === y.toUpperCase());
    }
    if (typeof b === 'number' || b instanceof PSDouble) return a.value.charCodeAt(0) === Number(b);
    return false;
  }
  if (a instanceof Date) {
    const d = b instanceof Date ? b : typeof b === 'string' ? parseDate(b) : undefined;
    return d !== undefined && a.getTime() === d.getTime();
  }
  if (a instanceof TimeSpan) {
    if (b instanceof TimeSpan) return a.ms === b.ms;
    if (typeof b === 'string') return TimeSpan.parse(b)?.ms === a.ms;
    return false;
  }
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return a === b;
    try {
      return Number(a) === toNumber(b);
    } catch {
      return false;
    }
  }
  if (a instanceof PSTypeRef) return b instanceof PSTypeRef && a.fullName.toLowerCase() === b.fullName.toLowerCase();
  if (a instanceof PSObject) {
    const va = versionParts(a);
    const vb = versionParts(b);
    if (va && vb) return va.every((x, i) => x === vb[i]);
  }
  return a === b;
}

// ---------------------------------------------------------------- -lt / -gt / Sort-Object

// made on first use: building an ICU collator costs a few ms of every start-up
let collatorIgnoreCase: Intl.Collator | undefined;
let collatorCase: Intl.Collator | undefined;

/** String.Compare under the culture rules (a < B < b, case-insensitively a == A). */
export function compareStrings(a: string, b: string, caseSensitive = false): number {
  if (a === b) return 0;
  const r = caseSensitive
    ? (collatorCase ??= new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' })).compare(a, b)
    : (collatorIgnoreCase ??= new Intl.Collator('en-US', { sensitivity: 'accent' })).compare(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/** LanguagePrimitives.Compare: negative, zero or positive; the left operand decides the conversion. */
export function compare(a: unknown, b: unknown, caseSensitive = false): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : compareNaN(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b, caseSensitive);
  return compareSlow(a, b, caseSensitive);
}

/** double.CompareTo: NaN sorts before every number. */
function compareNaN(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an && bn ? 0 : an ? -1 : 1;
}

function numberOrUndefined(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PSDouble) return v.value;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

/** Where $null sorts against a value: below everything except negative numbers. */
function compareToNull(v: unknown): number {
  const n = numberOrUndefined(v);
  return n !== undefined && n < 0 ? -1 : 1;
}

function compareFailure(a: unknown, b: unknown, inner: string): PSRuntimeError {
  return psError(`Could not compare "${toStr(a)}" to "${toStr(b)}". Error: "${inner}"`, 'ComparisonFailure', 'InvalidOperation', a);
}

function compareSlow(a: unknown, b: unknown, cs: boolean): number {
  a = unwrap(a);
  b = unwrap(b);
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -compareToNull(b);
  if (b === null || b === undefined) return compareToNull(a);
  if (typeof a === 'string') return compareStrings(a, toStr(b), cs);
  const an = numberOrUndefined(a);
  if (an !== undefined) {
    let bn: number;
    try {
      bn = b instanceof PSChar ? b.value.charCodeAt(0) : toNumber(b, isDoubleValue(a) ? 'System.Double' : 'System.Int32');
    } catch (e) {
      throw compareFailure(a, b, e instanceof Error ? e.message : String(e));
    }
    return an < bn ? -1 : an > bn ? 1 : an === bn ? 0 : compareNaN(an, bn);
  }
  if (typeof a === 'boolean') {
    const bb = toBool(b);
    return a === bb ? 0 : a ? 1 : -1;
  }
  if (a instanceof PSChar) {
    const x = a.value.charCodeAt(0);
    const y = b instanceof PSChar ? b.value.charCodeAt(0) : typeof b === 'string' && b.length === 1 ? b.charCodeAt(0) : numberOrUndefined(b);
    if (y === undefined) throw compareFailure(a, b, `Cannot convert value "${toStr(b)}" to type "System.Char". Error: "String must be exactly one character long."`);
    return Math.sign(x - y);
  }
  if (a instanceof Date) {
    const d = b instanceof Date ? b : typeof b === 'string' ? parseDate(b) : undefined;
    if (!d) throw compareFailure(a, b, `Cannot convert value "${toStr(b)}" to type "System.DateTime".`);
    return Math.sign(a.getTime() - d.getTime());
  }
  if (a instanceof TimeSpan) {
    const t = b instanceof TimeSpan ? b : typeof b === 'string' ? TimeSpan.parse(b) : undefined;
    if (!t) throw compareFailure(a, b, `Cannot convert value "${toStr(b)}" to type "System.TimeSpan".`);
    return Math.sign(a.ms - t.ms);
  }
  const va = versionParts(a);
  if (va) {
    const vb = versionParts(b) ?? versionParts(toVersion(b));
    for (let i = 0; i < 4; i++) if (va[i] !== vb![i]) return va[i] < vb![i] ? -1 : 1;
    return 0;
  }
  throw psError(`Cannot compare "${toStr(a)}" because it is not IComparable.`, 'NotIcomparable', 'InvalidOperation', a);
}

// ---------------------------------------------------------------- enumeration and -is

/** What foreach and the pipeline enumerate: collections yield their items; strings, hashtables and objects are one item. */
export function toArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  if (v instanceof Uint8Array) return Array.from(v);
  return [v];
}

const VALUE_TYPES = new Set(['System.Int32', 'System.Int64', 'System.Double', 'System.Boolean', 'System.Char', 'System.DateTime', 'System.TimeSpan', 'System.Guid']);

/** `v -is [T]`. */
export function isInstanceOf(v: unknown, typeName: string): boolean {
  if (v === null || v === undefined) return false;
  let name = typeName.trim();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1).trim();
  const lower = name.toLowerCase();
  if (v instanceof PSObject) {
    if (v.typeNames.some((t) => t.toLowerCase() === lower)) return true;
    if (lower === 'pscustomobject' || lower === 'psobject' || lower === 'system.management.automation.psobject') return true;
    if (lower === 'system.management.automation.pscustomobject') return v.isCustom();
  }
  const full = resolveTypeName(name);
  if (!full) return false;
  const actual = typeNameOf(v);
  if (actual === full) return true;
  switch (full) {
    case 'System.Object':
      return true;
    case 'System.Double':
      return isDoubleValue(v);
    case 'System.Int64':
      // An Int64 value as written; an integral number within Int32 range is an Int32.
      return typeof v === 'number' && actual === 'System.Int64';
    case 'System.ValueType':
      return VALUE_TYPES.has(actual) || v instanceof PSDouble;
    case 'System.Array':
    case 'System.Collections.IList':
    case 'System.Collections.ICollection':
      return Array.isArray(v) || v instanceof Uint8Array;
    case 'System.Object[]':
      return Array.isArray(v) && !isResizableList(v);
    case 'System.Collections.IEnumerable':
      return Array.isArray(v) || v instanceof Uint8Array || v instanceof PSHashtable || typeof v === 'string';
    case 'System.Collections.IDictionary':
      return v instanceof PSHashtable;
    case 'System.IComparable':
    case 'System.IFormattable':
      return typeof v === 'number' || typeof v === 'string' || v instanceof PSDouble || v instanceof Date || v instanceof TimeSpan || v instanceof PSChar;
    case 'System.Type':
      return v instanceof PSTypeRef;
    case 'System.Management.Automation.PSObject':
      return v instanceof PSObject;
    case 'System.Exception':
      return v instanceof PSObject && v.typeNames.some((t) => t.endsWith('Exception'));
  }
  return false;
}
