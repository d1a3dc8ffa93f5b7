// The organization configuration an Edge Transport server holds, as plain data, with Exchange's
// first-run defaults. Persisted by config.ts; validated by config-rules.ts.
import * as os from 'node:os';
import * as path from 'node:path';
import {
  isSmtpDomain,
  type AcceptedDomainType,
  type AddressSpace,
  type AuthMechanism,
  type IPBinding,
  type PermissionGroup,
  type ProtocolLoggingLevel,
  type SendConnectorUsage,
  type Unlimited,
} from './config-values.js';

const KB = 1024;
const MB = 1024 * 1024;
const MIN = 60_000;
const DAY = 86_400_000;

/** Set-TransportConfig: the organization-wide transport settings ("Transport Settings"). */
export interface TransportConfig {
  /** Domains mail is sent to only over mutually authenticated TLS. */
  tlsSendDomainSecureList: string[];
  /** Domains mail is accepted from only over mutually authenticated TLS. */
  tlsReceiveDomainSecureList: string[];
  /** Bytes, or Unlimited. */
  maxSendSize: Unlimited;
  maxReceiveSize: Unlimited;
  maxRecipientEnvelopeLimit: Unlimited;
  /** IP addresses (or ranges) of internal SMTP servers, as normalized IPRange text. */
  internalSmtpServers: string[];
  clearCategories: boolean;
}

export interface AcceptedDomain {
  name: string;
  /** `contoso.com` or `*.contoso.com`. */
  domainName: string;
  domainType: AcceptedDomainType;
  default: boolean;
  addressBookEnabled: boolean;
}

export interface SendConnector {
  name: string;
  addressSpaces: AddressSpace[];
  /** true: next hop from DNS MX (or the static MX table); false: SmartHosts. */
  dnsRoutingEnabled: boolean;
  /** `host`, `[ip]`, optionally `:port`. */
  smartHosts: string[];
  port: number;
  /** EHLO name; null: the server's FQDN. */
  fqdn: string | null;
  domainSecureEnabled: boolean;
  requireTLS: boolean;
  ignoreStartTLS: boolean;
  enabled: boolean;
  maxMessageSize: Unlimited;
  protocolLoggingLevel: ProtocolLoggingLevel;
  connectionInactivityTimeoutMs: number;
  forceHELO: boolean;
  /** The -Usage it was created with (not shown by Exchange; the transport keeps org headers for Internal). */
  usage: SendConnectorUsage | null;
  comment: string;
}

export interface ReceiveConnector {
  name: string;
  bindings: IPBinding[];
  /** Normalized IPRange text. */
  remoteIPRanges: string[];
  authMechanism: AuthMechanism[];
  permissionGroups: PermissionGroup[];
  domainSecureEnabled: boolean;
  requireTLS: boolean;
  /** Banner/EHLO name and certificate selector; null: the server's FQDN. */
  fqdn: string | null;
  /** Whole 220 line; null: the default greeting. */
  banner: string | null;
  maxMessageSize: number;
  maxRecipientsPerMessage: number;
  maxHeaderSize: number;
  maxProtocolErrors: Unlimited;
  maxInboundConnection: Unlimited;
  maxInboundConnectionPerSource: Unlimited;
  messageRateLimit: Unlimited;
  connectionTimeoutMs: number;
  connectionInactivityTimeoutMs: number;
  tarpitIntervalMs: number;
  protocolLoggingLevel: ProtocolLoggingLevel;
  enabled: boolean;
  comment: string;
}

/** Get-/Set-TransportServer as stored: null means "derived" (from the host name or EDGESHELL_HOME). */
export interface TransportServer {
  name: string | null;
  fqdn: string | null;
  receiveProtocolLogPath: string | null;
  sendProtocolLogPath: string | null;
  messageTrackingLogPath: string | null;
  messageTrackingLogEnabled: boolean;
  messageTrackingLogSubjectLoggingEnabled: boolean;
  messageTrackingLogMaxAgeMs: number;
  messageTrackingLogMaxDirectorySize: Unlimited;
  messageTrackingLogMaxFileSize: Unlimited;
  receiveProtocolLogMaxAgeMs: number;
  receiveProtocolLogMaxDirectorySize: Unlimited;
  receiveProtocolLogMaxFileSize: Unlimited;
  sendProtocolLogMaxAgeMs: number;
  sendProtocolLogMaxDirectorySize: Unlimited;
  sendProtocolLogMaxFileSize: Unlimited;
  transientFailureRetryAttempts: number;
  transientFailureRetryIntervalMs: number;
  outboundConnectionFailureRetryIntervalMs: number;
  messageRetryIntervalMs: number;
  messageExpirationTimeoutMs: number;
  delayNotificationTimeoutMs: number;
  maxOutboundConnections: Unlimited;
  maxPerDomainOutboundConnections: Unlimited;
}

/** The server with every derived value filled in. */
export interface ResolvedTransportServer extends Omit<TransportServer, 'name' | 'fqdn' | 'receiveProtocolLogPath' | 'sendProtocolLogPath' | 'messageTrackingLogPath'> {
  name: string;
  fqdn: string;
  receiveProtocolLogPath: string;
  sendProtocolLogPath: string;
  messageTrackingLogPath: string;
}

/** The lab routing table: consulted before DNS for the domain's MX. */
export interface StaticMxRecord {
  domain: string;
  /** The MX host name as DNS would give it (defaults to the target host). */
  name: string;
  host: string;
  port: number;
  /** Lower is tried first, as MX preference. */
  preference: number;
}

export interface OrganizationConfig {
  transportConfig: TransportConfig;
  acceptedDomains: AcceptedDomain[];
  sendConnectors: SendConnector[];
  receiveConnectors: ReceiveConnector[];
  transportServer: TransportServer;
  staticMxRecords: StaticMxRecord[];
}

// ---------------------------------------------------------------- defaults

export function defaultTransportConfig(): TransportConfig {
  return {
    tlsSendDomainSecureList: [],
    tlsReceiveDomainSecureList: [],
    maxSendSize: 10 * MB,
    maxReceiveSize: 10 * MB,
    maxRecipientEnvelopeLimit: 5000,
    internalSmtpServers: [],
    clearCategories: true,
  };
}

export function defaultTransportServer(): TransportServer {
  return {
    name: null,
    fqdn: null,
    receiveProtocolLogPath: null,
    sendProtocolLogPath: null,
    messageTrackingLogPath: null,
    messageTrackingLogEnabled: true,
    messageTrackingLogSubjectLoggingEnabled: true,
    messageTrackingLogMaxAgeMs: 30 * DAY,
    messageTrackingLogMaxDirectorySize: 250 * MB,
    messageTrackingLogMaxFileSize: 10 * MB,
    receiveProtocolLogMaxAgeMs: 30 * DAY,
    receiveProtocolLogMaxDirectorySize: 250 * MB,
    receiveProtocolLogMaxFileSize: 10 * MB,
    sendProtocolLogMaxAgeMs: 30 * DAY,
    sendProtocolLogMaxDirectorySize: 250 * MB,
    sendProtocolLogMaxFileSize: 10 * MB,
    transientFailureRetryAttempts: 6,
    transientFailureRetryIntervalMs: 5 * MIN,
    outboundConnectionFailureRetryIntervalMs: 10 * MIN,
    messageRetryIntervalMs: 1 * MIN,
    messageExpirationTimeoutMs: 2 * DAY,
    delayNotificationTimeoutMs: 4 * 60 * MIN,
    maxOutboundConnections: 1000,
    maxPerDomainOutboundConnections: 20,
  };
}

/** Every receive connector setting at Exchange's Edge defaults (New-ReceiveConnector without -Usage). */
export function receiveConnectorDefaults(name: string): ReceiveConnector {
  return {
    name,
    bindings: [{ address: '0.0.0.0', port: 25 }],
    remoteIPRanges: ['0.0.0.0-255.255.255.255'],
    authMechanism: ['Tls', 'ExchangeServer'],
    permissionGroups: ['AnonymousUsers', 'ExchangeServers', 'Partners'],
    domainSecureEnabled: false,
    requireTLS: false,
    fqdn: null,
    banner: null,
    maxMessageSize: 10 * MB,
    maxRecipientsPerMessage: 200,
    maxHeaderSize: 64 * KB,
    maxProtocolErrors: 5,
    maxInboundConnection: 5000,
    maxInboundConnectionPerSource: 20,
    messageRateLimit: 600,
    // an Edge server's shorter timeouts (NewReceiveConnector.InitializeDefaults)
    connectionTimeoutMs: 5 * MIN,
    connectionInactivityTimeoutMs: 1 * MIN,
    tarpitIntervalMs: 5000,
    protocolLoggingLevel: 'None',
    enabled: true,
    comment: '',
  };
}

export function sendConnectorDefaults(name: string): SendConnector {
  return {
    name,
    addressSpaces: [],
    dnsRoutingEnabled: true,
    smartHosts: [],
    port: 25,
    fqdn: null,
    domainSecureEnabled: false,
    requireTLS: false,
    ignoreStartTLS: false,
    enabled: true,
    maxMessageSize: 10 * MB,
    protocolLoggingLevel: 'None',
    connectionInactivityTimeoutMs: 10 * MIN,
    forceHELO: false,
    usage: null,
    comment: '',
  };
}

export const DEFAULT_RECEIVE_CONNECTOR_PREFIX = 'Default internal receive connector ';

/** The name Exchange setup gives an Edge server's receive connector. */
export function defaultReceiveConnectorName(serverName: string): string {
  return DEFAULT_RECEIVE_CONNECTOR_PREFIX + serverName;
}

/**
 * An Edge Transport server out of the box: organization defaults, no accepted domains, no send
 * connectors (an unsubscribed Edge has none), and one receive connector,
 * `Default internal receive connector <SERVER>` on 0.0.0.0:25 for every remote address.
 */
export function defaultConfig(serverName = hostServerName()): OrganizationConfig {
  return {
    transportConfig: defaultTransportConfig(),
    acceptedDomains: [],
    sendConnectors: [],
    receiveConnectors: [receiveConnectorDefaults(defaultReceiveConnectorName(serverName))],
    transportServer: defaultTransportServer(),
    staticMxRecords: [],
  };
}

/** The host name's first label, upper-cased as Exchange shows server names (EDGE when unusable). */
export function hostServerName(): string {
  const first = (os.hostname().split('.')[0] ?? '').trim();
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(first) ? first.toUpperCase() : 'EDGE';
}

export function hostFqdn(): string {
  const h = os.hostname().trim().toLowerCase();
  return isSmtpDomain(h) ? h : hostServerName().toLowerCase();
}

/** Log directories under EDGESHELL_HOME, laid out as Exchange's TransportRoles\Logs. */
export function defaultLogPaths(home: string): { receive: string; send: string; tracking: string } {
  const logs = path.join(home, 'TransportRoles', 'Logs');
  return {
    receive: path.join(logs, 'ProtocolLog', 'SmtpReceive'),
    send: path.join(logs, 'ProtocolLog', 'SmtpSend'),
    tracking: path.join(logs, 'MessageTracking'),
  };
}

/** The server with its derived values (name and FQDN from the host, log paths under home). */
export function resolveTransportServer(home: string, s: TransportServer): ResolvedTransportServer {
  const logs = defaultLogPaths(home);
  return {
    ...s,
    name: s.name ?? hostServerName(),
    fqdn: s.fqdn ?? hostFqdn(),
    receiveProtocolLogPath: s.receiveProtocolLogPath ?? logs.receive,
    sendProtocolLogPath: s.sendProtocolLogPath ?? logs.send,
    messageTrackingLogPath: s.messageTrackingLogPath ?? logs.tracking,
  };
}
