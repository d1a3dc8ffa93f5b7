// The Ink view and controller together, driven through ink-testing-library's stdin: editing,
// history, completion, continuation, Ctrl+C, output. Output written above the live area is captured
// through the App's `write` prop; the live area is lastFrame().
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { ShellController } from '../../src/ui/controller.js';
import { HistoryStore } from '../../src/ui/history.js';
import { OutputSink } from '../../src/ui/output.js';
import { createStyle, stripAnsi } from '../../src/ui/style.js';
import { FakeBackend } from './fake-backend.js';

const settle = () => new Promise((r) => setTimeout(r, 15));

async function setup(opts: { history?: string[]; color?: boolean } = {}) {
  const backend = new FakeBackend();
  const history = new HistoryStore(undefined);
  for (const h of opts.history ?? []) history.add(h);
  const sink = new OutputSink();
  backend.sink = sink;
  const controller = new ShellController({ backend, history, sink, style: createStyle(opts.color ?? false), statusInterval: 0 });
  let written = '';
  const ui = render(<App controller={controller} width={120} write={(d) => (written += d)} />);
  await controller.start();
  await settle();
  const type = async (...chunks: string[]) => {
    for (const c of chunks) {
      ui.stdin.write(c);
      await settle();
    }
    await controller.whenIdle();
    await settle();
  };
  return {
    ui,
    controller,
    backend,
    type,
    frame: () => stripAnsi(ui.lastFrame() ?? ''),
    output: () => stripAnsi(written),
  };
}

afterEach(() => cleanup());

const LEFT = '\x1b[D';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('editing', () => {
  test('shows the prompt and the line being edited', async () => {
    const s = await setup();
    await s.type('Get-Dte', LEFT, LEFT, 'a');
    expect(s.frame()).toContain('[PS] /fake> Get-Date');
    await s.type('\x01', 'x', '\x05', '!');
    expect(s.frame()).toContain('[PS] /fake> xGet-Date!');
  });

  test('Backspace and Delete, Ctrl+W and Ctrl+U', async () => {
    const s = await setup();
    await s.type('Get-Datex', '\x7f');
    expect(s.frame()).toContain('> Get-Date ');
    await s.type(' -Format o', '\x17');
    expect(s.frame()).toContain('> Get-Date -Format ');
    await s.type('\x15');
    expect(s.frame()).toMatch(/> \s*$/m);
  });

  test('Enter runs the line: it stays on the screen, the output follows, a new prompt appears', async () => {
    const s = await setup();
    await s.type('Get-Date', '\r');
    expect(s.backend.ran).toEqual(['Get-Date']);
    expect(s.output()).toBe('[PS] /fake> Get-Date\nran: Get-Date\n');
    expect(s.frame()).toMatch(/^\[PS\] \/fake> \s*$/m);
  });

  test('a bracketed paste of two lines is inserted and runs as one input on Enter', async () => {
    const s = await setup();
    await s.type('\x1b[200~$a = 1\r$b = 2\x1b[201~');
    expect(s.frame()).toContain('[PS] /fake> $a = 1\n>> $b = 2');
    await s.type('\r');
    expect(s.backend.ran).toEqual(['$a = 1\n$b = 2']);
  });

  test('the hint shows the current cmdlet\'s parameters', async () => {
    const s = await setup();
    await s.type('Enable-ExchangeCertificate -Services ');
    expect(s.frame()).toContain('-Services <AllowedServices>: The services to enable. Values: IMAP, POP');
    expect(s.frame()).toContain('[-Thumbprint] <String> -Force');
  });
});

describe('history', () => {
  test('Up and Down recall earlier lines', async () => {
    const s = await setup({ history: ['Get-Help'] });
    await s.type('one', '\r', 'two', '\r');
    await s.type(UP);
    expect(s.frame()).toContain('> two');
    await s.type(UP, UP);
    expect(s.frame()).toContain('> Get-Help');
    await s.type(DOWN);
    expect(s.frame()).toContain('> one');
    expect(s.controller.history.entries).toEqual(['Get-Help', 'one', 'two']);
  });

  test('Ctrl+R searches the history as you type', async () => {
    const s = await setup({ history: ['Set-ReceiveConnector Inet -AuthMechanism Tls', 'Get-Date', 'Get-Help'] });
    await s.type('\x12', 'recei');
    expect(s.frame()).toContain('> Set-ReceiveConnector Inet -AuthMechanism Tls');
    expect(s.frame()).toContain('bck-i-search: recei');
    await s.type('\r');
    expect(s.backend.ran).toEqual(['Set-ReceiveConnector Inet -AuthMechanism Tls']);
  });
});

describe('completion', () => {
  test('Get-Ex<Tab> completes the cmdlet name', async () => {
    const s = await setup();
    await s.type('Get-Ex', '\t');
    expect(s.frame()).toContain('> Get-ExchangeCertificate');
  });

  test('a second Tab opens the menu and cycles; Shift+Tab goes back; Enter accepts', async () => {
    const s = await setup();
    await s.type('Get-', '\t');
    expect(s.frame()).toContain('> Get-ChildItem');
    expect(s.frame()).not.toContain('Get-Greeting');
    await s.type('\t');
    expect(s.frame()).toContain('> Get-ExchangeCertificate');
    expect(s.frame()).toContain('Get-ChildItem');
    expect(s.frame()).toContain('Get-Greeting');
    expect(s.frame()).toContain('Get-Help');
    await s.type('\x1b[Z');
    expect(s.frame()).toContain('> Get-ChildItem');
    await s.type('\r');
    expect(s.backend.ran).toEqual([]);
    expect(s.frame()).not.toContain('Get-Greeting');
    await s.type('\r');
    expect(s.backend.ran).toEqual(['Get-ChildItem']);
  });

  test('-Services S<Tab> completes a ValidateSet value', async () => {
    const s = await setup();
    await s.type('Enable-ExchangeCertificate -Services S', '\t');
    expect(s.frame()).toContain('> Enable-ExchangeCertificate -Services SMTP');
  });

  test('Tab then Enter typed at once completes before running (keys wait their turn)', async () => {
    const s = await setup();
    await s.type('Get-Ex\t\r');
    expect(s.backend.ran).toEqual(['Get-ExchangeCertificate']);
  });
});

describe('continuation', () => {
  test('incomplete input continues on a >> line; complete input then runs', async () => {
    const s = await setup();
    await s.type('foreach ($i in 1..3) {', '\r');
    expect(s.backend.ran).toEqual([]);
    expect(s.frame()).toContain('[PS] /fake> foreach ($i in 1..3) {\n>> ');
    await s.type('$i', '\r', '}', '\r');
    expect(s.backend.ran).toEqual(['foreach ($i in 1..3) {\n$i\n}']);
    expect(s.output()).toContain('[PS] /fake> foreach ($i in 1..3) {\n>> $i\n>> }\n');
  });

  test('a trailing pipe continues the line', async () => {
    const s = await setup();
    await s.type('Get-ChildItem |', '\r', 'Get-Help', '\r');
    expect(s.backend.ran).toEqual(['Get-ChildItem |\nGet-Help']);
  });
});

describe('Ctrl+C and leaving', () => {
  test('Ctrl+C on a line abandons it and shows a new prompt', async () => {
    const s = await setup();
    await s.type('Get-Dat', '\x03');
    expect(s.output()).toBe('[PS] /fake> Get-Dat\n');
    expect(s.frame()).toMatch(/^\[PS\] \/fake> \s*$/m);
    expect(s.backend.ran).toEqual([]);
  });

  test('Ctrl+C cancels a running command and returns to the prompt', async () => {
    const s = await setup();
    s.ui.stdin.write('sleep\r');
    await settle();
    expect(s.controller.getSnapshot().phase).toBe('running');
    expect(s.frame()).not.toContain('[PS]');
    await s.type('\x03');
    expect(s.backend.stops).toBe(1);
    expect(s.controller.getSnapshot().phase).toBe('editing');
    expect(s.frame()).toContain('[PS] /fake>');
    expect(s.controller.entries()[0].executionStatus).toBe('Stopped');
  });

  test('keys typed while a command runs are kept for the next prompt', async () => {
    const s = await setup();
    s.ui.stdin.write('lines 3\r');
    s.ui.stdin.write('Get-Help');
    await s.type('');
    expect(s.frame()).toContain('> Get-Help');
    expect(s.output()).toContain('line 3\n');
  });

  test('Ctrl+D on an empty line leaves with 0; exit N leaves with N', async () => {
    const a = await setup();
    await a.type('\x04');
    expect(await a.controller.exited).toBe(0);
    const b = await setup();
    await b.type('exit 3', '\r');
    expect(await b.controller.exited).toBe(3);
    expect(b.frame()).not.toContain('[PS]');
  });
});

describe('output', () => {
  test('lines stream in order after the echoed command', async () => {
    const s = await setup();
    await s.type('lines 5', '\r');
    expect(s.output()).toBe('[PS] /fake> lines 5\nline 1\nline 2\nline 3\nline 4\nline 5\n');
  });

  test('progress bars show while a command runs and go when it ends', async () => {
    const s = await setup();
    s.ui.stdin.write('sleep\r');
    await settle();
    s.controller.progress({ activity: 'Generating key', status: '2048 bits', percentComplete: 50, id: 0 });
    await settle();
    expect(s.frame()).toMatch(/Generating key \[o+ +\]\s+50% 2048 bits/);
    await s.type('\x03');
    expect(s.frame()).not.toContain('Generating key');
  });

  test('the transport status line shows while the transport runs, typing undisturbed', async () => {
    const s = await setup();
    const status = { running: true, bindings: ['0.0.0.0:2525'], sessions: 1, counters: { received: 3, sent: 2, failures: 0 } };
    s.backend.transportStatus = () => status;
    await s.type('Get-Da');
    s.controller.refreshStatus();
    await settle();
    expect(s.frame()).toContain('Transport running on 0.0.0.0:2525 | sessions 1 | domain-secure received 3, sent 2, failures 0');
    status.counters.received = 4;
    s.controller.refreshStatus();
    await s.type('te');
    expect(s.frame()).toContain('received 4');
    expect(s.frame()).toContain('> Get-Date');
    status.running = false;
    s.controller.refreshStatus();
    await settle();
    expect(s.frame()).not.toContain('Transport running');
  });

  test('Read-Host asks on its own line while the command waits', async () => {
    const s = await setup();
    s.ui.stdin.write('sleep\r');
    await settle();
    const answer = s.controller.ask('Name: ');
    await settle();
    expect(s.frame()).toContain('Name: ');
    s.ui.stdin.write('Contoso');
    await settle();
    expect(s.frame()).toContain('Name: Contoso');
    s.ui.stdin.write('\r');
    expect(await answer).toBe('Contoso');
    await settle();
    expect(s.output()).toContain('Name: Contoso\n');
    await s.type('\x03');
  });
});
