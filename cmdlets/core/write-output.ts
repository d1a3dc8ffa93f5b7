// Write-Output: writes objects to the pipeline.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { remainingArguments } from './lib/common.js';

interface Params {
  InputObject?: unknown[];
  NoEnumerate?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Output',
  aliases: ['echo', 'write'],
  synopsis: 'Writes the specified objects to the pipeline.',
  description:
    'Write-Output sends objects to the next command in the pipeline, or to the console when it is the last one. ' +
    'Collections are enumerated: each element is written separately, unless -NoEnumerate is given. Writing a value ' +
    'on its own line in a script does the same.',
  parameters: [
    remainingArguments({
      name: 'InputObject',
      type: 'PSObject[]',
      position: 0,
      mandatory: true,
      valueFromPipeline: true,
      description: 'The objects to write.',
    }),
    { name: 'NoEnumerate', type: 'SwitchParameter', description: 'Writes a collection as one object instead of its elements.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Write a string',
      code: "Write-Output 'Domain security is enabled.'",
      remarks: 'The string goes to the pipeline, here the console.',
      output: 'Domain security is enabled.',
    },
    {
      title: 'A collection as one object',
      code: '(Write-Output 1,2,3 | Measure-Object).Count\n(Write-Output -NoEnumerate 1,2,3 | Measure-Object).Count',
      remarks: 'Enumerated, three objects reach Measure-Object; with -NoEnumerate, one array does.',
      output: '3\n1',
    },
  ],
  process(ctx) {
    const v = ctx.params.InputObject;
    if (v === undefined) return;
    if (ctx.params.NoEnumerate) {
      ctx.write(Array.isArray(v) && v.length === 1 && ctx.expectingInput ? v[0] : v, false);
      return;
    }
    ctx.write(v, true);
  },
});

export default cmdlet;
