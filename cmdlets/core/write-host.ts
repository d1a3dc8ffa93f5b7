// Write-Host: writes text to the host (the information stream), with colours.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { PSHashtable } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { remainingArguments } from './lib/common.js';

interface Params {
  Object?: unknown;
  NoNewline?: boolean;
  Separator?: unknown;
  ForegroundColor?: string;
  BackgroundColor?: string;
}

export const CONSOLE_COLORS = [
  'Black', 'DarkBlue', 'DarkGreen', 'DarkCyan', 'DarkRed', 'DarkMagenta', 'DarkYellow', 'Gray',
  'DarkGray', 'Blue', 'Green', 'Cyan', 'Red', 'Magenta', 'Yellow', 'White',
];

/** A colour name in its canonical spelling (the binder's ValidateSet reports unknown names). */
export function consoleColor(v: unknown): string {
  const s = toStr(v);
  return CONSOLE_COLORS.find((c) => c.toLowerCase() === s.toLowerCase()) ?? s;
}

/** The objects as Write-Host joins them: collections flattened, each element converted to text. */
function textOf(v: unknown, sep: string): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => textOf(x, sep)).join(sep);
  if (v instanceof PSHashtable) return 'System.Collections.Hashtable';
  return toStr(v);
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Host',
  synopsis: 'Writes customized output to a host.',
  description:
    'Write-Host writes text straight to the console (the information stream) instead of the pipeline, so it cannot ' +
    'be piped or captured as output. Several objects are joined with a space (or -Separator); collections are ' +
    'flattened. -ForegroundColor and -BackgroundColor set the colours; -NoNewline leaves the cursor on the line.',
  parameters: [
    remainingArguments({ name: 'Object', type: 'Object', position: 0, valueFromPipeline: true, aliases: ['Msg', 'Message'], description: 'The objects to display.' }),
    { name: 'NoNewline', type: 'SwitchParameter', description: 'Does not end the output with a newline.' },
    { name: 'Separator', type: 'Object', description: 'The text placed between objects; a space by default.', defaultValue: ' ' },
    { name: 'ForegroundColor', type: 'ConsoleColor', validateSet: CONSOLE_COLORS, convert: consoleColor, description: 'The text colour.' },
    { name: 'BackgroundColor', type: 'ConsoleColor', validateSet: CONSOLE_COLORS, convert: consoleColor, description: 'The background colour.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Write a message',
      code: "Write-Host 'Certificate imported.'",
      remarks: 'The text goes to the console, not to the pipeline.',
      output: 'Certificate imported.',
    },
    {
      title: 'Join objects with a separator',
      code: "Write-Host (1, 2, 3) -Separator ', '",
      remarks: 'The elements of the collection are joined with the separator.',
      output: '1, 2, 3',
    },
    {
      title: 'Several writes on one line',
      code: "Write-Host 'Testing... ' -NoNewline; Write-Host 'done' -ForegroundColor Green",
      remarks: '-NoNewline keeps the next output on the same line.',
      output: 'Testing... done',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    const sep = p.Separator === undefined || p.Separator === null ? ' ' : toStr(p.Separator);
    const text = textOf(p.Object, sep);
    const opts: { foregroundColor?: string; backgroundColor?: string; noNewline?: boolean } = {};
    if (p.ForegroundColor) opts.foregroundColor = p.ForegroundColor;
    if (p.BackgroundColor) opts.backgroundColor = p.BackgroundColor;
    if (p.NoNewline) opts.noNewline = true;
    ctx.writeInformation(text, opts);
  },
});

export default cmdlet;
