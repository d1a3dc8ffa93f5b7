// edgeshell's command line, mirroring pwsh: -File, -Command, -Command -, -NoProfile, -NonInteractive, -NoLogo.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isatty } from 'node:tty';
import { Runspace } from './engine/runspace.js';
import { createConsoleHost } from './host/console.js';
import { areas } from '../cmdlets/index.js';
import { grammarSnapshot, useGrammarSnapshot } from '../grammar/index.js';

interface CliOptions {
  file?: string;
  command?: string;
  commandFromStdin?: boolean;
  args: string[];
  noProfile: boolean;
  nonInteractive: boolean;
  noLogo: boolean;
}

const usage = `Usage: edgeshell [-NoProfile] [-NonInteractive] [-NoLogo] [-File <script.ps1> [args...]] [-Command <text> | -]

  -File <path> [args]   Runs a script file with its arguments.
  -Command <text>       Runs the text as a script; '-' reads it from standard input.
  -NoProfile            Does not run $PROFILE ($EDGESHELL_HOME/profile.ps1).
  -NonInteractive       Never prompts; confirmations are answered No.
  -NoLogo               Hides the banner of the interactive shell.
  -Help                 Shows this text.

With no -File or -Command, edgeshell opens the interactive shell on a terminal, or runs
what standard input holds. EDGESHELL_HOME names the state directory (default ~/.edgeshell).`;

function matches(arg: string, name: string, min = 1): boolean {
  const a = arg.replace(/^--?/, '').toLowerCase();
  return a.length >= min && name.toLowerCase().startsWith(a);
}

export function parseArgs(argv: string[]): CliOptions | { error: string } | { help: true } {
  const o: CliOptions = { args: [], noProfile: false, nonInteractive: false, noLogo: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      // `edgeshell script.ps1 args...` is -File
      o.file = a;
      o.args = argv.slice(i + 1);
      return o;
    }
    if (matches(a, 'NoProfile', 4)) o.noProfile = true;
    else if (matches(a, 'NonInteractive', 4)) o.nonInteractive = true;
    else if (matches(a, 'NoLogo', 4)) o.noLogo = true;
    else if (matches(a, 'Help') || a === '-?' || a === '/?') return { help: true };
    else if (matches(a, 'File')) {
      if (i + 1 >= argv.length) return { error: `Missing the argument to -File.` };
      o.file = argv[i + 1];
      o.args = argv.slice(i + 2);
      return o;
    } else if (matches(a, 'Command')) {
      const rest = argv.slice(i + 1);
      if (rest.length === 0) return { error: 'Missing the argument to -Command.' };
      if (rest.length === 1 && rest[0] === '-') o.commandFromStdin = true;
      else o.command = rest.join(' ');
      return o;
    } else return { error: `The argument '${a}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n\n${usage}` };
  }
  return o;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Builds the parser from the grammar snapshot in `file` (the launcher keeps it beside the bundle,
 * see grammar/snapshot.ts); without one of this grammar, one is written when the process exits.
 */
function useGrammarSnapshotFile(file: string): void {
  let json: string | undefined;
  try {
    json = fs.readFileSync(file, 'utf8');
  } catch {
    // the first run after a build
  }
  if (json !== undefined && useGrammarSnapshot(json)) return;
  process.once('exit', () => {
    try {
      // a read-only install runs without one, and need not take it
      fs.accessSync(path.dirname(file), fs.constants.W_OK);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, grammarSnapshot());
      fs.renameSync(tmp, file);
    } catch {
      /* no snapshot this time */
    }
  });
}

export function stateHome(): string {
  return process.env.EDGESHELL_HOME ? path.resolve(process.env.EDGESHELL_HOME) : path.join(os.homedir(), '.edgeshell');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(parsed.error + '\n');
    return 64;
  }
  const o = parsed;
  const interactive = !o.file && o.command === undefined && !o.commandFromStdin && isatty(0) && isatty(1);
  if (interactive) {
    // the Ink UI is loaded only here, so scripts never pay for React
    // bin.ts hands over a real ES module import: the UI cannot be required from the CommonJS bundle
    const importUi = (globalThis as { __edgeshellImportUi?: () => Promise<unknown> }).__edgeshellImportUi ?? (() => import('./ui/start.js'));
    const { startInteractive } = (await importUi().catch(() => ({}))) as {
      startInteractive?: (o: { home: string; noProfile: boolean; noLogo: boolean }) => Promise<number>;
    };
    if (!startInteractive) {
      process.stderr.write('The interactive shell is not available in this build; use -Command or -File.\n');
      return 1;
    }
    return startInteractive({ home: stateHome(), noProfile: o.noProfile, noLogo: o.noLogo });
  }
  const snapshotFile = (globalThis as { __edgeshellGrammarSnapshot?: string }).__edgeshellGrammarSnapshot;
  if (snapshotFile) useGrammarSnapshotFile(snapshotFile);
  const { host, streams } = createConsoleHost({ nonInteractive: o.nonInteractive || !isatty(0) });
  const rs = new Runspace({ home: stateHome(), host, streams, cmdlets: areas, tableGroupingMs: 300 });
  const onSignal = () => rs.requestStop();
  process.on('SIGINT', onSignal);

  if (!o.noProfile) {
    const profile = path.join(stateHome(), 'profile.ps1');
    if (fs.existsSync(profile)) await rs.runScript(fs.readFileSync(profile, 'utf8'), { file: profile });
  }

  if (o.file) {
    const file = path.resolve(o.file);
    if (!fs.existsSync(file)) {
      process.stderr.write(`The argument '${o.file}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n`);
      return 64;
    }
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const r = await rs.runScript(text, { file, args: o.args });
    await rs.closeServices();
    if (r.exitCode !== undefined) return r.exitCode;
    return r.terminated ? 1 : 0;
  }
  const text = o.command !== undefined ? o.command : await readStdin();
  const r = await rs.runScript(text);
  await rs.closeServices();
  if (r.exitCode !== undefined) return r.exitCode;
  return r.failed ? 1 : 0;
}

// a fault that escapes every handler (a bug) ends the shell with one line, never a stack trace
const fatal = (e: unknown) => {
  process.stderr.write(`edgeshell: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(70);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // services such as a running transport keep the loop alive only when asked to (-Wait)
    setImmediate(() => process.exit(code));
  },
  fatal,
);
