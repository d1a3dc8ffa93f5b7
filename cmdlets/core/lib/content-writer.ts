// What Set-Content and Add-Content share: collecting -Value across the pipeline and writing files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Buffer } from 'node:buffer';
import type { CmdletContext, ParameterDecl } from '../../../src/engine/cmdlet.js';
import { toStr, toNumber } from '../../../src/engine/convert.js';
import { errorRecord, pathNotFound } from './common.js';
import { ENCODINGS, encode, isByteEncoding, normalizeEncoding } from './encoding.js';
import { expandPath } from './fs-items.js';

export interface ContentParams {
  Path?: string[];
  LiteralPath?: string[];
  Value?: unknown[];
  Encoding?: string;
  NoNewline?: boolean;
  PassThru?: boolean;
  Force?: boolean;
  AsByteStream?: boolean;
}

export function contentParameters(verb: 'Set' | 'Add'): ParameterDecl[] {
  return [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: `The files to ${verb === 'Set' ? 'write' : 'append to'}. Wildcards are permitted for existing files.` },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The files, taken literally (no wildcards).' },
    { name: 'Value', type: 'Object[]', position: 1, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, description: 'The content: each object becomes a line (bytes with -AsByteStream).' },
    { name: 'Encoding', type: 'Encoding', validateSet: ENCODINGS, convert: normalizeEncoding, description: 'The text encoding; Byte writes bytes (as -AsByteStream does).', defaultValue: 'UTF8NoBOM' },
    { name: 'NoNewline', type: 'SwitchParameter', description: 'Writes the values one after the other without newlines.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the content to the pipeline as well.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Creates missing parent directories.' },
    { name: 'AsByteStream', type: 'SwitchParameter', description: 'Writes the values as bytes.' },
  ];
}

export function collectValues(ctx: CmdletContext<ContentParams>): void {
  const st = ctx.state;
  const values: unknown[] = (st.values ??= []);
  const v = ctx.params.Value;
  if (v === undefined) return;
  for (const x of v) values.push(x);
  if (ctx.params.PassThru) ctx.write(v, true);
}

function bytesOf(values: unknown[]): Buffer {
  const parts: Buffer[] = [];
  for (const v of values) {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v));
    else if (Array.isArray(v)) parts.push(bytesOf(v));
    else parts.push(Buffer.from([toNumber(v) & 0xff]));
  }
  return Buffer.concat(parts);
}

function textOf(values: unknown[], noNewline: boolean): string {
  const lines = values.map((v) => (v === null || v === undefined ? '' : toStr(v)));
  return noNewline ? lines.join('') : lines.map((l) => l + '\n').join('');
}

/** Writes (or appends) the collected values to every target file. */
export async function writeContent(ctx: CmdletContext<ContentParams>, append: boolean): Promise<void> {
  const p = ctx.params;
  const values: unknown[] = ctx.state.values ?? [];
  const literal = ctx.bound.has('LiteralPath');
  const targets: string[] = [];
  for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
    const { paths, wildcard } = expandPath(ctx, userPath, literal);
    if (paths.length === 0 && wildcard) {
      ctx.writeError(pathNotFound(ctx, ctx.session.resolvePath(userPath)));
      continue;
    }
    targets.push(...paths);
  }
  const asBytes = !!p.AsByteStream || isByteEncoding(p.Encoding);
  const data = asBytes ? bytesOf(values) : encode(textOf(values, !!p.NoNewline), p.Encoding);
  for (const file of targets) {
    if (!(await ctx.shouldProcess(`Path: ${file}`, append ? 'Add Content' : 'Set Content'))) continue;
    try {
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        ctx.writeError(errorRecord(ctx, `Access to the path '${file}' is denied.`, 'GetContentWriterUnauthorizedAccessError', 'PermissionDenied', file, 'System.UnauthorizedAccessException'));
        continue;
      }
      if (p.Force) fs.mkdirSync(path.dirname(file), { recursive: true });
      if (append && fs.existsSync(file) && !asBytes) {
        // appending text never repeats a byte-order mark
        const plain = encode(textOf(values, !!p.NoNewline), (p.Encoding ?? '').toLowerCase() === 'utf8bom' ? 'utf8' : p.Encoding);
        const bomless = /^(unicode|bigendianunicode|utf32|bigendianutf32)$/i.test(p.Encoding ?? '') ? plain.subarray(p.Encoding!.toLowerCase().includes('32') ? 4 : 2) : plain;
        fs.appendFileSync(file, bomless);
      } else if (append) fs.appendFileSync(file, data);
      else fs.writeFileSync(file, data);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        ctx.writeError(errorRecord(ctx, `Could not find a part of the path '${file}'.`, 'System.IO.DirectoryNotFoundException', 'WriteError', file, 'System.IO.DirectoryNotFoundException'));
      } else if (code === 'EACCES' || code === 'EPERM') {
        ctx.writeError(errorRecord(ctx, `Access to the path '${file}' is denied.`, 'System.UnauthorizedAccessException', 'PermissionDenied', file, 'System.UnauthorizedAccessException'));
      } else {
        ctx.writeError(errorRecord(ctx, (e as Error).message, 'System.IO.IOException', 'WriteError', file, 'System.IO.IOException'));
      }
    }
  }
}


