// Exchange-style log files: `<PREFIX>yyyymmdd-n.LOG` in one directory, a W3C header on every new
// file, a new file when the day changes or the current one reaches its size limit. Only the running
// transport writes them; any process may read them. Lines are buffered, as Exchange buffers its
// logs: for the rest of the event loop's turn, and while busy (the last write less than
// BUSY_FLUSH_MS ago) until that much time has passed, so a loaded transport writes each log about a
// hundred times a second instead of once a turn (a write each turn was 5 % of a Verbose transport's
// event loop at 63 messages per connection). Readers in this process (readProtocolLog,
// readTrackingLog, the cmdlets) get the buffered lines written first; another process sees them
// within BUSY_FLUSH_MS.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LogFileOptions {
  dir: string;
  /** RECV, SEND, MSGTRK. */
  prefix: string;
  /** The `#...` lines that open a new file. */
  header: (created: Date) => string[];
  maxFileSize: number;
  now?: () => Date;
  /** A buffered write that failed (the lines are lost; logging goes on). */
  onError?: (e: Error) => void;
  /** While lines keep coming, the longest they wait (default BUSY_FLUSH_MS). */
  busyFlushMs?: number;
}

const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

/** While lines keep coming, the longest they wait before being written. */
export const BUSY_FLUSH_MS = 10;

/** The open log files of this process by directory: a reader here writes their buffered lines first. */
const openLogs = new Map<string, Set<RollingLogFile>>();

/** listLogFiles for a reader: the lines this process has buffered for them are written first. */
export function logFilesToRead(dir: string, prefix: string): string[] {
  for (const log of openLogs.get(path.resolve(dir)) ?? []) {
    try {
      log.flush();
    } catch {
      /* the writer reports its own failures */
    }
  }
  return listLogFiles(dir, prefix);
}

/** The files of one log, oldest first (by date, then sequence number). */
export function listLogFiles(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${prefix}(\\d{8})-(\\d+)\\.LOG$`, 'i');
  return names
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .sort((a, b) => a.m[1]!.localeCompare(b.m[1]!) || Number(a.m[2]) - Number(b.m[2]))
    .map((x) => path.join(dir, x.n));
}

export class RollingLogFile {
  private fd: number | undefined;
  private file: string | undefined;
  /** The current file's UTC day as milliseconds [start, end): a line outside it opens another file. */
  private dayStart = 0;
  private dayEnd = 0;
  private size = 0;
  private pending: string[] = [];
  private flushScheduled = false;
  /** performance.now() of the last write of buffered lines. */
  private lastFlush = -Infinity;
  private readonly now: () => Date;

  constructor(private readonly opts: LogFileOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  get currentFile(): string | undefined {
    return this.file;
  }

  /** Appends whole lines (without line ends); they reach the file at the end of this turn, or within BUSY_FLUSH_MS while busy (or at flush()). */
  append(lines: string[]): void {
    if (lines.length === 0) return;
    const now = this.now();
    const t = now.getTime();
    const text = lines.map((l) => l + '\r\n').join('');
    const bytes = Buffer.byteLength(text);
    // the day compared as a number: formatting it for every line was a visible share of a Verbose session's CPU
    if (this.fd === undefined || t < this.dayStart || t >= this.dayEnd || (this.size > 0 && this.size + bytes > this.opts.maxFileSize)) {
      this.flush();
      this.open(now, bytes);
    }
    this.pending.push(text);
    this.size += bytes;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      const write = () => {
        this.flushScheduled = false;
        try {
          this.flush();
        } catch (e) {
          this.opts.onError?.(e as Error);
        }
      };
      const wait = this.lastFlush + (this.opts.busyFlushMs ?? BUSY_FLUSH_MS) - performance.now();
      if (wait > 0) setTimeout(write, wait);
      else setImmediate(write);
    }
  }

  /** Writes the buffered lines now. */
  flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const text = this.pending.join('');
    this.pending = [];
    this.lastFlush = performance.now();
    fs.writeSync(this.fd, text);
  }

  close(): void {
    try {
      this.flush();
    } finally {
      if (this.fd !== undefined) fs.closeSync(this.fd);
      this.fd = undefined;
      this.pending = [];
      const dir = path.resolve(this.opts.dir);
      if (openLogs.get(dir)?.delete(this) && openLogs.get(dir)!.size === 0) openLogs.delete(dir);
    }
  }

  private open(now: Date, incoming: number): void {
    this.close();
    fs.mkdirSync(this.opts.dir, { recursive: true });
    const day = yyyymmdd(now);
    const today = listLogFiles(this.opts.dir, this.opts.prefix).filter((f) => path.basename(f).slice(this.opts.prefix.length, this.opts.prefix.length + 8) === day);
    let n = 1;
    if (today.length) {
      const last = today[today.length - 1]!;
      const lastN = Number(/-(\d+)\.LOG$/i.exec(last)![1]);
      const lastSize = fs.statSync(last).size;
      // continue the newest file of the day after a restart, unless it is full (or it is the one just filled)
      n = last === this.file || lastSize + incoming > this.opts.maxFileSize ? lastN + 1 : lastN;
    }
    const file = path.join(this.opts.dir, `${this.opts.prefix}${day}-${n}.LOG`);
    this.fd = fs.openSync(file, 'a', 0o644);
    this.size = fs.fstatSync(this.fd).size;
    if (this.size === 0) {
      const header = this.opts.header(now).map((l) => l + '\r\n').join('');
      fs.writeSync(this.fd, header);
      this.size = Buffer.byteLength(header);
    }
    this.file = file;
    const dir = path.resolve(this.opts.dir);
    if (!openLogs.has(dir)) openLogs.set(dir, new Set());
    openLogs.get(dir)!.add(this);
    this.dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    this.dayEnd = this.dayStart + 86_400_000;
  }
}
