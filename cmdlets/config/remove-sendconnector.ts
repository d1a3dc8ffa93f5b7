import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { findSendConnector, removeSendConnector } from '../../src/state/config.js';
import { applyChange, identityParam } from './common.js';

interface Params {
  Identity: string;
}

export default defineCmdlet<Params>({
  name: 'Remove-SendConnector',
  synopsis: 'Removes a Send connector.',
  description: 'Asks for confirmation (-Confirm:$false skips it).',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  outputTypes: [],
  parameters: [identityParam('SendConnectorIdParameter', 'The name of the Send connector.', { mandatory: true })],
  examples: [
    {
      title: 'Remove a connector',
      code: 'Remove-SendConnector Internet -Confirm:$false\n@(Get-SendConnector).Count',
      remarks: 'No connector is left.',
      setup: "New-SendConnector -Name Internet -AddressSpaces 'SMTP:*;1' | Out-Null",
      output: '0\n',
    },
  ],
  async process(ctx) {
    const id = ctx.params.Identity;
    await applyChange(ctx, { target: (cfg) => findSendConnector(cfg, id).name, action: 'Removing Send connector' }, (cfg) => removeSendConnector(cfg, id));
  },
});
