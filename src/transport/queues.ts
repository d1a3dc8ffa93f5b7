// Queues as Get-Queue shows them: one per next hop, derived from the spool (the truth) and the
// per-queue retry state the running service keeps in EDGESHELL_HOME/transport/queues.json. Any
// process on the home can read them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pendingRecipients, type Spool, type SpoolEntry } from './spool.js';

export type QueueStatus = 'Active' | 'Ready' | 'Retry' | 'Suspended';

export interface QueueState {
  nextHop: string;
  deliveryType: string;
  status: 'Ready' | 'Retry';
  lastError?: string;
  nextRetryTime?: string;
  lastRetryTime?: string;
  tlsDomain?: string;
}

export const SUBMISSION = 'Submission';

export function queueStateFile(home: string): string {
  return path.join(home, 'transport', 'queues.json');
}

export function readQueueStates(home: string): Record<string, QueueState> {
  try {
    return JSON.parse(fs.readFileSync(queueStateFile(home), 'utf8')) as Record<string, QueueState>;
  } catch {
    return {};
  }
}

let seq = 0;
export function writeQueueStates(home: string, states: Record<string, QueueState>): void {
  const file = queueStateFile(home);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++seq}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(states));
  fs.renameSync(tmp, file);
}

export interface QueueInfo {
  identity: string;
  deliveryType: string;
  status: QueueStatus;
  messageCount: number;
  nextHopDomain: string;
  tlsDomain: string;
  lastError: string;
  nextRetryTime?: Date;
  lastRetryTime?: Date;
}

export interface MessageInfo {
  identity: string;
  queue: string;
  internalId: string;
  fromAddress: string;
  status: QueueStatus;
  size: number;
  subject: string;
  internetMessageId: string;
  recipients: string[];
  lastError: string;
  retryCount: number;
  dateReceived: Date;
  expirationTime?: Date;
  sourceName: string;
  domainSecured: boolean;
}

const key = (x: string) => x.toLowerCase();

/** The queue of each pending recipient of a message: its next hop, or Submission before routing. */
function queuesOf(e: SpoolEntry): Map<string, { deliveryType: string; tlsDomain?: string; recipients: string[]; lastError?: string; retry: boolean; attempts: number; nextRetry?: string }> {
  const m = new Map<string, { deliveryType: string; tlsDomain?: string; recipients: string[]; lastError?: string; retry: boolean; attempts: number; nextRetry?: string }>();
  for (const r of pendingRecipients(e.envelope)) {
    const hop = e.state === 'incoming' && r.status === 'Ready' ? SUBMISSION : (r.nextHop ?? SUBMISSION);
    const q = m.get(hop) ?? { deliveryType: hop === SUBMISSION ? 'Undefined' : (r.deliveryType ?? 'Undefined'), tlsDomain: r.tlsDomain, recipients: [], retry: false, attempts: 0 };
    q.recipients.push(r.address);
    if (r.status === 'Retry') q.retry = true;
    if (r.lastError) q.lastError = r.lastError;
    if (r.nextRetry && (!q.nextRetry || r.nextRetry < q.nextRetry)) q.nextRetry = r.nextRetry;
    q.attempts = Math.max(q.attempts, r.attempts);
    m.set(hop, q);
  }
  return m;
}

export function listQueues(server: string, spool: Spool, states: Record<string, QueueState>): QueueInfo[] {
  const out = new Map<string, QueueInfo>();
  const get = (hop: string, deliveryType: string, tlsDomain?: string) => {
    let q = out.get(key(hop));
    if (!q) {
      const st = states[key(hop)];
      q = {
        identity: `${server}\\${hop}`,
        deliveryType: st?.deliveryType ?? deliveryType,
        status: st?.status ?? 'Ready',
        messageCount: 0,
        nextHopDomain: hop === SUBMISSION ? '' : hop,
        tlsDomain: st?.tlsDomain ?? tlsDomain ?? '',
        lastError: st?.status === 'Retry' ? (st.lastError ?? '') : '',
        nextRetryTime: st?.status === 'Retry' && st.nextRetryTime ? new Date(st.nextRetryTime) : undefined,
        lastRetryTime: st?.lastRetryTime ? new Date(st.lastRetryTime) : undefined,
      };
      out.set(key(hop), q);
    }
    return q;
  };
  get(SUBMISSION, 'Undefined');
  for (const e of spool.list()) {
    for (const [hop, info] of queuesOf(e)) {
      const q = get(hop, info.deliveryType, info.tlsDomain);
      q.messageCount++;
      if (e.state === 'active') q.status = 'Active';
      else if (info.retry && q.status !== 'Active') {
        q.status = 'Retry';
        if (!q.lastError && info.lastError) q.lastError = info.lastError;
        if (!q.nextRetryTime && info.nextRetry) q.nextRetryTime = new Date(info.nextRetry);
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.nextHopDomain === '' ? -1 : b.nextHopDomain === '' ? 1 : a.identity.localeCompare(b.identity)));
}

export function listMessages(server: string, spool: Spool, expirationMs: number): MessageInfo[] {
  const out: MessageInfo[] = [];
  for (const e of spool.list()) {
    const env = e.envelope;
    for (const [hop, info] of queuesOf(e)) {
      const status: QueueStatus = e.state === 'active' ? 'Active' : info.retry ? 'Retry' : 'Ready';
      out.push({
        identity: `${server}\\${hop}\\${env.id}`,
        queue: `${server}\\${hop}`,
        internalId: env.id,
        fromAddress: env.mailFrom,
        status,
        size: env.size,
        subject: env.subject,
        internetMessageId: env.messageId,
        recipients: info.recipients,
        lastError: info.lastError ?? '',
        retryCount: info.attempts,
        dateReceived: new Date(env.receivedAt),
        expirationTime: expirationMs > 0 ? new Date(Date.parse(env.receivedAt) + expirationMs) : undefined,
        sourceName: env.source === 'DSN' ? 'DSN' : `SMTP:${env.receive?.connector.split('\\').pop() ?? ''}`,
        domainSecured: !!env.receive?.domainSecured,
      });
    }
  }
  return out;
}

/** `Server\hop`, `hop`, or a wildcard of either, case-insensitive. */
export function queueIdentityMatches(pattern: string, identity: string): boolean {
  const p = pattern.trim().toLowerCase();
  const id = identity.toLowerCase();
  const hop = id.slice(id.indexOf('\\') + 1);
  const re = (s: string) => new RegExp('^' + s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return re(p).test(id) || re(p).test(hop);
}
