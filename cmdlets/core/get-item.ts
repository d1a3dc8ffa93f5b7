// Get-Item: the item (file or directory) at a path.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { pathNotFound } from './lib/common.js';
import { expandPath, fileSystemItem } from './lib/fs-items.js';
import { isProviderPath, providerFor } from './lib/providers.js';

interface Params {
  Path?: string[];
  LiteralPath?: string[];
  Force?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Item',
  aliases: ['gi'],
  synopsis: 'Gets the item at the specified location.',
  description:
    'Get-Item gets the file or directory at each path (not its contents: use Get-ChildItem for those). Paths may ' +
    'hold wildcards. Paths on the Cert: drive get certificates from the stores.',
  defaultParameterSet: 'Path',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, parameterSets: ['Path'], description: 'The items to get. Wildcards are permitted.' },
    { name: 'LiteralPath', type: 'String[]', mandatory: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralPath'], description: 'The items to get, taken literally (no wildcards).' },
    { name: 'Force', type: 'SwitchParameter', description: 'Gets hidden items matched by wildcards too.' },
  ],
  outputTypes: ['System.IO.FileInfo', 'System.IO.DirectoryInfo'],
  examples: [
    {
      title: 'The properties of a file',
      setup: "Set-Content -Path request.req -Value 'abc' -NoNewline",
      code: '$f = Get-Item request.req\n$f.Name\n$f.Length\n$f.Extension',
      remarks: 'A FileInfo object: Name, Length, Extension, FullName, LastWriteTime and more.',
      output: 'request.req\n3\n.req',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const literal = ctx.bound.has('LiteralPath');
    for (const userPath of (literal ? p.LiteralPath : p.Path) ?? []) {
      const provider = isProviderPath(userPath) ? providerFor(userPath) : undefined;
      if (provider?.item) {
        const item = await provider.item(userPath, ctx);
        if (item === undefined || item === null) ctx.writeError(pathNotFound(ctx, userPath));
        else ctx.write(item, false);
        continue;
      }
      const { paths, wildcard } = expandPath(ctx, userPath, literal);
      if (!wildcard && !fs.existsSync(paths[0])) {
        ctx.writeError(pathNotFound(ctx, paths[0]));
        continue;
      }
      for (const full of paths) ctx.write(fileSystemItem(full), false);
    }
  },
});

export default cmdlet;
