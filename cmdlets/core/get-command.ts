// Get-Command: the cmdlets, aliases and functions of the session.
import { defineCmdlet, type CommandInfo } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord, matchesAny } from './lib/common.js';
import { commandObject, sortCommands, syntaxOf } from './lib/commands.js';

interface Params {
  Name?: string[];
  Verb?: string[];
  Noun?: string[];
  Module?: string[];
  CommandType?: string[];
  TotalCount?: number;
  Syntax?: boolean;
  ListImported?: boolean;
  All?: boolean;
}

const COMMAND_TYPES = ['Alias', 'Function', 'Filter', 'Cmdlet', 'ExternalScript', 'Application', 'Script', 'Configuration', 'All'];

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Command',
  aliases: ['gcm'],
  synopsis: 'Gets all commands.',
  description:
    'Get-Command lists the commands this shell knows: cmdlets (the built-in ones and the Exchange ones), aliases and ' +
    'the functions defined in the session. -Name takes names with wildcards; -Verb and -Noun select by the parts of ' +
    'Verb-Noun names; -CommandType by kind. -Syntax writes the syntax of each command instead of the command object.',
  defaultParameterSet: 'CmdletSet',
  parameters: [
    { name: 'Name', type: 'String[]', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['AllCommandSet'], description: 'The names of the commands to get. Wildcards are permitted.' },
    { name: 'Verb', type: 'String[]', parameterSets: ['CmdletSet'], description: 'Gets the commands whose verb (the part before the dash) matches. Wildcards are permitted.' },
    { name: 'Noun', type: 'String[]', parameterSets: ['CmdletSet'], description: 'Gets the commands whose noun (the part after the dash) matches. Wildcards are permitted.' },
    { name: 'Module', type: 'String[]', aliases: ['PSSnapin'], description: 'Gets the commands of these modules (the Source column). Wildcards are permitted.' },
    {
      name: 'CommandType',
      type: 'CommandTypes',
      aliases: ['Type'],
      parameterSets: ['AllCommandSet'],
      validateSet: COMMAND_TYPES,
      convert: (v) => (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()),
      description: 'Gets only commands of these kinds: Alias, Function, Filter, Cmdlet or All.',
    },
    { name: 'TotalCount', type: 'Int32', description: 'Gets at most this many commands.' },
    { name: 'Syntax', type: 'SwitchParameter', description: 'Writes the syntax of the commands (the target of an alias) instead of the commands.' },
    { name: 'ListImported', type: 'SwitchParameter', description: 'Accepted for compatibility; every command is imported.' },
    { name: 'All', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
  ],
  outputTypes: ['System.Management.Automation.CmdletInfo', 'System.Management.Automation.AliasInfo', 'System.Management.Automation.FunctionInfo'],
  examples: [
    {
      title: 'Find cmdlets by noun',
      code: 'Get-Command -Noun Content | ForEach-Object Name',
      remarks: 'The cmdlets whose noun is Content.',
      output: 'Add-Content\nGet-Content\nSet-Content',
    },
    {
      title: 'What an alias stands for',
      code: "(Get-Command gcm).Definition",
      remarks: 'An alias resolves to the command it names.',
      output: 'Get-Command',
    },
    {
      title: 'The syntax of a cmdlet',
      code: 'Get-Command Join-Path -Syntax',
      remarks: 'One line per parameter set; bracketed parameters are optional, bracketed names positional.',
      output: '\nJoin-Path [-Path] <String[]> [-ChildPath] <String> [[-AdditionalChildPath] <String[]>] [-Resolve] [<CommonParameters>]\n',
    },
  ],
  begin(ctx) {
    ctx.state.count = 0;
    ctx.state.found = new Set<string>();
  },
  process(ctx) {
    const p = ctx.params;
    const all = ctx.session.commands.all();
    const resolve = (n: string) => ctx.session.commands.get(n);
    const types = p.CommandType?.map((t) => t.toLowerCase());
    const typeOk = (c: CommandInfo) => !types || types.includes('all') || types.includes(c.commandType.toLowerCase());
    const moduleOk = (c: CommandInfo) => !p.Module || matchesAny(c.commandType === 'Alias' ? '' : c.source, p.Module);
    const parts = (c: CommandInfo) => {
      const i = c.name.indexOf('-');
      return i < 0 ? ['', ''] : [c.name.slice(0, i), c.name.slice(i + 1)];
    };
    let matched: CommandInfo[] = [];
    if (p.Name && p.Name.length) {
      for (const name of p.Name) {
        const re = wildcardToRegex(name);
        const hits = sortCommands(all.filter((c) => re.test(c.name) && typeOk(c) && moduleOk(c)));
        if (hits.length === 0 && !hasWildcard(name)) {
          ctx.writeError(
            errorRecord(
              ctx,
              `The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
              'CommandNotFoundException',
              'ObjectNotFound',
              name,
              'System.Management.Automation.CommandNotFoundException',
            ),
          );
        }
        matched.push(...hits);
      }
    } else {
      const verbOrNoun = !!(p.Verb || p.Noun);
      matched = sortCommands(
        all.filter((c) => {
          if (!typeOk(c) || !moduleOk(c)) return false;
          if (verbOrNoun) {
            if (c.commandType === 'Alias') return false;
            const [verb, noun] = parts(c);
            if (p.Verb && !matchesAny(verb, p.Verb)) return false;
            if (p.Noun && !matchesAny(noun, p.Noun)) return false;
          }
          return true;
        }),
      );
    }
    const found: Set<string> = ctx.state.found;
    for (const c of matched) {
      const key = c.commandType + ':' + c.name.toLowerCase();
      if (found.has(key)) continue;
      found.add(key);
      if (p.TotalCount !== undefined && ctx.state.count >= p.TotalCount) return;
      ctx.state.count++;
      if (p.Syntax) {
        const target = c.commandType === 'Alias' ? resolve(c.definition) : undefined;
        ctx.write(target ? syntaxOf(target) : syntaxOf(c), false);
      } else ctx.write(commandObject(c, resolve), false);
    }
  },
});

export default cmdlet;
