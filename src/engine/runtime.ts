// Scopes, variables, control-flow signals and the maybe-promise helpers the compiled code uses.
import type { Runspace } from './runspace.js';

/** A value or a promise of it: the engine stays synchronous until a command really waits. */
export type MP<T> = T | Promise<T>;

export function andThen<T, R>(v: MP<T>, f: (v: T) => MP<R>): MP<R> {
  return v instanceof Promise ? v.then(f) : f(v);
}

export interface Variable {
  name: string;
  value: unknown;
  readOnly?: boolean;
  description?: string;
}

/** Marks "no $_ in this scope": lookups continue to the parent. */
export const UNSET: unique symbol = Symbol('unset');

export interface FunctionDef {
  name: string;
  isFilter: boolean;
  /** Compiled form, built lazily by the compiler. */
  block: unknown;
  text: string;
}

export class Scope {
  readonly vars = new Map<string, Variable>();
  functions?: Map<string, FunctionDef>;
  dollarUnder: unknown = UNSET;
  /** The script scope this scope belongs to ($script:). */
  readonly script: Scope;

  constructor(
    public readonly parent: Scope | undefined,
    public readonly rs: Runspace,
    isScriptScope = false,
  ) {
    this.script = isScriptScope || !parent ? this : parent.script;
  }

  get global(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }

  lookup(lname: string): Variable | undefined {
    let s: Scope | undefined = this;
    while (s) {
      const v = s.vars.get(lname);
      if (v) return v;
      s = s.parent;
    }
    return undefined;
  }

  getDollarUnder(): unknown {
    let s: Scope | undefined = this;
    while (s) {
      if (s.dollarUnder !== UNSET) return s.dollarUnder;
      s = s.parent;
    }
    return null;
  }

  /** Assignment creates the variable in this scope unless it exists here already. */
  set(name: string, value: unknown): void {
    const lname = name.toLowerCase();
    const v = this.vars.get(lname);
    if (v) {
      if (v.readOnly) throw readOnlyError(name);
      v.value = value;
    } else this.vars.set(lname, { name, value });
  }

  /** Updates the nearest existing variable, else creates it here ($x++ and += read then write here). */
  setLocal(name: string, value: unknown): void {
    this.set(name, value);
  }

  lookupFunction(lname: string): FunctionDef | undefined {
    let s: Scope | undefined = this;
    while (s) {
      const f = s.functions?.get(lname);
      if (f) return f;
      s = s.parent;
    }
    return undefined;
  }

  defineFunction(def: FunctionDef): void {
    (this.functions ??= new Map()).set(def.name.toLowerCase(), def);
  }

  allFunctions(): FunctionDef[] {
    const seen = new Map<string, FunctionDef>();
    let s: Scope | undefined = this;
    while (s) {
      for (const [k, f] of s.functions ?? []) if (!seen.has(k)) seen.set(k, f);
      s = s.parent;
    }
    return [...seen.values()];
  }
}

import { psError } from './errors.js';

export function readOnlyError(name: string): Error {
  return psError(
    `Cannot overwrite variable ${name} because it is read-only or constant.`,
    'VariableNotWritable',
    'WriteError',
    name,
    'System.Management.Automation.SessionStateUnauthorizedAccessException',
  );
}

// ---------------------------------------------------------------- control flow signals
// Plain classes, not Errors: no stack capture on the hot path of `return` and `break`.

export class BreakSignal {
  constructor(public readonly label?: string) {}
}
export class ContinueSignal {
  constructor(public readonly label?: string) {}
}
export class ReturnSignal {}
export class ExitSignal {
  constructor(public readonly code: number) {}
}
/** Select-Object -First N asked upstream commands to stop. */
export class StopUpstreamSignal {
  constructor(public readonly pipeline: object) {}
}
/** Ctrl+C: the running pipeline is stopped. */
export class PipelineStoppedSignal {}

export function isSignal(e: unknown): boolean {
  return (
    e instanceof BreakSignal ||
    e instanceof ContinueSignal ||
    e instanceof ReturnSignal ||
    e instanceof ExitSignal ||
    e instanceof StopUpstreamSignal ||
    e instanceof PipelineStoppedSignal
  );
}

/** Output of a statement: objects are written one at a time. */
export type Sink = (value: unknown) => void;

/** Writes a value the way the pipeline does: arrays are enumerated, AutomationNull writes nothing. */
export function writeEnumerated(out: Sink, v: unknown): void {
  if (v === undefined) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) out(v[i]);
  } else out(v);
}
