// Addresses, bindings, endpoints; RemoteIPRanges are parsed by src/state/config-values.ts.
import { parseIPRange, rangeContains } from '../state/config-values.js';
import type { Binding } from './types.js';

/** `::ffff:127.0.0.1` → `127.0.0.1`; IPv6 lower case. */
export function normalizeIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return (m ? m[1]! : ip).toLowerCase();
}

/** The size of the smallest range containing `ip` (smaller is more specific); undefined when none does. */
export function bestRangeMatch(ranges: readonly string[], ip: string): bigint | undefined {
  let best: bigint | undefined;
  for (const text of ranges) {
    let r;
    try {
      r = parseIPRange(text);
    } catch {
      continue;
    }
    if (!rangeContains(r, normalizeIp(ip))) continue;
    const size = r.hi - r.lo;
    if (best === undefined || size < best) best = size;
  }
  return best;
}

export function isWildcardAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '' || address === '*';
}

/** Does a connector bound to `b` own a connection that arrived on `local`? */
export function bindingMatches(b: Binding, localAddress: string, localPort: number): boolean {
  return b.port === localPort && (isWildcardAddress(b.address) || normalizeIp(b.address) === normalizeIp(localAddress));
}

export function endpoint(address: string | undefined, port: number | undefined): string {
  const a = normalizeIp(address ?? '');
  return a.includes(':') ? `[${a}]:${port ?? 0}` : `${a}:${port ?? 0}`;
}

export function bindingText(b: Binding): string {
  return b.address.includes(':') ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`;
}
