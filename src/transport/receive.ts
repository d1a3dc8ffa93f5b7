// The receive side: one smtp-server listener per binding. Every connection is matched to its
// receive connector (binding, then the most specific RemoteIPRanges) and gets that connector's
// options (FQDN, limits, STARTTLS with the SMTP certificate, a client certificate request when
// domain security is on) through a per-connection view of the server. Domain security is decided by
// policy.ts at MAIL FROM; relay at RCPT TO; 250 after DATA only once the spool has the message.
//
// smtp-server internals used (checked against 3.21): SMTPConnection(server, socket, options) reads
// its options, secure context and handlers from `server`, so a per-connection object inheriting from
// the listener carries per-connector settings; send/_onCommand/_sendGreeting are wrapped per
// connection for Exchange's reply texts and the protocol log.
import type * as net from 'node:net';
import * as tls from 'node:tls';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { PromptSmtpConnection, type GreetingDelay } from './connection.js';
import { connectorMayRelay, domainOf, receiveVerdict, relayVerdict } from './policy.js';
import { bestRangeMatch, bindingMatches, bindingText, endpoint, normalizeIp } from './net.js';
import { ProtocolLogSession, silentSession, type ProtocolLog } from './protocol-log.js';
import { decodeWords, foldHeader, headerEnd, headerValue, newMessageId, parseHeaders, removeHeaders, rfc2822Date } from './message.js';
import { clientChain, describeCertificate, exchangeTlsVersion, tlsFacts, type TlsFacts } from './tls.js';
import type { Spool, SpoolEntry } from './spool.js';
import type { MessageTrackingLog } from './tracking.js';
import type { CounterStore } from './counters.js';
import { SmtpReplyError, type Binding, type PeerValidation, type ReceiveConnectorView, type SmtpCredential, type TransportSnapshot } from './types.js';

/** What a listener needs from the running service. */
export interface ReceiveRuntime {
  snapshot(): TransportSnapshot;
  /** The SMTP certificate for a connector FQDN with its TLS context (cached by thumbprint). */
  credential(fqdn: string | undefined): { credential: SmtpCredential; context: tls.SecureContext } | undefined;
  validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server'): Promise<PeerValidation>;
  spool: Spool;
  receiveLog(): ProtocolLog;
  tracking(): MessageTrackingLog;
  counters: CounterStore;
  /** A message was committed to the spool (its content comes along: the queue need not read it back). */
  accepted(entry: SpoolEntry, content: Buffer): void;
  sessionChanged(delta: 1 | -1): void;
  /** Reports an unexpected error (never a client's misbehaviour). */
  warn(message: string): void;
}

interface SessionState {
  connector: ReceiveConnectorView;
  snap: TransportSnapshot;
  conn: SMTPConnection & Internals;
  log: ProtocolLogSession;
  fqdn: string;
  connectorId: string;
  tlsAvailable: boolean;
  credential?: SmtpCredential;
  tls?: TlsFacts;
  peer: Buffer[];
  validations: Map<string, PeerValidation>;
  /** Partner domain of the current transaction. */
  partnerDomain?: string;
  receiveContext?: string;
  messages: number;
  protocolErrors: number;
  closedLocally: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Replies to pipelined commands (RFC 2920: MAIL, RCPT and DATA in one packet, as sending MTAs
 * do it) leave in one TLS record and one write: the TLS socket is corked at the first reply of an
 * event-loop turn and uncorked once the turn's commands are answered, before the server waits for
 * more input (as the RFC asks). Only a TLS socket: a cleartext reply held back when STARTTLS
 * takes over the socket would land inside the handshake. Closing replies (221, 421) are not held.
 */
function coalesceReplies(st: SessionState): void {
  const sock = (st.conn as unknown as { _socket?: net.Socket })._socket;
  if (!st.conn.secure || !sock || sock.writableCorked || sock.destroyed) return;
  sock.cork();
  setImmediate(() => sock.uncork());
}

/** Members of SMTPConnection this module wraps (not in its public typings). */
interface Internals {
  _onCommand(command: Buffer, callback?: () => void): void;
  _sendGreeting(): void;
  _getEnhancedStatusCode(code: number, context?: string | false): string;
  secure: boolean;
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
}

type ConnectionServer = EdgeSmtpServer & { edge?: SessionState };

const ENHANCED = /^\d\.\d{1,3}\.\d{1,3}(?: |$)/;
/** The organization headers' names start so; only the organization's own connectors may set them. */
const ORGANIZATION_PREFIX = 'x-ms-exchange-organization-';
/** A header line that may start an organization header (continuation lines start with white space). */
const ORGANIZATION_HEADER = new RegExp(`^${ORGANIZATION_PREFIX}`, 'im');

export class ReceiveListenerError extends Error {}

/** The connectors that own a connection, best first: RemoteIPRanges specificity decides. */
export function chooseReceiveConnector(snap: TransportSnapshot, localAddress: string, localPort: number, remoteAddress: string): ReceiveConnectorView | undefined {
  let best: ReceiveConnectorView | undefined;
  let bestSize: bigint | undefined;
  for (const c of snap.receiveConnectors) {
    if (!c.enabled || !c.bindings.some((b) => bindingMatches(b, localAddress, localPort))) continue;
    const size = bestRangeMatch(c.remoteIPRanges, remoteAddress);
    if (size === undefined) continue;
    if (bestSize === undefined || size < bestSize) {
      best = c;
      bestSize = size;
    }
  }
  return best;
}

const has = (xs: readonly string[], x: string) => xs.some((v) => v.toLowerCase() === x.toLowerCase());

/** STARTTLS is offered when the connector has Tls (or domain security) and a certificate exists. */
export function connectorWantsTls(c: ReceiveConnectorView): boolean {
  return has(c.authMechanism, 'Tls') || c.domainSecureEnabled || c.requireTLS;
}

const limit = (...xs: number[]) => {
  const v = xs.filter((x) => Number.isFinite(x) && x > 0);
  return v.length ? Math.min(...v) : 0;
};

export class EdgeSmtpServer extends SMTPServer {
  readonly sessions = new Set<SessionState>();

  constructor(
    readonly binding: Binding,
    private readonly rt: ReceiveRuntime,
    /** 'none': the 220 goes out at once (connection.ts); 'library': smtp-server's 100 ms early-talker wait. */
    readonly greetingDelay: GreetingDelay = 'none',
  ) {
    super({
      logger: false,
      disableReverseLookup: true,
      hideENHANCEDSTATUSCODES: false,
      hideDSN: true,
      hideSMTPUTF8: true,
      hideREQUIRETLS: true,
      disabledCommands: ['AUTH'],
      authOptional: true,
      closeTimeout: 10_000,
      heloResponse: '%s Hello %s',
      minVersion: 'TLSv1.2',
    });
    // a client's failure (reset, bad handshake) is not the service's
    this.on('error', (err: NodeJS.ErrnoException) => {
      if (err && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'TLSError', 'SocketError', 'ERR_SSL_WRONG_VERSION_NUMBER'].includes(String(err.code))) return;
      if (err && /TLS|SSL|socket/i.test(err.message)) return;
      rt.warn(`SMTP receive ${bindingText(binding)}: ${err?.message ?? err}`);
    });
  }

  /** Starts listening; a port in use is a clear error. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.server.off('listening', onListening);
        const what = bindingText(this.binding);
        reject(
          new ReceiveListenerError(
            err.code === 'EADDRINUSE'
              ? `The receive connector binding ${what} cannot be used: the address is already in use.`
              : err.code === 'EADDRNOTAVAIL'
                ? `The receive connector binding ${what} cannot be used: the address is not on this computer.`
                : err.code === 'EACCES'
                  ? `The receive connector binding ${what} cannot be used: permission denied (ports below 1024 need privileges).`
                  : `The receive connector binding ${what} cannot be used: ${err.message}`,
          ),
        );
      };
      const onListening = () => {
        this.server.off('error', onError);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.listen(this.binding.port, this.binding.address);
    });
  }

  /** Stops accepting; sessions in flight finish (a new command gets 421), then the rest is cut. */
  stop(graceMs = 10_000): Promise<void> {
    this.options.closeTimeout = graceMs;
    return new Promise((resolve) => this.close(() => resolve()));
  }

  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: Record<string, unknown> | null): void {
    const snap = this.rt.snapshot();
    const local = normalizeIp(socket.localAddress ?? '');
    const remote = normalizeIp(socket.remoteAddress ?? '');
    const connector = chooseReceiveConnector(snap, local, socket.localPort ?? 0, remote);
    const view = Object.create(this) as ConnectionServer;
    if (!connector) {
      // no connector accepts this client: refuse politely and log nothing
      view.options = { ...this.options };
      const conn = new PromptSmtpConnection(view, socket, socketOptions, this.greetingDelay) as SMTPConnection & Internals;
      this.connections.add(conn);
      conn.on('error', () => undefined);
      conn._sendGreeting = () => {
        conn.send(421, '4.3.2 Service not available, closing transmission channel', false);
      };
      conn.init();
      return;
    }
    const fqdn = connector.fqdn || snap.server.fqdn;
    const cred = connectorWantsTls(connector) ? this.rt.credential(connector.fqdn) : undefined;
    const size = limit(connector.maxMessageSize, snap.config.maxReceiveSize);
    view.options = {
      ...this.options,
      name: fqdn,
      size: size || undefined,
      socketTimeout: connector.connectionInactivityTimeoutMs,
      maxCommandLength: connector.maxCommandLength,
      disabledCommands: cred ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      requestCert: !!cred && connector.domainSecureEnabled,
      rejectUnauthorized: false,
    };
    if (cred) view.secureContext = new Map([['*', cred.context]]);
    const conn = new PromptSmtpConnection(view, socket, socketOptions, this.greetingDelay) as SMTPConnection & Internals;
    const log = connector.protocolLoggingLevel === 'Verbose' ? this.rt.receiveLog().session(`${snap.server.name}\\${connector.name}`, endpoint(local, socket.localPort), endpoint(remote, socket.remotePort)) : silentSession('', '', '');
    const st: SessionState = {
      connector,
      snap,
      conn,
      log,
      fqdn,
      connectorId: `${snap.server.name}\\${connector.name}`,
      tlsAvailable: !!cred,
      credential: cred?.credential,
      peer: [],
      validations: new Map(),
      messages: 0,
      protocolErrors: 0,
      closedLocally: false,
    };
    view.edge = st;
    this.instrument(st);
    this.connections.add(conn);
    conn.on('error', (err: Error) => this._onError(err));
    conn.on('connect', (data: Parameters<SMTPServer['_onClientConnect']>[0]) => this._onClientConnect(data));
    conn.init();
  }

  /** Exchange's replies and the protocol log, per connection. */
  private instrument(st: SessionState): void {
    const conn = st.conn;
    const origSend = conn.send.bind(conn) as (code: number, data?: string | string[], context?: string | false) => void;
    const origCommand = conn._onCommand.bind(conn);
    conn.send = ((code: number, data?: string | string[], context?: string | false) => {
      const lines = this.replyLines(st, code, data, context);
      if (code === 221 || code === 421) st.closedLocally = true;
      else coalesceReplies(st);
      origSend(code, lines.length === 1 ? lines[0] : lines, false);
      lines.forEach((l, i) => st.log.sent(`${code}${i < lines.length - 1 ? '-' : ' '}${l}`));
      if (code >= 500 && code <= 504 && ++st.protocolErrors > st.connector.maxProtocolErrors && code !== 421) {
        origSend(421, '4.7.0 Too many errors on this connection, closing transmission channel', false);
        st.log.sent('421 4.7.0 Too many errors on this connection, closing transmission channel');
        st.closedLocally = true;
      }
    }) as typeof conn.send;
    conn._onCommand = (command: Buffer, callback?: () => void) => {
      const line = (command || '').toString();
      st.log.received(/^AUTH\s/i.test(line) ? line.split(/\s+/).slice(0, 2).join(' ') + ' ****' : line);
      origCommand(command, callback);
    };
    conn._sendGreeting = () => {
      const b = st.connector.banner?.trim();
      const text = b ? b.replace(/^220[ -]?/, '') : `${st.fqdn} Microsoft ESMTP MAIL Service ready at ${rfc2822Date(new Date())}`;
      conn.send(220, text, false);
    };
  }

  private replyLines(st: SessionState, code: number, data: string | string[] | undefined, context: string | false | undefined): string[] {
    const conn = st.conn;
    const ip = `[${normalizeIp(conn.remoteAddress)}]`;
    if (Array.isArray(data) && code === 250) {
      // EHLO: Exchange's order of extensions
      const size = limit(st.connector.maxMessageSize, st.snap.config.maxReceiveSize);
      return [
        `${st.fqdn} Hello ${ip}`,
        size ? `SIZE ${size}` : 'SIZE',
        'PIPELINING',
        'ENHANCEDSTATUSCODES',
        ...(!conn.secure && st.tlsAvailable ? ['STARTTLS'] : []),
        '8BITMIME',
      ];
    }
    if (Array.isArray(data)) return data;
    const text = data ?? '';
    if (code === 220 && context === false) return [text];
    if (code === 250 && context === false && !ENHANCED.test(text)) return [`${st.fqdn} Hello ${ip}`];
    return [exchangeReplyText(code, text, context, conn)];
  }

  // ----------------------------------------------------------------------------- SMTP handlers

  override onConnect(session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const st = (this as ConnectionServer).edge;
    if (!st) return callback();
    st.log.connect();
    this.sessions.add(st);
    this.rt.counters.add('inboundConnectionsTotal');
    this.rt.counters.set('inboundConnectionsCurrent', this.rt.counters.get('inboundConnectionsCurrent') + 1);
    this.rt.sessionChanged(1);
    if (st.connector.connectionTimeoutMs > 0) {
      st.timer = setTimeout(() => st.conn.send(421, '4.4.1 Connection timed out'), st.connector.connectionTimeoutMs);
      st.timer.unref();
    }
    const max = st.connector.maxInboundConnections;
    if (max && [...this.sessions].filter((s) => s.connector === st.connector).length > max) {
      return callback(new SmtpReplyError({ code: 421, enhanced: '4.3.2', text: 'The maximum number of concurrent connections has exceeded a limit, closing transmission channel' }));
    }
    callback();
  }

  override onSecure(socket: net.Socket | tls.TLSSocket, _session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const st = (this as ConnectionServer).edge;
    if (!st || !(socket instanceof tls.TLSSocket)) return callback();
    st.tls = tlsFacts(socket);
    st.peer = clientChain(socket);
    st.validations.clear();
    if (st.credential && st.log.enabled) st.log.certificate('Sending certificate', st.credential.description);
    if (st.peer.length && st.log.enabled) {
      try {
        st.log.certificate('Received certificate', describeCertificate(st.peer[0]!));
      } catch (e) {
        st.log.info((e as Error).message, 'Received certificate cannot be read');
      }
    }
    callback();
  }

  override onMailFrom(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const st = (this as ConnectionServer).edge;
    if (!st) return callback();
    this.mailFrom(st, address).then(
      () => callback(),
      (e: Error) => callback(e instanceof SmtpReplyError ? e : new SmtpReplyError({ code: 451, enhanced: '4.3.0', text: 'Temporary server error, please try again later' })),
    );
  }

  private async mailFrom(st: SessionState, address: SMTPServerAddress): Promise<void> {
    st.partnerDomain = undefined;
    const size = limit(st.connector.maxMessageSize, st.snap.config.maxReceiveSize);
    const declared = address.args && typeof address.args.SIZE === 'string' ? Number(address.args.SIZE) : 0;
    if (size && declared > size) throw new SmtpReplyError({ code: 552, enhanced: '5.3.4', text: 'Message size exceeds fixed maximum message size' });
    const facts = {
      senderDomain: domainOf(address.address),
      tlsReceiveDomainSecureList: st.snap.config.tlsReceiveDomainSecureList,
      connector: st.connector,
      startTlsOffered: st.tlsAvailable,
      tls: { active: st.conn.secure, clientCertificate: st.peer.length > 0 },
    };
    let v = receiveVerdict(facts);
    if (v.kind === 'Validate') {
      const domain = v.domain;
      let val = st.validations.get(domain);
      if (!val) {
        val = await this.rt.validatePeer(st.peer, domain, 'client');
        st.validations.set(domain, val);
      }
      if (!val.valid) st.log.info(val.reason, `Certificate validation failed for secure domain ${domain} (${val.status})`);
      v = receiveVerdict({ ...facts, validation: val });
    }
    if (v.kind === 'Reject') throw new SmtpReplyError(v.reply);
    if (v.kind === 'Partner') st.partnerDomain = v.domain;
    st.messages++;
    st.receiveContext = `${st.log.sessionId};${st.log.started.toISOString()};${st.messages}`;
    st.log.info(st.receiveContext, 'receiving message');
  }

  override onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const st = (this as ConnectionServer).edge;
    if (!st) return callback();
    const max = limit(st.connector.maxRecipientsPerMessage, st.snap.config.maxRecipientEnvelopeLimit);
    if (max && session.envelope.rcptTo.length >= max) {
      return callback(new SmtpReplyError({ code: 452, enhanced: '4.5.3', text: 'Too many recipients' }));
    }
    const r = relayVerdict({ recipientDomain: domainOf(address.address), acceptedDomains: st.snap.acceptedDomains, connector: st.connector });
    callback(r.ok ? null : new SmtpReplyError(r.reply));
  }

  override onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): void {
    const st = (this as ConnectionServer).edge;
    if (!st) {
      stream.resume();
      stream.on('end', () => callback(new SmtpReplyError({ code: 451, enhanced: '4.3.0', text: 'Temporary server error, please try again later' })));
      return;
    }
    const max = limit(st.connector.maxMessageSize, st.snap.config.maxReceiveSize);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (over) return;
      if (max && size > max) {
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    stream.on('end', () => {
      if (over || stream.sizeExceeded) return callback(new SmtpReplyError({ code: 552, enhanced: '5.3.4', text: 'Message size exceeds fixed maximum message size' }));
      this.commit(st, session, Buffer.concat(chunks)).then(
        (reply) => callback(null, reply),
        (e: Error) => {
          if (e instanceof SmtpReplyError) return callback(e);
          this.rt.warn(`The message could not be written to the queue: ${e.message}`);
          callback(new SmtpReplyError({ code: 451, enhanced: '4.3.0', text: 'Temporary server error, please try again later' }));
        },
      );
    });
  }

  /** Prepends the trace and organization headers and commits the message to the spool. */
  private async commit(st: SessionState, session: SMTPServerSession, raw: Buffer): Promise<string> {
    const hdrEnd = headerEnd(raw);
    if (st.connector.maxHeaderSize && hdrEnd > st.connector.maxHeaderSize) {
      throw new SmtpReplyError({ code: 552, enhanced: '5.3.4', text: 'Header size exceeds fixed maximum size' });
    }
    const trusted = connectorMayRelay(st.connector);
    // the organization headers are ours: a client outside the organization cannot set them (the
    // header is copied only when it has one)
    let content = trusted || !ORGANIZATION_HEADER.test(raw.toString('latin1', 0, hdrEnd)) ? raw : removeHeaders(raw, (n) => n.toLowerCase().startsWith(ORGANIZATION_PREFIX));
    const headers = parseHeaders(content);
    const spool = this.rt.spool;
    const id = spool.nextId();
    const now = new Date();
    let messageId = headerValue(headers, 'Message-ID');
    const added: string[] = [];
    const conn = st.conn;
    const client = normalizeIp(conn.remoteAddress);
    const server = normalizeIp(conn.localAddress);
    const via = st.tls ? `Microsoft SMTP Server (version=${exchangeTlsVersion(st.tls.protocol)}, cipher=${st.tls.cipher})` : 'Microsoft SMTP Server';
    added.push(foldHeader(`Received: from ${session.hostNameAppearsAs || client} (${client}) by ${st.fqdn} (${server}) with ${via} id ${id}; ${rfc2822Date(now)}`));
    if (!messageId) {
      messageId = newMessageId(st.fqdn);
      added.push(`Message-ID: ${messageId}`);
    }
    const authAs = st.partnerDomain ? 'Partner' : trusted ? 'Internal' : 'Anonymous';
    if (!(trusted && headerValue(headers, 'X-MS-Exchange-Organization-AuthAs'))) {
      added.push(`X-MS-Exchange-Organization-AuthAs: ${authAs}`);
      if (st.partnerDomain) added.push('X-MS-Exchange-Organization-AuthMechanism: 02');
      added.push(`X-MS-Exchange-Organization-AuthSource: ${st.fqdn}`);
      if (st.partnerDomain) added.push(`X-MS-Exchange-Organization-AuthDomain: ${st.partnerDomain}`);
    }
    content = Buffer.concat([Buffer.from(added.join('\r\n') + '\r\n', 'latin1'), content]);
    const subject = decodeWords(headerValue(headers, 'Subject') ?? '');
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const rcpts = session.envelope.rcptTo.map((r) => r.address);
    const entry = await spool.acceptDurable(
      {
        id,
        receivedAt: now.toISOString(),
        mailFrom,
        recipients: rcpts.map((address) => ({ address, status: 'Ready', attempts: 0 })),
        messageId,
        subject,
        source: 'SMTP',
        receive: {
          connector: st.connectorId,
          sessionId: st.log.sessionId,
          receiveContext: st.receiveContext ?? '',
          clientIp: client,
          clientHostname: session.hostNameAppearsAs || client,
          serverIp: server,
          tls: st.tls,
          domainSecured: st.partnerDomain,
          authAs,
        },
      },
      content,
    );
    // the message is durable: everything below is bookkeeping
    try {
      this.rt.tracking().write({
        timestamp: now,
        clientIp: client,
        clientHostname: session.hostNameAppearsAs || client,
        serverIp: server,
        serverHostname: st.fqdn,
        sourceContext: st.receiveContext,
        connectorId: st.connectorId,
        source: 'SMTP',
        eventId: 'RECEIVE',
        internalMessageId: id,
        messageId,
        recipients: rcpts,
        recipientStatus: [],
        totalBytes: entry.envelope.size,
        recipientCount: rcpts.length,
        messageSubject: subject,
        sender: mailFrom,
        returnPath: mailFrom,
        messageInfo: st.partnerDomain ? `DomainSecured;${st.partnerDomain}` : undefined,
      });
      this.rt.counters.add('messagesReceivedTotal');
      this.rt.counters.add('messageBytesReceivedTotal', entry.envelope.size);
      if (st.partnerDomain) this.rt.counters.add('domainSecureMessagesReceived');
    } catch (e) {
      this.rt.warn(`Receive bookkeeping failed: ${(e as Error).message}`);
    }
    this.rt.accepted(entry, content);
    return `2.6.0 ${messageId} Queued mail for delivery`;
  }

  override onClose(session: SMTPServerSession): void {
    const st = (this as ConnectionServer).edge;
    if (!st || !this.sessions.has(st)) return;
    this.sessions.delete(st);
    if (st.timer) clearTimeout(st.timer);
    st.log.disconnect(st.closedLocally ? 'Local' : 'Remote');
    this.rt.counters.set('inboundConnectionsCurrent', Math.max(0, this.rt.counters.get('inboundConnectionsCurrent') - 1));
    this.rt.sessionChanged(-1);
    void session;
  }
}

/** Exchange's wording for the library's replies; texts that already carry an enhanced code pass. */
export function exchangeReplyText(code: number, text: string, context: string | false | undefined, conn?: { _getEnhancedStatusCode(code: number, context?: string | false): string }): string {
  if (ENHANCED.test(text)) return text;
  if (context === 'MAIL_FROM_OK') return '2.1.0 Sender OK';
  if (context === 'RCPT_TO_OK') return '2.1.5 Recipient OK';
  const bare = text.replace(/^Error:\s*/, '');
  switch (code) {
    case 354:
      return 'Start mail input; end with <CRLF>.<CRLF>';
    case 221:
      return '2.0.0 Service closing transmission channel';
    case 220:
      return /Ready to start TLS/i.test(text) ? '2.0.0 SMTP server ready' : text;
    case 421:
      if (/shutting down/i.test(text)) return '4.3.2 Service not available, closing transmission channel';
      if (/timeout/i.test(text)) return '4.4.1 Connection timed out';
      if (/too long/i.test(text)) return '4.5.2 Line too long, closing transmission channel';
      return `4.3.2 ${bare}`;
    case 250:
      if (text === 'OK') return '2.0.0 OK';
      if (text === 'Flushed') return '2.0.0 Resetting';
      break;
    case 500:
      if (/not recognized/i.test(text)) return '5.3.3 Unrecognized command';
      break;
    case 552:
      return '5.3.4 Message size exceeds fixed maximum message size';
    case 452:
      if (/too many recipients/i.test(text)) return '4.5.3 Too many recipients';
      break;
    case 503:
      return `5.5.1 ${bare}`;
    case 501:
      return `5.5.4 ${bare}`;
  }
  let enhanced = '';
  try {
    enhanced = conn ? conn._getEnhancedStatusCode(code, context === false ? undefined : context) : '';
  } catch {
    enhanced = '';
  }
  if (!enhanced) enhanced = code < 300 ? '2.0.0' : code < 400 ? '' : code < 500 ? '4.0.0' : '5.0.0';
  return enhanced ? `${enhanced} ${bare}` : bare;
}
