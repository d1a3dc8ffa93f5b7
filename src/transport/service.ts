// The transport service: receive listeners for every connector binding, the queue manager that
// moves spooled messages to mailboxes or next hops, retries and NDRs, and the files through which
// another shell on the same home sees it (service.json, counters.json, queues.json). Configuration
// and certificates are re-read when they change, for new sessions and queue runs; no restart.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { EdgeSmtpServer, connectorWantsTls, type ReceiveRuntime } from './receive.js';
import { sharedSecureContext } from './tls.js';
import { Spool, pendingRecipients, returnPathLine, type RecipientRecord, type SpoolEntry, type SpoolState } from './spool.js';
import { ProtocolLog } from './protocol-log.js';
import { MessageTrackingLog, type TrackingEvent } from './tracking.js';
import { CounterStore, counterFile } from './counters.js';
import { deliverToMailbox, linkIntoMailbox, linkIntoMailboxLazily, sweepMailboxes, writeIntoMailbox, type MailboxDelivery } from './mailbox.js';
import { RoutingError, nextHopHosts, routeRecipient, systemMxResolver, type Route } from './routing.js';
import { inDomainSecureList, sendRequirement } from './policy.js';
import { sendToNextHop } from './send.js';
import { NextHopPool } from './next-hop-pool.js';
import { buildNdr, type FailedRecipient } from './dsn.js';
import { removeHeaders } from './message.js';
import { bindingText } from './net.js';
import { SUBMISSION, queueIdentityMatches, writeQueueStates, type QueueState } from './queues.js';
import { formatReply, type PeerValidation, type SmtpCredential, type TransportEnvironment, type TransportSnapshot } from './types.js';

export class TransportError extends Error {}

export interface ServiceStatusDoc {
  pid: number;
  startedAt: string;
  server: string;
  fqdn: string;
  bindings: string[];
  certificateThumbprint?: string;
  status: 'Running' | 'Stopping';
}

export function serviceFile(home: string): string {
  return path.join(home, 'transport', 'service.json');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The transport running on this home (in any process), or undefined. */
export function readServiceStatus(home: string): ServiceStatusDoc | undefined {
  try {
    const doc = JSON.parse(fs.readFileSync(serviceFile(home), 'utf8')) as ServiceStatusDoc;
    return doc.pid && pidAlive(doc.pid) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Another shell asks the running transport to stop by creating this file. */
export function stopRequestFile(home: string): string {
  return path.join(home, 'transport', 'stop.request');
}

/** Asks the transport running on this home (in another process) to stop gracefully. */
export function requestStop(home: string): void {
  const f = stopRequestFile(home);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, String(process.pid));
}

export function spoolFor(home: string): Spool {
  return new Spool(path.join(home, 'queue'));
}

export interface ServiceOptions {
  /** Problems that do not stop the service (a failed bookkeeping write, a listener that could not be reopened). */
  onWarning?(message: string): void;
  /** How often deferred messages and flush requests are looked at (ms). */
  tickMs?: number;
}

/** What the interactive shell's status line reads. */
export interface TransportLiveView {
  readonly service: TransportService;
  readonly running: boolean;
  readonly bindings: string[];
  readonly sessions: number;
  readonly counters: { readonly received: number; readonly sent: number; readonly failures: number };
}

/** How long a peer certificate's verdict is reused when nothing changed (a CRL's nextUpdate passing is noticed within this). */
const VALIDATION_TTL_MS = 60_000;

const EXPIRED = '550 4.4.7 QUEUE.Expired; message expired';

export class TransportService {
  readonly home: string;
  readonly spool: Spool;
  readonly counters: CounterStore;
  readonly startedAt = new Date();
  status: 'Running' | 'Stopping' | 'Stopped' = 'Running';
  readonly warnings: string[] = [];
  private snap!: TransportSnapshot;
  private token: string | undefined;
  private tokenChecked = false;
  private readonly creds = new Map<string, { credential: SmtpCredential; context: tls.SecureContext } | undefined>();
  private readonly contexts = new Map<string, tls.SecureContext>();
  private readonly validations = new Map<string, { result: PeerValidation; until: number }>();
  private readonly listeners = new Map<string, EdgeSmtpServer>();
  private recvLog?: ProtocolLog;
  private sendLog?: ProtocolLog;
  private trackLog?: MessageTrackingLog;
  private readonly working = new Map<string, Promise<void>>();
  /** The send side's open sessions and TLS sessions per next hop. */
  private readonly hopPool = new NextHopPool();
  /** Accepted messages handed over in memory (with their content), in arrival order. */
  private readonly ready = new Map<string, ReadyMessage>();
  private readonly deferred = new Map<string, number>();
  private readonly queueStates = new Map<string, QueueState>();
  private sessionCount = 0;
  private pumpScheduled = false;
  private scanPending = false;
  private reconciling = false;
  private timer?: NodeJS.Timeout;
  private stopPromise?: Promise<void>;
  private readonly stopWaiters: (() => void)[] = [];

  private constructor(
    private readonly env: TransportEnvironment,
    private readonly opts: ServiceOptions,
  ) {
    this.home = env.home;
    this.spool = spoolFor(env.home);
    this.counters = new CounterStore(counterFile(env.home));
    this.runtime = {
      snapshot: () => this.snapshot(),
      credential: (fqdn) => this.credential(fqdn),
      validatePeer: (chain, domain, purpose) => this.validatePeer(chain, domain, purpose),
      spool: this.spool,
      receiveLog: () => this.protocolLog('Receive'),
      tracking: () => this.tracking(),
      counters: this.counters,
      accepted: (entry, content) => this.enqueue(entry, content),
      sessionChanged: (d) => {
        this.sessionCount += d;
      },
      warn: (m) => this.warn(m),
    };
  }

  /** Starts every receive connector and the queue; a busy port or a missing certificate is an error. */
  static async start(env: TransportEnvironment, opts: ServiceOptions = {}): Promise<TransportService> {
    const running = readServiceStatus(env.home);
    if (running && running.pid !== process.pid) {
      throw new TransportError(`The transport service is already running on this server (process ${running.pid}, ${running.bindings.join(', ')}). Run Stop-Transport there first.`);
    }
    if (running) throw new TransportError('The transport service is already running in this shell.');
    const snap = env.snapshot();
    const svc = new TransportService(env, opts);
    svc.snap = snap;
    svc.token = env.changeToken?.();
    svc.checkCertificates(snap);
    svc.spool.recover();
    // from here on accepted messages are committed through the journal (spool.ts)
    svc.spool.openJournal();
    sweepMailboxes(env.home);
    try {
      for (const b of svc.desiredBindings(snap)) {
        const l = new EdgeSmtpServer(b, svc.runtime);
        await l.start();
        svc.listeners.set(bindingText(b), l);
      }
    } catch (e) {
      await Promise.all([...svc.listeners.values()].map((l) => l.stop(0)));
      svc.status = 'Stopped';
      throw e instanceof TransportError ? e : new TransportError((e as Error).message);
    }
    for (const e of svc.spool.list(['deferred'])) svc.deferred.set(e.envelope.id, svc.dueTime(e));
    fs.rmSync(stopRequestFile(env.home), { force: true });
    svc.writeStatus();
    writeQueueStates(svc.home, {});
    svc.timer = setInterval(() => svc.tick(), opts.tickMs ?? 250);
    svc.timer.unref();
    svc.kick(true);
    return svc;
  }

  // ----------------------------------------------------------------------------- configuration

  /**
   * The current configuration, re-read when the change token moved (or always without one). The
   * token (three stats) is looked at once per turn of the event loop: every session and delivery
   * asks several times, and a change made meanwhile is seen from the next turn on.
   */
  snapshot(): TransportSnapshot {
    if (this.tokenChecked) return this.snap;
    if (this.env.changeToken) {
      this.tokenChecked = true;
      setImmediate(() => (this.tokenChecked = false));
    }
    const t = this.env.changeToken?.();
    if (t === undefined || t !== this.token) {
      try {
        this.snap = this.env.snapshot();
        this.token = t;
        this.creds.clear();
        this.validations.clear();
        // sessions and TLS sessions kept for the send side passed the old policy and certificates
        // (an environment without a change token is re-read every time, and keeps none)
        void this.hopPool.clear();
      } catch (e) {
        this.warn(`The configuration could not be read; the previous one stays in effect: ${(e as Error).message}`);
      }
    }
    return this.snap;
  }

  private checkCertificates(snap: TransportSnapshot): void {
    for (const c of snap.receiveConnectors) {
      if (!c.enabled || !(c.domainSecureEnabled || c.requireTLS)) continue;
      if (!this.credential(c.fqdn)) {
        throw new TransportError(
          `The receive connector '${c.name}' requires TLS (${c.domainSecureEnabled ? 'DomainSecureEnabled' : 'RequireTLS'}), but no certificate is enabled for the SMTP service${c.fqdn ? ` for '${c.fqdn}'` : ''}. Run Enable-ExchangeCertificate -Services SMTP first.`,
        );
      }
    }
    for (const c of snap.sendConnectors) {
      if (!c.enabled || !c.domainSecureEnabled || snap.config.tlsSendDomainSecureList.length === 0) continue;
      if (!this.credential(c.fqdn)) {
        throw new TransportError(`The send connector '${c.name}' has DomainSecureEnabled, but no certificate is enabled for the SMTP service to present to partner domains. Run Enable-ExchangeCertificate -Services SMTP first.`);
      }
    }
  }

  credential(fqdn: string | undefined): { credential: SmtpCredential; context: tls.SecureContext } | undefined {
    const k = (fqdn ?? '').toLowerCase();
    if (this.creds.has(k)) return this.creds.get(k);
    let v: { credential: SmtpCredential; context: tls.SecureContext } | undefined;
    try {
      const c = this.env.certificates.smtpCredential(fqdn);
      if (c) {
        const roots = this.env.certificates.trustedRootsPem?.() ?? [];
        const ck = `${c.thumbprint}|${roots.length}|${roots.join('').length}`;
        let ctx = this.contexts.get(ck);
        if (!ctx) {
          ctx = sharedSecureContext(c, roots);
          this.contexts.set(ck, ctx);
        }
        v = { credential: c, context: ctx };
      }
    } catch (e) {
      this.warn(`The SMTP certificate cannot be used: ${(e as Error).message}`);
    }
    this.creds.set(k, v);
    return v;
  }

  private async validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server'): Promise<PeerValidation> {
    if (chain.length === 0) return { valid: false, status: 'Invalid', reason: 'No certificate was presented.' };
    // the same partner certificate comes back on every session: its verdict is kept for a while,
    // and forgotten as soon as the configuration, the certificate store or the trust store (CRLs)
    // changes (snapshot() clears the cache)
    this.snapshot();
    const h = crypto.createHash('sha256');
    for (const c of chain) h.update(c);
    const key = `${purpose}|${domain.toLowerCase()}|${h.digest('hex')}`;
    const now = Date.now();
    const hit = this.validations.get(key);
    if (hit && hit.until > now) return hit.result;
    let result: PeerValidation;
    try {
      result = await this.env.certificates.validatePeer(chain, domain, purpose);
    } catch (e) {
      return { valid: false, status: 'Invalid', reason: (e as Error).message };
    }
    if (this.validations.size >= 1000) this.validations.clear();
    this.validations.set(key, { result, until: now + VALIDATION_TTL_MS });
    return result;
  }

  private desiredBindings(snap: TransportSnapshot) {
    const m = new Map<string, { address: string; port: number }>();
    for (const c of snap.receiveConnectors) if (c.enabled) for (const b of c.bindings) m.set(bindingText(b), b);
    return [...m.values()];
  }

  /** Opens listeners for new bindings and closes those no connector uses any more. */
  private async reconcileListeners(): Promise<void> {
    const want = new Map(this.desiredBindings(this.snap).map((b) => [bindingText(b), b]));
    for (const [k, l] of this.listeners) {
      if (!want.has(k)) {
        this.listeners.delete(k);
        await l.stop(5_000);
      }
    }
    for (const [k, b] of want) {
      if (this.listeners.has(k) || this.status !== 'Running') continue;
      const l = new EdgeSmtpServer(b, this.runtime);
      try {
        await l.start();
        this.listeners.set(k, l);
      } catch (e) {
        this.warn((e as Error).message);
      }
    }
    this.writeStatus();
  }

  // ----------------------------------------------------------------------------- runtime for receive

  private readonly runtime: ReceiveRuntime;

  private protocolLog(kind: 'Receive' | 'Send'): ProtocolLog {
    const s = this.snapshot().server;
    const dir = kind === 'Receive' ? s.receiveProtocolLogPath : s.sendProtocolLogPath;
    const cur = kind === 'Receive' ? this.recvLog : this.sendLog;
    if (cur && cur.dir === dir) return cur;
    cur?.close();
    const log = new ProtocolLog(dir, kind, { maxFileSize: s.protocolLogMaxFileSize, onError: (e) => this.warn(`The ${kind} protocol log could not be written: ${e.message}`) });
    if (kind === 'Receive') this.recvLog = log;
    else this.sendLog = log;
    return log;
  }

  private tracking(): MessageTrackingLog {
    const s = this.snapshot().server;
    if (!this.trackLog || this.trackLog.dir !== s.messageTrackingLogPath) {
      this.trackLog?.close();
      this.trackLog = new MessageTrackingLog(s.messageTrackingLogPath, { maxFileSize: s.messageTrackingLogMaxFileSize, onError: (e) => this.warn(`Message tracking failed: ${e.message}`) });
    }
    this.trackLog.enabled = s.messageTrackingLogEnabled;
    this.trackLog.subjectLogging = s.messageTrackingLogSubjectLoggingEnabled !== false;
    return this.trackLog;
  }

  private track(e: Omit<TrackingEvent, 'timestamp' | 'serverHostname'> & { timestamp?: Date }): void {
    try {
      this.tracking().write({ timestamp: new Date(), serverHostname: this.snap.server.fqdn, ...e });
    } catch (err) {
      this.warn(`Message tracking failed: ${(err as Error).message}`);
    }
  }

  private warn(message: string): void {
    this.warnings.push(message);
    if (this.warnings.length > 100) this.warnings.shift();
    this.opts.onWarning?.(message);
  }

  // ----------------------------------------------------------------------------- status

  get bindings(): string[] {
    return [...this.listeners.keys()];
  }

  get sessions(): number {
    return this.sessionCount;
  }

  get certificateThumbprint(): string | undefined {
    const fqdns = new Set(this.snap.receiveConnectors.filter((c) => c.enabled && connectorWantsTls(c)).map((c) => c.fqdn));
    for (const f of fqdns.size ? fqdns : new Set([undefined])) {
      const c = this.credential(f);
      if (c) return c.credential.thumbprint;
    }
    return undefined;
  }

  get serverName(): string {
    return this.snap.server.name;
  }

  get fqdn(): string {
    return this.snap.server.fqdn;
  }

  readonly view: TransportLiveView = (() => {
    const svc = this;
    return {
      service: svc,
      get running() {
        return svc.status === 'Running';
      },
      get bindings() {
        return svc.bindings;
      },
      get sessions() {
        return svc.sessions;
      },
      counters: {
        get received() {
          return svc.counters.get('domainSecureMessagesReceived');
        },
        get sent() {
          return svc.counters.get('domainSecureMessagesSent');
        },
        get failures() {
          return svc.counters.get('domainSecureOutboundSessionFailures');
        },
      },
    };
  })();

  private writeStatus(): void {
    try {
      this.writeStatusFile();
    } catch (e) {
      this.warn(`The service status file could not be written: ${(e as Error).message}`);
    }
  }

  private writeStatusFile(): void {
    if (this.status === 'Stopped') return;
    const doc: ServiceStatusDoc = {
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      server: this.snap.server.name,
      fqdn: this.snap.server.fqdn,
      bindings: this.bindings,
      certificateThumbprint: this.certificateThumbprint,
      status: this.status === 'Stopping' ? 'Stopping' : 'Running',
    };
    const file = serviceFile(this.home);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file + '.tmp', JSON.stringify(doc, null, 2));
    fs.renameSync(file + '.tmp', file);
  }

  // ----------------------------------------------------------------------------- lifecycle

  /**
   * Graceful stop: listeners close (a session's next command gets 421, a DATA in flight finishes),
   * deliveries in progress finish, the spool stays as it is for the next start.
   */
  stop(graceMs = 10_000): Promise<void> {
    if (this.stopPromise) return this.stopPromise;
    this.status = 'Stopping';
    this.writeStatus();
    this.stopPromise = (async () => {
      if (this.timer) clearInterval(this.timer);
      await Promise.all([...this.listeners.values()].map((l) => l.stop(graceMs)));
      this.listeners.clear();
      const all = Promise.all([...this.working.values()]);
      await Promise.race([all, new Promise((r) => setTimeout(r, graceMs + this.snap.server.sendConnectTimeoutMs).unref())]);
      // what waits keeps a control file, so another shell's Get-Queue sees it while this one is stopped
      this.materializeWaiting(() => true);
      await this.spool.closeJournal();
      await this.hopPool.clear();
      this.recvLog?.close();
      this.sendLog?.close();
      this.trackLog?.close();
      this.counters.flush();
      this.status = 'Stopped';
      try {
        const doc = JSON.parse(fs.readFileSync(serviceFile(this.home), 'utf8')) as ServiceStatusDoc;
        if (doc.pid === process.pid) fs.rmSync(serviceFile(this.home), { force: true });
      } catch {
        /* already gone */
      }
      for (const w of this.stopWaiters.splice(0)) w();
    })();
    return this.stopPromise;
  }

  /** Resolves when the service has stopped (by Stop-Transport or otherwise). */
  whenStopped(): Promise<void> {
    if (this.status === 'Stopped') return Promise.resolve();
    return new Promise((r) => this.stopWaiters.push(r));
  }

  /** Resolves once nothing is queued for immediate work (tests). */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const incoming = fs.readdirSync(this.spool.dirs.incoming).length;
      const due = [...this.deferred.values()].some((t) => t <= Date.now());
      // deliveries are done when their mailbox files are synced (the spool's checkpoint)
      if (this.working.size === 0 && this.ready.size === 0 && incoming === 0 && !due && this.spool.awaitingSync === 0) return;
      if (Date.now() > deadline) throw new Error('The transport did not become idle in time.');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // ----------------------------------------------------------------------------- queue manager

  /** A message the receive side (or a local submission) just committed: no directory scan needed. */
  enqueue(entry: SpoolEntry, content?: Buffer): void {
    if (this.working.has(entry.envelope.id)) return;
    // a backlog keeps its contents on disk only (read again when its turn comes): memory stays bounded
    this.ready.set(entry.envelope.id, this.ready.size < READY_CONTENTS_HELD ? { entry, content, since: Date.now() } : { entry, since: Date.now() });
    this.kick();
  }

  kick(scan = false): void {
    if (scan) this.scanPending = true;
    if (this.pumpScheduled || this.status !== 'Running') return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      const full = this.scanPending;
      this.scanPending = false;
      this.pump(full);
    });
  }

  private tick(): void {
    // a timer callback must never throw: that would end the shell the service runs in
    try {
      if (fs.existsSync(stopRequestFile(this.home))) {
        fs.rmSync(stopRequestFile(this.home), { force: true });
        void this.stop();
        return;
      }
      const snap = this.snapshot();
      const want = this.desiredBindings(snap).map(bindingText).sort().join(' ');
      if (!this.reconciling && want !== [...this.listeners.keys()].sort().join(' ')) {
        this.reconciling = true;
        void this.reconcileListeners()
          .catch((e) => this.warn(`The receive connectors could not be updated: ${(e as Error).message}`))
          .finally(() => {
            this.reconciling = false;
          });
      }
      this.updateGauges();
      this.kick(true);
    } catch (e) {
      this.warn(`The transport's periodic check failed: ${(e as Error).message}`);
    }
  }

  private pump(scan: boolean): void {
    try {
      this.pumpOnce(scan);
    } catch (e) {
      this.warn(`The queue manager failed: ${(e as Error).message}`);
    }
  }

  /**
   * Starts deliveries up to MaxConcurrentMessages: messages handed over in memory first, then (on
   * the periodic scan) whatever incoming/ holds that nobody handed over (recovery, other writers),
   * then deferred messages that are due.
   */
  private pumpOnce(scan: boolean): void {
    if (this.status !== 'Running') return;
    if (scan) {
      for (const q of this.spool.takeFlushRequests()) this.retryQueue(q);
      let names: string[] = [];
      try {
        names = fs.readdirSync(this.spool.dirs.incoming);
      } catch {
        /* the queue directory was removed: nothing to do */
      }
      for (const n of names) {
        const id = n.endsWith('.json') ? n.slice(0, -5) : '';
        if (id && !this.spool.committing.has(id) && !this.working.has(id) && !this.ready.has(id)) this.ready.set(id, {});
      }
    }
    // a journaled message that waits long gets its control file, so a backlog shows in another
    // shell's Get-Queue (not at once: under a burst that extra file work would make it grow)
    if (scan) {
      const before = Date.now() - BACKLOG_VISIBLE_MS;
      this.materializeWaiting((m) => (m.since ?? 0) <= before);
    }
    const max = Math.max(1, this.snap.server.maxConcurrentMessages);
    for (const [id, m] of this.ready) {
      if (this.working.size >= max) return;
      this.ready.delete(id);
      this.begin(id, m.entry, m.content);
    }
    const now = Date.now();
    for (const [id, due] of this.deferred) {
      if (this.working.size >= max) return;
      if (due <= now) this.begin(id);
    }
  }

  /** Gives journaled messages waiting in the queue manager's hands (those `pick` chooses) their control files. */
  private materializeWaiting(pick: (m: ReadyMessage) => boolean): void {
    for (const m of this.ready.values()) {
      if (!m.entry?.journaled || !pick(m)) continue;
      try {
        this.spool.update(m.entry);
      } catch (e) {
        this.warn(`The queue file of message ${m.entry.envelope.id} could not be written: ${(e as Error).message}`);
      }
    }
  }

  private begin(id: string, known?: SpoolEntry, content?: Buffer): void {
    if (this.working.has(id)) return;
    const entry = known ?? this.spool.get(id);
    if (!entry || entry.state === 'active') {
      this.deferred.delete(id);
      // a control file that cannot be read is set aside rather than looked at forever
      if (!entry && fs.existsSync(path.join(this.spool.dirs.incoming, `${id}.json`))) {
        try {
          this.spool.quarantine('incoming', `${id}.json`);
          this.warn(`The queue file of message ${id} is damaged; it was moved to queue/corrupt.`);
        } catch {
          /* removed meanwhile */
        }
      }
      return;
    }
    this.deferred.delete(id);
    try {
      // a journaled message stays on the fast path (no control file) unless process() needs one
      if (!entry.journaled) this.spool.move(entry, 'active');
    } catch (e) {
      // taken or removed meanwhile: the next pass sees the spool as it is
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`Message ${id} could not be claimed: ${(e as Error).message}`);
      return;
    }
    const p = this.process(entry, content)
      .catch((e) => {
        this.warn(`Delivery of message ${id} failed: ${(e as Error).message}`);
        // leave it for a later attempt rather than lose it
        try {
          this.spool.move(entry, 'deferred');
          this.deferred.set(id, Date.now() + 60_000);
        } catch {
          /* it stays in active/ and is recovered at the next start */
        }
      })
      .finally(() => {
        this.working.delete(id);
        this.kick();
      });
    this.working.set(id, p);
  }

  private retryInterval(attempts: number): number {
    const r = this.snap.server.retry;
    return attempts <= r.transientFailureRetryCount ? r.transientFailureRetryIntervalMs : r.outboundConnectionFailureRetryIntervalMs;
  }

  private queueState(nextHop: string, deliveryType: string, tlsDomain?: string): QueueState {
    const k = nextHop.toLowerCase();
    let q = this.queueStates.get(k);
    if (!q) {
      q = { nextHop, deliveryType, status: 'Ready', tlsDomain };
      this.queueStates.set(k, q);
    }
    q.deliveryType = deliveryType;
    q.tlsDomain = tlsDomain;
    return q;
  }

  private saveQueueStates(): void {
    try {
      writeQueueStates(this.home, Object.fromEntries(this.queueStates));
    } catch (e) {
      this.warn(`The queue state could not be written: ${(e as Error).message}`);
    }
  }

  /** Retry-Queue: the matching queues (all in Retry when no identity) are tried now. Returns how many. */
  retryQueue(identity?: string): number {
    const server = this.snap.server.name;
    const now = Date.now();
    const hops = new Set<string>();
    for (const q of this.queueStates.values()) {
      if (identity ? queueIdentityMatches(identity, `${server}\\${q.nextHop}`) : q.status === 'Retry') {
        q.nextRetryTime = new Date(now).toISOString();
        hops.add(q.nextHop.toLowerCase());
      }
    }
    for (const e of this.spool.list(['deferred'])) {
      const rs = pendingRecipients(e.envelope);
      if (rs.some((r) => r.nextHop && (hops.has(r.nextHop.toLowerCase()) || (identity ? queueIdentityMatches(identity, `${server}\\${r.nextHop}`) : true)))) {
        for (const r of rs) if (r.nextHop) hops.add(r.nextHop.toLowerCase());
        this.deferred.set(e.envelope.id, now);
      }
    }
    this.saveQueueStates();
    this.kick();
    return hops.size;
  }

  private deferRecipients(rs: RecipientRecord[], reply: string, attempted: boolean, at?: number): void {
    const now = Date.now();
    for (const r of rs) {
      r.status = 'Retry';
      if (attempted) r.attempts++;
      r.lastError = reply;
      r.firstFailure ??= new Date(now).toISOString();
      r.nextRetry = new Date(at ?? now + this.retryInterval(Math.max(1, r.attempts))).toISOString();
    }
  }

  private async process(entry: SpoolEntry, known?: Buffer): Promise<void> {
    const env = entry.envelope;
    const snap = this.snapshot();
    let content: Buffer;
    try {
      content = known ?? this.spool.content(env);
    } catch {
      // a control file without content cannot be delivered; keep it aside for the administrator
      this.warn(`The content of message ${env.id} is missing; the message was moved to queue/corrupt.`);
      this.spool.quarantine('active', `${env.id}.json`);
      return;
    }
    const failed: FailedRecipient[] = [];
    const groups = new Map<string, { route: Route; rcpts: RecipientRecord[] }>();
    for (const r of pendingRecipients(env)) {
      const route = routeRecipient(snap, r.address);
      r.nextHop = route.nextHop;
      r.deliveryType = route.deliveryType;
      r.tlsDomain = route.kind === 'remote' && inDomainSecureList(snap.config.tlsSendDomainSecureList, route.domain) ? route.domain : undefined;
      const k = `${route.kind}|${route.nextHop.toLowerCase()}`;
      const g = groups.get(k) ?? { route, rcpts: [] };
      g.rcpts.push(r);
      groups.set(k, g);
    }
    // anything but local delivery can take a while: the message gets its control file (active/) first
    if (entry.journaled && [...groups.values()].some((g) => g.route.kind !== 'local')) this.spool.move(entry, 'active');
    let left = groups.size;
    for (const { route, rcpts } of groups.values()) {
      left--;
      if (route.kind === 'local') await this.deliverLocal(entry, content, rcpts);
      else if (route.kind === 'unreachable') {
        const q = this.queueState(route.nextHop, route.deliveryType);
        const reply = formatReply(route.reply);
        this.deferRecipients(rcpts, reply, true);
        q.status = 'Retry';
        q.lastError = reply;
        q.lastRetryTime = new Date().toISOString();
        q.nextRetryTime = rcpts[0]!.nextRetry;
        this.track({ source: 'ROUTING', eventId: 'DEFER', ...this.messageFields(env), recipients: rcpts.map((r) => r.address), recipientStatus: rcpts.map(() => reply) });
        this.saveQueueStates();
      } else await this.sendRemote(entry, content, route, rcpts, failed, snap);
      // progress is recorded between next hops; after the last one the removal (or the update
      // below) is the record, and a crash before it only repeats a delivery (mailboxes ignore it)
      if (left > 0 || failed.length || pendingRecipients(env).length) this.spool.update(entry);
    }
    // expiry: what still waits after MessageExpirationTimeout fails with an NDR
    const expiry = snap.server.retry.messageExpirationTimeoutMs;
    if (expiry > 0 && Date.now() - Date.parse(env.receivedAt) >= expiry) {
      for (const r of pendingRecipients(env)) {
        const why = r.lastError ? `${EXPIRED} (last error: ${r.lastError})` : EXPIRED;
        r.status = 'Failed';
        r.completedAt = new Date().toISOString();
        r.result = why;
        failed.push({ address: r.address, reply: why });
      }
    }
    if (failed.length) this.nonDelivery(entry, content, failed, snap);
    const pending = pendingRecipients(env);
    if (pending.length === 0) {
      this.spool.remove(entry);
      return;
    }
    this.spool.update(entry);
    this.spool.move(entry, 'deferred');
    this.deferred.set(env.id, this.dueTime(entry));
  }

  /** The next retry of a deferred message, or its expiry when that comes first. */
  private dueTime(e: SpoolEntry): number {
    const expiry = this.snap.server.retry.messageExpirationTimeoutMs;
    const due = nextDue(e);
    return expiry > 0 ? Math.min(due, Date.parse(e.envelope.receivedAt) + expiry) : due;
  }

  private messageFields(env: SpoolEntry['envelope']) {
    return {
      internalMessageId: env.id,
      messageId: env.messageId,
      totalBytes: env.size,
      recipientCount: env.recipients.length,
      messageSubject: env.subject,
      sender: env.mailFrom,
      returnPath: env.mailFrom,
    };
  }

  private async deliverLocal(entry: SpoolEntry, content: Buffer, rcpts: RecipientRecord[]): Promise<void> {
    const env = entry.envelope;
    let first: string | undefined;
    for (const r of rcpts) {
      try {
        let d: MailboxDelivery;
        if (entry.journaled) {
          // the journal holds the message: the mailbox files wait for the spool's next checkpoint
          // to be synced together, and the other recipients' files are links to the first
          d = first
            ? await linkIntoMailboxLazily(this.home, r.address, env.id, first)
            : await writeIntoMailbox(this.home, r.address, env.id, [returnPathLine(env.mailFrom), content]);
          first ??= d.file;
          this.spool.noteUnsynced(entry, d.file);
        } else {
          // the spool's content file is the mailbox file when it starts with the Return-Path line
          d = env.contentOffset
            ? await linkIntoMailbox(this.home, r.address, env.id, this.spool.dataPath(env.id))
            : await deliverToMailbox(this.home, r.address, env.id, content, env.mailFrom);
        }
        r.status = 'Delivered';
        r.completedAt = new Date().toISOString();
        r.result = d.file;
        if (!d.duplicate) {
          this.counters.add('messagesDeliveredTotal');
          this.track({
            source: 'STOREDRIVER',
            eventId: 'DELIVER',
            ...this.messageFields(env),
            clientIp: env.receive?.clientIp,
            clientHostname: env.receive?.clientHostname,
            connectorId: env.receive?.connector,
            recipients: [r.address],
            recipientStatus: [],
            messageInfo: env.receive?.domainSecured ? `DomainSecured;${env.receive.domainSecured}` : undefined,
          });
        }
      } catch (e) {
        const reply = `451 4.3.0 The mailbox could not be written: ${(e as Error).message}`;
        this.deferRecipients([r], reply, true);
        this.track({ source: 'STOREDRIVER', eventId: 'DEFER', ...this.messageFields(env), recipients: [r.address], recipientStatus: [reply] });
      }
    }
  }

  private async sendRemote(entry: SpoolEntry, content: Buffer, route: Extract<Route, { kind: 'remote' }>, rcpts: RecipientRecord[], failed: FailedRecipient[], snap: TransportSnapshot): Promise<void> {
    const env = entry.envelope;
    const c = route.connector;
    const tlsDomain = rcpts[0]!.tlsDomain;
    const q = this.queueState(route.nextHop, route.deliveryType, tlsDomain);
    const now = Date.now();
    // a queue in Retry is not tried before its time: the message waits with it
    if (q.status === 'Retry' && q.nextRetryTime && Date.parse(q.nextRetryTime) > now) {
      this.deferRecipients(rcpts, q.lastError ?? '', false, Date.parse(q.nextRetryTime));
      return;
    }
    const req = sendRequirement({ nextHopDomain: route.domain, tlsSendDomainSecureList: snap.config.tlsSendDomainSecureList, connector: c });
    const maxSize = [c.maxMessageSize, snap.config.maxSendSize].filter((x) => x > 0);
    if (maxSize.length && env.size > Math.min(...maxSize)) {
      for (const r of rcpts) {
        r.status = 'Failed';
        r.result = '552 5.3.4 Message size exceeds fixed maximum message size';
        failed.push({ address: r.address, reply: r.result });
      }
      return;
    }
    let sessionFailure: string | undefined;
    let domainSecureFailure = false;
    if ('blocked' in req) {
      sessionFailure = formatReply(req.blocked);
      domainSecureFailure = true;
      this.deferRecipients(rcpts, sessionFailure, true);
    } else {
      let hosts;
      try {
        hosts = await nextHopHosts(snap, route, this.env.resolveMx ?? systemMxResolver);
      } catch (e) {
        const reply = e instanceof RoutingError ? formatReply(e.reply) : `451 4.4.0 ${(e as Error).message}`;
        if (e instanceof RoutingError && e.permanent) {
          for (const r of rcpts) {
            r.status = 'Failed';
            r.result = reply;
            failed.push({ address: r.address, reply });
          }
          return;
        }
        hosts = undefined;
        sessionFailure = reply;
        this.deferRecipients(rcpts, reply, true);
      }
      if (hosts) {
        const body = c.usage?.toLowerCase() === 'internal' ? content : removeHeaders(content, (n) => n.toLowerCase().startsWith('x-ms-exchange-organization-'));
        const cred = this.credential(c.fqdn);
        const res = await sendToNextHop({
          hosts,
          nextHopDomain: route.domain,
          connectorName: c.name,
          ehloName: c.fqdn || snap.server.fqdn,
          requirement: req,
          credential: cred?.credential,
          secureContext: cred?.context,
          pool: this.hopPool,
          validatePeer: (chain, domain, purpose) => this.validatePeer(chain, domain, purpose),
          log: c.protocolLoggingLevel === 'Verbose' ? this.protocolLog('Send') : undefined,
          from: env.mailFrom,
          to: rcpts.map((r) => r.address),
          content: body,
          messageContext: env.receive?.receiveContext || `${env.id};${env.receivedAt};1`,
          timeoutMs: snap.server.sendConnectTimeoutMs,
        });
        this.counters.add('outboundConnectionsTotal', res.connections);
        const byAddr = new Map(res.recipients.map((o) => [o.address.toLowerCase(), o]));
        const sent: RecipientRecord[] = [];
        const retry: RecipientRecord[] = [];
        for (const r of rcpts) {
          const o = byAddr.get(r.address.toLowerCase());
          if (o?.ok) {
            r.status = 'Sent';
            r.result = o.reply;
            r.completedAt = new Date().toISOString();
            sent.push(r);
          } else if (o?.permanent) {
            r.status = 'Failed';
            r.result = o.reply;
            r.completedAt = new Date().toISOString();
            failed.push({ address: r.address, reply: o.reply, remoteMta: res.host });
          } else retry.push(r);
        }
        if (sent.length) {
          this.counters.add('messagesSentTotal');
          if (res.domainSecured) this.counters.add('domainSecureMessagesSent');
          this.track({
            source: 'SMTP',
            eventId: 'SEND',
            ...this.messageFields(env),
            serverIp: res.host?.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''),
            connectorId: c.name,
            sourceContext: env.receive?.receiveContext,
            recipients: sent.map((r) => r.address),
            recipientStatus: sent.map((r) => r.result ?? ''),
            messageInfo: res.domainSecured ? `DomainSecured;${route.domain}` : res.tls ? `TLS;${res.tls.protocol};${res.tls.cipher}` : undefined,
          });
        }
        if (res.error) {
          sessionFailure = res.error.reply;
          domainSecureFailure = req.domainSecure;
        }
        if (retry.length) {
          const reply = res.error?.reply ?? byAddr.get(retry[0]!.address.toLowerCase())?.reply ?? '451 4.4.0 Delivery deferred';
          this.deferRecipients(retry, reply, true);
          if (!res.error) {
            this.track({ source: 'SMTP', eventId: 'DEFER', ...this.messageFields(env), connectorId: c.name, recipients: retry.map((r) => r.address), recipientStatus: retry.map((r) => r.lastError ?? '') });
          }
        }
      }
    }
    if (sessionFailure) {
      this.counters.add('outboundConnectionFailures');
      if (domainSecureFailure || req.domainSecure) this.counters.add('domainSecureOutboundSessionFailures');
      q.status = 'Retry';
      q.lastError = sessionFailure;
      q.lastRetryTime = new Date().toISOString();
      q.nextRetryTime = rcpts.find((r) => r.status === 'Retry')?.nextRetry ?? new Date(Date.now() + this.retryInterval(1)).toISOString();
      const waiting = rcpts.filter((r) => r.status === 'Retry');
      if (waiting.length) this.track({ source: 'SMTP', eventId: 'DEFER', ...this.messageFields(env), connectorId: c.name, recipients: waiting.map((r) => r.address), recipientStatus: waiting.map(() => sessionFailure!) });
    } else {
      q.status = 'Ready';
      q.lastError = undefined;
      q.nextRetryTime = undefined;
      q.lastRetryTime = new Date().toISOString();
    }
    this.saveQueueStates();
  }

  /** FAIL for the recipients, and an NDR to the sender (never for a DSN or the null sender). */
  private nonDelivery(entry: SpoolEntry, content: Buffer, failed: FailedRecipient[], snap: TransportSnapshot): void {
    const env = entry.envelope;
    this.counters.add('messagesFailedTotal', failed.length);
    this.track({ source: 'SMTP', eventId: 'FAIL', ...this.messageFields(env), recipients: failed.map((f) => f.address), recipientStatus: failed.map((f) => f.reply) });
    if (!env.mailFrom || env.source === 'DSN') return;
    const n = env.ndrCount ?? 0;
    const id = `${env.id}N${n}`;
    const def = snap.acceptedDomains.find((d) => d.default) ?? snap.acceptedDomains.find((d) => d.domainType.toLowerCase() === 'authoritative');
    const postmaster = `postmaster@${def?.domainName.replace(/^\*\./, '') ?? snap.server.fqdn}`;
    const ndr = buildNdr({ fqdn: snap.server.fqdn, postmaster, original: env, originalContent: content, failed });
    if (!this.spool.exists(id)) {
      const dsn = this.spool.accept(
        {
          id,
          receivedAt: new Date().toISOString(),
          mailFrom: '',
          recipients: [{ address: env.mailFrom, status: 'Ready', attempts: 0 }],
          messageId: ndr.messageId,
          subject: ndr.subject,
          source: 'DSN',
          dsnFor: env.id,
        },
        ndr.content,
      );
      this.enqueue(dsn, ndr.content);
      this.track({
        source: 'DSN',
        eventId: 'DSN',
        internalMessageId: id,
        messageId: ndr.messageId,
        totalBytes: ndr.content.length,
        recipientCount: 1,
        messageSubject: ndr.subject,
        sender: postmaster,
        returnPath: '',
        recipients: [env.mailFrom],
        recipientStatus: [],
        relatedRecipientAddress: failed.map((f) => f.address).join(';'),
        reference: [env.messageId],
      });
    }
    env.ndrCount = n + 1;
    this.spool.update(entry);
  }

  /** The queue-length gauges, from the state directories' names (the periodic tick). */
  private updateGauges(): void {
    try {
      const count = (s: SpoolState) => fs.readdirSync(this.spool.dirs[s]).filter((n) => n.endsWith('.json')).length;
      const retry = count('deferred');
      this.counters.set('aggregateQueueLength', count('incoming') + count('active') + retry);
      this.counters.set('retryQueueLength', retry);
    } catch {
      /* gauges are best effort */
    }
  }
}

/** When a deferred message is next due: its earliest pending retry. */
function nextDue(e: SpoolEntry): number {
  const times = pendingRecipients(e.envelope)
    .map((r) => (r.nextRetry ? Date.parse(r.nextRetry) : 0))
    .filter((t) => Number.isFinite(t));
  return times.length ? Math.min(...times) : 0;
}

export { SUBMISSION };

/** Accepted messages whose content the queue manager holds in memory while they wait for their turn. */
const READY_CONTENTS_HELD = 256;
/** How long a journaled message may wait in the queue manager's hands before it gets its control file. */
const BACKLOG_VISIBLE_MS = 2_000;

/** A message the queue manager is to start: handed over in memory, or found in incoming/. */
interface ReadyMessage {
  entry?: SpoolEntry;
  content?: Buffer;
  /** When it was handed over (a journaled one that waits long gets its control file). */
  since?: number;
}
