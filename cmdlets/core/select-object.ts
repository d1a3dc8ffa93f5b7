// Select-Object: picks properties of objects (names, wildcards, calculated properties), expands
// one property, or picks objects by position (-First, -Last, -Skip, -Index) and uniqueness.
import { defineCmdlet, type CmdletContext } from '../../src/engine/cmdlet.js';
import { PSObject, isEnumerable } from '../../src/engine/values.js';
import { compare, equals } from '../../src/engine/convert.js';
import { wildcardToRegex } from '../../src/engine/wildcard.js';
import {
  errorRecord,
  evaluateExpression,
  firstTypeName,
  matchingNames,
  parsePropertyExpressions,
  type MP,
  type PropertyExpression,
} from './lib/common.js';

interface Params {
  InputObject?: unknown;
  Property?: unknown[];
  ExcludeProperty?: string[];
  ExpandProperty?: string;
  Unique?: boolean;
  CaseInsensitive?: boolean;
  Last?: number;
  First?: number;
  Skip?: number;
  SkipLast?: number;
  Wait?: boolean;
  Index?: number[];
  SkipIndex?: number[];
}

type Ctx = CmdletContext<Params>;

interface Note {
  name: string;
  value: unknown;
}

/** PowerShell's SelectObjectQueue: which input objects -First/-Last/-Skip/-SkipLast let through. */
class SelectionQueue {
  readonly items: unknown[] = [];
  private head = 0;
  private streamed = 0;
  constructor(
    private readonly first: number,
    private readonly last: number,
    private skip: number,
    private readonly skipLast: number,
    private readonly firstOrLast: boolean,
  ) {}

  get count(): number {
    return this.items.length - this.head;
  }
  get allRequestedProcessed(): boolean {
    return this.firstOrLast && this.last === 0 && this.first !== 0 && this.streamed >= this.first;
  }
  dequeue(): unknown {
    const v = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return v;
  }
  enqueue(v: unknown): void {
    if (this.last > 0 && this.count >= this.last + this.skip && this.first === 0) this.dequeue();
    else if (this.last > 0 && this.count >= this.last && this.first !== 0) this.dequeue();
    this.items.push(v);
  }
  /** The object to process now, or NONE. */
  streamingDequeue(): unknown {
    if (this.skip === 0) {
      if (this.skipLast > 0) {
        if (this.count > this.skipLast) return this.dequeue();
      } else {
        if (this.streamed < this.first || !this.firstOrLast) {
          this.streamed++;
          return this.dequeue();
        }
        if (this.last === 0) this.dequeue();
      }
    } else if (this.last === 0) {
      this.dequeue();
      this.skip--;
    } else if (this.first !== 0) {
      this.skip--;
      this.dequeue();
    }
    return NONE;
  }
}

const NONE = Symbol('none');

export const cmdlet = defineCmdlet<Params>({
  name: 'Select-Object',
  aliases: ['select'],
  synopsis: 'Selects objects or object properties.',
  description:
    'Select-Object makes new objects that hold only the chosen properties of its input: property names (wildcards ' +
    "allowed) and calculated properties, hashtables with a Name (or Label) key and an Expression key: @{Name='SizeMB'; " +
    'Expression={ $_.Size / 1MB }} (N, L and E abbreviate them). -ExcludeProperty leaves properties out and ' +
    '-ExpandProperty writes the value of one property instead of an object. -First, -Last, -Skip, -SkipLast and ' +
    '-Index choose objects by position; -First stops the commands before it once it has what it needs. -Unique ' +
    'drops duplicates. The new objects are PSCustomObjects whose type name is Selected.<original type>.',
  defaultParameterSet: 'DefaultParameter',
  parameters: [
    { name: 'InputObject', type: 'PSObject', valueFromPipeline: true, description: 'The objects to select from. Usually piped in.' },
    {
      name: 'Property',
      type: 'Object[]',
      position: 0,
      parameterSets: ['DefaultParameter', 'SkipLastParameter'],
      description: 'The properties to select: names (wildcards are permitted), script blocks, or calculated-property hashtables with Name and Expression keys.',
    },
    { name: 'ExcludeProperty', type: 'String[]', parameterSets: ['DefaultParameter', 'SkipLastParameter'], description: 'Properties to leave out; wildcards are permitted. Alone, it selects every other property.' },
    { name: 'ExpandProperty', type: 'String', parameterSets: ['DefaultParameter', 'SkipLastParameter'], description: 'A property whose value (each element, for a collection) is written instead of a new object.' },
    { name: 'Unique', type: 'SwitchParameter', description: 'Writes each distinct object once (compared case-sensitively unless -CaseInsensitive).' },
    { name: 'CaseInsensitive', type: 'SwitchParameter', description: 'With -Unique, compares strings without regard to case.' },
    { name: 'Last', type: 'Int32', parameterSets: ['DefaultParameter'], validateRange: [0, 2147483647], description: 'Selects this many objects from the end.' },
    { name: 'First', type: 'Int32', parameterSets: ['DefaultParameter'], validateRange: [0, 2147483647], description: 'Selects this many objects from the start, then stops the commands before it.' },
    { name: 'Skip', type: 'Int32', parameterSets: ['DefaultParameter'], validateRange: [0, 2147483647], description: 'Skips this many objects: from the start, or from the end with -Last.' },
    { name: 'SkipLast', type: 'Int32', parameterSets: ['SkipLastParameter'], validateRange: [0, 2147483647], description: 'Skips this many objects at the end.' },
    { name: 'Wait', type: 'SwitchParameter', parameterSets: ['DefaultParameter', 'IndexParameter'], description: 'Lets the commands before it run to completion even after -First or -Index is satisfied.' },
    { name: 'Index', type: 'Int32[]', parameterSets: ['IndexParameter'], validateRange: [0, 2147483647], description: 'Selects the objects at these 0-based positions.' },
    { name: 'SkipIndex', type: 'Int32[]', parameterSets: ['SkipIndexParameter'], validateRange: [0, 2147483647], description: 'Selects every object except those at these 0-based positions.' },
  ],
  outputTypes: ['System.Management.Automation.PSObject'],
  examples: [
    {
      title: 'The first objects',
      code: '1..10 | Select-Object -First 3',
      remarks: 'Writes the first three numbers and stops the range from producing more.',
      output: '1\n2\n3',
    },
    {
      title: 'Chosen and calculated properties',
      code: "[pscustomobject]@{Name='Internet'; MaxMessageSize=10485760; Port=25} | Select-Object Name, @{Name='SizeMB'; Expression={ $_.MaxMessageSize / 1MB }}",
      remarks: 'The new object has the Name property and a calculated SizeMB property.',
      output: '\nName     SizeMB\n----     ------\nInternet     10\n',
    },
    {
      title: 'The value of one property',
      code: "[pscustomobject]@{Name='Inet'; Bindings='0.0.0.0:25','[::]:25'} | Select-Object -ExpandProperty Bindings",
      remarks: 'Writes each element of the Bindings property.',
      output: '0.0.0.0:25\n[::]:25',
    },
    {
      title: 'Last, skipped and unique objects',
      code: "1..10 | Select-Object -Last 3 -Skip 1\n'a','b','a','c' | Select-Object -Unique",
      remarks: '-Skip with -Last skips from the end. -Unique writes each distinct object once.',
      output: '7\n8\n9\na\nb\nc',
    },
  ],
  begin(ctx) {
    const p = ctx.params;
    const st = ctx.state;
    let props = p.Property;
    if (p.ExcludeProperty && (!props || props.length === 0)) props = ['*'];
    st.props = props && props.length ? parsePropertyExpressions(ctx, props, ['name', 'expression']) : undefined;
    st.exclude = p.ExcludeProperty?.map((x) => wildcardToRegex(x));
    if (p.ExpandProperty) st.expand = parsePropertyExpressions(ctx, [p.ExpandProperty], ['name', 'expression'])[0];
    st.uniques = p.Unique ? ([] as { obj: unknown; notes: Note[] }[]) : undefined;
    const firstOrLast = ctx.bound.has('First') || ctx.bound.has('Last');
    st.queue = new SelectionQueue(p.First ?? 0, p.Last ?? 0, p.Skip ?? 0, p.SkipLast ?? 0, firstOrLast);
    const idx = p.Index ?? p.SkipIndex;
    if (idx) {
      st.index = [...idx].sort((a, b) => a - b);
      st.include = !!p.Index;
      st.filterIndex = 0;
      st.objectIndex = 0;
    }
  },
  process(ctx) {
    const item = ctx.params.InputObject;
    if (item === undefined || item === null) return;
    const st = ctx.state;
    if (st.index) return processIndexed(ctx, item);
    const q: SelectionQueue = st.queue;
    q.enqueue(item);
    const next = q.streamingDequeue();
    const r = next !== NONE ? processObject(ctx, next) : undefined;
    if (q.allRequestedProcessed && !ctx.params.Wait) {
      return then(r, () => ctx.stopUpstream());
    }
    return r;
  },
  end(ctx) {
    const st = ctx.state;
    const p = ctx.params;
    let chain: MP<void> = undefined;
    if (!st.index && ctx.parameterSetName === 'DefaultParameter') {
      const q: SelectionQueue = st.queue;
      const skip = p.Skip ?? 0;
      const first = p.First ?? 0;
      while (q.count > 0) {
        if (first === 0 && q.count <= skip) break;
        const v = q.dequeue();
        chain = then(chain, () => processObject(ctx, v));
      }
    }
    return then(chain, () => {
      if (st.uniques) for (const u of st.uniques as { obj: unknown }[]) ctx.write(u.obj, false);
    });
  },
});

function then(v: MP<void>, f: () => MP<void>): MP<void> {
  return v instanceof Promise ? v.then(f) : f();
}

function processIndexed(ctx: Ctx, item: unknown): MP<void> {
  const st = ctx.state;
  const index: number[] = st.index;
  let r: MP<void> = undefined;
  if (st.include) {
    if (st.filterIndex < index.length) {
      const nextIndex = index[st.filterIndex];
      if (st.objectIndex === nextIndex) {
        r = processObject(ctx, item);
        while (st.filterIndex < index.length && index[st.filterIndex] === nextIndex) st.filterIndex++;
      }
    }
    st.objectIndex++;
    if (!ctx.params.Wait && st.filterIndex >= index.length) return then(r, () => ctx.stopUpstream());
    return r;
  }
  if (st.filterIndex < index.length) {
    const nextSkip = index[st.filterIndex];
    if (st.objectIndex !== nextSkip) r = processObject(ctx, item);
    else while (st.filterIndex < index.length && index[st.filterIndex] === nextSkip) st.filterIndex++;
  } else r = processObject(ctx, item);
  st.objectIndex++;
  return r;
}

/** The selection of one input object: a new object of its chosen properties, or the expanded values. */
function processObject(ctx: Ctx, item: unknown): MP<void> {
  const st = ctx.state;
  const props: PropertyExpression[] | undefined = st.props;
  const expand: PropertyExpression | undefined = st.expand;
  if (!props && !expand) {
    if (item instanceof PSObject && item.isCustom() && !st.uniques) markSelected(item, item, false);
    return filteredWrite(ctx, item, [], item);
  }
  const notes: Note[] = [];
  return then(collectNotes(ctx, item, props ?? [], notes), () => {
    if (!expand) {
      const result = new PSObject(['System.Management.Automation.PSCustomObject', 'System.Object']);
      const names = new Set<string>();
      for (const n of notes) {
        const k = n.name.toLowerCase();
        if (names.has(k)) {
          alreadyExists(ctx, n.name, item, 'AlreadyExistingUserSpecifiedPropertyNoExpand');
          continue;
        }
        names.add(k);
        result.add(n.name, n.value, 'NoteProperty');
      }
      markSelected(result, item, true);
      return filteredWrite(ctx, result, notes, item);
    }
    return expandObject(ctx, item, expand, notes);
  });
}

function markSelected(obj: PSObject, input: unknown, fresh: boolean): void {
  const name = 'Selected.' + firstTypeName(input instanceof PSObject && input.baseObject !== undefined ? input.baseObject : input);
  if (fresh || !obj.typeNames.includes(name)) obj.typeNames.unshift(name);
}

function alreadyExists(ctx: Ctx, name: string, item: unknown, id: string): void {
  ctx.writeError(errorRecord(ctx, `The property cannot be processed because the property "${name}" already exists.`, id, 'InvalidOperation', item, 'System.Management.Automation.PSArgumentException'));
}

function excluded(ctx: Ctx, name: string): boolean {
  const ex: RegExp[] | undefined = ctx.state.exclude;
  return !!ex && ex.some((re) => re.test(name));
}

function collectNotes(ctx: Ctx, item: unknown, props: PropertyExpression[], notes: Note[]): MP<void> {
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    if (typeof p.expr !== 'string') {
      if (excluded(ctx, p.name)) continue;
      const v = p.expr.invokeValue(item);
      if (v instanceof Promise) {
        return v.then((x) => {
          notes.push({ name: p.name, value: x === undefined ? null : x });
          return collectNotes(ctx, item, props.slice(i + 1), notes);
        });
      }
      notes.push({ name: p.name, value: v === undefined ? null : v });
      continue;
    }
    const resolved = p.wildcard ? matchingNames(item, p.expr) : matchingNames(item, p.expr).slice(0, 1);
    const kept = resolved.filter((n) => !excluded(ctx, n));
    if (kept.length === 0) {
      if (!p.wildcard && resolved.length === 0 && !excluded(ctx, p.expr)) notes.push({ name: p.name, value: null });
      continue;
    }
    if (p.named && kept.length > 1) {
      ctx.writeError(errorRecord(ctx, 'Cannot rename multiple results.', 'RenamingMultipleResults', 'InvalidOperation', item, 'System.InvalidOperationException'));
      continue;
    }
    for (const n of kept) {
      const v = evaluateExpression({ ...p, expr: n }, item) as unknown;
      notes.push({ name: p.named ? p.name : n, value: v === undefined ? null : v });
    }
  }
}

function expandObject(ctx: Ctx, item: unknown, expand: PropertyExpression, notes: Note[]): MP<void> {
  const fail = (message: string, id: string) => ctx.writeError(errorRecord(ctx, message, id, 'InvalidArgument', item, 'System.Management.Automation.PSArgumentException'));
  let value: MP<unknown>;
  if (typeof expand.expr === 'string') {
    const names = matchingNames(item, expand.expr);
    if (names.length === 0) return fail(`Property "${ctx.params.ExpandProperty}" cannot be found.`, 'ExpandPropertyNotFound');
    if (names.length > 1) return fail(`Multiple properties cannot be expanded.`, 'MutlipleExpandProperties');
    value = evaluateExpression({ ...expand, expr: names[0] }, item);
  } else value = expand.expr.invokeValue(item);
  const emit = (v: unknown): MP<void> => {
    if (v === null || v === undefined) return;
    const items = isEnumerable(v) ? v : [v];
    let chain: MP<void> = undefined;
    for (const x of items) {
      if (x === null || x === undefined) continue;
      const obj = notes.length ? withNotes(ctx, x, notes, item) : x;
      chain = then(chain, () => filteredWrite(ctx, obj, notes, item));
    }
    return chain;
  };
  return value instanceof Promise ? value.then(emit) : emit(value);
}

/** The expanded value with the selected properties attached, leaving the original value untouched. */
function withNotes(ctx: Ctx, value: unknown, notes: Note[], input: unknown): PSObject {
  let o: PSObject;
  if (value instanceof PSObject) {
    o = new PSObject(value.typeNames);
    for (const p of value.properties()) o.addProperty({ ...p });
    for (const m of value.methodList()) o.addMethod(m.name, m.fn);
    if (value.baseObject !== undefined) o.baseObject = value.baseObject;
  } else {
    o = new PSObject([firstTypeName(value), 'System.Object']);
    o.baseObject = value;
  }
  for (const n of notes) {
    if (o.has(n.name)) alreadyExists(ctx, n.name, input, 'AlreadyExistingUserSpecifiedPropertyExpand');
    else o.add(n.name, n.value, 'NoteProperty');
  }
  return o;
}

function sameValue(a: unknown, b: unknown, caseSensitive: boolean): boolean {
  try {
    return compare(a, b, caseSensitive) === 0;
  } catch {
    try {
      return equals(a, b, caseSensitive);
    } catch {
      return a === b;
    }
  }
}

function filteredWrite(ctx: Ctx, obj: unknown, notes: Note[], _input: unknown): void {
  const uniques: { obj: unknown; notes: Note[] }[] | undefined = ctx.state.uniques;
  if (!uniques) {
    ctx.write(obj, false);
    return;
  }
  const cs = !ctx.params.CaseInsensitive;
  const base = (x: unknown) => (x instanceof PSObject && x.baseObject !== undefined ? x.baseObject : x);
  const isNew = !uniques.some((u) => {
    if (u.notes.length !== notes.length) return false;
    if (notes.length === 0) return sameValue(base(u.obj), base(obj), cs);
    if (!(u.obj instanceof PSObject)) return false;
    if (base(u.obj) !== u.obj && !sameValue(base(u.obj), base(obj), cs)) return false;
    return notes.every((n) => (u.obj as PSObject).has(n.name) && sameValue((u.obj as PSObject).get(n.name), n.value, cs));
  });
  if (isNew) uniques.push({ obj, notes });
}

export default cmdlet;
