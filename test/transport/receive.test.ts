// The receive side over real sockets on 127.0.0.1: domain security at MAIL FROM with every refusal,
// relay rules, limits, local delivery with the trace and organization headers, protocol logs.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { readProtocolLog, sampleLine } from '../../src/transport/protocol-log.js';
import { readTrackingLog } from '../../src/transport/tracking.js';
import { readCounters } from '../../src/transport/counters.js';
import { receiveConnectorDefaults } from '../../src/transport/defaults.js';
import { TestCertificates, credentialOf, crlOf, issue, makeCa, type TestCa, type TestCert } from './helpers/pki.js';
import { freePort, makeOrg, type Org } from './helpers/env.js';
import { presentedThumbprint, smtpSend } from './helpers/client.js';

let root: TestCa;
let rogue: TestCa;
let server: TestCert;
let contoso: TestCert;
let expired: TestCert;
let revoked: TestCert;
let fabrikam: TestCert;
let untrusted: TestCert;
let certs: TestCertificates;
let org: Org;
let svc: TransportService;

const partner = () => ({ cert: contoso.pem, key: contoso.keyPem });

beforeAll(async () => {
  root = await makeCa('Lab Root CA');
  rogue = await makeCa('Rogue Root CA');
  [server, contoso, expired, revoked, fabrikam, untrusted] = await Promise.all([
    issue(root, { subject: 'CN=mail.woodgrovebank.com', dns: ['mail.woodgrovebank.com', 'woodgrovebank.com'] }),
    issue(root, { subject: 'DC=com,DC=Contoso,CN=mail1.contoso.com', dns: ['mail1.contoso.com', 'mail.contoso.com', 'contoso.com'] }),
    issue(root, { subject: 'CN=old.contoso.com', dns: ['contoso.com'], notBefore: new Date(Date.now() - 20 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) }),
    issue(root, { subject: 'CN=revoked.contoso.com', dns: ['contoso.com'] }),
    issue(root, { subject: 'CN=mail.fabrikam.com', dns: ['mail.fabrikam.com', 'fabrikam.com'] }),
    issue(rogue, { subject: 'CN=mail.contoso.com', dns: ['contoso.com'] }),
  ]);
  root.revoked.push({ serialNumber: revoked.info.serialNumber, date: new Date(Date.now() - 60_000) });
  certs = new TestCertificates();
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

function mailboxText(address: string): string[] {
  return listMailbox(org.home, address).map((f) => fs.readFileSync(f, 'utf8'));
}

describe('domain security at MAIL FROM', () => {
  test('a partner presenting a valid certificate is accepted as Partner and delivered with the organization headers', async () => {
    const before = readCounters(org.home).values.domainSecureMessagesReceived;
    const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], ...partner(), name: 'mail1.contoso.com' });
    expect(r.response).toMatch(/^250 2\.6\.0 <.+> Queued mail for delivery$/);
    expect(r.secure).toBe(true);
    await svc.idle();
    const mails = mailboxText('bob@woodgrovebank.com');
    expect(mails.length).toBe(1);
    const m = mails[0]!.replace(/\r\n[ \t]+/g, ' ');
    expect(m).toMatch(/^Return-Path: <ann@contoso\.com>\r\nReceived: from mail1\.contoso\.com \(127\.0\.0\.1\) by mail\.woodgrovebank\.com \(127\.0\.0\.1\) with Microsoft SMTP Server \(version=TLS1_[23], cipher=TLS_\w+\)/);
    expect(m).toContain('X-MS-Exchange-Organization-AuthAs: Partner\r\n');
    expect(m).toContain('X-MS-Exchange-Organization-AuthMechanism: 02\r\n');
    expect(m).toContain('X-MS-Exchange-Organization-AuthSource: mail.woodgrovebank.com\r\n');
    expect(m).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com\r\n');
    expect(m).toContain('\r\n\r\nHello.\r\n');
    // another shell sees the counter once the file is next written (every 100 ms at most)
    await waitFor(() => readCounters(org.home).values.domainSecureMessagesReceived === before + 1);
    expect(readCounters(org.home).values.domainSecureMessagesReceived).toBe(before + 1);

    const sessionOf = () => {
      const log = readProtocolLog(org.snap.server.receiveProtocolLogPath, 'Receive');
      return log.filter((l) => l.sessionId === log.find((x) => x.event === '*' && x.context === 'Received certificate')?.sessionId);
    };
    await waitFor(() => sessionOf().at(-1)?.event === '-');
    const session = sessionOf();
    const lines = session.map(sampleLine);
    expect(lines[0]).toBe('+');
    expect(lines[1]).toMatch(/^>220 mail\.woodgrovebank\.com Microsoft ESMTP MAIL Service ready at /);
    expect(lines).toContain('<STARTTLS');
    expect(lines).toContain('>220 2.0.0 SMTP server ready');
    const i = lines.indexOf('*Sending certificate');
    expect(lines.slice(i, i + 12)).toEqual([
      '*Sending certificate',
      '*CN=mail.woodgrovebank.com, Certificate subject',
      '*CN=Lab Root CA, Certificate issuer name',
      `*${server.info.serialNumber}, Certificate serial number`,
      `*${server.info.thumbprint}, Certificate thumbprint`,
      '*mail.woodgrovebank.com;woodgrovebank.com, Certificate alternate names',
      '*Received certificate',
      '*CN=mail1.contoso.com, DC=Contoso, DC=com, Certificate subject',
      '*CN=Lab Root CA, Certificate issuer name',
      `*${contoso.info.serialNumber}, Certificate serial number`,
      `*${contoso.info.thumbprint}, Certificate thumbprint`,
      '*mail1.contoso.com;mail.contoso.com;contoso.com, Certificate alternate names',
    ]);
    expect(lines).toContain('<MAIL FROM:<ann@contoso.com>');
    expect(lines.find((l) => l.endsWith(', receiving message'))).toMatch(/^\*[0-9A-F]{16};\d{4}-\d\d-\d\dT[\d:.]+Z;1, receiving message$/);
    expect(lines).toContain('>250 2.1.0 Sender OK');
    expect(lines).toContain('>250 2.1.5 Recipient OK');
    expect(lines).toContain('>354 Start mail input; end with <CRLF>.<CRLF>');
    expect(lines).toContain('>221 2.0.0 Service closing transmission channel');
    expect(lines.at(-1)).toBe('-');
    expect(session.at(-1)!.context).toBe('Local');
    expect(session[0]!.connectorId).toBe('WGEDGE\\Inet');

    const tracking = readTrackingLog(org.snap.server.messageTrackingLogPath, { sender: 'ann@contoso.com' });
    expect(tracking.map((e) => e.eventId)).toEqual(['RECEIVE', 'DELIVER']);
    expect(tracking[0]!.messageInfo).toBe('DomainSecured;contoso.com');
  });

  test('without STARTTLS a secure-domain sender gets 530 5.7.1 Not authenticated', async () => {
    const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], ignoreTLS: true });
    expect(r.secure).toBe(false);
    expect(r.response).toBe('530 5.7.1 Not authenticated');
    expect(r.command).toBe('MAIL FROM');
  });

  test('STARTTLS without a client certificate gets 530 5.7.1 Not authenticated', async () => {
    const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'] });
    expect(r.secure).toBe(true);
    expect(r.response).toBe('530 5.7.1 Not authenticated');
  });

  test.each([
    ['a certificate from an untrusted CA', () => untrusted, /not a trusted root|not found in the trusted root/],
    ['an expired certificate', () => expired, /expired/],
    ['a revoked certificate', () => revoked, /revoked/],
    ['a certificate for another domain', () => fabrikam, /does not match the name 'contoso\.com'/],
  ])('%s gets 454 4.7.5 Certificate validation failure', async (_what, cert, reason) => {
    const c = cert();
    const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], cert: c.pem, key: c.keyPem });
    expect(r.response).toBe('454 4.7.5 Certificate validation failure');
    const log = readProtocolLog(org.snap.server.receiveProtocolLogPath, 'Receive');
    const failure = log.filter((l) => l.context.startsWith('Certificate validation failed for secure domain contoso.com')).at(-1);
    expect(failure?.data).toMatch(reason);
  });

  test('other senders are accepted with or without TLS, as Anonymous, and cannot forge organization headers', async () => {
    const r = await smtpSend({
      port: org.port,
      from: 'dee@fabrikam.com',
      to: ['cy@woodgrovebank.com'],
      ignoreTLS: true,
      message: 'From: dee@fabrikam.com\r\nX-MS-Exchange-Organization-AuthAs: Partner\r\nX-MS-Exchange-Organization-AuthDomain:\r\n contoso.com\r\nSubject: hi\r\n\r\nforged\r\n',
    });
    expect(r.ok).toBe(true);
    const t = await smtpSend({ port: org.port, from: 'dee@fabrikam.com', to: ['cy@woodgrovebank.com'] });
    expect(t.ok && t.secure).toBe(true);
    await svc.idle();
    const [plain, secure] = mailboxText('cy@woodgrovebank.com').map((m) => m.replace(/\r\n[ \t]+/g, ' '));
    expect(plain).toContain('X-MS-Exchange-Organization-AuthAs: Anonymous\r\n');
    expect(plain).not.toContain('Partner');
    expect(plain).not.toContain('contoso.com');
    expect(plain).toMatch(/with Microsoft SMTP Server id \d+;/);
    expect(secure).toMatch(/with Microsoft SMTP Server \(version=TLS1_[23], cipher=/);
  });

  test('RCPT for a domain that is not accepted gets 550 5.7.1 Unable to relay', async () => {
    const r = await smtpSend({ port: org.port, from: 'dee@fabrikam.com', to: ['someone@example.org'], ignoreTLS: true });
    expect(r.response).toBe('550 5.7.1 Unable to relay');
    expect(r.command).toBe('RCPT TO');
  });

  test('a message over the size limit gets 552 5.3.4', async () => {
    const r = await smtpSend({ port: org.port, from: 'dee@fabrikam.com', to: ['cy@woodgrovebank.com'], ignoreTLS: true, message: 'Subject: big\r\n\r\n' + 'x'.repeat(100) + '\r\n' });
    expect(r.ok).toBe(true);
    org.snap.receiveConnectors[0]!.maxMessageSize = 50;
    try {
      const big = await smtpSend({ port: org.port, from: 'dee@fabrikam.com', to: ['cy@woodgrovebank.com'], ignoreTLS: true, message: 'Subject: big\r\n\r\n' + 'x'.repeat(100) + '\r\n' });
      expect(big.response).toMatch(/^552 5\.3\.4 /);
    } finally {
      org.snap.receiveConnectors[0]!.maxMessageSize = 10 * 1024 * 1024;
    }
  });

  test('recipients beyond MaxRecipientsPerMessage get 452 4.5.3', async () => {
    org.snap.receiveConnectors[0]!.maxRecipientsPerMessage = 2;
    try {
      const r = await smtpSend({ port: org.port, from: 'dee@fabrikam.com', to: ['a@woodgrovebank.com', 'b@woodgrovebank.com', 'c@woodgrovebank.com'], ignoreTLS: true });
      expect(r.transcript).toContain('S: 452 4.5.3 Too many recipients');
    } finally {
      org.snap.receiveConnectors[0]!.maxRecipientsPerMessage = 200;
    }
  });

  test('the connector without DomainSecureEnabled answers 451 4.7.3', async () => {
    org.snap.receiveConnectors[0]!.domainSecureEnabled = false;
    try {
      const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], ...partner() });
      expect(r.response).toBe('451 4.7.3 The admin has temporarily disallowed this secure domain');
    } finally {
      org.snap.receiveConnectors[0]!.domainSecureEnabled = true;
    }
  });

  test('without an SMTP certificate STARTTLS is not offered and a secure domain gets 454 4.7.0', async () => {
    const saved = certs.credential;
    certs.credential = undefined;
    org.snap = structuredClone(org.snap); // a configuration change: new sessions see it
    try {
      const r = await smtpSend({ port: org.port, from: 'ann@contoso.com', to: ['bob@woodgrovebank.com'], ...partner() });
      expect(r.transcript.join('\n')).not.toContain('STARTTLS');
      expect(r.response).toBe('454 4.7.0 Temporary authentication failure');
    } finally {
      certs.credential = saved;
    }
  });

  test('a protocol error budget ends the session with 421', async () => {
    const lines = await rawSession(org.port, ['EHLO x', 'BOGUS', 'BOGUS', 'BOGUS', 'BOGUS', 'BOGUS', 'BOGUS']);
    expect(lines.join('\n')).toContain('500 5.3.3 Unrecognized command');
    expect(lines.join('\n')).toContain('421 4.7.0 Too many errors on this connection, closing transmission channel');
  });

  test('a command line over the limit ends the session with 421', async () => {
    const lines = await rawSession(org.port, ['EHLO ' + 'x'.repeat(3000)]);
    expect(lines.at(-1)).toBe('421 4.5.2 Line too long, closing transmission channel');
  });

  test('an idle session and a session over ConnectionTimeout end with 421 4.4.1', async () => {
    const c = org.snap.receiveConnectors[0]!;
    c.connectionInactivityTimeoutMs = 300;
    try {
      const idle = await rawSession(org.port, []);
      expect(idle.at(-1)).toBe('421 4.4.1 Connection timed out');
    } finally {
      c.connectionInactivityTimeoutMs = 10_000;
    }
    c.connectionTimeoutMs = 600;
    try {
      const busy = await rawSession(org.port, Array.from({ length: 40 }, () => 'NOOP'), 50);
      expect(busy).toContain('250 2.0.0 OK');
      expect(busy.at(-1)).toBe('421 4.4.1 Connection timed out');
      expect(busy.filter((l) => l === '250 2.0.0 OK').length).toBeLessThan(40);
    } finally {
      c.connectionTimeoutMs = 600_000;
    }
  });

  test('the banner and EHLO read as configured', async () => {
    org.snap.receiveConnectors[0]!.banner = '220 Woodgrove Bank mail service';
    try {
      const lines = await rawSession(org.port, ['EHLO client.example', 'QUIT']);
      expect(lines[0]).toBe('220 Woodgrove Bank mail service');
      expect(lines).toContain('250-mail.woodgrovebank.com Hello [127.0.0.1]');
      expect(lines).toContain('250-SIZE 10485760');
      expect(lines).toContain('250-STARTTLS');
      expect(lines).toContain('221 2.0.0 Service closing transmission channel');
    } finally {
      org.snap.receiveConnectors[0]!.banner = undefined;
    }
  });
});

describe('the SMTP certificate', () => {
  test('STARTTLS presents the configured certificate, and a new one takes effect for new sessions', async () => {
    expect(await presentedThumbprint(org.port)).toBe(server.info.thumbprint);
    const other = await issue(root, { subject: 'CN=mail2.woodgrovebank.com', dns: ['mail2.woodgrovebank.com', 'woodgrovebank.com'] });
    const saved = certs.credential;
    certs.credential = credentialOf(other);
    org.snap = structuredClone(org.snap);
    try {
      expect(await presentedThumbprint(org.port)).toBe(other.info.thumbprint);
    } finally {
      certs.credential = saved;
      org.snap = structuredClone(org.snap);
    }
  });
});

describe('relay connector', () => {
  test('ExchangeServers with ExternalAuthoritative from RemoteIPRanges may relay', async () => {
    const port = await freePort();
    org.snap.receiveConnectors.push(
      receiveConnectorDefaults('Internal', { bindings: [{ address: '127.0.0.1', port }], remoteIPRanges: ['127.0.0.1'], authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'] }),
    );
    org.snap = structuredClone(org.snap);
    try {
      // the listener for the new binding opens without a restart
      await waitFor(() => svc.bindings.includes(`127.0.0.1:${port}`));
      const r = await smtpSend({ port, from: 'bob@woodgrovebank.com', to: ['someone@example.org'], ignoreTLS: true });
      expect(r.response).toMatch(/^250 2\.6\.0 /);
    } finally {
      org.snap.receiveConnectors.pop();
      org.snap = structuredClone(org.snap);
    }
    await waitFor(() => !svc.bindings.includes(`127.0.0.1:${port}`));
  });
});

describe('start-up errors', () => {
  test('a port already in use is a clear error', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const other = await makeOrg({ domain: 'x.test', fqdn: 'mail.x.test', name: 'X', certificates: certs, port });
      await expect(TransportService.start(other.env)).rejects.toThrow(`The receive connector binding 127.0.0.1:${port} cannot be used: the address is already in use.`);
    } finally {
      blocker.close();
    }
  });
  test('a domain-secure connector without an SMTP certificate is a clear error', async () => {
    const none = new TestCertificates();
    const other = await makeOrg({ domain: 'x.test', fqdn: 'mail.x.test', name: 'X', certificates: none });
    other.snap.receiveConnectors[0]!.domainSecureEnabled = true;
    await expect(TransportService.start(other.env)).rejects.toThrow(/The receive connector 'Inet' requires TLS \(DomainSecureEnabled\), but no certificate is enabled for the SMTP service/);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sends raw command lines one by one (after `delayMs`), collecting every reply line. */
function rawSession(port: number, commands: string[], delayMs = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    let next = 0;
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(lines);
    }, 5000);
    sock.on('data', (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const l = buf.slice(0, i);
        buf = buf.slice(i + 2);
        lines.push(l);
        if (/^\d{3} /.test(l) && next < commands.length) {
          const cmd = commands[next++] + '\r\n';
          if (delayMs) setTimeout(() => sock.writable && sock.write(cmd), delayMs);
          else sock.write(cmd);
        }
      }
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(lines);
    });
    sock.on('error', reject);
  });
}

