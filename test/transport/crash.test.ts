// Crash safety: kill -9 the transport while it accepts messages; after a restart every message
// that got 250 is delivered or still queued, and local delivery never writes a message twice.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { Spool, pendingRecipients } from '../../src/transport/spool.js';
import { deliverToMailbox, listMailbox } from '../../src/transport/mailbox.js';
import { readTrackingLog } from '../../src/transport/tracking.js';
import { headerValue, parseHeaders } from '../../src/transport/message.js';
import { buildForChild } from './helpers/build.js';
import { makeOrg, type Org } from './helpers/env.js';
import { TestCertificates } from './helpers/pki.js';
import { smtpSend } from './helpers/client.js';

const CHILD = `
import { TransportService } from './src/transport/service.js';
const snap = JSON.parse(process.argv[2]);
const env = {
  home: process.argv[3],
  snapshot: () => structuredClone(snap),
  certificates: { smtpCredential: () => undefined, validatePeer: () => ({ valid: false, status: 'Invalid', reason: 'none' }) },
};
await TransportService.start(env, { tickMs: 20 });
process.stdout.write('READY\\n');
setInterval(() => {}, 1 << 30);
`;

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function startChild(org: Org): Promise<ChildProcess> {
  const dir = buildForChild();
  fs.writeFileSync(path.join(dir, 'child.mjs'), CHILD);
  const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), JSON.stringify(org.snap), org.home], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    const t = setTimeout(() => reject(new Error('child did not start: ' + err)), 20_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      if (String(d).includes('READY')) {
        clearTimeout(t);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

function messageIdsIn(home: string, address: string): string[] {
  return listMailbox(home, address).map((f) => headerValue(parseHeaders(fs.readFileSync(f)), 'X-Test-Id') ?? '?');
}

describe('crash safety', () => {
  test('kill -9 while accepting: every message that got 250 is delivered or queued, none twice', async () => {
    const org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WG', certificates: new TestCertificates() });
    org.snap.receiveConnectors[0]!.protocolLoggingLevel = 'None';
    const child = await startChild(org);

    const acked = new Set<string>();
    const attempted: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 40 && !killed; i++) {
        const id = `w${w}-m${i}`;
        attempted.push(id);
        const r = await smtpSend({
          port: org.port,
          from: 'ann@contoso.com',
          to: ['bob@woodgrovebank.com', 'cy@woodgrovebank.com'],
          ignoreTLS: true,
          message: `From: ann@contoso.com\r\nX-Test-Id: ${id}\r\nSubject: ${id}\r\n\r\n${'body '.repeat(200)}\r\n`,
        });
        if (/^250 /.test(r.response)) acked.add(id);
      }
    };
    const killer = (async () => {
      const deadline = Date.now() + 30_000;
      while (acked.size < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      killed = true;
    })();
    await Promise.all([killer, ...[0, 1, 2, 3, 4, 5].map(worker)]);
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(acked.size).toBeGreaterThanOrEqual(25);

    // restart on the same home: recovery, then the queue drains
    const svc = await TransportService.start(org.env, { tickMs: 20 });
    try {
      await svc.idle(20_000);
      const spool = new Spool(path.join(org.home, 'queue'));
      const queued = new Set(
        spool
          .list()
          .filter((e) => pendingRecipients(e.envelope).length)
          .map((e) => e.envelope.subject),
      );
      for (const who of ['bob@woodgrovebank.com', 'cy@woodgrovebank.com']) {
        const delivered = messageIdsIn(org.home, who);
        // never twice
        expect(new Set(delivered).size).toBe(delivered.length);
        // every acknowledged message is there (or still queued)
        for (const id of acked) expect(delivered.includes(id) || queued.has(id), `${id} for ${who}`).toBe(true);
        // nothing that was not acknowledged appears out of nowhere
        for (const id of delivered) expect(attempted).toContain(id);
        // no half-written files
        expect(fs.readdirSync(path.join(org.home, 'mailbox', who)).filter((f) => !f.endsWith('.eml'))).toEqual([]);
        for (const f of listMailbox(org.home, who)) expect(fs.readFileSync(f, 'utf8')).toMatch(/body \r\n$/);
      }
      expect(fs.readdirSync(spool.dirs.tmp)).toEqual([]);
      // nor a file written beside the mailboxes and not linked in yet
      expect(fs.readdirSync(path.join(org.home, 'mailbox', '%staging'))).toEqual([]);
    } finally {
      await svc.stop(500);
    }
  }, 90_000);

  test('a delivery repeated after a crash finds the mailbox file and writes nothing', async () => {
    const org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WG', certificates: new TestCertificates() });
    const spool = new Spool(path.join(org.home, 'queue'));
    spool.recover();
    const content = Buffer.from('Subject: once\r\n\r\nonly once\r\n');
    const e = spool.accept({ receivedAt: new Date().toISOString(), mailFrom: 'ann@contoso.com', recipients: [{ address: 'bob@woodgrovebank.com', status: 'Ready', attempts: 0 }], messageId: '<once@contoso.com>', subject: 'once', source: 'SMTP' }, content);
    // the crash: the queue manager had claimed it and written the mailbox file, but not yet recorded it
    spool.move(e, 'active');
    const first = await deliverToMailbox(org.home, 'bob@woodgrovebank.com', e.envelope.id, content, 'ann@contoso.com');
    const before = fs.statSync(first.file);
    const svc = await TransportService.start(org.env, { tickMs: 20 });
    try {
      await svc.idle();
      expect(listMailbox(org.home, 'bob@woodgrovebank.com')).toEqual([first.file]);
      const after = fs.statSync(first.file);
      expect(after.ino).toBe(before.ino);
      expect(after.mtimeMs).toBe(before.mtimeMs);
      expect(spool.list()).toEqual([]);
      expect(readTrackingLog(org.snap.server.messageTrackingLogPath, { eventId: 'DELIVER' })).toEqual([]);
    } finally {
      await svc.stop(500);
    }
  });
});
