// CommandInfo objects (CmdletInfo, AliasInfo, FunctionInfo) as Get-Command writes them.
import type { CommandInfo } from '../../../src/engine/cmdlet.js';
import { PSObject } from '../../../src/engine/values.js';
import { syntaxLines } from '../help-text.js';

const TYPE_ORDER: Record<string, number> = { Alias: 0, Function: 1, Filter: 2, Cmdlet: 3 };

export function sortCommands(list: CommandInfo[]): CommandInfo[] {
  return [...list].sort((a, b) => {
    const t = (TYPE_ORDER[a.commandType] ?? 9) - (TYPE_ORDER[b.commandType] ?? 9);
    if (t !== 0) return t;
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function versionOf(info: CommandInfo): string {
  if (info.commandType === 'Alias' || info.commandType === 'Function' || info.commandType === 'Filter') return '';
  return info.source.startsWith('Microsoft.PowerShell') ? '7.0.0.0' : '0.1.0';
}

/** The syntax of a command, as Get-Command -Syntax prints it. */
export function syntaxOf(info: CommandInfo): string {
  if (info.commandType === 'Alias') return `${info.name} -> ${info.definition}`;
  if (info.decl) return syntaxLines(info.decl.name, info.decl).join('\n\n');
  const params = info.parameters ?? [];
  return `${info.name}${params.map((p) => ` [[-${p.name}] <${p.type}>]`).join('')}`;
}

export function commandObject(info: CommandInfo, resolve?: (name: string) => CommandInfo | undefined): PSObject {
  const typeName =
    info.commandType === 'Alias'
      ? 'System.Management.Automation.AliasInfo'
      : info.commandType === 'Cmdlet'
        ? 'System.Management.Automation.CmdletInfo'
        : info.commandType === 'Filter'
          ? 'System.Management.Automation.FilterInfo'
          : 'System.Management.Automation.FunctionInfo';
  const o = new PSObject([typeName, 'System.Management.Automation.CommandInfo', 'System.Object']);
  const isAlias = info.commandType === 'Alias';
  const source = isAlias ? '' : info.source;
  const [verb, ...noun] = info.name.includes('-') && !isAlias ? info.name.split('-') : ['', ''];
  o.addProperty({ name: 'CommandType', memberType: 'Property', value: info.commandType, typeName: 'System.Management.Automation.CommandTypes', readOnly: true });
  o.addProperty({ name: 'Name', memberType: 'Property', value: info.name, typeName: 'System.String', readOnly: true });
  if (isAlias) {
    o.addProperty({ name: 'DisplayName', memberType: 'Property', value: `${info.name} -> ${info.definition}`, typeName: 'System.String', readOnly: true });
    o.addProperty({ name: 'ResolvedCommandName', memberType: 'Property', value: info.definition, typeName: 'System.String', readOnly: true });
    o.addProperty({
      name: 'ResolvedCommand',
      memberType: 'Property',
      getter: () => {
        const target = resolve?.(info.definition);
        return target ? commandObject(target, resolve) : null;
      },
      typeName: 'System.Management.Automation.CommandInfo',
      readOnly: true,
    });
    o.addProperty({ name: 'ReferencedCommand', memberType: 'AliasProperty', getter: () => o.get('ResolvedCommand'), typeName: 'System.Management.Automation.CommandInfo' });
  } else {
    o.addProperty({ name: 'Verb', memberType: 'Property', value: verb, typeName: 'System.String', readOnly: true });
    o.addProperty({ name: 'Noun', memberType: 'Property', value: noun.join('-'), typeName: 'System.String', readOnly: true });
  }
  o.addProperty({ name: 'Definition', memberType: 'Property', value: info.commandType === 'Cmdlet' ? syntaxOf(info) : info.definition, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Version', memberType: 'Property', value: versionOf(info), typeName: 'System.Version', readOnly: true });
  o.addProperty({ name: 'Source', memberType: 'Property', value: source, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'ModuleName', memberType: 'Property', value: source, typeName: 'System.String', readOnly: true });
  if (info.decl) {
    const d = info.decl;
    o.addProperty({ name: 'OutputType', memberType: 'Property', value: d.outputTypes ?? [], typeName: 'System.Collections.ObjectModel.ReadOnlyCollection`1[[System.Management.Automation.PSTypeName]]', readOnly: true });
    o.addProperty({ name: 'DefaultParameterSet', memberType: 'Property', value: d.defaultParameterSet ?? null, typeName: 'System.String', readOnly: true });
    if (!isAlias) o.addProperty({ name: 'ParameterNames', memberType: 'ScriptProperty', getter: () => d.parameters.map((p) => p.name), typeName: 'System.String[]' });
  }
  o.addMethod('ToString', () => info.name);
  return o;
}
