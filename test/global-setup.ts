// Every test run gets its own temporary folder (TMPDIR, inherited by the test workers and the
// processes they start), removed when the run ends: tests make homes, spools and lab CAs under
// os.tmpdir() and need not clean up each one. The folder's name is short on purpose: some
// expected outputs hold a temporary path, and a long one would wrap in a 120-column list.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-'));
  process.env.TMPDIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
