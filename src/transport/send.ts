// The send side: one SMTP session to a next hop with nodemailer's smtp-connection. STARTTLS is used
// when offered (never, with IgnoreStartTLS); the SMTP certificate is presented as the client
// certificate; for a domain-secure next hop policy.ts decides after the handshake whether the
// session may carry the message (STARTTLS achieved, certificate presented, server certificate valid
// for the domain). The transcript goes to the Send protocol log.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { format } from 'node:util';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { sendVerdict, type SendRequirement } from './policy.js';
import { describeCertificate, peerChain, tlsFacts, type TlsFacts } from './tls.js';
import { endpoint } from './net.js';
import { silentSession, type ProtocolLog, type ProtocolLogSession } from './protocol-log.js';
import type { NextHopHost } from './routing.js';
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

interface Attempt {
  conn: SMTPConnection;
  log: ProtocolLogSession;
  startTlsAdvertised: boolean;
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

const isPermanentCode = (code: number | undefined) => !!code && code >= 500 && code < 600;

/** Reply text of an error: the server's reply when there is one, else a 4.4.x network failure. */
function errorReply(e: SmtpError): { reply: string; permanent: boolean } {
  if (e.response && /^\d{3}/.test(e.response)) return { reply: e.response.replace(/\r?\n/g, ' ').trim(), permanent: isPermanentCode(e.responseCode) };
  if (e.code === 'ETLS') return { reply: `454 4.7.5 TLS negotiation failed: ${e.message.replace(/^Error initiating TLS - /, '')}`, permanent: false };
  if (e.code === 'ETIMEDOUT' || /timeout|timed out/i.test(e.message)) return { reply: `451 4.4.1 Connection timed out: ${e.message}`, permanent: false };
  return { reply: `451 4.4.0 Primary target IP address responded with: "${e.message}"`, permanent: false };
}

export async function sendToNextHop(req: SendRequest): Promise<SendResult> {
  let last: SendResult | undefined;
  let connections = 0;
  for (const host of req.hosts) {
    connections++;
    const r = await sendToHost(req, host);
    r.connections = connections;
    last = r;
    // a failure to connect tries the next host; anything the server said ends the attempt
    if (r.delivered || !r.error || r.error.domainSecureFailure || !/^4\.4\.|^451 4\.4\./.test(r.error.reply)) return r;
  }
  return (
    last ?? {
      delivered: false,
      recipients: req.to.map((address) => ({ address, reply: '451 4.4.0 No next hop host', ok: false, permanent: false })),
      error: { reply: '451 4.4.0 No next hop host', permanent: false, domainSecureFailure: false },
      domainSecured: false,
      connections,
    }
  );
}

function sendToHost(req: SendRequest, host: NextHopHost): Promise<SendResult> {
  return new Promise((resolve) => {
    let settled = false;
    const a: Attempt = { conn: undefined as unknown as SMTPConnection, log: silentSession(req.connectorName, '', ''), startTlsAdvertised: false };
    let ehloSeen = 0;
    const logger = {
      debug(entry: { tnx?: string }, message: string, ...args: unknown[]) {
        const text = format(message, ...args);
        if (entry.tnx === 'server') {
          if (/^250[ -]/.test(text) && /[ -]STARTTLS\b/im.test(text) && ehloSeen === 0) a.startTlsAdvertised = true;
          if (/^250[ -]/.test(text) && /\r?\n/.test(text)) ehloSeen++;
          a.log.received(text);
        } else if (entry.tnx === 'client') {
          if (/^MAIL FROM:/i.test(text)) a.log.info(req.messageContext, 'sending message');
          a.log.sent(text);
        }
      },
      info(entry: { tnx?: string; localAddress?: string; localPort?: number; remoteAddress?: string; remotePort?: number }, message: string) {
        // the TCP connection is up: the session's log begins (before the greeting)
        if (entry.tnx === 'network' && entry.localPort && req.log && !a.log.enabled) {
          a.log = req.log.session(req.connectorName, endpoint(entry.localAddress, entry.localPort), endpoint(entry.remoteAddress, entry.remotePort));
          a.log.connect();
        }
        if (entry.tnx === 'smtp' && /upgraded with STARTTLS/.test(message)) certificateLines();
      },
      trace() {},
      warn() {},
      error() {},
      fatal() {},
    };
    const certificateLines = () => {
      const sock = (a.conn as unknown as { _socket: net.Socket })._socket;
      if (req.credential) a.log.certificate('Sending certificate', req.credential.description);
      if (sock instanceof tls.TLSSocket) {
        const chain = peerChain(sock);
        if (chain[0]) {
          try {
            a.log.certificate('Received certificate', describeCertificate(chain[0]));
          } catch {
            /* unreadable peer certificate: validation reports it */
          }
        }
      }
    };
    const done = (r: Omit<SendResult, 'connections'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve({ ...r, host: `${host.host}:${host.port}`, connections: 1 });
    };
    const fail = (reply: string, permanent: boolean, domainSecureFailure = false, detail?: string) => {
      done({
        delivered: false,
        recipients: req.to.map((address) => ({ address, reply, ok: false, permanent })),
        error: { reply, permanent, domainSecureFailure, detail },
        domainSecured: false,
        tls: tlsOf(),
      });
    };
    const tlsOf = () => {
      const sock = (a.conn as unknown as { _socket?: net.Socket })?._socket;
      return sock instanceof tls.TLSSocket ? tlsFacts(sock) : undefined;
    };
    const guard = setTimeout(() => {
      fail(`451 4.4.1 Connection timed out after ${Math.round(req.timeoutMs / 1000)} s`, false);
      try {
        a.conn.close();
      } catch {
        /* already closed */
      }
    }, req.timeoutMs * 3);
    const creds = req.credential ? { cert: req.credential.certChainPem, key: req.credential.keyPem } : {};
    const conn = new SMTPConnection({
      host: host.host,
      port: host.port,
      name: req.ehloName,
      ignoreTLS: req.requirement.ignoreStartTls,
      secure: false,
      tls: {
        ...creds,
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
    a.conn = conn;
    conn.on('error', (e: SmtpError) => {
      const r = errorReply(e);
      a.log.info(e.message, 'Session failed');
      fail(r.reply, r.permanent, req.requirement.domainSecure && (e.code === 'ETLS' || e.command === 'STARTTLS'));
    });
    conn.on('end', () => {
      a.log.disconnect('Local');
      fail('451 4.4.0 The connection was closed before the message was sent', false);
    });
    conn.connect(async () => {
      const sock = (conn as unknown as { _socket: net.Socket })._socket;
      const facts = {
        domainSecure: req.requirement.domainSecure,
        requireTls: req.requirement.requireTls,
        startTlsAdvertised: a.startTlsAdvertised,
        tlsActive: conn.secure,
        clientCertificatePresented: !!req.credential,
      };
      let v = sendVerdict(facts);
      if (v.ok === 'validate') {
        const chain = sock instanceof tls.TLSSocket ? peerChain(sock) : [];
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
        const secureFailure = req.requirement.domainSecure;
        fail(reply, false, secureFailure, v.ok === false ? v.detail : undefined);
        conn.quit();
        return;
      }
      const domainSecured = v.domainSecured;
      conn.send({ from: req.from, to: req.to }, req.content, (err, info) => {
        if (err) {
          const e = err as SmtpError;
          const r = errorReply(e);
          const rejected = new Map<string, string>();
          for (const re of (e as unknown as { rejectedErrors?: SmtpError[] }).rejectedErrors ?? []) {
            const addr = /recipient (.+)$/i.exec(re.message)?.[1];
            if (addr) rejected.set(addr.toLowerCase(), re.response ?? r.reply);
          }
          done({
            delivered: false,
            recipients: req.to.map((address) => {
              const rr = rejected.get(address.toLowerCase()) ?? r.reply;
              return { address, reply: rr, ok: false, permanent: /^5/.test(rr) };
            }),
            error: { reply: r.reply, permanent: r.permanent, domainSecureFailure: false },
            domainSecured: false,
            tls: tlsOf(),
          });
          conn.quit();
          return;
        }
        const rejected = new Map<string, string>();
        for (const re of info?.rejectedErrors ?? []) {
          const se = re as SmtpError;
          const addr = /recipient (.+)$/i.exec(se.message)?.[1];
          if (addr) rejected.set(addr.toLowerCase(), se.response ?? '550 5.0.0 Recipient rejected');
        }
        const accepted = new Set((info?.accepted ?? []).map((x) => String(x).toLowerCase()));
        const response = (info?.response ?? '').trim();
        done({
          delivered: accepted.size > 0,
          recipients: req.to.map((address) => {
            if (accepted.has(address.toLowerCase())) return { address, reply: response, ok: true, permanent: false };
            const rr = rejected.get(address.toLowerCase()) ?? '550 5.0.0 Recipient rejected';
            return { address, reply: rr, ok: false, permanent: /^5/.test(rr) };
          }),
          domainSecured,
          tls: tlsOf(),
          response,
        });
        conn.quit();
      });
    });
  });
}
