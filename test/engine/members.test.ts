import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { convertTo, toStr, typeNameOf } from '../../src/engine/convert.js';
import { ErrorRecord, PSRuntimeError } from '../../src/engine/errors.js';
import {
  formatString,
  getMember,
  getStatic,
  invokeMethod,
  invokeStatic,
  memberList,
  propertyNames,
  setMember,
} from '../../src/engine/members.js';
import { PSChar, PSDouble, PSHashtable, PSObject, PSTypeRef, TimeSpan, type ScriptBlock } from '../../src/engine/values.js';

function psErr(f: () => unknown): { message: string; id: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof PSRuntimeError) return { message: e.record.message, id: e.record.fullyQualifiedErrorId };
    throw e;
  }
  throw new Error('expected a PowerShell error');
}

/** A script block stand-in: `fn` gets $_ and $args. */
function block(fn: (dollarUnder: unknown, args: unknown[]) => unknown, async = false): ScriptBlock {
  const run = (d: unknown, args: unknown[] = []) => {
    const r = fn(d, args);
    const out = r === undefined ? [] : Array.isArray(r) ? r : [r];
    return async ? Promise.resolve(out) : out;
  };
  return {
    __scriptBlock: true,
    text: '{...}',
    invoke: (o) => run(o?.dollarUnder, o?.args),
    invokeValue: (d) => {
      const r = fn(d, []);
      return async ? Promise.resolve(r) : r;
    },
    toString: () => '{...}',
  } as ScriptBlock;
}

const person = (name: string, age: number) => new PSObject(undefined, { Name: name, Age: age });

describe('getMember', () => {
  it('reads PSObject properties case-insensitively, getters included', () => {
    const o = person('x', 3);
    o.addScriptProperty('Double', () => (o.get('Age') as number) * 2);
    expect(getMember(o, 'name')).toBe('x');
    expect(getMember(o, 'DOUBLE')).toBe(6);
    expect(getMember(o, 'missing')).toBeUndefined();
  });
  it('enumerates members over arrays, flattening one level', () => {
    const items = [person('a', 1), person('b', 2), null, new PSObject(undefined, { Other: 1 })];
    expect(getMember(items, 'Name')).toEqual(['a', 'b']);
    expect(getMember([person('a', 1)], 'Name')).toBe('a');
    expect(getMember([new PSObject(undefined, { L: [1, 2] }), new PSObject(undefined, { L: [3] })], 'L')).toEqual([1, 2, 3]);
    expect(getMember(['ab', 'c'], 'Length')).toBe(2);
    expect(getMember([PSHashtable.from({ k: 1 }), PSHashtable.from({ k: 2 })], 'k')).toEqual([1, 2]);
    expect(getMember([1, 2], 'Nope')).toBeUndefined();
  });
  it('reads hashtable keys before the dictionary properties', () => {
    const h = PSHashtable.from({ Name: 'n', Count: 'key wins' });
    expect(getMember(h, 'name')).toBe('n');
    expect(getMember(h, 'Count')).toBe('key wins');
    expect(getMember(PSHashtable.from({ a: 1, b: 2 }), 'Count')).toBe(2);
    expect(getMember(PSHashtable.from({ a: 1 }), 'Keys')).toEqual(['a']);
    expect(getMember(PSHashtable.from({ a: 1 }), 'Values')).toEqual([1]);
    expect(getMember(PSHashtable.from({ a: 1 }), 'zzz')).toBeUndefined();
  });
  it('knows strings, dates, time spans and scalars', () => {
    expect(getMember('abc', 'Length')).toBe(3);
    expect(getMember(5, 'Count')).toBe(1);
    const d = new Date(2024, 1, 29, 13, 4, 5, 6);
    expect(['Year', 'Month', 'Day', 'Hour', 'Minute', 'Second', 'Millisecond', 'DayOfWeek', 'DayOfYear'].map((n) => getMember(d, n))).toEqual([2024, 2, 29, 13, 4, 5, 6, 'Thursday', 60]);
    expect(toStr(getMember(d, 'Date'))).toBe('02/29/2024 00:00:00');
    expect(toStr(getMember(d, 'TimeOfDay'))).toBe('13:04:05.0060000');
    const t = TimeSpan.fromParts(1, 2, 3, 4, 500);
    expect(['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'].map((n) => getMember(t, n))).toEqual([1, 2, 3, 4, 500]);
    expect(getMember(TimeSpan.fromParts(0, 0, 1, 30), 'TotalMinutes')).toBe(1.5);
    expect(getMember(new TimeSpan(60_000), 'TotalSeconds')).toEqual(new PSDouble(60));
  });
  it('exposes an ErrorRecord the way scripts read it', () => {
    const rec = new ErrorRecord('Cannot find path.', 'PathNotFound,Get-Item', 'ObjectNotFound', 'c:\\x', 'System.Management.Automation.ItemNotFoundException');
    rec.invocationInfo = { commandName: 'Get-Item', extent: { startOffset: 0, endOffset: 8, startLine: 1, startColumn: 1, endLine: 1, endColumn: 9, text: 'Get-Item' }, source: 'Get-Item c:\\x' };
    const ex = getMember(rec, 'Exception');
    expect(getMember(ex, 'Message')).toBe('Cannot find path.');
    expect(getMember(invokeMethod(ex, 'GetType', []), 'FullName')).toBe('System.Management.Automation.ItemNotFoundException');
    expect(getMember(invokeMethod(ex, 'GetType', []), 'Name')).toBe('ItemNotFoundException');
    expect(getMember(rec, 'FullyQualifiedErrorId')).toBe('PathNotFound,Get-Item');
    expect(getMember(rec, 'TargetObject')).toBe('c:\\x');
    const cat = getMember(rec, 'CategoryInfo');
    expect(getMember(cat, 'Category')).toBe('ObjectNotFound');
    expect(getMember(cat, 'Reason')).toBe('ItemNotFoundException');
    expect(toStr(cat)).toBe('ObjectNotFound: (c:\\x:String) [Get-Item], ItemNotFoundException');
    const inv = getMember(rec, 'InvocationInfo');
    expect(getMember(inv, 'ScriptLineNumber')).toBe(1);
    expect(getMember(inv, 'Line')).toBe('Get-Item c:\\x');
    expect(getMember(getMember(inv, 'MyCommand'), 'Name')).toBe('Get-Item');
    expect(getMember(rec, 'Exception')).toBe(ex);
  });
  it('describes types', () => {
    const t = new PSTypeRef('System.Int32');
    expect(getMember(t, 'Name')).toBe('Int32');
    expect(getMember(t, 'FullName')).toBe('System.Int32');
    expect(getMember(new PSTypeRef('System.Object[]'), 'Name')).toBe('Object[]');
  });
  it('offers $x.PSObject.Properties', () => {
    const props = getMember(getMember(person('a', 1), 'PSObject'), 'Properties');
    expect(getMember(props, 'Name')).toEqual(['Name', 'Age']);
    expect(getMember(props, 'Value')).toEqual(['a', 1]);
  });
});

describe('setMember', () => {
  it('sets properties and hashtable keys', () => {
    const o = person('a', 1);
    setMember(o, 'age', 2);
    expect(o.get('Age')).toBe(2);
    const h = new PSHashtable();
    setMember(h, 'New', 5);
    expect(h.get('new')).toBe(5);
  });
  it("throws PowerShell's errors", () => {
    const o = new PSObject(['T', 'System.Object']);
    o.addProperty({ name: 'Id', memberType: 'Property', value: 1, readOnly: true });
    expect(psErr(() => setMember(o, 'Id', 2))).toEqual({ message: "'Id' is a ReadOnly property.", id: 'PropertyAssignmentException' });
    expect(psErr(() => setMember(person('a', 1), 'Nope', 1))).toEqual({
      message: "The property 'Nope' cannot be found on this object. Verify that the property exists and can be set.",
      id: 'PropertyNotFound',
    });
    expect(psErr(() => setMember([1], 'X', 1)).message).toBe("The property 'X' cannot be found on this object. Verify that the property exists and can be set.");
    expect(psErr(() => setMember('abc', 'Length', 1)).message).toBe("'Length' is a ReadOnly property.");
  });
});

describe('string methods', () => {
  const m = (s: string, name: string, ...args: unknown[]) => invokeMethod(s, name, args);
  it('cases, trims and pads', () => {
    expect(m('Abc', 'toupper')).toBe('ABC');
    expect(m('Abc', 'ToLower')).toBe('abc');
    expect(m('  a  ', 'Trim')).toBe('a');
    expect(m('xxaxx', 'Trim', 'x')).toBe('a');
    expect(m('abcba', 'Trim', 'ab')).toBe('c');
    expect(m('--a--', 'TrimStart', new PSChar('-'))).toBe('a--');
    expect(m('a', 'PadLeft', 3)).toBe('  a');
    expect(m('a', 'PadRight', 3, '.')).toBe('a..');
  });
  it('splits with .NET semantics, not regex', () => {
    expect(m('a,b,,c', 'Split', ',')).toEqual(['a', 'b', '', 'c']);
    expect(m('a.b', 'Split', '.')).toEqual(['a', 'b']);
    expect(m('a--b-c', 'Split', '--')).toEqual(['a', 'b-c']);
    expect(m('a,b;c', 'Split', ',', ';')).toEqual(['a', 'b', 'c']);
    expect(m('a,b;c', 'Split', [new PSChar(','), new PSChar(';')])).toEqual(['a', 'b', 'c']);
    expect(m('a,b,,c', 'Split', ',', 'RemoveEmptyEntries')).toEqual(['a', 'b', 'c']);
    expect(m('a,b,c', 'Split', ',', 2)).toEqual(['a', 'b,c']);
    expect(m('a b', 'Split')).toEqual(['a', 'b']);
    expect(typeNameOf(m('a', 'Split', ','))).toBe('System.String[]');
  });
  it('replaces literally and finds substrings', () => {
    expect(m('a.b.c', 'Replace', '.', '-')).toBe('a-b-c');
    expect(m('aAa', 'Replace', 'a', 'x', 'OrdinalIgnoreCase')).toBe('xxx');
    expect(m('hello', 'Substring', 1)).toBe('ello');
    expect(m('hello', 'Substring', 1, 3)).toBe('ell');
    expect(m('hello', 'Contains', 'ell')).toBe(true);
    expect(m('hello', 'Contains', 'ELL')).toBe(false);
    expect(m('hello', 'StartsWith', 'he')).toBe(true);
    expect(m('hello', 'EndsWith', 'LO', 'OrdinalIgnoreCase')).toBe(true);
    expect(m('hello', 'IndexOf', 'l')).toBe(2);
    expect(m('hello', 'IndexOf', new PSChar('l'), 3)).toBe(3);
    expect(m('hello', 'LastIndexOf', 'l')).toBe(3);
    expect(m('hello', 'Insert', 1, 'XY')).toBe('hXYello');
    expect(m('hello', 'Remove', 1, 2)).toBe('hlo');
    expect(m('hello', 'Remove', 2)).toBe('he');
    expect((m('ab', 'ToCharArray') as PSChar[]).map((c) => c.value)).toEqual(['a', 'b']);
    expect(m('abc', 'Equals', 'abc')).toBe(true);
    expect(m('abc', 'Equals', 'ABC')).toBe(false);
    expect(m('a', 'CompareTo', 'b')).toBe(-1);
    expect(m('x', 'ToString')).toBe('x');
    expect(m('x', 'GetType')).toEqual(new PSTypeRef('System.String'));
  });
  it("reports .NET exceptions and unknown methods in PowerShell's words", () => {
    expect(psErr(() => m('hello', 'Substring', 10))).toEqual({
      message: 'Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than length of string. (Parameter \'startIndex\')"',
      id: 'ArgumentOutOfRangeException',
    });
    expect(psErr(() => m('hello', 'Substring', 2, 10)).message).toBe(
      'Exception calling "Substring" with "2" argument(s): "Index and length must refer to a location within the string. (Parameter \'length\')"',
    );
    expect(psErr(() => m('hello', 'Substring', 1, 2, 3)).message).toBe('Cannot find an overload for "Substring" and the argument count: "3".');
    expect(psErr(() => m('x', 'Foo'))).toEqual({
      message: "Method invocation failed because [System.String] does not contain a method named 'Foo'.",
      id: 'MethodNotFound',
    });
    expect(psErr(() => m('hello', 'Substring', 'abc')).message).toBe(
      'Cannot convert argument "startIndex", with value: "abc", for "Substring" to type "System.Int32": "Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format.""',
    );
  });
});

describe('array methods', () => {
  it('Contains and IndexOf use .NET equality', () => {
    expect(invokeMethod([1, 2], 'Contains', [2])).toBe(true);
    expect(invokeMethod([1, 2], 'Contains', ['2'])).toBe(false);
    expect(invokeMethod(['a'], 'Contains', ['A'])).toBe(false);
    expect(invokeMethod(['a', 'b'], 'IndexOf', ['b'])).toBe(1);
  });
  it('object[] is of a fixed size; ArrayList and List[T] grow', () => {
    expect(psErr(() => invokeMethod([1], 'Add', [2]))).toEqual({
      message: 'Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."',
      id: 'NotSupportedException',
    });
    const list = invokeStatic('System.Collections.ArrayList', 'new', []) as unknown[];
    expect(invokeMethod(list, 'Add', ['a'])).toBe(0);
    expect(invokeMethod(list, 'Add', ['b'])).toBe(1);
    invokeMethod(list, 'Remove', ['a']);
    expect([...list]).toEqual(['b']);
    const typed = invokeStatic('System.Collections.Generic.List[string]', 'new', []) as unknown[];
    expect(invokeMethod(typed, 'Add', ['x'])).toBeUndefined();
    expect(typed.length).toBe(1);
  });
  it('enumerates a method over the elements', () => {
    expect(invokeMethod(['a', 'b'], 'ToUpper', [])).toEqual(['A', 'B']);
    expect(psErr(() => invokeMethod([], 'ToUpper', [])).message).toBe("Method invocation failed because [System.Object[]] does not contain a method named 'ToUpper'.");
  });
  it('.Where() and .ForEach() run script blocks', () => {
    const gt1 = block((x) => (x as number) > 1);
    expect(invokeMethod([1, 2, 3], 'Where', [gt1])).toEqual([2, 3]);
    expect(invokeMethod([1, 2, 3], 'Where', [gt1, 'First'])).toEqual([2]);
    expect(invokeMethod([1, 2, 3], 'Where', [gt1, 'Last'])).toEqual([3]);
    expect(invokeMethod([1, 2, 3], 'Where', [gt1, 'Split'])).toEqual([[2, 3], [1]]);
    expect(invokeMethod([1, 2, 3, 1], 'Where', [gt1, 'SkipUntil'])).toEqual([2, 3, 1]);
    expect(invokeMethod([1, 2, 3], 'Where', [gt1, 'Until'])).toEqual([1]);
    expect(invokeMethod([1, 2], 'ForEach', [block((x) => (x as number) * 10)])).toEqual([10, 20]);
    expect(invokeMethod([person('a', 1), person('b', 2)], 'ForEach', ['Name'])).toEqual(['a', 'b']);
    expect(invokeMethod(['a', 'b'], 'ForEach', ['ToUpper'])).toEqual(['A', 'B']);
    expect(invokeMethod(['a', 'b'], 'ForEach', [new PSTypeRef('System.String')])).toEqual(['a', 'b']);
    expect(invokeMethod(5, 'ForEach', [block((x) => x)])).toEqual([5]);
  });
  it('.Where() returns a Promise when the block waits', async () => {
    const r = invokeMethod([1, 2, 3], 'Where', [block((x) => (x as number) !== 2, true)]);
    expect(r).toBeInstanceOf(Promise);
    expect(await r).toEqual([1, 3]);
  });
});

describe('hashtable methods', () => {
  it('adds, finds and removes keys', () => {
    const h = new PSHashtable();
    invokeMethod(h, 'Add', ['a', 1]);
    expect(invokeMethod(h, 'ContainsKey', ['A'])).toBe(true);
    expect(invokeMethod(h, 'ContainsValue', [1])).toBe(true);
    expect(psErr(() => invokeMethod(h, 'Add', ['A', 2]))).toEqual({
      message: 'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: \'a\'  Key being added: \'A\'"',
      id: 'ArgumentException',
    });
    const c = invokeMethod(h, 'Clone', []) as PSHashtable;
    invokeMethod(h, 'Remove', ['a']);
    expect(h.size).toBe(0);
    expect(c.get('a')).toBe(1);
    const entries = invokeMethod(c, 'GetEnumerator', []) as PSObject[];
    expect(entries.map((e) => [e.get('Key'), e.get('Value'), e.get('Name')])).toEqual([['a', 1, 'a']]);
  });
});

describe('date, time span and number methods', () => {
  const d = new Date(2024, 0, 31, 8, 5, 3, 7);
  it('adds and formats dates', () => {
    expect(toStr(invokeMethod(d, 'AddDays', [1]))).toBe('02/01/2024 08:05:03');
    expect(toStr(invokeMethod(d, 'AddMonths', [1]))).toBe('02/29/2024 08:05:03');
    expect(toStr(invokeMethod(d, 'AddYears', [-1]))).toBe('01/31/2023 08:05:03');
    expect(toStr(invokeMethod(d, 'AddHours', [-9]))).toBe('01/30/2024 23:05:03');
    expect(invokeMethod(d, 'ToString', ['yyyy-MM-dd HH:mm:ss.fff'])).toBe('2024-01-31 08:05:03.007');
    expect(invokeMethod(d, 'ToString', ['yyyyMMdd'])).toBe('20240131');
    expect(invokeMethod(d, 'ToString', ['s'])).toBe('2024-01-31T08:05:03');
    expect(invokeMethod(d, 'ToString', ['hh:mm tt'])).toBe('08:05 AM');
    expect(invokeMethod(d, 'ToString', [])).toBe('01/31/2024 08:05:03');
    expect(toStr(invokeMethod(d, 'Subtract', [new Date(2024, 0, 30, 8, 5, 3, 7)]))).toBe('1.00:00:00');
  });
  it('formats numbers with .NET format strings', () => {
    expect(invokeMethod(1234.567, 'ToString', ['N2'])).toBe('1,234.57');
    expect(invokeMethod(1234, 'ToString', ['N0'])).toBe('1,234');
    expect(invokeMethod(7, 'ToString', ['D3'])).toBe('007');
    expect(invokeMethod(255, 'ToString', ['X'])).toBe('FF');
    expect(invokeMethod(255, 'ToString', ['X4'])).toBe('00FF');
    expect(invokeMethod(1.5, 'ToString', ['F2'])).toBe('1.50');
    expect(invokeMethod(0.25, 'ToString', ['P0'])).toBe('25 %');
    expect(invokeMethod(0.1 + 0.2, 'ToString', [])).toBe('0.30000000000000004');
    expect(invokeMethod(42, 'ToString', [])).toBe('42');
    expect(invokeMethod(true, 'ToString', [])).toBe('True');
  });
  it('adds time spans', () => {
    expect(toStr(invokeMethod(new TimeSpan(1000), 'Add', [new TimeSpan(2000)]))).toBe('00:00:03');
  });
});

describe('static members', () => {
  it('reads constants', () => {
    expect(getStatic('int', 'MaxValue')).toBe(2147483647);
    expect(getStatic('System.Int32', 'MinValue')).toBe(-2147483648);
    expect(getStatic('long', 'MaxValue')).toBe(9223372036854775807n);
    expect(getStatic('Math', 'PI')).toBe(Math.PI);
    expect(getStatic('string', 'Empty')).toBe('');
    expect(getStatic('Environment', 'NewLine')).toBe('\n');
    expect(getStatic('datetime', 'Now')).toBeInstanceOf(Date);
    expect(getStatic('System.IO.Path', 'DirectorySeparatorChar')).toEqual(new PSChar('/'));
    expect(getStatic('int', 'NoSuch')).toBeUndefined();
  });
  it('rounds like .NET', () => {
    expect(invokeStatic('Math', 'Round', [2.5])).toEqual(new PSDouble(2));
    expect(invokeStatic('Math', 'Round', [3.5])).toEqual(new PSDouble(4));
    expect(invokeStatic('Math', 'Round', [2.5, 'AwayFromZero'])).toEqual(new PSDouble(3));
    expect(invokeStatic('Math', 'Round', [1.2345, 2])).toBe(1.23);
    expect(invokeStatic('Math', 'Round', [2.675, 2])).toBe(2.68);
    expect(invokeStatic('Math', 'Round', [1.005, 2])).toEqual(new PSDouble(1)); // 1.005 * 100 is 100.49999999999999
    expect(invokeStatic('Math', 'Floor', [2.7])).toEqual(new PSDouble(2));
    expect(invokeStatic('Math', 'Max', [3, 4])).toBe(4);
    expect(invokeStatic('Math', 'Max', [3, 4.5])).toBe(4.5);
    expect(invokeStatic('Math', 'Abs', [-3])).toBe(3);
    expect(invokeStatic('Math', 'Pow', [2, 10])).toEqual(new PSDouble(1024));
  });
  it('joins, formats and tests strings', () => {
    expect(invokeStatic('string', 'Join', [', ', [1, 2, 3]])).toBe('1, 2, 3');
    expect(invokeStatic('string', 'Join', ['-', 'a', 'b'])).toBe('a-b');
    expect(invokeStatic('string', 'IsNullOrEmpty', [null])).toBe(true);
    expect(invokeStatic('string', 'IsNullOrEmpty', [''])).toBe(true);
    expect(invokeStatic('string', 'IsNullOrWhiteSpace', [' '])).toBe(true);
    expect(invokeStatic('string', 'Format', ['{0}-{1}', 'a', 'b'])).toBe('a-b');
    expect(invokeStatic('string', 'Concat', ['a', 1])).toBe('a1');
    expect(psErr(() => invokeStatic('string', 'Format', ['{1}', 'a'])).message).toBe(
      'Exception calling "Format" with "2" argument(s): "Index (zero based) must be greater than or equal to zero and less than the size of the argument list."',
    );
  });
  it('parses numbers, dates and time spans', () => {
    expect(invokeStatic('int', 'Parse', ['42'])).toBe(42);
    expect(psErr(() => invokeStatic('int', 'Parse', ['4.2'])).id).toBe('FormatException');
    expect(toStr(invokeStatic('datetime', 'ParseExact', ['2024-03-05 10:11', 'yyyy-MM-dd HH:mm', null]))).toBe('03/05/2024 10:11:00');
    expect(toStr(invokeStatic('datetime', 'ParseExact', ['20240305', 'yyyyMMdd', null]))).toBe('03/05/2024 00:00:00');
    expect(toStr(invokeStatic('timespan', 'FromMinutes', [90]))).toBe('01:30:00');
    expect(toStr(invokeStatic('TimeSpan', 'FromSeconds', [5]))).toBe('00:00:05');
    expect(toStr(invokeStatic('TimeSpan', 'FromDays', [1.5]))).toBe('1.12:00:00');
  });
  it('handles paths and files', () => {
    expect(invokeStatic('System.IO.Path', 'Combine', ['/a', 'b', 'c.txt'])).toBe('/a/b/c.txt');
    expect(invokeStatic('IO.Path', 'Combine', ['/a', '/b'])).toBe('/b');
    expect(invokeStatic('IO.Path', 'GetFileName', ['c:\\certificates\\import.pfx'])).toBe('import.pfx');
    expect(invokeStatic('IO.Path', 'GetExtension', ['/x/y.tar.gz'])).toBe('.gz');
    expect(invokeStatic('IO.Path', 'GetFileNameWithoutExtension', ['/x/y.txt'])).toBe('y');
    expect(invokeStatic('IO.Path', 'GetDirectoryName', ['/x/y.txt'])).toBe('/x');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'members-'));
    const f = path.join(dir, 'a.txt');
    invokeStatic('System.IO.File', 'WriteAllText', [f, 'hi']);
    expect(invokeStatic('System.IO.File', 'Exists', [f])).toBe(true);
    expect(invokeStatic('System.IO.File', 'ReadAllText', [f])).toBe('hi');
    expect(psErr(() => invokeStatic('System.IO.File', 'ReadAllText', [path.join(dir, 'no.txt')]))).toEqual({
      message: `Exception calling "ReadAllText" with "1" argument(s): "Could not find file '${path.join(dir, 'no.txt')}'."`,
      id: 'FileNotFoundException',
    });
    fs.rmSync(dir, { recursive: true });
  });
  it('converts base64 and bases, makes guids, escapes regexes', () => {
    const bytes = invokeStatic('Convert', 'FromBase64String', ['aGk=']) as Uint8Array;
    expect([...bytes]).toEqual([104, 105]);
    expect(invokeStatic('Convert', 'ToBase64String', [bytes])).toBe('aGk=');
    expect(invokeStatic('Convert', 'ToInt32', ['ff', 16])).toBe(255);
    expect(invokeStatic('Convert', 'ToString', [255, 2])).toBe('11111111');
    expect(toStr(invokeStatic('guid', 'NewGuid', []))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(invokeStatic('regex', 'Escape', ['a.b*c d'])).toBe('a\\.b\\*c\\ d');
    expect(invokeStatic('regex', 'Replace', ['a1b22', '\\d+', '#'])).toBe('a#b#');
    const match = invokeStatic('regex', 'Match', ['key=value', '(?<k>\\w+)=(\\w+)']);
    expect(getMember(match, 'Success')).toBe(true);
    expect(getMember(getMember(match, 'Groups'), 'Value')).toEqual(['key=value', 'key', 'value']);
    expect(invokeStatic('char', 'IsDigit', [new PSChar('5')])).toBe(true);
    expect(invokeStatic('char', 'IsLetter', ['5'])).toBe(false);
  });
  it('reports unknown statics', () => {
    expect(psErr(() => invokeStatic('Math', 'Foo', []))).toEqual({
      message: "Method invocation failed because [System.Math] does not contain a method named 'Foo'.",
      id: 'MethodNotFound',
    });
  });
});

describe('formatString', () => {
  it('formats like -f', () => {
    expect(formatString('{0} and {1}', ['a', 'b'])).toBe('a and b');
    expect(formatString('[{0,-5}][{1,5}]', ['ab', 'cd'])).toBe('[ab   ][   cd]');
    expect(formatString('{0:N2}', [1234.5])).toBe('1,234.50');
    expect(formatString('{0:D3}', [7])).toBe('007');
    expect(formatString('{0:X}', [255])).toBe('FF');
    expect(formatString('{0:yyyy-MM-dd}', [new Date(2024, 2, 5)])).toBe('2024-03-05');
    expect(formatString('{{{0}}}', [1])).toBe('{1}');
    expect(formatString('{0}', [[1, 2]])).toBe('System.Object[]');
    expect(formatString('{0}', [null])).toBe('');
  });
  it('reports a bad index', () => {
    expect(psErr(() => formatString('{1}', ['a']))).toEqual({
      message: 'Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..',
      id: 'FormatError',
    });
  });
});

describe('memberList and propertyNames', () => {
  it("lists members in Get-Member's order with PowerShell definitions", () => {
    const rows = memberList(new PSObject(undefined, { b: 'abc', a: 1 }));
    expect(rows.map((r) => `${r.name} ${r.memberType} ${r.definition}`)).toEqual([
      'Equals Method bool Equals(System.Object obj)',
      'GetHashCode Method int GetHashCode()',
      'GetType Method type GetType()',
      'ToString Method string ToString()',
      'a NoteProperty int a=1',
      'b NoteProperty string b=abc',
    ]);
    const s = memberList('x');
    expect(s.find((r) => r.name === 'Length')).toEqual({ name: 'Length', memberType: 'Property', definition: 'int Length {get;}' });
    expect(s[s.length - 1].name).toBe('Length');
    expect(s.find((r) => r.name === 'Chars')?.memberType).toBe('ParameterizedProperty');
  });
  it('gives the properties formatting shows', () => {
    expect(propertyNames(person('a', 1))).toEqual(['Name', 'Age']);
    expect(propertyNames(new PSHashtable())).toEqual([]);
    expect(propertyNames('x')).toEqual([]);
    expect(propertyNames(new Date())).toEqual([]);
  });
  it('casts hashtables to objects in key order', () => {
    const h = new PSHashtable(true);
    h.set('Name', 'x');
    h.set('Value', 1);
    expect(toStr(convertTo(h, 'pscustomobject'))).toBe('@{Name=x; Value=1}');
  });
});
