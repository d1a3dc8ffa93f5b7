// The transport cmdlets through the shell: Start-/Stop-Transport, Send-MailMessage, Get-Queue,
// Get-Message, Retry-Queue, Get-MessageTrackingLog and Get-Counter in PowerShell's shape.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRunspace, tempDir } from '../helpers/shell.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import { freePort } from './helpers/env.js';
import { presentedThumbprint } from './helpers/client.js';

type Shell = ReturnType<typeof createRunspace>;

async function run(h: Shell, script: string): Promise<{ out: string; err: string; values: unknown[] }> {
  h.reset();
  const values: unknown[] = [];
  await h.rs.runScript(script, { tap: (v: unknown) => values.push(v) } as never);
  return { out: h.stdout, err: h.stderr, values };
}

let h: Shell;
let home: string;
let port: number;
let deadPort: number;
const cwd = tempDir('edgeshell-cmdlets-cwd-');

beforeAll(async () => {
  home = tempDir('edgeshell-cmdlets-home-');
  h = createRunspace({ home, cwd });
  port = await freePort();
  deadPort = await freePort();
  const r = await run(
    h,
    [
      '$ErrorActionPreference = "Stop"',
      'Set-TransportServer -Name EDGE1 -Fqdn mail.contoso.com -TransientFailureRetryInterval 00:10:00',
      'New-AcceptedDomain -Name contoso.com -DomainName contoso.com -DomainType Authoritative | Out-Null',
      `New-ReceiveConnector -Name Internal -Usage Internal -Bindings 127.0.0.1:${port} -RemoteIPRanges 127.0.0.1 -AuthMechanism Tls,ExternalAuthoritative | Out-Null`,
      'Set-ReceiveConnector "Default internal receive connector EDGE1" -Enabled $false',
      "New-SendConnector -Name Internet -Usage Internet -AddressSpaces '*' | Out-Null",
      `Add-StaticMxRecord -Domain fabrikam.com -Target 127.0.0.1:${deadPort} | Out-Null`,
      'Start-Transport | Out-Null',
    ].join('\n'),
  );
  expect(r.err).toBe('');
}, 60_000);

afterAll(async () => {
  await run(h, 'Stop-Transport -ErrorAction SilentlyContinue');
});

describe('Start-Transport and Stop-Transport', () => {
  test('a second start in the same shell is refused; the live view is in the session services', async () => {
    const r = await run(h, 'Start-Transport');
    expect(r.err).toMatch(/Start-Transport: The transport service is already running in this shell\./);
    const view = h.rs.services.get('transport') as { running: boolean; bindings: string[]; sessions: number; counters: { received: number; sent: number; failures: number } };
    expect(view.running).toBe(true);
    expect(view.bindings).toEqual([`127.0.0.1:${port}`]);
    expect(view.counters).toMatchObject({ received: 0, sent: 0, failures: 0 });
  });

  test('another shell on the same home cannot start a second transport, and a busy port is a clear error', async () => {
    const other = createRunspace({ home, cwd });
    const r = await run(other, 'Start-Transport');
    expect(r.err).toMatch(/The transport service is already running in this shell|already running on this server/);
    const blocker = net.createServer();
    const busy = await freePort();
    await new Promise<void>((res) => blocker.listen(busy, '127.0.0.1', res));
    try {
      const third = createRunspace({ home: tempDir('edgeshell-busy-'), cwd });
      const b = await run(third, `Set-TransportServer -Name EDGE2\nSet-ReceiveConnector "Default internal receive connector EDGE2" -Bindings 127.0.0.1:${busy}\nStart-Transport`);
      expect(b.err).toContain(`Start-Transport: The receive connector binding 127.0.0.1:${busy} cannot be used: the address is already in use.`);
      const s = await run(third, 'Stop-Transport');
      expect(s.err).toContain('Stop-Transport: The transport service is not running on this server.');
    } finally {
      blocker.close();
    }
  });
});

describe('changes while the transport runs', () => {
  test('Set-TransportConfig takes effect for new sessions without a restart', async () => {
    const before = await run(h, `Send-MailMessage -From ann@fabrikam.com -To bob@contoso.com -Subject x -SmtpServer 127.0.0.1 -Port ${port} -WarningAction SilentlyContinue`);
    expect(before.err).toBe('');
    await run(h, 'Set-TransportConfig -TLSReceiveDomainSecureList fabrikam.com');
    try {
      const after = await run(h, `Send-MailMessage -From ann@fabrikam.com -To bob@contoso.com -Subject x -SmtpServer 127.0.0.1 -Port ${port} -WarningAction SilentlyContinue`);
      expect(after.err).toContain('Send-MailMessage: Error in processing. The server response was: 4.7.3 The admin has temporarily disallowed this secure domain');
    } finally {
      await run(h, 'Set-TransportConfig -TLSReceiveDomainSecureList $null');
    }
  });

  test('a certificate enabled for SMTP while the transport runs is presented to new sessions', async () => {
    const other = createRunspace({ home: tempDir('edgeshell-cert-reload-'), cwd });
    const p = await freePort();
    const setup = await run(
      other,
      [
        '$ErrorActionPreference = "Stop"',
        'Set-TransportServer -Name EDGE4 -Fqdn mail.contoso.com',
        `Set-ReceiveConnector "Default internal receive connector EDGE4" -Bindings 127.0.0.1:${p}`,
        '$first = New-ExchangeCertificate -SubjectName "CN=mail.contoso.com" -Services SMTP -KeySize 1024',
        'Start-Transport | Out-Null',
        '$first.Thumbprint',
      ].join('\n'),
    );
    expect(setup.err).toBe('');
    try {
      const first = setup.out.trim();
      expect(await presentedThumbprint(p)).toBe(first);
      const second = await run(other, '$c = New-ExchangeCertificate -SubjectName "CN=mail2.contoso.com" -Services None -KeySize 1024\nEnable-ExchangeCertificate -Thumbprint $c.Thumbprint -Services SMTP -Force\n$c.Thumbprint');
      expect(second.err).toBe('');
      const thumb = second.out.trim();
      expect(thumb).toMatch(/^[0-9A-F]{40}$/);
      expect(thumb).not.toBe(first);
      expect(await presentedThumbprint(p)).toBe(thumb);
    } finally {
      await run(other, 'Stop-Transport');
    }
  });
});

describe('Send-MailMessage', () => {
  test('sends with -Cc and -Attachments; local recipients get the message with the attachment', async () => {
    fs.writeFileSync(path.join(cwd, 'report.txt'), 'numbers\n');
    const r = await run(h, `Send-MailMessage -From ann@contoso.com -To bob@contoso.com -Cc cy@contoso.com -Subject 'Report' -Body 'See attached.' -Attachments .\\report.txt -SmtpServer 127.0.0.1 -Port ${port}`);
    expect(r.err).toBe('');
    expect(r.out).toContain("WARNING: The command 'Send-MailMessage' is obsolete.");
    const withReport = (who: string) => listMailbox(home, who).find((f) => fs.readFileSync(f, 'utf8').includes('Subject: Report'));
    const bob = await waitFor(() => withReport('bob@contoso.com'));
    const cy = await waitFor(() => withReport('cy@contoso.com'));
    const text = fs.readFileSync(bob, 'utf8');
    expect(text).toContain('Subject: Report');
    expect(text).toContain('Cc: cy@contoso.com');
    expect(text).toMatch(/Content-Disposition: attachment; filename=report\.txt/);
    expect(text).toContain(Buffer.from('numbers\n').toString('base64'));
    expect(fs.readFileSync(cy, 'utf8')).toContain('Subject: Report');
  });

  test('a refusal reads as .NET reports it', async () => {
    const other = createRunspace({ home: tempDir('edgeshell-refuse-'), cwd });
    const p = await freePort();
    await run(other, `Set-TransportServer -Name EDGE3\nNew-AcceptedDomain -Name contoso.com -DomainName contoso.com | Out-Null\nSet-ReceiveConnector "Default internal receive connector EDGE3" -Bindings 127.0.0.1:${p}\nStart-Transport | Out-Null`);
    try {
      const r = await run(other, `Send-MailMessage -From ann@fabrikam.com -To someone@example.org -Subject x -SmtpServer 127.0.0.1 -Port ${p} -WarningAction SilentlyContinue`);
      expect(r.err).toContain('Send-MailMessage: Mailbox unavailable. The server response was: 5.7.1 Unable to relay');
      const ssl = await run(other, `Send-MailMessage -From ann@fabrikam.com -To bob@contoso.com -Subject x -SmtpServer 127.0.0.1 -Port ${p} -UseSsl -WarningAction SilentlyContinue`);
      expect(ssl.err).toContain('Send-MailMessage: Server does not support secure connections.');
    } finally {
      await run(other, 'Stop-Transport');
    }
    const refused = await run(h, `Send-MailMessage -From a@b.c -To d@e.f -SmtpServer 127.0.0.1 -Port ${deadPort} -WarningAction SilentlyContinue`);
    expect(refused.err).toMatch(/Send-MailMessage: Unable to connect to the remote server/);
    const none = await run(h, 'Send-MailMessage -From a@b.c -To d@e.f -WarningAction SilentlyContinue');
    expect(none.err).toContain('no SMTP server was specified');
  });
});

describe('queues', () => {
  test('a next hop that refuses connections: Get-Queue shows Retry with LastError, Get-Message the message, Retry-Queue retries it', async () => {
    await run(h, `Send-MailMessage -From ann@contoso.com -To dee@fabrikam.com -Subject 'Stuck' -SmtpServer 127.0.0.1 -Port ${port} -WarningAction SilentlyContinue`);
    let q: { out: string; values: unknown[] } = { out: '', values: [] };
    await waitFor(async () => {
      q = await run(h, "Get-Queue -Identity 'EDGE1\\fabrikam.com' -ErrorAction SilentlyContinue | Format-List Identity,DeliveryType,Status,MessageCount,NextHopDomain,LastError,NextRetryTime");
      return /Status\s+: Retry/.test(q.out);
    });
    expect(q.out).toMatch(/Identity\s+: EDGE1\\fabrikam\.com/);
    expect(q.out).toMatch(/DeliveryType\s+: DnsConnectorDelivery/);
    expect(q.out).toMatch(/MessageCount\s+: 1/);
    expect(q.out).toMatch(/LastError\s+: 451 4\.4\.0 Primary target IP address responded with: ".*ECONNREFUSED/);
    const filtered = await run(h, "(Get-Queue -Filter \"Status -eq 'Retry'\").NextHopDomain");
    expect(filtered.out.trim()).toBe('fabrikam.com');
    const m = await run(h, "Get-Message -Queue fabrikam.com | Format-List FromAddress,Status,Subject,Recipients,RetryCount,Queue");
    expect(m.out).toMatch(/FromAddress\s+: ann@contoso\.com/);
    expect(m.out).toMatch(/Status\s+: Retry/);
    expect(m.out).toMatch(/Subject\s+: Stuck/);
    expect(m.out).toMatch(/Recipients\s+: \{dee@fabrikam\.com\}/);
    expect(m.out).toMatch(/RetryCount\s+: 1/);
    // fixed: a server now listens where the MX points; Retry-Queue (piped from Get-Queue) delivers
    const received: string[] = [];
    const sink = net.createServer((s) => {
      s.write('220 sink ESMTP\r\n');
      s.on('data', (d) => {
        for (const line of d.toString().split('\r\n').filter(Boolean)) {
          received.push(line);
          if (/^EHLO/i.test(line)) s.write('250 sink\r\n');
          else if (/^DATA/i.test(line)) s.write('354 go\r\n');
          else if (line === '.') s.write('250 2.6.0 queued\r\n');
          else if (/^QUIT/i.test(line)) s.end('221 bye\r\n');
          else if (/^(MAIL|RCPT)/i.test(line)) s.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((res) => sink.listen(deadPort, '127.0.0.1', res));
    try {
      const r = await run(h, "Get-Queue fabrikam.com | Retry-Queue");
      expect(r.err).toBe('');
      await waitFor(() => received.includes('.'));
      await waitFor(async () => (await run(h, "@(Get-Queue | Where-Object NextHopDomain -eq 'fabrikam.com').Count")).out.trim() === '0');
      const t = await run(h, "Get-MessageTrackingLog -Recipients dee@fabrikam.com | ForEach-Object EventId");
      expect(t.out.trim().split('\n')).toEqual(['RECEIVE', 'DEFER', 'SEND']);
    } finally {
      sink.close();
    }
  });

  test('a queue that does not exist is an error', async () => {
    const r = await run(h, "Get-Queue -Identity 'EDGE1\\nowhere.example'");
    expect(r.err).toContain("Get-Queue: The queue 'EDGE1\\nowhere.example' was not found.");
    const f = await run(h, "Get-Queue -Filter 'Status -bogus 1'");
    expect(f.err).toContain("The filter operator '-bogus' is not supported");
  });
});

describe('Get-MessageTrackingLog', () => {
  test('filters by event, sender, recipients, subject, time and result size', async () => {
    const all = await run(h, '@(Get-MessageTrackingLog -ResultSize Unlimited).Count');
    expect(Number(all.out.trim())).toBeGreaterThanOrEqual(5);
    const r = await run(h, "Get-MessageTrackingLog -EventId DELIVER -Sender ann@contoso.com -MessageSubject report | Sort-Object { $_.Recipients[0] } | ForEach-Object { $_.Recipients[0] + ' ' + $_.Source }");
    expect(r.out.trim().split('\n')).toEqual(['bob@contoso.com STOREDRIVER', 'cy@contoso.com STOREDRIVER']);
    const one = await run(h, '@(Get-MessageTrackingLog -ResultSize 1).Count');
    expect(one.out.trim()).toBe('1');
    const future = await run(h, '@(Get-MessageTrackingLog -Start (Get-Date).AddHours(1)).Count');
    expect(future.out.trim()).toBe('0');
    const table = await run(h, 'Get-MessageTrackingLog -EventId RECEIVE -MessageSubject Report -ResultSize 1 | Select-Object EventId,Source,Sender,MessageSubject | Format-List');
    expect(table.out).toMatch(/EventId\s+: RECEIVE\nSource\s+: SMTP\nSender\s+: ann@contoso\.com\nMessageSubject : Report/);
  });
});

describe('Get-Counter', () => {
  test("has PowerShell's shape: CounterSamples with Path, InstanceName and CookedValue", async () => {
    const r = await run(h, "$s = Get-Counter '\\MSExchange Secure Mail Transport(_Total)\\Domain Secure Messages Received'\n$s.CounterSamples.Count\n$s.CounterSamples[0].Path\n$s.CounterSamples[0].InstanceName\n$s.CounterSamples[0].CookedValue\n$s.Timestamp -is [datetime]");
    expect(r.err).toBe('');
    expect(r.out.split('\n').slice(0, 5)).toEqual(['1', '\\\\edge1\\msexchange secure mail transport(_total)\\domain secure messages received', '_total', '0', 'True']);
  });

  test('wildcards, -ListSet, -MaxSamples with -SampleInterval, -Continuous stopped downstream', async () => {
    const w = await run(h, "(Get-Counter '\\MSExchange*(*)\\*Total').CounterSamples.Path");
    expect(w.out.trim().split('\n')).toEqual([
      '\\\\edge1\\msexchangetransport smtpreceive(_total)\\messages received total',
      '\\\\edge1\\msexchangetransport smtpreceive(_total)\\message bytes received total',
      '\\\\edge1\\msexchangetransport smtpreceive(_total)\\inbound connections total',
      '\\\\edge1\\msexchangetransport smtpsend(_total)\\messages sent total',
      '\\\\edge1\\msexchangetransport smtpsend(_total)\\connections total',
      '\\\\edge1\\msexchangetransport queues(_total)\\messages delivered total',
      '\\\\edge1\\msexchangetransport queues(_total)\\messages failed total',
    ]);
    const received = await run(h, "(Get-Counter '\\MSExchangeTransport SmtpReceive(_Total)\\Messages Received Total').CounterSamples[0].CookedValue");
    expect(Number(received.out.trim())).toBeGreaterThanOrEqual(2);
    const sets = await run(h, "(Get-Counter -ListSet *).CounterSetName -join ','");
    expect(sets.out.trim()).toBe('MSExchange Secure Mail Transport,MSExchangeTransport SmtpReceive,MSExchangeTransport SmtpSend,MSExchangeTransport Queues');
    const with1 = await run(h, "(Get-Counter -ListSet 'MSExchange Secure Mail Transport').PathsWithInstances[0]");
    expect(with1.out.trim()).toBe('\\MSExchange Secure Mail Transport(_total)\\Domain Secure Messages Received');
    const t0 = Date.now();
    const two = await run(h, "@(Get-Counter -MaxSamples 2 -SampleInterval 1).Count");
    expect(two.out.trim()).toBe('2');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const cont = await run(h, "@(Get-Counter -Continuous -SampleInterval 1 | Select-Object -First 1).Count");
    expect(cont.out.trim()).toBe('1');
  });

  test('an unknown counter is an error', async () => {
    const r = await run(h, "Get-Counter '\\No Such Object(*)\\Anything'");
    expect(r.err).toContain('Get-Counter: The specified object was not found on the computer.');
    const l = await run(h, 'Get-Counter -ListSet Nothing*');
    expect(l.err).toContain('Cannot find any performance counter sets on the localhost computer that match the following: Nothing*.');
  });
});


async function waitFor<T>(f: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
