// A hand-built CmdletContext for testing core cmdlets without the engine: fake script blocks,
// recorded streams, and begin/process/end driven the way the pipeline drives them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CmdletContext, CmdletDecl, CommandInfo, ProgressRecord, Session } from '../../src/engine/cmdlet.js';
import { ErrorRecord, PSRuntimeError, type ErrorCategory } from '../../src/engine/errors.js';
import type { ScriptBlock } from '../../src/engine/values.js';

/** A script block whose body is a JS function of $_ (and $args). */
export function block(fn: (dollarUnder: unknown, args: unknown[]) => unknown, text = ' fake '): ScriptBlock {
  const sb = {
    __scriptBlock: true as const,
    text,
    toString: () => text,
    invoke(opts: { dollarUnder?: unknown; args?: unknown[] } = {}) {
      const r = fn(opts.dollarUnder, opts.args ?? []);
      if (r instanceof Promise) return r.then((x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]));
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    },
    invokeValue(dollarUnder: unknown) {
      return fn(dollarUnder, []);
    },
  };
  return sb;
}

export interface RunOptions {
  params?: Record<string, unknown>;
  /** Pipeline input; absent means the command runs without pipeline input. */
  input?: unknown[];
  parameterSet?: string;
  cwd?: string;
  variables?: Record<string, unknown>;
  commands?: CommandInfo[];
  evaluate?: (script: string) => Promise<unknown[]>;
  readLine?: (prompt: string) => Promise<string | undefined>;
  whatIf?: boolean;
  width?: number;
  signal?: AbortSignal;
  /** Extra Session members (feature-detected services such as hasVariable). */
  sessionExtras?: Record<string, unknown>;
}

export interface RunResult {
  output: unknown[];
  errors: ErrorRecord[];
  warnings: string[];
  verbose: string[];
  debug: string[];
  information: { message: string; opts?: unknown }[];
  progress: ProgressRecord[];
  whatIf: string[];
  terminating?: ErrorRecord;
  stoppedUpstream: boolean;
  /** How many input objects were processed before upstream stopped. */
  processed: number;
  variables: Map<string, unknown>;
  session: Session;
}

const ALL = '__AllParameterSets';

function pickSet(decl: CmdletDecl<any>, bound: Set<string>, given?: string): string {
  if (given) return given;
  const sets: string[] = [];
  for (const p of decl.parameters) for (const s of p.parameterSets ?? []) if (!sets.includes(s)) sets.push(s);
  if (sets.length === 0) return ALL;
  const fits = sets.filter((s) => [...bound].every((n) => {
    const p = decl.parameters.find((x) => x.name === n);
    return !p || !p.parameterSets || p.parameterSets.includes(s);
  }));
  if (decl.defaultParameterSet && fits.includes(decl.defaultParameterSet)) return decl.defaultParameterSet;
  return fits[0] ?? sets[0];
}

export async function run(decl: CmdletDecl<any>, opts: RunOptions = {}): Promise<RunResult> {
  const params: Record<string, unknown> = { ...(opts.params ?? {}) };
  const bound = new Set(Object.keys(params));
  const variables = new Map<string, unknown>(Object.entries(opts.variables ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const res: RunResult = {
    output: [],
    errors: [],
    warnings: [],
    verbose: [],
    debug: [],
    information: [],
    progress: [],
    whatIf: [],
    stoppedUpstream: false,
    processed: 0,
    variables,
    session: undefined as unknown as Session,
  };
  let cwd = opts.cwd ?? process.cwd();
  const session: Session = Object.assign(
    {
      get home() {
        return os.tmpdir();
      },
      get cwd() {
        return cwd;
      },
      set cwd(v: string) {
        cwd = v;
      },
      resolvePath(p: string) {
        let x = p.replace(/\\/g, '/');
        if (x === '~' || x.startsWith('~/')) x = path.join(os.homedir(), x.slice(1));
        return path.resolve(cwd, x);
      },
      getVariable: (n: string) => variables.get(n.toLowerCase()) ?? null,
      setVariable: (n: string, v: unknown) => void variables.set(n.toLowerCase(), v),
      host: { interactive: false, width: opts.width ?? 120, confirm: async () => false, readLine: opts.readLine },
      commands: {
        all: () => opts.commands ?? [],
        get: (n: string) => (opts.commands ?? []).find((c) => c.name.toLowerCase() === n.toLowerCase()),
      },
      services: new Map<string, unknown>(),
      evaluate: opts.evaluate ?? (async () => []),
    },
    opts.sessionExtras ?? {},
  );
  res.session = session;
  const pipelineParam = decl.parameters.find((p) => p.valueFromPipeline)?.name;
  const record = (e: ErrorRecord | string, id?: string, cat?: ErrorCategory, target?: unknown) =>
    typeof e === 'string' ? new ErrorRecord(e, `${id ?? 'Error'},${decl.name}`, cat ?? 'NotSpecified', target) : e;
  let input: unknown = undefined;
  const ctx: CmdletContext<any> = {
    params,
    bound,
    parameterSetName: pickSet(decl, bound, opts.parameterSet),
    get input() {
      return input;
    },
    expectingInput: opts.input !== undefined,
    state: {},
    session,
    commandName: decl.name,
    signal: opts.signal ?? new AbortController().signal,
    write(value: unknown, enumerate = true) {
      if (enumerate && Array.isArray(value)) res.output.push(...value);
      else if (!(enumerate && value === undefined)) res.output.push(value);
    },
    writeError(e, id, cat, target) {
      res.errors.push(record(e, id, cat, target));
    },
    writeWarning: (m) => void res.warnings.push(m),
    writeVerbose: (m) => void res.verbose.push(m),
    writeDebug: (m) => void res.debug.push(m),
    writeInformation: (message, o) => void res.information.push({ message, opts: o }),
    writeProgress: (r) => void res.progress.push(r),
    async shouldProcess(target, action) {
      if (opts.whatIf) {
        res.whatIf.push(`What if: Performing the operation "${action}" on target "${target}".`);
        return false;
      }
      return true;
    },
    shouldContinue: async () => false,
    throwTerminating(e, id, cat, target): never {
      throw new PSRuntimeError(record(e, id, cat, target));
    },
    stopUpstream() {
      res.stoppedUpstream = true;
    },
  };
  try {
    await decl.begin?.(ctx);
    if (opts.input === undefined) await decl.process?.(ctx);
    else {
      for (const item of opts.input) {
        if (res.stoppedUpstream) break;
        input = item;
        if (pipelineParam && !(opts.params && pipelineParam in opts.params)) {
          params[pipelineParam] = decl.parameters.find((p) => p.name === pipelineParam)!.type.endsWith('[]') && !Array.isArray(item) ? [item] : item;
          bound.add(pipelineParam);
        }
        await decl.process?.(ctx);
        res.processed++;
      }
    }
    await decl.end?.(ctx);
  } catch (e) {
    if (e instanceof PSRuntimeError) res.terminating = e.record;
    else throw e;
  }
  return res;
}

export function tempDir(prefix = 'edgeshell-core-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
