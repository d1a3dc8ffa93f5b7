// The spool under EDGESHELL_HOME/queue, after Postfix: a message is its content file
// (`data/<id>.eml`, written once, fsynced; it starts with the message's Return-Path line, so local
// delivery links it into the mailbox as it is) plus a control file (`<state>/<id>.json`) whose
// directory is its state. Writing the control file into incoming/ (temp, fsync, rename, fsync dir)
// is the commit point: only then does the client get 250. Later changes are an atomic replace of
// the control file or a rename between state directories, so a crash leaves every accepted message
// in exactly one state and never half-written. The running transport commits through the journal
// instead (journal/, src/transport/journal.ts): the content file plus a group-committed record of
// the envelope; such a message gets its control file only when it leaves the fast path (a remote
// next hop, a deferral, a wait in the queue, a stop), and recover() gives one to every journaled
// message whose content file is still there.
//
//   tmp/       temporary files of atomic writes (removed at recovery)
//   data/      message content; a file without a control file was never acknowledged (removed at recovery)
//   incoming/  accepted, waiting for the queue manager
//   active/    being delivered (moved back to incoming/ at recovery)
//   deferred/  waiting for a retry
//   flush/     retry requests from other processes (Retry-Queue)
//   journal/   envelopes of messages committed through the journal (segments removed when done)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from '../state/store.js';
import { DirSyncs, GroupedDirSync, unlinkIfExists, writeNewFileSynced } from './durable-fs.js';
import { Journal, readSegment, segments, type JournalOptions } from './journal.js';

export { GroupedDirSync };

export type SpoolState = 'incoming' | 'active' | 'deferred';
export const SPOOL_STATES: SpoolState[] = ['incoming', 'active', 'deferred'];

export type RecipientStatus = 'Ready' | 'Retry' | 'Delivered' | 'Sent' | 'Failed';

export interface RecipientRecord {
  address: string;
  status: RecipientStatus;
  attempts: number;
  lastError?: string;
  /** ISO time of the next attempt, for Retry. */
  nextRetry?: string;
  /** The queue the recipient waits in: next-hop domain, smart hosts, or 'Unreachable'. */
  nextHop?: string;
  deliveryType?: string;
  /** The domain the next hop is domain-secured for. */
  tlsDomain?: string;
  firstFailure?: string;
  completedAt?: string;
  /** Reply of the next hop (SEND) or the mailbox file (DELIVER). */
  result?: string;
}

export interface ReceiveFacts {
  connector: string;
  sessionId: string;
  /** `<session id>;<session start>;<n>`, the message's identity in protocol logs. */
  receiveContext: string;
  clientIp: string;
  clientHostname: string;
  serverIp: string;
  tls?: { protocol: string; cipher: string };
  /** Partner domain when the session was domain-secured. */
  domainSecured?: string;
  authAs?: string;
}

export interface SpoolEnvelope {
  /** Internal message id: decimal, increasing, unique within the spool. */
  id: string;
  receivedAt: string;
  /** '' for the null sender (DSNs). */
  mailFrom: string;
  recipients: RecipientRecord[];
  /** Message-ID header, with angle brackets. */
  messageId: string;
  subject: string;
  /** Bytes of the content file. */
  size: number;
  /**
   * Bytes before the message in the content file: its `Return-Path:` line, so that local delivery
   * links the file into a mailbox as it is instead of copying it. Absent in older spools (0).
   */
  contentOffset?: number;
  source: 'SMTP' | 'DSN';
  receive?: ReceiveFacts;
  /** For a DSN: the internal id of the message it reports on. */
  dsnFor?: string;
  /** How many NDRs this message produced (their ids derive from it, so a crash never makes two). */
  ndrCount?: number;
  /** The envelope's last change (ISO). */
  updatedAt?: string;
}

export interface SpoolEntry {
  envelope: SpoolEnvelope;
  state: SpoolState;
  /** Committed through the journal and not given a control file yet (see acceptDurable). */
  journaled?: boolean;
}

export class SpoolError extends Error {}

const CONTROL = /^(\d+(?:N\d+)?)\.json$/;

export class Spool {
  readonly dirs: Record<SpoolState | 'tmp' | 'data' | 'flush' | 'corrupt', string>;
  private lastId = 0;
  private tmpSeq = 0;

  constructor(readonly root: string) {
    this.dirs = {
      tmp: path.join(root, 'tmp'),
      data: path.join(root, 'data'),
      incoming: path.join(root, 'incoming'),
      active: path.join(root, 'active'),
      deferred: path.join(root, 'deferred'),
      flush: path.join(root, 'flush'),
      corrupt: path.join(root, 'corrupt'),
    };
  }

  /** Creates the directories (idempotent). Safe for readers: never moves anything. */
  ensure(): void {
    for (const d of Object.values(this.dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  }

  /**
   * Start-up after a stop or a crash (only the process that will own the spool calls it): removes
   * temporary files and content that was never acknowledged, and puts active messages back into incoming.
   */
  recover(): { removed: number; requeued: number } {
    this.ensure();
    let removed = 0;
    let requeued = this.recoverJournal();
    for (const f of fs.readdirSync(this.dirs.tmp)) {
      fs.rmSync(path.join(this.dirs.tmp, f), { force: true });
      removed++;
    }
    for (const f of fs.readdirSync(this.dirs.active)) {
      if (!CONTROL.test(f)) continue;
      fs.renameSync(path.join(this.dirs.active, f), path.join(this.dirs.incoming, f));
      requeued++;
    }
    if (requeued) {
      fsyncDir(this.dirs.active);
      fsyncDir(this.dirs.incoming);
    }
    const live = new Set<string>();
    const contents = new Set(fs.readdirSync(this.dirs.data));
    for (const s of SPOOL_STATES) for (const f of fs.readdirSync(this.dirs[s])) {
      const m = CONTROL.exec(f);
      if (!m) continue;
      // a whole incoming control file without content is a commit the crash cut short (the client
      // got no 250: acceptDurable answers only once both directories are synced); one that cannot
      // be read is the queue manager's to set aside
      if (s === 'incoming' && !contents.has(`${m[1]}.eml`) && this.readControl(path.join(this.dirs[s], f))?.id === m[1]) {
        fs.rmSync(path.join(this.dirs[s], f), { force: true });
        removed++;
        continue;
      }
      live.add(m[1]!);
    }
    for (const f of fs.readdirSync(this.dirs.data)) {
      const id = f.replace(/\.eml$/, '');
      if (!live.has(id)) {
        fs.rmSync(path.join(this.dirs.data, f), { force: true });
        removed++;
      }
    }
    this.lastId = Math.max(this.lastId, ...[...live].map((id) => Number(id.split('N')[0]) || 0));
    return { removed, requeued };
  }

  /** A fresh internal message id: time-based, strictly increasing in this process. */
  nextId(): string {
    let id = Date.now() * 1000;
    if (id <= this.lastId) id = this.lastId + 1;
    this.lastId = id;
    return String(id);
  }

  private controlPath(state: SpoolState, id: string): string {
    return path.join(this.dirs[state], `${id}.json`);
  }

  dataPath(id: string): string {
    return path.join(this.dirs.data, `${id}.eml`);
  }

  private writeControl(state: SpoolState, env: SpoolEnvelope, exclusive = false): void {
    env.updatedAt = new Date().toISOString();
    const tmp = path.join(this.dirs.tmp, `${env.id}.${process.pid}.${++this.tmpSeq}.json`);
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(env));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const target = this.controlPath(state, env.id);
    if (exclusive) {
      // link fails instead of replacing: an id is committed once
      try {
        fs.linkSync(tmp, target);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    } else fs.renameSync(tmp, target);
    fsyncDir(this.dirs[state]);
  }

  /**
   * Commits a message: content durable first, then the control file into incoming/. When this
   * returns the message survives a crash; when it throws nothing was committed.
   */
  accept(env: Omit<SpoolEnvelope, 'id' | 'size'> & { id?: string }, content: Buffer): SpoolEntry {
    const id = env.id ?? this.nextId();
    if (this.exists(id)) throw new SpoolError(`The message ${id} is already in the queue.`);
    const prefix = returnPathLine(env.mailFrom);
    const full: SpoolEnvelope = { ...env, id, size: content.length, contentOffset: prefix.length };
    const data = this.dataPath(id);
    const fd = fs.openSync(data, 'w', 0o600);
    try {
      fs.writevSync(fd, [prefix, content]);
      fs.fsyncSync(fd);
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(data, { force: true });
      throw e;
    }
    fs.closeSync(fd);
    fsyncDir(this.dirs.data);
    try {
      this.writeControl('incoming', full, true);
    } catch (e) {
      fs.rmSync(data, { force: true });
      throw e;
    }
    return { envelope: full, state: 'incoming' };
  }

  /**
   * The same commit for the receive side, which must not block the event loop. Content and envelope
   * are written side by side: the content file (fsynced) and, while the owner has the journal open
   * (openJournal), a journal record of the envelope — a share of one group-committed append instead
   * of a control file of its own; otherwise a control file (under tmp/, fsynced, renamed into
   * incoming/). Then data/ (and incoming/) are synced; directory syncs are grouped: commits that
   * finished their writes while one was running share the next (group commit, as a database log
   * does). When the promise resolves the message survives a crash; when it rejects nothing was
   * committed. A journaled message gets its control file when it leaves the fast path (move,
   * update), and recover() gives one to every journaled message whose content is still there.
   */
  async acceptDurable(env: Omit<SpoolEnvelope, 'id' | 'size'> & { id?: string }, content: Buffer): Promise<SpoolEntry> {
    const id = env.id ?? this.nextId();
    const prefix = returnPathLine(env.mailFrom);
    const full: SpoolEnvelope = { ...env, id, size: content.length, contentOffset: prefix.length, updatedAt: new Date().toISOString() };
    const data = this.dataPath(id);
    const journal = this.journal;
    const tmp = path.join(this.dirs.tmp, `${id}.${process.pid}.${++this.tmpSeq}.json`);
    let created = false;
    let record: Promise<number> | undefined;
    this.committing.add(id);
    try {
      // 'wx': an id is committed once; a clash fails on the content file without touching the
      // other message, and only then is the envelope recorded (journal) or renamed into place
      const writes = [
        writeNewFileSynced(data, [prefix, content], () => {
          created = true;
          if (!journal) return;
          record = journal.append(Buffer.from(JSON.stringify(full)));
          // awaited below, unless the content write fails first: never an unhandled rejection
          record.catch(() => undefined);
        }),
        ...(journal ? [] : [writeNewFileSynced(tmp, [JSON.stringify(full)])]),
      ];
      for (const r of await Promise.allSettled(writes)) if (r.status === 'rejected') throw r.reason;
      if (journal) {
        const segment = await record!;
        await this.dirSync('data').sync();
        this.journalTrack(id, segment);
        return { envelope: full, state: 'incoming', journaled: true };
      }
      fs.renameSync(tmp, this.controlPath('incoming', id));
      await Promise.all([this.dirSync('data').sync(), this.dirSync('incoming').sync()]);
    } catch (e) {
      if (!journal) unlinkIfExists(tmp);
      if (created && !this.exists(id)) unlinkIfExists(data);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new SpoolError(`The message ${id} is already in the queue.`);
      throw e;
    } finally {
      // the caller's continuation (its bookkeeping) runs before any queue run can take the message
      this.committing.delete(id);
    }
    return { envelope: full, state: 'incoming' };
  }

  // ------------------------------------------------------------------------- the journal

  private journal?: Journal;
  /** Journal segment → the journaled messages it still speaks for. */
  private readonly journalIds = new Map<number, Set<string>>();
  private readonly journalSegmentOf = new Map<string, number>();

  get journalDir(): string {
    return path.join(this.root, 'journal');
  }

  /** The owner (the running transport) commits through the journal from now on; after recover(). */
  openJournal(opts?: JournalOptions): void {
    this.journal ??= new Journal(this.journalDir, opts);
  }

  /** Stops using the journal (its segments stay for the next recover()). */
  async closeJournal(): Promise<void> {
    const j = this.journal;
    this.journal = undefined;
    await j?.close();
  }

  private journalTrack(id: string, segment: number): void {
    let ids = this.journalIds.get(segment);
    if (!ids) this.journalIds.set(segment, (ids = new Set()));
    ids.add(id);
    this.journalSegmentOf.set(id, segment);
  }

  /** A journaled message has a control file now, or is gone: a segment nobody needs is removed. */
  private journalForget(id: string): void {
    const segment = this.journalSegmentOf.get(id);
    this.journalSegmentOf.delete(id);
    if (segment !== undefined) this.journalIds.get(segment)?.delete(id);
    const current = this.journal?.currentSegment;
    for (const [n, ids] of this.journalIds) {
      if (ids.size === 0 && n !== current) {
        this.journal?.removeSegment(n);
        this.journalIds.delete(n);
      }
    }
  }

  /** Gives a journaled message its control file (fsynced, linked in, directory synced). */
  private materialize(entry: SpoolEntry, state: SpoolState): void {
    this.writeControl(state, entry.envelope, true);
    entry.state = state;
    entry.journaled = false;
    this.journalForget(entry.envelope.id);
  }

  /**
   * Start-up: every journaled message whose content is still in data/ and that has no control file
   * gets one in incoming/ (a message delivered before the crash has no content any more); then the
   * segments go. Returns how many were restored.
   */
  private recoverJournal(): number {
    let restored = 0;
    for (const seg of segments(this.journalDir)) {
      for (const rec of readSegment(seg.file)) {
        let env: SpoolEnvelope;
        try {
          env = JSON.parse(rec.toString('utf8')) as SpoolEnvelope;
        } catch {
          continue;
        }
        if (!env?.id || !fs.existsSync(this.dataPath(env.id)) || this.exists(env.id)) continue;
        this.writeControl('incoming', env, true);
        restored++;
      }
      fs.rmSync(seg.file, { force: true });
    }
    return restored;
  }

  private readonly dirSyncs = new DirSyncs();
  /** Ids whose commit has not returned yet: in incoming/ already, but not the queue's to take. */
  readonly committing = new Set<string>();

  private dirSync(which: SpoolState | 'data'): GroupedDirSync {
    return this.dirSyncs.of(this.dirs[which]);
  }

  /** True when a control file for `id` exists in any state. */
  exists(id: string): boolean {
    return SPOOL_STATES.some((s) => fs.existsSync(this.controlPath(s, id)));
  }

  /** Moves a message to another state (rename: atomic). */
  move(entry: SpoolEntry, to: SpoolState): void {
    if (entry.journaled) return this.materialize(entry, to);
    if (entry.state === to) return;
    fs.renameSync(this.controlPath(entry.state, entry.envelope.id), this.controlPath(to, entry.envelope.id));
    // incoming → active need not be durable: recovery moves active/ back to incoming/, so a crash
    // ends in the same state whether or not the rename reached the disk
    if (!(entry.state === 'incoming' && to === 'active')) {
      fsyncDir(this.dirs[to]);
      fsyncDir(this.dirs[entry.state]);
    }
    entry.state = to;
  }

  /** Rewrites the control file in place (atomic replace). */
  update(entry: SpoolEntry): void {
    if (entry.journaled) return this.materialize(entry, entry.state);
    this.writeControl(entry.state, entry.envelope);
  }

  /** Done with a message: control file first (the commit), then its content. */
  remove(entry: SpoolEntry): void {
    // no directory sync (as Postfix's qmgr): the deliveries are durable already, and a removal lost
    // in a crash only brings the message back for a delivery that mailboxes recognise as done
    if (!entry.journaled) unlinkIfExists(this.controlPath(entry.state, entry.envelope.id));
    unlinkIfExists(this.dataPath(entry.envelope.id));
    if (entry.journaled) this.journalForget(entry.envelope.id);
  }

  /** The message as received (without the content file's Return-Path line). */
  content(env: Pick<SpoolEnvelope, 'id' | 'contentOffset'>): Buffer {
    const b = fs.readFileSync(this.dataPath(env.id));
    return env.contentOffset ? b.subarray(env.contentOffset) : b;
  }

  /** Reads one message's control file, wherever it is. */
  get(id: string): SpoolEntry | undefined {
    for (const s of SPOOL_STATES) {
      const env = this.readControl(this.controlPath(s, id));
      if (env) return { envelope: env, state: s };
    }
    return undefined;
  }

  private readControl(file: string): SpoolEnvelope | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as SpoolEnvelope;
    } catch {
      return undefined;
    }
  }

  /**
   * Every message in the given states, oldest first. Safe from another process: a message caught
   * between two directories by a concurrent rename is reported once.
   */
  list(states: SpoolState[] = SPOOL_STATES): SpoolEntry[] {
    const seen = new Map<string, SpoolEntry>();
    for (const s of states) {
      let names: string[];
      try {
        names = fs.readdirSync(this.dirs[s]);
      } catch {
        continue;
      }
      for (const n of names) {
        const m = CONTROL.exec(n);
        if (!m) continue;
        const env = this.readControl(path.join(this.dirs[s], n));
        if (env && !seen.has(env.id)) seen.set(env.id, { envelope: env, state: s });
      }
    }
    return [...seen.values()].sort((a, b) => compareIds(a.envelope.id, b.envelope.id));
  }

  /** Sets a control file that cannot be parsed aside (corrupt/), as Postfix does. */
  quarantine(state: SpoolState, name: string): void {
    fs.mkdirSync(this.dirs.corrupt, { recursive: true });
    fs.renameSync(path.join(this.dirs[state], name), path.join(this.dirs.corrupt, name));
  }

  // ------------------------------------------------------------------------- flush requests

  /** Asks the running transport (maybe in another process) to retry a queue now. */
  requestFlush(queue: string): void {
    this.ensure();
    const name = `${Date.now()}-${process.pid}-${++this.tmpSeq}.req`;
    const tmp = path.join(this.dirs.tmp, name);
    fs.writeFileSync(tmp, queue);
    fs.renameSync(tmp, path.join(this.dirs.flush, name));
  }

  /** Takes the pending flush requests (each is read once). */
  takeFlushRequests(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dirs.flush).sort();
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const n of names) {
      const f = path.join(this.dirs.flush, n);
      try {
        out.push(fs.readFileSync(f, 'utf8'));
        fs.rmSync(f, { force: true });
      } catch {
        /* taken meanwhile */
      }
    }
    return out;
  }
}

/** The line a mailbox file starts with (RFC 5321 4.4), written ahead of the message in the spool. */
export function returnPathLine(mailFrom: string): Buffer {
  return Buffer.from(`Return-Path: <${mailFrom}>\r\n`, 'utf8');
}

export function compareIds(a: string, b: string): number {
  const [an, ad] = a.split('N');
  const [bn, bd] = b.split('N');
  return Number(an) - Number(bn) || Number(ad ?? -1) - Number(bd ?? -1);
}

/** Recipients still to be handled. */
export function pendingRecipients(env: SpoolEnvelope): RecipientRecord[] {
  return env.recipients.filter((r) => r.status === 'Ready' || r.status === 'Retry');
}
