// Format-List: objects as `Name : value` lines; the layout itself lives in src/format.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { enumerationLimitOf, formattedText } from '../../src/format/index.js';
import { collectInput } from './lib/collect-input.js';

interface Params {
  Property?: unknown[];
  GroupBy?: unknown;
  Force?: boolean;
  ExcludeProperty?: string[];
  InputObject?: unknown;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Format-List',
  aliases: ['fl'],
  synopsis: 'Formats the output as a list of properties, each on its own line.',
  description:
    "Shows each object as `Name : value` lines, the names padded to the longest. Without -Property an object's " +
    'registered list view is used, else all its properties; `Format-List *` shows every property. Collections show ' +
    'as {a, b, c, d…} ($FormatEnumerationLimit items), long values wrap under the value column.',
  parameters: [
    { name: 'Property', type: 'Object[]', position: 0, description: "Properties to show: names, wildcards ('*' for all), script blocks or calculated-property hashtables." },
    { name: 'GroupBy', type: 'Object', description: 'Shows a header each time this property changes.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Formats strings and numbers as objects instead of printing them as they are.' },
    { name: 'ExcludeProperty', type: 'String[]', description: 'Properties (wildcards allowed) to leave out.' },
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to format.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.Internal.Format'],
  examples: [
    {
      title: 'An object as a list',
      code: "[pscustomobject]@{Name='Inet'; Bindings='0.0.0.0:25'; AuthMechanism='Tls'} | Format-List",
      remarks: 'The names are padded to the longest one.',
      output: 'Name          : Inet\nBindings      : 0.0.0.0:25\nAuthMechanism : Tls',
    },
    {
      title: 'Chosen properties, and a collection',
      code: "[pscustomobject]@{Name='Inet'; Domains='a.com','b.com','c.com','d.com','e.com'} | Format-List -Property Domains",
      remarks: 'Collections show at most $FormatEnumerationLimit (4) items.',
      output: 'Domains : {a.com, b.com, c.com, d.com…}',
    },
  ],
  ...collectInput,
  async end(ctx) {
    const p = ctx.params;
    const text = await formattedText('list', ctx.state.items as unknown[], {
      width: Math.max(ctx.session.host.width - 1, 1),
      properties: p.Property,
      groupBy: p.GroupBy,
      force: p.Force,
      excludeProperty: p.ExcludeProperty,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    if (text) ctx.write(text, false);
  },
});

export default cmdlet;
