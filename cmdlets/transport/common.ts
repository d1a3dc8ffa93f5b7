// Shared by the transport cmdlets: the running service of this shell, the home's state through
// lazily loaded modules, and the objects the cmdlets write. Importing this file loads nothing heavy.
import type { CmdletContext } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { PSObject } from '../../src/engine/values.js';
import type { TransportService, TransportLiveView } from '../../src/transport/service.js';

/** What Start-Transport puts in session.services under 'transport' (the shell's status line reads it). */
export type TransportServiceEntry = TransportLiveView;

export const SERVICE_KEY = 'transport';

export function runningHere(ctx: CmdletContext): TransportService | undefined {
  const e = ctx.session.services.get(SERVICE_KEY) as TransportServiceEntry | undefined;
  return e && e.service.status === 'Running' ? e.service : undefined;
}

export async function transportModules() {
  const [service, environment, queues, counters, tracking, config] = await Promise.all([
    import('../../src/transport/service.js'),
    import('../../src/transport/environment.js'),
    import('../../src/transport/queues.js'),
    import('../../src/transport/counters.js'),
    import('../../src/transport/tracking.js'),
    import('../../src/state/config.js'),
  ]);
  return { service, environment, queues, counters, tracking, config };
}

/** The server's name and resolved settings, for identities and log paths. */
export async function serverSettings(ctx: CmdletContext) {
  const { config } = await transportModules();
  try {
    const cfg = config.loadConfig(ctx.session.home);
    return { cfg, server: config.transportServerOf(ctx.session.home, cfg) };
  } catch (e) {
    return ctx.throwTerminating(stateError(ctx, e, 'ConfigurationReadFailed'));
  }
}

export function stateError(ctx: CmdletContext, e: unknown, errorId: string, target?: unknown): ErrorRecord {
  const err = e as Error & { file?: string; record?: ErrorRecord };
  if (err && typeof err === 'object' && err.record instanceof ErrorRecord) return err.record;
  if (err?.name === 'StateError') return new ErrorRecord(err.message, `StateFileError,${ctx.commandName}`, 'ReadError', err.file ?? target, 'System.IO.InvalidDataException');
  return new ErrorRecord(err?.message ?? String(e), `${errorId},${ctx.commandName}`, 'InvalidOperation', target);
}

/** Waits `ms`, or less when the pipeline is stopped (Ctrl+C). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export const TYPE = {
  service: 'Edgeshell.Transport.TransportService',
  queue: 'Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo',
  message: 'Microsoft.Exchange.Data.QueueViewer.ExtensibleMessageInfo',
  tracking: 'Microsoft.Exchange.Management.TransportLogSearchTasks.MessageTrackingEvent',
  sampleSet: 'Microsoft.PowerShell.Commands.GetCounter.PerformanceCounterSampleSet',
  sample: 'Microsoft.PowerShell.Commands.GetCounter.PerformanceCounterSample',
  counterSet: 'Microsoft.PowerShell.Commands.GetCounter.CounterSet',
} as const;

export function typed(typeName: string, values: Record<string, unknown>): PSObject {
  return new PSObject([typeName, 'System.Object'], values);
}

/** `-Filter "Status -eq 'Retry'"` (OPATH): comparisons joined by -and / -or, over an object's properties. */
export function opathFilter(text: string): (get: (name: string) => unknown) => boolean {
  const src = text.trim().replace(/^\{|\}$/g, '').trim();
  const tokens = src.match(/'(?:[^']|'')*'|"[^"]*"|-\w+|\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];
  type Node = (get: (n: string) => unknown) => boolean;
  const literal = (t: string | undefined): unknown => {
    if (t === undefined) throw new Error(`The filter '${text}' is incomplete.`);
    if (/^'.*'$/s.test(t)) return t.slice(1, -1).replace(/''/g, "'");
    if (/^".*"$/s.test(t)) return t.slice(1, -1);
    if (/^\$true$/i.test(t)) return true;
    if (/^\$false$/i.test(t)) return false;
    if (/^\$null$/i.test(t)) return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return t;
  };
  const cmp = (a: unknown, op: string, b: unknown): boolean => {
    const norm = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? v.toLowerCase() : v);
    const x = norm(a);
    const y = norm(b instanceof Date ? b : typeof a === 'number' && typeof b === 'string' && b !== '' && !Number.isNaN(Number(b)) ? Number(b) : b);
    switch (op) {
      case '-eq':
        return Array.isArray(a) ? a.some((v) => norm(v) === y) : x === y || (x == null && (y === '' || y == null));
      case '-ne':
        return !cmp(a, '-eq', b);
      case '-gt':
        return (x as number) > (y as number);
      case '-ge':
        return (x as number) >= (y as number);
      case '-lt':
        return (x as number) < (y as number);
      case '-le':
        return (x as number) <= (y as number);
      case '-like': {
        const re = new RegExp('^' + String(y).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
        return Array.isArray(a) ? a.some((v) => re.test(String(v))) : re.test(String(a ?? ''));
      }
      case '-notlike':
        return !cmp(a, '-like', b);
      default:
        throw new Error(`The filter operator '${op}' is not supported; use -eq, -ne, -gt, -ge, -lt, -le, -like or -notlike.`);
    }
  };
  const primary = (): Node => {
    if (peek() === '(') {
      take();
      const n = or();
      if (take() !== ')') throw new Error(`The filter '${text}' has an unbalanced parenthesis.`);
      return n;
    }
    if (/^-not$/i.test(peek() ?? '')) {
      take();
      const n = primary();
      return (g) => !n(g);
    }
    const prop = take();
    const op = take()?.toLowerCase();
    const value = literal(take());
    if (!prop || !op) throw new Error(`The filter '${text}' is not valid.`);
    return (g) => cmp(g(prop), op, value);
  };
  const and = (): Node => {
    let n = primary();
    while (/^-and$/i.test(peek() ?? '')) {
      take();
      const a = n;
      const b = primary();
      n = (g) => a(g) && b(g);
    }
    return n;
  };
  const or = (): Node => {
    let n = and();
    while (/^-or$/i.test(peek() ?? '')) {
      take();
      const a = n;
      const b = and();
      n = (g) => a(g) || b(g);
    }
    return n;
  };
  const node = or();
  if (i < tokens.length) throw new Error(`The filter '${text}' is not valid near '${tokens[i]}'.`);
  return node;
}
