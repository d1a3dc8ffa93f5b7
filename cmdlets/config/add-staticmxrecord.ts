import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { addStaticMxRecord, endpointText, parseMxTarget, parseSmtpDomain } from '../../src/state/config.js';
import { applyChange, staticMxObject, TYPE } from './common.js';

interface Params {
  Domain: string;
  Target: { host: string; port: number };
  Name?: string;
  Preference?: number;
}

export default defineCmdlet<Params>({
  name: 'Add-StaticMxRecord',
  synopsis: 'Adds a lab routing entry: mail for a domain goes to host:port, consulted before DNS.',
  description:
    'An edgeshell cmdlet for labs and tests. Send connectors with DNS routing use the static MX records of the ' +
    'next-hop domain before asking the system resolver; the partner certificate is still checked against the ' +
    'domain. Several records for a domain are tried in Preference order (lowest first).',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  outputTypes: [TYPE.staticMx],
  parameters: [
    { name: 'Domain', type: 'SmtpDomain', position: 0, mandatory: true, convert: (v) => parseSmtpDomain(v, 'Domain'), description: 'The recipient domain, such as woodgrovebank.com.' },
    { name: 'Target', type: 'String', position: 1, mandatory: true, convert: (v) => parseMxTarget(v), description: 'Where to connect: host:port, such as 127.0.0.1:2526 (port 25 when omitted).' },
    { name: 'Name', type: 'String', description: 'The MX host name, as DNS would give it (default: the target host).' },
    { name: 'Preference', type: 'Int32', validateRange: [0, 65535], description: 'MX preference; lower is tried first (default 10).' },
  ],
  examples: [
    {
      title: "Route Woodgrove Bank's mail to a lab server",
      code: 'Add-StaticMxRecord -Domain woodgrovebank.com -Target 127.0.0.1:2526 -Name mail.woodgrovebank.com',
      remarks: 'The send side connects to 127.0.0.1:2526 for woodgrovebank.com.',
      output: '\nDomain            Name                   Target         Preference\n------            ----                   ------         ----------\nwoodgrovebank.com mail.woodgrovebank.com 127.0.0.1:2526         10\n\n',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const r = await applyChange(ctx, { target: `${p.Domain} -> ${endpointText(p.Target.host, p.Target.port)}`, action: 'Adding static MX record' }, (cfg) =>
      addStaticMxRecord(cfg, { domain: p.Domain, host: p.Target.host, port: p.Target.port, name: p.Name, preference: p.Preference }),
    );
    if (r) ctx.write(staticMxObject(r));
  },
});
