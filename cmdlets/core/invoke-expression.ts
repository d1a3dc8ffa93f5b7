// Invoke-Expression: runs a string as commands.
import { defineCmdlet } from '../../src/engine/cmdlet.js';

interface Params {
  Command?: string;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Invoke-Expression',
  aliases: ['iex'],
  synopsis: 'Runs commands or expressions on the local computer.',
  description:
    'Invoke-Expression runs the text it is given as PowerShell commands, in the current scope, and writes their ' +
    'output. Do not pass it text you have not checked: it runs whatever it is given.',
  parameters: [{ name: 'Command', type: 'String', position: 0, mandatory: true, valueFromPipeline: true, description: 'The commands to run.' }],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Run a command held in a string',
      code: "$command = 'Get-Date -Date 2024-03-01 -Format yyyyMMdd'\nInvoke-Expression $command",
      remarks: 'The string is parsed and run like typed commands.',
      output: '20240301',
    },
  ],
  async process(ctx) {
    const text = ctx.params.Command;
    if (text === undefined || text === null || text === '') return;
    const out = await ctx.session.evaluate(text);
    ctx.write(out, true);
  },
});

export default cmdlet;
