// The interactive shell's figures: keystroke-to-frame latency and the time to print 20,000 lines
// through the UI's output path (runspace streams -> output sink -> Ink's stdout writer -> terminal).
// Runs the built UI (dist/) in-process against fake terminal streams; `node bench/ui.mjs` after
// `npm run build`. Each line is a measurement with its unit, as bench/run.mjs prints them.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

// Ink draws only a final frame when it thinks it runs in CI; the shell on a terminal never does.
const savedCi = [process.env.CI, process.env.CONTINUOUS_INTEGRATION];
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
const { render } = await import('ink');
const React = await import('react');
if (savedCi[0] !== undefined) process.env.CI = savedCi[0];
if (savedCi[1] !== undefined) process.env.CONTINUOUS_INTEGRATION = savedCi[1];
const { App } = await import(path.join(dist, 'src/ui/App.js'));
const { createShell } = await import(path.join(dist, 'src/ui/shell.js'));

function line(name, value, unit, target) {
  console.log(`${name.padEnd(58)} ${value.padStart(14)} ${unit.padEnd(10)}${target ? ` (target ${target})` : ''}`);
}

/** A terminal's output side: a TTY of 120x40 that keeps only the byte count and the last write. */
class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  bytes = 0;
  writes = 0;
  last = '';
  onWrite = undefined;
  write(data) {
    this.bytes += data.length;
    this.writes++;
    this.last = data;
    this.onWrite?.(data);
    return true;
  }
}

/** A terminal's input side in raw mode, as Ink reads it ('readable' then read()). */
class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read() {
    const d = this.data;
    this.data = null;
    return d;
  }
  type(s) {
    this.data = s;
    this.emit('readable');
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function mount(opts = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-bench-ui-'));
  const shell = createShell({ home, cwd: home, color: true, historyFile: null, width: () => 120, statusInterval: 0 });
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const instance = render(React.createElement(App, { controller: shell.controller }), {
    stdout,
    stdin,
    stderr: stdout,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: opts.maxFps ?? 60,
  });
  return { shell, stdout, stdin, instance };
}

// ---- keystroke-to-frame latency: a key in, until the frame showing it is written
async function keystrokeLatency(keys = 200, gapMs = 40) {
  const { shell, stdout, stdin, instance } = mount();
  await shell.controller.start();
  await tick(50);
  const text = 'Get-ExchangeCertificate -Thumbprint ';
  const times = [];
  for (let i = 0; i < keys; i++) {
    const ch = text[i % text.length];
    if (i % text.length === 0 && i > 0) {
      stdin.type('\x15'); // Ctrl+U: start the line again
      await tick(gapMs);
    }
    const typed = shell.controller.getSnapshot().prompt.buffer.text + ch;
    const t0 = performance.now();
    const frame = new Promise((resolve) => {
      stdout.onWrite = (data) => {
        // the frame that shows the new text (colours may split it; compare without them)
        if (data.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').includes(typed.slice(-12))) resolve(performance.now() - t0);
      };
    });
    stdin.type(ch);
    times.push(await Promise.race([frame, tick(1000).then(() => NaN)]));
    stdout.onWrite = undefined;
    await tick(gapMs);
  }
  instance.unmount();
  shell.controller.dispose();
  const ok = times.filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
  return { median: ok[Math.floor(ok.length / 2)], p95: ok[Math.floor(ok.length * 0.95)], missed: times.length - ok.length };
}

// ---- 20,000 lines through the UI's output path
async function printLines(script, lines) {
  const { shell, stdout, instance } = mount();
  await shell.controller.start();
  await tick(50);
  await shell.controller.submit('1..10 | Out-Null'); // warm up the engine and formatter
  await shell.sink.drained();
  const bytes0 = stdout.bytes;
  const t0 = performance.now();
  await shell.controller.submit(script);
  await shell.sink.drained();
  const ms = performance.now() - t0;
  const written = stdout.bytes - bytes0;
  instance.unmount();
  shell.controller.dispose();
  if (written < lines * 2) throw new Error(`only ${written} bytes reached the terminal for ${lines} lines`);
  return ms;
}

/** The output path alone: 20,000 formatted lines handed to the UI's streams, until they reach the terminal. */
async function streamLines(lines) {
  const { shell, instance } = mount();
  await shell.controller.start();
  await tick(50);
  const t0 = performance.now();
  for (let i = 0; i < lines; i++) shell.rs.streams.output(`line ${i} ${'x'.repeat(60)}`);
  await shell.sink.drained();
  const ms = performance.now() - t0;
  instance.unmount();
  shell.controller.dispose();
  return ms;
}

const best = async (f, runs = 3) => {
  let b = Infinity;
  for (let i = 0; i < runs; i++) b = Math.min(b, await f());
  return b;
};

const lat = await keystrokeLatency();
line('UI: keystroke-to-frame latency (median of 200 keys)', lat.median.toFixed(1), 'ms', '< 16 ms');
line('UI: keystroke-to-frame latency (95th percentile)', lat.p95.toFixed(1), 'ms');
if (lat.missed) line('UI: keystrokes without a frame within 1 s', String(lat.missed), 'keys', '0');
line('UI: 20,000 formatted lines through the output path', (await best(() => streamLines(20_000))).toFixed(0), 'ms', '< 1000 ms');
line("UI: '1..20000' typed and run, until on the terminal", (await best(() => printLines('1..20000', 20_000))).toFixed(0), 'ms', '< 1000 ms');
process.exit(0);
