// The append-only journal: records come back in order, concurrent appends share one sync, a torn
// tail ends a segment's replay, segments roll by size and are prepared ahead under load, and after
// kill -9 every acknowledged record is there.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Journal, readSegment, replay, segments } from '../../src/transport/journal.js';
import { buildForChild } from './helpers/build.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-journal-'));
const texts = (bufs: Buffer[]) => bufs.map((b) => b.toString());

describe('journal', () => {
  test('records come back in order, whole, from parts; the segment is mode 0600', async () => {
    const dir = tmp();
    const j = new Journal(dir);
    await j.append(Buffer.from('first'));
    await j.append([Buffer.from('sec'), Buffer.from('ond'), Buffer.alloc(0)]);
    await expect(j.append(Buffer.alloc(0))).rejects.toThrow('A journal record cannot be empty.');
    await j.close();
    expect(texts(replay(dir))).toEqual(['first', 'second']);
    expect(fs.statSync(segments(dir)[0]!.file).mode & 0o777).toBe(0o600);
    await expect(j.append(Buffer.from('late'))).rejects.toThrow('The journal is closed.');
  });

  test('an append says where its payload lies, and read() gives those bytes back', async () => {
    const j = new Journal(tmp(), { segmentBytes: 64 });
    const records = ['alpha', 'beta', 'x'.repeat(70), 'gamma'];
    const at = [];
    for (const r of records) at.push(await j.append(Buffer.from(r)));
    expect(at.map((a, i) => j.read(a.segment, a.offset, records[i]!.length).toString())).toEqual(records);
    expect(j.read(at[1]!.segment, at[1]!.offset + 1, 3).toString()).toBe('eta');
    // the long record started a segment of its own, and the next one another
    expect(at.map((a) => a.segment)).toEqual([1, 1, 2, 3]);
    // (a prepared segment reads as zeros after its records, up to its full size)
    expect(() => j.read(at[3]!.segment, at[3]!.offset, 5000)).toThrow(/ends before the record/);
    await j.close();
  });

  test('appends that arrive while a sync runs are written and synced together (group commit)', async () => {
    const j = new Journal(tmp());
    // the first goes out at once; the other 199 wait for its sync and share the next one
    await Promise.all(Array.from({ length: 200 }, (_, i) => j.append(Buffer.from(`r${i}`))));
    expect(j.syncs).toBe(2);
    await j.close();
    expect(replay(j.dir)).toHaveLength(200);
  });

  test('a torn tail ends the replay of its segment: a short frame, a bad CRC', async () => {
    const dir = tmp();
    const j = new Journal(dir);
    for (const r of ['a', 'bb', 'ccc']) await j.append(Buffer.from(r));
    await j.close();
    const file = segments(dir)[0]!.file;
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, whole.length - 1));
    expect(texts(readSegment(file))).toEqual(['a', 'bb']);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 1] ^= 0xff;
    fs.writeFileSync(file, flipped);
    expect(texts(readSegment(file))).toEqual(['a', 'bb']);
    fs.writeFileSync(file, Buffer.concat([whole, Buffer.from([7, 0])]));
    expect(texts(readSegment(file))).toEqual(['a', 'bb', 'ccc']);
  });

  test('segments roll by size; a new journal on the same folder starts after the last one', async () => {
    const dir = tmp();
    let j = new Journal(dir, { segmentBytes: 64 });
    for (let i = 0; i < 10; i++) await j.append(Buffer.alloc(20, 48 + i));
    await j.close();
    expect(segments(dir).length).toBeGreaterThan(2);
    for (const s of segments(dir)) expect(fs.statSync(s.file).size).toBeLessThanOrEqual(64);
    const before = segments(dir).at(-1)!.n;
    j = new Journal(dir, { segmentBytes: 64 });
    await j.append(Buffer.from('after'));
    await j.close();
    expect(j.currentSegment).toBe(before + 1);
    expect(replay(dir).map((b) => b.toString()[0])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a']);
  });

  test('under load the next segment is prepared ahead: zero-filled, renamed into place, replayed up to its last record', async () => {
    const dir = tmp();
    const j = new Journal(dir, { segmentBytes: 4096 });
    // a quarter of a segment written starts the preparation of the next one; the first append
    // after it is ready goes to it
    const end = Date.now() + 5000;
    for (let i = 0; j.preparedSegments === 0 && Date.now() < end; i++) {
      await j.append(Buffer.alloc(200, 48 + (i % 10)));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(j.preparedSegments).toBe(1);
    const used = j.currentSegment;
    await j.append(Buffer.from('after the switch'));
    // the prepared segment keeps its full size: the records lie at its start, zeros after them
    const file = path.join(dir, `${used}.log`);
    expect(fs.statSync(file).size).toBe(4096);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(texts(readSegment(file)).at(-1)).toBe('after the switch');
    const all = replay(dir);
    await j.close();
    // close removes a prepared segment nobody used; a new journal removes one a crash left
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.log'))).toEqual([]);
    expect(replay(dir)).toEqual(all);
    fs.writeFileSync(path.join(dir, 'next.segment'), Buffer.alloc(100));
    new Journal(dir);
    expect(fs.existsSync(path.join(dir, 'next.segment'))).toBe(false);
  });

  test('kill -9 while appending: every acknowledged record is replayed, in order', async () => {
    const dir = tmp();
    const build = buildForChild();
    fs.writeFileSync(
      path.join(build, 'journal-child.mjs'),
      `import { Journal } from './src/transport/journal.js';
const j = new Journal(process.argv[2], { segmentBytes: 256 * 1024 });
let n = 0;
const writer = async () => { for (;;) { const i = n++; await j.append(Buffer.from('record ' + i + ' ' + 'x'.repeat(i % 3000))); process.stdout.write(i + '\\n'); } };
for (let k = 0; k < 8; k++) void writer();
`,
    );
    const child = spawn(process.execPath, [path.join(build, 'journal-child.mjs'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // let it write a few hundred records, then kill it mid-flight
    const end = Date.now() + 10_000;
    // ... and until records go to a prepared segment (full size from the start), whose torn tail lies over zeros
    const prepared = () => segments(dir).some((s) => fs.statSync(s.file, { throwIfNoEntry: false })?.size === 256 * 1024);
    while ((out.split('\n').length < 400 || !prepared()) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const acked = out.split('\n').filter(Boolean).map(Number);
    expect(acked.length).toBeGreaterThan(100);
    const found = replay(dir).map((b) => Number(/^record (\d+) /.exec(b.toString())![1]));
    const have = new Set(found);
    expect(acked.filter((i) => !have.has(i))).toEqual([]);
    // appended in the order they were asked for
    expect(found).toEqual([...found].sort((a, b) => a - b));
  }, 30_000);
});
