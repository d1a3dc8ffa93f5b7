// A small stand-in for the engine: builds a CmdletContext by hand and runs begin/process/end with
// the declaration's own conversions and ValidateSet, so the configuration cmdlets can be tested
// apart from the script engine. Pipeline input binds -Identity-like parameters by property name,
// then by value, as the binder does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CmdletContext, CmdletDecl, Session } from '../../src/engine/cmdlet.js';
import { ErrorRecord, PSRuntimeError } from '../../src/engine/errors.js';
import { PSObject } from '../../src/engine/values.js';

export interface HarnessOptions {
  home: string;
  cwd?: string;
  whatIf?: boolean;
  /** Answer to confirmation prompts (ConfirmImpact High); a non-interactive host declines. */
  confirm?: boolean;
}

export interface RunResult {
  output: unknown[];
  errors: ErrorRecord[];
  warnings: string[];
  /** `What if: ...` lines and confirmation prompts. */
  prompts: string[];
  terminating?: ErrorRecord;
}

export function tempDir(prefix = 'edgeshell-config-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function session(opts: HarnessOptions): Session {
  const cwd = opts.cwd ?? opts.home;
  return {
    home: opts.home,
    cwd,
    resolvePath: (p: string) => path.resolve(cwd, p.replace(/\\/g, '/')),
    getVariable: () => undefined,
    setVariable: () => undefined,
    host: { interactive: false, width: 120, confirm: async () => !!opts.confirm },
    commands: { all: () => [], get: () => undefined },
    services: new Map(),
    evaluate: async () => [],
  };
}

/** Binds one parameter value as the binder would: the declaration's convert, then ValidateSet. */
function bindValue(decl: CmdletDecl<any>, name: string, value: unknown): [string, unknown] {
  const p = decl.parameters.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.aliases?.some((a) => a.toLowerCase() === name.toLowerCase()));
  if (!p) throw new Error(`A parameter cannot be found that matches parameter name '${name}'.`);
  let v = value;
  try {
    if (p.convert) v = p.convert(value === undefined ? null : value);
  } catch (e) {
    throw new BindError(`Cannot bind parameter '${p.name}'. ${(e as Error).message}`);
  }
  if (p.validateSet) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === null || x === undefined) continue;
      if (!p.validateSet.some((s) => s.toLowerCase() === String(x).toLowerCase())) {
        throw new BindError(`Cannot validate argument on parameter '${p.name}'. The argument "${String(x)}" does not belong to the set "${p.validateSet.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`);
      }
    }
  }
  return [p.name, v];
}

export class BindError extends Error {}

/**
 * Runs `decl` with named parameters `given`, once without input or once per `input` item.
 * A binding failure throws BindError (the engine would report ParameterBindingException).
 */
export async function run(decl: CmdletDecl<any>, given: Record<string, unknown>, opts: HarnessOptions, input?: unknown[]): Promise<RunResult> {
  const res: RunResult = { output: [], errors: [], warnings: [], prompts: [] };
  const params: Record<string, unknown> = {};
  const bound = new Set<string>();
  for (const [k, v] of Object.entries(given)) {
    const [name, value] = bindValue(decl, k, v);
    params[name] = value;
    bound.add(name);
  }
  for (const p of decl.parameters) if (p.type === 'SwitchParameter' && !(p.name in params)) params[p.name] = false;
  const state: Record<string, unknown> = {};
  const sess = session(opts);
  const makeCtx = (ps: Record<string, unknown>, b: Set<string>, item: unknown): CmdletContext<any> => ({
    params: ps,
    bound: b,
    parameterSetName: '',
    input: item,
    expectingInput: input !== undefined,
    state,
    session: sess,
    commandName: decl.name,
    signal: new AbortController().signal,
    write: (v, enumerate = true) => {
      if (enumerate && Array.isArray(v)) res.output.push(...v);
      else res.output.push(v);
    },
    writeError: (e, id, category, target) => {
      res.errors.push(typeof e === 'string' ? new ErrorRecord(e, `${id ?? 'Error'},${decl.name}`, category, target) : e);
    },
    writeWarning: (m) => res.warnings.push(m),
    writeVerbose: () => undefined,
    writeDebug: () => undefined,
    writeInformation: () => undefined,
    writeProgress: () => undefined,
    shouldProcess: async (target, action) => {
      if (opts.whatIf) {
        res.prompts.push(`What if: Performing the operation "${action}" on target "${target}".`);
        return false;
      }
      if (decl.confirmImpact === 'High') {
        res.prompts.push(`Performing the operation "${action}" on target "${target}".`);
        return opts.confirm ?? true;
      }
      return true;
    },
    shouldContinue: async (query) => {
      res.prompts.push(query);
      return false;
    },
    throwTerminating: (e, id, category, target): never => {
      throw new PSRuntimeError(typeof e === 'string' ? new ErrorRecord(e, `${id ?? 'Error'},${decl.name}`, category, target) : e);
    },
    stopUpstream: () => undefined,
  });
  const missing = (b: Set<string>, pipelinePending: boolean) =>
    decl.parameters.filter((p) => p.mandatory && !b.has(p.name) && !(pipelinePending && (p.valueFromPipeline || p.valueFromPipelineByPropertyName)));
  try {
    const gone = missing(bound, input !== undefined);
    if (gone.length) throw new BindError(`Cannot process command because of one or more missing mandatory parameters: ${gone.map((p) => p.name).join(' ')}.`);
    const first = makeCtx(params, bound, undefined);
    await decl.begin?.(first);
    if (input === undefined) await decl.process?.(first);
    else {
      for (const item of input) {
        const ps = { ...params };
        const b = new Set(bound);
        for (const p of decl.parameters) {
          if (b.has(p.name)) continue;
          if (p.valueFromPipelineByPropertyName && item instanceof PSObject && item.has(p.name)) {
            const [n, v] = bindValue(decl, p.name, item.get(p.name));
            ps[n] = v;
            b.add(n);
          } else if (p.valueFromPipeline) {
            const [n, v] = bindValue(decl, p.name, item);
            ps[n] = v;
            b.add(n);
          }
        }
        await decl.process?.(makeCtx(ps, b, item));
      }
    }
    await decl.end?.(first);
  } catch (e) {
    if (e instanceof PSRuntimeError) res.terminating = e.record;
    else throw e;
  }
  return res;
}

export const prop = (o: unknown, name: string): unknown => (o as PSObject).get(name);

/** A property value as the formatter shows it in a list: ToString() of objects, `{a, b}` for lists. */
export function shown(o: unknown, name: string): string {
  const v = prop(o, name);
  if (Array.isArray(v)) return '{' + v.map(String).join(', ') + '}';
  if (v instanceof PSObject) return String(v.method('ToString')!.fn());
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v === null || v === undefined ? '' : String(v);
}
