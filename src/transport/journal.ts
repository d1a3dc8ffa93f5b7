// An append-only journal with group commit: the spool (spool.ts) records an accepted message (its
// envelope and content) here with a share of one write and one fdatasync instead of files of its
// own (npm run bench:spool measures a journal append against the spool's file commit).
//
// Records go to segment files `<dir>/<n>.log`, each record framed as
//   u32 length (LE) | u32 CRC-32 of the payload (LE) | payload
// append() resolves, with where the payload lies, once the fdatasync covering the record has returned. Records that arrive while
// a sync runs wait and are written and synced together by the next one (group commit). A crash can
// leave a torn tail after the last completed sync: replay() stops at the first record whose frame
// is short, zero (the unused rest of a prepared segment) or whose CRC does not match, and nothing
// from there on was ever acknowledged.
//
// Under load the segments are prepared ahead, as database logs are: a file written full of zeros
// and synced off the event loop, renamed into place when the next segment begins. Writing into
// blocks the file already has leaves the size and the block map unchanged, so a commit's
// fdatasync writes the records and flushes, with no inode or allocation metadata to write first
// (measured here: half the sync's latency and CPU).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { fsyncDir } from '../state/store.js';
import { writeAllSync } from './durable-fs.js';

const HEADER = 8;
const SEGMENT = /^(\d+)\.log$/;
/** The next segment while it is being zero-filled and synced (never replayed: it holds no records). */
const PREPARED = 'next.segment';
/** Segments are prepared once the journal is busy: this much written to the current one. */
const PREPARE_AFTER = 1024 * 1024;
const ZEROS = 1024 * 1024;

export interface JournalOptions {
  /** A new segment starts once the current one holds this many bytes (default 16 MB). */
  segmentBytes?: number;
}

/** Where a record's payload lies: its segment and the byte offset of the payload in it. */
export interface JournalPosition {
  segment: number;
  offset: number;
}

interface Waiting {
  frames: Buffer[];
  resolve: (at: JournalPosition) => void;
  reject: (e: Error) => void;
}

export class Journal {
  private fd?: number;
  private segment = 0;
  private size = 0;
  private waiting: Waiting[] = [];
  private syncing = false;
  private closed = false;
  /** The current segment was prepared (zero-filled to its full size): a segment that was not gives way to a prepared one. */
  private currentPrepared = false;
  /** A zero-filled, synced file ready to become the next segment, and its size. */
  private prepared?: number;
  private preparing = false;
  /** fdatasync calls made (tests and the benchmark read it). */
  syncs = 0;
  /** Segments that began prepared (tests read it). */
  preparedSegments = 0;

  constructor(
    readonly dir: string,
    private readonly opts: JournalOptions = {},
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // a new journal never appends to an old segment: replay() reads those, the owner removes them
    this.segment = Math.max(0, ...segments(dir).map((s) => s.n));
    // a preparation a crash interrupted may be short
    fs.rmSync(path.join(dir, PREPARED), { force: true });
  }

  /** The segment records go to now (replaying older ones is the owner's business). */
  get currentSegment(): number {
    return this.segment;
  }

  /** Appends one record; resolves, with where its payload lies, when it is durable. */
  append(payload: Buffer | Buffer[]): Promise<JournalPosition> {
    if (this.closed) return Promise.reject(new Error('The journal is closed.'));
    const parts = Array.isArray(payload) ? payload : [payload];
    const length = parts.reduce((n, p) => n + p.length, 0);
    // its frame would read as the zeros after the last record of a prepared segment
    if (length === 0) return Promise.reject(new Error('A journal record cannot be empty.'));
    let crc = 0;
    for (const p of parts) crc = crc32(p, crc);
    const header = Buffer.allocUnsafe(HEADER);
    header.writeUInt32LE(length, 0);
    header.writeUInt32LE(crc >>> 0, 4);
    return new Promise((resolve, reject) => {
      this.waiting.push({ frames: [header, ...parts], resolve, reject });
      this.flush();
    });
  }

  /** Writes and syncs what waits, unless a sync runs (its end starts the next batch). */
  private flush(): void {
    if (this.syncing || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    let fd: number;
    const at: JournalPosition[] = [];
    try {
      const bytes = batch.reduce((n, w) => n + w.frames.reduce((m, f) => m + f.length, 0), 0);
      fd = this.open(bytes);
      let offset = this.size - bytes;
      for (const w of batch) {
        at.push({ segment: this.segment, offset: offset + HEADER });
        offset += w.frames.reduce((m, f) => m + f.length, 0);
      }
      writeAllSync(fd, batch.flatMap((w) => w.frames));
    } catch (e) {
      // a half-written record would hide the records after it from replay: the segment ends here
      this.abandonSegment();
      for (const w of batch) w.reject(e as Error);
      return;
    }
    this.syncing = true;
    this.syncs++;
    fs.fdatasync(fd, (err) => {
      this.syncing = false;
      // after a failed sync the file's state is unknown: later records go to a new segment
      if (err) this.abandonSegment();
      batch.forEach((w, i) => (err ? w.reject(err) : w.resolve(at[i]!)));
      this.flush();
    });
  }

  private abandonSegment(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* closed anyway */
      }
    }
    this.fd = undefined;
  }

  /**
   * The current segment, or a new one when it is full, or when a prepared one is ready and the
   * current one was not prepared (its name synced in the directory).
   */
  private open(incoming: number): number {
    const max = this.segmentBytes;
    const full = this.size > 0 && this.size + incoming > max;
    if (this.fd !== undefined && (full || (this.prepared !== undefined && !this.currentPrepared && this.size > 0))) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    if (this.fd === undefined) {
      this.segment++;
      const file = path.join(this.dir, `${this.segment}.log`);
      this.currentPrepared = false;
      if (this.prepared !== undefined && incoming <= this.prepared) {
        fs.renameSync(path.join(this.dir, PREPARED), file);
        this.prepared = undefined;
        this.currentPrepared = true;
        this.preparedSegments++;
        this.fd = fs.openSync(file, 'r+');
      } else this.fd = fs.openSync(file, 'wx', 0o600);
      this.size = 0;
      fsyncDir(this.dir);
    }
    this.size += incoming;
    if (this.size >= Math.min(PREPARE_AFTER, max / 4)) this.prepareNext();
    return this.fd;
  }

  private get segmentBytes(): number {
    return this.opts.segmentBytes ?? 16 * 1024 * 1024;
  }

  /**
   * Zero-fills and syncs the next segment in the thread pool, a megabyte per write and sync: a
   * commit's flush then never waits behind more than one of them. A failure only means the next
   * segment grows as it is written.
   */
  private prepareNext(): void {
    if (this.preparing || this.prepared !== undefined || this.closed) return;
    this.preparing = true;
    const file = path.join(this.dir, PREPARED);
    const bytes = this.segmentBytes;
    const zeros = Buffer.alloc(Math.min(ZEROS, bytes));
    const step = (fd: number, at: number) => {
      if (this.closed || at >= bytes) {
        fs.fdatasync(fd, (err) => {
          fs.close(fd, () => {
            this.preparing = false;
            if (err || this.closed) fs.rm(file, { force: true }, () => undefined);
            else this.prepared = bytes;
          });
        });
        return;
      }
      fs.write(fd, zeros, 0, Math.min(zeros.length, bytes - at), at, (err) => {
        if (err) return fail(fd);
        // synced a megabyte at a time: the device queue never holds much ahead of a commit's flush
        fs.fdatasync(fd, (e) => (e ? fail(fd) : step(fd, at + zeros.length)));
      });
    };
    const fail = (fd?: number) => {
      const done = () => fs.rm(file, { force: true }, () => (this.preparing = false));
      if (fd === undefined) done();
      else fs.close(fd, done);
    };
    fs.open(file, 'w', 0o600, (err, fd) => (err ? fail() : step(fd, 0)));
  }

  /** Reads `length` bytes of a segment from `offset` (a record's payload, or part of it; a prepared segment reads as zeros after its last record). */
  read(segment: number, offset: number, length: number): Buffer {
    const fd = fs.openSync(path.join(this.dir, `${segment}.log`), 'r');
    try {
      const b = Buffer.allocUnsafe(length);
      let n = 0;
      while (n < length) {
        const r = fs.readSync(fd, b, n, length - n, offset + n);
        if (r === 0) throw new Error(`The journal segment ${segment} ends before the record at ${offset}.`);
        n += r;
      }
      return b;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Removes a segment the owner no longer needs (never the one being written). */
  removeSegment(n: number): void {
    if (n === this.segment && this.fd !== undefined) return;
    fs.rmSync(path.join(this.dir, `${n}.log`), { force: true });
  }

  /** Waits for what is being written, then closes the segment (a prepared next one is removed). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.syncing || this.waiting.length || this.preparing) await new Promise((r) => setImmediate(r));
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.prepared !== undefined) fs.rmSync(path.join(this.dir, PREPARED), { force: true });
    this.prepared = undefined;
  }
}

/** The segment files of a journal directory, oldest first. */
export function segments(dir: string): { n: number; file: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ m: SEGMENT.exec(name), name }))
    .filter((x): x is { m: RegExpExecArray; name: string } => !!x.m)
    .map((x) => ({ n: Number(x.m[1]), file: path.join(dir, x.name) }))
    .sort((a, b) => a.n - b.n);
}

/** The complete records of one segment, in order; a torn tail (never acknowledged) ends the list. */
export function readSegment(file: string): Buffer[] {
  const data = fs.readFileSync(file);
  const out: Buffer[] = [];
  for (let at = 0; at + HEADER <= data.length; ) {
    const length = data.readUInt32LE(at);
    const crc = data.readUInt32LE(at + 4);
    const end = at + HEADER + length;
    // no record is empty: a zero length is the unused rest of a prepared segment
    if (length === 0 || end > data.length) break;
    const payload = data.subarray(at + HEADER, end);
    if (crc32(payload) >>> 0 !== crc) break;
    out.push(payload);
    at = end;
  }
  return out;
}

/** Every complete record of every segment, oldest first. */
export function replay(dir: string): Buffer[] {
  return segments(dir).flatMap((s) => readSegment(s.file));
}
