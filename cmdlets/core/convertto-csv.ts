// ConvertTo-Csv: objects to CSV lines.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { CsvWriter, delimiterOf, type QuoteKind } from './lib/csv.js';

interface Params {
  InputObject?: unknown;
  Delimiter?: string;
  UseCulture?: boolean;
  IncludeTypeInformation?: boolean;
  NoTypeInformation?: boolean;
  UseQuotes?: QuoteKind;
  QuoteFields?: string[];
  NoHeader?: boolean;
}

export const QUOTE_KINDS = ['Never', 'Always', 'AsNeeded'];
export const normalizeQuotes = (v: unknown) => QUOTE_KINDS.find((k) => k.toLowerCase() === String(v).toLowerCase()) ?? String(v);

export const cmdlet = defineCmdlet<Params>({
  name: 'ConvertTo-Csv',
  synopsis: 'Converts .NET objects into a series of character-separated value (CSV) strings.',
  description:
    'ConvertTo-Csv writes a header line of property names (from the first object) and one line per object with its ' +
    'property values, every field in double quotes unless -UseQuotes says otherwise. -IncludeTypeInformation adds a ' +
    '#TYPE line first; -NoTypeInformation is the default and is accepted for older scripts.',
  defaultParameterSet: 'Delimiter',
  parameters: [
    { name: 'InputObject', type: 'PSObject', position: 0, mandatory: true, valueFromPipeline: true, description: 'The objects to convert.' },
    { name: 'Delimiter', type: 'Char', position: 1, parameterSets: ['Delimiter'], convert: (v) => String(v).slice(0, 1), description: 'The field separator; a comma by default.' },
    { name: 'UseCulture', type: 'SwitchParameter', mandatory: true, parameterSets: ['UseCulture'], description: 'Uses the list separator of the culture (a comma here).' },
    { name: 'IncludeTypeInformation', type: 'SwitchParameter', aliases: ['ITI'], description: 'Writes a #TYPE line with the type of the first object.' },
    { name: 'NoTypeInformation', type: 'SwitchParameter', aliases: ['NTI'], description: 'Writes no #TYPE line (the default).' },
    { name: 'UseQuotes', type: 'QuoteKind', aliases: ['UQ'], validateSet: QUOTE_KINDS, convert: normalizeQuotes, defaultValue: 'Always', description: 'When to quote fields: Always, AsNeeded (when they contain the delimiter, quotes or newlines) or Never.' },
    { name: 'QuoteFields', type: 'String[]', aliases: ['QF'], description: 'Quotes only these columns.' },
    { name: 'NoHeader', type: 'SwitchParameter', description: 'Leaves out the header line.' },
  ],
  outputTypes: ['System.String'],
  examples: [
    {
      title: 'Objects as CSV',
      code: "[pscustomobject]@{Name='Internet'; Port=25}, [pscustomobject]@{Name='Partner'; Port=2525} | ConvertTo-Csv",
      remarks: 'A header line, then one quoted line per object.',
      output: '"Name","Port"\n"Internet","25"\n"Partner","2525"',
    },
    {
      title: 'Quotes only where needed',
      code: "[pscustomobject]@{Domain='contoso.com'; Note='a, b'} | ConvertTo-Csv -UseQuotes AsNeeded",
      remarks: 'Only the field containing the delimiter is quoted.',
      output: 'Domain,Note\ncontoso.com,"a, b"',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    ctx.state.writer = new CsvWriter({
      delimiter: delimiterOf(p),
      useQuotes: p.UseQuotes ?? 'Always',
      quoteFields: p.QuoteFields,
      includeTypeInformation: !!p.IncludeTypeInformation && !p.NoTypeInformation,
    });
    ctx.state.first = true;
  },
  process(ctx) {
    const obj = ctx.params.InputObject;
    if (obj === undefined || obj === null) return;
    const lines = (ctx.state.writer as CsvWriter).lines(obj);
    const skip = ctx.state.first && ctx.params.NoHeader ? 1 + (lines.length > 2 ? 1 : 0) : 0;
    ctx.state.first = false;
    for (const l of lines.slice(skip)) ctx.write(l, false);
  },
});

export default cmdlet;
