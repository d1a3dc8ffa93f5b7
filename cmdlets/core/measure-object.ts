// Measure-Object: counts objects and computes the sum, average, extremes and standard deviation of
// numbers (or of a property), or counts the lines, words and characters of text. Running totals
// only: the objects themselves are never kept.
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { PSDouble, PSObject } from '../../src/engine/values.js';
import { isNumeric, toNumber, toStr } from '../../src/engine/convert.js';
import { errorRecord, evaluateExpression, matchingNames, parsePropertyExpressions, propertyValue, type MP, type PropertyExpression } from './lib/common.js';
import { compareValues } from './lib/compare.js';

type Ctx = CmdletContext<Params>;

interface Params {
  InputObject?: unknown;
  Property?: unknown[];
  Sum?: boolean;
  Average?: boolean;
  Maximum?: boolean;
  Minimum?: boolean;
  StandardDeviation?: boolean;
  AllStats?: boolean;
  Line?: boolean;
  Word?: boolean;
  Character?: boolean;
  IgnoreWhiteSpace?: boolean;
}

/** Running statistics of one property (Welford's algorithm for the deviation). */
class Stats {
  count = 0;
  sum = 0;
  mean = 0;
  m2 = 0;
  max: unknown = undefined;
  min: unknown = undefined;
  nonNumericExtreme = false;
  lines = 0;
  words = 0;
  characters = 0;
  constructor(readonly name: string | null) {}
}

const GENERIC = 'Microsoft.PowerShell.Commands.GenericMeasureInfo';

export const cmdlet = defineCmdlet<Params>({
  name: 'Measure-Object',
  aliases: ['measure'],
  synopsis: 'Calculates the numeric properties of objects, and the characters, words, and lines in string objects.',
  description:
    'Measure-Object counts its input objects and, on request, computes the sum, average, maximum, minimum and ' +
    'standard deviation of the objects or of the given properties (one result per property). -Maximum and -Minimum ' +
    'also work on strings and dates. With -Line, -Word and -Character it counts the text of the objects instead. ' +
    'It keeps only running totals, so it measures pipelines of any length. $null input is not counted.',
  defaultParameterSet: 'GenericMeasure',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to measure. Usually piped in.' },
    { name: 'Property', type: 'Object[]', position: 0, description: 'The properties to measure: names (wildcards are permitted) or script blocks.' },
    { name: 'Sum', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Adds up the values.' },
    { name: 'Average', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Averages the values.' },
    { name: 'Maximum', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Finds the largest value.' },
    { name: 'Minimum', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Finds the smallest value.' },
    { name: 'StandardDeviation', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Computes the sample standard deviation of the values.' },
    { name: 'AllStats', type: 'SwitchParameter', parameterSets: ['GenericMeasure'], description: 'Computes every statistic.' },
    { name: 'Line', type: 'SwitchParameter', parameterSets: ['TextMeasure'], description: 'Counts the lines of text.' },
    { name: 'Word', type: 'SwitchParameter', parameterSets: ['TextMeasure'], description: 'Counts the words of text.' },
    { name: 'Character', type: 'SwitchParameter', parameterSets: ['TextMeasure'], description: 'Counts the characters of text.' },
    { name: 'IgnoreWhiteSpace', type: 'SwitchParameter', parameterSets: ['TextMeasure'], description: 'Leaves white space out of the character count.' },
  ],
  outputTypes: [GENERIC, 'Microsoft.PowerShell.Commands.TextMeasureInfo'],
  examples: [
    {
      title: 'Count objects',
      code: "(1..10 | Measure-Object).Count",
      remarks: 'The Count property of the result holds the number of objects.',
      output: '10',
    },
    {
      title: 'Statistics of numbers',
      code: '1..10 | Measure-Object -Sum -Average -Maximum -Minimum',
      remarks: 'The result is shown as a list; statistics not asked for are empty.',
      output: '\nCount             : 10\nAverage           : 5.5\nSum               : 55\nMaximum           : 10\nMinimum           : 1\nStandardDeviation :\nProperty          :\n',
    },
    {
      title: 'Measure a property',
      code: "$sizes = [pscustomobject]@{Size=10}, [pscustomobject]@{Size=30}\n($sizes | Measure-Object -Property Size -Sum).Sum",
      remarks: 'Adds up the Size property of the objects.',
      output: '40',
    },
    {
      title: 'Count lines, words and characters',
      code: "\"250 2.0.0 OK`nQUIT\" | Measure-Object -Line -Word -Character | ForEach-Object { '{0} {1} {2}' -f $_.Lines, $_.Words, $_.Characters }",
      remarks: 'Text is measured instead of numbers.',
      output: '2 4 17',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    const st = ctx.state;
    const all = !!p.AllStats;
    st.text = ctx.parameterSetName === 'TextMeasure' || !!(p.Line || p.Word || p.Character);
    st.wantSum = all || !!p.Sum;
    st.wantAvg = all || !!p.Average;
    st.wantMax = all || !!p.Maximum;
    st.wantMin = all || !!p.Minimum;
    st.wantStd = all || !!p.StandardDeviation;
    st.numeric = st.wantSum || st.wantAvg || st.wantStd;
    st.props = p.Property?.length ? parsePropertyExpressions(ctx, p.Property, ['expression']) : undefined;
    st.stats = new Map<string, Stats>();
    st.plain = new Stats(null);
    st.simple = !st.props && !st.text && !st.numeric && !st.wantMax && !st.wantMin;
  },
  process(ctx) {
    const item = ctx.params.InputObject;
    if (item === undefined || item === null) return;
    const st = ctx.state;
    if (st.simple) {
      st.plain.count++;
      return;
    }
    const props: PropertyExpression[] | undefined = st.props;
    if (!props) {
      accumulate(ctx, st.plain, item);
      return;
    }
    let i = 0;
    const step = (): MP<void> => {
      for (; i < props.length; i++) {
        const p = props[i];
        if (typeof p.expr === 'string') {
          for (const name of p.wildcard ? matchingNames(item, p.expr) : matchingNames(item, p.expr).slice(0, 1)) {
            const v = propertyValue(item, name);
            accumulate(ctx, statsFor(ctx, name), v);
          }
          if (!p.wildcard) statsFor(ctx, p.name);
          continue;
        }
        const v = evaluateExpression(p, item);
        if (v instanceof Promise) {
          const at = i++;
          return v.then((x) => {
            accumulate(ctx, statsFor(ctx, props[at].name), x);
            return step();
          });
        }
        accumulate(ctx, statsFor(ctx, p.name), v);
      }
    };
    return step();
  },
  end(ctx) {
    const st = ctx.state;
    const props: PropertyExpression[] | undefined = st.props;
    if (!props) {
      ctx.write(result(ctx, st.plain), false);
      return;
    }
    for (const s of (st.stats as Map<string, Stats>).values()) {
      if (s.count === 0 && !s.lines && !s.characters) {
        ctx.writeError(
          errorRecord(ctx, `The property "${s.name}" cannot be found in the input for any objects.`, st.text ? 'TextMeasurePropertyNotFound' : 'GenericMeasurePropertyNotFound', 'InvalidArgument', undefined, 'System.Management.Automation.PSArgumentException'),
        );
        continue;
      }
      ctx.write(result(ctx, s), false);
    }
  },
});

function statsFor(ctx: { state: Record<string, any> }, name: string): Stats {
  const m: Map<string, Stats> = ctx.state.stats;
  const k = name.toLowerCase();
  let s = m.get(k);
  if (!s) m.set(k, (s = new Stats(name)));
  return s;
}

function accumulate(ctx: Ctx, s: Stats, v: unknown): void {
  if (v === undefined) return;
  const st = ctx.state;
  if (st.text) {
    if (v === null) return;
    s.count++;
    const text = toStr(v);
    if (ctx.params.Line) s.lines += text === '' ? 0 : text.split(/\r\n|\n|\r/).length - (/(\r\n|\n|\r)$/.test(text) ? 1 : 0);
    if (ctx.params.Word) s.words += text.split(/\s+/).filter((w) => w !== '').length;
    if (ctx.params.Character) s.characters += ctx.params.IgnoreWhiteSpace ? text.replace(/\s/g, '').length : text.length;
    return;
  }
  if (v === null) return;
  s.count++;
  if (st.numeric) {
    const base = v instanceof PSObject && v.baseObject !== undefined ? v.baseObject : v;
    if (!isNumeric(base) && typeof base !== 'string' && typeof base !== 'boolean') {
      notNumeric(ctx, s, v);
      return;
    }
    let n: number;
    try {
      n = base instanceof PSDouble ? base.value : toNumber(base);
    } catch {
      notNumeric(ctx, s, v);
      return;
    }
    if (Number.isNaN(n) && typeof base === 'string') {
      notNumeric(ctx, s, v);
      return;
    }
    s.sum += n;
    const d = n - s.mean;
    s.mean += d / s.count;
    s.m2 += d * (n - s.mean);
  }
  if (st.wantMax || st.wantMin) {
    let x: unknown = v instanceof PSDouble ? v.value : v;
    if (typeof x === 'string' && isNumeric(x)) {
      try {
        x = toNumber(x);
      } catch {
        /* compared as a string */
      }
    }
    if (typeof x !== 'number') s.nonNumericExtreme = true;
    if (st.wantMax && (s.max === undefined || compareValues(x, s.max) > 0)) s.max = x;
    if (st.wantMin && (s.min === undefined || compareValues(x, s.min) < 0)) s.min = x;
  }
}

function notNumeric(ctx: Ctx, s: Stats, v: unknown): void {
  s.count--;
  ctx.writeError(errorRecord(ctx, `Input object "${toStr(v)}" is not numeric.`, 'NonNumericInputObject', 'InvalidType', v, 'System.Management.Automation.PSInvalidOperationException'));
}

function result(ctx: Ctx, s: Stats): PSObject {
  const st = ctx.state;
  if (st.text) {
    const p = ctx.params;
    const o = new PSObject(['Microsoft.PowerShell.Commands.TextMeasureInfo', 'Microsoft.PowerShell.Commands.MeasureInfo', 'System.Object']);
    o.addProperty({ name: 'Lines', memberType: 'Property', value: p.Line ? s.lines : null, typeName: 'System.Nullable`1[[System.Int32]]' });
    o.addProperty({ name: 'Words', memberType: 'Property', value: p.Word ? s.words : null, typeName: 'System.Nullable`1[[System.Int32]]' });
    o.addProperty({ name: 'Characters', memberType: 'Property', value: p.Character ? s.characters : null, typeName: 'System.Nullable`1[[System.Int32]]' });
    o.addProperty({ name: 'Property', memberType: 'Property', value: s.name, typeName: 'System.String' });
    return o;
  }
  const objectExtremes = s.nonNumericExtreme;
  const o = new PSObject([objectExtremes ? 'Microsoft.PowerShell.Commands.GenericObjectMeasureInfo' : GENERIC, 'Microsoft.PowerShell.Commands.MeasureInfo', 'System.Object']);
  const dbl = 'System.Nullable`1[[System.Double]]';
  const has = s.count > 0;
  o.addProperty({ name: 'Count', memberType: 'Property', value: s.count, typeName: 'System.Int32' });
  o.addProperty({ name: 'Average', memberType: 'Property', value: st.wantAvg && has ? s.mean : null, typeName: dbl });
  o.addProperty({ name: 'Sum', memberType: 'Property', value: st.wantSum ? s.sum : null, typeName: dbl });
  o.addProperty({ name: 'Maximum', memberType: 'Property', value: st.wantMax && s.max !== undefined ? s.max : null, typeName: objectExtremes ? 'System.Object' : dbl });
  o.addProperty({ name: 'Minimum', memberType: 'Property', value: st.wantMin && s.min !== undefined ? s.min : null, typeName: objectExtremes ? 'System.Object' : dbl });
  o.addProperty({ name: 'StandardDeviation', memberType: 'Property', value: st.wantStd && s.count > 1 ? Math.sqrt(s.m2 / (s.count - 1)) : st.wantStd && has ? 0 : null, typeName: dbl });
  o.addProperty({ name: 'Property', memberType: 'Property', value: s.name, typeName: 'System.String' });
  return o;
}

export default cmdlet;
