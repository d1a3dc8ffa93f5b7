// Where-Object: passes on the pipeline objects for which a script block, or a comparison of one
// property with a value (the simplified syntax `Where-Object Status -eq 'Valid'`), is true.
import { defineCmdlet, type ParameterDecl } from '../../src/engine/cmdlet.js';
import { isScriptBlock, type ScriptBlock } from '../../src/engine/values.js';
import { equals, toArray, toBool, toStr } from '../../src/engine/convert.js';
import { comparison, containment, typeOp } from '../../src/engine/operators.js';
import { hasWildcard } from '../../src/engine/wildcard.js';
import { errorRecord, matchingNames, propertyValue, throwErr } from './lib/common.js';

interface Params {
  InputObject?: unknown;
  FilterScript?: ScriptBlock;
  Property?: string | ScriptBlock;
  Value?: unknown;
  [operator: string]: unknown;
}

/** Operator switch -> [parameter set, operator, aliases]. EQ's set is the default one. */
const OPERATORS: [string, string, string, string[]][] = [
  ['EQ', 'EqualSet', '-eq', ['IEQ']],
  ['CEQ', 'CaseSensitiveEqualSet', '-ceq', []],
  ['NE', 'NotEqualSet', '-ne', ['INE']],
  ['CNE', 'CaseSensitiveNotEqualSet', '-cne', []],
  ['GT', 'GreaterThanSet', '-gt', ['IGT']],
  ['CGT', 'CaseSensitiveGreaterThanSet', '-cgt', []],
  ['LT', 'LessThanSet', '-lt', ['ILT']],
  ['CLT', 'CaseSensitiveLessThanSet', '-clt', []],
  ['GE', 'GreaterOrEqualSet', '-ge', ['IGE']],
  ['CGE', 'CaseSensitiveGreaterOrEqualSet', '-cge', []],
  ['LE', 'LessOrEqualSet', '-le', ['ILE']],
  ['CLE', 'CaseSensitiveLessOrEqualSet', '-cle', []],
  ['Like', 'LikeSet', '-like', ['ILike']],
  ['CLike', 'CaseSensitiveLikeSet', '-clike', []],
  ['NotLike', 'NotLikeSet', '-notlike', ['INotLike']],
  ['CNotLike', 'CaseSensitiveNotLikeSet', '-cnotlike', []],
  ['Match', 'MatchSet', '-match', ['IMatch']],
  ['CMatch', 'CaseSensitiveMatchSet', '-cmatch', []],
  ['NotMatch', 'NotMatchSet', '-notmatch', ['INotMatch']],
  ['CNotMatch', 'CaseSensitiveNotMatchSet', '-cnotmatch', []],
  ['Contains', 'ContainsSet', '-contains', ['IContains']],
  ['CContains', 'CaseSensitiveContainsSet', '-ccontains', []],
  ['NotContains', 'NotContainsSet', '-notcontains', ['INotContains']],
  ['CNotContains', 'CaseSensitiveNotContainsSet', '-cnotcontains', []],
  ['In', 'InSet', '-in', ['IIn']],
  ['CIn', 'CaseSensitiveInSet', '-cin', []],
  ['NotIn', 'NotInSet', '-notin', ['INotIn']],
  ['CNotIn', 'CaseSensitiveNotInSet', '-cnotin', []],
  ['Is', 'IsSet', '-is', []],
  ['IsNot', 'IsNotSet', '-isnot', []],
  ['Not', 'Not', '-not', []],
];

const operatorSets = OPERATORS.map((o) => o[1]);
const valueSets = operatorSets.filter((s) => s !== 'Not');

const operatorParams: ParameterDecl[] = OPERATORS.map(([name, set, op, aliases]) => ({
  name,
  type: 'SwitchParameter',
  parameterSets: [set],
  mandatory: name !== 'EQ',
  aliases: aliases.length ? aliases : undefined,
  description:
    name === 'Not'
      ? 'Passes on the objects whose property is false, null or missing.'
      : `Passes on the objects whose property value is ${op} the value of -Value${name.startsWith('C') && op.startsWith('-c') ? ' (case-sensitive)' : ''}.`,
}));

type BinaryOp = (l: unknown, r: unknown) => unknown;

/** -contains / -in and their negated and case-sensitive forms. */
function containmentOp(op: string): BinaryOp | undefined {
  const m = /^-(c?)(not)?(contains|in)$/.exec(op);
  if (!m) return undefined;
  const cs = m[1] === 'c';
  const negate = !!m[2];
  const has = (coll: unknown, item: unknown) => {
    for (const x of toArray(coll)) if (equals(x, item, cs)) return true;
    return false;
  };
  return m[3] === 'contains' ? (l, r) => has(l, r) !== negate : (l, r) => has(r, l) !== negate;
}

function operatorFor(op: string): BinaryOp {
  if (op === '-is' || op === '-isnot') return (l, r) => typeOp(op, l, r);
  return containmentOp(op) ?? comparison(op) ?? containment(op) ?? ((l, r) => toBool(l) === toBool(r));
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Where-Object',
  aliases: ['where', '?'],
  synopsis: 'Selects objects from a collection based on their property values.',
  description:
    'Where-Object passes on the pipeline objects that satisfy a condition. The condition is a script block ' +
    '(`Where-Object { $_.Port -eq 25 }`, where $_ is the current object) or, in the simplified syntax, a property name, ' +
    'a comparison operator and a value (`Where-Object Port -eq 25`). A property name alone keeps the objects whose ' +
    'property is true (`Where-Object Enabled`); -Not keeps those whose property is false. The operators behave like ' +
    'the PowerShell operators of the same name; the C-prefixed ones are case-sensitive.',
  defaultParameterSet: 'EqualSet',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to filter. Usually piped in.' },
    {
      name: 'FilterScript',
      type: 'ScriptBlock',
      position: 0,
      mandatory: true,
      parameterSets: ['ScriptBlockSet'],
      description: 'The condition, a script block evaluated for each object with $_ set to it; the object is passed on when the result is true.',
    },
    {
      name: 'Property',
      type: 'String',
      position: 0,
      mandatory: true,
      parameterSets: operatorSets,
      validateNotNullOrEmpty: true,
      // A script block given by position lands here in the default set; it is then the filter script.
      convert: (v) => (isScriptBlock(v) ? v : v === null || v === undefined ? v : toStr(v)),
      description: 'The name of the property to test. Wildcards are permitted when they match exactly one property.',
    },
    {
      name: 'Value',
      type: 'Object',
      position: 1,
      parameterSets: valueSets,
      description: 'The value the property is compared with.',
    },
    ...operatorParams,
  ],
  outputTypes: ['System.Object'],
  examples: [
    {
      title: 'Filter with a script block',
      code: '1..5 | Where-Object { $_ -gt 2 }',
      remarks: 'Keeps the numbers greater than 2. $_ is the current pipeline object.',
      output: '3\n4\n5',
    },
    {
      title: 'The simplified syntax',
      code: "'mail.contoso.com','smtp.woodgrovebank.com','contoso.com' | Where-Object Length -lt 12",
      remarks: 'Compares the Length property of each string with 12.',
      output: 'contoso.com',
    },
    {
      title: 'Wildcards with -Like',
      code: "[pscustomobject]@{Name='Internet'}, [pscustomobject]@{Name='Inet'}, [pscustomobject]@{Name='Partner'} | ? Name -like 'In*' | ForEach-Object Name",
      remarks: 'The ? alias with -Like keeps the objects whose Name starts with In.',
      output: 'Internet\nInet',
    },
    {
      title: 'A property alone tests it for true',
      code: "[pscustomobject]@{Name='Internet'; Enabled=$true}, [pscustomobject]@{Name='Old'; Enabled=$false} | Where-Object Enabled | ForEach-Object Name",
      remarks: 'Only the object whose Enabled property is true is passed on.',
      output: 'Internet',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    const st = ctx.state;
    const sb = p.FilterScript ?? (isScriptBlock(p.Property) ? p.Property : undefined);
    if (sb) {
      st.sb = sb;
      return;
    }
    const set = ctx.parameterSetName;
    const def = OPERATORS.find((o) => o[1] === set) ?? OPERATORS[0];
    const explicitEq = ctx.bound.has('EQ');
    const valueGiven = ctx.bound.has('Value');
    const booleanTest = def[0] === 'Not' || (def[0] === 'EQ' && !explicitEq);
    if (!valueGiven && !booleanTest) {
      throwErr(
        ctx,
        'The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again.',
        'ValueNotSpecifiedForWhereObject',
        'InvalidArgument',
        undefined,
        'System.Management.Automation.PSArgumentException',
      );
    }
    if (valueGiven && def[0] === 'EQ' && !explicitEq) {
      throwErr(
        ctx,
        'An operator is required to compare the two specified values. Include a valid operator in the command, and then try the command again. For example, Get-Process | Where-Object -Property Name -eq Idle',
        'OperatorNotSpecified',
        'InvalidArgument',
        undefined,
        'System.Management.Automation.PSArgumentException',
      );
    }
    st.property = toStr(p.Property);
    st.wildcard = hasWildcard(st.property);
    if (booleanTest) {
      st.test = def[0] === 'Not' ? (l: unknown) => !toBool(l) : (l: unknown) => toBool(l);
      return;
    }
    let value = p.Value;
    if ((def[2] === '-is' || def[2] === '-isnot') && typeof value === 'string' && /^\[.+\]$/.test(value)) value = value.slice(1, -1);
    const op = operatorFor(def[2]);
    st.test = (l: unknown) => toBool(op(l, value));
    st.operator = def[2];
  },
  process(ctx) {
    const item = ctx.params.InputObject;
    if (item === undefined) return;
    const st = ctx.state;
    const sb: ScriptBlock | undefined = st.sb;
    if (sb) {
      const r = sb.invokeValue(item);
      if (r instanceof Promise) {
        return r.then((v) => {
          if (v === true || (v !== false && toBool(v))) ctx.write(item, false);
        });
      }
      if (r === true || (r !== false && toBool(r))) ctx.write(item, false);
      return;
    }
    let name: string = st.property;
    if (st.wildcard) {
      const names = matchingNames(item, name);
      if (names.length > 1) {
        ctx.writeError(
          errorRecord(
            ctx,
            `Input name "${name}" is ambiguous. It can be resolved to multiple matched members. Possible matches include: ${names.join(' ')}.`,
            'AmbiguousPropertyName',
            'InvalidArgument',
            item,
            'System.Management.Automation.PSArgumentException',
          ),
        );
        return;
      }
      if (names.length === 0) name = '';
      else name = names[0];
    }
    const l = item === null || name === '' ? null : propertyValue(item, name);
    let ok: boolean;
    try {
      ok = st.test(l === undefined ? null : l);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.writeError(errorRecord(ctx, `The operation '${st.operator}' failed: ${msg}`, 'OperatorFailed', 'InvalidOperation', item));
      return;
    }
    if (ok) ctx.write(item, false);
  },
});

export default cmdlet;
