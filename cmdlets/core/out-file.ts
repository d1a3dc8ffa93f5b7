// Out-File: writes the text Out-Default would print to a file.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { enumerationLimitOf, renderOutput } from '../../src/format/index.js';
import { collectInput } from './lib/collect-input.js';

interface Params {
  FilePath?: string;
  LiteralPath?: string;
  Encoding?: string;
  Append?: boolean;
  Force?: boolean;
  NoClobber?: boolean;
  Width?: number;
  NoNewline?: boolean;
  InputObject?: unknown;
}

const ENCODINGS = ['ascii', 'bigendianunicode', 'bigendianutf32', 'oem', 'unicode', 'utf7', 'utf8', 'utf8BOM', 'utf8NoBOM', 'utf32', 'default', 'latin1'];

/** The bytes of `text` in a PowerShell encoding; `bom` when the file starts here. */
function encode(text: string, encoding: string, bom: boolean): Buffer {
  switch (encoding.toLowerCase()) {
    case 'ascii':
      return Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'unicode':
      return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'bigendianunicode': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
    }
    case 'utf32':
    case 'bigendianutf32': {
      const big = encoding.toLowerCase() === 'bigendianutf32';
      const cps = [...text].map((c) => c.codePointAt(0)!);
      const out = Buffer.alloc((cps.length + (bom ? 1 : 0)) * 4);
      let o = 0;
      for (const cp of bom ? [0xfeff, ...cps] : cps) {
        if (big) out.writeUInt32BE(cp, o);
        else out.writeUInt32LE(cp, o);
        o += 4;
      }
      return out;
    }
    case 'utf8bom':
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    default:
      return Buffer.from(text, 'utf8');
  }
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Out-File',
  aliases: [],
  synopsis: 'Sends output to a file.',
  description:
    'Formats its input the way the console would show it and writes the text to a file (UTF-8 without a byte ' +
    'order mark unless -Encoding says otherwise). Lines are as wide as the console less one column, or -Width. ' +
    '-Append adds to the file, -NoClobber refuses to replace one, -NoNewline joins the lines without newlines.',
  parameters: [
    { name: 'FilePath', type: 'String', position: 0, mandatory: true, aliases: ['Path'], parameterSets: ['ByPath'], description: 'The file to write.' },
    { name: 'LiteralPath', type: 'String', mandatory: true, aliases: ['PSPath', 'LP'], parameterSets: ['ByLiteralPath'], description: 'The file to write, taken literally.' },
    { name: 'Encoding', type: 'String', position: 1, validateSet: ENCODINGS, description: 'The encoding of the file (default utf8NoBOM).' },
    { name: 'Append', type: 'SwitchParameter', description: 'Adds the output to the end of the file.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Overwrites a read-only file.' },
    { name: 'NoClobber', type: 'SwitchParameter', aliases: ['NoOverwrite'], description: 'Does not overwrite an existing file.' },
    { name: 'Width', type: 'Int32', validateRange: [2, 2147483647], description: 'Characters in each line of output.' },
    { name: 'NoNewline', type: 'SwitchParameter', description: 'Writes no newlines between or after the lines.' },
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to write.' },
  ],
  defaultParameterSet: 'ByPath',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  outputTypes: [],
  examples: [
    {
      title: 'Save a list to a file',
      code: "[pscustomobject]@{Domain='woodgrovebank.com'; Mode='Send'} | Out-File -FilePath .\\secure.txt\nGet-Content .\\secure.txt",
      remarks: 'The file holds the same text the console would show.',
      output: 'Domain            Mode\n------            ----\nwoodgrovebank.com Send',
    },
  ],
  ...collectInput,
  async end(ctx) {
    const p = ctx.params;
    const given = (p.LiteralPath ?? p.FilePath) as string;
    const file = ctx.session.resolvePath(given);
    if (!(await ctx.shouldProcess(file, 'Output to File'))) return;
    const exists = fs.existsSync(file);
    if (p.NoClobber && exists && !p.Append) {
      ctx.throwTerminating(`The file '${file}' already exists.`, 'NoClobber,Microsoft.PowerShell.Commands.OutFileCommand', 'ResourceExists', file);
    }
    if (exists && fs.statSync(file).isDirectory()) {
      ctx.throwTerminating(`Access to the path '${file}' is denied.`, 'FileOpenFailure,Microsoft.PowerShell.Commands.OutFileCommand', 'OpenError', file);
    }
    const width = p.Width ?? Math.max(ctx.session.host.width - 1, 1);
    const lines = renderOutput(ctx.state.items as unknown[], {
      columns: width,
      enumerationLimit: enumerationLimitOf(ctx.session.getVariable('FormatEnumerationLimit')),
    });
    const text = p.NoNewline ? lines.join('') : lines.map((l) => l + '\n').join('');
    const appending = !!p.Append && exists;
    const bytes = encode(text, p.Encoding ?? 'utf8NoBOM', !appending || fs.statSync(file).size === 0);
    try {
      if (p.Force && exists) fs.chmodSync(file, fs.statSync(file).mode | 0o200);
      if (appending) fs.appendFileSync(file, bytes);
      else fs.writeFileSync(file, bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? `Could not find a part of the path '${file}'.`
          : code === 'EACCES' || code === 'EPERM'
            ? `Access to the path '${file}' is denied.`
            : (e as Error).message;
      ctx.throwTerminating(message, 'FileOpenFailure,Microsoft.PowerShell.Commands.OutFileCommand', 'OpenError', file);
    }
  },
});

export default cmdlet;
