// PowerShell's binary and unary operators. The left operand decides the conversion:
// '5' + 1 is '51', 1 + '5' is 6; comparison operators filter when the left operand is a collection.
import { PSDouble, PSHashtable, PSChar } from './values.js';
import { psError } from './errors.js';
import { compare, convertTo, equals, isInstanceOf, isNumeric, toArray, toBool, toNumber, toStr } from './convert.js';
import { formatString } from './members.js';
import { wildcardToRegex } from './wildcard.js';

const isNum = (v: unknown): v is number => typeof v === 'number';

function num(v: unknown): number {
  return typeof v === 'number' ? v : v instanceof PSDouble ? v.value : toNumber(v);
}

/** Keeps double-ness: 1.0 + 2 stays a double. */
function wrapDouble(result: number, a: unknown, b: unknown): number | PSDouble {
  if ((a instanceof PSDouble || b instanceof PSDouble) && Number.isInteger(result)) return new PSDouble(result);
  return result;
}

function isDoubleLiteralish(v: unknown): boolean {
  return v instanceof PSDouble || (typeof v === 'number' && !Number.isInteger(v));
}

export function add(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) return a + b;
  if (a === null || a === undefined) {
    if (b === null || b === undefined) return null;
    return Array.isArray(b) ? [...b] : b;
  }
  if (typeof a === 'string') return a + toStr(b);
  if (a instanceof PSChar) return a.value + toStr(b);
  if (Array.isArray(a)) return Array.isArray(b) ? a.concat(b) : [...a, b];
  if (a instanceof PSHashtable) {
    if (!(b instanceof PSHashtable)) throw psError('A hash table can only be added to another hash table.', 'AddHashTableToNonHashTable', 'InvalidOperation');
    const r = new PSHashtable(a.ordered);
    for (const [k, v] of a.entries()) r.set(k, v);
    for (const [k, v] of b.entries()) {
      if (r.has(k)) throw psError(`Item has already been added. Key in dictionary: '${toStr(k)}'  Key being added: '${toStr(k)}'`, 'DuplicateKeyInHashLiteral', 'InvalidOperation');
      r.set(k, v);
    }
    return r;
  }
  if (a instanceof Date) {
    if (b && typeof b === 'object' && 'ms' in b) return new Date(a.getTime() + (b as { ms: number }).ms);
    throw opError('+', a, b);
  }
  if (isNumeric(a) || typeof a === 'boolean') {
    if (Array.isArray(b)) throw opError('+', a, b);
    return wrapDouble(num(a) + num(b), a, b);
  }
  throw opError('+', a, b);
}

export function subtract(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) return a - b;
  if (a instanceof Date) {
    if (b instanceof Date) return timespan(a.getTime() - b.getTime());
    if (b && typeof b === 'object' && 'ms' in b) return new Date(a.getTime() - (b as { ms: number }).ms);
  }
  if (a === null || a === undefined || isNumeric(a) || typeof a === 'string' || typeof a === 'boolean') {
    return wrapDouble(num(a ?? 0) - num(b), a, b);
  }
  throw opError('-', a, b);
}

let timespanCtor: ((ms: number) => unknown) | undefined;
function timespan(ms: number): unknown {
  return timespanCtor ? timespanCtor(ms) : ms;
}
export function setTimeSpanFactory(f: (ms: number) => unknown): void {
  timespanCtor = f;
}

export function multiply(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) return a * b;
  if (typeof a === 'string') {
    const n = num(b);
    return n > 0 ? a.repeat(n) : '';
  }
  if (Array.isArray(a)) {
    const n = num(b);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(...a);
    return out;
  }
  if (a === null || a === undefined || isNumeric(a) || typeof a === 'boolean') return wrapDouble(num(a ?? 0) * num(b), a, b);
  throw opError('*', a, b);
}

export function divide(a: unknown, b: unknown): unknown {
  const x = num(a ?? 0);
  const y = num(b ?? 0);
  if (y === 0 && !isDoubleLiteralish(a) && !isDoubleLiteralish(b)) {
    throw divideByZero();
  }
  const r = x / y;
  // integer / integer that divides evenly is an int in PowerShell; 7/2 is 3.5
  if (isDoubleLiteralish(a) || isDoubleLiteralish(b)) return Number.isInteger(r) ? new PSDouble(r) : r;
  return r;
}

export function modulo(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) {
    if (b === 0) throw divideByZero();
    return a % b;
  }
  const y = num(b);
  if (y === 0) throw divideByZero();
  return wrapDouble(num(a ?? 0) % y, a, b);
}

function opError(op: string, a: unknown, b: unknown): Error {
  const tn = (v: unknown) => (Array.isArray(v) ? 'System.Object[]' : v === null || v === undefined ? 'null' : typeofName(v));
  return psError(
    `Method invocation failed because [${tn(a)}] does not contain a method named 'op_${opName(op)}'.`,
    'MethodNotFound',
    'InvalidOperation',
    b,
  );
}

function opName(op: string): string {
  return { '+': 'Addition', '-': 'Subtraction', '*': 'Multiply', '/': 'Division', '%': 'Modulus' }[op] ?? op;
}

function typeofName(v: unknown): string {
  if (v instanceof PSHashtable) return 'System.Collections.Hashtable';
  if (v instanceof Date) return 'System.DateTime';
  if (typeof v === 'object' && v && 'typeNames' in v) return (v as { typeNames: string[] }).typeNames[0];
  return 'System.Object';
}

// ---------------------------------------------------------------- comparison

export interface CompareOp {
  (a: unknown, b: unknown): boolean;
}

function makeLike(cs: boolean, negate: boolean): CompareOp {
  return (a, b) => {
    const re = wildcardToRegex(toStr(b), cs);
    return re.test(toStr(a)) !== negate;
  };
}

const regexCache = new Map<string, RegExp>();
export function psRegex(pattern: string, cs: boolean, global = false): RegExp {
  const key = (cs ? 'c' : 'i') + (global ? 'g' : '') + pattern;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = new RegExp(translateRegex(pattern), (cs ? '' : 'i') + (global ? 'g' : '') + 'u');
    } catch {
      try {
        re = new RegExp(translateRegex(pattern), (cs ? '' : 'i') + (global ? 'g' : ''));
      } catch (e) {
        throw psError(
          `The regular expression pattern ${pattern} is not valid.`,
          'InvalidRegularExpression',
          'InvalidOperation',
          pattern,
        );
      }
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(key, re);
  }
  if (global) re.lastIndex = 0;
  return re;
}

/** .NET regex features JavaScript spells differently. */
function translateRegex(p: string): string {
  return p.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\\A/g, '^').replace(/\\Z/g, '$').replace(/\\z/g, '$');
}

/** Set by -match: the engine stores $Matches from this. */
export let lastMatches: PSHashtable | undefined;

function matchOne(a: unknown, b: unknown, cs: boolean): boolean {
  const re = psRegex(toStr(b), cs);
  const m = re.exec(toStr(a));
  if (!m) return false;
  const h = new PSHashtable();
  // $Matches lists groups from the highest number down in PowerShell's display; keys are what count
  for (let i = m.length - 1; i >= 0; i--) if (m[i] !== undefined) h.set(i, m[i]);
  if (m.groups) for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) h.set(k, v);
  lastMatches = h;
  return true;
}

export function resetMatches(): void {
  lastMatches = undefined;
}

const scalarOps: Record<string, CompareOp> = {
  '-eq': (a, b) => equals(a, b, false),
  '-ieq': (a, b) => equals(a, b, false),
  '-ceq': (a, b) => equals(a, b, true),
  '-ne': (a, b) => !equals(a, b, false),
  '-ine': (a, b) => !equals(a, b, false),
  '-cne': (a, b) => !equals(a, b, true),
  '-gt': (a, b) => compare(a, b, false) > 0,
  '-igt': (a, b) => compare(a, b, false) > 0,
  '-cgt': (a, b) => compare(a, b, true) > 0,
  '-ge': (a, b) => compare(a, b, false) >= 0,
  '-ige': (a, b) => compare(a, b, false) >= 0,
  '-cge': (a, b) => compare(a, b, true) >= 0,
  '-lt': (a, b) => compare(a, b, false) < 0,
  '-ilt': (a, b) => compare(a, b, false) < 0,
  '-clt': (a, b) => compare(a, b, true) < 0,
  '-le': (a, b) => compare(a, b, false) <= 0,
  '-ile': (a, b) => compare(a, b, false) <= 0,
  '-cle': (a, b) => compare(a, b, true) <= 0,
  '-like': makeLike(false, false),
  '-ilike': makeLike(false, false),
  '-clike': makeLike(true, false),
  '-notlike': makeLike(false, true),
  '-inotlike': makeLike(false, true),
  '-cnotlike': makeLike(true, true),
  '-match': (a, b) => matchOne(a, b, false),
  '-imatch': (a, b) => matchOne(a, b, false),
  '-cmatch': (a, b) => matchOne(a, b, true),
  '-notmatch': (a, b) => !matchOne(a, b, false),
  '-inotmatch': (a, b) => !matchOne(a, b, false),
  '-cnotmatch': (a, b) => !matchOne(a, b, true),
};

/** Comparison with PowerShell's collection rule: with a collection on the left, returns the matching elements. */
export function comparison(op: string): ((a: unknown, b: unknown) => unknown) | undefined {
  const f = scalarOps[op];
  if (!f) return undefined;
  const isMatch = op.endsWith('match');
  return (a, b) => {
    if (Array.isArray(a)) {
      const out: unknown[] = [];
      for (const x of a) if (f(x, b)) out.push(x);
      if (isMatch) lastMatches = undefined; // -match on a collection does not set $Matches
      return out;
    }
    // fast path for the pipeline benchmark: number against number
    return f(a, b);
  };
}

export function containment(op: string): ((a: unknown, b: unknown) => boolean) | undefined {
  const cs = op.startsWith('-c');
  const base = /^-[ci](contains|notcontains|in|notin)$/.test(op) ? '-' + op.slice(2) : op;
  const has = (coll: unknown, item: unknown) => {
    for (const x of toArray(coll)) if (equals(x, item, cs)) return true;
    return false;
  };
  switch (base) {
    case '-contains':
      return (a, b) => has(a, b);
    case '-notcontains':
      return (a, b) => !has(a, b);
    case '-in':
      return (a, b) => has(b, a);
    case '-notin':
      return (a, b) => !has(b, a);
  }
  return undefined;
}

// ---------------------------------------------------------------- string operators

/** .NET replacement syntax ($1, ${name}, $$, $0) -> JavaScript's ($1, $<name>, $$, $&). */
function translateReplacement(r: string): string {
  return r.replace(/\$(\$|\{(\w+)\}|(\d+)|&|_|0)/g, (m, whole, name, n) => {
    if (whole === '$') return '$$';
    if (name !== undefined) return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
    if (whole === '0' || whole === '&') return '$&';
    if (n !== undefined) return `$${n}`;
    return m;
  });
}

export function replaceOp(a: unknown, b: unknown, cs: boolean, invoke?: (sb: unknown, m: unknown) => unknown): unknown {
  const args = Array.isArray(b) ? b : [b];
  const pattern = toStr(args[0]);
  const replacement = args.length > 1 ? args[1] : '';
  const one = (s: unknown) => {
    const re = psRegex(pattern, cs, true);
    if (invoke && typeof replacement === 'object' && replacement !== null && '__scriptBlock' in replacement) {
      return toStr(s).replace(re, (...m: unknown[]) => toStr(invoke(replacement, { Value: m[0], Groups: m.slice(0, -2) })));
    }
    return toStr(s).replace(re, translateReplacement(toStr(replacement)));
  };
  return Array.isArray(a) ? a.map(one) : one(a);
}

export function splitOp(a: unknown, b: unknown | undefined, cs: boolean): unknown[] {
  const inputs = Array.isArray(a) ? a : [a];
  const out: string[] = [];
  if (b === undefined) {
    // unary -split splits on whitespace and drops empty entries
    for (const s of inputs) out.push(...toStr(s).trim().split(/\s+/).filter((x) => x !== ''));
    return out;
  }
  const args = Array.isArray(b) ? b : [b];
  const max = args.length > 1 ? num(args[1]) : 0;
  const options = args.length > 2 ? toStr(args[2]).toLowerCase() : '';
  const simple = options.includes('simplematch');
  for (const s of inputs) {
    const str = toStr(s);
    const pat = toStr(args[0]);
    const re = simple ? new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), cs ? 'g' : 'gi') : psRegex(pat, cs, true);
    out.push(...splitWithLimit(str, re, max));
  }
  return out;
}

function splitWithLimit(str: string, re: RegExp, max: number): string[] {
  if (max <= 0) return str.split(re).filter((x) => x !== undefined);
  const parts: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (parts.length < max - 1 && (m = re.exec(str))) {
    if (m[0] === '' && m.index === last) {
      re.lastIndex++;
      continue;
    }
    parts.push(str.slice(last, m.index));
    for (let i = 1; i < m.length; i++) if (m[i] !== undefined) parts.push(m[i]);
    last = m.index + m[0].length;
  }
  parts.push(str.slice(last));
  return parts;
}

export function joinOp(a: unknown, b: unknown | undefined): string {
  return toArray(a)
    .map((x) => toStr(x))
    .join(b === undefined ? '' : toStr(b));
}

export function formatOp(a: unknown, b: unknown): string {
  return formatString(toStr(a), Array.isArray(b) ? b : [b]);
}

// ---------------------------------------------------------------- range, bitwise, type

export function range(a: unknown, b: unknown): number[] {
  const from = Math.round(num(a));
  const to = Math.round(num(b));
  const n = Math.abs(to - from) + 1;
  if (n > 50_000_000) throw psError('The range operator produces too many elements.', 'RangeTooLarge', 'InvalidOperation');
  const out = new Array<number>(n);
  const step = from <= to ? 1 : -1;
  for (let i = 0, v = from; i < n; i++, v += step) out[i] = v;
  return out;
}

export function bitwise(op: string, a: unknown, b: unknown): number {
  const x = num(a);
  const y = num(b);
  switch (op) {
    case '-band':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) & BigInt(Math.trunc(y))));
    case '-bor':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) | BigInt(Math.trunc(y))));
    case '-bxor':
      return Number(BigInt.asIntN(64, BigInt(Math.trunc(x)) ^ BigInt(Math.trunc(y))));
    case '-shl':
      return x * 2 ** y;
    case '-shr':
      return Math.floor(x / 2 ** y);
  }
  throw psError(`Unknown operator ${op}.`, 'UnknownOperator', 'InvalidOperation');
}

export function typeOp(op: string, a: unknown, b: unknown): unknown {
  const typeName = typeof b === 'string' ? b : toStr(b);
  switch (op) {
    case '-is':
      return isInstanceOf(a, typeName);
    case '-isnot':
      return !isInstanceOf(a, typeName);
    case '-as':
      try {
        return convertTo(a, typeName);
      } catch {
        return null;
      }
  }
  return undefined;
}

export function logicalNot(v: unknown): boolean {
  return !toBool(v);
}

export function negate(v: unknown): unknown {
  if (isNum(v)) return -v;
  if (v instanceof PSDouble) return new PSDouble(-v.value);
  return -num(v);
}

/** PowerShell wraps .NET's DivideByZeroException in a RuntimeException: catch [DivideByZeroException] matches, the view says RuntimeException. */
function divideByZero(): Error {
  const e = psError('Attempted to divide by zero.', 'RuntimeException', 'NotSpecified', undefined, 'System.DivideByZeroException');
  e.record.reason = 'RuntimeException';
  return e;
}
