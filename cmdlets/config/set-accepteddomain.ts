import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ACCEPTED_DOMAIN_TYPES, setAcceptedDomain, type AcceptedDomainChanges, type AcceptedDomainType } from '../../src/state/config.js';
import { applyChange, boundChanges, enumParam, identityParam } from './common.js';

interface Params {
  Identity: string;
  Name?: string;
  DomainType?: AcceptedDomainType;
  MakeDefault?: boolean;
  AddressBookEnabled?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Set-AcceptedDomain',
  synopsis: 'Changes an accepted domain: its name, type, or whether it is the default.',
  description: 'The domain name itself cannot be changed; remove the accepted domain and add a new one.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    identityParam('AcceptedDomainIdParameter', 'The name or domain of the accepted domain.', { mandatory: true }),
    { name: 'Name', type: 'String', description: 'A new name.' },
    { name: 'DomainType', ...enumParam('AcceptedDomainType', ACCEPTED_DOMAIN_TYPES), description: 'Authoritative, InternalRelay or ExternalRelay.' },
    { name: 'MakeDefault', type: 'Boolean', description: '$true makes this the default accepted domain.' },
    { name: 'AddressBookEnabled', type: 'Boolean', description: 'Whether recipient filtering uses the address book for this domain.' },
  ],
  examples: [
    {
      title: 'Relay a domain instead of delivering it',
      code: 'Set-AcceptedDomain contoso.com -DomainType InternalRelay\n(Get-AcceptedDomain contoso.com).DomainType',
      remarks: 'The identity is positional.',
      setup: 'New-AcceptedDomain -Name contoso.com -DomainName contoso.com | Out-Null',
      output: 'InternalRelay\n',
    },
  ],
  async process(ctx) {
    const changes = boundChanges<AcceptedDomainChanges>(ctx, { Name: 'name', DomainType: 'domainType', MakeDefault: 'makeDefault', AddressBookEnabled: 'addressBookEnabled' });
    const id = ctx.params.Identity;
    await applyChange(ctx, { target: id, action: 'Setting accepted domain' }, (cfg) => setAcceptedDomain(cfg, id, changes));
  },
});
