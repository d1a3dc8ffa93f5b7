// Get-Date: the current date and time (or a given one), optionally formatted.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { formatDate } from '../../src/format/dotnet-format.js';
import { errorRecord } from './lib/common.js';

interface Params {
  Date?: Date;
  UnixTimeSeconds?: number;
  Year?: number;
  Month?: number;
  Day?: number;
  Hour?: number;
  Minute?: number;
  Second?: number;
  Millisecond?: number;
  DisplayHint?: string;
  Format?: string;
  UFormat?: string;
  AsUTC?: boolean;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.floor((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(start.getFullYear(), 0, 1)) / 86_400_000) + 1;
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

function weekOfYear(d: Date, firstDay: number): number {
  const jan1 = new Date(d.getFullYear(), 0, 1).getDay();
  const offset = (jan1 - firstDay + 7) % 7;
  return Math.floor((dayOfYear(d) - 1 + offset) / 7);
}

/** Get-Date -UFormat: the Unix date(1) specifiers PowerShell supports. */
export function uformat(d: Date, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const f = format[++i];
    const h12 = d.getHours() % 12 || 12;
    const off = -d.getTimezoneOffset();
    switch (f) {
      case 'a': out += DAYS[d.getDay()].slice(0, 3); break;
      case 'A': out += DAYS[d.getDay()]; break;
      case 'b':
      case 'h': out += MONTHS[d.getMonth()].slice(0, 3); break;
      case 'B': out += MONTHS[d.getMonth()]; break;
      case 'c': out += `${DAYS[d.getDay()].slice(0, 3)} ${MONTHS[d.getMonth()].slice(0, 3)} ${pad(d.getDate(), 2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`; break;
      case 'C': out += pad(Math.floor(d.getFullYear() / 100)); break;
      case 'd': out += pad(d.getDate()); break;
      case 'D': out += `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear() % 100)}`; break;
      case 'e': out += pad(d.getDate(), 2, ' '); break;
      case 'F': out += `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; break;
      case 'g': out += pad(isoWeek(d).year % 100); break;
      case 'G': out += String(isoWeek(d).year); break;
      case 'H': out += pad(d.getHours()); break;
      case 'I': out += pad(h12); break;
      case 'j': out += pad(dayOfYear(d), 3); break;
      case 'k': out += pad(d.getHours(), 2, ' '); break;
      case 'l': out += pad(h12, 2, ' '); break;
      case 'm': out += pad(d.getMonth() + 1); break;
      case 'M': out += pad(d.getMinutes()); break;
      case 'n': out += '\n'; break;
      case 'p': out += d.getHours() < 12 ? 'AM' : 'PM'; break;
      case 'r': out += `${pad(h12)}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getHours() < 12 ? 'AM' : 'PM'}`; break;
      case 'R': out += `${pad(d.getHours())}:${pad(d.getMinutes())}`; break;
      case 's': out += String(Math.floor(d.getTime() / 1000)); break;
      case 'S': out += pad(d.getSeconds()); break;
      case 't': out += '\t'; break;
      case 'T':
      case 'X': out += `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; break;
      case 'u': out += String(d.getDay() || 7); break;
      case 'U': out += pad(weekOfYear(d, 0)); break;
      case 'V': out += pad(isoWeek(d).week); break;
      case 'w': out += String(d.getDay()); break;
      case 'W': out += pad(weekOfYear(d, 1)); break;
      case 'x': out += `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear() % 100)}`; break;
      case 'y': out += pad(d.getFullYear() % 100); break;
      case 'Y': out += String(d.getFullYear()); break;
      case 'Z': out += (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60)); break;
      case 'z': out += (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60)) + pad(Math.abs(off) % 60); break;
      case '%': out += '%'; break;
      default: out += f;
    }
  }
  return out;
}

export const cmdlet = defineCmdlet<Params>({
  name: 'Get-Date',
  synopsis: 'Gets the current date and time.',
  description:
    'Get-Date writes the current date and time as a DateTime, or the date given by -Date with the parts set by ' +
    '-Year, -Month, -Day, -Hour, -Minute, -Second and -Millisecond changed. -Format formats it with a .NET format ' +
    'string (yyyy-MM-dd, o, s, u...) and -UFormat with Unix specifiers (%Y-%m-%d, %s...); both write a string.',
  defaultParameterSet: 'DateAndFormat',
  parameters: [
    { name: 'Date', type: 'DateTime', position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, aliases: ['LastWriteTime'], parameterSets: ['DateAndFormat', 'DateAndUFormat'], description: 'The date to use instead of now.' },
    { name: 'UnixTimeSeconds', type: 'Int64', aliases: ['UnixTime'], mandatory: true, parameterSets: ['UnixTimeSecondsAndFormat', 'UnixTimeSecondsAndUFormat'], description: 'The date as seconds since 1970-01-01 UTC.' },
    { name: 'Year', type: 'Int32', validateRange: [1, 9999], description: 'Replaces the year.' },
    { name: 'Month', type: 'Int32', validateRange: [1, 12], description: 'Replaces the month.' },
    { name: 'Day', type: 'Int32', validateRange: [1, 31], description: 'Replaces the day of the month.' },
    { name: 'Hour', type: 'Int32', validateRange: [0, 23], description: 'Replaces the hour.' },
    { name: 'Minute', type: 'Int32', validateRange: [0, 59], description: 'Replaces the minute.' },
    { name: 'Second', type: 'Int32', validateRange: [0, 59], description: 'Replaces the second.' },
    { name: 'Millisecond', type: 'Int32', validateRange: [0, 999], description: 'Replaces the millisecond.' },
    { name: 'DisplayHint', type: 'DisplayHintType', validateSet: ['Date', 'Time', 'DateTime'], description: 'Accepted for compatibility; the whole date and time is shown.' },
    { name: 'Format', type: 'String', parameterSets: ['DateAndFormat', 'UnixTimeSecondsAndFormat'], description: 'A .NET date format string; the result is a string.' },
    { name: 'UFormat', type: 'String', mandatory: true, parameterSets: ['DateAndUFormat', 'UnixTimeSecondsAndUFormat'], description: 'A Unix date format (%Y, %m, %d, %H, %M, %S, %s, ...); the result is a string.' },
    { name: 'AsUTC', type: 'SwitchParameter', description: 'Converts the date to UTC.' },
  ],
  outputTypes: ['System.DateTime', 'System.String'],
  examples: [
    {
      title: 'Format a date',
      code: "Get-Date -Date '2024-03-01 14:05:09' -Format 'yyyy-MM-dd HH:mm'",
      remarks: 'A .NET format string; the result is a string.',
      output: '2024-03-01 14:05',
    },
    {
      title: 'Unix-style formatting',
      code: "Get-Date -Date '2024-03-01' -UFormat '%Y%m%d'",
      remarks: 'The format of protocol log file names (RECV20240301-1.LOG).',
      output: '20240301',
    },
    {
      title: 'Date arithmetic',
      code: "(Get-Date -Date '2024-03-01').AddDays(-1).ToString('yyyy-MM-dd')",
      remarks: 'A DateTime has methods such as AddDays and ToString.',
      output: '2024-02-29',
    },
    {
      title: 'The current date',
      code: 'Get-Date -Format o',
      remarks: 'The round-trip format, with the time-zone offset.',
      check: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}[+-]\d\d:\d\d\n?$/,
    },
  ],
  process(ctx) {
    const p = ctx.params;
    let d: Date;
    if (p.UnixTimeSeconds !== undefined) d = new Date(p.UnixTimeSeconds * 1000);
    else d = p.Date instanceof Date ? new Date(p.Date.getTime()) : new Date();
    if (p.Year !== undefined) d.setFullYear(p.Year);
    if (p.Month !== undefined) d.setMonth(p.Month - 1);
    if (p.Day !== undefined) d.setDate(p.Day);
    if (p.Hour !== undefined) d.setHours(p.Hour);
    if (p.Minute !== undefined) d.setMinutes(p.Minute);
    if (p.Second !== undefined) d.setSeconds(p.Second);
    if (p.Millisecond !== undefined) d.setMilliseconds(p.Millisecond);
    if (p.AsUTC) d = new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
    if (p.UFormat !== undefined) {
      ctx.write(uformat(d, p.UFormat), false);
      return;
    }
    if (p.Format !== undefined) {
      try {
        ctx.write(formatDate(d, p.Format), false);
      } catch (e) {
        ctx.writeError(errorRecord(ctx, (e as Error).message, 'System.FormatException', 'NotSpecified', p.Format, 'System.FormatException'));
      }
      return;
    }
    ctx.write(d, false);
  },
});

export default cmdlet;
