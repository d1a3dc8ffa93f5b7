// Get-Unique: drops adjacent duplicates from a sorted list.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { toStr } from '../../src/engine/convert.js';
import { firstTypeName } from './lib/common.js';
import { compareValues } from './lib/compare.js';

interface Params {
  InputObject?: unknown;
  AsString?: boolean;
  OnType?: boolean;
  CaseInsensitive?: boolean;
}

const NONE = Symbol('none');

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Unique',
  aliases: ['gu'],
  synopsis: 'Returns unique items from a sorted list.',
  description:
    'Get-Unique writes each object that differs from the one before it, so on sorted input it writes each distinct ' +
    'value once (Sort-Object -Unique does both at once). Strings compare case-sensitively unless -CaseInsensitive; ' +
    '-AsString compares the string forms, -OnType compares only the types.',
  defaultParameterSet: 'AsString',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects. Usually piped in.' },
    { name: 'AsString', type: 'SwitchParameter', parameterSets: ['AsString'], description: 'Compares the objects as strings.' },
    { name: 'OnType', type: 'SwitchParameter', parameterSets: ['UniqueByType'], description: 'Writes one object of each type.' },
    { name: 'CaseInsensitive', type: 'SwitchParameter', description: 'Compares strings without regard to case.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'Distinct values of a sorted list',
      code: "'a', 'b', 'b', 'c', 'c', 'c' | Get-Unique",
      remarks: 'Each run of equal values is written once.',
      output: 'a\nb\nc',
    },
  ],
  begin(ctx) {
    ctx.state.last = NONE;
  },
  process(ctx) {
    const p = ctx.params;
    const v = p.InputObject;
    if (v === undefined) return;
    const last = ctx.state.last;
    const key = p.OnType ? firstTypeName(v) : p.AsString ? toStr(v) : v;
    const same = last !== NONE && (typeof key === 'string' && typeof last === 'string' ? (p.CaseInsensitive ? key.toLowerCase() === last.toLowerCase() : key === last) : compareValues(last, key, !p.CaseInsensitive) === 0);
    ctx.state.last = key;
    if (!same) ctx.write(v, false);
  },
});

export default cmdlet;
