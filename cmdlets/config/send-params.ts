// The parameters New-SendConnector and Set-SendConnector share, and their mapping onto the model.
import type { CmdletContext, ParameterDecl } from '../../src/engine/cmdlet.js';
import { PROTOCOL_LOGGING_LEVELS, parseAddressSpace, parseFqdn, parseSmartHost, type SendConnectorChanges } from '../../src/state/config.js';
import { boundChanges, enumParam, multiValuedParam, timeSpanParam, unlimitedSizeParam } from './common.js';

export const sendConnectorParameters: ParameterDecl[] = [
  { name: 'AddressSpaces', ...multiValuedParam('AddressSpaces', (v) => parseAddressSpace(v)), description: "The domains the connector routes: 'SMTP:*;1', contoso.com, '*.contoso.com;5' (type SMTP, cost 1-100, default 1). A list replaces; @{Add=..; Remove=..} edits." },
  { name: 'DNSRoutingEnabled', type: 'Boolean', description: '$true (the default): the next hop comes from DNS MX (the static MX table first); $false: SmartHosts.' },
  { name: 'SmartHosts', ...multiValuedParam('SmartHosts', (v) => parseSmartHost(v)), description: 'Smart hosts (host name or [IP], optionally :port) used when DNSRoutingEnabled is $false.' },
  { name: 'Fqdn', type: 'Fqdn', convert: (v) => (v === null || v === '' ? null : parseFqdn(v, 'Fqdn')), description: "The name given in EHLO; it should match the SMTP certificate. Empty: the server's FQDN." },
  { name: 'DomainSecureEnabled', type: 'Boolean', description: 'Mutual TLS to the domains in TLSSendDomainSecureList. Needs DNS routing and STARTTLS not ignored.' },
  { name: 'RequireTLS', type: 'Boolean', description: 'Requires STARTTLS for every message sent through the connector.' },
  { name: 'IgnoreSTARTTLS', type: 'Boolean', description: 'Never uses STARTTLS (not allowed with DomainSecureEnabled or RequireTLS).' },
  { name: 'Port', type: 'Int32', validateRange: [1, 65535], description: 'The remote port (default 25).' },
  { name: 'ProtocolLoggingLevel', ...enumParam('ProtocolLoggingLevel', PROTOCOL_LOGGING_LEVELS), description: 'None (the default) or Verbose: write the SMTP conversation to the send protocol log.' },
  { name: 'MaxMessageSize', ...unlimitedSizeParam('MaxMessageSize'), description: 'The largest message sent through the connector: 10MB, "10 MB", or Unlimited.' },
  { name: 'Enabled', type: 'Boolean', description: 'Whether the connector is used.' },
  { name: 'ConnectionInactivityTimeOut', ...timeSpanParam('ConnectionInactivityTimeOut', 1000), description: 'How long an idle connection stays open (default 00:10:00).' },
  { name: 'ForceHELO', type: 'Boolean', description: 'Sends HELO instead of EHLO.' },
  { name: 'Comment', type: 'String', description: 'Free text.' },
];

export function sendConnectorChanges(ctx: CmdletContext<any>): SendConnectorChanges {
  return boundChanges<SendConnectorChanges>(ctx, {
    Name: 'name',
    AddressSpaces: 'addressSpaces',
    DNSRoutingEnabled: 'dnsRoutingEnabled',
    SmartHosts: 'smartHosts',
    Fqdn: 'fqdn',
    DomainSecureEnabled: 'domainSecureEnabled',
    RequireTLS: 'requireTLS',
    IgnoreSTARTTLS: 'ignoreStartTLS',
    Port: 'port',
    ProtocolLoggingLevel: 'protocolLoggingLevel',
    MaxMessageSize: 'maxMessageSize',
    Enabled: 'enabled',
    ConnectionInactivityTimeOut: 'connectionInactivityTimeoutMs',
    ForceHELO: 'forceHELO',
    Comment: 'comment',
  });
}
