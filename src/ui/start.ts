// Entry point of the interactive shell (cli.ts loads it only for a terminal with no -File/-Command).
import { createElement } from 'react';
import { createShell, startupSteps } from './shell.js';
import { colorWanted } from './style.js';

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

/**
 * Ink draws only the final frame when it believes it runs in CI (CI=true), which would hide the
 * prompt; an interactive terminal session is never a CI log, so Ink is loaded without those variables.
 */
async function loadInk(): Promise<typeof import('ink')> {
  const keys = ['CI', 'CONTINUOUS_INTEGRATION'];
  const saved = keys.map((k) => [k, process.env[k]] as const);
  for (const k of keys) delete process.env[k];
  try {
    return await import('ink');
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

export async function startInteractive(opts: { home: string; noProfile: boolean; noLogo: boolean }): Promise<number> {
  const { render } = await loadInk();
  const { App } = await import('./App.js');
  const shell = createShell({ home: opts.home, color: colorWanted() });
  const { controller, rs } = shell;

  process.stdout.write(BRACKETED_PASTE_ON);
  // a SIGINT from outside the terminal (kill -INT) stops the running command too
  const onSigint = () => rs.requestStop();
  process.on('SIGINT', onSigint);
  const instance = render(createElement(App, { controller }), { exitOnCtrlC: false, patchConsole: true, maxFps: 60 });
  try {
    await controller.start(startupSteps(shell, opts));
    const code = await controller.exited;
    await shell.sink.drained();
    return code;
  } finally {
    controller.dispose();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    process.off('SIGINT', onSigint);
    process.stdout.write(BRACKETED_PASTE_OFF);
  }
}
