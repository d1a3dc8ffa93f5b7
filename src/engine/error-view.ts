// PowerShell 7's ConciseView of an error: `Name: message`, and for scripts and parse errors the
// `Line |` excerpt with `~` under the offending text.
import type { ErrorRecord } from './errors.js';

export function errorPrefix(rec: ErrorRecord): string {
  const cmd = rec.invocationInfo?.commandName;
  if (cmd) return cmd;
  if (rec.category === 'ParserError') return 'ParserError';
  const t = rec.exceptionType.split('.').pop() ?? 'Exception';
  // `throw 'text'` shows as Exception:, like PowerShell's RuntimeException from a throw statement
  if (t === 'RuntimeException' && rec.category === 'OperationStopped') return 'Exception';
  return t;
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
