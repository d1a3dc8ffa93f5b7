// A runspace: the global scope, the command table, the error and preference machinery, and the
// entry points hosts use to run script text. Hosts (CLI, Ink UI, tests) supply the streams.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as A from '../../grammar/ast.js';
import { parseScript, ParseError } from '../../grammar/index.js';
import type { CmdletDecl, CommandInfo, CommandRegistry, HostUI, ProgressRecord, Session } from './cmdlet.js';
import { ErrorRecord, PSRuntimeError } from './errors.js';
import { PSHashtable, PSObject, TimeSpan } from './values.js';
import { toBool, toStr } from './convert.js';
import {
  ExitSignal,
  Scope,
  readOnlyError,
  StopUpstreamSignal,
  PipelineStoppedSignal,
  BreakSignal,
  ContinueSignal,
  ReturnSignal,
  isSignal,
  andThen,
  type MP,
  type Sink,
} from './runtime.js';
import { compileScriptBlock, wrapJsError, type CompiledBlock } from './compile.js';
import { invokeScriptFile } from './pipeline.js';
import type { CommonParameters } from './binder.js';
import { renderError } from './error-view.js';
import { setTimeSpanFactory } from './operators.js';
import { wildcardMatch } from './wildcard.js';
import { createOutDefault, formatToText } from '../format/index.js';

setTimeSpanFactory((ms) => new TimeSpan(ms));

/** Where the runspace's records go. Text is complete lines without the trailing newline. */
export interface HostStreams {
  output(text: string): void;
  error(text: string, record: ErrorRecord): void;
  warning(text: string): void;
  verbose(text: string): void;
  debug(text: string): void;
  information(text: string, opts?: { foregroundColor?: string; backgroundColor?: string; noNewline?: boolean }): void;
  progress(record: ProgressRecord): void;
}

export interface RunspaceOptions {
  home: string;
  cwd?: string;
  host: HostUI;
  streams: HostStreams;
  cmdlets: { source: string; cmdlets: CmdletDecl<any>[] }[];
  /**
   * Console hosts pass 300: a table waits that long for more rows before it is laid out, as in
   * PowerShell, so a command that writes a row and then waits still shows it. Unset, a table waits
   * for its last row (output independent of timing, for tests).
   */
  tableGroupingMs?: number;
}

export interface RunResult {
  /** Set by `exit N`. */
  exitCode?: number;
  /** The last statement failed ($? is false), or a script-terminating error ended the run. */
  failed: boolean;
  terminated: boolean;
}

type Resolved =
  | { kind: 'cmdlet'; decl: CmdletDecl<any>; name: string }
  | { kind: 'function'; block: CompiledBlock; name: string; isFilter: boolean }
  | { kind: 'script'; block: CompiledBlock; name: string; path: string };


export class Runspace {
  readonly global: Scope;
  readonly host: HostUI;
  readonly streams: HostStreams;
  readonly home: string;
  cwd: string;
  readonly services = new Map<string, unknown>();
  private readonly cmdlets = new Map<string, { decl: CmdletDecl<any>; source: string }>();
  /** Alias (lower-cased) → the alias as declared and the cmdlet it names. */
  private readonly aliases = new Map<string, { name: string; target: string }>();
  /** $Error, newest first. */
  readonly errors: ErrorRecord[] = [];
  lastStatus = true;
  lastExitCode: number | null = null;
  tryDepth = 0;
  stopRequested = false;
  private callDepth = 0;
  private readonly aborts = new Set<AbortController>();
  private readonly sources = new Map<string, string>();
  private errorRedirect: ((rec: ErrorRecord) => boolean)[] = [];
  private readonly scriptCache = new Map<string, { mtime: number; block: CompiledBlock }>();
  private readonly tableGroupingMs?: number;

  constructor(opts: RunspaceOptions) {
    this.host = opts.host;
    this.streams = opts.streams;
    this.home = opts.home;
    this.cwd = opts.cwd ?? process.cwd();
    this.tableGroupingMs = opts.tableGroupingMs;
    this.global = new Scope(undefined, this, true);
    for (const area of opts.cmdlets) {
      for (const decl of area.cmdlets) {
        this.cmdlets.set(decl.name.toLowerCase(), { decl, source: area.source });
        for (const a of decl.aliases ?? []) this.aliases.set(a.toLowerCase(), { name: a, target: decl.name });
      }
    }
    const g = this.global;
    const set = (name: string, value: unknown) => g.vars.set(name.toLowerCase(), { name, value });
    set('ErrorActionPreference', 'Continue');
    set('WarningPreference', 'Continue');
    set('VerbosePreference', 'SilentlyContinue');
    set('DebugPreference', 'SilentlyContinue');
    set('InformationPreference', 'SilentlyContinue');
    set('ProgressPreference', 'Continue');
    set('ConfirmPreference', 'High');
    set('WhatIfPreference', false);
    set('FormatEnumerationLimit', 4);
    set('OFS', ' ');
    set('HOME', os.homedir());
    set('PID', process.pid);
    set('IsLinux', process.platform === 'linux');
    set('IsWindows', process.platform === 'win32');
    set('IsMacOS', process.platform === 'darwin');
    set('PSEdition', 'Core');
    set('PROFILE', path.join(this.home, 'profile.ps1'));
    set('MaximumHistoryCount', 4096);
    const ver = new PSHashtable();
    ver.set('PSVersion', '7.4.0');
    ver.set('PSEdition', 'Core');
    ver.set('Platform', process.platform === 'win32' ? 'Win32NT' : 'Unix');
    ver.set('OS', `${os.type()} ${os.release()}`);
    set('PSVersionTable', ver);
    for (const v of g.vars.values()) if (['pid', 'home', 'islinux', 'iswindows', 'ismacos', 'psedition', 'psversiontable'].includes(v.name.toLowerCase())) v.readOnly = true;
  }

  // ---------------------------------------------------------------- commands

  resolveCommand(name: string, s: Scope): Resolved | undefined {
    const l = name.toLowerCase();
    const alias = this.aliases.get(l);
    const lookupName = alias ? alias.target.toLowerCase() : l;
    const fn = s.lookupFunction(lookupName);
    if (fn) return { kind: 'function', block: fn.block as CompiledBlock, name: fn.name, isFilter: fn.isFilter };
    const c = this.cmdlets.get(lookupName);
    if (c) return { kind: 'cmdlet', decl: c.decl, name: c.decl.name };
    if (/[\\/]/.test(name) || l.endsWith('.ps1')) {
      const p = this.resolvePath(name);
      const file = fs.existsSync(p) ? p : fs.existsSync(p + '.ps1') ? p + '.ps1' : undefined;
      if (file && fs.statSync(file).isFile()) return { kind: 'script', block: this.loadScript(file), name: path.basename(file), path: file };
    }
    return undefined;
  }

  /** Parses and compiles a script file, cached by modification time. */
  loadScript(file: string): CompiledBlock {
    const mtime = fs.statSync(file).mtimeMs;
    const cached = this.scriptCache.get(file);
    if (cached && cached.mtime === mtime) return cached.block;
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    this.sources.set(file, text);
    const ast = this.parse(text, file);
    const block = compileScriptBlock(ast);
    this.scriptCache.set(file, { mtime, block });
    return block;
  }

  parse(text: string, file?: string): A.ScriptBlockAst {
    try {
      return parseScript(text, file);
    } catch (e) {
      if (e instanceof ParseError) throw parseErrorRecord(e, text);
      throw e;
    }
  }

  readonly registry: CommandRegistry = {
    all: () => this.commandInfos(this.global),
    get: (name: string) => this.commandInfo(name, this.global),
  };

  commandInfos(s: Scope): CommandInfo[] {
    const out: CommandInfo[] = [];
    for (const { name, target } of this.aliases.values()) {
      const c = this.cmdlets.get(target.toLowerCase());
      out.push({ name, commandType: 'Alias', definition: target, decl: c?.decl, source: c?.source ?? '' });
    }
    for (const { decl, source } of this.cmdlets.values()) out.push({ name: decl.name, commandType: 'Cmdlet', definition: decl.name, decl, source });
    for (const f of s.allFunctions()) {
      const block = f.block as CompiledBlock;
      out.push({ name: f.name, commandType: f.isFilter ? 'Filter' : 'Function', definition: f.text, source: '', parameters: (block.parameters ?? []).map((p) => ({ name: p.name, type: 'Object', description: '' })) });
    }
    return out;
  }

  commandInfo(name: string, s: Scope): CommandInfo | undefined {
    const l = name.toLowerCase();
    return this.commandInfos(s).find((c) => c.name.toLowerCase() === l);
  }

  /** Names for tab completion and Get-Command wildcards. */
  matchCommands(pattern: string, s: Scope = this.global): CommandInfo[] {
    return this.commandInfos(s).filter((c) => wildcardMatch(c.name, pattern));
  }

  // ---------------------------------------------------------------- variables

  automaticVariable(lname: string, s: Scope): unknown {
    switch (lname) {
      case '?':
        return this.lastStatus;
      case 'error':
        return this.errors;
      case 'pwd':
        return this.cwd;
      case 'lastexitcode':
        return this.lastExitCode;
      case 'host':
        return new PSObject('System.Management.Automation.Internal.Host.InternalHost', { Name: 'edgeshell', Version: '0.1.0' });
      case 'input':
      case 'args':
        return [];
      case 'matches':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'executioncontext':
        return null;
      case 'myinvocation':
        return new PSObject('System.Management.Automation.InvocationInfo', { ScriptName: s.script.lookup('pscommandpath')?.value ?? '' });
    }
    return null;
  }

  assignVariable(target: Scope, name: string, value: unknown): void {
    const l = name.toLowerCase();
    if (l === 'true' || l === 'false' || l === 'null' || l === '?') {
      if (l === 'null') return; // $null = ... discards
      throw new PSRuntimeError(new ErrorRecord(`Cannot overwrite variable ${name} because it is read-only or constant.`, 'VariableNotWritable', 'WriteError', name, 'System.Management.Automation.SessionStateUnauthorizedAccessException'));
    }
    if (l === 'lastexitcode') this.lastExitCode = typeof value === 'number' ? value : null;
    target.set(name, value);
  }

  preference(name: string, s: Scope): unknown {
    return s.lookup(name.toLowerCase())?.value;
  }
  preferenceBool(name: string, s: Scope): boolean {
    return toBool(this.preference(name, s));
  }

  sessionFor(s: Scope): Session {
    const rs = this;
    return {
      get home() {
        return rs.home;
      },
      get cwd() {
        return rs.cwd;
      },
      set cwd(v: string) {
        rs.cwd = v;
      },
      resolvePath: (p: string) => rs.resolvePath(p),
      getVariable: (name: string) => {
        const v = s.lookup(name.toLowerCase());
        return v ? v.value : rs.automaticVariable(name.toLowerCase(), s);
      },
      setVariable: (name: string, value: unknown) => rs.assignVariable(s, name, value),
      hasVariable: (name: string) => !!s.lookup(name.toLowerCase()),
      variables: () => {
        const seen = new Map<string, { name: string; value: unknown; description?: string; options?: string }>();
        for (let sc: Scope | undefined = s; sc; sc = sc.parent) {
          for (const [k, v] of sc.vars) if (!seen.has(k)) seen.set(k, { name: v.name, value: v.value, description: v.description, options: v.readOnly ? 'ReadOnly' : 'None' });
        }
        return [...seen.values()];
      },
      removeVariable: (name: string) => {
        const l = name.toLowerCase();
        for (let sc: Scope | undefined = s; sc; sc = sc.parent) {
          const v = sc.vars.get(l);
          if (v) {
            if (v.readOnly) throw readOnlyError(v.name);
            sc.vars.delete(l);
            return true;
          }
        }
        return false;
      },
      setVariableInScope: (name: string, value: unknown, scope: string) => {
        const l = scope.toLowerCase();
        let target: Scope = s;
        if (l === 'global') target = s.global;
        else if (l === 'script') target = s.script;
        else if (/^\d+$/.test(l)) for (let n = Number(l); n > 0 && target.parent; n--) target = target.parent;
        rs.assignVariable(target, name, value);
      },
      host: rs.host,
      commands: { all: () => rs.commandInfos(s), get: (n: string) => rs.commandInfo(n, s) },
      services: rs.services,
      evaluate: (script: string) => rs.evaluate(script, s),
    };
  }

  get session(): Session {
    return this.sessionFor(this.global);
  }

  resolvePath(p: string): string {
    let x = p.replace(/\\/g, '/');
    if (x === '~' || x.startsWith('~/')) x = path.join(os.homedir(), x.slice(1));
    return path.resolve(this.cwd, x);
  }

  dirname(p: string): string {
    return path.dirname(p);
  }

  fs(): typeof fs {
    return fs;
  }

  // ---------------------------------------------------------------- errors and streams

  /** Errors reported so far: a statement compares it before and after to set $?. */
  errorCount = 0;

  recordError(rec: ErrorRecord): void {
    this.errorCount++;
    this.errors.unshift(rec);
    if (this.errors.length > 256) this.errors.length = 256;
  }

  /** A statement failed: report and go on, unless a try/catch wants it or it ends the script. */
  statementFailed(e: unknown, s: Scope): void {
    if (isSignal(e)) throw e;
    const err = e instanceof PSRuntimeError ? e : wrapJsError(e);
    this.lastStatus = false;
    if (err.terminatesScript || this.tryDepth > 0) throw err;
    if ((err.record as { reported?: boolean }).reported) return;
    this.recordError(err.record);
    this.displayError(err.record, s);
  }

  private displayError(rec: ErrorRecord, _s?: Scope): void {
    for (let i = this.errorRedirect.length - 1; i >= 0; i--) if (this.errorRedirect[i](rec)) return;
    const info = (rec.invocationInfo ??= {});
    if (info.source === undefined) {
      const file = info.extent?.file ?? info.scriptName;
      info.source = (file && this.sources.get(file)) ?? this.sources.get('') ?? undefined;
    }
    this.streams.error(renderError(rec), rec);
  }

  /** A trap ran and let the error stand: recorded and shown, and the script goes on. */
  reportTrapped(rec: ErrorRecord): void {
    this.lastStatus = false;
    this.recordError(rec);
    this.displayError(rec);
  }

  /** Shows a terminating error that ended a run (used by hosts). */
  reportTerminating(err: PSRuntimeError): void {
    this.recordError(err.record);
    this.displayError(err.record);
  }

  nonTerminatingError(rec: ErrorRecord, common: CommonParameters, s: Scope): void {
    const pref = common.errorAction ?? toStr(this.preference('ErrorActionPreference', s) ?? 'Continue');
    if (pref.toLowerCase() === 'ignore') return;
    this.lastStatus = false;
    this.recordError(rec);
    if (common.errorVariable) {
      const name = common.errorVariable.replace(/^\+/, '');
      const cur = common.errorVariable.startsWith('+') ? s.lookup(name.toLowerCase())?.value : undefined;
      s.set(name, [...(Array.isArray(cur) ? cur : []), rec]);
    }
    if (pref.toLowerCase() === 'stop') {
      const err = new PSRuntimeError(rec);
      err.terminatesScript = true;
      (rec as { reported?: boolean }).reported = false;
      throw err;
    }
    if (pref.toLowerCase() === 'silentlycontinue') return;
    this.displayError(rec, s);
  }

  warning(message: string, common: CommonParameters, s: Scope): void {
    const pref = (common.warningAction ?? toStr(this.preference('WarningPreference', s) ?? 'Continue')).toLowerCase();
    if (common.warningVariable) s.set(common.warningVariable, message);
    if (pref === 'silentlycontinue' || pref === 'ignore') return;
    this.streams.warning(message);
    if (pref === 'stop') {
      const err = new PSRuntimeError(new ErrorRecord(`The running command stopped because the preference variable "WarningPreference" or common parameter is set to Stop: ${message}`, 'ActionPreferenceStop', 'OperationStopped', undefined, 'System.Management.Automation.ActionPreferenceStopException'));
      err.terminatesScript = true;
      throw err;
    }
  }

  verbose(message: string, common: CommonParameters, s: Scope): void {
    const on = common.verbose ?? toStr(this.preference('VerbosePreference', s)).toLowerCase() === 'continue';
    if (on) this.streams.verbose(message);
  }

  debug(message: string, common: CommonParameters, s: Scope): void {
    const on = common.debug ?? toStr(this.preference('DebugPreference', s)).toLowerCase() === 'continue';
    if (on) this.streams.debug(message);
  }

  information(message: string, opts?: { foregroundColor?: string; noNewline?: boolean }): void {
    this.streams.information(message, opts);
  }

  progress(record: ProgressRecord, s: Scope): void {
    if (toStr(this.preference('ProgressPreference', s)).toLowerCase() === 'silentlycontinue') return;
    this.streams.progress(record);
  }

  trackAbort(c: AbortController): void {
    this.aborts.add(c);
  }
  untrackAbort(c: AbortController): void {
    this.aborts.delete(c);
  }

  /** Ctrl+C: stops the running pipeline; the host calls resetStop() before the next input. */
  requestStop(): void {
    this.stopRequested = true;
    for (const a of this.aborts) a.abort();
  }

  enterCall(extent: A.Extent): void {
    if (++this.callDepth > 1000) {
      this.callDepth = 0;
      const rec = new ErrorRecord('The script failed due to call depth overflow.', 'CallDepthOverflow', 'InvalidOperation', undefined, 'System.Management.Automation.ScriptCallDepthException');
      rec.invocationInfo = { extent };
      const err = new PSRuntimeError(rec);
      err.terminatesScript = true;
      throw err;
    }
  }
  exitCall(): void {
    if (this.callDepth > 0) this.callDepth--;
  }

  /** `>`, `>>`, `2>&1`, `2>$null`, `*> file` around one pipeline. */
  withRedirections(
    s: Scope,
    redirs: (A.RedirectionAst & { targetFn?: (s: Scope) => MP<unknown> })[],
    out: Sink,
    body: (out: Sink) => MP<void>,
  ): MP<void> {
    return andThen(
      Promise.all(redirs.map((r) => (r.targetFn ? r.targetFn(s) : undefined))),
      (targets) => {
        let output: Sink = out;
        const fileWrites: { file: string; append: boolean; items: unknown[] }[] = [];
        const pushedHandlers: ((rec: ErrorRecord) => boolean)[] = [];
        redirs.forEach((r, i) => {
          const target = targets[i];
          const fromErr = r.from === 'error' || r.from === 'all';
          const fromOut = r.from === 'output' || r.from === 'all';
          if (r.mergeTo) {
            if (fromErr && r.mergeTo === 'output') {
              const h = (rec: ErrorRecord) => {
                output(rec);
                return true;
              };
              pushedHandlers.push(h);
            }
            return;
          }
          const toNull = target === null || target === undefined || (typeof target === 'string' && /^\$?null$/i.test(target));
          if (toNull) {
            if (fromOut) output = () => undefined;
            if (fromErr) pushedHandlers.push(() => true);
            return;
          }
          const file = this.resolvePath(toStr(target));
          const fw = { file, append: r.append, items: [] as unknown[] };
          fileWrites.push(fw);
          if (fromOut) output = (v) => fw.items.push(v);
          if (fromErr) {
            pushedHandlers.push((rec) => {
              fw.items.push(rec);
              return true;
            });
          }
        });
        this.errorRedirect.push(...pushedHandlers);
        const finish = () => {
          this.errorRedirect.splice(this.errorRedirect.length - pushedHandlers.length, pushedHandlers.length);
          for (const fw of fileWrites) {
            const text = formatToText(fw.items.map((x) => (x instanceof ErrorRecord ? renderError(x) : x)), this.host.width);
            if (fw.append) fs.appendFileSync(fw.file, text);
            else fs.writeFileSync(fw.file, text);
          }
        };
        let r: MP<void>;
        try {
          r = body(output);
        } catch (e) {
          finish();
          throw e;
        }
        if (r instanceof Promise) return r.finally(finish);
        finish();
      },
    );
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs script text and sends its output through Out-Default to the host.
   * `file` names a script (-File): it runs in a new script scope with `args`.
   */
  async runScript(text: string, opts: { file?: string; args?: unknown[]; tap?: (value: unknown) => void } = {}): Promise<RunResult> {
    const outDefault = createOutDefault({ width: this.host.width, write: (t) => this.streams.output(t), groupingTimeoutMs: this.tableGroupingMs });
    const result: RunResult = { failed: false, terminated: false };
    this.stopRequested = false;
    this.sources.set(opts.file ?? '', text);
    try {
      let ast: A.ScriptBlockAst;
      try {
        ast = this.parse(text, opts.file);
      } catch (e) {
        if (e instanceof PSRuntimeError) {
          this.reportTerminating(e);
          result.failed = true;
          result.terminated = true;
          this.lastStatus = false;
          return result;
        }
        throw e;
      }
      const block = compileScriptBlock(ast);
      this.lastStatus = true;
      const tap = opts.tap;
      const sink: Sink = (v) => {
        tap?.(v);
        const r = outDefault.push(v);
        if (r instanceof Promise) pendingOut.push(r);
      };
      const pendingOut: Promise<void>[] = [];
      if (opts.file) {
        await invokeScriptFile(this, block, opts.file, (opts.args ?? []).map(toStr), sink);
      } else {
        await this.runBlockInScope(block, this.global, sink);
      }
      await Promise.all(pendingOut);
      result.failed = !this.lastStatus;
    } catch (e) {
      if (e instanceof ExitSignal) {
        result.exitCode = e.code;
        this.lastExitCode = e.code;
      } else if (e instanceof PipelineStoppedSignal) {
        result.failed = true;
      } else if (e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal || e instanceof StopUpstreamSignal) {
        // a stray break/continue/return at the top ends the script quietly, as in PowerShell
      } else {
        const err = e instanceof PSRuntimeError ? e : wrapJsError(e);
        this.reportTerminating(err);
        result.failed = true;
        result.terminated = true;
        this.lastStatus = false;
      }
    } finally {
      try {
        await outDefault.end();
      } catch {
        /* formatting errors were already reported */
      }
    }
    return result;
  }

  /** Stops long-lived services (a transport started without -Wait) when the shell ends. */
  async closeServices(): Promise<void> {
    for (const entry of this.services.values()) {
      const svc = (entry as { service?: { status?: string; stop?: () => Promise<void> } } | undefined)?.service;
      if (svc?.stop && svc.status === 'Running') await svc.stop().catch(() => undefined);
    }
  }

  /** Runs a compiled block's begin/process/end in a scope (the global scope for interactive input). */
  runBlockInScope(block: CompiledBlock, s: Scope, out: Sink): MP<void> {
    const parts = [block.begin, block.process, block.end].filter((b): b is NonNullable<typeof b> => !!b);
    let chain: MP<void> = undefined;
    for (const p of parts) chain = andThen(chain, () => p(s, out));
    return chain;
  }

  /** Runs text in a child scope and returns its output objects (Invoke-Expression, tests, examples). */
  async evaluate(text: string, s: Scope = this.global): Promise<unknown[]> {
    this.sources.set('', text);
    const ast = this.parse(text);
    const block = compileScriptBlock(ast);
    const buf: unknown[] = [];
    await this.runBlockInScope(block, s, (v) => buf.push(v));
    return buf;
  }
}

function parseErrorRecord(e: ParseError, text: string): PSRuntimeError {
  const rec = new ErrorRecord(e.message, e.errorId ?? 'ParseError', 'ParserError', undefined, 'System.Management.Automation.ParseException');
  const line = e.line;
  const col = e.column;
  const len = Math.max(1, e.length ?? 1);
  rec.invocationInfo = {
    scriptName: e.file,
    source: text,
    extent: { file: e.file, startLine: line, startColumn: col, endLine: line, endColumn: col + len, startOffset: e.offset ?? 0, endOffset: (e.offset ?? 0) + len, text: text.slice(e.offset ?? 0, (e.offset ?? 0) + len) },
  };
  const err = new PSRuntimeError(rec);
  err.terminatesScript = true;
  return err;
}
