import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { findReceiveConnector, receiveConnectorIdentity, setReceiveConnector } from '../../src/state/config.js';
import { applyChange, identityParam } from './common.js';
import { receiveConnectorChanges, receiveConnectorParameters } from './receive-params.js';

interface Params {
  Identity: string;
  Name?: string;
  [k: string]: unknown;
}

export default defineCmdlet<Params>({
  name: 'Set-ReceiveConnector',
  synopsis: 'Changes a Receive connector, for instance to enable domain security or verbose protocol logging.',
  description:
    'The identity is positional (`Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS`) or comes ' +
    'from the pipeline (`Get-ReceiveConnector | Set-ReceiveConnector -ProtocolLoggingLevel Verbose`). The rules of ' +
    'New-ReceiveConnector apply to the result: DomainSecureEnabled needs Tls, None stands alone, ExternalAuthoritative ' +
    'goes only with Tls and ExchangeServers, the banner starts with 220, bindings may not conflict. When one is ' +
    'broken nothing is saved.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    identityParam('ReceiveConnectorIdParameter', 'The name (or SERVER\\Name) of the Receive connector.', { mandatory: true }),
    { name: 'Name', type: 'String', description: 'A new name.' },
    ...receiveConnectorParameters,
  ],
  examples: [
    {
      title: "Enable domain security on the Inet connector (the seed's step)",
      code: 'Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS\nGet-ReceiveConnector Inet | Format-List AuthMechanism, DomainSecureEnabled',
      remarks: 'TLS is normalized to Tls.',
      setup: 'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525 | Out-Null',
      output: '\nAuthMechanism       : Tls\nDomainSecureEnabled : True\n\n',
    },
    {
      title: 'Domain security without TLS is refused',
      code: 'Set-ReceiveConnector Inet -DomainSecureEnabled $true -AuthMechanism None -ErrorAction SilentlyContinue\n$Error[0].FullyQualifiedErrorId',
      remarks: 'The error id names the rule; nothing was saved.',
      setup: 'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525 | Out-Null',
      output: 'DomainSecureEnabledWithoutTls,Set-ReceiveConnector\n',
    },
    {
      title: 'Verbose protocol logging on every Receive connector',
      code: 'Get-ReceiveConnector | Set-ReceiveConnector -ProtocolLoggingLevel Verbose\n(Get-ReceiveConnector).ProtocolLoggingLevel',
      remarks: 'Each connector object binds to -Identity from the pipeline.',
      setup: 'New-ReceiveConnector -Name Inet -Usage Internet -Bindings 127.0.0.1:2525 | Out-Null',
      output: 'Verbose\nVerbose\n',
    },
  ],
  async process(ctx) {
    const id = ctx.params.Identity;
    const changes = receiveConnectorChanges(ctx);
    await applyChange(ctx, { target: (cfg) => receiveConnectorIdentity(cfg, findReceiveConnector(cfg, id)), action: 'Setting Receive connector' }, (cfg) => setReceiveConnector(cfg, id, changes));
  },
});
