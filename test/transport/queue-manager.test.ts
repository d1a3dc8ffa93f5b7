// The queue manager takes accepted messages in memory (with their content, up to a bound) and
// finds the rest by scanning incoming/: a backlog larger than what it holds and messages written by
// another process are all delivered, each exactly once, and the spool ends empty.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { Spool } from '../../src/transport/spool.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { TestCertificates } from './helpers/pki.js';
import { makeOrg, type Org } from './helpers/env.js';
import { smtpSend } from './helpers/client.js';

let org: Org;
let svc: TransportService;

beforeAll(async () => {
  org = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WG', certificates: new TestCertificates() });
  // one delivery at a time: everything else waits in the queue manager's hands or on disk
  org.snap.server.maxConcurrentMessages = 1;
  org.snap.receiveConnectors[0]!.protocolLoggingLevel = 'None';
  svc = await TransportService.start(org.env, { tickMs: 50 });
});

afterAll(async () => {
  await svc?.stop(1000);
});

test('a backlog beyond what is held in memory, and messages from another writer, are each delivered once', async () => {
  const total = 300;
  let next = 0;
  const replies: string[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < total) {
        const n = next++;
        const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], message: `Subject: backlog ${n}\r\n\r\nmessage ${n}\r\n`, ignoreTLS: true });
        replies.push(r.response);
      }
    }),
  );
  expect(replies.filter((r) => /^250 2\.6\.0 /.test(r))).toHaveLength(total);
  // another process's writer (a Spool of its own on the same folder), found by the periodic scan
  const other = new Spool(path.join(org.home, 'queue'));
  other.accept({ receivedAt: new Date().toISOString(), mailFrom: 'carol@fabrikam.com', recipients: [{ address: 'bob@woodgrovebank.com', status: 'Ready', attempts: 0 }], messageId: '<other@fabrikam.com>', subject: 'from the side', source: 'SMTP' }, Buffer.from('Subject: from the side\r\n\r\nhi\r\n'));
  await svc.idle(60_000);

  const files = listMailbox(org.home, 'bob@woodgrovebank.com');
  expect(files).toHaveLength(total + 1);
  const subjects = files.map((f) => /^Subject: (.*)$/m.exec(fs.readFileSync(f, 'latin1'))?.[1]?.trim());
  expect(new Set(subjects).size).toBe(total + 1);
  expect(subjects).toContain('from the side');
  for (let n = 0; n < total; n++) expect(subjects).toContain(`backlog ${n}`);
  // every mailbox file starts with its Return-Path line, and the spool let go of everything
  expect(files.every((f) => fs.readFileSync(f, 'latin1').startsWith('Return-Path: <'))).toBe(true);
  for (const d of ['incoming', 'active', 'deferred', 'data'] as const) expect(fs.readdirSync(svc.spool.dirs[d])).toEqual([]);
  // idle means the journal holds nothing more: every mailbox file was synced by a checkpoint
  expect(svc.spool.awaitingSync).toBe(0);
  expect(svc.counters.get('messagesDeliveredTotal')).toBe(total + 1);
}, 120_000);
