// A tiny stand-in for the engine: builds a CmdletContext by hand and runs begin/process/end, so the
// certificate cmdlets can be tested before (and apart from) the script engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CmdletContext, CmdletDecl, ProgressRecord, Session } from '../../src/engine/cmdlet.js';
import { ErrorRecord, PSRuntimeError } from '../../src/engine/errors.js';
import { PSObject, SecureString } from '../../src/engine/values.js';

export interface HarnessOptions {
  home: string;
  cwd: string;
  interactive?: boolean;
  /** Answer to shouldContinue / confirm prompts on an interactive host. */
  answer?: boolean;
  whatIf?: boolean;
}

export interface RunResult {
  output: unknown[];
  errors: ErrorRecord[];
  warnings: string[];
  verbose: string[];
  progress: ProgressRecord[];
  prompts: string[];
  /** The terminating error, when the command stopped with one. */
  terminating?: ErrorRecord;
}

export function tempDir(prefix = 'edgeshell-cert-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function secure(text: string): SecureString {
  return new SecureString(text);
}

function session(opts: HarnessOptions): Session {
  return {
    home: opts.home,
    cwd: opts.cwd,
    resolvePath: (p: string) => path.resolve(opts.cwd, p.replace(/\\/g, '/')),
    getVariable: () => undefined,
    setVariable: () => undefined,
    host: { interactive: !!opts.interactive, width: 120, confirm: async () => !!opts.answer },
    commands: { all: () => [], get: () => undefined },
    services: new Map(),
    evaluate: async () => [],
  };
}

function bind(decl: CmdletDecl<any>, given: Record<string, unknown>): { params: Record<string, unknown>; bound: Set<string> } {
  const params: Record<string, unknown> = {};
  const bound = new Set<string>();
  for (const [k, v] of Object.entries(given)) {
    const p = decl.parameters.find((x) => x.name.toLowerCase() === k.toLowerCase() || x.aliases?.some((a) => a.toLowerCase() === k.toLowerCase()));
    if (!p) throw new Error(`A parameter cannot be found that matches parameter name '${k}'.`);
    params[p.name] = p.convert ? p.convert(v) : v;
    bound.add(p.name);
  }
  for (const p of decl.parameters) if (p.type === 'SwitchParameter' && !(p.name in params)) params[p.name] = false;
  return { params, bound };
}

/**
 * Runs `decl` with `given` parameters, once per pipeline input (binding ValueFromPipelineByPropertyName
 * parameters from each input object) or once without input.
 */
export async function run(decl: CmdletDecl<any>, given: Record<string, unknown>, opts: HarnessOptions, input?: unknown[]): Promise<RunResult> {
  const res: RunResult = { output: [], errors: [], warnings: [], verbose: [], progress: [], prompts: [] };
  const base = bind(decl, given);
  for (const p of decl.parameters) if (!(p.name in base.params) && p.defaultValue !== undefined) base.params[p.name] = p.defaultValue;
  const state: Record<string, unknown> = {};
  const sess = session(opts);
  const makeCtx = (params: Record<string, unknown>, bound: Set<string>, item: unknown): CmdletContext<any> => ({
    params,
    bound,
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
    writeVerbose: (m) => res.verbose.push(m),
    writeDebug: () => undefined,
    writeInformation: () => undefined,
    writeProgress: (r) => res.progress.push(r),
    shouldProcess: async (target, action) => {
      if (opts.whatIf) {
        res.prompts.push(`What if: Performing the operation "${action}" on target "${target}".`);
        return false;
      }
      return true;
    },
    shouldContinue: async (query) => {
      res.prompts.push(query);
      return opts.interactive ? !!opts.answer : false;
    },
    throwTerminating: (e, id, category, target): never => {
      throw new PSRuntimeError(typeof e === 'string' ? new ErrorRecord(e, `${id ?? 'Error'},${decl.name}`, category, target) : e);
    },
    stopUpstream: () => undefined,
  });
  try {
    const first = makeCtx(base.params, base.bound, undefined);
    await decl.begin?.(first);
    if (input === undefined) await decl.process?.(first);
    else {
      for (const item of input) {
        const params = { ...base.params };
        const bound = new Set(base.bound);
        for (const p of decl.parameters) {
          if (!p.valueFromPipelineByPropertyName || bound.has(p.name)) continue;
          if (item instanceof PSObject && item.has(p.name)) {
            params[p.name] = p.convert ? p.convert(item.get(p.name)) : item.get(p.name);
            bound.add(p.name);
          }
        }
        await decl.process?.(makeCtx(params, bound, item));
      }
    }
    await decl.end?.(first);
  } catch (e) {
    if (e instanceof PSRuntimeError) res.terminating = e.record;
    else throw e;
  }
  return res;
}

/** `a | b`: runs a, then b with a's output as pipeline input. */
export async function pipe(a: [CmdletDecl<any>, Record<string, unknown>], b: [CmdletDecl<any>, Record<string, unknown>], opts: HarnessOptions): Promise<{ first: RunResult; second: RunResult }> {
  const first = await run(a[0], a[1], opts);
  const second = await run(b[0], b[1], opts, first.output);
  return { first, second };
}

export const prop = (o: unknown, name: string): unknown => (o as PSObject).get(name);
