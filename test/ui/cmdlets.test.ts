// Get-History and Clear-Host outside the interactive shell (in a script): their examples hold, and
// they fall back as documented when the UI's services are absent.
import { describe, expect, test } from 'vitest';
import { Runspace } from '../../src/engine/runspace.js';
import { areas } from '../../cmdlets/index.js';
import { cmdlet as getHistory } from '../../cmdlets/core/get-history.js';
import { cmdlet as clearHost, CLEAR_SEQUENCE } from '../../cmdlets/core/clear-host.js';
import type { HistoryEntry } from '../../src/ui/services.js';
import { tempDir } from '../helpers/shell.js';

function runspace() {
  let out = '';
  let err = '';
  const known = new Set(areas.flatMap((a) => a.cmdlets.map((c) => c.name)));
  const extra = [getHistory, clearHost].filter((c) => !known.has(c.name));
  const rs = new Runspace({
    home: tempDir('edgeshell-ui-cmdlets-'),
    cwd: tempDir('edgeshell-ui-cmdlets-cwd-'),
    cmdlets: [...areas, { source: 'Microsoft.PowerShell.Core', cmdlets: extra }],
    host: { interactive: false, width: 120, confirm: async () => false },
    streams: {
      output: (t) => (out += t + '\n'),
      error: (t) => (err += t + '\n'),
      warning: () => undefined,
      verbose: () => undefined,
      debug: () => undefined,
      information: (t, o) => (out += t + (o?.noNewline ? '' : '\n')),
      progress: () => undefined,
    },
  });
  return { rs, out: () => out, err: () => err };
}

describe('Get-History and Clear-Host in scripts', () => {
  for (const decl of [getHistory, clearHost]) {
    decl.examples.forEach((ex, i) => {
      test(`${decl.name} example ${i + 1}`, async () => {
        const h = runspace();
        await h.rs.runScript(ex.code);
        expect(h.err()).toBe('');
        if (ex.output !== undefined) expect(h.out().trim()).toBe(ex.output);
        else expect(h.out()).toMatch(ex.check!);
      });
    });
  }

  test('Clear-Host writes the ANSI clear sequence without a host, cls and clear are its aliases', async () => {
    const h = runspace();
    await h.rs.runScript('cls; clear');
    expect(h.out()).toBe(CLEAR_SEQUENCE + CLEAR_SEQUENCE);
  });

  test('Get-History reads the history service: -Count, -Id, and a missing Id', async () => {
    const h = runspace();
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const entries: HistoryEntry[] = ['Get-Date', 'Get-Help', 'Get-Command'].map((c, i) => ({
      id: i + 1,
      commandLine: c,
      executionStatus: 'Completed',
      startExecutionTime: at(i),
      endExecutionTime: at(i + 1),
    }));
    h.rs.services.set('history', { entries: () => entries });
    await h.rs.runScript('Get-History -Count 2');
    expect(h.out()).toMatch(/Id\s+Duration CommandLine\n[- ]+\n\s+2\s+1\.000 Get-Help\n\s+3\s+1\.000 Get-Command\n/);
    await h.rs.runScript('(Get-History 1).CommandLine; "$(Get-History 3)"; Get-History 9');
    expect(h.out()).toContain('Get-Date\nGet-Command\n');
    expect(h.err()).toContain('Cannot locate history for Id 9.');
  });
});
