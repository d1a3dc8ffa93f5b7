// Remove-Item: deletes files and directories (or items of a drive provider such as Cert:).
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord, matchesAny, pathNotFound } from './lib/common.js';
import { expandPath } from './lib/fs-items.js';
import { isProviderPath, providerFor } from './lib/providers.js';
import * as path from 'node:path';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  Recurse?: boolean;
  Force?: boolean;
  Include?: string[];
  Exclude?: string[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Remove-Item',
  aliases: ['rm', 'del', 'erase', 'rd', 'ri', 'rmdir'],
  synopsis: 'Deletes the specified items.',
  description:
    'Remove-Item deletes files and directories. A directory that is not empty is deleted only with -Recurse (or ' +
    'after you confirm). Hidden and read-only items need -Force. -WhatIf shows what would be deleted. On the Cert: ' +
    'drive it removes certificates and CRLs from the stores.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The items to delete. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The items to delete, taken literally (no wildcards).' },
    { name: 'Recurse', type: 'SwitchParameter', aliases: ['r'], description: 'Deletes directories with everything in them.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Deletes hidden and read-only items too.' },
    { name: 'Include', type: 'String[]', description: 'Deletes only the items whose names match. Wildcards are permitted.' },
    { name: 'Exclude', type: 'String[]', description: 'Leaves the items whose names match. Wildcards are permitted.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Delete a file',
      setup: "Set-Content -Path old.req -Value 'x'",
      code: 'Remove-Item old.req\nTest-Path old.req',
      remarks: 'The file is gone afterwards.',
      output: 'False',
    },
    {
      title: 'Preview with -WhatIf',
      setup: "Set-Content -Path old.req -Value 'x'",
      code: "Remove-Item old.req -WhatIf | Out-Null\nTest-Path old.req",
      remarks: '-WhatIf reports what would be deleted and deletes nothing.',
      check: /What if: Performing the operation "Remove File" on target ".*old\.req"\.\nTrue/,
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
      const provider = isProviderPath(userPath) ? providerFor(userPath) : undefined;
      if (provider?.removeItem) {
        if (await ctx.shouldProcess(userPath, 'Remove Item')) await provider.removeItem(userPath, ctx);
        continue;
      }
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (!wildcard && !fs.existsSync(paths[0]) && !isLink(paths[0])) {
        ctx.writeError(pathNotFound(ctx, paths[0]));
        continue;
      }
      for (const full of paths) {
        const name = path.basename(full);
        if (p.Include && !matchesAny(name, p.Include)) continue;
        if (p.Exclude && matchesAny(name, p.Exclude)) continue;
        let st: fs.Stats;
        try {
          st = fs.lstatSync(full);
        } catch {
          continue;
        }
        const isDir = st.isDirectory();
        if (!p.Force && (st.mode & 0o200) === 0 && !isDir) {
          ctx.writeError(errorRecord(ctx, `Cannot remove item ${full}: You do not have sufficient access rights to perform this operation or the item is hidden, system, or read only.`, 'RemoveFileSystemItemUnAuthorizedAccess', 'PermissionDenied', full, 'System.UnauthorizedAccessException'));
          continue;
        }
        if (!(await ctx.shouldProcess(full, isDir ? 'Remove Directory' : 'Remove File'))) continue;
        try {
          if (isDir) {
            const children = fs.readdirSync(full);
            if (children.length && !p.Recurse) {
              const ok = await ctx.shouldContinue(
                `The item at ${full} has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?`,
                'Confirm',
              );
              if (!ok) {
                ctx.writeError(errorRecord(ctx, `Cannot remove item ${full}: The directory is not empty.`, 'RemoveFileSystemItemIOError', 'WriteError', full, 'System.IO.IOException'));
                continue;
              }
            }
            fs.rmSync(full, { recursive: true, force: true });
          } else fs.rmSync(full, { force: true });
        } catch (e) {
          ctx.writeError(errorRecord(ctx, `Cannot remove item ${full}: ${(e as Error).message}`, 'RemoveFileSystemItemIOError', 'WriteError', full, 'System.IO.IOException'));
        }
      }
    }
  },
});

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export default cmdlet;
