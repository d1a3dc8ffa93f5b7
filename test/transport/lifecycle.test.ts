// Service lifecycle: graceful stop (a DATA in flight finishes, the next command gets 421, new
// connections are refused), the spool kept across stop and start, and another process reading the
// live counters, queues and tracking of a running transport and asking it to stop.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TransportService, readServiceStatus, requestStop, spoolFor } from '../../src/transport/service.js';
import { readCounters } from '../../src/transport/counters.js';
import { listQueues, readQueueStates } from '../../src/transport/queues.js';
import { readTrackingLog } from '../../src/transport/tracking.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { buildForChild } from './helpers/build.js';
import { makeOrg, freePort } from './helpers/env.js';
import { TestCertificates } from './helpers/pki.js';
import { smtpSend } from './helpers/client.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** A line-oriented SMTP conversation on a raw socket. */
function conversation(port: number) {
  const sock = net.connect(port, '127.0.0.1');
  const lines: string[] = [];
  let buf = '';
  const waiters: (() => void)[] = [];
  sock.on('data', (d) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 2);
    }
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((r) => sock.on('close', () => r()));
  sock.on('error', () => undefined);
  return {
    lines,
    closed,
    write: (s: string) => sock.write(s),
    async reply(pattern: RegExp, ms = 5000): Promise<string> {
      const end = Date.now() + ms;
      for (;;) {
        const l = lines.find((x) => pattern.test(x));
        if (l) {
          lines.splice(0, lines.indexOf(l) + 1);
          return l;
        }
        if (Date.now() > end) throw new Error(`no reply ${pattern} in ${JSON.stringify(lines)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
  };
}

describe('graceful stop', () => {
  test('a DATA in flight finishes with 250, the next command gets 421, new connections are refused', async () => {
    const org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WG', certificates: new TestCertificates() });
    const svc = await TransportService.start(org.env, { tickMs: 20 });
    const c = conversation(org.port);
    await c.reply(/^220 /);
    c.write('EHLO client\r\n');
    await c.reply(/^250 /);
    c.write('MAIL FROM:<ann@contoso.com>\r\n');
    await c.reply(/^250 2\.1\.0/);
    c.write('RCPT TO:<bob@woodgrovebank.com>\r\n');
    await c.reply(/^250 2\.1\.5/);
    c.write('DATA\r\n');
    await c.reply(/^354 /);
    c.write('Subject: in flight\r\n\r\nfirst half\r\n');
    const stopping = svc.stop(5000);
    await new Promise((r) => setTimeout(r, 100));
    await expect(new Promise((resolve, reject) => net.connect(org.port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow(/ECONNREFUSED/);
    c.write('second half\r\n.\r\n');
    expect(await c.reply(/^250 /)).toMatch(/^250 2\.6\.0 .+ Queued mail for delivery$/);
    c.write('MAIL FROM:<ann@contoso.com>\r\n');
    expect(await c.reply(/^421 /)).toBe('421 4.3.2 Service not available, closing transmission channel');
    await c.closed;
    await stopping;
    expect(svc.status).toBe('Stopped');
    expect(readServiceStatus(org.home)).toBeUndefined();
    // the acknowledged message is in the spool (or already delivered)
    const spooled = spoolFor(org.home).list().length;
    const delivered = listMailbox(org.home, 'bob@woodgrovebank.com').length;
    expect(spooled + delivered).toBe(1);
  });

  test('a deferred message is kept across stop and start', async () => {
    const org = await makeOrg({ domain: 'contoso.com', fqdn: 'mail.contoso.com', name: 'C', certificates: new TestCertificates() });
    const submit = await freePort();
    org.snap.receiveConnectors[0]!.bindings = [{ address: '127.0.0.1', port: submit }];
    org.snap.receiveConnectors[0]!.remoteIPRanges = ['127.0.0.1'];
    org.snap.receiveConnectors[0]!.authMechanism = ['Tls', 'ExternalAuthoritative'];
    org.snap.receiveConnectors[0]!.permissionGroups = ['ExchangeServers'];
    const dead = await freePort();
    org.snap.staticMx = [{ domain: 'fabrikam.com', targets: [{ host: '127.0.0.1', port: dead }] }];
    let svc = await TransportService.start(org.env, { tickMs: 20 });
    await smtpSend({ port: submit, from: 'ann@contoso.com', to: ['dee@fabrikam.com'], ignoreTLS: true });
    const queue = () => listQueues('C', spoolFor(org.home), readQueueStates(org.home)).find((q) => q.nextHopDomain === 'fabrikam.com');
    const end = Date.now() + 10_000;
    while (queue()?.status !== 'Retry' && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(queue()?.lastError).toMatch(/^451 4\.4\.0 Primary target IP address responded with: ".*ECONNREFUSED/);
    await svc.stop(500);
    expect(queue()).toMatchObject({ status: 'Retry', messageCount: 1 });
    svc = await TransportService.start(org.env, { tickMs: 20 });
    try {
      expect(queue()?.messageCount).toBe(1);
      expect(spoolFor(org.home).list().map((e) => e.state)).toEqual(['deferred']);
    } finally {
      await svc.stop(500);
    }
  });
});

describe('another process on the same home', () => {
  test('reads the live counters, queues and tracking of a running transport, and stops it', async () => {
    const org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WG', certificates: new TestCertificates() });
    const dir = buildForChild();
    fs.writeFileSync(
      path.join(dir, 'lifecycle-child.mjs'),
      `import { TransportService } from './src/transport/service.js';
const snap = JSON.parse(process.argv[2]);
const svc = await TransportService.start({ home: process.argv[3], snapshot: () => structuredClone(snap), certificates: { smtpCredential: () => undefined, validatePeer: () => ({ valid: false, status: 'Invalid', reason: '' }) } }, { tickMs: 20 });
process.stdout.write('READY\\n');
await svc.whenStopped();
process.stdout.write('STOPPED\\n');
`,
    );
    const child = spawn(process.execPath, [path.join(dir, 'lifecycle-child.mjs'), JSON.stringify(org.snap), org.home], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const until = async (f: () => boolean, ms = 15_000) => {
      const end = Date.now() + ms;
      while (!f()) {
        if (Date.now() > end) throw new Error('timed out: ' + out);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await until(() => out.includes('READY'));
    expect(readServiceStatus(org.home)).toMatchObject({ pid: child.pid, server: 'WG', bindings: [`127.0.0.1:${org.port}`] });
    expect(readCounters(org.home)).toMatchObject({ pid: child.pid, values: { messagesReceivedTotal: 0 } });
    const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], ignoreTLS: true });
    expect(r.ok).toBe(true);
    await until(() => readCounters(org.home).values.messagesDeliveredTotal === 1);
    expect(readCounters(org.home).values.messagesReceivedTotal).toBe(1);
    expect(readTrackingLog(org.snap.server.messageTrackingLogPath).map((e) => e.eventId)).toEqual(['RECEIVE', 'DELIVER']);
    expect(listQueues('WG', spoolFor(org.home), readQueueStates(org.home)).map((q) => q.identity)).toEqual(['WG\\Submission']);
    // a second transport on the same home is refused
    await expect(TransportService.start(org.env)).rejects.toThrow(`The transport service is already running on this server (process ${child.pid}`);
    requestStop(org.home);
    await until(() => out.includes('STOPPED'));
    expect(await exited).toBe(0);
    expect(readServiceStatus(org.home)).toBeUndefined();
  }, 60_000);
});
