// New-Variable: creates a variable.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { errorRecord } from './lib/common.js';
import { hasVariable, variableServices } from './lib/session.js';
import { psVariable } from './lib/variables.js';

interface Params {
  Name?: string;
  Value?: unknown;
  PassThru?: boolean;
  Scope?: string;
  Option?: string;
  Description?: string;
  Force?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'New-Variable',
  aliases: ['nv'],
  synopsis: 'Creates a new variable.',
  description: 'New-Variable creates a variable with a value. It is an error if the variable exists already, unless -Force.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { name: 'Name', type: 'String', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The name of the variable (without $).' },
    { name: 'Value', type: 'Object', position: 1, valueFromPipeline: true, valueFromPipelineByPropertyName: true, description: 'The initial value.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes the variable object.' },
    { name: 'Scope', type: 'String', description: 'The scope of the variable: Global, Script, Local or a number.' },
    { name: 'Option', type: 'ScopedItemOptions', validateSet: ['None', 'ReadOnly', 'Constant', 'Private', 'AllScope', 'Unspecified'], description: 'Accepted for compatibility.' },
    { name: 'Description', type: 'String', description: 'A description of the variable.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Replaces an existing variable.' },
  ],
  outputTypes: ['None', 'System.Management.Automation.PSVariable'],
  examples: [
    {
      title: 'Create a variable',
      code: "New-Variable -Name Server -Value 'edge01.contoso.com'\n$Server",
      remarks: 'The variable exists afterwards.',
      output: 'edge01.contoso.com',
    },
  ],
  async process(ctx) {
    const p = ctx.params;
    const name = p.Name ?? '';
    if (!p.Force && hasVariable(ctx.session, name)) {
      ctx.writeError(errorRecord(ctx, `A variable with name '${name}' already exists.`, 'VariableAlreadyExists', 'ResourceExists', name, 'System.Management.Automation.SessionStateUnauthorizedAccessException'));
      return;
    }
    if (!(await ctx.shouldProcess(`Name: ${name} Value: ${String(p.Value ?? '')}`, 'New variable'))) return;
    const value = p.Value === undefined ? null : p.Value;
    const services = variableServices(ctx.session);
    if (p.Scope && services.setVariableInScope) services.setVariableInScope(name, value, p.Scope);
    else ctx.session.setVariable(name, value);
    if (p.PassThru) ctx.write(psVariable(name, value, p.Description ?? ''), false);
  },
});

export default cmdlet;
