// The parameters New-ReceiveConnector and Set-ReceiveConnector share, and their mapping onto the model.
import type { CmdletContext, ParameterDecl } from '../../src/engine/cmdlet.js';
import {
  AUTH_MECHANISMS,
  PERMISSION_GROUPS,
  PROTOCOL_LOGGING_LEVELS,
  parseBanner,
  parseBinding,
  parseCount,
  parseFqdn,
  parseIPRange,
  type ReceiveConnectorChanges,
} from '../../src/state/config.js';
import { boundChanges, byteSizeParam, enumParam, flagsParam, multiValuedParam, timeSpanParam, unlimitedCountParam } from './common.js';

export const receiveConnectorParameters: ParameterDecl[] = [
  { name: 'Bindings', ...multiValuedParam('Bindings', (v) => parseBinding(v)), description: 'Where the connector listens: address:port, such as 0.0.0.0:25 or 127.0.0.1:2525. A list replaces; @{Add=..; Remove=..} edits.' },
  { name: 'RemoteIPRanges', ...multiValuedParam('RemoteIPRanges', (v) => parseIPRange(v).text), description: 'The remote addresses the connector serves: 192.168.1.10, 192.168.1.0/24, 10.0.0.1-10.0.0.9.' },
  { name: 'AuthMechanism', ...flagsParam('AuthMechanisms', AUTH_MECHANISMS), description: 'None, Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer, ExternalAuthoritative (comma-separated). None stands alone; ExternalAuthoritative goes only with Tls and the ExchangeServers permission group.' },
  { name: 'PermissionGroups', ...flagsParam('PermissionGroups', PERMISSION_GROUPS), description: 'None, AnonymousUsers, ExchangeUsers, ExchangeServers, Partners (comma-separated).' },
  { name: 'DomainSecureEnabled', type: 'Boolean', description: 'Mutual TLS for the domains in TLSReceiveDomainSecureList; needs Tls in AuthMechanism and not ExternalAuthoritative.' },
  { name: 'RequireTLS', type: 'Boolean', description: 'Requires STARTTLS before mail is accepted; needs Tls in AuthMechanism.' },
  { name: 'Fqdn', type: 'Fqdn', convert: (v) => (v === null || v === '' ? null : parseFqdn(v, 'Fqdn')), description: "The name in the banner and EHLO reply; also selects the SMTP certificate. Default: the server's FQDN." },
  { name: 'Banner', type: 'String', convert: (v) => parseBanner(v), description: "The greeting line; it must start with 220, e.g. '220 mail.contoso.com Ready'. $null restores the default." },
  { name: 'MaxMessageSize', ...byteSizeParam('MaxMessageSize'), description: 'The largest message accepted (default 10MB).' },
  { name: 'MaxRecipientsPerMessage', type: 'Int32', convert: (v) => parseCount(v, 'MaxRecipientsPerMessage', false, 1), description: 'The most recipients per message (default 200).' },
  { name: 'MaxHeaderSize', ...byteSizeParam('MaxHeaderSize'), description: 'The largest message header accepted (default 64KB).' },
  { name: 'MaxProtocolErrors', ...unlimitedCountParam('MaxProtocolErrors'), description: 'Protocol errors before the connection is closed (default 5), or Unlimited.' },
  { name: 'MaxInboundConnection', ...unlimitedCountParam('MaxInboundConnection', 1), description: 'Concurrent inbound connections (default 5000), or Unlimited.' },
  { name: 'MaxInboundConnectionPerSource', ...unlimitedCountParam('MaxInboundConnectionPerSource', 1), description: 'Concurrent connections from one address (default 20), or Unlimited.' },
  { name: 'MessageRateLimit', ...unlimitedCountParam('MessageRateLimit', 1), description: 'Messages per minute from one address (default 600 on an Edge server), or Unlimited.' },
  { name: 'ConnectionTimeout', ...timeSpanParam('ConnectionTimeout', 1000), description: 'The longest a connection may stay open (default 00:05:00 on an Edge server).' },
  { name: 'ConnectionInactivityTimeout', ...timeSpanParam('ConnectionInactivityTimeout', 1000), description: 'The longest a connection may stay idle (default 00:01:00 on an Edge server).' },
  { name: 'TarpitInterval', ...timeSpanParam('TarpitInterval', 0, 600_000), description: 'The delay added to replies to suspicious SMTP commands (default 00:00:05).' },
  { name: 'ProtocolLoggingLevel', ...enumParam('ProtocolLoggingLevel', PROTOCOL_LOGGING_LEVELS), description: 'None (the default) or Verbose: write the SMTP conversation to the receive protocol log.' },
  { name: 'Enabled', type: 'Boolean', description: 'Whether the connector listens.' },
  { name: 'Comment', type: 'String', description: 'Free text.' },
];

export function receiveConnectorChanges(ctx: CmdletContext<any>): ReceiveConnectorChanges {
  return boundChanges<ReceiveConnectorChanges>(ctx, {
    Name: 'name',
    Bindings: 'bindings',
    RemoteIPRanges: 'remoteIPRanges',
    AuthMechanism: 'authMechanism',
    PermissionGroups: 'permissionGroups',
    DomainSecureEnabled: 'domainSecureEnabled',
    RequireTLS: 'requireTLS',
    Fqdn: 'fqdn',
    Banner: 'banner',
    MaxMessageSize: 'maxMessageSize',
    MaxRecipientsPerMessage: 'maxRecipientsPerMessage',
    MaxHeaderSize: 'maxHeaderSize',
    MaxProtocolErrors: 'maxProtocolErrors',
    MaxInboundConnection: 'maxInboundConnection',
    MaxInboundConnectionPerSource: 'maxInboundConnectionPerSource',
    MessageRateLimit: 'messageRateLimit',
    ConnectionTimeout: 'connectionTimeoutMs',
    ConnectionInactivityTimeout: 'connectionInactivityTimeoutMs',
    TarpitInterval: 'tarpitIntervalMs',
    ProtocolLoggingLevel: 'protocolLoggingLevel',
    Enabled: 'enabled',
    Comment: 'comment',
  });
}
