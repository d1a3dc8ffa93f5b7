// The plain console host: records to stdout/stderr, colours only on a terminal without NO_COLOR.
import { isatty } from 'node:tty';
import type { HostUI, ProgressRecord } from '../engine/cmdlet.js';
import type { HostStreams } from '../engine/runspace.js';

const colors: Record<string, number> = {
  black: 30, darkred: 31, darkgreen: 32, darkyellow: 33, darkblue: 34, darkmagenta: 35, darkcyan: 36, gray: 37,
  darkgray: 90, red: 91, green: 92, yellow: 93, blue: 94, magenta: 95, cyan: 96, white: 97,
};

interface Terminal {
  write(text: string): unknown;
  readonly isTTY: boolean;
}

export function outputWidth(): number {
  // isatty(1) first: touching process.stdout builds the stream, which a script may never need
  const cols = isatty(1) ? process.stdout.columns : undefined;
  if (cols && cols > 0) return cols;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 120;
}

export function createConsoleHost(opts: { nonInteractive: boolean }): { host: HostUI; streams: HostStreams } {
  // the streams are built on first use, so a run that prints nothing never pays for them
  const out: Terminal = { write: (t) => process.stdout.write(t), isTTY: isatty(1) };
  const err: Terminal = { write: (t) => process.stderr.write(t), isTTY: isatty(2) };
  const useColor = (stream: Terminal) => stream.isTTY && !process.env.NO_COLOR;
  const paint = (stream: Terminal, text: string, code?: number) => (code && useColor(stream) ? `\x1b[${code}m${text}\x1b[0m` : text);
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      err.write('\r\x1b[2K');
      progressShown = false;
    }
  };
  const interactive = !opts.nonInteractive && isatty(0);

  const streams: HostStreams = {
    output: (text) => {
      clearProgress();
      out.write(text + '\n');
    },
    error: (text) => {
      clearProgress();
      err.write(paint(err, text, 91) + '\n');
    },
    warning: (text) => {
      clearProgress();
      out.write(paint(out, `WARNING: ${text}`, 93) + '\n');
    },
    verbose: (text) => {
      clearProgress();
      out.write(paint(out, `VERBOSE: ${text}`, 96) + '\n');
    },
    debug: (text) => {
      clearProgress();
      out.write(paint(out, `DEBUG: ${text}`, 93) + '\n');
    },
    information: (text, o) => {
      clearProgress();
      const code = o?.foregroundColor ? colors[o.foregroundColor.toLowerCase()] : undefined;
      out.write(paint(out, text, code) + (o?.noNewline ? '' : '\n'));
    },
    progress: (rec: ProgressRecord) => {
      if (!err.isTTY) return;
      if (rec.completed) {
        clearProgress();
        return;
      }
      const pct = rec.percentComplete ?? -1;
      const width = 30;
      const bar = pct >= 0 ? '[' + '='.repeat(Math.round((pct / 100) * width)).padEnd(width) + ']' : '';
      err.write(`\r\x1b[2K${rec.activity}${rec.status ? ': ' + rec.status : ''} ${bar}`.slice(0, outputWidth() - 1));
      progressShown = true;
    },
  };

  const host: HostUI = {
    interactive,
    get width() {
      return outputWidth();
    },
    confirm: async (caption, message) => {
      if (!interactive) return false;
      const readline = await import('node:readline');
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      try {
        const answer: string = await new Promise((resolve) => rl.question(`${caption}\n${message}\n[Y] Yes  [N] No  (default is "Y"): `, resolve));
        return answer.trim() === '' || /^y/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
    readLine: async (prompt) => {
      const readline = await import('node:readline');
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await new Promise<string | undefined>((resolve) => {
          rl.question(prompt, resolve);
          rl.once('close', () => resolve(undefined));
        });
      } finally {
        rl.close();
      }
    },
  };
  return { host, streams };
}
