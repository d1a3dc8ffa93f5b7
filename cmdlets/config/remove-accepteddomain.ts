import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { findAcceptedDomain, removeAcceptedDomain } from '../../src/state/config.js';
import { applyChange, identityParam } from './common.js';

interface Params {
  Identity: string;
}

export default defineCmdlet<Params>({
  name: 'Remove-AcceptedDomain',
  synopsis: 'Removes an accepted domain.',
  description: 'Asks for confirmation (-Confirm:$false skips it). The default accepted domain cannot be removed while other accepted domains exist.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  outputTypes: [],
  parameters: [identityParam('AcceptedDomainIdParameter', 'The name or domain of the accepted domain.', { mandatory: true })],
  examples: [
    {
      title: 'Remove an accepted domain without being asked',
      code: 'Remove-AcceptedDomain fabrikam.com -Confirm:$false\n(Get-AcceptedDomain).Name',
      remarks: 'Only contoso.com is left.',
      setup: 'New-AcceptedDomain -Name contoso.com -DomainName contoso.com | Out-Null\nNew-AcceptedDomain -Name fabrikam.com -DomainName fabrikam.com | Out-Null',
      output: 'contoso.com\n',
    },
  ],
  async process(ctx) {
    const id = ctx.params.Identity;
    await applyChange(ctx, { target: (cfg) => findAcceptedDomain(cfg, id).name, action: 'Removing accepted domain' }, (cfg) => removeAcceptedDomain(cfg, id));
  },
});
