// The language as PowerShell 7 runs it: values, conversions, operators, statements, scopes.
import { describe, expect, test } from 'vitest';
import { runScript } from '../helpers/shell.js';

async function out(script: string): Promise<string> {
  const r = await runScript(script);
  if (r.stderr) throw new Error(r.stderr);
  return r.stdout;
}

describe('numbers and conversions', () => {
  test('integer division yields an int when exact, a double otherwise', async () => {
    expect(await out('6/2; 7/2; (6/2).GetType().Name; (7/2).GetType().Name')).toBe('3\n3.5\nInt32\nDouble\n');
  });
  test('the left operand decides the conversion', async () => {
    expect(await out("'5' + 1; 1 + '5'; '3' * 2; 2 * '3'")).toBe('51\n6\n33\n6\n');
  });
  test('casts round half to even', async () => {
    expect(await out('[int]2.5; [int]3.5; [int]"0x10"; [double]"1.5" + 1')).toBe('2\n4\n16\n2.5\n');
  });
  test('number multipliers in expressions and arguments', async () => {
    expect(await out('10MB; 1KB * 2')).toBe('10485760\n2048\n');
  });
});

describe('operators', () => {
  test('comparison is case-insensitive unless c-prefixed', async () => {
    expect(await out("'abc' -eq 'ABC'; 'abc' -ceq 'ABC'; 'Contoso' -like 'con*'; 'mail1.contoso.com' -match '^mail(\\d)'; $Matches[1]")).toBe(
      'True\nFalse\nTrue\nTrue\n1\n',
    );
  });
  test('comparison with a collection on the left filters', async () => {
    expect(await out('1,2,3,4 -gt 2; (1,2,3 -eq 5).Count')).toBe('3\n4\n0\n');
  });
  test('-replace, -split, -join and -f', async () => {
    expect(await out("'a-b-c' -replace '-', '+'; ('a,b,,c' -split ',').Count; 1,2,3 -join ';'; '{0} is {1:N1}' -f 'pi', 3.14159")).toBe(
      'a+b+c\n4\n1;2;3\npi is 3.1\n',
    );
  });
  test('-contains, -in and ranges', async () => {
    expect(await out('1..3 -contains 2; 5 -in 1..3; (10..7) -join ","')).toBe('True\nFalse\n10,9,8,7\n');
  });
  test('-and / -or short-circuit, -not and !', async () => {
    expect(await out('$false -and (1/0); $true -or (1/0); -not 0; !$null')).toBe('False\nTrue\nTrue\nTrue\n');
  });
  test('arrays and hashtables add', async () => {
    expect(await out('$a = 1,2; $a += 3; $a.Count; $h = @{a=1} + @{b=2}; $h.Count')).toBe('3\n2\n');
  });
});

describe('strings', () => {
  test('expandable strings, subexpressions and escapes', async () => {
    expect(await out('$n = "World"; "Hello $n!"; "Sum: $(1 + 2)"; "tab`tend"; \'no $n\'; "${n}s"')).toBe('Hello World!\nSum: 3\ntab\tend\nno $n\nWorlds\n');
  });
  test('here-strings keep their lines', async () => {
    expect(await out('$x = 2\n@"\nline one\nvalue $x\n"@\n@\'\nliteral $x\n\'@')).toBe('line one\nvalue 2\nliteral $x\n');
  });
  test('string methods', async () => {
    expect(await out("'mail.contoso.com'.ToUpper(); 'a,b'.Split(','); '  x '.Trim().Length")).toBe('MAIL.CONTOSO.COM\na\nb\n1\n');
  });
});

describe('statements', () => {
  test('if / elseif / else', async () => {
    expect(await out('$x = 5\nif ($x -lt 3) { "small" }\nelseif ($x -lt 10) { "medium" }\nelse { "large" }')).toBe('medium\n');
  });
  test('foreach, for, while, do-until, break and continue', async () => {
    expect(
      await out(
        'foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }\nfor ($i = 0; $i -lt 3; $i++) { "f$i" }\n$n = 0; while ($n -lt 2) { $n++ }; $n\ndo { $n-- } until ($n -le 0); $n',
      ),
    ).toBe('1\n3\nf0\nf1\nf2\n2\n0\n');
  });
  test('switch with regex, wildcard and default', async () => {
    expect(
      await out("switch ('mail1', 'smtp', 'other') { 'mail*' { 'literal' } 'SMTP' { 'exact' } default { \"default $_\" } }\nswitch -wildcard ('mail1') { 'mail*' { 'wild' } }\nswitch -regex ('abc123') { '\\d+' { 'digits' } '^a' { 'starts' } }"),
    ).toBe('default mail1\nexact\ndefault other\nwild\ndigits\nstarts\n');
  });
  test('try / catch / finally and throw', async () => {
    expect(await out("try { throw 'boom' } catch { \"caught: $_\" } finally { 'finally' }\ntry { 1/0 } catch [System.DivideByZeroException] { 'div' }")).toBe(
      'caught: boom\nfinally\ndiv\n',
    );
  });
  test('a statement-terminating error does not stop the script', async () => {
    const r = await runScript("Get-NoSuch\n'after'");
    expect(r.stdout).toBe('after\n');
    expect(r.stderr).toContain("The term 'Get-NoSuch' is not recognized");
  });
});

describe('functions and scopes', () => {
  test('functions with param blocks, defaults and pipeline input', async () => {
    const script = `
function Get-Double {
  param(
    [Parameter(Mandatory, ValueFromPipeline)] [int] $Value,
    [int] $Factor = 2
  )
  process { $Value * $Factor }
}
1..3 | Get-Double
Get-Double -Value 5 -Factor 10
`;
    expect(await out(script)).toBe('2\n4\n6\n50\n');
  });
  test('ValueFromPipelineByPropertyName binds properties', async () => {
    const script = `
function Show-Name {
  param([Parameter(ValueFromPipelineByPropertyName)] [string] $Name)
  process { "name=$Name" }
}
[pscustomobject]@{ Name = 'Inet' }, [pscustomobject]@{ Name = 'Internet' } | Show-Name
`;
    expect(await out(script)).toBe('name=Inet\nname=Internet\n');
  });
  test('simple functions get $args and positional parameters', async () => {
    expect(await out('function f($a, $b) { "$a-$b-$($args.Count)" }\nf 1 2 3 4')).toBe('1-2-2\n');
  });
  test('variables set in a function stay local; $script: reaches out', async () => {
    expect(await out('$x = 1\nfunction g { $x = 2; $script:y = 3 }\ng\n$x; $y')).toBe('1\n3\n');
  });
  test('return ends the function after writing its value', async () => {
    expect(await out('function Show-Letters { "a"; return "b"; "c" }\nShow-Letters')).toBe('a\nb\n');
  });
  test('script blocks with & and parameters', async () => {
    expect(await out('$sb = { param($p) "got $p" }\n& $sb 42\n$sb.Invoke(7)')).toBe('got 42\ngot 7\n');
  });
});

describe('objects and collections', () => {
  test('hashtables are case-insensitive and ordered dictionaries keep order', async () => {
    expect(await out("$h = @{ Name = 'x' }; $h.name; $h['NAME']; $o = [ordered]@{ b = 1; a = 2 }; $o.Keys -join ','")).toBe('x\nx\nb,a\n');
  });
  test('member enumeration and indexing', async () => {
    expect(await out("$objs = [pscustomobject]@{ N = 'a' }, [pscustomobject]@{ N = 'b' }; $objs.N; $objs[-1].N; (1..10)[2..4] -join ' '")).toBe(
      'a\nb\nb\n3 4 5\n',
    );
  });
  test('$null has a Count of 0, a scalar a Count of 1', async () => {
    expect(await out('$null.Count; $x = $null; $x.Count; (5).Count; $null.Name -eq $null')).toBe('0\n0\n1\nTrue\n');
  });
  test('@() always makes an array and $() unwraps', async () => {
    expect(await out('@(1).Count; @().Count; $x = @(); $x.Count; $($null) -eq $null')).toBe('1\n0\n0\nTrue\n');
  });
});

describe('pipelines', () => {
  test('Select-Object -First stops upstream commands', async () => {
    const script = `
function Emit { process { } end { foreach ($i in 1..1000000) { $script:emitted = $i; $i } } }
Emit | Select-Object -First 3
$script:emitted
`;
    expect(await out(script)).toBe('1\n2\n3\n3\n');
  });
  test('$? reflects the last command', async () => {
    const r = await runScript('Get-Item /definitely/not/here\n$?\n1 + 1 | Out-Null\n$?');
    expect(r.stdout).toBe('False\nTrue\n');
  });
});

describe('trap', () => {
  test('continue in a trap drops the error and the block goes on', async () => {
    const r = await runScript("trap { \"trapped: $_\"; continue }\n'one'\nthrow 'boom'\n'two'");
    expect(r.stdout).toBe('one\ntrapped: boom\ntwo\n');
    expect(r.stderr).toBe('');
  });
  test('a trap without continue reports the error and goes on; break ends the script', async () => {
    const r = await runScript("trap [System.DivideByZeroException] { 'div' }\n1/0\n'after'");
    expect(r.stdout).toBe('div\nafter\n');
    expect(r.stderr).toBe('RuntimeException: Attempted to divide by zero.\n');
    const b = await runScript("trap { 'stopping'; break }\nthrow 'fatal'\n'never'");
    expect(b.stdout).toBe('stopping\n');
    expect(b.stderr).toBe('Exception: fatal\n');
  });
  test('a trap catches errors from a called function', async () => {
    const r = await runScript("function f { throw 'inner' }\ntrap { \"caught $_\"; continue }\nf\n'done'");
    expect(r.stdout).toBe('caught inner\ndone\n');
  });
});
