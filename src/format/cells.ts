// Screen cells and line breaking, ported from PowerShell's DisplayCells and StringManipulationHelper
// (FormatAndOutput/common/ComplexWriter.cs): East Asian wide characters take two cells, lines are
// split on '\n' (a '\r' is dropped) and word-wrapped on blanks the way an English-culture host does.

export const ELLIPSIS = '\u2026';

/** Cells taken by one UTF-16 code unit (PowerShell counts per char, as a console buffer does). */
export function charCells(code: number): number {
  const wide =
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6));
  return wide ? 2 : 1;
}

/** Display length in cells, from `offset` on. */
export function cells(s: string, offset = 0): number {
  let n = 0;
  for (let i = offset; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x1100 ? 1 : charCells(c);
  }
  return n;
}

/** How many chars from `offset` fit in `displayCells` cells (head of the string). */
export function truncateTail(s: string, displayCells: number, offset = 0): number {
  let used = 0;
  let i = offset;
  for (; i < s.length; i++) {
    const w = charCells(s.charCodeAt(i));
    if (used + w > displayCells) break;
    used += w;
  }
  return i - offset;
}

/** Start index of the longest tail of `s` that fits in `displayCells` cells. */
export function truncateHead(s: string, displayCells: number): number {
  let used = 0;
  let i = s.length - 1;
  for (; i >= 0; i--) {
    const w = charCells(s.charCodeAt(i));
    if (used + w > displayCells) break;
    used += w;
  }
  return i + 1;
}

export function spaces(n: number): string {
  return n > 0 ? ' '.repeat(n) : '';
}

/** Splits on '\n', dropping '\r' (StringManipulationHelper.SplitLines). */
export function splitLines(s: string): string[] {
  if (!s || !s.includes('\n')) return [s.replace(/\r/g, '')];
  return s.replace(/\r/g, '').split('\n');
}

/** A table cell shows only its first line, marked with an ellipsis when more follows. */
export function truncateAtNewLine(s: string): string {
  if (!s) return '';
  const i = s.search(/[\r\n]/);
  return i < 0 ? s : s.slice(0, i) + ELLIPSIS;
}

const SOFT_HYPHEN = '\u00ad';
const HARD_HYPHEN = '\u2011';
const NBSP = '\u00a0';

interface Word {
  word: string;
  delim: string;
}

function words(s: string): Word[] {
  const out: Word[] = [];
  let w = '';
  for (const c of s) {
    if (c === ' ' || c === '\t' || c === SOFT_HYPHEN) {
      out.push({ word: w, delim: c });
      w = '';
    } else if (c === HARD_HYPHEN || c === NBSP) {
      out.push({ word: w, delim: '' });
      w = '';
    } else w += c;
  }
  out.push({ word: w, delim: '' });
  return out;
}

/**
 * Breaks `val` into display lines: the first at most `firstLineLen` cells, the others at most
 * `followingLinesLen` (GenerateLinesWithWordWrap).
 */
export function generateLines(val: string, firstLineLen: number, followingLinesLen: number): string[] {
  const ret: string[] = [];
  if (!val) {
    ret.push(val ?? '');
    return ret;
  }
  for (const line of splitLines(val)) {
    if (cells(line) <= firstLineLen) {
      ret.push(line);
      continue;
    }
    let spacesLeft = firstLineLen;
    let lineWidth = firstLineLen;
    let firstLine = true;
    let single = '';
    for (const wd of words(line)) {
      let toAdd = wd.word;
      if (wd.delim === SOFT_HYPHEN) {
        if (cells(toAdd) + 1 === spacesLeft) toAdd += '-';
      } else if (wd.delim) toAdd += wd.delim;
      const width = cells(toAdd);
      if (lineWidth === 0) {
        if (firstLine) {
          firstLine = false;
          lineWidth = followingLinesLen;
        }
        if (lineWidth === 0) break;
        spacesLeft = lineWidth;
      }
      if (width > lineWidth) {
        // A word wider than a line is cut character by character.
        for (let ch of toAdd) {
          let w = cells(ch);
          if (w > lineWidth) {
            ch = '?';
            w = 1;
          }
          if (w > spacesLeft) {
            ret.push(single);
            single = ch;
            if (firstLine) {
              firstLine = false;
              lineWidth = followingLinesLen;
            }
            spacesLeft = lineWidth - w;
          } else {
            single += ch;
            spacesLeft -= w;
          }
        }
      } else if (width > spacesLeft) {
        ret.push(single);
        single = toAdd;
        if (firstLine) {
          firstLine = false;
          lineWidth = followingLinesLen;
        }
        spacesLeft = lineWidth - width;
      } else {
        single += toAdd;
        spacesLeft -= width;
      }
    }
    ret.push(single);
  }
  return ret;
}
