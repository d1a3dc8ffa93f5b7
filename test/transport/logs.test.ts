import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ProtocolLog, readProtocolLog, sampleLine, newSessionId, dotnetTicks } from '../../src/transport/protocol-log.js';
import { MessageTrackingLog, readTrackingLog } from '../../src/transport/tracking.js';
import { csvLine, parseCsv } from '../../src/transport/csv.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-logs-'));

// The certificate lines of the seed's sample receive log, verbatim.
const SEED_CERTIFICATE_LINES = `*Sending certificate
*CN=edgea36, Certificate subject
*CN=edgea36, Certificate issuer name
*CA2EDF2487C6F09B4E413FD3812A7F89, Certificate serial number
*E8DA062786FD097DD8D79FF10C583CC23AD64F6C, Certificate thumbprint
*edgea36;edgea36.dns.contoso.com, Certificate alternate names
*Received certificate
*CN=smi.extest.contoso.com, OU=Contoso, O=Corp, L=Spokane, S=WA, C=US, Certificate subject
*CN=ExCertDom EntSub Issuing CA v1.0, DC=ExCertDom, DC=ExTest, DC=Contoso, DC=Com, Certificate issuer name
*446DD186000A00002819, Certificate serial number
*DC27B5F8657F84B15B5004BE63CE482721871582, Certificate thumbprint
*smi.extest.contoso.com, Certificate alternate names`;

describe('protocol log', () => {
  test('writes the certificate lines of the seed sample, in Exchange CSV', () => {
    const dir = tmp();
    const log = new ProtocolLog(dir, 'Receive', { now: () => new Date('2006-08-28T22:37:53.323Z') });
    const s = log.session('EDGEA36\\Inet', '192.168.0.1:25', '192.168.0.2:1234', '08C895F533E837EC');
    s.connect();
    s.sent('220 edgea36 Microsoft ESMTP MAIL Service ready');
    s.received('STARTTLS');
    s.sent('220 2.0.0 SMTP server ready');
    s.certificate('Sending certificate', { subject: 'CN=edgea36', issuer: 'CN=edgea36', serialNumber: 'CA2EDF2487C6F09B4E413FD3812A7F89', thumbprint: 'E8DA062786FD097DD8D79FF10C583CC23AD64F6C', alternateNames: 'edgea36;edgea36.dns.contoso.com' });
    s.certificate('Received certificate', {
      subject: 'CN=smi.extest.contoso.com, OU=Contoso, O=Corp, L=Spokane, S=WA, C=US',
      issuer: 'CN=ExCertDom EntSub Issuing CA v1.0, DC=ExCertDom, DC=ExTest, DC=Contoso, DC=Com',
      serialNumber: '446DD186000A00002819',
      thumbprint: 'DC27B5F8657F84B15B5004BE63CE482721871582',
      alternateNames: 'smi.extest.contoso.com',
    });
    s.info('08C895F533E837EC;2006-08-28T22:37:53.323Z;1', 'receiving message');
    s.disconnect('Local');
    log.close();

    const files = fs.readdirSync(dir);
    expect(files).toEqual(['RECV20060828-1.LOG']);
    const text = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '#Software: Microsoft Exchange Server',
      '#Version: 8.3.83.6',
      '#Log-type: SMTP Receive Protocol Log',
      '#Date: 2006-08-28T22:37:53.323Z',
      '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context',
    ]);
    expect(lines).toContain('2006-08-28T22:37:53.323Z,EDGEA36\\Inet,08C895F533E837EC,5,192.168.0.1:25,192.168.0.2:1234,*,CN=edgea36,Certificate subject');
    expect(lines).toContain('2006-08-28T22:37:53.323Z,EDGEA36\\Inet,08C895F533E837EC,11,192.168.0.1:25,192.168.0.2:1234,*,"CN=smi.extest.contoso.com, OU=Contoso, O=Corp, L=Spokane, S=WA, C=US",Certificate subject');

    const records = readProtocolLog(dir, 'Receive');
    expect(records.map((r) => r.sequenceNumber)).toEqual(records.map((_, i) => i));
    const cert = records.filter((r) => r.event === '*').map(sampleLine);
    expect(cert.slice(0, 12).join('\n')).toBe(SEED_CERTIFICATE_LINES);
    expect(cert[12]).toBe('*08C895F533E837EC;2006-08-28T22:37:53.323Z;1, receiving message');
    expect(records[0]!.event).toBe('+');
    expect(records.at(-1)).toMatchObject({ event: '-', context: 'Local' });
  });

  test('a multi-line reply is one record per line, as in the sample', () => {
    const dir = tmp();
    const log = new ProtocolLog(dir, 'Send');
    const s = log.session('Internet', '127.0.0.1:4000', '127.0.0.1:25');
    s.received('250-edgedns3 Hello woodgrove.com [192.168.0.2], pleased to meet you\r\n250-ENHANCEDSTATUSCODES\r\n250 HELP');
    log.close();
    const r = readProtocolLog(dir, 'Send');
    expect(r.map(sampleLine)).toEqual(['<250-edgedns3 Hello woodgrove.com [192.168.0.2], pleased to meet you', '<250-ENHANCEDSTATUSCODES', '<250 HELP']);
    expect(fs.readdirSync(dir)[0]).toMatch(/^SEND\d{8}-1\.LOG$/);
    expect(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!), 'utf8')).toContain('#Log-type: SMTP Send Protocol Log');
  });

  test('rotates by size into -2, -3 and continues the newest file after a restart', () => {
    const dir = tmp();
    const now = () => new Date('2024-03-01T10:00:00Z');
    let log = new ProtocolLog(dir, 'Receive', { maxFileSize: 2000, now });
    const s = log.session('S\\Inet', '127.0.0.1:25', '127.0.0.1:5000');
    for (let i = 0; i < 40; i++) s.received('x'.repeat(80));
    log.close();
    const names = fs.readdirSync(dir).sort();
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('RECV20240301-2.LOG');
    for (const n of names) expect(fs.statSync(path.join(dir, n)).size).toBeLessThanOrEqual(2000);
    const before = names.length;
    log = new ProtocolLog(dir, 'Receive', { maxFileSize: 2000, now });
    log.session('S\\Inet', 'a', 'b').connect();
    log.close();
    expect(fs.readdirSync(dir).length).toBe(before);
    expect(readProtocolLog(dir, 'Receive').length).toBe(41);
  });

  test('a new UTC day starts a new file at midnight exactly; a clock set back writes to its day again', () => {
    const dir = tmp();
    let t = Date.parse('2024-03-01T23:59:59.999Z');
    const log = new ProtocolLog(dir, 'Receive', { now: () => new Date(t) });
    const s = log.session('S\\Inet', '127.0.0.1:25', '127.0.0.1:5000');
    s.received('EHLO last.of.the.day');
    t += 1;
    s.received('EHLO first.of.the.next');
    t -= 2;
    s.received('EHLO clock.set.back');
    log.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['RECV20240301-1.LOG', 'RECV20240302-1.LOG']);
    expect(fs.readFileSync(path.join(dir, 'RECV20240301-1.LOG'), 'latin1')).toContain('EHLO last.of.the.day');
    expect(fs.readFileSync(path.join(dir, 'RECV20240301-1.LOG'), 'latin1')).toContain('EHLO clock.set.back');
    expect(fs.readFileSync(path.join(dir, 'RECV20240302-1.LOG'), 'latin1')).toContain('2024-03-02T00:00:00.000Z,S\\Inet');
  });

  test('lines reach the file at the end of the turn, and while busy at most every busyFlushMs; a reader in this process sees them at once', async () => {
    const dir = tmp();
    const log = new ProtocolLog(dir, 'Receive', { busyFlushMs: 300 });
    const s = log.session('S\\Inet', '127.0.0.1:25', '127.0.0.1:5000');
    const turn = () => new Promise((r) => setImmediate(r));
    s.connect();
    s.received('EHLO a');
    const file = log.currentFile!;
    // what another process sees: the file as written
    const written = () => fs.readFileSync(file, 'utf8');
    // the header is there (the file exists for readers at once); the lines wait for the turn's end
    expect(written()).toMatch(/^#Software: /);
    expect(written()).not.toContain('EHLO a');
    await turn();
    expect(written()).toContain('EHLO a');
    // a write was just made: the next lines wait (busy), unless a reader in this process asks
    s.received('MAIL FROM:<a@b>');
    await turn();
    expect(written()).not.toContain('MAIL FROM');
    expect(readProtocolLog(dir, 'Receive').map(sampleLine)).toEqual(['+', '<EHLO a', '<MAIL FROM:<a@b>']);
    expect(written()).toContain('MAIL FROM');
    // ... or until the time is up
    s.received('RCPT TO:<c@d>');
    await turn();
    expect(written()).not.toContain('RCPT TO');
    const end = Date.now() + 5000;
    while (!written().includes('RCPT TO') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(written()).toContain('RCPT TO');
    s.received('DATA');
    log.flush();
    expect(written()).toContain('DATA');
    s.disconnect('Local');
    log.close();
    expect(readProtocolLog(dir, 'Receive').at(-1)?.context).toBe('Local');
  });

  test('session ids are 16 upper-case hex digits and increase', () => {
    const a = newSessionId();
    const b = newSessionId();
    expect(a).toMatch(/^[0-9A-F]{16}$/);
    expect(BigInt('0x' + b) > BigInt('0x' + a)).toBe(true);
    expect(dotnetTicks(Date.parse('2006-08-28T22:37:53.323Z')).toString(16).toUpperCase().slice(0, 4)).toBe('8C89');
  });
});

describe('CSV', () => {
  test('quotes commas, quotes and line breaks, and reads them back', () => {
    const fields = ['a', 'b,c', 'say "hi"', 'two\r\nlines', ''];
    const line = csvLine(fields);
    expect(line).toBe('a,"b,c","say ""hi""","two\r\nlines",');
    expect(parseCsv('#comment\r\n' + line + '\r\nx,y\r\n')).toEqual([fields, ['x', 'y']]);
  });
});

describe('message tracking log', () => {
  test('writes MSGTRK files and filters them as Get-MessageTrackingLog does', () => {
    const dir = tmp();
    const log = new MessageTrackingLog(dir, { now: () => new Date('2024-03-01T10:00:03Z') });
    const base = { source: 'SMTP' as const, internalMessageId: '1', messageId: '<a@contoso.com>', totalBytes: 10, recipientCount: 1, messageSubject: 'Quarterly, results', sender: 'ann@contoso.com', returnPath: 'ann@contoso.com' };
    log.write({ ...base, timestamp: new Date('2024-03-01T10:00:00Z'), eventId: 'RECEIVE', recipients: ['bob@woodgrovebank.com'], recipientStatus: [] });
    log.write({ ...base, timestamp: new Date('2024-03-01T10:00:01Z'), eventId: 'SEND', recipients: ['bob@woodgrovebank.com', 'cy@woodgrovebank.com'], recipientStatus: ['250 2.1.5 Recipient OK', '250 2.1.5 Recipient OK'], source: 'SMTP' });
    log.write({ ...base, timestamp: new Date('2024-03-01T10:00:02Z'), eventId: 'DEFER', recipients: ['dee@fabrikam.com'], recipientStatus: ['451 5.7.3 STARTTLS is required to send mail'] });
    log.close();
    const name = fs.readdirSync(dir)[0]!;
    expect(name).toBe('MSGTRK20240301-1.LOG');
    expect(fs.readFileSync(path.join(dir, name), 'utf8')).toContain('#Log-type: Message Tracking Log');
    expect(readTrackingLog(dir).map((e) => e.eventId)).toEqual(['RECEIVE', 'SEND', 'DEFER']);
    expect(readTrackingLog(dir, { eventId: 'send' })[0]!.recipients).toEqual(['bob@woodgrovebank.com', 'cy@woodgrovebank.com']);
    expect(readTrackingLog(dir, { recipients: ['CY@woodgrovebank.com'] }).length).toBe(1);
    expect(readTrackingLog(dir, { messageId: 'a@contoso.com' }).length).toBe(3);
    expect(readTrackingLog(dir, { start: new Date('2024-03-01T10:00:01Z'), resultSize: 1 }).map((e) => e.eventId)).toEqual(['SEND']);
    expect(readTrackingLog(dir, { sender: 'nobody@x' })).toEqual([]);
    expect(readTrackingLog(dir)[0]!.messageSubject).toBe('Quarterly, results');
  });
});

test('message tracking leaves subjects out when subject logging is off', () => {
  const dir = tmp();
  const log = new MessageTrackingLog(dir);
  log.subjectLogging = false;
  log.write({ timestamp: new Date(), source: 'SMTP', eventId: 'RECEIVE', internalMessageId: '1', messageId: '<a@b>', recipients: ['x@y'], recipientStatus: [], totalBytes: 1, recipientCount: 1, messageSubject: 'secret', sender: 's@t', returnPath: 's@t' });
  log.close();
  expect(readTrackingLog(dir)[0]!.messageSubject).toBe('');
});
