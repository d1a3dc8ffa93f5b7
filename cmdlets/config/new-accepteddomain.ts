import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ACCEPTED_DOMAIN_TYPES, newAcceptedDomain, type AcceptedDomainType } from '../../src/state/config.js';
import { acceptedDomainObject, applyChange, enumParam, TYPE } from './common.js';

interface Params {
  Name: string;
  DomainName: string;
  DomainType?: AcceptedDomainType;
  MakeDefault?: boolean;
}

export default defineCmdlet<Params>({
  name: 'New-AcceptedDomain',
  synopsis: 'Adds a domain this organization accepts mail for.',
  description:
    'An Authoritative domain is delivered locally (mailboxes under EDGESHELL_HOME); InternalRelay and ExternalRelay ' +
    'domains are relayed on. Internet receive connectors accept RCPT TO only for accepted domains. The first ' +
    'accepted domain becomes the default. DomainName may be *.contoso.com to include subdomains.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [TYPE.acceptedDomain],
  parameters: [
    { name: 'Name', type: 'String', position: 0, mandatory: true, description: 'A unique name for the accepted domain, often the domain itself.' },
    { name: 'DomainName', type: 'SmtpDomainWithSubdomains', mandatory: true, description: 'The domain, such as contoso.com or *.contoso.com.' },
    { name: 'DomainType', ...enumParam('AcceptedDomainType', ACCEPTED_DOMAIN_TYPES), description: 'Authoritative (the default), InternalRelay or ExternalRelay.' },
    { name: 'MakeDefault', type: 'Boolean', description: 'Makes it the default accepted domain.' },
  ],
  examples: [
    {
      title: 'Accept mail for contoso.com',
      code: 'New-AcceptedDomain -Name Contoso -DomainName contoso.com -DomainType Authoritative | Format-List',
      remarks: 'The first accepted domain is the default.',
      output: '\nDomainName         : contoso.com\nDomainType         : Authoritative\nDefault            : True\nAddressBookEnabled : True\nName               : Contoso\nIdentity           : Contoso\n\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const d = await applyChange(ctx, { target: p.Name, action: 'Creating accepted domain' }, (cfg) =>
      newAcceptedDomain(cfg, { name: p.Name, domainName: p.DomainName, domainType: p.DomainType, makeDefault: p.MakeDefault }),
    );
    if (d) ctx.write(acceptedDomainObject(d));
  },
});
