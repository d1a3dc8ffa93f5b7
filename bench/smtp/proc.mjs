// CPU time of a process tree from /proc (Linux): what a server and everything it started used.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * CPU milliseconds of a process and all its descendants, living and reaped: each process's own
 * time plus that of the children it has reaped (a long-lived helper's reaped children count too),
 * `exceptOwn` leaving out the root's own user and system time.
 */
export function treeCpuMs(rootPid, { exceptOwn = false } = {}) {
  const stats = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]), cutime: Number(f[13]), cstime: Number(f[14]) });
    } catch {
      /* exited */
    }
  }
  const root = stats.get(rootPid);
  if (!root) return NaN;
  let ticks = (exceptOwn ? 0 : root.utime + root.stime) + root.cutime + root.cstime;
  const inTree = (pid) => {
    for (let p = pid, n = 0; p && n < 20; n++) {
      if (p === rootPid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  for (const [pid, s] of stats) if (pid !== rootPid && inTree(pid)) ticks += s.utime + s.stime + s.cutime + s.cstime;
  return (ticks * 1000) / TICK;
}
