import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { endpointText, parseMxTarget, parseSmtpDomain, removeStaticMxRecords } from '../../src/state/config.js';
import { applyChange } from './common.js';

interface Params {
  Domain: string;
  Target?: string;
}

export default defineCmdlet<Params>({
  name: 'Remove-StaticMxRecord',
  synopsis: 'Removes the static MX records of a domain (or only the one with -Target).',
  description: 'Asks for confirmation (-Confirm:$false skips it). -Target takes host:port or the record\'s MX name.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  outputTypes: [],
  parameters: [
    { name: 'Domain', type: 'SmtpDomain', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, convert: (v) => parseSmtpDomain(v, 'Domain'), description: 'The domain whose records to remove.' },
    { name: 'Target', type: 'String', position: 1, valueFromPipelineByPropertyName: true, description: 'Only the record with this target (host:port) or MX name.' },
  ],
  examples: [
    {
      title: 'Stop routing a domain through the lab table',
      code: 'Remove-StaticMxRecord woodgrovebank.com -Confirm:$false\n@(Get-StaticMxRecord).Count',
      remarks: 'Mail for the domain goes back to DNS.',
      setup: 'Add-StaticMxRecord -Domain woodgrovebank.com -Target 127.0.0.1:2526 | Out-Null',
      output: '0\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    let target: string | { host: string; port: number } | undefined;
    if (p.Target !== undefined) {
      try {
        target = /:\d+$/.test(p.Target) ? parseMxTarget(p.Target) : p.Target;
      } catch {
        target = p.Target;
      }
    }
    const label = target === undefined ? p.Domain : `${p.Domain} -> ${typeof target === 'string' ? target : endpointText(target.host, target.port)}`;
    await applyChange(ctx, { target: label, action: 'Removing static MX record' }, (cfg) => removeStaticMxRecords(cfg, p.Domain, target));
  },
});
