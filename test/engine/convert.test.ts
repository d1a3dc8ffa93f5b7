import { describe, expect, it } from 'vitest';
import {
  compare,
  convertTo,
  equals,
  formatNumber,
  isInstanceOf,
  resolveTypeName,
  toArray,
  toBool,
  toNumber,
  toStr,
  typeNameOf,
} from '../../src/engine/convert.js';
import { ErrorRecord, PSRuntimeError } from '../../src/engine/errors.js';
import { PSChar, PSDouble, PSHashtable, PSObject, PSTypeRef, SecureString, TimeSpan } from '../../src/engine/values.js';

/** The PowerShell error a call throws: message and FullyQualifiedErrorId. */
function psErr(f: () => unknown): { message: string; id: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof PSRuntimeError) return { message: e.record.message, id: e.record.fullyQualifiedErrorId };
    throw e;
  }
  throw new Error('expected a PowerShell error');
}

describe('typeNameOf', () => {
  it('names numbers by range and double-ness', () => {
    expect(typeNameOf(5)).toBe('System.Int32');
    expect(typeNameOf(2147483648)).toBe('System.Int64');
    expect(typeNameOf(1.5)).toBe('System.Double');
    expect(typeNameOf(new PSDouble(3))).toBe('System.Double');
  });
  it('names the other modelled values', () => {
    expect(typeNameOf('x')).toBe('System.String');
    expect(typeNameOf(true)).toBe('System.Boolean');
    expect(typeNameOf([1])).toBe('System.Object[]');
    expect(typeNameOf(new PSHashtable())).toBe('System.Collections.Hashtable');
    expect(typeNameOf(new PSHashtable(true))).toBe('System.Collections.Specialized.OrderedDictionary');
    expect(typeNameOf(new PSObject())).toBe('System.Management.Automation.PSCustomObject');
    expect(typeNameOf(new PSObject(['Microsoft.Exchange.Data.X', 'System.Object']))).toBe('Microsoft.Exchange.Data.X');
    expect(typeNameOf(new Date())).toBe('System.DateTime');
    expect(typeNameOf(new TimeSpan(1))).toBe('System.TimeSpan');
    expect(typeNameOf(new SecureString('p'))).toBe('System.Security.SecureString');
    expect(typeNameOf(new Uint8Array(1))).toBe('System.Byte[]');
    expect(typeNameOf(new PSChar('a'))).toBe('System.Char');
    expect(typeNameOf(new PSTypeRef('System.Int32'))).toBe('System.RuntimeType');
    expect(typeNameOf(new ErrorRecord('m', 'Id'))).toBe('System.Management.Automation.ErrorRecord');
  });
  it('remembers the element type of a typed array cast', () => {
    expect(typeNameOf(convertTo([1, 2], 'string[]'))).toBe('System.String[]');
    expect(typeNameOf(convertTo([1], 'System.Collections.ArrayList'))).toBe('System.Collections.ArrayList');
  });
});

describe('resolveTypeName', () => {
  it('resolves accelerators and full names case-insensitively', () => {
    expect(resolveTypeName('int')).toBe('System.Int32');
    expect(resolveTypeName('Int32')).toBe('System.Int32');
    expect(resolveTypeName('SYSTEM.INT64')).toBe('System.Int64');
    expect(resolveTypeName('pscustomobject')).toBe('System.Management.Automation.PSObject');
    expect(resolveTypeName('ordered')).toBe('System.Collections.Specialized.OrderedDictionary');
    expect(resolveTypeName('IO.Path')).toBe('System.IO.Path');
    expect(resolveTypeName('System.IO.Path')).toBe('System.IO.Path');
    expect(resolveTypeName('math')).toBe('System.Math');
    expect(resolveTypeName('string[]')).toBe('System.String[]');
    expect(resolveTypeName('[datetime]')).toBe('System.DateTime');
    expect(resolveTypeName('System.Collections.Generic.List[string]')).toBe('System.Collections.Generic.List[System.String]');
  });
  it('returns undefined for unknown types', () => {
    expect(resolveTypeName('NoSuchType')).toBeUndefined();
    expect(resolveTypeName('NoSuchType[]')).toBeUndefined();
  });
});

describe('formatNumber and toStr', () => {
  it('formats doubles with 15 significant digits like PowerShell', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(11111.11 - 11110.01)).toBe('1.10000000000036');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(new PSDouble(1e15))).toBe('1E+15');
    expect(formatNumber(new PSDouble(1e14))).toBe('100000000000000');
    expect(formatNumber(1.5e-7)).toBe('1.5E-07');
    expect(formatNumber(0.0001)).toBe('0.0001');
    expect(formatNumber(0.00001)).toBe('1E-05');
    expect(formatNumber(1 / 3)).toBe('0.333333333333333');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
    expect(formatNumber(1e15)).toBe('1000000000000000');
    expect(formatNumber(1e20)).toBe('1E+20'); // beyond Int64: a double
    expect(formatNumber(1.23456789012345678e25)).toBe('1.23456789012346E+25');
  });
  it('converts values as "$v" does', () => {
    expect(toStr(null)).toBe('');
    expect(toStr(undefined)).toBe('');
    expect(toStr(true)).toBe('True');
    expect(toStr(false)).toBe('False');
    expect(toStr([1, 2, 3])).toBe('1 2 3');
    expect(toStr([1, [2, 3]])).toBe('1 System.Object[]');
    expect(toStr(new PSChar('x'))).toBe('x');
    expect(toStr(new Date(2024, 10, 29, 1, 4, 0))).toBe('11/29/2024 01:04:00');
    expect(toStr(TimeSpan.fromParts(1, 2, 3, 4))).toBe('1.02:03:04');
    expect(toStr(new PSHashtable())).toBe('System.Collections.Hashtable');
    expect(toStr(new SecureString('secret'))).toBe('System.Security.SecureString');
    expect(toStr(new Uint8Array([1]))).toBe('System.Byte[]');
    expect(toStr(new PSTypeRef('System.Int32'))).toBe('System.Int32');
    expect(toStr(new ErrorRecord('it failed', 'X'))).toBe('it failed');
  });
  it('shows a custom object as @{...}', () => {
    expect(toStr(new PSObject(undefined, { Name: 'x', Value: 1 }))).toBe('@{Name=x; Value=1}');
    expect(toStr(new PSObject(undefined, { a: [1, 2], b: null }))).toBe('@{a=System.Object[]; b=}');
    expect(toStr(new PSObject())).toBe('');
  });
  it('uses ToString of typed objects, else their type name', () => {
    const o = new PSObject(['My.Type', 'System.Object'], { Name: 'n' });
    expect(toStr(o)).toBe('My.Type');
    o.addMethod('ToString', () => 'Identity1');
    expect(toStr(o)).toBe('Identity1');
  });
});

describe('toBool', () => {
  it('follows LanguagePrimitives.IsTrue', () => {
    expect([null, undefined, 0, '', false, new PSDouble(0), []].map(toBool)).toEqual([false, false, false, false, false, false, false]);
    expect(['0', 'False', ' ', 1, -1, true, new PSDouble(2), new PSHashtable(), new PSObject()].map(toBool)).toEqual(Array(9).fill(true));
    expect(toBool([0])).toBe(false);
    expect(toBool([1])).toBe(true);
    expect(toBool([0, 0])).toBe(true);
    expect(toBool([[]])).toBe(false);
    expect(toBool([[0]])).toBe(true);
    expect(toBool(NaN)).toBe(true);
  });
});

describe('toNumber', () => {
  it('parses PowerShell number text', () => {
    expect(toNumber('5')).toBe(5);
    expect(toNumber(' 12 ')).toBe(12);
    expect(toNumber('0x1F')).toBe(31);
    expect(toNumber('1e3')).toBe(1000);
    expect(toNumber('10MB')).toBe(10485760);
    expect(toNumber('1.5kb')).toBe(1536);
    expect(toNumber('-2.5')).toBe(-2.5);
    expect(toNumber('1,000')).toBe(1000);
    expect(toNumber('')).toBe(0);
    expect(toNumber(null)).toBe(0);
    expect(toNumber(true)).toBe(1);
    expect(toNumber(new PSChar('a'))).toBe(97);
    expect(toNumber(new PSDouble(2))).toBe(2);
  });
  it('throws the cast error for text that is not a number', () => {
    expect(psErr(() => toNumber('abc'))).toEqual({
      message: 'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."',
      id: 'InvalidCastFromStringToInteger',
    });
    expect(psErr(() => toNumber(new PSHashtable())).message).toBe(
      'Cannot convert the "System.Collections.Hashtable" value of type "System.Collections.Hashtable" to type "System.Int32".',
    );
  });
});

describe('convertTo', () => {
  it('rounds half to even into integers', () => {
    expect(convertTo(2.5, 'int')).toBe(2);
    expect(convertTo(3.5, 'int')).toBe(4);
    expect(convertTo(-2.5, 'int')).toBe(-2);
    expect(convertTo(new PSDouble(7), 'System.Int32')).toBe(7);
    expect(convertTo('0x10', 'int')).toBe(16);
    expect(convertTo('2.5', 'int')).toBe(2);
    expect(convertTo('', 'int')).toBe(0);
    expect(convertTo(null, 'int')).toBe(0);
    expect(convertTo(true, 'long')).toBe(1);
  });
  it('reports bad integers with the target type', () => {
    expect(psErr(() => convertTo('abc', 'int'))).toEqual({
      message: 'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format."',
      id: 'InvalidCastFromStringToInteger',
    });
    expect(psErr(() => convertTo('abc', 'Int64')).message).toBe(
      'Cannot convert value "abc" to type "System.Int64". Error: "The input string \'abc\' was not in a correct format."',
    );
    expect(psErr(() => convertTo(3000000000, 'int')).message).toBe(
      'Cannot convert value "3000000000" to type "System.Int32". Error: "Value was either too large or too small for an Int32."',
    );
    expect(psErr(() => convertTo(300, 'byte')).message).toBe(
      'Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for an unsigned byte."',
    );
  });
  it('keeps doubles doubles', () => {
    expect(convertTo(3, 'double')).toEqual(new PSDouble(3));
    expect(convertTo('1.5', 'double')).toBe(1.5);
    expect(psErr(() => convertTo('x', 'double')).message).toBe(
      'Cannot convert value "x" to type "System.Double". Error: "The input string \'x\' was not in a correct format."',
    );
  });
  it('converts to string, with $null becoming the empty string', () => {
    expect(convertTo(5, 'string')).toBe('5');
    expect(convertTo([1, 2], 'string')).toBe('1 2');
    expect(convertTo(null, 'string')).toBe('');
    expect(convertTo(null, 'String', { forParameter: true })).toBe('');
  });
  it('converts to bool: casts are lenient, Boolean parameters are not', () => {
    expect(convertTo('False', 'bool')).toBe(true);
    expect(convertTo('', 'bool')).toBe(false);
    expect(convertTo(0, 'Boolean', { forParameter: true })).toBe(false);
    expect(convertTo(1, 'SwitchParameter', { forParameter: true })).toBe(true);
    expect(psErr(() => convertTo('yes', 'Boolean', { forParameter: true })).message).toBe(
      'Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
    );
  });
  it('wraps scalars for T[] and converts each element', () => {
    expect(convertTo(5, 'string[]')).toEqual(['5']);
    expect(convertTo(['1', '2'], 'int[]')).toEqual([1, 2]);
    expect(convertTo(null, 'string[]')).toBeNull();
    expect(psErr(() => convertTo(['1', 'abc'], 'int[]')).message).toBe(
      'Cannot convert value "System.Object[]" to type "System.Int32[]". Error: "Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format.""',
    );
    expect(psErr(() => convertTo('abc', 'int[]')).message).toBe(
      'Cannot convert value "abc" to type "System.Int32[]". Error: "Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format.""',
    );
    expect(convertTo([1, 2], 'byte[]')).toEqual(new Uint8Array([1, 2]));
    expect((convertTo('ab', 'char[]') as PSChar[]).map((c) => c.value)).toEqual(['a', 'b']);
  });
  it('builds custom objects and ordered dictionaries in key order', () => {
    const h = new PSHashtable(true);
    h.set('b', 1);
    h.set('a', 2);
    const o = convertTo(h, 'pscustomobject') as PSObject;
    expect(o).toBeInstanceOf(PSObject);
    expect(o.propertyNames()).toEqual(['b', 'a']);
    expect(toStr(o)).toBe('@{b=1; a=2}');
    const ord = convertTo(PSHashtable.from({ x: 1, y: 2 }), 'ordered') as PSHashtable;
    expect(ord.ordered).toBe(true);
    expect(ord.keys()).toEqual(['x', 'y']);
  });
  it('parses dates and time spans', () => {
    const d = convertTo('2024-03-05', 'datetime') as Date;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2024, 2, 5, 0]);
    const us = convertTo('11/29/2024 13:04:05', 'DateTime') as Date;
    expect(toStr(us)).toBe('11/29/2024 13:04:05');
    expect(toStr(convertTo('2024-11-29T13:04:05', 'datetime'))).toBe('11/29/2024 13:04:05');
    expect((convertTo('2024-01-01T00:00:00Z', 'datetime') as Date).getTime()).toBe(Date.UTC(2024, 0, 1));
    expect((convertTo('Fri, 29 Nov 2024 01:04:00 GMT', 'datetime') as Date).getTime()).toBe(Date.UTC(2024, 10, 29, 1, 4));
    expect(toStr(convertTo('Friday, 29 November 2024 1:04:00 PM', 'datetime'))).toBe('11/29/2024 13:04:00');
    expect(psErr(() => convertTo('02/30/2024', 'datetime')).id).toBe('InvalidCastParseTargetInvocation');
    expect(psErr(() => convertTo('notadate', 'datetime')).message).toBe(
      'Cannot convert value "notadate" to type "System.DateTime". Error: "String \'notadate\' was not recognized as a valid DateTime."',
    );
    expect((convertTo('00:05:00', 'timespan') as TimeSpan).ms).toBe(300_000);
    expect((convertTo('1.02:03:04', 'TimeSpan') as TimeSpan).toString()).toBe('1.02:03:04');
  });
  it('converts chars, types, regexes and refuses secure strings from text', () => {
    expect(convertTo('a', 'char')).toEqual(new PSChar('a'));
    expect(convertTo(65, 'char')).toEqual(new PSChar('A'));
    expect(psErr(() => convertTo('ab', 'char')).message).toBe(
      'Cannot convert value "ab" to type "System.Char". Error: "String must be exactly one character long."',
    );
    expect(convertTo('int', 'type')).toEqual(new PSTypeRef('System.Int32'));
    expect(convertTo('a+', 'regex')).toBeInstanceOf(RegExp);
    expect(psErr(() => convertTo('pw', 'securestring')).message).toBe(
      'Cannot convert the "pw" value of type "System.String" to type "System.Security.SecureString".',
    );
    const s = new SecureString('pw');
    expect(convertTo(s, 'SecureString')).toBe(s);
  });
  it('handles object, void and unknown types', () => {
    const o = new PSObject();
    expect(convertTo(o, 'object')).toBe(o);
    expect(convertTo(o, 'PSObject')).toBe(o);
    expect(convertTo(5, 'void')).toBeUndefined();
    expect(psErr(() => convertTo(1, 'NoSuchType'))).toEqual({ message: 'Unable to find type [NoSuchType].', id: 'TypeNotFound' });
    expect(convertTo(1, 'MultiValuedProperty', { forParameter: true })).toBe(1);
  });
});

describe('equals', () => {
  it('lets the left operand decide', () => {
    expect(equals(1, '1')).toBe(true);
    expect(equals('1', 1)).toBe(true);
    expect(equals(1, '1.0')).toBe(true);
    expect(equals(1, 'abc')).toBe(false);
    expect(equals(0, '')).toBe(true);
    expect(equals(1, true)).toBe(true);
    expect(equals(true, 'False')).toBe(true);
    expect(equals(false, [])).toBe(true);
    expect(equals(1.5, '1.5')).toBe(true);
    expect(equals(new PSDouble(2), 2)).toBe(true);
  });
  it('compares strings case-insensitively unless asked', () => {
    expect(equals('a', 'A')).toBe(true);
    expect(equals('a', 'A', true)).toBe(false);
    expect(equals('abc', 'abc', true)).toBe(true);
  });
  it('treats $null strictly', () => {
    expect(equals(null, null)).toBe(true);
    expect(equals(null, undefined)).toBe(true);
    expect(equals(null, 0)).toBe(false);
    expect(equals(0, null)).toBe(false);
    expect(equals('', null)).toBe(false);
  });
  it('compares dates, time spans and chars by value, objects by reference', () => {
    expect(equals(new Date(5), new Date(5))).toBe(true);
    expect(equals(new TimeSpan(5), new TimeSpan(5))).toBe(true);
    expect(equals(new PSChar('a'), 'A')).toBe(true);
    expect(equals(new PSChar('a'), 'A', true)).toBe(false);
    const o = new PSObject();
    expect(equals(o, o)).toBe(true);
    expect(equals(o, new PSObject())).toBe(false);
  });
});

describe('compare', () => {
  it('orders numbers, strings and nulls', () => {
    expect(compare(1, 2)).toBeLessThan(0);
    expect(compare(2, '10')).toBeLessThan(0);
    expect(compare('10', 9)).toBeLessThan(0);
    expect(compare('a', 'B')).toBeLessThan(0);
    expect(compare('a', 'A')).toBe(0);
    expect(compare('a', 'A', true)).toBeLessThan(0);
    expect(compare('B', 'a', true)).toBeGreaterThan(0);
    expect(compare(null, 'a')).toBeLessThan(0);
    expect(compare(null, 5)).toBeLessThan(0);
    expect(compare(null, -5)).toBeGreaterThan(0);
    expect(compare(null, null)).toBe(0);
    expect(compare(new Date(1), new Date(2))).toBeLessThan(0);
    expect(compare(false, true)).toBeLessThan(0);
  });
  it("throws PowerShell's errors for what cannot be compared", () => {
    expect(psErr(() => compare(new PSObject(undefined, { a: 1 }), 1))).toEqual({
      message: 'Cannot compare "@{a=1}" because it is not IComparable.',
      id: 'NotIcomparable',
    });
    expect(psErr(() => compare(1, 'abc')).message).toBe(
      'Could not compare "1" to "abc". Error: "Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was not in a correct format.""',
    );
  });
});

describe('toArray and isInstanceOf', () => {
  it('enumerates only collections', () => {
    const a = [1, 2];
    expect(toArray(a)).toBe(a);
    expect(toArray(null)).toEqual([]);
    expect(toArray(undefined)).toEqual([]);
    expect(toArray('ab')).toEqual(['ab']);
    const h = new PSHashtable();
    expect(toArray(h)).toEqual([h]);
  });
  it('answers -is', () => {
    expect(isInstanceOf(5, 'int')).toBe(true);
    expect(isInstanceOf(5, 'long')).toBe(false);
    expect(isInstanceOf(5, 'double')).toBe(false);
    expect(isInstanceOf(1.5, 'double')).toBe(true);
    expect(isInstanceOf(new PSDouble(1), 'double')).toBe(true);
    expect(isInstanceOf(5, 'object')).toBe(true);
    expect(isInstanceOf(null, 'object')).toBe(false);
    expect(isInstanceOf('s', 'string')).toBe(true);
    expect(isInstanceOf([], 'array')).toBe(true);
    expect(isInstanceOf([], 'object[]')).toBe(true);
    expect(isInstanceOf(['a'], 'string[]')).toBe(false);
    expect(isInstanceOf(new PSHashtable(), 'hashtable')).toBe(true);
    expect(isInstanceOf(new PSHashtable(true), 'hashtable')).toBe(false);
    expect(isInstanceOf(new PSObject(), 'pscustomobject')).toBe(true);
    expect(isInstanceOf(new PSObject(['X.Y', 'System.Object']), 'psobject')).toBe(true);
    expect(isInstanceOf(new PSObject(['X.Y', 'System.Object']), 'X.Y')).toBe(true);
    expect(isInstanceOf(new Date(), 'datetime')).toBe(true);
    expect(isInstanceOf(new TimeSpan(0), 'System.TimeSpan')).toBe(true);
    expect(isInstanceOf(new SecureString(''), 'securestring')).toBe(true);
    expect(isInstanceOf(new PSTypeRef('System.Int32'), 'type')).toBe(true);
    expect(isInstanceOf(5, 'System.ValueType')).toBe(true);
  });
});
