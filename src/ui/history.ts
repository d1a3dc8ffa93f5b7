// Command-line history: persisted under EDGESHELL_HOME, bounded, no duplicates in a row.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_HISTORY_SIZE = 4096;

/** One line per entry; an entry holding a newline (or starting with a quote) is a JSON string. */
function encode(entry: string): string {
  return entry.includes('\n') || entry.includes('\r') || entry.startsWith('"') ? JSON.stringify(entry) : entry;
}

function decode(line: string): string {
  if (line.startsWith('"')) {
    try {
      const v = JSON.parse(line);
      if (typeof v === 'string') return v;
    } catch {
      /* a plain line that starts with a quote */
    }
  }
  return line;
}

export class HistoryStore {
  private items: string[] = [];

  /** `file` undefined keeps the history in memory (tests, -NoProfile has no effect on it). */
  constructor(
    readonly file: string | undefined,
    readonly max = DEFAULT_HISTORY_SIZE,
  ) {
    this.load();
  }

  get entries(): readonly string[] {
    return this.items;
  }

  private load(): void {
    if (!this.file) return;
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n').filter((l) => l.length > 0);
    const items: string[] = [];
    for (const l of lines) {
      const e = decode(l.replace(/\r$/, ''));
      if (items[items.length - 1] !== e) items.push(e);
    }
    this.items = items.slice(-this.max);
    // keep the file bounded: rewrite it when it holds a quarter more than the limit
    if (lines.length > this.max + Math.ceil(this.max / 4)) this.rewrite();
  }

  private rewrite(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, this.items.map(encode).join('\n') + (this.items.length ? '\n' : ''));
      fs.renameSync(tmp, this.file);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing more to do */
      }
    }
  }

  /** Adds an entry unless it is blank or repeats the previous one; returns whether it was added. */
  add(entry: string): boolean {
    const e = entry.replace(/\s+$/, '');
    if (!e.trim()) return false;
    if (this.items[this.items.length - 1] === e) return false;
    this.items.push(e);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    if (this.file) {
      try {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.appendFileSync(this.file, encode(e) + '\n');
      } catch {
        /* history is a convenience: a read-only home must not break the shell */
      }
    }
    return true;
  }
}

/**
 * The index of the entry holding `query` (case-insensitive), searching from `from` towards the
 * oldest (dir -1) or newest (dir 1) entry, `from` included; -1 when none does.
 */
export function searchHistory(entries: readonly string[], query: string, from: number, dir: -1 | 1): number {
  const q = query.toLowerCase();
  for (let i = from; i >= 0 && i < entries.length; i += dir) {
    if (entries[i].toLowerCase().includes(q)) return i;
  }
  return -1;
}
