// Set-Variable: sets the value of a variable, creating it if needed.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { psVariable } from './lib/variables.js';
import { variableServices } from './lib/session.js';

interface Params {
  Name?: string[];
  Value?: unknown;
  PassThru?: boolean;
  Scope?: string;
  Option?: string;
  Description?: string;
  Force?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Set-Variable',
  aliases: ['set', 'sv'],
  synopsis: 'Sets the value of a variable. Creates the variable if one with the requested name does not exist.',
  description:
    'Set-Variable assigns a value to a variable, creating it when it does not exist; the name is given without the $ ' +
    'sign, so it can be computed. Objects piped to it are collected into the value (an array when there are several).',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { name: 'Name', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The name of the variable (without $).' },
    { name: 'Value', type: 'Object', position: 1, valueFromPipeline: true, valueFromPipelineByPropertyName: true, description: 'The value to assign.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the variable object.' },
    { name: 'Scope', type: 'String', description: 'The scope of the variable: Global, Script, Local or a number.' },
    { name: 'Option', type: 'ScopedItemOptions', validateSet: ['None', 'ReadOnly', 'Constant', 'Private', 'AllScope', 'Unspecified'], description: 'Accepted for compatibility.' },
    { name: 'Description', type: 'String', description: 'A description of the variable.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
  ],
  outputTypes: ['None', 'System.Management.Automation.PSVariable'],
  examples: [
    {
      title: 'Set a variable by name',
      code: "Set-Variable -Name Domain -Value 'contoso.com'\n$Domain",
      remarks: 'The same as $Domain = \'contoso.com\'.',
      output: 'contoso.com',
    },
    {
      title: 'Collect pipeline output into a variable',
      code: "1..3 | Set-Variable -Name Numbers\n$Numbers.Count",
      remarks: 'The piped objects become an array.',
      output: '3',
    },
  ],
  begin(ctx) {
    ctx.state.values = [];
  },
  process(ctx) {
    if (ctx.expectingInput && ctx.input !== undefined) (ctx.state.values as unknown[]).push(ctx.params.Value);
  },
  async end(ctx) {
    const p = ctx.params;
    const collected: unknown[] = ctx.state.values;
    const value = ctx.expectingInput ? (collected.length === 0 ? null : collected.length === 1 ? collected[0] : collected) : p.Value === undefined ? null : p.Value;
    const services = variableServices(ctx.session);
    for (const name of p.Name ?? []) {
      if (!(await ctx.shouldProcess(`Name: ${name} Value: ${String(value)}`, 'Set variable'))) continue;
      if (p.Scope && services.setVariableInScope) services.setVariableInScope(name, value, p.Scope);
      else ctx.session.setVariable(name, value);
      if (p.PassThru) ctx.write(psVariable(name, value, p.Description ?? ''), false);
    }
  },
});

export default cmdlet;
