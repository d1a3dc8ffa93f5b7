import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorFrom, completeThumbprint } from './common.js';
import { LAB_CA, REQUEST_MAIL1, setup } from './lab-setup.js';

interface Params {
  Thumbprint: string;
}

export default defineCmdlet<Params>({
  name: 'Remove-ExchangeCertificate',
  synopsis: 'Removes a certificate or a pending request, with its private key, from the store.',
  description:
    'Asks for confirmation first (-Confirm:$false skips the question; a non-interactive run needs it). Removing ' +
    'the default SMTP certificate leaves the server without one until another is enabled for SMTP.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  outputTypes: [],
  parameters: [
    { name: 'Thumbprint', type: 'String', complete: completeThumbprint, position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The thumbprint of the certificate or pending request.' },
  ],
  examples: [
    {
      title: 'Remove a pending request',
      code: 'Get-ExchangeCertificate | Remove-ExchangeCertificate -Confirm:$false\n@(Get-ExchangeCertificate).Count',
      remarks: 'The request and its private key are deleted.',
      setup: setup(LAB_CA, REQUEST_MAIL1),
      output: '0\n',
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const store = await import('../../src/state/certstore.js');
    const { removeCertificateOrRequest } = await import('../../src/state/certificates.js');
    const thumbprint = store.normalizeThumbprint(String(ctx.params.Thumbprint ?? ''));
    let entry;
    try {
      entry = store.findExchangeCertificate(home, thumbprint);
    } catch (e) {
      ctx.throwTerminating(errorFrom(ctx, e, 'RemoveCertificateFailed', thumbprint));
    }
    if (!entry) {
      ctx.writeError(`The certificate with thumbprint ${thumbprint} was not found.`, 'CertificateNotFound', 'ObjectNotFound', thumbprint);
      return;
    }
    if (!(await ctx.shouldProcess(`${thumbprint} (${entry.subject})`, entry.kind === 'PendingRequest' ? 'Remove pending certificate request' : 'Remove certificate'))) return;
    try {
      await removeCertificateOrRequest(home, thumbprint);
      if (entry.isDefaultSmtp) ctx.writeWarning(`The removed certificate was the default SMTP certificate. Enable another certificate for SMTP with Enable-ExchangeCertificate.`);
    } catch (e) {
      ctx.writeError(errorFrom(ctx, e, 'RemoveCertificateFailed', thumbprint));
    }
  },
});
