// The cmdlet declaration API: one declaration per cmdlet drives the binder, Get-Help, Get-Command,
// tab completion and the example tests. Cmdlets only declare and process records; they never print.
import type { ErrorRecord, ErrorCategory } from './errors.js';

/**
 * PowerShell-style type names understood by the binder: 'String', 'String[]', 'Int32', 'Int32[]',
 * 'Int64', 'Double', 'Boolean', 'SwitchParameter', 'Object', 'Object[]', 'PSObject', 'PSObject[]',
 * 'ScriptBlock', 'Hashtable', 'SecureString', 'DateTime', 'TimeSpan', 'Byte[]', 'Char'.
 * Any other name (an Exchange type such as 'MultiValuedProperty') is shown in help as written and
 * needs a `convert` function, else the value is passed as it is.
 */
export type ParameterTypeName = string;

export interface ParameterDecl {
  name: string;
  type: ParameterTypeName;
  description: string;
  aliases?: string[];
  /** Position for positional binding, per the PowerShell rule (0-based). */
  position?: number;
  mandatory?: boolean;
  valueFromPipeline?: boolean;
  valueFromPipelineByPropertyName?: boolean;
  /** Collects the positional arguments no other parameter takes (Write-Host a b c). */
  valueFromRemainingArguments?: boolean;
  /** The parameter sets this parameter belongs to; absent means all sets. */
  parameterSets?: string[];
  /** Per-set overrides, when a parameter is mandatory or positional only in some sets. */
  setOverrides?: Record<string, { mandatory?: boolean; position?: number }>;
  /** Allowed values (case-insensitive); also the completion list. */
  validateSet?: string[];
  validateRange?: [number, number];
  validateCount?: [number, number];
  validatePattern?: string;
  validateNotNullOrEmpty?: boolean;
  /** [AllowNull()] / [AllowEmptyString()]: a mandatory parameter that accepts $null or ''. */
  allowEmpty?: boolean;
  /** Custom conversion for Exchange types; throw an Error whose message explains what was wrong. */
  convert?: (value: unknown) => unknown;
  /** Value when not bound (shown in Get-Help -Parameter as "Default value"). */
  defaultValue?: unknown;
  /** Completion of values that live in the store (connector names, thumbprints...). */
  complete?: (ctx: CompletionContext, wordToComplete: string) => string[] | Promise<string[]>;
}

export interface CompletionContext {
  home: string;
  cwd: string;
}

export interface CmdletExample {
  title?: string;
  /** The command line(s), as shown by Get-Help -Examples. */
  code: string;
  remarks: string;
  /**
   * The exact output the example prints (trailing spaces trimmed), checked by the example test.
   * Omit only when the output depends on time, randomness or machine state; then `check` may hold
   * a regular expression the output must match.
   */
  output?: string;
  check?: RegExp;
  /** Script run before the example (not shown in help), e.g. to create a file it reads. */
  setup?: string;
}

export interface CmdletDecl<P = Record<string, any>> {
  name: string; // Verb-Noun
  aliases?: string[];
  synopsis: string;
  description: string;
  parameters: ParameterDecl[];
  defaultParameterSet?: string;
  /** Adds -WhatIf and -Confirm; the cmdlet then asks ctx.shouldProcess before each change. */
  supportsShouldProcess?: boolean;
  confirmImpact?: 'Low' | 'Medium' | 'High';
  /** Type names of what it writes, for Get-Help and Get-Command. */
  outputTypes?: string[];
  examples: CmdletExample[];
  notes?: string;
  /** Called once before the first pipeline item. */
  begin?(ctx: CmdletContext<P>): void | Promise<void>;
  /** Called once per pipeline item (or once, with no pipeline input). */
  process?(ctx: CmdletContext<P>): void | Promise<void>;
  /** Called once after the last item. */
  end?(ctx: CmdletContext<P>): void | Promise<void>;
  /** Called when the pipeline is stopped (Ctrl+C, Select-Object -First) or fails, to release resources. */
  dispose?(ctx: CmdletContext<P>): void | Promise<void>;
}

export interface ProgressRecord {
  activity: string;
  status?: string;
  percentComplete?: number; // -1 for unknown
  id?: number;
  completed?: boolean;
}

/** What the host (CLI, UI, test) offers a cmdlet. */
export interface HostUI {
  /** True when a person can answer prompts. */
  readonly interactive: boolean;
  /** Output width in columns. */
  readonly width: number;
  /** Asks a yes/no question (ShouldContinue / -Confirm). Non-interactive hosts answer false. */
  confirm(caption: string, message: string): Promise<boolean>;
  /** Reads a line (Read-Host); undefined at end of input. */
  readLine?(prompt: string): Promise<string | undefined>;
}

/** Engine services a cmdlet may use. */
export interface Session {
  /** EDGESHELL_HOME: the state directory of this server. */
  readonly home: string;
  /** Current location ($PWD). */
  cwd: string;
  /** Resolves a user path: relative to cwd, `~`, and `\` as a separator (`.\certs\a.pfx`). */
  resolvePath(path: string): string;
  getVariable(name: string): unknown;
  setVariable(name: string, value: unknown): void;
  /** Whether a variable exists (even holding $null). */
  hasVariable(name: string): boolean;
  /** Every variable visible from the calling scope, nearest first. */
  variables(): { name: string; value: unknown; description?: string; options?: string }[];
  /** Removes the nearest variable of that name; false when there was none. */
  removeVariable(name: string): boolean;
  /** Sets a variable in a named scope: Global, Script, Local (or 0), or a number of scopes up. */
  setVariableInScope(name: string, value: unknown, scope: string): void;
  readonly host: HostUI;
  /** Every command known: cmdlets, aliases and functions. */
  readonly commands: CommandRegistry;
  /** Long-lived services keyed by name (the running transport lives here). */
  readonly services: Map<string, unknown>;
  /** Runs script text in a child scope and collects its output (used by the example tests, Invoke-Expression). */
  evaluate(script: string): Promise<unknown[]>;
}

export interface CommandInfo {
  name: string;
  commandType: 'Cmdlet' | 'Alias' | 'Function' | 'Filter';
  /** For an alias: the command it resolves to. */
  definition: string;
  decl?: CmdletDecl;
  /** For a function: its parameters, as the binder sees them. */
  parameters?: ParameterDecl[];
  source: string; // module/area: 'Core', 'Exchange', or '' for functions
}

export interface CommandRegistry {
  all(): CommandInfo[];
  get(name: string): CommandInfo | undefined;
}

export interface CmdletContext<P = Record<string, any>> {
  /** Bound parameter values by declared name; pipeline-bound ones change per item. */
  readonly params: P;
  /** Names (as declared) of the parameters bound for this item: $PSBoundParameters. */
  readonly bound: ReadonlySet<string>;
  readonly parameterSetName: string;
  /** The current pipeline input object (undefined when there is no pipeline input). */
  readonly input: unknown;
  /** True when the command is fed by a pipeline (even one that emits nothing). */
  readonly expectingInput: boolean;
  /** Scratch space for one invocation (begin → process → end). */
  readonly state: Record<string, any>;
  readonly session: Session;
  readonly commandName: string;
  /**
   * Aborted on Ctrl+C or when the pipeline ends early. A cmdlet waiting on something (a timer, a
   * socket) stops waiting and rejects with PipelineStoppedSignal from runtime.ts.
   */
  readonly signal: AbortSignal;

  /** Writes to the output stream. Arrays are enumerated unless enumerate is false. */
  write(value: unknown, enumerate?: boolean): void;
  /** A non-terminating error: reported, $? false, processing continues (unless -ErrorAction Stop). */
  writeError(error: ErrorRecord | string, errorId?: string, category?: ErrorCategory, target?: unknown): void;
  writeWarning(message: string): void;
  writeVerbose(message: string): void;
  writeDebug(message: string): void;
  /** Write-Host and the information stream. */
  writeInformation(message: string, opts?: { foregroundColor?: string; noNewline?: boolean }): void;
  writeProgress(record: ProgressRecord): void;
  /** -WhatIf prints `What if: Performing the operation "<action>" on target "<target>".` and returns false. */
  shouldProcess(target: string, action: string): Promise<boolean>;
  /** Asks the user (unless force); non-interactive hosts answer false. */
  shouldContinue(query: string, caption: string): Promise<boolean>;
  /** Terminating error: stops this pipeline. */
  throwTerminating(error: ErrorRecord | string, errorId?: string, category?: ErrorCategory, target?: unknown): never;
  /** Tells upstream commands to stop (Select-Object -First N after N items). */
  stopUpstream(): void;
}

/** Declares a cmdlet with typed parameters. Identity function: exists for inference and grep-ability. */
export function defineCmdlet<P = Record<string, any>>(decl: CmdletDecl<P>): CmdletDecl<P> {
  return decl;
}
