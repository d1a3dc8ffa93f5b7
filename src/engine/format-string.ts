// .NET text facilities the object model needs: composite formatting (-f, [string]::Format),
// ToString(format), .NET regular expressions and match objects, DateTime.ParseExact.
// Numeric and date format specifiers themselves live in src/format/dotnet-format.ts.
import { compositeFormat, formatValue, FormatError } from '../format/dotnet-format.js';
import { daysInMonth, dotnetToString, tagArray, toStr } from './convert.js';
import { psError } from './errors.js';
import { PSObject } from './values.js';

export { FormatError };

/** String.Format under the invariant culture; throws FormatError with .NET's message. */
export function dotnetFormat(format: string, args: unknown[]): string {
  return compositeFormat(format, args, dotnetToString);
}

/** The -f operator: a bad format string is PowerShell's "Error formatting a string" error. */
export function formatString(format: string, args: unknown[]): string {
  try {
    return dotnetFormat(format, args);
  } catch (e) {
    if (e instanceof FormatError) {
      throw psError(`Error formatting a string: ${e.message}.`, 'FormatError', 'InvalidOperation', format);
    }
    throw e;
  }
}

/** value.ToString(format) for a formattable value (number, DateTime, TimeSpan). */
export function toStringWithFormat(value: unknown, format: string): string {
  return formatValue(value, format, dotnetToString);
}

// ---------------------------------------------------------------- regular expressions

const REGEX_OPTIONS: Record<string, number> = {
  none: 0,
  ignorecase: 1,
  multiline: 2,
  explicitcapture: 4,
  compiled: 8,
  singleline: 16,
  ignorepatternwhitespace: 32,
  righttoleft: 64,
  ecmascript: 256,
  cultureinvariant: 512,
};

/** RegexOptions given as a number, a name or a comma-separated list of names. */
export function regexOptions(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.reduce((acc: number, x) => acc | regexOptions(x), 0);
  let n = 0;
  for (const part of toStr(v).split(',')) {
    const key = part.trim().toLowerCase();
    if (!key) continue;
    const bit = REGEX_OPTIONS[key];
    if (bit === undefined) {
      throw psError(
        `Cannot convert value "${toStr(v)}" to type "System.Text.RegularExpressions.RegexOptions". Error: "Unable to match the identifier name ${part.trim()} to a valid enumerator name. Specify one of the following enumerator names and try again:\nNone, IgnoreCase, Multiline, ExplicitCapture, Compiled, Singleline, IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant, NonBacktracking"`,
        'InvalidCastFromStringToEnum',
        'InvalidArgument',
      );
    }
    n |= bit;
  }
  return n;
}

const regexCache = new Map<string, RegExp>();

/**
 * A .NET pattern as a JS RegExp (always global; callers reset lastIndex). Leading inline options
 * such as (?i) become flags; \A, \Z and \z become anchors.
 */
export function netRegex(pattern: string, options = 0, method = 'Match', argc = 2): RegExp {
  const key = options + '\u0000' + pattern;
  let re = regexCache.get(key);
  if (!re) {
    let flags = 'g';
    let src = pattern;
    const inline = /^\(\?([imsx]+)\)/.exec(src);
    if (inline) {
      src = src.slice(inline[0].length);
      if (inline[1].includes('i')) options |= 1;
      if (inline[1].includes('m')) options |= 2;
      if (inline[1].includes('s')) options |= 16;
    }
    if (options & 1) flags += 'i';
    if (options & 2) flags += 'm';
    if (options & 16) flags += 's';
    src = src.replace(/(\\\\)|\\A|\\Z|\\z/g, (m, esc) => (esc ? m : m === '\\A' ? '(?<![\\s\\S])' : m === '\\Z' ? '(?=\\n?(?![\\s\\S]))' : '(?![\\s\\S])'));
    try {
      re = new RegExp(src, flags);
    } catch (e) {
      throw psError(
        `Exception calling "${method}" with "${argc}" argument(s): "Invalid pattern '${pattern}'. ${(e as Error).message.replace(/^Invalid regular expression: /, '')}"`,
        'ArgumentException',
        'NotSpecified',
        pattern,
        'System.Management.Automation.MethodInvocationException',
      );
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** .NET replacement syntax ($1, ${name}, $$, $&, $_) as a JS replacement string for `input`. */
export function netReplacement(replacement: string, input: string): string {
  return replacement.replace(/\$(\$|\{(\w+)\}|_|&|`|'|\+|\d+)/g, (m, tok: string, name: string | undefined) => {
    if (name !== undefined) return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
    if (tok === '_') return input.replace(/\$/g, '$$$$');
    if (tok === '+') return m;
    return m;
  });
}

const MATCH_TYPES = ['System.Text.RegularExpressions.Match', 'System.Text.RegularExpressions.Group', 'System.Text.RegularExpressions.Capture', 'System.Object'];
const GROUP_TYPES = MATCH_TYPES.slice(1);

function group(name: string, value: string | undefined, index: number): PSObject {
  const g = new PSObject(GROUP_TYPES);
  g.add('Success', value !== undefined);
  g.add('Name', name);
  g.add('Captures', value === undefined ? [] : [value]);
  g.add('Index', value === undefined ? 0 : index);
  g.add('Length', value === undefined ? 0 : value.length);
  g.add('Value', value ?? '');
  g.addMethod('ToString', () => value ?? '');
  return g;
}

/** The name of each capture group of a JS pattern, by group number (undefined: unnamed). */
function groupNames(source: string): (string | undefined)[] {
  const names: (string | undefined)[] = [undefined];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] !== '?') names.push(undefined);
      else {
        const named = /^\?<([A-Za-z_]\w*)>/.exec(source.slice(i + 1));
        if (named) names.push(named[1]);
      }
    }
  }
  return names;
}

/** A System.Text.RegularExpressions.Match for one exec() result (or a failed match). */
export function matchObject(m: RegExpExecArray | null, re?: RegExp): PSObject {
  const o = new PSObject(MATCH_TYPES);
  const value = m ? m[0] : '';
  const groups: PSObject[] = [];
  if (m) {
    const names = m.groups && re ? groupNames(re.source) : [];
    for (let i = 0; i < m.length; i++) {
      const v = m[i];
      const at = v === undefined ? 0 : i === 0 ? m.index : m.index + Math.max(0, m[0].indexOf(v));
      groups.push(group(names[i] ?? String(i), v, at));
    }
  } else groups.push(group('0', undefined, 0));
  o.add('Groups', groups);
  o.add('Success', m !== null);
  o.add('Name', '0');
  o.add('Captures', m ? [value] : []);
  o.add('Index', m ? m.index : 0);
  o.add('Length', value.length);
  o.add('Value', value);
  o.addMethod('ToString', () => value);
  return o;
}

export function allMatches(re: RegExp, input: string): PSObject[] {
  re.lastIndex = 0;
  const out: PSObject[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    out.push(matchObject(m, re));
    if (m[0] === '') re.lastIndex++;
  }
  return tagArray(out, 'System.Text.RegularExpressions.MatchCollection');
}

/** Regex.Split: captured groups are included in the result, as in .NET. */
export function regexSplit(re: RegExp, input: string): string[] {
  re.lastIndex = 0;
  return input.split(new RegExp(re.source, re.flags.replace('g', ''))).map((s) => s ?? '');
}

/** Regex.Escape: metacharacters and white space. */
export function regexEscape(s: string): string {
  return s.replace(/[\\*+?|{[()^$.#]/g, '\\$&').replace(/[ \t\n\r\f\v]/g, (c) => ({ ' ': '\\ ', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f', '\v': '\\v' })[c]!);
}

export function regexUnescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' })[c] ?? c);
}

// ---------------------------------------------------------------- DateTime.ParseExact

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** DateTime.ParseExact with a custom (or simple standard) format under the invariant culture. */
export function parseExact(text: string, format: string): Date | undefined {
  const std: Record<string, string> = {
    d: 'MM/dd/yyyy',
    g: 'MM/dd/yyyy HH:mm',
    G: 'MM/dd/yyyy HH:mm:ss',
    s: "yyyy-MM-dd'T'HH:mm:ss",
    u: "yyyy-MM-dd HH:mm:ss'Z'",
    o: "yyyy-MM-dd'T'HH:mm:ss.fffffffK",
    O: "yyyy-MM-dd'T'HH:mm:ss.fffffffK",
    t: 'HH:mm',
    T: 'HH:mm:ss',
  };
  const fmt = format.length === 1 ? std[format] ?? format : format;
  const fields: string[] = [];
  let src = '^';
  for (let i = 0; i < fmt.length; ) {
    const c = fmt[i];
    if (c === "'" || c === '"') {
      const end = fmt.indexOf(c, i + 1);
      const lit = end < 0 ? fmt.slice(i + 1) : fmt.slice(i + 1, end);
      src += lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (c === '\\') {
      src += (fmt[i + 1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 2;
      continue;
    }
    let n = 1;
    while (fmt[i + n] === c) n++;
    const token = c + n;
    switch (c) {
      case 'y':
        src += n <= 2 ? '(\\d{1,2})' : `(\\d{${n}})`;
        break;
      case 'M':
        src += n <= 2 ? (n === 1 ? '(\\d{1,2})' : '(\\d{2})') : '([A-Za-z]+)';
        break;
      case 'd':
        src += n <= 2 ? (n === 1 ? '(\\d{1,2})' : '(\\d{2})') : '([A-Za-z]+)';
        break;
      case 'H':
      case 'h':
      case 'm':
      case 's':
        src += n === 1 ? '(\\d{1,2})' : '(\\d{2})';
        break;
      case 'f':
      case 'F':
        src += `(\\d{${c === 'F' ? 0 : n},${n}})`;
        break;
      case 't':
        src += '(AM|PM|A|P)';
        break;
      case 'z':
      case 'K':
        src += '(Z|[+-]\\d{1,2}(?::?\\d{2})?)?';
        break;
      default:
        src += fmt.slice(i, i + n).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        i += n;
        continue;
    }
    fields.push(token);
    i += n;
  }
  const m = new RegExp(src + '$', 'i').exec(text.trim());
  if (!m) return undefined;
  const now = new Date();
  let y = now.getFullYear();
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let pm: boolean | undefined;
  let zone: string | undefined;
  let sawDate = false;
  for (let k = 0; k < fields.length; k++) {
    const v = m[k + 1];
    const kind = fields[k][0];
    const n = Number(fields[k].slice(1));
    switch (kind) {
      case 'y':
        y = n <= 2 ? 2000 + Number(v) - (Number(v) > 49 ? 100 : 0) : Number(v);
        sawDate = true;
        break;
      case 'M':
        if (n <= 2) mo = Number(v);
        else {
          mo = MONTHS.findIndex((x) => (n === 3 ? x.slice(0, 3) : x) === v.toLowerCase()) + 1;
          if (mo === 0) return undefined;
        }
        sawDate = true;
        break;
      case 'd':
        if (n <= 2) d = Number(v);
        else if (!DAYS.some((x) => (n === 3 ? x.slice(0, 3) : x) === v.toLowerCase())) return undefined;
        sawDate = true;
        break;
      case 'H':
      case 'h':
        h = Number(v);
        break;
      case 'm':
        mi = Number(v);
        break;
      case 's':
        s = Number(v);
        break;
      case 'f':
      case 'F':
        ms = v ? Math.round(Number('0.' + v) * 1000) : 0;
        break;
      case 't':
        pm = v.toUpperCase().startsWith('P');
        break;
      case 'z':
      case 'K':
        zone = v;
        break;
    }
  }
  if (!sawDate) {
    mo = now.getMonth() + 1;
    d = now.getDate();
  }
  if (pm !== undefined) {
    if (h > 12) return undefined;
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  if (zone) {
    const off = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1).split(':')[0].slice(0, 2)) * 60 + Number(zone.replace(':', '').slice(3) || 0));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - off * 60_000);
  }
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, mo - 1, d);
  date.setHours(h, mi, s, ms);
  return date;
}
