import { describe, expect, test } from 'vitest';
import { PSHashtable, PSObject } from '../../src/engine/values.js';
import { block, run } from './harness.js';
import whereObject from '../../cmdlets/core/where-object.js';
import foreachObject from '../../cmdlets/core/foreach-object.js';
import selectObject from '../../cmdlets/core/select-object.js';
import sortObject from '../../cmdlets/core/sort-object.js';
import groupObject from '../../cmdlets/core/group-object.js';
import measureObject from '../../cmdlets/core/measure-object.js';
import writeOutput from '../../cmdlets/core/write-output.js';
import getUnique from '../../cmdlets/core/get-unique.js';

const obj = (values: Record<string, unknown>) => new PSObject(undefined, values);

describe('Where-Object', () => {
  test('a script block keeps the objects it is true for', async () => {
    const r = await run(whereObject, { params: { FilterScript: block((x) => (x as number) > 2) }, input: [1, 2, 3, 4] });
    expect(r.output).toEqual([3, 4]);
  });

  test('a script block given by position (bound to -Property in the default set) still filters', async () => {
    const r = await run(whereObject, { params: { Property: block((x) => (x as number) % 2 === 0) }, parameterSet: 'EqualSet', input: [1, 2, 3, 4] });
    expect(r.output).toEqual([2, 4]);
  });

  test('the simplified syntax compares a property: Where-Object Name -like In*', async () => {
    const input = [obj({ Name: 'Internet' }), obj({ Name: 'Inet' }), obj({ Name: 'Partner' })];
    const r = await run(whereObject, { params: { Property: 'Name', Like: true, Value: 'in*' }, parameterSet: 'LikeSet', input });
    expect(r.output.map((o) => (o as PSObject).get('Name'))).toEqual(['Internet', 'Inet']);
  });

  test('-EQ compares case-insensitively, -CEQ case-sensitively', async () => {
    const input = [obj({ Status: 'Valid' }), obj({ Status: 'valid' }), obj({ Status: 'Revoked' })];
    const ieq = await run(whereObject, { params: { Property: 'Status', EQ: true, Value: 'VALID' }, parameterSet: 'EqualSet', input });
    expect(ieq.output).toHaveLength(2);
    const ceq = await run(whereObject, { params: { Property: 'Status', CEQ: true, Value: 'Valid' }, parameterSet: 'CaseSensitiveEqualSet', input });
    expect(ceq.output).toHaveLength(1);
  });

  test('a property alone keeps the objects whose property is true; -Not the others', async () => {
    const input = [obj({ Enabled: true, N: 1 }), obj({ Enabled: false, N: 2 }), obj({ N: 3 })];
    const yes = await run(whereObject, { params: { Property: 'Enabled' }, parameterSet: 'EqualSet', input });
    expect(yes.output.map((o) => (o as PSObject).get('N'))).toEqual([1]);
    const no = await run(whereObject, { params: { Property: 'Enabled', Not: true }, parameterSet: 'Not', input });
    expect(no.output.map((o) => (o as PSObject).get('N'))).toEqual([2, 3]);
  });

  test('-GT, -In, -Contains and -Match work on property values', async () => {
    const input = [obj({ Port: 25, Tags: ['a', 'b'] }), obj({ Port: 587, Tags: ['c'] })];
    expect((await run(whereObject, { params: { Property: 'Port', GT: true, Value: 100 }, parameterSet: 'GreaterThanSet', input })).output).toHaveLength(1);
    expect((await run(whereObject, { params: { Property: 'Port', In: true, Value: [25, 26] }, parameterSet: 'InSet', input })).output).toHaveLength(1);
    expect((await run(whereObject, { params: { Property: 'Tags', Contains: true, Value: 'c' }, parameterSet: 'ContainsSet', input })).output).toHaveLength(1);
    expect((await run(whereObject, { params: { Property: 'Port', Match: true, Value: '^5' }, parameterSet: 'MatchSet', input })).output).toHaveLength(1);
  });

  test('an operator without -Value is PowerShell\'s ValueNotSpecifiedForWhereObject error', async () => {
    const r = await run(whereObject, { params: { Property: 'Name', GT: true }, parameterSet: 'GreaterThanSet', input: [1] });
    expect(r.terminating?.fullyQualifiedErrorId).toBe('ValueNotSpecifiedForWhereObject,Microsoft.PowerShell.Commands.WhereObjectCommand');
    expect(r.terminating?.message).toBe('The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again.');
  });

  test('hashtable keys are read like properties', async () => {
    const h = PSHashtable.from({ Name: 'x' });
    const r = await run(whereObject, { params: { Property: 'Name', EQ: true, Value: 'x' }, parameterSet: 'EqualSet', input: [h, PSHashtable.from({ Name: 'y' })] });
    expect(r.output).toEqual([h]);
  });

  test('an array object is passed on whole, not enumerated', async () => {
    const r = await run(whereObject, { params: { FilterScript: block(() => true) }, input: [[1, 2]] });
    expect(r.output).toEqual([[1, 2]]);
  });
});

describe('ForEach-Object', () => {
  test('runs the block for each object and writes its output', async () => {
    const r = await run(foreachObject, { params: { Process: [block((x) => (x as number) * 10)] }, input: [1, 2, 3] });
    expect(r.output).toEqual([10, 20, 30]);
  });

  test('-Begin and -End run once around the input', async () => {
    const log: string[] = [];
    const r = await run(foreachObject, {
      params: { Begin: block(() => void log.push('begin')), Process: [block((x) => (log.push(`p${x}`), x))], End: block(() => 'end') },
      input: [1, 2],
    });
    expect(log).toEqual(['begin', 'p1', 'p2']);
    expect(r.output).toEqual([1, 2, 'end']);
  });

  test('three positional blocks are begin, process and end; two are begin and process', async () => {
    const three = await run(foreachObject, { params: { Process: [block(() => 'B'), block((x) => x), block(() => 'E')] }, input: [1, 2] });
    expect(three.output).toEqual(['B', 1, 2, 'E']);
    const two = await run(foreachObject, { params: { Process: [block(() => 'B'), block((x) => x)] }, input: [1, 2] });
    expect(two.output).toEqual(['B', 1, 2]);
  });

  test('a member name reads a property or calls a method', async () => {
    const props = await run(foreachObject, { params: { MemberName: 'Name' }, parameterSet: 'PropertyAndMethodSet', input: [obj({ Name: 'a' }), obj({ Name: 'b' })] });
    expect(props.output).toEqual(['a', 'b']);
    const method = await run(foreachObject, { params: { MemberName: 'ToUpper' }, parameterSet: 'PropertyAndMethodSet', input: ['abc'] });
    expect(method.output).toEqual(['ABC']);
  });

  test('a name given by position (bound to -Process) is the member name: % Length', async () => {
    const r = await run(foreachObject, { params: { Process: ['Length'] }, input: ['abc', 'de'] });
    expect(r.output).toEqual([3, 2]);
  });

  test('a method with arguments: % Replace a b', async () => {
    const r = await run(foreachObject, { params: { MemberName: 'Replace', ArgumentList: ['a', 'b'] }, parameterSet: 'PropertyAndMethodSet', input: ['banana'] });
    expect(r.output).toEqual(['bbnbnb']);
  });

  test('an unknown method with arguments is a MethodNotFound error', async () => {
    const r = await run(foreachObject, { params: { MemberName: 'Nope', ArgumentList: [1] }, parameterSet: 'PropertyAndMethodSet', input: ['x'] });
    expect(r.errors[0].message).toBe('Input name "Nope" cannot be resolved to a method.');
  });

  test('a block that waits is awaited in order', async () => {
    const r = await run(foreachObject, { params: { Process: [block(async (x) => (x as number) + 1)] }, input: [1, 2] });
    expect(r.output).toEqual([2, 3]);
  });
});

describe('Select-Object', () => {
  test('-First stops upstream once satisfied', async () => {
    const r = await run(selectObject, { params: { First: 2 }, input: [1, 2, 3, 4, 5] });
    expect(r.output).toEqual([1, 2]);
    expect(r.stoppedUpstream).toBe(true);
    expect(r.processed).toBe(2);
  });

  test('-Last, -Skip, -SkipLast and -Index', async () => {
    expect((await run(selectObject, { params: { Last: 2 }, input: [1, 2, 3, 4] })).output).toEqual([3, 4]);
    expect((await run(selectObject, { params: { Skip: 2 }, input: [1, 2, 3, 4] })).output).toEqual([3, 4]);
    expect((await run(selectObject, { params: { Last: 2, Skip: 1 }, input: [1, 2, 3, 4] })).output).toEqual([2, 3]);
    expect((await run(selectObject, { params: { First: 1, Skip: 1 }, input: [1, 2, 3] })).output).toEqual([2]);
    expect((await run(selectObject, { params: { SkipLast: 1 }, parameterSet: 'SkipLastParameter', input: [1, 2, 3] })).output).toEqual([1, 2]);
    expect((await run(selectObject, { params: { Index: [2, 0] }, parameterSet: 'IndexParameter', input: ['a', 'b', 'c', 'd'] })).output).toEqual(['a', 'c']);
    expect((await run(selectObject, { params: { SkipIndex: [1] }, parameterSet: 'SkipIndexParameter', input: ['a', 'b', 'c'] })).output).toEqual(['a', 'c']);
  });

  test('properties make a Selected.<type> custom object with the chosen and calculated properties', async () => {
    const input = [obj({ Name: 'Internet', Port: 25, Size: 10485760 })];
    const r = await run(selectObject, {
      params: { Property: ['Name', PSHashtable.from({ N: 'SizeMB', E: block((x) => ((x as PSObject).get('Size') as number) / 1048576) })] },
      input,
    });
    const o = r.output[0] as PSObject;
    expect(o.typeNames[0]).toBe('Selected.System.Management.Automation.PSCustomObject');
    expect(o.propertyNames()).toEqual(['Name', 'SizeMB']);
    expect(o.get('SizeMB')).toBe(10);
    expect(o.property('Name')?.memberType).toBe('NoteProperty');
  });

  test('wildcards, a missing name and -ExcludeProperty', async () => {
    const input = [obj({ Name: 'a', Number: 1, Port: 25 })];
    const wild = await run(selectObject, { params: { Property: ['N*'] }, input });
    expect((wild.output[0] as PSObject).propertyNames()).toEqual(['Name', 'Number']);
    const missing = await run(selectObject, { params: { Property: ['Nope'] }, input });
    expect((missing.output[0] as PSObject).get('Nope')).toBeNull();
    const excl = await run(selectObject, { params: { ExcludeProperty: ['Port'] }, input });
    expect((excl.output[0] as PSObject).propertyNames()).toEqual(['Name', 'Number']);
  });

  test('-ExpandProperty writes the elements of the property', async () => {
    const r = await run(selectObject, { params: { ExpandProperty: 'Bindings' }, input: [obj({ Bindings: ['0.0.0.0:25', '[::]:25'] })] });
    expect(r.output).toEqual(['0.0.0.0:25', '[::]:25']);
    const missing = await run(selectObject, { params: { ExpandProperty: 'Nope' }, input: [obj({ A: 1 })] });
    expect(missing.errors[0].message).toBe('Property "Nope" cannot be found.');
    expect(missing.errors[0].fullyQualifiedErrorId).toBe('ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand');
  });

  test('a bad calculated-property key is PowerShell\'s error', async () => {
    const r = await run(selectObject, { params: { Property: [PSHashtable.from({ Foo: 1 })] }, input: [1] });
    expect(r.terminating?.message).toBe('The Foo key is not valid.');
  });

  test('-Unique keeps the first of equal objects (case-sensitively)', async () => {
    const r = await run(selectObject, { params: { Unique: true }, input: ['a', 'b', 'a', 'A'] });
    expect(r.output).toEqual(['a', 'b', 'A']);
  });
});

describe('Sort-Object', () => {
  test('sorts numbers and strings, descending on request', async () => {
    expect((await run(sortObject, { input: [3, 1, 2] })).output).toEqual([1, 2, 3]);
    expect((await run(sortObject, { params: { Descending: true }, input: [3, 1, 2] })).output).toEqual([3, 2, 1]);
    expect((await run(sortObject, { input: ['b', 'A', 'c'] })).output).toEqual(['A', 'b', 'c']);
  });

  test('is stable and sorts by several keys with their own directions', async () => {
    const input = [obj({ N: 'Inet', C: 1 }), obj({ N: 'B', C: 5 }), obj({ N: 'A', C: 5 }), obj({ N: 'A2', C: 1 })];
    const r = await run(sortObject, { params: { Property: [PSHashtable.from({ Expression: 'C', Descending: true }), 'N'] }, input });
    expect(r.output.map((o) => (o as PSObject).get('N'))).toEqual(['A', 'B', 'A2', 'Inet']);
    const stable = await run(sortObject, { params: { Property: ['C'] }, input });
    expect(stable.output.map((o) => (o as PSObject).get('N'))).toEqual(['Inet', 'A2', 'B', 'A']);
  });

  test('-Unique, -Top and -Bottom', async () => {
    expect((await run(sortObject, { params: { Unique: true }, input: ['b', 'a', 'B'] })).output).toEqual(['a', 'b']);
    expect((await run(sortObject, { params: { Top: 2 }, parameterSet: 'Top', input: [5, 1, 4, 2] })).output).toEqual([1, 2]);
    expect((await run(sortObject, { params: { Bottom: 2 }, parameterSet: 'Bottom', input: [5, 1, 4, 2] })).output).toEqual([4, 5]);
  });

  test('$null sorts first', async () => {
    expect((await run(sortObject, { input: [2, null, 1] })).output).toEqual([null, 1, 2]);
  });
});

describe('Group-Object', () => {
  test('groups by value in the order of first appearance', async () => {
    const r = await run(groupObject, { input: ['SMTP', 'IIS', 'smtp'] });
    expect(r.output.map((g) => [(g as PSObject).get('Name'), (g as PSObject).get('Count')])).toEqual([
      ['SMTP', 2],
      ['IIS', 1],
    ]);
    expect((r.output[0] as PSObject).typeNames[0]).toBe('Microsoft.PowerShell.Commands.GroupInfo');
    expect((r.output[0] as PSObject).get('Group')).toEqual(['SMTP', 'smtp']);
  });

  test('several properties join their values in the Name; -AsHashTable keys by value', async () => {
    const input = [obj({ A: 1, B: 'x' }), obj({ A: 1, B: 'x' }), obj({ A: 2, B: 'y' })];
    const r = await run(groupObject, { params: { Property: ['A', 'B'] }, input });
    expect(r.output.map((g) => (g as PSObject).get('Name'))).toEqual(['1, x', '2, y']);
    const h = await run(groupObject, { params: { Property: ['A'], AsHashTable: true }, input });
    const table = h.output[0] as PSHashtable;
    expect((table.get(1) as unknown[]).length).toBe(2);
  });
});

describe('Measure-Object', () => {
  test('counts and computes statistics without keeping the objects', async () => {
    const r = await run(measureObject, { params: { Sum: true, Average: true, Maximum: true, Minimum: true, StandardDeviation: true }, input: [1, 2, 3, 4] });
    const m = r.output[0] as PSObject;
    expect(m.typeNames[0]).toBe('Microsoft.PowerShell.Commands.GenericMeasureInfo');
    expect(m.propertyNames()).toEqual(['Count', 'Average', 'Sum', 'Maximum', 'Minimum', 'StandardDeviation', 'Property']);
    expect([m.get('Count'), m.get('Sum'), m.get('Average'), m.get('Maximum'), m.get('Minimum')]).toEqual([4, 10, 2.5, 4, 1]);
    expect(m.get('StandardDeviation')).toBeCloseTo(1.2909944, 6);
  });

  test('$null is not counted; statistics not asked for are $null', async () => {
    const m = (await run(measureObject, { input: [1, null, 2] })).output[0] as PSObject;
    expect(m.get('Count')).toBe(2);
    expect(m.get('Sum')).toBeNull();
  });

  test('a property, and a property no object has', async () => {
    const m = (await run(measureObject, { params: { Property: ['Size'], Sum: true }, input: [obj({ Size: 10 }), obj({ Size: 30 })] })).output[0] as PSObject;
    expect(m.get('Sum')).toBe(40);
    expect(m.get('Property')).toBe('Size');
    const r = await run(measureObject, { params: { Property: ['Nope'], Sum: true }, input: [obj({ Size: 1 })] });
    expect(r.errors[0].message).toBe('The property "Nope" cannot be found in the input for any objects.');
  });

  test('non-numeric input for -Sum is an error; -Maximum works on strings', async () => {
    const r = await run(measureObject, { params: { Sum: true }, input: [1, 'x'] });
    expect(r.errors[0].message).toBe('Input object "x" is not numeric.');
    const s = (await run(measureObject, { params: { Maximum: true }, input: ['a', 'c', 'b'] })).output[0] as PSObject;
    expect(s.get('Maximum')).toBe('c');
  });

  test('lines, words and characters', async () => {
    const t = (await run(measureObject, { params: { Line: true, Word: true, Character: true }, parameterSet: 'TextMeasure', input: ['a b\nc', 'd'] })).output[0] as PSObject;
    expect([t.get('Lines'), t.get('Words'), t.get('Characters')]).toEqual([3, 4, 6]);
  });

  test('a million objects are measured quickly', async () => {
    const input = Array.from({ length: 1_000_000 }, (_, i) => i);
    const start = Date.now();
    const m = (await run(measureObject, { input })).output[0] as PSObject;
    expect(m.get('Count')).toBe(1_000_000);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe('Write-Output and Get-Unique', () => {
  test('Write-Output enumerates unless -NoEnumerate', async () => {
    expect((await run(writeOutput, { params: { InputObject: [1, 2] } })).output).toEqual([1, 2]);
    expect((await run(writeOutput, { params: { InputObject: [1, 2], NoEnumerate: true } })).output).toEqual([[1, 2]]);
  });

  test('Get-Unique drops adjacent duplicates', async () => {
    expect((await run(getUnique, { input: ['a', 'a', 'b', 'a'] })).output).toEqual(['a', 'b', 'a']);
  });
});
