// The shell backend over a real runspace and the grammar.
import { highlight, isIncomplete } from '../../grammar/index.js';
import type { CommandInfo } from '../engine/cmdlet.js';
import type { Runspace } from '../engine/runspace.js';
import type { Scope } from '../engine/runtime.js';
import { commandHint, complete, type CommandHint, type CompletionResult } from './completion.js';
import type { RunOutcome, ShellBackend } from './controller.js';
import { isTransportStatus, type HighlightSpan, type TransportStatus } from './render.js';

/** Variables the runspace answers without storing them. */
const AUTOMATIC = ['?', '_', 'args', 'Error', 'false', 'Host', 'input', 'LASTEXITCODE', 'MyInvocation', 'null', 'PSItem', 'PWD', 'true'];

export class RunspaceBackend implements ShellBackend {
  private commandCache: CommandInfo[] | undefined;

  constructor(readonly rs: Runspace) {}

  prompt(): string {
    return `[PS] ${this.rs.cwd}>`;
  }

  isIncomplete(text: string): boolean {
    return isIncomplete(text);
  }

  highlight(text: string): HighlightSpan[] {
    return highlight(text);
  }

  /** Cmdlets, aliases and functions; read again after each run (a line may define functions). */
  commands(): CommandInfo[] {
    return (this.commandCache ??= this.rs.commandInfos(this.rs.global));
  }

  variables(): string[] {
    const names = new Set<string>();
    for (let s: Scope | undefined = this.rs.global; s; s = s.parent) for (const v of s.vars.values()) names.add(v.name);
    for (const a of AUTOMATIC) names.add(a);
    return [...names];
  }

  complete(text: string, cursor: number): Promise<CompletionResult> {
    const rs = this.rs;
    return complete(text, cursor, {
      commands: () => this.commands(),
      variables: () => this.variables(),
      cwd: rs.cwd,
      home: rs.home,
    });
  }

  hint(text: string, cursor: number): CommandHint | undefined {
    return commandHint(text, cursor, this.commands());
  }

  async run(text: string): Promise<RunOutcome> {
    this.commandCache = undefined;
    try {
      const r = await this.rs.runScript(text);
      return { exitCode: r.exitCode, failed: r.failed, stopped: this.rs.stopRequested };
    } finally {
      this.commandCache = undefined;
    }
  }

  stop(): void {
    this.rs.requestStop();
  }

  transportStatus(): TransportStatus | undefined {
    const t = this.rs.services.get('transport');
    return isTransportStatus(t) ? t : undefined;
  }
}
