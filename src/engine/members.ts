// Members of values: property access (with member enumeration), instance methods of the .NET
// types the shell models, static members ([Math]::Round, [IO.Path]::Combine...), and the member
// lists Get-Member and the formatter show. Wording of errors follows PowerShell's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { formatDate } from '../format/dotnet-format.js';
import {
  arrayTypeName,
  compare,
  compareStrings,
  convertTo,
  dateToString,
  daysInMonth,
  dotnetToString,
  EPOCH_OFFSET_MS,
  isInstanceOf,
  isResizableList,
  makeGuid,
  makeVersion,
  parseDate,
  parseNumber,
  resolveTypeName,
  roundHalfEven,
  tagArray,
  toArray,
  toBool,
  toNumber,
  toStr,
  typeNameOf,
} from './convert.js';
import { ErrorRecord, psError, PSRuntimeError } from './errors.js';
import {
  allMatches,
  dotnetFormat,
  FormatError,
  matchObject,
  netRegex,
  netReplacement,
  parseExact,
  regexEscape,
  regexOptions,
  regexSplit,
  regexUnescape,
  toStringWithFormat,
} from './format-string.js';
import {
  isScriptBlock,
  PSChar,
  PSDouble,
  PSHashtable,
  PSObject,
  PSTypeRef,
  SecureString,
  TimeSpan,
  type PSProperty,
  type ScriptBlock,
} from './values.js';

export { formatString } from './format-string.js';

// ---------------------------------------------------------------- errors

function methodNotFound(typeName: string, name: string): PSRuntimeError {
  return psError(`Method invocation failed because [${typeName}] does not contain a method named '${name}'.`, 'MethodNotFound', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
}

/** A .NET exception thrown inside a method, as PowerShell reports it. */
function methodError(name: string, argc: number, message: string, id: string): PSRuntimeError {
  return psError(`Exception calling "${name}" with "${argc}" argument(s): "${message}"`, id, 'NotSpecified', undefined, 'System.Management.Automation.MethodInvocationException');
}

function overloadError(name: string, argc: number): PSRuntimeError {
  return psError(`Cannot find an overload for "${name}" and the argument count: "${argc}".`, 'MethodCountCouldNotFindBest', 'NotSpecified', undefined, 'System.Management.Automation.MethodException');
}

function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw overloadError(name, args.length);
}

function readOnly(name: string): PSRuntimeError {
  return psError(`'${name}' is a ReadOnly property.`, 'PropertyAssignmentException', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
}

function propertyNotFound(name: string): PSRuntimeError {
  return psError(
    `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`,
    'PropertyNotFound',
    'InvalidOperation',
    undefined,
    'System.Management.Automation.RuntimeException',
  );
}

/** Converts a method argument; a failure names the parameter as PowerShell does. */
function arg<T>(method: string, param: string, v: unknown, type: string): T {
  try {
    return convertTo(v, type) as T;
  } catch (e) {
    const inner = e instanceof Error ? e.message : String(e);
    throw psError(
      `Cannot convert argument "${param}", with value: "${toStr(v)}", for "${method}" to type "${type}": "${inner}"`,
      'MethodArgumentConversionInvalidCastArgument',
      'NotSpecified',
      undefined,
      'System.Management.Automation.MethodException',
    );
  }
}

const int = (method: string, param: string, v: unknown): number => arg<number>(method, param, v, 'System.Int32');
const num = (v: unknown): number => (typeof v === 'number' ? v : v instanceof PSDouble ? v.value : toNumber(v, 'System.Double'));
/** A double result: integral values stay doubles (PSDouble). */
const dbl = (n: number): number | PSDouble => (Number.isInteger(n) ? new PSDouble(n) : n);
const isDouble = (v: unknown): boolean => v instanceof PSDouble || (typeof v === 'number' && !Number.isInteger(v));

// ---------------------------------------------------------------- getMember

/** Property read, case-insensitive; undefined when the member does not exist. */
export function getMember(obj: unknown, name: string): unknown {
  if (obj instanceof PSObject) {
    const p = obj.property(name);
    if (p !== undefined) {
      const v = p.getter ? p.getter() : p.value;
      return v === undefined ? null : v;
    }
    if (obj.baseObject !== undefined && obj.baseObject !== null) {
      const v = getMember(obj.baseObject, name);
      if (v !== undefined) return v;
    }
    return intrinsic(obj, name);
  }
  if (typeof obj === 'string') {
    if (name.length === 6 && name.toLowerCase() === 'length') return obj.length;
    return intrinsic(obj, name);
  }
  if (obj instanceof PSHashtable) {
    // A key wins over the dictionary's own properties, as in PowerShell.
    if (obj.has(name)) {
      const v = obj.get(name);
      return v === undefined ? null : v;
    }
    switch (name.toLowerCase()) {
      case 'keys':
        return obj.keys();
      case 'values':
        return obj.values();
      case 'count':
        return obj.size;
      case 'isreadonly':
      case 'isfixedsize':
      case 'issynchronized':
        return false;
      case 'syncroot':
        return obj;
    }
    return intrinsic(obj, name);
  }
  if (Array.isArray(obj)) return arrayMember(obj, name);
  if (obj === null || obj === undefined) return undefined;
  const lname = name.toLowerCase();
  const v = typedMember(obj, lname);
  return v !== undefined ? v : intrinsic(obj, name);
}

function arrayMember(arr: unknown[], name: string): unknown {
  switch (name.toLowerCase()) {
    case 'count':
    case 'length':
    case 'longlength':
      return arr.length;
    case 'rank':
      return 1;
    case 'isfixedsize':
    case 'isreadonly':
      return !isResizableList(arr) && name.toLowerCase() === 'isfixedsize';
    case 'issynchronized':
      return false;
    case 'syncroot':
      return arr;
    case 'psobject':
    case 'pstypenames':
      return intrinsic(arr, name);
  }
  // Member enumeration: each element's member, one level of collections flattened.
  const out: unknown[] = [];
  for (const item of arr) {
    if (item === null || item === undefined) continue;
    const v = getMember(item, name);
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
}

/** Members every object has: PSObject, PSTypeNames, and the scalar Count/Length of PowerShell 3+. */
function intrinsic(obj: unknown, name: string): unknown {
  switch (name.toLowerCase()) {
    case 'psobject':
      return psObjectView(obj);
    case 'pstypenames':
      return obj instanceof PSObject ? obj.typeNames : typeNamesOf(obj);
    case 'count':
      return 1;
    case 'length':
      return typeof obj === 'string' ? obj.length : 1;
  }
  return undefined;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function typedMember(obj: unknown, lname: string): unknown {
  if (obj instanceof Date) return dateMember(obj, lname);
  if (obj instanceof TimeSpan) return timeSpanMember(obj, lname);
  if (obj instanceof ErrorRecord) return errorRecordMember(obj, lname);
  if (obj instanceof PSTypeRef) return typeRefMember(obj, lname);
  if (obj instanceof Uint8Array) return lname === 'length' || lname === 'count' || lname === 'longlength' ? obj.length : lname === 'rank' ? 1 : undefined;
  if (obj instanceof SecureString) return lname === 'length' ? obj.length : undefined;
  if (obj instanceof RegExp) return lname === 'options' ? regexOptionNames(obj) : lname === 'righttoleft' ? false : undefined;
  return undefined;
}

/** Local clock ticks (100 ns since 0001-01-01), as DateTime.Ticks reports them. */
function dateTicks(d: Date): number {
  return (d.getTime() - d.getTimezoneOffset() * 60_000 + EPOCH_OFFSET_MS) * 10_000;
}

function dateMember(d: Date, lname: string): unknown {
  switch (lname) {
    case 'year':
      return d.getFullYear();
    case 'month':
      return d.getMonth() + 1;
    case 'day':
      return d.getDate();
    case 'hour':
      return d.getHours();
    case 'minute':
      return d.getMinutes();
    case 'second':
      return d.getSeconds();
    case 'millisecond':
      return d.getMilliseconds();
    case 'dayofweek':
      return DAY_NAMES[d.getDay()];
    case 'dayofyear':
      return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - new Date(d.getFullYear(), 0, 1).getTime()) / 86_400_000) + 1;
    case 'date':
      return new Date(d.getFullYear(), d.getMonth(), d.getDate());
    case 'ticks':
      return dateTicks(d);
    case 'kind':
      return 'Local';
    case 'timeofday':
      return new TimeSpan(((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds());
    case 'datetime':
      // The DateTime script property PowerShell adds: long date and long time.
      return formatDate(d, 'dddd, dd MMMM yyyy HH:mm:ss');
  }
  return undefined;
}

function timeSpanMember(t: TimeSpan, lname: string): unknown {
  const ms = t.ms;
  switch (lname) {
    case 'days':
      return Math.trunc(ms / 86_400_000) || 0;
    case 'hours':
      return Math.trunc(ms / 3_600_000) % 24 || 0;
    case 'minutes':
      return Math.trunc(ms / 60_000) % 60 || 0;
    case 'seconds':
      return Math.trunc(ms / 1000) % 60 || 0;
    case 'milliseconds':
      return Math.trunc(ms) % 1000 || 0;
    case 'ticks':
      return Math.round(ms * 10_000);
    case 'totaldays':
      return dbl(ms / 86_400_000);
    case 'totalhours':
      return dbl(ms / 3_600_000);
    case 'totalminutes':
      return dbl(ms / 60_000);
    case 'totalseconds':
      return dbl(ms / 1000);
    case 'totalmilliseconds':
      return dbl(ms);
  }
  return undefined;
}

function typeRefMember(t: PSTypeRef, lname: string): unknown {
  const full = t.fullName;
  switch (lname) {
    case 'fullname':
      return full;
    case 'name':
      return shortTypeName(full);
    case 'namespace': {
      const base = full.replace(/\[.*$/, '');
      return base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : '';
    }
    case 'basetype': {
      const b = baseTypeOf(full);
      return b ? new PSTypeRef(b) : null;
    }
    case 'isarray':
      return full.endsWith('[]');
    case 'isvaluetype':
      return VALUE_TYPE_NAMES.has(full);
    case 'underlyingsystemtype':
      return t;
    case 'assemblyqualifiedname':
      return full;
  }
  return undefined;
}

/** Type.Name: the last segment; generic types get their arity suffix (List`1). */
function shortTypeName(full: string): string {
  const g = /^([\w.]+)\[(.*)\]$/.exec(full);
  if (g && !full.endsWith('[]')) {
    const base = g[1].slice(g[1].lastIndexOf('.') + 1);
    return `${base}\`${g[2].split(',').length}`;
  }
  const plain = full.endsWith('[]') ? full.slice(0, -2) : full;
  return plain.slice(plain.lastIndexOf('.') + 1) + (full.endsWith('[]') ? '[]' : '');
}

const VALUE_TYPE_NAMES = new Set([
  'System.Int32',
  'System.Int64',
  'System.Int16',
  'System.Byte',
  'System.SByte',
  'System.UInt16',
  'System.UInt32',
  'System.UInt64',
  'System.Double',
  'System.Single',
  'System.Decimal',
  'System.Boolean',
  'System.Char',
  'System.DateTime',
  'System.TimeSpan',
  'System.Guid',
  'System.Management.Automation.SwitchParameter',
]);

function baseTypeOf(full: string): string | undefined {
  if (full === 'System.Object') return undefined;
  if (full.endsWith('[]')) return 'System.Array';
  if (VALUE_TYPE_NAMES.has(full)) return 'System.ValueType';
  if (full === 'System.ValueType' || full === 'System.Array' || full === 'System.String') return 'System.Object';
  if (full.endsWith('Exception')) {
    if (full === 'System.Exception') return 'System.Object';
    if (full === 'System.SystemException') return 'System.Exception';
    if (full.startsWith('System.Management.Automation.') && full !== 'System.Management.Automation.RuntimeException') return 'System.Management.Automation.RuntimeException';
    return 'System.SystemException';
  }
  return 'System.Object';
}

function typeNamesOf(v: unknown): string[] {
  const names: string[] = [];
  for (let t: string | undefined = typeNameOf(v); t; t = baseTypeOf(t)) names.push(t);
  return names;
}

// ---------------------------------------------------------------- ErrorRecord

const exceptionViews = new WeakMap<ErrorRecord, PSObject>();

/** $_.Exception: an object of the record's exception type with Message, and GetType() that reports it. */
function exceptionOf(rec: ErrorRecord): PSObject {
  let ex = exceptionViews.get(rec);
  if (!ex) {
    const names: string[] = [];
    for (let t: string | undefined = rec.exceptionType; t && t !== 'System.Object'; t = baseTypeOf(t)) names.push(t);
    if (!names.includes('System.Exception')) names.push('System.Exception');
    names.push('System.Object');
    const e = new PSObject(names);
    e.addProperty({ name: 'Message', memberType: 'Property', value: rec.message, typeName: 'System.String', readOnly: true });
    e.addProperty({ name: 'InnerException', memberType: 'Property', value: null, typeName: 'System.Exception', readOnly: true });
    if (names.includes('System.Management.Automation.RuntimeException')) {
      e.addProperty({ name: 'ErrorRecord', memberType: 'Property', value: rec, typeName: 'System.Management.Automation.ErrorRecord', readOnly: true });
    }
    e.addProperty({ name: 'TargetSite', memberType: 'Property', value: null, typeName: 'System.Reflection.MethodBase', readOnly: true });
    e.addProperty({ name: 'StackTrace', memberType: 'Property', value: null, typeName: 'System.String', readOnly: true });
    e.addProperty({ name: 'Data', memberType: 'Property', value: new PSHashtable(), typeName: 'System.Collections.IDictionary', readOnly: true });
    e.addProperty({ name: 'HelpLink', memberType: 'Property', value: null, typeName: 'System.String' });
    e.addProperty({ name: 'Source', memberType: 'Property', value: null, typeName: 'System.String' });
    e.addProperty({ name: 'HResult', memberType: 'Property', value: -2146233087, typeName: 'System.Int32' });
    e.addMethod('ToString', () => `${rec.exceptionType}: ${rec.message}`);
    e.addMethod('GetBaseException', () => e);
    exceptionViews.set(rec, e);
    ex = e;
  }
  return ex;
}

function errorRecordMember(rec: ErrorRecord, lname: string): unknown {
  switch (lname) {
    case 'exception':
      return exceptionOf(rec);
    case 'fullyqualifiederrorid':
      return rec.fullyQualifiedErrorId;
    case 'targetobject':
      return rec.targetObject ?? null;
    case 'categoryinfo': {
      const c = new PSObject(['System.Management.Automation.ErrorCategoryInfo', 'System.Object']);
      const target = rec.targetObject;
      c.add('Category', rec.category);
      c.add('Activity', rec.invocationInfo?.commandName ?? '');
      c.add('Reason', rec.exceptionType.slice(rec.exceptionType.lastIndexOf('.') + 1));
      c.add('TargetName', target === null || target === undefined ? '' : toStr(target));
      c.add('TargetType', target === null || target === undefined ? '' : shortTypeName(typeNameOf(target)));
      c.addMethod('ToString', () => rec.categoryInfo());
      c.addMethod('GetMessage', () => rec.categoryInfo());
      return c;
    }
    case 'invocationinfo':
      return invocationInfo(rec);
    case 'errordetails':
      return null;
    case 'scriptstacktrace':
      return rec.scriptStackTrace ?? '';
    case 'pipelineiterationinfo':
      return [];
  }
  return undefined;
}

function invocationInfo(rec: ErrorRecord): PSObject {
  const info = rec.invocationInfo;
  const ext = info?.extent;
  const o = new PSObject(['System.Management.Automation.InvocationInfo', 'System.Object']);
  const lineText = ext ? (info?.source?.split(/\r?\n/)[ext.startLine - 1] ?? ext.text) : '';
  let command: unknown = null;
  if (info?.commandName) {
    const c = new PSObject(['System.Management.Automation.CommandInfo', 'System.Object']);
    c.add('Name', info.commandName);
    c.baseObject = info.commandName;
    command = c;
  }
  const scriptName = info?.scriptName ?? ext?.file ?? '';
  o.add('MyCommand', command);
  o.add('BoundParameters', new PSHashtable());
  o.add('UnboundArguments', []);
  o.add('ScriptLineNumber', ext?.startLine ?? 0);
  o.add('OffsetInLine', ext?.startColumn ?? 0);
  o.add('HistoryId', 1);
  o.add('ScriptName', scriptName);
  o.add('Line', lineText);
  o.add('Statement', ext?.text ?? '');
  o.add('PositionMessage', ext ? positionMessage(scriptName, ext.startLine, ext.startColumn, lineText, ext.startLine === ext.endLine ? ext.endColumn - ext.startColumn : lineText.length - ext.startColumn + 1) : '');
  o.add('PSScriptRoot', scriptName ? nodePath.dirname(scriptName) : '');
  o.add('PSCommandPath', scriptName || null);
  o.add('InvocationName', info?.commandName ?? '');
  o.add('PipelineLength', 0);
  o.add('PipelinePosition', 0);
  o.add('ExpectingInput', false);
  o.add('CommandOrigin', 'Internal');
  return o;
}

function positionMessage(script: string, line: number, col: number, text: string, len: number): string {
  const where = script ? `At ${script}:${line} char:${col}` : `At line:${line} char:${col}`;
  return `${where}\n+ ${text}\n+ ${' '.repeat(Math.max(0, col - 1))}${'~'.repeat(Math.max(1, len))}`;
}

// ---------------------------------------------------------------- $x.PSObject

const memberCollections = new WeakMap<unknown[], PSObject>();

function psObjectView(obj: unknown): PSObject {
  const view = new PSObject(['System.Management.Automation.PSObject', 'System.Object']);
  view.add('BaseObject', obj instanceof PSObject && obj.baseObject !== undefined ? obj.baseObject : obj);
  view.add('TypeNames', obj instanceof PSObject ? obj.typeNames : typeNamesOf(obj));
  view.addScriptProperty('Properties', () => {
    const list = propertyInfos(obj);
    if (obj instanceof PSObject) memberCollections.set(list, obj);
    return tagArray(list, 'System.Management.Automation.PSMemberInfoCollection`1[System.Management.Automation.PSPropertyInfo]');
  });
  view.addScriptProperty('Methods', () =>
    memberList(obj)
      .filter((m) => m.memberType.endsWith('Method'))
      .map((m) => memberInfo(m.name, m.memberType, m.definition, undefined)),
  );
  view.addScriptProperty('Members', () => memberList(obj).map((m) => memberInfo(m.name, m.memberType, m.definition, undefined)));
  view.addMethod('Copy', () => (obj instanceof PSObject ? copyObject(obj) : obj));
  view.addMethod('ToString', () => toStr(obj));
  return view;
}

function copyObject(o: PSObject): PSObject {
  const c = new PSObject([...o.typeNames]);
  for (const p of o.properties()) c.addProperty({ ...p });
  for (const m of o.methodList()) c.addMethod(m.name, m.fn);
  c.baseObject = o.baseObject;
  return c;
}

function memberInfo(name: string, memberType: string, definition: string, value: (() => unknown) | undefined): PSObject {
  const kind = memberType === 'NoteProperty' ? 'PSNoteProperty' : memberType === 'ScriptProperty' ? 'PSScriptProperty' : memberType === 'AliasProperty' ? 'PSAliasProperty' : memberType.endsWith('Method') ? 'PSMethod' : 'PSProperty';
  const o = new PSObject([`System.Management.Automation.${kind}`, 'System.Management.Automation.PSMemberInfo', 'System.Object']);
  o.add('Name', name);
  o.add('MemberType', memberType);
  if (value) o.addScriptProperty('Value', value);
  o.add('TypeNameOfValue', definition.split(' ')[0]);
  o.add('IsInstance', true);
  o.addMethod('ToString', () => definition);
  return o;
}

function propertyInfos(obj: unknown): PSObject[] {
  if (obj instanceof PSObject && obj.baseObject === undefined) {
    return obj.properties().map((p) => {
      const info = memberInfo(p.name, p.memberType, propertyDefinition(p), () => obj.get(p.name) ?? null);
      info.add('IsSettable', !p.readOnly && (!p.getter || !!p.setter));
      info.add('IsGettable', true);
      return info;
    });
  }
  return memberList(obj)
    .filter((m) => m.memberType.endsWith('Property') && m.memberType !== 'ParameterizedProperty')
    .map((m) => memberInfo(m.name, m.memberType, m.definition, () => getMember(obj, m.name) ?? null));
}

// ---------------------------------------------------------------- setMember

export function setMember(obj: unknown, name: string, value: unknown): void {
  if (obj instanceof PSObject) {
    const p = obj.property(name);
    if (p) {
      if (!obj.set(name, value)) throw readOnly(p.name);
      return;
    }
    if (obj.baseObject !== undefined && obj.baseObject !== null && !(typeof obj.baseObject === 'string')) return setMember(obj.baseObject, name, value);
    throw propertyNotFound(name);
  }
  if (obj instanceof PSHashtable) {
    obj.set(name, value);
    return;
  }
  if (obj !== null && obj !== undefined && !Array.isArray(obj) && getMember(obj, name) !== undefined) throw readOnly(name);
  throw propertyNotFound(name);
}

// ---------------------------------------------------------------- invokeMethod

const NOT_FOUND: unique symbol = Symbol('not found');
type Found = unknown | typeof NOT_FOUND;

/** obj.Name(args): instance methods, PowerShell's .Where()/.ForEach(), and what every object has. */
export function invokeMethod(obj: unknown, name: string, args: unknown[]): unknown {
  const lname = name.toLowerCase();
  if (obj instanceof PSObject) {
    const m = obj.method(name);
    if (m) return m.fn(...args);
    if (obj.baseObject !== undefined && obj.baseObject !== null) {
      const r = typedMethod(obj.baseObject, lname, args, name);
      if (r !== NOT_FOUND) return r;
    }
  } else if (obj === null || obj === undefined) {
    throw psError('You cannot call a method on a null-valued expression.', 'InvokeMethodOnNull', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
  } else {
    const r = typedMethod(obj, lname, args, name);
    if (r !== NOT_FOUND) return r;
  }
  switch (lname) {
    case 'where':
      return whereMethod(toArray(obj), args, name);
    case 'foreach':
      return forEachMethod(toArray(obj), args, name);
    case 'gettype':
      arity(name, args, 0);
      return new PSTypeRef(typeNameOf(obj));
    case 'tostring':
      return obj instanceof PSObject ? toStr(obj) : dotnetToString(obj);
    case 'equals':
      arity(name, args, 1);
      return dotnetEquals(obj, args[0]);
    case 'gethashcode':
      arity(name, args, 0);
      return hashCode(obj);
  }
  if (Array.isArray(obj) && obj.length > 0) {
    // Method enumeration: @('a','b').ToUpper() calls the method on each element.
    const out: unknown[] = [];
    for (const item of obj) {
      if (item === null || item === undefined) continue;
      const r = invokeMethod(item, name, args);
      if (Array.isArray(r)) out.push(...r);
      else if (r !== undefined) out.push(r);
    }
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  }
  throw methodNotFound(typeNameOf(obj), name);
}

function typedMethod(obj: unknown, lname: string, args: unknown[], name: string): Found {
  if (typeof obj === 'string') {
    const f = STRING_METHODS[lname];
    return f ? f(obj, args, name) : NOT_FOUND;
  }
  if (Array.isArray(obj)) return arrayMethod(obj, lname, args, name);
  if (obj instanceof PSHashtable) return hashtableMethod(obj, lname, args, name);
  if (typeof obj === 'number' || obj instanceof PSDouble || typeof obj === 'bigint') return numberMethod(obj, lname, args, name);
  if (obj instanceof Date) return dateMethod(obj, lname, args, name);
  if (obj instanceof TimeSpan) return timeSpanMethod(obj, lname, args, name);
  if (typeof obj === 'boolean' || obj instanceof PSChar) return comparableMethod(obj, lname, args, name);
  if (obj instanceof RegExp) return regexInstanceMethod(obj, lname, args, name);
  if (obj instanceof Uint8Array) {
    if (lname === 'clone') return obj.slice();
    if (lname === 'tostring') return 'System.Byte[]';
    return NOT_FOUND;
  }
  if (obj instanceof ErrorRecord) return lname === 'tostring' ? obj.message : NOT_FOUND;
  if (obj instanceof PSTypeRef) {
    if (lname === 'tostring') return obj.fullName;
    if (lname === 'isinstanceoftype') return isInstanceOf(args[0], obj.fullName);
    if (lname === 'gettype') return new PSTypeRef('System.RuntimeType');
    return NOT_FOUND;
  }
  if (obj instanceof SecureString) {
    if (lname === 'dispose' || lname === 'makereadonly' || lname === 'clear') return undefined;
    if (lname === 'copy') return obj;
    if (lname === 'isreadonly') return false;
    return NOT_FOUND;
  }
  if (isScriptBlock(obj)) return scriptBlockMethod(obj, lname, args);
  return NOT_FOUND;
}

/** Object.Equals as .NET sees it: same type and value (1 and 1.0 differ; strings are ordinal). */
function dotnetEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if ((typeof a === 'number' || a instanceof PSDouble) && (typeof b === 'number' || b instanceof PSDouble)) {
    return typeNameOf(a) === typeNameOf(b) && Number(a) === Number(b);
  }
  if (a instanceof PSChar && b instanceof PSChar) return a.value === b.value;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof TimeSpan && b instanceof TimeSpan) return a.ms === b.ms;
  if (a instanceof PSTypeRef && b instanceof PSTypeRef) return a.fullName === b.fullName;
  if (a instanceof PSObject && a.baseObject !== undefined && b instanceof PSObject && b.baseObject !== undefined) return dotnetEquals(a.baseObject, b.baseObject);
  return false;
}

const objectIds = new WeakMap<object, number>();
let nextId = 1;

function hashCode(v: unknown): number {
  if (typeof v === 'string') {
    let h = 0;
    for (let i = 0; i < v.length; i++) h = (Math.imul(h, 31) + v.charCodeAt(i)) | 0;
    return h;
  }
  if (typeof v === 'number') return Number.isInteger(v) ? v | 0 : Math.trunc(v * 1e6) | 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object' && v !== null) {
    let id = objectIds.get(v);
    if (id === undefined) objectIds.set(v, (id = nextId++ * 2654435761 | 0));
    return id;
  }
  return 0;
}

// ---------------------------------------------------------------- .Where() / .ForEach()

/**
 * Runs `step` over the items, synchronously while it returns plain values and asynchronously
 * from the first Promise on; `visit` returns false to stop early.
 */
function runEach(items: unknown[], step: (item: unknown) => unknown, visit: (item: unknown, result: unknown) => boolean, finish: () => unknown): unknown {
  for (let i = 0; i < items.length; i++) {
    const r = step(items[i]);
    if (r instanceof Promise) {
      return (async () => {
        if (!visit(items[i], await r)) return finish();
        for (let j = i + 1; j < items.length; j++) if (!visit(items[j], await step(items[j]))) break;
        return finish();
      })();
    }
    if (!visit(items[i], r)) return finish();
  }
  return finish();
}

const WHERE_MODES = ['default', 'first', 'last', 'skipuntil', 'until', 'split'];

function whereMethod(items: unknown[], args: unknown[], name: string): unknown {
  arity(name, args, 1, 3);
  const sb = args[0];
  if (!isScriptBlock(sb)) throw arg(name, 'expression', sb, 'System.Management.Automation.ScriptBlock');
  const mode = args.length > 1 ? toStr(args[1]).toLowerCase() : 'default';
  if (!WHERE_MODES.includes(mode)) {
    throw psError(
      `Cannot convert value "${toStr(args[1])}" to type "System.Management.Automation.WhereOperatorSelectionMode". Error: "Unable to match the identifier name ${toStr(args[1])} to a valid enumerator name. Specify one of the following enumerator names and try again:\nDefault, First, Last, SkipUntil, Until, Split"`,
      'InvalidCastFromStringToEnum',
      'InvalidArgument',
    );
  }
  const count = args.length > 2 ? Math.max(0, Math.trunc(num(args[2]))) : 0;
  const hits: unknown[] = [];
  const rest: unknown[] = [];
  let triggered = false;
  const visit = (item: unknown, r: unknown): boolean => {
    const ok = toBool(r);
    switch (mode) {
      case 'default':
        if (ok) hits.push(item);
        return !(count && hits.length >= count);
      case 'first':
        if (ok) hits.push(item);
        return hits.length < (count || 1);
      case 'last':
        if (ok) hits.push(item);
        return true;
      case 'skipuntil':
        if (ok) triggered = true;
        if (triggered) hits.push(item);
        return !(count && hits.length >= count);
      case 'until':
        if (ok) return false;
        hits.push(item);
        return !(count && hits.length >= count);
      default:
        if (ok && (!count || hits.length < count)) hits.push(item);
        else rest.push(item);
        return true;
    }
  };
  const finish = () => (mode === 'last' ? hits.slice(-(count || 1)) : mode === 'split' ? [hits, rest] : hits);
  // SkipUntil stops testing once triggered, as PowerShell does.
  const step = (item: unknown) => (mode === 'skipuntil' && triggered ? true : sb.invokeValue(item));
  return runEach(items, step, visit, finish);
}

function forEachMethod(items: unknown[], args: unknown[], name: string): unknown {
  if (args.length === 0) throw overloadError(name, 0);
  const what = args[0];
  const extra = args.slice(1);
  const out: unknown[] = [];
  if (isScriptBlock(what)) {
    return runEach(
      items,
      (item) => what.invoke({ dollarUnder: item, args: extra }),
      (_item, r) => {
        for (const x of r as unknown[]) out.push(x);
        return true;
      },
      () => out,
    );
  }
  if (what instanceof PSTypeRef) return items.map((x) => convertTo(x, what.fullName));
  // A name is a property, or a method when arguments follow or no such property exists: .ForEach('ToUpper').
  const member = toStr(what);
  for (const item of items) {
    const v = extra.length > 0 ? undefined : getMember(item, member);
    if (v === undefined) {
      if (extra.length === 0 && !hasMethod(item, member)) continue;
      out.push(invokeMethod(item, member, extra));
    } else if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

function hasMethod(obj: unknown, name: string): boolean {
  const lname = name.toLowerCase();
  if (obj instanceof PSObject && obj.method(name)) return true;
  if (typeof obj === 'string') return STRING_METHODS[lname] !== undefined;
  return memberList(obj).some((m) => m.memberType.endsWith('Method') && m.name.toLowerCase() === lname);
}

function scriptBlockMethod(sb: ScriptBlock, lname: string, args: unknown[]): Found {
  switch (lname) {
    case 'invoke':
    case 'invokereturnasis': {
      const r = sb.invoke({ args });
      const unwrap = (a: unknown[]) => (a.length === 0 ? undefined : a.length === 1 ? a[0] : a);
      return r instanceof Promise ? r.then(unwrap) : unwrap(r);
    }
    case 'getnewclosure':
      return sb;
    case 'tostring':
      return sb.text;
  }
  return NOT_FOUND;
}

// ---------------------------------------------------------------- string methods

type StringMethod = (s: string, a: unknown[], name: string) => unknown;

/** A string or char argument; null is .NET's ArgumentNullException. */
function textArg(v: unknown, method: string, argc: number, param: string): string {
  if (v === null || v === undefined) throw methodError(method, argc, `Value cannot be null. (Parameter '${param}')`, 'ArgumentNullException');
  return v instanceof PSChar ? v.value : toStr(v);
}

const COMPARISON_RE = /^(ordinal|currentculture|invariantculture)(ignorecase)?$/i;

function isComparison(v: unknown): boolean {
  return typeof v === 'string' && COMPARISON_RE.test(v);
}

/** StringComparison (name or number) or a bool ignoreCase: true when the comparison ignores case. */
function ignoresCase(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v % 2 === 1;
  return typeof v === 'string' && /ignorecase$/i.test(v);
}

function trimSet(s: string, args: unknown[], start: boolean, end: boolean): string {
  const chars: string[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const c of a) chars.push(toStr(c));
    else if (a !== null && a !== undefined) chars.push(a instanceof PSChar ? a.value : toStr(a));
  }
  if (chars.length === 0) return start && end ? s.trim() : start ? s.trimStart() : s.trimEnd();
  const set = new Set(chars.join(''));
  let i = 0;
  let j = s.length;
  if (start) while (i < j && set.has(s[i])) i++;
  if (end) while (j > i && set.has(s[j - 1])) j--;
  return s.slice(i, j);
}

const SPLIT_OPTIONS: Record<string, number> = { none: 0, removeemptyentries: 1, trimentries: 2 };

function splitOptions(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  let n = 0;
  for (const part of v.split(',')) {
    const bit = SPLIT_OPTIONS[part.trim().toLowerCase()];
    if (bit === undefined) return undefined;
    n |= bit;
  }
  return n;
}

/**
 * String.Split with PowerShell 7's overload choice: a string argument is one separator
 * (Split(string)), several one-character arguments are a char[]; a number is the count and
 * RemoveEmptyEntries/TrimEntries the options.
 */
function splitString(s: string, a: unknown[], name: string): string[] {
  let seps: string[] = [];
  const texts: string[] = [];
  let count = Infinity;
  let options = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    const opt = i > 0 ? splitOptions(v) : undefined;
    if (opt !== undefined) options |= opt;
    else if (typeof v === 'number' || v instanceof PSDouble) {
      count = int(name, 'count', v);
      if (count < 0) throw methodError(name, a.length, "Count cannot be less than zero. (Parameter 'count')", 'ArgumentOutOfRangeException');
    } else if (Array.isArray(v)) for (const x of v) seps.push(x instanceof PSChar ? x.value : toStr(x));
    else if (v !== null && v !== undefined) texts.push(v instanceof PSChar ? v.value : toStr(v));
  }
  // One string is Split(string); several bind to params char[], one character each.
  if (texts.length === 1) seps.push(texts[0]);
  else for (const t of texts) seps.push(...t.split(''));
  seps = seps.filter((x) => x !== '');
  const whitespace = seps.length === 0;
  const parts: string[] = [];
  const keep = (p: string) => {
    const t = options & 2 ? p.trim() : p;
    if (!(options & 1) || t !== '') parts.push(t);
  };
  if (count === 0) return tagArray([], 'System.String[]');
  let start = 0;
  let i = 0;
  while (i < s.length && parts.length < count - 1) {
    let len = 0;
    if (whitespace) len = /\s/.test(s[i]) ? 1 : 0;
    else for (const sep of seps) if (s.startsWith(sep, i)) { len = sep.length; break; }
    if (len) {
      keep(s.slice(start, i));
      i += len;
      start = i;
    } else i++;
  }
  keep(s.slice(start));
  return tagArray(parts, 'System.String[]');
}

function checkIndex(name: string, argc: number, ok: boolean, message: string, id = 'ArgumentOutOfRangeException'): void {
  if (!ok) throw methodError(name, argc, message, id);
}

function indexOfString(s: string, a: unknown[], name: string, last: boolean): number {
  arity(name, a, 1, 4);
  const rest = a.slice(1);
  const ic = rest.length > 0 && isComparison(rest[rest.length - 1]) ? ignoresCase(rest.pop()) : false;
  const v = textArg(a[0], name, a.length, 'value');
  const hay = ic ? s.toLowerCase() : s;
  const needle = ic ? v.toLowerCase() : v;
  if (last) {
    const from = rest.length > 0 ? int(name, 'startIndex', rest[0]) : s.length - 1;
    checkIndex(name, a.length, from >= -1 && from <= s.length, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')");
    const r = hay.lastIndexOf(needle, from - needle.length + 1);
    return r >= 0 && r + needle.length <= from + 1 ? r : needle === '' ? Math.min(from, s.length) : -1;
  }
  const start = rest.length > 0 ? int(name, 'startIndex', rest[0]) : 0;
  checkIndex(name, a.length, start >= 0 && start <= s.length, "Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'startIndex')");
  const count = rest.length > 1 ? int(name, 'count', rest[1]) : s.length - start;
  checkIndex(name, a.length, count >= 0 && start + count <= s.length, "Count must be positive and count must refer to a location within the string/array/collection. (Parameter 'count')");
  const r = hay.slice(0, start + count).indexOf(needle, start);
  return r;
}

function charSet(v: unknown): Set<string> {
  const set = new Set<string>();
  for (const c of toArray(v)) set.add(c instanceof PSChar ? c.value : toStr(c));
  return set;
}

function pad(s: string, a: unknown[], name: string, left: boolean): string {
  arity(name, a, 1, 2);
  const width = int(name, 'totalWidth', a[0]);
  checkIndex(name, a.length, width >= 0, "Non-negative number required. (Parameter 'totalWidth')");
  const c = a.length > 1 ? arg<PSChar>(name, 'paddingChar', a[1], 'System.Char').value : ' ';
  return left ? s.padStart(width, c) : s.padEnd(width, c);
}

const STRING_METHODS: Record<string, StringMethod> = {
  toupper: (s, a, n) => (arity(n, a, 0, 1), s.toUpperCase()),
  tolower: (s, a, n) => (arity(n, a, 0, 1), s.toLowerCase()),
  toupperinvariant: (s, a, n) => (arity(n, a, 0), s.toUpperCase()),
  tolowerinvariant: (s, a, n) => (arity(n, a, 0), s.toLowerCase()),
  trim: (s, a) => trimSet(s, a, true, true),
  trimstart: (s, a) => trimSet(s, a, true, false),
  trimend: (s, a) => trimSet(s, a, false, true),
  split: splitString,
  replace: (s, a, n) => {
    arity(n, a, 2, 4);
    const from = textArg(a[0], n, a.length, 'oldValue');
    checkIndex(n, a.length, from !== '', "String cannot be of zero length. (Parameter 'oldValue')", 'ArgumentException');
    const to = a[1] === null || a[1] === undefined ? '' : a[1] instanceof PSChar ? a[1].value : toStr(a[1]);
    if (a.length > 2 && ignoresCase(a[2])) return s.replace(new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), () => to);
    return s.split(from).join(to);
  },
  substring: (s, a, n) => {
    arity(n, a, 1, 2);
    const start = int(n, 'startIndex', a[0]);
    checkIndex(n, a.length, start >= 0, "StartIndex cannot be less than zero. (Parameter 'startIndex')");
    checkIndex(n, a.length, start <= s.length, "startIndex cannot be larger than length of string. (Parameter 'startIndex')");
    if (a.length === 1) return s.slice(start);
    const len = int(n, 'length', a[1]);
    checkIndex(n, a.length, len >= 0, "Length cannot be less than zero. (Parameter 'length')");
    checkIndex(n, a.length, start + len <= s.length, "Index and length must refer to a location within the string. (Parameter 'length')");
    return s.substr(start, len);
  },
  contains: (s, a, n) => {
    arity(n, a, 1, 2);
    const v = textArg(a[0], n, a.length, 'value');
    return a.length > 1 && ignoresCase(a[1]) ? s.toLowerCase().includes(v.toLowerCase()) : s.includes(v);
  },
  startswith: (s, a, n) => {
    arity(n, a, 1, 3);
    const v = textArg(a[0], n, a.length, 'value');
    return a.length > 1 && ignoresCase(a[1]) ? s.toLowerCase().startsWith(v.toLowerCase()) : s.startsWith(v);
  },
  endswith: (s, a, n) => {
    arity(n, a, 1, 3);
    const v = textArg(a[0], n, a.length, 'value');
    return a.length > 1 && ignoresCase(a[1]) ? s.toLowerCase().endsWith(v.toLowerCase()) : s.endsWith(v);
  },
  indexof: (s, a, n) => indexOfString(s, a, n, false),
  lastindexof: (s, a, n) => indexOfString(s, a, n, true),
  indexofany: (s, a, n) => {
    arity(n, a, 1, 3);
    const set = charSet(a[0]);
    const start = a.length > 1 ? int(n, 'startIndex', a[1]) : 0;
    for (let i = start; i < s.length; i++) if (set.has(s[i])) return i;
    return -1;
  },
  lastindexofany: (s, a, n) => {
    arity(n, a, 1, 3);
    const set = charSet(a[0]);
    for (let i = a.length > 1 ? int(n, 'startIndex', a[1]) : s.length - 1; i >= 0; i--) if (set.has(s[i])) return i;
    return -1;
  },
  padleft: (s, a, n) => pad(s, a, n, true),
  padright: (s, a, n) => pad(s, a, n, false),
  insert: (s, a, n) => {
    arity(n, a, 2);
    const at = int(n, 'startIndex', a[0]);
    checkIndex(n, a.length, at >= 0 && at <= s.length, "Specified argument was out of the range of valid values. (Parameter 'startIndex')");
    return s.slice(0, at) + textArg(a[1], n, a.length, 'value') + s.slice(at);
  },
  remove: (s, a, n) => {
    arity(n, a, 1, 2);
    const start = int(n, 'startIndex', a[0]);
    checkIndex(n, a.length, start >= 0, "StartIndex cannot be less than zero. (Parameter 'startIndex')");
    if (a.length === 1) {
      checkIndex(n, a.length, start < s.length, "startIndex must be less than length of string. (Parameter 'startIndex')");
      return s.slice(0, start);
    }
    const count = int(n, 'count', a[1]);
    checkIndex(n, a.length, count >= 0, "Count cannot be less than zero. (Parameter 'count')");
    checkIndex(n, a.length, start + count <= s.length, "Index and count must refer to a location within the string. (Parameter 'count')");
    return s.slice(0, start) + s.slice(start + count);
  },
  tochararray: (s, a, n) => {
    arity(n, a, 0, 2);
    const part = a.length === 2 ? s.substr(int(n, 'startIndex', a[0]), int(n, 'length', a[1])) : s;
    return tagArray(part.split('').map((c) => new PSChar(c)), 'System.Char[]');
  },
  chars: (s, a, n) => {
    arity(n, a, 1);
    const i = int(n, 'index', a[0]);
    checkIndex(n, a.length, i >= 0 && i < s.length, 'Index was outside the bounds of the array.', 'IndexOutOfRangeException');
    return new PSChar(s[i]);
  },
  equals: (s, a, n) => {
    arity(n, a, 1, 2);
    const o = a[0] instanceof PSObject && a[0].baseObject !== undefined ? a[0].baseObject : a[0];
    if (typeof o !== 'string') return false;
    return a.length > 1 && ignoresCase(a[1]) ? s.toLowerCase() === o.toLowerCase() : s === o;
  },
  compareto: (s, a, n) => (arity(n, a, 1), a[0] === null || a[0] === undefined ? 1 : compareStrings(s, toStr(a[0]), true)),
  clone: (s, a, n) => (arity(n, a, 0), s),
  normalize: (s, a, n) => (arity(n, a, 0, 1), s.normalize((a.length ? toStr(a[0]).replace(/^Form/i, '') : 'NFC') as 'NFC')),
  isnormalized: (s, a, n) => (arity(n, a, 0, 1), s === s.normalize()),
  tostring: (s) => s,
  gethashcode: (s) => hashCode(s),
  getenumerator: (s) => s.split('').map((c) => new PSChar(c)),
};

// ---------------------------------------------------------------- array methods

function fixedSize(name: string, argc: number): PSRuntimeError {
  return methodError(name, argc, 'Collection was of a fixed size.', 'NotSupportedException');
}

function arrayMethod(arr: unknown[], lname: string, a: unknown[], name: string): Found {
  const owner = memberCollections.get(arr);
  if (owner) {
    if (lname === 'remove') return void owner.remove(toStr(a[0]));
    if (lname === 'add' && a[0] instanceof PSObject) {
      owner.add(toStr(a[0].get('Name')), a[0].get('Value'), 'NoteProperty');
      return undefined;
    }
    if (lname === 'match') return arr.filter((p) => p instanceof PSObject && new RegExp('^' + toStr(a[0]).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i').test(toStr(p.get('Name'))));
  }
  const resizable = isResizableList(arr);
  switch (lname) {
    case 'contains':
      arity(name, a, 1);
      return arr.some((x) => dotnetEquals(x, a[0]));
    case 'indexof': {
      arity(name, a, 1, 3);
      const from = a.length > 1 ? int(name, 'startIndex', a[1]) : 0;
      return arr.findIndex((x, i) => i >= from && dotnetEquals(x, a[0]));
    }
    case 'lastindexof':
      arity(name, a, 1);
      return arr.findLastIndex((x) => dotnetEquals(x, a[0]));
    case 'clone':
      arity(name, a, 0);
      return tagArray([...arr], arrayTypeName(arr));
    case 'toarray':
      return [...arr];
    case 'getvalue':
      arity(name, a, 1);
      return arrayAt(arr, int(name, 'index', a[0]), name, a.length);
    case 'get':
      return arrayAt(arr, int(name, 'index', a[0]), name, a.length);
    case 'setvalue':
    case 'set': {
      arity(name, a, 2);
      const [idx, value] = lname === 'set' ? [a[0], a[1]] : [a[1], a[0]];
      const i = int(name, 'index', idx);
      arrayAt(arr, i, name, a.length);
      arr[i] = value;
      return undefined;
    }
    case 'getlength':
    case 'getlonglength':
      return arr.length;
    case 'getupperbound':
      return arr.length - 1;
    case 'getlowerbound':
      return 0;
    case 'copyto': {
      arity(name, a, 1, 2);
      const target = a[0];
      if (!Array.isArray(target)) throw arg(name, 'array', target, 'System.Array');
      const at = a.length > 1 ? int(name, 'index', a[1]) : 0;
      if (at + arr.length > target.length) throw methodError(name, a.length, 'Destination array was not long enough. Check the destination index, length, and the array\'s lower bounds. (Parameter \'destinationArray\')', 'ArgumentException');
      arr.forEach((x, i) => (target[at + i] = x));
      return undefined;
    }
    case 'add':
      if (!resizable) throw fixedSize(name, a.length);
      arity(name, a, 1);
      arr.push(a[0]);
      // ArrayList.Add returns the new index; List[T].Add returns nothing.
      return arrayTypeName(arr) === 'System.Collections.ArrayList' ? arr.length - 1 : undefined;
    case 'addrange':
      if (!resizable) throw fixedSize(name, a.length);
      arity(name, a, 1);
      arr.push(...toArray(a[0]));
      return undefined;
    case 'insert':
      if (!resizable) throw fixedSize(name, a.length);
      arity(name, a, 2);
      {
        const i = int(name, 'index', a[0]);
        checkIndex(name, a.length, i >= 0 && i <= arr.length, "Index must be within the bounds of the List. (Parameter 'index')");
        arr.splice(i, 0, a[1]);
      }
      return undefined;
    case 'remove': {
      if (!resizable) throw fixedSize(name, a.length);
      arity(name, a, 1);
      const i = arr.findIndex((x) => dotnetEquals(x, a[0]));
      if (i >= 0) arr.splice(i, 1);
      return arrayTypeName(arr) === 'System.Collections.ArrayList' ? undefined : i >= 0;
    }
    case 'removeat': {
      if (!resizable) throw fixedSize(name, a.length);
      arity(name, a, 1);
      const i = int(name, 'index', a[0]);
      checkIndex(name, a.length, i >= 0 && i < arr.length, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
      arr.splice(i, 1);
      return undefined;
    }
    case 'removerange':
      if (!resizable) throw fixedSize(name, a.length);
      arr.splice(int(name, 'index', a[0]), int(name, 'count', a[1]));
      return undefined;
    case 'clear':
      if (!resizable) throw fixedSize(name, a.length);
      arr.length = 0;
      return undefined;
    case 'reverse':
      if (!resizable) return NOT_FOUND;
      arr.reverse();
      return undefined;
    case 'sort':
      if (!resizable) return NOT_FOUND;
      arr.sort((x, y) => compare(x, y));
      return undefined;
    case 'tostring':
      return arrayTypeName(arr);
  }
  return NOT_FOUND;
}

function arrayAt(arr: unknown[], i: number, name: string, argc: number): unknown {
  checkIndex(name, argc, i >= 0 && i < arr.length, 'Index was outside the bounds of the array.', 'IndexOutOfRangeException');
  return arr[i];
}

// ---------------------------------------------------------------- hashtable methods

/** A DictionaryEntry, as the hashtable enumerator yields it (Name is an alias of Key). */
export function dictionaryEntry(key: unknown, value: unknown): PSObject {
  const e = new PSObject(['System.Collections.DictionaryEntry', 'System.ValueType', 'System.Object']);
  e.addProperty({ name: 'Key', memberType: 'Property', value: key, typeName: 'System.Object' });
  e.addProperty({ name: 'Value', memberType: 'Property', value, typeName: 'System.Object' });
  e.addProperty({ name: 'Name', memberType: 'AliasProperty', getter: () => key, typeName: 'System.Object' });
  return e;
}

function hashtableMethod(h: PSHashtable, lname: string, a: unknown[], name: string): Found {
  switch (lname) {
    case 'containskey':
    case 'contains':
      arity(name, a, 1);
      if (a[0] === null || a[0] === undefined) throw methodError(name, 1, "Key cannot be null. (Parameter 'key')", 'ArgumentNullException');
      return h.has(a[0]);
    case 'containsvalue':
      arity(name, a, 1);
      return h.values().some((v) => dotnetEquals(v, a[0]) || (v === null && a[0] === null));
    case 'add':
      arity(name, a, 2);
      if (a[0] === null || a[0] === undefined) throw methodError(name, 2, "Key cannot be null. (Parameter 'key')", 'ArgumentNullException');
      if (h.has(a[0])) {
        const existing = h.keys().find((k) => (typeof k === 'string' && typeof a[0] === 'string' ? k.toLowerCase() === a[0].toLowerCase() : k === a[0]));
        throw methodError(name, 2, `Item has already been added. Key in dictionary: '${toStr(existing)}'  Key being added: '${toStr(a[0])}'`, 'ArgumentException');
      }
      h.set(a[0], a[1]);
      return undefined;
    case 'remove':
      arity(name, a, 1);
      h.delete(a[0]);
      return undefined;
    case 'clear':
      arity(name, a, 0);
      h.clear();
      return undefined;
    case 'clone': {
      arity(name, a, 0);
      const c = new PSHashtable(h.ordered);
      for (const [k, v] of h.entries()) c.set(k, v);
      return c;
    }
    case 'getenumerator':
      arity(name, a, 0);
      return h.entries().map(([k, v]) => dictionaryEntry(k, v));
    case 'item':
    case 'get_item':
      arity(name, a, 1);
      return h.get(a[0]) ?? null;
    case 'set_item':
      arity(name, a, 2);
      h.set(a[0], a[1]);
      return undefined;
    case 'insert': {
      if (!h.ordered) return NOT_FOUND;
      arity(name, a, 3);
      const entries = h.entries();
      const i = int(name, 'index', a[0]);
      checkIndex(name, 3, i >= 0 && i <= entries.length, "Specified argument was out of the range of valid values. (Parameter 'index')");
      if (h.has(a[1])) throw methodError(name, 3, `Item has already been added. Key in dictionary: '${toStr(a[1])}'  Key being added: '${toStr(a[1])}'`, 'ArgumentException');
      entries.splice(i, 0, [a[1], a[2]]);
      h.clear();
      for (const [k, v] of entries) h.set(k, v);
      return undefined;
    }
    case 'removeat': {
      if (!h.ordered) return NOT_FOUND;
      arity(name, a, 1);
      const keys = h.keys();
      const i = int(name, 'index', a[0]);
      checkIndex(name, 1, i >= 0 && i < keys.length, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
      h.delete(keys[i]);
      return undefined;
    }
    case 'tostring':
      return typeNameOf(h);
  }
  return NOT_FOUND;
}

// ---------------------------------------------------------------- numbers, booleans, chars

function formatArg(value: unknown, name: string, a: unknown[]): string {
  if (a.length === 0 || a[0] === null || a[0] === undefined) return dotnetToString(value);
  // ToString(IFormatProvider) alone: the culture object is ignored (always invariant here).
  if (a.length === 1 && typeof a[0] !== 'string') return dotnetToString(value);
  try {
    return toStringWithFormat(value, toStr(a[0]));
  } catch (e) {
    if (e instanceof FormatError) throw methodError(name, a.length, e.message, 'FormatException');
    throw e;
  }
}

/** CompareTo: PowerShell picks the typed overload, converting the argument as a comparison does. */
function compareSameKind(self: unknown, other: unknown): number {
  return other === null || other === undefined ? 1 : Math.sign(compare(self, other, true));
}

function numberMethod(n: number | PSDouble | bigint, lname: string, a: unknown[], name: string): Found {
  switch (lname) {
    case 'tostring':
      arity(name, a, 0, 2);
      return formatArg(n, name, a);
    case 'compareto':
      arity(name, a, 1);
      return compareSameKind(n, a[0]);
    case 'equals':
      arity(name, a, 1);
      return dotnetEquals(n, a[0]);
    case 'gettypecode':
      return shortTypeName(typeNameOf(n));
  }
  return NOT_FOUND;
}

function comparableMethod(v: boolean | PSChar, lname: string, a: unknown[], name: string): Found {
  switch (lname) {
    case 'tostring':
      return toStr(v);
    case 'compareto':
      arity(name, a, 1);
      return compareSameKind(v, a[0]);
    case 'equals':
      arity(name, a, 1);
      return v instanceof PSChar ? a[0] instanceof PSChar && a[0].value === v.value : a[0] === v;
    case 'gettypecode':
      return shortTypeName(typeNameOf(v));
  }
  return NOT_FOUND;
}

// ---------------------------------------------------------------- dates and time spans

function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = d.getDate();
  r.setDate(1);
  r.setMonth(r.getMonth() + months);
  // .NET clamps to the last day of the target month (Jan 31 + 1 month = Feb 28/29).
  r.setDate(Math.min(day, daysInMonth(r.getFullYear(), r.getMonth() + 1)));
  return r;
}

/** DateTime arithmetic moves the clock, as .NET does for local times (DST does not shift hours). */
function addClock(d: Date, ms: number): Date {
  const r = new Date(d.getTime() + ms);
  const drift = (r.getTimezoneOffset() - d.getTimezoneOffset()) * 60_000;
  return drift ? new Date(r.getTime() + drift) : r;
}

function utcView(d: Date): Date {
  return new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
}

function dateMethod(d: Date, lname: string, a: unknown[], name: string): Found {
  const n = () => (arity(name, a, 1), num(a[0]));
  switch (lname) {
    case 'adddays':
      return addClock(d, n() * 86_400_000);
    case 'addhours':
      return addClock(d, n() * 3_600_000);
    case 'addminutes':
      return addClock(d, n() * 60_000);
    case 'addseconds':
      return addClock(d, n() * 1000);
    case 'addmilliseconds':
      return addClock(d, n());
    case 'addticks':
      return addClock(d, n() / 10_000);
    case 'addmonths':
      return addMonths(d, int(name, 'months', (arity(name, a, 1), a[0])));
    case 'addyears':
      return addMonths(d, 12 * int(name, 'value', (arity(name, a, 1), a[0])));
    case 'add':
      arity(name, a, 1);
      return addClock(d, arg<TimeSpan>(name, 'value', a[0], 'System.TimeSpan').ms);
    case 'subtract':
      arity(name, a, 1);
      if (a[0] instanceof Date) return new TimeSpan(d.getTime() - a[0].getTime());
      return addClock(d, -arg<TimeSpan>(name, 'value', a[0], 'System.TimeSpan').ms);
    case 'tostring':
      arity(name, a, 0, 2);
      if (a.length === 0 || typeof a[0] !== 'string') return dateToString(d);
      try {
        return formatDate(d, a[0]);
      } catch (e) {
        if (e instanceof FormatError) throw methodError(name, a.length, e.message, 'FormatException');
        throw e;
      }
    case 'toshortdatestring':
      return formatDate(d, 'MM/dd/yyyy');
    case 'tolongdatestring':
      return formatDate(d, 'dddd, dd MMMM yyyy');
    case 'toshorttimestring':
      return formatDate(d, 'HH:mm');
    case 'tolongtimestring':
      return formatDate(d, 'HH:mm:ss');
    case 'touniversaltime':
      return utcView(d);
    case 'tolocaltime':
      return d;
    case 'compareto':
      arity(name, a, 1);
      return compareSameKind(d, a[0]);
    case 'equals':
      arity(name, a, 1);
      return a[0] instanceof Date && a[0].getTime() === d.getTime();
    case 'isdaylightsavingtime':
      return d.getTimezoneOffset() < Math.max(new Date(d.getFullYear(), 0, 1).getTimezoneOffset(), new Date(d.getFullYear(), 6, 1).getTimezoneOffset());
    case 'tofiletime':
    case 'tofiletimeutc':
      return (d.getTime() + 11644473600000) * 10_000;
    case 'gettypecode':
      return 'DateTime';
  }
  return NOT_FOUND;
}

function timeSpanMethod(t: TimeSpan, lname: string, a: unknown[], name: string): Found {
  switch (lname) {
    case 'tostring':
      arity(name, a, 0, 2);
      return a.length === 0 ? t.toString() : formatArg(t, name, a);
    case 'add':
      arity(name, a, 1);
      return new TimeSpan(t.ms + arg<TimeSpan>(name, 'ts', a[0], 'System.TimeSpan').ms);
    case 'subtract':
      arity(name, a, 1);
      return new TimeSpan(t.ms - arg<TimeSpan>(name, 'ts', a[0], 'System.TimeSpan').ms);
    case 'negate':
      return new TimeSpan(-t.ms);
    case 'duration':
      return new TimeSpan(Math.abs(t.ms));
    case 'multiply':
      return new TimeSpan(t.ms * num(a[0]));
    case 'divide':
      return a[0] instanceof TimeSpan ? dbl(t.ms / a[0].ms) : new TimeSpan(t.ms / num(a[0]));
    case 'compareto':
      arity(name, a, 1);
      return compareSameKind(t, a[0]);
    case 'equals':
      arity(name, a, 1);
      return a[0] instanceof TimeSpan && a[0].ms === t.ms;
  }
  return NOT_FOUND;
}

// ---------------------------------------------------------------- regex objects

function regexOptionNames(re: RegExp): string {
  const names = [];
  if (re.flags.includes('i')) names.push('IgnoreCase');
  if (re.flags.includes('m')) names.push('Multiline');
  if (re.flags.includes('s')) names.push('Singleline');
  return names.length ? names.join(', ') : 'None';
}

/** A [regex] value: the pattern as .NET wrote it, with .NET's option bits. */
function regexValue(pattern: string, options: number): RegExp {
  const re = netRegex(pattern, options, '.ctor', options ? 2 : 1);
  return new RegExp(re.source, re.flags.replace('g', ''));
}

function globalOf(re: RegExp): RegExp {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  return g;
}

function regexReplace(re: RegExp, input: string, replacement: unknown): string {
  const g = globalOf(re);
  if (isScriptBlock(replacement)) {
    return input.replace(g, (...m: unknown[]) => {
      const groupsAt = typeof m[m.length - 1] === 'object' ? 1 : 0;
      const exec = m.slice(0, m.length - 2 - groupsAt) as string[] as unknown as RegExpExecArray;
      exec.index = m[m.length - 2 - groupsAt] as number;
      const r = replacement.invokeValue(matchObject(exec, re));
      if (r instanceof Promise) throw psError('A MatchEvaluator script block cannot wait.', 'ScriptBlockDelegateInvokedFromWrongThread', 'InvalidOperation');
      return toStr(r);
    });
  }
  return input.replace(g, netReplacement(toStr(replacement), input));
}

function regexInstanceMethod(re: RegExp, lname: string, a: unknown[], name: string): Found {
  const input = () => textArg(a[0], name, a.length, 'input');
  switch (lname) {
    case 'ismatch':
      arity(name, a, 1, 2);
      return new RegExp(re.source, re.flags.replace('g', '')).test(input());
    case 'match': {
      arity(name, a, 1, 3);
      const g = globalOf(re);
      g.lastIndex = a.length > 1 ? int(name, 'startat', a[1]) : 0;
      return matchObject(g.exec(input()), re);
    }
    case 'matches':
      arity(name, a, 1, 2);
      return allMatches(globalOf(re), input());
    case 'replace':
      arity(name, a, 2, 3);
      return regexReplace(re, input(), a[1]);
    case 'split':
      arity(name, a, 1, 3);
      return tagArray(regexSplit(re, input()), 'System.String[]');
    case 'tostring':
      return re.source;
    case 'getgroupnames':
      return ['0', ...Object.keys(new RegExp(re.source + '|').exec('')?.groups ?? {})];
  }
  return NOT_FOUND;
}

// ---------------------------------------------------------------- static members

type StaticFn = (args: unknown[], name: string) => unknown;
const staticMethods = new Map<string, Record<string, StaticFn>>();
const staticProps = new Map<string, Record<string, () => unknown>>();

/** Lets other modules add static methods ([scriptblock]::Create needs the parser, for instance). */
export function registerStaticMethod(typeFullName: string, name: string, fn: (args: unknown[]) => unknown): void {
  const table = staticMethods.get(typeFullName) ?? {};
  table[name.toLowerCase()] = fn;
  staticMethods.set(typeFullName, table);
}

function fullTypeName(typeName: string): string {
  return resolveTypeName(typeName) ?? typeName;
}

/** [T]::Name as a value; undefined when T has no such static member. */
export function getStatic(typeName: string, name: string): unknown {
  const full = fullTypeName(typeName);
  const lname = name.toLowerCase();
  const props = staticProps.get(full);
  if (props?.[lname]) return props[lname]();
  const range = INTEGER_LIMITS[full];
  if (range) {
    if (lname === 'maxvalue') return range[1];
    if (lname === 'minvalue') return range[0];
  }
  if (ENUMS[full]) return ENUMS[full].find((e) => e.toLowerCase() === lname);
  return undefined;
}

/** [T]::Name(args). */
export function invokeStatic(typeName: string, name: string, args: unknown[]): unknown {
  const full = fullTypeName(typeName);
  const lname = name.toLowerCase();
  const fn = staticMethods.get(full)?.[lname];
  if (fn) return fn(args, name);
  if (INTEGER_LIMITS[full] || full === 'System.Double' || full === 'System.Single' || full === 'System.Decimal') {
    const r = numericStatic(full, lname, args, name);
    if (r !== NOT_FOUND) return r;
  }
  if (full.endsWith('[]') && lname === 'new') {
    arity(name, args, 1);
    return tagArray(new Array(int(name, 'length', args[0])).fill(defaultOf(full.slice(0, -2))), full);
  }
  if (lname === 'new') {
    if (full === 'System.Collections.ArrayList' || full.startsWith('System.Collections.Generic.List[')) {
      const init = args.length === 1 && typeof args[0] !== 'number' ? toArray(args[0]) : [];
      return convertTo(init, full);
    }
    if (full === 'System.Collections.Hashtable') return new PSHashtable();
    if (full === 'System.Collections.Specialized.OrderedDictionary') return new PSHashtable(true);
    if (full === 'System.Management.Automation.PSObject' || full === 'System.Object') return new PSObject();
  }
  if (lname === 'equals' && args.length === 2) return dotnetEquals(args[0], args[1]);
  throw methodNotFound(full, name);
}

function defaultOf(full: string): unknown {
  if (INTEGER_LIMITS[full] || full === 'System.Double') return 0;
  if (full === 'System.Boolean') return false;
  if (full === 'System.Char') return new PSChar('\0');
  return null;
}

const INTEGER_LIMITS: Record<string, [number | bigint, number | bigint]> = {
  'System.Int32': [-2147483648, 2147483647],
  'System.Int64': [-9223372036854775808n, 9223372036854775807n],
  'System.Int16': [-32768, 32767],
  'System.Byte': [0, 255],
  'System.SByte': [-128, 127],
  'System.UInt16': [0, 65535],
  'System.UInt32': [0, 4294967295],
  'System.UInt64': [0, 18446744073709551615n],
};

const ENUMS: Record<string, string[]> = {
  'System.Management.Automation.ActionPreference': ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'],
  'System.StringSplitOptions': ['None', 'RemoveEmptyEntries', 'TrimEntries'],
  'System.StringComparison': ['CurrentCulture', 'CurrentCultureIgnoreCase', 'InvariantCulture', 'InvariantCultureIgnoreCase', 'Ordinal', 'OrdinalIgnoreCase'],
  'System.MidpointRounding': ['ToEven', 'AwayFromZero', 'ToZero', 'ToNegativeInfinity', 'ToPositiveInfinity'],
  'System.Text.RegularExpressions.RegexOptions': ['None', 'IgnoreCase', 'Multiline', 'ExplicitCapture', 'Compiled', 'Singleline', 'IgnorePatternWhitespace', 'RightToLeft', 'ECMAScript', 'CultureInvariant'],
};

/** [int]::Parse and friends: .NET's stricter parsing (no hex, no multipliers). */
function numericStatic(full: string, lname: string, a: unknown[], name: string): Found {
  const isInt = INTEGER_LIMITS[full] !== undefined;
  switch (lname) {
    case 'parse': {
      arity(name, a, 1, 3);
      const s = textArg(a[0], name, a.length, 's').trim();
      const ok = isInt ? /^[+-]?\d+$/.test(s) : /^[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) || /^[+-]?(infinity|∞)$|^nan$/i.test(s);
      if (!ok) throw methodError(name, a.length, 'Input string was not in a correct format.', 'FormatException');
      const n = parseNumber(s)!;
      if (isInt) {
        const [min, max] = INTEGER_LIMITS[full];
        if (n < Number(min) || n > Number(max)) throw methodError(name, a.length, `Value was either too large or too small for ${RANGE_WORDS[full]}.`, 'OverflowException');
        return n;
      }
      return dbl(n);
    }
    case 'isnan':
      return Number.isNaN(num(a[0]));
    case 'isinfinity':
      return Math.abs(num(a[0])) === Infinity;
    case 'ispositiveinfinity':
      return num(a[0]) === Infinity;
    case 'isnegativeinfinity':
      return num(a[0]) === -Infinity;
    case 'isfinite':
      return Number.isFinite(num(a[0]));
  }
  return NOT_FOUND;
}

const RANGE_WORDS: Record<string, string> = {
  'System.Int32': 'an Int32',
  'System.Int64': 'an Int64',
  'System.Int16': 'an Int16',
  'System.Byte': 'an unsigned byte',
  'System.SByte': 'a signed byte',
  'System.UInt16': 'a UInt16',
  'System.UInt32': 'a UInt32',
  'System.UInt64': 'a UInt64',
};

function defineStatics(full: string, props: Record<string, () => unknown>, methods: Record<string, StaticFn>): void {
  const p: Record<string, () => unknown> = {};
  for (const [k, v] of Object.entries(props)) p[k.toLowerCase()] = v;
  staticProps.set(full, p);
  const m: Record<string, StaticFn> = {};
  for (const [k, v] of Object.entries(methods)) m[k.toLowerCase()] = v;
  staticMethods.set(full, m);
}

// [Math]
function mathOf(f: (x: number) => number): StaticFn {
  return (a, n) => (arity(n, a, 1), dbl(f(num(a[0]))));
}

function midpoint(v: unknown): string {
  return toStr(v).toLowerCase();
}

function roundWith(x: number, mode: string): number {
  switch (mode) {
    case 'awayfromzero':
      return Math.sign(x) * Math.round(Math.abs(x));
    case 'tozero':
      return Math.trunc(x);
    case 'tonegativeinfinity':
      return Math.floor(x);
    case 'topositiveinfinity':
      return Math.ceil(x);
  }
  return roundHalfEven(x);
}

/** Math.Round: half to even unless a MidpointRounding says otherwise; digits scale like .NET does. */
function mathRound(a: unknown[], n: string): unknown {
  arity(n, a, 1, 3);
  const x = num(a[0]);
  let digits = 0;
  let mode = 'toeven';
  if (a.length >= 2) {
    if (typeof a[1] === 'string') mode = midpoint(a[1]);
    else digits = int(n, 'digits', a[1]);
  }
  if (a.length === 3) mode = midpoint(a[2]);
  if (digits < 0 || digits > 15) throw methodError(n, a.length, "Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')", 'ArgumentOutOfRangeException');
  if (digits === 0) return dbl(roundWith(x, mode));
  const p = 10 ** digits;
  return dbl(roundWith(x * p, mode) / p);
}

/** Max/Min/Abs keep an integer an integer, a double a double. */
function keepKind(r: number, ...inputs: unknown[]): number | PSDouble {
  return inputs.some(isDouble) ? dbl(r) : r;
}

defineStatics(
  'System.Math',
  { PI: () => Math.PI, E: () => Math.E, Tau: () => 2 * Math.PI },
  {
    Round: mathRound,
    Floor: mathOf(Math.floor),
    Ceiling: mathOf(Math.ceil),
    Truncate: mathOf(Math.trunc),
    Sqrt: mathOf(Math.sqrt),
    Exp: mathOf(Math.exp),
    Log10: mathOf(Math.log10),
    Log2: mathOf(Math.log2),
    Sin: mathOf(Math.sin),
    Cos: mathOf(Math.cos),
    Tan: mathOf(Math.tan),
    Asin: mathOf(Math.asin),
    Acos: mathOf(Math.acos),
    Atan: mathOf(Math.atan),
    Sinh: mathOf(Math.sinh),
    Cosh: mathOf(Math.cosh),
    Tanh: mathOf(Math.tanh),
    Cbrt: mathOf(Math.cbrt),
    Log: (a, n) => (arity(n, a, 1, 2), dbl(a.length === 2 ? Math.log(num(a[0])) / Math.log(num(a[1])) : Math.log(num(a[0])))),
    Pow: (a, n) => (arity(n, a, 2), dbl(Math.pow(num(a[0]), num(a[1])))),
    Atan2: (a, n) => (arity(n, a, 2), dbl(Math.atan2(num(a[0]), num(a[1])))),
    Abs: (a, n) => (arity(n, a, 1), keepKind(Math.abs(num(a[0])), a[0])),
    Max: (a, n) => (arity(n, a, 2), keepKind(Math.max(num(a[0]), num(a[1])), a[0], a[1])),
    Min: (a, n) => (arity(n, a, 2), keepKind(Math.min(num(a[0]), num(a[1])), a[0], a[1])),
    Sign: (a, n) => (arity(n, a, 1), Math.sign(num(a[0])) || 0),
    Clamp: (a, n) => (arity(n, a, 3), keepKind(Math.min(Math.max(num(a[0]), num(a[1])), num(a[2])), a[0])),
    DivRem: (a, n) => (arity(n, a, 2, 3), Math.trunc(num(a[0]) / num(a[1]))),
    BigMul: (a, n) => (arity(n, a, 2), num(a[0]) * num(a[1])),
  },
);

// [string]
function joinArgs(a: unknown[], from: number): unknown[] {
  return a.length === from + 1 && Array.isArray(a[from]) ? (a[from] as unknown[]) : a.slice(from);
}

defineStatics(
  'System.String',
  { Empty: () => '' },
  {
    Join: (a, n) => {
      if (a.length < 2) throw overloadError(n, a.length);
      const sep = a[0] instanceof PSChar ? a[0].value : toStr(a[0]);
      return joinArgs(a, 1).map(toStr).join(sep);
    },
    Concat: (a) => joinArgs(a, 0).map(toStr).join(''),
    IsNullOrEmpty: (a, n) => (arity(n, a, 1), toStr(a[0]) === ''),
    IsNullOrWhiteSpace: (a, n) => (arity(n, a, 1), toStr(a[0]).trim() === ''),
    Format: (a, n) => {
      if (a.length < 1) throw overloadError(n, 0);
      // Format(IFormatProvider, format, args...) when the first argument is not the format.
      const at = typeof a[0] === 'string' || a.length === 1 ? 0 : 1;
      try {
        return dotnetFormat(toStr(a[at]), joinArgs(a, at + 1));
      } catch (e) {
        if (e instanceof FormatError) throw methodError(n, a.length, e.message, 'FormatException');
        throw e;
      }
    },
    Compare: (a, n) => {
      arity(n, a, 2, 3);
      if (a[0] === null || a[0] === undefined) return a[1] === null || a[1] === undefined ? 0 : -1;
      if (a[1] === null || a[1] === undefined) return 1;
      return compareStrings(toStr(a[0]), toStr(a[1]), !(a.length > 2 && ignoresCase(a[2])));
    },
    CompareOrdinal: (a, n) => {
      arity(n, a, 2);
      const x = toStr(a[0]);
      const y = toStr(a[1]);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    Equals: (a, n) => {
      arity(n, a, 2, 3);
      if (typeof a[0] !== 'string' || typeof a[1] !== 'string') return a[0] === a[1];
      return a.length > 2 && ignoresCase(a[2]) ? a[0].toLowerCase() === a[1].toLowerCase() : a[0] === a[1];
    },
    new: (a, n) => {
      arity(n, a, 1, 3);
      if (a.length === 2) return arg<PSChar>(n, 'c', a[0], 'System.Char').value.repeat(int(n, 'count', a[1]));
      return toArray(a[0]).map((c) => (c instanceof PSChar ? c.value : toStr(c))).join('');
    },
  },
);

// [datetime]
function parseDateArg(a: unknown[], n: string): Date {
  const s = textArg(a[0], n, a.length, 's');
  const d = parseDate(s);
  if (!d) throw methodError(n, a.length, `String '${s}' was not recognized as a valid DateTime.`, 'FormatException');
  return d;
}

defineStatics(
  'System.DateTime',
  {
    Now: () => new Date(),
    Today: () => {
      const d = new Date();
      d.setHours(0, 0, 0, 0);
      return d;
    },
    UtcNow: () => utcView(new Date()),
    MinValue: () => {
      const d = new Date(2000, 0, 1);
      d.setFullYear(1, 0, 1);
      return d;
    },
    MaxValue: () => new Date(9999, 11, 31, 23, 59, 59, 999),
    UnixEpoch: () => utcView(new Date(0)),
  },
  {
    Parse: (a, n) => (arity(n, a, 1, 3), parseDateArg(a, n)),
    ParseExact: (a, n) => {
      arity(n, a, 2, 4);
      const s = textArg(a[0], n, a.length, 's');
      for (const f of toArray(a[1])) {
        const d = parseExact(s, toStr(f));
        if (d) return d;
      }
      throw methodError(n, a.length, `String '${s}' was not recognized as a valid DateTime.`, 'FormatException');
    },
    DaysInMonth: (a, n) => (arity(n, a, 2), daysInMonth(int(n, 'year', a[0]), int(n, 'month', a[1]))),
    IsLeapYear: (a, n) => (arity(n, a, 1), daysInMonth(int(n, 'year', a[0]), 2) === 29),
    SpecifyKind: (a, n) => (arity(n, a, 2), a[0]),
    Compare: (a, n) => (arity(n, a, 2), compare(a[0], a[1])),
    FromFileTime: (a, n) => (arity(n, a, 1), new Date(num(a[0]) / 10_000 - 11644473600000)),
    new: (a, n) => {
      if (a.length === 1) return convertTo(a[0], 'System.DateTime');
      arity(n, a, 3, 8);
      const p = a.slice(0, 7).filter((x) => typeof x === 'number' || x instanceof PSDouble).map((x) => int(n, 'value', x));
      const d = new Date(2000, 0, 1);
      d.setFullYear(p[0], p[1] - 1, p[2]);
      d.setHours(p[3] ?? 0, p[4] ?? 0, p[5] ?? 0, p[6] ?? 0);
      return d;
    },
  },
);

// [timespan]
const fromUnit = (ms: number): StaticFn => (a, n) => (arity(n, a, 1), new TimeSpan(num(a[0]) * ms));
defineStatics(
  'System.TimeSpan',
  {
    Zero: () => new TimeSpan(0),
    MaxValue: () => new TimeSpan(922337203685477.5807),
    MinValue: () => new TimeSpan(-922337203685477.5808),
    TicksPerMillisecond: () => 10_000,
    TicksPerSecond: () => 10_000_000,
    TicksPerMinute: () => 600_000_000,
    TicksPerHour: () => 36_000_000_000,
    TicksPerDay: () => 864_000_000_000,
  },
  {
    FromMilliseconds: fromUnit(1),
    FromSeconds: fromUnit(1000),
    FromMinutes: fromUnit(60_000),
    FromHours: fromUnit(3_600_000),
    FromDays: fromUnit(86_400_000),
    FromTicks: fromUnit(1 / 10_000),
    Parse: (a, n) => {
      arity(n, a, 1, 2);
      const s = textArg(a[0], n, a.length, 's');
      const t = TimeSpan.parse(s);
      if (!t) throw methodError(n, a.length, 'String was not recognized as a valid TimeSpan.', 'FormatException');
      return t;
    },
    new: (a, n) => {
      const p = a.map((x) => num(x));
      switch (a.length) {
        case 1:
          return new TimeSpan(p[0] / 10_000);
        case 3:
          return TimeSpan.fromParts(0, p[0], p[1], p[2]);
        case 4:
          return TimeSpan.fromParts(p[0], p[1], p[2], p[3]);
        case 5:
          return TimeSpan.fromParts(p[0], p[1], p[2], p[3], p[4]);
      }
      throw overloadError(n, a.length);
    },
  },
);

// [bool], [char]
defineStatics(
  'System.Boolean',
  { TrueString: () => 'True', FalseString: () => 'False' },
  {
    Parse: (a, n) => {
      arity(n, a, 1);
      const s = textArg(a[0], n, 1, 'value').trim().toLowerCase();
      if (s === 'true' || s === 'false') return s === 'true';
      throw methodError(n, 1, `String '${toStr(a[0])}' was not recognized as a valid Boolean.`, 'FormatException');
    },
  },
);

function charTest(test: RegExp): StaticFn {
  return (a, n) => {
    arity(n, a, 1, 2);
    const s = a.length === 2 ? toStr(a[0]).charAt(int(n, 'index', a[1])) : a[0] instanceof PSChar ? a[0].value : toStr(a[0]);
    if (a.length === 1 && s.length !== 1) throw arg(n, 'c', a[0], 'System.Char');
    return test.test(s);
  };
}

defineStatics(
  'System.Char',
  { MaxValue: () => new PSChar('\uffff'), MinValue: () => new PSChar('\0') },
  {
    IsDigit: charTest(/^\p{Nd}$/u),
    IsNumber: charTest(/^\p{N}$/u),
    IsLetter: charTest(/^\p{L}$/u),
    IsLetterOrDigit: charTest(/^[\p{L}\p{Nd}]$/u),
    IsWhiteSpace: charTest(/^\s$/u),
    IsUpper: charTest(/^\p{Lu}$/u),
    IsLower: charTest(/^\p{Ll}$/u),
    IsPunctuation: charTest(/^\p{P}$/u),
    IsSymbol: charTest(/^\p{S}$/u),
    IsControl: charTest(/^\p{Cc}$/u),
    IsSeparator: charTest(/^\p{Z}$/u),
    ToUpper: (a, n) => (arity(n, a, 1, 2), new PSChar(arg<PSChar>(n, 'c', a[0], 'System.Char').value.toUpperCase())),
    ToLower: (a, n) => (arity(n, a, 1, 2), new PSChar(arg<PSChar>(n, 'c', a[0], 'System.Char').value.toLowerCase())),
    ConvertFromUtf32: (a, n) => (arity(n, a, 1), String.fromCodePoint(int(n, 'utf32', a[0]))),
    ConvertToUtf32: (a, n) => (arity(n, a, 1, 2), (a.length === 2 ? toStr(a[0]).codePointAt(int(n, 'index', a[1])) : toStr(a[0]).codePointAt(0)) ?? 0),
    GetNumericValue: (a, n) => (arity(n, a, 1, 2), dbl(/^\d$/.test(toStr(a[0])) ? Number(toStr(a[0])) : -1)),
  },
);

// [array]
defineStatics(
  'System.Array',
  {},
  {
    IndexOf: (a, n) => (arity(n, a, 2, 4), toArray(a[0]).findIndex((x) => dotnetEquals(x, a[1]))),
    LastIndexOf: (a, n) => (arity(n, a, 2, 4), toArray(a[0]).findLastIndex((x) => dotnetEquals(x, a[1]))),
    Reverse: (a, n) => {
      arity(n, a, 1, 3);
      if (Array.isArray(a[0])) a[0].reverse();
      else if (a[0] instanceof Uint8Array) a[0].reverse();
      return undefined;
    },
    Sort: (a, n) => {
      arity(n, a, 1, 2);
      if (Array.isArray(a[0])) {
        if (a.length === 2 && Array.isArray(a[1])) {
          // Sort(keys, items): items follow their keys.
          const keys = a[0];
          const items = a[1];
          const order = keys.map((_, i) => i).sort((x, y) => compare(keys[x], keys[y], true));
          const k2 = order.map((i) => keys[i]);
          const i2 = order.map((i) => items[i]);
          k2.forEach((v, i) => (keys[i] = v));
          i2.forEach((v, i) => (items[i] = v));
        } else a[0].sort((x, y) => compare(x, y, true));
      }
      return undefined;
    },
    Exists: (a, n) => (arity(n, a, 2), toArray(a[0]).some((x) => toBool(invokeBlock(a[1], x)))),
    Find: (a, n) => (arity(n, a, 2), toArray(a[0]).find((x) => toBool(invokeBlock(a[1], x))) ?? null),
    FindAll: (a, n) => (arity(n, a, 2), toArray(a[0]).filter((x) => toBool(invokeBlock(a[1], x)))),
    Clear: (a, n) => {
      arity(n, a, 1, 3);
      const arr = a[0];
      if (Array.isArray(arr)) {
        const from = a.length > 1 ? int(n, 'index', a[1]) : 0;
        const len = a.length > 2 ? int(n, 'length', a[2]) : arr.length;
        for (let i = from; i < from + len && i < arr.length; i++) arr[i] = typeof arr[i] === 'number' ? 0 : null;
      }
      return undefined;
    },
    CreateInstance: (a, n) => {
      arity(n, a, 2);
      const t = a[0] instanceof PSTypeRef ? a[0].fullName : fullTypeName(toStr(a[0]));
      return tagArray(new Array(int(n, 'length', a[1])).fill(defaultOf(t)), t + '[]');
    },
    Empty: () => [],
  },
);

function invokeBlock(sb: unknown, item: unknown): unknown {
  if (!isScriptBlock(sb)) throw arg('Predicate', 'match', sb, 'System.Predicate');
  const r = sb.invokeValue(item);
  if (r instanceof Promise) throw psError('A predicate script block cannot wait.', 'ScriptBlockDelegateInvokedFromWrongThread', 'InvalidOperation');
  return r;
}

// [guid], [version], [regex]
defineStatics(
  'System.Guid',
  { Empty: () => makeGuid('00000000-0000-0000-0000-000000000000') },
  {
    NewGuid: (a, n) => (arity(n, a, 0), makeGuid(randomUUID())),
    Parse: (a, n) => (arity(n, a, 1), convertTo(a[0], 'System.Guid')),
    new: (a, n) => (arity(n, a, 0, 1), a.length ? convertTo(a[0], 'System.Guid') : makeGuid('00000000-0000-0000-0000-000000000000')),
  },
);

defineStatics(
  'System.Version',
  {},
  {
    Parse: (a, n) => (arity(n, a, 1), convertTo(a[0], 'System.Version')),
    new: (a, n) => (a.length === 1 ? convertTo(a[0], 'System.Version') : (arity(n, a, 2, 4), makeVersion(a.map((x) => int(n, 'value', x))))),
  },
);

function staticRegex(a: unknown[], n: string, patternAt: number, optionsAt: number): RegExp {
  const pattern = textArg(a[patternAt], n, a.length, 'pattern');
  return netRegex(pattern, a.length > optionsAt ? regexOptions(a[optionsAt]) : 0, n, a.length);
}

defineStatics(
  'System.Text.RegularExpressions.Regex',
  {},
  {
    Escape: (a, n) => (arity(n, a, 1), regexEscape(textArg(a[0], n, 1, 'str'))),
    Unescape: (a, n) => (arity(n, a, 1), regexUnescape(textArg(a[0], n, 1, 'str'))),
    IsMatch: (a, n) => (arity(n, a, 2, 4), staticRegex(a, n, 1, 2).test(textArg(a[0], n, a.length, 'input'))),
    Match: (a, n) => {
      arity(n, a, 2, 4);
      const re = staticRegex(a, n, 1, 2);
      return matchObject(re.exec(textArg(a[0], n, a.length, 'input')), re);
    },
    Matches: (a, n) => (arity(n, a, 2, 4), allMatches(staticRegex(a, n, 1, 2), textArg(a[0], n, a.length, 'input'))),
    Replace: (a, n) => (arity(n, a, 3, 5), regexReplace(staticRegex(a, n, 1, 3), textArg(a[0], n, a.length, 'input'), a[2])),
    Split: (a, n) => (arity(n, a, 2, 4), tagArray(regexSplit(staticRegex(a, n, 1, 2), textArg(a[0], n, a.length, 'input')), 'System.String[]')),
    new: (a, n) => (arity(n, a, 1, 3), regexValue(textArg(a[0], n, a.length, 'pattern'), a.length > 1 ? regexOptions(a[1]) : 0)),
  },
);

// [Convert]
function bytesOf(v: unknown, method: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  return arg<Uint8Array>(method, 'inArray', v, 'System.Byte[]');
}

function toBase(a: unknown[], n: string, bits: 32 | 64): number {
  arity(n, a, 1, 2);
  if (a.length === 1) return arg<number>(n, 'value', a[0], bits === 32 ? 'System.Int32' : 'System.Int64');
  const base = int(n, 'fromBase', a[1]);
  if (![2, 8, 10, 16].includes(base)) throw methodError(n, 2, 'Invalid Base.', 'ArgumentException');
  let s = toStr(a[0]).trim();
  if (base === 16) s = s.replace(/^0x/i, '');
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^-?\d+$/, 16: /^[0-9a-f]+$/i }[base as 2 | 8 | 10 | 16];
  if (!digits.test(s)) throw methodError(n, 2, 'Could not find any recognizable digits.', 'FormatException');
  if (base === 10) return Number(s);
  const big = BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + s);
  return Number(BigInt.asIntN(bits, big));
}

defineStatics(
  'System.Convert',
  {},
  {
    ToBase64String: (a, n) => (arity(n, a, 1, 4), Buffer.from(bytesOf(a[0], n)).toString('base64')),
    FromBase64String: (a, n) => {
      arity(n, a, 1);
      const s = textArg(a[0], n, 1, 's').replace(/\s+/g, '');
      if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
        throw methodError(n, 1, 'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.', 'FormatException');
      }
      return new Uint8Array(Buffer.from(s, 'base64'));
    },
    ToHexString: (a, n) => (arity(n, a, 1, 3), Buffer.from(bytesOf(a[0], n)).toString('hex').toUpperCase()),
    FromHexString: (a, n) => {
      arity(n, a, 1);
      const s = textArg(a[0], n, 1, 's');
      if (s.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(s)) throw methodError(n, 1, 'The input is not a valid hex string as it contains a non-hex character.', 'FormatException');
      return new Uint8Array(Buffer.from(s, 'hex'));
    },
    ToInt32: (a, n) => toBase(a, n, 32),
    ToInt64: (a, n) => toBase(a, n, 64),
    ToInt16: (a, n) => (arity(n, a, 1), arg(n, 'value', a[0], 'System.Int16')),
    ToByte: (a, n) => (arity(n, a, 1, 2), arg(n, 'value', a[0], 'System.Byte')),
    ToDouble: (a, n) => (arity(n, a, 1, 2), arg(n, 'value', a[0], 'System.Double')),
    ToDecimal: (a, n) => (arity(n, a, 1, 2), arg(n, 'value', a[0], 'System.Decimal')),
    ToBoolean: (a, n) => {
      arity(n, a, 1, 2);
      if (typeof a[0] === 'string') return STATIC_BOOL_PARSE(a, n);
      return toBool(a[0]);
    },
    ToChar: (a, n) => (arity(n, a, 1, 2), arg(n, 'value', a[0], 'System.Char')),
    ToDateTime: (a, n) => (arity(n, a, 1, 2), typeof a[0] === 'string' ? parseDateArg(a, n) : arg(n, 'value', a[0], 'System.DateTime')),
    ToString: (a, n) => {
      arity(n, a, 1, 2);
      if (a.length === 2 && (typeof a[1] === 'number' || a[1] instanceof PSDouble)) {
        const base = int(n, 'toBase', a[1]);
        const v = BigInt(Math.trunc(num(a[0])));
        return (v < 0n ? BigInt.asUintN(32, v) : v).toString(base);
      }
      return dotnetToString(a[0]);
    },
  },
);

function STATIC_BOOL_PARSE(a: unknown[], n: string): boolean {
  const s = toStr(a[0]).trim().toLowerCase();
  if (s === 'true' || s === 'false') return s === 'true';
  throw methodError(n, a.length, `String '${toStr(a[0])}' was not recognized as a valid Boolean.`, 'FormatException');
}

// [Environment]
const FOLDERS: Record<string, () => string> = {
  userprofile: () => os.homedir(),
  personal: () => os.homedir(),
  mydocuments: () => os.homedir(),
  desktop: () => nodePath.join(os.homedir(), 'Desktop'),
  applicationdata: () => process.env.XDG_CONFIG_HOME ?? nodePath.join(os.homedir(), '.config'),
  localapplicationdata: () => process.env.XDG_DATA_HOME ?? nodePath.join(os.homedir(), '.local', 'share'),
  commonapplicationdata: () => '/usr/share',
  temp: () => os.tmpdir(),
};

defineStatics(
  'System.Environment',
  {
    NewLine: () => os.EOL,
    MachineName: () => os.hostname().split('.')[0],
    UserName: () => os.userInfo().username,
    UserDomainName: () => os.hostname().split('.')[0],
    ProcessorCount: () => os.cpus().length,
    Is64BitProcess: () => process.arch.endsWith('64'),
    Is64BitOperatingSystem: () => process.arch.endsWith('64'),
    CurrentDirectory: () => process.cwd(),
    SystemDirectory: () => '',
    TickCount: () => Math.floor(performance.now()) | 0,
    TickCount64: () => Math.floor(performance.now()),
    ProcessId: () => process.pid,
    OSVersion: () => `Unix ${os.release()}`,
    CommandLine: () => process.argv.join(' '),
    UserInteractive: () => !!process.stdin.isTTY,
  },
  {
    GetEnvironmentVariable: (a, n) => (arity(n, a, 1, 2), process.env[textArg(a[0], n, a.length, 'variable')] ?? null),
    SetEnvironmentVariable: (a, n) => {
      arity(n, a, 2, 3);
      const key = textArg(a[0], n, a.length, 'variable');
      const v = a[1] === null || a[1] === undefined ? '' : toStr(a[1]);
      if (v === '') delete process.env[key];
      else process.env[key] = v;
      return undefined;
    },
    GetEnvironmentVariables: () => {
      const h = new PSHashtable();
      for (const [k, v] of Object.entries(process.env)) h.set(k, v);
      return h;
    },
    ExpandEnvironmentVariables: (a, n) => (arity(n, a, 1), toStr(a[0]).replace(/%([^%]+)%/g, (m, k: string) => process.env[k] ?? m)),
    GetFolderPath: (a, n) => (arity(n, a, 1, 2), FOLDERS[toStr(a[0]).toLowerCase()]?.() ?? ''),
    GetCommandLineArgs: () => tagArray([...process.argv], 'System.String[]'),
  },
);

// [System.IO.Path]
function pathSep(p: string): string {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

function fileNameOf(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function isRooted(p: string): boolean {
  return /^([\\/]|[A-Za-z]:)/.test(p);
}

function extensionOf(p: string): string {
  const f = fileNameOf(p);
  const dot = f.lastIndexOf('.');
  return dot < 0 || dot === f.length - 1 ? '' : f.slice(dot);
}

defineStatics(
  'System.IO.Path',
  {
    DirectorySeparatorChar: () => new PSChar('/'),
    AltDirectorySeparatorChar: () => new PSChar('/'),
    PathSeparator: () => new PSChar(':'),
    VolumeSeparatorChar: () => new PSChar('/'),
  },
  {
    Combine: (a, n) => {
      const parts = joinArgs(a, 0).map((x) => textArg(x, n, a.length, 'paths'));
      let out = '';
      for (const p of parts) {
        if (p === '') continue;
        if (isRooted(p) || out === '') out = p;
        else out += (/[\\/]$/.test(out) ? '' : pathSep(out)) + p;
      }
      return out;
    },
    Join: (a) => {
      const parts = joinArgs(a, 0).map((x) => toStr(x)).filter((p) => p !== '');
      return parts.reduce((acc, p) => (acc === '' ? p : acc + (/[\\/]$/.test(acc) || /^[\\/]/.test(p) ? '' : pathSep(acc)) + p), '');
    },
    GetFileName: (a, n) => (arity(n, a, 1), a[0] === null ? null : fileNameOf(toStr(a[0]))),
    GetExtension: (a, n) => (arity(n, a, 1), a[0] === null ? null : extensionOf(toStr(a[0]))),
    GetFileNameWithoutExtension: (a, n) => {
      arity(n, a, 1);
      if (a[0] === null) return null;
      const f = fileNameOf(toStr(a[0]));
      const ext = extensionOf(f);
      return ext ? f.slice(0, -ext.length) : f.replace(/\.$/, '');
    },
    GetDirectoryName: (a, n) => {
      arity(n, a, 1);
      const p = toStr(a[0]);
      if (p === '' || /^([\\/]|[A-Za-z]:[\\/]?)$/.test(p)) return null;
      const at = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
      if (at < 0) return '';
      const dir = p.slice(0, at);
      return dir === '' ? p[0] : /^[A-Za-z]:$/.test(dir) ? dir + p[at] : dir;
    },
    GetPathRoot: (a, n) => {
      arity(n, a, 1);
      const m = /^([A-Za-z]:[\\/]?|[\\/])/.exec(toStr(a[0]));
      return m ? m[1] : '';
    },
    IsPathRooted: (a, n) => (arity(n, a, 1), isRooted(toStr(a[0]))),
    HasExtension: (a, n) => (arity(n, a, 1), extensionOf(toStr(a[0])) !== ''),
    ChangeExtension: (a, n) => {
      arity(n, a, 2);
      const p = toStr(a[0]);
      const ext = extensionOf(p);
      const base = ext ? p.slice(0, -ext.length) : p.replace(/\.$/, '');
      if (a[1] === null || a[1] === undefined) return base;
      const e = toStr(a[1]);
      return base + (e === '' ? '.' : e.startsWith('.') ? e : '.' + e);
    },
    GetFullPath: (a, n) => (arity(n, a, 1, 2), nodePath.resolve(a.length === 2 ? toStr(a[1]) : process.cwd(), toStr(a[0]))),
    GetTempPath: (a, n) => (arity(n, a, 0), os.tmpdir().replace(/\/?$/, '/')),
    GetTempFileName: (a, n) => {
      arity(n, a, 0);
      const f = nodePath.join(os.tmpdir(), `tmp${randomBytes(4).toString('hex').toUpperCase()}.tmp`);
      fs.writeFileSync(f, '');
      return f;
    },
    GetRandomFileName: () => {
      const s = randomBytes(8).toString('base64').toLowerCase().replace(/[^a-z0-9]/g, '0');
      return `${s.slice(0, 8)}.${s.slice(8, 11).padEnd(3, 'x')}`;
    },
    GetInvalidFileNameChars: () => tagArray([new PSChar('\0'), new PSChar('/')], 'System.Char[]'),
    GetInvalidPathChars: () => tagArray([new PSChar('\0')], 'System.Char[]'),
  },
);

// [System.IO.File] and [System.IO.Directory]: relative paths are relative to the process, as in .NET.
function fsError(e: unknown, method: string, argc: number, p: string): PSRuntimeError {
  const code = (e as NodeJS.ErrnoException).code;
  const full = nodePath.resolve(p);
  if (code === 'ENOENT') {
    return fs.existsSync(nodePath.dirname(full))
      ? methodError(method, argc, `Could not find file '${full}'.`, 'FileNotFoundException')
      : methodError(method, argc, `Could not find a part of the path '${full}'.`, 'DirectoryNotFoundException');
  }
  if (code === 'EACCES' || code === 'EPERM') return methodError(method, argc, `Access to the path '${full}' is denied.`, 'UnauthorizedAccessException');
  if (code === 'EEXIST') return methodError(method, argc, `The file '${full}' already exists.`, 'IOException');
  if (code === 'EISDIR') return methodError(method, argc, `Access to the path '${full}' is denied.`, 'UnauthorizedAccessException');
  return methodError(method, argc, (e as Error).message, 'IOException');
}

function withFs<T>(method: string, a: unknown[], p: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw fsError(e, method, a.length, p);
  }
}

function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return tagArray(lines, 'System.String[]');
}

function textOf(v: unknown): string {
  return v === null || v === undefined ? '' : toStr(v);
}

defineStatics(
  'System.IO.File',
  {},
  {
    Exists: (a, n) => {
      arity(n, a, 1);
      try {
        return a[0] !== null && fs.statSync(toStr(a[0])).isFile();
      } catch {
        return false;
      }
    },
    ReadAllText: (a, n) => {
      arity(n, a, 1, 2);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
    },
    ReadAllLines: (a, n) => {
      arity(n, a, 1, 2);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => linesOf(fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '')));
    },
    ReadAllBytes: (a, n) => {
      arity(n, a, 1);
      const p = textArg(a[0], n, 1, 'path');
      return withFs(n, a, p, () => new Uint8Array(fs.readFileSync(p)));
    },
    WriteAllText: (a, n) => {
      arity(n, a, 2, 3);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => void fs.writeFileSync(p, textOf(a[1])));
    },
    AppendAllText: (a, n) => {
      arity(n, a, 2, 3);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => void fs.appendFileSync(p, textOf(a[1])));
    },
    WriteAllLines: (a, n) => {
      arity(n, a, 2, 3);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => void fs.writeFileSync(p, toArray(a[1]).map((l) => textOf(l) + os.EOL).join('')));
    },
    AppendAllLines: (a, n) => {
      arity(n, a, 2, 3);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => void fs.appendFileSync(p, toArray(a[1]).map((l) => textOf(l) + os.EOL).join('')));
    },
    WriteAllBytes: (a, n) => {
      arity(n, a, 2);
      const p = textArg(a[0], n, 2, 'path');
      return withFs(n, a, p, () => void fs.writeFileSync(p, bytesOf(a[1], n)));
    },
    Delete: (a, n) => {
      arity(n, a, 1);
      const p = textArg(a[0], n, 1, 'path');
      return withFs(n, a, p, () => void fs.rmSync(p, { force: true }));
    },
    Copy: (a, n) => {
      arity(n, a, 2, 3);
      const from = textArg(a[0], n, a.length, 'sourceFileName');
      const to = textArg(a[1], n, a.length, 'destFileName');
      if (!(a.length > 2 && toBool(a[2])) && fs.existsSync(to)) throw methodError(n, a.length, `The file '${nodePath.resolve(to)}' already exists.`, 'IOException');
      return withFs(n, a, from, () => void fs.copyFileSync(from, to));
    },
    Move: (a, n) => {
      arity(n, a, 2, 3);
      const from = textArg(a[0], n, a.length, 'sourceFileName');
      return withFs(n, a, from, () => void fs.renameSync(from, textArg(a[1], n, a.length, 'destFileName')));
    },
    GetLastWriteTime: (a, n) => {
      arity(n, a, 1);
      const p = textArg(a[0], n, 1, 'path');
      return withFs(n, a, p, () => fs.statSync(p).mtime);
    },
  },
);

function dirInfo(p: string): PSObject {
  const full = nodePath.resolve(p);
  const o = new PSObject(['System.IO.DirectoryInfo', 'System.IO.FileSystemInfo', 'System.Object']);
  o.add('Name', nodePath.basename(full));
  o.add('FullName', full);
  o.addScriptProperty('Exists', () => fs.existsSync(full));
  o.addMethod('ToString', () => p);
  return o;
}

function listDir(a: unknown[], n: string, files: boolean): string[] {
  arity(n, a, 1, 3);
  const p = textArg(a[0], n, a.length, 'path');
  const pattern = a.length > 1 ? toStr(a[1]) : '*';
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return withFs(n, a, p, () =>
    tagArray(
      fs
        .readdirSync(p, { withFileTypes: true })
        .filter((e) => (files ? e.isFile() : e.isDirectory()) && re.test(e.name))
        .map((e) => nodePath.join(p, e.name))
        .sort(),
      'System.String[]',
    ),
  );
}

defineStatics(
  'System.IO.Directory',
  {},
  {
    Exists: (a, n) => {
      arity(n, a, 1);
      try {
        return a[0] !== null && fs.statSync(toStr(a[0])).isDirectory();
      } catch {
        return false;
      }
    },
    CreateDirectory: (a, n) => {
      arity(n, a, 1);
      const p = textArg(a[0], n, 1, 'path');
      return withFs(n, a, p, () => (fs.mkdirSync(p, { recursive: true }), dirInfo(p)));
    },
    Delete: (a, n) => {
      arity(n, a, 1, 2);
      const p = textArg(a[0], n, a.length, 'path');
      return withFs(n, a, p, () => void (a.length > 1 && toBool(a[1]) ? fs.rmSync(p, { recursive: true }) : fs.rmdirSync(p)));
    },
    GetFiles: (a, n) => listDir(a, n, true),
    GetDirectories: (a, n) => listDir(a, n, false),
    GetCurrentDirectory: () => process.cwd(),
  },
);

// [System.Text.Encoding], [System.Text.StringBuilder], [System.Net.Dns]
function encoding(kind: 'utf8' | 'ascii' | 'utf16le' | 'latin1', typeName: string, webName: string, display: string): () => PSObject {
  return () => {
    const e = new PSObject([typeName, 'System.Text.Encoding', 'System.Object']);
    e.add('EncodingName', display);
    e.add('WebName', webName);
    e.add('BodyName', webName);
    e.addMethod('GetBytes', (s: unknown) => new Uint8Array(Buffer.from(s instanceof PSChar ? s.value : Array.isArray(s) ? s.map((c) => toStr(c)).join('') : toStr(s), kind)));
    e.addMethod('GetString', (b: unknown, index?: unknown, count?: unknown) => {
      const bytes = bytesOf(b, 'GetString');
      const from = index === undefined ? 0 : num(index);
      return Buffer.from(bytes.subarray(from, count === undefined ? undefined : from + num(count))).toString(kind);
    });
    e.addMethod('GetByteCount', (s: unknown) => Buffer.byteLength(toStr(s), kind));
    e.addMethod('GetPreamble', () => new Uint8Array(kind === 'utf8' ? [] : kind === 'utf16le' ? [0xff, 0xfe] : []));
    e.addMethod('ToString', () => typeName);
    return e;
  };
}

const UTF8 = encoding('utf8', 'System.Text.UTF8Encoding', 'utf-8', 'Unicode (UTF-8)');
const ENCODINGS: Record<string, () => PSObject> = {
  'utf-8': UTF8,
  utf8: UTF8,
  ascii: encoding('ascii', 'System.Text.ASCIIEncoding', 'us-ascii', 'US-ASCII'),
  'us-ascii': encoding('ascii', 'System.Text.ASCIIEncoding', 'us-ascii', 'US-ASCII'),
  unicode: encoding('utf16le', 'System.Text.UnicodeEncoding', 'utf-16', 'Unicode'),
  'utf-16': encoding('utf16le', 'System.Text.UnicodeEncoding', 'utf-16', 'Unicode'),
  'iso-8859-1': encoding('latin1', 'System.Text.Latin1Encoding', 'iso-8859-1', 'Western European (ISO)'),
  latin1: encoding('latin1', 'System.Text.Latin1Encoding', 'iso-8859-1', 'Western European (ISO)'),
};

defineStatics(
  'System.Text.Encoding',
  { UTF8, Default: UTF8, ASCII: ENCODINGS.ascii, Unicode: ENCODINGS.unicode, Latin1: ENCODINGS.latin1 },
  {
    GetEncoding: (a, n) => {
      arity(n, a, 1);
      const key = typeof a[0] === 'number' ? { 65001: 'utf-8', 20127: 'ascii', 1200: 'unicode', 28591: 'latin1' }[a[0]] ?? '' : toStr(a[0]).toLowerCase();
      const f = ENCODINGS[key];
      if (!f) throw methodError(n, 1, `'${toStr(a[0])}' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')`, 'ArgumentException');
      return f();
    },
  },
);

function stringBuilder(initial: string): PSObject {
  let text = initial;
  const sb = new PSObject(['System.Text.StringBuilder', 'System.Object']);
  sb.addScriptProperty('Length', () => text.length, (v) => (text = text.slice(0, num(v)).padEnd(num(v), '\0')));
  sb.addScriptProperty('Capacity', () => Math.max(16, text.length));
  sb.addMethod('Append', (...a: unknown[]) => {
    text += a.length === 2 && typeof a[1] === 'number' ? textOf(a[0]).repeat(a[1]) : textOf(a[0] instanceof PSChar ? a[0].value : a[0]);
    return sb;
  });
  sb.addMethod('AppendLine', (v?: unknown) => ((text += textOf(v) + os.EOL), sb));
  sb.addMethod('AppendFormat', (f: unknown, ...a: unknown[]) => ((text += dotnetFormat(toStr(f), a.length === 1 && Array.isArray(a[0]) ? a[0] : a)), sb));
  sb.addMethod('Insert', (i: unknown, v: unknown) => ((text = text.slice(0, num(i)) + textOf(v) + text.slice(num(i))), sb));
  sb.addMethod('Remove', (i: unknown, c: unknown) => ((text = text.slice(0, num(i)) + text.slice(num(i) + num(c))), sb));
  sb.addMethod('Replace', (x: unknown, y: unknown) => ((text = text.split(textOf(x instanceof PSChar ? x.value : x)).join(textOf(y instanceof PSChar ? y.value : y))), sb));
  sb.addMethod('Clear', () => ((text = ''), sb));
  sb.addMethod('ToString', (start?: unknown, len?: unknown) => (start === undefined ? text : text.substr(num(start), num(len))));
  return sb;
}

defineStatics('System.Text.StringBuilder', {}, { new: (a) => stringBuilder(a.length && typeof a[0] === 'string' ? a[0] : '') });
defineStatics('System.Net.Dns', {}, { GetHostName: () => os.hostname() });
defineStatics('System.DBNull', { Value: () => null }, {});
defineStatics('System.Management.Automation.PSObject', {}, { new: () => new PSObject() });

// ---------------------------------------------------------------- Get-Member

export interface MemberInfoRow {
  name: string;
  memberType: string;
  definition: string;
}

const SHORT_TYPES: Record<string, string> = {
  'System.Int32': 'int',
  'System.Int64': 'long',
  'System.Int16': 'short',
  'System.Byte': 'byte',
  'System.SByte': 'sbyte',
  'System.UInt16': 'ushort',
  'System.UInt32': 'uint',
  'System.UInt64': 'ulong',
  'System.Double': 'double',
  'System.Single': 'float',
  'System.Decimal': 'decimal',
  'System.String': 'string',
  'System.Boolean': 'bool',
  'System.Char': 'char',
  'System.DateTime': 'datetime',
  'System.TimeSpan': 'timespan',
  'System.Collections.Hashtable': 'hashtable',
  'System.Management.Automation.ScriptBlock': 'scriptblock',
  'System.Management.Automation.PSObject': 'psobject',
  'System.Management.Automation.SwitchParameter': 'switch',
  'System.Type': 'type',
  'System.Void': 'void',
  'System.Guid': 'guid',
  'System.Text.RegularExpressions.Regex': 'regex',
  'System.Security.SecureString': 'securestring',
  'System.Object[]': 'Object[]',
};

/** How Get-Member writes a type in a definition: accelerators for the common ones. */
function displayType(full: string): string {
  if (SHORT_TYPES[full]) return SHORT_TYPES[full];
  if (full.endsWith('[]')) return displayType(full.slice(0, -2)) + '[]';
  return full;
}

function valueDisplayType(v: unknown): string {
  return v === null || v === undefined ? 'object' : displayType(typeNameOf(v));
}

function propertyDefinition(p: PSProperty): string {
  if (p.memberType === 'NoteProperty') {
    const v = p.getter ? p.getter() : p.value;
    return `${p.typeName ? displayType(p.typeName) : valueDisplayType(v)} ${p.name}=${v === null || v === undefined ? 'null' : dotnetToString(v)}`;
  }
  const settable = !p.readOnly && (!p.getter || !!p.setter);
  const type = p.typeName ? displayType(p.typeName) : 'System.Object';
  if (p.memberType === 'AliasProperty') return `${p.name} = ${p.name}`;
  return `${type} ${p.name} {get;${settable ? 'set;' : ''}}`;
}

const OBJECT_METHODS: [string, string][] = [
  ['Equals', 'bool Equals(System.Object obj)'],
  ['GetHashCode', 'int GetHashCode()'],
  ['GetType', 'type GetType()'],
  ['ToString', 'string ToString()'],
];

type Row = [string, string, string];
const M = (name: string, def: string): Row => [name, 'Method', def];
const P = (name: string, def: string): Row => [name, 'Property', def];

const STRING_ROWS: Row[] = [
  M('Clone', 'System.Object Clone(), System.Object ICloneable.Clone()'),
  M('CompareTo', 'int CompareTo(System.Object value), int CompareTo(string strB), int IComparable.CompareTo(System.Object obj), int IComparable[string].CompareTo(string other)'),
  M('Contains', 'bool Contains(string value), bool Contains(string value, System.StringComparison comparisonType), bool Contains(char value), bool Contains(char value, System.StringComparison comparisonType)'),
  M('EndsWith', 'bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType), bool EndsWith(string value, bool ignoreCase, cultureinfo culture), bool EndsWith(char value)'),
  M('Equals', 'bool Equals(System.Object obj), bool Equals(string value), bool Equals(string value, System.StringComparison comparisonType), bool IEquatable[string].Equals(string other)'),
  M('GetHashCode', 'int GetHashCode(), int GetHashCode(System.StringComparison comparisonType)'),
  M('GetType', 'type GetType()'),
  M('IndexOf', 'int IndexOf(char value), int IndexOf(char value, int startIndex), int IndexOf(string value), int IndexOf(string value, int startIndex), int IndexOf(string value, int startIndex, int count), int IndexOf(string value, System.StringComparison comparisonType)'),
  M('IndexOfAny', 'int IndexOfAny(char[] anyOf), int IndexOfAny(char[] anyOf, int startIndex), int IndexOfAny(char[] anyOf, int startIndex, int count)'),
  M('Insert', 'string Insert(int startIndex, string value)'),
  M('LastIndexOf', 'int LastIndexOf(char value), int LastIndexOf(char value, int startIndex), int LastIndexOf(string value), int LastIndexOf(string value, int startIndex)'),
  M('LastIndexOfAny', 'int LastIndexOfAny(char[] anyOf), int LastIndexOfAny(char[] anyOf, int startIndex)'),
  M('Normalize', 'string Normalize(), string Normalize(System.Text.NormalizationForm normalizationForm)'),
  M('PadLeft', 'string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)'),
  M('PadRight', 'string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)'),
  M('Remove', 'string Remove(int startIndex, int count), string Remove(int startIndex)'),
  M('Replace', 'string Replace(string oldValue, string newValue), string Replace(string oldValue, string newValue, bool ignoreCase, cultureinfo culture), string Replace(string oldValue, string newValue, System.StringComparison comparisonType), string Replace(char oldChar, char newChar)'),
  M('Split', 'string[] Split(char separator, System.StringSplitOptions options), string[] Split(char separator, int count, System.StringSplitOptions options), string[] Split(Params char[] separator), string[] Split(string separator, System.StringSplitOptions options), string[] Split(string separator, int count, System.StringSplitOptions options)'),
  M('StartsWith', 'bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType), bool StartsWith(string value, bool ignoreCase, cultureinfo culture), bool StartsWith(char value)'),
  M('Substring', 'string Substring(int startIndex), string Substring(int startIndex, int length)'),
  M('ToCharArray', 'char[] ToCharArray(), char[] ToCharArray(int startIndex, int length)'),
  M('ToLower', 'string ToLower(), string ToLower(cultureinfo culture)'),
  M('ToLowerInvariant', 'string ToLowerInvariant()'),
  M('ToString', 'string ToString(), string ToString(System.IFormatProvider provider), string IConvertible.ToString(System.IFormatProvider provider)'),
  M('ToUpper', 'string ToUpper(), string ToUpper(cultureinfo culture)'),
  M('ToUpperInvariant', 'string ToUpperInvariant()'),
  M('Trim', 'string Trim(), string Trim(char trimChar), string Trim(Params char[] trimChars)'),
  M('TrimEnd', 'string TrimEnd(), string TrimEnd(char trimChar), string TrimEnd(Params char[] trimChars)'),
  M('TrimStart', 'string TrimStart(), string TrimStart(char trimChar), string TrimStart(Params char[] trimChars)'),
  ['Chars', 'ParameterizedProperty', 'char Chars(int index) {get;}'],
  P('Length', 'int Length {get;}'),
];

function numberRows(t: string): Row[] {
  return [
    M('CompareTo', `int CompareTo(System.Object value), int CompareTo(${t} value), int IComparable.CompareTo(System.Object obj)`),
    M('Equals', `bool Equals(System.Object obj), bool Equals(${t} obj), bool IEquatable[${t}].Equals(${t} other)`),
    M('GetHashCode', 'int GetHashCode()'),
    M('GetType', 'type GetType()'),
    M('GetTypeCode', 'System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()'),
    M('ToString', 'string ToString(), string ToString(string format), string ToString(System.IFormatProvider provider), string ToString(string format, System.IFormatProvider provider)'),
  ];
}

const ARRAY_ROWS: Row[] = [
  ['Count', 'AliasProperty', 'Count = Length'],
  M('Add', 'int IList.Add(System.Object value)'),
  M('Clear', 'void IList.Clear()'),
  M('Clone', 'System.Object Clone(), System.Object ICloneable.Clone()'),
  M('Contains', 'bool IList.Contains(System.Object value)'),
  M('CopyTo', 'void CopyTo(array array, int index), void CopyTo(array array, long index), void ICollection.CopyTo(array array, int index)'),
  M('Equals', 'bool Equals(System.Object obj)'),
  M('GetEnumerator', 'System.Collections.IEnumerator GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator()'),
  M('GetHashCode', 'int GetHashCode()'),
  M('GetLength', 'int GetLength(int dimension)'),
  M('GetLowerBound', 'int GetLowerBound(int dimension)'),
  M('GetType', 'type GetType()'),
  M('GetUpperBound', 'int GetUpperBound(int dimension)'),
  M('GetValue', 'System.Object GetValue(Params int[] indices), System.Object GetValue(int index)'),
  M('IndexOf', 'int IList.IndexOf(System.Object value)'),
  M('Insert', 'void IList.Insert(int index, System.Object value)'),
  M('Remove', 'void IList.Remove(System.Object value)'),
  M('RemoveAt', 'void IList.RemoveAt(int index)'),
  M('SetValue', 'void SetValue(System.Object value, int index), void SetValue(System.Object value, Params int[] indices)'),
  M('ToString', 'string ToString()'),
  ['Item', 'ParameterizedProperty', 'System.Object IList.Item(int index) {get;set;}'],
  P('IsFixedSize', 'bool IsFixedSize {get;}'),
  P('IsReadOnly', 'bool IsReadOnly {get;}'),
  P('IsSynchronized', 'bool IsSynchronized {get;}'),
  P('Length', 'int Length {get;}'),
  P('LongLength', 'long LongLength {get;}'),
  P('Rank', 'int Rank {get;}'),
  P('SyncRoot', 'System.Object SyncRoot {get;}'),
];

const HASHTABLE_ROWS: Row[] = [
  M('Add', 'void Add(System.Object key, System.Object value), void IDictionary.Add(System.Object key, System.Object value)'),
  M('Clear', 'void Clear(), void IDictionary.Clear()'),
  M('Clone', 'System.Object Clone(), System.Object ICloneable.Clone()'),
  M('Contains', 'bool Contains(System.Object key), bool IDictionary.Contains(System.Object key)'),
  M('ContainsKey', 'bool ContainsKey(System.Object key)'),
  M('ContainsValue', 'bool ContainsValue(System.Object value)'),
  M('CopyTo', 'void CopyTo(array array, int arrayIndex), void ICollection.CopyTo(array array, int index)'),
  M('Equals', 'bool Equals(System.Object obj)'),
  M('GetEnumerator', 'System.Collections.IDictionaryEnumerator GetEnumerator(), System.Collections.IDictionaryEnumerator IDictionary.GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator()'),
  M('GetHashCode', 'int GetHashCode()'),
  M('GetType', 'type GetType()'),
  M('Remove', 'void Remove(System.Object key), void IDictionary.Remove(System.Object key)'),
  M('ToString', 'string ToString()'),
  ['Item', 'ParameterizedProperty', 'System.Object Item(System.Object key) {get;set;}'],
  P('Count', 'int Count {get;}'),
  P('IsFixedSize', 'bool IsFixedSize {get;}'),
  P('IsReadOnly', 'bool IsReadOnly {get;}'),
  P('IsSynchronized', 'bool IsSynchronized {get;}'),
  P('Keys', 'System.Collections.ICollection Keys {get;}'),
  P('SyncRoot', 'System.Object SyncRoot {get;}'),
  P('Values', 'System.Collections.ICollection Values {get;}'),
];

const DATE_ROWS: Row[] = [
  ...['Days', 'Hours', 'Milliseconds', 'Minutes', 'Months', 'Seconds', 'Ticks', 'Years'].map((u) => M(`Add${u}`, `datetime Add${u}(${u === 'Months' || u === 'Years' ? 'int' : u === 'Ticks' ? 'long' : 'double'} value)`)),
  M('Add', 'datetime Add(timespan value)'),
  M('CompareTo', 'int CompareTo(System.Object value), int CompareTo(datetime value)'),
  M('Equals', 'bool Equals(System.Object value), bool Equals(datetime value)'),
  M('GetHashCode', 'int GetHashCode()'),
  M('GetType', 'type GetType()'),
  M('IsDaylightSavingTime', 'bool IsDaylightSavingTime()'),
  M('Subtract', 'timespan Subtract(datetime value), datetime Subtract(timespan value)'),
  M('ToFileTime', 'long ToFileTime()'),
  M('ToLocalTime', 'datetime ToLocalTime()'),
  M('ToLongDateString', 'string ToLongDateString()'),
  M('ToLongTimeString', 'string ToLongTimeString()'),
  M('ToShortDateString', 'string ToShortDateString()'),
  M('ToShortTimeString', 'string ToShortTimeString()'),
  M('ToString', 'string ToString(), string ToString(string format), string ToString(System.IFormatProvider provider), string ToString(string format, System.IFormatProvider provider)'),
  M('ToUniversalTime', 'datetime ToUniversalTime()'),
  ...['Date datetime', 'Day int', 'DayOfWeek System.DayOfWeek', 'DayOfYear int', 'Hour int', 'Kind System.DateTimeKind', 'Millisecond int', 'Minute int', 'Month int', 'Second int', 'Ticks long', 'TimeOfDay timespan', 'Year int'].map((s) => {
    const [n, t] = s.split(' ');
    return P(n, `${t} ${n} {get;}`);
  }),
  ['DateTime', 'ScriptProperty', 'System.Object DateTime {get=if ((& { Set-StrictMode -Version 1; $this.DisplayHint }) -ieq  "Date")...'],
];

const TIMESPAN_ROWS: Row[] = [
  M('Add', 'timespan Add(timespan ts)'),
  M('CompareTo', 'int CompareTo(System.Object value), int CompareTo(timespan value)'),
  M('Duration', 'timespan Duration()'),
  M('Equals', 'bool Equals(System.Object value), bool Equals(timespan obj)'),
  M('GetHashCode', 'int GetHashCode()'),
  M('GetType', 'type GetType()'),
  M('Negate', 'timespan Negate()'),
  M('Subtract', 'timespan Subtract(timespan ts)'),
  M('ToString', 'string ToString(), string ToString(string format), string ToString(string format, System.IFormatProvider formatProvider)'),
  ...['Days int', 'Hours int', 'Milliseconds int', 'Minutes int', 'Seconds int', 'Ticks long', 'TotalDays double', 'TotalHours double', 'TotalMilliseconds double', 'TotalMinutes double', 'TotalSeconds double'].map((s) => {
    const [n, t] = s.split(' ');
    return P(n, `${t} ${n} {get;}`);
  }),
];

const ERROR_RECORD_ROWS: Row[] = [
  M('Equals', 'bool Equals(System.Object obj)'),
  M('GetHashCode', 'int GetHashCode()'),
  M('GetObjectData', 'void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)'),
  M('GetType', 'type GetType()'),
  M('ToString', 'string ToString()'),
  P('CategoryInfo', 'System.Management.Automation.ErrorCategoryInfo CategoryInfo {get;}'),
  P('ErrorDetails', 'System.Management.Automation.ErrorDetails ErrorDetails {get;set;}'),
  P('Exception', 'System.Exception Exception {get;}'),
  P('FullyQualifiedErrorId', 'string FullyQualifiedErrorId {get;}'),
  P('InvocationInfo', 'System.Management.Automation.InvocationInfo InvocationInfo {get;}'),
  P('PipelineIterationInfo', 'System.Collections.ObjectModel.ReadOnlyCollection[int] PipelineIterationInfo {get;}'),
  P('ScriptStackTrace', 'string ScriptStackTrace {get;}'),
  P('TargetObject', 'System.Object TargetObject {get;}'),
];

function objectRows(): Row[] {
  return OBJECT_METHODS.map(([n, d]) => M(n, d));
}

function rowsFor(obj: unknown): Row[] {
  if (typeof obj === 'string') return STRING_ROWS;
  if (Array.isArray(obj) || obj instanceof Uint8Array) return ARRAY_ROWS;
  if (obj instanceof PSHashtable) return HASHTABLE_ROWS;
  if (typeof obj === 'number' || obj instanceof PSDouble) return numberRows(displayType(typeNameOf(obj)));
  if (typeof obj === 'boolean') return numberRows('bool');
  if (obj instanceof PSChar) return numberRows('char');
  if (obj instanceof Date) return DATE_ROWS;
  if (obj instanceof TimeSpan) return TIMESPAN_ROWS;
  if (obj instanceof ErrorRecord) return ERROR_RECORD_ROWS;
  if (obj instanceof SecureString) return [...objectRows(), M('Dispose', 'void Dispose(), void IDisposable.Dispose()'), M('Copy', 'securestring Copy()'), P('Length', 'int Length {get;}')];
  if (obj instanceof PSTypeRef) return [...objectRows(), P('FullName', 'string FullName {get;}'), P('Name', 'string Name {get;}'), P('Namespace', 'string Namespace {get;}'), P('BaseType', 'type BaseType {get;}'), P('IsArray', 'bool IsArray {get;}')];
  if (isScriptBlock(obj)) return [...objectRows(), M('Invoke', 'System.Collections.ObjectModel.Collection[psobject] Invoke(Params System.Object[] args)'), M('GetNewClosure', 'scriptblock GetNewClosure()')];
  return objectRows();
}

/** Members for Get-Member, grouped by member type (alphabetically, as Get-Member sorts) then by name. */
export function memberList(obj: unknown): MemberInfoRow[] {
  const rows: MemberInfoRow[] = [];
  const seen = new Set<string>();
  const push = (name: string, memberType: string, definition: string) => {
    const key = memberType.endsWith('Method') ? 'm:' + name.toLowerCase() : 'p:' + name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({ name, memberType, definition });
  };
  if (obj instanceof PSObject) {
    for (const p of obj.properties()) push(p.name, p.memberType, propertyDefinition(p));
    for (const m of obj.methodList()) push(m.name, obj.isCustom() ? 'ScriptMethod' : 'Method', `${m.name === 'ToString' ? 'string' : 'System.Object'} ${m.name}()`);
    const base = obj.baseObject;
    for (const [n, t, d] of base !== undefined && base !== null ? rowsFor(base) : objectRows()) push(n, t, d);
  } else {
    for (const [n, t, d] of rowsFor(obj)) push(n, t, d);
  }
  return rows.sort((x, y) => (x.memberType === y.memberType ? x.name.toLowerCase().localeCompare(y.name.toLowerCase()) : x.memberType < y.memberType ? -1 : 1));
}

/** The properties the formatter shows for an object, in order; none for scalars. */
export function propertyNames(obj: unknown): string[] {
  if (obj instanceof PSObject) {
    const names = obj.propertyNames();
    if (names.length === 0 && obj.baseObject !== undefined && obj.baseObject !== null) return propertyNames(obj.baseObject);
    return names;
  }
  return [];
}
