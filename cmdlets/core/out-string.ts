// Out-String: the text Out-Default would print, as a string (or one string per line with -Stream).
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { UNLIMITED, enumerationLimitOf, renderOutput } from '../../src/format/index.js';

interface Params {
  InputObject?: unknown;
  Width?: number;
  Stream?: boolean;
  NoNewline?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Out-String',
  aliases: [],
  synopsis: 'Outputs input objects as a string.',
  description:
    'Formats its input the way the console would show it and writes the text as one string, every line ended ' +
    'by a newline. -Stream writes each line as its own string; -Width sets the line width (tables otherwise use ' +
    'the console width, and lists do not wrap); -NoNewline joins the lines without newlines.',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to convert.' },
    { name: 'Width', type: 'Int32', validateRange: [2, 2147483647], description: 'Characters in each line of output.' },
    { name: 'Stream', type: 'SwitchParameter', parameterSets: ['StreamFormatting'], description: 'Writes each line as a separate string.' },
    { name: 'NoNewline', type: 'SwitchParameter', parameterSets: ['NoNewLineFormatting'], description: 'Does not end lines with a newline.' },
  ],
  defaultParameterSet: 'NoNewLineFormatting',
  outputTypes: ['System.String'],
  examples: [
    {
      title: 'A table as lines of text',
      code: "[pscustomobject]@{Name='Inet'; Port=25} | Out-String -Stream | Where-Object { $_ -match 'Inet' }",
      remarks: 'Each line of the table is a string that later commands can filter.',
      output: 'Inet   25',
    },
  ],
  begin(ctx) {
    ctx.state.items = [];
  },
  process(ctx) {
    const v = ctx.bound.has('InputObject') ? ctx.params.InputObject : ctx.input;
    if (v !== undefined && v !== null) (ctx.state.items as unknown[]).push(v);
  },
  end(ctx) {
    const width = ctx.params.Width;
    const lines = renderOutput(ctx.state.items as unknown[], {
      columns: width ?? UNLIMITED,
      tableColumns: width ?? ctx.session.host.width,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    if (ctx.params.Stream) for (const l of lines) ctx.write(l);
    else ctx.write(ctx.params.NoNewline ? lines.join('') : lines.map((l) => l + '\n').join(''));
  },
});

export default cmdlet;
