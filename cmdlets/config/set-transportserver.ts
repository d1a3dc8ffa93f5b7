import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ConfigObjectNotFoundError, parseFqdn, serverNameOf, setTransportServer, type TransportServerChanges } from '../../src/state/config.js';
import { applyChange, boundChanges, identityParam, timeSpanParam, unlimitedCountParam, unlimitedSizeParam } from './common.js';

interface Params {
  Identity?: string;
  [k: string]: unknown;
}

const DAY = 86_400_000;

export default defineCmdlet<Params>({
  name: 'Set-TransportServer',
  synopsis: "Changes this server's transport settings: log paths and limits, retry timing, and (edgeshell) its name and FQDN.",
  description:
    'TimeSpan values are written as [d.]hh:mm:ss (-MessageRetryInterval 00:00:05). -Name and -Fqdn are edgeshell ' +
    'additions (Exchange takes them from the machine): renaming the server also renames its ' +
    '"Default internal receive connector <NAME>". Paths are resolved against the current location; $null restores ' +
    'the default under EDGESHELL_HOME.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    identityParam('ServerIdParameter', 'The server name (this server); optional.', { valueFromPipeline: false }),
    { name: 'Name', type: 'String', description: 'The server name shown in identities (EDGE), default the host name.' },
    { name: 'Fqdn', type: 'Fqdn', convert: (v) => (v === null || v === '' ? null : parseFqdn(v, 'Fqdn')), description: 'The FQDN used in banners and EHLO, default the host name.' },
    { name: 'ReceiveProtocolLogPath', type: 'LocalLongFullPath', description: 'Directory of the receive protocol logs.' },
    { name: 'SendProtocolLogPath', type: 'LocalLongFullPath', description: 'Directory of the send protocol logs.' },
    { name: 'MessageTrackingLogPath', type: 'LocalLongFullPath', description: 'Directory of the message tracking logs.' },
    { name: 'MessageTrackingLogEnabled', type: 'Boolean', description: 'Whether message tracking is written.' },
    { name: 'MessageTrackingLogSubjectLoggingEnabled', type: 'Boolean', description: 'Whether subjects are written to message tracking.' },
    { name: 'MessageTrackingLogMaxAge', ...timeSpanParam('MessageTrackingLogMaxAge', 0), description: 'Age after which tracking logs are deleted (default 30.00:00:00).' },
    { name: 'MessageTrackingLogMaxDirectorySize', ...unlimitedSizeParam('MessageTrackingLogMaxDirectorySize'), description: 'Size limit of the tracking log directory (default 250MB).' },
    { name: 'MessageTrackingLogMaxFileSize', ...unlimitedSizeParam('MessageTrackingLogMaxFileSize'), description: 'Size at which a tracking log file rolls over (default 10MB).' },
    { name: 'ReceiveProtocolLogMaxAge', ...timeSpanParam('ReceiveProtocolLogMaxAge', 0), description: 'Age after which receive protocol logs are deleted (default 30.00:00:00).' },
    { name: 'ReceiveProtocolLogMaxDirectorySize', ...unlimitedSizeParam('ReceiveProtocolLogMaxDirectorySize'), description: 'Size limit of the receive protocol log directory (default 250MB).' },
    { name: 'ReceiveProtocolLogMaxFileSize', ...unlimitedSizeParam('ReceiveProtocolLogMaxFileSize'), description: 'Size at which a receive protocol log rolls over (default 10MB).' },
    { name: 'SendProtocolLogMaxAge', ...timeSpanParam('SendProtocolLogMaxAge', 0), description: 'Age after which send protocol logs are deleted (default 30.00:00:00).' },
    { name: 'SendProtocolLogMaxDirectorySize', ...unlimitedSizeParam('SendProtocolLogMaxDirectorySize'), description: 'Size limit of the send protocol log directory (default 250MB).' },
    { name: 'SendProtocolLogMaxFileSize', ...unlimitedSizeParam('SendProtocolLogMaxFileSize'), description: 'Size at which a send protocol log rolls over (default 10MB).' },
    { name: 'TransientFailureRetryAttempts', type: 'Int32', validateRange: [0, 15], description: 'Quick retries after a connection failure before the queue goes to Retry (default 6).' },
    { name: 'TransientFailureRetryInterval', ...timeSpanParam('TransientFailureRetryInterval', 1000, 12 * 3_600_000), description: 'Interval between those quick retries (default 00:05:00).' },
    { name: 'OutboundConnectionFailureRetryInterval', ...timeSpanParam('OutboundConnectionFailureRetryInterval', 1000, 20 * DAY), description: 'Interval between retries after the quick ones (default 00:10:00).' },
    { name: 'MessageRetryInterval', ...timeSpanParam('MessageRetryInterval', 1000, DAY), description: 'Interval before an individual message is retried (default 00:01:00).' },
    { name: 'MessageExpirationTimeout', ...timeSpanParam('MessageExpirationTimeout', 5000, 90 * DAY), description: 'How long a message is retried before it expires into a non-delivery report (default 2.00:00:00).' },
    { name: 'DelayNotificationTimeout', ...timeSpanParam('DelayNotificationTimeout', 1000, 30 * DAY), description: 'Delay before a delay DSN is sent (default 04:00:00).' },
    { name: 'MaxOutboundConnections', ...unlimitedCountParam('MaxOutboundConnections', 1), description: 'Concurrent outbound connections (default 1000), or Unlimited.' },
    { name: 'MaxPerDomainOutboundConnections', ...unlimitedCountParam('MaxPerDomainOutboundConnections', 1), description: 'Concurrent outbound connections per domain (default 20), or Unlimited.' },
  ],
  examples: [
    {
      title: 'Name the lab server',
      code: 'Set-TransportServer -Name EDGE -Fqdn edge.contoso.com\nGet-TransportServer | Format-List Name, Fqdn',
      remarks: 'Identities of receive connectors become EDGE\\<name>.',
      output: '\nName : EDGE\nFqdn : edge.contoso.com\n\n',
    },
    {
      title: 'Retry quickly in a lab',
      code: 'Set-TransportServer -MessageRetryInterval 00:00:05 -TransientFailureRetryInterval 00:00:05\n(Get-TransportServer).MessageRetryInterval.TotalSeconds',
      remarks: 'Time spans use the [d.]hh:mm:ss form.',
      output: '5\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const changes = boundChanges<TransportServerChanges>(ctx, {
      Name: 'name',
      Fqdn: 'fqdn',
      MessageTrackingLogEnabled: 'messageTrackingLogEnabled',
      MessageTrackingLogSubjectLoggingEnabled: 'messageTrackingLogSubjectLoggingEnabled',
      MessageTrackingLogMaxAge: 'messageTrackingLogMaxAgeMs',
      MessageTrackingLogMaxDirectorySize: 'messageTrackingLogMaxDirectorySize',
      MessageTrackingLogMaxFileSize: 'messageTrackingLogMaxFileSize',
      ReceiveProtocolLogMaxAge: 'receiveProtocolLogMaxAgeMs',
      ReceiveProtocolLogMaxDirectorySize: 'receiveProtocolLogMaxDirectorySize',
      ReceiveProtocolLogMaxFileSize: 'receiveProtocolLogMaxFileSize',
      SendProtocolLogMaxAge: 'sendProtocolLogMaxAgeMs',
      SendProtocolLogMaxDirectorySize: 'sendProtocolLogMaxDirectorySize',
      SendProtocolLogMaxFileSize: 'sendProtocolLogMaxFileSize',
      TransientFailureRetryAttempts: 'transientFailureRetryAttempts',
      TransientFailureRetryInterval: 'transientFailureRetryIntervalMs',
      OutboundConnectionFailureRetryInterval: 'outboundConnectionFailureRetryIntervalMs',
      MessageRetryInterval: 'messageRetryIntervalMs',
      MessageExpirationTimeout: 'messageExpirationTimeoutMs',
      DelayNotificationTimeout: 'delayNotificationTimeoutMs',
      MaxOutboundConnections: 'maxOutboundConnections',
      MaxPerDomainOutboundConnections: 'maxPerDomainOutboundConnections',
    });
    if (ctx.bound.has('Name') && (p.Name === null || p.Name === '')) changes.name = null;
    for (const [param, field] of [
      ['ReceiveProtocolLogPath', 'receiveProtocolLogPath'],
      ['SendProtocolLogPath', 'sendProtocolLogPath'],
      ['MessageTrackingLogPath', 'messageTrackingLogPath'],
    ] as const) {
      if (!ctx.bound.has(param)) continue;
      const v = p[param];
      changes[field] = v === null || v === '' ? null : ctx.session.resolvePath(String(v));
    }
    const id = p.Identity;
    await applyChange(
      ctx,
      {
        target: (cfg) => {
          const name = serverNameOf(cfg);
          if (id !== undefined && id.toLowerCase() !== name.toLowerCase()) throw new ConfigObjectNotFoundError(`The operation couldn't be performed because object '${id}' couldn't be found on '${name}'.`, id);
          return name;
        },
        action: 'Setting Transport server',
      },
      (cfg) => setTransportServer(cfg, changes),
    );
  },
});
