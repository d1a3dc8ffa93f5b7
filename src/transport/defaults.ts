// Exchange's defaults for what the configuration does not say, so tests and the state adapter
// build snapshots the same way.
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReceiveConnectorView, SendConnectorView, TransportConfigView, TransportServerView } from './types.js';

const MB = 1024 * 1024;
const MIN = 60_000;

export function receiveConnectorDefaults(name: string, over: Partial<ReceiveConnectorView> = {}): ReceiveConnectorView {
  return {
    name,
    enabled: true,
    bindings: [{ address: '0.0.0.0', port: 25 }],
    remoteIPRanges: ['0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    authMechanism: ['Tls'],
    permissionGroups: ['AnonymousUsers', 'Partners'],
    domainSecureEnabled: false,
    requireTLS: false,
    maxMessageSize: 10 * MB,
    maxRecipientsPerMessage: 200,
    maxHeaderSize: 64 * 1024,
    maxProtocolErrors: 5,
    maxCommandLength: 2048,
    connectionTimeoutMs: 10 * MIN,
    connectionInactivityTimeoutMs: 5 * MIN,
    protocolLoggingLevel: 'None',
    ...over,
  };
}

export function sendConnectorDefaults(name: string, over: Partial<SendConnectorView> = {}): SendConnectorView {
  return {
    name,
    enabled: true,
    addressSpaces: [{ type: 'SMTP', domain: '*', cost: 1 }],
    dnsRoutingEnabled: true,
    smartHosts: [],
    port: 25,
    domainSecureEnabled: false,
    requireTLS: false,
    ignoreStartTLS: false,
    maxMessageSize: 10 * MB,
    protocolLoggingLevel: 'None',
    connectionInactivityTimeoutMs: 10 * MIN,
    ...over,
  };
}

export function transportServerDefaults(home: string, over: Partial<TransportServerView> = {}): TransportServerView {
  const host = os.hostname().split('.')[0] ?? 'EDGE';
  return {
    name: host.toUpperCase(),
    fqdn: os.hostname(),
    receiveProtocolLogPath: path.join(home, 'TransportRoles', 'Logs', 'ProtocolLog', 'SmtpReceive'),
    sendProtocolLogPath: path.join(home, 'TransportRoles', 'Logs', 'ProtocolLog', 'SmtpSend'),
    messageTrackingLogPath: path.join(home, 'TransportRoles', 'Logs', 'MessageTracking'),
    messageTrackingLogEnabled: true,
    protocolLogMaxFileSize: 10 * MB,
    messageTrackingLogMaxFileSize: 10 * MB,
    retry: {
      transientFailureRetryCount: 6,
      transientFailureRetryIntervalMs: 5 * MIN,
      outboundConnectionFailureRetryIntervalMs: 10 * MIN,
      messageExpirationTimeoutMs: 2 * 24 * 60 * MIN,
    },
    sendConnectTimeoutMs: 30_000,
    maxConcurrentMessages: 20,
    ...over,
  };
}

export function transportConfigDefaults(over: Partial<TransportConfigView> = {}): TransportConfigView {
  return {
    tlsSendDomainSecureList: [],
    tlsReceiveDomainSecureList: [],
    maxSendSize: 10 * MB,
    maxReceiveSize: 10 * MB,
    maxRecipientEnvelopeLimit: 5000,
    internalSmtpServers: [],
    ...over,
  };
}
