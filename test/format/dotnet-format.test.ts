// .NET format strings (invariant culture), as calculated properties' FormatString uses them.
import { describe, expect, test } from 'vitest';
import { PSDouble } from '../../src/engine/values.js';
import { compositeFormat, formatDate, formatValue } from '../../src/format/dotnet-format.js';

const plain = (v: unknown) => String(v);
const f = (v: unknown, fmt: string) => formatValue(v, fmt, plain);

describe('numbers', () => {
  test('standard formats', () => {
    expect(f(1234.5678, 'N2')).toBe('1,234.57');
    expect(f(-1234.5678, 'N0')).toBe('-1,235');
    expect(f(1234.5, 'F')).toBe('1234.50');
    expect(f(3, 'F1')).toBe('3.0');
    expect(f(new PSDouble(2), 'N')).toBe('2.00');
    expect(f(0.256, 'P1')).toBe('25.6 %');
    expect(f(42, 'D5')).toBe('00042');
    expect(f(255, 'X')).toBe('FF');
    expect(f(255, 'x4')).toBe('00ff');
    expect(f(1234.5678, 'E2')).toBe('1.23E+003');
    expect(f(1234.5678, 'G3')).toBe('1.23E+03');
    expect(f(0.5, 'G')).toBe('0.5');
    expect(f(-0.001, 'F2')).toBe('-0.00');
    expect(f(-0.001, '0.00')).toBe('0.00');
  });

  test('custom formats', () => {
    expect(f(1234.5, '0.00')).toBe('1234.50');
    expect(f(1234567, '#,##0')).toBe('1,234,567');
    expect(f(0.5, '#.##')).toBe('.5');
    expect(f(5, '000')).toBe('005');
    expect(f(5551234567, '(###) ###-####')).toBe('(555) 123-4567');
    expect(f(0.125, '0.0%')).toBe('12.5%');
    expect(f(-5, '0;(0)')).toBe('(5)');
    expect(f(1500000, '#,##0,,')).toBe('2');
    expect(f(12, "0 'MB'")).toBe('12 MB');
  });

  test('composite formatting', () => {
    expect(compositeFormat('{0:N1} MB', [1536.25], plain)).toBe('1,536.3 MB');
    expect(compositeFormat('[{0,5}]', [42], plain)).toBe('[   42]');
    expect(compositeFormat('[{0,-5}]', ['ab'], plain)).toBe('[ab   ]');
    expect(compositeFormat('{{{0}}}', ['x'], plain)).toBe('{x}');
  });
});

describe('dates', () => {
  const d = new Date(2024, 10, 9, 13, 4, 5, 120);
  test('standard formats under the invariant culture', () => {
    expect(formatDate(d, 'd')).toBe('11/09/2024');
    expect(formatDate(d, 'D')).toBe('Saturday, 09 November 2024');
    expect(formatDate(d, 'G')).toBe('11/09/2024 13:04:05');
    expect(formatDate(d, 's')).toBe('2024-11-09T13:04:05');
    expect(formatDate(d, 't')).toBe('13:04');
  });

  test('custom formats', () => {
    expect(formatDate(d, 'yyyy-MM-dd HH:mm:ss.fff')).toBe('2024-11-09 13:04:05.120');
    expect(formatDate(d, 'ddd d MMM yy h:mm tt')).toBe('Sat 9 Nov 24 1:04 PM');
    expect(formatDate(d, "yyyyMMdd'-'HH")).toBe('20241109-13');
  });
});
