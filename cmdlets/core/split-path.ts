// Split-Path: the parent, leaf, extension or qualifier of a path.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Path?: string[];
  Parent?: boolean;
  Leaf?: boolean;
  LeafBase?: boolean;
  Extension?: boolean;
  Qualifier?: boolean;
  NoQualifier?: boolean;
  IsAbsolute?: boolean;
}

/** The parent of a path, keeping its separator style; '' for a path without one. */
export function parentOf(p: string): string {
  const trimmed = p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (i < 0) return '';
  const head = trimmed.slice(0, i);
  if (head === '') return trimmed[0];
  if (/^[A-Za-z]:$/.test(head)) return head + trimmed[i];
  return head;
}

export function leafOf(p: string): string {
  const trimmed = p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Split-Path',
  synopsis: 'Returns the specified part of a path.',
  description:
    'Split-Path writes a part of each path: the parent directory (the default, or -Parent), the last element ' +
    '(-Leaf), the last element without its extension (-LeafBase), the extension (-Extension), the drive qualifier ' +
    '(-Qualifier) or the path without it (-NoQualifier). -IsAbsolute tells whether the path is absolute.',
  defaultParameterSet: 'ParentSet',
  parameters: [
    { name: 'Path', type: 'String[]', position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, aliases: ['PSPath'], description: 'The paths to split.' },
    { name: 'Parent', type: 'SwitchParameter', parameterSets: ['ParentSet'], description: 'Writes the parent directory (the default).' },
    { name: 'Leaf', type: 'SwitchParameter', mandatory: true, parameterSets: ['LeafSet'], description: 'Writes the last element of the path.' },
    { name: 'LeafBase', type: 'SwitchParameter', mandatory: true, parameterSets: ['LeafBaseSet'], description: 'Writes the last element without its extension.' },
    { name: 'Extension', type: 'SwitchParameter', mandatory: true, parameterSets: ['ExtensionSet'], description: 'Writes the extension of the last element.' },
    { name: 'Qualifier', type: 'SwitchParameter', mandatory: true, parameterSets: ['QualifierSet'], description: 'Writes the drive qualifier, such as C:.' },
    { name: 'NoQualifier', type: 'SwitchParameter', mandatory: true, parameterSets: ['NoQualifierSet'], description: 'Writes the path without its drive qualifier.' },
    { name: 'IsAbsolute', type: 'SwitchParameter', mandatory: true, parameterSets: ['IsAbsoluteSet'], description: 'Writes $true if the path is absolute.' },
  ],
  outputTypes: ['System.String', 'System.Boolean'],
  examples: [
    {
      title: 'Parent and leaf',
      code: "Split-Path 'c:\\certificates\\import.pfx'\nSplit-Path 'c:\\certificates\\import.pfx' -Leaf\nSplit-Path 'c:\\certificates\\import.pfx' -LeafBase",
      remarks: 'The directory, the file name, and the file name without its extension.',
      output: 'c:\\certificates\nimport.pfx\nimport',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    for (const path of p.Path ?? []) {
      const leaf = leafOf(path);
      const dot = leaf.lastIndexOf('.');
      if (p.Leaf) ctx.write(leaf, false);
      else if (p.LeafBase) ctx.write(dot > 0 ? leaf.slice(0, dot) : leaf, false);
      else if (p.Extension) ctx.write(dot > 0 ? leaf.slice(dot) : '', false);
      else if (p.Qualifier) {
        const m = /^([A-Za-z][\w]*:)/.exec(path);
        if (m) ctx.write(m[1], false);
        else ctx.writeError(`Cannot parse path because path '${path}' does not have a qualifier specified.`, 'ParsePathError', 'InvalidArgument', path);
      } else if (p.NoQualifier) ctx.write(path.replace(/^[A-Za-z][\w]*:/, ''), false);
      else if (p.IsAbsolute) ctx.write(/^([\\/]|[A-Za-z]:[\\/]|~)/.test(path), false);
      else ctx.write(parentOf(path), false);
    }
  },
});

export default cmdlet;
