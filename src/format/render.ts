// Formatting records to lines: PowerShell's OutCommandInner (out-lineoutput) with its autosize
// cache (OutputGroupQueue). A table whose first column has no fixed width, or -AutoSize, waits for
// its group to end and sizes every column from the label and all the cells.
import { cells, generateLines } from './cells.js';
import type { Entry, EntryInfo, FormatStart, Packet } from './packets.js';
import { TableWriter, UNLIMITED, wideItemsPerRow, writeList } from './writers.js';

export interface LineSink {
  /** Width for lists, group headers and custom views (PowerShell's LineOutput.ColumnNumber). */
  columns: number;
  /** Width for tables and wide views (the console width when `columns` is unlimited). */
  tableColumns: number;
  writeLine(line: string): void;
}

type Hint = { kind: 'table'; widths: number[] } | { kind: 'wide'; maxWidth: number };

/** Caches a group's records until it ends (or a timeout passes) to compute column widths. */
class GroupQueue {
  private queue: Packet[] = [];
  private processing = false;
  private startedAt = 0;

  constructor(
    private readonly notify: (objects: Packet[]) => void,
    private readonly timeoutMs: number | undefined,
  ) {}

  add(p: Packet): Packet[] | undefined {
    if (!this.processing && p.t === 'gs') {
      this.processing = true;
      this.startedAt = Date.now();
      this.queue.push(p);
      return undefined;
    }
    const timedOut = this.timeoutMs !== undefined && Date.now() - this.startedAt > this.timeoutMs;
    if (this.processing && (p.t === 'ge' || timedOut)) {
      this.queue.push(p);
      this.notify(this.queue.filter((x) => !(x.t === 'entry' && x.outOfBand)));
      this.processing = false;
      return this.drain();
    }
    if (this.processing) {
      this.queue.push(p);
      return undefined;
    }
    return [p];
  }

  /** Sizes the group from what has arrived so far and releases it (a command that went quiet). */
  release(): Packet[] | undefined {
    if (!this.processing) return undefined;
    this.notify(this.queue.filter((x) => !(x.t === 'entry' && x.outOfBand)));
    this.processing = false;
    return this.drain();
  }

  get pending(): boolean {
    return this.processing;
  }

  drain(): Packet[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }
}

interface GroupContext {
  groupStart(): void;
  groupEnd(): void;
  payload(info: EntryInfo): void;
}

export class LineRenderer {
  private cache?: GroupQueue;
  private format?: FormatStart;
  private group?: GroupContext;
  private hint?: Hint;

  constructor(
    private readonly lo: LineSink,
    private readonly groupingTimeoutMs?: number,
  ) {}

  process(p: Packet): void {
    if (p.t === 'fs') {
      const firstUnsized = p.shape === 'table' && (p.table?.columns.length ?? 0) > 0 && p.table!.columns[0].width === 0;
      this.cache =
        p.autosize || firstUnsized
          ? new GroupQueue((objs) => this.computeHint(p, objs), p.autosize ? undefined : this.groupingTimeoutMs)
          : undefined;
    }
    const out = this.cache ? this.cache.add(p) : [p];
    if (out) for (const x of out) this.dispatch(x);
  }

  /** True while a table waits for more rows to size its columns. */
  get waiting(): boolean {
    return !!this.cache?.pending;
  }

  /** Lays out a waiting table from the rows so far, as PowerShell does after 300 ms of silence. */
  releaseWaiting(): void {
    const out = this.cache?.release();
    if (out) for (const x of out) this.dispatch(x);
  }

  /** Flushes what the autosize cache still holds (a document left open). */
  end(): void {
    if (this.cache) for (const x of this.cache.drain()) this.dispatch(x);
  }

  private computeHint(fs: FormatStart, objects: Packet[]): void {
    this.hint = undefined;
    if (fs.shape === 'table' && fs.table && fs.table.columns.length > 0) {
      const widths = fs.table.columns.map((c) => (c.label ? cells(c.label) : 0));
      for (const o of objects) {
        if (o.t !== 'entry' || o.info.kind !== 'row') continue;
        o.info.cells.forEach((v, k) => {
          if (k < widths.length) widths[k] = Math.max(widths[k], cells(v));
        });
      }
      this.hint = { kind: 'table', widths };
    } else if (fs.shape === 'wide' && !fs.wideColumns) {
      let max = 0;
      for (const o of objects) if (o.t === 'entry' && o.info.kind === 'wide' && o.info.text) max = Math.max(max, cells(o.info.text));
      this.hint = { kind: 'wide', maxWidth: max };
    }
  }

  private takeHint(): Hint | undefined {
    const h = this.hint;
    this.hint = undefined;
    return h;
  }

  private dispatch(p: Packet): void {
    const lo = this.lo;
    switch (p.t) {
      case 'fs':
        this.format = p;
        lo.writeLine('');
        break;
      case 'fe':
        // A list already ended with a blank line after its last entry.
        if (this.format?.shape !== 'list') lo.writeLine('');
        this.format = undefined;
        break;
      case 'gs': {
        this.group = this.createGroup();
        if (p.label !== undefined) {
          for (const l of generateLines(p.label, lo.columns, lo.columns)) lo.writeLine(l);
          lo.writeLine('');
        }
        this.group.groupStart();
        break;
      }
      case 'ge':
        this.group?.groupEnd();
        this.group = undefined;
        break;
      case 'entry':
        if (p.outOfBand || !this.group) this.outOfBand(p);
        else this.group.payload(p.info);
        break;
    }
  }

  private outOfBand(p: Entry): void {
    const lo = this.lo;
    const info = p.info;
    switch (info.kind) {
      case 'raw':
        lo.writeLine(info.text);
        break;
      case 'complex':
        for (const l of generateLines(info.text, UNLIMITED, UNLIMITED)) lo.writeLine(l);
        break;
      case 'list': {
        lo.writeLine('');
        const out: string[] = [];
        writeList(info.labels, info.values, lo.columns, out);
        out.forEach((l) => lo.writeLine(l));
        lo.writeLine('');
        break;
      }
      case 'row':
        lo.writeLine(info.cells.join(' '));
        break;
      case 'wide':
        lo.writeLine(info.text);
        break;
    }
  }

  private createGroup(): GroupContext {
    const fs = this.format;
    const lo = this.lo;
    const emit = (lines: string[]) => lines.forEach((l) => lo.writeLine(l));
    switch (fs?.shape) {
      case 'table': {
        const hint = this.takeHint();
        const cols = fs.table?.columns ?? [];
        const writer = new TableWriter();
        if (cols.length > 0) {
          const widths = hint?.kind === 'table' ? hint.widths : cols.map((c) => c.width);
          writer.initialize(lo.tableColumns, widths, cols.map((c) => c.align), fs.table!.hideHeader);
        }
        return {
          groupStart: () => {
            if (cols.length === 0) return;
            const out: string[] = [];
            writer.generateHeader(cols.map((c) => c.label), out);
            emit(out);
          },
          groupEnd: () => undefined,
          payload: (info) => {
            if (cols.length === 0 || info.kind !== 'row') return;
            const values = cols.map((_, k) => info.cells[k] ?? '');
            const aligns = cols.map((_, k) => (k < info.cells.length ? info.aligns?.[k] : 'left'));
            const out: string[] = [];
            writer.generateRow(values, info.multiLine, aligns, out);
            emit(out);
          },
        };
      }
      case 'wide': {
        const hint = this.takeHint();
        let perRow = 2;
        if (hint?.kind === 'wide' && hint.maxWidth > 0) perRow = wideItemsPerRow(hint.maxWidth, lo.tableColumns);
        else if (fs.wideColumns && fs.wideColumns > 0) perRow = fs.wideColumns;
        const writer = new TableWriter();
        writer.initialize(lo.tableColumns, new Array(perRow).fill(0), new Array(perRow).fill('left'), false);
        let buffer: string[] = [];
        const flush = () => {
          if (buffer.length === 0) return;
          const values = Array.from({ length: perRow }, (_, k) => buffer[k] ?? '');
          const out: string[] = [];
          writer.generateRow(values, false, undefined, out);
          emit(out);
          buffer = [];
        };
        return {
          groupStart: () => undefined,
          groupEnd: flush,
          payload: (info) => {
            if (info.kind !== 'wide') return;
            buffer.push(info.text);
            if (buffer.length === perRow) flush();
          },
        };
      }
      case 'list':
        return {
          groupStart: () => undefined,
          groupEnd: () => undefined,
          payload: (info) => {
            if (info.kind !== 'list') return;
            const out: string[] = [];
            writeList(info.labels, info.values, lo.columns, out);
            emit(out);
            lo.writeLine('');
          },
        };
      default:
        return {
          groupStart: () => undefined,
          groupEnd: () => undefined,
          payload: (info) => {
            if (info.kind === 'complex') emit(generateLines(info.text, lo.columns, lo.columns));
            else this.outOfBand({ t: 'entry', outOfBand: true, info });
          },
        };
    }
  }
}

/** Lays formatting records out as lines. */
export function renderPackets(packets: readonly Packet[], columns: number, tableColumns = columns): string[] {
  const lines: string[] = [];
  const r = new LineRenderer({ columns, tableColumns, writeLine: (l) => lines.push(l) });
  for (const p of packets) r.process(p);
  r.end();
  return lines;
}
