// Format-Table: objects to a table; the layout itself lives in src/format.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { enumerationLimitOf, formattedText } from '../../src/format/index.js';
import { collectInput } from './lib/collect-input.js';

interface Params {
  Property?: unknown[];
  GroupBy?: unknown;
  AutoSize?: boolean;
  HideTableHeaders?: boolean;
  Wrap?: boolean;
  Force?: boolean;
  ExcludeProperty?: string[];
  InputObject?: unknown;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Format-Table',
  aliases: ['ft'],
  synopsis: 'Formats the output as a table.',
  description:
    'Shows the selected properties of each object in a column. The type of the first object decides the columns ' +
    "(its registered view, or its properties); -Property picks them by name, wildcard or calculated property " +
    "(@{Name='X'; Expression={...}; Width=10; Alignment='Right'; FormatString='N2'}). Columns are sized from the " +
    'data; a table wider than the console has its last columns cut with an ellipsis (or wrapped with -Wrap).',
  parameters: [
    { name: 'Property', type: 'Object[]', position: 0, description: 'Properties to show: names, wildcards, script blocks or calculated-property hashtables.' },
    { name: 'AutoSize', type: 'SwitchParameter', description: 'Sizes the columns from every row.' },
    { name: 'HideTableHeaders', type: 'SwitchParameter', description: 'Omits the column headers and the dash row.' },
    { name: 'Wrap', type: 'SwitchParameter', description: 'Wraps long values onto more lines instead of cutting them.' },
    { name: 'GroupBy', type: 'Object', description: 'Starts a new table, under a header, each time this property changes.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Formats strings and numbers as objects instead of printing them as they are.' },
    { name: 'ExcludeProperty', type: 'String[]', description: 'Properties (wildcards allowed) to leave out.' },
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to format.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.Internal.Format'],
  examples: [
    {
      title: 'A table of an object',
      code: "[pscustomobject]@{Name='Internet'; Port=25; Enabled=$true} | Format-Table",
      remarks: 'Numbers and booleans are right-aligned, text is left-aligned; the last column is not padded.',
      output: 'Name     Port Enabled\n----     ---- -------\nInternet   25    True',
    },
    {
      title: 'Chosen and calculated columns',
      code: "[pscustomobject]@{Name='Inet'; MaxMessageSize=20971520} | Format-Table Name, @{Name='SizeMB'; Expression={ $_.MaxMessageSize / 1048576 }}",
      remarks: 'A calculated property names its column and computes the value from $_.',
      output: 'Name SizeMB\n---- ------\nInet     20',
    },
  ],
  ...collectInput,
  async end(ctx) {
    const p = ctx.params;
    const text = await formattedText('table', ctx.state.items as unknown[], {
      width: Math.max(ctx.session.host.width - 1, 1),
      properties: p.Property,
      groupBy: p.GroupBy,
      autoSize: p.AutoSize,
      hideTableHeaders: p.HideTableHeaders,
      wrap: p.Wrap,
      force: p.Force,
      excludeProperty: p.ExcludeProperty,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    if (text) ctx.write(text, false);
  },
});

export default cmdlet;
