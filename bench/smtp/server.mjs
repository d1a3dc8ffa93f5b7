// The edgeshell transport under test, in its own process so that its CPU time is its own:
// EDGESHELL_HOME names a home configured by the cmdlets; the parent asks over IPC for CPU time,
// RSS, an idle queue, and the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const { stateEnvironment } = await import(path.join(dist, 'src/transport/environment.js'));
const { TransportService } = await import(path.join(dist, 'src/transport/service.js'));

const home = process.env.EDGESHELL_HOME;
const svc = await TransportService.start(stateEnvironment(home), { onWarning: (m) => process.send?.({ warning: m }) });
// CPU of the child processes the transport waited for (its `sync -f` runs) counts as its own
const childrenMs = () => {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // cutime + cstime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
};
const usage = () => {
  const c = process.cpuUsage();
  const children = childrenMs();
  const elu = performance.eventLoopUtilization();
  return { cpuMs: (c.user + c.system) / 1000 + children, userMs: c.user / 1000, sysMs: c.system / 1000, childrenMs: children, loopActiveMs: elu.active, loopIdleMs: elu.idle, rss: process.memoryUsage().rss, sessions: svc.sessions };
};
process.on('message', async (m) => {
  try {
    if (m.cmd === 'usage') process.send({ id: m.id, ...usage() });
    else if (m.cmd === 'gc') {
      globalThis.gc?.();
      process.send({ id: m.id, ...usage() });
    } else if (m.cmd === 'idle') {
      await svc.idle(m.timeoutMs ?? 120_000);
      process.send({ id: m.id, ...usage(), received: svc.counters.get('messagesReceivedTotal'), sent: svc.counters.get('messagesSentTotal'), connections: svc.counters.get('outboundConnectionsTotal') });
    } else if (m.cmd === 'counters') {
      process.send({ id: m.id, received: svc.counters.get('messagesReceivedTotal'), sent: svc.counters.get('messagesSentTotal'), delivered: svc.counters.get('messagesDeliveredTotal') });
    } else if (m.cmd === 'stop') {
      await svc.stop(1000);
      process.send({ id: m.id });
      process.exit(0);
    }
  } catch (e) {
    process.send({ id: m.id, error: String(e?.message ?? e) });
  }
});
process.send({ ready: true, pid: process.pid, bindings: svc.bindings });
