// Tee-Object: passes objects on and also saves them to a file or a variable.
import * as fs from 'node:fs';
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { formatToText } from '../../src/format/index.js';
import { errorRecord } from './lib/common.js';

interface Params {
  InputObject?: unknown;
  FilePath?: string;
  LiteralPath?: string;
  Append?: boolean;
  Variable?: string;
  Encoding?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Tee-Object',
  aliases: ['tee'],
  synopsis: 'Saves command output in a file or variable and also sends it down the pipeline.',
  description:
    'Tee-Object writes its input to the pipeline unchanged and also saves it: to a file (as the console would show ' +
    'it, -Append to add to the file) or to a variable (the collected objects).',
  defaultParameterSet: 'File',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to save and pass on.' },
    { name: 'FilePath', type: 'String', position: 0, mandatory: true, aliases: ['Path'], parameterSets: ['File'], description: 'The file to save the output to.' },
    { name: 'LiteralPath', type: 'String', mandatory: true, aliases: ['PSPath', 'LP'], parameterSets: ['LiteralFile'], description: 'The file, taken literally.' },
    { name: 'Append', type: 'SwitchParameter', parameterSets: ['File', 'LiteralFile'], description: 'Adds to the end of the file.' },
    { name: 'Variable', type: 'String', mandatory: true, parameterSets: ['Variable'], description: 'The variable (without $) to save the objects in.' },
    { name: 'Encoding', type: 'Encoding', parameterSets: ['File', 'LiteralFile'], description: 'Accepted for compatibility; the file is UTF-8.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Keep a copy in a variable',
      code: "1..3 | Tee-Object -Variable seen | Measure-Object | ForEach-Object Count\n$seen -join ','",
      remarks: 'The objects go on down the pipeline and are also stored in $seen.',
      output: '3\n1,2,3',
    },
  ],
  begin(ctx) {
    ctx.state.items = [];
  },
  process(ctx) {
    const v = ctx.params.InputObject;
    if (v === undefined) return;
    (ctx.state.items as unknown[]).push(v);
    ctx.write(v, false);
  },
  end(ctx) {
    const p = ctx.params;
    const items: unknown[] = ctx.state.items;
    if (p.Variable !== undefined) {
      ctx.session.setVariable(p.Variable, items);
      return;
    }
    const file = ctx.session.resolvePath((p.LiteralPath ?? p.FilePath)!);
    const text = formatToText(items, ctx.session.host.width);
    try {
      if (p.Append) fs.appendFileSync(file, text);
      else fs.writeFileSync(file, text);
    } catch (e) {
      ctx.writeError(errorRecord(ctx, (e as Error).message, 'FileOpenFailure', 'OpenError', file, 'System.IO.IOException'));
    }
  },
});

export default cmdlet;
