// The organization configuration model: first-run defaults, persistence under EDGESHELL_HOME,
// the lock around read-modify-write, damaged files, and the replace-vs-Add/Remove semantics of the
// domain-secure lists.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateError } from '../../src/state/store.js';
import {
  ConfigObjectNotFoundError,
  ConfigRuleError,
  configChangeToken,
  configFile,
  defaultLogPaths,
  hostServerName,
  loadConfig,
  newReceiveConnector,
  newSendConnector,
  previewConfig,
  setReceiveConnector,
  setSendConnector,
  setTransportConfig,
  setTransportServer,
  transportServerOf,
  updateConfig,
} from '../../src/state/config.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-config-state-'));

function ruleOf(fn: () => unknown): { rule: string; message: string; rules: string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigRuleError) return { rule: e.rule, message: e.message, rules: e.violations.map((v) => v.rule) };
    throw e;
  }
  throw new Error('expected a ConfigRuleError');
}

async function ruleOfAsync(p: Promise<unknown>): Promise<{ rule: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigRuleError) return { rule: e.rule, message: e.message };
    throw e;
  }
  throw new Error('expected a ConfigRuleError');
}

describe('first run', () => {
  it('an Edge server starts with empty domain-secure lists, 10 MB limits and one receive connector named after it', () => {
    const cfg = loadConfig(home());
    expect(cfg.transportConfig.tlsSendDomainSecureList).toEqual([]);
    expect(cfg.transportConfig.tlsReceiveDomainSecureList).toEqual([]);
    expect(cfg.transportConfig.maxSendSize).toBe(10 * 1024 * 1024);
    expect(cfg.transportConfig.maxRecipientEnvelopeLimit).toBe(5000);
    expect(cfg.sendConnectors).toEqual([]);
    expect(cfg.acceptedDomains).toEqual([]);
    expect(cfg.receiveConnectors.map((c) => c.name)).toEqual([`Default internal receive connector ${hostServerName()}`]);
    const c = cfg.receiveConnectors[0];
    expect(c.bindings).toEqual([{ address: '0.0.0.0', port: 25 }]);
    expect(c.remoteIPRanges).toEqual(['0.0.0.0-255.255.255.255']);
    expect(c.authMechanism).toEqual(['Tls', 'ExchangeServer']);
    expect(c.permissionGroups).toEqual(['AnonymousUsers', 'ExchangeServers', 'Partners']);
    expect(c.protocolLoggingLevel).toBe('None');
  });

  it('reading does not write: the file appears with the first change', async () => {
    const h = home();
    loadConfig(h);
    expect(fs.existsSync(configFile(h))).toBe(false);
    expect(configChangeToken(h)).toBe('defaults');
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: ['woodgrovebank.com'] }));
    expect(fs.existsSync(configFile(h))).toBe(true);
    expect(configChangeToken(h)).not.toBe('defaults');
  });

  it('the transport server takes its name and FQDN from the host and keeps its logs under EDGESHELL_HOME', () => {
    const h = home();
    const s = transportServerOf(h);
    expect(s.name).toBe(hostServerName());
    expect(s.receiveProtocolLogPath).toBe(path.join(h, 'TransportRoles', 'Logs', 'ProtocolLog', 'SmtpReceive'));
    expect(s.sendProtocolLogPath).toBe(defaultLogPaths(h).send);
    expect(s.messageTrackingLogPath).toBe(path.join(h, 'TransportRoles', 'Logs', 'MessageTracking'));
    expect(s.transientFailureRetryIntervalMs).toBe(5 * 60_000);
    expect(s.messageExpirationTimeoutMs).toBe(2 * 86_400_000);
  });
});

describe('persistence', () => {
  it('a second process (a fresh load of the same home) sees every change', async () => {
    const h = home();
    await updateConfig(h, (cfg) => {
      setTransportServer(cfg, { name: 'EDGE' });
      setTransportConfig(cfg, { tlsSendDomainSecureList: ['woodgrovebank.com'], tlsReceiveDomainSecureList: ['woodgrovebank.com'] });
      newSendConnector(cfg, { name: 'Internet', addressSpaces: ['SMTP:*;1'], fqdn: 'mail.contoso.com' });
      newReceiveConnector(cfg, { name: 'Inet', usage: 'Internet', bindings: ['127.0.0.1:2525'] });
    });
    await updateConfig(h, (cfg) => setSendConnector(cfg, 'Internet', { domainSecureEnabled: true, protocolLoggingLevel: 'Verbose' }));
    await updateConfig(h, (cfg) => setReceiveConnector(cfg, 'Inet', { domainSecureEnabled: true, authMechanism: ['Tls'], protocolLoggingLevel: 'Verbose' }));

    const again = loadConfig(h);
    expect(again.transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com']);
    expect(again.transportConfig.tlsReceiveDomainSecureList).toEqual(['woodgrovebank.com']);
    expect(again.sendConnectors[0]).toMatchObject({ name: 'Internet', domainSecureEnabled: true, protocolLoggingLevel: 'Verbose', fqdn: 'mail.contoso.com' });
    const inet = again.receiveConnectors.find((c) => c.name === 'Inet')!;
    expect(inet).toMatchObject({ domainSecureEnabled: true, authMechanism: ['Tls'], protocolLoggingLevel: 'Verbose', bindings: [{ address: '127.0.0.1', port: 2525 }] });
    expect(again.receiveConnectors[0].name).toBe('Default internal receive connector EDGE');
  });

  it('writes one versioned JSON document atomically, leaving no temporary files', async () => {
    const h = home();
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { maxSendSize: 20 * 1024 * 1024 }));
    const doc = JSON.parse(fs.readFileSync(configFile(h), 'utf8'));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.transportConfig.maxSendSize).toBe(20971520);
    expect(fs.readdirSync(path.dirname(configFile(h)))).toEqual(['organization.json']);
    expect(fs.existsSync(path.join(h, '.lock'))).toBe(false);
  });

  it('a change that breaks a rule saves nothing: the file is byte-for-byte the same', async () => {
    const h = home();
    await updateConfig(h, (cfg) => newSendConnector(cfg, { name: 'Internet', addressSpaces: ['SMTP:*;1'] }));
    const before = fs.readFileSync(configFile(h), 'utf8');
    const r = await ruleOfAsync(updateConfig(h, (cfg) => setSendConnector(cfg, 'Internet', { dnsRoutingEnabled: false, smartHosts: ['relay.contoso.com'], domainSecureEnabled: true })));
    expect(r.rule).toBe('DomainSecureWithoutDNSRoutingEnabled');
    expect(fs.readFileSync(configFile(h), 'utf8')).toBe(before);
  });

  it('previewConfig changes a copy only (what -WhatIf relies on)', () => {
    const h = home();
    const tc = previewConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: ['woodgrovebank.com'] }));
    expect(tc.tlsSendDomainSecureList).toEqual(['woodgrovebank.com']);
    expect(loadConfig(h).transportConfig.tlsSendDomainSecureList).toEqual([]);
    expect(fs.existsSync(configFile(h))).toBe(false);
  });

  it('concurrent read-modify-writes are serialized by the lock and none is lost', async () => {
    const h = home();
    const domains = Array.from({ length: 12 }, (_, i) => `partner${i}.example`);
    await Promise.all(domains.map((d) => updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: { add: [d], remove: [] } }))));
    expect([...loadConfig(h).transportConfig.tlsSendDomainSecureList].sort()).toEqual([...domains].sort());
  });

  it('an unknown identity is ObjectNotFound with Exchange\'s wording', async () => {
    const h = home();
    await updateConfig(h, (cfg) => setTransportServer(cfg, { name: 'EDGE' }));
    await expect(updateConfig(h, (cfg) => setSendConnector(cfg, 'Nowhere', { enabled: false }))).rejects.toThrow(ConfigObjectNotFoundError);
    await expect(updateConfig(h, (cfg) => setSendConnector(cfg, 'Nowhere', { enabled: false }))).rejects.toThrow(
      "The operation couldn't be performed because object 'Nowhere' couldn't be found on 'EDGE'.",
    );
  });
});

describe('damaged files', () => {
  function write(h: string, text: string): string {
    const f = configFile(h);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  }

  it('JSON that does not parse is a StateError naming the file, and the file is left alone', async () => {
    const h = home();
    const f = write(h, '{"schemaVersion": 1, "transportConfig": {');
    expect(() => loadConfig(h)).toThrow(StateError);
    expect(() => loadConfig(h)).toThrow(`The state file '${f}' is damaged and was not changed`);
    await expect(updateConfig(h, (cfg) => setTransportConfig(cfg, { maxSendSize: 1 }))).rejects.toThrow(f);
    expect(fs.readFileSync(f, 'utf8')).toBe('{"schemaVersion": 1, "transportConfig": {');
  });

  it('a field of the wrong type is named', () => {
    const h = home();
    const f = write(h, JSON.stringify({ schemaVersion: 1, transportConfig: { tlsSendDomainSecureList: 'woodgrovebank.com' } }));
    expect(() => loadConfig(h)).toThrow(`The state file '${f}' is damaged and was not changed: transportConfig has a bad 'tlsSendDomainSecureList'.`);
  });

  it('a stored value that breaks a syntax rule is named', () => {
    const h = home();
    const f = write(h, JSON.stringify({ schemaVersion: 1, transportConfig: { tlsSendDomainSecureList: ['*.woodgrovebank.com'] } }));
    expect(() => loadConfig(h)).toThrow(`The state file '${f}' is damaged and was not changed: Wildcards aren't allowed in TLSSendDomainSecureList`);
  });

  it('a stored connector that breaks a rule is named with the rule', () => {
    const h = home();
    write(h, JSON.stringify({ schemaVersion: 1, receiveConnectors: [{ name: 'Inet', domainSecureEnabled: true, authMechanism: ['None'], permissionGroups: ['AnonymousUsers'] }] }));
    expect(() => loadConfig(h)).toThrow(/rule DomainSecureEnabledWithoutTls/);
  });

  it('a document without a schema version, or from a newer edgeshell, is refused', () => {
    const h = home();
    write(h, JSON.stringify({ transportConfig: {} }));
    expect(() => loadConfig(h)).toThrow(/it has no schemaVersion/);
    write(h, JSON.stringify({ schemaVersion: 99 }));
    expect(() => loadConfig(h)).toThrow(/written by a newer edgeshell/);
  });

  it('sections missing from an older document take their defaults', () => {
    const h = home();
    write(h, JSON.stringify({ schemaVersion: 1, transportConfig: { tlsReceiveDomainSecureList: ['woodgrovebank.com'] } }));
    const cfg = loadConfig(h);
    expect(cfg.transportConfig.tlsReceiveDomainSecureList).toEqual(['woodgrovebank.com']);
    expect(cfg.transportConfig.maxReceiveSize).toBe(10485760);
    expect(cfg.receiveConnectors).toHaveLength(1);
  });
});

describe('TLSSendDomainSecureList and TLSReceiveDomainSecureList', () => {
  const h = home();

  it('Set-TransportConfig replaces the whole list (the seed\'s note)', async () => {
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: ['contoso.com', 'fabrikam.com'] }));
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: ['woodgrovebank.com'] }));
    expect(loadConfig(h).transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com']);
  });

  it('Add and Remove edit the list', async () => {
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: { add: ['fabrikam.com', 'tailspintoys.com'], remove: [] } }));
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: { add: [], remove: ['FABRIKAM.com', 'not-there.com'] } }));
    expect(loadConfig(h).transportConfig.tlsSendDomainSecureList).toEqual(['woodgrovebank.com', 'tailspintoys.com']);
  });

  it('$null (or an empty list) empties it; the other list is untouched', async () => {
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsReceiveDomainSecureList: ['woodgrovebank.com'] }));
    await updateConfig(h, (cfg) => setTransportConfig(cfg, { tlsSendDomainSecureList: null }));
    const tc = loadConfig(h).transportConfig;
    expect(tc.tlsSendDomainSecureList).toEqual([]);
    expect(tc.tlsReceiveDomainSecureList).toEqual(['woodgrovebank.com']);
  });

  it('adding a domain already listed breaks DuplicateValue', () => {
    const cfg = loadConfig(h);
    const r = ruleOf(() => setTransportConfig(cfg, { tlsReceiveDomainSecureList: { add: ['WoodgroveBank.com'], remove: [] } }));
    expect(r.rule).toBe('DuplicateValue');
    expect(r.message).toBe("The value 'WoodgroveBank.com' is already present in TLSReceiveDomainSecureList.");
    expect(ruleOf(() => setTransportConfig(cfg, { tlsSendDomainSecureList: ['a.com', 'A.com'] })).rule).toBe('DuplicateValue');
  });

  it('wildcards are refused', () => {
    const r = ruleOf(() => setTransportConfig(loadConfig(h), { tlsSendDomainSecureList: ['*.woodgrovebank.com'] }));
    expect(r.rule).toBe('WildcardNotAllowed');
    expect(r.message).toBe("Wildcards aren't allowed in TLSSendDomainSecureList: '*.woodgrovebank.com' isn't a valid SMTP domain. Enter a domain such as woodgrovebank.com.");
    expect(ruleOf(() => setTransportConfig(loadConfig(h), { tlsReceiveDomainSecureList: ['*'] })).rule).toBe('WildcardNotAllowed');
  });

  it('a value that is not an SMTP domain is refused', () => {
    const r = ruleOf(() => setTransportConfig(loadConfig(h), { tlsSendDomainSecureList: ['woodgrove bank.com'] }));
    expect(r.rule).toBe('InvalidSmtpDomain');
    expect(r.message).toBe("'woodgrove bank.com' isn't a valid SMTP domain for TLSSendDomainSecureList. A domain is made of labels of letters, digits and hyphens separated by dots, such as woodgrovebank.com.");
  });

  it('at most 256 domains per list', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example`);
    expect(setTransportConfig(loadConfig(h), { tlsSendDomainSecureList: many(256) }).tlsSendDomainSecureList).toHaveLength(256);
    const r = ruleOf(() => setTransportConfig(loadConfig(h), { tlsReceiveDomainSecureList: many(257) }));
    expect(r.rule).toBe('ExceededMaximumCollectionCount');
    expect(r.message).toBe("TLSReceiveDomainSecureList can't hold more than 256 domains; the new value has 257.");
  });
});
