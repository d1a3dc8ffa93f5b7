// The interactive shell over the real runspace and grammar, without Ink: the controller is fed raw
// keys and its output sink captured. Get-History, Clear-Host, $PROFILE, exit codes, Read-Host,
// progress, Ctrl+C of Start-Sleep, colours and completion against the real cmdlet declarations.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createShell, startupSteps } from '../../src/ui/shell.js';
import { stripAnsi } from '../../src/ui/style.js';
import { CLEAR_SEQUENCE } from '../../cmdlets/core/clear-host.js';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

async function shell(opts: { color?: boolean; profile?: string; noProfile?: boolean; noLogo?: boolean } = {}) {
  const home = tmp('edgeshell-ui-home-');
  if (opts.profile) fs.writeFileSync(path.join(home, 'profile.ps1'), opts.profile);
  const sh = createShell({ home, cwd: home, color: !!opts.color, width: () => 100, statusInterval: 0 });
  let out = '';
  sh.sink.attach((d) => (out += d));
  await sh.controller.start(startupSteps(sh, { noProfile: !!opts.noProfile, noLogo: opts.noLogo ?? true }));
  sh.sink.flush();
  const type = async (raw: string) => {
    sh.controller.feed(raw);
    await tick();
    await sh.controller.whenIdle();
    sh.sink.flush();
  };
  return {
    ...sh,
    home,
    type,
    get out() {
      return out;
    },
    get plain() {
      return stripAnsi(out);
    },
    clear() {
      out = '';
    },
  };
}

describe('the shell over the runspace', () => {
  test('the prompt is [PS] <location>>', async () => {
    const s = await shell();
    expect(s.controller.getSnapshot().promptText).toBe(`[PS] ${s.home}> `);
    await s.type('Set-Location ..\r');
    expect(s.controller.getSnapshot().promptText).toBe(`[PS] ${path.dirname(s.home)}> `);
  });

  test('Get-History lists the lines of this session', async () => {
    const s = await shell();
    await s.type("'a'\r");
    await s.type('Get-Date | Out-Null\r');
    s.clear();
    await s.type('Get-History\r');
    expect(s.plain).toMatch(/Id\s+Duration CommandLine/);
    expect(s.plain).toMatch(/\n\s+1\s+\d+\.\d{3} 'a'\n\s+2\s+\d+\.\d{3} Get-Date \| Out-Null\n/);
    s.clear();
    await s.type('(Get-History -Count 1).CommandLine\r');
    expect(s.plain).toContain('\nGet-History\n');
    // and the lines went to the history file for the next session
    expect(fs.readFileSync(path.join(s.home, 'history.txt'), 'utf8')).toContain("'a'\nGet-Date | Out-Null\n");
  });

  test('cls clears the screen through the host', async () => {
    const s = await shell();
    await s.type('cls\r');
    expect(s.out).toContain(CLEAR_SEQUENCE);
  });

  test('exit N leaves with N', async () => {
    const s = await shell();
    await s.type('exit 4\r');
    expect(await s.controller.exited).toBe(4);
  });

  test('$PROFILE runs at start (dot-sourced) unless -NoProfile', async () => {
    const profile = 'function Get-Greeting { "hello from the profile" }\n$fromProfile = 42';
    const s = await shell({ profile });
    await s.type('Get-Greeting; $fromProfile\r');
    expect(s.plain).toContain('hello from the profile\n42\n');
    const n = await shell({ profile, noProfile: true });
    await n.type('$null -eq $fromProfile\r');
    expect(n.plain).toContain('True');
  });

  test('the banner shows unless -NoLogo', async () => {
    const s = await shell({ noLogo: false });
    expect(s.plain).toMatch(/^edgeshell .*Exchange Edge Transport/);
    const n = await shell({ noLogo: true });
    expect(n.plain).toBe('');
  });

  test('errors red, warnings yellow, verbose cyan; NO_COLOR (color off) writes none', async () => {
    const s = await shell({ color: true });
    await s.type("Write-Error 'bad'; Write-Warning 'careful'; Write-Verbose 'detail' -Verbose\r");
    expect(s.out).toMatch(/\x1b\[91mWrite-Error: bad/);
    expect(s.out).toContain('\x1b[93mWARNING: careful\x1b[0m');
    expect(s.out).toContain('\x1b[96mVERBOSE: detail\x1b[0m');
    const n = await shell({ color: false });
    await n.type("Write-Error 'bad'; Write-Warning 'careful'\r");
    expect(n.out).not.toMatch(/\x1b\[/);
    expect(n.out).toContain('WARNING: careful');
  });

  test('the echoed line is syntax-coloured by the grammar', async () => {
    const s = await shell({ color: true });
    await s.type("Get-Date -Format 'yyyy' # year\r");
    expect(s.out).toContain('\x1b[93mGet-Date\x1b[0m');
    expect(s.out).toContain("\x1b[36m'yyyy'\x1b[0m");
    expect(s.out).toContain('\x1b[32m# year\x1b[0m');
  });

  test('Ctrl+C stops Start-Sleep and the shell goes on', async () => {
    const s = await shell();
    const t0 = Date.now();
    s.controller.feed('Start-Sleep 30\r');
    await tick(200);
    expect(s.controller.getSnapshot().phase).toBe('running');
    await s.type('\x03');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(s.controller.getSnapshot().phase).toBe('editing');
    await s.type("'still here'\r");
    expect(s.plain).toContain('still here');
  });

  test('Read-Host asks through the prompt', async () => {
    const s = await shell();
    s.controller.feed("$n = Read-Host 'Partner domain'; \"Adding $n\"\r");
    await tick(100);
    expect(s.controller.getSnapshot().question?.prompt).toBe('Partner domain: ');
    await s.type('woodgrovebank.com\r');
    expect(s.plain).toContain('Partner domain: woodgrovebank.com\nAdding woodgrovebank.com\n');
  });

  test('Write-Progress shows a bar while the command runs', async () => {
    const s = await shell();
    s.controller.feed("Write-Progress -Activity 'Generating key' -PercentComplete 40; Start-Sleep -Milliseconds 400\r");
    await tick(200);
    expect(s.controller.getSnapshot().progress[0]).toMatchObject({ activity: 'Generating key', percentComplete: 40 });
    await s.controller.whenIdle();
    expect(s.controller.getSnapshot().progress).toEqual([]);
  });

  test('multi-line input continues while the grammar says it is incomplete', async () => {
    const s = await shell();
    await s.type('foreach ($i in 1..2) {\r');
    expect(s.controller.getSnapshot().prompt.buffer.text).toBe('foreach ($i in 1..2) {\n');
    await s.type('"n$i"\r}\r');
    expect(s.plain).toContain('>> }\nn1\nn2\n');
    await s.type("'here-string' + @\"\r");
    expect(s.controller.getSnapshot().phase).toBe('editing');
    expect(s.controller.getSnapshot().prompt.buffer.text).toContain('\n');
  });

  test('the status line reads the transport\'s live view from rs.services', async () => {
    const s = await shell();
    const svc: { view?: unknown; received: number } = { received: 1 };
    // shaped as Start-Transport's view: getters, and a reference back to the service
    svc.view = {
      service: svc,
      running: true,
      bindings: ['127.0.0.1:25871'],
      sessions: 2,
      counters: {
        get received() {
          return svc.received;
        },
        sent: 0,
        failures: 0,
      },
    };
    s.rs.services.set('transport', svc.view);
    s.controller.refreshStatus();
    expect(s.controller.getSnapshot().transport).toEqual({ running: true, bindings: ['127.0.0.1:25871'], sessions: 2, counters: { received: 1, sent: 0, failures: 0 } });
    svc.received = 5;
    s.controller.refreshStatus();
    expect(s.controller.getSnapshot().transport?.counters.received).toBe(5);
    s.rs.services.delete('transport');
    s.controller.refreshStatus();
    expect(s.controller.getSnapshot().transport).toBeUndefined();
  });

  test('completion knows the real cmdlets, their ValidateSets and the variables', async () => {
    const s = await shell();
    const c = async (line: string) => (await s.backend.complete(line, line.length)).items.map((i) => i.text);
    expect(await c('Get-Ex')).toEqual(['Get-ExchangeCertificate']);
    expect(await c('Enable-ExchangeCertificate -Services S')).toEqual(['SMTP']);
    expect(await c('$PROF')).toEqual(['$PROFILE']);
    await s.type('$partnerDomain = 1\r');
    expect(await c('$partner')).toEqual(['$partnerDomain']);
  });
});
