// The send side between two servers on 127.0.0.1 (two homes): routing by send connector and static
// MX, domain security with both certificates, Retry with LastError, Retry-Queue, expiry into an NDR.
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { readProtocolLog, sampleLine } from '../../src/transport/protocol-log.js';
import { readTrackingLog } from '../../src/transport/tracking.js';
import { readCounters } from '../../src/transport/counters.js';
import { listQueues, readQueueStates } from '../../src/transport/queues.js';
import { receiveConnectorDefaults } from '../../src/transport/defaults.js';
import { TestCertificates, credentialOf, issue, makeCa, type TestCa, type TestCert } from './helpers/pki.js';
import { freePort, makeOrg, type Org } from './helpers/env.js';
import { smtpSend } from './helpers/client.js';

let root: TestCa;
let rogue: TestCa;
let wgCert: TestCert;
let wgRogueCert: TestCert;
let contosoCert: TestCert;
let contoso: Org;
let woodgrove: Org;
let contosoCerts: TestCertificates;
let woodgroveCerts: TestCertificates;
let cSvc: TransportService;
let wSvc: TransportService;
let submitPort: number;

async function waitFor<T>(f: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const contosoQueue = (hop: string) => listQueues('CONTOSO', cSvc.spool, readQueueStates(contoso.home)).find((q) => q.nextHopDomain === hop);

beforeAll(async () => {
  root = await makeCa('Lab Root CA');
  rogue = await makeCa('Rogue Root CA');
  [wgCert, wgRogueCert, contosoCert] = await Promise.all([
    issue(root, { subject: 'CN=mail.woodgrovebank.com', dns: ['mail.woodgrovebank.com', 'woodgrovebank.com'] }),
    issue(rogue, { subject: 'CN=mail.woodgrovebank.com', dns: ['mail.woodgrovebank.com', 'woodgrovebank.com'] }),
    issue(root, { subject: 'DC=com,DC=Contoso,CN=mail1.contoso.com', dns: ['mail1.contoso.com', 'mail.contoso.com', 'contoso.com'] }),
  ]);
  woodgroveCerts = new TestCertificates();
  woodgroveCerts.credential = credentialOf(wgCert);
  woodgroveCerts.roots = [root];
  contosoCerts = new TestCertificates();
  contosoCerts.credential = credentialOf(contosoCert);
  contosoCerts.roots = [root];

  woodgrove = await makeOrg({ domain: 'woodgrovebank.com', fqdn: 'mail.woodgrovebank.com', name: 'WOODGROVE', certificates: woodgroveCerts });
  woodgrove.snap.config.tlsReceiveDomainSecureList = ['contoso.com'];
  woodgrove.snap.config.tlsSendDomainSecureList = ['contoso.com'];
  woodgrove.snap.receiveConnectors[0]!.domainSecureEnabled = true;

  contoso = await makeOrg({ domain: 'contoso.com', fqdn: 'mail1.contoso.com', name: 'CONTOSO', certificates: contosoCerts });
  contoso.snap.config.tlsSendDomainSecureList = ['woodgrovebank.com'];
  contoso.snap.config.tlsReceiveDomainSecureList = ['woodgrovebank.com'];
  contoso.snap.sendConnectors[0]!.domainSecureEnabled = true;
  contoso.snap.receiveConnectors[0]!.domainSecureEnabled = true;
  contoso.snap.staticMx = [{ domain: 'woodgrovebank.com', targets: [{ host: '127.0.0.1', port: woodgrove.port }] }];
  submitPort = await freePort();
  contoso.snap.receiveConnectors.push(
    receiveConnectorDefaults('Internal', { bindings: [{ address: '127.0.0.1', port: submitPort }], remoteIPRanges: ['127.0.0.1'], authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'], fqdn: 'mail1.contoso.com' }),
  );
  contoso.snap.server.retry = { transientFailureRetryCount: 2, transientFailureRetryIntervalMs: 60_000, outboundConnectionFailureRetryIntervalMs: 60_000, messageExpirationTimeoutMs: 86_400_000 };
  wSvc = await TransportService.start(woodgrove.env, { tickMs: 50 });
  cSvc = await TransportService.start(contoso.env, { tickMs: 50 });
}, 60_000);

afterAll(async () => {
  await Promise.all([cSvc?.stop(1000), wSvc?.stop(1000)]);
});

describe('domain-secured mail between two organizations', () => {
  test('a message from Contoso reaches Woodgrove domain-secured, both logs show both certificates, counters read 1', async () => {
    const r = await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], message: 'From: ann@contoso.com\r\nTo: bob@woodgrovebank.com\r\nSubject: Quarterly results\r\n\r\nSee attached.\r\n' });
    expect(r.response).toMatch(/^250 2\.6\.0 /);
    const file = await waitFor(() => listMailbox(woodgrove.home, 'bob@woodgrovebank.com')[0]);
    const mail = fs.readFileSync(file, 'utf8').replace(/\r\n[ \t]+/g, ' ');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthAs: Partner\r\n');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com\r\n');
    // Contoso's own organization headers stay inside Contoso
    expect(mail.match(/X-MS-Exchange-Organization-AuthAs/g)?.length).toBe(1);
    expect(mail).toMatch(/Received: from mail1\.contoso\.com \(127\.0\.0\.1\) by mail\.woodgrovebank\.com \(127\.0\.0\.1\) with Microsoft SMTP Server \(version=TLS1_[23], cipher=/);
    expect(mail).toContain('Subject: Quarterly results');

    await waitFor(() => readCounters(contoso.home).values.domainSecureMessagesSent === 1);
    await waitFor(() => readCounters(woodgrove.home).values.domainSecureMessagesReceived === 1);
    expect(readCounters(woodgrove.home).values.domainSecureMessagesReceived).toBe(1);
    expect(readCounters(contoso.home).values.domainSecureOutboundSessionFailures).toBe(0);

    const send = readProtocolLog(contoso.snap.server.sendProtocolLogPath, 'Send').map(sampleLine);
    const i = send.indexOf('*Sending certificate');
    expect(i).toBeGreaterThan(0);
    expect(send[i - 1]).toBe('<220 2.0.0 SMTP server ready');
    expect(send[i - 2]).toBe('>STARTTLS');
    expect(send.slice(i, i + 7)).toEqual([
      '*Sending certificate',
      '*CN=mail1.contoso.com, DC=Contoso, DC=com, Certificate subject',
      '*CN=Lab Root CA, Certificate issuer name',
      `*${contosoCert.info.serialNumber}, Certificate serial number`,
      `*${contosoCert.info.thumbprint}, Certificate thumbprint`,
      '*mail1.contoso.com;mail.contoso.com;contoso.com, Certificate alternate names',
      '*Received certificate',
    ]);
    expect(send[i + 7]).toBe('*CN=mail.woodgrovebank.com, Certificate subject');
    expect(send[i + 12]).toBe('>EHLO mail1.contoso.com');
    expect(send.find((l) => l.endsWith('sending message'))).toMatch(/^\*[0-9A-F]{16};.+;1, sending message$/);
    expect(send).toContain('>MAIL FROM:<ann@contoso.com>');
    expect(send.some((l) => /^<250 2\.6\.0 <.+> Queued mail for delivery$/.test(l))).toBe(true);

    const recv = await waitFor(() => {
      const l = readProtocolLog(woodgrove.snap.server.receiveProtocolLogPath, 'Receive').map(sampleLine);
      return l.includes(`*${contosoCert.info.thumbprint}, Certificate thumbprint`) && l;
    });
    const j = recv.indexOf('*Sending certificate');
    expect(recv.slice(j, j + 13)).toContain(`*${wgCert.info.thumbprint}, Certificate thumbprint`);
    expect(recv.slice(j, j + 13)).toContain('*Received certificate');

    const trk = readTrackingLog(contoso.snap.server.messageTrackingLogPath, { eventId: 'SEND' });
    expect(trk.at(-1)).toMatchObject({ source: 'SMTP', connectorId: 'Internet', recipients: ['bob@woodgrovebank.com'], messageInfo: 'DomainSecured;woodgrovebank.com' });
  });

  test('an ordinary destination is sent with opportunistic TLS and is not counted as domain-secured', async () => {
    const fabrikamCerts = new TestCertificates();
    const fabrikam = await makeOrg({ domain: 'fabrikam.com', fqdn: 'mail.fabrikam.com', name: 'FABRIKAM', certificates: fabrikamCerts });
    const fSvc = await TransportService.start(fabrikam.env, { tickMs: 50 });
    try {
      contoso.snap.staticMx.push({ domain: 'fabrikam.com', targets: [{ host: '127.0.0.1', port: fabrikam.port }] });
      const before = cSvc.counters.get('domainSecureMessagesSent');
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['dee@fabrikam.com'] });
      const file = await waitFor(() => listMailbox(fabrikam.home, 'dee@fabrikam.com')[0]);
      expect(fs.readFileSync(file, 'utf8')).toContain('X-MS-Exchange-Organization-AuthAs: Anonymous');
      expect(cSvc.counters.get('domainSecureMessagesSent')).toBe(before);
    } finally {
      contoso.snap.staticMx.pop();
      await fSvc.stop(500);
    }
  });
});

describe('outbound failures to a secure domain', () => {
  test('a next hop with an untrusted certificate leaves the queue in Retry with the TLS failure, then Retry-Queue delivers once it is fixed', async () => {
    woodgroveCerts.credential = credentialOf(wgRogueCert);
    woodgrove.snap = structuredClone(woodgrove.snap);
    const failures = cSvc.counters.get('domainSecureOutboundSessionFailures');
    try {
      const r = await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['carl@woodgrovebank.com'] });
      expect(r.ok).toBe(true);
      const q = await waitFor(() => {
        const x = contosoQueue('woodgrovebank.com');
        return x?.status === 'Retry' && x;
      });
      expect(q).toMatchObject({ identity: 'CONTOSO\\woodgrovebank.com', deliveryType: 'DnsConnectorDelivery', messageCount: 1, tlsDomain: 'woodgrovebank.com' });
      expect(q.lastError).toMatch(/^454 4\.7\.5 Certificate validation failure \(.*Rogue Root CA.*\)$/);
      expect(q.nextRetryTime!.getTime()).toBeGreaterThan(Date.now() + 30_000);
      expect(cSvc.counters.get('domainSecureOutboundSessionFailures')).toBe(failures + 1);
      // another shell reads the same value from the counters file once it is next written
      await waitFor(() => readCounters(contoso.home).values.domainSecureOutboundSessionFailures === failures + 1);
      expect(listMailbox(woodgrove.home, 'carl@woodgrovebank.com')).toEqual([]);
      expect(readTrackingLog(contoso.snap.server.messageTrackingLogPath, { eventId: 'DEFER', recipients: ['carl@woodgrovebank.com'] }).length).toBe(1);
    } finally {
      woodgroveCerts.credential = credentialOf(wgCert);
      woodgrove.snap = structuredClone(woodgrove.snap);
    }
    // fixed: a retry (as another shell's Retry-Queue does, through the spool) delivers it
    cSvc.spool.requestFlush('CONTOSO\\woodgrovebank.com');
    await waitFor(() => listMailbox(woodgrove.home, 'carl@woodgrovebank.com')[0]);
    await waitFor(() => contosoQueue('woodgrovebank.com') === undefined);
  });

  test('a send connector without DomainSecureEnabled queues with 451 5.7.3 STARTTLS is required to send mail', async () => {
    contoso.snap.sendConnectors[0]!.domainSecureEnabled = false;
    const failures = cSvc.counters.get('domainSecureOutboundSessionFailures');
    try {
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['dan@woodgrovebank.com'] });
      const q = await waitFor(() => {
        const x = contosoQueue('woodgrovebank.com');
        return x?.status === 'Retry' && x;
      });
      expect(q.lastError).toBe('451 5.7.3 STARTTLS is required to send mail');
      expect(cSvc.counters.get('domainSecureOutboundSessionFailures')).toBe(failures + 1);
      // another shell reads the same value from the counters file once it is next written
      await waitFor(() => readCounters(contoso.home).values.domainSecureOutboundSessionFailures === failures + 1);
    } finally {
      contoso.snap.sendConnectors[0]!.domainSecureEnabled = true;
    }
    expect(cSvc.retryQueue('woodgrovebank.com')).toBe(1);
    await waitFor(() => listMailbox(woodgrove.home, 'dan@woodgrovebank.com')[0]);
  });

  test('a next hop that does not offer STARTTLS queues with 451 5.7.3', async () => {
    const saved = woodgroveCerts.credential;
    woodgroveCerts.credential = undefined;
    woodgrove.snap = structuredClone(woodgrove.snap);
    try {
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['eve@woodgrovebank.com'] });
      const q = await waitFor(() => {
        const x = contosoQueue('woodgrovebank.com');
        return x?.status === 'Retry' && x;
      });
      expect(q.lastError).toBe('451 5.7.3 STARTTLS is required to send mail');
      // the failed session: no STARTTLS offered, none tried, QUIT before MAIL
      const log = readProtocolLog(contoso.snap.server.sendProtocolLogPath, 'Send');
      const last = log.filter((r) => r.sessionId === log.at(-1)!.sessionId).map(sampleLine);
      expect(last).not.toContain('<250-STARTTLS');
      expect(last).not.toContain('>STARTTLS');
      expect(last).toContain('>QUIT');
      expect(last.some((l) => l.startsWith('>MAIL'))).toBe(false);
    } finally {
      woodgroveCerts.credential = saved;
      woodgrove.snap = structuredClone(woodgrove.snap);
    }
    cSvc.retryQueue();
    await waitFor(() => listMailbox(woodgrove.home, 'eve@woodgrovebank.com')[0]);
  });

  test('a permanent refusal by the next hop produces an NDR to the sender at once', async () => {
    // Woodgrove does not accept northwind.com: its 550 5.7.1 Unable to relay is final
    contoso.snap.staticMx.push({ domain: 'northwind.com', targets: [{ host: '127.0.0.1', port: woodgrove.port }] });
    try {
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['someone@northwind.com'] });
      const ndrFile = await waitFor(() => listMailbox(contoso.home, 'ann@contoso.com').find((f) => fs.readFileSync(f, 'utf8').includes('someone@northwind.com')));
      const ndr = fs.readFileSync(ndrFile, 'utf8');
      expect(ndr).toContain('Return-Path: <>');
      expect(ndr).toMatch(/Subject: Undeliverable: test/);
      expect(ndr).toContain('Content-Type: multipart/report; report-type=delivery-status');
      expect(ndr).toContain('Final-Recipient: rfc822;someone@northwind.com');
      expect(ndr).toContain('Action: failed');
      expect(ndr).toContain('Status: 5.7.1');
      expect(ndr).toContain('Diagnostic-Code: smtp;550 5.7.1 Unable to relay');
      const trk = readTrackingLog(contoso.snap.server.messageTrackingLogPath, { recipients: ['someone@northwind.com'] });
      expect(trk.map((e) => e.eventId)).toEqual(['RECEIVE', 'FAIL']);
      expect(readTrackingLog(contoso.snap.server.messageTrackingLogPath, { eventId: 'DSN' }).at(-1)).toMatchObject({ source: 'DSN', recipients: ['ann@contoso.com'], reference: [trk[0]!.messageId] });
    } finally {
      contoso.snap.staticMx.pop();
    }
  });

  test('a domain that does not exist in DNS fails at once with an NDR', async () => {
    contoso.env.resolveMx = async (d) => {
      throw Object.assign(new Error(`queryMx ENOTFOUND ${d}`), { code: 'ENOTFOUND' });
    };
    try {
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['x@nowhere.invalid'] });
      const ndrFile = await waitFor(() => listMailbox(contoso.home, 'ann@contoso.com').find((f) => fs.readFileSync(f, 'utf8').includes('x@nowhere.invalid')));
      expect(fs.readFileSync(ndrFile, 'utf8')).toContain('550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain');
    } finally {
      contoso.env.resolveMx = async () => [];
    }
  });

  test('a message that cannot be sent before MessageExpirationTimeout expires into an NDR', async () => {
    contoso.snap.sendConnectors[0]!.domainSecureEnabled = false;
    contoso.snap.server.retry = { transientFailureRetryCount: 2, transientFailureRetryIntervalMs: 200, outboundConnectionFailureRetryIntervalMs: 200, messageExpirationTimeoutMs: 1200 };
    try {
      await smtpSend({ port: submitPort, from: 'ann@contoso.com', to: ['late@woodgrovebank.com'], message: 'Subject: expiring\r\n\r\nx\r\n' });
      const ndrFile = await waitFor(() => listMailbox(contoso.home, 'ann@contoso.com').find((f) => fs.readFileSync(f, 'utf8').includes('late@woodgrovebank.com')));
      const ndr = fs.readFileSync(ndrFile, 'utf8');
      expect(ndr).toContain('Subject: Undeliverable: expiring');
      expect(ndr).toContain('550 4.4.7 QUEUE.Expired; message expired (last error: 451 5.7.3 STARTTLS is required to send mail)');
      expect(ndr).toContain('Status: 4.4.7');
      const trk = readTrackingLog(contoso.snap.server.messageTrackingLogPath, { recipients: ['late@woodgrovebank.com'] }).map((e) => e.eventId);
      expect(trk[0]).toBe('RECEIVE');
      expect(trk).toContain('DEFER');
      expect(trk.at(-1)).toBe('FAIL');
      expect(listMailbox(woodgrove.home, 'late@woodgrovebank.com')).toEqual([]);
    } finally {
      contoso.snap.sendConnectors[0]!.domainSecureEnabled = true;
      contoso.snap.server.retry = { transientFailureRetryCount: 2, transientFailureRetryIntervalMs: 60_000, outboundConnectionFailureRetryIntervalMs: 60_000, messageExpirationTimeoutMs: 86_400_000 };
    }
  });
});
