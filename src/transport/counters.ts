// Performance counters of the transport. The running service keeps them in memory and replaces
// EDGESHELL_HOME/transport/counters.json atomically on every change, so Get-Counter in another
// shell on the same home reads live values. Values restart from 0 when the service starts, as a
// Windows performance counter instance does.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CounterDef {
  name: string;
  key: CounterKey;
  help: string;
  /** Windows counter type name, shown as CounterType. */
  type: 'NumberOfItems64' | 'NumberOfItems32';
}

export interface CounterSetDef {
  name: string;
  description: string;
  /** Instances as Windows names them (lower case in sample paths). */
  instances: string[];
  counters: CounterDef[];
}

export type CounterKey =
  | 'domainSecureMessagesReceived'
  | 'domainSecureMessagesSent'
  | 'domainSecureOutboundSessionFailures'
  | 'messagesReceivedTotal'
  | 'inboundConnectionsCurrent'
  | 'inboundConnectionsTotal'
  | 'messageBytesReceivedTotal'
  | 'messagesSentTotal'
  | 'outboundConnectionsTotal'
  | 'outboundConnectionFailures'
  | 'aggregateQueueLength'
  | 'retryQueueLength'
  | 'messagesDeliveredTotal'
  | 'messagesFailedTotal';

export const COUNTER_SETS: CounterSetDef[] = [
  {
    name: 'MSExchange Secure Mail Transport',
    description: 'Counters of domain-secured (mutual TLS) mail exchanged with partner domains.',
    instances: ['_total'],
    counters: [
      { name: 'Domain Secure Messages Received', key: 'domainSecureMessagesReceived', type: 'NumberOfItems64', help: 'Messages received in domain-secured sessions.' },
      { name: 'Domain Secure Messages Sent', key: 'domainSecureMessagesSent', type: 'NumberOfItems64', help: 'Messages sent in domain-secured sessions.' },
      { name: 'Domain Secure Outbound Session Failures', key: 'domainSecureOutboundSessionFailures', type: 'NumberOfItems64', help: 'Outbound sessions to secure domains that failed.' },
    ],
  },
  {
    name: 'MSExchangeTransport SmtpReceive',
    description: 'SMTP receive connectors.',
    instances: ['_total'],
    counters: [
      { name: 'Messages Received Total', key: 'messagesReceivedTotal', type: 'NumberOfItems64', help: 'Messages accepted (250 after DATA).' },
      { name: 'Message Bytes Received Total', key: 'messageBytesReceivedTotal', type: 'NumberOfItems64', help: 'Bytes of accepted messages.' },
      { name: 'Inbound Connections Current', key: 'inboundConnectionsCurrent', type: 'NumberOfItems32', help: 'Open inbound SMTP sessions.' },
      { name: 'Inbound Connections Total', key: 'inboundConnectionsTotal', type: 'NumberOfItems64', help: 'Inbound SMTP sessions since the start.' },
    ],
  },
  {
    name: 'MSExchangeTransport SmtpSend',
    description: 'SMTP send connectors.',
    instances: ['_total'],
    counters: [
      { name: 'Messages Sent Total', key: 'messagesSentTotal', type: 'NumberOfItems64', help: 'Messages handed to a next hop.' },
      { name: 'Connections Total', key: 'outboundConnectionsTotal', type: 'NumberOfItems64', help: 'Outbound SMTP sessions opened.' },
      { name: 'Connection Failures', key: 'outboundConnectionFailures', type: 'NumberOfItems64', help: 'Outbound sessions that failed.' },
    ],
  },
  {
    name: 'MSExchangeTransport Queues',
    description: 'The delivery queues.',
    instances: ['_total'],
    counters: [
      { name: 'Aggregate Delivery Queue Length (All Queues)', key: 'aggregateQueueLength', type: 'NumberOfItems32', help: 'Messages waiting in the queues.' },
      { name: 'Retry Remote Delivery Queue Length', key: 'retryQueueLength', type: 'NumberOfItems32', help: 'Messages waiting for a retry.' },
      { name: 'Messages Delivered Total', key: 'messagesDeliveredTotal', type: 'NumberOfItems64', help: 'Messages delivered to local mailboxes.' },
      { name: 'Messages Failed Total', key: 'messagesFailedTotal', type: 'NumberOfItems64', help: 'Recipients that failed permanently (NDR).' },
    ],
  },
];

export type CounterValues = Record<CounterKey, number>;

export function zeroCounters(): CounterValues {
  const v = {} as CounterValues;
  for (const s of COUNTER_SETS) for (const c of s.counters) v[c.key] = 0;
  return v;
}

export interface CounterSnapshot {
  /** The transport process that owns them. */
  pid: number;
  startedAt: string;
  updatedAt: string;
  values: CounterValues;
}

export function counterFile(home: string): string {
  return path.join(home, 'transport', 'counters.json');
}

/**
 * The live counters. In this process they are exact at once; the file other shells read is
 * rewritten at most every `flushMs` (rewriting it per event cost a quarter of the server's CPU
 * under load), and at once by flush() when the service stops.
 */
export class CounterStore {
  readonly values = zeroCounters();
  private readonly startedAt = new Date().toISOString();
  private seq = 0;
  private pending?: NodeJS.Timeout;

  constructor(
    readonly file: string,
    private readonly flushMs = 100,
  ) {
    this.flush();
  }

  add(key: CounterKey, n = 1): void {
    this.values[key] += n;
    this.schedule();
  }

  set(key: CounterKey, v: number): void {
    if (this.values[key] === v) return;
    this.values[key] = v;
    this.schedule();
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => this.flush(), this.flushMs);
    this.pending.unref();
  }

  get(key: CounterKey): number {
    return this.values[key];
  }

  /** Atomic replace without fsync: counters are live values, not data to keep. Never throws. */
  flush(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    const snap: CounterSnapshot = { pid: process.pid, startedAt: this.startedAt, updatedAt: new Date().toISOString(), values: this.values };
    const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(snap));
      fs.renameSync(tmp, this.file);
    } catch {
      // a full disk must not stop mail flow; readers see the previous values
      fs.rmSync(tmp, { force: true });
    }
  }
}

/** The last values written on this home (zeros when the transport never ran). */
export function readCounters(home: string): CounterSnapshot {
  try {
    const snap = JSON.parse(fs.readFileSync(counterFile(home), 'utf8')) as CounterSnapshot;
    return { ...snap, values: { ...zeroCounters(), ...snap.values } };
  } catch {
    return { pid: 0, startedAt: '', updatedAt: '', values: zeroCounters() };
  }
}
