// The spool under EDGESHELL_HOME/queue, after Postfix: a message is its content file
// (`data/<id>.eml`, written once, fsynced; it starts with the message's Return-Path line, so local
// delivery links it into the mailbox as it is) plus a control file (`<state>/<id>.json`) whose
// directory is its state. Writing the control file into incoming/ (temp, fsync, rename, fsync dir)
// is the commit point: only then does the client get 250. Later changes are an atomic replace of
// the control file or a rename between state directories, so a crash leaves every accepted message
// in exactly one state and never half-written.
//
// The running transport commits through the journal instead (journal/, src/transport/journal.ts),
// as a database does through its log: one group-committed record holds envelope and content, and
// no file of the message's own is written. Such a message gets files only when it leaves the fast
// path (a remote next hop, a deferral, a wait in the queue, a stop). Its local deliveries are
// written without a sync of their own; a checkpoint syncs a batch of them together and only then
// lets go of the messages (a "done" record; a segment goes once none of its messages is held).
// recover() gives files to every journaled message that was not let go; delivering it again finds
// the mailbox files (mailbox.ts replaces one the crash left short).
//
//   tmp/       temporary files of atomic writes (removed at recovery)
//   data/      message content; a file without a control file was never acknowledged (removed at recovery)
//   incoming/  accepted, waiting for the queue manager
//   active/    being delivered (moved back to incoming/ at recovery)
//   deferred/  waiting for a retry
//   flush/     retry requests from other processes (Retry-Queue)
//   journal/   records of messages committed through the journal (segments removed when done)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from '../state/store.js';
import { DirSyncs, GroupedDirSync, fsyncFileSync, fsyncFiles, syncFileSystems, unlinkIfExists, writeFileSynced, writeNewFileSynced } from './durable-fs.js';
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
  /** The highest id recover() found: ids above it were given by this process. */
  private recoveredId = 0;
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
    this.recoveredId = this.lastId;
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
   * The same commit for the receive side, which must not block the event loop. While the owner has
   * the journal open (openJournal), one journal record holds envelope and content: a share of one
   * group-committed append, and no file of the message's own. Otherwise the content file and a
   * control file (under tmp/, fsynced, renamed into incoming/) are written side by side, then data/
   * and incoming/ are synced; directory syncs are grouped: commits that finished their writes while
   * one was running share the next (group commit, as a database log does). When the promise
   * resolves the message survives a crash; when it rejects nothing was committed.
   */
  async acceptDurable(env: Omit<SpoolEnvelope, 'id' | 'size'> & { id?: string }, content: Buffer): Promise<SpoolEntry> {
    const id = env.id ?? this.nextId();
    const prefix = returnPathLine(env.mailFrom);
    const full: SpoolEnvelope = { ...env, id, size: content.length, contentOffset: prefix.length, updatedAt: new Date().toISOString() };
    if (this.journal) return this.acceptJournaled(full, prefix, content, env.id === undefined || Number(env.id) > this.recoveredId);
    const data = this.dataPath(id);
    const tmp = path.join(this.dirs.tmp, `${id}.${process.pid}.${++this.tmpSeq}.json`);
    let created = false;
    this.committing.add(id);
    try {
      // 'wx': an id is committed once; a clash fails on the content file without touching the
      // other message, and only then is the control file renamed into place
      const writes = [writeNewFileSynced(data, [prefix, content], () => (created = true)), writeNewFileSynced(tmp, [JSON.stringify(full)])];
      for (const r of await Promise.allSettled(writes)) if (r.status === 'rejected') throw r.reason;
      fs.renameSync(tmp, this.controlPath('incoming', id));
      await Promise.all([this.dirSync('data').sync(), this.dirSync('incoming').sync()]);
    } catch (e) {
      unlinkIfExists(tmp);
      if (created && !this.exists(id)) unlinkIfExists(data);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new SpoolError(`The message ${id} is already in the queue.`);
      throw e;
    } finally {
      // the caller's continuation (its bookkeeping) runs before any queue run can take the message
      this.committing.delete(id);
    }
    return { envelope: full, state: 'incoming' };
  }

  private async acceptJournaled(full: SpoolEnvelope, prefix: Buffer, content: Buffer, newId: boolean): Promise<SpoolEntry> {
    const id = full.id;
    // an id above every one recovery found (as nextId() gives) is on disk only if this process put it there
    if (this.journalSegmentOf.has(id) || this.committing.has(id) || (!newId && this.exists(id))) throw new SpoolError(`The message ${id} is already in the queue.`);
    const json = Buffer.from(JSON.stringify(full), 'utf8');
    const head = Buffer.allocUnsafe(5);
    head[0] = RECORD_MESSAGE;
    head.writeUInt32LE(json.length, 1);
    this.committing.add(id);
    try {
      const at = await this.journal!.append([head, json, prefix, content]);
      this.journalTrack(id, at.segment);
      this.journalContent.set(id, { segment: at.segment, offset: at.offset + head.length + json.length, length: prefix.length + content.length });
    } finally {
      this.committing.delete(id);
    }
    return { envelope: full, state: 'incoming', journaled: true };
  }

  // ------------------------------------------------------------------------- the journal

  private journal?: Journal;
  /** Journal segment → the journaled messages it still speaks for. */
  private readonly journalIds = new Map<number, Set<string>>();
  private readonly journalSegmentOf = new Map<string, number>();
  /** Where a journaled message's content file bytes (Return-Path line first) lie in the journal. */
  private readonly journalContent = new Map<string, { segment: number; offset: number; length: number }>();
  /** Journaled messages' mailbox files written but not synced yet (see noteUnsynced). */
  private readonly unsynced = new Map<string, string[]>();
  /** Journaled messages done with, waiting for the checkpoint that syncs their mailbox files. */
  private awaitingCheckpoint: string[] = [];
  private checkpointTimer?: NodeJS.Timeout;
  private checkpointRun?: Promise<void>;
  /** Ids let go of since the last "done" record. */
  private doneIds: string[] = [];

  get journalDir(): string {
    return path.join(this.root, 'journal');
  }

  /** The owner (the running transport) commits through the journal from now on; after recover(). */
  openJournal(opts?: JournalOptions): void {
    this.journal ??= new Journal(this.journalDir, opts);
  }

  /**
   * Stops using the journal: a last checkpoint, then the segments whose messages were all let go
   * are removed (those of messages still held stay for the next recover()).
   */
  async closeJournal(): Promise<void> {
    const j = this.journal;
    if (!j) return;
    // a checkpoint that fails leaves its messages held: their segments stay for recover()
    await this.checkpoint().catch(() => undefined);
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    this.writeDone();
    this.journal = undefined;
    await j.close();
    for (const seg of segments(this.journalDir)) {
      if (!this.journalIds.get(seg.n)?.size) fs.rmSync(seg.file, { force: true });
    }
    this.journalIds.clear();
    this.journalSegmentOf.clear();
    this.journalContent.clear();
    this.unsynced.clear();
    this.awaitingCheckpoint = [];
  }

  private journalTrack(id: string, segment: number): void {
    let ids = this.journalIds.get(segment);
    if (!ids) this.journalIds.set(segment, (ids = new Set()));
    ids.add(id);
    this.journalSegmentOf.set(id, segment);
  }

  /** A journaled message has files now, or is gone: a segment nobody needs is removed. */
  private journalForget(id: string): void {
    const segment = this.journalSegmentOf.get(id);
    if (segment === undefined) return;
    this.journalSegmentOf.delete(id);
    this.journalContent.delete(id);
    this.journalIds.get(segment)?.delete(id);
    // recorded so that a recovery does not deliver it again while its segment is still there
    this.doneIds.push(id);
    if (this.doneIds.length === 1) setImmediate(() => this.writeDone());
    const current = this.journal?.currentSegment;
    for (const [n, ids] of this.journalIds) {
      if (ids.size === 0 && n !== current) {
        this.journal?.removeSegment(n);
        this.journalIds.delete(n);
      }
    }
  }

  /** Appends a "done" record of the ids let go of (not waited for: losing it only repeats deliveries the mailboxes recognise). */
  private writeDone(): void {
    if (!this.doneIds.length || !this.journal) return;
    const ids = this.doneIds;
    this.doneIds = [];
    this.journal.append([Buffer.from([RECORD_DONE]), Buffer.from(JSON.stringify(ids), 'utf8')]).catch(() => undefined);
  }

  /**
   * A journaled message's mailbox file, written without a sync: the message stays in the journal
   * until a checkpoint has synced the file and its directory.
   */
  noteUnsynced(entry: SpoolEntry, file: string): void {
    const files = this.unsynced.get(entry.envelope.id);
    if (files) files.push(file);
    else this.unsynced.set(entry.envelope.id, [file]);
  }

  /** Journaled messages whose mailbox files wait for a checkpoint (the transport is idle only at 0). */
  get awaitingSync(): number {
    return this.unsynced.size;
  }

  /** Syncs the mailbox files of the messages done with, then lets go of them. */
  checkpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    // one at a time: a checkpoint asked for while one runs takes what waits after it
    const run = (this.checkpointRun ?? Promise.resolve()).catch(() => undefined).then(() => this.runCheckpoint());
    this.checkpointRun = run;
    run
      .finally(() => {
        if (this.checkpointRun === run) this.checkpointRun = undefined;
      })
      .catch(() => undefined);
    return run;
  }

  private async runCheckpoint(): Promise<void> {
    const ids = this.awaitingCheckpoint;
    this.awaitingCheckpoint = [];
    if (!ids.length) return;
    const files = ids.map((id) => this.unsynced.get(id) ?? []);
    try {
      // a message's other recipients' files are links to its first: one fsync covers the content
      const dirs = [...new Set(files.flat().map((f) => path.dirname(f)))];
      // one sync of each file system holding them where the platform has it (syncfs(2)); else
      // each message's file (the other recipients' files are links to it) and each directory
      if (!(await syncFileSystems(dirs))) {
        await fsyncFiles(files.flatMap((f) => f.slice(0, 1)));
        await Promise.all(dirs.map((d) => this.dirSyncs.sync(d)));
      }
    } catch (e) {
      // not synced: the messages stay held (and are delivered again after a crash)
      this.awaitingCheckpoint.push(...ids);
      this.scheduleCheckpoint(CHECKPOINT_RETRY_MS);
      throw e;
    }
    for (const id of ids) {
      this.unsynced.delete(id);
      this.journalForget(id);
    }
  }

  private scheduleCheckpoint(ms: number): void {
    if (this.awaitingCheckpoint.length >= CHECKPOINT_BATCH) {
      this.checkpoint().catch(() => undefined);
      return;
    }
    // unref: a process that ends without closeJournal leaves the held messages to recover()
    this.checkpointTimer ??= setTimeout(() => {
      this.checkpointTimer = undefined;
      this.checkpoint().catch(() => undefined);
    }, ms).unref();
  }

  /** Gives a journaled message its content file and control file (both fsynced), then lets go of it. */
  private materialize(entry: SpoolEntry, state: SpoolState): void {
    const id = entry.envelope.id;
    // a control file never claims a delivery that is not durable yet
    const files = this.unsynced.get(id) ?? [];
    for (const f of files) fsyncFileSync(f);
    for (const d of new Set(files.map((f) => path.dirname(f)))) fsyncDir(d);
    this.unsynced.delete(id);
    const at = this.journalContent.get(id);
    if (at) writeFileSynced(this.dataPath(id), this.journal!.read(at.segment, at.offset, at.length));
    fsyncDir(this.dirs.data);
    this.writeControl(state, entry.envelope, true);
    entry.state = state;
    entry.journaled = false;
    this.journalForget(id);
  }

  /**
   * Start-up: every journaled message that was not let go of (no "done" record) and has no control
   * file gets its content file and a control file in incoming/; then the segments go. Records of
   * older versions hold only the envelope: those are restored when their content file is still
   * there (a message delivered before the crash has none). Returns how many were restored.
   */
  private recoverJournal(): number {
    const done = new Set<string>();
    const found: { env: SpoolEnvelope; content?: Buffer }[] = [];
    const all = segments(this.journalDir);
    for (const seg of all) {
      for (const rec of readSegment(seg.file)) {
        try {
          if (rec[0] === RECORD_DONE) for (const id of JSON.parse(rec.subarray(1).toString('utf8')) as string[]) done.add(id);
          else if (rec[0] === RECORD_MESSAGE) {
            const end = 5 + rec.readUInt32LE(1);
            found.push({ env: JSON.parse(rec.subarray(5, end).toString('utf8')) as SpoolEnvelope, content: rec.subarray(end) });
          } else found.push({ env: JSON.parse(rec.toString('utf8')) as SpoolEnvelope });
        } catch {
          /* a record this version cannot read: skipped */
        }
      }
    }
    let restored = 0;
    // ids stay unique across restarts even when the clock went back (a mailbox file is named by one)
    for (const { env } of found) this.lastId = Math.max(this.lastId, Number(String(env?.id ?? '').split('N')[0]) || 0);
    for (const { env, content } of found) {
      if (!env?.id || done.has(env.id) || this.exists(env.id)) continue;
      if (content) writeFileSynced(this.dataPath(env.id), content);
      else if (!fs.existsSync(this.dataPath(env.id))) continue;
      this.writeControl('incoming', env, true);
      restored++;
    }
    if (restored) fsyncDir(this.dirs.data);
    for (const seg of all) fs.rmSync(seg.file, { force: true });
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
    const id = entry.envelope.id;
    if (entry.journaled) {
      // held in the journal until its mailbox files are synced (a checkpoint)
      if (!this.unsynced.has(id)) return this.journalForget(id);
      this.awaitingCheckpoint.push(id);
      return this.scheduleCheckpoint(CHECKPOINT_MS);
    }
    // no directory sync (as Postfix's qmgr): the deliveries are durable already, and a removal lost
    // in a crash only brings the message back for a delivery that mailboxes recognise as done
    unlinkIfExists(this.controlPath(entry.state, id));
    unlinkIfExists(this.dataPath(id));
  }

  /** The message as received (without the content file's Return-Path line). */
  content(env: Pick<SpoolEnvelope, 'id' | 'contentOffset'>): Buffer {
    const at = this.journalContent.get(env.id);
    const b = at && this.journal ? this.journal.read(at.segment, at.offset, at.length) : fs.readFileSync(this.dataPath(env.id));
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

/** Journal record types (a record of an older version is the envelope's JSON, starting with `{`). */
const RECORD_MESSAGE = 1; // u8 type | u32 LE length of the envelope JSON | envelope JSON | content file bytes
const RECORD_DONE = 2; // u8 type | JSON array of the ids let go of
/** A checkpoint runs this long after the first message waits for one, or at once when this many wait. */
const CHECKPOINT_MS = 250;
const CHECKPOINT_BATCH = 512;
const CHECKPOINT_RETRY_MS = 5_000;

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
