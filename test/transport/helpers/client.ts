// An SMTP client for tests: nodemailer's smtp-connection, optionally presenting a client certificate.
import * as net from 'node:net';
import * as tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface ClientResult {
  ok: boolean;
  /** The server's reply that ended the attempt (or the DATA reply). */
  response: string;
  /** The command that failed, when one did. */
  command?: string;
  code?: string;
  secure: boolean;
  transcript: string[];
}

export function smtpSend(opts: {
  port: number;
  from: string;
  to: string[];
  message?: string;
  cert?: string;
  key?: string;
  ignoreTLS?: boolean;
  name?: string;
}): Promise<ClientResult> {
  const transcript: string[] = [];
  const logger = {
    debug(e: { tnx?: string }, m: string) {
      if (e.tnx === 'client') transcript.push('C: ' + m);
      if (e.tnx === 'server') transcript.push('S: ' + m);
    },
    info() {},
    warn() {},
    error() {},
    trace() {},
    fatal() {},
  };
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Omit<ClientResult, 'transcript' | 'secure'>) => {
      if (done) return;
      done = true;
      clearTimeout(t);
      resolve({ ...r, secure: conn.secure, transcript });
      try {
        conn.quit();
      } catch {
        /* closed */
      }
    };
    const conn = new SMTPConnection({
      host: '127.0.0.1',
      port: opts.port,
      name: opts.name ?? 'client.test',
      ignoreTLS: !!opts.ignoreTLS,
      tls: { rejectUnauthorized: false, ...(opts.cert ? { cert: opts.cert, key: opts.key } : {}) },
      allowInternalNetworkInterfaces: true,
      transactionLog: true,
      logger,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
    });
    const t = setTimeout(() => finish({ ok: false, response: 'client timeout' }), 10_000);
    conn.on('error', (e: Error & { response?: string; command?: string; code?: string }) => finish({ ok: false, response: e.response ?? e.message, command: e.command, code: e.code }));
    conn.connect(() => {
      conn.send({ from: opts.from, to: opts.to }, opts.message ?? `From: ${opts.from}\r\nTo: ${opts.to.join(', ')}\r\nSubject: test\r\n\r\nHello.\r\n`, (err, info) => {
        if (err) {
          const e = err as Error & { response?: string; command?: string; code?: string };
          return finish({ ok: false, response: e.response ?? e.message, command: e.command, code: e.code });
        }
        finish({ ok: true, response: info.response });
      });
    });
  });
}

/** Upgrades with STARTTLS and reports the thumbprint of the server certificate. */
export function presentedThumbprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    let stage = 0;
    sock.on('data', (d) => {
      buf += d.toString();
      if (stage === 0 && /^220 /m.test(buf)) {
        stage = 1;
        buf = '';
        sock.write('EHLO probe\r\n');
      } else if (stage === 1 && /^250 /m.test(buf)) {
        stage = 2;
        buf = '';
        sock.write('STARTTLS\r\n');
      } else if (stage === 2 && /^220 /m.test(buf)) {
        stage = 3;
        sock.removeAllListeners('data');
        const t = tls.connect({ socket: sock, rejectUnauthorized: false }, () => {
          const fp = t.getPeerCertificate().fingerprint.replace(/:/g, '');
          t.destroy();
          resolve(fp);
        });
        t.on('error', reject);
      }
    });
    sock.on('error', reject);
  });
}
