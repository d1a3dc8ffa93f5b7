// Message tracking: MSGTRKyyyymmdd-n.LOG, one CSV record per event of a message's life
// (RECEIVE, SEND, DELIVER, FAIL, DEFER, DSN), read back by Get-MessageTrackingLog.
import * as fs from 'node:fs';
import { csvLine, parseCsv } from './csv.js';
import { RollingLogFile, logFilesToRead } from './logfile.js';
import { EXCHANGE_VERSION } from './protocol-log.js';

export const TRACKING_FIELDS = [
  'date-time',
  'client-ip',
  'client-hostname',
  'server-ip',
  'server-hostname',
  'source-context',
  'connector-id',
  'source',
  'event-id',
  'internal-message-id',
  'message-id',
  'recipient-address',
  'recipient-status',
  'total-bytes',
  'recipient-count',
  'related-recipient-address',
  'reference',
  'message-subject',
  'sender-address',
  'return-path',
  'message-info',
] as const;

export type TrackingEventId = 'RECEIVE' | 'SEND' | 'DELIVER' | 'FAIL' | 'DEFER' | 'DSN' | 'SUBMIT' | 'RESUBMIT';
export type TrackingSource = 'SMTP' | 'STOREDRIVER' | 'DSN' | 'ROUTING' | 'QUEUE' | 'AGENT';

export interface TrackingEvent {
  timestamp: Date;
  clientIp?: string;
  clientHostname?: string;
  serverIp?: string;
  serverHostname?: string;
  sourceContext?: string;
  connectorId?: string;
  source: TrackingSource;
  eventId: TrackingEventId;
  internalMessageId: string;
  messageId: string;
  recipients: string[];
  recipientStatus: string[];
  totalBytes: number;
  recipientCount: number;
  relatedRecipientAddress?: string;
  reference?: string[];
  messageSubject: string;
  sender: string;
  returnPath: string;
  messageInfo?: string;
}

export const TRACKING_MAX_FILE_SIZE = 10 * 1024 * 1024;

export function trackingHeader(created: Date): string[] {
  return [
    '#Software: Microsoft Exchange Server',
    `#Version: ${EXCHANGE_VERSION}`,
    '#Log-type: Message Tracking Log',
    `#Date: ${created.toISOString()}`,
    `#Fields: ${TRACKING_FIELDS.join(',')}`,
  ];
}

export class MessageTrackingLog {
  private readonly file: RollingLogFile;

  constructor(
    readonly dir: string,
    opts: { maxFileSize?: number; now?: () => Date; enabled?: boolean; onError?: (e: Error) => void } = {},
  ) {
    this.enabled = opts.enabled ?? true;
    this.file = new RollingLogFile({ dir, prefix: 'MSGTRK', header: trackingHeader, maxFileSize: opts.maxFileSize ?? TRACKING_MAX_FILE_SIZE, now: opts.now, onError: opts.onError });
  }

  enabled: boolean;
  /** MessageTrackingLogSubjectLoggingEnabled: false leaves subjects out. */
  subjectLogging = true;

  write(e: TrackingEvent): void {
    if (!this.enabled) return;
    this.file.append([
      csvLine([
        e.timestamp.toISOString(),
        e.clientIp,
        e.clientHostname,
        e.serverIp,
        e.serverHostname,
        e.sourceContext,
        e.connectorId,
        e.source,
        e.eventId,
        e.internalMessageId,
        e.messageId,
        e.recipients.join(';'),
        e.recipientStatus.join(';'),
        e.totalBytes,
        e.recipientCount,
        e.relatedRecipientAddress,
        e.reference?.join(';'),
        this.subjectLogging ? e.messageSubject : '',
        e.sender,
        e.returnPath,
        e.messageInfo,
      ]),
    ]);
  }

  close(): void {
    this.file.close();
  }
}

const list = (s: string | undefined) => (s ? s.split(';').filter((x) => x !== '') : []);

function fromRow(row: string[]): TrackingEvent | undefined {
  const t = new Date(row[0] ?? '');
  if (Number.isNaN(t.getTime())) return undefined;
  const opt = (i: number) => (row[i] ? row[i] : undefined);
  return {
    timestamp: t,
    clientIp: opt(1),
    clientHostname: opt(2),
    serverIp: opt(3),
    serverHostname: opt(4),
    sourceContext: opt(5),
    connectorId: opt(6),
    source: (row[7] ?? 'SMTP') as TrackingSource,
    eventId: (row[8] ?? '') as TrackingEventId,
    internalMessageId: row[9] ?? '',
    messageId: row[10] ?? '',
    recipients: list(row[11]),
    recipientStatus: list(row[12]),
    totalBytes: Number(row[13] || 0),
    recipientCount: Number(row[14] || 0),
    relatedRecipientAddress: opt(15),
    reference: row[16] ? list(row[16]) : undefined,
    messageSubject: row[17] ?? '',
    sender: row[18] ?? '',
    returnPath: row[19] ?? '',
    messageInfo: opt(20),
  };
}

export interface TrackingQuery {
  start?: Date;
  end?: Date;
  sender?: string;
  /** An event matches when any of its recipients is one of these (case-insensitive). */
  recipients?: string[];
  eventId?: string;
  messageId?: string;
  internalMessageId?: string;
  messageSubject?: string;
  /** Default 1000, as Exchange; 0 or Infinity for unlimited. */
  resultSize?: number;
}

const stripBrackets = (s: string) => s.trim().replace(/^<|>$/g, '').toLowerCase();

/** Reads tracking events oldest first, filtered as Get-MessageTrackingLog does. */
export function readTrackingLog(dir: string, q: TrackingQuery = {}): TrackingEvent[] {
  const out: TrackingEvent[] = [];
  const limit = q.resultSize === undefined ? 1000 : q.resultSize <= 0 ? Infinity : q.resultSize;
  const rcpts = q.recipients?.map((r) => r.toLowerCase());
  for (const f of logFilesToRead(dir, 'MSGTRK')) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const row of parseCsv(text)) {
      const e = fromRow(row);
      if (!e) continue;
      if (q.start && e.timestamp < q.start) continue;
      if (q.end && e.timestamp > q.end) continue;
      if (q.sender && e.sender.toLowerCase() !== q.sender.toLowerCase()) continue;
      if (rcpts && !e.recipients.some((r) => rcpts.includes(r.toLowerCase()))) continue;
      if (q.eventId && e.eventId.toLowerCase() !== q.eventId.toLowerCase()) continue;
      if (q.messageId && stripBrackets(e.messageId) !== stripBrackets(q.messageId)) continue;
      if (q.internalMessageId && e.internalMessageId !== q.internalMessageId) continue;
      if (q.messageSubject && !e.messageSubject.toLowerCase().includes(q.messageSubject.toLowerCase())) continue;
      out.push(e);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
