// Sort-Object: sorts objects by property values (or by themselves), stably.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { evaluateExpression, matchingNames, parsePropertyExpressions, propertyValue, type MP, type PropertyExpression } from './lib/common.js';
import { compareValues } from './lib/compare.js';

interface Params {
  InputObject?: unknown;
  Property?: unknown[];
  Descending?: boolean;
  Unique?: boolean;
  CaseSensitive?: boolean;
  Culture?: string;
  Stable?: boolean;
  Top?: number;
  Bottom?: number;
}

interface Row {
  item: unknown;
  keys: unknown[];
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Sort-Object',
  aliases: ['sort'],
  synopsis: 'Sorts objects by property values.',
  description:
    'Sort-Object collects its input and writes it sorted by the values of one or more properties, or by the objects ' +
    'themselves when no property is given. Properties can be names, script blocks or hashtables with an Expression ' +
    'key and an Ascending or Descending key, to sort on several keys in different directions. Strings compare ' +
    'without regard to case unless -CaseSensitive is given. Objects with equal keys keep their input order.',
  defaultParameterSet: 'Default',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to sort. Usually piped in.' },
    {
      name: 'Property',
      type: 'Object[]',
      position: 0,
      description: 'The sort keys: property names, script blocks, or hashtables with Expression and Ascending/Descending keys. Wildcards are permitted.',
    },
    { name: 'Descending', type: 'SwitchParameter', description: 'Sorts in descending order (keys with their own Ascending/Descending key keep it).' },
    { name: 'Unique', type: 'SwitchParameter', description: 'Writes only one of the objects whose keys are equal.' },
    { name: 'CaseSensitive', type: 'SwitchParameter', description: 'Compares strings case-sensitively (lowercase before uppercase).' },
    { name: 'Culture', type: 'String', description: 'Accepted for compatibility; strings are compared with the invariant culture.' },
    { name: 'Stable', type: 'SwitchParameter', description: 'Keeps the input order of objects with equal keys (always the case here).' },
    { name: 'Top', type: 'Int32', parameterSets: ['Top'], mandatory: true, validateRange: [1, 2147483647], description: 'Writes only this many objects from the start of the sorted list.' },
    { name: 'Bottom', type: 'Int32', parameterSets: ['Bottom'], mandatory: true, validateRange: [1, 2147483647], description: 'Writes only this many objects from the end of the sorted list.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Sort numbers in descending order',
      code: '3, 1, 2 | Sort-Object -Descending',
      remarks: 'Without -Property the objects themselves are compared.',
      output: '3\n2\n1',
    },
    {
      title: 'Sort by a property',
      code: "'woodgrovebank.com', 'contoso.com', 'fabrikam.com' | Sort-Object Length",
      remarks: 'Sorts the strings by their Length property.',
      output: 'contoso.com\nfabrikam.com\nwoodgrovebank.com',
    },
    {
      title: 'Several keys in different directions',
      code:
        "$c = [pscustomobject]@{Name='Inet'; Cost=1}, [pscustomobject]@{Name='Backup'; Cost=5}, [pscustomobject]@{Name='Alt'; Cost=5}\n" +
        "$c | Sort-Object @{Expression='Cost'; Descending=$true}, Name | ForEach-Object Name",
      remarks: 'Sorts by Cost, highest first, then by Name.',
      output: 'Alt\nBackup\nInet',
    },
    {
      title: 'Distinct values',
      code: "'b', 'a', 'B', 'c' | Sort-Object -Unique",
      remarks: 'Strings equal without regard to case are written once.',
      output: 'a\nb\nc',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    ctx.state.rows = [] as Row[];
    ctx.state.keys = p.Property?.length ? parsePropertyExpressions(ctx, p.Property, ['expression', 'ascending', 'descending']) : [];
  },
  process(ctx) {
    const item = ctx.params.InputObject;
    if (item === undefined) return;
    const keys: PropertyExpression[] = ctx.state.keys;
    const rows: Row[] = ctx.state.rows;
    if (keys.length === 0) {
      rows.push({ item, keys: [item] });
      return;
    }
    const values: unknown[] = new Array(keys.length);
    let i = 0;
    const step = (): MP<void> => {
      for (; i < keys.length; i++) {
        const k = keys[i];
        const v = k.wildcard ? firstMatch(k, item) : evaluateExpression(k, item);
        if (v instanceof Promise) {
          const at = i++;
          return v.then((x) => {
            values[at] = x;
            return step();
          });
        }
        values[i] = v;
      }
      rows.push({ item, keys: values });
    };
    return step();
  },
  end(ctx) {
    const p = ctx.params;
    const keys: PropertyExpression[] = ctx.state.keys;
    const rows: Row[] = ctx.state.rows;
    const cs = !!p.CaseSensitive;
    const n = Math.max(keys.length, 1);
    const dir: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      let desc = !!p.Descending;
      if (k?.descending !== undefined) desc = k.descending;
      else if (k?.ascending !== undefined) desc = !k.ascending;
      dir.push(desc ? -1 : 1);
    }
    const cmp = (a: Row, b: Row): number => {
      for (let i = 0; i < n; i++) {
        const c = compareValues(a.keys[i], b.keys[i], cs);
        if (c !== 0) return c * dir[i];
      }
      return 0;
    };
    let sorted = rows.sort(cmp);
    if (p.Unique) {
      const out: Row[] = [];
      for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && cmpEqual(last, r, n, cs)) continue;
        out.push(r);
      }
      sorted = out;
    }
    if (p.Top !== undefined) sorted = sorted.slice(0, p.Top);
    if (p.Bottom !== undefined) sorted = sorted.slice(Math.max(sorted.length - p.Bottom, 0));
    for (const r of sorted) ctx.write(r.item, false);
  },
});

function cmpEqual(a: Row, b: Row, n: number, cs: boolean): boolean {
  for (let i = 0; i < n; i++) if (compareValues(a.keys[i], b.keys[i], cs) !== 0) return false;
  return true;
}

/** A wildcard key sorts on the first property it matches. */
function firstMatch(k: PropertyExpression, item: unknown): unknown {
  const name = matchingNames(item, k.expr as string)[0];
  return name === undefined ? null : propertyValue(item, name);
}

export default cmdlet;
