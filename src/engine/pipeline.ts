// The pipeline processor: resolves commands, binds their parameters and pushes objects from one
// stage to the next synchronously. A stage whose process() returns a Promise gets a queue, so the
// order of objects is kept without a Promise per item on the fast path.
import type * as A from '../../grammar/ast.js';
import type { CmdletContext, CmdletDecl, Session, ProgressRecord } from './cmdlet.js';
import { ErrorRecord, PSRuntimeError, psError, type ErrorCategory } from './errors.js';
import { PSHashtable, isScriptBlock } from './values.js';
import { toStr } from './convert.js';
import {
  Scope,
  ReturnSignal,
  StopUpstreamSignal,
  PipelineStoppedSignal,
  andThen,
  writeEnumerated,
  type MP,
  type Sink,
} from './runtime.js';
import { compileExpr, locate, type CompiledBlock, type ExprFn, type StmtFn } from './compile.js';
import {
  Binding,
  CommandMetadata,
  bindCommandLine,
  bindPipelineObject,
  bindError,
  type BindArg,
  type CommonParameters,
} from './binder.js';
import { ScriptBlockValue } from './scriptblock.js';
import { functionMetadata, type FunctionMetadata } from './function-metadata.js';
import type { Runspace } from './runspace.js';

interface Processor {
  readonly name: string;
  /** Binds the command line (before any begin runs, as PowerShell does). */
  prepare(): void;
  begin(): MP<void>;
  process(item: unknown, hasInput: boolean): MP<void>;
  end(): MP<void>;
  dispose(): MP<void>;
}

/** One run of a pipeline statement. */
export class PipelineRun {
  /** Index of the stage that asked upstream to stop; -1 while none has. */
  stopAt = -1;
  constructor(readonly rs: Runspace) {}
}

class Stage {
  private queue: unknown[] = [];
  private head = 0;
  private busy: Promise<void> | undefined;
  private failed: unknown;

  constructor(readonly proc: Processor) {}

  push(item: unknown): void {
    if (this.failed !== undefined) throw this.failed;
    if (this.busy) {
      this.queue.push(item);
      return;
    }
    const r = this.proc.process(item, true);
    if (r instanceof Promise) this.busy = this.drain(r);
  }

  private async drain(first: Promise<void>): Promise<void> {
    try {
      await first;
      while (this.head < this.queue.length) {
        const item = this.queue[this.head++];
        await this.proc.process(item, true);
      }
    } catch (e) {
      this.failed = e;
    } finally {
      this.queue = [];
      this.head = 0;
      this.busy = undefined;
    }
  }

  /** Resolves when every queued object has been processed; rethrows what failed meanwhile. */
  idle(): MP<void> {
    if (this.busy) return this.busy.then(() => this.idle());
    if (this.failed !== undefined) {
      const f = this.failed;
      this.failed = undefined;
      throw f;
    }
  }
}

// ---------------------------------------------------------------- compile

interface CompiledElement {
  kind: 'expression' | 'command';
  expr?: ExprFn;
  command?: A.CommandAst;
  name?: ExprFn;
  staticName?: string;
  args?: { param?: A.CommandParameterAst; value?: ExprFn; splat?: boolean; text?: string; extent: A.Extent }[];
  extent: A.Extent;
}

export function compilePipeline(ast: A.PipelineAst): StmtFn {
  const elements: CompiledElement[] = ast.elements.map((el, i) => {
    if (el.kind === 'CommandExpression') {
      if (i > 0) {
        throw psError('Expressions are only allowed as the first element of a pipeline.', 'ExpressionsMustBeFirstInPipeline', 'ParserError', undefined, 'System.Management.Automation.ParseException');
      }
      return { kind: 'expression', expr: compileExpr(el.expression), extent: el.extent };
    }
    return compileCommandElement(el);
  });
  const redirections = ast.elements.flatMap((e) => e.redirections);
  const single = elements.length === 1 && elements[0].kind === 'expression' ? elements[0].expr! : undefined;
  // `$i++` alone is a statement, not a value: it writes nothing (`($i++)` does)
  const first = ast.elements[0];
  const discards = first.kind === 'CommandExpression' && first.expression.kind === 'UnaryExpression' && /^(post)?(\+\+|--)$/.test(first.expression.operator);

  let run: StmtFn;
  if (single && discards) {
    run = (s) => {
      const v = single(s);
      if (v instanceof Promise) return v.then(() => undefined);
    };
  } else if (single) {
    run = (s, out) => {
      const v = single(s);
      if (v instanceof Promise) return v.then((x) => writeEnumerated(out, x));
      writeEnumerated(out, v);
    };
  } else {
    run = (s, out) => runPipeline(s, elements, out);
  }
  if (redirections.length === 0) return run;
  const redir = redirections.map((r) => ({ ...r, targetFn: r.target ? compileExpr(r.target) : undefined }));
  return (s, out) => s.rs.withRedirections(s, redir, out, (o) => run(s, o));
}

function compileCommandElement(el: A.CommandAst): CompiledElement {
  const [first, ...rest] = el.elements;
  let staticName: string | undefined;
  let name: ExprFn | undefined;
  if (first.kind === 'StringConstant' && !el.invocationOperator) staticName = first.value;
  else if (first.kind === 'CommandParameter') throw psError(`The term '-${first.name}' is not recognized as a name of a cmdlet, function, script file, or executable program.`, 'CommandNotFoundException', 'ObjectNotFound');
  else name = compileExpr(first);
  const args = rest.map((a) => {
    if (a.kind === 'CommandParameter') {
      return { param: a, value: a.argument ? compileExpr(a.argument) : undefined, extent: a.extent };
    }
    if (a.kind === 'Variable' && a.splatted) return { value: compileExpr({ ...a, splatted: false }), splat: true, extent: a.extent };
    return { value: compileExpr(a), text: a.kind === 'StringConstant' ? a.value : undefined, extent: a.extent };
  });
  return { kind: 'command', command: el, name, staticName, args, extent: el.extent };
}

/** Evaluates the arguments of a command into binder input. */
function evaluateArgs(s: Scope, el: CompiledElement): MP<BindArg[]> {
  const out: BindArg[] = [];
  const args = el.args!;
  let i = 0;
  const step = (): MP<BindArg[]> => {
    for (; i < args.length; i++) {
      const a = args[i];
      if (a.param) {
        if (!a.value) {
          out.push({ name: a.param.name, text: '-' + a.param.name, hasValue: false, extent: a.extent });
          continue;
        }
        const v = a.value(s);
        if (v instanceof Promise) {
          const idx = i;
          return v.then((x) => {
            out.push({ name: a.param!.name, value: x, hasValue: true, extent: a.extent });
            i = idx + 1;
            return step();
          });
        }
        out.push({ name: a.param.name, value: v, hasValue: true, extent: a.extent });
        continue;
      }
      const v = a.value!(s);
      if (v instanceof Promise) {
        const idx = i;
        return v.then((x) => {
          pushArg(out, a, x);
          i = idx + 1;
          return step();
        });
      }
      pushArg(out, a, v);
    }
    return out;
  };
  return step();
}

function pushArg(out: BindArg[], a: { splat?: boolean; text?: string; extent: A.Extent }, v: unknown): void {
  if (a.splat) {
    if (v instanceof PSHashtable) {
      for (const [k, val] of v.entries()) out.push({ name: toStr(k), value: val, hasValue: true, extent: a.extent, splatted: true });
    } else if (Array.isArray(v)) {
      for (const x of v) out.push({ value: x, hasValue: true, extent: a.extent });
    } else if (v !== null && v !== undefined) out.push({ value: v, hasValue: true, extent: a.extent });
    return;
  }
  out.push({ value: v === undefined ? null : v, hasValue: true, extent: a.extent, text: a.text });
}

// ---------------------------------------------------------------- run

function runPipeline(s: Scope, elements: CompiledElement[], out: Sink): MP<void> {
  const rs = s.rs;
  const run = new PipelineRun(rs);
  // evaluate every command's arguments and resolve it first; binding errors stop the whole pipeline
  const procs: (Processor | undefined)[] = new Array(elements.length);
  const stages: Stage[] = new Array(elements.length);
  const sinkFor = (i: number): Sink => (i + 1 < elements.length ? (v) => stages[i + 1].push(v) : out);

  let i = 0;
  const prepare = (): MP<void> => {
    for (; i < elements.length; i++) {
      const el = elements[i];
      if (el.kind === 'expression') continue;
      const idx = i;
      const r = andThen(el.name ? el.name(s) : el.staticName!, (name) =>
        andThen(evaluateArgs(s, el), (args) => {
          const p = createProcessor(s, name, args, run, idx, idx > 0, sinkFor(idx), el);
          procs[idx] = p;
          stages[idx] = new Stage(p);
        }),
      );
      if (r instanceof Promise) {
        return r.then(() => {
          i = idx + 1;
          return prepare();
        });
      }
    }
    for (const p of procs) p?.prepare();
  };

  const dispose = (): MP<void> => {
    let chain: MP<void> = undefined;
    for (const p of procs) if (p) chain = andThen(chain, () => p.dispose());
    return chain;
  };

  const endFrom = (from: number): MP<void> => {
    let k = from;
    const step = (): MP<void> => {
      for (; k < elements.length; k++) {
        const p = procs[k];
        if (!p) continue;
        const idx = k;
        const r = andThen(stages[idx].idle(), () => p.end());
        const after = andThen(r, () => (idx + 1 < elements.length && stages[idx + 1] ? stages[idx + 1].idle() : undefined));
        if (after instanceof Promise) {
          return after.then(() => {
            k = idx + 1;
            return step();
          });
        }
      }
    };
    return step();
  };

  const feed = (): MP<void> => {
    const first = elements[0];
    if (first.kind === 'expression') {
      return andThen(first.expr!(s), (v) => {
        const next = stages[1];
        if (v === undefined) return;
        if (!Array.isArray(v)) {
          next.push(v);
          return;
        }
        for (let j = 0; j < v.length; j++) {
          next.push(v[j]);
          if (run.stopAt > 0) return;
          if (rs.stopRequested && (j & 1023) === 0) throw new PipelineStoppedSignal();
        }
      });
    }
    return procs[0]!.process(undefined, false);
  };

  const onError = (e: unknown): MP<void> => {
    if (e instanceof StopUpstreamSignal && e.pipeline === run) return endFrom(run.stopAt);
    return andThen(dispose(), () => {
      throw e;
    });
  };

  const main = (): MP<void> => {
    let r: MP<void>;
    try {
      r = andThen(prepare(), () => {
        let k = 0;
        const begins = (): MP<void> => {
          for (; k < procs.length; k++) {
            const p = procs[k];
            if (!p) continue;
            const b = p.begin();
            if (b instanceof Promise) {
              const idx = k;
              return b.then(() => {
                k = idx + 1;
                return begins();
              });
            }
          }
        };
        return andThen(begins(), () => andThen(feed(), () => endFrom(0)));
      });
    } catch (e) {
      return onError(e);
    }
    if (r instanceof Promise) return r.catch(onError);
    return r;
  };
  return main();
}

// ---------------------------------------------------------------- command resolution

function createProcessor(s: Scope, name: unknown, args: BindArg[], run: PipelineRun, index: number, expectingInput: boolean, next: Sink, el: CompiledElement): Processor {
  const rs = s.rs;
  const dot = el.command?.invocationOperator === '.';
  if (name instanceof ScriptBlockValue) {
    return new FunctionProcessor(name.block, '', s, args, run, index, expectingInput, next, el.extent, dot);
  }
  if (isScriptBlock(name)) throw psError('The script block cannot be invoked.', 'CantInvokeScriptBlock', 'InvalidOperation');
  let cmdName = toStr(name);
  const resolved = rs.resolveCommand(cmdName, s);
  if (resolved?.kind === 'cmdlet') return new CmdletProcessor(resolved.decl, resolved.name, s, args, run, index, expectingInput, next, el.extent);
  if (resolved?.kind === 'function') {
    return new FunctionProcessor(resolved.block, resolved.name, s, args, run, index, expectingInput, next, el.extent, dot, resolved.isFilter);
  }
  if (resolved?.kind === 'script') {
    return new FunctionProcessor(resolved.block, resolved.name, s, args, run, index, expectingInput, next, el.extent, dot, false, resolved.path);
  }
  cmdName = cmdName || toStr(name);
  const rec = new ErrorRecord(
    `The term '${cmdName}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    'CommandNotFoundException',
    'ObjectNotFound',
    cmdName,
    'System.Management.Automation.CommandNotFoundException',
  );
  rec.invocationInfo = { commandName: cmdName, extent: el.command?.elements[0].extent ?? el.extent, scriptName: el.extent.file };
  throw new PSRuntimeError(rec);
}

// ---------------------------------------------------------------- cmdlets

const metaCache = new WeakMap<CmdletDecl<any>, CommandMetadata>();

export function cmdletMetadata(decl: CmdletDecl<any>): CommandMetadata {
  let m = metaCache.get(decl);
  if (!m) {
    m = new CommandMetadata(decl.name, decl.parameters, decl.defaultParameterSet, !!decl.supportsShouldProcess, true);
    metaCache.set(decl, m);
  }
  return m;
}

const impactRank: Record<string, number> = { none: 0, low: 1, medium: 2, high: 3 };

class CmdletProcessor implements Processor, CmdletContext {
  binding!: Binding;
  private commandLineSets: string[] = [];
  /** The one parameter that takes any pipeline object as it is (InputObject): bound without the binder. */
  private fastInput?: string;
  private hasPipelineParams = false;
  input: unknown = undefined;
  readonly state: Record<string, any> = {};
  readonly session: Session;
  readonly commandName: string;
  private readonly abort = new AbortController();

  constructor(
    readonly decl: CmdletDecl<any>,
    readonly name: string,
    readonly scope: Scope,
    private readonly args: BindArg[],
    private readonly run: PipelineRun,
    private readonly index: number,
    readonly expectingInput: boolean,
    private readonly next: Sink,
    private readonly extent: A.Extent,
  ) {
    this.commandName = decl.name;
    this.session = scope.rs.sessionFor(scope);
    scope.rs.trackAbort(this.abort);
  }

  get params(): Record<string, any> {
    return this.binding.values;
  }
  get bound(): ReadonlySet<string> {
    return this.binding.bound;
  }
  get parameterSetName(): string {
    return this.binding.setName;
  }
  get signal(): AbortSignal {
    return this.abort.signal;
  }
  private get common(): CommonParameters {
    return this.binding.common;
  }

  prepare(): void {
    try {
      this.binding = bindCommandLine(cmdletMetadata(this.decl), this.args, this.expectingInput);
    } catch (e) {
      throw this.located(e);
    }
    this.commandLineSets = [...this.binding.candidateSets];
    const meta = this.binding.meta;
    const pipeParams = meta.params.filter(
      (p) => !p.common && !this.binding.bound.has(p.name) && (p.decl.valueFromPipeline || p.decl.valueFromPipelineByPropertyName) && this.commandLineSets.some((set) => meta.inSet(p, set)),
    );
    this.hasPipelineParams = pipeParams.length > 0;
    if (pipeParams.length === 1) {
      const p = pipeParams[0].decl;
      const t = p.type.toLowerCase();
      if (p.valueFromPipeline && !p.valueFromPipelineByPropertyName && (t === 'psobject' || t === 'object') && !p.convert && !p.validateSet && !p.validateNotNullOrEmpty) {
        this.fastInput = p.name;
      }
    }
  }

  private located(e: unknown): unknown {
    if (e instanceof PSRuntimeError) {
      const info = (e.record.invocationInfo ??= {});
      info.commandName ??= this.decl.name;
      info.extent ??= this.extent;
      info.scriptName ??= this.extent.file;
      return e;
    }
    return locate(e, { extent: this.extent });
  }

  private call(f: ((ctx: CmdletContext<any>) => void | Promise<void>) | undefined): MP<void> {
    if (!f) return;
    try {
      const r = f.call(this.decl, this);
      if (r instanceof Promise) return r.catch((e) => { throw this.wrap(e); });
    } catch (e) {
      throw this.wrap(e);
    }
  }

  private wrap(e: unknown): unknown {
    if (e instanceof StopUpstreamSignal || e instanceof PipelineStoppedSignal || e instanceof ReturnSignal) return e;
    if (e && typeof e === 'object' && e.constructor && /Signal$/.test(e.constructor.name)) return e;
    if (e instanceof PSRuntimeError) return this.located(e);
    // anything else a cmdlet throws is a terminating error of that cmdlet, never a stack trace
    const msg = e instanceof Error ? e.message : String(e);
    const rec = new ErrorRecord(msg, `${(e as { code?: string })?.code ?? 'System.Exception'},${this.decl.name}`, 'NotSpecified', undefined, 'System.Exception');
    return this.located(new PSRuntimeError(rec));
  }

  begin(): MP<void> {
    return this.call(this.decl.begin);
  }

  process(item: unknown, hasInput: boolean): MP<void> {
    if (hasInput) {
      if (this.fastInput) {
        this.binding.values[this.fastInput] = item;
        this.binding.bound.add(this.fastInput);
      } else {
        let ok = false;
        if (this.hasPipelineParams) {
          try {
            ok = bindPipelineObject(this.binding, item, this.commandLineSets);
          } catch (e) {
            this.writeError((this.located(e) as PSRuntimeError).record);
            return;
          }
        }
        if (!ok) {
          const e = bindError(
            this.decl.name,
            'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
            'InputObjectNotBound',
            { extent: this.extent },
          );
          (e.record as { targetObject?: unknown }).targetObject = item;
          this.writeError((this.located(e) as PSRuntimeError).record);
          return;
        }
      }
      this.input = item;
    }
    return this.call(this.decl.process);
  }

  end(): MP<void> {
    return this.call(this.decl.end);
  }

  dispose(): MP<void> {
    this.abort.abort();
    this.scope.rs.untrackAbort(this.abort);
    if (!this.decl.dispose) return;
    try {
      const r = this.decl.dispose(this);
      if (r instanceof Promise) return r.catch(() => undefined);
    } catch {
      /* releasing resources must not hide the original error */
    }
  }

  // ---- CmdletContext

  write(value: unknown, enumerate = true): void {
    if (enumerate) {
      if (value === undefined) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) this.emit(value[i]);
        return;
      }
    }
    this.emit(value);
  }

  private emit(v: unknown): void {
    this.next(v);
    if (this.run.stopAt > this.index) throw new StopUpstreamSignal(this.run);
    if (this.scope.rs.stopRequested) throw new PipelineStoppedSignal();
  }

  writeError(error: ErrorRecord | string, errorId?: string, category?: ErrorCategory, target?: unknown): void {
    const rec =
      typeof error === 'string'
        ? new ErrorRecord(error, `${errorId ?? 'Microsoft.PowerShell.Commands.WriteErrorException'},${this.decl.name}`, category ?? 'NotSpecified', target)
        : error;
    rec.invocationInfo ??= {};
    rec.invocationInfo.commandName ??= this.decl.name;
    rec.invocationInfo.extent ??= this.extent;
    rec.invocationInfo.scriptName ??= this.extent.file;
    this.scope.rs.nonTerminatingError(rec, this.common, this.scope);
  }

  writeWarning(message: string): void {
    this.scope.rs.warning(message, this.common, this.scope);
  }
  writeVerbose(message: string): void {
    this.scope.rs.verbose(message, this.common, this.scope);
  }
  writeDebug(message: string): void {
    this.scope.rs.debug(message, this.common, this.scope);
  }
  writeInformation(message: string, opts?: { foregroundColor?: string; noNewline?: boolean }): void {
    const pref = this.common.informationAction;
    if (pref === 'Ignore' || pref === 'SilentlyContinue') return;
    this.scope.rs.information(message, opts);
  }
  writeProgress(record: ProgressRecord): void {
    this.scope.rs.progress(record, this.scope);
  }

  async shouldProcess(target: string, action: string): Promise<boolean> {
    const rs = this.scope.rs;
    const whatIf = this.common.whatIf ?? rs.preferenceBool('WhatIfPreference', this.scope);
    if (whatIf) {
      rs.information(`What if: Performing the operation "${action}" on target "${target}".`);
      return false;
    }
    const impact = impactRank[(this.decl.confirmImpact ?? 'Medium').toLowerCase()];
    const pref = impactRank[String(rs.preference('ConfirmPreference', this.scope) ?? 'High').toLowerCase()] ?? 3;
    const confirm = this.common.confirm ?? (impact >= pref && pref > 0);
    if (!confirm) return true;
    if (!rs.host.interactive) {
      this.throwTerminating(
        new ErrorRecord(
          `${this.decl.name} needs confirmation to perform the operation "${action}" on target "${target}", and this session is non-interactive. Add -Confirm:$false to proceed.`,
          `ConfirmationRequired,${this.decl.name}`,
          'InvalidOperation',
          target,
          'System.Management.Automation.PSInvalidOperationException',
        ),
      );
    }
    return rs.host.confirm('Confirm', `Are you sure you want to perform this action?\nPerforming the operation "${action}" on target "${target}".`);
  }

  async shouldContinue(query: string, caption: string): Promise<boolean> {
    const rs = this.scope.rs;
    if (!rs.host.interactive) return false;
    return rs.host.confirm(caption, query);
  }

  throwTerminating(error: ErrorRecord | string, errorId?: string, category?: ErrorCategory, target?: unknown): never {
    const rec = typeof error === 'string' ? new ErrorRecord(error, `${errorId ?? 'Error'},${this.decl.name}`, category ?? 'NotSpecified', target) : error;
    rec.invocationInfo ??= {};
    rec.invocationInfo.commandName ??= this.decl.name;
    rec.invocationInfo.extent ??= this.extent;
    rec.invocationInfo.scriptName ??= this.extent.file;
    throw new PSRuntimeError(rec);
  }

  stopUpstream(): void {
    if (this.run.stopAt < this.index) this.run.stopAt = this.index;
  }
}

// ---------------------------------------------------------------- functions and scripts

const fnMetaCache = new WeakMap<CompiledBlock, FunctionMetadata>();

function metadataOf(block: CompiledBlock, name: string): FunctionMetadata {
  let m = fnMetaCache.get(block);
  if (!m) {
    m = functionMetadata(block, name);
    fnMetaCache.set(block, m);
  }
  return m;
}

class FunctionProcessor implements Processor {
  private binding!: Binding;
  private meta!: FunctionMetadata;
  private scope!: Scope;
  private commandLineSets: string[] = [];
  private buffered: unknown[] = [];
  private readonly out: Sink;

  constructor(
    private readonly block: CompiledBlock,
    readonly name: string,
    private readonly caller: Scope,
    private readonly args: BindArg[],
    run: PipelineRun,
    index: number,
    private readonly expectingInput: boolean,
    next: Sink,
    private readonly extent: A.Extent,
    private readonly dotSource: boolean,
    private readonly isFilter = false,
    private readonly scriptPath?: string,
  ) {
    this.out = (v) => {
      next(v);
      if (run.stopAt > index) throw new StopUpstreamSignal(run);
    };
  }

  prepare(): void {
    this.meta = metadataOf(this.block, this.name || 'ScriptBlock');
    try {
      this.binding = bindCommandLine(this.meta.command, this.args, this.expectingInput);
    } catch (e) {
      if (e instanceof PSRuntimeError) {
        const info = (e.record.invocationInfo ??= {});
        info.extent ??= this.extent;
        info.scriptName ??= this.extent.file;
      }
      throw e;
    }
    this.commandLineSets = [...this.binding.candidateSets];
  }

  begin(): MP<void> {
    const rs = this.caller.rs;
    this.scope = this.dotSource ? this.caller : new Scope(this.caller, rs, !!this.scriptPath);
    rs.enterCall(this.extent);
    const s = this.scope;
    if (this.scriptPath) {
      s.vars.set('psscriptroot', { name: 'PSScriptRoot', value: rs.dirname(this.scriptPath) });
      s.vars.set('pscommandpath', { name: 'PSCommandPath', value: this.scriptPath });
    }
    s.vars.set('args', { name: 'args', value: this.binding.remaining });
    return andThen(this.assignParameters(), () => this.runBlock(this.block.begin));
  }

  /** Sets one variable per declared parameter: bound value, else its default, else the type's empty value. */
  private assignParameters(): MP<void> {
    const s = this.scope;
    const b = this.binding;
    const bp = new PSHashtable();
    let chain: MP<void> = undefined;
    for (const p of this.meta.command.params) {
      if (p.common) continue;
      if (b.bound.has(p.name)) {
        s.set(p.name, b.values[p.name]);
        bp.set(p.name, b.values[p.name]);
        continue;
      }
      const def = this.meta.defaults.get(p.name);
      if (def) {
        chain = andThen(chain, () => andThen(def(s), (v) => s.set(p.name, v === undefined ? null : this.meta.convertDefault(p.name, v))));
      } else s.set(p.name, emptyValue(p.decl.type, p.isSwitch));
    }
    s.vars.set('psboundparameters', { name: 'PSBoundParameters', value: bp });
    return chain;
  }

  private runBlock(body: StmtFn | undefined): MP<void> {
    if (!body) return;
    const onErr = (e: unknown) => {
      if (e instanceof ReturnSignal) return;
      throw e;
    };
    try {
      const r = body(this.scope, this.out);
      if (r instanceof Promise) return r.catch(onErr);
    } catch (e) {
      onErr(e);
    }
  }

  process(item: unknown, hasInput: boolean): MP<void> {
    const s = this.scope;
    const processBlock = this.block.process ?? (this.isFilter ? this.block.end : undefined);
    if (hasInput) {
      if (this.meta.hasPipelineParams) {
        const ok = bindPipelineObject(this.binding, item, this.commandLineSets);
        if (ok) for (const n of this.binding.bound) if (!this.binding.fromCommandLine.has(n)) s.set(n, this.binding.values[n]);
      }
      if (!processBlock) {
        this.buffered.push(item);
        return;
      }
      s.dollarUnder = item;
      return this.runBlock(processBlock);
    }
    if (processBlock) {
      s.dollarUnder = null;
      return this.runBlock(processBlock);
    }
  }

  end(): MP<void> {
    const s = this.scope;
    s.vars.set('input', { name: 'input', value: this.buffered });
    const body = this.isFilter && !this.block.process ? undefined : this.block.end;
    if (this.block.process || !this.isFilter) s.dollarUnder = this.block.process ? s.dollarUnder : null;
    const r = this.runBlock(body);
    return andThen(r, () => {
      this.caller.rs.exitCall();
    });
  }

  dispose(): MP<void> {
    return undefined;
  }
}

function emptyValue(type: string, isSwitch: boolean): unknown {
  if (isSwitch) return false;
  switch (type.toLowerCase()) {
    case 'string':
    case 'system.string':
      return '';
    case 'int':
    case 'int32':
    case 'long':
    case 'int64':
    case 'double':
    case 'system.int32':
      return 0;
    case 'bool':
    case 'boolean':
      return false;
  }
  return null;
}

/** `& $sb args` / `$sb.Invoke()`: runs a block like a function and collects its output. */
export function invokeBlockAsCommand(block: CompiledBlock, caller: Scope, args: unknown[], dollarUnder?: unknown): MP<unknown[]> {
  const buf: unknown[] = [];
  const run = new PipelineRun(caller.rs);
  const extent = block.ast.extent;
  const p = new FunctionProcessor(block, '', caller, args.map((v) => ({ value: v, hasValue: true })), run, 0, false, (v) => buf.push(v), extent, false);
  p.prepare();
  return andThen(p.begin(), () =>
    andThen(
      (() => {
        if (dollarUnder !== undefined) {
          // $_ for the block's body, as ForEach-Object gives it
          (p as unknown as { scope: Scope }).scope.dollarUnder = dollarUnder;
        }
        return p.process(undefined, false);
      })(),
      () => andThen(p.end(), () => buf),
    ),
  );
}


/**
 * Runs a script file (`edgeshell -File x.ps1 a -B c`) in a new script scope. Arguments that look
 * like `-Name` are parameter names, as PowerShell's command line treats them.
 */
export function invokeScriptFile(rs: Runspace, block: CompiledBlock, file: string, args: string[], out: Sink): MP<void> {
  const bindArgs: BindArg[] = [];
  for (const a of args) {
    const m = /^-([A-Za-z_][\w-]*)(:(.*))?$/.exec(a);
    if (m) bindArgs.push(m[2] !== undefined ? { name: m[1], value: m[3], hasValue: true } : { name: m[1], hasValue: false, text: a });
    else bindArgs.push({ value: a, hasValue: true, text: a });
  }
  const run = new PipelineRun(rs);
  const extent = block.ast.extent;
  const p = new FunctionProcessor(block, file, rs.global, bindArgs, run, 0, false, out, extent, false, false, file);
  p.prepare();
  return andThen(p.begin(), () => andThen(p.process(undefined, false), () => p.end()));
}
