// Select-String: finds text matching patterns in strings and files (grep).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { psRegex } from '../../src/engine/operators.js';
import { pathNotFound } from './lib/common.js';
import { ENCODINGS, decode, normalizeEncoding } from './lib/encoding.js';
import { expandPath } from './lib/fs-items.js';
import { splitLines } from './get-content.js';

interface Params {
  InputObject?: unknown;
  Pattern?: string[];
  Path?: string[];
  LiteralPath?: string[];
  SimpleMatch?: boolean;
  CaseSensitive?: boolean;
  NotMatch?: boolean;
  AllMatches?: boolean;
  Quiet?: boolean;
  List?: boolean;
  Raw?: boolean;
  Context?: number[];
  Encoding?: string;
  Include?: string[];
  Exclude?: string[];
  NoEmphasis?: boolean;
}

type Ctx = CmdletContext<Params>;

interface Found {
  line: string;
  lineNumber: number;
  pattern: string;
  matches: PSObject[];
}

interface Pending {
  info: PSObject;
  post: string[];
  need: number;
  source: Source;
  found: Found;
  pre: string[];
}

interface Source {
  path: string;
  /** The text shown before ':line:' (relative path), or undefined for piped strings. */
  display?: string;
  pre: string[];
  pending: Pending[];
  lineNumber: number;
  done: boolean;
}

function matchObject(value: string, index: number, groups: (string | undefined)[], names?: Record<string, string | undefined>): PSObject {
  const o = new PSObject(['System.Text.RegularExpressions.Match', 'System.Text.RegularExpressions.Group', 'System.Text.RegularExpressions.Capture', 'System.Object']);
  const groupObjects = groups.map((g, i) => {
    const go = new PSObject(['System.Text.RegularExpressions.Group', 'System.Object']);
    go.add('Success', g !== undefined, 'Property');
    go.add('Name', String(i), 'Property');
    go.add('Value', g ?? '', 'Property');
    go.addMethod('ToString', () => g ?? '');
    return go;
  });
  for (const [n, g] of Object.entries(names ?? {})) {
    const go = new PSObject(['System.Text.RegularExpressions.Group', 'System.Object']);
    go.add('Success', g !== undefined, 'Property');
    go.add('Name', n, 'Property');
    go.add('Value', g ?? '', 'Property');
    go.addMethod('ToString', () => g ?? '');
    groupObjects.push(go);
  }
  o.add('Groups', groupObjects, 'Property');
  o.add('Success', true, 'Property');
  o.add('Name', '0', 'Property');
  o.add('Index', index, 'Property');
  o.add('Length', value.length, 'Property');
  o.add('Value', value, 'Property');
  o.addMethod('ToString', () => value);
  return o;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first pattern that matches the line, with its matches (all of them with -AllMatches). */
function matchLine(ctx: Ctx, line: string): { pattern: string; matches: PSObject[] } | undefined {
  const p = ctx.params;
  const cs = !!p.CaseSensitive;
  for (const pattern of p.Pattern ?? []) {
    const re = p.SimpleMatch ? new RegExp(escapeRegex(pattern), cs ? 'g' : 'gi') : psRegex(pattern, cs, true);
    re.lastIndex = 0;
    const matches: PSObject[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(line))) {
      matches.push(matchObject(m[0], m.index, [...m], m.groups));
      if (!p.AllMatches) break;
      if (m[0] === '') re.lastIndex++;
    }
    if (matches.length) return { pattern, matches };
  }
  return undefined;
}

function displayLines(found: Found, source: Source, pre: string[], post: string[], withContext: boolean): string {
  const prefix = (n: number) => (source.display !== undefined ? `${source.display}:${n}:` : '');
  if (!withContext) return prefix(found.lineNumber) + found.line;
  const lines: string[] = [];
  pre.forEach((l, i) => lines.push(`  ${prefix(found.lineNumber - pre.length + i)}${l}`));
  lines.push(`> ${prefix(found.lineNumber)}${found.line}`);
  post.forEach((l, i) => lines.push(`  ${prefix(found.lineNumber + 1 + i)}${l}`));
  return lines.join('\n');
}

function matchInfo(ctx: Ctx, found: Found, source: Source, pre: string[]): PSObject {
  const o = new PSObject(['Microsoft.PowerShell.Commands.MatchInfo', 'System.Object']);
  const fileName = source.display !== undefined ? path.basename(source.path) : 'InputStream';
  o.addProperty({ name: 'IgnoreCase', memberType: 'Property', value: !ctx.params.CaseSensitive, typeName: 'System.Boolean' });
  o.addProperty({ name: 'LineNumber', memberType: 'Property', value: found.lineNumber, typeName: 'System.Int32' });
  o.addProperty({ name: 'Line', memberType: 'Property', value: found.line, typeName: 'System.String' });
  o.addProperty({ name: 'Filename', memberType: 'Property', value: fileName, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Path', memberType: 'Property', value: source.display !== undefined ? source.path : 'InputStream', typeName: 'System.String' });
  o.addProperty({ name: 'Pattern', memberType: 'Property', value: found.pattern, typeName: 'System.String' });
  const context = ctx.params.Context ? new PSObject(['Microsoft.PowerShell.Commands.MatchInfoContext', 'System.Object']) : null;
  if (context) {
    context.add('PreContext', [...pre], 'Property');
    context.add('PostContext', [], 'Property');
    context.add('DisplayPreContext', [...pre], 'Property');
    context.add('DisplayPostContext', [], 'Property');
  }
  o.addProperty({ name: 'Context', memberType: 'Property', value: context, typeName: 'Microsoft.PowerShell.Commands.MatchInfoContext' });
  o.addProperty({ name: 'Matches', memberType: 'Property', value: found.matches, typeName: 'System.Text.RegularExpressions.Match[]' });
  // the console shows a MatchInfo as its ToString(): path:line:text, or the line for piped text
  o.baseObject = displayLines(found, source, pre, [], !!ctx.params.Context);
  o.addMethod('ToString', () => String(o.baseObject));
  return o;
}

function finish(ctx: Ctx, pend: Pending): void {
  const ctxObj = pend.info.get('Context');
  if (ctxObj instanceof PSObject) {
    ctxObj.set('PostContext', [...pend.post]);
    ctxObj.set('DisplayPostContext', [...pend.post]);
  }
  pend.info.baseObject = displayLines(pend.found, pend.source, pend.pre, pend.post, true);
  emitInfo(ctx, pend.info);
}

function emitInfo(ctx: Ctx, info: PSObject): void {
  const st = ctx.state;
  if (ctx.params.Quiet) {
    if (!st.any) ctx.write(true, false);
    st.any = true;
    return;
  }
  st.any = true;
  if (ctx.params.Raw) ctx.write(info.get('Line'), false);
  else ctx.write(info, false);
}

/** Feeds one line of a source through the matcher and the context bookkeeping. */
function feedLine(ctx: Ctx, source: Source, line: string): void {
  const p = ctx.params;
  if (source.done) return;
  source.lineNumber++;
  const [preN, postN] = contextSizes(p.Context);
  for (const pend of source.pending) {
    if (pend.post.length < pend.need) pend.post.push(line);
  }
  while (source.pending.length && source.pending[0].post.length >= source.pending[0].need) finish(ctx, source.pending.shift()!);
  const m = matchLine(ctx, line);
  const hit = p.NotMatch ? !m : !!m;
  if (hit) {
    const found: Found = { line, lineNumber: source.lineNumber, pattern: m?.pattern ?? (p.Pattern ?? [])[0] ?? '', matches: m?.matches ?? [] };
    const pre = source.pre.slice(Math.max(source.pre.length - preN, 0));
    const info = matchInfo(ctx, found, source, pre);
    if (postN > 0) source.pending.push({ info, post: [], need: postN, source, found, pre });
    else emitInfo(ctx, info);
    if (p.List) source.done = true;
  }
  if (preN > 0) {
    source.pre.push(line);
    if (source.pre.length > preN) source.pre.shift();
  }
}

function endSource(ctx: Ctx, source: Source): void {
  for (const pend of source.pending) finish(ctx, pend);
  source.pending = [];
}

function contextSizes(c: number[] | undefined): [number, number] {
  if (!c || c.length === 0) return [0, 0];
  return [c[0] ?? 0, c.length > 1 ? c[1] : c[0]];
}

function relative(ctx: Ctx, file: string): string {
  const cwd = ctx.session.cwd;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function searchFile(ctx: Ctx, file: string): void {
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) return;
    text = decode(fs.readFileSync(file), ctx.params.Encoding);
  } catch {
    ctx.writeError(pathNotFound(ctx, file));
    return;
  }
  const source: Source = { path: file, display: relative(ctx, file), pre: [], pending: [], lineNumber: 0, done: false };
  for (const line of splitLines(text)) {
    feedLine(ctx, source, line);
    if (source.done && source.pending.length === 0) break;
  }
  endSource(ctx, source);
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Select-String',
  aliases: ['sls'],
  synopsis: 'Finds text in strings and files.',
  description:
    'Select-String searches piped strings, or the lines of files (-Path), for regular-expression patterns (or plain ' +
    'text with -SimpleMatch), case-insensitively unless -CaseSensitive. It writes a MatchInfo object per matching ' +
    'line, shown as path:line:text for files and as the line itself for piped strings; -NotMatch writes the lines ' +
    'that do not match. -Context adds lines before and after each match, -AllMatches finds every match in a line, ' +
    '-List only the first match per file, -Quiet writes just $true when something matches and -Raw the matching lines as strings.',
  defaultParameterSet: 'File',
  parameters: [
    { name: 'InputObject', type: 'PSObject', mandatory: true, valueFromPipeline: true, parameterSets: ['Object', 'ObjectRaw'], description: 'The text to search. Usually piped in.' },
    { name: 'Pattern', type: 'String[]', position: 0, mandatory: true, description: 'The regular expressions (or, with -SimpleMatch, the text) to find.' },
    { name: 'Path', type: 'String[]', position: 1, mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['File', 'FileRaw'], description: 'The files to search. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralFile', 'LiteralFileRaw'], description: 'The files to search, taken literally.' },
    { name: 'SimpleMatch', type: 'SwitchParameter', description: 'Matches the pattern as plain text instead of a regular expression.' },
    { name: 'CaseSensitive', type: 'SwitchParameter', description: 'Matches case-sensitively.' },
    { name: 'NotMatch', type: 'SwitchParameter', description: 'Finds the lines that do not match.' },
    { name: 'AllMatches', type: 'SwitchParameter', description: 'Finds every match in each line, not only the first.' },
    { name: 'Quiet', type: 'SwitchParameter', description: 'Writes $true at the first match (and nothing when nothing matches) instead of MatchInfo objects.' },
    { name: 'List', type: 'SwitchParameter', description: 'Only the first match in each file (or in the piped text).' },
    { name: 'Raw', type: 'SwitchParameter', description: 'Writes the matching lines as strings instead of MatchInfo objects.' },
    { name: 'Context', type: 'Int32[]', validateCount: [1, 2], validateRange: [0, 2147483647], description: 'The number of lines before and after each match to include (one number: both).' },
    { name: 'Encoding', type: 'Encoding', validateSet: ENCODINGS, convert: normalizeEncoding, defaultValue: 'UTF8NoBOM', description: 'The text encoding of the files.' },
    { name: 'Include', type: 'String[]', description: 'Searches only the files whose names match. Wildcards are permitted.' },
    { name: 'Exclude', type: 'String[]', description: 'Skips the files whose names match. Wildcards are permitted.' },
    { name: 'NoEmphasis', type: 'SwitchParameter', description: 'Accepted for compatibility; matches are not highlighted.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.MatchInfo', 'System.Boolean', 'System.String'],
  examples: [
    {
      title: 'Find lines in piped text',
      code: "'250 2.0.0 OK', '451 4.7.3 The admin has temporarily disallowed this secure domain', '250 OK' | Select-String '^4'",
      remarks: 'Piped strings are shown as the matching line.',
      output: '451 4.7.3 The admin has temporarily disallowed this secure domain',
    },
    {
      title: 'Search a log file',
      setup: "Set-Content -Path RECV20240301-1.LOG -Value '#Fields: date-time,event,data', '2024-03-01T10:00:00Z,<,STARTTLS', '2024-03-01T10:00:01Z,>,220 2.0.0 SMTP server ready'",
      code: 'Select-String -Path RECV*.LOG -Pattern STARTTLS -SimpleMatch',
      remarks: 'Matches in files are shown as file:line:text.',
      output: 'RECV20240301-1.LOG:2:2024-03-01T10:00:00Z,<,STARTTLS',
    },
    {
      title: 'Just whether it matches',
      code: "'Domain Secured' | Select-String -Pattern 'secured' -Quiet\n$null -eq ('Domain Secured' | Select-String -Pattern 'secured' -CaseSensitive -Quiet)",
      remarks: '-Quiet writes $true when the pattern is found and nothing ($null) when it is not; the match is case-insensitive unless -CaseSensitive.',
      output: 'True\nTrue',
    },
  ],
  begin(ctx) {
    ctx.state.any = false;
    ctx.state.stream = { path: 'InputStream', pre: [], pending: [], lineNumber: 0, done: false } as Source;
  },
  process(ctx) {
    const p = ctx.params;
    if (ctx.parameterSetName.startsWith('Object') || ctx.bound.has('InputObject')) {
      const item = p.InputObject;
      if (item === undefined || item === null) return;
      if (item instanceof PSObject && item.typeNames[0] === 'System.IO.FileInfo') {
        searchFile(ctx, toStr(item.get('FullName')));
        return;
      }
      feedLine(ctx, ctx.state.stream, toStr(item));
      return;
    }
    const literal = ctx.bound.has('LiteralPath');
    for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (!wildcard && !fs.existsSync(paths[0])) {
        ctx.writeError(pathNotFound(ctx, paths[0]));
        continue;
      }
      for (const file of paths) {
        const name = path.basename(file);
        if (p.Include && !p.Include.some((i) => new RegExp('^' + escapeRegex(i).replace(/\\\*/g, '.*').replace(/\\\?/g, '.') + '$', 'i').test(name))) continue;
        if (p.Exclude && p.Exclude.some((i) => new RegExp('^' + escapeRegex(i).replace(/\\\*/g, '.*').replace(/\\\?/g, '.') + '$', 'i').test(name))) continue;
        searchFile(ctx, file);
      }
    }
  },
  end(ctx) {
    endSource(ctx, ctx.state.stream);
  },
});

export default cmdlet;
