// The views registry: what format.ps1xml is to PowerShell. Cmdlet areas register a table and/or a
// list view per type name; Out-Default and Format-Table/Format-List look them up here.
import { TimeSpan } from '../engine/values.js';
import { DICTIONARY_ENTRY } from './display.js';

export interface ViewColumn {
  label: string;
  /** Property shown in the column; defaults to the label. */
  property?: string;
  expression?: (obj: unknown) => unknown;
  /** Fixed width; when the first column has none, widths come from the data (PowerShell's rule). */
  width?: number;
  /** Unset means left, as in format.ps1xml: numeric columns of a view must say 'right'. */
  align?: 'left' | 'right';
}

export interface ViewDecl {
  typeName: string;
  /** `wrap`: rows show every line of a value, as format.ps1xml's <Wrap/> (Get-Counter's readings). */
  table?: { columns: ViewColumn[]; groupBy?: { label: string; property: string }; wrap?: boolean };
  list?: { properties: (string | { label: string; property?: string; expression?: (obj: unknown) => unknown })[] };
}

const registered = new Map<string, ViewDecl>();
const builtin = new Map<string, ViewDecl>();

/** Adds views; a later table (or list) view for the same type name replaces the earlier one. */
export function registerViews(views: ViewDecl[]): void {
  for (const v of views) {
    const key = v.typeName.toLowerCase();
    const prev = registered.get(key);
    registered.set(key, {
      typeName: v.typeName,
      table: v.table ?? prev?.table,
      list: v.list ?? prev?.list,
    });
  }
}

/** The view of the most derived type name that has one. */
export function viewFor(typeNames: string[]): ViewDecl | undefined {
  for (const t of typeNames) {
    const key = t.toLowerCase();
    const v = registered.get(key) ?? builtin.get(key);
    if (v) return v;
  }
  return undefined;
}

/** For tests: forget the registered (not the built-in) views. */
export function clearRegisteredViews(): void {
  registered.clear();
}

// ---------------------------------------------------------------- built-in views (DotNetTypes.format.ps1xml)

const TICKS_PER_MS = 10_000;
const trunc = Math.trunc;
const ticks = (t: unknown) => Math.round((t as TimeSpan).ms * TICKS_PER_MS);

for (const v of [
  {
    typeName: DICTIONARY_ENTRY,
    table: { columns: [{ label: 'Name', property: 'Name', width: 30 }, { label: 'Value', property: 'Value' }] },
    list: { properties: ['Name', 'Value'] },
  },
  {
    typeName: 'System.TimeSpan',
    list: {
      properties: [
        { label: 'Days', expression: (t: unknown) => trunc(ticks(t) / (TICKS_PER_MS * 86_400_000)) },
        { label: 'Hours', expression: (t: unknown) => trunc(ticks(t) / (TICKS_PER_MS * 3_600_000)) % 24 },
        { label: 'Minutes', expression: (t: unknown) => trunc(ticks(t) / (TICKS_PER_MS * 60_000)) % 60 },
        { label: 'Seconds', expression: (t: unknown) => trunc(ticks(t) / (TICKS_PER_MS * 1000)) % 60 },
        { label: 'Milliseconds', expression: (t: unknown) => trunc(ticks(t) / TICKS_PER_MS) % 1000 },
        { label: 'Ticks', expression: (t: unknown) => ticks(t) },
        { label: 'TotalDays', expression: (t: unknown) => ticks(t) / (TICKS_PER_MS * 86_400_000) },
        { label: 'TotalHours', expression: (t: unknown) => ticks(t) / (TICKS_PER_MS * 3_600_000) },
        { label: 'TotalMinutes', expression: (t: unknown) => ticks(t) / (TICKS_PER_MS * 60_000) },
        { label: 'TotalSeconds', expression: (t: unknown) => ticks(t) / (TICKS_PER_MS * 1000) },
        { label: 'TotalMilliseconds', expression: (t: unknown) => ticks(t) / TICKS_PER_MS },
      ],
    },
  },
] as ViewDecl[]) {
  builtin.set(v.typeName.toLowerCase(), v);
}
