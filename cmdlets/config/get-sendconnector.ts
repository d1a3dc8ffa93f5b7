import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardMatch } from '../../src/engine/wildcard.js';
import { identityParam, readConfig, sendConnectorObject, serverNameOf, TYPE } from './common.js';

interface Params {
  Identity?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-SendConnector',
  synopsis: 'Lists the Send connectors, or the one named.',
  description: 'The identity is the connector name; wildcards are allowed. `| Format-List` shows every property.',
  outputTypes: [TYPE.sendConnector],
  parameters: [identityParam('SendConnectorIdParameter', 'The name of a Send connector; wildcards allowed.')],
  examples: [
    {
      title: 'Check the connector used for domain security',
      code: 'Get-SendConnector Internet | Format-List Name, DNSRoutingEnabled, DomainSecureEnabled, Fqdn',
      remarks: 'The seed expects DNS routing and an FQDN matching the certificate.',
      setup: "New-SendConnector -Name Internet -AddressSpaces 'SMTP:*;1' -Fqdn mail.contoso.com | Out-Null\nSet-SendConnector Internet -DomainSecureEnabled:$True",
      output: '\nName                : Internet\nDNSRoutingEnabled   : True\nDomainSecureEnabled : True\nFqdn                : mail.contoso.com\n\n',
    },
  ],
  process(ctx) {
    const cfg = readConfig(ctx);
    const id = ctx.params.Identity;
    const found = id === undefined ? cfg.sendConnectors : cfg.sendConnectors.filter((c) => (hasWildcard(id) ? wildcardMatch(c.name, id) : c.name.toLowerCase() === id.trim().toLowerCase()));
    if (id !== undefined && !hasWildcard(id) && found.length === 0) {
      ctx.writeError(`The operation couldn't be performed because object '${id}' couldn't be found on '${serverNameOf(cfg)}'.`, 'ManagementObjectNotFoundException', 'ObjectNotFound', id);
      return;
    }
    for (const c of found) ctx.write(sendConnectorObject(c));
  },
});
