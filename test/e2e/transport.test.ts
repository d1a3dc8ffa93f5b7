// The seed scenario end to end, as the README runs it: two edgeshell processes, two homes, loopback
// ports. Woodgrove Bank's script starts its transport and waits; Contoso's configures, starts,
// sends and shows the counters. Other shells on the same homes read the live counters and stop the
// waiting transport.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cliPath, runCli, tempDir } from '../helpers/shell.js';
import { readServiceStatus } from '../../src/transport/service.js';
import { readProtocolLog, sampleLine } from '../../src/transport/protocol-log.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { freePort } from '../transport/helpers/env.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function until<T>(f: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const counter = (home: string, name: string) =>
  runCli(['-NoProfile', '-Command', `(Get-Counter '\\MSExchange Secure Mail Transport(_Total)\\${name}').CounterSamples[0].CookedValue`], { env: { EDGESHELL_HOME: home }, cwd: ROOT });

describe('domain security between Contoso and Woodgrove Bank', () => {
  // RSA is the scripts' default and passes no -KeyAlgorithm; ECDSA runs the same scenario with EC keys
  test.each([
    ['RSA', [], 2048],
    ['ECDSA', ['-KeyAlgorithm', 'ECDSA'], 256],
  ] as const)('the seed scenario (%s keys): a message from Contoso reaches Woodgrove domain-secured, logs show both certificates, counters read 1', async (_name, keyArgs, publicKeySize) => {
    const lab = tempDir('edgeshell-lab-');
    const wg = tempDir('edgeshell-woodgrove-');
    const co = tempDir('edgeshell-contoso-');
    const [wgPort, coPort, submitPort] = [await freePort(), await freePort(), await freePort()];

    // terminal 1: Woodgrove Bank, running until stopped
    const woodgrove = spawn(process.execPath, [cliPath, '-NoProfile', '-File', 'examples/domain-security/woodgrove.ps1', '-Lab', lab, '-Port', String(wgPort), '-PartnerPort', String(coPort), ...keyArgs], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', EDGESHELL_HOME: wg },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(woodgrove);
    let wgOut = '';
    let wgErr = '';
    woodgrove.stdout!.on('data', (d) => (wgOut += d));
    woodgrove.stderr!.on('data', (d) => (wgErr += d));
    const wgExit = new Promise<number | null>((r) => woodgrove.on('exit', (code) => r(code)));
    await until(() => readServiceStatus(wg), `Woodgrove's transport (${wgErr})`);

    // terminal 2: Contoso, end to end
    const contoso = await runCli(
      ['-NoProfile', '-File', 'examples/domain-security/contoso.ps1', '-Lab', lab, '-Port', String(coPort), '-SubmissionPort', String(submitPort), '-PartnerPort', String(wgPort), '-TimeoutSeconds', '20', ...keyArgs],
      { env: { EDGESHELL_HOME: co }, cwd: ROOT, timeoutMs: 60_000 },
    );
    expect(contoso.stderr).toBe('');
    expect(contoso.code).toBe(0);
    expect(contoso.stdout).toMatch(/Status\s+: Running/);
    expect(contoso.stdout).toMatch(/SEND\s+SMTP\s+\{bob@woodgrovebank\.com\}\s+DomainSecured;woodgrovebank\.com/);

    // the message is in Bob's mailbox, marked domain-secured
    const file = await until(() => listMailbox(wg, 'bob@woodgrovebank.com')[0], 'the delivery at Woodgrove');
    const mail = fs.readFileSync(file, 'utf8').replace(/\r\n[ \t]+/g, ' ');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthAs: Partner');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthMechanism: 02');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthSource: mail.woodgrovebank.com');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com');
    expect(mail).toMatch(/Received: from mail\.contoso\.com \(127\.0\.0\.1\) by mail\.woodgrovebank\.com \(127\.0\.0\.1\) with Microsoft SMTP Server \(version=TLS1_[23], cipher=\w+\)/);
    expect(mail).toContain('Subject: Quarterly results');

    // both protocol logs show the TLS negotiation with both certificates
    const smtpCertificate = async (home: string) => {
      const script = "Get-ExchangeCertificate | Where-Object { $_.Services -match 'SMTP' } | ForEach-Object { $_.Thumbprint; $_.PublicKeySize }";
      return (await runCli(['-NoProfile', '-Command', script], { env: { EDGESHELL_HOME: home }, cwd: ROOT })).stdout.trim().split('\n');
    };
    const [[wgThumb, wgSize], [coThumb, coSize]] = [await smtpCertificate(wg), await smtpCertificate(co)];
    expect(wgThumb).toMatch(/^[0-9A-F]{40}$/);
    expect([wgSize, coSize]).toEqual([String(publicKeySize), String(publicKeySize)]);
    const logs = path.join('TransportRoles', 'Logs', 'ProtocolLog');
    const send = readProtocolLog(path.join(co, logs, 'SmtpSend'), 'Send').map(sampleLine);
    const recv = readProtocolLog(path.join(wg, logs, 'SmtpReceive'), 'Receive').map(sampleLine);
    for (const lines of [send, recv]) {
      const i = lines.indexOf('*Sending certificate');
      const j = lines.indexOf('*Received certificate');
      expect(i).toBeGreaterThan(0);
      expect(j).toBe(i + 6);
      expect(lines.slice(i, j + 6).filter((l) => l.endsWith(', Certificate thumbprint'))).toEqual(
        lines === send ? [`*${coThumb}, Certificate thumbprint`, `*${wgThumb}, Certificate thumbprint`] : [`*${wgThumb}, Certificate thumbprint`, `*${coThumb}, Certificate thumbprint`],
      );
    }
    expect(send).toContain('*CN=mail1.contoso.com, DC=Contoso, DC=com, Certificate subject');
    expect(recv).toContain('*CN=mail.woodgrovebank.com, DC=WoodgroveBank, DC=com, Certificate subject');
    expect(recv).toContain('*CN=Lab Root CA, Certificate issuer name');

    // another shell on each home reads the counters: Woodgrove's live, Contoso's last values
    expect((await counter(wg, 'Domain Secure Messages Received')).stdout.trim()).toBe('1');
    expect((await counter(co, 'Domain Secure Messages Sent')).stdout.trim()).toBe('1');
    expect((await counter(co, 'Domain Secure Outbound Session Failures')).stdout.trim()).toBe('0');

    // and stops the waiting transport gracefully
    const stop = await runCli(['-NoProfile', '-Command', 'Stop-Transport'], { env: { EDGESHELL_HOME: wg }, cwd: ROOT, timeoutMs: 40_000 });
    expect(stop.stderr).toBe('');
    expect(await wgExit).toBe(0);
    expect(wgOut).toMatch(/TLSSendDomainSecureList\s+: \{contoso\.com\}/);
    expect(wgErr).toBe('');
    expect(readServiceStatus(wg)).toBeUndefined();
  }, 120_000);
});
