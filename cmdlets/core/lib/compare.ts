// Ordering of pipeline values as Sort-Object, Measure-Object and Select-Object -Unique see it:
// PowerShell's comparison (the left operand's type decides), $null before everything else.
import { PSObject } from '../../../src/engine/values.js';
import { compare, equals, toStr } from '../../../src/engine/convert.js';

function base(v: unknown): unknown {
  return v instanceof PSObject && v.baseObject !== undefined ? v.baseObject : v;
}

export function compareValues(a: unknown, b: unknown, caseSensitive = false): number {
  a = base(a);
  b = base(b);
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  try {
    const r = compare(a, b, caseSensitive);
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  } catch {
    const x = safe(a);
    const y = safe(b);
    const r = caseSensitive ? x.localeCompare(y, 'en') : x.localeCompare(y, 'en', { sensitivity: 'accent' });
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  }
}

export function sameValues(a: unknown, b: unknown, caseSensitive = false): boolean {
  a = base(a);
  b = base(b);
  if (a === b) return true;
  try {
    return equals(a, b, caseSensitive);
  } catch {
    return compareValues(a, b, caseSensitive) === 0;
  }
}

function safe(v: unknown): string {
  try {
    return toStr(v);
  } catch {
    return String(v);
  }
}
