// The formatting protocol between the shape formatters (Format-Table, Format-List, Out-Default's
// default formatting) and the line renderer: PowerShell's FormatStartData, GroupStartData,
// FormatEntryData... as plain records. Cells are already strings; only layout is left to do.
import type { Alignment } from './expressions.js';

export type Shape = 'table' | 'list' | 'wide' | 'complex';

export interface TableColumnInfo {
  label: string;
  /** 0 = decided by the data (when the first column has no width) or by the width manager. */
  width: number;
  align?: Alignment;
}

export interface FormatStart {
  t: 'fs';
  shape: Shape;
  table?: { columns: TableColumnInfo[]; hideHeader: boolean };
  /** Format-Wide -Column. */
  wideColumns?: number;
  /** -AutoSize: widths from every row of a group. */
  autosize: boolean;
}

export interface FormatEnd {
  t: 'fe';
}

export interface GroupStart {
  t: 'gs';
  /** The group header line (`   TypeName: X`), when the view groups. */
  label?: string;
}

export interface GroupEnd {
  t: 'ge';
}

export type EntryInfo =
  | { kind: 'row'; cells: string[]; aligns?: (Alignment | undefined)[]; multiLine: boolean }
  | { kind: 'list'; labels: string[]; values: string[] }
  | { kind: 'wide'; text: string }
  | { kind: 'complex'; text: string }
  | { kind: 'raw'; text: string };

export interface Entry {
  t: 'entry';
  /** Printed where it arrives, outside the current table (scalars, objects of another type). */
  outOfBand: boolean;
  info: EntryInfo;
}

export type Packet = FormatStart | FormatEnd | GroupStart | GroupEnd | Entry;

/** What Format-Table/Format-List emit: already laid-out lines; Out-Default and Out-String print them as they are. */
export class FormattedText {
  /**
   * @param lines the text laid out for the host's console width
   * @param packets the formatting records behind it, so Out-String -Width and Out-File can lay
   *        the same cells out again for their own width (PowerShell formats at output time)
   */
  constructor(
    public lines: string[],
    readonly packets?: readonly Packet[],
  ) {}

  toString(): string {
    return this.lines.join('\n');
  }
}
