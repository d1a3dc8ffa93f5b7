// Text layout of tables and lists, ported from PowerShell's TableWriter, ColumnWidthManager and
// ListWriter (FormatAndOutput/common): one blank between columns, the last column unpadded,
// overflow cut with an ellipsis, headers wrapped when a column is narrower than its label.
import { ELLIPSIS, cells, generateLines, spaces, splitLines, truncateAtNewLine, truncateHead, truncateTail } from './cells.js';
import type { Alignment } from './expressions.js';

/** A width PowerShell uses for "no limit" (int.MaxValue). */
export const UNLIMITED = 2 ** 31 - 1;

const SEPARATOR = 1;
const MIN_COLUMN_WIDTH = 1;
const MIN_SCREEN_COLUMNS = 5;

/**
 * Fits column widths into `tableWidth`: unset (0) widths share the free space round-robin; when the
 * table is too wide, the rightmost visible column shrinks, or is hidden (-1) when it cannot.
 */
export function calculateColumnWidths(widths: number[], tableWidth: number): void {
  const current = () => {
    let sum = 0;
    let visible = 0;
    for (const w of widths) {
      if (w > 0) {
        sum += w;
        visible++;
      }
    }
    return sum + SEPARATOR * (visible - 1);
  };
  // AssignColumnWidths
  if (widths.every((w) => w > 0)) {
    if (widths.reduce((a, b) => a + b, 0) + SEPARATOR * (widths.length - 1) <= tableWidth) return;
  } else {
    const fixed = widths.map((w) => w > 0);
    for (let k = 0; k < widths.length; k++) if (widths[k] === 0) widths[k] = MIN_COLUMN_WIDTH;
    let available = tableWidth - current();
    if (available === 0) return;
    if (available > 0) {
      while (available > 0) {
        for (let k = 0; k < widths.length; k++) {
          if (fixed[k]) continue;
          widths[k]++;
          available--;
          if (available === 0) break;
        }
      }
      return;
    }
  }
  // TrimToFit
  for (;;) {
    const excess = current() - tableWidth;
    if (excess <= 0) return;
    let last = widths.length - 1;
    for (let k = 0; k < widths.length; k++) {
      if (widths[k] < 0) {
        last = k - 1;
        break;
      }
    }
    if (last < 0) return;
    const shrunk = widths[last] - excess;
    if (shrunk < MIN_COLUMN_WIDTH) widths[last] = -1;
    else widths[last] = shrunk;
  }
}

/** One cell on one line: padded to the width, or cut with an ellipsis (GenerateRowField). */
function rowField(val: string, width: number, align: Alignment | undefined, addPadding: boolean): string {
  let s = truncateAtNewLine(val);
  const len = cells(s);
  if (len < width) {
    const pad = width - len;
    if (align === 'right') s = spaces(pad) + s;
    else if (align === 'center') {
      const left = Math.floor(pad / 2);
      s = spaces(left) + s + (addPadding ? spaces(pad - left) : '');
    } else if (addPadding) s += spaces(pad);
  } else if (len > width) {
    const keep = width - 1;
    if (keep > 0) s = align === 'right' ? ELLIPSIS + s.slice(truncateHead(s, keep)) : s.slice(0, truncateTail(s, keep)) + ELLIPSIS;
    else s = align === 'right' ? s.slice(truncateHead(s, width)) : s.slice(0, truncateTail(s, width));
  }
  // A cut double-cell character leaves the cell one short.
  if (cells(s) === width) return s;
  if (align === 'right') return ' ' + s;
  return addPadding ? s + ' ' : s;
}

interface ColumnInfo {
  width: number;
  align: Alignment | undefined;
}

export class TableWriter {
  private disabled = false;
  private hideHeader = false;
  private columns: ColumnInfo[] = [];
  private header?: string[];

  /** Sets the column widths (0 = let the manager decide) for a screen `screenColumns` wide. */
  initialize(screenColumns: number, widths: number[], aligns: (Alignment | undefined)[], hideHeader: boolean): void {
    if (screenColumns < MIN_SCREEN_COLUMNS) {
      this.disabled = true;
      return;
    }
    this.hideHeader = hideHeader;
    const w = [...widths];
    calculateColumnWidths(w, screenColumns);
    if (!w.some((x) => x >= MIN_COLUMN_WIDTH)) {
      this.disabled = true;
      return;
    }
    this.columns = w.map((width, k) => ({ width, align: aligns[k] }));
  }

  get widths(): number[] {
    return this.columns.map((c) => c.width);
  }

  generateHeader(labels: string[], out: string[]): void {
    if (this.disabled || this.hideHeader) return;
    if (this.header) {
      out.push(...this.header);
      return;
    }
    const header: string[] = [];
    this.generateRow(labels, true, undefined, header, true);
    const dashes = this.columns.map((c, k) => {
      if (c.width <= 0) return '';
      let count = c.width;
      const label = labels[k];
      if (label) count = Math.min(count, cells(label));
      return '-'.repeat(count);
    });
    this.generateRow(dashes, false, undefined, header, true);
    this.header = header;
    out.push(...header);
  }

  generateRow(values: string[], multiLine: boolean, aligns: (Alignment | undefined)[] | undefined, out: string[], isHeader = false): void {
    if (this.disabled) return;
    const current = this.columns.map((c, k) => aligns?.[k] ?? c.align);
    if (multiLine) out.push(...this.tableRow(values, current, isHeader));
    else out.push(this.singleRow(values, current));
  }

  private singleRow(values: string[], aligns: (Alignment | undefined)[]): string {
    let sb = '';
    const n = this.columns.length;
    for (let k = 0; k < n; k++) {
      const c = this.columns[k];
      if (c.width <= 0) continue;
      if (k > 0) sb += spaces(SEPARATOR);
      sb += rowField(values[k] ?? '', c.width, aligns[k], k !== n - 1);
    }
    return sb;
  }

  private tableRow(values: string[], aligns: (Alignment | undefined)[], _isHeader: boolean): string[] {
    const valid: number[] = [];
    this.columns.forEach((c, k) => {
      if (c.width > 0) valid.push(k);
    });
    if (valid.length === 0) return [];
    const fields: string[][] = valid.map((col, k) => {
      const c = this.columns[col];
      const addPadding = k !== valid.length - 1;
      const align = aligns[col];
      let lines = generateLines(values[col] ?? '', c.width, c.width);
      if (addPadding || align === 'right' || align === 'center') {
        lines = lines.map((l) => (cells(l) < c.width ? rowField(l, c.width, align, addPadding) : l));
      }
      if (k > 0) lines = lines.map((l) => spaces(SEPARATOR) + l);
      return lines;
    });
    const rows = Math.max(...fields.map((f) => f.length));
    const lastWithContent: number[] = [];
    for (let r = 0; r < rows; r++) {
      lastWithContent[r] = 0;
      for (let k = 0; k < fields.length; k++) if (fields[k].length > r) lastWithContent[r] = k;
    }
    fields.forEach((f, k) => {
      const blanks = k < fields.length - 1 ? this.columns[valid[k]].width + (k > 0 ? SEPARATOR : 0) : 0;
      for (let r = f.length; r < rows; r++) f.push(k > lastWithContent[r] ? '' : spaces(blanks));
    });
    const out: string[] = [];
    for (let r = 0; r < rows; r++) {
      let sb = '';
      for (let k = 0; k < fields.length; k++) {
        sb += k === lastWithContent[r] && rows > 1 ? fields[k][r].trimEnd() : fields[k][r];
      }
      out.push(sb);
    }
    return out;
  }
}

/** Items per row of a wide view for items `stringLen` cells long. */
export function wideItemsPerRow(stringLen: number, screenColumns: number): number {
  if (stringLen <= 0 || screenColumns < 1 || stringLen >= screenColumns) return 1;
  let n = 1;
  for (;;) {
    const next = n + 1;
    if (stringLen * next + (next - 1) * SEPARATOR >= screenColumns) return n;
    n++;
  }
}

const LIST_SEPARATOR = ' : ';

/** `Label : value` lines; labels padded to the longest, values wrapped under the value column. */
export function writeList(labels: string[], values: string[], screenColumns: number, out: string[]): void {
  if (labels.length === 0) return;
  if (screenColumns - LIST_SEPARATOR.length - 2 < 0) return;
  const maxLabel = screenColumns - LIST_SEPARATOR.length - 1;
  let labelLen = Math.min(maxLabel, Math.max(...labels.map((l) => cells(l))));
  const padded = labels.map((l) => {
    const n = cells(l);
    const s = n < labelLen ? l + spaces(labelLen - n) : n > labelLen ? l.slice(0, truncateTail(l, labelLen)) : l;
    return s + LIST_SEPARATOR;
  });
  labelLen += LIST_SEPARATOR.length;
  const fieldWidth = screenColumns - labelLen;
  const padding = spaces(labelLen);
  labels.forEach((_, k) => {
    const lines = splitLines(values[k] ?? '');
    lines.forEach((line, i) => {
      const prefix = i === 0 ? padded[k] : padding;
      generateLines(line ?? '', fieldWidth, fieldWidth).forEach((s, j) => out.push((j === 0 ? prefix : padding) + s));
    });
  });
}
