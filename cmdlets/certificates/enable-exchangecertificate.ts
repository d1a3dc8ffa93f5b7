import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord } from '../../src/engine/errors.js';
import { errorFrom, servicesParameter, servicesText, type AllowedService, completeThumbprint } from './common.js';
import { PFX_MAIL1 } from './lab-setup.js';

interface Params {
  Thumbprint: string;
  Services: AllowedService[];
  Force: boolean;
}

const fmtDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '?');

export default defineCmdlet<Params>({
  name: 'Enable-ExchangeCertificate',
  synopsis: 'Enables a certificate in the store for Exchange services (SMTP, IIS, POP, IMAP, UM, Federation).',
  description:
    'Services are added to those the certificate already has. The certificate needs a private key and must be ' +
    'within its validity period. Enabling SMTP makes it the default SMTP certificate when there is none; ' +
    'replacing an existing default asks "Overwrite the existing default SMTP certificate?" unless -Force is given. ' +
    'When the question cannot be asked (a non-interactive run) or is declined, the certificate is enabled for ' +
    'SMTP but the default SMTP certificate stays as it was, with a warning.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  parameters: [
    {
      name: 'Thumbprint',
      complete: completeThumbprint,
      type: 'String',
      position: 0,
      mandatory: true,
      valueFromPipelineByPropertyName: true,
      description: 'The thumbprint of the certificate, e.g. AB493A0C9A6C0327162FE04EF74609CB8FB7FE24.',
    },
    { name: 'Services', ...servicesParameter, mandatory: true, description: 'The services to enable: IMAP, POP, UM, IIS, SMTP, Federation, UMCallRouter (comma-separated), or None.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Replaces the default SMTP certificate without asking.' },
  ],
  examples: [
    {
      title: 'Enable a certificate for SMTP by its thumbprint',
      code: '$t = (Get-ExchangeCertificate).Thumbprint\nEnable-ExchangeCertificate -Thumbprint $t -Services SMTP\nGet-ExchangeCertificate | Format-List Services',
      remarks: 'The thumbprint comes from Get-ExchangeCertificate | Format-List.',
      setup: PFX_MAIL1 + '\nImport-ExchangeCertificate -Path .\\import.pfx -Password (ConvertTo-SecureString -String "P@ssw0rd" -AsPlainText -Force) | Out-Null',
      output: '\nServices : SMTP\n\n',
    },
  ],
  async process(ctx) {
    const home = ctx.session.home;
    const store = await import('../../src/state/certstore.js');
    const { enableServices, readCertificateStore } = await import('../../src/state/certificates.js');
    const thumbprint = store.normalizeThumbprint(String(ctx.params.Thumbprint ?? ''));
    const services = ctx.params.Services ?? [];
    try {
      const entry = store.findExchangeCertificate(home, thumbprint);
      const fail = (msg: string, id: string, category: 'ObjectNotFound' | 'InvalidOperation') =>
        ctx.writeError(new ErrorRecord(msg, `${id},${ctx.commandName}`, category, thumbprint));
      if (!entry) return fail(`The certificate with thumbprint ${thumbprint} was not found.`, 'CertificateNotFound', 'ObjectNotFound');
      if (entry.kind === 'PendingRequest') {
        return fail(`The certificate with thumbprint ${thumbprint} is a pending request. Import the issued certificate with Import-ExchangeCertificate first.`, 'CertificateIsPendingRequest', 'InvalidOperation');
      }
      if (!entry.hasPrivateKey) {
        return fail(`The certificate with thumbprint ${thumbprint} has no private key in the store, so it cannot be enabled for services.`, 'NoPrivateKey', 'InvalidOperation');
      }
      const now = new Date();
      if ((entry.notBefore && now < entry.notBefore) || (entry.notAfter && now > entry.notAfter)) {
        return fail(
          `The certificate with thumbprint ${thumbprint} is not valid now (valid from ${fmtDate(entry.notBefore)} to ${fmtDate(entry.notAfter)}) and cannot be enabled.`,
          'CertificateDateInvalid',
          'InvalidOperation',
        );
      }
      if (services.length === 0) return;
      if (!(await ctx.shouldProcess(thumbprint, `Enable certificate for services ${servicesText(services)}`))) return;
      let makeDefault = false;
      if (services.includes('SMTP')) {
        const current = readCertificateStore(home).defaultSmtp;
        if (!current || current === thumbprint) makeDefault = true;
        else if (ctx.params.Force) makeDefault = true;
        else {
          const old = store.findExchangeCertificate(home, current);
          const query =
            'Overwrite the existing default SMTP certificate?\n\n' +
            `Current certificate: '${current}' (expires ${fmtDate(old?.notAfter ?? null)})\n` +
            `Replace it with certificate: '${thumbprint}' (expires ${fmtDate(entry.notAfter)})`;
          makeDefault = await ctx.shouldContinue(query, 'Confirm');
          if (!makeDefault) {
            ctx.writeWarning(
              `The default SMTP certificate was not replaced: it remains '${current}'. The certificate '${thumbprint}' was enabled for SMTP; run Enable-ExchangeCertificate -Thumbprint ${thumbprint} -Services SMTP -Force to make it the default.`,
            );
          }
        }
      }
      await enableServices(home, thumbprint, services, makeDefault);
    } catch (e) {
      if ((e as Error)?.name === 'PSRuntimeError') throw e;
      ctx.writeError(errorFrom(ctx, e, 'EnableCertificateFailed', thumbprint));
    }
  },
});
