import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HistoryStore, searchHistory } from '../../src/ui/history.js';

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-history-')), 'history.txt');

describe('HistoryStore', () => {
  test('persists across sessions, multi-line entries included', () => {
    const file = tmp();
    const a = new HistoryStore(file);
    a.add('Get-ExchangeCertificate');
    a.add('foreach ($i in 1..3) {\n  $i\n}');
    a.add('"quoted"');
    const b = new HistoryStore(file);
    expect(b.entries).toEqual(['Get-ExchangeCertificate', 'foreach ($i in 1..3) {\n  $i\n}', '"quoted"']);
  });

  test('skips blank lines and duplicates in a row', () => {
    const h = new HistoryStore(undefined);
    expect(h.add('Get-Date')).toBe(true);
    expect(h.add('Get-Date')).toBe(false);
    expect(h.add('   ')).toBe(false);
    h.add('Get-Help');
    h.add('Get-Date');
    expect(h.entries).toEqual(['Get-Date', 'Get-Help', 'Get-Date']);
  });

  test('is bounded, in memory and on disk', () => {
    const file = tmp();
    const h = new HistoryStore(file, 10);
    for (let i = 0; i < 30; i++) h.add(`cmd ${i}`);
    expect(h.entries.length).toBe(10);
    expect(h.entries[0]).toBe('cmd 20');
    const again = new HistoryStore(file, 10);
    expect(again.entries).toEqual(h.entries);
    // loading rewrote the over-long file
    expect(fs.readFileSync(file, 'utf8').trim().split('\n').length).toBe(10);
  });

  test('searchHistory finds the newest entry holding the text, case-insensitively', () => {
    const e = ['Get-Date', 'Set-ReceiveConnector Inet', 'Get-ReceiveConnector', 'Get-Help'];
    expect(searchHistory(e, 'receive', 3, -1)).toBe(2);
    expect(searchHistory(e, 'receive', 1, -1)).toBe(1);
    expect(searchHistory(e, 'receive', 0, -1)).toBe(-1);
    expect(searchHistory(e, 'get', 1, 1)).toBe(2);
  });
});
