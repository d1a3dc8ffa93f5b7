import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardMatch } from '../../src/engine/wildcard.js';
import { acceptedDomainObject, identityParam, readConfig, serverNameOf, TYPE } from './common.js';

interface Params {
  Identity?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-AcceptedDomain',
  synopsis: 'Lists the accepted domains, or the one named.',
  description: 'The identity is the accepted domain name (or its domain); wildcards are allowed.',
  outputTypes: [TYPE.acceptedDomain],
  parameters: [identityParam('AcceptedDomainIdParameter', 'The name or domain of an accepted domain; wildcards allowed.')],
  examples: [
    {
      title: 'List the accepted domains',
      code: 'Get-AcceptedDomain',
      remarks: 'The default table shows Name, DomainName, DomainType and Default.',
      setup: 'New-AcceptedDomain -Name contoso.com -DomainName contoso.com | Out-Null\nNew-AcceptedDomain -Name Relay -DomainName *.fabrikam.com -DomainType InternalRelay | Out-Null',
      output: '\nName        DomainName     DomainType    Default\n----        ----------     ----------    -------\ncontoso.com contoso.com    Authoritative True\nRelay       *.fabrikam.com InternalRelay False\n\n',
    },
  ],
  process(ctx) {
    const cfg = readConfig(ctx);
    const id = ctx.params.Identity;
    const found = id === undefined ? cfg.acceptedDomains : cfg.acceptedDomains.filter((d) => (hasWildcard(id) ? wildcardMatch(d.name, id) || wildcardMatch(d.domainName, id) : d.name.toLowerCase() === id.toLowerCase() || d.domainName.toLowerCase() === id.toLowerCase()));
    if (id !== undefined && !hasWildcard(id) && found.length === 0) {
      ctx.writeError(`The operation couldn't be performed because object '${id}' couldn't be found on '${serverNameOf(cfg)}'.`, 'ManagementObjectNotFoundException', 'ObjectNotFound', id);
      return;
    }
    for (const d of found) ctx.write(acceptedDomainObject(d));
  },
});
