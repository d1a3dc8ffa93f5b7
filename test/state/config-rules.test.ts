// Every configuration rule, with the message that names it: receive and send connectors, accepted
// domains, the transport server, static MX, and the syntax of the values they hold.
import { describe, expect, it } from 'vitest';
import {
  ConfigRuleError,
  addStaticMxRecord,
  addressSpaceMatches,
  byteSizeText,
  defaultConfig,
  durationText,
  mappingConflict,
  newAcceptedDomain,
  newReceiveConnector,
  newSendConnector,
  parseAddressSpace,
  parseBanner,
  parseBinding,
  parseByteSize,
  parseCount,
  parseDuration,
  parseIPRange,
  parseMultiValued,
  parseMxTarget,
  parseSmartHost,
  rangesPartiallyOverlap,
  receiveConnectorDefaults,
  receiveConnectorViolations,
  removeAcceptedDomain,
  removeStaticMxRecords,
  sendConnectorDefaults,
  sendConnectorViolations,
  setAcceptedDomain,
  setReceiveConnector,
  setSendConnector,
  setTransportServer,
  staticMxTargets,
  type OrganizationConfig,
  type ReceiveConnector,
} from '../../src/state/config.js';
import { PSHashtable } from '../../src/engine/values.js';

const cfgEdge = (): OrganizationConfig => {
  const cfg = defaultConfig('EDGE');
  cfg.transportServer.name = 'EDGE';
  return cfg;
};

function broken(fn: () => unknown): { rule: string; message: string; rules: string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigRuleError) return { rule: e.rule, message: e.violations[0].message, rules: e.violations.map((v) => v.rule) };
    throw e;
  }
  throw new Error('expected a ConfigRuleError');
}

const rc = (over: Partial<ReceiveConnector>): ReceiveConnector => ({ ...receiveConnectorDefaults('Inet'), bindings: [{ address: '127.0.0.1', port: 2525 }], ...over });
const rules = (c: ReceiveConnector, others: ReceiveConnector[] = []) => receiveConnectorViolations(c, others, 'EDGE');
const one = (c: ReceiveConnector, others: ReceiveConnector[] = []) => {
  const v = rules(c, others);
  expect(v).toHaveLength(1);
  return v[0];
};

describe('receive connector rules', () => {
  it('the seed\'s Inet connector with -DomainSecureEnabled:$True -AuthMechanism TLS is valid', () => {
    expect(rules(rc({ authMechanism: ['Tls'], permissionGroups: ['AnonymousUsers'], domainSecureEnabled: true, protocolLoggingLevel: 'Verbose' }))).toEqual([]);
  });

  it('AuthMechanism None stands alone', () => {
    const v = one(rc({ authMechanism: ['None', 'Tls'] }));
    expect(v).toEqual({ rule: 'AuthMechanismNoneWithOthers', property: 'AuthMechanism', message: "AuthMechanism None can't be combined with other authentication mechanisms (None, Tls)." });
  });

  it('ExternalAuthoritative goes only with Tls', () => {
    const v = one(rc({ authMechanism: ['Tls', 'ExchangeServer', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'] }));
    expect(v.rule).toBe('ExternalAndAuthSet');
    expect(v.message).toBe('AuthMechanism ExternalAuthoritative can be combined only with Tls, not with BasicAuth, BasicAuthRequireTLS, ExchangeServer or Integrated.');
    expect(rules(rc({ authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'] }))).toEqual([]);
  });

  it('ExternalAuthoritative needs the ExchangeServers permission group', () => {
    const v = one(rc({ authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['AnonymousUsers'] }));
    expect(v.rule).toBe('ExternalAuthoritativeWithoutExchangeServerPermission');
    expect(v.message).toBe('AuthMechanism ExternalAuthoritative requires the ExchangeServers permission group; add ExchangeServers to PermissionGroups.');
  });

  it('DomainSecureEnabled needs Tls', () => {
    const v = one(rc({ authMechanism: ['None'], domainSecureEnabled: true }));
    expect(v).toEqual({
      rule: 'DomainSecureEnabledWithoutTls',
      property: 'DomainSecureEnabled',
      message: 'DomainSecureEnabled requires Tls in AuthMechanism: domain security is mutually authenticated TLS. Add -AuthMechanism Tls or set -DomainSecureEnabled $false.',
    });
  });

  it('DomainSecureEnabled does not go with ExternalAuthoritative', () => {
    const v = one(rc({ authMechanism: ['Tls', 'ExternalAuthoritative'], permissionGroups: ['ExchangeServers'], domainSecureEnabled: true }));
    expect(v.rule).toBe('DomainSecureEnabledWithExternalAuthoritative');
    expect(v.message).toBe("DomainSecureEnabled can't be $true when AuthMechanism includes ExternalAuthoritative.");
  });

  it('BasicAuthRequireTLS needs Tls and BasicAuth; RequireTLS needs Tls', () => {
    expect(one(rc({ authMechanism: ['BasicAuth', 'BasicAuthRequireTLS'] })).message).toBe('AuthMechanism BasicAuthRequireTLS requires Tls as well.');
    expect(one(rc({ authMechanism: ['Tls', 'BasicAuthRequireTLS'] })).rule).toBe('BasicAfterTLSWithoutBasic');
    expect(one(rc({ authMechanism: ['BasicAuth'], requireTLS: true })).message).toBe('RequireTLS can be $true only when AuthMechanism includes Tls.');
  });

  it('permission groups: None alone, never Custom, no ExchangeLegacyServers on an Edge server', () => {
    expect(one(rc({ permissionGroups: ['None', 'Partners'] })).rule).toBe('PermissionGroupsNoneWithOthers');
    expect(one(rc({ permissionGroups: ['Custom'] })).message).toBe("The Custom permission group can't be set; it only describes permissions granted outside the predefined groups.");
    expect(one(rc({ permissionGroups: ['ExchangeLegacyServers'] })).rule).toBe('UnsupportedPermissionGroupsForEdge');
  });

  it('the connection timeout is at least the inactivity timeout', () => {
    const v = one(rc({ connectionTimeoutMs: 30_000, connectionInactivityTimeoutMs: 60_000 }));
    expect(v).toEqual({ rule: 'ConnectionTimeoutLessThanInactivityTimeout', property: 'ConnectionTimeout', message: 'ConnectionTimeout must be greater than or equal to ConnectionInactivityTimeout.' });
  });

  it('names are unique and have no backslash; bindings and remote ranges are not empty', () => {
    const other = rc({ name: 'INET', bindings: [{ address: '127.0.0.1', port: 2526 }] });
    expect(one(rc({}), [other]).message).toBe("A Receive connector named 'Inet' already exists. Connector names must be unique.");
    expect(one(rc({ name: 'EDGE\\Inet' })).message).toBe("The Receive connector name 'EDGE\\Inet' isn't valid: it can't contain the character '\\'.");
    expect(one(rc({ bindings: [] })).rule).toBe('NoBindings');
    expect(one(rc({ remoteIPRanges: [] })).rule).toBe('NoRemoteIPRanges');
  });

  describe('two connectors may not share a binding with overlapping remote ranges', () => {
    const dflt = receiveConnectorDefaults('Default internal receive connector EDGE');
    const conflictMessage =
      'The values that you specified for the Bindings and RemoteIPRanges parameters conflict with the settings on Receive connector "EDGE\\Default internal receive connector EDGE". Receive connectors assigned to the same server must have unique combinations of Bindings and RemoteIPRanges parameter values.';

    it('same binding, same range: conflict', () => {
      const v = one(rc({ bindings: [{ address: '0.0.0.0', port: 25 }] }), [dflt]);
      expect(v).toEqual({ rule: 'ConnectorMappingConflict', property: 'Bindings', message: conflictMessage });
    });

    it('same binding, a range wholly inside the other: allowed (the more specific one wins)', () => {
      expect(rules(rc({ bindings: [{ address: '0.0.0.0', port: 25 }], remoteIPRanges: ['192.168.1.0/24'] }), [dflt])).toEqual([]);
    });

    it('same binding, partially overlapping ranges: conflict', () => {
      const a = rc({ name: 'A', bindings: [{ address: '10.0.0.1', port: 25 }], remoteIPRanges: ['192.168.1.0-192.168.1.200'] });
      const b = rc({ name: 'B', bindings: [{ address: '10.0.0.1', port: 25 }], remoteIPRanges: ['192.168.1.100-192.168.2.10'] });
      expect(one(b, [a]).rule).toBe('ConnectorMappingConflict');
    });

    it('0.0.0.0 against a specific address on the same port: only a partial overlap conflicts', () => {
      expect(rules(rc({ bindings: [{ address: '127.0.0.1', port: 25 }] }), [dflt])).toEqual([]);
      const partial = rc({ name: 'P', bindings: [{ address: '0.0.0.0', port: 2525 }], remoteIPRanges: ['10.0.0.0-10.0.0.200'] });
      const other = rc({ name: 'Q', bindings: [{ address: '127.0.0.1', port: 2525 }], remoteIPRanges: ['10.0.0.100-10.0.1.0'] });
      expect(mappingConflict(other, [partial])?.name).toBe('P');
    });

    it('a different port never conflicts', () => {
      expect(rules(rc({ bindings: [{ address: '0.0.0.0', port: 2525 }] }), [dflt])).toEqual([]);
    });

    it('New-ReceiveConnector refuses the conflict and saves nothing', () => {
      const cfg = cfgEdge();
      const r = broken(() => newReceiveConnector(cfg, { name: 'Inet', usage: 'Internet', bindings: ['0.0.0.0:25'] }));
      expect(r.rule).toBe('ConnectorMappingConflict');
      expect(r.message).toBe(conflictMessage);
      expect(cfg.receiveConnectors).toHaveLength(1);
    });
  });

  it('Set-ReceiveConnector applies the rules to the result and leaves the connector as it was when one breaks', () => {
    const cfg = cfgEdge();
    newReceiveConnector(cfg, { name: 'Inet', usage: 'Internet', bindings: ['127.0.0.1:2525'] });
    const r = broken(() => setReceiveConnector(cfg, 'Inet', { domainSecureEnabled: true, authMechanism: ['None'] }));
    expect(r.rule).toBe('DomainSecureEnabledWithoutTls');
    expect(cfg.receiveConnectors[1]).toMatchObject({ domainSecureEnabled: false, authMechanism: ['Tls'] });
    setReceiveConnector(cfg, 'EDGE\\inet', { domainSecureEnabled: true, authMechanism: ['Tls'] });
    expect(cfg.receiveConnectors[1].domainSecureEnabled).toBe(true);
  });

  describe('-Usage presets and requirements (New-ReceiveConnector)', () => {
    it('Internet: AnonymousUsers and Tls; Bindings required', () => {
      const cfg = cfgEdge();
      expect(broken(() => newReceiveConnector(cfg, { name: 'Inet', usage: 'Internet' })).message).toBe('The Bindings parameter is required for a Receive connector with the Internet usage type.');
      const c = newReceiveConnector(cfg, { name: 'Inet', usage: 'Internet', bindings: ['127.0.0.1:2525'] });
      expect(c).toMatchObject({ permissionGroups: ['AnonymousUsers'], authMechanism: ['Tls'], remoteIPRanges: ['0.0.0.0-255.255.255.255'], domainSecureEnabled: false });
    });

    it('Internal: ExchangeServers and Tls, ExchangeServer; RemoteIPRanges required', () => {
      const cfg = cfgEdge();
      expect(broken(() => newReceiveConnector(cfg, { name: 'Hub', usage: 'Internal' })).rule).toBe('ParameterErrorForInternalUsage');
      const c = newReceiveConnector(cfg, { name: 'Hub', usage: 'Internal', remoteIPRanges: ['192.168.1.0/24'] });
      expect(c).toMatchObject({ permissionGroups: ['ExchangeServers'], authMechanism: ['Tls', 'ExchangeServer'], bindings: [{ address: '0.0.0.0', port: 25 }] });
    });

    it('Partner: Partners, Tls and DomainSecureEnabled; Client: port 587', () => {
      const cfg = cfgEdge();
      expect(newReceiveConnector(cfg, { name: 'Woodgrove', usage: 'Partner', remoteIPRanges: ['10.1.0.0/16'], bindings: ['0.0.0.0:2526'] })).toMatchObject({ permissionGroups: ['Partners'], authMechanism: ['Tls'], domainSecureEnabled: true });
      expect(newReceiveConnector(cfg, { name: 'Client', usage: 'Client' }).bindings).toEqual([{ address: '0.0.0.0', port: 587 }]);
    });

    it('Custom or no usage: both Bindings and RemoteIPRanges are required', () => {
      const cfg = cfgEdge();
      expect(broken(() => newReceiveConnector(cfg, { name: 'X', bindings: ['0.0.0.0:26'] })).message).toBe(
        'The Bindings and RemoteIPRanges parameters are both required for a Receive connector with the Custom usage type (or no usage type).',
      );
      expect(newReceiveConnector(cfg, { name: 'X', usage: 'Custom', bindings: ['0.0.0.0:26'], remoteIPRanges: ['10.0.0.1'] }).permissionGroups).toEqual(['None']);
    });

    it('explicit AuthMechanism and PermissionGroups win over the preset', () => {
      const c = newReceiveConnector(cfgEdge(), { name: 'Ext', usage: 'Internal', remoteIPRanges: ['10.0.0.0/8'], bindings: ['0.0.0.0:2527'], authMechanism: ['Tls', 'ExternalAuthoritative'] });
      expect(c.authMechanism).toEqual(['Tls', 'ExternalAuthoritative']);
    });
  });
});

describe('send connector rules', () => {
  const sc = (over: Partial<ReturnType<typeof sendConnectorDefaults>>) => ({ ...sendConnectorDefaults('Internet'), addressSpaces: [parseAddressSpace('SMTP:*;1')], ...over });

  it('the seed\'s Internet connector with DomainSecureEnabled is valid: it routes by DNS', () => {
    expect(sendConnectorViolations(sc({ domainSecureEnabled: true, fqdn: 'mail.contoso.com' }), [])).toEqual([]);
  });

  it('domain security needs DNS routing, not smart hosts', () => {
    const v = sendConnectorViolations(sc({ dnsRoutingEnabled: false, smartHosts: ['relay.contoso.com'], domainSecureEnabled: true }), []);
    expect(v).toEqual([
      {
        rule: 'DomainSecureWithoutDNSRoutingEnabled',
        property: 'DNSRoutingEnabled',
        message: "DomainSecureEnabled requires DNS routing: a Send connector that routes through smart hosts can't be domain secure. Set -DNSRoutingEnabled $true or -DomainSecureEnabled $false.",
      },
    ]);
  });

  it('domain security needs STARTTLS not ignored', () => {
    const v = sendConnectorViolations(sc({ domainSecureEnabled: true, ignoreStartTLS: true }), []);
    expect(v.map((x) => x.rule)).toEqual(['DomainSecureWithIgnoreStartTLSEnabled']);
    expect(v[0].message).toBe("DomainSecureEnabled can't be $true while IgnoreSTARTTLS is $true: domain security needs STARTTLS.");
  });

  it('smart hosts are required without DNS routing, and not allowed with it', () => {
    expect(sendConnectorViolations(sc({ dnsRoutingEnabled: false }), [])[0]).toEqual({
      rule: 'SmartHostNotSet',
      property: 'SmartHosts',
      message: 'SmartHosts must be set when DNSRoutingEnabled is $false: a Send connector that does not use DNS routing sends through smart hosts.',
    });
    expect(sendConnectorViolations(sc({ smartHosts: ['relay.contoso.com'] }), [])[0].rule).toBe('DNSRoutingEnabledMustNotBeSpecified');
  });

  it('address spaces are required; RequireTLS and IgnoreSTARTTLS conflict; names are unique', () => {
    expect(sendConnectorViolations(sc({ addressSpaces: [] }), [])[0].message).toBe("The Send connector 'Internet' needs at least one address space, such as SMTP:*;1.");
    expect(sendConnectorViolations(sc({ requireTLS: true, ignoreStartTLS: true }), [])[0].rule).toBe('IgnoreRequireTLSConflict');
    expect(sendConnectorViolations(sc({}), [sc({})])[0].rule).toBe('DuplicateConnectorName');
  });

  it('New-SendConnector -Usage Partner turns domain security and DNS routing on; Internal lifts the size limit', () => {
    const cfg = cfgEdge();
    expect(newSendConnector(cfg, { name: 'Woodgrove', usage: 'Partner', addressSpaces: ['woodgrovebank.com'] })).toMatchObject({ domainSecureEnabled: true, dnsRoutingEnabled: true });
    expect(newSendConnector(cfg, { name: 'Org', usage: 'Internal', addressSpaces: ['contoso.com'] }).maxMessageSize).toBe('Unlimited');
  });

  it('Set-SendConnector: a smart-host connector made domain secure is refused; turning DNS routing on clears smart hosts', () => {
    const cfg = cfgEdge();
    newSendConnector(cfg, { name: 'Relay', addressSpaces: ['contoso.com'], dnsRoutingEnabled: false, smartHosts: ['relay.contoso.com'] });
    expect(broken(() => setSendConnector(cfg, 'Relay', { domainSecureEnabled: true })).rule).toBe('DomainSecureWithoutDNSRoutingEnabled');
    expect(setSendConnector(cfg, 'relay', { dnsRoutingEnabled: true, domainSecureEnabled: true })).toMatchObject({ smartHosts: [], domainSecureEnabled: true });
  });

  it('address spaces edit with Add/Remove', () => {
    const cfg = cfgEdge();
    newSendConnector(cfg, { name: 'Internet', addressSpaces: ['SMTP:*;1'] });
    const c = setSendConnector(cfg, 'Internet', { addressSpaces: { add: ['woodgrovebank.com;5'], remove: ['smtp:*;1'] } });
    expect(c.addressSpaces).toEqual([{ type: 'SMTP', domain: 'woodgrovebank.com', cost: 5 }]);
  });
});

describe('value syntax', () => {
  it('address spaces: [type:]domain[;cost], SMTP only, cost 1-100', () => {
    expect(parseAddressSpace('SMTP:*;1')).toEqual({ type: 'SMTP', domain: '*', cost: 1 });
    expect(parseAddressSpace('contoso.com')).toEqual({ type: 'SMTP', domain: 'contoso.com', cost: 1 });
    expect(parseAddressSpace('*.contoso.com;5')).toEqual({ type: 'SMTP', domain: '*.contoso.com', cost: 5 });
    expect(broken(() => parseAddressSpace('SMTP:*;0')).message).toBe("The cost of the address space 'SMTP:*;0' must be between 1 and 100.");
    expect(broken(() => parseAddressSpace('SMTP:*;101')).rule).toBe('AddressSpaceCostOutOfRange');
    expect(broken(() => parseAddressSpace('X400:c=US;a=;p=Contoso;1')).rule).toBe('NonSmtpAddressSpaceOnEdge');
    expect(broken(() => parseAddressSpace('SMTP:con toso.com;1')).message).toBe(
      "'SMTP:con toso.com;1' isn't a valid address space: 'con toso.com' is not *, a domain such as contoso.com, or *.contoso.com.",
    );
    expect(broken(() => parseAddressSpace('SMTP:*;x')).rule).toBe('InvalidAddressSpace');
    expect(addressSpaceMatches(parseAddressSpace('*.contoso.com'), 'mail.contoso.com')).toBe(true);
    expect(addressSpaceMatches(parseAddressSpace('contoso.com'), 'mail.contoso.com')).toBe(false);
  });

  it('banner starts with 220', () => {
    expect(parseBanner('220 mail.contoso.com Ready')).toBe('220 mail.contoso.com Ready');
    expect(parseBanner(null)).toBe(null);
    const r = broken(() => parseBanner('250 hello'));
    expect(r.rule).toBe('InvalidBannerSetting');
    expect(r.message).toBe("The banner '250 hello' isn't valid: it must be an SMTP response that starts with 220, such as '220 mail.contoso.com Ready', on one line of at most 2000 characters.");
    expect(broken(() => parseBanner('2200 x')).rule).toBe('InvalidBannerSetting');
  });

  it('bindings: address:port, unicast or any-address', () => {
    expect(parseBinding('0.0.0.0:25')).toEqual({ address: '0.0.0.0', port: 25 });
    expect(parseBinding('[::]:25')).toEqual({ address: '::', port: 25 });
    expect(broken(() => parseBinding('0.0.0.0')).rule).toBe('InvalidBinding');
    expect(broken(() => parseBinding('127.0.0.1:70000')).rule).toBe('InvalidBinding');
    expect(broken(() => parseBinding('224.0.0.1:25')).rule).toBe('InvalidBindingAddressSetting');
  });

  it('IP ranges: address, CIDR, mask, range', () => {
    expect(parseIPRange('192.168.1.10').text).toBe('192.168.1.10');
    expect(parseIPRange('192.168.1.7/24').text).toBe('192.168.1.0/24');
    expect(parseIPRange('192.168.1.0/255.255.255.0').text).toBe('192.168.1.0/24');
    expect(parseIPRange('10.0.0.1-10.0.0.9').text).toBe('10.0.0.1-10.0.0.9');
    expect(parseIPRange('2001:db8::/32').text).toBe('2001:db8::/32');
    expect(broken(() => parseIPRange('10.0.0.9-10.0.0.1')).rule).toBe('InvalidIPRange');
    expect(broken(() => parseIPRange('10.0.0.0/33')).rule).toBe('InvalidIPRange');
    expect(rangesPartiallyOverlap(parseIPRange('10.0.0.0/24'), parseIPRange('10.0.0.128/25'))).toBe(false);
    expect(rangesPartiallyOverlap(parseIPRange('10.0.0.0-10.0.0.200'), parseIPRange('10.0.0.100-10.0.1.0'))).toBe(true);
  });

  it('sizes: 10MB arrives as a number; text forms and Unlimited; shown as Exchange shows them', () => {
    expect(parseByteSize(10485760, 'MaxSendSize')).toBe(10485760);
    expect(parseByteSize('10 MB', 'MaxSendSize')).toBe(10485760);
    expect(parseByteSize('10240kb', 'MaxSendSize')).toBe(10485760);
    expect(parseByteSize('10 MB (10,485,760 bytes)', 'MaxSendSize')).toBe(10485760);
    expect(parseByteSize('Unlimited', 'MaxSendSize', true)).toBe('Unlimited');
    expect(broken(() => parseByteSize('Unlimited', 'MaxMessageSize')).message).toBe("MaxMessageSize can't be Unlimited; give a size such as 10MB.");
    expect(broken(() => parseByteSize('ten megs', 'MaxSendSize', true)).rule).toBe('InvalidByteSize');
    expect(byteSizeText(10485760)).toBe('10 MB (10,485,760 bytes)');
    expect(byteSizeText(65536)).toBe('64 KB (65,536 bytes)');
    expect(byteSizeText(100000)).toBe('97.66 KB (100,000 bytes)');
    expect(byteSizeText(512)).toBe('512 B (512 bytes)');
    expect(byteSizeText('Unlimited')).toBe('Unlimited');
    expect(parseCount('unlimited', 'MaxRecipientEnvelopeLimit')).toBe('Unlimited');
    expect(broken(() => parseCount(-1, 'MaxRecipientEnvelopeLimit')).rule).toBe('InvalidCount');
  });

  it('time spans: [d.]hh:mm:ss', () => {
    expect(parseDuration('00:00:05', 'MessageRetryInterval')).toBe(5000);
    expect(parseDuration('2.00:00:00', 'MessageExpirationTimeout')).toBe(2 * 86_400_000);
    expect(durationText(2 * 86_400_000)).toBe('2.00:00:00');
    expect(durationText(300_000)).toBe('00:05:00');
    expect(broken(() => parseDuration('5 minutes', 'MessageRetryInterval')).message).toBe(
      "'5 minutes' isn't a valid time span for MessageRetryInterval. Use [d.]hh:mm:ss, such as 00:05:00 or 2.00:00:00.",
    );
    expect(broken(() => parseDuration('00:00:00', 'MessageRetryInterval', 1000)).rule).toBe('TimeSpanOutOfRange');
  });

  it('smart hosts and static MX targets', () => {
    expect(parseSmartHost('relay.contoso.com')).toBe('relay.contoso.com');
    expect(parseSmartHost('192.168.1.5')).toBe('[192.168.1.5]');
    expect(parseSmartHost('[192.168.1.5]:2525')).toBe('[192.168.1.5]:2525');
    expect(broken(() => parseSmartHost('relay contoso')).rule).toBe('InvalidSmartHost');
    expect(parseMxTarget('127.0.0.1:2526')).toEqual({ host: '127.0.0.1', port: 2526 });
    expect(parseMxTarget('mx.woodgrovebank.com')).toEqual({ host: 'mx.woodgrovebank.com', port: 25 });
    expect(broken(() => parseMxTarget('127.0.0.1:0')).rule).toBe('InvalidStaticMxTarget');
  });

  it('a hashtable with Add/Remove (keys case-insensitive, a value or an array) is an edit; anything else replaces', () => {
    const h = new PSHashtable();
    h.set('ADD', ['a.com', 'b.com']);
    h.set('remove', 'c.com');
    expect(parseMultiValued(h, String, 'X')).toEqual({ add: ['a.com', 'b.com'], remove: ['c.com'] });
    expect(parseMultiValued('a.com', String, 'X')).toEqual({ replace: ['a.com'] });
    expect(parseMultiValued(null, String, 'X')).toEqual({ replace: [] });
    const bad = new PSHashtable();
    bad.set('Append', 'x');
    expect(broken(() => parseMultiValued(bad, String, 'TLSSendDomainSecureList')).message).toBe("The hashtable key 'Append' isn't valid for TLSSendDomainSecureList. Use @{Add=...} and/or @{Remove=...}.");
  });
});

describe('accepted domains', () => {
  it('the first is the default; names and domains are unique; the default cannot be removed while others exist', () => {
    const cfg = cfgEdge();
    expect(newAcceptedDomain(cfg, { name: 'Contoso', domainName: 'contoso.com' }).default).toBe(true);
    expect(newAcceptedDomain(cfg, { name: 'Fabrikam', domainName: '*.fabrikam.com', domainType: 'InternalRelay' }).default).toBe(false);
    expect(broken(() => newAcceptedDomain(cfg, { name: 'contoso', domainName: 'other.com' })).message).toBe("An accepted domain named 'contoso' already exists.");
    expect(broken(() => newAcceptedDomain(cfg, { name: 'C2', domainName: 'CONTOSO.com' })).message).toBe("The domain 'CONTOSO.com' is already the accepted domain 'Contoso'.");
    expect(broken(() => newAcceptedDomain(cfg, { name: 'Bad', domainName: 'contoso..com' })).rule).toBe('InvalidSmtpDomain');
    expect(broken(() => removeAcceptedDomain(cfg, 'Contoso')).rule).toBe('CannotRemoveDefaultAcceptedDomain');
    setAcceptedDomain(cfg, 'fabrikam', { makeDefault: true });
    expect(cfg.acceptedDomains.map((d) => d.default)).toEqual([false, true]);
    removeAcceptedDomain(cfg, 'contoso.com');
    expect(cfg.acceptedDomains.map((d) => d.name)).toEqual(['Fabrikam']);
  });
});

describe('transport server', () => {
  it('renaming the server renames the receive connector named after it', () => {
    const cfg = defaultConfig('HOSTNAME');
    cfg.transportServer.name = 'HOSTNAME';
    setTransportServer(cfg, { name: 'EDGE', fqdn: 'edge.contoso.com' });
    expect(cfg.receiveConnectors[0].name).toBe('Default internal receive connector EDGE');
    expect(broken(() => setTransportServer(cfg, { name: 'bad name' })).rule).toBe('InvalidServerName');
    expect(broken(() => setTransportServer(cfg, { transientFailureRetryAttempts: 16 })).rule).toBe('ValueOutOfRange');
    expect(broken(() => setTransportServer(cfg, { messageExpirationTimeoutMs: 91 * 86_400_000 })).message).toBe('MessageExpirationTimeout must be at most 90.00:00:00.');
  });
});

describe('static MX', () => {
  it('records are tried in preference order; duplicates are refused; removal by domain or target', () => {
    const cfg = cfgEdge();
    addStaticMxRecord(cfg, { domain: 'woodgrovebank.com', host: '127.0.0.1', port: 2527, preference: 20 });
    addStaticMxRecord(cfg, { domain: 'WoodgroveBank.com', host: '127.0.0.1', port: 2526, name: 'mail.woodgrovebank.com' });
    expect(staticMxTargets(cfg, 'woodgrovebank.com')).toEqual([
      { host: '127.0.0.1', port: 2526 },
      { host: '127.0.0.1', port: 2527 },
    ]);
    expect(broken(() => addStaticMxRecord(cfg, { domain: 'woodgrovebank.com', host: '127.0.0.1', port: 2526 })).message).toBe(
      'A static MX record for woodgrovebank.com with target 127.0.0.1:2526 already exists.',
    );
    expect(broken(() => addStaticMxRecord(cfg, { domain: '*.woodgrovebank.com', host: '127.0.0.1', port: 1 })).rule).toBe('WildcardNotAllowed');
    expect(removeStaticMxRecords(cfg, 'woodgrovebank.com', { host: '127.0.0.1', port: 2527 })).toHaveLength(1);
    expect(removeStaticMxRecords(cfg, 'woodgrovebank.com', 'mail.woodgrovebank.com')).toHaveLength(1);
    expect(() => removeStaticMxRecords(cfg, 'woodgrovebank.com')).toThrow("The operation couldn't be performed because no static MX record for 'woodgrovebank.com' could be found.");
  });
});
