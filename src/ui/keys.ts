// Raw terminal input → key events. Ink's own key parser reports Backspace (0x7f) and Delete (ESC[3~)
// alike and knows nothing of bracketed paste, so the shell decodes the raw sequences Ink emits itself.

export type KeyName =
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'insert'
  | 'escape'
  | 'space'
  // a letter or symbol pressed with Ctrl or Alt
  | string;

export type KeyEvent =
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string }
  | { kind: 'key'; name: KeyName; ctrl: boolean; meta: boolean; shift: boolean };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export function key(name: KeyName, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}): KeyEvent {
  return { kind: 'key', name, ctrl: !!mods.ctrl, meta: !!mods.meta, shift: !!mods.shift };
}

const csiLetters: Record<string, KeyName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'tab' };
const csiNumbers: Record<string, KeyName> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '2': 'insert', '3': 'delete', '5': 'pageup', '6': 'pagedown' };

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function modifiers(param: string | undefined): { ctrl: boolean; meta: boolean; shift: boolean } {
  const m = Math.max(0, (Number(param) || 1) - 1);
  return { shift: !!(m & 1), meta: !!(m & 2) || !!(m & 8), ctrl: !!(m & 4) };
}

/** One escape sequence (as Ink's input parser splits them) to a key; undefined when unknown. */
function decodeEscape(seq: string): KeyEvent | undefined {
  if (seq === '\x1b' || seq === '\x1b\x1b') return key('escape');
  // CSI: ESC [ params final, or SS3: ESC O final
  let m = /^\x1b(?:\x1b)?\[(?:(\d+)(?:;(\d+))?)?([A-Za-z~])$/.exec(seq);
  if (m) {
    const [, num, mod, final] = m;
    const alt = seq.startsWith('\x1b\x1b');
    if (final === '~') {
      const name = csiNumbers[num ?? ''];
      if (!name) return undefined;
      const mods = modifiers(mod);
      return key(name, { ...mods, meta: mods.meta || alt });
    }
    const name = csiLetters[final];
    if (!name) return undefined;
    const mods = modifiers(mod);
    if (final === 'Z') mods.shift = true;
    return key(name, { ...mods, meta: mods.meta || alt });
  }
  m = /^\x1bO([A-Za-z])$/.exec(seq);
  if (m) {
    const name = csiLetters[m[1]];
    return name ? key(name) : undefined;
  }
  // rxvt: ESC O a..d is Ctrl+arrow, ESC [ a..d Shift+arrow
  m = /^\x1b([O[])([abcd])$/.exec(seq);
  if (m) {
    const name = csiLetters[m[2].toUpperCase()];
    return key(name, m[1] === 'O' ? { ctrl: true } : { shift: true });
  }
  // Alt+key: ESC followed by one character
  if (seq.length === 2 || (seq.length === 3 && seq.codePointAt(1)! > 0xffff)) {
    const c = seq.slice(1);
    if (c === '\r' || c === '\n') return key('enter', { meta: true });
    if (c === '\x7f' || c === '\b') return key('backspace', { meta: true });
    if (c.length === 1 && c < ' ') return key(String.fromCharCode(c.charCodeAt(0) + 96), { ctrl: true, meta: true });
    return key(c.toLowerCase(), { meta: true, shift: c !== c.toLowerCase() });
  }
  return undefined;
}

/** A control character (0x00–0x1f, 0x7f) to a key. */
function decodeControl(c: string): KeyEvent {
  switch (c) {
    case '\r':
    case '\n':
      return key('enter');
    case '\t':
      return key('tab');
    case '\x7f':
    case '\b':
      return key('backspace');
    case '\x1b':
      return key('escape');
    case '\x00':
      return key('space', { ctrl: true });
  }
  const code = c.charCodeAt(0);
  if (code >= 1 && code <= 26) return key(String.fromCharCode(code + 96), { ctrl: true });
  return key(String.fromCharCode(code + 64), { ctrl: true });
}

function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/**
 * Decodes the input events Ink emits (one escape sequence, or a run of text that may hold control
 * characters) into key events. Keeps the bracketed-paste state between events.
 */
export class KeyDecoder {
  private pasting: string | undefined;

  decode(chunk: string): KeyEvent[] {
    const out: KeyEvent[] = [];
    let rest = chunk;
    while (rest.length > 0) {
      if (this.pasting !== undefined) {
        const end = rest.indexOf(PASTE_END);
        if (end < 0) {
          this.pasting += rest;
          return out;
        }
        this.pasting += rest.slice(0, end);
        out.push({ kind: 'paste', text: this.pasting.replace(/\r\n?/g, '\n') });
        this.pasting = undefined;
        rest = rest.slice(end + PASTE_END.length);
        continue;
      }
      const start = rest.indexOf(PASTE_START);
      const head = start < 0 ? rest : rest.slice(0, start);
      this.decodePlain(head, out);
      if (start < 0) break;
      this.pasting = '';
      rest = rest.slice(start + PASTE_START.length);
    }
    return out;
  }

  private decodePlain(s: string, out: KeyEvent[]): void {
    if (!s) return;
    if (s.startsWith('\x1b') && s.length > 1) {
      const k = decodeEscape(s);
      if (k) {
        out.push(k);
        return;
      }
      // unknown sequence: drop it rather than insert garbage
      if (/^\x1b[[O]/.test(s)) return;
    }
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    for (const c of s) {
      if (isControl(c)) {
        flush();
        out.push(decodeControl(c));
      } else text += c;
    }
    flush();
  }
}
