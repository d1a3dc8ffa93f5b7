// ConvertFrom-Json: JSON text to PSCustomObjects (or hashtables).
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';
import { errorRecord } from './lib/common.js';
import { JsonSyntaxError, parseJson } from './lib/json.js';

interface Params {
  InputObject?: string;
  AsHashtable?: boolean;
  Depth?: number;
  NoEnumerate?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'ConvertFrom-Json',
  synopsis: 'Converts a JSON-formatted string to a custom object or a hash table.',
  description:
    'ConvertFrom-Json turns JSON text into objects: JSON objects become PSCustomObjects (or ordered hashtables with ' +
    '-AsHashtable), arrays become arrays whose elements are written one by one (unless -NoEnumerate), numbers become ' +
    'integers or doubles and ISO 8601 date strings become dates. Piped lines (Get-Content file.json) are joined ' +
    'before parsing.',
  parameters: [
    { name: 'InputObject', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, description: 'The JSON text.' },
    { name: 'AsHashtable', type: 'SwitchParameter', description: 'Makes JSON objects ordered hashtables instead of PSCustomObjects.' },
    { name: 'Depth', type: 'Int32', defaultValue: 1024, description: 'The deepest nesting accepted.' },
    { name: 'NoEnumerate', type: 'SwitchParameter', description: 'Writes a JSON array as one array object.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject', 'System.Collections.Hashtable'],
  examples: [
    {
      title: 'Read a property from JSON',
      code: "$c = '{\"Name\":\"Internet\",\"Port\":25}' | ConvertFrom-Json\n$c.Name\n$c.Port + 1",
      remarks: 'The JSON object becomes a PSCustomObject; numbers stay numbers.',
      output: 'Internet\n26',
    },
    {
      title: 'An array of objects',
      code: "'[{\"Domain\":\"contoso.com\"},{\"Domain\":\"woodgrovebank.com\"}]' | ConvertFrom-Json | ForEach-Object Domain",
      remarks: 'The elements of a JSON array are written one by one.',
      output: 'contoso.com\nwoodgrovebank.com',
    },
    {
      title: 'As a hashtable',
      code: "$h = '{\"TLSSendDomainSecureList\":[\"woodgrovebank.com\"]}' | ConvertFrom-Json -AsHashtable\n$h['TLSSendDomainSecureList']",
      remarks: '-AsHashtable gives an ordered hashtable.',
      output: 'woodgrovebank.com',
    },
  ],
  begin(ctx) {
    ctx.state.buffer = [];
  },
  process(ctx) {
    const v = ctx.params.InputObject;
    if (v !== undefined && v !== null) (ctx.state.buffer as string[]).push(toStr(v));
  },
  end(ctx) {
    const p = ctx.params;
    const buffer: string[] = ctx.state.buffer;
    if (buffer.length === 0) return;
    const emit = (v: unknown) => {
      if (Array.isArray(v) && !p.NoEnumerate) ctx.write(v, true);
      else ctx.write(v, false);
    };
    const parse = (text: string) => parseJson(text, !!p.AsHashtable);
    const fail = (e: unknown) => {
      const msg = e instanceof JsonSyntaxError ? e.message : e instanceof Error ? e.message : String(e);
      ctx.throwTerminating(
        errorRecord(ctx, msg.startsWith('Cannot convert') || msg.startsWith('The provided JSON') ? msg : `Conversion from JSON failed with error: ${msg}`, 'System.ArgumentException', 'NotSpecified', undefined, 'System.ArgumentException'),
      );
    };
    if (buffer.length > 1) {
      // several objects: each piped string is one document, unless they only parse together
      const each: unknown[] = [];
      let ok = true;
      for (const s of buffer) {
        try {
          each.push(parse(s));
        } catch {
          ok = false;
          break;
        }
      }
      if (ok) {
        for (const v of each) emit(v);
        return;
      }
    }
    try {
      emit(parse(buffer.join('\n')));
    } catch (e) {
      fail(e);
    }
  },
});

export default cmdlet;
