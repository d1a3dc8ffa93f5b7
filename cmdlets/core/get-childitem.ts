// Get-ChildItem: the files and directories in a directory (or what a drive provider such as Cert: lists).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { matchesAny, pathNotFound } from './lib/common.js';
import { expandPath, fileSystemItem, listDirectory, type DirEntry } from './lib/fs-items.js';
import { isProviderPath, providerFor } from './lib/providers.js';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  Filter?: string;
  Include?: string[];
  Exclude?: string[];
  Recurse?: boolean;
  Depth?: number;
  Force?: boolean;
  Name?: boolean;
  File?: boolean;
  Directory?: boolean;
  Hidden?: boolean;
}

type Ctx = CmdletContext<Params>;

function wanted(ctx: Ctx, e: DirEntry): boolean {
  const p = ctx.params;
  if (p.Hidden ? !e.hidden : e.hidden && !p.Force) return false;
  if (p.File && e.isDirectory) return false;
  if (p.Directory && !e.isDirectory) return false;
  if (p.Filter && !wildcardToRegex(p.Filter).test(e.name)) return false;
  if (p.Include && !matchesAny(e.name, p.Include)) return false;
  const leaf: string | undefined = ctx.state.leafPattern;
  if (leaf && !wildcardToRegex(leaf).test(e.name)) return false;
  if (p.Exclude && matchesAny(e.name, p.Exclude)) return false;
  return true;
}

function emit(ctx: Ctx, full: string, base: string): void {
  if (ctx.params.Name) ctx.write(path.relative(base, full) || path.basename(full), false);
  else {
    try {
      ctx.write(fileSystemItem(full), false);
    } catch {
      /* vanished while listing */
    }
  }
}

function listInto(ctx: Ctx, dir: string, base: string, depth: number): void {
  let entries: DirEntry[];
  try {
    entries = listDirectory(dir);
  } catch {
    return;
  }
  const p = ctx.params;
  for (const e of entries) if (wanted(ctx, e)) emit(ctx, e.fullPath, base);
  if (!p.Recurse && p.Depth === undefined) return;
  if (p.Depth !== undefined && depth >= p.Depth) return;
  for (const e of entries) {
    if (!e.isDirectory || (e.hidden && !p.Force && !p.Hidden)) continue;
    let isLink = false;
    try {
      isLink = fs.lstatSync(e.fullPath).isSymbolicLink();
    } catch {
      continue;
    }
    if (!isLink) listInto(ctx, e.fullPath, base, depth + 1);
  }
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-ChildItem',
  aliases: ['gci', 'ls', 'dir'],
  synopsis: 'Gets the items and child items in one or more specified locations.',
  description:
    'Get-ChildItem lists the files and directories in a directory (the current one by default): directories first, ' +
    'then files, each by name. -Recurse descends into subdirectories (-Depth limits how far); -Filter, -Include and ' +
    '-Exclude select names by wildcard; -File and -Directory select by kind; -Name writes only the names. Hidden ' +
    'items (names starting with a dot) are listed with -Force. A path with wildcards lists the items it matches. ' +
    'Paths on the Cert: drive list the certificate stores (Cert:\\LocalMachine\\Root, \\CA, \\My).',
  defaultParameterSet: 'Items',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Items'], description: 'The directories (or files) to list; the current directory by default. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralItems'], description: 'The directories to list, taken literally (no wildcards).' },
    { name: 'Filter', type: 'String', position: 1, description: 'Lists only the names matching this pattern. Wildcards are permitted.' },
    { name: 'Include', type: 'String[]', description: 'Lists only the names matching one of these patterns. Wildcards are permitted.' },
    { name: 'Exclude', type: 'String[]', description: 'Leaves out the names matching one of these patterns. Wildcards are permitted.' },
    { name: 'Recurse', type: 'SwitchParameter', aliases: ['s', 'r'], description: 'Lists the contents of subdirectories too.' },
    { name: 'Depth', type: 'UInt32', description: 'How many levels of subdirectories to descend (implies -Recurse).' },
    { name: 'Force', type: 'SwitchParameter', description: 'Lists hidden items too.' },
    { name: 'Name', type: 'SwitchParameter', description: 'Writes only the names (paths relative to the listed directory).' },
    { name: 'File', type: 'SwitchParameter', aliases: ['af'], description: 'Lists only files.' },
    { name: 'Directory', type: 'SwitchParameter', aliases: ['ad', 'd'], description: 'Lists only directories.' },
    { name: 'Hidden', type: 'SwitchParameter', aliases: ['ah', 'h'], description: 'Lists only hidden items.' },
  ],
  outputTypes: ['System.IO.FileInfo', 'System.IO.DirectoryInfo', 'System.String'],
  examples: [
    {
      title: 'The names in a directory',
      setup: "New-Item -ItemType Directory -Path logs | Out-Null\nSet-Content -Path b.req -Value x\nSet-Content -Path a.cer -Value x",
      code: 'Get-ChildItem -Name',
      remarks: 'Directories come first, then files, each sorted by name.',
      output: 'logs\na.cer\nb.req',
    },
    {
      title: 'Files by wildcard, recursively',
      setup: "New-Item -ItemType Directory -Path certs | Out-Null\nSet-Content -Path certs/root.cer -Value x\nSet-Content -Path top.cer -Value x\nSet-Content -Path notes.txt -Value x",
      code: "Get-ChildItem -Filter *.cer -Recurse | ForEach-Object Name",
      remarks: 'Finds the .cer files here and in subdirectories.',
      output: 'top.cer\nroot.cer',
    },
    {
      title: 'The default view',
      setup: "Set-Content -Path request.req -Value 'x'",
      code: 'Get-ChildItem',
      remarks: 'Items are shown under their directory with Mode, LastWriteTime, Length and Name.',
      check: /Directory: [^\n]+\n[\s\S]*Mode +LastWriteTime +Length Name\n-+ +-+ +-+ -+\n----- +\d\d\/\d\d\/\d{4} +\d\d:\d\d +2 request\.req/,
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    const list = (literal ? p.LiteralPath : p.Path) ?? ['.'];
    const tasks: Promise<void>[] = [];
    for (const userPath of list) {
      const provider = isProviderPath(userPath) ? providerFor(userPath) : undefined;
      if (provider) {
        tasks.push(
          Promise.resolve(provider.childItems(userPath, ctx, { recurse: !!p.Recurse })).then((items) => {
            for (const x of items) ctx.write(x, false);
          }),
        );
        continue;
      }
      const recursing = p.Recurse || p.Depth !== undefined;
      if (!literal && hasWildcard(userPath) && recursing) {
        // `-Recurse *.cer`: the wildcard selects names anywhere below the parent directory
        const leaf = path.basename(userPath);
        const parent = ctx.session.resolvePath(path.dirname(userPath));
        ctx.state.leafPattern = leaf;
        listInto(ctx, parent, parent, 0);
        ctx.state.leafPattern = undefined;
        continue;
      }
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (!wildcard && !fs.existsSync(paths[0])) {
        ctx.writeError(pathNotFound(ctx, paths[0]));
        continue;
      }
      for (const full of paths) {
        let st: fs.Stats;
        try {
          st = fs.statSync(full);
        } catch {
          continue;
        }
        if (wildcard) {
          const e: DirEntry = { name: path.basename(full), fullPath: full, isDirectory: st.isDirectory(), hidden: path.basename(full).startsWith('.') };
          if (wanted(ctx, { ...e, hidden: false })) emit(ctx, full, path.dirname(full));
          continue;
        }
        if (st.isDirectory()) listInto(ctx, full, full, 0);
        else emit(ctx, full, path.dirname(full));
      }
    }
    if (tasks.length) return Promise.all(tasks).then(() => undefined);
  },
});

export default cmdlet;
