// Export-Csv: objects to a CSV file.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord } from './lib/common.js';
import { CsvWriter, delimiterOf, parseCsvRecords, type QuoteKind } from './lib/csv.js';
import { encode, ENCODINGS, normalizeEncoding, decode } from './lib/encoding.js';
import { QUOTE_KINDS, normalizeQuotes } from './convertto-csv.js';

interface Params {
  InputObject?: unknown;
  Path?: string;
  LiteralPath?: string;
  Delimiter?: string;
  UseCulture?: boolean;
  Append?: boolean;
  Force?: boolean;
  NoClobber?: boolean;
  Encoding?: string;
  IncludeTypeInformation?: boolean;
  NoTypeInformation?: boolean;
  UseQuotes?: QuoteKind;
  QuoteFields?: string[];
  NoHeader?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Export-Csv',
  aliases: ['epcsv'],
  synopsis: 'Converts objects into a series of character-separated value (CSV) strings and saves the strings to a file.',
  description:
    'Export-Csv writes its input objects to a CSV file as ConvertTo-Csv formats them: a header of property names ' +
    '(from the first object), then one line per object. -Append adds rows under the header of an existing file; ' +
    '-NoClobber refuses to replace a file. No #TYPE line is written unless -IncludeTypeInformation.',
  defaultParameterSet: 'Delimiter',
  supportsShouldProcess: true,
  parameters: [
    { name: 'InputObject', type: 'PSObject', mandatory: true, valueFromPipeline: true, description: 'The objects to export.' },
    { name: 'Path', type: 'String', position: 0, description: 'The file to write.' },
    { name: 'LiteralPath', type: 'String', aliases: ['PSPath', 'LP'], description: 'The file to write, taken literally.' },
    { name: 'Delimiter', type: 'Char', position: 1, parameterSets: ['Delimiter'], convert: (v) => String(v).slice(0, 1), description: 'The field separator; a comma by default.' },
    { name: 'UseCulture', type: 'SwitchParameter', parameterSets: ['UseCulture'], description: 'Uses the list separator of the culture (a comma here).' },
    { name: 'Append', type: 'SwitchParameter', description: 'Adds the rows to the end of the file.' },
    { name: 'Force', type: 'SwitchParameter', description: 'With -Append, writes rows even when their properties differ from the header.' },
    { name: 'NoClobber', type: 'SwitchParameter', aliases: ['NoOverwrite'], description: 'Does not replace an existing file.' },
    { name: 'Encoding', type: 'Encoding', validateSet: ENCODINGS, convert: normalizeEncoding, defaultValue: 'UTF8NoBOM', description: 'The text encoding of the file.' },
    { name: 'IncludeTypeInformation', type: 'SwitchParameter', aliases: ['ITI'], description: 'Writes a #TYPE line first.' },
    { name: 'NoTypeInformation', type: 'SwitchParameter', aliases: ['NTI'], description: 'Writes no #TYPE line (the default).' },
    { name: 'UseQuotes', type: 'QuoteKind', aliases: ['UQ'], validateSet: QUOTE_KINDS, convert: normalizeQuotes, defaultValue: 'Always', description: 'When to quote fields: Always, AsNeeded or Never.' },
    { name: 'QuoteFields', type: 'String[]', aliases: ['QF'], description: 'Quotes only these columns.' },
    { name: 'NoHeader', type: 'SwitchParameter', description: 'Leaves out the header line.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Export and import',
      code:
        "[pscustomobject]@{Domain='woodgrovebank.com'; Secure=$true} | Export-Csv -Path partners.csv\n" +
        'Get-Content partners.csv\n' +
        '(Import-Csv partners.csv).Domain',
      remarks: 'The file holds a header and a row; Import-Csv reads the objects back.',
      output: '"Domain","Secure"\n"woodgrovebank.com","True"\nwoodgrovebank.com',
    },
  ],
  begin(ctx) {
    ctx.state.objects = [];
  },
  process(ctx) {
    const o = ctx.params.InputObject;
    if (o !== undefined && o !== null) (ctx.state.objects as unknown[]).push(o);
  },
  async end(ctx) {
    const p = ctx.params;
    const userPath = p.LiteralPath ?? p.Path;
    if (!userPath) {
      ctx.throwTerminating(errorRecord(ctx, 'A path is required: specify -Path or -LiteralPath.', 'CannotSpecifyPathAndLiteralPath', 'InvalidData', undefined, 'System.InvalidOperationException'));
    }
    const file = ctx.session.resolvePath(userPath!);
    const exists = fs.existsSync(file);
    if (exists && p.NoClobber && !p.Append) {
      ctx.throwTerminating(errorRecord(ctx, `The file '${file}' already exists.`, 'NoClobber', 'ResourceExists', file, 'System.IO.IOException'));
    }
    if (!(await ctx.shouldProcess(file, 'Export-Csv'))) return;
    const delimiter = delimiterOf(p);
    const writer = new CsvWriter({ delimiter, useQuotes: p.UseQuotes ?? 'Always', quoteFields: p.QuoteFields, includeTypeInformation: !!p.IncludeTypeInformation && !p.NoTypeInformation });
    let appendingToHeader = false;
    if (p.Append && exists) {
      const text = decode(fs.readFileSync(file));
      const records = parseCsvRecords(text, delimiter).filter((r) => !(r[0] ?? '').startsWith('#'));
      if (records.length) {
        writer.useColumns(records[0]);
        appendingToHeader = true;
      }
    }
    const lines: string[] = [];
    let first = true;
    for (const o of ctx.state.objects as unknown[]) {
      const l = writer.lines(o);
      const skip = first && !appendingToHeader && p.NoHeader ? l.length - 1 : 0;
      first = false;
      lines.push(...l.slice(skip));
    }
    const text = lines.map((l) => l + '\n').join('');
    try {
      if (p.Append && exists) fs.appendFileSync(file, encode(text, p.Encoding === 'UTF8BOM' ? 'UTF8' : p.Encoding));
      else fs.writeFileSync(file, encode(text, p.Encoding));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      ctx.throwTerminating(
        errorRecord(ctx, code === 'ENOENT' ? `Could not find a part of the path '${file}'.` : (e as Error).message, 'FileOpenFailure', 'OpenError', file, 'System.IO.IOException'),
      );
    }
  },
});

export default cmdlet;
