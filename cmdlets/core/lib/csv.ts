// CSV as PowerShell 7 writes and reads it: every field quoted by default, the header from the first
// object's properties, "#TYPE" lines only on request.
import { PSHashtable, PSObject } from '../../../src/engine/values.js';
import { toStr } from '../../../src/engine/convert.js';
import { firstTypeName, namesOf, propertyValue } from './common.js';

export type QuoteKind = 'Always' | 'AsNeeded' | 'Never';

export interface CsvWriteOptions {
  delimiter: string;
  useQuotes: QuoteKind;
  quoteFields?: string[];
  includeTypeInformation: boolean;
}

function field(value: string | null, name: string, opts: CsvWriteOptions): string {
  if (value === null) return '';
  const mustQuote =
    opts.quoteFields && opts.quoteFields.length
      ? opts.quoteFields.some((q) => q.toLowerCase() === name.toLowerCase())
      : opts.useQuotes === 'Always' ||
        (opts.useQuotes === 'AsNeeded' && (value.includes(opts.delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value)));
  if (!mustQuote) return value;
  return '"' + value.replace(/"/g, '""') + '"';
}

function cell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return toStr(Array.isArray(v) ? 'System.Object[]' : v);
}

/** The columns of an object: its properties, or a dictionary's keys. */
export function csvColumns(obj: unknown): string[] {
  if (obj instanceof PSHashtable) return obj.keys().map((k) => toStr(k));
  return namesOf(obj);
}

export class CsvWriter {
  private columns?: string[];
  constructor(private readonly opts: CsvWriteOptions) {}

  /** Presets the header (Export-Csv -Append to a file that has one). */
  useColumns(columns: string[]): void {
    this.columns = columns;
  }

  /** The lines for one object: the type line and header first, then the row. */
  lines(obj: unknown): string[] {
    const out: string[] = [];
    if (!this.columns) {
      this.columns = csvColumns(obj);
      if (this.opts.includeTypeInformation) out.push(`#TYPE ${firstTypeName(obj)}`);
      out.push(this.columns.map((c) => field(c, c, this.opts)).join(this.opts.delimiter));
    }
    const row = this.columns.map((c) => {
      const v = obj instanceof PSHashtable ? (obj.has(c) ? obj.get(c) : null) : propertyValue(obj, c);
      return field(cell(v), c, this.opts);
    });
    out.push(row.join(this.opts.delimiter));
    return out;
  }
}

/** Splits CSV text into records of fields (quoted fields may hold delimiters, quotes and newlines). */
export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  let quoted = false;
  let i = 0;
  const endField = () => {
    fields.push(quoted ? cur : cur);
    cur = '';
    quoted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      cur += c;
      i++;
      continue;
    }
    if (c === '"' && cur.trim() === '') {
      inQuotes = true;
      quoted = true;
      cur = '';
      i++;
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endField();
      records.push(fields);
      fields = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur !== '' || quoted || fields.length) {
    endField();
    records.push(fields);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Objects from CSV lines: the first record (or -Header) names the properties. */
export function csvObjects(text: string, delimiter: string, header?: string[]): PSObject[] {
  let records = parseCsvRecords(text, delimiter);
  let typeName: string | undefined;
  if (records.length && records[0].length && records[0][0].startsWith('#')) {
    const m = /^#TYPE\s+(.+)$/i.exec(records[0].join(delimiter));
    if (m) typeName = m[1].trim();
    records = records.slice(1);
  }
  let names = header;
  if (!names) {
    if (records.length === 0) return [];
    names = records[0].map((n, i) => (n === '' ? `H${i + 1}` : n));
    records = records.slice(1);
  }
  return records.map((r) => {
    const o = new PSObject(typeName ? [`CSV:${typeName}`, 'System.Management.Automation.PSCustomObject', 'System.Object'] : undefined);
    names!.forEach((n, i) => o.add(n, i < r.length ? r[i] : null, 'NoteProperty'));
    return o;
  });
}

export function delimiterOf(opts: { Delimiter?: string; UseCulture?: boolean }): string {
  if (opts.Delimiter) return opts.Delimiter;
  return ',';
}
