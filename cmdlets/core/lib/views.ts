// Default views of the objects the core cmdlets write (PowerShell's *.format.ps1xml for them).
import { registerViews, type ViewDecl } from '../../../src/format/index.js';
import { formatDate } from '../../../src/format/dotnet-format.js';
import { PSObject } from '../../../src/engine/values.js';

function prop(o: unknown, name: string): unknown {
  return o instanceof PSObject ? o.get(name) : undefined;
}

/** `{0,10}  {1,8}` of the date and the short time, as the FileSystem view prints LastWriteTime. */
function lastWrite(o: unknown): string {
  const d = prop(o, 'LastWriteTime');
  if (!(d instanceof Date)) return '';
  return `${formatDate(d, 'd').padStart(10)}  ${formatDate(d, 't').padStart(8)}`;
}

const fileColumns = [
  { label: 'Mode', property: 'Mode', width: 7 },
  { label: 'LastWriteTime', expression: lastWrite, width: 26, align: 'right' as const },
  // directories have no Length (the intrinsic Length of a scalar must not show here)
  { label: 'Length', expression: (o: unknown) => prop(o, 'Length'), width: 14, align: 'right' as const },
  { label: 'Name', property: 'Name' },
];

/** The label is indented one more than the formatter's group header, as the FileSystem view is. */
const directoryGroup = { label: ' Directory', property: 'PSParentPath' };

const commandColumns = [
  { label: 'CommandType', property: 'CommandType', width: 15 },
  {
    label: 'Name',
    width: 50,
    expression: (o: unknown) => (prop(o, 'CommandType') === 'Alias' ? prop(o, 'DisplayName') : prop(o, 'Name')),
  },
  { label: 'Version', property: 'Version', width: 10 },
  { label: 'Source', property: 'Source' },
];

export const coreViews: ViewDecl[] = [
  // one view for files and directories, so a listing that mixes them stays one table
  {
    typeName: 'System.IO.FileSystemInfo',
    table: { columns: fileColumns, groupBy: directoryGroup },
    list: {
      properties: [
        'Name',
        { label: 'Length', expression: (o: unknown) => prop(o, 'Length') },
        'CreationTime',
        'LastWriteTime',
        'LastAccessTime',
        'Mode',
        'LinkType',
        'Target',
      ],
    },
  },
  {
    typeName: 'Microsoft.PowerShell.Commands.MemberDefinition',
    table: {
      columns: [{ label: 'Name' }, { label: 'MemberType' }, { label: 'Definition' }],
      groupBy: { label: 'TypeName', property: 'TypeName' },
    },
  },
  // on the common base type, so that aliases, functions and cmdlets share one table
  { typeName: 'System.Management.Automation.CommandInfo', table: { columns: commandColumns } },
  {
    typeName: 'Microsoft.PowerShell.Commands.GroupInfo',
    table: {
      columns: [
        { label: 'Count', width: 5, align: 'right' },
        { label: 'Name', width: 25 },
        { label: 'Group' },
      ],
    },
    list: { properties: ['Name', 'Count', 'Group', 'Values'] },
  },
  {
    typeName: 'Microsoft.PowerShell.Commands.GroupInfoNoElement',
    table: {
      columns: [
        { label: 'Count', width: 5, align: 'right' },
        { label: 'Name', width: 25 },
      ],
    },
    list: { properties: ['Name', 'Count', 'Values'] },
  },
  {
    typeName: 'System.Management.Automation.PSVariable',
    table: { columns: [{ label: 'Name', width: 30 }, { label: 'Value' }] },
  },
  { typeName: 'System.Management.Automation.PathInfo', table: { columns: [{ label: 'Path' }] } },
];

registerViews(coreViews);
