// PowerShell 7's ConciseView of an error: `Name: message`, and for scripts and parse errors the
// `Line |` excerpt with `~` under the offending text.
import type { ErrorRecord } from './errors.js';

/** ConciseView's label: `throw` → Exception, else the command, else the category, else the exception type. */
export function errorPrefix(rec: ErrorRecord): string {
  if (rec.fromThrowStatement) return 'Exception';
  const cmd = rec.invocationInfo?.commandName;
  if (cmd) return cmd;
  // NotSpecified is the enum's zero, which PowerShell's view skips as false
  if (rec.category !== 'NotSpecified') return rec.category;
  return rec.reason ?? rec.exceptionType.split('.').pop() ?? 'Exception';
}

export function renderError(rec: ErrorRecord, opts: { showExcerpt?: boolean } = {}): string {
  const prefix = errorPrefix(rec);
  const info = rec.invocationInfo;
  const ext = info?.extent;
  const showExcerpt = (opts.showExcerpt ?? !!info?.scriptName) || rec.category === 'ParserError';
  if (!ext || !showExcerpt) return `${prefix}: ${rec.message}`;
  const lines: string[] = [];
  lines.push(`${prefix}: ${info?.scriptName ? `${info.scriptName}:${ext.startLine}` : ''}`.trimEnd());
  const source = info?.source ?? undefined;
  const lineText = lineOf(source, ext) ?? ext.text.split('\n')[0];
  const num = String(ext.startLine);
  const width = Math.max(4, num.length + 1);
  const pad = ' '.repeat(width);
  lines.push('Line |');
  lines.push(`${num.padStart(width)} |  ${lineText}`);
  const startCol = ext.startColumn - 1;
  const len = ext.startLine === ext.endLine ? Math.max(1, ext.endColumn - ext.startColumn) : Math.max(1, lineText.length - startCol);
  lines.push(`${pad} |  ${' '.repeat(startCol)}${'~'.repeat(len)}`);
  for (const m of rec.message.split('\n')) lines.push(`${pad} | ${m}`);
  return lines.join('\n');
}

function lineOf(source: string | undefined, ext: { startLine: number; startOffset: number; text: string }): string | undefined {
  if (!source) return undefined;
  const lines = source.split(/\r?\n/);
  return lines[ext.startLine - 1];
}
