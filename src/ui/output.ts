// The path finished output takes to the terminal: formatted text is buffered and written in one
// piece per turn of the event loop through Ink's stdout writer (which lifts the live area, writes,
// and redraws it), so 20,000 lines cost one write, not 20,000 frames.
import type { ProgressRecord } from '../engine/cmdlet.js';
import type { HostStreams } from '../engine/runspace.js';
import { SGR, consoleColorSgr, type Style } from './style.js';

/** Writes above the live area; `data` may hold several lines. */
export type ScreenWriter = (data: string) => void;

const FLUSH_BYTES = 1 << 20;

export class OutputSink {
  private writer: ScreenWriter | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  /** Whether the last character written ended a line (the prompt needs a fresh line). */
  private endsWithNewline = true;
  private readonly idle: (() => void)[] = [];

  attach(writer: ScreenWriter): void {
    this.writer = writer;
    this.flush();
  }

  detach(): void {
    this.flush();
    this.writer = undefined;
  }

  /** Text followed by a newline. */
  line(text: string): void {
    this.raw(text + '\n');
  }

  /** Text as it is (Write-Host -NoNewline). */
  raw(text: string): void {
    if (!text) return;
    this.pending.push(text);
    this.pendingBytes += text.length;
    this.endsWithNewline = text.endsWith('\n');
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.schedule();
  }

  /** A control sequence that leaves the cursor at the start of a line (clear screen), written now. */
  control(seq: string): void {
    this.raw(seq);
    this.endsWithNewline = true;
    this.flush();
  }

  /** Ends a line left open by -NoNewline output, before the prompt is drawn again. */
  ensureNewline(): void {
    if (!this.endsWithNewline) this.raw('\n');
  }

  private schedule(): void {
    if (this.scheduled || !this.writer) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flush();
    });
  }

  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    if (!this.writer || this.pending.length === 0) {
      if (this.pending.length === 0) this.notifyIdle();
      return;
    }
    const data = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    this.writer(data);
    this.notifyIdle();
  }

  /** Resolves once everything written so far has reached the screen writer. */
  drained(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle.push(resolve);
      this.schedule();
    });
  }

  private notifyIdle(): void {
    if (this.pending.length) return;
    for (const f of this.idle.splice(0)) f();
  }
}

export interface UiStreamsOptions {
  sink: OutputSink;
  style: Style;
  progress(record: ProgressRecord): void;
}

function paintLines(style: Style, text: string, sgr: string | undefined): string {
  if (!style.color || !sgr) return text;
  return text
    .split('\n')
    .map((l) => style.paint(l, sgr))
    .join('\n');
}

/** The runspace's streams as the interactive shell shows them: errors red, warnings yellow, verbose cyan. */
export function createUiStreams(o: UiStreamsOptions): HostStreams {
  const { sink, style } = o;
  return {
    output: (text) => sink.line(text),
    error: (text) => sink.line(paintLines(style, text, SGR.error)),
    warning: (text) => sink.line(paintLines(style, `WARNING: ${text}`, SGR.warning)),
    verbose: (text) => sink.line(paintLines(style, `VERBOSE: ${text}`, SGR.verbose)),
    debug: (text) => sink.line(paintLines(style, `DEBUG: ${text}`, SGR.debug)),
    information: (text, opts) => {
      const painted = paintLines(style, text, consoleColorSgr(opts?.foregroundColor, opts?.backgroundColor));
      if (opts?.noNewline) sink.raw(painted);
      else sink.line(painted);
    },
    progress: (rec) => o.progress(rec),
  };
}
