// Compiles the AST once into closures. Each closure runs synchronously and returns a plain value;
// only when a command really waits does a Promise appear, and the callers continue with `then`.
import type * as A from '../../grammar/ast.js';
import { PSDouble, PSHashtable, PSObject, PSTypeRef, PSChar, TimeSpan, isScriptBlock } from './values.js';
import { ErrorRecord, PSRuntimeError, psError } from './errors.js';
import { convertTo, resolveTypeName, toArray, toBool, toNumber, toStr, equals } from './convert.js';
import { getMember, getStatic, invokeMethod, invokeStatic, setMember } from './members.js';
import * as ops from './operators.js';
import { wildcardMatch } from './wildcard.js';
import {
  BreakSignal,
  ContinueSignal,
  ExitSignal,
  ReturnSignal,
  Scope,
  isSignal,
  andThen,
  type MP,
  type Sink,
} from './runtime.js';
import { compilePipeline } from './pipeline.js';
import { ScriptBlockValue } from './scriptblock.js';

export type ExprFn = (s: Scope) => MP<unknown>;
export type StmtFn = (s: Scope, out: Sink) => MP<void>;

export interface CompiledBlock {
  ast: A.ScriptBlockAst;
  /** param() block or function(a, b) parameters */
  parameters?: A.ParameterAst[];
  paramBlock?: A.ParamBlockAst;
  begin?: StmtFn;
  process?: StmtFn;
  end?: StmtFn;
  /** The block is one expression (`{ $_ -gt 2 }`): Where-Object and friends call it directly. */
  singleExpr?: ExprFn;
}

const blockCache = new WeakMap<A.ScriptBlockAst, CompiledBlock>();

export function compileScriptBlock(ast: A.ScriptBlockAst, parameters?: A.ParameterAst[]): CompiledBlock {
  let c = blockCache.get(ast);
  if (c && !parameters) return c;
  c = {
    ast,
    parameters: parameters ?? ast.paramBlock?.parameters,
    paramBlock: ast.paramBlock,
    begin: ast.begin ? compileStatements(ast.begin) : undefined,
    process: ast.process ? compileStatements(ast.process) : undefined,
    end: ast.end ? compileStatements(ast.end) : undefined,
  };
  if (!ast.begin && !ast.process && ast.end && ast.end.length === 1 && !ast.paramBlock) {
    const only = ast.end[0];
    if (only.kind === 'Pipeline' && only.elements.length === 1 && only.elements[0].kind === 'CommandExpression' && only.elements[0].redirections.length === 0) {
      c.singleExpr = withExtent(compileExpr(only.elements[0].expression), only.elements[0].expression);
    }
  }
  if (!parameters) blockCache.set(ast, c);
  return c;
}

// ---------------------------------------------------------------- statements

/** Runs statements in order; a statement-terminating error is reported and the next statement runs. */
export function compileStatements(list: A.StatementAst[]): StmtFn {
  const traps = list.filter((st): st is A.TrapAst => st.kind === 'Trap');
  if (traps.length) return compileTrappedStatements(list.filter((st) => st.kind !== 'Trap'), traps);
  const fns = list.map(compileStatement);
  if (fns.length === 1) {
    const f = fns[0];
    return (s, out) => {
      let r: MP<void>;
      try {
        r = f(s, out);
      } catch (e) {
        return s.rs.statementFailed(e, s);
      }
      if (r instanceof Promise) return r.catch((e) => s.rs.statementFailed(e, s));
    };
  }
  const run = (s: Scope, out: Sink, from: number): MP<void> => {
    for (let i = from; i < fns.length; i++) {
      let r: MP<void>;
      try {
        r = fns[i](s, out);
      } catch (e) {
        s.rs.statementFailed(e, s);
        continue;
      }
      if (r instanceof Promise) {
        return r.then(
          () => run(s, out, i + 1),
          (e) => {
            s.rs.statementFailed(e, s);
            return run(s, out, i + 1);
          },
        );
      }
    }
  };
  return (s, out) => run(s, out, 0);
}

/**
 * A block with `trap` statements: a terminating error in any of its statements runs the matching
 * trap with `$_` set. `continue` in the trap drops the error, `break` rethrows it, and otherwise the
 * error is reported; either way the block goes on with the next statement, as in PowerShell.
 */
function compileTrappedStatements(list: A.StatementAst[], trapAsts: A.TrapAst[]): StmtFn {
  const fns = list.map(compileStatement);
  const traps = trapAsts.map((t) => ({ type: t.typeName?.toLowerCase(), body: compileStatements(t.body) }));
  const onError = (s: Scope, out: Sink, e: unknown): MP<void> => {
    if (isSignal(e)) throw e;
    const err = e instanceof PSRuntimeError ? e : wrapJsError(e);
    const trap = traps.find((t) => !t.type || catchMatches(t.type, err.record));
    if (!trap) {
      s.rs.tryDepth--;
      try {
        return s.rs.statementFailed(err, s);
      } finally {
        s.rs.tryDepth++;
      }
    }
    const prev = s.dollarUnder;
    s.dollarUnder = err.record;
    const settle = (signal: unknown): void => {
      s.dollarUnder = prev;
      if (signal instanceof ContinueSignal) {
        s.rs.recordError(err.record);
        return;
      }
      if (signal instanceof BreakSignal) {
        err.terminatesScript = true;
        throw err;
      }
      if (signal !== undefined) throw signal;
      s.rs.reportTrapped(err.record);
    };
    let r: MP<void>;
    try {
      r = trap.body(s, out);
    } catch (sig) {
      return settle(sig);
    }
    if (r instanceof Promise) return r.then(() => settle(undefined), settle);
    return settle(undefined);
  };
  const run = (s: Scope, out: Sink, from: number): MP<void> => {
    for (let i = from; i < fns.length; i++) {
      let r: MP<void>;
      try {
        r = fns[i](s, out);
      } catch (e) {
        const h = onError(s, out, e);
        if (h instanceof Promise) return h.then(() => run(s, out, i + 1));
        continue;
      }
      if (r instanceof Promise) {
        return r.then(
          () => run(s, out, i + 1),
          (e) => andThen(onError(s, out, e), () => run(s, out, i + 1)),
        );
      }
    }
  };
  // errors inside nested blocks and called functions come up to these traps, as to a try
  return (s, out) => {
    s.rs.tryDepth++;
    let r: MP<void>;
    try {
      r = run(s, out, 0);
    } catch (e) {
      s.rs.tryDepth--;
      throw e;
    }
    if (r instanceof Promise) return r.finally(() => s.rs.tryDepth--);
    s.rs.tryDepth--;
  };
}

/** Runs one statement; afterwards $? tells whether it wrote or raised an error. */
export function compileStatement(st: A.StatementAst): StmtFn {
  const fn = compileStatementInner(st);
  return (s, out) => {
    const rs = s.rs;
    const errorsBefore = rs.errorCount;
    const done = () => {
      rs.lastStatus = rs.errorCount === errorsBefore;
    };
    try {
      const r = fn(s, out);
      if (r instanceof Promise) {
        return r.then(done, (e) => {
          throw locate(e, st);
        });
      }
      done();
      return r;
    } catch (e) {
      throw locate(e, st);
    }
  };
}

/** Gives an error without a position the statement's extent, for the `Line |` excerpt. */
export function locate(e: unknown, node: { extent: A.Extent }): unknown {
  if (isSignal(e)) return e;
  const err = e instanceof PSRuntimeError ? e : wrapJsError(e);
  const rec = err.record;
  if (!rec.invocationInfo) rec.invocationInfo = {};
  if (!rec.invocationInfo.extent) {
    rec.invocationInfo.extent = node.extent;
    rec.invocationInfo.scriptName = node.extent.file;
  }
  return err;
}

export function wrapJsError(e: unknown): PSRuntimeError {
  if (e instanceof PSRuntimeError) return e;
  if (e && typeof e === 'object' && 'name' in e && (e as Error).name === 'StateError') {
    return new PSRuntimeError(new ErrorRecord((e as Error).message, 'StateError', 'InvalidData', undefined, 'System.IO.InvalidDataException'));
  }
  const msg = e instanceof Error ? e.message : String(e);
  const type = e instanceof RangeError && /call stack/i.test(msg) ? 'System.Management.Automation.ScriptCallDepthException' : 'System.Management.Automation.RuntimeException';
  const text = type.endsWith('ScriptCallDepthException') ? 'The script failed due to call depth overflow.' : msg;
  return new PSRuntimeError(new ErrorRecord(text, type.split('.').pop()!, 'NotSpecified', undefined, type));
}

function compileStatementInner(st: A.StatementAst): StmtFn {
  switch (st.kind) {
    case 'Pipeline':
      return compilePipeline(st);
    case 'Assignment': {
      const f = compileAssignment(st);
      return (s) => {
        const r = f(s);
        if (r instanceof Promise) return r.then(() => undefined);
      };
    }
    case 'If':
      return compileIf(st);
    case 'ForEach':
      return compileForEach(st);
    case 'For':
      return compileFor(st);
    case 'While':
      return compileWhile(st);
    case 'DoLoop':
      return compileDo(st);
    case 'Switch':
      return compileSwitch(st);
    case 'FunctionDefinition': {
      return (s) => {
        s.defineFunction({ name: st.name, isFilter: st.isFilter, block: compileScriptBlock(st.body, st.parameters), text: st.extent.text });
      };
    }
    case 'Try':
      return compileTry(st);
    case 'Trap':
      // compileStatements takes trap statements out of the list and wraps the block with them
      return () => undefined;
    case 'Flow':
      return compileFlow(st);
    case 'BlockStatement': {
      const body = compileStatements(st.body);
      return body;
    }
  }
}

/** The value of a statement used as an expression: a pipeline's output (one item unwrapped), an assignment's value. */
export function compileStatementValue(st: A.StatementAst): ExprFn {
  if (st.kind === 'Pipeline' && st.elements.length === 1 && st.elements[0].kind === 'CommandExpression' && st.elements[0].redirections.length === 0) {
    return withExtent(compileExpr(st.elements[0].expression), st.elements[0]);
  }
  if (st.kind === 'Assignment') return compileAssignment(st);
  const f = compileStatement(st);
  return (s) => {
    const buf: unknown[] = [];
    const r = f(s, (v) => buf.push(v));
    return andThen(r, () => unwrap(buf));
  };
}

/** Output collected from a pipeline: nothing is $null, one item is itself, more are an array. */
export function unwrap(buf: unknown[]): unknown {
  return buf.length === 0 ? null : buf.length === 1 ? buf[0] : buf;
}

/** Collects a statement's output as an array (for @() and foreach). */
function compileStatementArray(st: A.StatementAst): (s: Scope) => MP<unknown[]> {
  if (st.kind === 'Pipeline' && st.elements.length === 1 && st.elements[0].kind === 'CommandExpression' && st.elements[0].redirections.length === 0) {
    const e = withExtent(compileExpr(st.elements[0].expression), st.elements[0]);
    return (s) => andThen(e(s), (v) => toArray(v));
  }
  const f = compileStatement(st);
  return (s) => {
    const buf: unknown[] = [];
    return andThen(f(s, (v) => buf.push(v)), () => buf);
  };
}

function compileIf(st: A.IfAst): StmtFn {
  const clauses = st.clauses.map((c) => ({ cond: compileStatementValue(c.condition), body: compileStatements(c.body) }));
  const elseBody = st.elseBody ? compileStatements(st.elseBody) : undefined;
  const from = (s: Scope, out: Sink, i: number): MP<void> => {
    for (; i < clauses.length; i++) {
      const c = clauses[i];
      const v = c.cond(s);
      if (v instanceof Promise) {
        const idx = i;
        return v.then((x) => (toBool(x) ? c.body(s, out) : from(s, out, idx + 1)));
      }
      if (toBool(v)) return c.body(s, out);
    }
    if (elseBody) return elseBody(s, out);
  };
  return (s, out) => from(s, out, 0);
}

/** Runs loop iterations synchronously until one has to wait, then continues asynchronously. */
function runLoop(step: () => MP<boolean>): MP<void> {
  for (;;) {
    const r = step();
    if (r instanceof Promise) {
      return (async () => {
        let more = await r;
        while (more) more = await step();
      })();
    }
    if (!r) return;
  }
}

/** Runs a loop body; returns whether the loop goes on (break ends it, continue goes on). */
function runBody(body: StmtFn, s: Scope, out: Sink, label: string | undefined): MP<boolean> {
  const onSignal = (e: unknown): boolean => {
    if (e instanceof BreakSignal && (!e.label || e.label.toLowerCase() === label)) return false;
    if (e instanceof ContinueSignal && (!e.label || e.label.toLowerCase() === label)) return true;
    throw e;
  };
  try {
    const r = body(s, out);
    if (r instanceof Promise) return r.then(() => true, onSignal);
    return true;
  } catch (e) {
    return onSignal(e);
  }
}

function compileForEach(st: A.ForEachAst): StmtFn {
  const iterable = compileStatementArray(st.iterable);
  const body = compileStatements(st.body);
  const name = st.variable.name;
  const label = st.label?.toLowerCase();
  return (s, out) =>
    andThen(iterable(s), (items) => {
      let i = 0;
      return runLoop(() => {
        if (i >= items.length) return false;
        s.set(name, items[i++]);
        return runBody(body, s, out, label);
      });
    });
}

function compileFor(st: A.ForAst): StmtFn {
  const init = st.initializer ? compileStatement(st.initializer) : undefined;
  const cond = st.condition ? compileStatementValue(st.condition) : undefined;
  const iter = st.iterator ? compileStatement(st.iterator) : undefined;
  const body = compileStatements(st.body);
  const label = st.label?.toLowerCase();
  const discard: Sink = () => undefined;
  return (s, out) =>
    andThen(init ? init(s, out) : undefined, () => {
      let first = true;
      return runLoop(() => {
        const afterIter = (): MP<boolean> =>
          andThen(cond ? cond(s) : true, (c) => (toBool(c) ? runBody(body, s, out, label) : false));
        if (!first && iter) {
          return andThen(iter(s, discard), afterIter);
        }
        first = false;
        return afterIter();
      });
    });
}

function compileWhile(st: A.WhileAst): StmtFn {
  const cond = compileStatementValue(st.condition);
  const body = compileStatements(st.body);
  const label = st.label?.toLowerCase();
  return (s, out) => runLoop(() => andThen(cond(s), (c) => (toBool(c) ? runBody(body, s, out, label) : false)));
}

function compileDo(st: A.DoLoopAst): StmtFn {
  const cond = compileStatementValue(st.condition);
  const body = compileStatements(st.body);
  const label = st.label?.toLowerCase();
  return (s, out) =>
    runLoop(() =>
      andThen(runBody(body, s, out, label), (more) => {
        if (!more) return false;
        return andThen(cond(s), (c) => (st.until ? !toBool(c) : toBool(c)));
      }),
    );
}

function compileSwitch(st: A.SwitchAst): StmtFn {
  const subject = compileStatementArray(st.condition);
  const clauses = st.clauses.map((c) => ({
    pattern: c.pattern.kind === 'ScriptBlockExpression' ? undefined : compileExpr(c.pattern),
    block: c.pattern.kind === 'ScriptBlockExpression' ? compileScriptBlock(c.pattern.scriptBlock) : undefined,
    body: compileStatements(c.body),
  }));
  const defaultBody = st.defaultBody ? compileStatements(st.defaultBody) : undefined;
  const { regex, wildcard, caseSensitive, file } = st.flags;
  const label = st.label?.toLowerCase();

  const matches = (s: Scope, value: unknown, c: (typeof clauses)[number]): MP<boolean> => {
    if (c.block) {
      const prev = s.dollarUnder;
      s.dollarUnder = value;
      const r = runBlockValue(c.block, s);
      const done = (v: unknown) => {
        s.dollarUnder = prev;
        return toBool(v);
      };
      return r instanceof Promise ? r.then(done) : done(r);
    }
    return andThen(c.pattern!(s), (p) => {
      if (regex) {
        const hit = ops.comparison(caseSensitive ? '-cmatch' : '-match')!(toStr(value), p) as boolean;
        if (hit) s.set('Matches', ops.lastMatches);
        return hit;
      }
      if (wildcard) return wildcardMatch(toStr(value), toStr(p), caseSensitive);
      if (typeof value === 'string' || typeof p === 'string') {
        return caseSensitive ? toStr(value) === toStr(p) : toStr(value).toLowerCase() === toStr(p).toLowerCase();
      }
      return equals(value, p, caseSensitive);
    });
  };

  return (s, out) =>
    andThen(subject(s), (raw) => {
      let items = raw;
      if (file) {
        const fs = s.rs.fs();
        items = items.flatMap((p) => fs.readFileSync(s.rs.session.resolvePath(toStr(p)), 'utf8').replace(/\r?\n$/, '').split(/\r?\n/));
      }
      let i = 0;
      const prev = s.dollarUnder;
      const restore = () => {
        s.dollarUnder = prev;
      };
      const perItem = (value: unknown): MP<boolean> => {
        let matched = false;
        let ci = 0;
        const next = (): MP<boolean> => {
          for (; ci < clauses.length; ci++) {
            const c = clauses[ci];
            s.dollarUnder = value;
            const m = matches(s, value, c);
            const onMatch = (hit: boolean): MP<boolean> => {
              s.dollarUnder = value;
              if (!hit) return true;
              matched = true;
              return runBody(c.body, s, out, label);
            };
            if (m instanceof Promise) {
              const idx = ci;
              return m.then(onMatch).then((more) => {
                ci = idx + 1;
                return more ? next() : false;
              });
            }
            const more = onMatch(m);
            if (more instanceof Promise) {
              const idx = ci;
              return more.then((go) => {
                ci = idx + 1;
                return go ? next() : false;
              });
            }
            if (!more) return false;
          }
          if (!matched && defaultBody) {
            s.dollarUnder = value;
            return runBody(defaultBody, s, out, label);
          }
          return true;
        };
        return next();
      };
      // `continue` inside a switch moves to the next value; `break` leaves the switch
      const r = runLoop(() => {
        if (i >= items.length) return false;
        const v = items[i++];
        return perItem(v);
      });
      if (r instanceof Promise) return r.finally(restore);
      restore();
    });
}

function compileTry(st: A.TryAst): StmtFn {
  const body = compileStatements(st.body);
  const catches = st.catches.map((c) => ({ types: c.typeNames.map((t) => t.toLowerCase()), body: compileStatements(c.body) }));
  const fin = st.finallyBody ? compileStatements(st.finallyBody) : undefined;
  const discard: Sink = () => undefined;

  const handle = (s: Scope, out: Sink, e: unknown): MP<void> => {
    if (isSignal(e)) throw e;
    const err = e instanceof PSRuntimeError ? e : wrapJsError(e);
    const clause = catches.find((c) => c.types.length === 0 || c.types.some((t) => catchMatches(t, err.record)));
    if (!clause) throw err;
    s.rs.recordError(err.record);
    const prev = s.dollarUnder;
    s.dollarUnder = err.record;
    const r = clause.body(s, out);
    const restore = () => {
      s.dollarUnder = prev;
    };
    if (r instanceof Promise) return r.finally(restore);
    restore();
  };

  return (s, out) => {
    const rs = s.rs;
    rs.tryDepth++;
    let tryOpen = true;
    const closeTry = () => {
      if (tryOpen) {
        tryOpen = false;
        rs.tryDepth--;
      }
    };
    const runFinally = (): MP<void> => (fin ? fin(s, discard === out ? discard : out) : undefined);
    let r: MP<void>;
    try {
      r = body(s, out);
    } catch (e) {
      closeTry();
      return finish(() => handle(s, out, e), runFinally);
    }
    if (r instanceof Promise) {
      return r.then(
        () => {
          closeTry();
          return runFinally();
        },
        (e) => {
          closeTry();
          return finish(() => handle(s, out, e), runFinally);
        },
      );
    }
    closeTry();
    return runFinally();
  };
}

/** Runs `main`, then `fin` whatever happened, keeping main's error. */
function finish(main: () => MP<void>, fin: () => MP<void>): MP<void> {
  let r: MP<void>;
  try {
    r = main();
  } catch (e) {
    return andThen(fin(), () => {
      throw e;
    });
  }
  if (r instanceof Promise) {
    return r.then(
      () => fin(),
      (e) =>
        andThen(fin(), () => {
          throw e;
        }),
    );
  }
  return fin();
}

const exceptionBases: Record<string, string[]> = {
  'system.management.automation.parameterbindingexception': ['system.management.automation.runtimeexception'],
  'system.management.automation.commandnotfoundexception': ['system.management.automation.runtimeexception'],
  'system.management.automation.itemnotfoundexception': ['system.management.automation.sessionstateexception', 'system.management.automation.runtimeexception'],
  'system.management.automation.actionpreferencestopexception': ['system.management.automation.runtimeexception'],
  'system.dividebyzeroexception': ['system.arithmeticexception'],
  'system.management.automation.methodinvocationexception': ['system.management.automation.methodexception', 'system.management.automation.runtimeexception'],
};

function catchMatches(typeName: string, rec: ErrorRecord): boolean {
  const t = typeName.replace(/^system\./, '');
  const actual = rec.exceptionType.toLowerCase();
  const chain = [actual, ...(exceptionBases[actual] ?? []), 'system.exception'];
  return chain.some((c) => c === typeName || c.replace(/^system\./, '') === t || c.split('.').pop() === t);
}

function compileFlow(st: A.FlowAst): StmtFn {
  const label = st.label;
  switch (st.flow) {
    case 'break':
      return () => {
        throw new BreakSignal(label);
      };
    case 'continue':
      return () => {
        throw new ContinueSignal(label);
      };
    case 'return': {
      if (!st.pipeline) {
        return () => {
          throw new ReturnSignal();
        };
      }
      const p = compileStatement(st.pipeline);
      return (s, out) =>
        andThen(p(s, out), () => {
          throw new ReturnSignal();
        });
    }
    case 'exit': {
      const v = st.pipeline ? compileStatementValue(st.pipeline) : undefined;
      return (s) =>
        andThen(v ? v(s) : 0, (code) => {
          throw new ExitSignal(code === null || code === undefined ? 0 : Math.trunc(toNumber(code)));
        });
    }
    case 'throw': {
      const v = st.pipeline ? compileStatementValue(st.pipeline) : undefined;
      return (s) =>
        andThen(v ? v(s) : undefined, (value) => {
          let err: PSRuntimeError;
          if (value instanceof ErrorRecord) err = new PSRuntimeError(value);
          else if (value === undefined || value === null) {
            err = psError('ScriptHalted', 'ScriptHalted', 'OperationStopped', undefined, 'System.Management.Automation.RuntimeException');
          } else {
            const text = toStr(value);
            err = psError(text, text, 'OperationStopped', value, 'System.Management.Automation.RuntimeException');
            (err.record as ErrorRecord & { thrownValue?: unknown }).thrownValue = value;
          }
          if (!(value instanceof ErrorRecord)) err.record.fromThrowStatement = true;
          err.record.invocationInfo = { extent: st.extent, scriptName: st.extent.file };
          err.terminatesScript = true;
          throw err;
        });
    }
  }
}

// ---------------------------------------------------------------- assignment

function compileAssignment(st: A.AssignmentAst): ExprFn {
  const right = compileStatementValue(st.right);
  const op = st.operator;
  const assign = compileLValue(st.left);
  if (op === '=') {
    return (s) => andThen(right(s), (v) => assign.set(s, v === undefined ? null : v));
  }
  const f = op === '+=' ? ops.add : op === '-=' ? ops.subtract : op === '*=' ? ops.multiply : op === '/=' ? ops.divide : ops.modulo;
  return (s) =>
    andThen(right(s), (v) =>
      andThen(assign.get(s), (cur) => {
        const nv = f(cur === undefined ? null : cur, v);
        return assign.set(s, nv);
      }),
    );
}

interface LValue {
  get(s: Scope): MP<unknown>;
  set(s: Scope, v: unknown): MP<unknown>;
}

function compileLValue(e: A.ExpressionAst): LValue {
  switch (e.kind) {
    case 'Variable':
      return variableLValue(e);
    case 'ConvertExpression': {
      const inner = compileLValue(e.operand);
      const type = e.typeName;
      return { get: inner.get, set: (s, v) => inner.set(s, convertTo(v, type)) };
    }
    case 'MemberExpression': {
      const target = compileExpr(e.target);
      const member = memberName(e.member);
      return {
        get: (s) => andThen(target(s), (t) => andThen(member(s), (m) => getMember(t, toStr(m)))),
        set: (s, v) =>
          andThen(target(s), (t) =>
            andThen(member(s), (m) => {
              if (t === null || t === undefined) {
                throw psError(`The property '${toStr(m)}' cannot be found on this object. Verify that the property exists and can be set.`, 'PropertyNotFound', 'InvalidOperation');
              }
              setMember(t, toStr(m), v);
              return v;
            }),
          ),
      };
    }
    case 'IndexExpression': {
      const target = compileExpr(e.target);
      const index = compileExpr(e.index);
      return {
        get: (s) => andThen(target(s), (t) => andThen(index(s), (i) => indexValue(t, i))),
        set: (s, v) =>
          andThen(target(s), (t) =>
            andThen(index(s), (i) => {
              setIndex(t, i, v);
              return v;
            }),
          ),
      };
    }
    case 'ArrayLiteral': {
      const targets = e.elements.map(compileLValue);
      return {
        get: () => null,
        set: (s, v) => {
          const items = toArray(v);
          targets.forEach((t, i) => {
            const val = i === targets.length - 1 ? (items.length - i > 1 ? items.slice(i) : items[i] ?? null) : items[i] ?? null;
            t.set(s, val);
          });
          return v;
        },
      };
    }
    case 'ParenExpression':
      if (e.pipeline.kind === 'Pipeline' && e.pipeline.elements.length === 1 && e.pipeline.elements[0].kind === 'CommandExpression') {
        return compileLValue(e.pipeline.elements[0].expression);
      }
  }
  throw psError(`The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.`, 'InvalidLeftHandSide', 'ParserError', undefined, 'System.Management.Automation.ParseException');
}

function variableLValue(v: A.VariableExpressionAst): LValue {
  const name = v.name;
  const lname = name.toLowerCase();
  const scope = v.scope;
  if (scope === 'env') {
    return {
      get: () => process.env[name] ?? null,
      set: (_s, val) => {
        if (val === null || val === undefined || val === '') delete process.env[name];
        else process.env[name] = toStr(val);
        return val;
      },
    };
  }
  const target = (s: Scope): Scope => (scope === 'global' ? s.global : scope === 'script' ? s.script : s);
  return {
    get: (s) => readVariable(s, lname, scope),
    set: (s, val) => {
      if (lname === '_' || lname === 'psitem') {
        s.dollarUnder = val;
        return val;
      }
      s.rs.assignVariable(target(s), name, val);
      return val;
    },
  };
}

export function readVariable(s: Scope, lname: string, scope?: string): unknown {
  if (scope === 'global') return s.global.lookup(lname)?.value ?? null;
  if (scope === 'script') return s.script.lookup(lname)?.value ?? null;
  const v = s.lookup(lname);
  if (v) return v.value;
  return s.rs.automaticVariable(lname, s);
}

// ---------------------------------------------------------------- expressions

function withExtent(f: ExprFn, node: { extent: A.Extent }): ExprFn {
  return (s) => {
    try {
      const r = f(s);
      if (r instanceof Promise) return r.catch((e) => { throw locate(e, node); });
      return r;
    } catch (e) {
      throw locate(e, node);
    }
  };
}

export function compileExpr(e: A.ExpressionAst): ExprFn {
  switch (e.kind) {
    case 'Constant': {
      const v = e.isDouble && typeof e.value === 'number' && Number.isInteger(e.value) ? new PSDouble(e.value) : e.value;
      return () => v;
    }
    case 'StringConstant': {
      const v = e.value;
      return () => v;
    }
    case 'ExpandableString':
      return compileExpandable(e);
    case 'Variable':
      return compileVariable(e);
    case 'ArrayLiteral': {
      const els = e.elements.map(compileExpr);
      return (s) => {
        const out = new Array<unknown>(els.length);
        let pending: Promise<unknown> | undefined;
        for (let i = 0; i < els.length; i++) {
          if (pending) {
            const idx = i;
            pending = pending.then(() => andThen(els[idx](s), (v) => (out[idx] = v)));
            continue;
          }
          const v = els[i](s);
          if (v instanceof Promise) {
            const idx = i;
            pending = v.then((x) => (out[idx] = x));
          } else out[i] = v;
        }
        return pending ? pending.then(() => out) : out;
      };
    }
    case 'ArrayExpression': {
      const body = compileStatements(e.statements);
      return (s) => {
        const buf: unknown[] = [];
        return andThen(body(s, (v) => buf.push(v)), () => buf);
      };
    }
    case 'SubExpression': {
      const body = compileStatements(e.statements);
      return (s) => {
        const buf: unknown[] = [];
        return andThen(body(s, (v) => buf.push(v)), () => (buf.length === 0 ? undefined : buf.length === 1 ? buf[0] : buf));
      };
    }
    case 'ParenExpression': {
      const p = e.pipeline;
      if (p.kind === 'Assignment') return compileAssignment(p);
      return compileStatementValue(p);
    }
    case 'Hashtable':
      return compileHashtable(e, false);
    case 'ScriptBlockExpression': {
      const ast = e.scriptBlock;
      return (s) => new ScriptBlockValue(compileScriptBlock(ast), s);
    }
    case 'BinaryExpression':
      return withExtent(compileBinary(e), e);
    case 'UnaryExpression':
      return withExtent(compileUnary(e), e);
    case 'ConvertExpression':
      return withExtent(compileConvert(e), e);
    case 'TypeExpression': {
      const name = e.typeName;
      return () => typeRef(name);
    }
    case 'MemberExpression':
      return withExtent(compileMember(e), e);
    case 'InvokeMemberExpression':
      return withExtent(compileInvoke(e), e);
    case 'IndexExpression': {
      const target = compileExpr(e.target);
      const index = compileExpr(e.index);
      const nc = e.nullConditional;
      return withExtent(
        (s) =>
          andThen(target(s), (t) => {
            if (nc && (t === null || t === undefined)) return null;
            return andThen(index(s), (i) => indexValue(t, i));
          }),
        e,
      );
    }
  }
}

export function typeRef(name: string): PSTypeRef {
  const full = resolveTypeName(name);
  if (!full) throw psError(`Unable to find type [${name}].`, 'TypeNotFound', 'InvalidOperation', name, 'System.Management.Automation.RuntimeException');
  return new PSTypeRef(full);
}

function compileExpandable(e: A.ExpandableStringExpressionAst): ExprFn {
  const parts = e.parts.map((p) => (typeof p === 'string' ? p : compileExpr(p)));
  if (parts.every((p) => typeof p === 'string')) {
    const text = (parts as string[]).join('');
    return () => text;
  }
  return (s) => {
    let acc = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (typeof p === 'string') acc += p;
      else {
        const v = p(s);
        if (v instanceof Promise) {
          const idx = i;
          const prefix = acc;
          return v.then(async (x) => {
            let rest = prefix + expandValue(x);
            for (let j = idx + 1; j < parts.length; j++) {
              const q = parts[j];
              rest += typeof q === 'string' ? q : expandValue(await q(s));
            }
            return rest;
          });
        }
        acc += expandValue(v);
      }
    }
    return acc;
  };
}

function expandValue(v: unknown): string {
  return toStr(v);
}

function compileVariable(e: A.VariableExpressionAst): ExprFn {
  const lname = e.name.toLowerCase();
  const scope = e.scope;
  if (!scope) {
    switch (lname) {
      case 'true':
        return () => true;
      case 'false':
        return () => false;
      case 'null':
        return () => null;
      case '_':
      case 'psitem':
        return (s) => s.getDollarUnder();
    }
  }
  if (scope === 'env') {
    const name = e.name;
    return () => {
      const v = process.env[name];
      if (v !== undefined) return v;
      const k = Object.keys(process.env).find((x) => x.toLowerCase() === name.toLowerCase());
      return k ? process.env[k]! : null;
    };
  }
  if (scope === 'global' || scope === 'script') return (s) => readVariable(s, lname, scope);
  if (scope === 'function') {
    return (s) => {
      const f = s.lookupFunction(lname);
      return f ? new ScriptBlockValue(f.block as CompiledBlock, s) : null;
    };
  }
  return (s) => {
    const v = s.lookup(lname);
    return v ? v.value : s.rs.automaticVariable(lname, s);
  };
}

function compileHashtable(e: A.HashtableAst, ordered: boolean): ExprFn {
  const pairs = e.pairs.map((p) => ({ key: compileExpr(p.key), value: compileStatementValue(p.value) }));
  return (s) => {
    const h = new PSHashtable(ordered);
    let i = 0;
    const step = (): MP<PSHashtable> => {
      for (; i < pairs.length; i++) {
        const p = pairs[i];
        const k = p.key(s);
        const v = k instanceof Promise ? undefined : p.value(s);
        if (k instanceof Promise || v instanceof Promise) {
          const idx = i;
          return Promise.resolve(k).then(async (kk) => {
            const vv = await (v instanceof Promise ? v : p.value(s));
            addKey(h, kk, vv);
            i = idx + 1;
            return step();
          });
        }
        addKey(h, k, v);
      }
      return h;
    };
    return step();
  };
}

function addKey(h: PSHashtable, k: unknown, v: unknown): void {
  if (h.has(k)) {
    throw psError(`Duplicate keys '${toStr(k)}' are not allowed in hash literals.`, 'DuplicateKeyInHashLiteral', 'ParserError', undefined, 'System.Management.Automation.ParseException');
  }
  h.set(k, v === undefined ? null : v);
}

function compileConvert(e: A.ConvertExpressionAst): ExprFn {
  const t = e.typeName.toLowerCase();
  if (t === 'ordered') {
    if (e.operand.kind !== 'Hashtable') {
      throw psError('The ordered attribute can be specified only on a hash literal node.', 'OrderedAttributeOnlyOnHashLiteralNode', 'ParserError', undefined, 'System.Management.Automation.ParseException');
    }
    return compileHashtable(e.operand, true);
  }
  if ((t === 'pscustomobject' || t === 'system.management.automation.pscustomobject') && e.operand.kind === 'Hashtable') {
    const h = compileHashtable(e.operand, true);
    return (s) =>
      andThen(h(s), (ht) => {
        const o = new PSObject();
        for (const [k, v] of (ht as PSHashtable).entries()) o.add(toStr(k), v, 'NoteProperty');
        return o;
      });
  }
  const operand = compileExpr(e.operand);
  if (t === 'void') return (s) => andThen(operand(s), () => undefined);
  const typeName = e.typeName;
  return (s) => andThen(operand(s), (v) => convertTo(v, typeName));
}

function memberName(m: A.ExpressionAst): ExprFn {
  if (m.kind === 'StringConstant') {
    const n = m.value;
    return () => n;
  }
  return compileExpr(m);
}

function compileMember(e: A.MemberExpressionAst): ExprFn {
  const member = memberName(e.member);
  if (e.isStatic && e.target.kind === 'TypeExpression') {
    const typeName = e.target.typeName;
    return (s) => andThen(member(s), (m) => getStatic(typeRef(typeName).fullName, toStr(m)));
  }
  const target = compileExpr(e.target);
  const nc = e.nullConditional;
  if (e.member.kind === 'StringConstant') {
    const name = e.member.value;
    return (s) => {
      const t = target(s);
      if (t instanceof Promise) return t.then((x) => memberValue(x, name, nc));
      return memberValue(t, name, nc);
    };
  }
  return (s) => andThen(target(s), (t) => andThen(member(s), (m) => memberValue(t, toStr(m), nc)));
}

function memberValue(t: unknown, name: string, _nc: boolean): unknown {
  if (t === null || t === undefined) {
    // PowerShell gives every value, $null included, a Count and a Length
    const l = name.toLowerCase();
    return l === 'count' || l === 'length' ? 0 : null;
  }
  if (t instanceof PSTypeRef) {
    const v = getMember(t, name);
    if (v !== undefined) return v;
    return null;
  }
  if (isScriptBlock(t)) {
    const ln = name.toLowerCase();
    if (ln === 'ast' || ln === 'text') return t.text;
  }
  const v = getMember(t, name);
  return v === undefined ? null : v;
}

function compileInvoke(e: A.InvokeMemberExpressionAst): ExprFn {
  const member = memberName(e.member);
  const args = e.arguments.map(compileExpr);
  const evalArgs = (s: Scope): MP<unknown[]> => {
    const out: unknown[] = [];
    let i = 0;
    const step = (): MP<unknown[]> => {
      for (; i < args.length; i++) {
        const v = args[i](s);
        if (v instanceof Promise) {
          const idx = i;
          return v.then((x) => {
            out[idx] = x;
            i = idx + 1;
            return step();
          });
        }
        out[i] = v;
      }
      return out;
    };
    return step();
  };
  if (e.isStatic && e.target.kind === 'TypeExpression') {
    const typeName = e.target.typeName;
    return (s) => andThen(member(s), (m) => andThen(evalArgs(s), (a) => invokeStatic(typeRef(typeName).fullName, toStr(m), a)));
  }
  const target = compileExpr(e.target);
  const nc = e.nullConditional;
  return (s) =>
    andThen(target(s), (t) =>
      andThen(member(s), (m) =>
        andThen(evalArgs(s), (a) => {
          const name = toStr(m);
          if (t === null || t === undefined) {
            if (nc) return null;
            throw psError('You cannot call a method on a null-valued expression.', 'InvokeMethodOnNull', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
          }
          if (t instanceof ScriptBlockValue) {
            const ln = name.toLowerCase();
            if (ln === 'invoke' || ln === 'invokereturnasis') return andThen(t.invokeInNewScope(a), unwrapArray);
            if (ln === 'getnewclosure') return t;
          }
          return invokeMethod(t, name, a);
        }),
      ),
    );
}

function unwrapArray(buf: unknown[]): unknown {
  return buf.length === 0 ? undefined : buf.length === 1 ? buf[0] : buf;
}

export function indexValue(t: unknown, i: unknown): unknown {
  if (t === null || t === undefined) {
    throw psError('Cannot index into a null array.', 'NullArray', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
  }
  if (Array.isArray(i) && !(t instanceof PSHashtable && t.has(i))) {
    const out: unknown[] = [];
    for (const x of i) {
      const v = indexValue(t, x);
      if (v !== null && v !== undefined) out.push(v);
    }
    return out;
  }
  if (Array.isArray(t) || t instanceof Uint8Array) {
    const n = Math.trunc(toNumber(i));
    const idx = n < 0 ? t.length + n : n;
    const v = t[idx];
    return v === undefined ? null : v;
  }
  if (typeof t === 'string') {
    const n = Math.trunc(toNumber(i));
    const idx = n < 0 ? t.length + n : n;
    return idx >= 0 && idx < t.length ? new PSChar(t[idx]) : null;
  }
  if (t instanceof PSHashtable) {
    const v = t.get(i);
    return v === undefined ? null : v;
  }
  if (t instanceof PSObject) {
    const v = t.get(toStr(i));
    if (v !== undefined) return v;
    if (typeof i === 'number' && i === 0) return t;
    return null;
  }
  // a scalar indexed with 0 is itself, as PowerShell treats scalars as one-element collections
  if (typeof i === 'number' && (i === 0 || i === -1)) return t;
  throw psError(`Unable to index into an object of type ${t instanceof TimeSpan ? 'System.TimeSpan' : typeof t === 'number' ? 'System.Int32' : 'System.Object'}.`, 'CannotIndex', 'InvalidOperation', undefined, 'System.Management.Automation.RuntimeException');
}

function setIndex(t: unknown, i: unknown, v: unknown): void {
  if (Array.isArray(t)) {
    const n = Math.trunc(toNumber(i));
    const idx = n < 0 ? t.length + n : n;
    if (idx < 0 || idx >= t.length) {
      throw psError('Index was outside the bounds of the array.', 'IndexOutOfRange', 'InvalidOperation', undefined, 'System.IndexOutOfRangeException');
    }
    t[idx] = v;
    return;
  }
  if (t instanceof PSHashtable) {
    t.set(i, v);
    return;
  }
  if (t instanceof PSObject) {
    t.set(toStr(i), v);
    return;
  }
  if (t === null || t === undefined) throw psError('Cannot index into a null array.', 'NullArray', 'InvalidOperation');
  throw psError(`Unable to index into an object of type ${typeof t}.`, 'CannotIndex', 'InvalidOperation');
}

function compileBinary(e: A.BinaryExpressionAst): ExprFn {
  const op = e.operator.toLowerCase();
  const left = compileExpr(e.left);
  const right = compileExpr(e.right);
  if (op === '-and' || op === '-or') {
    const isAnd = op === '-and';
    return (s) =>
      andThen(left(s), (l) => {
        const lb = toBool(l);
        if (isAnd ? !lb : lb) return lb;
        return andThen(right(s), (r) => toBool(r));
      });
  }
  const f = binaryFunction(op);
  const setsMatches = /match$/.test(op);
  return (s) => {
    const l = left(s);
    if (l instanceof Promise) return l.then((lv) => andThen(right(s), (rv) => apply(s, f, lv, rv, setsMatches)));
    const r = right(s);
    if (r instanceof Promise) return r.then((rv) => apply(s, f, l, rv, setsMatches));
    return apply(s, f, l, r, setsMatches);
  };
}

function apply(s: Scope, f: (a: unknown, b: unknown, s: Scope) => unknown, l: unknown, r: unknown, setsMatches: boolean): unknown {
  if (l === undefined) l = null;
  if (r === undefined) r = null;
  if (!setsMatches) return f(l, r, s);
  ops.resetMatches();
  const v = f(l, r, s);
  if (ops.lastMatches) s.set('Matches', ops.lastMatches);
  return v;
}

function binaryFunction(op: string): (a: unknown, b: unknown, s: Scope) => unknown {
  switch (op) {
    case '+':
      return ops.add;
    case '-':
      return ops.subtract;
    case '*':
      return ops.multiply;
    case '/':
      return ops.divide;
    case '%':
      return ops.modulo;
    case '..':
      return ops.range;
    case '-xor':
      return (a, b) => toBool(a) !== toBool(b);
    case '-band':
    case '-bor':
    case '-bxor':
    case '-shl':
    case '-shr':
      return (a, b) => ops.bitwise(op, a, b);
    case '-join':
      return (a, b) => ops.joinOp(a, b);
    case '-f':
      return (a, b) => ops.formatOp(a, b);
    case '-is':
    case '-isnot':
    case '-as':
      return (a, b) => ops.typeOp(op, a, b instanceof PSTypeRef ? b.fullName : b);
  }
  const cmp = ops.comparison(op);
  if (cmp) return cmp;
  const cont = ops.containment(op);
  if (cont) return cont;
  const base = op.replace(/^-[ci]/, '-');
  const cs = op.startsWith('-c');
  if (base === '-replace') {
    return (a, b, s) => ops.replaceOp(a, b, cs, (sb, m) => (sb as ScriptBlockValue).invokeValueWith(s, m));
  }
  if (base === '-split') return (a, b) => ops.splitOp(a, b, cs);
  throw psError(`Unexpected token '${op}' in expression or statement.`, 'UnexpectedToken', 'ParserError', undefined, 'System.Management.Automation.ParseException');
}

function compileUnary(e: A.UnaryExpressionAst): ExprFn {
  const op = e.operator.toLowerCase();
  if (op === '++' || op === '--' || op === 'post++' || op === 'post--') {
    const lv = compileLValue(e.operand);
    const delta = op.endsWith('++') ? 1 : -1;
    const post = op.startsWith('post');
    return (s) =>
      andThen(lv.get(s), (cur) => {
        const nv = ops.add(cur === null || cur === undefined ? 0 : cur, delta);
        return andThen(lv.set(s, nv), () => (post ? (cur ?? 0) : nv));
      });
  }
  const operand = compileExpr(e.operand);
  switch (op) {
    case '-not':
    case '!':
      return (s) => andThen(operand(s), (v) => !toBool(v));
    case '-':
      return (s) => andThen(operand(s), ops.negate);
    case '+':
      return (s) => andThen(operand(s), (v) => (typeof v === 'number' ? v : toNumber(v)));
    case ',':
      return (s) => andThen(operand(s), (v) => [v]);
    case '-bnot':
      return (s) => andThen(operand(s), (v) => ~Math.trunc(toNumber(v)));
    case '-split':
    case '-isplit':
    case '-csplit':
      return (s) => andThen(operand(s), (v) => ops.splitOp(v, undefined, false));
    case '-join':
      return (s) => andThen(operand(s), (v) => ops.joinOp(v, undefined));
  }
  throw psError(`Unexpected token '${op}' in expression or statement.`, 'UnexpectedToken', 'ParserError', undefined, 'System.Management.Automation.ParseException');
}

/** Evaluates a compiled block's single value (used by switch clauses and -replace script blocks). */
export function runBlockValue(block: CompiledBlock, s: Scope): MP<unknown> {
  if (block.singleExpr) return block.singleExpr(s);
  const buf: unknown[] = [];
  const body = block.end ?? block.process;
  if (!body) return null;
  return andThen(body(s, (v) => buf.push(v)), () => unwrap(buf));
}

