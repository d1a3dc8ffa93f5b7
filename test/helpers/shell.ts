// Runs script text in a fresh runspace, capturing what a console would show.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { Runspace } from '../../src/engine/runspace.js';
import { areas } from '../../cmdlets/index.js';

export interface ScriptResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The objects the script wrote to its output, before formatting. */
  output: unknown[];
}

export interface ScriptOptions {
  home?: string;
  cwd?: string;
  width?: number;
  file?: string;
  args?: string[];
  interactive?: boolean;
  confirm?: boolean;
}

export function tempDir(prefix = 'edgeshell-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function createRunspace(opts: ScriptOptions = {}) {
  let stdout = '';
  let stderr = '';
  const rs = new Runspace({
    home: opts.home ?? tempDir('edgeshell-home-'),
    cwd: opts.cwd ?? process.cwd(),
    cmdlets: areas,
    host: { interactive: !!opts.interactive, width: opts.width ?? 120, confirm: async () => opts.confirm ?? false },
    streams: {
      output: (t) => (stdout += t + '\n'),
      error: (t) => (stderr += t + '\n'),
      warning: (t) => (stdout += `WARNING: ${t}\n`),
      verbose: (t) => (stdout += `VERBOSE: ${t}\n`),
      debug: (t) => (stdout += `DEBUG: ${t}\n`),
      information: (t, o) => (stdout += t + (o?.noNewline ? '' : '\n')),
      progress: () => undefined,
    },
  });
  return {
    rs,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    reset() {
      stdout = '';
      stderr = '';
    },
  };
}

/** Runs a script as `edgeshell -Command` would (or -File with opts.file), in-process. */
export async function runScript(script: string, opts: ScriptOptions = {}): Promise<ScriptResult> {
  const h = createRunspace(opts);
  const output: unknown[] = [];
  const r = await h.rs.runScript(script, { file: opts.file, args: opts.args, tap: (v) => output.push(v) });
  const exitCode = r.exitCode ?? (opts.file ? (r.terminated ? 1 : 0) : r.failed ? 1 : 0);
  return { stdout: h.stdout, stderr: h.stderr, exitCode, output };
}

/** Trims trailing spaces on every line, as the byte-for-byte comparisons do. */
export function trimLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
}

export const cliPath = path.resolve(import.meta.dirname, '../../dist/bin/edgeshell.cjs');

/** Runs the built binary (npm test builds it first), or the copy of it at `cli`. */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number; cli?: string } = {}): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.cli ?? cliPath, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`edgeshell ${args.join(' ')} timed out`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(opts.input ?? '');
  });
}
