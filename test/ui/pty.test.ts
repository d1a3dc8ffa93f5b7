// Drives the real binary in a pseudo-terminal (tmux): types Get-Ex<Tab>, runs it and reads the
// screen; then Ctrl+C of a running command, history recall, and the exit code of `exit N`.
// Needs tmux (.ci/run installs it) and the build (`npm test` builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// the binary package.json installs as `edgeshell`
const bin = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.edgeshell;
const cli = path.join(root, bin);
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `edgeshell-test-${process.pid}`;
const session = 'shell';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: { ...process.env, TERM: process.env.TERM || 'xterm-256color' } });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

async function waitFor(pred: (s: string) => boolean, what: string, timeout = 15_000): Promise<string> {
  const t0 = Date.now();
  let s = '';
  while (Date.now() - t0 < timeout) {
    s = screen();
    if (pred(s)) return s;
    // the shell ended (or never started): no use waiting
    if (s.includes('edgeshell exited with')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${s}`);
}

const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
const promptLines = (s: string) => s.split('\n').filter((l) => l.startsWith('[PS] '));
const prompts = (s: string) => promptLines(s).length;
const lastPrompt = (s: string) => promptLines(s).pop()?.trimEnd() ?? '';

describe.skipIf((!hasTmux || !fs.existsSync(cli)) && !process.env.CI)('the interactive shell in a terminal (tmux)', () => {
  let home: string;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-pty-'));
    // a certificate in the store, so Get-ExchangeCertificate has something to show
    execFileSync(process.execPath, [cli, '-NoProfile', '-Command', "New-ExchangeCertificate -SubjectName 'CN=mail.contoso.com' -DomainName mail.contoso.com -Services SMTP -Force | Out-Null"], {
      env: { ...process.env, EDGESHELL_HOME: home },
    });
    // Ink draws only a final frame under CI=true: the terminal session must not look like CI
    const cmd =
      `cd ${JSON.stringify(root)} && env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 EDGESHELL_HOME=${JSON.stringify(home)} ` +
      `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} -NoLogo; echo "edgeshell exited with $?"; sleep 600`;
    tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '40', 'sh', '-c', cmd);
  });

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      /* already gone */
    }
  });

  test('Get-Ex<Tab> completes, Enter runs it, the output is on the screen', async () => {
    await waitFor((s) => s.includes('[PS] '), 'the prompt');
    keys('Get-Ex');
    await waitFor((s) => s.includes('> Get-Ex'), 'the typed text');
    keys('Tab');
    await waitFor((s) => s.includes('> Get-ExchangeCertificate'), 'the completed name');
    keys('Enter');
    const s = await waitFor((x) => x.includes('mail.contoso.com') && prompts(x) >= 2, 'the output and a new prompt');
    expect(s).toMatch(/\[PS\] .*> Get-ExchangeCertificate\n/);
    expect(s).toContain('mail.contoso.com');
  });

  test('Ctrl+C cancels Start-Sleep and returns to the prompt', async () => {
    // the live prompt becomes the echoed line while the command runs; a new prompt follows it
    const before = prompts(screen());
    keys('Start-Sleep 60', 'Enter');
    await waitFor((s) => s.includes('> Start-Sleep 60\n') && prompts(s) === before, 'the running command');
    await new Promise((r) => setTimeout(r, 300));
    keys('C-c');
    await waitFor((s) => prompts(s) === before + 1, 'the prompt after Ctrl+C', 5000);
  });

  test('Up recalls the previous line; exit 3 leaves with code 3', async () => {
    const before = prompts(screen());
    keys('Up');
    await waitFor((s) => lastPrompt(s).endsWith('> Start-Sleep 60') && prompts(s) === before, 'the recalled line');
    keys('C-u', 'exit 3', 'Enter');
    await waitFor((s) => s.includes('edgeshell exited with 3'), 'the exit code');
    expect(fs.readFileSync(path.join(home, 'history.txt'), 'utf8')).toBe('Get-ExchangeCertificate\nStart-Sleep 60\nexit 3\n');
  });
});
