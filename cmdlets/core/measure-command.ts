// Measure-Command: how long a script block takes to run.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { TimeSpan, type ScriptBlock } from '../../src/engine/values.js';

interface Params {
  Expression?: ScriptBlock;
  InputObject?: unknown;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Measure-Command',
  synopsis: 'Measures the time it takes to run script blocks and cmdlets.',
  description:
    'Measure-Command runs a script block (once, or once per piped object with $_ set to it) and writes how long it ' +
    'took as a TimeSpan. The output of the script block is discarded.',
  parameters: [
    { name: 'Expression', type: 'ScriptBlock', position: 0, mandatory: true, description: 'The script block to time.' },
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'Objects to run the script block for, as $_.' },
  ],
  outputTypes: ['System.TimeSpan'],
  examples: [
    {
      title: 'Time a command',
      code: '$t = Measure-Command { Start-Sleep -Milliseconds 20 }\n$t.TotalMilliseconds -ge 15',
      remarks: 'The TimeSpan tells how long the block ran.',
      output: 'True',
    },
  ],
  begin(ctx) {
    ctx.state.ms = 0;
  },
  async process(ctx) {
    const sb = ctx.params.Expression!;
    const start = performance.now();
    await sb.invoke(ctx.params.InputObject !== undefined ? { dollarUnder: ctx.params.InputObject } : {});
    ctx.state.ms += performance.now() - start;
  },
  end(ctx) {
    ctx.write(new TimeSpan(Math.round(ctx.state.ms * 10_000) / 10_000), false);
  },
});

export default cmdlet;
