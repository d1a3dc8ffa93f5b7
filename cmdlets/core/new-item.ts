// New-Item: creates a file or a directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';
import { errorRecord } from './lib/common.js';
import { fileSystemItem } from './lib/fs-items.js';

interface Params {
  Path?: string[];
  Name?: string;
  ItemType?: string;
  Value?: unknown;
  Force?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'New-Item',
  aliases: ['ni'],
  synopsis: 'Creates a new item.',
  description:
    'New-Item creates a file (the default, or -ItemType File) or a directory (-ItemType Directory) and writes the new ' +
    'item. -Value is the content of a new file. An existing file is an error unless -Force, which replaces it; ' +
    '-Force also creates missing parent directories and returns an existing directory instead of failing.',
  defaultParameterSet: 'pathSet',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['pathSet', 'nameSet'], setOverrides: { nameSet: { mandatory: false } }, description: 'Where to create the item (with -Name: the parent directory).' },
    { name: 'Name', type: 'String', mandatory: true, valueFromPipelineByPropertyName: true, parameterSets: ['nameSet'], description: 'The name of the new item, created under -Path (the current directory by default).' },
    { name: 'ItemType', type: 'String', aliases: ['Type'], valueFromPipelineByPropertyName: true, description: 'File or Directory.', defaultValue: 'File' },
    { name: 'Value', type: 'Object', valueFromPipeline: true, valueFromPipelineByPropertyName: true, aliases: ['Target'], description: 'The content of a new file.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Replaces an existing file, creates missing parent directories, accepts an existing directory.' },
  ],
  outputTypes: ['System.IO.FileInfo', 'System.IO.DirectoryInfo'],
  examples: [
    {
      title: 'Create a directory',
      code: "New-Item -ItemType Directory -Path requests | Out-Null\nTest-Path requests -PathType Container",
      remarks: 'The new DirectoryInfo is discarded here; the directory exists afterwards.',
      output: 'True',
    },
    {
      title: 'Create a file with content',
      code: "New-Item -Path notes.txt -ItemType File -Value 'Domain security lab' | Out-Null\nGet-Content notes.txt",
      remarks: 'The file is created with the value as its content.',
      output: 'Domain security lab',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const type = (p.ItemType ?? 'File').toLowerCase();
    const isDir = type === 'directory' || type === 'dir' || type === 'container';
    if (!isDir && type !== 'file') {
      ctx.writeError(
        errorRecord(ctx, 'The type is not a known type for the file system. Only "file","directory","junction","hardlink", and "symboliclink" are supported.', 'Argument', 'InvalidArgument', p.ItemType, 'System.ArgumentException'),
      );
      return;
    }
    const parents = p.Path && p.Path.length ? p.Path : ['.'];
    for (const parent of parents) {
      const target = ctx.session.resolvePath(p.Name !== undefined ? path.join(parent.replace(/\\/g, '/'), p.Name) : parent);
      if (!(await ctx.shouldProcess(`Destination: ${target}`, isDir ? 'Create Directory' : 'Create File'))) continue;
      const exists = fs.existsSync(target);
      if (isDir) {
        if (exists) {
          if (!p.Force) {
            ctx.writeError(errorRecord(ctx, `An item with the specified name ${target} already exists.`, 'DirectoryExist', 'ResourceExists', target, 'System.IO.IOException'));
            continue;
          }
          ctx.write(fileSystemItem(target), false);
          continue;
        }
        try {
          fs.mkdirSync(target, { recursive: true });
        } catch (e) {
          ctx.writeError(errorRecord(ctx, (e as Error).message, 'CreateDirectoryIOError', 'WriteError', target, 'System.IO.IOException'));
          continue;
        }
        ctx.write(fileSystemItem(target), false);
        continue;
      }
      if (exists && !p.Force) {
        ctx.writeError(errorRecord(ctx, `The file '${target}' already exists.`, 'NewItemIOError', 'WriteError', target, 'System.IO.IOException'));
        continue;
      }
      if (!fs.existsSync(path.dirname(target))) {
        if (!p.Force) {
          ctx.writeError(errorRecord(ctx, `Could not find a part of the path '${target}'.`, 'NewItemIOError', 'WriteError', target, 'System.IO.DirectoryNotFoundException'));
          continue;
        }
        fs.mkdirSync(path.dirname(target), { recursive: true });
      }
      const v = p.Value;
      const data = v instanceof Uint8Array ? Buffer.from(v) : v === undefined || v === null ? '' : toStr(v);
      try {
        fs.writeFileSync(target, data);
      } catch (e) {
        ctx.writeError(errorRecord(ctx, (e as Error).message, 'NewItemIOError', 'WriteError', target, 'System.IO.IOException'));
        continue;
      }
      ctx.write(fileSystemItem(target), false);
    }
  },
});

export default cmdlet;
