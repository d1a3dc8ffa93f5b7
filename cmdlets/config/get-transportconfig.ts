import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { readConfig, transportConfigObject, TYPE } from './common.js';

interface Params {
  Identity?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-TransportConfig',
  synopsis: 'Gets the organization-wide transport settings ("Transport Settings").',
  description:
    'Shows the domain-secure lists (TLSSendDomainSecureList, TLSReceiveDomainSecureList), the organization message ' +
    'size and recipient limits and the internal SMTP servers. The object has no table view: it is shown as a list.',
  outputTypes: [TYPE.transportConfig],
  parameters: [{ name: 'Identity', type: 'OrganizationIdParameter', position: 0, description: 'Accepted for compatibility; an Edge Transport server has one organization.' }],
  examples: [
    {
      title: 'Show the domain-secure lists',
      code: 'Set-TransportConfig -TLSSendDomainSecureList woodgrovebank.com\nGet-TransportConfig | Format-List TLS*',
      remarks: 'Both lists are empty ({}) until Set-TransportConfig fills them.',
      output: '\nTLSReceiveDomainSecureList : {}\nTLSSendDomainSecureList    : {woodgrovebank.com}\n\n',
    },
    {
      title: 'Show the message size limits',
      code: 'Get-TransportConfig | Format-List MaxSendSize, MaxReceiveSize, MaxRecipientEnvelopeLimit',
      remarks: 'Sizes are shown as Exchange shows a ByteQuantifiedSize.',
      output: '\nMaxSendSize               : 10 MB (10,485,760 bytes)\nMaxReceiveSize            : 10 MB (10,485,760 bytes)\nMaxRecipientEnvelopeLimit : 5000\n\n',
    },
  ],
  process(ctx) {
    ctx.write(transportConfigObject(readConfig(ctx).transportConfig));
  },
});
