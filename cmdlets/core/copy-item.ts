// Copy-Item: copies files and directories.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord } from './lib/common.js';
import { fileSystemItem } from './lib/fs-items.js';
import { sources, targetFor, type MoveParams } from './lib/item-move.js';

export const cmdlet = defineCmdlet<MoveParams>({
  name: 'Copy-Item',
  aliases: ['cp', 'copy', 'cpi'],
  synopsis: 'Copies an item from one location to another.',
  description:
    'Copy-Item copies files (and, with -Recurse, directories with their contents) to -Destination: into it when it is ' +
    'an existing directory, else to that name. An existing file of the same name is replaced.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The items to copy. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The items to copy, taken literally.' },
    { name: 'Destination', type: 'String', position: 1, valueFromPipelineByPropertyName: true, description: 'Where to copy to; the current directory by default.' },
    { name: 'Recurse', type: 'SwitchParameter', description: 'Copies directories with their contents.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility (read-only files are copied over too).' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the copied items.' },
  ],
  outputTypes: ['None', 'System.IO.FileInfo'],
  examples: [
    {
      title: 'Copy a file into a directory',
      setup: "Set-Content -Path request.req -Value 'x'\nNew-Item -ItemType Directory -Path backup | Out-Null",
      code: 'Copy-Item request.req backup\nTest-Path backup/request.req',
      remarks: 'The copy keeps the file name inside the destination directory.',
      output: 'True',
    },
  ],
  async process(ctx) {
    for (const src of sources(ctx)) {
      const dest = targetFor(ctx, src);
      if (!(await ctx.shouldProcess(`Item: ${src} Destination: ${dest}`, 'Copy File'))) continue;
      try {
        const isDir = fs.statSync(src).isDirectory();
        if (!isDir) fs.copyFileSync(src, dest);
        else if (ctx.params.Recurse) fs.cpSync(src, dest, { recursive: true, force: true });
        else fs.mkdirSync(dest, { recursive: true });
        if (ctx.params.PassThru) ctx.write(fileSystemItem(dest), false);
      } catch (e) {
        ctx.writeError(errorRecord(ctx, (e as Error).message, 'CopyError', 'WriteError', src, 'System.IO.IOException'));
      }
    }
  },
});

export default cmdlet;
