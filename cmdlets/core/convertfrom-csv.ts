// ConvertFrom-Csv: CSV lines to objects.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';
import { csvObjects, delimiterOf } from './lib/csv.js';

interface Params {
  InputObject?: unknown[];
  Delimiter?: string;
  UseCulture?: boolean;
  Header?: string[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'ConvertFrom-Csv',
  synopsis: 'Converts object properties in character-separated value (CSV) format into CSV versions of the original objects.',
  description:
    'ConvertFrom-Csv reads CSV lines and writes one PSCustomObject per record, named by the header line (or by ' +
    '-Header). Every value is a string. Quoted fields may hold delimiters, quotes ("") and line breaks.',
  defaultParameterSet: 'Delimiter',
  parameters: [
    { name: 'InputObject', type: 'PSObject[]', position: 0, mandatory: true, valueFromPipeline: true, description: 'The CSV lines.' },
    { name: 'Delimiter', type: 'Char', position: 1, parameterSets: ['Delimiter'], convert: (v) => String(v).slice(0, 1), description: 'The field separator; a comma by default.' },
    { name: 'UseCulture', type: 'SwitchParameter', mandatory: true, parameterSets: ['UseCulture'], description: 'Uses the list separator of the culture (a comma here).' },
    { name: 'Header', type: 'String[]', description: 'The property names, when the text has no header line.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Objects from CSV',
      code: "'Name,Port', 'Internet,25', 'Partner,2525' | ConvertFrom-Csv | ForEach-Object { \"$($_.Name):$($_.Port)\" }",
      remarks: 'The header line names the properties of each object.',
      output: 'Internet:25\nPartner:2525',
    },
    {
      title: 'Supply the header',
      code: "'contoso.com;Authoritative' | ConvertFrom-Csv -Delimiter ';' -Header DomainName, DomainType | ForEach-Object DomainType",
      remarks: 'Without a header line, -Header names the columns.',
      output: 'Authoritative',
    },
  ],
  begin(ctx) {
    ctx.state.lines = [];
  },
  process(ctx) {
    for (const v of ctx.params.InputObject ?? []) if (v !== null && v !== undefined) (ctx.state.lines as string[]).push(toStr(v));
  },
  end(ctx) {
    const p = ctx.params;
    for (const o of csvObjects((ctx.state.lines as string[]).join('\n'), delimiterOf(p), p.Header)) ctx.write(o, false);
  },
});

export default cmdlet;
