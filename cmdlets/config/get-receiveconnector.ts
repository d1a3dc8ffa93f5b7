import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardMatch } from '../../src/engine/wildcard.js';
import { splitServerIdentity } from '../../src/state/config.js';
import { identityParam, readConfig, receiveConnectorObject, serverNameOf, TYPE } from './common.js';

interface Params {
  Identity?: string;
  Server?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-ReceiveConnector',
  synopsis: "Lists this server's Receive connectors, or the one named.",
  description: 'The identity is the connector name or SERVER\\Name; wildcards are allowed. `| Format-List` shows every property.',
  outputTypes: [TYPE.receiveConnector],
  parameters: [
    identityParam('ReceiveConnectorIdParameter', 'The name (or SERVER\\Name) of a Receive connector; wildcards allowed.'),
    { name: 'Server', type: 'ServerIdParameter', description: "The server whose connectors to list (only this server's)." },
  ],
  examples: [
    {
      title: "An Edge server's receive connector out of the box",
      code: 'Get-ReceiveConnector',
      remarks: 'Set-TransportServer -Name EDGE named the server; the connector is named after it.',
      setup: 'Set-TransportServer -Name EDGE',
      output: '\nIdentity                                     Bindings     Enabled\n--------                                     --------     -------\nEDGE\\Default internal receive connector EDGE {0.0.0.0:25} True\n\n',
    },
    {
      title: 'Check domain security on the Inet connector',
      code: 'Get-ReceiveConnector Inet | Format-List AuthMechanism, DomainSecureEnabled, ProtocolLoggingLevel',
      remarks: "After the seed's two Set-ReceiveConnector commands.",
      setup: 'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525 | Out-Null\nSet-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS\nSet-ReceiveConnector Inet -ProtocolLoggingLevel Verbose',
      output: '\nAuthMechanism        : Tls\nDomainSecureEnabled  : True\nProtocolLoggingLevel : Verbose\n\n',
    },
  ],
  process(ctx) {
    const cfg = readConfig(ctx);
    const server = serverNameOf(cfg);
    const p = ctx.params;
    if (p.Server !== undefined && !wildcardMatch(server, p.Server) && p.Server.toLowerCase() !== server.toLowerCase()) {
      ctx.writeError(`The operation couldn't be performed because object '${p.Server}' couldn't be found on '${server}'.`, 'ManagementObjectNotFoundException', 'ObjectNotFound', p.Server);
      return;
    }
    let found = cfg.receiveConnectors;
    if (p.Identity !== undefined) {
      const id = splitServerIdentity(p.Identity);
      const serverOk = id.server === undefined || wildcardMatch(server, id.server);
      found = serverOk ? found.filter((c) => wildcardMatch(c.name, id.name)) : [];
      if (!hasWildcard(p.Identity) && found.length === 0) {
        ctx.writeError(`The operation couldn't be performed because object '${p.Identity}' couldn't be found on '${server}'.`, 'ManagementObjectNotFoundException', 'ObjectNotFound', p.Identity);
        return;
      }
    }
    for (const c of found) ctx.write(receiveConnectorObject(cfg, c, ctx.session.home));
  },
});
