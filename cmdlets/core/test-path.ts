// Test-Path: whether paths exist (and are files or directories).
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { expandPath } from './lib/fs-items.js';
import { isProviderPath, providerFor } from './lib/providers.js';
import type { MP } from './lib/common.js';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  PathType?: 'Any' | 'Container' | 'Leaf';
  IsValid?: boolean;
  OlderThan?: Date;
  NewerThan?: Date;
}

const normalizeType = (v: unknown) => {
  const s = String(v);
  return ['Any', 'Container', 'Leaf'].find((t) => t.toLowerCase() === s.toLowerCase()) ?? s;
};

export const cmdlet = defineCmdlet<Params>({
  name: 'Test-Path',
  synopsis: 'Determines whether all elements of a path exist.',
  description:
    'Test-Path writes $true for each path that exists and $false for each that does not. -PathType Leaf asks for a ' +
    'file and Container for a directory. A path with wildcards is true when anything matches. -IsValid only checks ' +
    'that the path is well formed. Paths on the Cert: drive are tested against the certificate stores.',
  defaultParameterSet: 'Path',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The paths to test. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The paths to test, taken literally (no wildcards).' },
    { name: 'PathType', type: 'TestPathType', aliases: ['Type'], validateSet: ['Any', 'Container', 'Leaf'], convert: normalizeType, defaultValue: 'Any', description: 'The type of item to test for: Leaf (a file), Container (a directory) or Any.' },
    { name: 'IsValid', type: 'SwitchParameter', description: 'Tests whether the path is well formed, whether or not it exists.' },
    { name: 'OlderThan', type: 'DateTime', description: 'True only for files last written before this time.' },
    { name: 'NewerThan', type: 'DateTime', description: 'True only for files last written after this time.' },
  ],
  outputTypes: ['System.Boolean'],
  examples: [
    {
      title: 'Does a file exist?',
      setup: "Set-Content -Path request.req -Value 'x'",
      code: 'Test-Path request.req\nTest-Path missing.req',
      remarks: 'True for the file that exists, False for the one that does not.',
      output: 'True\nFalse',
    },
    {
      title: 'A file or a directory',
      setup: "New-Item -ItemType Directory -Path certs | Out-Null",
      code: 'Test-Path certs -PathType Container\nTest-Path certs -PathType Leaf',
      remarks: 'certs is a directory, not a file.',
      output: 'True\nFalse',
    },
  ],
  process(ctx): MP<void> {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    const list = (literal ? p.LiteralPath : p.Path) ?? [];
    const results: MP<boolean>[] = list.map((userPath) => {
      if (userPath === null || userPath === undefined || userPath === '') return false;
      if (p.IsValid) return !/\0/.test(userPath);
      const provider = isProviderPath(userPath) ? providerFor(userPath) : undefined;
      if (provider) {
        if (provider.exists) return provider.exists(userPath, ctx);
        if (provider.item) {
          const r = provider.item(userPath, ctx);
          return r instanceof Promise ? r.then((x) => x !== undefined && x !== null) : r !== undefined && r !== null;
        }
        return false;
      }
      const { paths } = expandPath(ctx, userPath, literal);
      return paths.some((f) => {
        let st: fs.Stats;
        try {
          st = fs.statSync(f);
        } catch {
          return false;
        }
        if (p.PathType === 'Leaf' && st.isDirectory()) return false;
        if (p.PathType === 'Container' && !st.isDirectory()) return false;
        if (p.OlderThan && !(st.mtime < p.OlderThan)) return false;
        if (p.NewerThan && !(st.mtime > p.NewerThan)) return false;
        return true;
      });
    });
    if (results.some((r) => r instanceof Promise)) return Promise.all(results).then((rs) => rs.forEach((r) => ctx.write(r, false)));
    for (const r of results) ctx.write(r, false);
  },
});

export default cmdlet;
