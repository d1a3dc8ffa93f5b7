import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { parseIPRange, parseSmtpDomain, setTransportConfig, type MultiValuedEdit, type TransportConfigChanges, type Unlimited } from '../../src/state/config.js';
import { applyChange, boundChanges, multiValuedParam, unlimitedCountParam, unlimitedSizeParam } from './common.js';

interface Params {
  Identity?: string;
  TLSSendDomainSecureList?: MultiValuedEdit<string>;
  TLSReceiveDomainSecureList?: MultiValuedEdit<string>;
  MaxSendSize?: Unlimited;
  MaxReceiveSize?: Unlimited;
  MaxRecipientEnvelopeLimit?: Unlimited;
  InternalSMTPServers?: MultiValuedEdit<string>;
  ClearCategories?: boolean;
}

export default defineCmdlet<Params>({
  name: 'Set-TransportConfig',
  synopsis: 'Changes the organization-wide transport settings, such as the domain-secure lists.',
  description:
    'TLSSendDomainSecureList and TLSReceiveDomainSecureList name the partner domains whose mail must travel over ' +
    'mutually authenticated TLS. A new value replaces the whole list (to add a domain, give the existing ones too, ' +
    "or use @{Add='fabrikam.com'}; @{Remove='x'} removes one). Domains are SMTP domains without wildcards, at most " +
    '256 per list; adding a domain already listed is an error. $null empties a list.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    { name: 'Identity', type: 'OrganizationIdParameter', position: 0, valueFromPipelineByPropertyName: true, description: 'Accepted for compatibility; an Edge Transport server has one organization.' },
    {
      name: 'TLSSendDomainSecureList',
      ...multiValuedParam('TLSSendDomainSecureList', (v) => parseSmtpDomain(v, 'TLSSendDomainSecureList')),
      description: "Domains mail is sent to only over mutual TLS: a list replaces the current one; @{Add=..; Remove=..} edits it.",
    },
    {
      name: 'TLSReceiveDomainSecureList',
      ...multiValuedParam('TLSReceiveDomainSecureList', (v) => parseSmtpDomain(v, 'TLSReceiveDomainSecureList')),
      description: 'Domains mail is accepted from only over mutual TLS: a list replaces the current one; @{Add=..; Remove=..} edits it.',
    },
    { name: 'MaxSendSize', ...unlimitedSizeParam('MaxSendSize'), description: 'The largest message the organization sends: 10MB, "10 MB", or Unlimited.' },
    { name: 'MaxReceiveSize', ...unlimitedSizeParam('MaxReceiveSize'), description: 'The largest message the organization accepts: 10MB, "10 MB", or Unlimited.' },
    { name: 'MaxRecipientEnvelopeLimit', ...unlimitedCountParam('MaxRecipientEnvelopeLimit', 1), description: 'The most recipients a message may have, or Unlimited.' },
    {
      name: 'InternalSMTPServers',
      ...multiValuedParam('InternalSMTPServers', (v) => parseIPRange(v, 'InternalSMTPServers').text),
      description: 'IP addresses or ranges of internal SMTP servers: a list replaces; @{Add=..; Remove=..} edits.',
    },
    { name: 'ClearCategories', type: 'Boolean', description: 'Whether Outlook categories are removed from messages in transit.' },
  ],
  examples: [
    {
      title: "Send to Woodgrove Bank only over mutual TLS (the seed's step)",
      code: 'Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com\n(Get-TransportConfig).TLSSendDomainSecureList',
      remarks: 'The new value replaces the whole list.',
      output: 'woodgrovebank.com\n',
    },
    {
      title: 'Add a domain to the list and remove another',
      code: "Set-TransportConfig -TLSReceiveDomainSecureList woodgrovebank.com,contoso.com\nSet-TransportConfig -TLSReceiveDomainSecureList @{Add='fabrikam.com'; Remove='contoso.com'}\nGet-TransportConfig | Format-List TLSReceiveDomainSecureList",
      remarks: 'A hashtable with Add and/or Remove edits the list instead of replacing it.',
      output: '\nTLSReceiveDomainSecureList : {woodgrovebank.com, fabrikam.com}\n\n',
    },
    {
      title: 'See what would change',
      code: 'Set-TransportConfig -MaxSendSize 20MB -WhatIf',
      remarks: 'Nothing is saved with -WhatIf.',
      output: 'What if: Performing the operation "Setting Transport configuration" on target "Transport Settings".\n',
    },
  ],
  async process(ctx) {
    const changes = boundChanges<TransportConfigChanges>(ctx, {
      TLSSendDomainSecureList: 'tlsSendDomainSecureList',
      TLSReceiveDomainSecureList: 'tlsReceiveDomainSecureList',
      MaxSendSize: 'maxSendSize',
      MaxReceiveSize: 'maxReceiveSize',
      MaxRecipientEnvelopeLimit: 'maxRecipientEnvelopeLimit',
      InternalSMTPServers: 'internalSmtpServers',
      ClearCategories: 'clearCategories',
    });
    await applyChange(ctx, { target: 'Transport Settings', action: 'Setting Transport configuration' }, (cfg) => setTransportConfig(cfg, changes));
  },
});
