// Join-Path: combines a parent path and child paths.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { pathNotFound, remainingArguments } from './lib/common.js';
import { expandPath } from './lib/fs-items.js';

interface Params {
  Path?: string[];
  ChildPath?: string;
  AdditionalChildPath?: string[];
  Resolve?: boolean;
}

/** Joins with the separator the parent already uses (`\` for Windows-style paths, else `/`). */
export function joinPath(parent: string, child: string): string {
  const sep = parent.includes('\\') && !parent.includes('/') ? '\\' : '/';
  if (parent === '') return child;
  if (child === '') return parent.replace(/[\\/]+$/, '') || parent;
  const head = /^[\\/]+$/.test(parent) ? '' : parent.replace(/[\\/]+$/, '');
  const tail = child.replace(/^[\\/]+/, '');
  return head + sep + tail;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Join-Path',
  synopsis: 'Combines a path and a child path into a single path.',
  description:
    'Join-Path joins a parent path and one or more child paths with one separator between them (the separator the ' +
    'parent uses: a backslash for a Windows-style path such as c:\\certificates, else a slash). With several parent ' +
    'paths it writes one joined path per parent. -Resolve resolves the result to the existing full paths.',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath'], description: 'The parent paths.' },
    { name: 'ChildPath', type: 'String', position: 1, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The path to append to each parent path.' },
    remainingArguments({ name: 'AdditionalChildPath', type: 'String[]', position: 2, description: 'More path elements to append, in order.' }),
    { name: 'Resolve', type: 'SwitchParameter', description: 'Resolves the joined paths to the items that exist (wildcards are permitted).' },
  ],
  outputTypes: ['System.String'],
  examples: [
    {
      title: 'Join a directory and a file name',
      code: "Join-Path -Path 'c:\\certificates' -ChildPath 'import.pfx'",
      remarks: 'A Windows-style parent keeps its backslash separator.',
      output: 'c:\\certificates\\import.pfx',
    },
    {
      title: 'Several elements',
      code: "Join-Path '/var/edgeshell' 'ProtocolLog' 'SmtpReceive'",
      remarks: 'The additional child paths are appended in order.',
      output: '/var/edgeshell/ProtocolLog/SmtpReceive',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    for (const parent of p.Path ?? []) {
      let result = joinPath(parent ?? '', p.ChildPath ?? '');
      for (const extra of p.AdditionalChildPath ?? []) result = joinPath(result, extra ?? '');
      if (!p.Resolve) {
        ctx.write(result, false);
        continue;
      }
      const { paths, wildcard } = expandPath(ctx, result);
      const existing = paths.filter((x) => fs.existsSync(x));
      if (existing.length === 0) {
        ctx.writeError(pathNotFound(ctx, wildcard ? result : ctx.session.resolvePath(result)));
        continue;
      }
      for (const x of existing) ctx.write(x, false);
    }
  },
});

export default cmdlet;
