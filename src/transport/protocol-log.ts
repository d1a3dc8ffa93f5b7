// SMTP protocol logs as Exchange writes them: RECVyyyymmdd-n.LOG under ProtocolLog/SmtpReceive and
// SENDyyyymmdd-n.LOG under ProtocolLog/SmtpSend, one CSV record per event of a session:
// `+` connect, `-` disconnect, `>` sent, `<` received, `*` information (certificates, messages).
// Only connectors with ProtocolLoggingLevel Verbose log.
import * as fs from 'node:fs';
import { csvLine, parseCsv } from './csv.js';
import { RollingLogFile, logFilesToRead } from './logfile.js';
import type { CertificateDescription } from './types.js';

export const EXCHANGE_VERSION = '8.3.83.6';
export const PROTOCOL_LOG_FIELDS = ['date-time', 'connector-id', 'session-id', 'sequence-number', 'local-endpoint', 'remote-endpoint', 'event', 'data', 'context'] as const;
export const PROTOCOL_LOG_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type ProtocolEvent = '+' | '-' | '>' | '<' | '*';
export type ProtocolLogKind = 'Receive' | 'Send';

export interface ProtocolLogRecord {
  dateTime: string;
  connectorId: string;
  sessionId: string;
  sequenceNumber: number;
  localEndpoint: string;
  remoteEndpoint: string;
  event: ProtocolEvent;
  data: string;
  context: string;
}

const DOTNET_EPOCH_MS = 62135596800000;

/** .NET DateTime ticks (100 ns since 0001-01-01) of a JavaScript time. */
export function dotnetTicks(ms: number): bigint {
  return (BigInt(ms) + BigInt(DOTNET_EPOCH_MS)) * 10000n;
}
let lastTicks = 0n;

/** A session id as Exchange prints it: the .NET tick count in 16 hex digits, unique in this process. */
export function newSessionId(now = Date.now()): string {
  let t = dotnetTicks(now);
  if (t <= lastTicks) t = lastTicks + 1n;
  lastTicks = t;
  return t.toString(16).toUpperCase().padStart(16, '0');
}

export function protocolLogHeader(kind: ProtocolLogKind, created: Date): string[] {
  return [
    '#Software: Microsoft Exchange Server',
    `#Version: ${EXCHANGE_VERSION}`,
    `#Log-type: SMTP ${kind} Protocol Log`,
    `#Date: ${created.toISOString()}`,
    `#Fields: ${PROTOCOL_LOG_FIELDS.join(',')}`,
  ];
}

/** The `*` lines Exchange writes for a certificate, in order: label, subject, issuer, serial, thumbprint, names. */
export function certificateEvents(label: 'Sending certificate' | 'Received certificate', cert: CertificateDescription): [string, string][] {
  return [
    ['', label],
    [cert.subject, 'Certificate subject'],
    [cert.issuer, 'Certificate issuer name'],
    [cert.serialNumber, 'Certificate serial number'],
    [cert.thumbprint, 'Certificate thumbprint'],
    [cert.alternateNames, 'Certificate alternate names'],
  ];
}

export class ProtocolLog {
  private readonly file: RollingLogFile;
  private readonly now: () => Date;

  constructor(
    readonly dir: string,
    readonly kind: ProtocolLogKind,
    opts: { maxFileSize?: number; now?: () => Date; onError?: (e: Error) => void; busyFlushMs?: number } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.file = new RollingLogFile({
      dir,
      prefix: kind === 'Receive' ? 'RECV' : 'SEND',
      header: (d) => protocolLogHeader(kind, d),
      maxFileSize: opts.maxFileSize ?? PROTOCOL_LOG_MAX_FILE_SIZE,
      now: opts.now,
      onError: opts.onError,
      busyFlushMs: opts.busyFlushMs,
    });
  }

  get currentFile(): string | undefined {
    return this.file.currentFile;
  }

  session(connectorId: string, localEndpoint: string, remoteEndpoint: string, sessionId = newSessionId()): ProtocolLogSession {
    return new ProtocolLogSession(this, connectorId, sessionId, localEndpoint, remoteEndpoint);
  }

  write(r: Omit<ProtocolLogRecord, 'dateTime'> & { dateTime?: string }): void {
    this.file.append([
      csvLine([r.dateTime ?? this.now().toISOString(), r.connectorId, r.sessionId, r.sequenceNumber, r.localEndpoint, r.remoteEndpoint, r.event, r.data, r.context]),
    ]);
  }

  /** Writes what is buffered now (lines otherwise reach the file at the end of the event loop's turn, or within BUSY_FLUSH_MS while busy). */
  flush(): void {
    this.file.flush();
  }

  close(): void {
    this.file.close();
  }
}

/** The events of one SMTP session; sequence numbers count from 0. A session without a log writes nothing. */
export class ProtocolLogSession {
  private seq = 0;
  readonly started = new Date();

  constructor(
    private readonly log: ProtocolLog | undefined,
    public readonly connectorId: string,
    public readonly sessionId: string,
    public localEndpoint: string,
    public remoteEndpoint: string,
  ) {}

  get enabled(): boolean {
    return !!this.log;
  }

  event(event: ProtocolEvent, data = '', context = ''): void {
    if (!this.log) return;
    this.log.write({
      connectorId: this.connectorId,
      sessionId: this.sessionId,
      sequenceNumber: this.seq++,
      localEndpoint: this.localEndpoint,
      remoteEndpoint: this.remoteEndpoint,
      event,
      data,
      context,
    });
  }

  connect(): void {
    this.event('+');
  }
  disconnect(context = ''): void {
    this.event('-', '', context);
  }
  /** One record per line of a (multi-line) reply or command. */
  sent(text: string): void {
    for (const l of text.split(/\r?\n/)) if (l !== '') this.event('>', l);
  }
  received(text: string): void {
    for (const l of text.split(/\r?\n/)) if (l !== '') this.event('<', l);
  }
  info(data: string, context: string): void {
    this.event('*', data, context);
  }
  certificate(label: 'Sending certificate' | 'Received certificate', cert: CertificateDescription): void {
    for (const [d, c] of certificateEvents(label, cert)) this.info(d, c);
  }
}

/** A session that logs nothing (ProtocolLoggingLevel None). */
export function silentSession(connectorId: string, local: string, remote: string): ProtocolLogSession {
  return new ProtocolLogSession(undefined, connectorId, newSessionId(), local, remote);
}

/** Reads every record of a protocol log directory (oldest file first). */
export function readProtocolLog(dir: string, kind: ProtocolLogKind): ProtocolLogRecord[] {
  const out: ProtocolLogRecord[] = [];
  for (const f of logFilesToRead(dir, kind === 'Receive' ? 'RECV' : 'SEND')) {
    for (const row of parseCsv(fs.readFileSync(f, 'utf8'))) {
      out.push({
        dateTime: row[0] ?? '',
        connectorId: row[1] ?? '',
        sessionId: row[2] ?? '',
        sequenceNumber: Number(row[3] ?? 0),
        localEndpoint: row[4] ?? '',
        remoteEndpoint: row[5] ?? '',
        event: (row[6] ?? '*') as ProtocolEvent,
        data: row[7] ?? '',
        context: row[8] ?? '',
      });
    }
  }
  return out;
}

/** A record as the seed's sample shows it: `>220 ...`, `*CN=edgea36, Certificate subject`, `*Sending certificate`. */
export function sampleLine(r: Pick<ProtocolLogRecord, 'event' | 'data' | 'context'>): string {
  if (r.event === '*') return '*' + (r.data && r.context ? `${r.data}, ${r.context}` : r.data || r.context);
  return r.event + r.data;
}

