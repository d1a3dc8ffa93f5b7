// Tab completion over a fake command table and a temporary directory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyze, commandHint, complete, type CompletionSource } from '../../src/ui/completion.js';
import { commands } from './fixtures.js';

let dir: string;
let source: CompletionSource;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-complete-'));
  fs.mkdirSync(path.join(dir, 'certificates'));
  fs.writeFileSync(path.join(dir, 'certificates', 'contoso.pfx'), '');
  fs.writeFileSync(path.join(dir, 'certificates', 'woodgrove.cer'), '');
  fs.writeFileSync(path.join(dir, 'cert request.req'), '');
  fs.writeFileSync(path.join(dir, '.hidden'), '');
  source = { commands: () => commands, variables: () => ['PROFILE', 'PSVersionTable', 'pwd', 'thumb'], cwd: dir, home: dir, userHome: dir };
});

const texts = async (line: string, cursor = line.length) => (await complete(line, cursor, source)).items.map((i) => i.text);
const apply = async (line: string) => {
  const r = await complete(line, line.length, source);
  return r.items.length ? line.slice(0, r.start) + r.items[0].text + line.slice(r.end) : line;
};

describe('command names', () => {
  test('Get-Ex<Tab> completes case-insensitively', async () => {
    expect(await texts('Get-Ex')).toEqual(['Get-ExchangeCertificate']);
    expect(await texts('get-ex')).toEqual(['Get-ExchangeCertificate']);
  });

  test('aliases and functions are commands too, sorted by name', async () => {
    expect(await texts('g')).toEqual(['gci', 'Get-ChildItem', 'Get-ExchangeCertificate', 'Get-Greeting', 'Get-Help']);
    expect(await texts('*-Exchange*')).toEqual(['Enable-ExchangeCertificate', 'Get-ExchangeCertificate']);
  });

  test('after a pipe, inside braces and after an assignment a command starts', async () => {
    expect(await texts('Get-ChildItem | Get-Ex')).toEqual(['Get-ExchangeCertificate']);
    expect(await texts('if ($x) { Enable-Ex')).toEqual(['Enable-ExchangeCertificate']);
    expect(await texts('$c = Get-Ex')).toEqual(['Get-ExchangeCertificate']);
    expect(await apply('$c = Get-Ex')).toBe('$c = Get-ExchangeCertificate');
  });

  test('the whole word under the cursor is replaced', async () => {
    const r = await complete('Get-Exfoo -Server x', 6, source);
    expect([r.start, r.end]).toEqual([0, 9]);
  });
});

describe('parameters', () => {
  test('names after - come from the declaration, then the common parameters', async () => {
    const all = await texts('Get-ExchangeCertificate -');
    expect(all.slice(0, 3)).toEqual(['-Thumbprint', '-DomainName', '-Server']);
    expect(all).toContain('-ErrorAction');
    expect(all).not.toContain('-WhatIf');
    expect(await texts('Enable-ExchangeCertificate -')).toContain('-WhatIf');
    expect(await texts('Get-ExchangeCertificate -d')).toEqual(['-DomainName', '-Debug']);
  });

  test('aliases of commands give their parameters', async () => {
    expect(await texts('gci -r')).toEqual(['-Recurse']);
  });

  test('parameters already given are offered last', async () => {
    expect((await texts('Get-ExchangeCertificate -Server x -')).indexOf('-Server')).toBeGreaterThan(2);
  });
});

describe('values', () => {
  test('ValidateSet values: -Services S<Tab>, -AuthMechanism, -ProtocolLoggingLevel', async () => {
    expect(await texts('Enable-ExchangeCertificate -Services S')).toEqual(['SMTP']);
    expect(await texts('Enable-ExchangeCertificate -Services ')).toHaveLength(7);
    expect(await texts('Set-ReceiveConnector Inet -AuthMechanism t')).toEqual(['Tls']);
    expect(await texts('Set-ReceiveConnector Inet -ProtocolLoggingLevel ')).toEqual(['None', 'Verbose']);
    expect(await texts('Set-ReceiveConnector Inet -ProtocolLoggingLevel:v')).toEqual(['-ProtocolLoggingLevel:Verbose']);
  });

  test('names that live in the store come from the parameter\'s complete, quoted when needed', async () => {
    // in the completer's order
    expect(await texts('Set-ReceiveConnector ')).toEqual(['Inet', "'Default internal'", "'Client Frontend'"]);
    expect(await texts('Set-ReceiveConnector -Identity d')).toEqual(["'Default internal'"]);
    expect(await texts("Set-ReceiveConnector 'Def")).toEqual(["'Default internal'"]);
    expect(await texts('Get-ExchangeCertificate a')).toEqual(['A1B2C3']);
    expect(await texts('Get-ExchangeCertificate -Thumbprint D')).toEqual(['D4E5F6']);
  });

  test('Boolean parameters offer $true and $false', async () => {
    expect(await texts('Set-ReceiveConnector Inet -DomainSecureEnabled:$t')).toEqual(['-DomainSecureEnabled:$true']);
  });
});

describe('variables and paths', () => {
  test('$variables', async () => {
    expect(await texts('$P')).toEqual(['$PROFILE', '$PSVersionTable', '$pwd']);
    expect(await texts('Get-ExchangeCertificate -Thumbprint $th')).toEqual(['$thumb']);
  });

  test('file paths relative to the location, directories with a separator, spaces quoted', async () => {
    expect(await texts('Get-ChildItem cert')).toEqual(["'cert request.req'", `certificates${path.sep}`]);
    expect(await texts('Get-ChildItem certificates/')).toEqual(['certificates/contoso.pfx', 'certificates/woodgrove.cer']);
    expect(await texts('Get-ChildItem certificates\\w')).toEqual(['certificates\\woodgrove.cer']);
    expect(await texts('Get-ChildItem ~/certificates/c')).toEqual(['~/certificates/contoso.pfx']);
    expect(await texts('Get-ChildItem .h')).toEqual(['.hidden']);
  });

  test('values of parameters without a completer are paths', async () => {
    expect(await texts('Get-ExchangeCertificate -Server certificates/c')).toEqual(['certificates/contoso.pfx']);
  });

  test('nothing inside a comment', async () => {
    expect(await texts('Get-Date # Get-Ex')).toEqual([]);
  });
});

describe('analyze and the hint', () => {
  test('finds the words of the current command', () => {
    const line = 'Get-ChildItem | Where-Object { $_.Name -like "a b" } | Enable-ExchangeCertificate -Services SM';
    const c = analyze(line, line.length);
    expect(c.words.map((w) => w.text)).toEqual(['Enable-ExchangeCertificate', '-Services']);
    expect(c.current.text).toBe('SM');
  });

  test('the hint lists the cmdlet\'s parameters and explains the one being typed', () => {
    const h = commandHint('Enable-ExchangeCertificate -Services ', 37, commands)!;
    expect(h.command).toBe('Enable-ExchangeCertificate');
    expect(h.parameters.map((p) => p.text)).toEqual(['[-Thumbprint] <String>', '-Force', '-Services <AllowedServices>']);
    expect(h.parameters.find((p) => p.name === 'Services')?.given).toBe(true);
    expect(h.detail).toContain('Values: IMAP, POP');
    expect(commandHint('foreach ($i in 1..3) { $i }', 27, commands)).toBeUndefined();
    expect(commandHint('gci -Re', 7, commands)?.detail).toMatch(/^-Recurse: /);
  });
});
