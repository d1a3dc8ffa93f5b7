// Group-Object: groups objects that have the same values for the given properties.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSHashtable, PSObject } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { evaluateExpression, matchingNames, parsePropertyExpressions, propertyValue, safeString, type MP, type PropertyExpression } from './lib/common.js';

interface Params {
  InputObject?: unknown;
  Property?: unknown[];
  NoElement?: boolean;
  AsHashTable?: boolean;
  AsString?: boolean;
  CaseSensitive?: boolean;
  Culture?: string;
}

interface Group {
  values: unknown[];
  items: unknown[];
}

const GROUP_INFO = 'Microsoft.PowerShell.Commands.GroupInfo';

/** A map key for the group values: equal values (strings without regard to case) give equal keys. */
function keyOf(values: unknown[], caseSensitive: boolean): string {
  let k = '';
  for (const v of values) {
    if (v === null || v === undefined) k += '\u0000n';
    else {
      const s = safeString(v);
      k += '\u0000' + (caseSensitive ? s : s.toLowerCase());
    }
  }
  return k;
}

function groupInfo(g: Group, noElement: boolean): PSObject {
  const name = g.values.map((v) => (v === null || v === undefined ? '' : safeString(v))).join(', ');
  const o = new PSObject(noElement ? ['Microsoft.PowerShell.Commands.GroupInfoNoElement', GROUP_INFO, 'System.Object'] : [GROUP_INFO, 'System.Object']);
  o.addProperty({ name: 'Values', memberType: 'Property', value: g.values, typeName: 'System.Collections.ArrayList', readOnly: true });
  o.addProperty({ name: 'Count', memberType: 'Property', value: g.items.length, typeName: 'System.Int32', readOnly: true });
  o.addProperty({ name: 'Group', memberType: 'Property', value: noElement ? [] : g.items, typeName: 'System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSObject]]', readOnly: true });
  o.addProperty({ name: 'Name', memberType: 'Property', value: name, typeName: 'System.String', readOnly: true });
  return o;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Group-Object',
  aliases: ['group'],
  synopsis: 'Groups objects that contain the same value for specified properties.',
  description:
    'Group-Object writes one GroupInfo object per distinct value of the given properties (or of the objects ' +
    'themselves): its Name is the value (several values joined with ", "), Count the number of objects in the group, ' +
    'Group the objects and Values the values. Groups come in the order their first object arrived. -NoElement leaves ' +
    'the objects out; -AsHashTable writes one hashtable from each value to its objects. Strings are grouped without ' +
    'regard to case unless -CaseSensitive is given.',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to group. Usually piped in.' },
    { name: 'Property', type: 'Object[]', position: 0, description: 'The properties to group by: names, script blocks or hashtables with an Expression key. Wildcards are permitted.' },
    { name: 'NoElement', type: 'SwitchParameter', description: 'Leaves the grouped objects out of the output (only Count and Name).' },
    { name: 'AsHashTable', type: 'SwitchParameter', aliases: ['AHT'], description: 'Writes a hashtable whose keys are the grouped values and whose values are the objects.' },
    { name: 'AsString', type: 'SwitchParameter', description: 'With -AsHashTable, makes the keys strings.' },
    { name: 'CaseSensitive', type: 'SwitchParameter', description: 'Groups strings that differ only in case separately.' },
    { name: 'Culture', type: 'String', description: 'Accepted for compatibility; strings are compared with the invariant culture.' },
  ],
  outputTypes: ['Microsoft.PowerShell.Commands.GroupInfo', 'System.Collections.Hashtable'],
  examples: [
    {
      title: 'Count the occurrences of each value',
      code: "'SMTP', 'IIS', 'SMTP', 'POP' | Group-Object",
      remarks: 'One group per distinct string, in the order the values first appear.',
      output:
        '\nCount Name                      Group\n----- ----                      -----\n    2 SMTP                      {SMTP, SMTP}\n    1 IIS                       {IIS}\n    1 POP                       {POP}\n',
    },
    {
      title: 'Group by a property, without the elements',
      code: "'mail.contoso.com', 'contoso.com', 'woodgrovebank.com' | Group-Object { $_.Split('.').Count } -NoElement",
      remarks: 'Groups the names by how many labels they have.',
      output: '\nCount Name\n----- ----\n    1 3\n    2 2\n',
    },
    {
      title: 'A hashtable of groups',
      code: "$h = 1..6 | Group-Object { $_ % 2 } -AsHashTable\n$h[0]",
      remarks: 'The keys of the hashtable are the grouped values (0 and 1 here); each value holds the objects of its group.',
      output: '2\n4\n6',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    ctx.state.groups = new Map<string, Group>();
    ctx.state.props = p.Property?.length ? parsePropertyExpressions(ctx, p.Property, ['expression']) : [];
  },
  process(ctx) {
    const item = ctx.params.InputObject;
    if (item === undefined) return;
    const props: PropertyExpression[] = ctx.state.props;
    const values: unknown[] = [];
    const add = () => {
      const cs = !!ctx.params.CaseSensitive;
      const groups: Map<string, Group> = ctx.state.groups;
      const k = keyOf(values, cs);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { values: [...values], items: [] }));
      g.items.push(item);
    };
    if (props.length === 0) {
      values.push(item);
      add();
      return;
    }
    let i = 0;
    const step = (): MP<void> => {
      for (; i < props.length; i++) {
        const p = props[i];
        let v: MP<unknown>;
        if (p.wildcard) {
          const n = matchingNames(item, p.expr as string)[0];
          v = n === undefined ? null : propertyValue(item, n);
        } else v = evaluateExpression(p, item);
        if (v instanceof Promise) {
          i++;
          return v.then((x) => {
            values.push(x === undefined ? null : x);
            return step();
          });
        }
        values.push(v === undefined ? null : v);
      }
      add();
    };
    return step();
  },
  end(ctx) {
    const p = ctx.params;
    const groups: Map<string, Group> = ctx.state.groups;
    if (p.AsHashTable) {
      if (groups.size === 0) {
        ctx.write(null, false);
        return;
      }
      const h = new PSHashtable();
      for (const g of groups.values()) {
        let key: unknown = g.values.length === 1 ? g.values[0] : g.values;
        if (p.AsString) key = g.values.map((v) => (v === null || v === undefined ? '' : toStr(v))).join(', ');
        h.set(key, g.items);
      }
      ctx.write(h, false);
      return;
    }
    for (const g of groups.values()) ctx.write(groupInfo(g, !!p.NoElement), false);
  },
});

export default cmdlet;
