// Move-Item: moves (or renames) files and directories.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord } from './lib/common.js';
import { fileSystemItem } from './lib/fs-items.js';
import { sources, targetFor, type MoveParams } from './lib/item-move.js';

export const cmdlet = defineCmdlet<MoveParams>({
  name: 'Move-Item',
  aliases: ['mv', 'move', 'mi'],
  synopsis: 'Moves an item from one location to another.',
  description:
    'Move-Item moves files and directories to -Destination: into it when it is an existing directory, else to that ' +
    'name. An existing file is replaced only with -Force.',
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The items to move. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The items to move, taken literally.' },
    { name: 'Destination', type: 'String', position: 1, valueFromPipelineByPropertyName: true, description: 'Where to move to; the current directory by default.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Replaces an existing file.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the moved items.' },
  ],
  outputTypes: ['None', 'System.IO.FileInfo'],
  examples: [
    {
      title: 'Rename a file by moving it',
      setup: "Set-Content -Path new.cer -Value 'x'",
      code: 'Move-Item new.cer issued.cer\nTest-Path new.cer, issued.cer',
      remarks: 'The file exists under its new name only.',
      output: 'False\nTrue',
    },
  ],
  async process(ctx) {
    for (const src of sources(ctx)) {
      const dest = targetFor(ctx, src);
      if (!(await ctx.shouldProcess(`Item: ${src} Destination: ${dest}`, 'Move File'))) continue;
      if (fs.existsSync(dest) && !ctx.params.Force && dest !== src) {
        ctx.writeError(errorRecord(ctx, 'Cannot create a file when that file already exists.', 'MoveFileInfoItemIOError', 'WriteError', src, 'System.IO.IOException'));
        continue;
      }
      try {
        fs.renameSync(src, dest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EXDEV') {
          fs.cpSync(src, dest, { recursive: true, force: true });
          fs.rmSync(src, { recursive: true, force: true });
        } else {
          ctx.writeError(errorRecord(ctx, (e as Error).message, 'MoveFileInfoItemIOError', 'WriteError', src, 'System.IO.IOException'));
          continue;
        }
      }
      if (ctx.params.PassThru) ctx.write(fileSystemItem(dest), false);
    }
  },
});

export default cmdlet;
