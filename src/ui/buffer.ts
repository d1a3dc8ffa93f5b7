// The text being edited and the cursor in it: pure operations, as PSReadLine's edit functions.

export interface EditBuffer {
  readonly text: string;
  /** Offset in text (UTF-16 units), 0..text.length. */
  readonly cursor: number;
}

export const emptyBuffer: EditBuffer = { text: '', cursor: 0 };

export function bufferOf(text: string, cursor = text.length): EditBuffer {
  return { text, cursor: Math.max(0, Math.min(cursor, text.length)) };
}

/** Characters that end a word for word jumps, besides whitespace (PSReadLine's WordDelimiters). */
const DELIMITERS = new Set(';:,.[]{}()/\\|^&*-=+\'"\u2013\u2014\u2015@$`<>!%'.split(''));

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && !isSpace(c) && !DELIMITERS.has(c);
}

export function insert(b: EditBuffer, s: string): EditBuffer {
  return { text: b.text.slice(0, b.cursor) + s + b.text.slice(b.cursor), cursor: b.cursor + s.length };
}

/** Replaces text[start, end) and puts the cursor after the replacement. */
export function replaceRange(b: EditBuffer, start: number, end: number, s: string): EditBuffer {
  return { text: b.text.slice(0, start) + s + b.text.slice(end), cursor: start + s.length };
}

function charBefore(b: EditBuffer): number {
  // step over a surrogate pair as one character
  const c = b.text.charCodeAt(b.cursor - 1);
  return c >= 0xdc00 && c <= 0xdfff && b.cursor >= 2 ? 2 : 1;
}
function charAfter(b: EditBuffer): number {
  const c = b.text.charCodeAt(b.cursor);
  return c >= 0xd800 && c <= 0xdbff && b.cursor + 1 < b.text.length ? 2 : 1;
}

export function backspace(b: EditBuffer): EditBuffer {
  if (b.cursor === 0) return b;
  const n = charBefore(b);
  return { text: b.text.slice(0, b.cursor - n) + b.text.slice(b.cursor), cursor: b.cursor - n };
}

export function deleteChar(b: EditBuffer): EditBuffer {
  if (b.cursor >= b.text.length) return b;
  return { text: b.text.slice(0, b.cursor) + b.text.slice(b.cursor + charAfter(b)), cursor: b.cursor };
}

export function left(b: EditBuffer): EditBuffer {
  return b.cursor === 0 ? b : { text: b.text, cursor: b.cursor - charBefore(b) };
}

export function right(b: EditBuffer): EditBuffer {
  return b.cursor >= b.text.length ? b : { text: b.text, cursor: b.cursor + charAfter(b) };
}

export function lineStart(b: EditBuffer): number {
  return b.text.lastIndexOf('\n', b.cursor - 1) + 1;
}

export function lineEnd(b: EditBuffer): number {
  const i = b.text.indexOf('\n', b.cursor);
  return i < 0 ? b.text.length : i;
}

export function home(b: EditBuffer): EditBuffer {
  return { text: b.text, cursor: lineStart(b) };
}

export function end(b: EditBuffer): EditBuffer {
  return { text: b.text, cursor: lineEnd(b) };
}

/** Start of the word before the cursor (Ctrl+Left, Alt+B). */
export function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

/** End of the word after the cursor (Ctrl+Right, Alt+F). */
export function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

export function wordLeft(b: EditBuffer): EditBuffer {
  return { text: b.text, cursor: wordStartBefore(b.text, b.cursor) };
}

export function wordRight(b: EditBuffer): EditBuffer {
  return { text: b.text, cursor: wordEndAfter(b.text, b.cursor) };
}

/** A deletion that also returns the removed text, for the kill ring (Ctrl+Y). */
export interface Killed {
  buffer: EditBuffer;
  killed: string;
}

function kill(b: EditBuffer, from: number, to: number): Killed {
  if (from >= to) return { buffer: b, killed: '' };
  return { buffer: { text: b.text.slice(0, from) + b.text.slice(to), cursor: from }, killed: b.text.slice(from, to) };
}

/** Ctrl+U: from the start of the input to the cursor (PSReadLine's BackwardKillInput). */
export function killLineBefore(b: EditBuffer): Killed {
  return kill(b, 0, b.cursor);
}

/** Ctrl+K: from the cursor to the end of the input (PSReadLine's KillLine). */
export function killLineAfter(b: EditBuffer): Killed {
  return kill(b, b.cursor, b.text.length);
}

/** Ctrl+W: the whitespace-delimited word before the cursor (Unix rubout). */
export function killWhitespaceWordBefore(b: EditBuffer): Killed {
  let i = b.cursor;
  while (i > 0 && isSpace(b.text[i - 1]) && b.text[i - 1] !== '\n') i--;
  while (i > 0 && !isSpace(b.text[i - 1])) i--;
  return kill(b, i, b.cursor);
}

/** Alt+Backspace: the word before the cursor, stopping at delimiters. */
export function killWordBefore(b: EditBuffer): Killed {
  return kill(b, wordStartBefore(b.text, b.cursor), b.cursor);
}

/** Alt+D, Ctrl+Delete: the word after the cursor. */
export function killWordAfter(b: EditBuffer): Killed {
  return kill(b, b.cursor, wordEndAfter(b.text, b.cursor));
}

/** The line number and column of the cursor. */
export function cursorLineCol(b: EditBuffer): { line: number; col: number; lines: number } {
  const before = b.text.slice(0, b.cursor);
  const line = before.split('\n').length - 1;
  return { line, col: b.cursor - lineStart(b), lines: b.text.split('\n').length };
}

/** Moves the cursor one line up (-1) or down (+1) in a multi-line buffer, keeping the column. */
export function verticalMove(b: EditBuffer, dir: -1 | 1): EditBuffer | undefined {
  const lines = b.text.split('\n');
  const { line, col } = cursorLineCol(b);
  const target = line + dir;
  if (target < 0 || target >= lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < target; i++) offset += lines[i].length + 1;
  return { text: b.text, cursor: offset + Math.min(col, lines[target].length) };
}
