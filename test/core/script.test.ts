// The core cmdlets through the real engine: parsing, binding, pipelines and Out-Default.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScript, tempDir, trimLines } from '../helpers/shell.js';

async function out(script: string, cwd?: string): Promise<string> {
  const r = await runScript(script, { cwd: cwd ?? tempDir('edgeshell-core-cwd-') });
  if (r.stderr) throw new Error(`stderr: ${r.stderr}`);
  return trimLines(r.stdout).replace(/^\n+/, '').replace(/\n+$/, '');
}

/** Whether the binder collects extra positional arguments (ValueFromRemainingArguments). */
const remaining = (await runScript('Write-Output a b')).stderr === '';

describe('pipelines', () => {
  test('Where-Object with a script block, the simplified syntax and a property alone', async () => {
    expect(await out('1..6 | Where-Object { $_ % 2 -eq 0 }')).toBe('2\n4\n6');
    expect(await out("'a','bb','ccc' | ? Length -ge 2")).toBe('bb\nccc');
    expect(await out("[pscustomobject]@{N=1;On=$true},[pscustomobject]@{N=2;On=$false} | where On | % N")).toBe('1');
    expect(await out("'Valid','Revoked' | Where-Object { $_ -eq 'valid' }")).toBe('Valid');
  });

  test('ForEach-Object with -Begin/-End, a member name and a method', async () => {
    expect(await out('1..3 | ForEach-Object -Begin { $n = 0 } -Process { $n += $_ } -End { $n }')).toBe('6');
    expect(await out("'ab','cd' | % ToUpper")).toBe('AB\nCD');
    expect(await out("'ab','cde' | % Length")).toBe('2\n3');
  });

  test('Select-Object -First stops the producer', async () => {
    const script = '$script:produced = 0\nfunction Produce { foreach ($i in 1..100) { $script:produced++; $i } }\nProduce | Select-Object -First 2\n$script:produced';
    expect(await out(script)).toBe('1\n2\n2');
  });

  test('Select-Object makes Selected objects shown as a table', async () => {
    expect(await out("[pscustomobject]@{Name='Inet'; Port=25; X=1} | Select-Object Name, Port")).toBe('Name Port\n---- ----\nInet   25');
    expect(await out("([pscustomobject]@{Name='Inet'} | Select-Object Name).PSObject.TypeNames[0]")).toBe('Selected.System.Management.Automation.PSCustomObject');
  });

  test('Sort-Object, Group-Object and Measure-Object', async () => {
    expect(await out("'b','a','c' | Sort-Object")).toBe('a\nb\nc');
    expect(await out("'x','y','x' | Group-Object | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }")).toBe('x=2\ny=1');
    expect(await out('(1..100 | Measure-Object -Sum).Sum')).toBe('5050');
  });

  test('a million objects through Where-Object and Measure-Object', async () => {
    const start = Date.now();
    expect(await out('(1..1000000 | Where-Object { $_ % 2 -eq 0 } | Measure-Object).Count')).toBe('500000');
    expect(Date.now() - start).toBeLessThan(10_000);
  });
});

describe('files', () => {
  test('write, read, filter and append', async () => {
    const d = tempDir('edgeshell-core-files-');
    const script = [
      "Set-Content -Path domains.txt -Value 'contoso.com','woodgrovebank.com'",
      "Add-Content -Path domains.txt -Value 'fabrikam.com'",
      "Get-Content domains.txt | Where-Object { $_ -like '*bank*' }",
      '(Get-Content domains.txt).Count',
      'Test-Path domains.txt',
    ].join('\n');
    expect(await out(script, d)).toBe('woodgrovebank.com\n3\nTrue');
    expect(fs.readFileSync(path.join(d, 'domains.txt'), 'utf8')).toBe('contoso.com\nwoodgrovebank.com\nfabrikam.com\n');
  });

  test('a missing file is reported on the error stream as Get-Content: ...', async () => {
    const d = tempDir('edgeshell-core-files-');
    const r = await runScript('Get-Content missing.txt', { cwd: d });
    expect(r.stderr).toContain(`Get-Content: Cannot find path '${path.join(d, 'missing.txt')}' because it does not exist.`);
  });

  test('Get-ChildItem shows the FileSystem table under its directory', async () => {
    const d = tempDir('edgeshell-core-files-');
    fs.writeFileSync(path.join(d, 'a.cer'), 'abc');
    fs.mkdirSync(path.join(d, 'logs'));
    const text = await out('Get-ChildItem', d);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`    Directory: ${d}`);
    expect(lines[2]).toBe('Mode                 LastWriteTime         Length Name');
    expect(lines[3]).toBe('----                 -------------         ------ ----');
    expect(lines[4]).toMatch(/^d----  +\S+ +\S+ +logs$/);
    expect(lines[5]).toMatch(/^-----  +\S+ +\S+ +3 a\.cer$/);
  });

  test('Get-Content -Encoding Byte -ReadCount 0 reads one byte array', async () => {
    const d = tempDir('edgeshell-core-files-');
    fs.writeFileSync(path.join(d, 'c.pfx'), Buffer.from([1, 2, 3, 4]));
    expect(await out('$b = Get-Content c.pfx -Encoding Byte -ReadCount 0\n$b.GetType().FullName\n$b.Length', d)).toBe('System.Byte[]\n4');
  });

  test('Set-Location and relative paths', async () => {
    const d = tempDir('edgeshell-core-files-');
    fs.mkdirSync(path.join(d, 'certs'));
    expect(await out("Set-Location certs\nSet-Content x.txt 'hi'\nSet-Location ..\nGet-Content certs/x.txt", d)).toBe('hi');
  });
});

describe('data', () => {
  test('JSON round trip', async () => {
    expect(await out("$j = @{Name='Inet'; Ports=@(25,587)} | ConvertTo-Json -Compress\n$j\n($j | ConvertFrom-Json).Ports[1]")).toBe('{"Name":"Inet","Ports":[25,587]}\n587');
  });

  test('CSV round trip', async () => {
    const d = tempDir('edgeshell-core-csv-');
    expect(await out("[pscustomobject]@{A=1;B='x'} | Export-Csv t.csv\n(Import-Csv t.csv).B\nGet-Content t.csv", d)).toBe('x\n"A","B"\n"1","x"');
  });

  test('Select-String in piped text and in files', async () => {
    const d = tempDir('edgeshell-core-sls-');
    fs.writeFileSync(path.join(d, 'SEND1.LOG'), '+,connect\n*,Domain Secured\n');
    expect(await out("Select-String -Path *.LOG -Pattern 'secured'", d)).toBe('SEND1.LOG:2:*,Domain Secured');
    expect(await out("'a1','b2' | Select-String '\\d' | ForEach-Object { $_.Matches[0].Value }")).toBe('1\n2');
  });
});

describe('help and discovery', () => {
  test('Get-Help renders the syntax from the declaration', async () => {
    const text = await out('Get-Help Where-Object');
    expect(text).toContain('    Where-Object [-FilterScript] <ScriptBlock> [-InputObject <PSObject>] [<CommonParameters>]');
    expect(text.split('\n')[0]).toBe('NAME');
  });

  test('Get-Command lists cmdlets and aliases', async () => {
    expect(await out('(Get-Command -Name Get-ChildItem).CommandType')).toBe('Cmdlet');
    expect(await out('(Get-Command ls).DisplayName')).toBe('ls -> Get-ChildItem');
  });

  test('Get-Member groups by type', async () => {
    expect(await out("'x' | Get-Member -Name Length | ForEach-Object { $_.TypeName + ' ' + $_.MemberType }")).toBe('System.String Property');
  });
});

describe.runIf(remaining)('arguments collected by ValueFromRemainingArguments', () => {
  test('Write-Host and Write-Output take several arguments', async () => {
    expect(await out('Write-Host a b c')).toBe('a b c');
    expect(await out('echo a b')).toBe('a\nb');
  });

  test('ForEach-Object with several script blocks and a method with arguments', async () => {
    expect(await out("1..2 | % { 'B' } { $_ } { 'E' }")).toBe('B\n1\n2\nE');
    expect(await out("'banana' | % Replace 'a' 'o'")).toBe('bonono');
  });
});
