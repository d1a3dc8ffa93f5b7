// Durable files under EDGESHELL_HOME: atomic replace (temp, fsync, rename, fsync dir), a
// cross-process lock, and JSON documents with a schema version. Knows nothing about cmdlets.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCHEMA_VERSION = 1;

/** A state file that cannot be read as what it should be: names the file, never overwritten silently. */
export class StateError extends Error {
  constructor(
    message: string,
    public readonly file: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

export function ensureDir(dir: string, mode = 0o700): void {
  fs.mkdirSync(dir, { recursive: true, mode });
}

let writes = 0;
/** How many state files this process has replaced (readers keeping a copy know it may have changed). */
export const stateWrites = (): number => writes;

/** Replaces `file` with `data` so that a crash leaves either the old or the new content, never a mix. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  const dir = path.dirname(file);
  ensureDir(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  writes++;
  fsyncDir(dir);
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on directories; the rename is still atomic there
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

interface Versioned {
  schemaVersion: number;
}

/** Reads a JSON document; undefined when the file does not exist; StateError when it is damaged. */
export function readJsonFile<T extends object>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateError(`The state file '${file}' cannot be read: ${(e as Error).message}`, file);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new StateError(`The state file '${file}' is damaged and was not changed: ${(e as Error).message}`, file);
  }
  if (typeof doc !== 'object' || doc === null || typeof (doc as Versioned).schemaVersion !== 'number') {
    throw new StateError(`The state file '${file}' is damaged and was not changed: it has no schemaVersion.`, file);
  }
  if ((doc as Versioned).schemaVersion > SCHEMA_VERSION) {
    throw new StateError(
      `The state file '${file}' was written by a newer edgeshell (schema ${(doc as Versioned).schemaVersion}; this one reads up to ${SCHEMA_VERSION}).`,
      file,
    );
  }
  return doc as T;
}

export function writeJsonFile(file: string, doc: object, mode = 0o600): void {
  writeFileAtomic(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...doc }, null, 2) + '\n', mode);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryAcquire(lockFile: string): boolean {
  try {
    const fd = fs.openSync(lockFile, 'wx', 0o600);
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // a lock left by a process that died is stale: take it over
    const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (!Number.isInteger(owner) || owner <= 0 || (owner !== process.pid && !pidAlive(owner))) {
      fs.rmSync(lockFile, { force: true });
      return tryAcquire(lockFile);
    }
    return false;
  }
}

const held = new Map<string, number>();

/**
 * Runs fn holding the home's lock, so two shells on one home never interleave a read-modify-write.
 * Re-entrant within one process. Waits up to timeoutMs, then fails with a clear message.
 */
export async function withLock<T>(home: string, fn: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const lockFile = path.join(home, '.lock');
  const depth = held.get(lockFile) ?? 0;
  if (depth === 0) {
    ensureDir(home);
    const deadline = Date.now() + timeoutMs;
    while (!tryAcquire(lockFile)) {
      if (Date.now() > deadline) {
        let owner = '?';
        try {
          owner = fs.readFileSync(lockFile, 'utf8').trim();
        } catch {
          /* released meanwhile */
        }
        throw new StateError(`The server state in '${home}' is locked by process ${owner}; try again when it finishes.`, lockFile);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  held.set(lockFile, depth + 1);
  try {
    return await fn();
  } finally {
    const d = (held.get(lockFile) ?? 1) - 1;
    if (d === 0) {
      held.delete(lockFile);
      fs.rmSync(lockFile, { force: true });
    } else held.set(lockFile, d);
  }
}
