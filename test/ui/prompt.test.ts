// The prompt state machine: PSReadLine's editing keys, history, Ctrl+R, completion cycling.
import { describe, expect, test } from 'vitest';
import { KeyDecoder, type KeyEvent } from '../../src/ui/keys.js';
import { applyCompletions, initialPrompt, promptKey, type PromptEffect, type PromptEnv, type PromptState } from '../../src/ui/prompt.js';

const env = (history: string[] = []): PromptEnv => ({
  history,
  isIncomplete: (t) => (t.match(/{/g)?.length ?? 0) > (t.match(/}/g)?.length ?? 0) || /\|\s*$/.test(t),
  mode: 'command',
});

/** Types raw terminal input; returns the final state and the effects on the way. */
function type(raw: string | string[], e: PromptEnv = env(), start: PromptState = initialPrompt(e.history.length)) {
  const d = new KeyDecoder();
  let s = start;
  const effects: PromptEffect[] = [];
  for (const chunk of Array.isArray(raw) ? raw : [raw]) {
    for (const k of d.decode(chunk) as KeyEvent[]) {
      const step = promptKey(s, k, e);
      s = step.state;
      if (step.effect) effects.push(step.effect);
    }
  }
  return { s, effects, text: s.buffer.text, cursor: s.buffer.cursor };
}

describe('editing', () => {
  test('typing, cursor movement and insertion in the middle', () => {
    const r = type(['Get-Dte', '\x1b[D', '\x1b[D', 'a']);
    expect(r.text).toBe('Get-Date');
    expect(r.cursor).toBe(6);
  });

  test('Home/End and Ctrl+A/Ctrl+E', () => {
    expect(type(['abc', '\x1b[H', 'x']).text).toBe('xabc');
    expect(type(['abc', '\x01', 'x', '\x05', 'y']).text).toBe('xabcy');
    expect(type(['abc', '\x1b[H', '\x1b[F', 'z']).text).toBe('abcz');
  });

  test('Backspace deletes before the cursor, Delete under it', () => {
    expect(type(['abcd', '\x7f']).text).toBe('abc');
    expect(type(['abcd', '\x1b[D', '\x1b[D', '\x1b[3~']).text).toBe('abd');
  });

  test('word jumps: Ctrl+Left/Right and Alt+B/F stop at dashes and spaces', () => {
    const r = type(['Get-ExchangeCertificate -Services SMTP', '\x1b[1;5D']);
    expect(r.cursor).toBe('Get-ExchangeCertificate -Services '.length);
    const r2 = type(['Get-ExchangeCertificate -Services SMTP', '\x1bb', '\x1bb']);
    expect(r2.cursor).toBe('Get-ExchangeCertificate -'.length);
    const r3 = type(['Get-ExchangeCertificate', '\x01', '\x1b[1;5C']);
    expect(r3.cursor).toBe(3);
    const r4 = type(['Get-ExchangeCertificate', '\x01', '\x1bf', '\x1bf']);
    expect(r4.cursor).toBe('Get-ExchangeCertificate'.length);
  });

  test('Ctrl+U, Ctrl+K, Ctrl+W kill, Ctrl+Y yanks back', () => {
    expect(type(['Get-Date -Format o', '\x1b[1;5D', '\x1b[1;5D', '\x15']).text).toBe('Format o');
    expect(type(['Get-Date -Format o', '\x1b[1;5D', '\x1b[1;5D', '\x0b']).text).toBe('Get-Date -');
    expect(type(['Get-Date -Format o', '\x17']).text).toBe('Get-Date -Format ');
    expect(type(['Get-Date -Format o', '\x17', '\x17', '\x19']).text).toBe('Get-Date -Format o');
  });

  test('Ctrl+Z undoes the last edit', () => {
    expect(type(['abc', '\x17', '\x1a']).text).toBe('abc');
  });

  test('Escape clears the line', () => {
    expect(type(['Get-Date', '\x1b']).text).toBe('');
  });

  test('a bracketed paste of several lines is inserted, not run', () => {
    const r = type(['\x1b[200~$a = 1\r$b = 2\x1b[201~']);
    expect(r.text).toBe('$a = 1\n$b = 2');
    expect(r.effects).toEqual([]);
  });
});

describe('Enter and continuation', () => {
  test('Enter on complete input submits it', () => {
    expect(type(['Get-Date', '\r']).effects).toEqual([{ type: 'submit', text: 'Get-Date' }]);
  });

  test('Enter on incomplete input continues on a new line', () => {
    const r = type(['foreach ($i in 1..3) {', '\r', '$i', '\r']);
    expect(r.text).toBe('foreach ($i in 1..3) {\n$i\n');
    expect(r.effects).toEqual([]);
    const done = type(['}', '\r'], env(), r.s);
    expect(done.effects).toEqual([{ type: 'submit', text: 'foreach ($i in 1..3) {\n$i\n}' }]);
  });

  test('Up and Down move between the lines of a multi-line input before reaching history', () => {
    const r = type(['\x1b[200~if ($true) {\r  1\r}\x1b[201~', '\x1b[A', '\x1b[A', 'x'], env(['old']));
    // the column is kept: the cursor was after `}`
    expect(r.text).toBe('ixf ($true) {\n  1\n}');
    expect(type(['\x1b[200~a\rb\x1b[201~', '\x1b[A', '\x1b[A'], env(['old'])).text).toBe('old');
  });
});

describe('history', () => {
  const h = ['Get-Date', 'Get-Help', 'Set-ReceiveConnector Inet -AuthMechanism Tls'];

  test('Up and Down walk the history and come back to the line being typed', () => {
    expect(type(['\x1b[A'], env(h)).text).toBe(h[2]);
    expect(type(['\x1b[A', '\x1b[A'], env(h)).text).toBe(h[1]);
    expect(type(['draft', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B'], env(h)).text).toBe('draft');
  });

  test('Up keeps walking through a recalled multi-line entry', () => {
    const e = ['first', 'if ($x) {\n  1\n}', 'last'];
    expect(type(['\x1b[A', '\x1b[A', '\x1b[A'], env(e)).text).toBe('first');
  });

  test('Ctrl+R searches backwards incrementally; Enter runs the match', () => {
    const r = type(['\x12', 'get'], env(h));
    expect(r.s.search?.query).toBe('get');
    expect(r.text).toBe('Get-Help');
    const again = type(['\x12', 'get', '\x12'], env(h));
    expect(again.text).toBe('Get-Date');
    const run = type(['\x12', 'recei', '\r'], env(h));
    expect(run.effects).toEqual([{ type: 'submit', text: h[2] }]);
  });

  test('Ctrl+R reports a failing search, Ctrl+G restores the line', () => {
    const r = type(['draft', '\x12', 'zzz'], env(h));
    expect(r.s.search?.failed).toBe(true);
    expect(type(['draft', '\x12', 'help', '\x07'], env(h)).text).toBe('draft');
  });

  test('another key leaves the search with the match to edit', () => {
    const r = type(['\x12', 'date', '\x1b[F', ' -Format o'], env(h));
    expect(r.s.search).toBeUndefined();
    expect(r.text).toBe('Get-Date -Format o');
  });
});

describe('Ctrl+C, Ctrl+D, Ctrl+L', () => {
  test('Ctrl+C abandons the line', () => {
    const r = type(['Get-Dat', '\x03']);
    expect(r.text).toBe('');
    expect(r.effects).toEqual([{ type: 'cancel', text: 'Get-Dat' }]);
  });

  test('Ctrl+D leaves on an empty line and deletes otherwise', () => {
    expect(type(['\x04']).effects).toEqual([{ type: 'eof' }]);
    const r = type(['ab', '\x01', '\x04']);
    expect(r.text).toBe('b');
    expect(r.effects).toEqual([]);
  });

  test('Ctrl+L asks for a clear screen', () => {
    expect(type(['x', '\x0c']).effects).toEqual([{ type: 'clear-screen' }]);
  });
});

describe('completion cycling', () => {
  const result = { start: 0, end: 6, items: ['Get-ExchangeCertificate', 'Get-ExchangeServer', 'Get-ExecutionPolicy'].map((t) => ({ text: t, display: t, kind: 'command' as const })) };

  test('Tab asks for completions; the first one is inserted, the next Tab opens the menu and moves on', () => {
    const r = type(['Get-Ex', '\t']);
    expect(r.effects).toEqual([{ type: 'complete', reverse: false }]);
    let s = applyCompletions(r.s, result).state;
    expect(s.buffer.text).toBe('Get-ExchangeCertificate');
    expect(s.completion?.menu).toBe(false);
    s = promptKey(s, { kind: 'key', name: 'tab', ctrl: false, meta: false, shift: false }, env()).state;
    expect(s.buffer.text).toBe('Get-ExchangeServer');
    expect(s.completion?.menu).toBe(true);
    s = promptKey(s, { kind: 'key', name: 'tab', ctrl: false, meta: false, shift: true }, env()).state;
    s = promptKey(s, { kind: 'key', name: 'tab', ctrl: false, meta: false, shift: true }, env()).state;
    expect(s.buffer.text).toBe('Get-ExecutionPolicy');
  });

  test('Escape restores the word; Enter in the menu accepts without running; typing goes on', () => {
    let s = applyCompletions(type('Get-Ex').s, result).state;
    expect(type('\x1b', env(), s).text).toBe('Get-Ex');
    s = type('\t', env(), s).s;
    const accepted = type('\r', env(), s);
    expect(accepted.text).toBe('Get-ExchangeServer');
    expect(accepted.effects).toEqual([]);
    expect(accepted.s.completion).toBeUndefined();
    expect(type(' -Identity x', env(), s).text).toBe('Get-ExchangeServer -Identity x');
  });

  test('a single completion is inserted and completion ends', () => {
    const s = applyCompletions(type('Get-Ex').s, { start: 0, end: 6, items: [result.items[0]] }).state;
    expect(s.buffer.text).toBe('Get-ExchangeCertificate');
    expect(s.completion).toBeUndefined();
  });
});
