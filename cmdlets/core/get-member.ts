// Get-Member: lists the properties and methods of objects, once per distinct type.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { memberList } from '../../src/engine/members.js';
import { errorRecord, firstTypeName, matchesAny } from './lib/common.js';

interface Params {
  InputObject?: unknown;
  Name?: string[];
  MemberType?: string[];
  View?: string;
  Static?: boolean;
  Force?: boolean;
}

export const MEMBER_TYPES = [
  'AliasProperty', 'CodeProperty', 'Property', 'NoteProperty', 'ScriptProperty', 'Properties', 'PropertySet', 'Method',
  'CodeMethod', 'ScriptMethod', 'Methods', 'ParameterizedProperty', 'MemberSet', 'Event', 'Dynamic', 'InferredProperty', 'All',
];

const GROUPS: Record<string, string[]> = {
  properties: ['aliasproperty', 'codeproperty', 'property', 'noteproperty', 'scriptproperty', 'inferredproperty'],
  methods: ['method', 'codemethod', 'scriptmethod'],
};

function memberTypeMatches(memberType: string, wanted: string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  const t = memberType.toLowerCase();
  return wanted.some((w) => {
    const l = w.toLowerCase();
    return l === 'all' || l === t || (GROUPS[l]?.includes(t) ?? false);
  });
}

export function memberDefinition(typeName: string, name: string, memberType: string, definition: string): PSObject {
  const o = new PSObject(['Microsoft.PowerShell.Commands.MemberDefinition', 'System.Object']);
  o.addProperty({ name: 'TypeName', memberType: 'Property', value: typeName, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Name', memberType: 'Property', value: name, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'MemberType', memberType: 'Property', value: memberType, typeName: 'System.Management.Automation.PSMemberTypes', readOnly: true });
  o.addProperty({ name: 'Definition', memberType: 'Property', value: definition, typeName: 'System.String', readOnly: true });
  o.addMethod('ToString', () => definition);
  return o;
}

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Member',
  aliases: ['gm'],
  synopsis: 'Gets the properties and methods of objects.',
  description:
    'Get-Member lists the members (properties and methods) of the objects piped to it, under the type name of each ' +
    'distinct type it receives. -Name and -MemberType narrow the list. Use it to find what you can read from the ' +
    'objects a cmdlet returns, for example `Get-ReceiveConnector | Get-Member -MemberType Property`.',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The object whose members are listed. Usually piped in.' },
    { name: 'Name', type: 'String[]', position: 0, description: 'The names of the members to list. Wildcards are permitted.' },
    {
      name: 'MemberType',
      type: 'PSMemberTypes',
      aliases: ['Type'],
      validateSet: MEMBER_TYPES,
      convert: (v) => (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()),
      description: 'The kinds of members to list, such as Property, NoteProperty or Method (Properties and Methods cover their kinds).',
    },
    { name: 'View', type: 'PSMemberViewTypes', validateSet: ['Extended', 'Adapted', 'Base', 'All'], description: 'Accepted for compatibility; every member is listed.' },
    { name: 'Static', type: 'SwitchParameter', description: 'Accepted for compatibility; static members are not listed.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.MemberDefinition'],
  examples: [
    {
      title: 'The properties of a custom object',
      code: "[pscustomobject]@{Name='Internet'; Port=25} | Get-Member -MemberType NoteProperty",
      remarks: 'Lists the note properties with their types and values, under the type name.',
      output:
        '\n   TypeName: System.Management.Automation.PSCustomObject\n\nName MemberType   Definition\n---- ----------   ----------\nName NoteProperty string Name=Internet\nPort NoteProperty int Port=25\n',
    },
    {
      title: 'Find one member',
      code: "'contoso.com' | Get-Member -Name Length | ForEach-Object Definition",
      remarks: 'The Definition tells the type of the property and whether it can be set.',
      output: 'int Length {get;}',
    },
  ],
  begin(ctx) {
    ctx.state.seen = new Set<string>();
    ctx.state.any = false;
  },
  process(ctx) {
    const p = ctx.params;
    if (!ctx.bound.has('InputObject') || p.InputObject === undefined) return;
    ctx.state.any = true;
    const obj = p.InputObject;
    if (obj === null) return;
    const typeName = firstTypeName(obj);
    const seen: Set<string> = ctx.state.seen;
    if (seen.has(typeName)) return;
    seen.add(typeName);
    let members: { name: string; memberType: string; definition: string }[];
    try {
      members = memberList(obj);
    } catch {
      members = [];
    }
    const rows = members
      .filter((m) => memberTypeMatches(m.memberType, p.MemberType) && (!p.Name || matchesAny(m.name, p.Name)))
      .sort((a, b) => ordinal(a.memberType, b.memberType) || ordinal(a.name.toLowerCase(), b.name.toLowerCase()));
    for (const m of rows) ctx.write(memberDefinition(typeName, m.name, m.memberType, m.definition), false);
  },
  end(ctx) {
    if (!ctx.state.any) {
      ctx.writeError(errorRecord(ctx, 'You must specify an object for the Get-Member cmdlet.', 'NoObjectInGetMember', 'CloseError', undefined, 'System.InvalidOperationException'));
    }
  },
});

export default cmdlet;
