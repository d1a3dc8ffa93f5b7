// Get-Location: the current directory.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSObject } from '../../src/engine/values.js';

export function pathInfo(p: string): PSObject {
  const o = new PSObject(['System.Management.Automation.PathInfo', 'System.Object']);
  o.addProperty({ name: 'Drive', memberType: 'Property', value: null, typeName: 'System.Management.Automation.PSDriveInfo', readOnly: true });
  o.addProperty({ name: 'Provider', memberType: 'Property', value: 'Microsoft.PowerShell.Core\\FileSystem', typeName: 'System.Management.Automation.ProviderInfo', readOnly: true });
  o.addProperty({ name: 'ProviderPath', memberType: 'Property', value: p, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Path', memberType: 'Property', value: p, typeName: 'System.String', readOnly: true });
  o.addMethod('ToString', () => p);
  return o;
}

export const cmdlet = defineCmdlet<Record<string, never>>({
  name: 'Get-Location',
  aliases: ['gl', 'pwd'],
  synopsis: 'Gets information about the current working location or a location stack.',
  description:
    'Get-Location writes the current directory as a PathInfo object, whose Path property is the directory. ' +
    'Relative paths given to other commands are resolved against it; Set-Location changes it.',
  parameters: [],
  outputTypes: ['System.Management.Automation.PathInfo'],
  examples: [
    {
      title: 'Where am I?',
      setup: 'New-Item -ItemType Directory -Path certificates | Out-Null',
      code: 'Set-Location certificates\n(Get-Location).Path -like "*certificates"',
      remarks: 'The Path property holds the current directory.',
      output: 'True',
    },
  ],
  process(ctx) {
    ctx.write(pathInfo(ctx.session.cwd), false);
  },
});

export default cmdlet;
