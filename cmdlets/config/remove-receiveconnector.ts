import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { findReceiveConnector, receiveConnectorIdentity, removeReceiveConnector } from '../../src/state/config.js';
import { applyChange, identityParam } from './common.js';

interface Params {
  Identity: string;
}

export default defineCmdlet<Params>({
  name: 'Remove-ReceiveConnector',
  synopsis: 'Removes a Receive connector.',
  description: 'Asks for confirmation (-Confirm:$false skips it).',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  outputTypes: [],
  parameters: [identityParam('ReceiveConnectorIdParameter', 'The name (or SERVER\\Name) of the Receive connector.', { mandatory: true })],
  examples: [
    {
      title: 'Replace the default connector with Inet',
      code: "Remove-ReceiveConnector 'Default internal receive connector EDGE' -Confirm:$false\nNew-ReceiveConnector -Name Inet -Usage Internet -Bindings 0.0.0.0:25 | Out-Null\n(Get-ReceiveConnector).Identity",
      remarks: 'With the default connector gone, Inet can take 0.0.0.0:25 for every address.',
      setup: 'Set-TransportServer -Name EDGE',
      output: 'EDGE\\Inet\n',
    },
  ],
  async process(ctx) {
    const id = ctx.params.Identity;
    await applyChange(ctx, { target: (cfg) => receiveConnectorIdentity(cfg, findReceiveConnector(cfg, id)), action: 'Removing Receive connector' }, (cfg) => removeReceiveConnector(cfg, id));
  },
});
