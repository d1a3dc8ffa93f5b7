// JSON as PowerShell 7 writes and reads it (Newtonsoft.Json underneath): 2-space indentation,
// objects at the depth limit written as their string, ordered objects read back as PSCustomObjects.
import { PSChar, PSDouble, PSHashtable, PSObject, SecureString, TimeSpan, isScriptBlock } from '../../../src/engine/values.js';
import { toStr, typeNameOf } from '../../../src/engine/convert.js';
import { ErrorRecord } from '../../../src/engine/errors.js';

type Json = null | boolean | number | string | { raw: string } | Json[] | Map<string, Json>;

export interface JsonWriteOptions {
  depth: number;
  compress: boolean;
  enumsAsStrings?: boolean;
  escapeHandling?: 'Default' | 'EscapeNonAscii' | 'EscapeHtml';
}

/** .NET's "yyyy-MM-ddTHH:mm:ss.FFFFFFF" (Newtonsoft's ISO form for a DateTime of unspecified kind). */
function isoDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = d.getMilliseconds() ? '.' + p(d.getMilliseconds(), 3).replace(/0+$/, '') : '';
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${frac}`;
}

/** The value to serialize; `truncated` is set when something deeper than the limit was turned into a string. */
export function toJsonTree(v: unknown, depth: number, maxDepth: number, state: { truncated: boolean }): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return { raw: v.toString() };
  if (v instanceof PSDouble) return { raw: Number.isInteger(v.value) ? v.value.toFixed(1) : String(v.value) };
  if (v instanceof PSChar) return v.value;
  if (v instanceof Date) return isoDate(v);
  if (v instanceof TimeSpan) {
    if (depth > maxDepth) {
      state.truncated = true;
      return v.toString();
    }
    const ms = v.ms;
    const t = new Map<string, Json>();
    const ticks = Math.round(ms * 10_000);
    t.set('Ticks', ticks);
    t.set('Days', Math.trunc(ms / 86_400_000));
    t.set('Hours', Math.trunc(ms / 3_600_000) % 24);
    t.set('Milliseconds', Math.trunc(ms) % 1000);
    t.set('Minutes', Math.trunc(ms / 60_000) % 60);
    t.set('Seconds', Math.trunc(ms / 1000) % 60);
    t.set('TotalDays', ms / 86_400_000);
    t.set('TotalHours', ms / 3_600_000);
    t.set('TotalMilliseconds', ms);
    t.set('TotalMinutes', ms / 60_000);
    t.set('TotalSeconds', ms / 1000);
    return t;
  }
  if (v instanceof SecureString) return v.toString();
  if (v instanceof ErrorRecord) return v.message;
  if (isScriptBlock(v)) return v.text;
  if (v instanceof PSObject && v.baseObject !== undefined && v.baseObject !== null && typeof v.baseObject !== 'object') {
    return toJsonTree(v.baseObject, depth, maxDepth, state);
  }
  if (depth > maxDepth) {
    state.truncated = true;
    if (Array.isArray(v)) return typeNameOf(v);
    if (v instanceof PSHashtable) return typeNameOf(v);
    if (v instanceof Uint8Array) return 'System.Byte[]';
    try {
      return toStr(v);
    } catch {
      return typeNameOf(v);
    }
  }
  if (Array.isArray(v)) return v.map((x) => toJsonTree(x, depth + 1, maxDepth, state));
  if (v instanceof Uint8Array) return Array.from(v, (b) => b as Json);
  if (v instanceof PSHashtable) {
    const m = new Map<string, Json>();
    for (const [k, val] of v.entries()) m.set(toStr(k), toJsonTree(val, depth + 1, maxDepth, state));
    return m;
  }
  if (v instanceof PSObject) {
    const m = new Map<string, Json>();
    for (const p of v.properties()) {
      let val: unknown;
      try {
        val = p.getter ? p.getter() : p.value;
      } catch {
        val = null;
      }
      m.set(p.name, toJsonTree(val, depth + 1, maxDepth, state));
    }
    return m;
  }
  if (v instanceof Map) {
    const m = new Map<string, Json>();
    for (const [k, val] of v) m.set(toStr(k), toJsonTree(val, depth + 1, maxDepth, state));
    return m;
  }
  return toStr(v);
}

function escapeString(s: string, handling: JsonWriteOptions['escapeHandling']): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c === 0x85 || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (handling === 'EscapeHtml' && /[<>&'"]/.test(ch)) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (handling === 'EscapeNonAscii' && c > 0x7e) {
      for (const unit of ch.split('')) out += '\\u' + unit.charCodeAt(0).toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '"NaN"' : n > 0 ? '"Infinity"' : '"-Infinity"';
  if (Number.isInteger(n)) return String(n);
  const s = String(n);
  return s.includes('e') ? s.replace(/e\+?/, 'E+').replace('E+-', 'E-') : s;
}

export function writeJson(tree: Json, opts: JsonWriteOptions, indent = ''): string {
  if (tree === null) return 'null';
  if (typeof tree === 'boolean') return tree ? 'true' : 'false';
  if (typeof tree === 'number') return numberText(tree);
  if (typeof tree === 'string') return escapeString(tree, opts.escapeHandling);
  if (!Array.isArray(tree) && !(tree instanceof Map)) return tree.raw;
  const inner = indent + '  ';
  if (Array.isArray(tree)) {
    if (tree.length === 0) return '[]';
    if (opts.compress) return '[' + tree.map((x) => writeJson(x, opts)).join(',') + ']';
    return '[\n' + tree.map((x) => inner + writeJson(x, opts, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (tree.size === 0) return '{}';
  const entries = [...tree.entries()];
  if (opts.compress) return '{' + entries.map(([k, v]) => escapeString(k, opts.escapeHandling) + ':' + writeJson(v, opts)).join(',') + '}';
  return '{\n' + entries.map(([k, v]) => inner + escapeString(k, opts.escapeHandling) + ': ' + writeJson(v, opts, inner)).join(',\n') + '\n' + indent + '}';
}

// ---------------------------------------------------------------- reading

export class JsonSyntaxError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses JSON text into PSCustomObjects (or ordered hashtables), arrays, numbers, strings and dates. */
export function parseJson(text: string, asHashtable: boolean): unknown {
  let i = 0;
  let line = 1;
  let col = 0;
  const fail = (msg: string): never => {
    throw new JsonSyntaxError(`${msg} Path '', line ${line}, position ${col}.`);
  };
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
        col++;
      } else if (c === '\n') {
        i++;
        line++;
        col = 0;
      } else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      } else return;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"' || c === "'") {
      const s = string();
      if (ISO_DATE.test(s)) {
        const d = new Date(/Z|[+-]\d{2}:\d{2}$/.test(s) ? s : s.replace(/\.(\d{3})\d*$/, '.$1'));
        if (!Number.isNaN(d.getTime())) return d;
      }
      return s;
    }
    if (c === 't' && text.startsWith('true', i)) return (i += 4), (col += 4), true;
    if (c === 'f' && text.startsWith('false', i)) return (i += 5), (col += 5), false;
    if (c === 'n' && text.startsWith('null', i)) return (i += 4), (col += 4), null;
    const m = /^-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      col += m[0].length;
      const isDouble = /[.eE]/.test(m[0]);
      const n = Number(m[0]);
      if (isDouble) return Number.isInteger(n) ? new PSDouble(n) : n;
      if (!Number.isSafeInteger(n)) return /^-?\d+$/.test(m[0]) && Math.abs(n) < 9.3e18 ? n : n;
      return n;
    }
    if (i >= text.length) fail('Unexpected end when reading JSON.');
    return fail(`Unexpected character encountered while parsing value: ${c}.`);
  };
  const string = (): string => {
    const quote = text[i++];
    col++;
    let s = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string. Expected delimiter: ' + quote + '.');
      const c = text[i++];
      col++;
      if (c === quote) return s;
      if (c === '\\') {
        const e = text[i++];
        col++;
        if (e === 'n') s += '\n';
        else if (e === 'r') s += '\r';
        else if (e === 't') s += '\t';
        else if (e === 'b') s += '\b';
        else if (e === 'f') s += '\f';
        else if (e === 'u') {
          s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
          i += 4;
          col += 4;
        } else s += e;
      } else {
        if (c === '\n') {
          line++;
          col = 0;
        }
        s += c;
      }
    }
  };
  const array = (): unknown[] => {
    i++;
    col++;
    const out: unknown[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      col++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        col++;
        ws();
        if (text[i] === ']') {
          i++;
          col++;
          return out;
        }
        continue;
      }
      if (text[i] === ']') {
        i++;
        col++;
        return out;
      }
      fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${text[i]}.`);
    }
  };
  const object = (): unknown => {
    i++;
    col++;
    const h = new PSHashtable(true);
    const o = new PSObject();
    const keys = new Set<string>();
    ws();
    if (text[i] === '}') {
      i++;
      col++;
      return asHashtable ? h : o;
    }
    for (;;) {
      ws();
      let key: string;
      if (text[i] === '"' || text[i] === "'") key = string();
      else {
        const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 200));
        if (!m) return fail(i >= text.length ? 'Unexpected end when reading JSON.' : `Invalid property identifier character: ${text[i]}.`);
        key = m[0];
        i += key.length;
        col += key.length;
      }
      ws();
      if (text[i] !== ':') fail(`Invalid character after parsing property name. Expected ':' but got: ${text[i] ?? 'end of input'}.`);
      i++;
      col++;
      const v = value();
      if (asHashtable) {
        if (h.has(key) && !keys.has(key)) {
          throw new JsonSyntaxError(`Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '${key}' was '${key}'.`);
        }
        keys.add(key);
        h.set(key, v);
      } else {
        const lk = key.toLowerCase();
        if (o.has(key) && !keys.has(key) && [...keys].some((k) => k.toLowerCase() === lk)) {
          const existing = [...keys].find((k) => k.toLowerCase() === lk);
          throw new JsonSyntaxError(`Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '${existing}' was '${key}'.`);
        }
        if (key === '') throw new JsonSyntaxError('The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch.');
        keys.add(key);
        o.add(key, v, 'NoteProperty');
      }
      ws();
      if (text[i] === ',') {
        i++;
        col++;
        ws();
        if (text[i] === '}') {
          i++;
          col++;
          break;
        }
        continue;
      }
      if (text[i] === '}') {
        i++;
        col++;
        break;
      }
      fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${text[i]}.`);
    }
    return asHashtable ? h : o;
  };
  ws();
  if (i >= text.length) return null;
  const v = value();
  ws();
  if (i < text.length) fail(`Additional text encountered after finished reading JSON content: ${text[i]}.`);
  return v;
}
