// PSVariable objects as Get-Variable writes them.
import { PSObject } from '../../../src/engine/values.js';

export function psVariable(name: string, value: unknown, description = '', options = 'None'): PSObject {
  const o = new PSObject(['System.Management.Automation.PSVariable', 'System.Object']);
  o.addProperty({ name: 'Name', memberType: 'Property', value: name, typeName: 'System.String', readOnly: true });
  o.addProperty({ name: 'Description', memberType: 'Property', value: description, typeName: 'System.String' });
  o.addProperty({ name: 'Value', memberType: 'Property', value, typeName: 'System.Object' });
  o.addProperty({ name: 'Visibility', memberType: 'Property', value: 'Public', typeName: 'System.Management.Automation.SessionStateEntryVisibility' });
  o.addProperty({ name: 'Options', memberType: 'Property', value: options, typeName: 'System.Management.Automation.ScopedItemOptions' });
  o.addProperty({ name: 'Attributes', memberType: 'Property', value: [], typeName: 'System.Collections.ObjectModel.Collection`1[[System.Attribute]]' });
  o.addMethod('ToString', () => name);
  return o;
}
