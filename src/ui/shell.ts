// Assembles the interactive shell without rendering it: runspace with the UI's host and streams,
// history, controller, and the services cmdlets reach (Get-History, Clear-Host).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runspace } from '../engine/runspace.js';
import type { HostUI } from '../engine/cmdlet.js';
import { outputWidth } from '../host/console.js';
import { areas, type CmdletArea } from '../../cmdlets/index.js';
import { cmdlet as getHistory } from '../../cmdlets/core/get-history.js';
import { cmdlet as clearHost } from '../../cmdlets/core/clear-host.js';
import { RunspaceBackend } from './backend.js';
import { ShellController, type RunOutcome } from './controller.js';
import { DEFAULT_HISTORY_SIZE, HistoryStore } from './history.js';
import { OutputSink, createUiStreams } from './output.js';
import { SGR, createStyle, type Style } from './style.js';

/** The built-in cmdlets, with the shell's own two until cmdlets/core/index.ts lists them. */
function shellAreas(): CmdletArea[] {
  const known = new Set(areas.flatMap((a) => a.cmdlets.map((c) => c.name.toLowerCase())));
  const missing = [getHistory, clearHost].filter((c) => !known.has(c.name.toLowerCase()));
  return missing.length ? [...areas, { source: 'Microsoft.PowerShell.Core', cmdlets: missing }] : areas;
}

export interface ShellOptions {
  home: string;
  cwd?: string;
  color: boolean;
  /** The history file; null keeps history in memory. Default: EDGESHELL_HOME/history.txt. */
  historyFile?: string | null;
  width?: () => number;
  statusInterval?: number;
}

export interface Shell {
  rs: Runspace;
  backend: RunspaceBackend;
  controller: ShellController;
  sink: OutputSink;
  style: Style;
}

export function createShell(o: ShellOptions): Shell {
  const style = createStyle(o.color);
  const sink = new OutputSink();
  const width = o.width ?? outputWidth;
  // the controller is made after the runspace, which the host needs first
  let controller: ShellController | undefined;
  const host: HostUI = {
    interactive: true,
    get width() {
      return width();
    },
    confirm: async (caption, message) => {
      if (caption) sink.line(caption);
      if (message) sink.line(message);
      const answer = await controller!.ask('[Y] Yes  [N] No  (default is "Y"): ');
      if (answer === undefined) return false;
      return answer.trim() === '' || /^y/i.test(answer.trim());
    },
    readLine: (prompt) => controller!.ask(prompt),
  };
  const streams = createUiStreams({ sink, style, progress: (r) => controller?.progress(r) });
  const rs = new Runspace({ home: o.home, cwd: o.cwd, host, streams, cmdlets: shellAreas(), tableGroupingMs: 300 });
  const backend = new RunspaceBackend(rs);
  const max = Number(rs.global.vars.get('maximumhistorycount')?.value) || DEFAULT_HISTORY_SIZE;
  const historyFile = o.historyFile === undefined ? path.join(o.home, 'history.txt') : o.historyFile;
  const history = new HistoryStore(historyFile ?? undefined, max);
  controller = new ShellController({ backend, history, sink, style, statusInterval: o.statusInterval });
  rs.services.set('history', controller);
  rs.services.set('host-ui', controller);
  return { rs, backend, controller, sink, style };
}

function version(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(here, rel), 'utf8'));
      if (pkg.name === 'edgeshell') return String(pkg.version);
    } catch {
      /* try the next layout (src or dist) */
    }
  }
  return '';
}

/** The one-line banner (skipped with -NoLogo). */
export function bannerText(): string {
  const v = version();
  return `edgeshell${v ? ' ' + v : ''} - Exchange Edge Transport management shell. Get-Help, Tab, exit.`;
}

/** What runs before the first prompt: the banner, then $PROFILE unless -NoProfile. */
export function startupSteps(shell: Shell, o: { noProfile: boolean; noLogo: boolean }): (() => Promise<RunOutcome | void>)[] {
  const steps: (() => Promise<RunOutcome | void>)[] = [];
  if (!o.noLogo) steps.push(async () => shell.sink.line(shell.style.paint(bannerText(), SGR.banner)));
  if (!o.noProfile) {
    const profile = path.join(shell.rs.home, 'profile.ps1');
    if (fs.existsSync(profile)) {
      // dot-sourced, as pwsh does, so its functions and variables are global
      steps.push(() => shell.backend.run(`. '${profile.replace(/'/g, "''")}'`));
    }
  }
  return steps;
}
