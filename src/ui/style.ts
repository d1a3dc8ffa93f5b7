// Colours of the interactive shell as SGR codes, in one place so NO_COLOR turns them all off.

export interface Style {
  readonly color: boolean;
  paint(text: string, sgr: string | undefined): string;
}

export function createStyle(color: boolean): Style {
  return {
    color,
    paint: (text, sgr) => (color && sgr && text ? `\x1b[${sgr}m${text}\x1b[0m` : text),
  };
}

/** True unless NO_COLOR is set (to anything non-empty, per no-color.org). */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

export const SGR = {
  error: '91',
  warning: '93',
  verbose: '96',
  debug: '93',
  prompt: undefined as string | undefined,
  continuation: '90',
  hint: '90',
  hintFocus: '36',
  hintGiven: '90;9',
  menuSelected: '7',
  menuItem: undefined as string | undefined,
  menuDescription: '90',
  search: '36',
  searchFailed: '91',
  status: '36',
  progress: '93',
  banner: '90',
  inverse: '7',
};

/** Syntax colours by token kind, after PSReadLine's defaults. */
export const TOKEN_SGR: Record<string, string | undefined> = {
  command: '93', // yellow
  keyword: '92', // green
  parameter: '90', // dark gray
  operator: '90',
  variable: '92',
  string: '36', // dark cyan
  number: '97',
  comment: '32', // dark green
  type: '37',
  member: '97',
  error: '91',
};

/** The SGR code of a highlight kind, whatever spelling the grammar uses ('Command', 'commandName'...). */
export function tokenSgr(kind: string): string | undefined {
  const k = kind.toLowerCase();
  if (k in TOKEN_SGR) return TOKEN_SGR[k];
  if (k.includes('comment')) return TOKEN_SGR.comment;
  if (k.includes('command') || k.includes('cmdlet')) return TOKEN_SGR.command;
  if (k.includes('param')) return TOKEN_SGR.parameter;
  if (k.includes('string') || k.includes('here')) return TOKEN_SGR.string;
  if (k.includes('var')) return TOKEN_SGR.variable;
  if (k.includes('keyword')) return TOKEN_SGR.keyword;
  if (k.includes('number') || k.includes('numeric')) return TOKEN_SGR.number;
  if (k.includes('operator')) return TOKEN_SGR.operator;
  if (k.includes('type')) return TOKEN_SGR.type;
  if (k.includes('member') || k.includes('property')) return TOKEN_SGR.member;
  if (k.includes('error')) return TOKEN_SGR.error;
  return undefined;
}

/** Console colour names (Write-Host -ForegroundColor) to SGR foreground codes. */
export const CONSOLE_COLORS: Record<string, number> = {
  black: 30,
  darkred: 31,
  darkgreen: 32,
  darkyellow: 33,
  darkblue: 34,
  darkmagenta: 35,
  darkcyan: 36,
  gray: 37,
  darkgray: 90,
  red: 91,
  green: 92,
  yellow: 93,
  blue: 94,
  magenta: 95,
  cyan: 96,
  white: 97,
};

export function consoleColorSgr(fg?: string, bg?: string): string | undefined {
  const parts: number[] = [];
  const f = fg ? CONSOLE_COLORS[fg.toLowerCase()] : undefined;
  const b = bg ? CONSOLE_COLORS[bg.toLowerCase()] : undefined;
  if (f) parts.push(f);
  if (b) parts.push(b + 10);
  return parts.length ? parts.join(';') : undefined;
}

const ANSI_RE = /\x1b\[[0-9;:]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}
