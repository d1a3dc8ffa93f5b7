// node bench/spool-commit.mjs: what a durable commit of one accepted message costs, 8 commits at a
// time: the spool's acceptDurable with a control file per message (content and control files,
// fsyncs, a rename, grouped directory syncs), the same with the journal open as the running
// transport has it (one group-committed record of envelope and content), and a journal append
// alone. Printed, never asserted: commits/s and CPU µs per commit (user + system, all threads).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { Spool } = await import(path.join(root, 'dist/src/transport/spool.js'));
const { Journal } = await import(path.join(root, 'dist/src/transport/journal.js'));
const N = 2000;
const AT_ONCE = 8;
const content = Buffer.alloc(2400, 'x');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-bench-spool-'));
const envelope = () => ({ receivedAt: new Date().toISOString(), mailFrom: 'ann@contoso.com', recipients: [{ address: 'bob@woodgrovebank.com', status: 'Ready', attempts: 0 }], messageId: '<m@contoso.com>', subject: 'Benchmark', source: 'SMTP' });

/** The spool; each message is removed again, as delivery does. With the journal open, as the running transport has it. */
function spoolCommit(journaled) {
  const spool = new Spool(path.join(tmp, journaled ? 'queue-journal' : 'queue'));
  spool.recover();
  if (journaled) spool.openJournal();
  return async () => spool.remove(await spool.acceptDurable(envelope(), content));
}

/** The journal (src/transport/journal.ts): a commit waits for the fdatasync of the batch it joined. */
function journalCommit() {
  const journal = new Journal(path.join(tmp, 'journal'));
  return () => journal.append([Buffer.from(JSON.stringify(envelope()) + '\n'), content]);
}

async function measure(name, commit) {
  let next = 0;
  const run = () => Promise.all(Array.from({ length: AT_ONCE }, async () => { while (next++ < N) await commit(); }));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(`${name.padEnd(50)} ${Math.round(N / secs).toLocaleString('en-US').padStart(8)} commits/s ${Math.round((cpu.user + cpu.system) / N).toLocaleString('en-US').padStart(6)} µs CPU per commit`);
}

console.log(`spool commit, ${N} messages of ${content.length} bytes, ${AT_ONCE} at once, ${os.cpus().length} cores, ${tmp}`);
try {
  for (let round = 0; round < 2; round++) {
    await measure('spool: content + control files', spoolCommit(false));
    await measure('spool: one journal record (transport)', spoolCommit(true));
    await measure('journal append alone', journalCommit());
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
