// The receive side's speed-ups keep its behaviour: the greeting without smtp-server's 100 ms wait
// (and early talkers still answered in order), TLS session resumption that keeps the client
// certificate check (a resumed session is still known as Partner), one secure context per certificate,
// replies to pipelined commands in one TLS record.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { TransportService } from '../../src/transport/service.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { PromptSmtpConnection, type GreetingDelay } from '../../src/transport/connection.js';
import { TestCertificates, credentialOf, crlOf, issue, makeCa, type TestCa, type TestCert } from './helpers/pki.js';
import { makeOrg, type Org } from './helpers/env.js';

/** Reads SMTP replies (a reply ends with a `ddd ` line). */
function replies(sock: net.Socket | tls.TLSSocket) {
  let buf = '';
  const ready: string[] = [];
  const waiting: ((r: string) => void)[] = [];
  const onData = (d: Buffer) => {
    buf += d.toString('latin1');
    for (let m = /^(\d{3})([ -]).*\r?\n/m.exec(buf); m; m = /^(\d{3})([ -]).*\r?\n/m.exec(buf)) {
      const end = buf.indexOf('\n', m.index) + 1;
      if (m[2] === ' ') {
        const r = buf.slice(0, end).trim();
        buf = buf.slice(end);
        const w = waiting.shift();
        if (w) w(r);
        else ready.push(r);
      } else if (end >= buf.length) break;
      else {
        // continuation line: look for the last line of this reply
        const last = /^\d{3} .*\r?\n/m.exec(buf);
        if (!last) break;
        const e = buf.indexOf('\n', last.index) + 1;
        const r = buf.slice(0, e).trim();
        buf = buf.slice(e);
        const w = waiting.shift();
        if (w) w(r);
        else ready.push(r);
      }
    }
  };
  sock.on('data', onData);
  return {
    next: (): Promise<string> => (ready.length ? Promise.resolve(ready.shift()!) : new Promise((r) => waiting.push(r))),
    detach: () => sock.off('data', onData),
  };
}

describe('greeting without the fixed delay', () => {
  const servers: SMTPServer[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
  });

  /** smtp-server with the connection class of the transport. */
  async function serverWith(delay: GreetingDelay): Promise<number> {
    class S extends SMTPServer {
      override connect(socket: net.Socket, opts?: Record<string, unknown> | null): void {
        const c = new PromptSmtpConnection(this, socket, opts, delay);
        this.connections.add(c);
        c.on('error', () => undefined);
        c.init();
      }
    }
    const s = new S({ disabledCommands: ['AUTH', 'STARTTLS'], disableReverseLookup: true, logger: false });
    s.on('error', () => undefined);
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    return (s.server.address() as net.AddressInfo).port;
  }

  test('the 220 does not wait for smtp-server\'s 100 ms timer; with the library delay it does', async () => {
    // a 100 ms timer never fires here: only a greeting that does not depend on it arrives
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...a: unknown[]) =>
      ms === 100 ? (real(() => undefined, 0) as NodeJS.Timeout) : real(fn, ms, ...a)) as typeof setTimeout);
    const greet = async (port: number) => {
      const sock = net.connect(port, '127.0.0.1');
      const r = replies(sock);
      const first = await Promise.race([r.next(), new Promise<string>((res) => real(() => res('none'), 1000))]);
      sock.destroy();
      return first;
    };
    expect(await greet(await serverWith('none'))).toMatch(/^220 /);
    expect(await greet(await serverWith('library'))).toBe('none');
  });

  test('with the library delay an early talker is still refused (the check is the library\'s)', async () => {
    const port = await serverWith('library');
    const sock = net.connect(port, '127.0.0.1');
    const r = replies(sock);
    sock.write('EHLO early.example\r\n');
    expect(await r.next()).toMatch(/^421 .*talk too soon/);
    sock.destroy();
  });
});

describe('TLS session resumption on the receive side', () => {
  let root: TestCa;
  let server: TestCert;
  let contoso: TestCert;
  let fabrikam: TestCert;
  let org: Org;
  let svc: TransportService;

  beforeAll(async () => {
    root = await makeCa('Lab Root CA');
    [server, contoso, fabrikam] = await Promise.all([
      issue(root, { subject: 'CN=mail.woodgrovebank.com', dns: ['mail.woodgrovebank.com', 'woodgrovebank.com'] }),
      issue(root, { subject: 'CN=mail1.contoso.com', dns: ['mail1.contoso.com', 'contoso.com'] }),
      issue(root, { subject: 'CN=mail.fabrikam.com', dns: ['mail.fabrikam.com', 'fabrikam.com'] }),
    ]);
    const certs = new TestCertificates();
    certs.credential = credentialOf(server);
    certs.roots = [root];
    certs.crls = [crlOf(root)];
    org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WGEDGE', certificates: certs });
    org.snap.config.tlsReceiveDomainSecureList = ['contoso.com'];
    const inet = org.snap.receiveConnectors[0]!;
    inet.domainSecureEnabled = true;
    inet.authMechanism = ['Tls'];
    svc = await TransportService.start(org.env, { tickMs: 50 });
  }, 60_000);

  afterAll(async () => {
    await svc?.stop(1000);
  });

  /** EHLO, STARTTLS and the handshake with `client`'s certificate (offering `session` to resume); `ticket()` is the last session ticket received. */
  async function startTls(client: TestCert, session?: Buffer) {
    const raw = net.connect(org.port, '127.0.0.1');
    const plain = replies(raw);
    expect(await plain.next()).toMatch(/^220 /);
    raw.write('EHLO mail1.contoso.com\r\n');
    await plain.next();
    raw.write('STARTTLS\r\n');
    expect(await plain.next()).toMatch(/^220 /);
    plain.detach();
    const ctx = tls.createSecureContext({ cert: client.pem, key: client.keyPem, ca: root.pem });
    let ticket: Buffer | undefined;
    const s = tls.connect({ socket: raw, secureContext: ctx, session, rejectUnauthorized: true, checkServerIdentity: () => undefined });
    s.on('session', (x: Buffer) => (ticket = x));
    const r = replies(s);
    await new Promise((res, rej) => {
      s.once('secureConnect', res);
      s.once('error', rej);
    });
    return { s, r, ticket: () => ticket };
  }

  /** One session: STARTTLS with `client`'s certificate (and `session` to resume), one message. */
  async function send(client: TestCert, to: string, from: string, session?: Buffer): Promise<{ reused: boolean; reply: string; session?: Buffer }> {
    const { s, r, ticket } = await startTls(client, session);
    s.write('EHLO mail1.contoso.com\r\n');
    await r.next();
    s.write(`MAIL FROM:<${from}>\r\n`);
    const mail = await r.next();
    let reply = mail;
    if (mail.startsWith('250')) {
      s.write(`RCPT TO:<${to}>\r\n`);
      await r.next();
      s.write('DATA\r\n');
      await r.next();
      s.write(`Subject: resumed\r\n\r\nHello.\r\n.\r\n`);
      reply = await r.next();
    }
    s.write('QUIT\r\n');
    await r.next().catch(() => undefined);
    const reused = s.isSessionReused();
    s.end();
    return { reused, reply, session: ticket() };
  }

  test('the transport greets at once: a client that talks before the greeting is answered in order, not refused', async () => {
    const sock = net.connect(org.port, '127.0.0.1');
    const r = replies(sock);
    sock.write('EHLO early.example\r\nNOOP\r\n');
    expect(await r.next()).toMatch(/^220 /);
    expect(await r.next()).toMatch(/^250[ -]/);
    expect(await r.next()).toMatch(/^250 /);
    sock.destroy();
  });

  test('a resumed session still presents its client certificate and is accepted as Partner', async () => {
    const first = await send(contoso, 'ann@woodgrovebank.com', 'first@contoso.com');
    expect(first.reply).toMatch(/^250 /);
    expect(first.reused).toBe(false);
    expect(first.session).toBeDefined();
    const again = await send(contoso, 'ann@woodgrovebank.com', 'again@contoso.com', first.session);
    expect(again.reused).toBe(true);
    expect(again.reply).toMatch(/^250 /);
    await svc.idle();
    const mails = listMailbox(org.home, 'ann@woodgrovebank.com').map((f) => fs.readFileSync(f, 'utf8'));
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m).toContain('X-MS-Exchange-Organization-AuthAs: Partner\r\n');
      expect(m).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com\r\n');
    }
  });

  test('pipelined MAIL, RCPT and DATA (RFC 2920) are answered in order in one TLS record; two messages pipelined back to back are delivered', async () => {
    const { s, r } = await startTls(contoso);
    s.write('EHLO mail1.contoso.com\r\n');
    expect(await r.next()).toMatch(/^250-[\s\S]*^250[ -]PIPELINING/m);
    const chunks: string[] = [];
    s.on('data', (d: Buffer) => chunks.push(d.toString('latin1')));
    for (const n of [1, 2]) {
      chunks.length = 0;
      s.write(`MAIL FROM:<p${n}@contoso.com>\r\nRCPT TO:<pipe@woodgrovebank.com>\r\nDATA\r\n`);
      expect(await r.next()).toMatch(/^250 /);
      expect(await r.next()).toMatch(/^250 /);
      expect(await r.next()).toMatch(/^354 /);
      // one record: the three replies came out of one write, not one each
      expect(chunks).toHaveLength(1);
      expect(chunks[0]).toMatch(/^250 [^\n]*\r\n250 [^\n]*\r\n354 [^\n]*\r\n$/);
      s.write(`Subject: pipelined ${n}\r\n\r\nHello.\r\n.\r\n`);
      expect(await r.next()).toMatch(/^250 /);
    }
    s.write('QUIT\r\n');
    expect(await r.next()).toMatch(/^221 /);
    s.end();
    await svc.idle();
    const mails = listMailbox(org.home, 'pipe@woodgrovebank.com').map((f) => fs.readFileSync(f, 'utf8'));
    expect(mails.map((m) => /^Subject: (.*)$/m.exec(m)?.[1]?.trim()).sort()).toEqual(['pipelined 1', 'pipelined 2']);
  });

  test('resuming a session does not change whose certificate it is: fabrikam cannot speak for contoso', async () => {
    const first = await send(fabrikam, 'bob@woodgrovebank.com', 'x@fabrikam.com');
    expect(first.session).toBeDefined();
    const again = await send(fabrikam, 'bob@woodgrovebank.com', 'x@contoso.com', first.session);
    expect(again.reused).toBe(true);
    expect(again.reply).toBe('454 4.7.5 Certificate validation failure');
  });
});
