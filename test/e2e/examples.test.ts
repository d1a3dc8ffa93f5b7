// Every examples/*.ps1 with an .expected.txt beside it runs through the real binary and must print
// exactly that (trailing spaces trimmed): the scripts in the README cannot rot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir, trimLines } from '../helpers/shell.js';

const dir = path.resolve(import.meta.dirname, '../../examples');
const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.ps1') && fs.existsSync(path.join(dir, f.replace(/\.ps1$/, '.expected.txt'))));

describe('example scripts', () => {
  test('there are pinned examples', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(2);
  });
  for (const s of scripts) {
    test(`${s} prints its expected output`, async () => {
      const expected = fs.readFileSync(path.join(dir, s.replace(/\.ps1$/, '.expected.txt')), 'utf8');
      const r = await runCli(['-NoProfile', '-File', path.join(dir, s)], { env: { EDGESHELL_HOME: tempDir() } });
      expect(r.stderr).toBe('');
      expect(trimLines(r.stdout)).toBe(expected);
      expect(r.code).toBe(0);
    });
  }
});
