// Local delivery: an accepted message for an authoritative domain becomes an RFC 5322 file
// `mailbox/<address>/<internal id>.eml`. The name is fixed by the message, and the file appears by
// link(2), which never replaces: delivering the same message again after a crash finds it there and
// writes nothing (unless the crash left that file short: it is then replaced), so a message is
// delivered exactly once. The file linked is the spool's content file itself (it starts with the
// Return-Path line), a fresh fsynced copy, or, for a message the spool holds in its journal, a copy
// that the spool's next checkpoint makes durable (the journal keeps the message until then).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from '../state/store.js';
import { DirSyncs, unlinkIfExists, writeNewFileSync, writeNewFileSynced } from './durable-fs.js';
import { returnPathLine } from './spool.js';

/** The directory name of an address: lower case, with `/` and NUL made safe. */
export function mailboxDirName(address: string): string {
  const a = address.trim().toLowerCase().replace(/%/g, '%25').replace(/\//g, '%2F').replace(/\\/g, '%5C').replace(/\0/g, '');
  return a === '.' || a === '..' || a === '' ? encodeURIComponent(a) || '_' : a;
}

export function mailboxDir(home: string, address: string): string {
  return path.join(home, 'mailbox', mailboxDirName(address));
}

export interface MailboxDelivery {
  file: string;
  /** The message was already there (a delivery repeated after a crash): nothing was written. */
  duplicate: boolean;
}

let seq = 0;
/** A temporary name in the mailbox for message `id`; sweepMailboxes knows its shape (the pid says whose it is). */
const tmpIn = (dir: string, id: string) => path.join(dir, `.${id}.${process.pid}.${++seq}.tmp`);
const dirSyncs = new DirSyncs();
/** Mailbox directories known to exist (a delivery then skips the mkdir). */
const made = new Set<string>();

/**
 * Gives the message its name `<id>.eml` in the mailbox by link(2) from `from` (never replacing: an
 * existing one means the message was delivered before), then, unless `lazy`, syncs the directory
 * (grouped with concurrent deliveries to the same mailbox, off the event loop).
 */
async function linkIn(dir: string, id: string, from: string, lazy = false): Promise<MailboxDelivery> {
  const file = path.join(dir, `${id}.eml`);
  let duplicate = false;
  try {
    fs.linkSync(from, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // a copy a crash cut short (written, not synced yet) is replaced by the whole message; any other
    // file of that name is the message delivered before
    if (cutShort(file, from)) replaceWith(dir, file, from);
    else duplicate = true;
  }
  if (!lazy) await dirSyncs.sync(dir);
  return { file, duplicate };
}

/** The file holds a beginning of the message, or only zeros (what a crash leaves of unsynced writes). */
function cutShort(file: string, from: string): boolean {
  const [have, whole] = [fs.readFileSync(file), fs.readFileSync(from)];
  if (have.length > whole.length) return false;
  return (have.length < whole.length && whole.subarray(0, have.length).equals(have)) || have.every((b) => b === 0);
}

function replaceWith(dir: string, file: string, from: string): void {
  const tmp = tmpIn(dir, path.basename(file, '.eml'));
  fs.linkSync(from, tmp);
  try {
    fs.renameSync(tmp, file);
  } finally {
    unlinkIfExists(tmp);
  }
}

/**
 * The mailbox directory, made on first use (and again if it was removed since). A new directory's
 * own name is synced too (once per mailbox): the messages linked into it must not vanish with it.
 */
function mailboxDirFor(home: string, address: string, again = false): string {
  const dir = mailboxDir(home, address);
  if (again || !made.has(dir)) {
    const root = path.dirname(dir);
    const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (created) {
      fsyncDir(root);
      if (created === root) fsyncDir(home);
    }
    if (made.size > 4096) made.clear();
    made.add(dir);
  }
  return dir;
}

/**
 * Where a delivery without a sync writes its file before linking it into the mailbox. A mailbox
 * directory grows to thousands of names, and each name added or removed there is a search of it:
 * written here, the file costs the mailbox one name (the link) instead of three (measured: 31-34
 * instead of 43 µs a delivery). No address has this directory's name (mailboxDirName writes `%`
 * as `%25`); sweepMailboxes clears it like any mailbox.
 */
const stagingOf = (home: string) => path.join(home, 'mailbox', '%staging');

function stagingDir(home: string): string {
  const dir = stagingOf(home);
  if (!made.has(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    made.add(dir);
  }
  return dir;
}

/** Runs a delivery step in the mailbox directory; a directory removed meanwhile is made again once. */
async function inMailbox<T>(home: string, address: string, step: (dir: string) => Promise<T>): Promise<T> {
  try {
    return await step(mailboxDirFor(home, address));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    made.delete(stagingOf(home));
    return step(mailboxDirFor(home, address, true));
  }
}

/** Writes the message into the mailbox: a temporary file with the Return-Path line, fsynced, linked in. */
export function deliverToMailbox(home: string, address: string, id: string, content: Buffer, returnPath: string): Promise<MailboxDelivery> {
  return inMailbox(home, address, async (dir) => {
    const tmp = tmpIn(dir, id);
    try {
      await writeNewFileSynced(tmp, [returnPathLine(returnPath), content]);
      return await linkIn(dir, id, tmp);
    } finally {
      unlinkIfExists(tmp);
    }
  });
}

/**
 * Writes the message into the mailbox without syncing it: the caller (the spool's checkpoint) makes
 * the file and its directory durable before it lets go of its own copy. `chunks` start with the
 * Return-Path line.
 */
export function writeIntoMailbox(home: string, address: string, id: string, chunks: Buffer[]): Promise<MailboxDelivery> {
  return inMailbox(home, address, async (dir) => {
    const writtenIn = async (where: string) => {
      const tmp = tmpIn(where, id);
      try {
        writeNewFileSync(tmp, [...chunks]);
        return await linkIn(dir, id, tmp, true);
      } finally {
        unlinkIfExists(tmp);
      }
    };
    try {
      return await writtenIn(stagingDir(home));
    } catch (e) {
      // a mailbox on a file system of its own: the file is written in it instead
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      return writtenIn(dir);
    }
  });
}

/** Another recipient's name for a file `writeIntoMailbox` made (no sync: the same checkpoint covers it). */
export function linkIntoMailboxLazily(home: string, address: string, id: string, file: string): Promise<MailboxDelivery> {
  return inMailbox(home, address, (dir) => linkIn(dir, id, file, true));
}

/**
 * Local delivery of a spooled message whose content file starts with its Return-Path line: the file
 * is durable already, so the mailbox gets a second name for it instead of a copy. Mailbox files are
 * never changed in place, so sharing the inode with other recipients and the spool is safe.
 */
export function linkIntoMailbox(home: string, address: string, id: string, spoolFile: string): Promise<MailboxDelivery> {
  return inMailbox(home, address, (dir) => linkIn(dir, id, spoolFile));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files of deliveries a dead process left half-written (start-up after a crash). */
export function sweepMailboxes(home: string): number {
  const root = path.join(home, 'mailbox');
  let removed = 0;
  let boxes: string[] = [];
  try {
    boxes = fs.readdirSync(root);
  } catch {
    return 0;
  }
  for (const b of boxes) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(root, b));
    } catch {
      continue;
    }
    for (const n of names) {
      const m = /^\.\d+(?:N\d+)?\.(\d+)\.\d+\.tmp$/.exec(n);
      if (m && !pidAlive(Number(m[1]))) {
        fs.rmSync(path.join(root, b, n), { force: true });
        removed++;
      }
    }
  }
  return removed;
}

/** The .eml files of a mailbox, oldest first. */
export function listMailbox(home: string, address: string): string[] {
  const dir = mailboxDir(home, address);
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
      .sort((a, b) => Number(a.split(/[N.]/)[0]) - Number(b.split(/[N.]/)[0]) || a.localeCompare(b))
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
