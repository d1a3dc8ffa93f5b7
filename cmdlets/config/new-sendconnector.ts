import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { SEND_USAGES, newSendConnector, type NewSendConnectorSpec, type SendConnectorUsage } from '../../src/state/config.js';
import { applyChange, enumParam, sendConnectorObject, TYPE } from './common.js';
import { sendConnectorChanges, sendConnectorParameters } from './send-params.js';

interface Params {
  Name: string;
  Usage?: SendConnectorUsage;
  Custom?: boolean;
  Internal?: boolean;
  Internet?: boolean;
  Partner?: boolean;
  [k: string]: unknown;
}

const USAGE_SWITCHES = ['Custom', 'Internal', 'Internet', 'Partner'] as const;

export default defineCmdlet<Params>({
  name: 'New-SendConnector',
  synopsis: 'Creates a Send connector: where and how mail for some domains leaves this server.',
  description:
    'AddressSpaces is required. With DNSRoutingEnabled (the default) the next hop is the domain\'s MX (the static ' +
    'MX table is consulted first); otherwise SmartHosts must be given. -Usage Partner turns on DomainSecureEnabled; ' +
    "-Usage Internal lifts the size limit. Exchange 2007's -Custom/-Internal/-Internet/-Partner switches work too. " +
    'Rules: cost 1-100; SmartHosts only without DNS routing; DomainSecureEnabled needs DNS routing and STARTTLS.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [TYPE.sendConnector],
  parameters: [
    { name: 'Name', type: 'String', position: 0, mandatory: true, description: 'A unique name, such as Internet.' },
    { name: 'Usage', ...enumParam('UsageType', SEND_USAGES), description: 'Custom, Internal, Internet or Partner: presets Exchange applies.' },
    ...USAGE_SWITCHES.map((u) => ({ name: u, type: 'SwitchParameter', description: `Same as -Usage ${u} (Exchange 2007 syntax).` })),
    ...sendConnectorParameters.map((p) => (p.name === 'AddressSpaces' ? { ...p, mandatory: true } : p)),
  ],
  examples: [
    {
      title: 'A connector that sends Internet mail by DNS',
      code: "New-SendConnector -Name Internet -Usage Internet -AddressSpaces 'SMTP:*;1' -Fqdn mail.contoso.com",
      remarks: 'The default table shows Identity, AddressSpaces and Enabled.',
      output: '\nIdentity AddressSpaces Enabled\n-------- ------------- -------\nInternet {SMTP:*;1}    True\n\n',
    },
    {
      title: 'A smart-host connector cannot be domain secure',
      code: "New-SendConnector -Name Relay -AddressSpaces contoso.com -DNSRoutingEnabled $false -SmartHosts relay.contoso.com -DomainSecureEnabled $true -ErrorAction SilentlyContinue\n$Error[0].Exception.Message",
      remarks: 'The rule broken is named; nothing is saved.',
      check: /DomainSecureEnabled requires DNS routing/,
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const switches = USAGE_SWITCHES.filter((u) => p[u]);
    if (switches.length + (ctx.bound.has('Usage') ? 1 : 0) > 1) {
      ctx.writeError(new ErrorRecord('Specify only one usage type: -Usage, -Custom, -Internal, -Internet or -Partner.', `NewSendConnectorIncorrectUsageParameters,${ctx.commandName}`, 'InvalidArgument'));
      return;
    }
    const usage = p.Usage ?? switches[0];
    const spec: NewSendConnectorSpec = { ...sendConnectorChanges(ctx), name: p.Name, addressSpaces: p.AddressSpaces as NewSendConnectorSpec['addressSpaces'], usage };
    const c = await applyChange(ctx, { target: p.Name, action: 'Creating Send connector' }, (cfg) => newSendConnector(cfg, spec));
    if (c) ctx.write(sendConnectorObject(c));
  },
});
