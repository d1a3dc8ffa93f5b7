// Import-Csv: objects from a CSV file.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { pathNotFound } from './lib/common.js';
import { csvObjects, delimiterOf } from './lib/csv.js';
import { ENCODINGS, decode, normalizeEncoding } from './lib/encoding.js';
import { expandPath } from './lib/fs-items.js';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  Delimiter?: string;
  UseCulture?: boolean;
  Header?: string[];
  Encoding?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Import-Csv',
  aliases: ['ipcsv'],
  synopsis: 'Creates table-like custom objects from the items in a character-separated value (CSV) file.',
  description:
    'Import-Csv reads CSV files and writes one PSCustomObject per record, named by the header line (or by -Header). ' +
    'Every value is a string. A #TYPE line, if present, is skipped.',
  defaultParameterSet: 'Delimiter',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, description: 'The CSV files to read. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', aliases: ['PSPath', 'LP'], valueFromPipelineByPropertyName: true, description: 'The CSV files, taken literally.' },
    { name: 'Delimiter', type: 'Char', position: 1, parameterSets: ['Delimiter'], convert: (v) => String(v).slice(0, 1), description: 'The field separator; a comma by default.' },
    { name: 'UseCulture', type: 'SwitchParameter', mandatory: true, parameterSets: ['UseCulture'], description: 'Uses the list separator of the culture (a comma here).' },
    { name: 'Header', type: 'String[]', description: 'The property names, when the file has no header line.' },
    { name: 'Encoding', type: 'Encoding', validateSet: ENCODINGS, convert: normalizeEncoding, defaultValue: 'UTF8NoBOM', description: 'The text encoding of the files.' },
  ],
  outputTypes: ['System.Object'],
  examples: [
    {
      title: 'Read a CSV file',
      setup: "Set-Content -Path domains.csv -Value 'Name,DomainType', 'contoso.com,Authoritative', 'relay.contoso.com,InternalRelay'",
      code: 'Import-Csv domains.csv | ForEach-Object Name',
      remarks: 'One object per record; the header names the properties.',
      output: 'contoso.com\nrelay.contoso.com',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (!wildcard && !fs.existsSync(paths[0])) {
        ctx.writeError(pathNotFound(ctx, paths[0]));
        continue;
      }
      for (const file of paths) {
        const text = decode(fs.readFileSync(file), p.Encoding);
        for (const o of csvObjects(text, delimiterOf(p), p.Header)) ctx.write(o, false);
      }
    }
  },
});

export default cmdlet;
