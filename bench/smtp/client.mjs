// The load generator: a minimal SMTP client (EHLO, STARTTLS with a client certificate, EHLO,
// MAIL/RCPT/DATA, QUIT), one command at a time or, when asked and offered, MAIL, RCPT and DATA
// pipelined (RFC 2920), with an optional pool of TLS sessions for resumption.
import * as net from 'node:net';
import * as tls from 'node:tls';

function replyReader(sock) {
  let buf = '';
  let lines = [];
  const ready = [];
  const waiters = [];
  let failed;
  const onData = (d) => {
    buf += d.toString('latin1');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const r = lines.join('\n');
        lines = [];
        const w = waiters.shift();
        if (w) w.resolve(r);
        else ready.push(r);
      }
    }
  };
  const onEnd = (e) => {
    failed = e instanceof Error ? e : new Error('connection closed');
    for (const w of waiters.splice(0)) w.reject(failed);
  };
  sock.on('data', onData);
  sock.on('error', onEnd);
  sock.on('close', onEnd);
  return {
    next(code) {
      const p = ready.length ? Promise.resolve(ready.shift()) : failed ? Promise.reject(failed) : new Promise((resolve, reject) => waiters.push({ resolve, reject }));
      return code ? p.then((r) => (r.startsWith(String(code)) ? r : Promise.reject(new Error(`expected ${code}, got ${r}`)))) : p;
    },
    detach() {
      sock.off('data', onData);
      sock.off('error', onEnd);
      sock.off('close', onEnd);
    },
  };
}

/** TLS sessions to offer for resumption: the newest tickets, reused (TLS 1.3 stateless tickets). */
export class SessionPool {
  constructor(enabled) {
    this.enabled = enabled;
    this.list = [];
  }
  get() {
    return this.enabled && this.list.length ? this.list[this.list.length - 1] : undefined;
  }
  put(s) {
    if (!this.enabled) return;
    this.list.push(s);
    if (this.list.length > 16) this.list.shift();
  }
}

/** One SMTP session carrying `count` messages. */
export async function smtpSession(o, count, stats) {
  const raw = net.connect({ port: o.port, host: '127.0.0.1' });
  raw.setNoDelay(true);
  let sock = raw;
  try {
    let r = replyReader(raw);
    await r.next(220);
    raw.write(`EHLO ${o.ehlo}\r\n`);
    await r.next(250);
    raw.write('STARTTLS\r\n');
    await r.next(220);
    r.detach();
    const s = tls.connect({ socket: raw, secureContext: o.context, servername: o.servername, session: o.sessions.get(), rejectUnauthorized: true, checkServerIdentity: () => undefined });
    sock = s;
    s.on('session', (x) => o.sessions.put(x));
    r = replyReader(s);
    await new Promise((resolve, reject) => {
      s.once('secureConnect', resolve);
      s.once('error', reject);
    });
    stats.connections++;
    if (s.isSessionReused()) stats.resumed++;
    s.write(`EHLO ${o.ehlo}\r\n`);
    // RFC 2920, as sending MTAs do it: MAIL, RCPT and DATA go in one write when the server offers it
    const pipelining = /^250[ -]PIPELINING$/im.test(await r.next(250)) && o.pipelining;
    for (let i = 0; i < count; i++) {
      if (pipelining) {
        s.write(`MAIL FROM:<${o.from}>\r\nRCPT TO:<${o.to}>\r\nDATA\r\n`);
        await r.next(250);
        await r.next(250);
      } else {
        s.write(`MAIL FROM:<${o.from}>\r\n`);
        await r.next(250);
        s.write(`RCPT TO:<${o.to}>\r\n`);
        await r.next(250);
        s.write('DATA\r\n');
      }
      await r.next(354);
      s.write(o.message);
      await r.next(250);
      stats.messages++;
    }
    s.write('QUIT\r\n');
    await r.next(221).catch(() => undefined);
    s.end();
  } catch (e) {
    stats.errors++;
    if (stats.errors <= 3) stats.firstErrors.push(String(e.message ?? e));
    sock.destroy();
  }
}

/** Drives `total` messages through `concurrency` parallel sessions of `perConnection` messages, within `timeLimitMs`. */
export async function runLoad(o, { total, concurrency, perConnection, timeLimitMs }) {
  const stats = { messages: 0, connections: 0, resumed: 0, errors: 0, firstErrors: [] };
  let issued = 0;
  const start = performance.now();
  const deadline = start + timeLimitMs;
  const worker = async () => {
    while (issued < total && performance.now() < deadline && stats.errors < 50) {
      const n = Math.min(perConnection, total - issued);
      issued += n;
      await smtpSession(o, n, stats);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.seconds = (performance.now() - start) / 1000;
  return stats;
}

/** A message of about `bytes` bytes, dot-stuffed and terminated. */
export function makeMessage(from, to, bytes) {
  const head = `From: <${from}>\r\nTo: <${to}>\r\nSubject: Benchmark\r\nMessage-ID: <bench@contoso.com>\r\nDate: ${new Date().toUTCString()}\r\n\r\n`;
  const line = 'The quick brown fox jumps over the lazy dog, domain-secured and durable.\r\n';
  let body = '';
  while (head.length + body.length < bytes) body += line;
  return head + body + '.\r\n';
}

/** Opens `n` mutual-TLS sessions that stop after EHLO and stay idle (memory under many sessions). */
export async function idleSessions(o, n, concurrency = 16) {
  const socks = [];
  let ok = 0;
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const raw = net.connect({ port: o.port, host: '127.0.0.1' });
      socks.push(raw);
      try {
        let r = replyReader(raw);
        await r.next(220);
        raw.write(`EHLO ${o.ehlo}\r\n`);
        await r.next(250);
        raw.write('STARTTLS\r\n');
        await r.next(220);
        r.detach();
        const s = tls.connect({ socket: raw, secureContext: o.context, session: o.sessions.get(), rejectUnauthorized: true, checkServerIdentity: () => undefined });
        s.on('session', (x) => o.sessions.put(x));
        socks.push(s);
        r = replyReader(s);
        s.write(`EHLO ${o.ehlo}\r\n`);
        await r.next(250);
        r.detach();
        s.on('error', () => undefined);
        ok++;
      } catch {
        raw.destroy();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { open: ok, close: () => socks.forEach((s) => s.destroy()) };
}

/** Clients that send a message one byte every `intervalMs` (they must not slow the others). */
export function slowClients(o, n, intervalMs = 200) {
  const socks = [];
  for (let k = 0; k < n; k++) {
    const raw = net.connect({ port: o.port, host: '127.0.0.1' });
    raw.on('error', () => undefined);
    socks.push(raw);
    const text = `EHLO slow.contoso.com\r\n`;
    let i = 0;
    raw.once('data', () => {
      const t = setInterval(() => {
        if (raw.destroyed) return clearInterval(t);
        raw.write(text[i++ % text.length]);
      }, intervalMs);
      t.unref();
    });
  }
  return { close: () => socks.forEach((s) => s.destroy()) };
}
