// The configuration's validation rules, as pure functions returning the rules an object breaks
// (empty when it is valid). The cmdlets and the transport share them; nothing here reads files.
import type { AcceptedDomain, ReceiveConnector, SendConnector, StaticMxRecord, TransportConfig, TransportServer } from './config-model.js';
import {
  bindingsOverlap,
  parseIPRange,
  rangesEqual,
  rangesPartiallyOverlap,
  violation,
  type AuthMechanism,
  type RuleViolation,
} from './config-values.js';

/** TLSSendDomainSecureList / TLSReceiveDomainSecureList hold at most this many domains. */
export const MAX_DOMAIN_SECURE_LIST = 256;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function nameViolations(kind: string, name: string, others: { name: string }[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!name.trim()) out.push(violation('InvalidConnectorName', 'Name', `A ${kind} needs a name.`));
  else if (name.includes('\\')) out.push(violation('InvalidConnectorName', 'Name', `The ${kind} name '${name}' isn't valid: it can't contain the character '\\'.`));
  if (others.some((o) => same(o.name, name))) out.push(violation('DuplicateConnectorName', 'Name', `A ${kind} named '${name}' already exists. Connector names must be unique.`));
  return out;
}

export function transportConfigViolations(tc: TransportConfig): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const [prop, list] of [
    ['TLSSendDomainSecureList', tc.tlsSendDomainSecureList],
    ['TLSReceiveDomainSecureList', tc.tlsReceiveDomainSecureList],
  ] as const) {
    if (list.length > MAX_DOMAIN_SECURE_LIST) {
      out.push(violation('ExceededMaximumCollectionCount', prop, `${prop} can't hold more than ${MAX_DOMAIN_SECURE_LIST} domains; the new value has ${list.length}.`));
    }
  }
  return out;
}

/**
 * Receive connector rules (ReceiveConnector.ValidateWrite and New-ReceiveConnector's checks),
 * including the binding conflict with the server's other receive connectors.
 */
export function receiveConnectorViolations(c: ReceiveConnector, others: ReceiveConnector[], serverName: string): RuleViolation[] {
  const out = nameViolations('Receive connector', c.name, others);
  const has = (m: AuthMechanism) => c.authMechanism.includes(m);
  if (c.bindings.length === 0) out.push(violation('NoBindings', 'Bindings', `The Receive connector '${c.name}' needs at least one binding (address:port).`));
  if (c.remoteIPRanges.length === 0) out.push(violation('NoRemoteIPRanges', 'RemoteIPRanges', `The Receive connector '${c.name}' needs at least one remote IP range.`));
  if (has('None') && c.authMechanism.length > 1) {
    out.push(violation('AuthMechanismNoneWithOthers', 'AuthMechanism', `AuthMechanism None can't be combined with other authentication mechanisms (${c.authMechanism.join(', ')}).`));
  }
  if (has('BasicAuthRequireTLS') && !has('Tls')) out.push(violation('BasicAfterTLSWithoutTLS', 'AuthMechanism', 'AuthMechanism BasicAuthRequireTLS requires Tls as well.'));
  if (has('BasicAuthRequireTLS') && !has('BasicAuth')) out.push(violation('BasicAfterTLSWithoutBasic', 'AuthMechanism', 'AuthMechanism BasicAuthRequireTLS requires BasicAuth as well.'));
  if (c.requireTLS && !has('Tls')) out.push(violation('RequireTLSWithoutTLS', 'RequireTLS', 'RequireTLS can be $true only when AuthMechanism includes Tls.'));
  const external = has('ExternalAuthoritative');
  if (external && (has('BasicAuth') || has('BasicAuthRequireTLS') || has('ExchangeServer') || has('Integrated'))) {
    out.push(violation('ExternalAndAuthSet', 'AuthMechanism', 'AuthMechanism ExternalAuthoritative can be combined only with Tls, not with BasicAuth, BasicAuthRequireTLS, ExchangeServer or Integrated.'));
  }
  if (c.domainSecureEnabled && !has('Tls')) {
    out.push(violation('DomainSecureEnabledWithoutTls', 'DomainSecureEnabled', 'DomainSecureEnabled requires Tls in AuthMechanism: domain security is mutually authenticated TLS. Add -AuthMechanism Tls or set -DomainSecureEnabled $false.'));
  }
  if (c.domainSecureEnabled && external) {
    out.push(violation('DomainSecureEnabledWithExternalAuthoritative', 'DomainSecureEnabled', "DomainSecureEnabled can't be $true when AuthMechanism includes ExternalAuthoritative."));
  }
  if (external && !c.permissionGroups.includes('ExchangeServers')) {
    out.push(violation('ExternalAuthoritativeWithoutExchangeServerPermission', 'PermissionGroups', 'AuthMechanism ExternalAuthoritative requires the ExchangeServers permission group; add ExchangeServers to PermissionGroups.'));
  }
  if (c.permissionGroups.includes('None') && c.permissionGroups.length > 1) {
    out.push(violation('PermissionGroupsNoneWithOthers', 'PermissionGroups', `PermissionGroups None can't be combined with other permission groups (${c.permissionGroups.join(', ')}).`));
  }
  if (c.permissionGroups.includes('Custom')) {
    out.push(violation('CustomPermissionGroupNotAllowed', 'PermissionGroups', "The Custom permission group can't be set; it only describes permissions granted outside the predefined groups."));
  }
  if (c.permissionGroups.includes('ExchangeLegacyServers')) {
    out.push(violation('UnsupportedPermissionGroupsForEdge', 'PermissionGroups', "The ExchangeLegacyServers permission group isn't supported on an Edge Transport server."));
  }
  if (c.connectionInactivityTimeoutMs > c.connectionTimeoutMs) {
    out.push(violation('ConnectionTimeoutLessThanInactivityTimeout', 'ConnectionTimeout', 'ConnectionTimeout must be greater than or equal to ConnectionInactivityTimeout.'));
  }
  const conflict = mappingConflict(c, others);
  if (conflict) {
    out.push(
      violation(
        'ConnectorMappingConflict',
        'Bindings',
        `The values that you specified for the Bindings and RemoteIPRanges parameters conflict with the settings on Receive connector "${serverName}\\${conflict.name}". Receive connectors assigned to the same server must have unique combinations of Bindings and RemoteIPRanges parameter values.`,
      ),
    );
  }
  return out;
}

/**
 * Exchange's ReceiveConnectorNoMappingConflictCondition: with an identical binding, any equal or
 * partially overlapping remote range conflicts; with a binding that overlaps through the
 * any-address (0.0.0.0 or ::) on the same port, a partial overlap does. A range wholly inside
 * another is allowed: the more specific connector wins.
 */
export function mappingConflict(c: ReceiveConnector, others: ReceiveConnector[]): ReceiveConnector | undefined {
  const mine = c.remoteIPRanges.map((r) => parseIPRange(r));
  for (const o of others) {
    let equal = false;
    let overlap = false;
    for (const a of c.bindings) {
      for (const b of o.bindings) {
        const r = bindingsOverlap(a, b);
        if (r.equal) equal = true;
        if (r.overlap) overlap = true;
      }
    }
    if (!overlap) continue;
    const theirs = o.remoteIPRanges.map((r) => parseIPRange(r));
    const clash = mine.some((x) => theirs.some((y) => (equal && rangesEqual(x, y)) || rangesPartiallyOverlap(x, y)));
    if (clash) return o;
  }
  return undefined;
}

/** Send connector rules (SmtpSendConnectorConfig.ValidateWrite and New-/Set-SendConnector's checks). */
export function sendConnectorViolations(c: SendConnector, others: SendConnector[]): RuleViolation[] {
  const out = nameViolations('Send connector', c.name, others);
  if (c.addressSpaces.length === 0) out.push(violation('NoAddressSpaces', 'AddressSpaces', `The Send connector '${c.name}' needs at least one address space, such as SMTP:*;1.`));
  if (!c.dnsRoutingEnabled && c.smartHosts.length === 0) {
    out.push(violation('SmartHostNotSet', 'SmartHosts', 'SmartHosts must be set when DNSRoutingEnabled is $false: a Send connector that does not use DNS routing sends through smart hosts.'));
  }
  if (c.dnsRoutingEnabled && c.smartHosts.length > 0) {
    out.push(violation('DNSRoutingEnabledMustNotBeSpecified', 'SmartHosts', "SmartHosts can't be used while DNSRoutingEnabled is $true; add -DNSRoutingEnabled $false to route through smart hosts."));
  }
  if (c.domainSecureEnabled && !c.dnsRoutingEnabled) {
    out.push(violation('DomainSecureWithoutDNSRoutingEnabled', 'DNSRoutingEnabled', "DomainSecureEnabled requires DNS routing: a Send connector that routes through smart hosts can't be domain secure. Set -DNSRoutingEnabled $true or -DomainSecureEnabled $false."));
  }
  if (c.domainSecureEnabled && c.ignoreStartTLS) {
    out.push(violation('DomainSecureWithIgnoreStartTLSEnabled', 'IgnoreSTARTTLS', "DomainSecureEnabled can't be $true while IgnoreSTARTTLS is $true: domain security needs STARTTLS."));
  }
  if (c.requireTLS && c.ignoreStartTLS) {
    out.push(violation('IgnoreRequireTLSConflict', 'IgnoreSTARTTLS', "RequireTLS and IgnoreSTARTTLS can't both be $true."));
  }
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) out.push(violation('InvalidPort', 'Port', `The port ${c.port} isn't valid; it must be between 1 and 65535.`));
  const dashdash = c.addressSpaces.some((a) => a.domain === '--');
  if (dashdash && c.addressSpaces.length > 1) out.push(violation('DashdashAddressSpaceNotUnique', 'AddressSpaces', "The address space '--' must be the connector's only address space."));
  return out;
}

export function acceptedDomainViolations(d: AcceptedDomain, others: AcceptedDomain[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!d.name.trim()) out.push(violation('InvalidAcceptedDomainName', 'Name', 'An accepted domain needs a name.'));
  else if (d.name.includes('\\')) out.push(violation('InvalidAcceptedDomainName', 'Name', `The accepted domain name '${d.name}' can't contain the character '\\'.`));
  const byName = others.find((o) => same(o.name, d.name));
  if (byName) out.push(violation('DuplicateAcceptedDomainName', 'Name', `An accepted domain named '${d.name}' already exists.`));
  const byDomain = others.find((o) => same(o.domainName, d.domainName));
  if (byDomain) out.push(violation('DuplicateDomainName', 'DomainName', `The domain '${d.domainName}' is already the accepted domain '${byDomain.name}'.`));
  return out;
}

export function staticMxViolations(r: StaticMxRecord, others: StaticMxRecord[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (others.some((o) => same(o.domain, r.domain) && same(o.host, r.host) && o.port === r.port)) {
    out.push(violation('DuplicateStaticMxRecord', 'Target', `A static MX record for ${r.domain} with target ${r.host}:${r.port} already exists.`));
  }
  if (!Number.isInteger(r.preference) || r.preference < 0 || r.preference > 65535) {
    out.push(violation('InvalidPreference', 'Preference', `The preference ${r.preference} isn't valid; it must be between 0 and 65535.`));
  }
  return out;
}

export function transportServerViolations(s: TransportServer): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!Number.isInteger(s.transientFailureRetryAttempts) || s.transientFailureRetryAttempts < 0 || s.transientFailureRetryAttempts > 15) {
    out.push(violation('ValueOutOfRange', 'TransientFailureRetryAttempts', 'TransientFailureRetryAttempts must be between 0 and 15.'));
  }
  for (const [prop, ms] of [
    ['TransientFailureRetryInterval', s.transientFailureRetryIntervalMs],
    ['OutboundConnectionFailureRetryInterval', s.outboundConnectionFailureRetryIntervalMs],
    ['MessageRetryInterval', s.messageRetryIntervalMs],
    ['MessageExpirationTimeout', s.messageExpirationTimeoutMs],
    ['DelayNotificationTimeout', s.delayNotificationTimeoutMs],
  ] as const) {
    if (ms <= 0) out.push(violation('TimeSpanOutOfRange', prop, `${prop} must be greater than 00:00:00.`));
  }
  if (s.messageExpirationTimeoutMs > 90 * 86_400_000) out.push(violation('TimeSpanOutOfRange', 'MessageExpirationTimeout', 'MessageExpirationTimeout must be at most 90.00:00:00.'));
  return out;
}

/** All the rules over a whole configuration (a document read from disk is checked with this). */
export function configViolations(cfg: {
  transportConfig: TransportConfig;
  acceptedDomains: AcceptedDomain[];
  sendConnectors: SendConnector[];
  receiveConnectors: ReceiveConnector[];
  transportServer: TransportServer;
  staticMxRecords: StaticMxRecord[];
}, serverName: string): RuleViolation[] {
  const out = [...transportConfigViolations(cfg.transportConfig), ...transportServerViolations(cfg.transportServer)];
  const before = <T>(list: T[], i: number) => list.slice(0, i);
  cfg.acceptedDomains.forEach((d, i) => out.push(...acceptedDomainViolations(d, before(cfg.acceptedDomains, i))));
  cfg.sendConnectors.forEach((c, i) => out.push(...sendConnectorViolations(c, before(cfg.sendConnectors, i))));
  cfg.receiveConnectors.forEach((c, i) => out.push(...receiveConnectorViolations(c, before(cfg.receiveConnectors, i), serverName)));
  cfg.staticMxRecords.forEach((r, i) => out.push(...staticMxViolations(r, before(cfg.staticMxRecords, i))));
  return out;
}

