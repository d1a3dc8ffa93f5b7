import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';
import { serverNameOf } from '../../src/state/config.js';
import { identityParam, readConfig, transportServerObject, TYPE } from './common.js';

interface Params {
  Identity?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-TransportServer',
  synopsis: "Shows this Edge Transport server's transport settings: name, FQDN, log paths, retry timing.",
  description:
    'The name and FQDN come from the host name until Set-TransportServer sets them. The protocol logs are under ' +
    'EDGESHELL_HOME\\TransportRoles\\Logs\\ProtocolLog\\SmtpReceive and ...\\SmtpSend, message tracking under ' +
    '...\\Logs\\MessageTracking, unless set otherwise. The retry settings are the ones the transport uses.',
  outputTypes: [TYPE.transportServer],
  parameters: [identityParam('ServerIdParameter', 'The server name (this server).', { valueFromPipeline: false })],
  examples: [
    {
      title: 'Where the protocol logs are',
      code: 'Get-TransportServer | Format-List *ProtocolLogPath',
      remarks: 'Paths are under EDGESHELL_HOME unless set otherwise.',
      check: /ReceiveProtocolLogPath : .*TransportRoles.Logs.ProtocolLog.SmtpReceive\s+SendProtocolLogPath\s+: .*TransportRoles.Logs.ProtocolLog.SmtpSend/,
    },
    {
      title: 'The retry timing',
      code: 'Get-TransportServer | Format-List TransientFailureRetryInterval, MessageRetryInterval, MessageExpirationTimeout',
      remarks: "Exchange's defaults, as time spans.",
      output: '\nTransientFailureRetryInterval : 00:05:00\nMessageRetryInterval          : 00:01:00\nMessageExpirationTimeout      : 2.00:00:00\n\n',
    },
  ],
  process(ctx) {
    const cfg = readConfig(ctx);
    const id = ctx.params.Identity;
    const name = serverNameOf(cfg);
    if (id !== undefined && !wildcardMatch(name, id) && id.toLowerCase() !== name.toLowerCase()) {
      ctx.writeError(`The operation couldn't be performed because object '${id}' couldn't be found on '${name}'.`, 'ManagementObjectNotFoundException', 'ObjectNotFound', id);
      return;
    }
    ctx.write(transportServerObject(ctx.session.home, cfg.transportServer));
  },
});
