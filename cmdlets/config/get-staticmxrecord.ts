import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';
import { readConfig, staticMxObject, TYPE } from './common.js';

interface Params {
  Domain?: string;
}

export default defineCmdlet<Params>({
  name: 'Get-StaticMxRecord',
  synopsis: 'Lists the lab routing table (static MX records), or the records of one domain.',
  description: 'Records are listed by domain, then preference. Wildcards are allowed in -Domain.',
  outputTypes: [TYPE.staticMx],
  parameters: [{ name: 'Domain', type: 'String', position: 0, valueFromPipelineByPropertyName: true, description: 'The domain; wildcards allowed.' }],
  examples: [
    {
      title: 'Where mail for a domain goes in the lab',
      code: 'Get-StaticMxRecord woodgrovebank.com | Format-List Domain, Target',
      remarks: 'Target is host:port.',
      setup: 'Add-StaticMxRecord -Domain woodgrovebank.com -Target 127.0.0.1:2526 | Out-Null',
      output: '\nDomain : woodgrovebank.com\nTarget : 127.0.0.1:2526\n\n',
    },
  ],
  process(ctx) {
    const cfg = readConfig(ctx);
    const d = ctx.params.Domain;
    const records = cfg.staticMxRecords
      .filter((r) => d === undefined || wildcardMatch(r.domain, d))
      .sort((a, b) => a.domain.localeCompare(b.domain) || a.preference - b.preference);
    for (const r of records) ctx.write(staticMxObject(r));
  },
});
