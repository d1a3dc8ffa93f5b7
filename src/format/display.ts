// Display strings of values, as PowerShell's formatter computes them (PSObjectHelper.SmartToString,
// FormatField and GetObjectName in FormatAndOutput/common/Utilities/MshObjectUtil.cs).
import { PSObject, PSHashtable, PSDouble, PSChar, SecureString, TimeSpan, PSTypeRef, isScriptBlock } from '../engine/values.js';
import { ErrorRecord } from '../engine/errors.js';
import { toStr, formatNumber, typeNameOf } from '../engine/convert.js';
import { propertyNames } from '../engine/members.js';
import { ELLIPSIS } from './cells.js';
import { compositeFormat, formatValue, formatDate } from './dotnet-format.js';

/** $FormatEnumerationLimit's default. */
export const DEFAULT_ENUMERATION_LIMIT = 4;

export const DICTIONARY_ENTRY = 'System.Collections.DictionaryEntry';

/** [double] in the object model: a non-integral number, NaN/Infinity, or a PSDouble. */
export function isDouble(v: unknown): boolean {
  return v instanceof PSDouble || (typeof v === 'number' && !Number.isInteger(v));
}

function base(v: unknown): unknown {
  return v instanceof PSObject && v.baseObject !== undefined ? v.baseObject : v;
}

/** PowerShell's DefaultScalarTypes: values Out-Default prints with ToString(). */
export function isScalar(v: unknown): boolean {
  const b = base(v);
  return (
    typeof b === 'string' ||
    typeof b === 'number' ||
    typeof b === 'boolean' ||
    typeof b === 'bigint' ||
    b instanceof PSDouble ||
    b instanceof PSChar ||
    b instanceof SecureString
  );
}

export function isString(v: unknown): boolean {
  return typeof base(v) === 'string';
}

/** The type names used to pick a view, most-derived first. */
export function typeNamesOf(v: unknown): string[] {
  if (v instanceof PSObject) return v.typeNames;
  if (v instanceof Date) return ['System.DateTime', 'System.ValueType', 'System.Object'];
  if (v instanceof TimeSpan) return ['System.TimeSpan', 'System.ValueType', 'System.Object'];
  let name: string;
  try {
    name = typeNameOf(v);
  } catch {
    name = 'System.Object';
  }
  return name === 'System.Object' ? [name] : [name, 'System.Object'];
}

/** A hashtable entry as the formatter sees it: Key, Value and the Name alias of Key. */
export function dictionaryEntry(key: unknown, value: unknown): PSObject {
  const e = new PSObject([DICTIONARY_ENTRY, 'System.ValueType', 'System.Object']);
  e.addProperty({ name: 'Key', memberType: 'Property', value: key, typeName: 'System.Object' });
  e.addProperty({ name: 'Value', memberType: 'Property', value, typeName: 'System.Object' });
  e.addProperty({ name: 'Name', memberType: 'AliasProperty', getter: () => key, typeName: 'System.Object' });
  return e;
}

export function isDictionaryEntry(v: unknown): v is PSObject {
  return v instanceof PSObject && v.typeNames[0] === DICTIONARY_ENTRY;
}

/** The items the formatter enumerates (IEnumerable, including dictionaries), or undefined. */
export function enumerate(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v);
  if (v instanceof PSHashtable) return v.entries().map(([k, val]) => dictionaryEntry(k, val));
  if (v instanceof Map) return [...v.entries()].map(([k, val]) => dictionaryEntry(k, val));
  if (v instanceof Set) return [...v];
  if (v instanceof PSObject && v.baseObject !== undefined && v.baseObject !== null) return enumerate(v.baseObject);
  return undefined;
}

/** DateTime.ToString() under the invariant culture: 11/29/2024 01:04:00. */
export function dateString(d: Date): string {
  return formatDate(d, 'MM/dd/yyyy HH:mm:ss');
}

/** The DateTime view of Out-Default ($date.DateTime): Friday, 29 November 2024 01:04:00. */
export function dateTimeLongString(d: Date): string {
  return formatDate(d, 'dddd, dd MMMM yyyy HH:mm:ss');
}

/** ToString() of one value, not enumerated. */
export function plainString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' || v instanceof PSDouble) return formatNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return dateString(v);
  if (v instanceof PSChar) return v.value;
  if (v instanceof ErrorRecord) return v.message;
  if (v instanceof PSTypeRef) return v.fullName;
  if (isScriptBlock(v)) return v.toString();
  if (v instanceof PSObject && v.baseObject !== undefined && v.baseObject !== null) return plainString(v.baseObject);
  try {
    return toStr(v);
  } catch {
    return String(v);
  }
}

/** How an element of a collection is named inside `{a, b, c}`. */
function objectName(x: unknown): string {
  if (x === null || x === undefined) return '$null';
  if (isDictionaryEntry(x)) return plainString(x.get('Key'));
  return plainString(x);
}

/** PSObjectHelper.SmartToString: collections as `{a, b, c, d…}`, F-format for doubles in tables. */
export function smartToString(v: unknown, enumerationLimit: number, formatFloat = false): string {
  if (v === null || v === undefined) return '';
  const items = enumerate(v);
  if (items) {
    let s = '{';
    for (let i = 0; i < items.length; i++) {
      if (enumerationLimit >= 0 && i === enumerationLimit) {
        s += ELLIPSIS;
        break;
      }
      if (i > 0) s += ', ';
      s += objectName(items[i]);
    }
    return s + '}';
  }
  if (formatFloat && isDouble(v)) {
    const n = v instanceof PSDouble ? v.value : (v as number);
    if (Number.isFinite(n)) return formatValue(n, 'F', plainString);
  }
  return plainString(v);
}

export interface FieldDirective {
  formatString?: string;
  isTable?: boolean;
}

/** PSObjectHelper.FormatField: a FormatString when given, else SmartToString. */
export function formatField(v: unknown, directive: FieldDirective | undefined, enumerationLimit: number): string {
  const fmt = directive?.formatString;
  if (fmt) {
    try {
      if (fmt.includes('{0') || fmt.includes('}')) return compositeFormat(fmt, [v], plainString);
      return formatValue(v, fmt, plainString);
    } catch {
      // PowerShell falls back to the plain display when the format does not apply.
    }
  }
  return smartToString(v, enumerationLimit, directive?.isTable ?? false);
}

/** Property names of a value, or none when it has none (or they cannot be read). */
export function namesOf(v: unknown): string[] {
  try {
    return propertyNames(v);
  } catch {
    return [];
  }
}
