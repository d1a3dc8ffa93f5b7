// Objects to formatting records: PowerShell's InnerFormatShapeCommand (format-default, Format-Table,
// Format-List, Format-Wide) with its view selection (FormatViewManager) and view generators.
// The first object decides the view of the whole document; scalars are printed out of band where
// they arrive; an object a registered view does not apply to is listed out of band.
import { ErrorRecord } from '../engine/errors.js';
import { PSTypeRef, isScriptBlock } from '../engine/values.js';
import { getMember } from '../engine/members.js';
import {
  dateTimeLongString,
  enumerate,
  formatField,
  isScalar,
  isString,
  namesOf,
  plainString,
  smartToString,
  typeNamesOf,
} from './display.js';
import { evalExpr, exprText, resolveNames, wildcardRegex, type Expr, type PropertySpec, type ScriptResults } from './expressions.js';
import { FormattedText, type EntryInfo, type FormatStart, type Packet, type Shape, type TableColumnInfo } from './packets.js';
import { viewFor, type ViewDecl } from './views.js';
import type { Alignment } from './expressions.js';

export interface FormatParams {
  properties?: PropertySpec[];
  groupBy?: PropertySpec;
  autoSize?: boolean;
  wrap?: boolean;
  hideTableHeaders?: boolean;
  /** -Force: format scalars too instead of printing them as text. */
  force?: boolean;
  excludeProperty?: string[];
  /** Format-Wide -Column. */
  column?: number;
}

/** A table shows at most this many properties when none are named (TableViewGenerator). */
const MAX_TABLE_PROPERTIES = 10;
/** More properties than this make a list (PropertyCountForTable in the default settings). */
const PROPERTY_COUNT_FOR_TABLE = 4;
const MAX_ENUMERATION_DEPTH = 8;

interface Generator {
  start(so: unknown): FormatStart;
  payload(so: unknown): EntryInfo;
  isApplicable(so: unknown): boolean;
  grouping?: Grouping;
}

class Grouping {
  private value: unknown = NONE;
  constructor(
    private readonly expr: Expr,
    private readonly label: string | undefined,
    private readonly ctx: Ctx,
  ) {}

  /** Reads the key of `so`; true when it differs from the previous object's. */
  update(so: unknown): boolean {
    if (this.expr.kind === 'name' && resolveNames(this.expr, so).length === 0) return false;
    const next = evalExpr(this.expr, so, this.ctx.memo);
    const prev = this.value;
    this.value = next;
    return prev === NONE || !sameKey(prev, next);
  }

  headerText(): string | undefined {
    if (this.value === NONE) return undefined;
    const label = this.label ?? exprText(this.expr);
    return `   ${label}: ` + smartToString(this.value, this.ctx.enumerationLimit);
  }
}

const NONE = Symbol('AutomationNull');

function sameKey(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return plainString(a).toLowerCase() === plainString(b).toLowerCase();
}

interface Ctx {
  enumerationLimit: number;
  memo?: ScriptResults;
  params?: FormatParams;
}

interface Association {
  expr: Expr;
  spec?: PropertySpec;
}

function excluded(names: Association[], exclude: string[] | undefined): Association[] {
  if (!exclude || exclude.length === 0) return names;
  const res = exclude.map(wildcardRegex);
  return names.filter((a) => a.expr.kind !== 'name' || !res.some((re) => re.test((a.expr as { name: string }).name)));
}

/** Every property of an object, once each (AssociationManager.ExpandAll). */
function expandAll(so: unknown): Association[] {
  const seen = new Set<string>();
  const out: Association[] = [];
  for (const n of namesOf(so)) {
    const k = n.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ expr: { kind: 'name', name: n, wildcard: false } });
  }
  return out;
}

/** -Property for a table: unresolved plain names stay as (empty) columns. */
function expandTableParameters(specs: PropertySpec[], so: unknown): Association[] {
  const out: Association[] = [];
  for (const spec of specs) {
    const resolved = resolveNames(spec.expr, so);
    if (resolved.length === 0 && !(spec.expr.kind === 'name' && spec.expr.wildcard)) out.push({ expr: spec.expr, spec });
    for (const e of resolved) out.push({ expr: e, spec });
  }
  return out;
}

/** -Property for a list: what does not resolve is left out. */
function expandParameters(specs: PropertySpec[], so: unknown): Association[] {
  return specs.flatMap((spec) => resolveNames(spec.expr, so).map((e) => ({ expr: e, spec })));
}

function appliesTo(view: ViewDecl, so: unknown): boolean {
  const t = view.typeName.toLowerCase();
  return typeNamesOf(so).some((n) => n.toLowerCase() === t);
}

function defaultAlignment(so: unknown, e: Expr, ctx: Ctx): Alignment {
  const v = evalExpr(e, so, ctx.memo);
  if (v === null || v === undefined || isString(v)) return 'left';
  return isScalar(v) ? 'right' : 'left';
}

function groupingFor(ctx: Ctx, viewGroup?: { label: string; property: string }): Grouping | undefined {
  const g = ctx.params?.groupBy;
  if (g) return new Grouping(g.expr, g.label, ctx);
  if (viewGroup) return new Grouping({ kind: 'name', name: viewGroup.property, wildcard: false }, viewGroup.label, ctx);
  return undefined;
}

function tableFromView(view: ViewDecl, ctx: Ctx): Generator {
  const cols = view.table!.columns;
  return {
    grouping: groupingFor(ctx, view.table!.groupBy),
    start: () => ({
      t: 'fs',
      shape: 'table',
      autosize: ctx.params?.autoSize ?? false,
      table: {
        hideHeader: ctx.params?.hideTableHeaders ?? false,
        columns: cols.map((c) => ({ label: c.label, width: c.width ?? 0, align: c.align })),
      },
    }),
    payload: (so) => ({
      kind: 'row',
      multiLine: ctx.params?.wrap ?? view.table!.wrap ?? false,
      cells: cols.map((c) => {
        let v: unknown;
        try {
          v = c.expression ? c.expression(so) : getMember(so, c.property ?? c.label);
        } catch {
          v = undefined;
        }
        return formatField(v, undefined, ctx.enumerationLimit);
      }),
    }),
    isApplicable: (so) => appliesTo(view, so),
  };
}

function tableFromProperties(first: unknown, ctx: Ctx): Generator {
  const specs = ctx.params?.properties;
  let active: Association[];
  if (specs && specs.length > 0) active = excluded(expandTableParameters(specs, first), ctx.params?.excludeProperty);
  else {
    active = excluded(expandAll(first), ctx.params?.excludeProperty);
    if (active.length > MAX_TABLE_PROPERTIES) active = active.slice(0, MAX_TABLE_PROPERTIES);
  }
  const columns: TableColumnInfo[] = active.map((a) => ({
    label: a.spec?.label ?? exprText(a.expr),
    width: a.spec?.width ?? 0,
    align: a.spec?.align ?? defaultAlignment(first, a.expr, ctx),
  }));
  return {
    grouping: groupingFor(ctx),
    start: () => ({
      t: 'fs',
      shape: 'table',
      autosize: ctx.params?.autoSize ?? false,
      table: { hideHeader: ctx.params?.hideTableHeaders ?? false, columns },
    }),
    payload: (so) => ({
      kind: 'row',
      multiLine: ctx.params?.wrap ?? false,
      cells: active.map((a) =>
        formatField(
          evalExpr(a.expr, so, ctx.memo),
          a.spec?.formatString ? { formatString: a.spec.formatString } : { isTable: true },
          ctx.enumerationLimit,
        ),
      ),
    }),
    isApplicable: () => true,
  };
}

function listFromView(view: ViewDecl, ctx: Ctx): Generator {
  const props = view.list!.properties.map((p) => (typeof p === 'string' ? { label: p, property: p } : p));
  return {
    grouping: groupingFor(ctx),
    start: () => ({ t: 'fs', shape: 'list', autosize: false }),
    payload: (so) => ({
      kind: 'list',
      labels: props.map((p) => p.label),
      values: props.map((p) => {
        let v: unknown;
        try {
          v = 'expression' in p && p.expression ? p.expression(so) : getMember(so, p.property ?? p.label);
        } catch {
          v = undefined;
        }
        return formatField(v, undefined, ctx.enumerationLimit);
      }),
    }),
    isApplicable: (so) => appliesTo(view, so),
  };
}

/** The list of one object's properties (ListViewGenerator without a view). */
export function listEntry(so: unknown, ctx: Ctx): EntryInfo {
  const specs = ctx.params?.properties;
  const active = excluded(specs && specs.length > 0 ? expandParameters(specs, so) : expandAll(so), ctx.params?.excludeProperty);
  return {
    kind: 'list',
    labels: active.map((a) => a.spec?.label ?? exprText(a.expr)),
    values: active.map((a) =>
      formatField(evalExpr(a.expr, so, ctx.memo), a.spec?.formatString ? { formatString: a.spec.formatString } : undefined, ctx.enumerationLimit),
    ),
  };
}

function listFromProperties(ctx: Ctx): Generator {
  return {
    grouping: groupingFor(ctx),
    start: () => ({ t: 'fs', shape: 'list', autosize: false }),
    payload: (so) => listEntry(so, ctx),
    isApplicable: () => true,
  };
}

const DISPLAY_NAME_PATTERNS = ['name', 'id', 'key', '*key', '*name', '*id'];

function wideGenerator(ctx: Ctx): Generator {
  const spec = ctx.params?.properties?.[0];
  return {
    grouping: groupingFor(ctx),
    start: () => ({
      t: 'fs',
      shape: 'wide',
      autosize: ctx.params?.autoSize ?? false,
      wideColumns: ctx.params?.column,
    }),
    payload: (so) => {
      let expr: Expr | undefined = spec?.expr;
      if (!expr) {
        for (const p of DISPLAY_NAME_PATTERNS) {
          const hit = resolveNames({ kind: 'name', name: p, wildcard: p.includes('*') }, so)[0];
          if (hit) {
            expr = hit;
            break;
          }
        }
      }
      const v = expr ? evalExpr(expr, so, ctx.memo) : so;
      return { kind: 'wide', text: formatField(v, spec?.formatString ? { formatString: spec.formatString } : undefined, ctx.enumerationLimit) };
    },
    isApplicable: () => true,
  };
}

function dateGenerator(): Generator {
  return {
    start: () => ({ t: 'fs', shape: 'complex', autosize: false }),
    payload: (so) => ({ kind: 'complex', text: dateTimeLongString(so as Date) }),
    isApplicable: (so) => so instanceof Date,
  };
}

/** FormatViewManager.Initialize: the view and shape for a document, from its first object. */
function selectGenerator(so: unknown, shape: Shape | undefined, ctx: Ctx): Generator {
  const specs = ctx.params?.properties;
  const hasProps = !!specs && specs.length > 0;
  if (shape === undefined) {
    if (so instanceof Date) return dateGenerator();
    const view = viewFor(typeNamesOf(so));
    if (view?.table) return tableFromView(view, ctx);
    if (view?.list) return listFromView(view, ctx);
    return expandAll(so).length <= PROPERTY_COUNT_FOR_TABLE ? tableFromProperties(so, ctx) : listFromProperties(ctx);
  }
  if (shape === 'wide') return wideGenerator(ctx);
  if (!hasProps) {
    const view = viewFor(typeNamesOf(so));
    if (shape === 'table' && view?.table) return tableFromView(view, ctx);
    if (shape === 'list' && view?.list) return listFromView(view, ctx);
  }
  return shape === 'list' ? listFromProperties(ctx) : tableFromProperties(so, ctx);
}

/** Printed with ToString() where it arrives: scalars and objects without properties. */
function isRawText(so: unknown): boolean {
  if (isScalar(so) || so instanceof ErrorRecord || so instanceof PSTypeRef || isScriptBlock(so)) return true;
  if (so instanceof Date || viewFor(typeNamesOf(so))) return false;
  return namesOf(so).length === 0;
}

/**
 * Turns objects into formatting records for one shape (undefined: Out-Default picks per object).
 * Push every pipeline object with process(), then end().
 */
export class ShapeFormatter {
  private generator?: Generator;
  private inDocument = false;
  private inGroup = false;
  private readonly ctx: Ctx;

  constructor(
    private readonly shape: Shape | undefined,
    params: FormatParams | undefined,
    enumerationLimit: number,
    private readonly emit: (p: Packet) => void,
    memo?: ScriptResults,
  ) {
    this.ctx = { params, enumerationLimit, memo };
  }

  process(value: unknown, depth = 0): void {
    if (value === null || value === undefined) return;
    if (value instanceof FormattedText) {
      this.end();
      if (value.packets) for (const p of value.packets) this.emit(p);
      else for (const line of value.lines) this.emit({ t: 'entry', outOfBand: true, info: { kind: 'raw', text: line } });
      return;
    }
    // Collections are enumerated (nested ones too, within reason: a collection may contain itself).
    const items = depth < MAX_ENUMERATION_DEPTH ? enumerate(value) : undefined;
    if (items) {
      for (const item of items) this.process(item, depth + 1);
      return;
    }
    this.processObject(value);
  }

  private get processOutOfBand(): boolean {
    return this.shape === undefined || !this.ctx.params?.force;
  }

  private processObject(so: unknown): void {
    if (this.processOutOfBand && isRawText(so)) {
      this.emit({ t: 'entry', outOfBand: true, info: { kind: 'raw', text: plainString(so) } });
      return;
    }
    if (!this.inDocument) {
      this.generator = selectGenerator(so, this.shape, this.ctx);
      this.emit(this.generator.start(so));
      this.inDocument = true;
    }
    const gen = this.generator!;
    if (this.processOutOfBand && !gen.isApplicable(so)) {
      this.emitOutOfBandList(so);
      return;
    }
    if (!this.inGroup) {
      gen.grouping?.update(so);
      this.pushGroup();
    } else if (gen.grouping?.update(so)) {
      // A blank line between groups, then the next group's header.
      this.emit({ t: 'entry', outOfBand: true, info: { kind: 'complex', text: '' } });
      this.emit({ t: 'ge' });
      this.pushGroup();
    }
    this.emit({ t: 'entry', outOfBand: false, info: gen.payload(so) });
  }

  private pushGroup(): void {
    this.emit({ t: 'gs', label: this.generator?.grouping?.headerText() });
    this.inGroup = true;
  }

  private emitOutOfBandList(so: unknown): void {
    const entry = listEntry(so, { enumerationLimit: this.ctx.enumerationLimit, memo: this.ctx.memo });
    if (entry.kind === 'list' && entry.labels.length === 0) {
      this.emit({ t: 'entry', outOfBand: true, info: { kind: 'raw', text: plainString(so) } });
      return;
    }
    this.emit({ t: 'entry', outOfBand: true, info: entry });
  }

  /** Closes the document (group end, format end); a later object starts a new one. */
  end(): void {
    if (this.inGroup) this.emit({ t: 'ge' });
    if (this.inDocument) this.emit({ t: 'fe' });
    this.inGroup = false;
    this.inDocument = false;
    this.generator = undefined;
  }
}

/** The objects a formatter sees once arrays and hashtables are enumerated. */
export function flattenInput(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown, depth: number) => {
    if (v === null || v === undefined || v instanceof FormattedText) return;
    const items = depth < MAX_ENUMERATION_DEPTH ? enumerate(v) : undefined;
    if (items) items.forEach((x) => visit(x, depth + 1));
    else out.push(v);
  };
  values.forEach((v) => visit(v, 0));
  return out;
}
