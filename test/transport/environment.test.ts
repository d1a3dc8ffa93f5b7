import * as path from 'node:path';
import { expect, test } from 'vitest';
import { defaultConfig, receiveConnectorDefaults, sendConnectorDefaults } from '../../src/state/config-model.js';
import { snapshotFromConfig } from '../../src/transport/environment.js';

test('the transport snapshot of an organization configuration', () => {
  const cfg = defaultConfig('EDGE');
  cfg.transportServer.name = 'EDGE';
  cfg.transportServer.fqdn = 'edge.contoso.com';
  cfg.transportServer.messageExpirationTimeoutMs = 3_600_000;
  cfg.transportConfig.tlsSendDomainSecureList = ['woodgrovebank.com'];
  cfg.transportConfig.maxSendSize = 'Unlimited';
  cfg.acceptedDomains.push({ name: 'contoso', domainName: 'contoso.com', domainType: 'Authoritative', default: true, addressBookEnabled: true });
  cfg.receiveConnectors.push({ ...receiveConnectorDefaults('Inet'), bindings: [{ address: '127.0.0.1', port: 2525 }], maxProtocolErrors: 'Unlimited', banner: null, fqdn: 'mail.contoso.com' });
  cfg.sendConnectors.push({ ...sendConnectorDefaults('Internet'), addressSpaces: [{ type: 'SMTP', domain: '*', cost: 1 }], domainSecureEnabled: true, usage: 'Internet' });
  cfg.staticMxRecords.push(
    { domain: 'woodgrovebank.com', name: 'b', host: '127.0.0.2', port: 2527, preference: 20 },
    { domain: 'WoodgroveBank.com', name: 'a', host: '127.0.0.1', port: 2526, preference: 10 },
  );
  const s = snapshotFromConfig('/home/x', cfg);
  expect(s.server).toMatchObject({
    name: 'EDGE',
    fqdn: 'edge.contoso.com',
    receiveProtocolLogPath: path.join('/home/x', 'TransportRoles', 'Logs', 'ProtocolLog', 'SmtpReceive'),
    messageTrackingLogPath: path.join('/home/x', 'TransportRoles', 'Logs', 'MessageTracking'),
    retry: { transientFailureRetryCount: 6, transientFailureRetryIntervalMs: 300_000, outboundConnectionFailureRetryIntervalMs: 600_000, messageExpirationTimeoutMs: 3_600_000 },
  });
  expect(s.config).toMatchObject({ tlsSendDomainSecureList: ['woodgrovebank.com'], maxSendSize: 0, maxReceiveSize: 10 * 1024 * 1024 });
  const inet = s.receiveConnectors.find((c) => c.name === 'Inet')!;
  expect(inet).toMatchObject({ fqdn: 'mail.contoso.com', banner: undefined, maxProtocolErrors: Infinity, bindings: [{ address: '127.0.0.1', port: 2525 }] });
  expect(s.receiveConnectors[0]!.name).toBe('Default internal receive connector EDGE');
  expect(s.sendConnectors[0]).toMatchObject({ name: 'Internet', domainSecureEnabled: true, fqdn: undefined, usage: 'Internet' });
  expect(s.staticMx).toEqual([{ domain: 'woodgrovebank.com', targets: [{ host: '127.0.0.1', port: 2526 }, { host: '127.0.0.2', port: 2527 }] }]);
  expect(s.acceptedDomains).toEqual([{ name: 'contoso', domainName: 'contoso.com', domainType: 'Authoritative', default: true }]);
});
