// The send side: SMTP sessions to a next hop with nodemailer's smtp-connection. STARTTLS is used
// when offered (never, with IgnoreStartTLS); the SMTP certificate is presented as the client
// certificate (from the one shared TLS context of that certificate); for a domain-secure next hop
// policy.ts decides after the handshake whether the session may carry mail (STARTTLS achieved,
// certificate presented, server certificate valid for the domain). A session that carried a
// message waits in the NextHopPool for the next message of its queue, and the host's TLS session
// is offered again for resumption (the server certificate is validated again on every handshake).
// The transcript goes to the Send protocol log.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { format } from 'node:util';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { sendVerdict, type SendRequirement } from './policy.js';
import { describeCertificate, peerChain, tlsFacts, type TlsFacts } from './tls.js';
import { endpoint } from './net.js';
import { silentSession, type ProtocolLog, type ProtocolLogSession } from './protocol-log.js';
import type { NextHopHost } from './routing.js';
import type { NextHopPool, PooledSession } from './next-hop-pool.js';
import { formatReply, type PeerValidation, type SmtpCredential, type SmtpReply } from './types.js';

export interface SendRequest {
  hosts: NextHopHost[];
  /** The domain the next hop's certificate must name (domain security). */
  nextHopDomain: string;
  connectorName: string;
  /** EHLO name: the connector FQDN, else the server FQDN. */
  ehloName: string;
  requirement: Exclude<SendRequirement, { blocked: SmtpReply }>;
  credential?: SmtpCredential;
  /** The credential's shared TLS context (certificate, key and trust); without it one is made per session. */
  secureContext?: tls.SecureContext;
  /** Sessions and TLS sessions kept between messages; without it every message has its own session. */
  pool?: NextHopPool;
  validatePeer(chain: Buffer[], domain: string, purpose: 'client' | 'server'): Promise<PeerValidation>;
  /** The Send protocol log when the connector is Verbose. */
  log?: ProtocolLog;
  from: string;
  to: string[];
  content: Buffer;
  /** `<session>;<time>;<n>` of the message, logged as `sending message`. */
  messageContext: string;
  timeoutMs: number;
}

export interface RecipientOutcome {
  address: string;
  /** The reply to RCPT TO (or to DATA for the accepted ones). */
  reply: string;
  ok: boolean;
  permanent: boolean;
}

export interface SendResult {
  /** The session carried the message to at least one recipient. */
  delivered: boolean;
  recipients: RecipientOutcome[];
  /** Why the session failed (every recipient then has this reply). */
  error?: { reply: string; permanent: boolean; domainSecureFailure: boolean; detail?: string };
  domainSecured: boolean;
  tls?: TlsFacts;
  host?: string;
  /** The DATA reply, e.g. `250 2.6.0 <id> Queued mail for delivery`. */
  response?: string;
  /** Sessions opened (for the connection counters). */
  connections: number;
}

type Outcome = Omit<SendResult, 'connections'>;

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

const isPermanentCode = (code: number | undefined) => !!code && code >= 500 && code < 600;

/** Reply text of an error: the server's reply when there is one, else a 4.4.x network failure. */
function errorReply(e: SmtpError): { reply: string; permanent: boolean } {
  if (e.response && /^\d{3}/.test(e.response)) return { reply: e.response.replace(/\r?\n/g, ' ').trim(), permanent: isPermanentCode(e.responseCode) };
  if (e.code === 'ETLS') return { reply: `454 4.7.5 TLS negotiation failed: ${e.message.replace(/^Error initiating TLS - /, '')}`, permanent: false };
  if (e.code === 'ETIMEDOUT' || /timeout|timed out/i.test(e.message)) return { reply: `451 4.4.1 Connection timed out: ${e.message}`, permanent: false };
  return { reply: `451 4.4.0 Primary target IP address responded with: "${e.message}"`, permanent: false };
}

const failure = (req: SendRequest, reply: string, permanent: boolean, domainSecureFailure = false, detail?: string, tlsUsed?: TlsFacts): Outcome => ({
  delivered: false,
  recipients: req.to.map((address) => ({ address, reply, ok: false, permanent })),
  error: { reply, permanent, domainSecureFailure, detail },
  domainSecured: false,
  tls: tlsUsed,
});

/** A session never carries mail for a request with other policy facts than the one it passed. */
function sessionKey(req: SendRequest, host: NextHopHost): string {
  return [host.host, host.port, req.connectorName, req.nextHopDomain, req.ehloName, JSON.stringify(req.requirement), req.credential?.thumbprint ?? ''].join('|').toLowerCase();
}

/** The TLS session of a host may be offered again with the same client certificate. */
const tlsSessionKey = (req: SendRequest, host: NextHopHost) => `${host.host}|${host.port}|${req.credential?.thumbprint ?? ''}`.toLowerCase();

/** Used for sessions without a client certificate. */
let plainContext: tls.SecureContext | undefined;

export async function sendToNextHop(req: SendRequest): Promise<SendResult> {
  let last: SendResult | undefined;
  let connections = 0;
  for (const host of req.hosts) {
    const key = sessionKey(req, host);
    // the session the previous message of this queue left open; if the server closed it meanwhile,
    // the message goes over a new one
    const idle = req.pool?.take(key) as HopSession | undefined;
    if (idle) {
      const r = await idle.deliver(req);
      if (!r.sessionLost) return { ...idle.finish(r, req), connections };
    }
    connections++;
    const est = await establish(req, host, key);
    const r: SendResult = 'session' in est ? { ...est.session.finish(await est.session.deliver(req), req), connections } : { ...est.failed, host: `${host.host}:${host.port}`, connections };
    last = r;
    // a failure to connect tries the next host; anything the server said ends the attempt
    if (r.delivered || !r.error || r.error.domainSecureFailure || !/^4\.4\.|^451 4\.4\./.test(r.error.reply)) return r;
  }
  return (
    last ?? {
      ...failure(req, '451 4.4.0 No next hop host', false),
      connections,
    }
  );
}

/**
 * A session to one host that passed STARTTLS and the policy check: it carries messages one after
 * the other. Errors and the end of the connection go to whoever uses it at the moment.
 */
class HopSession implements PooledSession {
  messages = 0;
  /** The connection failed or the server ended it. */
  private gone = false;
  /** A failed transaction leaves nodemailer's session state wanting an RSET: no further message. */
  private reusable = true;
  private quitting = false;
  private onFailure?: (reply: string, permanent: boolean, domainSecureFailure: boolean, lost: boolean) => void;

  constructor(
    readonly key: string,
    readonly conn: SMTPConnection,
    readonly attempt: Attempt,
    readonly hostText: string,
    readonly domainSecured: boolean,
    readonly tlsUsed: TlsFacts | undefined,
  ) {
    this.closed = new Promise<void>((resolve) => this.conn.once('end', () => resolve()));
  }

  /** Resolves when the connection is gone. */
  private readonly closed: Promise<void>;

  usable(): boolean {
    return !this.gone && this.reusable && !this.quitting;
  }

  close(): Promise<void> {
    // a server that never answers QUIT does not hold up a stop for long
    const closed = Promise.race([this.closed, new Promise<void>((r) => setTimeout(r, 1000).unref())]);
    if (!this.gone && !this.quitting) {
      this.quitting = true;
      try {
        this.conn.quit();
      } catch {
        /* closed already */
      }
    }
    return closed;
  }

  /** Connection-level trouble: the current user hears of it; an idle session just ends. */
  failed(reply: string, permanent: boolean, domainSecureFailure: boolean, lost: boolean): void {
    this.gone = true;
    const f = this.onFailure;
    this.onFailure = undefined;
    f?.(reply, permanent, domainSecureFailure, lost);
  }

  /** Carries one message: MAIL FROM, RCPT TO, DATA. */
  deliver(req: SendRequest): Promise<Outcome & { sessionLost?: boolean }> {
    this.attempt.current = req;
    const reused = this.messages > 0;
    return new Promise((resolve) => {
      let settled = false;
      let replied = false;
      const done = (r: Outcome & { sessionLost?: boolean }) => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        this.onFailure = undefined;
        resolve(r);
      };
      const guard = setTimeout(() => {
        done(failure(req, `451 4.4.1 Connection timed out after ${Math.round(req.timeoutMs / 1000)} s`, false, false, undefined, this.tlsUsed));
        this.failed('', false, false, false);
        this.conn.close();
      }, req.timeoutMs * 3);
      this.onFailure = (reply, permanent, domainSecureFailure, lost) => {
        // a reused session the server had closed before it said anything to this message
        done({ ...failure(req, reply, permanent, domainSecureFailure, undefined, this.tlsUsed), sessionLost: lost && reused && !replied });
      };
      // the server took part in this transaction once it said yes to something
      this.attempt.onReply = (text) => (replied ||= /^2/.test(text));
      this.conn.send({ from: req.from, to: req.to }, req.content, (err, info) => {
        this.messages++;
        if (err) {
          const e = err as SmtpError;
          const r = errorReply(e);
          const rejected = new Map<string, string>();
          for (const re of (e as unknown as { rejectedErrors?: SmtpError[] }).rejectedErrors ?? []) {
            const addr = /recipient (.+)$/i.exec(re.message)?.[1];
            if (addr) rejected.set(addr.toLowerCase(), re.response ?? r.reply);
          }
          // a network failure, or a server closing the session (421), ends it: the error/end events
          // may follow (reported once); on a reused session the message then goes over a new one
          if ((!e.responseCode && !e.response) || e.responseCode === 421) return this.failed(r.reply, r.permanent, false, true);
          this.reusable = false;
          return done({
            delivered: false,
            recipients: req.to.map((address) => {
              const rr = rejected.get(address.toLowerCase()) ?? r.reply;
              return { address, reply: rr, ok: false, permanent: /^5/.test(rr) };
            }),
            error: { reply: r.reply, permanent: r.permanent, domainSecureFailure: false },
            domainSecured: false,
            tls: this.tlsUsed,
          });
        }
        const rejected = new Map<string, string>();
        for (const re of info?.rejectedErrors ?? []) {
          const se = re as SmtpError;
          const addr = /recipient (.+)$/i.exec(se.message)?.[1];
          if (addr) rejected.set(addr.toLowerCase(), se.response ?? '550 5.0.0 Recipient rejected');
        }
        if (rejected.size) this.reusable = false;
        const accepted = new Set((info?.accepted ?? []).map((x) => String(x).toLowerCase()));
        const response = (info?.response ?? '').trim();
        done({
          delivered: accepted.size > 0,
          recipients: req.to.map((address) => {
            if (accepted.has(address.toLowerCase())) return { address, reply: response, ok: true, permanent: false };
            const rr = rejected.get(address.toLowerCase()) ?? '550 5.0.0 Recipient rejected';
            return { address, reply: rr, ok: false, permanent: /^5/.test(rr) };
          }),
          domainSecured: this.domainSecured,
          tls: this.tlsUsed,
          response,
        });
      });
    });
  }

  /** After a message: back to the pool for the next one, or QUIT. */
  finish(r: Outcome & { sessionLost?: boolean }, req: SendRequest): Outcome {
    const { sessionLost: _lost, ...result } = r;
    void _lost;
    if (req.pool && !result.error && this.usable()) req.pool.release(this);
    else this.close();
    return { ...result, host: this.hostText };
  }
}

interface Attempt {
  log: ProtocolLogSession;
  startTlsAdvertised: boolean;
  /** The message the session carries now (its context goes to the log). */
  current: SendRequest;
  /** Told of every server reply. */
  onReply?: (text: string) => void;
}

/** Connects, greets, does STARTTLS and asks policy.ts: a session ready for mail, or why not. */
function establish(req: SendRequest, host: NextHopHost, key: string): Promise<{ session: HopSession } | { failed: Outcome }> {
  return new Promise((resolve) => {
    let settled = false;
    let session: HopSession | undefined;
    const a: Attempt = { log: silentSession(req.connectorName, '', ''), startTlsAdvertised: false, current: req };
    let ehloSeen = 0;
    const tlsKey = tlsSessionKey(req, host);
    const logger = {
      debug(entry: { tnx?: string }, message: string, ...args: unknown[]) {
        const text = format(message, ...args);
        if (entry.tnx === 'server') {
          if (/^250[ -]/.test(text) && /[ -]STARTTLS\b/im.test(text) && ehloSeen === 0) a.startTlsAdvertised = true;
          if (/^250[ -]/.test(text) && /\r?\n/.test(text)) ehloSeen++;
          a.onReply?.(text);
          a.log.received(text);
        } else if (entry.tnx === 'client') {
          if (/^MAIL FROM:/i.test(text)) a.log.info(a.current.messageContext, 'sending message');
          a.log.sent(text);
        }
      },
      info(entry: { tnx?: string; localAddress?: string; localPort?: number; remoteAddress?: string; remotePort?: number }, message: string) {
        // the TCP connection is up: the session's log begins (before the greeting)
        if (entry.tnx === 'network' && entry.localPort && req.log && !a.log.enabled) {
          a.log = req.log.session(req.connectorName, endpoint(entry.localAddress, entry.localPort), endpoint(entry.remoteAddress, entry.remotePort));
          a.log.connect();
        }
        if (entry.tnx === 'smtp' && /upgraded with STARTTLS/.test(message)) upgraded();
      },
      trace() {},
      warn() {},
      error() {},
      fatal() {},
    };
    const socket = () => (conn as unknown as { _socket?: net.Socket })._socket;
    const offered = req.pool?.tlsSession(tlsKey);
    let chain: Buffer[] = [];
    const upgraded = () => {
      const sock = socket();
      if (req.credential) a.log.certificate('Sending certificate', req.credential.description);
      if (!(sock instanceof tls.TLSSocket)) return;
      chain = sock.isSessionReused() && offered ? offered.chain : peerChain(sock);
      if (req.pool) sock.on('session', (s: Buffer) => chain.length && req.pool?.rememberTlsSession(tlsKey, { session: s, chain }));
      if (chain[0]) {
        try {
          a.log.certificate('Received certificate', describeCertificate(chain[0]));
        } catch {
          /* unreadable peer certificate: validation reports it */
        }
      }
    };
    const tlsOf = () => {
      const sock = socket();
      return sock instanceof tls.TLSSocket ? tlsFacts(sock) : undefined;
    };
    const finish = (r: { session: HopSession } | { failed: Outcome }) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve(r);
    };
    const fail = (reply: string, permanent: boolean, domainSecureFailure = false, detail?: string) => finish({ failed: failure(req, reply, permanent, domainSecureFailure, detail, tlsOf()) });
    const guard = setTimeout(() => {
      fail(`451 4.4.1 Connection timed out after ${Math.round(req.timeoutMs / 1000)} s`, false);
      try {
        conn.close();
      } catch {
        /* already closed */
      }
    }, req.timeoutMs * 3);
    const creds = req.secureContext ? { secureContext: req.secureContext } : req.credential ? { cert: req.credential.certChainPem, key: req.credential.keyPem } : { secureContext: (plainContext ??= tls.createSecureContext({ minVersion: 'TLSv1.2' })) };
    const conn = new SMTPConnection({
      host: host.host,
      port: host.port,
      name: req.ehloName,
      ignoreTLS: req.requirement.ignoreStartTls,
      secure: false,
      tls: {
        ...creds,
        session: offered?.session,
        rejectUnauthorized: false,
        // policy.ts and the one validation function judge the certificate, not Node
        checkServerIdentity: () => undefined,
        servername: net.isIP(host.host) ? undefined : host.host,
        minVersion: 'TLSv1.2',
      },
      connectionTimeout: req.timeoutMs,
      greetingTimeout: req.timeoutMs,
      socketTimeout: req.timeoutMs,
      allowInternalNetworkInterfaces: true,
      transactionLog: true,
      logger,
    });
    conn.on('error', (e: SmtpError) => {
      const r = errorReply(e);
      a.log.info(e.message, 'Session failed');
      const dsFailure = req.requirement.domainSecure && (e.code === 'ETLS' || e.command === 'STARTTLS');
      if (session) session.failed(r.reply, r.permanent, false, true);
      else fail(r.reply, r.permanent, dsFailure);
    });
    conn.on('end', () => {
      a.log.disconnect('Local');
      const reply = '451 4.4.0 The connection was closed before the message was sent';
      if (session) session.failed(reply, false, false, true);
      else fail(reply, false);
    });
    conn.connect(async () => {
      const facts = {
        domainSecure: req.requirement.domainSecure,
        requireTls: req.requirement.requireTls,
        startTlsAdvertised: a.startTlsAdvertised,
        tlsActive: conn.secure,
        clientCertificatePresented: !!req.credential,
      };
      let v = sendVerdict(facts);
      if (v.ok === 'validate') {
        let val: PeerValidation;
        try {
          val = await req.validatePeer(chain, req.nextHopDomain, 'server');
        } catch (e) {
          val = { valid: false, status: 'Invalid', reason: (e as Error).message };
        }
        if (!val.valid) a.log.info(val.reason, `Certificate validation failed for secure domain ${req.nextHopDomain} (${val.status})`);
        v = sendVerdict({ ...facts, validation: val });
      }
      if (v.ok !== true) {
        const reply = v.ok === false ? formatReply(v.reply) + (v.detail ? ` (${v.detail})` : '') : '451 4.7.0 internal error';
        fail(reply, false, req.requirement.domainSecure, v.ok === false ? v.detail : undefined);
        conn.quit();
        return;
      }
      if (settled) return; // timed out meanwhile
      session = new HopSession(key, conn, a, `${host.host}:${host.port}`, v.domainSecured, tlsOf());
      finish({ session });
    });
  });
}
