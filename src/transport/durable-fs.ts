// Durable file operations off the event loop for the spool and the mailboxes. Built on fs's
// callback API rather than fs/promises: a FileHandle is a tracked object with its own promise per
// step, and at thousands of messages a second that bookkeeping was a visible share of the CPU.
import * as fs from 'node:fs';

/** Creates `file` ('wx': never replaces), writes the chunks, fsyncs and closes it. */
export function writeNewFileSynced(file: string, chunks: (Buffer | string)[], onCreated?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'wx', 0o600, (err, fd) => {
      if (err) return reject(err);
      onCreated?.();
      const bufs = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
      const finish = (e: Error | null) => fs.close(fd, (ce) => (e ?? ce ? reject(e ?? ce) : resolve()));
      const write = (i: number, off: number): void => {
        if (i >= bufs.length) return void fs.fsync(fd, finish);
        const rest = off ? bufs.slice(i).map((b, k) => (k === 0 ? b.subarray(off) : b)) : bufs.slice(i);
        fs.writev(fd, rest, (we, n) => {
          if (we) return finish(we);
          // a short write continues where it stopped
          let j = i;
          let o = off + n;
          while (j < bufs.length && o >= bufs[j]!.length) o -= bufs[j++]!.length;
          write(j, o);
        });
      };
      write(0, 0);
    });
  });
}

const settle = <T>(resolve: (v: T) => void, reject: (e: Error) => void) => (err: Error | null, v?: T) => (err ? reject(err) : resolve(v as T));

export const rename = (from: string, to: string) => new Promise<void>((res, rej) => fs.rename(from, to, settle(res, rej)));
export const link = (from: string, to: string) => new Promise<void>((res, rej) => fs.link(from, to, settle(res, rej)));
/** Removes a file; one that is already gone is fine. */
export const unlink = (file: string) => new Promise<void>((res, rej) => fs.unlink(file, (e) => (e && e.code !== 'ENOENT' ? rej(e) : res())));
export const readFile = (file: string) => new Promise<Buffer>((res, rej) => fs.readFile(file, settle(res, rej)));
export const mkdirp = (dir: string) => new Promise<void>((res, rej) => fs.mkdir(dir, { recursive: true, mode: 0o700 }, (e) => (e ? rej(e) : res())));

/** fsync of a directory; filesystems that refuse it (some do) still rename atomically. */
export function syncDir(dir: string): Promise<void> {
  return new Promise((resolve) => {
    fs.open(dir, 'r', (err, fd) => {
      if (err) return resolve();
      fs.fsync(fd, () => fs.close(fd, () => resolve()));
    });
  });
}

/**
 * fsync of one directory, shared: a caller joins the sync that has not started yet, or starts one;
 * it never joins a sync that began before it asked (that one may miss its entry). Commits that
 * finished their writes while a sync was running share the next one (group commit, as a database
 * log does).
 */
export class GroupedDirSync {
  private inFlight?: Promise<void>;
  private pending?: Promise<void>;
  /** Syncs that ran (tests and the benchmark read it). */
  syncs = 0;

  constructor(readonly dir: string) {}

  sync(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.inFlight) return (this.inFlight = this.run());
    this.pending = this.inFlight.then(() => {
      this.pending = undefined;
      return (this.inFlight = this.run());
    });
    return this.pending;
  }

  private async run(): Promise<void> {
    this.syncs++;
    try {
      await syncDir(this.dir);
    } finally {
      this.inFlight = undefined;
    }
  }
}

/** One GroupedDirSync per directory. */
export class DirSyncs {
  private readonly byDir = new Map<string, GroupedDirSync>();

  of(dir: string): GroupedDirSync {
    let d = this.byDir.get(dir);
    if (!d) {
      // mailbox directories come and go; the map only needs the busy ones
      if (this.byDir.size > 4096) this.byDir.clear();
      this.byDir.set(dir, (d = new GroupedDirSync(dir)));
    }
    return d;
  }

  sync(dir: string): Promise<void> {
    return this.of(dir).sync();
  }
}
