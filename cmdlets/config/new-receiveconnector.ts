import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { RECEIVE_USAGES, newReceiveConnector, serverNameOf, type ReceiveConnectorUsage } from '../../src/state/config.js';
import { applyChange, enumParam, receiveConnectorObject, TYPE } from './common.js';
import { receiveConnectorChanges, receiveConnectorParameters } from './receive-params.js';

interface Params {
  Name: string;
  Usage?: ReceiveConnectorUsage;
  [k: string]: unknown;
}

const USAGE_SWITCHES = ['Custom', 'Internet', 'Internal', 'Client', 'Partner'] as const;

export default defineCmdlet<Params>({
  name: 'New-ReceiveConnector',
  synopsis: 'Creates a Receive connector: an SMTP endpoint (bindings) for a set of remote addresses.',
  description:
    '-Usage sets Exchange\'s presets: Internet (AnonymousUsers, Tls; -Bindings required), Internal (ExchangeServers, ' +
    'Tls+ExchangeServer; -RemoteIPRanges required), Client (ExchangeUsers, port 587), Partner (Partners, Tls, ' +
    'DomainSecureEnabled), Custom (no permission groups; both -Bindings and -RemoteIPRanges required, as without ' +
    "-Usage). Exchange 2007's -Internet/-Internal/-Client/-Partner/-Custom switches work too. RemoteIPRanges " +
    'defaults to every IPv4 address. Two connectors may not share a binding with overlapping remote ranges.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [TYPE.receiveConnector],
  parameters: [
    { name: 'Name', type: 'String', position: 0, mandatory: true, description: 'A name unique on this server, such as Inet.' },
    { name: 'Usage', ...enumParam('UsageType', RECEIVE_USAGES), description: 'Custom, Internet, Internal, Client or Partner: presets Exchange applies.' },
    ...USAGE_SWITCHES.map((u) => ({ name: u, type: 'SwitchParameter', description: `Same as -Usage ${u} (Exchange 2007 syntax).` })),
    ...receiveConnectorParameters,
  ],
  examples: [
    {
      title: "The seed's Internet receive connector, on a lab port",
      code: 'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525',
      remarks: 'The default table shows Identity, Bindings and Enabled.',
      setup: 'Set-TransportServer -Name EDGE -Fqdn edge.contoso.com',
      output: '\nIdentity  Bindings         Enabled\n--------  --------         -------\nEDGE\\Inet {127.0.0.1:2525} True\n\n',
    },
    {
      title: 'A binding already used for the same remote addresses is refused',
      code: 'New-ReceiveConnector -Name Second -Bindings 0.0.0.0:25 -RemoteIPRanges 0.0.0.0-255.255.255.255 -ErrorAction SilentlyContinue\n$Error[0].Exception.Message',
      remarks: 'The default receive connector already listens on 0.0.0.0:25 for every address.',
      setup: 'Set-TransportServer -Name EDGE',
      check: /conflict with the settings on Receive connector "EDGE\\Default internal receive connector EDGE"/,
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const switches = USAGE_SWITCHES.filter((u) => p[u]);
    if (switches.length + (ctx.bound.has('Usage') ? 1 : 0) > 1) {
      ctx.writeError(new ErrorRecord('Specify only one usage type: -Usage, -Custom, -Internet, -Internal, -Client or -Partner.', `NewReceiveConnectorIncorrectUsageParameters,${ctx.commandName}`, 'InvalidArgument'));
      return;
    }
    const spec = { ...receiveConnectorChanges(ctx), name: p.Name, usage: p.Usage ?? switches[0] };
    const c = await applyChange(ctx, { target: (cfg) => `${serverNameOf(cfg)}\\${p.Name}`, action: 'Creating Receive connector' }, (cfg) => {
      const created = newReceiveConnector(cfg, spec);
      return { cfg, created };
    });
    if (c) ctx.write(receiveConnectorObject(c.cfg, c.created, ctx.session.home));
  },
});
