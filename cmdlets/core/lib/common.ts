// Helpers shared by the core cmdlets: error records with PowerShell's ids, maybe-promises,
// property access and calculated properties (@{Name=...; Expression={...}}).
import type { CmdletContext, ParameterDecl } from '../../../src/engine/cmdlet.js';
import { ErrorRecord, PSRuntimeError, type ErrorCategory } from '../../../src/engine/errors.js';
import { PSHashtable, PSObject, isScriptBlock, type ScriptBlock } from '../../../src/engine/values.js';
import { getMember, propertyNames } from '../../../src/engine/members.js';
import { toStr, typeNameOf } from '../../../src/engine/convert.js';
import { hasWildcard, wildcardToRegex } from '../../../src/engine/wildcard.js';

export type MP<T> = T | Promise<T>;

/** `Microsoft.PowerShell.Commands.GetContentCommand` for 'Get-Content'. */
export function commandClass(cmdletName: string): string {
  return `Microsoft.PowerShell.Commands.${cmdletName.replace(/-/g, '')}Command`;
}

/** An ErrorRecord whose FullyQualifiedErrorId is `<id>,Microsoft.PowerShell.Commands.<Verb><Noun>Command`. */
export function errorRecord(
  ctx: { commandName: string },
  message: string,
  id: string,
  category: ErrorCategory,
  target?: unknown,
  exceptionType?: string,
): ErrorRecord {
  return new ErrorRecord(message, `${id},${commandClass(ctx.commandName)}`, category, target, exceptionType);
}

export function throwErr(ctx: CmdletContext<any>, message: string, id: string, category: ErrorCategory, target?: unknown, exceptionType?: string): never {
  return ctx.throwTerminating(errorRecord(ctx, message, id, category, target, exceptionType));
}

/** `Cannot find path 'X' because it does not exist.` */
export function pathNotFound(ctx: CmdletContext<any>, path: string): ErrorRecord {
  return errorRecord(ctx, `Cannot find path '${path}' because it does not exist.`, 'PathNotFound', 'ObjectNotFound', path, 'System.Management.Automation.ItemNotFoundException');
}

/** Marks a parameter as collecting the arguments no other parameter takes (ValueFromRemainingArguments). */
export function remainingArguments<T extends ParameterDecl>(p: T): T {
  (p as T & { valueFromRemainingArguments?: boolean }).valueFromRemainingArguments = true;
  return p;
}

/** The value's own type name, as `-is`, Get-Member and Select-Object see it. */
export function firstTypeName(v: unknown): string {
  if (v instanceof PSObject) return v.typeNames[0] ?? 'System.Management.Automation.PSCustomObject';
  try {
    return typeNameOf(v);
  } catch {
    return 'System.Object';
  }
}

/** Property value by name: hashtable keys first (as PowerShell's member access does), then members. */
export function propertyValue(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (obj instanceof PSObject) {
    const p = obj.property(name);
    if (p) return p.getter ? p.getter() : p.value;
  }
  if (obj instanceof PSHashtable && obj.has(name)) return obj.get(name);
  try {
    return getMember(obj, name);
  } catch {
    return undefined;
  }
}

/** Property names of a value, tolerating values that have none. */
export function namesOf(obj: unknown): string[] {
  if (obj === null || obj === undefined) return [];
  if (obj instanceof PSObject) return obj.propertyNames();
  if (obj instanceof PSHashtable) return obj.keys().map((k) => toStr(k));
  try {
    return propertyNames(obj);
  } catch {
    return [];
  }
}

/** Names of `obj`'s properties that `pattern` (with wildcards) matches, in the object's order. */
export function matchingNames(obj: unknown, pattern: string): string[] {
  if (!hasWildcard(pattern)) {
    const l = pattern.toLowerCase();
    const hit = namesOf(obj).find((n) => n.toLowerCase() === l);
    if (hit) return [hit];
    // .NET values (strings, dates, arrays) have properties their name list may not show, such as Length
    if (obj !== null && obj !== undefined && !(obj instanceof PSObject) && !(obj instanceof PSHashtable)) {
      try {
        if (getMember(obj, pattern) !== undefined) return [pattern];
      } catch {
        /* no such member */
      }
    }
    return [];
  }
  const re = wildcardToRegex(pattern);
  return namesOf(obj).filter((n) => re.test(n));
}

export function matchesAny(text: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns) return false;
  for (const p of patterns) if (wildcardToRegex(p).test(text)) return true;
  return false;
}

// ---------------------------------------------------------------- calculated properties

export interface PropertyExpression {
  /** The column / property name: the given name, the script block text, or the property name. */
  name: string;
  /** A property name (may hold wildcards) or a script block. */
  expr: string | ScriptBlock;
  wildcard: boolean;
  /** Name came from a Name/Label key. */
  named: boolean;
  ascending?: boolean;
  descending?: boolean;
}

export type HashKey = 'name' | 'expression' | 'ascending' | 'descending';

const keyAliases: Record<HashKey, string[]> = {
  name: ['name', 'label'],
  expression: ['expression'],
  ascending: ['ascending'],
  descending: ['descending'],
};

function parameterError(ctx: { commandName: string }, message: string, id: string): PSRuntimeError {
  return new PSRuntimeError(
    new ErrorRecord(message, `${id},${commandClass(ctx.commandName)}`, 'InvalidArgument', undefined, 'System.Management.Automation.ParameterBindingException'),
  );
}

/**
 * Parses -Property values: strings (wildcards allowed), script blocks and hashtables with the keys
 * `allowed` lets through (Name/N/Label/L, Expression/E, Ascending, Descending; prefixes accepted).
 */
export function parsePropertyExpressions(ctx: { commandName: string }, values: readonly unknown[], allowed: readonly HashKey[], nameMandatory = false): PropertyExpression[] {
  const out: PropertyExpression[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (isScriptBlock(v)) {
      out.push({ name: v.text, expr: v, wildcard: false, named: false });
      continue;
    }
    if (v instanceof PSHashtable) {
      out.push(parseHashtable(ctx, v, allowed, nameMandatory));
      continue;
    }
    const s = toStr(v);
    out.push({ name: s, expr: s, wildcard: hasWildcard(s), named: false });
  }
  return out;
}

function parseHashtable(ctx: { commandName: string }, h: PSHashtable, allowed: readonly HashKey[], nameMandatory: boolean): PropertyExpression {
  const found: Partial<Record<HashKey, unknown>> = {};
  const spelled: Partial<Record<HashKey, string>> = {};
  for (const [k, val] of h.entries()) {
    if (typeof k !== 'string') throw parameterError(ctx, `The ${toStr(k)} key type is not valid. The key must be a string.`, 'DictionaryKeyNonString');
    const lk = k.toLowerCase();
    const hits = allowed.filter((key) => lk !== '' && keyAliases[key].some((a) => a.startsWith(lk)));
    if (hits.length === 0) throw parameterError(ctx, `The ${k} key is not valid.`, 'DictionaryKeyIllegal');
    if (hits.length > 1) throw parameterError(ctx, `The ${k} key is ambiguous; ${hits[0]} and ${hits[1]} conflict.`, 'DictionaryKeyAmbiguous');
    const key = hits[0];
    if (spelled[key] !== undefined) throw parameterError(ctx, `The duplicated key "${k}" conflicts with "${spelled[key]}".`, 'DictionaryKeyDuplicate');
    spelled[key] = k;
    found[key] = val;
  }
  const expr = found.expression;
  if (expr === undefined && allowed.includes('expression')) {
    if (!(nameMandatory && found.name !== undefined)) throw parameterError(ctx, 'A mandatory entry for expression is missing.', 'DictionaryKeyMandatoryEntry');
  }
  let e: string | ScriptBlock;
  if (isScriptBlock(expr)) e = expr;
  else if (typeof expr === 'string') e = expr;
  else if (expr === undefined) e = toStr(found.name);
  else {
    throw parameterError(
      ctx,
      `The "${spelled.expression}" key has a type, ${firstTypeName(expr)}, that is not valid; expected types are {System.String, System.Management.Automation.ScriptBlock}.`,
      'DictionaryKeyIllegalValue2',
    );
  }
  const name = found.name !== undefined ? toStr(found.name) : isScriptBlock(e) ? e.text : e;
  const r: PropertyExpression = { name, expr: e, wildcard: typeof e === 'string' && hasWildcard(e), named: found.name !== undefined };
  if (found.ascending !== undefined) r.ascending = truthy(found.ascending);
  if (found.descending !== undefined) r.descending = truthy(found.descending);
  return r;
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '' && v.toLowerCase() !== 'false';
  return v !== null && v !== undefined;
}

/** Evaluates a property expression against one object: a property read or the script block's value. */
export function evaluateExpression(e: PropertyExpression, obj: unknown): MP<unknown> {
  if (typeof e.expr === 'string') return propertyValue(obj, e.expr);
  return e.expr.invokeValue(obj);
}

/** Reads an item's text for comparisons and messages, never throwing. */
export function safeString(v: unknown): string {
  try {
    return toStr(v);
  } catch {
    return String(v);
  }
}
