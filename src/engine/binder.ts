// The parameter binder: named, then positional, then pipeline ByValue and ByPropertyName, with
// conversion, validation and parameter-set resolution, in PowerShell's order and wording.
import type { ParameterDecl } from './cmdlet.js';
import { ErrorRecord, PSRuntimeError } from './errors.js';
import { convertTo, toStr, typeNameOf } from './convert.js';
import { getMember } from './members.js';
import { PSHashtable, PSObject, isScriptBlock, SecureString, TimeSpan } from './values.js';
import type { Extent } from '../../grammar/ast.js';

export const ALL_SETS = '__AllParameterSets';

export interface ParamInfo {
  decl: ParameterDecl;
  name: string;
  isSwitch: boolean;
  /** undefined: member of every set */
  sets?: string[];
  common?: boolean;
}

/** One element of a command line, after evaluation. */
export interface BindArg {
  /** Set for `-Name` / `-Name:value`. */
  name?: string;
  /** The text as written, for error messages (`-E`). */
  text?: string;
  value?: unknown;
  /** `-Name:value` (the value is attached) or a positional argument. */
  hasValue: boolean;
  extent?: Extent;
  /** From splatting: a named value never consumes the next argument. */
  splatted?: boolean;
}

export interface CommonParameters {
  errorAction?: string;
  warningAction?: string;
  informationAction?: string;
  verbose?: boolean;
  debug?: boolean;
  whatIf?: boolean;
  confirm?: boolean;
  errorVariable?: string;
  warningVariable?: string;
  outVariable?: string;
  pipelineVariable?: string;
}

/** The common parameters every cmdlet and advanced function accepts; completion lists them too. */
export const commonDecls: ParameterDecl[] = [
  { name: 'Verbose', type: 'SwitchParameter', aliases: ['vb'], description: 'Displays detailed information about the operation.' },
  { name: 'Debug', type: 'SwitchParameter', aliases: ['db'], description: 'Displays programmer-level detail about the operation.' },
  { name: 'ErrorAction', type: 'ActionPreference', aliases: ['ea'], description: 'How the command responds to a non-terminating error.', validateSet: ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'] },
  { name: 'WarningAction', type: 'ActionPreference', aliases: ['wa'], description: 'How the command responds to a warning.', validateSet: ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'] },
  { name: 'InformationAction', type: 'ActionPreference', aliases: ['infa'], description: 'How the command responds to an information event.', validateSet: ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'] },
  { name: 'ErrorVariable', type: 'String', aliases: ['ev'], description: 'Stores errors about the command in the variable.' },
  { name: 'WarningVariable', type: 'String', aliases: ['wv'], description: 'Stores warnings about the command in the variable.' },
  { name: 'InformationVariable', type: 'String', aliases: ['iv'], description: 'Stores information events in the variable.' },
  { name: 'OutVariable', type: 'String', aliases: ['ov'], description: 'Stores output objects in the variable.' },
  { name: 'OutBuffer', type: 'Int32', aliases: ['ob'], description: 'Number of objects to buffer.' },
  { name: 'PipelineVariable', type: 'String', aliases: ['pv'], description: 'Stores the current pipeline object in the variable.' },
  { name: 'ProgressAction', type: 'ActionPreference', aliases: ['proga'], description: 'How the command responds to progress updates.', validateSet: ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'] },
];
/** -WhatIf and -Confirm, for commands that support ShouldProcess. */
export const shouldProcessDecls: ParameterDecl[] = [
  { name: 'WhatIf', type: 'SwitchParameter', aliases: ['wi'], description: 'Shows what would happen if the command runs. The command is not run.' },
  { name: 'Confirm', type: 'SwitchParameter', aliases: ['cf'], description: 'Prompts you for confirmation before running the command.' },
];

/** Parameter metadata of one command, built once and cached. */
export class CommandMetadata {
  readonly params: ParamInfo[] = [];
  readonly lookup = new Map<string, ParamInfo>();
  readonly sets: string[];

  constructor(
    readonly commandName: string,
    decls: ParameterDecl[],
    readonly defaultSet: string | undefined,
    readonly supportsShouldProcess: boolean,
    readonly addCommon: boolean,
    /** Simple functions: extra positional arguments go to $args instead of failing. */
    readonly collectsRemaining = false,
  ) {
    const add = (d: ParameterDecl, common: boolean) => {
      const info: ParamInfo = { decl: d, name: d.name, isSwitch: isSwitchType(d.type), sets: d.parameterSets, common };
      this.params.push(info);
      for (const n of [d.name, ...(d.aliases ?? [])]) this.lookup.set(n.toLowerCase(), info);
    };
    for (const d of decls) add(d, false);
    if (addCommon) {
      for (const d of commonDecls) add(d, true);
      if (supportsShouldProcess) for (const d of shouldProcessDecls) add(d, true);
    }
    const sets = new Set<string>();
    for (const p of this.params) for (const s of p.sets ?? []) sets.add(s);
    this.sets = sets.size ? [...sets] : [ALL_SETS];
  }

  inSet(p: ParamInfo, set: string): boolean {
    return !p.sets || p.sets.includes(set) || set === ALL_SETS;
  }

  mandatoryIn(p: ParamInfo, set: string): boolean {
    return p.decl.setOverrides?.[set]?.mandatory ?? p.decl.mandatory ?? false;
  }

  positionIn(p: ParamInfo, set: string): number | undefined {
    return p.decl.setOverrides?.[set]?.position ?? p.decl.position;
  }

  /** Resolves `-Nam` to a parameter: exact name or alias first, then a unique prefix. */
  resolve(name: string, arg: BindArg): ParamInfo {
    const l = name.toLowerCase();
    const exact = this.lookup.get(l);
    if (exact) return exact;
    const matches = new Set<ParamInfo>();
    for (const [k, p] of this.lookup) if (k.startsWith(l)) matches.add(p);
    if (matches.size === 1) return [...matches][0];
    if (matches.size > 1) {
      // prefer non-common parameters when the prefix is ambiguous only because of common ones
      const own = [...matches].filter((p) => !p.common);
      if (own.length === 1) return own[0];
      throw bindError(
        this.commandName,
        `Parameter cannot be processed because the parameter name '${name}' is ambiguous. Possible matches include: ${[...matches].map((p) => '-' + p.name).join(' ')}.`,
        'AmbiguousParameter',
        arg,
      );
    }
    throw bindError(this.commandName, `A parameter cannot be found that matches parameter name '${name}'.`, 'NamedParameterNotFound', arg);
  }
}

export function isSwitchType(t: string): boolean {
  const l = t.toLowerCase();
  return l === 'switchparameter' || l === 'switch' || l === 'system.management.automation.switchparameter';
}

export function bindError(command: string, message: string, id: string, arg?: BindArg | { extent?: Extent }, category: ErrorRecord['category'] = 'InvalidArgument'): PSRuntimeError {
  const rec = new ErrorRecord(message, `${id},${command}`, category, undefined, 'System.Management.Automation.ParameterBindingException');
  rec.invocationInfo = { commandName: command, extent: arg?.extent };
  return new PSRuntimeError(rec);
}

export class Binding {
  readonly values: Record<string, unknown> = {};
  readonly bound = new Set<string>();
  /** Bound on the command line, as opposed to from the pipeline. */
  readonly fromCommandLine = new Set<string>();
  candidateSets: string[];
  setName: string;
  readonly common: CommonParameters = {};
  /** Positional arguments no parameter took (simple functions: $args). */
  readonly remaining: unknown[] = [];

  constructor(readonly meta: CommandMetadata) {
    this.candidateSets = [...meta.sets];
    this.setName = meta.defaultSet ?? meta.sets[0];
  }
}

/** Binds the command line. Throws ParameterBindingException errors with PowerShell's wording. */
export function bindCommandLine(meta: CommandMetadata, args: BindArg[], expectingInput: boolean): Binding {
  const b = new Binding(meta);
  const positional: BindArg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.name === undefined) {
      positional.push(a);
      continue;
    }
    const p = meta.resolve(a.name, a);
    let value: unknown;
    if (a.hasValue) value = a.value;
    else if (p.isSwitch) value = true;
    else {
      const next = args[i + 1];
      if (!next || next.name !== undefined || a.splatted) {
        throw bindError(meta.commandName, `Missing an argument for parameter '${p.name}'. Specify a parameter of type '${dotNetType(p.decl.type)}' and try again.`, 'MissingArgument', a);
      }
      value = next.value;
      i++;
    }
    bindOne(b, p, value, a, true);
  }
  narrowSets(b, undefined);
  bindPositional(b, positional);
  narrowSets(b, undefined);
  if (!expectingInput) {
    resolveSet(b, false);
    checkMandatory(b, false);
  } else {
    resolveSet(b, true);
  }
  return b;
}

function bindOne(b: Binding, p: ParamInfo, value: unknown, arg: BindArg | undefined, commandLine: boolean): void {
  const meta = b.meta;
  if (b.bound.has(p.name) && commandLine) {
    throw bindError(
      meta.commandName,
      `Cannot bind parameter because parameter '${p.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
      'ParameterAlreadyBound',
      arg,
    );
  }
  const converted = convertArgument(meta.commandName, p, value, arg);
  if (p.common) {
    setCommon(b.common, p.name, converted);
  }
  b.values[p.name] = converted;
  b.bound.add(p.name);
  if (commandLine) b.fromCommandLine.add(p.name);
}

function setCommon(c: CommonParameters, name: string, v: unknown): void {
  switch (name) {
    case 'ErrorAction':
      c.errorAction = String(v);
      break;
    case 'WarningAction':
      c.warningAction = String(v);
      break;
    case 'InformationAction':
      c.informationAction = String(v);
      break;
    case 'Verbose':
      c.verbose = Boolean(v);
      break;
    case 'Debug':
      c.debug = Boolean(v);
      break;
    case 'WhatIf':
      c.whatIf = Boolean(v);
      break;
    case 'Confirm':
      c.confirm = Boolean(v);
      break;
    case 'ErrorVariable':
      c.errorVariable = String(v);
      break;
    case 'WarningVariable':
      c.warningVariable = String(v);
      break;
    case 'OutVariable':
      c.outVariable = String(v);
      break;
    case 'PipelineVariable':
      c.pipelineVariable = String(v);
      break;
  }
}

/** .NET type names for messages: 'String' -> 'System.String'. */
export function dotNetType(t: string): string {
  const map: Record<string, string> = {
    string: 'System.String',
    'string[]': 'System.String[]',
    int32: 'System.Int32',
    'int32[]': 'System.Int32[]',
    int: 'System.Int32',
    int64: 'System.Int64',
    long: 'System.Int64',
    double: 'System.Double',
    boolean: 'System.Boolean',
    bool: 'System.Boolean',
    object: 'System.Object',
    'object[]': 'System.Object[]',
    psobject: 'System.Management.Automation.PSObject',
    'psobject[]': 'System.Management.Automation.PSObject[]',
    scriptblock: 'System.Management.Automation.ScriptBlock',
    'scriptblock[]': 'System.Management.Automation.ScriptBlock[]',
    hashtable: 'System.Collections.Hashtable',
    securestring: 'System.Security.SecureString',
    datetime: 'System.DateTime',
    timespan: 'System.TimeSpan',
    'byte[]': 'System.Byte[]',
    char: 'System.Char',
    switchparameter: 'System.Management.Automation.SwitchParameter',
    actionpreference: 'System.Management.Automation.ActionPreference',
  };
  return map[t.toLowerCase()] ?? t;
}

function convertArgument(command: string, p: ParamInfo, value: unknown, arg: BindArg | undefined): unknown {
  const d = p.decl;
  if (value === undefined) value = null;
  let v: unknown;
  try {
    if (p.isSwitch) {
      v = switchValue(value);
    } else if (d.convert) {
      v = d.convert(value);
    } else {
      v = convertParam(value, d.type);
    }
  } catch (e) {
    const inner = e instanceof PSRuntimeError ? e.record.message : e instanceof Error ? e.message : String(e);
    if (p.isSwitch || d.type.toLowerCase() === 'boolean' || d.type.toLowerCase() === 'bool') {
      throw bindError(command, `Cannot process argument transformation on parameter '${p.name}'. ${inner}`, 'ParameterArgumentTransformationError', arg);
    }
    throw bindError(command, `Cannot bind parameter '${p.name}'. ${inner}`, 'CannotConvertArgumentNoMessage', arg);
  }
  if (d.mandatory && !p.isSwitch && !d.allowEmpty) {
    // PowerShell refuses null and '' for a mandatory parameter unless [AllowNull()]/[AllowEmptyString()]
    if (v === null || v === undefined) {
      throw bindError(command, `Cannot bind argument to parameter '${p.name}' because it is null.`, 'ParameterArgumentValidationErrorNullNotAllowed', arg);
    }
    if (v === '' && /^string(\[\])?$/i.test(d.type)) {
      throw bindError(command, `Cannot bind argument to parameter '${p.name}' because it is an empty string.`, 'ParameterArgumentValidationErrorEmptyStringNotAllowed', arg);
    }
  }
  validate(command, p, v, arg);
  return v;
}

function switchValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === null) return false;
  throw new Error(`Cannot convert value "${toStr(value)}" to type "System.Management.Automation.SwitchParameter". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`);
}

/** Parameter conversion: like a cast, with PowerShell's stricter rules for Boolean parameters. */
export function convertParam(value: unknown, type: string): unknown {
  const t = type.toLowerCase();
  switch (t) {
    case 'object':
    case 'psobject':
      return value;
    case 'object[]':
    case 'psobject[]':
      return Array.isArray(value) ? value : [value];
    case 'boolean':
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      throw new Error(`Cannot convert value "${typeNameOf(value)}" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`);
    case 'actionpreference':
      return normalizeEnum(value, ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'], 'System.Management.Automation.ActionPreference');
    case 'string':
      if (value === null) return null;
      if (typeof value === 'string') return value;
      return toStr(value);
    case 'scriptblock':
      if (isScriptBlock(value) || value === null) return value;
      break;
    case 'hashtable':
      if (value instanceof PSHashtable || value === null) return value;
      break;
    case 'securestring':
      if (value instanceof SecureString || value === null) return value;
      throw new Error(`Cannot convert the "${toStr(value)}" value of type "${typeNameOf(value)}" to type "System.Security.SecureString".`);
    case 'timespan':
      if (value instanceof TimeSpan) return value;
      break;
  }
  if (value === null && !t.endsWith('[]')) return null;
  return convertTo(value, type, { forParameter: true });
}

export function normalizeEnum(value: unknown, names: string[], typeName: string): string {
  const s = toStr(value);
  const hit = names.find((n) => n.toLowerCase() === s.toLowerCase());
  if (hit) return hit;
  throw new Error(
    `Cannot convert value "${s}" to type "${typeName}". Error: "Unable to match the identifier name ${s} to a valid enumerator name. Specify one of the following enumerator names and try again:\n${names.join(', ')}"`,
  );
}

function validate(command: string, p: ParamInfo, v: unknown, arg: BindArg | undefined): void {
  const d = p.decl;
  const fail = (msg: string) => bindError(command, `Cannot validate argument on parameter '${p.name}'. ${msg}`, 'ParameterArgumentValidationError', arg);
  const items = Array.isArray(v) ? v : [v];
  if (d.validateNotNullOrEmpty) {
    if (v === null || v === undefined) throw fail('The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.');
    if (v === '' || (Array.isArray(v) && v.length === 0)) {
      throw fail('The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.');
    }
  }
  if (d.validateSet && !p.common) {
    for (const x of items) {
      if (x === null || x === undefined) continue;
      const s = toStr(x);
      if (!d.validateSet.some((a) => a.toLowerCase() === s.toLowerCase())) {
        throw fail(`The argument "${s}" does not belong to the set "${d.validateSet.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`);
      }
    }
  }
  if (d.validateRange) {
    const [lo, hi] = d.validateRange;
    for (const x of items) {
      const n = typeof x === 'number' ? x : Number(x);
      if (n < lo) throw fail(`The ${toStr(x)} argument is less than the minimum allowed range of ${lo}. Supply an argument that is greater than or equal to ${lo} and then try the command again.`);
      if (n > hi) throw fail(`The ${toStr(x)} argument is greater than the maximum allowed range of ${hi}. Supply an argument that is less than or equal to ${hi} and then try the command again.`);
    }
  }
  if (d.validateCount && Array.isArray(v)) {
    const [lo, hi] = d.validateCount;
    if (v.length < lo) throw fail(`The parameter requires at least ${lo} value(s) and no more than ${hi} value(s) - ${v.length} value(s) were provided.`);
    if (v.length > hi) throw fail(`The parameter requires at least ${lo} value(s) and no more than ${hi} value(s) - ${v.length} value(s) were provided.`);
  }
  if (d.validatePattern) {
    const re = new RegExp(d.validatePattern, 'i');
    for (const x of items) {
      if (!re.test(toStr(x))) throw fail(`The argument "${toStr(x)}" does not match the "${d.validatePattern}" pattern. Supply an argument that matches "${d.validatePattern}" and try the command again.`);
    }
  }
}

/** Keeps the parameter sets that contain every bound parameter. */
function narrowSets(b: Binding, arg: BindArg | undefined): void {
  const meta = b.meta;
  const next = b.candidateSets.filter((set) => [...b.bound].every((n) => meta.inSet(meta.lookup.get(n.toLowerCase())!, set)));
  if (next.length === 0) {
    throw bindError(meta.commandName, 'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.', 'AmbiguousParameterSet', arg);
  }
  b.candidateSets = next;
}

function bindPositional(b: Binding, positional: BindArg[]): void {
  if (positional.length === 0) return;
  const meta = b.meta;
  const preferred = meta.defaultSet && b.candidateSets.includes(meta.defaultSet) ? meta.defaultSet : undefined;
  let pi = 0;
  for (; pi < positional.length; pi++) {
    // the unbound parameter with the lowest position in any candidate set, preferring the default set
    let best: { p: ParamInfo; pos: number } | undefined;
    for (const p of meta.params) {
      if (b.bound.has(p.name) || p.common) continue;
      for (const set of b.candidateSets) {
        if (!meta.inSet(p, set)) continue;
        const pos = meta.positionIn(p, set);
        if (pos === undefined) continue;
        if (!best || pos < best.pos || (pos === best.pos && set === preferred)) best = { p, pos };
      }
    }
    if (!best) break;
    const a = positional[pi];
    bindOne(b, best.p, a.value, a, true);
    narrowSets(b, a);
  }
  if (pi < positional.length) {
    const rest = meta.params.find((p) => p.decl.valueFromRemainingArguments && b.candidateSets.some((set) => meta.inSet(p, set)));
    if (rest) {
      const values = positional.slice(pi).map((a) => a.value);
      if (b.bound.has(rest.name)) {
        // the first argument went to the parameter by position; the rest join it
        const cur = b.values[rest.name];
        b.values[rest.name] = [...(Array.isArray(cur) ? cur : [cur]), ...values];
      } else bindOne(b, rest, values.length === 1 && !/\[\]$/.test(rest.decl.type) ? values[0] : values, positional[pi], true);
      return;
    }
    if (meta.collectsRemaining) {
      for (; pi < positional.length; pi++) b.remaining.push(positional[pi].value);
      return;
    }
    const a = positional[pi];
    throw bindError(meta.commandName, `A positional parameter cannot be found that accepts argument '${argText(a)}'.`, 'PositionalParameterNotFound', a);
  }
}

function argText(a: BindArg): string {
  if (a.text !== undefined) return a.text;
  return Array.isArray(a.value) ? a.value.map(toStr).join(' ') : toStr(a.value);
}

/** Picks the parameter set: the only candidate, else the default, else the one whose mandatory parameters are bound. */
function resolveSet(b: Binding, tentative: boolean): void {
  const meta = b.meta;
  const c = b.candidateSets;
  if (c.length === 1) {
    b.setName = c[0];
    return;
  }
  const satisfied = c.filter((set) => meta.params.every((p) => !meta.inSet(p, set) || !meta.mandatoryIn(p, set) || b.bound.has(p.name)));
  if (meta.defaultSet && c.includes(meta.defaultSet) && (satisfied.includes(meta.defaultSet) || tentative || satisfied.length === 0)) {
    b.setName = meta.defaultSet;
    return;
  }
  if (satisfied.length === 1 || (satisfied.length > 1 && tentative)) {
    b.setName = satisfied[0];
    return;
  }
  if (tentative) {
    b.setName = c[0];
    return;
  }
  if (satisfied.length > 1) {
    // several sets fit: the one that binds the most of what was given wins, as PowerShell's tie-break does
    const own = satisfied.filter((set) => meta.params.some((p) => p.sets?.includes(set) && b.bound.has(p.name)));
    if (own.length >= 1) {
      b.setName = own[0];
      return;
    }
    throw bindError(meta.commandName, 'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.', 'AmbiguousParameterSet');
  }
  b.setName = meta.defaultSet && c.includes(meta.defaultSet) ? meta.defaultSet : c[0];
}

function checkMandatory(b: Binding, pipelinePending: boolean): void {
  const meta = b.meta;
  const missing = meta.params.filter(
    (p) =>
      meta.inSet(p, b.setName) &&
      meta.mandatoryIn(p, b.setName) &&
      !b.bound.has(p.name) &&
      !(pipelinePending && (p.decl.valueFromPipeline || p.decl.valueFromPipelineByPropertyName)),
  );
  if (missing.length) {
    throw bindError(
      meta.commandName,
      `Cannot process command because of one or more missing mandatory parameters: ${missing.map((p) => p.name).join(' ')}.`,
      'MissingMandatoryParameter',
    );
  }
}

/** Before each pipeline object: forgets what the previous object bound. */
export function resetPipelineBound(b: Binding): void {
  for (const n of [...b.bound]) {
    if (!b.fromCommandLine.has(n)) {
      b.bound.delete(n);
      delete b.values[n];
    }
  }
}

/**
 * Binds one pipeline object: ByValue without conversion, ByPropertyName without conversion, then
 * both again with conversion. Returns false when nothing could take it.
 */
export function bindPipelineObject(b: Binding, item: unknown, commandLineSets: string[]): boolean {
  const meta = b.meta;
  resetPipelineBound(b);
  b.candidateSets = [...commandLineSets];
  const candidates = meta.params.filter(
    (p) =>
      !p.common &&
      !b.bound.has(p.name) &&
      (p.decl.valueFromPipeline || p.decl.valueFromPipelineByPropertyName) &&
      b.candidateSets.some((s) => meta.inSet(p, s)),
  );
  if (candidates.length === 0) return false;
  let any = false;
  for (const convert of [false, true]) {
    for (const p of candidates) {
      if (b.bound.has(p.name) || !p.decl.valueFromPipeline) continue;
      if (!b.candidateSets.some((s) => meta.inSet(p, s))) continue;
      if (!convert && !exactType(item, p.decl.type)) continue;
      if (tryBind(b, p, item)) any = true;
    }
    for (const p of candidates) {
      if (b.bound.has(p.name) || !p.decl.valueFromPipelineByPropertyName) continue;
      if (!b.candidateSets.some((s) => meta.inSet(p, s))) continue;
      const v = propertyFor(item, p);
      if (v === undefined) continue;
      if (!convert && !exactType(v, p.decl.type)) continue;
      if (tryBind(b, p, v)) any = true;
    }
    if (any) break;
  }
  if (!any) return false;
  resolveSet(b, false);
  checkMandatory(b, false);
  return true;
}

function tryBind(b: Binding, p: ParamInfo, value: unknown): boolean {
  const meta = b.meta;
  try {
    const converted = convertArgument(meta.commandName, p, value, undefined);
    b.values[p.name] = converted;
    b.bound.add(p.name);
    b.candidateSets = b.candidateSets.filter((s) => meta.inSet(p, s));
    return true;
  } catch (e) {
    // validation failures on pipeline input are real errors; conversion failures just mean "not this one"
    if (e instanceof PSRuntimeError && e.record.fullyQualifiedErrorId.startsWith('ParameterArgumentValidationError')) throw e;
    return false;
  }
}

function propertyFor(item: unknown, p: ParamInfo): unknown {
  if (item === null || item === undefined || typeof item !== 'object') return undefined;
  if (item instanceof PSHashtable) return undefined;
  for (const n of [p.name, ...(p.decl.aliases ?? [])]) {
    if (item instanceof PSObject) {
      if (item.has(n)) return item.get(n);
    } else {
      const v = getMember(item, n);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function exactType(v: unknown, type: string): boolean {
  const t = type.toLowerCase();
  switch (t) {
    case 'object':
    case 'psobject':
    case 'object[]':
    case 'psobject[]':
      return true;
    case 'string':
    case 'string[]':
      return typeof v === 'string';
    case 'int32':
    case 'int':
    case 'int64':
    case 'long':
    case 'int32[]':
      return typeof v === 'number' && Number.isInteger(v);
    case 'double':
      return typeof v === 'number';
    case 'boolean':
    case 'switchparameter':
      return typeof v === 'boolean';
    case 'scriptblock':
      return isScriptBlock(v);
    case 'hashtable':
      return v instanceof PSHashtable;
    case 'datetime':
      return v instanceof Date;
    case 'byte[]':
      return v instanceof Uint8Array;
    case 'securestring':
      return v instanceof SecureString;
  }
  if (v instanceof PSObject) return v.typeNames.some((n) => n.toLowerCase() === t || n.toLowerCase().endsWith('.' + t));
  return false;
}
