// The receive side's commit off the event loop: acceptDurable commits like accept (content and
// control file, an id once), concurrent commits share directory syncs, and a directory sync is never
// joined after it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GroupedDirSync, Spool, SpoolError } from '../../src/transport/spool.js';
import type { DirSyncs } from '../../src/transport/durable-fs.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-perf-spool-'));
const env = (to: string) => ({ receivedAt: new Date().toISOString(), mailFrom: 'ann@contoso.com', recipients: [{ address: to, status: 'Ready' as const, attempts: 0 }], messageId: '<m@contoso.com>', subject: 's', source: 'SMTP' as const });

describe('acceptDurable', () => {
  test('commits content and control file into incoming/, like accept', async () => {
    const spool = new Spool(tmp());
    spool.recover();
    const e = await spool.acceptDurable(env('bob@woodgrovebank.com'), Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    expect(e.state).toBe('incoming');
    expect(spool.content(e.envelope).toString()).toBe('Subject: hi\r\n\r\nbody\r\n');
    expect(spool.get(e.envelope.id)?.envelope).toMatchObject({ size: 21, recipients: [{ address: 'bob@woodgrovebank.com' }] });
    expect(fs.readdirSync(spool.dirs.tmp)).toEqual([]);
    expect(spool.committing.size).toBe(0);
  });

  test('many concurrent commits all land, sharing directory syncs', async () => {
    const spool = new Spool(tmp());
    spool.recover();
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => spool.acceptDurable(env(`u${i}@woodgrovebank.com`), Buffer.from(`m${i}`))));
    expect(new Set(all.map((e) => e.envelope.id)).size).toBe(40);
    expect(spool.list(['incoming'])).toHaveLength(40);
    const incoming = (spool as unknown as { dirSyncs: DirSyncs }).dirSyncs.of(spool.dirs.incoming);
    expect(incoming.syncs).toBeLessThan(40);
    expect(incoming.syncs).toBeGreaterThan(0);
  });

  test('an id is committed once; the clash leaves the first message intact', async () => {
    const spool = new Spool(tmp());
    spool.recover();
    const a = await spool.acceptDurable({ ...env('a@x.com'), id: '42' }, Buffer.from('first'));
    await expect(spool.acceptDurable({ ...env('b@x.com'), id: '42' }, Buffer.from('second'))).rejects.toBeInstanceOf(SpoolError);
    expect(spool.content(a.envelope).toString()).toBe('first');
    expect(spool.get('42')?.envelope.recipients[0]!.address).toBe('a@x.com');
  });
});

describe('GroupedDirSync', () => {
  test('a caller never joins a sync that started before it asked', async () => {
    const d = new GroupedDirSync(tmp());
    const first = d.sync(); // starts at once
    const second = d.sync(); // waits for the next one
    const third = d.sync(); // joins the second
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    await Promise.all([first, second, third]);
    expect(d.syncs).toBe(2);
    await d.sync();
    expect(d.syncs).toBe(3);
  });
});
