import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PSDouble, PSHashtable, PSObject, SecureString } from '../../src/engine/values.js';
import { run, tempDir } from './harness.js';
import convertToJson from '../../cmdlets/core/convertto-json.js';
import convertFromJson from '../../cmdlets/core/convertfrom-json.js';
import convertToCsv from '../../cmdlets/core/convertto-csv.js';
import convertFromCsv from '../../cmdlets/core/convertfrom-csv.js';
import exportCsv from '../../cmdlets/core/export-csv.js';
import importCsv from '../../cmdlets/core/import-csv.js';
import selectString from '../../cmdlets/core/select-string.js';
import getDate, { uformat } from '../../cmdlets/core/get-date.js';
import convertToSecureString from '../../cmdlets/core/convertto-securestring.js';
import newObject from '../../cmdlets/core/new-object.js';
import getVariable from '../../cmdlets/core/get-variable.js';
import setVariable from '../../cmdlets/core/set-variable.js';
import removeVariable from '../../cmdlets/core/remove-variable.js';
import readHost from '../../cmdlets/core/read-host.js';
import invokeExpression from '../../cmdlets/core/invoke-expression.js';
import getRandom from '../../cmdlets/core/get-random.js';
import writeHost from '../../cmdlets/core/write-host.js';
import writeError from '../../cmdlets/core/write-error.js';

const obj = (values: Record<string, unknown>) => new PSObject(undefined, values);

describe('ConvertTo-Json', () => {
  test('indents by two spaces and keeps property order', async () => {
    const r = await run(convertToJson, { input: [obj({ Name: 'x', N: 1, D: 1.5, B: true, Z: null, L: [1, 'a'] })] });
    expect(r.output[0]).toBe('{\n  "Name": "x",\n  "N": 1,\n  "D": 1.5,\n  "B": true,\n  "Z": null,\n  "L": [\n    1,\n    "a"\n  ]\n}');
  });

  test('several piped objects make an array; -AsArray makes one of a single object', async () => {
    expect((await run(convertToJson, { params: { Compress: true }, input: [1, 2] })).output[0]).toBe('[1,2]');
    expect((await run(convertToJson, { params: { Compress: true, AsArray: true }, input: [1] })).output[0]).toBe('[1]');
  });

  test('objects deeper than -Depth become strings, with the PowerShell 7 warning', async () => {
    const deep = PSHashtable.from({ a: PSHashtable.from({ b: PSHashtable.from({ c: PSHashtable.from({ d: 1 }) }) }) });
    const r = await run(convertToJson, { params: { Compress: true }, input: [deep] });
    expect(r.output[0]).toBe('{"a":{"b":{"c":"System.Collections.Hashtable"}}}');
    expect(r.warnings).toEqual(['Resulting JSON is truncated as serialization has exceeded the set depth of 2.']);
    const custom = await run(convertToJson, { params: { Compress: true, Depth: 0 }, input: [obj({ a: obj({ b: 1 }) })] });
    expect(custom.output[0]).toBe('{"a":"@{b=1}"}');
  });

  test('escapes control characters and quotes; doubles keep their point; empty collections', async () => {
    const r = await run(convertToJson, { params: { Compress: true }, input: [obj({ s: 'a"b\\c\n\u0001', d: new PSDouble(2), e: [], h: new PSHashtable() })] });
    expect(r.output[0]).toBe('{"s":"a\\"b\\\\c\\n\\u0001","d":2.0,"e":[],"h":{}}');
  });

  test('dates are ISO 8601 strings', async () => {
    const r = await run(convertToJson, { input: [new Date(2024, 2, 1, 14, 5, 9)] });
    expect(r.output[0]).toBe('"2024-03-01T14:05:09"');
  });
});

describe('ConvertFrom-Json', () => {
  test('objects become PSCustomObjects with ordered properties; arrays are enumerated', async () => {
    const r = await run(convertFromJson, { input: ['[{"b":1,"a":[1,2]},{"b":2.5}]'] });
    expect(r.output).toHaveLength(2);
    const o = r.output[0] as PSObject;
    expect(o.typeNames[0]).toBe('System.Management.Automation.PSCustomObject');
    expect(o.propertyNames()).toEqual(['b', 'a']);
    expect(o.get('a')).toEqual([1, 2]);
    expect((r.output[1] as PSObject).get('b')).toBe(2.5);
  });

  test('lines of a file are joined; -AsHashtable; dates', async () => {
    const r = await run(convertFromJson, { params: { AsHashtable: true }, input: ['{', '"When": "2024-03-01T10:00:00",', '"N": 1.0', '}'] });
    const h = r.output[0] as PSHashtable;
    expect(h).toBeInstanceOf(PSHashtable);
    expect(h.get('When')).toBeInstanceOf(Date);
    expect(h.get('N')).toBeInstanceOf(PSDouble);
  });

  test('bad JSON is a terminating error', async () => {
    const r = await run(convertFromJson, { input: ['{"a":'] });
    expect(r.terminating?.message).toMatch(/^Conversion from JSON failed with error: /);
  });

  test('a round trip keeps the data', async () => {
    const json = (await run(convertToJson, { input: [obj({ Name: 'Inet', Bindings: ['0.0.0.0:25'], Port: 25 })] })).output[0];
    const back = (await run(convertFromJson, { input: [json] })).output[0] as PSObject;
    expect(back.get('Name')).toBe('Inet');
    expect(back.get('Bindings')).toEqual(['0.0.0.0:25']);
    expect(back.get('Port')).toBe(25);
  });
});

describe('CSV', () => {
  test('ConvertTo-Csv quotes every field and takes the header from the first object', async () => {
    const r = await run(convertToCsv, { input: [obj({ A: 'x', B: 'say "hi"' }), obj({ A: 'y', C: 3 })] });
    expect(r.output).toEqual(['"A","B"', '"x","say ""hi"""', '"y",']);
  });

  test('-IncludeTypeInformation, -Delimiter, -UseQuotes Never', async () => {
    const r = await run(convertToCsv, { params: { IncludeTypeInformation: true, Delimiter: ';', UseQuotes: 'Never' }, input: [obj({ A: 1, B: 2 })] });
    expect(r.output).toEqual(['#TYPE System.Management.Automation.PSCustomObject', 'A;B', '1;2']);
  });

  test('ConvertFrom-Csv reads quoted fields with delimiters, quotes and newlines', async () => {
    const r = await run(convertFromCsv, { input: ['"Name","Note"', '"a","x, ""y"""', '"b","line1', 'line2"'] });
    expect(r.output.map((o) => [(o as PSObject).get('Name'), (o as PSObject).get('Note')])).toEqual([
      ['a', 'x, "y"'],
      ['b', 'line1\nline2'],
    ]);
  });

  test('Export-Csv and Import-Csv round-trip; -Append keeps the header', async () => {
    const d = tempDir();
    await run(exportCsv, { params: { Path: 'p.csv' }, input: [obj({ Domain: 'a.com', Secure: true })], cwd: d });
    await run(exportCsv, { params: { Path: 'p.csv', Append: true }, input: [obj({ Secure: false, Domain: 'b.com' })], cwd: d });
    expect(fs.readFileSync(path.join(d, 'p.csv'), 'utf8')).toBe('"Domain","Secure"\n"a.com","True"\n"b.com","False"\n');
    const back = await run(importCsv, { params: { Path: ['p.csv'] }, cwd: d });
    expect(back.output.map((o) => (o as PSObject).get('Domain'))).toEqual(['a.com', 'b.com']);
  });
});

describe('Select-String', () => {
  test('piped strings show as the line; files as path:line:text', async () => {
    const r = await run(selectString, { params: { Pattern: ['^4'] }, input: ['250 OK', '451 4.7.3 no'] });
    expect(r.output).toHaveLength(1);
    const m = r.output[0] as PSObject;
    expect(m.typeNames[0]).toBe('Microsoft.PowerShell.Commands.MatchInfo');
    expect(m.get('Line')).toBe('451 4.7.3 no');
    expect(m.get('LineNumber')).toBe(2);
    expect(String(m.baseObject)).toBe('451 4.7.3 no');
    const d = tempDir();
    fs.writeFileSync(path.join(d, 'a.log'), 'x\nSTARTTLS here\n');
    const f = await run(selectString, { params: { Pattern: ['starttls'], Path: ['*.log'] }, cwd: d });
    expect(String((f.output[0] as PSObject).baseObject)).toBe('a.log:2:STARTTLS here');
    expect((f.output[0] as PSObject).get('Path')).toBe(path.join(d, 'a.log'));
  });

  test('-SimpleMatch, -CaseSensitive, -NotMatch, -AllMatches, -Raw, -Quiet', async () => {
    const input = ['a.b', 'axb', 'A.B'];
    expect((await run(selectString, { params: { Pattern: ['a.b'], SimpleMatch: true, Raw: true }, input })).output).toEqual(['a.b', 'A.B']);
    expect((await run(selectString, { params: { Pattern: ['a.b'], CaseSensitive: true, Raw: true }, input })).output).toEqual(['a.b', 'axb']);
    expect((await run(selectString, { params: { Pattern: ['x'], NotMatch: true, Raw: true }, input })).output).toEqual(['a.b', 'A.B']);
    const all = await run(selectString, { params: { Pattern: ['b'], AllMatches: true }, input: ['bob'] });
    expect(((all.output[0] as PSObject).get('Matches') as unknown[]).length).toBe(2);
    expect((await run(selectString, { params: { Pattern: ['z'], Quiet: true }, input })).output).toEqual([]);
    expect((await run(selectString, { params: { Pattern: ['x'], Quiet: true }, input })).output).toEqual([true]);
  });

  test('-Context shows the lines around a match', async () => {
    const r = await run(selectString, { params: { Pattern: ['3'], Context: [1, 1] }, input: ['1', '2', '3', '4', '5'] });
    expect(String((r.output[0] as PSObject).baseObject)).toBe('  2\n> 3\n  4');
    const ctx = (r.output[0] as PSObject).get('Context') as PSObject;
    expect(ctx.get('PreContext')).toEqual(['2']);
    expect(ctx.get('PostContext')).toEqual(['4']);
  });
});

describe('dates, secure strings, objects', () => {
  test('Get-Date -Format and -UFormat', async () => {
    const date = new Date(2024, 2, 1, 14, 5, 9);
    expect((await run(getDate, { params: { Date: date, Format: 'yyyy-MM-dd HH:mm:ss' } })).output).toEqual(['2024-03-01 14:05:09']);
    expect(uformat(date, '%Y%m%d %H:%M:%S %j %a %b')).toBe('20240301 14:05:09 061 Fri Mar');
    const now = (await run(getDate)).output[0];
    expect(now).toBeInstanceOf(Date);
  });

  test('ConvertTo-SecureString -AsPlainText', async () => {
    const s = (await run(convertToSecureString, { params: { String: 'secret', AsPlainText: true, Force: true }, parameterSet: 'PlainText' })).output[0];
    expect(s).toBeInstanceOf(SecureString);
    expect((s as SecureString).reveal()).toBe('secret');
  });

  test('New-Object PSObject -Property, and a PSCredential', async () => {
    const o = (await run(newObject, { params: { TypeName: 'PSObject', Property: PSHashtable.from({ A: 1 }) } })).output[0] as PSObject;
    expect(o.get('A')).toBe(1);
    const c = (await run(newObject, { params: { TypeName: 'System.Management.Automation.PSCredential', ArgumentList: ['u', new SecureString('p')] } })).output[0] as PSObject;
    expect(c.get('UserName')).toBe('u');
    const bad = await run(newObject, { params: { TypeName: 'No.Such.Type' } });
    expect(bad.terminating?.message).toBe('Cannot find type [No.Such.Type]: verify that the assembly containing this type is loaded.');
  });
});

describe('variables', () => {
  test('Set-Variable, Get-Variable and Remove-Variable', async () => {
    const variables = new Map<string, unknown>();
    const extras = {
      hasVariable: (n: string) => variables.has(n.toLowerCase()),
      removeVariable: (n: string) => variables.delete(n.toLowerCase()),
      variables: () => [...variables].map(([name, value]) => ({ name, value })),
    };
    const s = await run(setVariable, { params: { Name: ['x'], Value: 5 }, sessionExtras: extras });
    const set = s.variables.get('x');
    expect(set).toBe(5);
    variables.set('x', 5);
    const g = await run(getVariable, { params: { Name: ['x'] }, sessionExtras: extras, variables: { x: 5 } });
    expect((g.output[0] as PSObject).get('Value')).toBe(5);
    const missing = await run(getVariable, { params: { Name: ['nope'] }, sessionExtras: extras });
    expect(missing.errors[0].message).toBe("Cannot find a variable with the name 'nope'.");
    await run(removeVariable, { params: { Name: ['x'] }, sessionExtras: extras });
    expect(variables.has('x')).toBe(false);
  });

  test('piped objects are collected into the variable', async () => {
    const r = await run(setVariable, { params: { Name: ['n'] }, input: [1, 2, 3] });
    expect(r.variables.get('n')).toEqual([1, 2, 3]);
  });
});

describe('host and timing', () => {
  test('Read-Host prompts with a colon; non-interactive without a reader is an error', async () => {
    let asked = '';
    const r = await run(readHost, { params: { Prompt: 'Domain' }, readLine: async (p) => ((asked = p), 'contoso.com') });
    expect(asked).toBe('Domain: ');
    expect(r.output).toEqual(['contoso.com']);
    const none = await run(readHost, { params: { Prompt: 'x' } });
    expect(none.terminating?.message).toBe('PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.');
  });

  test('Invoke-Expression runs the text through the session', async () => {
    const r = await run(invokeExpression, { params: { Command: '1+1' }, evaluate: async (s) => [s, 2] });
    expect(r.output).toEqual(['1+1', 2]);
  });

  test('Get-Random stays in range and picks distinct objects', async () => {
    for (let i = 0; i < 50; i++) {
      const n = (await run(getRandom, { params: { Minimum: 5, Maximum: 8 } })).output[0] as number;
      expect(n >= 5 && n < 8 && Number.isInteger(n)).toBe(true);
    }
    const picked = (await run(getRandom, { params: { Count: 3 }, parameterSet: 'RandomListItemParameterSet', input: ['a', 'b', 'c'] })).output;
    expect([...picked].sort()).toEqual(['a', 'b', 'c']);
  });

  test('Write-Host joins objects with the separator and passes the colour', async () => {
    const r = await run(writeHost, { params: { Object: [1, [2, 3]], Separator: '-', ForegroundColor: 'Green' } });
    expect(r.information).toEqual([{ message: '1-2-3', opts: { foregroundColor: 'Green' } }]);
  });

  test('Write-Error builds the record from -Message, -Category, -ErrorId, -TargetObject', async () => {
    const r = await run(writeError, { params: { Message: 'bad', Category: 'InvalidArgument', ErrorId: 'BadThing', TargetObject: 'x' } });
    expect(r.errors[0].message).toBe('bad');
    expect(r.errors[0].fullyQualifiedErrorId).toBe('BadThing');
    expect(r.errors[0].category).toBe('InvalidArgument');
    expect(r.errors[0].targetObject).toBe('x');
    const plain = await run(writeError, { params: { Message: 'oops' } });
    expect(plain.errors[0].fullyQualifiedErrorId).toBe('Microsoft.PowerShell.Commands.WriteErrorException');
  });
});
