// The send side keeps sessions per next hop (as Exchange's queues do) and resumes TLS sessions:
// sendToNextHop with a NextHopPool against a running Woodgrove transport on 127.0.0.1.
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { sendToNextHop, type SendRequest } from '../../src/transport/send.js';
import { NextHopPool } from '../../src/transport/next-hop-pool.js';
import { sharedSecureContext } from '../../src/transport/tls.js';
import { readCounters } from '../../src/transport/counters.js';
import { credentialOf, type TestCa, type TestCert } from './helpers/pki.js';
import type { Org } from './helpers/env.js';
import { secureWoodgrove } from './helpers/woodgrove.js';
import { validateChain } from '../../src/pki/index.js';

let root: TestCa;
let contosoCert: TestCert;
let woodgrove: Org;
let wSvc: TransportService;
let validations = 0;

beforeAll(async () => {
  ({ root, contosoCert, org: woodgrove } = await secureWoodgrove());
  wSvc = await TransportService.start(woodgrove.env, { tickMs: 50 });
}, 60_000);

afterAll(async () => {
  await wSvc?.stop(1000);
});

function request(pool: NextHopPool, n: number): SendRequest {
  const credential = credentialOf(contosoCert);
  return {
    hosts: [{ host: '127.0.0.1', port: woodgrove.port }],
    nextHopDomain: 'woodgrovebank.com',
    connectorName: 'Internet',
    ehloName: 'mail1.contoso.com',
    requirement: { domainSecure: true, requireTls: true, ignoreStartTls: false },
    credential,
    secureContext: context,
    pool,
    validatePeer: async (chain, domain, purpose) => {
      validations++;
      const r = validateChain(chain[0]!, chain.slice(1), { roots: [root.cert.der], crls: [] }, { purpose, hostname: domain });
      return { valid: r.status === 'Valid', status: r.status, reason: r.reason };
    },
    from: 'ann@contoso.com',
    to: ['bob@woodgrovebank.com'],
    content: Buffer.from(`Subject: pooled ${n}\r\n\r\nmessage ${n}\r\n`),
    messageContext: `test;${n}`,
    timeoutMs: 5_000,
  };
}
let context: tls.SecureContext;

describe('sessions per next hop', () => {
  test('messages for one next hop share one session; a new session resumes TLS and checks the certificate again', async () => {
    context = sharedSecureContext(credentialOf(contosoCert), [root.pem]);
    const pool = new NextHopPool(200);
    const before = readCounters(woodgrove.home).values.inboundConnectionsTotal ?? 0;
    const first = await sendToNextHop(request(pool, 1));
    expect(first).toMatchObject({ delivered: true, domainSecured: true, connections: 1 });
    expect(first.tls?.resumed).toBeUndefined();
    expect(pool.size).toBe(1);
    const checked = validations;
    const second = await sendToNextHop(request(pool, 2));
    // the open session carried it: no new connection, no new handshake to check
    expect(second).toMatchObject({ delivered: true, domainSecured: true, connections: 0 });
    expect(validations).toBe(checked);
    await wSvc.idle();
    expect(wSvc.counters.get('inboundConnectionsTotal') - before).toBe(1);
    expect(wSvc.counters.get('domainSecureMessagesReceived')).toBeGreaterThanOrEqual(2);

    // the idle session says QUIT after 200 ms; the next message opens a session that resumes TLS
    await new Promise((r) => setTimeout(r, 400));
    expect(pool.size).toBe(0);
    const third = await sendToNextHop(request(pool, 3));
    expect(third).toMatchObject({ delivered: true, domainSecured: true, connections: 1 });
    expect(third.tls?.resumed).toBe(true);
    expect(validations).toBe(checked + 1);
    // Woodgrove checked Contoso's certificate on the resumed session too: it was received as Partner
    await wSvc.idle();
    expect(wSvc.counters.get('domainSecureMessagesReceived')).toBeGreaterThanOrEqual(3);
    await pool.clear();
    expect(pool.size).toBe(0);
  });

  test('a session whose transaction failed is not kept: it says QUIT', async () => {
    const pool = new NextHopPool(5_000);
    await wSvc.idle();
    const before = wSvc.counters.get('inboundConnectionsCurrent');
    // Woodgrove does not relay: the recipient is refused, the session is not reused
    const r = await sendToNextHop({ ...request(pool, 21), to: ['eve@fabrikam.com'] });
    expect(r.delivered).toBe(false);
    expect(r.recipients[0]!.reply).toMatch(/^550 5\.7\.1 /);
    expect(pool.size).toBe(0);
    const end = Date.now() + 5_000;
    while (wSvc.counters.get('inboundConnectionsCurrent') > before && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
    expect(wSvc.counters.get('inboundConnectionsCurrent')).toBe(before);
  });

  test('a session is renewed after its share of messages, and one the server closed is replaced without losing the message', async () => {
    const pool = new NextHopPool(5_000, 2);
    const r1 = await sendToNextHop(request(pool, 11));
    const r2 = await sendToNextHop(request(pool, 12));
    expect([r1.connections, r2.connections]).toEqual([1, 0]);
    // two messages were its share: closed, not kept
    expect(pool.size).toBe(0);
    const r3 = await sendToNextHop(request(pool, 13));
    expect(r3.connections).toBe(1);
    expect(pool.size).toBe(1);
    // the server ends every session (a restart of its listener): the pooled one is dead
    await wSvc.stop(200);
    wSvc = await TransportService.start(woodgrove.env, { tickMs: 50 });
    const r4 = await sendToNextHop(request(pool, 14));
    expect(r4).toMatchObject({ delivered: true, connections: 1 });
    await pool.clear();
  });
});
