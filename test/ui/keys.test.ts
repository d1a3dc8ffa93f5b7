import { describe, expect, test } from 'vitest';
import { KeyDecoder, key } from '../../src/ui/keys.js';

const decode = (...chunks: string[]) => {
  const d = new KeyDecoder();
  return chunks.flatMap((c) => d.decode(c));
};

describe('KeyDecoder', () => {
  test('Backspace (0x7f) and Delete (ESC[3~) are different keys', () => {
    expect(decode('\x7f')).toEqual([key('backspace')]);
    expect(decode('\x1b[3~')).toEqual([key('delete')]);
  });

  test('text runs stay together; control characters in them become keys', () => {
    expect(decode('Get-Ex\t\r')).toEqual([{ kind: 'text', text: 'Get-Ex' }, key('tab'), key('enter')]);
  });

  test('Ctrl+letters, Ctrl+arrows, Alt+letters and Shift+Tab', () => {
    expect(decode('\x01')).toEqual([key('a', { ctrl: true })]);
    expect(decode('\x12')).toEqual([key('r', { ctrl: true })]);
    expect(decode('\x1b[1;5D')).toEqual([key('left', { ctrl: true })]);
    expect(decode('\x1b[1;5C')).toEqual([key('right', { ctrl: true })]);
    expect(decode('\x1bb')).toEqual([key('b', { meta: true })]);
    expect(decode('\x1bf')).toEqual([key('f', { meta: true })]);
    expect(decode('\x1b[Z')).toEqual([key('tab', { shift: true })]);
    expect(decode('\x1b[H')).toEqual([key('home')]);
    expect(decode('\x1bOF')).toEqual([key('end')]);
    expect(decode('\x1b[A')).toEqual([key('up')]);
    expect(decode('\x1b')).toEqual([key('escape')]);
  });

  test('bracketed paste arrives as one paste event, even split over chunks', () => {
    expect(decode('\x1b[200~', 'line 1\r', 'line 2', '\x1b[201~')).toEqual([{ kind: 'paste', text: 'line 1\nline 2' }]);
    expect(decode('\x1b[200~a\r\nb\x1b[201~x')).toEqual([
      { kind: 'paste', text: 'a\nb' },
      { kind: 'text', text: 'x' },
    ]);
  });
});
