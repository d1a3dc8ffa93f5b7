// Remove-Variable: deletes variables.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { hasWildcard, wildcardToRegex } from '../../src/engine/wildcard.js';
import { errorRecord } from './lib/common.js';
import { hasVariable, listVariables, variableServices } from './lib/session.js';

interface Params {
  Name?: string[];
  Scope?: string;
  Force?: boolean;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Remove-Variable',
  aliases: ['rv'],
  synopsis: 'Deletes a variable and its value.',
  description: 'Remove-Variable deletes variables: afterwards reading them gives $null and Get-Variable no longer finds them.',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    { name: 'Name', type: 'String[]', position: 0, mandatory: true, valueFromPipelineByPropertyName: true, description: 'The names of the variables (without $). Wildcards are permitted.' },
    { name: 'Scope', type: 'String', description: 'Accepted for compatibility.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Accepted for compatibility.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Delete a variable',
      code: "$Thumbprint = 'A1B2'\nRemove-Variable Thumbprint\n$null -eq $Thumbprint",
      remarks: 'The variable no longer holds a value.',
      output: 'True',
    },
  ],
  async process(ctx) {
    const session = ctx.session;
    const services = variableServices(session);
    for (const name of ctx.params.Name ?? []) {
      let names: string[];
      if (hasWildcard(name)) {
        const re = wildcardToRegex(name);
        names = (listVariables(session) ?? []).filter((v) => re.test(v.name)).map((v) => v.name);
      } else if (hasVariable(session, name)) names = [name];
      else {
        ctx.writeError(errorRecord(ctx, `Cannot find a variable with the name '${name}'.`, 'VariableNotFound', 'ObjectNotFound', name, 'System.Management.Automation.ItemNotFoundException'));
        continue;
      }
      for (const n of names) {
        if (!(await ctx.shouldProcess(`Name: ${n}`, 'Remove Variable'))) continue;
        if (services.removeVariable) services.removeVariable(n);
        else session.setVariable(n, null);
      }
    }
  },
});

export default cmdlet;
