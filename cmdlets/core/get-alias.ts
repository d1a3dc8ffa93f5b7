// Get-Alias: the aliases of the session.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord, matchesAny } from './lib/common.js';
import { commandObject, sortCommands } from './lib/commands.js';

interface Params {
  Name?: string[];
  Definition?: string[];
  Exclude?: string[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Alias',
  aliases: ['gal'],
  synopsis: 'Gets the aliases for the current session.',
  description: 'Get-Alias writes the aliases whose names match (all of them by default), or with -Definition the aliases of the given commands.',
  defaultParameterSet: 'Default',
  parameters: [
    { name: 'Name', type: 'String[]', position: 0, valueFromPipelineByPropertyName: true, parameterSets: ['Default'], description: 'The aliases to get. Wildcards are permitted.' },
    { name: 'Definition', type: 'String[]', mandatory: true, parameterSets: ['Definition'], description: 'Gets the aliases of these commands. Wildcards are permitted.' },
    { name: 'Exclude', type: 'String[]', description: 'Leaves out these aliases. Wildcards are permitted.' },
  ],
  outputTypes: ['System.Management.Automation.AliasInfo'],
  examples: [
    {
      title: 'The aliases of a cmdlet',
      code: 'Get-Alias -Definition Get-ChildItem | ForEach-Object Name',
      remarks: 'gci, ls and dir all run Get-ChildItem.',
      output: 'dir\ngci\nls',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const aliases = sortCommands(ctx.session.commands.all().filter((c) => c.commandType === 'Alias'));
    const resolve = (n: string) => ctx.session.commands.get(n);
    const picked = aliases.filter((a) => {
      if (p.Exclude && matchesAny(a.name, p.Exclude)) return false;
      if (p.Definition) return matchesAny(a.definition, p.Definition);
      return !p.Name || matchesAny(a.name, p.Name);
    });
    for (const n of p.Name ?? []) {
      if (!hasWildcard(n) && !aliases.some((a) => wildcardToRegex(n).test(a.name))) {
        ctx.writeError(errorRecord(ctx, `This command cannot find a matching alias because an alias with the name '${n}' does not exist.`, 'ItemNotFoundException', 'ObjectNotFound', n, 'System.Management.Automation.ItemNotFoundException'));
      }
    }
    for (const a of picked) ctx.write(commandObject(a, resolve), false);
  },
});

export default cmdlet;
