// Get-Help: the help of a command, generated from its declaration.
import { defineCmdlet, type CommandInfo } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord } from './lib/common.js';
import { renderFunctionHelp, renderHelp, selectParameters } from './help-text.js';
import { sortCommands } from './lib/commands.js';

interface Params {
  Name?: string;
  Full?: boolean;
  Detailed?: boolean;
  Examples?: boolean;
  Parameter?: string[];
  Category?: string[];
  Online?: boolean;
  ShowWindow?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Help',
  aliases: ['help', 'man'],
  synopsis: 'Displays information about PowerShell commands and concepts.',
  description:
    'Get-Help shows the help of a command: its synopsis, syntax (one line per parameter set), description and ' +
    'remarks. -Detailed adds the parameter descriptions and the examples, -Full adds each parameter\'s details ' +
    '(required, position, default value, pipeline input, wildcards) and the input and output types; -Examples shows ' +
    'only the examples and -Parameter only the named parameters. The help of an alias is the help of its command. ' +
    'A name with wildcards that matches several commands lists them.',
  defaultParameterSet: 'AllUsersView',
  parameters: [
    { name: 'Name', type: 'String', position: 0, valueFromPipelineByPropertyName: true, description: 'The command to show help for. Wildcards are permitted.' },
    { name: 'Full', type: 'SwitchParameter', parameterSets: ['AllUsersView'], description: 'Shows the whole help, with parameter details and input and output types.' },
    { name: 'Detailed', type: 'SwitchParameter', mandatory: true, parameterSets: ['DetailedView'], description: 'Adds the parameter descriptions and the examples.' },
    { name: 'Examples', type: 'SwitchParameter', mandatory: true, parameterSets: ['Examples'], description: 'Shows only the examples.' },
    { name: 'Parameter', type: 'String[]', mandatory: true, parameterSets: ['Parameters'], description: 'Shows only the details of these parameters. Wildcards are permitted.' },
    { name: 'Category', type: 'String[]', description: 'Accepted for compatibility: every topic is a command (Alias, Cmdlet, Function).' },
    { name: 'Online', type: 'SwitchParameter', mandatory: true, parameterSets: ['Online'], description: 'Not available: the help of this shell is generated from its commands.' },
    { name: 'ShowWindow', type: 'SwitchParameter', mandatory: true, parameterSets: ['ShowWindow'], description: 'Not available in this shell.' },
  ],
  outputTypes: ['System.String'],
  examples: [
    {
      title: 'The details of one parameter',
      code: 'Get-Help Test-Path -Parameter PathType',
      remarks: 'Shows whether the parameter is required, its position, its default value and whether it takes pipeline input.',
      output:
        '    -PathType <TestPathType>\n' +
        '        The type of item to test for: Leaf (a file), Container (a directory) or Any.\n\n' +
        '        Possible values: Any, Container, Leaf\n\n' +
        '        Required?                    false\n' +
        '        Position?                    named\n' +
        '        Default value                Any\n' +
        '        Accept pipeline input?       False\n' +
        '        Aliases                      Type\n' +
        '        Accept wildcard characters?  false',
    },
    {
      title: 'Help through an alias',
      code: 'Get-Help gl',
      remarks: 'The help of an alias is the help of the command it names; ALIASES lists its aliases.',
      output:
        'NAME\n    Get-Location\n\nSYNOPSIS\n    Gets information about the current working location or a location stack.\n\n\n' +
        'SYNTAX\n    Get-Location [<CommonParameters>]\n\n\n' +
        'DESCRIPTION\n    Get-Location writes the current directory as a PathInfo object, whose Path property is the directory. Relative\n' +
        '    paths given to other commands are resolved against it; Set-Location changes it.\n\n\n' +
        'ALIASES\n    gl\n    pwd\n\n\n' +
        'REMARKS\n    To see the examples, type: "Get-Help Get-Location -Examples"\n' +
        '    For more information, type: "Get-Help Get-Location -Detailed"\n' +
        '    For technical information, type: "Get-Help Get-Location -Full"',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const name = p.Name ?? 'Get-Help';
    if (p.Online) {
      ctx.throwTerminating(errorRecord(ctx, 'The online version of this Help topic cannot be displayed because this shell generates its help from its commands.', 'InvalidOperation', 'InvalidOperation', name, 'System.InvalidOperationException'));
    }
    const commands = ctx.session.commands;
    let hits: CommandInfo[];
    if (hasWildcard(name)) {
      const re = wildcardToRegex(name);
      hits = sortCommands(commands.all().filter((c) => re.test(c.name)));
    } else {
      const one = commands.get(name);
      hits = one ? [one] : [];
    }
    if (hits.length === 0) {
      ctx.writeError(
        errorRecord(
          ctx,
          `Get-Help could not find ${name} in a help file in this session. To download updated help topics type: "Update-Help". To get help online, search for the help topic in the TechNet library at https://go.microsoft.com/fwlink/?LinkID=107116.`,
          'HelpNotFound',
          'ResourceUnavailable',
          name,
          'Microsoft.PowerShell.Commands.HelpNotFoundException',
        ),
      );
      return;
    }
    if (hits.length > 1) {
      for (const c of hits) {
        const o = new PSObject(['HelpInfoShort', 'System.Object']);
        o.add('Name', c.name, 'NoteProperty');
        o.add('Category', c.commandType, 'NoteProperty');
        o.add('Module', c.commandType === 'Alias' ? '' : c.source, 'NoteProperty');
        o.add('Synopsis', c.commandType === 'Alias' ? c.definition : (c.decl?.synopsis ?? c.name), 'NoteProperty');
        ctx.write(o, false);
      }
      return;
    }
    let info = hits[0];
    if (info.commandType === 'Alias') info = commands.get(info.definition) ?? info;
    const width = Math.max(ctx.session.host.width - 1, 40);
    const decl = info.decl;
    if (!decl) {
      ctx.write(renderFunctionHelp(info), false);
      return;
    }
    const aliases = commands
      .all()
      .filter((c) => c.commandType === 'Alias' && c.definition.toLowerCase() === decl.name.toLowerCase())
      .map((c) => c.name);
    if (p.Parameter) {
      const found = selectParameters(decl, p.Parameter);
      if (found.length === 0) {
        ctx.writeError(
          errorRecord(ctx, `No parameter matches criteria ${p.Parameter.join(', ')}.`, 'NoParmsFound', 'InvalidArgument', p.Parameter.join(', '), 'System.ArgumentException'),
        );
        return;
      }
    }
    ctx.write(
      renderHelp(decl, {
        full: p.Full,
        detailed: p.Detailed,
        examples: p.Examples,
        parameters: p.Parameter,
        width,
        aliases: aliases.length ? aliases : undefined,
      }),
      false,
    );
  },
});

export default cmdlet;
