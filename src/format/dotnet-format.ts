// .NET format strings under the invariant culture, for the FormatString key of calculated
// properties: composite formatting ("{0:N2}"), standard and custom numeric formats, and
// standard and custom date/time formats.
import { PSDouble, TimeSpan } from '../engine/values.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export class FormatError extends Error {}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PSDouble) return v.value;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

function isIntegral(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** `string.Format(CultureInfo.InvariantCulture, format, args)`. */
export function compositeFormat(format: string, args: unknown[], plain: (v: unknown) => string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '{') {
      if (format[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      const close = format.indexOf('}', i);
      if (close < 0) throw new FormatError('Input string was not in a correct format.');
      const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s.exec(format.slice(i + 1, close));
      if (!m) throw new FormatError('Input string was not in a correct format.');
      const index = Number(m[1]);
      if (index >= args.length) throw new FormatError('Index (zero based) must be greater than or equal to zero and less than the size of the argument list.');
      let s = formatValue(args[index], m[3] ?? '', plain);
      if (m[2]) {
        const align = Number(m[2]);
        s = align < 0 ? s.padEnd(-align) : s.padStart(align);
      }
      out += s;
      i = close + 1;
    } else if (c === '}') {
      if (format[i + 1] === '}') i++;
      out += '}';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `value.ToString(format, InvariantCulture)`; values that are not formattable ignore the format. */
export function formatValue(value: unknown, format: string, plain: (v: unknown) => string): string {
  if (!format) return plain(value);
  const n = numberOf(value);
  if (n !== undefined) return formatNumberWith(n, format, isIntegral(value) && !(value instanceof PSDouble));
  if (value instanceof Date) return formatDate(value, format);
  if (value instanceof TimeSpan) return formatTimeSpan(value, format, plain);
  return plain(value);
}

// ---------------------------------------------------------------- numbers

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fixed(n: number, digits: number): string {
  const a = Math.abs(n);
  if (a >= 1e21) return BigInt(Math.round(a)).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  return a.toFixed(Math.min(digits, 100));
}

function signed(n: number, body: string): string {
  // Since .NET Core 3.0 standard formats keep the sign of a negative value that rounds to zero.
  return n < 0 || Object.is(n, -0) ? '-' + body : body;
}

function exponential(n: number, digits: number, upper: boolean, minExpDigits: number, plusSign: boolean): string {
  const s = Math.abs(n).toExponential(Math.min(digits, 100));
  const [mant, exp] = s.split('e');
  const e = Number(exp);
  const expStr = String(Math.abs(e)).padStart(minExpDigits, '0');
  const sign = e < 0 ? '-' : plusSign ? '+' : '';
  return signed(n, mant + (upper ? 'E' : 'e') + sign + expStr);
}

function roundTrip(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const a = Math.abs(n);
  if (a >= 1e15 || a < 1e-4) {
    const s = a.toExponential();
    const [mant, exp] = s.split('e');
    const e = Number(exp);
    if (e >= 15 || e < -4) {
      return (n < 0 ? '-' : '') + mant + 'E' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
    }
  }
  return String(n);
}

function general(n: number, precision: number | undefined, upper: boolean, integral: boolean): string {
  if (precision === undefined || precision === 0) return integral ? String(n) : roundTrip(n);
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(Math.abs(n).toPrecision(precision)))));
  if (exp > -5 && exp < precision) {
    let s = Math.abs(n).toPrecision(precision);
    if (s.includes('e')) s = String(Number(s));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return signed(n, s);
  }
  let s = Math.abs(n).toExponential(precision - 1);
  let [mant, e] = s.split('e');
  if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
  const ev = Number(e);
  s = mant + (upper ? 'E' : 'e') + (ev < 0 ? '-' : '+') + String(Math.abs(ev)).padStart(2, '0');
  return signed(n, s);
}

export function formatNumberWith(n: number, format: string, integral: boolean): string {
  const std = /^([A-Za-z])(\d{0,9})$/.exec(format);
  if (std) {
    const spec = std[1];
    const p = std[2] === '' ? undefined : Number(std[2]);
    if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
    switch (spec.toUpperCase()) {
      case 'F':
        return signed(n, fixed(n, p ?? 2));
      case 'N': {
        const [i, f] = fixed(n, p ?? 2).split('.');
        return signed(n, group(i) + (f ? '.' + f : ''));
      }
      case 'P': {
        const [i, f] = fixed(n * 100, p ?? 2).split('.');
        return signed(n, group(i) + (f ? '.' + f : '') + ' %');
      }
      case 'C': {
        const [i, f] = fixed(n, p ?? 2).split('.');
        return signed(n, '\u00a4' + group(i) + (f ? '.' + f : ''));
      }
      case 'D':
        if (!integral) throw new FormatError('Format specifier was invalid.');
        return signed(n, String(Math.abs(n)).padStart(p ?? 0, '0'));
      case 'X': {
        if (!integral) throw new FormatError('Format specifier was invalid.');
        const v = n < 0 ? BigInt.asUintN(n >= -0x80000000 ? 32 : 64, BigInt(n)) : BigInt(n);
        const h = v.toString(16).padStart(p ?? 0, '0');
        return spec === 'X' ? h.toUpperCase() : h;
      }
      case 'E':
        return exponential(n, p ?? 6, spec === 'E', 3, true);
      case 'G':
        return general(n, p, spec === 'G', integral);
      case 'R':
        return integral ? String(n) : roundTrip(n);
    }
  }
  return customNumber(n, format);
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '\\' && i + 1 < format.length) {
      cur += c + format[++i];
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === ';') {
      sections.push(cur);
      cur = '';
    } else cur += c;
  }
  sections.push(cur);
  return sections;
}

function customNumber(n: number, format: string): string {
  const sections = splitSections(format);
  let section = sections[0];
  let value = n;
  let negativeSection = false;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    value = -n;
    negativeSection = true;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') section = sections[2];

  // Analyse the section: placeholders, decimal point, grouping, scaling, percent, exponent.
  interface Tok {
    kind: 'lit' | 'digit' | 'dot' | 'exp';
    text: string;
  }
  const toks: Tok[] = [];
  let seenDot = false;
  let intZeros = -1;
  let intPlaceholders = 0;
  let fracZeros = 0;
  let fracPlaceholders = 0;
  let grouping = false;
  let scale = 0;
  let percent = 0;
  let permille = 0;
  let expInfo: { upper: boolean; plus: boolean; digits: number } | undefined;
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === "'" || c === '"') {
      const end = section.indexOf(c, i + 1);
      const text = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      toks.push({ kind: 'lit', text });
      i = end < 0 ? section.length : end;
    } else if (c === '\\') {
      toks.push({ kind: 'lit', text: section[++i] ?? '' });
    } else if (c === '0' || c === '#') {
      toks.push({ kind: 'digit', text: c });
      if (!seenDot) {
        intPlaceholders++;
        if (c === '0' && intZeros < 0) intZeros = intPlaceholders - 1;
      } else {
        fracPlaceholders++;
        if (c === '0') fracZeros = fracPlaceholders;
      }
    } else if (c === '.') {
      if (!seenDot) toks.push({ kind: 'dot', text: '.' });
      seenDot = true;
    } else if (c === ',') {
      // A comma right before the point (or the end of the digits) scales by 1000; between digits it groups.
      let j = i;
      while (section[j] === ',') j++;
      const next = section[j];
      if (next === '0' || next === '#') {
        if (intPlaceholders > 0 && !seenDot) grouping = true;
      } else if (!seenDot) scale += j - i;
      i = j - 1;
    } else if (c === '%') {
      percent++;
      toks.push({ kind: 'lit', text: '%' });
    } else if (c === '\u2030') {
      permille++;
      toks.push({ kind: 'lit', text: '\u2030' });
    } else if ((c === 'E' || c === 'e') && /^[+-]?0/.test(section.slice(i + 1))) {
      let j = i + 1;
      let plus = false;
      if (section[j] === '+') {
        plus = true;
        j++;
      } else if (section[j] === '-') j++;
      let digits = 0;
      while (section[j] === '0') {
        digits++;
        j++;
      }
      expInfo = { upper: c === 'E', plus, digits };
      toks.push({ kind: 'exp', text: '' });
      i = j - 1;
    } else toks.push({ kind: 'lit', text: c });
  }
  value = value * Math.pow(100, percent) * Math.pow(1000, permille) / Math.pow(1000, scale);

  let exponent = 0;
  if (expInfo && value !== 0) {
    const intDigits = Math.max(intPlaceholders, 1);
    exponent = Math.floor(Math.log10(Math.abs(value))) - (intDigits - 1);
    value = value / Math.pow(10, exponent);
  }
  const digits = fixed(value, fracPlaceholders);
  let [intPart, fracPart = ''] = digits.split('.');
  fracPart = fracPart.replace(/0+$/, '');
  if (fracPart.length < fracZeros) fracPart = fracPart.padEnd(fracZeros, '0');
  if (intPart === '0') intPart = '';
  const minInt = intZeros < 0 ? 0 : intPlaceholders - intZeros;
  if (intPart.length < minInt) intPart = intPart.padStart(minInt, '0');
  // Each digit carries the group separator that follows it.
  const intChars = [...intPart].map((ch, i, all) =>
    grouping && (all.length - 1 - i) % 3 === 0 && i < all.length - 1 ? ch + ',' : ch,
  );

  // Digits fill the placeholders from the right; the first placeholder takes any extra digits.
  let out = '';
  let placeholder = 0;
  let fracIdx = 0;
  let inFrac = false;
  const missing = intPlaceholders - intChars.length;
  for (const t of toks) {
    if (t.kind === 'lit') out += t.text;
    else if (t.kind === 'dot') {
      if (fracPart.length > 0) out += '.';
      inFrac = true;
    } else if (t.kind === 'exp' && expInfo) {
      const e = String(Math.abs(exponent)).padStart(expInfo.digits, '0');
      out += (expInfo.upper ? 'E' : 'e') + (exponent < 0 ? '-' : expInfo.plus ? '+' : '') + e;
    } else if (!inFrac) {
      if (missing >= 0) {
        if (placeholder >= missing) out += intChars[placeholder - missing];
      } else if (placeholder === 0) out += intChars.slice(0, 1 - missing).join('');
      else out += intChars[placeholder - missing];
      placeholder++;
    } else {
      if (fracIdx < fracPart.length) out += fracPart[fracIdx];
      fracIdx++;
    }
  }
  const negative = n < 0 && !negativeSection && /[1-9]/.test(digits);
  return (negative ? '-' : '') + out;
}

// ---------------------------------------------------------------- dates

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

const STANDARD_DATE: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

function offsetParts(d: Date): { sign: string; h: number; m: number } {
  const off = -d.getTimezoneOffset();
  return { sign: off < 0 ? '-' : '+', h: Math.floor(Math.abs(off) / 60), m: Math.abs(off) % 60 };
}

export function formatDate(d: Date, format: string): string {
  if (format.length === 1) {
    if (format === 'o' || format === 'O') {
      const o = offsetParts(d);
      return formatDate(d, "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffff") + `${o.sign}${pad(o.h, 2)}:${pad(o.m, 2)}`;
    }
    if (format === 'r' || format === 'R') return customDate(utcView(d), "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'");
    if (format === 'u') return customDate(utcView(d), "yyyy'-'MM'-'dd HH':'mm':'ss'Z'");
    if (format === 'U') return customDate(utcView(d), STANDARD_DATE.F);
    const std = STANDARD_DATE[format];
    if (std) return customDate(d, std);
    throw new FormatError('Input string was not in a correct format.');
  }
  return customDate(d, format);
}

/** A Date whose local getters read the UTC fields. */
function utcView(d: Date): Date {
  return new Date(d.getTime() + d.getTimezoneOffset() * 60000);
}

function customDate(d: Date, format: string): string {
  let out = '';
  let i = 0;
  const run = (c: string): number => {
    let j = i;
    while (format[j] === c) j++;
    return j - i;
  };
  while (i < format.length) {
    const c = format[i];
    if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      out += end < 0 ? format.slice(i + 1) : format.slice(i + 1, end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (c === '\\') {
      out += format[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === '%' && i + 1 < format.length) {
      i++;
      continue;
    }
    const n = run(c);
    switch (c) {
      case 'd':
        out += n === 1 ? String(d.getDate()) : n === 2 ? pad(d.getDate(), 2) : n === 3 ? DAYS[d.getDay()].slice(0, 3) : DAYS[d.getDay()];
        break;
      case 'M':
        out += n === 1 ? String(d.getMonth() + 1) : n === 2 ? pad(d.getMonth() + 1, 2) : n === 3 ? MONTHS[d.getMonth()].slice(0, 3) : MONTHS[d.getMonth()];
        break;
      case 'y': {
        const y = d.getFullYear();
        out += n === 1 ? String(y % 100) : n === 2 ? pad(y % 100, 2) : pad(y, n);
        break;
      }
      case 'h': {
        const h = d.getHours() % 12 || 12;
        out += n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 'H':
        out += n === 1 ? String(d.getHours()) : pad(d.getHours(), 2);
        break;
      case 'm':
        out += n === 1 ? String(d.getMinutes()) : pad(d.getMinutes(), 2);
        break;
      case 's':
        out += n === 1 ? String(d.getSeconds()) : pad(d.getSeconds(), 2);
        break;
      case 'f':
      case 'F': {
        const frac = pad(d.getMilliseconds(), 3).padEnd(7, '0').slice(0, n);
        out += c === 'F' ? frac.replace(/0+$/, '') : frac;
        break;
      }
      case 't':
        out += (d.getHours() < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
        break;
      case 'z': {
        const o = offsetParts(d);
        out += n === 1 ? `${o.sign}${o.h}` : n === 2 ? `${o.sign}${pad(o.h, 2)}` : `${o.sign}${pad(o.h, 2)}:${pad(o.m, 2)}`;
        break;
      }
      case 'K': {
        const o = offsetParts(d);
        out += `${o.sign}${pad(o.h, 2)}:${pad(o.m, 2)}`;
        break;
      }
      case 'g':
        out += 'A.D.';
        break;
      default:
        out += c.repeat(n);
    }
    i += n;
  }
  return out;
}

// ---------------------------------------------------------------- time spans

function formatTimeSpan(t: TimeSpan, format: string, plain: (v: unknown) => string): string {
  if (format === 'c' || format === 't' || format === 'T') return t.toString();
  if (format === 'g' || format === 'G') {
    const neg = t.ms < 0;
    let rest = Math.abs(t.ms);
    const days = Math.floor(rest / 86_400_000);
    rest -= days * 86_400_000;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    const frac = Math.round((rest - s * 1000) * 10_000);
    const sign = neg ? '-' : '';
    if (format === 'G') return `${sign}${days}:${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(frac, 7)}`;
    return `${sign}${days ? days + ':' : ''}${h}:${pad(m, 2)}:${pad(s, 2)}${frac ? '.' + pad(frac, 7).replace(/0+$/, '') : ''}`;
  }
  // Custom: dd hh mm ss fff and escaped literals.
  let rest = Math.abs(t.ms);
  const parts = {
    d: Math.floor(rest / 86_400_000),
    h: Math.floor((rest %= 86_400_000) / 3_600_000),
    m: Math.floor((rest %= 3_600_000) / 60_000),
    s: Math.floor((rest %= 60_000) / 1000),
    f: rest % 1000,
  };
  let out = '';
  for (let i = 0; i < format.length; ) {
    const c = format[i];
    if (c === '\\') {
      out += format[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      out += end < 0 ? format.slice(i + 1) : format.slice(i + 1, end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    let n = 0;
    while (format[i + n] === c) n++;
    if (c === 'd') out += pad(parts.d, n);
    else if (c === 'h') out += pad(parts.h, n);
    else if (c === 'm') out += pad(parts.m, n);
    else if (c === 's') out += pad(parts.s, n);
    else if (c === 'f' || c === 'F') out += pad(parts.f, 3).padEnd(7, '0').slice(0, n);
    else return plain(t);
    i += n;
  }
  return out;
}
