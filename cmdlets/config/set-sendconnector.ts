import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { findSendConnector, setSendConnector } from '../../src/state/config.js';
import { applyChange, identityParam } from './common.js';
import { sendConnectorChanges, sendConnectorParameters } from './send-params.js';

interface Params {
  Identity: string;
  Name?: string;
  [k: string]: unknown;
}

export default defineCmdlet<Params>({
  name: 'Set-SendConnector',
  synopsis: 'Changes a Send connector, for instance to enable domain security or verbose protocol logging.',
  description:
    'The identity is positional (`Set-SendConnector Internet -DomainSecureEnabled:$True`) or comes from the pipeline. ' +
    'The same rules as New-SendConnector apply to the result; when one is broken nothing is saved. Setting ' +
    'DNSRoutingEnabled to $true clears the smart hosts.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    identityParam('SendConnectorIdParameter', 'The name of the Send connector.', { mandatory: true }),
    { name: 'Name', type: 'String', description: 'A new name.' },
    ...sendConnectorParameters,
  ],
  examples: [
    {
      title: "Enable domain security on the Internet connector (the seed's step)",
      code: 'Set-SendConnector Internet -DomainSecureEnabled:$True\n(Get-SendConnector Internet).DomainSecureEnabled',
      remarks: 'The connector routes by DNS, so domain security is allowed.',
      setup: "New-SendConnector -Name Internet -AddressSpaces 'SMTP:*;1' | Out-Null",
      output: 'True\n',
    },
    {
      title: 'Verbose protocol logging for every Send connector',
      code: 'Get-SendConnector | Set-SendConnector -ProtocolLoggingLevel Verbose\n(Get-SendConnector).ProtocolLoggingLevel',
      remarks: 'The connector objects bind to -Identity from the pipeline.',
      setup: "New-SendConnector -Name Internet -AddressSpaces 'SMTP:*;1' | Out-Null\nNew-SendConnector -Name Partners -AddressSpaces woodgrovebank.com -Usage Partner | Out-Null",
      output: 'Verbose\nVerbose\n',
    },
  ],
  async process(ctx) {
    const id = ctx.params.Identity;
    const changes = sendConnectorChanges(ctx);
    await applyChange(ctx, { target: (cfg) => findSendConnector(cfg, id).name, action: 'Setting Send connector' }, (cfg) => setSendConnector(cfg, id, changes));
  },
});
