// Set-Location: changes the current directory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord, pathNotFound } from './lib/common.js';
import { expandPath } from './lib/fs-items.js';
import { pathInfo } from './get-location.js';

interface Params {
  Path?: string;
  LiteralPath?: string;
  PassThru?: boolean;
}

const HISTORY = 'core.locationHistory';

interface History {
  back: string[];
  forward: string[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Set-Location',
  aliases: ['cd', 'sl', 'chdir'],
  synopsis: 'Sets the current working location to a specified location.',
  description:
    'Set-Location makes a directory the current one; relative paths are resolved against it. Without a path it goes ' +
    'to the home directory. `Set-Location -` returns to the previous location and `Set-Location +` goes forward again. ' +
    '-PassThru writes the new location.',
  defaultParameterSet: 'Path',
  parameters: [
    { name: 'Path', type: 'String', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The directory to go to. Wildcards are permitted when they match one directory.' },
    { name: 'LiteralPath', type: 'String', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The directory to go to, taken literally (no wildcards).' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes a PathInfo object of the new location.' },
  ],
  outputTypes: ['None', 'System.Management.Automation.PathInfo'],
  examples: [
    {
      title: 'Go to a directory and back',
      setup: 'New-Item -ItemType Directory -Path certificates | Out-Null',
      code: "$start = (Get-Location).Path\nSet-Location certificates\nSplit-Path -Leaf (Get-Location).Path\nSet-Location -\n(Get-Location).Path -eq $start",
      remarks: '`Set-Location -` returns to the previous location.',
      output: 'certificates\nTrue',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const session = ctx.session;
    const services = session.services;
    let history = services.get(HISTORY) as History | undefined;
    if (!history) services.set(HISTORY, (history = { back: [], forward: [] }));
    const literal = ctx.bound.has('LiteralPath');
    const given = literal ? p.LiteralPath : p.Path;
    let target: string;
    if (!literal && given === '-') {
      const prev = history.back.pop();
      if (prev === undefined) {
        ctx.writeError(errorRecord(ctx, 'There is no location history left to navigate backwards.', 'InvalidOperation', 'InvalidOperation', '-', 'System.InvalidOperationException'));
        return;
      }
      history.forward.push(session.cwd);
      session.cwd = prev;
      if (p.PassThru) ctx.write(pathInfo(prev), false);
      return;
    }
    if (!literal && given === '+') {
      const next = history.forward.pop();
      if (next === undefined) {
        ctx.writeError(errorRecord(ctx, 'There is no location history left to navigate forwards.', 'InvalidOperation', 'InvalidOperation', '+', 'System.InvalidOperationException'));
        return;
      }
      history.back.push(session.cwd);
      session.cwd = next;
      if (p.PassThru) ctx.write(pathInfo(next), false);
      return;
    }
    if (given === undefined || given === null || given === '') target = os.homedir();
    else {
      const { paths, wildcard } = expandPath(ctx, given, literal);
      const dirs = paths.filter((x) => isDir(x));
      if (dirs.length === 0) {
        const shown = wildcard ? given : paths[0];
        ctx.writeError(pathNotFound(ctx, shown));
        return;
      }
      if (dirs.length > 1) {
        ctx.writeError(errorRecord(ctx, `Cannot set the location because path '${given}' resolved to multiple containers. You can only the set the same location to a single container at a time.`, 'PathResolvedToMultiple', 'InvalidArgument', given, 'System.Management.Automation.PSArgumentException'));
        return;
      }
      target = dirs[0];
    }
    if (target !== session.cwd) {
      history.back.push(session.cwd);
      history.forward.length = 0;
    }
    session.cwd = target;
    if (p.PassThru) ctx.write(pathInfo(target), false);
  },
});

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export default cmdlet;
