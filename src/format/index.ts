// The formatting engine: Out-Default's object-to-text logic and the layouts behind Format-Table,
// Format-List and Format-Wide. Objects become formatting records (shape.ts), records become lines
// (render.ts); both halves follow PowerShell 7's FormatAndOutput code.
import { DEFAULT_ENUMERATION_LIMIT } from './display.js';
import { parseProperties, precomputeScripts, scriptBlocksOf, type PropertySpec, type ScriptResults } from './expressions.js';
import { FormattedText, type Packet, type Shape } from './packets.js';
import { LineRenderer, renderPackets } from './render.js';
import { ShapeFormatter, flattenInput, type FormatParams } from './shape.js';
import { UNLIMITED } from './writers.js';

export { FormattedText, type Packet } from './packets.js';
export { registerViews, viewFor, type ViewColumn, type ViewDecl } from './views.js';
export { smartToString, plainString, DEFAULT_ENUMERATION_LIMIT } from './display.js';
export { renderPackets } from './render.js';
export { UNLIMITED } from './writers.js';
export { compositeFormat, formatValue } from './dotnet-format.js';

export interface OutDefaultOptions {
  /**
   * The terminal's width in columns. Like PowerShell's console host, Out-Default lays text out to
   * width - 1 so that a full line never leaves the cursor in the last column.
   */
  width: number;
  /** Receives one or more whole lines joined with '\n' (no trailing newline): print each call as a line. */
  write: (text: string) => void;
  /** $FormatEnumerationLimit (default 4; negative: no limit). */
  enumerationLimit?: number;
  /**
   * PowerShell sizes an unsized table from the rows that arrive within 300 ms. Unset (the default)
   * waits for the whole group, which keeps output independent of timing.
   */
  groupingTimeoutMs?: number;
}

/** Streaming Out-Default: objects in, text out (lines joined with '\n', written through `write`). */
export function createOutDefault(opts: OutDefaultOptions): { push(value: unknown): void | Promise<void>; end(): void | Promise<void> } {
  const columns = Math.max(opts.width - 1, 1);
  let pending: string[] = [];
  const renderer = new LineRenderer({ columns, tableColumns: columns, writeLine: (l) => pending.push(l) }, opts.groupingTimeoutMs);
  const formatter = new ShapeFormatter(undefined, undefined, opts.enumerationLimit ?? DEFAULT_ENUMERATION_LIMIT, (p) => renderer.process(p));
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n');
    pending = [];
    opts.write(text);
  };
  // a table whose command went quiet (Start-Transport -Wait) is laid out from the rows so far
  let quiet: NodeJS.Timeout | undefined;
  const armQuietTimer = () => {
    if (opts.groupingTimeoutMs === undefined || !renderer.waiting) return;
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      renderer.releaseWaiting();
      flush();
    }, opts.groupingTimeoutMs);
    quiet.unref();
  };
  return {
    push(value: unknown): void {
      formatter.process(value);
      flush();
      armQuietTimer();
    },
    end(): void {
      clearTimeout(quiet);
      formatter.end();
      renderer.end();
      flush();
    },
  };
}

export interface RenderOptions {
  /** Width for lists and custom views; UNLIMITED for Out-String without -Width. */
  columns: number;
  /** Width for tables (defaults to `columns`). */
  tableColumns?: number;
  enumerationLimit?: number;
}

/** Lines of text for objects, as Out-Default would print them (Out-String, Out-File, Out-Host). */
export function renderOutput(values: unknown[], opts: RenderOptions): string[] {
  const lines: string[] = [];
  const renderer = new LineRenderer({
    columns: opts.columns,
    tableColumns: opts.tableColumns ?? opts.columns,
    writeLine: (l) => lines.push(l),
  });
  const formatter = new ShapeFormatter(undefined, undefined, opts.enumerationLimit ?? DEFAULT_ENUMERATION_LIMIT, (p) => renderer.process(p));
  for (const v of values) formatter.process(v);
  formatter.end();
  renderer.end();
  return lines;
}

export interface FormatOptions {
  /** Names, wildcards, script blocks or @{Name/Label;Expression;Width;Alignment;FormatString} hashtables. */
  properties?: unknown[];
  groupBy?: unknown;
  autoSize?: boolean;
  wrap?: boolean;
  hideTableHeaders?: boolean;
  force?: boolean;
  excludeProperty?: string[];
  /** Format-Wide -Column. */
  column?: number;
  enumerationLimit?: number;
}

const COMMAND: Record<Exclude<Shape, 'complex'>, string> = { table: 'Format-Table', list: 'Format-List', wide: 'Format-Wide' };

function toParams(shape: Exclude<Shape, 'complex'>, opts: FormatOptions): FormatParams {
  const command = COMMAND[shape];
  let properties: PropertySpec[] | undefined;
  if (opts.properties && opts.properties.length > 0) properties = parseProperties(opts.properties, shape, command);
  let groupBy: PropertySpec | undefined;
  if (opts.groupBy !== undefined && opts.groupBy !== null) groupBy = parseProperties([opts.groupBy], 'groupBy', command)[0];
  if (opts.excludeProperty?.length && !properties) properties = parseProperties(['*'], shape, command);
  return {
    properties,
    groupBy,
    autoSize: opts.autoSize,
    wrap: opts.wrap,
    hideTableHeaders: opts.hideTableHeaders,
    force: opts.force,
    excludeProperty: opts.excludeProperty,
    column: opts.column,
  };
}

function packetsWith(shape: Exclude<Shape, 'complex'>, objects: unknown[], params: FormatParams, limit: number, memo?: ScriptResults): Packet[] {
  const packets: Packet[] = [];
  const f = new ShapeFormatter(shape, params, limit, (p) => packets.push(p), memo);
  for (const o of objects) f.process(o);
  f.end();
  return packets;
}

/**
 * The formatting records Format-Table/-List/-Wide produce for `objects`. Synchronous unless a
 * calculated property's script block has to wait.
 */
export function formatPackets(shape: Exclude<Shape, 'complex'>, objects: unknown[], opts: FormatOptions): Packet[] | Promise<Packet[]> {
  const params = toParams(shape, opts);
  const limit = opts.enumerationLimit ?? DEFAULT_ENUMERATION_LIMIT;
  const blocks = scriptBlocksOf([...(params.properties ?? []), ...(params.groupBy ? [params.groupBy] : [])]);
  if (blocks.length === 0) return packetsWith(shape, objects, params, limit);
  const memo = precomputeScripts(blocks, flattenInput(objects));
  return memo instanceof Promise ? memo.then((m) => packetsWith(shape, objects, params, limit, m)) : packetsWith(shape, objects, params, limit, memo);
}

function laidOut(packets: Packet[] | Promise<Packet[]>, width: number): string[] | Promise<string[]> {
  return packets instanceof Promise ? packets.then((p) => renderPackets(p, width)) : renderPackets(packets, width);
}

/**
 * Format-Table's text laid out to `width` columns (pass the console's width - 1 for what Out-Default
 * shows): a blank line, header, dash row, rows, a blank line.
 */
export function formatTable(
  objects: unknown[],
  opts: { width: number } & Omit<FormatOptions, 'column'>,
): string[] | Promise<string[]> {
  return laidOut(formatPackets('table', objects, opts), opts.width);
}

/**
 * Format-List's text laid out to `width` columns ('*' in properties means all of them): a blank
 * line, then each object's `Label : value` lines followed by a blank line.
 */
export function formatList(
  objects: unknown[],
  opts: { width: number } & Pick<FormatOptions, 'properties' | 'groupBy' | 'force' | 'excludeProperty' | 'enumerationLimit'>,
): string[] | Promise<string[]> {
  return laidOut(formatPackets('list', objects, opts), opts.width);
}

/** Format-Wide's text for `width` columns. */
export function formatWide(
  objects: unknown[],
  opts: { width: number } & Pick<FormatOptions, 'properties' | 'groupBy' | 'autoSize' | 'column' | 'force' | 'enumerationLimit'>,
): string[] | Promise<string[]> {
  return laidOut(formatPackets('wide', objects, opts), opts.width);
}

/** The FormattedText a Format-* cmdlet writes: laid out for the console, re-laid by Out-String/Out-File. */
export async function formattedText(shape: Exclude<Shape, 'complex'>, objects: unknown[], opts: FormatOptions & { width: number }): Promise<FormattedText | undefined> {
  const packets = await formatPackets(shape, objects, opts);
  if (packets.length === 0) return undefined;
  return new FormattedText(renderPackets(packets, opts.width), packets);
}

/** $FormatEnumerationLimit as a number (PowerShell uses it only when it is an integer). */
export function enumerationLimitOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : DEFAULT_ENUMERATION_LIMIT;
}

/**
 * The text `>`/`>>` redirection writes to a file: PowerShell's Out-File, laid out to the
 * terminal's width - 1, every line ended with '\n'.
 */
export function formatToText(values: unknown[], width: number): string {
  return renderOutput(values, { columns: Math.max(width - 1, 1) })
    .map((l) => l + '\n')
    .join('');
}
