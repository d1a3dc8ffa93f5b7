// Parameter binding and its errors, word for word as PowerShell reports them.
import { describe, expect, test } from 'vitest';
import { runScript } from '../helpers/shell.js';

async function err(script: string): Promise<string> {
  const r = await runScript(script);
  return r.stderr;
}

describe('parameter names', () => {
  test('a unique prefix binds, case-insensitively', async () => {
    const r = await runScript('1..5 | select -f 2');
    expect(r.stdout).toBe('1\n2\n');
  });
  test('an ambiguous prefix names the candidates', async () => {
    expect(await err('Select-Object -E 2')).toMatch(
      /^Select-Object: Parameter cannot be processed because the parameter name 'E' is ambiguous\. Possible matches include: -ExcludeProperty -ExpandProperty/,
    );
  });
  test('an unknown parameter', async () => {
    expect(await err('Get-Date -Bogus 1')).toBe("Get-Date: A parameter cannot be found that matches parameter name 'Bogus'.\n");
  });
  test('a parameter given twice', async () => {
    expect(await err('Write-Output -InputObject 1 -InputObject 2')).toBe(
      'Write-Output: Cannot bind parameter because parameter \'InputObject\' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".\n',
    );
  });
  test('a missing argument', async () => {
    expect(await err('Select-Object -First')).toBe("Select-Object: Missing an argument for parameter 'First'. Specify a parameter of type 'System.Int32' and try again.\n");
  });
});

describe('positional, mandatory and types', () => {
  test('too many positional arguments', async () => {
    expect(await err('function f { param([Parameter(Position=0)]$a) $a }\nf 1 2')).toBe("f: A positional parameter cannot be found that accepts argument '2'.\n");
  });
  test('a missing mandatory parameter', async () => {
    expect(await err('function f { param([Parameter(Mandatory)][string]$Name, [Parameter(Mandatory)]$Other) $Name }\nf')).toBe(
      'f: Cannot process command because of one or more missing mandatory parameters: Name Other.\n',
    );
  });
  test('a value of the wrong type', async () => {
    expect(await err("Select-Object -First 'abc'")).toBe(
      'Select-Object: Cannot bind parameter \'First\'. Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."\n',
    );
  });
  test('ValidateSet names the set', async () => {
    expect(await err("function f { param([ValidateSet('SMTP','IIS')]$Services) $Services }\nf -Services FTP")).toBe(
      'f: Cannot validate argument on parameter \'Services\'. The argument "FTP" does not belong to the set "SMTP,IIS" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.\n',
    );
  });
  test('switches take $false with a colon', async () => {
    const r = await runScript('function f { param([switch]$On) "on=$On" }\nf; f -On; f -On:$false');
    expect(r.stdout).toBe('on=False\non=True\non=False\n');
  });
  test('a Boolean parameter refuses a string', async () => {
    expect(await err("function f { param([bool]$Flag) $Flag }\nf -Flag 'yes'")).toBe(
      'f: Cannot process argument transformation on parameter \'Flag\'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.\n',
    );
  });
});

describe('pipeline binding', () => {
  test('input that no parameter takes is an error per object', async () => {
    expect(await err('1 | Get-Date -Date 2020-01-01')).toMatch(
      /^Get-Date: The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input\.\n/,
    );
  });
  test('splatting binds a hashtable by name and an array by position', async () => {
    const r = await runScript("function f($a, $b) { \"$a/$b\" }\n$h = @{ b = 2; a = 1 }\nf @h\n$arr = 3, 4\nf @arr");
    expect(r.stdout).toBe('1/2\n3/4\n');
  });
});

describe('error labels (ConciseView)', () => {
  test('a conversion error is labelled with its category, a division by zero with its exception, a throw as Exception', async () => {
    expect(await err("[int]'abc'")).toBe(
      'InvalidArgument: Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."\n',
    );
    expect(await err('1/0')).toBe('RuntimeException: Attempted to divide by zero.\n');
    expect(await err("throw 'boom'")).toBe('Exception: boom\n');
  });
});
