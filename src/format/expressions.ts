// Property expressions of the Format-* cmdlets (PowerShell's PSPropertyExpression and MshParameter):
// names with wildcards, script blocks, and calculated-property hashtables
// @{Name/Label; Expression; Width; Alignment; FormatString} with prefix-matched keys.
import { PSHashtable, isScriptBlock, type ScriptBlock } from '../engine/values.js';
import { psError } from '../engine/errors.js';
import { getMember } from '../engine/members.js';
import { namesOf, plainString } from './display.js';

export type Expr =
  | { kind: 'name'; name: string; wildcard: boolean }
  | { kind: 'script'; sb: ScriptBlock }
  | { kind: 'fn'; fn: (obj: unknown) => unknown; text: string };

export type Alignment = 'left' | 'right' | 'center';

export interface PropertySpec {
  expr: Expr;
  label?: string;
  width?: number;
  align?: Alignment;
  formatString?: string;
}

export type SpecShape = 'table' | 'list' | 'wide' | 'groupBy';

const KEYS: Record<SpecShape, string[]> = {
  table: ['Expression', 'Label', 'Name', 'Width', 'Alignment', 'FormatString'],
  list: ['Expression', 'Label', 'Name', 'FormatString'],
  wide: ['Expression', 'FormatString'],
  groupBy: ['Expression', 'Label', 'Name', 'FormatString'],
};

function fail(message: string, id: string, command: string): never {
  throw psError(message, `${id},Microsoft.PowerShell.Commands.${command.replace('-', '')}Command`, 'InvalidArgument');
}

function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

const wildcardCache = new Map<string, RegExp>();

/** PowerShell wildcards (* ? [set], backtick escapes), case-insensitive. */
export function wildcardRegex(pattern: string): RegExp {
  let re = wildcardCache.get(pattern);
  if (re) return re;
  let src = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '`' && i + 1 < pattern.length) src += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) src += '\\[';
      else {
        src += '[' + pattern.slice(i + 1, close).replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  re = new RegExp(src + '$', 'is');
  wildcardCache.set(pattern, re);
  return re;
}

function nameExpr(name: string): Expr {
  return { kind: 'name', name, wildcard: hasWildcard(name) };
}

function toExpr(value: unknown, key: string, command: string): Expr {
  if (isScriptBlock(value)) return { kind: 'script', sb: value };
  const s = plainString(value);
  if (s === '') fail(`The "${key}" key cannot have an empty string value.`, 'MshExEmptyStringHashError', command);
  return nameExpr(s);
}

/** Parses -Property (or -GroupBy) values: names, wildcards, script blocks and hashtables. */
export function parseProperties(values: unknown[], shape: SpecShape, command: string): PropertySpec[] {
  const out: PropertySpec[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (isScriptBlock(v)) out.push({ expr: { kind: 'script', sb: v } });
    else if (v instanceof PSHashtable) out.push(parseHashtable(v, shape, command));
    else {
      const s = plainString(v);
      if (s === '') fail('An empty string value is not allowed.', 'MshExEmptyStringError', command);
      out.push({ expr: nameExpr(s) });
    }
  }
  return out;
}

function parseHashtable(h: PSHashtable, shape: SpecShape, command: string): PropertySpec {
  const allowed = KEYS[shape];
  const seen = new Map<string, string>();
  const spec: Partial<PropertySpec> = {};
  for (const [rawKey, value] of h.entries()) {
    if (typeof rawKey !== 'string') fail(`The ${plainString(rawKey)} key type is not valid. The key must be a string.`, 'DictionaryKeyNonStringError', command);
    const key = rawKey as string;
    const lower = key.toLowerCase();
    const exact = allowed.find((k) => k.toLowerCase() === lower);
    const matches = exact ? [exact] : allowed.filter((k) => k.toLowerCase().startsWith(lower));
    if (matches.length === 0 || key === '') fail(`The ${key} key is not valid.`, 'DictionaryKeyIllegal', command);
    if (matches.length > 1) fail(`The ${key} key is ambiguous; ${matches[0]} and ${matches[1]} conflict.`, 'DictionaryKeyAmbiguous', command);
    // Name is Label's alias.
    const def = matches[0] === 'Name' ? 'Label' : matches[0];
    const prior = seen.get(def);
    if (prior !== undefined) fail(`The duplicated key "${key}" conflicts with "${prior}".`, 'DictionaryKeyDuplicate', command);
    seen.set(def, key);
    if (value === null || value === undefined) fail(`The ${key} key has no value.`, 'DictionaryKeyMissingValue', command);
    switch (def) {
      case 'Expression':
        spec.expr = toExpr(value, key, command);
        break;
      case 'Label':
        spec.label = plainString(value);
        break;
      case 'Width': {
        const w = Number(typeof value === 'object' ? plainString(value) : value);
        if (!Number.isInteger(w)) fail(`The "${key}" key has a type, ${typeof value}, that is not valid; expected type is System.Int32.`, 'DictionaryKeyIllegalType', command);
        if (w <= 0) fail(`The value "${w}" for key "${key}" should be greater than 0.`, 'OutOfRangeWidthValue', command);
        spec.width = w;
        break;
      }
      case 'Alignment': {
        const a = plainString(value).toLowerCase();
        const found = (['left', 'center', 'right'] as const).filter((x) => a !== '' && x.startsWith(a));
        if (found.length !== 1) fail(`The value "${plainString(value)}" for key "${key}" is not valid; valid values are left, center, right.`, 'IllegalAlignmentValue', command);
        spec.align = found[0];
        break;
      }
      case 'FormatString': {
        const f = plainString(value);
        if (f === '') fail(`Cannot have an empty formatting string for key "${key}".`, 'EmptyFormatStringValue', command);
        spec.formatString = f;
        break;
      }
    }
  }
  if (!spec.expr) fail('A mandatory entry for Expression is missing.', 'MissingKeyMandatoryEntry', command);
  return spec as PropertySpec;
}

/** The text PowerShell shows for an expression in a header: the name as typed, or the script text. */
export function exprText(e: Expr): string {
  return e.kind === 'name' ? e.name : e.kind === 'script' ? e.sb.toString() : e.text;
}

/**
 * Expands an expression against an object: wildcards to the matching property names (in the
 * object's order), a plain name to the property's own spelling; empty when nothing matches.
 */
export function resolveNames(e: Expr, obj: unknown): Expr[] {
  if (e.kind !== 'name') return [e];
  const names = namesOf(obj);
  if (e.wildcard) {
    const re = wildcardRegex(e.name);
    const seen = new Set<string>();
    const out: Expr[] = [];
    for (const n of names) {
      const k = n.toLowerCase();
      if (re.test(n) && !seen.has(k)) {
        seen.add(k);
        out.push({ kind: 'name', name: n, wildcard: false });
      }
    }
    return out;
  }
  const lower = e.name.toLowerCase();
  const hit = names.find((n) => n.toLowerCase() === lower);
  return hit === undefined ? [] : [{ kind: 'name', name: hit, wildcard: false }];
}

/** Results of script blocks computed ahead of a synchronous layout (they may have awaited). */
export type ScriptResults = Map<ScriptBlock, Map<unknown, unknown>>;

/** The value of an expression for an object; errors show as an empty value, as in PowerShell. */
export function evalExpr(e: Expr, obj: unknown, memo?: ScriptResults): unknown {
  try {
    if (e.kind === 'name') return getMember(obj, e.name);
    if (e.kind === 'fn') return e.fn(obj);
    const cached = memo?.get(e.sb);
    if (cached?.has(obj)) return cached.get(obj);
    const v = e.sb.invokeValue(obj);
    if (v instanceof Promise) {
      v.catch(() => undefined);
      return undefined;
    }
    return v;
  } catch {
    return undefined;
  }
}

/** Script blocks used by a set of property specs. */
export function scriptBlocksOf(specs: PropertySpec[]): ScriptBlock[] {
  return specs.flatMap((s) => (s.expr.kind === 'script' ? [s.expr.sb] : []));
}

/**
 * Runs every script block against every object once. Synchronous unless a block waits; then the
 * result is a promise of the same map.
 */
export function precomputeScripts(blocks: ScriptBlock[], objects: unknown[]): ScriptResults | Promise<ScriptResults> {
  const memo: ScriptResults = new Map();
  const waiting: Promise<void>[] = [];
  for (const sb of blocks) {
    if (memo.has(sb)) continue;
    const results = new Map<unknown, unknown>();
    memo.set(sb, results);
    for (const o of objects) {
      if (results.has(o)) continue;
      try {
        const v = sb.invokeValue(o);
        results.set(o, undefined);
        if (v instanceof Promise) {
          waiting.push(
            v.then(
              (x) => void results.set(o, x),
              () => undefined,
            ),
          );
        } else results.set(o, v);
      } catch {
        results.set(o, undefined);
      }
    }
  }
  return waiting.length === 0 ? memo : Promise.all(waiting).then(() => memo);
}
