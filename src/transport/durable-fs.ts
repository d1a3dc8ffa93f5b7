// Durable file operations for the spool and the mailboxes. Only fsync, and the creation of a file
// synced at once, leave the event loop (they wait on the disk); write, rename, link, unlink and the
// creation of a file synced later are quick syscalls that cost about a third of the CPU done
// synchronously (an asynchronous call is two thread hand-offs around the same syscall, and at
// thousands of messages a second that overhead was the largest share of the transport's CPU).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

const fsync = (fd: number) => new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
const openNew = (file: string) => new Promise<number>((resolve, reject) => fs.open(file, 'wx', 0o600, (e, fd) => (e ? reject(e) : resolve(fd))));

/**
 * Creates `file` ('wx': never replaces), writes the chunks, fsyncs and closes it. The create leaves
 * the event loop too: while a directory sync commits the journal, creating a file in that
 * directory can wait for it.
 */
export async function writeNewFileSynced(file: string, chunks: (Buffer | string)[], onCreated?: () => void): Promise<void> {
  const fd = await openNew(file);
  onCreated?.();
  try {
    writeAllSync(fd, chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
    await fsync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Creates `file` ('wx'), writes the chunks and closes it, without a sync: the caller makes it
 * durable later (with others, see fsyncFiles). All of it on the event loop: a create in the
 * thread pool raced the loop's own link and unlink in the same directory for its lock (measured:
 * a third more system CPU per message, and the loop stalled on the lock).
 */
export function writeNewFileSync(file: string, chunks: Buffer[]): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    writeAllSync(fd, chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes all of `bufs` at the file's position (the array is used up). */
export function writeAllSync(fd: number, bufs: Buffer[]): void {
  while (bufs.length) {
    // writev may write less than asked: go on from where it stopped
    let n = fs.writevSync(fd, bufs);
    while (bufs.length && n >= bufs[0]!.length) n -= bufs.shift()!.length;
    if (n > 0) bufs[0] = bufs[0]!.subarray(n);
  }
}

/** fsync of a directory; filesystems that refuse it (some do) still rename atomically. */
export async function syncDir(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    await fsync(fd);
  } catch {
    /* refused: see above */
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * fsyncs files by name, at most two at a time: the thread pool keeps room for the journal's sync,
 * on which every acknowledgement waits. A file removed meanwhile needs no sync.
 */
export async function fsyncFiles(files: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const fd = openIfExists(files[next++]!);
      if (fd === undefined) continue;
      try {
        await fsync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

/** fsyncFiles for one file, on the event loop (the rare paths that must finish before going on). */
export function fsyncFileSync(file: string): void {
  const fd = openIfExists(file);
  if (fd === undefined) return;
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a whole file (replacing one there) and fsyncs it; the caller syncs the directory. */
export function writeFileSynced(file: string, data: Buffer): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    writeAllSync(fd, [data]);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A file opened for reading, or undefined when it is not there (any other error is thrown). */
function openIfExists(file: string): number | undefined {
  try {
    return fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

let syncfsMissing = process.platform !== 'linux';
/** `sync -f` worked once here: later calls go through the helper shell. */
let syncfsWorks = false;

/**
 * Makes everything written to the file systems holding `paths` durable with one syncfs(2) each,
 * through coreutils' `sync -f` (Node has no binding for it). One call covers a whole batch of new
 * files and their directories, where fsyncing each file forces a journal commit per file; the
 * kernel's flusher threads do the writing. Resolves false when the platform cannot (not Linux, no
 * `sync -f`) or a sync failed: the caller then syncs file by file (and meets the error there).
 */
export async function syncFileSystems(paths: string[]): Promise<boolean> {
  if (syncfsMissing) return false;
  const byDevice = new Map<number, string>();
  for (const p of paths) {
    try {
      const dev = fs.statSync(p).dev;
      if (!byDevice.has(dev)) byDevice.set(dev, p);
    } catch {
      /* removed meanwhile: nothing of it to sync */
    }
  }
  if (byDevice.size === 0) return true;
  const targets = [...byDevice.values()];
  if (syncfsWorks && targets.every((t) => !t.includes('\n'))) {
    const codes = await Promise.all(targets.map((t) => syncHelper.sync(t)));
    return codes.every((c) => c === 0);
  }
  return new Promise((resolve) =>
    execFile('sync', ['-f', ...targets], (e, _out, err) => {
      // a sync that failed for an I/O error is not "missing": the caller's fsyncs report the error
      if (e && ((e as NodeJS.ErrnoException).code === 'ENOENT' || /option|usage/i.test(String(err)))) syncfsMissing = true;
      if (!e) syncfsWorks = true;
      resolve(!e);
    }),
  );
}

/**
 * A shell that runs `sync -f` for each path it reads (one a line) and answers with its exit
 * status. Spawning `sync` from Node forks the transport itself, page tables of its whole heap, on
 * the event loop at every checkpoint (under load a few per cent of the loop, and copy-on-write
 * faults after it); the shell's fork is small. It lives while the process does (its input ends
 * with the process) and keeps the process alive only while a sync is asked for.
 */
class SyncfsHelper {
  private child?: ChildProcess;
  private waiting: ((code: number) => void)[] = [];
  private out = '';

  sync(target: string): Promise<number> {
    const c = this.child ?? this.start();
    if (!c) return Promise.resolve(-1);
    if (this.waiting.length === 0) for (const s of [c.stdin, c.stdout]) (s as unknown as { ref?(): void } | null)?.ref?.();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      c.stdin!.write(`${target}\n`);
    });
  }

  private start(): ChildProcess | undefined {
    let c: ChildProcess;
    try {
      c = spawn('/bin/sh', ['-c', 'while IFS= read -r p; do sync -f -- "$p" 2>/dev/null; echo $?; done'], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
    this.child = c;
    c.stdout!.setEncoding('latin1');
    c.stdout!.on('data', (d: string) => {
      this.out += d;
      let i: number;
      while ((i = this.out.indexOf('\n')) >= 0) {
        const code = Number(this.out.slice(0, i));
        this.out = this.out.slice(i + 1);
        this.waiting.shift()?.(Number.isInteger(code) ? code : -1);
      }
      if (this.waiting.length === 0) this.idle(c);
    });
    // gone (killed, or it could not start): what it was asked fails over to per-file fsyncs
    const lost = () => {
      if (this.child !== c) return;
      this.child = undefined;
      this.out = '';
      for (const w of this.waiting.splice(0)) w(-1);
    };
    c.on('error', lost);
    c.on('exit', lost);
    c.stdin!.on('error', lost);
    c.unref();
    this.idle(c);
    return c;
  }

  private idle(c: ChildProcess): void {
    for (const s of [c.stdin, c.stdout]) (s as unknown as { unref?(): void } | null)?.unref?.();
  }
}

const syncHelper = new SyncfsHelper();

/** Removes a file; one that is already gone is fine. */
export function unlinkIfExists(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
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
