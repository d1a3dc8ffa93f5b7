// Get-Content: the lines (or the raw text, or the bytes) of files.
import * as fs from 'node:fs';
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { errorRecord, pathNotFound } from './lib/common.js';
import { ENCODINGS, decode, isByteEncoding, normalizeEncoding } from './lib/encoding.js';
import { expandPath } from './lib/fs-items.js';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  ReadCount?: number;
  TotalCount?: number;
  Tail?: number;
  Raw?: boolean;
  Encoding?: string;
  AsByteStream?: boolean;
  Delimiter?: string;
  Force?: boolean;
}

type Ctx = CmdletContext<Params>;

/** Splits text into lines the way StreamReader.ReadLine does (a final newline ends the last line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function splitDelimited(text: string, delimiter: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf(delimiter, from);
    if (i < 0 || delimiter === '') break;
    out.push(text.slice(from, i + delimiter.length));
    from = i + delimiter.length;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** Writes items in groups of ReadCount (0 or less: all in one). */
function writeChunked<T>(ctx: Ctx, items: T[], readCount: number, makeChunk: (part: T[]) => unknown): void {
  if (readCount === 1) {
    for (const x of items) ctx.write(x, false);
    return;
  }
  if (readCount <= 0) {
    if (items.length) ctx.write(makeChunk(items), false);
    return;
  }
  for (let i = 0; i < items.length; i += readCount) ctx.write(makeChunk(items.slice(i, i + readCount)), false);
}

function readOne(ctx: Ctx, file: string): void {
  const p = ctx.params;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    ctx.writeError(pathNotFound(ctx, file));
    return;
  }
  if (st.isDirectory()) {
    ctx.writeError(errorRecord(ctx, `Unable to get content because it is a directory: '${file}'. Please use 'Get-ChildItem' instead.`, 'GetContainerContentException', 'InvalidOperation', file, 'System.Management.Automation.PSInvalidOperationException'));
    return;
  }
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    ctx.writeError(errorRecord(ctx, `Access to the path '${file}' is denied.`, 'GetContentReaderUnauthorizedAccessError', 'PermissionDenied', file, 'System.UnauthorizedAccessException'));
    return;
  }
  const readCount = p.ReadCount ?? 1;
  const total = p.TotalCount ?? -1;
  const tail = p.Tail ?? -1;
  if (p.AsByteStream || isByteEncoding(p.Encoding)) {
    let bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (total >= 0) bytes = bytes.subarray(0, total);
    if (tail >= 0) bytes = bytes.subarray(Math.max(bytes.length - tail, 0));
    if (p.Raw) {
      ctx.write(Uint8Array.from(bytes), false);
      return;
    }
    if (readCount === 1) {
      for (const b of bytes) ctx.write(b, false);
      return;
    }
    const size = readCount <= 0 ? bytes.length : readCount;
    for (let i = 0; i < bytes.length; i += size) ctx.write(Uint8Array.from(bytes.subarray(i, i + size)), false);
    return;
  }
  const text = decode(data, p.Encoding);
  if (p.Raw) {
    if (text !== '') ctx.write(text, false);
    return;
  }
  let lines = p.Delimiter !== undefined ? splitDelimited(text, p.Delimiter) : splitLines(text);
  if (total >= 0) lines = lines.slice(0, total);
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(Math.max(lines.length - tail, 0));
  writeChunked(ctx, lines, readCount, (part) => part);
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Content',
  aliases: ['gc', 'cat', 'type'],
  synopsis: 'Gets the content of the item at the specified location.',
  description:
    'Get-Content reads files and writes their lines, one string per line. -Raw writes the whole text as one string; ' +
    '-TotalCount (-First, -Head) and -Tail (-Last) read only the first or last lines; -ReadCount writes the lines in ' +
    'arrays of that many (0: all in one array). -AsByteStream (or Windows PowerShell\'s -Encoding Byte) reads bytes ' +
    'instead of text: `Get-Content -Encoding Byte -ReadCount 0 cert.pfx` gives one byte array, as Exchange\'s ' +
    '-FileData parameters expect. Files with a byte-order mark are decoded accordingly; others as UTF-8 unless ' +
    '-Encoding says otherwise.',
  defaultParameterSet: 'Path',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The files to read. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The files to read, taken literally (no wildcards).' },
    { name: 'ReadCount', type: 'Int64', valueFromPipelineByPropertyName: true, defaultValue: 1, description: 'How many lines (or bytes) each output object holds; 0 writes everything as one array.' },
    { name: 'TotalCount', type: 'Int64', aliases: ['First', 'Head'], valueFromPipelineByPropertyName: true, defaultValue: -1, description: 'Reads only this many lines (or bytes) from the start.' },
    { name: 'Tail', type: 'Int32', aliases: ['Last'], valueFromPipelineByPropertyName: true, defaultValue: -1, description: 'Reads only this many lines (or bytes) from the end.' },
    { name: 'Raw', type: 'SwitchParameter', description: 'Writes the whole content as one string (or one byte array), newlines included.' },
    { name: 'Encoding', type: 'Encoding', validateSet: ENCODINGS, convert: normalizeEncoding, description: 'The text encoding; Byte reads bytes (as -AsByteStream does).', defaultValue: 'UTF8NoBOM' },
    { name: 'AsByteStream', type: 'SwitchParameter', description: 'Reads the content as bytes.' },
    { name: 'Delimiter', type: 'String', description: 'Splits the content at this text instead of at newlines (the delimiter ends each piece).' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
  ],
  outputTypes: ['System.String', 'System.Byte', 'System.Byte[]'],
  examples: [
    {
      title: 'Read the lines of a file',
      setup: "Set-Content -Path domains.txt -Value 'contoso.com', 'woodgrovebank.com', 'fabrikam.com'",
      code: 'Get-Content -Path domains.txt',
      remarks: 'Each line is written as a string.',
      output: 'contoso.com\nwoodgrovebank.com\nfabrikam.com',
    },
    {
      title: 'The first and last lines',
      setup: "Set-Content -Path domains.txt -Value 'contoso.com', 'woodgrovebank.com', 'fabrikam.com'",
      code: 'Get-Content domains.txt -TotalCount 1\nGet-Content domains.txt -Tail 1',
      remarks: '-TotalCount reads from the start, -Tail from the end.',
      output: 'contoso.com\nfabrikam.com',
    },
    {
      title: 'Read a file as one byte array',
      setup: "Set-Content -Path cert.bin -Value 'PFX' -NoNewline",
      code: '$data = Get-Content -Path cert.bin -Encoding Byte -ReadCount 0\n$data.GetType().FullName\n$data.Length',
      remarks: 'The Exchange 2010 way to read a certificate file for Import-ExchangeCertificate -FileData; PowerShell 7 spells it -AsByteStream.',
      output: 'System.Byte[]\n3',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (paths.length === 0 && !wildcard) ctx.writeError(pathNotFound(ctx, ctx.session.resolvePath(userPath)));
      for (const file of paths) readOne(ctx, file);
    }
  },
});

export default cmdlet;
