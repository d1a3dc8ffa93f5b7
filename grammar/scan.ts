// Character classes and small scanners shared by the token patterns and the CST -> AST step.
// PowerShell's tokenizer is context dependent; these functions answer "how far does this
// construct reach" for strings, generic (command-mode) words, variables and numbers.

export const enum Ch {
  Tab = 9,
  LF = 10,
  VT = 11,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Dash = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  LBracket = 91,
  RBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
}

export function isNewline(c: number): boolean {
  return c === Ch.LF || c === Ch.CR;
}

export function isBlank(c: number): boolean {
  return (
    c === Ch.Space ||
    c === Ch.Tab ||
    c === Ch.VT ||
    c === Ch.FF ||
    c === 0xa0 ||
    c === 0x85 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** `-` and the Unicode dashes PowerShell accepts in its place (en dash, em dash, horizontal bar). */
export function isDash(c: number): boolean {
  return c === Ch.Dash || c === 0x2013 || c === 0x2014 || c === 0x2015;
}

export function isSingleQuote(c: number): boolean {
  return c === Ch.SQuote || c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b;
}

export function isDoubleQuote(c: number): boolean {
  return c === Ch.DQuote || c === 0x201c || c === 0x201d || c === 0x201e;
}

export function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}

const letterRe = /\p{L}/u;
export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return letterRe.test(String.fromCharCode(c));
}

const nameRe = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;
/** Characters of an identifier: letters, digits, underscore (and other connector punctuation). */
export function isNameChar(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === Ch.Underscore;
  return nameRe.test(String.fromCharCode(c));
}

/** Characters that end a command-mode (generic) word. */
export function isWordTerminator(c: number): boolean {
  switch (c) {
    case Ch.LBrace:
    case Ch.RBrace:
    case Ch.LParen:
    case Ch.RParen:
    case Ch.Semi:
    case Ch.Comma:
    case Ch.Pipe:
    case Ch.Amp:
    case Ch.Gt:
    case Ch.Lt:
    case Ch.LF:
    case Ch.CR:
      return true;
  }
  return isBlank(c);
}

/** End (exclusive) of a single-quoted string starting at `pos`; -1 when unterminated. */
export function scanSingleQuoted(text: string, pos: number): number {
  const n = text.length;
  let i = pos + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSingleQuote(c)) {
      if (i + 1 < n && isSingleQuote(text.charCodeAt(i + 1))) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** End (exclusive) of a double-quoted string starting at `pos`; -1 when unterminated. */
export function scanDoubleQuoted(text: string, pos: number): number {
  const n = text.length;
  let i = pos + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Backtick) {
      i += 2;
      continue;
    }
    if (isDoubleQuote(c)) {
      if (i + 1 < n && isDoubleQuote(text.charCodeAt(i + 1))) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (c === Ch.Dollar && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === Ch.LParen) {
        const e = scanSubExpression(text, i + 1);
        if (e < 0) return -1;
        i = e;
        continue;
      }
      if (d === Ch.LBrace) {
        const e = scanBracedVariable(text, i + 1);
        if (e < 0) return -1;
        i = e;
        continue;
      }
    }
    i++;
  }
  return -1;
}

/** `${name}`: `pos` is at `{`; returns the end after `}` or -1. */
export function scanBracedVariable(text: string, pos: number): number {
  const n = text.length;
  let i = pos + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Backtick) {
      i += 2;
      continue;
    }
    if (c === Ch.RBrace) return i + 1;
    i++;
  }
  return -1;
}

/**
 * Here-string: `pos` is at `@`, followed by a quote. Returns the end after the closing `"@`/`'@`,
 * -1 when unterminated, -2 when the header is followed by other characters on its line.
 */
export function scanHereString(text: string, pos: number): number {
  const n = text.length;
  const double = isDoubleQuote(text.charCodeAt(pos + 1));
  let i = pos + 2;
  while (i < n && isBlank(text.charCodeAt(i))) i++;
  if (i >= n) return -1;
  const c = text.charCodeAt(i);
  if (!isNewline(c)) return -2;
  // the closing quote must start a line
  for (;;) {
    while (i < n && !isNewline(text.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (text.charCodeAt(i) === Ch.CR && text.charCodeAt(i + 1) === Ch.LF) i += 2;
    else i++;
    if (i + 1 < n) {
      const q = text.charCodeAt(i);
      if ((double ? isDoubleQuote(q) : isSingleQuote(q)) && text.charCodeAt(i + 1) === Ch.At) return i + 2;
    }
    if (i >= n) return -1;
  }
}

/** `$( ... )` or any balanced parenthesis group: `pos` is at `(`; returns the end after `)` or -1. */
export function scanSubExpression(text: string, pos: number): number {
  const n = text.length;
  let depth = 0;
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    switch (c) {
      case Ch.LParen:
        depth++;
        i++;
        continue;
      case Ch.RParen:
        depth--;
        i++;
        if (depth === 0) return i;
        continue;
      case Ch.Backtick:
        i += 2;
        continue;
      case Ch.Hash: {
        while (i < n && !isNewline(text.charCodeAt(i))) i++;
        continue;
      }
      case Ch.Lt:
        if (text.charCodeAt(i + 1) === Ch.Hash) {
          const e = text.indexOf('#>', i + 2);
          if (e < 0) return -1;
          i = e + 2;
          continue;
        }
        i++;
        continue;
      case Ch.At: {
        const q = text.charCodeAt(i + 1);
        if (isSingleQuote(q) || isDoubleQuote(q)) {
          const e = scanHereString(text, i);
          if (e >= 0) {
            i = e;
            continue;
          }
        }
        i++;
        continue;
      }
    }
    if (isSingleQuote(c)) {
      const e = scanSingleQuoted(text, i);
      if (e < 0) return -1;
      i = e;
      continue;
    }
    if (isDoubleQuote(c)) {
      const e = scanDoubleQuoted(text, i);
      if (e < 0) return -1;
      i = e;
      continue;
    }
    i++;
  }
  return -1;
}

/**
 * A variable reference at `pos` (`$`): returns its end, or `pos` when `$` does not start one.
 * Forms: `$name`, `$scope:name`, `${any name}`, `$$`, `$?`, `$^`, `$_`.
 */
export function scanVariable(text: string, pos: number): number {
  const n = text.length;
  let i = pos + 1;
  if (i >= n) return pos;
  const c = text.charCodeAt(i);
  if (c === Ch.LBrace) {
    const e = scanBracedVariable(text, i);
    return e < 0 ? n : e;
  }
  if (c === Ch.Dollar || c === Ch.Caret) return i + 1;
  if (c === Ch.Question) return i + 1;
  if (!isNameChar(c)) return pos;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (isNameChar(d) || d === Ch.Question) i++;
    else break;
  }
  // scope or drive qualifier: `$env:PATH`, `$script:x`
  if (i + 1 < n && text.charCodeAt(i) === Ch.Colon && isNameChar(text.charCodeAt(i + 1))) {
    i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isNameChar(d) || d === Ch.Question) i++;
      else break;
    }
  }
  return i;
}

/** End of a generic (command-mode) word starting at `pos`; equals `pos` when nothing is there. */
export function scanGenericWord(text: string, pos: number): number {
  const n = text.length;
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordTerminator(c)) break;
    if (c === Ch.Backtick) {
      if (i + 1 >= n) return n;
      if (isNewline(text.charCodeAt(i + 1))) break; // line continuation ends the word
      i += 2;
      continue;
    }
    if (isSingleQuote(c)) {
      const e = scanSingleQuoted(text, i);
      if (e < 0) return n;
      i = e;
      continue;
    }
    if (isDoubleQuote(c)) {
      const e = scanDoubleQuoted(text, i);
      if (e < 0) return n;
      i = e;
      continue;
    }
    if (c === Ch.Dollar && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === Ch.LParen) {
        const e = scanSubExpression(text, i + 1);
        if (e < 0) return n;
        i = e;
        continue;
      }
      if (d === Ch.LBrace) {
        const e = scanBracedVariable(text, i + 1);
        if (e < 0) return n;
        i = e;
        continue;
      }
    }
    i++;
  }
  return i;
}

// ---------------------------------------------------------------- numbers

/** A whole number literal, as PowerShell writes it (optional sign only in command mode). */
const numberWordRe = /^[-\u2013\u2014\u2015]?(?:0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(?:[dl]|ul|u)?(?:kb|mb|gb|tb|pb)?$/i;
/** A number literal prefix in expression mode (no sign; `1.` is not a number so `1..5` lexes as a range). */
export const numberPrefixRe = /(?:0x[0-9a-fA-F]+|(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)(?:[dDlL]|[uU][lL]?)?(?:[kKmMgGtTpP][bB])?/y;

export function isNumberWord(word: string): boolean {
  return numberWordRe.test(word);
}

/** Length of the number literal at `pos`, or 0. */
export function matchNumberPrefix(text: string, pos: number): number {
  numberPrefixRe.lastIndex = pos;
  const m = numberPrefixRe.exec(text);
  return m ? m[0].length : 0;
}

const multipliers: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** Value of a number literal (multiplier and hex applied), and whether it is a [double]. */
export function numberValue(word: string): { value: number; isDouble: boolean } {
  let s = word;
  let sign = 1;
  if (isDash(s.charCodeAt(0))) {
    sign = -1;
    s = s.slice(1);
  }
  let mult = 1;
  const tail = s.slice(-2).toLowerCase();
  if (tail in multipliers && !/^0x/i.test(s)) {
    mult = multipliers[tail];
    s = s.slice(0, -2);
  }
  if (/^0x/i.test(s)) {
    const hex = s.slice(2).replace(/(?:ul|u|l)$/i, '');
    return { value: sign * parseInt(hex, 16) * mult, isDouble: false };
  }
  s = s.replace(/(?:ul|u|l|d)$/i, '');
  const isDouble = /[.e]/i.test(s);
  return { value: sign * Number(s) * mult, isDouble };
}

// ---------------------------------------------------------------- lines

/** Offsets where each line starts, for offset -> line/column conversion. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === Ch.LF) starts.push(i + 1);
    else if (c === Ch.CR) {
      if (text.charCodeAt(i + 1) === Ch.LF) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of `offset`. */
export function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** A script's text, its file name, and its line table (computed on first use). */
export class SourceText {
  #starts: number[] | undefined;
  constructor(
    readonly text: string,
    readonly file?: string,
  ) {}
  get starts(): number[] {
    return (this.#starts ??= lineStarts(this.text));
  }
}
