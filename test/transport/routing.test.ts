import { describe, expect, test } from 'vitest';
import { addressSpaceMatch, chooseSendConnector, nextHopHosts, routeRecipient } from '../../src/transport/routing.js';
import { receiveConnectorDefaults, sendConnectorDefaults, transportConfigDefaults, transportServerDefaults } from '../../src/transport/defaults.js';
import { chooseReceiveConnector } from '../../src/transport/receive.js';
import type { TransportSnapshot } from '../../src/transport/types.js';

function snap(over: Partial<TransportSnapshot> = {}): TransportSnapshot {
  return {
    server: transportServerDefaults('/tmp/x', { name: 'EDGE', fqdn: 'edge.contoso.com' }),
    config: transportConfigDefaults(),
    acceptedDomains: [
      { name: 'contoso', domainName: 'contoso.com', domainType: 'Authoritative', default: true },
      { name: 'relay', domainName: 'partner.contoso.com', domainType: 'InternalRelay' },
    ],
    receiveConnectors: [],
    sendConnectors: [],
    staticMx: [],
    ...over,
  };
}

describe('routing', () => {
  test('address spaces: an exact domain beats a wildcard, a longer wildcard a shorter one, * matches all', () => {
    expect(addressSpaceMatch('woodgrovebank.com', 'woodgrovebank.com')).toBeGreaterThan(addressSpaceMatch('*.woodgrovebank.com', 'woodgrovebank.com'));
    expect(addressSpaceMatch('*.eu.woodgrovebank.com', 'mail.eu.woodgrovebank.com')).toBeGreaterThan(addressSpaceMatch('*.woodgrovebank.com', 'mail.eu.woodgrovebank.com'));
    expect(addressSpaceMatch('*', 'anything.org')).toBe(0);
    expect(addressSpaceMatch('woodgrovebank.com', 'fabrikam.com')).toBe(-1);
  });

  test('the best-matching send connector wins, then the lowest cost; disabled ones do not route', () => {
    const s = snap({
      sendConnectors: [
        sendConnectorDefaults('Internet', { addressSpaces: [{ type: 'SMTP', domain: '*', cost: 1 }] }),
        sendConnectorDefaults('Woodgrove', { addressSpaces: [{ type: 'SMTP', domain: 'woodgrovebank.com', cost: 5 }] }),
        sendConnectorDefaults('Cheap', { addressSpaces: [{ type: 'SMTP', domain: 'woodgrovebank.com', cost: 2 }], enabled: false }),
        sendConnectorDefaults('Backup', { addressSpaces: [{ type: 'SMTP', domain: '*', cost: 10 }] }),
        sendConnectorDefaults('X400', { addressSpaces: [{ type: 'X400', domain: 'fabrikam.com', cost: 1 }] }),
      ],
    });
    expect(chooseSendConnector(s, 'woodgrovebank.com')?.name).toBe('Woodgrove');
    expect(chooseSendConnector(s, 'fabrikam.com')?.name).toBe('Internet');
  });

  test('authoritative domains are delivered locally; relay domains and others go out', () => {
    const s = snap({ sendConnectors: [sendConnectorDefaults('Internet')] });
    expect(routeRecipient(s, 'Bob@Contoso.com')).toMatchObject({ kind: 'local', deliveryType: 'SmtpDeliveryToMailbox', nextHop: 'contoso.com' });
    expect(routeRecipient(s, 'x@partner.contoso.com')).toMatchObject({ kind: 'remote', deliveryType: 'DnsConnectorDelivery', nextHop: 'partner.contoso.com' });
    expect(routeRecipient(snap(), 'x@fabrikam.com')).toMatchObject({ kind: 'unreachable', nextHop: 'Unreachable' });
  });

  test('smart hosts, the static MX table (before DNS), DNS MX by preference, the A record without MX', async () => {
    const smart = sendConnectorDefaults('Smart', { dnsRoutingEnabled: false, smartHosts: ['relay.contoso.com', '[192.168.1.5]:2525'], port: 587 });
    const s = snap({ sendConnectors: [smart], staticMx: [{ domain: 'WoodgroveBank.com', targets: [{ host: '127.0.0.1', port: 2526 }, { host: '127.0.0.2', port: 2527 }] }] });
    const r = routeRecipient(s, 'a@fabrikam.com');
    expect(r).toMatchObject({ kind: 'remote', deliveryType: 'SmartHostConnectorDelivery', nextHop: 'relay.contoso.com,[192.168.1.5]:2525' });
    expect(await nextHopHosts(s, r as never)).toEqual([
      { host: 'relay.contoso.com', port: 587, source: 'SmartHost' },
      { host: '192.168.1.5', port: 2525, source: 'SmartHost' },
    ]);
    const dnsSnap = snap({ sendConnectors: [sendConnectorDefaults('Internet')], staticMx: s.staticMx });
    const wg = routeRecipient(dnsSnap, 'b@woodgrovebank.com');
    expect(await nextHopHosts(dnsSnap, wg as never, async () => [{ exchange: 'never.example', priority: 1 }])).toEqual([
      { host: '127.0.0.1', port: 2526, source: 'StaticMx' },
      { host: '127.0.0.2', port: 2527, source: 'StaticMx' },
    ]);
    const fab = routeRecipient(dnsSnap, 'c@fabrikam.com');
    expect(await nextHopHosts(dnsSnap, fab as never, async () => [{ exchange: 'mx2.fabrikam.com', priority: 20 }, { exchange: 'mx1.fabrikam.com', priority: 10 }])).toEqual([
      { host: 'mx1.fabrikam.com', port: 25, source: 'DnsMx' },
      { host: 'mx2.fabrikam.com', port: 25, source: 'DnsMx' },
    ]);
    expect(await nextHopHosts(dnsSnap, fab as never, async () => [])).toEqual([{ host: 'fabrikam.com', port: 25, source: 'Address' }]);
    await expect(nextHopHosts(dnsSnap, fab as never, async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })))).rejects.toMatchObject({ permanent: true });
  });
});

describe('receive connector selection', () => {
  test('the binding, then the most specific RemoteIPRanges, choose the connector', () => {
    const s = snap({
      receiveConnectors: [
        receiveConnectorDefaults('Inet', { bindings: [{ address: '0.0.0.0', port: 25 }], remoteIPRanges: ['0.0.0.0-255.255.255.255'] }),
        receiveConnectorDefaults('Internal', { bindings: [{ address: '0.0.0.0', port: 25 }], remoteIPRanges: ['10.0.0.0/8'] }),
        receiveConnectorDefaults('Hub', { bindings: [{ address: '0.0.0.0', port: 25 }], remoteIPRanges: ['10.1.2.3'] }),
        receiveConnectorDefaults('Off', { bindings: [{ address: '0.0.0.0', port: 25 }], remoteIPRanges: ['10.1.2.4'], enabled: false }),
        receiveConnectorDefaults('Other', { bindings: [{ address: '127.0.0.1', port: 2525 }], remoteIPRanges: ['127.0.0.1'] }),
      ],
    });
    expect(chooseReceiveConnector(s, '192.168.0.1', 25, '203.0.113.9')?.name).toBe('Inet');
    expect(chooseReceiveConnector(s, '192.168.0.1', 25, '10.9.9.9')?.name).toBe('Internal');
    expect(chooseReceiveConnector(s, '192.168.0.1', 25, '::ffff:10.1.2.3')?.name).toBe('Hub');
    expect(chooseReceiveConnector(s, '192.168.0.1', 25, '10.1.2.4')?.name).toBe('Internal');
    expect(chooseReceiveConnector(s, '127.0.0.1', 2525, '127.0.0.1')?.name).toBe('Other');
    expect(chooseReceiveConnector(s, '127.0.0.1', 2525, '127.0.0.2')).toBeUndefined();
  });
});
