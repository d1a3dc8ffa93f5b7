// The edgeshell transport under test, in its own process so that its CPU time is its own:
// EDGESHELL_HOME names a home configured by the cmdlets; the parent asks over IPC for CPU time,
// RSS, an idle queue, and the end.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const { stateEnvironment } = await import(path.join(dist, 'src/transport/environment.js'));
const { TransportService } = await import(path.join(dist, 'src/transport/service.js'));

const home = process.env.EDGESHELL_HOME;
const svc = await TransportService.start(stateEnvironment(home), { onWarning: (m) => process.send?.({ warning: m }) });
const usage = () => {
  // (the parent adds the CPU of this process's children: see startTransport in bench/smtp.mjs)
  const c = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { ownMs: (c.user + c.system) / 1000, userMs: c.user / 1000, sysMs: c.system / 1000, loopActiveMs: elu.active, loopIdleMs: elu.idle, rss: process.memoryUsage().rss, sessions: svc.sessions };
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
