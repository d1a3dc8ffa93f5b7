// Format-Wide: one property of each object, several objects per line.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { enumerationLimitOf, formattedText } from '../../src/format/index.js';
import { collectInput } from './lib/collect-input.js';

interface Params {
  Property?: unknown;
  AutoSize?: boolean;
  Column?: number;
  GroupBy?: unknown;
  Force?: boolean;
  InputObject?: unknown;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Format-Wide',
  aliases: ['fw'],
  synopsis: 'Formats objects as a wide table that shows one property of each.',
  description:
    'Shows one property of each object (by default its name: Name, Id or Key), laid out in columns: two by default, ' +
    '-Column N, or as many as fit with -AutoSize.',
  parameters: [
    { name: 'Property', type: 'Object', position: 0, description: 'The property to show.' },
    { name: 'AutoSize', type: 'SwitchParameter', description: 'Fits as many columns as the widest value allows.' },
    { name: 'Column', type: 'Int32', validateRange: [1, 2147483647], description: 'The number of columns.' },
    { name: 'GroupBy', type: 'Object', description: 'Shows a header each time this property changes.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Formats strings and numbers as objects instead of printing them as they are.' },
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to format.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.Internal.Format'],
  examples: [
    {
      title: 'Names in four columns',
      code: "'mail1','mail2','mail3','mail4','mail5' | ForEach-Object { [pscustomobject]@{Name=$_} } | Format-Wide -Column 4",
      remarks: 'The console width is shared between the columns.',
      output:
        'mail1' + ' '.repeat(25) + 'mail2' + ' '.repeat(25) + 'mail3' + ' '.repeat(25) + 'mail4\nmail5',
    },
  ],
  begin(ctx) {
    if (ctx.params.AutoSize && ctx.bound.has('Column')) {
      ctx.throwTerminating('Cmdlet parameters AutoSize and Column are mutually exclusive.', 'FormatCannotSpecifyAutosizeAndColumns,Microsoft.PowerShell.Commands.FormatWideCommand', 'InvalidArgument');
    }
    collectInput.begin(ctx);
  },
  process: collectInput.process,
  async end(ctx) {
    const p = ctx.params;
    const text = await formattedText('wide', ctx.state.items as unknown[], {
      width: Math.max(ctx.session.host.width - 1, 1),
      properties: p.Property === undefined || p.Property === null ? undefined : [p.Property],
      groupBy: p.GroupBy,
      autoSize: p.AutoSize,
      column: p.Column,
      force: p.Force,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    if (text) ctx.write(text, false);
  },
});

export default cmdlet;
