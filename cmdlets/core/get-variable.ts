// Get-Variable: the variables of the session.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord, matchesAny } from './lib/common.js';
import { hasVariable, listVariables } from './lib/session.js';
import { psVariable } from './lib/variables.js';

interface Params {
  Name?: string[];
  ValueOnly?: boolean;
  Include?: string[];
  Exclude?: string[];
  Scope?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Variable',
  aliases: ['gv'],
  synopsis: 'Gets the variables in the current console.',
  description:
    'Get-Variable writes the variables whose names match (all of them without -Name) as PSVariable objects with ' +
    'their Name and Value; -ValueOnly writes just the values. Names are given without the $ sign.',
  parameters: [
    { name: 'Name', type: 'String[]', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, description: 'The names of the variables (without $). Wildcards are permitted.' },
    { name: 'ValueOnly', type: 'SwitchParameter', description: 'Writes the values instead of the variable objects.' },
    { name: 'Include', type: 'String[]', description: 'Gets only the variables whose names match. Wildcards are permitted.' },
    { name: 'Exclude', type: 'String[]', description: 'Leaves out the variables whose names match. Wildcards are permitted.' },
    { name: 'Scope', type: 'String', description: 'Accepted for compatibility; variables are read as the caller sees them.' },
  ],
  outputTypes: ['System.Management.Automation.PSVariable'],
  examples: [
    {
      title: 'A variable and its value',
      code: "$Partner = 'woodgrovebank.com'\nGet-Variable Partner",
      remarks: 'The default view shows the name and the value.',
      output: '\nName                           Value\n----                           -----\nPartner                        woodgrovebank.com\n',
    },
    {
      title: 'Only the value',
      code: "$Port = 25\nGet-Variable -Name Port -ValueOnly",
      remarks: '-ValueOnly writes the value itself.',
      output: '25',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const session = ctx.session;
    const names = p.Name && p.Name.length ? p.Name : ['*'];
    const all = names.some(hasWildcard) ? listVariables(session) : undefined;
    const seen = new Set<string>();
    for (const name of names) {
      let found: { name: string; value: unknown; description?: string; options?: string }[];
      if (hasWildcard(name)) {
        const re = wildcardToRegex(name);
        found = (all ?? []).filter((v) => re.test(v.name)).sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
      } else if (hasVariable(session, name)) {
        const known = (all ?? []).find((v) => v.name.toLowerCase() === name.toLowerCase());
        found = [known ?? { name, value: session.getVariable(name) }];
      } else {
        ctx.writeError(errorRecord(ctx, `Cannot find a variable with the name '${name}'.`, 'VariableNotFound', 'ObjectNotFound', name, 'System.Management.Automation.ItemNotFoundException'));
        continue;
      }
      for (const v of found) {
        if (p.Include && !matchesAny(v.name, p.Include)) continue;
        if (p.Exclude && matchesAny(v.name, p.Exclude)) continue;
        const k = v.name.toLowerCase();
        if (seen.has(k)) continue;
        seen.add(k);
        if (p.ValueOnly) ctx.write(v.value, false);
        else ctx.write(psVariable(v.name, v.value, v.description ?? '', v.options ?? 'None'), false);
      }
    }
  },
});

export default cmdlet;
