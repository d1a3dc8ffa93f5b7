// A backend for component tests: the prompt machinery against a scripted "engine".
import type { RunOutcome, ShellBackend } from '../../src/ui/controller.js';
import { commandHint, complete, type CompletionSource } from '../../src/ui/completion.js';
import type { OutputSink } from '../../src/ui/output.js';
import type { HighlightSpan } from '../../src/ui/render.js';
import { commands } from './fixtures.js';

export class FakeBackend implements ShellBackend {
  readonly ran: string[] = [];
  stops = 0;
  sink?: OutputSink;
  private pendingStop: (() => void) | undefined;
  source: CompletionSource = { commands: () => commands, variables: () => ['PROFILE', 'PSVersionTable'], cwd: process.cwd(), home: process.cwd() };

  prompt(): string {
    return '[PS] /fake>';
  }

  isIncomplete(text: string): boolean {
    const open = (text.match(/[{(]/g) ?? []).length;
    const close = (text.match(/[})]/g) ?? []).length;
    return open > close || /[|`]\s*$/.test(text);
  }

  highlight(text: string): HighlightSpan[] {
    const m = /^[A-Za-z]+-[A-Za-z]+/.exec(text);
    return m ? [{ kind: 'command', start: 0, end: m[0].length }] : [];
  }

  complete(text: string, cursor: number) {
    return complete(text, cursor, this.source);
  }

  hint(text: string, cursor: number) {
    return commandHint(text, cursor, commands);
  }

  /** `sleep` waits for Ctrl+C; `exit N` leaves; `lines N` writes N lines; anything else echoes `ran: text`. */
  async run(text: string): Promise<RunOutcome> {
    this.ran.push(text);
    const exit = /^exit\s*(\d*)$/.exec(text.trim());
    if (exit) return { exitCode: Number(exit[1] || 0), failed: false, stopped: false };
    if (text.trim() === 'sleep') {
      await new Promise<void>((r) => (this.pendingStop = r));
      return { failed: true, stopped: true };
    }
    const lines = /^lines (\d+)$/.exec(text.trim());
    if (lines) {
      for (let i = 1; i <= Number(lines[1]); i++) this.sink?.line(`line ${i}`);
      return { failed: false, stopped: false };
    }
    this.sink?.line(`ran: ${text}`);
    return { failed: false, stopped: false };
  }

  stop(): void {
    this.stops++;
    this.pendingStop?.();
    this.pendingStop = undefined;
  }
}
