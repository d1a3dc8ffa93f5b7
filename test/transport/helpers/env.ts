// Transport environments for tests: a home, a snapshot built from Exchange defaults, free loopback ports.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { receiveConnectorDefaults, sendConnectorDefaults, transportConfigDefaults, transportServerDefaults } from '../../../src/transport/defaults.js';
import type { CertificateProvider, TransportEnvironment, TransportSnapshot } from '../../../src/transport/types.js';

export function tempHome(prefix = 'edgeshell-transport-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Org {
  home: string;
  port: number;
  snap: TransportSnapshot;
  env: TransportEnvironment;
}

/** One Edge server: accepted domain `domain`, an Inet receive connector on 127.0.0.1:<port>, an Internet send connector. */
export async function makeOrg(opts: { domain: string; fqdn: string; name: string; certificates: CertificateProvider; home?: string; port?: number }): Promise<Org> {
  const home = opts.home ?? tempHome();
  const port = opts.port ?? (await freePort());
  const snap: TransportSnapshot = {
    server: transportServerDefaults(home, {
      name: opts.name,
      fqdn: opts.fqdn,
      retry: { transientFailureRetryCount: 6, transientFailureRetryIntervalMs: 60_000, outboundConnectionFailureRetryIntervalMs: 60_000, messageExpirationTimeoutMs: 2 * 86_400_000 },
      sendConnectTimeoutMs: 5_000,
    }),
    config: transportConfigDefaults(),
    acceptedDomains: [{ name: opts.domain, domainName: opts.domain, domainType: 'Authoritative', default: true }],
    receiveConnectors: [
      receiveConnectorDefaults('Inet', { bindings: [{ address: '127.0.0.1', port }], fqdn: opts.fqdn, protocolLoggingLevel: 'Verbose', connectionInactivityTimeoutMs: 10_000 }),
    ],
    sendConnectors: [sendConnectorDefaults('Internet', { fqdn: opts.fqdn, protocolLoggingLevel: 'Verbose' })],
    staticMx: [],
  };
  const org: Org = { home, port, snap, env: undefined as unknown as TransportEnvironment };
  org.env = { home, snapshot: () => structuredClone(org.snap), certificates: opts.certificates, resolveMx: async () => [] };
  return org;
}
