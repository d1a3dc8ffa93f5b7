import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { defaultConfig, receiveConnectorDefaults, sendConnectorDefaults } from '../../src/state/config-model.js';
import { configFile, updateConfig } from '../../src/state/config.js';
import { snapshotFromConfig, stateEnvironment } from '../../src/transport/environment.js';

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

test('the change token: a state file written by this process counts at once, one changed by another process within 20 ms', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-token-'));
  try {
    const env = stateEnvironment(home);
    const t0 = env.changeToken!();
    await updateConfig(home, (cfg) => void (cfg.transportConfig.tlsReceiveDomainSecureList = ['contoso.com']));
    const t1 = env.changeToken!();
    expect(t1).not.toBe(t0);
    expect(env.snapshot().config.tlsReceiveDomainSecureList).toEqual(['contoso.com']);
    // another process replaces the file (atomically, as the store does): no write counted here
    const file = configFile(home);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.transportConfig.tlsReceiveDomainSecureList = ['fabrikam.com'];
    fs.writeFileSync(`${file}.other`, JSON.stringify(doc));
    fs.renameSync(`${file}.other`, file);
    let t2 = env.changeToken!();
    for (let i = 0; i < 50 && t2 === t1; i++) {
      await new Promise((r) => setTimeout(r, 10));
      t2 = env.changeToken!();
    }
    expect(t2).not.toBe(t1);
    expect(env.snapshot().config.tlsReceiveDomainSecureList).toEqual(['fabrikam.com']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
