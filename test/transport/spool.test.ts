import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Spool, pendingRecipients, returnPathLine, type SpoolEntry } from '../../src/transport/spool.js';
import { deliverToMailbox, linkIntoMailbox, linkIntoMailboxLazily, listMailbox, mailboxDirName, sweepMailboxes, writeIntoMailbox } from '../../src/transport/mailbox.js';
import { fsyncFiles, syncFileSystems } from '../../src/transport/durable-fs.js';
import { CounterStore, readCounters } from '../../src/transport/counters.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-spool-'));
const env = (to: string[]) => ({
  receivedAt: new Date().toISOString(),
  mailFrom: 'ann@contoso.com',
  recipients: to.map((address) => ({ address, status: 'Ready' as const, attempts: 0 })),
  messageId: '<m@contoso.com>',
  subject: 'hi',
  source: 'SMTP' as const,
});

describe('spool', () => {
  test('accept commits the content and the control file into incoming/', () => {
    const spool = new Spool(tmp());
    spool.recover();
    const e = spool.accept(env(['bob@woodgrovebank.com']), Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    expect(e.state).toBe('incoming');
    expect(e.envelope.size).toBe(21);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([`${e.envelope.id}.json`]);
    expect(spool.content(e.envelope).toString()).toContain('body');
    expect(fs.readdirSync(spool.dirs.tmp)).toEqual([]);
  });

  test('state transitions are renames; update replaces the control file', () => {
    const spool = new Spool(tmp());
    spool.recover();
    const e = spool.accept(env(['a@x.com', 'b@y.com']), Buffer.from('x'));
    spool.move(e, 'active');
    e.envelope.recipients[0]!.status = 'Delivered';
    e.envelope.recipients[1]!.status = 'Retry';
    e.envelope.recipients[1]!.lastError = '451 5.7.3 STARTTLS is required to send mail';
    spool.update(e);
    spool.move(e, 'deferred');
    const again = spool.get(e.envelope.id)!;
    expect(again.state).toBe('deferred');
    expect(pendingRecipients(again.envelope).map((r) => r.address)).toEqual(['b@y.com']);
    expect(spool.list().length).toBe(1);
    spool.remove(again);
    expect(spool.list()).toEqual([]);
    expect(fs.readdirSync(spool.dirs.data)).toEqual([]);
  });

  test('recovery puts active messages back, drops unacknowledged content and temporary files', () => {
    const root = tmp();
    const spool = new Spool(root);
    spool.recover();
    const a = spool.accept(env(['a@x.com']), Buffer.from('a'));
    spool.move(a, 'active');
    fs.writeFileSync(path.join(spool.dirs.data, '999.eml'), 'half');
    fs.writeFileSync(path.join(spool.dirs.tmp, 'x.tmp'), 'half');
    const r = new Spool(root).recover();
    expect(r).toEqual({ removed: 2, requeued: 1 });
    expect(spool.get(a.envelope.id)!.state).toBe('incoming');
  });

  test('ids increase and never repeat, even across restarts', () => {
    const root = tmp();
    const s1 = new Spool(root);
    s1.recover();
    const ids = Array.from({ length: 50 }, () => s1.accept(env(['a@x.com']), Buffer.from('a')).envelope.id);
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(ids);
    const s2 = new Spool(root);
    s2.recover();
    expect(Number(s2.nextId())).toBeGreaterThan(Number(ids.at(-1)));
  });

  test('flush requests are taken once', () => {
    const spool = new Spool(tmp());
    spool.requestFlush('woodgrovebank.com');
    expect(spool.takeFlushRequests()).toEqual(['woodgrovebank.com']);
    expect(spool.takeFlushRequests()).toEqual([]);
  });
});

describe('local delivery', () => {
  test('writes a message exactly once per recipient', async () => {
    const home = tmp();
    const a = await deliverToMailbox(home, 'Bob@WoodgroveBank.com', '17', Buffer.from('Subject: x\r\n\r\nhi\r\n'), 'ann@contoso.com');
    expect(a.duplicate).toBe(false);
    expect(a.file).toBe(path.join(home, 'mailbox', 'bob@woodgrovebank.com', '17.eml'));
    expect(fs.readFileSync(a.file, 'utf8')).toBe('Return-Path: <ann@contoso.com>\r\nSubject: x\r\n\r\nhi\r\n');
    const b = await deliverToMailbox(home, 'bob@woodgrovebank.com', '17', Buffer.from('other'), 'ann@contoso.com');
    expect(b.duplicate).toBe(true);
    expect(fs.readFileSync(a.file, 'utf8')).toContain('hi');
    expect(listMailbox(home, 'bob@woodgrovebank.com')).toEqual([a.file]);
    expect(fs.readdirSync(path.dirname(a.file))).toEqual(['17.eml']);
  });
  test('a spooled message is linked into the mailbox as it is: the Return-Path line is already there', async () => {
    const home = tmp();
    const spool = new Spool(path.join(home, 'queue'));
    spool.recover();
    const e = spool.accept(env(['bob@woodgrovebank.com', 'carol@woodgrovebank.com']), Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    expect(e.envelope.contentOffset).toBe('Return-Path: <ann@contoso.com>\r\n'.length);
    expect(spool.content(e.envelope).toString()).toBe('Subject: hi\r\n\r\nbody\r\n');
    const a = await linkIntoMailbox(home, 'Bob@WoodgroveBank.com', e.envelope.id, spool.dataPath(e.envelope.id));
    const c = await linkIntoMailbox(home, 'carol@woodgrovebank.com', e.envelope.id, spool.dataPath(e.envelope.id));
    expect(a.duplicate).toBe(false);
    expect(fs.readFileSync(a.file, 'utf8')).toBe('Return-Path: <ann@contoso.com>\r\nSubject: hi\r\n\r\nbody\r\n');
    // one inode, three names; the spool letting go leaves both mailboxes whole
    expect(fs.statSync(c.file).nlink).toBe(3);
    expect((fs.statSync(a.file).mode & 0o777).toString(8)).toBe('600');
    expect((await linkIntoMailbox(home, 'bob@woodgrovebank.com', e.envelope.id, spool.dataPath(e.envelope.id))).duplicate).toBe(true);
    spool.remove(e);
    expect(fs.readFileSync(c.file, 'utf8')).toContain('body');
    expect(fs.statSync(a.file).nlink).toBe(2);
    // a mailbox directory removed meanwhile is made again
    fs.rmSync(path.dirname(a.file), { recursive: true });
    const e2 = spool.accept(env(['bob@woodgrovebank.com']), Buffer.from('x'));
    expect(fs.existsSync((await linkIntoMailbox(home, 'bob@woodgrovebank.com', e2.envelope.id, spool.dataPath(e2.envelope.id))).file)).toBe(true);
  });
  test('an address with a slash stays inside mailbox/', async () => {
    const home = tmp();
    const r = await deliverToMailbox(home, '../a/b@x.com', '1', Buffer.from('x'), '');
    expect(path.dirname(r.file)).toBe(path.join(home, 'mailbox', '..%2Fa%2Fb@x.com'));
  });
});

describe('counters', () => {
  test('another reader sees the changes once the file is next written, and at once after flush()', async () => {
    const home = tmp();
    const c = new CounterStore(path.join(home, 'transport', 'counters.json'), 20);
    expect(readCounters(home).values.domainSecureMessagesReceived).toBe(0);
    c.add('domainSecureMessagesReceived');
    c.add('domainSecureMessagesReceived');
    expect(c.get('domainSecureMessagesReceived')).toBe(2);
    await new Promise((r) => setTimeout(r, 120));
    expect(readCounters(home).values.domainSecureMessagesReceived).toBe(2);
    c.add('domainSecureMessagesSent');
    c.flush();
    expect(readCounters(home).values.domainSecureMessagesSent).toBe(1);
    expect(readCounters(home).pid).toBe(process.pid);
    expect(readCounters(tmp()).values.domainSecureMessagesSent).toBe(0);
  });
});

describe('damaged queue files', () => {
  test('with the journal open a commit writes no control file; the message gets one when it leaves the fast path, and recovery gives one to every journaled message still there', async () => {
    const root = tmp();
    const spool = new Spool(root);
    spool.recover();
    spool.openJournal();
    const [fast, waits, delivered] = await Promise.all(['fast', 'waits', 'delivered'].map((n) => spool.acceptDurable(env([`${n}@x.com`]), Buffer.from(n))));
    expect(fast!.journaled).toBe(true);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([]);
    expect(spool.content(fast!.envelope).toString()).toBe('fast');
    // leaving the fast path: a control file where the message goes
    spool.move(waits!, 'deferred');
    expect(waits!.journaled).toBe(false);
    expect(spool.get(waits!.envelope.id)?.state).toBe('deferred');
    spool.remove(delivered!);
    // a crash now: a new owner finds `fast` (content, no control file) in the journal
    await spool.closeJournal();
    const again = new Spool(root);
    const r = again.recover();
    expect(r.requeued).toBe(1);
    expect(again.list().map((e) => [e.envelope.recipients[0]!.address, e.state])).toEqual([
      ['fast@x.com', 'incoming'],
      ['waits@x.com', 'deferred'],
    ]);
    expect(fs.existsSync(again.journalDir) ? fs.readdirSync(again.journalDir) : []).toEqual([]);
  });
  test('a commit whose journal record cannot be written fails and leaves nothing behind', async () => {
    const spool = new Spool(tmp());
    spool.recover();
    spool.openJournal();
    // the journal folder is gone and a file stands in its place: the segment cannot be made
    fs.rmSync(spool.journalDir, { recursive: true });
    fs.writeFileSync(spool.journalDir, 'not a folder');
    await expect(spool.acceptDurable(env(['a@x.com']), Buffer.from('a'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(fs.readdirSync(spool.dirs.data)).toEqual([]);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([]);
    expect(spool.committing.size).toBe(0);
  });
  test('a journal segment goes once none of its messages is still on the fast path', async () => {
    const rolling = new Spool(tmp());
    rolling.recover();
    // a segment a record: three segments, the older two removed as their messages go
    rolling.openJournal({ segmentBytes: 64 });
    const three = [];
    for (const n of ['1', '2', '3']) three.push(await rolling.acceptDurable(env([`${n}@x.com`]), Buffer.from(n)));
    const logs = () => fs.readdirSync(rolling.journalDir).filter((f) => f.endsWith('.log')).sort();
    expect(logs()).toEqual(['1.log', '2.log', '3.log']);
    rolling.remove(three[1]!);
    expect(logs()).toEqual(['1.log', '3.log']);
    rolling.move(three[0]!, 'active');
    rolling.remove(three[2]!);
    expect(logs()).toEqual(['3.log']);

    const spool = new Spool(tmp());
    spool.recover();
    spool.openJournal();
    const a = await spool.acceptDurable(env(['a@x.com']), Buffer.from('a'));
    expect(fs.readdirSync(spool.journalDir)).toEqual(['1.log']);
    spool.remove(a);
    // the segment being written stays; after a new owner it is read and removed
    expect(fs.readdirSync(spool.journalDir)).toEqual(['1.log']);
    await spool.closeJournal();
    spool.recover();
    spool.openJournal();
    const b = await spool.acceptDurable(env(['b@x.com']), Buffer.from('b'));
    expect(fs.readdirSync(spool.journalDir)).toEqual(['1.log']);
    spool.update(b);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([`${b.envelope.id}.json`]);
  });
  test('recovery drops an incoming control file whose content never reached data/ (a commit cut short, never acknowledged)', () => {
    const spool = new Spool(tmp());
    spool.recover();
    const kept = spool.accept(env(['a@x.com']), Buffer.from('kept'));
    const cut = spool.accept(env(['b@x.com']), Buffer.from('cut'));
    fs.rmSync(spool.dataPath(cut.envelope.id));
    expect(spool.recover().removed).toBe(1);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([`${kept.envelope.id}.json`]);
    expect(spool.content(kept.envelope).toString()).toBe('kept');
  });
  test('an unreadable control file in incoming/ is set aside in queue/corrupt', async () => {
    const { TransportService } = await import('../../src/transport/service.js');
    const { makeOrg } = await import('./helpers/env.js');
    const { TestCertificates } = await import('./helpers/pki.js');
    const org = await makeOrg({ domain: 'contoso.com', fqdn: 'mail.contoso.com', name: 'C', certificates: new TestCertificates() });
    const spool = new Spool(path.join(org.home, 'queue'));
    spool.ensure();
    fs.writeFileSync(path.join(spool.dirs.incoming, '123.json'), '{ not json');
    const svc = await TransportService.start(org.env, { tickMs: 20 });
    try {
      const end = Date.now() + 5000;
      while (!fs.existsSync(path.join(spool.dirs.corrupt, '123.json')) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(fs.readdirSync(spool.dirs.corrupt)).toEqual(['123.json']);
      expect(fs.readdirSync(spool.dirs.incoming)).toEqual([]);
      expect(svc.warnings.join('\n')).toContain('The queue file of message 123 is damaged');
    } finally {
      await svc.stop(200);
    }
  });
});

describe('the journal holds a message until its mailbox files are synced', () => {
  const setUp = () => {
    const home = tmp();
    const spool = new Spool(path.join(home, 'queue'));
    spool.recover();
    spool.openJournal();
    return { home, spool };
  };
  /** Local delivery as the queue manager does it for a journaled message: written, not synced. */
  const deliver = async (home: string, spool: Spool, entry: SpoolEntry, address = entry.envelope.recipients[0]!.address) => {
    const d = await writeIntoMailbox(home, address, entry.envelope.id, [returnPathLine(entry.envelope.mailFrom), spool.content(entry.envelope)]);
    spool.noteUnsynced(entry, d.file);
    return d;
  };

  test('a journaled message has no file of its own: its content is read from the journal', async () => {
    const { spool } = setUp();
    const e = await spool.acceptDurable(env(['bob@woodgrovebank.com']), Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    expect(e.journaled).toBe(true);
    expect(fs.readdirSync(spool.dirs.data)).toEqual([]);
    expect(fs.readdirSync(spool.dirs.incoming)).toEqual([]);
    expect(spool.content(e.envelope).toString()).toBe('Subject: hi\r\n\r\nbody\r\n');
    expect(fs.readFileSync(path.join(spool.journalDir, '1.log')).includes('Return-Path: <ann@contoso.com>\r\nSubject: hi')).toBe(true);
  });

  test('a delivered message is held until a checkpoint; after a crash before it, recovery restores the message and delivering again repairs a mailbox file the crash cut short', async () => {
    const { home, spool } = setUp();
    const e = await spool.acceptDurable(env(['bob@woodgrovebank.com']), Buffer.from('Subject: one\r\n\r\nfirst\r\n'));
    const d = await deliver(home, spool, e);
    expect(fs.readFileSync(d.file, 'utf8')).toBe('Return-Path: <ann@contoso.com>\r\nSubject: one\r\n\r\nfirst\r\n');
    expect(fs.statSync(d.file).mode & 0o777).toBe(0o600);
    // written beside the mailbox, then linked in: nothing is left where it was written
    expect(fs.readdirSync(path.join(home, 'mailbox', '%staging'))).toEqual([]);
    spool.remove(e);
    expect(spool.awaitingSync).toBe(1);
    // the crash: a new owner finds the record without a "done" record
    const again = new Spool(spool.root);
    expect(again.recover().requeued).toBe(1);
    const back = again.get(e.envelope.id)!;
    expect(back.state).toBe('incoming');
    expect(again.content(back.envelope).toString()).toBe('Subject: one\r\n\r\nfirst\r\n');
    // what an unsynced write may be after a power cut: short, or zeros (a file of its own each time:
    // a repaired mailbox file is a link to the spool's content file)
    const whole = fs.readFileSync(d.file);
    for (const left of [whole.subarray(0, 20), Buffer.alloc(0), Buffer.alloc(whole.length)]) {
      fs.rmSync(d.file);
      fs.writeFileSync(d.file, left);
      const repaired = await linkIntoMailbox(home, 'bob@woodgrovebank.com', e.envelope.id, again.dataPath(e.envelope.id));
      expect(repaired.duplicate).toBe(false);
      expect(fs.readFileSync(d.file, 'utf8')).toBe('Return-Path: <ann@contoso.com>\r\nSubject: one\r\n\r\nfirst\r\n');
    }
    expect((await linkIntoMailbox(home, 'bob@woodgrovebank.com', e.envelope.id, again.dataPath(e.envelope.id))).duplicate).toBe(true);
    expect(fs.readdirSync(path.dirname(d.file))).toEqual([`${e.envelope.id}.eml`]);
    await spool.checkpoint();
  });

  test('deliveries write beside the mailboxes in a folder no address can name; what a dead process left there is swept', async () => {
    const { home, spool } = setUp();
    expect(mailboxDirName('%staging')).not.toBe('%staging');
    const e = await spool.acceptDurable(env(['%staging@woodgrovebank.com']), Buffer.from('Subject: s\r\n\r\nstaged\r\n'));
    const d = await deliver(home, spool, e);
    expect(path.basename(path.dirname(d.file))).toBe('%25staging@woodgrovebank.com');
    const staging = path.join(home, 'mailbox', '%staging');
    // what a process killed between the write and the link leaves (its pid is gone), and one of a live process
    const dead = path.join(staging, `.${e.envelope.id}.999999999.1.tmp`);
    const live = path.join(staging, `.${e.envelope.id}.${process.pid}.99.tmp`);
    fs.writeFileSync(dead, 'half');
    fs.writeFileSync(live, 'writing');
    expect(sweepMailboxes(home)).toBe(1);
    expect(fs.readdirSync(staging)).toEqual([path.basename(live)]);
    fs.rmSync(live);
    // a staging folder removed meanwhile is made again
    fs.rmSync(staging, { recursive: true });
    const e2 = await spool.acceptDurable(env(['bob@woodgrovebank.com']), Buffer.from('Subject: t\r\n\r\nagain\r\n'));
    expect(fs.readFileSync((await deliver(home, spool, e2)).file, 'utf8')).toContain('again');
    await spool.checkpoint();
  });

  test('after a checkpoint a message is let go ("done"): a later recovery restores only what is still held', async () => {
    const { home, spool } = setUp();
    const [done, held] = await Promise.all(['done', 'held'].map((n) => spool.acceptDurable(env([`${n}@woodgrovebank.com`]), Buffer.from(n))));
    await deliver(home, spool, done!);
    spool.remove(done!);
    await spool.checkpoint();
    expect(spool.awaitingSync).toBe(0);
    // stopping with a message still held keeps its segment, now with a "done" record for the other
    await spool.closeJournal();
    expect(fs.readdirSync(spool.journalDir)).toEqual(['1.log']);
    const again = new Spool(spool.root);
    expect(again.recover().requeued).toBe(1);
    expect(again.list().map((x) => x.envelope.id)).toEqual([held!.envelope.id]);
    expect(fs.readdirSync(again.journalDir)).toEqual([]);
  });

  test('leaving the fast path after a local delivery: the mailbox file is synced first, then the message gets its content and control files', async () => {
    const { home, spool } = setUp();
    const e = await spool.acceptDurable(env(['bob@woodgrovebank.com', 'ext@fabrikam.com']), Buffer.from('two'));
    await deliver(home, spool, e);
    e.envelope.recipients[0]!.status = 'Delivered';
    spool.move(e, 'deferred');
    expect(e.journaled).toBe(false);
    expect(spool.awaitingSync).toBe(0);
    expect(spool.get(e.envelope.id)!.state).toBe('deferred');
    expect(fs.readFileSync(spool.dataPath(e.envelope.id), 'utf8')).toBe('Return-Path: <ann@contoso.com>\r\ntwo');
    expect(spool.content(e.envelope).toString()).toBe('two');
    // nothing is held any more: a stop leaves no segment behind
    await spool.closeJournal();
    expect(fs.readdirSync(spool.journalDir)).toEqual([]);
  });

  test('one checkpoint syncs a batch; the other recipients of a message are links to its first file', async () => {
    const { home, spool } = setUp();
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => spool.acceptDurable(env([`a${i % 3}@woodgrovebank.com`, 'z@woodgrovebank.com']), Buffer.from(`m${i}`))));
    for (const e of entries) {
      const first = await deliver(home, spool, e);
      const d = await linkIntoMailboxLazily(home, 'z@woodgrovebank.com', e.envelope.id, first.file);
      spool.noteUnsynced(e, d.file);
      expect(fs.statSync(d.file).ino).toBe(fs.statSync(first.file).ino);
      spool.remove(e);
    }
    expect(spool.awaitingSync).toBe(20);
    await spool.checkpoint();
    expect(spool.awaitingSync).toBe(0);
    await spool.closeJournal();
    expect(fs.readdirSync(spool.journalDir)).toEqual([]);
    expect(listMailbox(home, 'z@woodgrovebank.com')).toHaveLength(20);
    await expect(syncFileSystems([home, path.join(home, 'gone')])).resolves.toBe(process.platform === 'linux');
    // the portable way, file by file: one removed meanwhile needs no sync
    await expect(fsyncFiles([...listMailbox(home, 'z@woodgrovebank.com'), path.join(home, 'gone')])).resolves.toBeUndefined();
  });

  test.runIf(process.platform === 'linux')('after the first sync -f, syncs go through one helper shell (no fork of the transport each time); a helper killed is started again', async () => {
    const home = tmp();
    // this process's children that are the helper (its command line holds the loop)
    const helpers = () =>
      fs
        .readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .filter((d) => {
          try {
            const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('sync -f');
          } catch {
            return false;
          }
        })
        .map(Number);
    await expect(syncFileSystems([home])).resolves.toBe(true);
    const results = await Promise.all(Array.from({ length: 5 }, () => syncFileSystems([home])));
    expect(results).toEqual([true, true, true, true, true]);
    const [pid, ...more] = helpers();
    expect(pid).toBeGreaterThan(0);
    expect(more).toEqual([]);
    process.kill(pid!, 'SIGKILL');
    const end = Date.now() + 5000;
    while (helpers().includes(pid!) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    // asked while it dies or after: false (the caller fsyncs file by file) or true from a new helper
    await syncFileSystems([home]);
    await expect(syncFileSystems([home])).resolves.toBe(true);
    expect(helpers().filter((p) => p !== pid)).toHaveLength(1);
  });
});
