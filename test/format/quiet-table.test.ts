// A table whose command goes quiet is laid out from the rows so far (Start-Transport -Wait).
import { expect, test } from 'vitest';
import { createOutDefault } from '../../src/format/index.js';
import { PSObject } from '../../src/engine/values.js';

const row = (n: string) => new PSObject(undefined, { Name: n, Port: 25 });

test('with a grouping timeout, a waiting table appears once its command has been quiet that long', async () => {
  const written: string[] = [];
  const out = createOutDefault({ width: 80, write: (t) => written.push(t), groupingTimeoutMs: 30 });
  out.push(row('Inet'));
  expect(written.join('\n')).toBe('');
  await new Promise((r) => setTimeout(r, 120));
  // sized from the first row: later rows are cut to those widths, as in PowerShell
  expect(written.join('\n')).toBe('\nName Port\n---- ----\nInet   25');
  out.push(row('Internet'));
  out.end();
  expect(written.join('\n')).toBe('\nName Port\n---- ----\nInet   25\nInt…   25\n');
});

test('without one, the table waits for its last row', async () => {
  const written: string[] = [];
  const out = createOutDefault({ width: 80, write: (t) => written.push(t) });
  out.push(row('Inet'));
  await new Promise((r) => setTimeout(r, 60));
  expect(written.join('\n')).toBe(''); // only the blank line that opens the table
  out.push(row('Internet'));
  out.end();
  expect(written.join('\n')).toBe('\nName     Port\n----     ----\nInet       25\nInternet   25\n');
});
