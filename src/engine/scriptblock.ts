// Script block values: `{ ... }` bound to the scope that created it.
import type { ScriptBlock } from './values.js';
import type { CompiledBlock } from './compile.js';
import { Scope, ReturnSignal, andThen, type MP } from './runtime.js';
import { invokeBlockAsCommand } from './pipeline.js';

export class ScriptBlockValue implements ScriptBlock {
  readonly __scriptBlock = true as const;

  constructor(
    readonly block: CompiledBlock,
    /** Where the literal was evaluated: ForEach-Object and Where-Object run the block there. */
    readonly scope: Scope,
  ) {}

  /** The text between the braces, as PowerShell's ScriptBlock.ToString() gives it. */
  get text(): string {
    const t = this.block.ast.extent.text;
    return t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
  }

  toString(): string {
    return this.text;
  }

  /** Runs the block in its own scope with `$_` set, as ForEach-Object does (variables persist there). */
  invoke(opts: { dollarUnder?: unknown; args?: unknown[]; thisObject?: unknown } = {}): unknown[] | Promise<unknown[]> {
    const b = this.block;
    if (b.parameters?.length || (opts.args && opts.args.length)) {
      return this.invokeInNewScope(opts.args ?? [], opts.dollarUnder);
    }
    const s = this.scope;
    const prev = s.dollarUnder;
    const hasDU = 'dollarUnder' in opts;
    if (hasDU) s.dollarUnder = opts.dollarUnder;
    const restore = () => {
      if (hasDU) s.dollarUnder = prev;
    };
    if (b.singleExpr) {
      let v: MP<unknown>;
      try {
        v = b.singleExpr(s);
      } finally {
        restore();
      }
      return andThen(v, (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]));
    }
    const buf: unknown[] = [];
    const sink = (v: unknown) => {
      buf.push(v);
    };
    const body = b.process ?? b.end;
    let r: MP<void>;
    try {
      if (hasDU) s.dollarUnder = opts.dollarUnder;
      r = body ? body(s, sink) : undefined;
    } catch (e) {
      restore();
      if (e instanceof ReturnSignal) return buf;
      throw e;
    }
    if (r instanceof Promise) {
      return r.then(
        () => {
          restore();
          return buf;
        },
        (e) => {
          restore();
          if (e instanceof ReturnSignal) return buf;
          throw e;
        },
      );
    }
    restore();
    return buf;
  }

  invokeValue(dollarUnder: unknown): unknown {
    const b = this.block;
    if (b.singleExpr && !b.parameters?.length) {
      const s = this.scope;
      const prev = s.dollarUnder;
      s.dollarUnder = dollarUnder;
      try {
        return b.singleExpr(s);
      } finally {
        s.dollarUnder = prev;
      }
    }
    return andThen(this.invoke({ dollarUnder }), (buf) => (buf.length === 0 ? undefined : buf.length === 1 ? buf[0] : buf));
  }

  /** -replace with a script block: `$_` is the match. */
  invokeValueWith(_caller: Scope, match: unknown): unknown {
    return this.invokeValue(match);
  }

  /** `& $sb args` and `$sb.Invoke(args)`: a new scope, parameters bound like a function's. */
  invokeInNewScope(args: unknown[], dollarUnder?: unknown): MP<unknown[]> {
    return invokeBlockAsCommand(this.block, this.scope, args, dollarUnder);
  }
}
