// Rename-Item: gives an item a new name in the same directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord, pathNotFound } from './lib/common.js';
import { fileSystemItem } from './lib/fs-items.js';

interface Params {
  Path?: string;
  LiteralPath?: string;
  NewName?: string;
  Force?: boolean;
  PassThru?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Rename-Item',
  aliases: ['ren', 'rni'],
  synopsis: 'Renames an item in a PowerShell provider namespace.',
  description: 'Rename-Item gives a file or directory a new name in the same directory. -NewName is a name, not a path.',
  defaultParameterSet: 'ByPath',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['ByPath'], description: 'The item to rename.' },
    { name: 'LiteralPath', type: 'String', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['ByLiteralPath'], description: 'The item to rename, taken literally.' },
    { name: 'NewName', type: 'String', position: 1, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The new name.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the renamed item.' },
  ],
  outputTypes: ['None', 'System.IO.FileInfo'],
  examples: [
    {
      title: 'Rename a request file',
      setup: "Set-Content -Path req.txt -Value 'x'",
      code: 'Rename-Item req.txt contoso.req\nTest-Path contoso.req',
      remarks: 'The file now has the new name.',
      output: 'True',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const src = ctx.session.resolvePath((p.LiteralPath ?? p.Path)!);
    if (!fs.existsSync(src)) {
      ctx.writeError(pathNotFound(ctx, src));
      return;
    }
    const dest = path.join(path.dirname(src), p.NewName ?? '');
    if (!(await ctx.shouldProcess(`Item: ${src} Destination: ${dest}`, 'Rename Item'))) return;
    if (fs.existsSync(dest)) {
      ctx.writeError(errorRecord(ctx, 'Cannot create a file when that file already exists.', 'RenameItemIOError', 'WriteError', src, 'System.IO.IOException'));
      return;
    }
    fs.renameSync(src, dest);
    if (p.PassThru) ctx.write(fileSystemItem(dest), false);
  },
});

export default cmdlet;
