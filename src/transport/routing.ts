// Routing: an authoritative accepted domain is delivered here; anything else goes through the send
// connector whose address space matches best (most specific, then lowest cost), to its smart hosts
// or to the domain's mail exchangers: the static MX table first, then DNS.
import * as dns from 'node:dns';
import * as net from 'node:net';
import { domainOf, matchAcceptedDomain } from './policy.js';
import { addressSpaceMatches, smartHostEndpoint } from '../state/config-values.js';
import type { SendConnectorView, SmtpReply, TransportSnapshot } from './types.js';

export type DeliveryType = 'SmtpDeliveryToMailbox' | 'DnsConnectorDelivery' | 'SmartHostConnectorDelivery' | 'Unreachable';

export type Route =
  | { kind: 'local'; nextHop: string; deliveryType: 'SmtpDeliveryToMailbox' }
  | { kind: 'remote'; nextHop: string; deliveryType: 'DnsConnectorDelivery' | 'SmartHostConnectorDelivery'; connector: SendConnectorView; domain: string }
  | { kind: 'unreachable'; nextHop: 'Unreachable'; deliveryType: 'Unreachable'; domain: string; reply: SmtpReply };

export const UNREACHABLE_REPLY: SmtpReply = { code: 451, enhanced: '4.4.0', text: 'A matching connector cannot be found to route the external recipient' };

/** How well an address space matches a domain: -1 for not at all, more for more specific. */
export function addressSpaceMatch(space: string, domain: string): number {
  const s = space.trim().toLowerCase().replace(/\.$/, '');
  if (!addressSpaceMatches({ type: 'SMTP', domain: s, cost: 1 }, domain)) return -1;
  if (s === '*') return 0;
  // an exact domain beats any wildcard; a longer wildcard beats a shorter one
  return s.startsWith('*.') ? s.length : s.length + 1000;
}

export function chooseSendConnector(snap: TransportSnapshot, domain: string): SendConnectorView | undefined {
  let best: SendConnectorView | undefined;
  let bestScore = -1;
  let bestCost = Infinity;
  for (const c of snap.sendConnectors) {
    if (!c.enabled) continue;
    for (const a of c.addressSpaces) {
      if (a.type && a.type.toUpperCase() !== 'SMTP') continue;
      const score = addressSpaceMatch(a.domain, domain);
      if (score < 0) continue;
      if (score > bestScore || (score === bestScore && a.cost < bestCost)) {
        best = c;
        bestScore = score;
        bestCost = a.cost;
      }
    }
  }
  return best;
}

export function routeRecipient(snap: TransportSnapshot, address: string): Route {
  const domain = domainOf(address) ?? '';
  const accepted = matchAcceptedDomain(snap.acceptedDomains, domain);
  if (accepted && accepted.domainType.toLowerCase() === 'authoritative') return { kind: 'local', nextHop: domain, deliveryType: 'SmtpDeliveryToMailbox' };
  const connector = chooseSendConnector(snap, domain);
  if (!connector) return { kind: 'unreachable', nextHop: 'Unreachable', deliveryType: 'Unreachable', domain, reply: UNREACHABLE_REPLY };
  if (!connector.dnsRoutingEnabled && connector.smartHosts.length) {
    return { kind: 'remote', nextHop: connector.smartHosts.join(','), deliveryType: 'SmartHostConnectorDelivery', connector, domain };
  }
  return { kind: 'remote', nextHop: domain, deliveryType: 'DnsConnectorDelivery', connector, domain };
}

export interface NextHopHost {
  host: string;
  port: number;
  /** Where it came from, for logs: smart host, static MX, DNS MX, A record. */
  source: 'SmartHost' | 'StaticMx' | 'DnsMx' | 'Address';
}

export type MxResolver = (domain: string) => Promise<{ exchange: string; priority: number }[]>;

export const systemMxResolver: MxResolver = (domain) => dns.promises.resolveMx(domain);

export class RoutingError extends Error {
  constructor(
    message: string,
    public readonly reply: SmtpReply,
    /** Permanent: the domain does not exist. */
    public readonly permanent = false,
  ) {
    super(message);
  }
}

/** The hosts to try, in order, for a remote route. */
export async function nextHopHosts(snap: TransportSnapshot, route: Extract<Route, { kind: 'remote' }>, resolveMx: MxResolver = systemMxResolver): Promise<NextHopHost[]> {
  const c = route.connector;
  if (route.deliveryType === 'SmartHostConnectorDelivery') {
    return c.smartHosts.map((h) => {
      const e = smartHostEndpoint(h);
      return { host: e.host, port: e.port || c.port, source: 'SmartHost' as const };
    });
  }
  const d = route.domain.toLowerCase();
  const fixed = snap.staticMx.find((m) => m.domain.toLowerCase() === d);
  if (fixed && fixed.targets.length) return fixed.targets.map((t) => ({ host: t.host, port: t.port || c.port, source: 'StaticMx' as const }));
  if (net.isIP(d)) return [{ host: d, port: c.port, source: 'Address' }];
  let mx: { exchange: string; priority: number }[];
  try {
    mx = await resolveMx(d);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'NXDOMAIN') {
      throw new RoutingError(`The domain ${d} does not exist.`, { code: 550, enhanced: '5.4.4', text: `SMTPSEND.DNS.NonExistentDomain; nonexistent domain` }, true);
    }
    if (code !== 'ENODATA') throw new RoutingError(`DNS lookup of ${d} failed: ${(e as Error).message}`, { code: 451, enhanced: '4.4.0', text: `DNS query failed. The error was: SMTPSEND.DNS.${code ?? 'Error'}` });
    mx = [];
  }
  if (mx.length === 0) return [{ host: d, port: c.port, source: 'Address' }];
  return mx
    .filter((m) => m.exchange && m.exchange !== '.')
    .sort((a, b) => a.priority - b.priority)
    .map((m) => ({ host: m.exchange, port: c.port, source: 'DnsMx' as const }));
}
