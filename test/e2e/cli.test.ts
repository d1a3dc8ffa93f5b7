// The real binary, as a user runs it: exit codes, streams, script arguments, standard input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliPath, runCli, tempDir } from '../helpers/shell.js';

const env = () => ({ EDGESHELL_HOME: tempDir('edgeshell-cli-home-') });

describe('edgeshell command line', () => {
  test('a fresh copy of the bundle writes its grammar snapshot on its first run, its code cache on the next, and runs alike', async () => {
    // beside dist/bin, so that the bundle finds node_modules as it does there
    const dir = fs.mkdtempSync(path.join(path.dirname(cliPath), '..', 'launcher-test-'));
    try {
      for (const f of ['edgeshell.cjs', 'shell.cjs']) fs.copyFileSync(path.join(path.dirname(cliPath), f), path.join(dir, f));
      const run = () =>
        runCli(['-NoProfile', '-Command', 'function f([int]$n) { if ($n -gt 1) { $n * (f ($n - 1)) } else { 1 } }; "$(f 5) $(@{ a = 1 }.a)"; 1..3 | % { $_ * 2 }'], { env: env(), cli: path.join(dir, 'edgeshell.cjs') });
      const expected = { stdout: '120 1\n2\n4\n6\n', stderr: '', code: 0 };
      expect(await run()).toEqual(expected);
      expect(fs.existsSync(path.join(dir, 'shell.cjs.grammar.json'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'shell.cjs.cache'))).toBe(false);
      expect(await run()).toEqual(expected);
      expect(fs.existsSync(path.join(dir, 'shell.cjs.cache'))).toBe(true);
      expect(await run()).toEqual(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('-Command runs a pipeline and prints its output', async () => {
    const r = await runCli(['-NoProfile', '-Command', '1..5 | Where-Object { $_ -gt 2 } | ForEach-Object { $_ * 10 }'], { env: env() });
    expect(r.stdout).toBe('30\n40\n50\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('-Command returns 1 when the last statement failed and writes the error to stderr', async () => {
    const r = await runCli(['-NoProfile', '-Command', 'Get-NoSuchThing'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "Get-NoSuchThing: The term 'Get-NoSuchThing' is not recognized as a name of a cmdlet, function, script file, or executable program.\n" +
        'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n',
    );
  });

  test('exit N sets the exit code', async () => {
    const r = await runCli(['-NoProfile', '-Command', 'Write-Output before; exit 7; Write-Output after'], { env: env() });
    expect(r.stdout).toBe('before\n');
    expect(r.code).toBe(7);
  });

  test('-File binds named and positional script arguments and $args', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'greet.ps1');
    fs.writeFileSync(file, 'param([string]$Name, [int]$Times = 1)\nfor ($i = 0; $i -lt $Times; $i++) { "Hello, $Name" }\n"rest: $($args.Count)"\n');
    const r = await runCli(['-NoProfile', '-File', file, '-Name', 'Contoso', '-Times', '2'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Hello, Contoso\nHello, Contoso\nrest: 0\n');
    expect(r.code).toBe(0);
  });

  test('a script-terminating error ends a -File run with 1 and shows the line excerpt', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fail.ps1');
    fs.writeFileSync(file, "Write-Output 'one'\nthrow 'boom'\nWrite-Output 'two'\n");
    const r = await runCli(['-NoProfile', '-File', file], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('one\n');
    expect(r.stderr).toBe(`Exception: ${file}:2\nLine |\n   2 |  throw 'boom'\n     |  ~~~~~~~~~~~~\n     | boom\n`);
  });

  test('a parse error names line and column with a caret excerpt, and nothing runs', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.ps1');
    fs.writeFileSync(file, "Write-Output 'never'\nif ($x {\n");
    const r = await runCli(['-NoProfile', '-File', file], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^ParserError: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2\\nLine \\|\\n   2 \\|  if \\(\\$x \\{\\n     \\|  +~+\\n     \\| `));
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test('-Command - reads the script from standard input', async () => {
    const r = await runCli(['-NoProfile', '-Command', '-'], { env: env(), input: '$a = 6\n$a / 2\n7 / 2\n' });
    expect(r.stdout).toBe('3\n3.5\n');
    expect(r.code).toBe(0);
  });

  test('piped standard input without arguments runs as a script', async () => {
    const r = await runCli([], { env: env(), input: "'5' + 1\n1 + '5'\n" });
    expect(r.stdout).toBe('51\n6\n');
  });

  test('an unknown switch is refused with a usage message', async () => {
    const r = await runCli(['-Bogus'], { env: env() });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("The argument '-Bogus' is not recognized");
  });
});
