// Text of the live area as pure functions of state: the input line with syntax colours and the
// cursor, the completion menu, the hint, the search line, progress bars and the transport status.
import type { ProgressRecord } from '../engine/cmdlet.js';
import type { CompletionState, SearchState } from './prompt.js';
import type { CommandHint } from './completion.js';
import { SGR, tokenSgr, type Style } from './style.js';

export interface HighlightSpan {
  kind: string;
  start: number;
  end: number;
}

export const CONTINUATION_PROMPT = '>> ';

/**
 * The input as screen lines: the prompt before the first, `>> ` before the others, token colours,
 * and the cursor as an inverse cell (`showCursor`), an inverse space at the end of a line.
 */
export function renderInput(
  text: string,
  cursor: number | undefined,
  spans: readonly HighlightSpan[],
  prompt: string,
  style: Style,
): string[] {
  const codes: (string | undefined)[] = new Array(text.length).fill(undefined);
  if (style.color) {
    for (const sp of spans) {
      const sgr = tokenSgr(sp.kind);
      if (!sgr) continue;
      for (let i = Math.max(0, sp.start); i < Math.min(sp.end, text.length); i++) codes[i] = sgr;
    }
  }
  const lines: string[] = [];
  let line = style.paint(prompt, SGR.prompt);
  let run = '';
  let runCode: string | undefined;
  const flush = () => {
    if (run) line += runCode ? `\x1b[${runCode}m${run}\x1b[0m` : run;
    run = '';
  };
  const push = (ch: string, code: string | undefined) => {
    if (code !== runCode) {
      flush();
      runCode = code;
    }
    run += ch;
  };
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    const atCursor = i === cursor;
    if (i === text.length || ch === '\n') {
      if (atCursor) push(' ', SGR.inverse);
      flush();
      lines.push(line);
      if (i === text.length) break;
      line = style.paint(CONTINUATION_PROMPT, SGR.continuation);
      continue;
    }
    const shown = ch === '\t' ? ' ' : ch;
    if (atCursor) push(shown, codes[i] ? `${codes[i]};7` : SGR.inverse);
    else push(shown, codes[i]);
  }
  return lines;
}

/** The submitted input as it stays on the screen: as typed, coloured, without the cursor. */
export function renderEcho(text: string, spans: readonly HighlightSpan[], prompt: string, style: Style): string {
  return renderInput(text, undefined, spans, prompt, style).join('\n');
}

function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  return s.length > width ? s.slice(0, Math.max(0, width - 1)) + '…' : s;
}

/** The completion menu: columns of items, the selected one inverse, at most `maxRows` rows. */
export function renderMenu(c: CompletionState, width: number, style: Style, maxRows = 10): string[] {
  const names = c.items.map((i) => i.display);
  const colWidth = Math.min(Math.max(...names.map((n) => n.length)) + 2, Math.max(10, width - 1));
  const cols = Math.max(1, Math.floor((width - 1) / colWidth));
  const rows = Math.ceil(names.length / cols);
  // scroll so the selected item's row is visible
  const selRow = c.index % rows;
  const first = rows <= maxRows ? 0 : Math.min(Math.max(0, selRow - maxRows + 1), rows - maxRows);
  const out: string[] = [];
  for (let r = first; r < Math.min(rows, first + maxRows); r++) {
    let line = '';
    for (let col = 0; col < cols; col++) {
      const i = col * rows + r;
      if (i >= names.length) break;
      const cell = truncate(names[i], colWidth - 1).padEnd(colWidth - 1);
      line += (i === c.index ? `\x1b[${SGR.menuSelected}m${cell}\x1b[0m` : style.paint(cell, SGR.menuItem)) + ' ';
    }
    out.push(line.replace(/\s+$/, ''));
  }
  const sel = c.items[c.index];
  if (sel?.description) out.push(style.paint(truncate(sel.description, width - 1), SGR.menuDescription));
  if (rows > maxRows) out.push(style.paint(`(${c.index + 1} of ${names.length})`, SGR.menuDescription));
  return out;
}

/** `bck-i-search: query_`, as PSReadLine. */
export function renderSearch(s: SearchState, style: Style): string {
  const label = s.failed ? 'failing bck-i-search: ' : 'bck-i-search: ';
  return style.paint(label, s.failed ? SGR.searchFailed : SGR.search) + s.query + '\x1b[7m \x1b[0m';
}

/** The parameters of the command being typed, those already given struck through, on one line. */
export function renderHint(h: CommandHint, width: number, style: Style): string[] {
  const out: string[] = [];
  if (h.detail) out.push(style.paint(truncate(h.detail, width - 1), SGR.hintFocus));
  let line = '';
  let plain = '';
  for (const p of h.parameters) {
    const piece = (plain ? ' ' : '') + p.text;
    if (plain.length + piece.length > width - 2) {
      line += style.paint(' …', SGR.hint);
      break;
    }
    plain += piece;
    line += style.paint(piece, p.given ? SGR.hintGiven : SGR.hint);
  }
  if (plain) out.push(line);
  return out;
}

/** One progress bar: `Activity [ooooo     ] 45% Status`. */
export function renderProgress(rec: ProgressRecord, width: number, style: Style): string {
  const pct = rec.percentComplete ?? -1;
  const head = rec.activity;
  const tail = rec.status ? ` ${rec.status}` : '';
  if (pct < 0) return style.paint(truncate(`${head}${tail}`, width - 1), SGR.progress);
  const barWidth = Math.max(10, Math.min(40, width - head.length - tail.length - 10));
  const filled = Math.round((Math.max(0, Math.min(100, pct)) / 100) * barWidth);
  const bar = `[${'o'.repeat(filled)}${' '.repeat(barWidth - filled)}]`;
  return style.paint(truncate(`${head} ${bar} ${String(Math.round(pct)).padStart(3)}%${tail}`, width - 1), SGR.progress);
}

/** What the transport publishes under rs.services.get('transport'). */
export interface TransportStatus {
  running: boolean;
  bindings: string[];
  sessions: number;
  counters: { received: number; sent: number; failures: number };
}

export function isTransportStatus(v: unknown): v is TransportStatus {
  const t = v as TransportStatus;
  return !!t && typeof t === 'object' && typeof t.running === 'boolean' && !!t.counters;
}

/** `Transport running on 0.0.0.0:25 | sessions 1 | domain-secure received 3, sent 2, failures 0`. */
export function renderTransportStatus(t: TransportStatus, width: number, style: Style): string {
  const c = t.counters;
  const text =
    `Transport running on ${t.bindings.join(', ') || '(no bindings)'} | sessions ${t.sessions} | ` +
    `domain-secure received ${c.received}, sent ${c.sent}, failures ${c.failures}`;
  return style.paint(truncate(text, width - 1), SGR.status);
}
