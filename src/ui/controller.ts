// The interactive shell's controller: takes raw keys, drives the prompt state machine, runs lines
// through a backend, and publishes snapshots the Ink view renders. No React here.
import type { ProgressRecord } from '../engine/cmdlet.js';
import type { CompletionResult, CommandHint } from './completion.js';
import type { HighlightSpan, TransportStatus } from './render.js';
import { renderEcho } from './render.js';
import { KeyDecoder, type KeyEvent } from './keys.js';
import { applyCompletions, initialPrompt, promptKey, type PromptEffect, type PromptEnv, type PromptState } from './prompt.js';
import type { HistoryStore } from './history.js';
import type { OutputSink } from './output.js';
import { SGR, type Style } from './style.js';
import type { HistoryEntry, HistoryService, HostUiService } from './services.js';

export interface RunOutcome {
  /** Set by `exit N`: the shell leaves with this code. */
  exitCode?: number;
  failed: boolean;
  stopped: boolean;
}

/** What the shell needs from the engine (the runspace and the grammar), or from a test double. */
export interface ShellBackend {
  /** `[PS] /work>`, followed by a space when drawn. */
  prompt(): string;
  isIncomplete(text: string): boolean;
  highlight(text: string): HighlightSpan[];
  complete(text: string, cursor: number): Promise<CompletionResult>;
  hint(text: string, cursor: number): CommandHint | undefined;
  run(text: string): Promise<RunOutcome>;
  /** Ctrl+C while running: stop the pipeline. */
  stop(): void;
  transportStatus?(): TransportStatus | undefined;
}

export type Phase = 'starting' | 'editing' | 'running' | 'exited';

export interface Question {
  prompt: string;
  state: PromptState;
}

export interface UiSnapshot {
  phase: Phase;
  prompt: PromptState;
  promptText: string;
  question?: Question;
  progress: readonly ProgressRecord[];
  transport?: TransportStatus;
  exitCode?: number;
}

export interface ControllerOptions {
  backend: ShellBackend;
  history: HistoryStore;
  sink: OutputSink;
  style: Style;
  /** How often the transport status is read (ms); 0 turns polling off. */
  statusInterval?: number;
}

const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

export class ShellController implements HistoryService, HostUiService {
  readonly backend: ShellBackend;
  readonly history: HistoryStore;
  readonly sink: OutputSink;
  readonly style: Style;
  private snap: UiSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly decoder = new KeyDecoder();
  private readonly queue: KeyEvent[] = [];
  private pumping = false;
  private readonly questions: { prompt: string; resolve: (v: string | undefined) => void }[] = [];
  private readonly session: HistoryEntry[] = [];
  private readonly progressById = new Map<number, ProgressRecord>();
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private lastStatusKey = '';
  private exitResolve!: (code: number) => void;
  /** Resolves with the exit code when the shell leaves (`exit N`, Ctrl+D). */
  readonly exited: Promise<number>;
  /** Callers of whenIdle() waiting for the prompt to be back with no keys queued. */
  private idleWaiters: (() => void)[] = [];

  constructor(o: ControllerOptions) {
    this.backend = o.backend;
    this.history = o.history;
    this.sink = o.sink;
    this.style = o.style;
    this.exited = new Promise((r) => (this.exitResolve = r));
    this.snap = { phase: 'starting', prompt: initialPrompt(this.history.entries.length), promptText: '', progress: [] };
    const interval = o.statusInterval ?? 1000;
    if (interval > 0 && this.backend.transportStatus) {
      this.statusTimer = setInterval(() => this.refreshStatus(), interval);
      this.statusTimer.unref?.();
    }
  }

  // ---------------------------------------------------------------- store (useSyncExternalStore)

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  readonly getSnapshot = (): UiSnapshot => this.snap;

  private set(patch: Partial<UiSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private env(): PromptEnv {
    return { history: this.history.entries, isIncomplete: (t) => this.backend.isIncomplete(t), mode: 'command' };
  }

  // ---------------------------------------------------------------- lifecycle

  /** Runs start-up text (banner, profile) with the prompt hidden, then shows the prompt. */
  async start(steps: (() => Promise<RunOutcome | void>)[] = []): Promise<void> {
    this.set({ phase: 'running' });
    for (const step of steps) {
      const r = await step();
      if (r && r.exitCode !== undefined) {
        this.exit(r.exitCode);
        return;
      }
    }
    this.showPrompt();
  }

  private showPrompt(): void {
    this.sink.ensureNewline();
    this.progressById.clear();
    this.set({ phase: 'editing', promptText: this.backend.prompt() + ' ', progress: [], prompt: initialPrompt(this.history.entries.length) });
    for (const w of this.idleWaiters.splice(0)) w();
    void this.pump();
  }

  /** Resolves when the prompt is shown and every queued key has been handled. */
  whenIdle(): Promise<void> {
    if (this.snap.phase === 'exited') return Promise.resolve();
    if (this.snap.phase === 'editing' && this.queue.length === 0 && !this.pumping) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  exit(code: number): void {
    if (this.snap.phase === 'exited') return;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.sink.flush();
    this.set({ phase: 'exited', exitCode: code });
    for (const w of this.idleWaiters.splice(0)) w();
    this.exitResolve(code);
  }

  dispose(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
  }

  // ---------------------------------------------------------------- input

  /** One raw input event from the terminal (as Ink's input parser splits them). */
  feed(raw: string): void {
    for (const k of this.decoder.decode(raw)) this.key(k);
  }

  key(k: KeyEvent): void {
    if (this.snap.phase === 'exited') return;
    const ctrlC = k.kind === 'key' && k.ctrl && !k.meta && k.name === 'c';
    if (this.snap.question) {
      this.questionKey(k);
      return;
    }
    if (ctrlC && (this.snap.phase === 'running' || this.snap.phase === 'starting')) {
      // keys typed ahead belong to the command that is being cancelled
      this.queue.length = 0;
      this.backend.stop();
      return;
    }
    this.queue.push(k);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && this.snap.phase === 'editing') {
        const k = this.queue.shift()!;
        try {
          const step = promptKey(this.snap.prompt, k, this.env());
          this.set({ prompt: step.state });
          if (step.effect) await this.effect(step.effect);
        } catch (err) {
          // a fault in the shell itself must not take the keyboard away
          this.sink.line(this.style.paint(`edgeshell: ${err instanceof Error ? err.message : String(err)}`, SGR.error));
          if ((this.snap.phase as Phase) === 'running') this.showPrompt();
        }
      }
    } finally {
      this.pumping = false;
    }
    if (this.snap.phase === 'editing' && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async effect(e: PromptEffect): Promise<void> {
    switch (e.type) {
      case 'submit':
        await this.submit(e.text);
        return;
      case 'complete': {
        const { text, cursor } = this.snap.prompt.buffer;
        let result: CompletionResult;
        try {
          result = await this.backend.complete(text, cursor);
        } catch {
          return;
        }
        // the line cannot have changed: keys wait in the queue meanwhile
        this.set({ prompt: applyCompletions(this.snap.prompt, result, e.reverse).state });
        return;
      }
      case 'cancel':
        this.echo(e.text);
        this.set({ prompt: initialPrompt(this.history.entries.length) });
        return;
      case 'eof':
        this.echo('');
        this.exit(0);
        return;
      case 'clear-screen':
        this.clearScreen();
        return;
      case 'bell':
        return;
    }
  }

  private echo(text: string): void {
    this.sink.line(renderEcho(text, this.style.color ? this.backend.highlight(text) : [], this.snap.promptText, this.style));
  }

  /** Runs a line as if typed and accepted (tests, the controller itself). */
  async submit(text: string): Promise<void> {
    this.echo(text);
    if (!text.trim()) {
      this.set({ prompt: initialPrompt(this.history.entries.length) });
      return;
    }
    this.history.add(text);
    this.set({ phase: 'running', prompt: initialPrompt(this.history.entries.length) });
    const start = new Date();
    let outcome: RunOutcome;
    try {
      outcome = await this.backend.run(text);
    } catch (err) {
      this.sink.line(this.style.paint(err instanceof Error ? err.message : String(err), SGR.error));
      outcome = { failed: true, stopped: false };
    }
    this.session.push({
      id: this.session.length + 1,
      commandLine: text,
      executionStatus: outcome.stopped ? 'Stopped' : outcome.failed ? 'Failed' : 'Completed',
      startExecutionTime: start,
      endExecutionTime: new Date(),
    });
    // drop keys typed after a Ctrl+C; keep type-ahead otherwise
    if (outcome.stopped) this.queue.length = 0;
    if (outcome.exitCode !== undefined) {
      this.exit(outcome.exitCode);
      return;
    }
    this.showPrompt();
  }

  // ---------------------------------------------------------------- services for cmdlets

  entries(): readonly HistoryEntry[] {
    return this.session;
  }

  clearScreen(): void {
    this.sink.control(CLEAR_SCREEN);
  }

  // ---------------------------------------------------------------- host: progress, questions, status

  progress(rec: ProgressRecord): void {
    const id = rec.id ?? 0;
    if (rec.completed) this.progressById.delete(id);
    else this.progressById.set(id, rec);
    this.set({ progress: [...this.progressById.values()] });
  }

  /** Read-Host and confirmations: a one-line prompt that Enter accepts; undefined on Ctrl+C/Ctrl+D. */
  ask(prompt: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.questions.push({ prompt, resolve });
      if (!this.snap.question) this.nextQuestion();
    });
  }

  private nextQuestion(): void {
    const q = this.questions[0];
    this.set({ question: q ? { prompt: q.prompt, state: initialPrompt(0) } : undefined });
  }

  private questionKey(k: KeyEvent): void {
    const q = this.snap.question!;
    const step = promptKey(q.state, k, { history: [], isIncomplete: () => false, mode: 'question' });
    const e = step.effect;
    if (!e || e.type === 'bell' || e.type === 'complete' || e.type === 'clear-screen') {
      this.set({ question: { ...q, state: step.state } });
      return;
    }
    const { resolve } = this.questions.shift()!;
    if (e.type === 'submit') {
      this.sink.line(q.prompt + e.text);
      resolve(e.text);
    } else {
      this.sink.line(q.prompt + q.state.buffer.text);
      resolve(undefined);
      if (e.type === 'cancel') this.backend.stop();
    }
    this.nextQuestion();
  }

  refreshStatus(): void {
    const t = this.backend.transportStatus?.();
    // a copy of the plain figures: the live view has getters and a reference to the service itself
    const shown: TransportStatus | undefined =
      t && t.running
        ? { running: true, bindings: [...t.bindings], sessions: t.sessions, counters: { received: t.counters.received, sent: t.counters.sent, failures: t.counters.failures } }
        : undefined;
    const key = shown ? JSON.stringify(shown) : '';
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.set({ transport: shown });
  }
}
