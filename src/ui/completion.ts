// Tab completion as pure functions over a command list, variable names and a file system:
// command names and aliases, parameter names from the declaration, values of ValidateSet
// parameters, values a parameter's `complete` finds in the store, variables and file paths.
import { commonDecls, shouldProcessDecls } from '../engine/binder.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CommandInfo, ParameterDecl } from '../engine/cmdlet.js';
import { hasWildcard, wildcardMatch } from '../engine/wildcard.js';

export type CompletionKind = 'command' | 'parameter' | 'value' | 'variable' | 'file' | 'directory';

export interface CompletionItem {
  /** What replaces the word. */
  text: string;
  /** What the menu shows. */
  display: string;
  kind: CompletionKind;
  description?: string;
}

export interface CompletionResult {
  /** The range of the input the items replace. */
  start: number;
  end: number;
  items: CompletionItem[];
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface CompletionSource {
  commands(): readonly CommandInfo[];
  variables(): readonly string[];
  /** The current location, for relative paths. */
  cwd: string;
  /** EDGESHELL_HOME, passed to parameters' `complete`. */
  home: string;
  /** What `~` means; the user's home directory by default. */
  userHome?: string;
  readDir?(dir: string): DirEntry[] | undefined;
}

// ---------------------------------------------------------------- context

export interface Word {
  text: string;
  start: number;
  end: number;
}

export interface CompletionContext {
  /** The words of the current command before the word being completed. */
  words: Word[];
  /** The word being completed (possibly empty, possibly an unterminated quote). */
  current: Word;
  /** The cursor is in a comment: nothing to complete. */
  inComment?: boolean;
}

const BOUNDARY = new Set(['|', ';', '\n']);
const isVariableWord = (w: Word | undefined) => !!w && /^\$[\w:]+$/.test(w.text);

/**
 * Splits the text before the cursor into the words of the command being typed: a small lexer that
 * knows quotes, comments and nesting, enough to tell which command and argument the cursor is in.
 */
export function analyze(text: string, cursor: number): CompletionContext {
  const src = text.slice(0, cursor);
  const stack: Word[][] = [[]];
  let cur: Word | undefined;
  const top = () => stack[stack.length - 1];
  const endWord = () => {
    if (cur) top().push(cur);
    cur = undefined;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "'" || c === '"') {
      // a quoted string, possibly unterminated: part of the current word
      const q = c;
      let j = i + 1;
      while (j < src.length) {
        if (src[j] === q) {
          if (src[j + 1] === q) {
            j += 2;
            continue;
          }
          break;
        }
        if (q === '"' && src[j] === '`') j++;
        j++;
      }
      const stop = Math.min(j + 1, src.length);
      cur = cur ? { ...cur, text: src.slice(cur.start, stop), end: stop } : { text: src.slice(i, stop), start: i, end: stop };
      i = stop;
      continue;
    }
    if (c === '#' && !cur) {
      const nl = src.indexOf('\n', i);
      if (nl < 0) {
        // the cursor is inside a comment: nothing to complete
        return { words: [], current: { text: '', start: cursor, end: cursor }, inComment: true };
      }
      i = nl;
      continue;
    }
    if (c === '`' && i + 1 < src.length) {
      if (src[i + 1] === '\n') {
        endWord();
        i += 2;
        continue;
      }
      cur = cur ? { ...cur, text: src.slice(cur.start, i + 2), end: i + 2 } : { text: src.slice(i, i + 2), start: i, end: i + 2 };
      i += 2;
      continue;
    }
    if (/\s/.test(c) && c !== '\n') {
      endWord();
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '$(' || two === '@(' || two === '@{') {
      endWord();
      stack.push([]);
      i += 2;
      continue;
    }
    if (c === '(' || c === '{') {
      endWord();
      stack.push([]);
      i++;
      continue;
    }
    if (c === ')' || c === '}') {
      endWord();
      if (stack.length > 1) stack.pop();
      // the group is one argument of the enclosing command
      top().push({ text: c === ')' ? '(...)' : '{...}', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (two === '&&' || two === '||') {
      endWord();
      stack[stack.length - 1] = [];
      i += 2;
      continue;
    }
    if (c === '=') {
      // `$x = ...`, `$x += ...`: an assignment, after which a command starts
      const words = top();
      const opOnly = cur && /^[-+*/%]$/.test(cur.text);
      const assignment =
        (words.length === 0 && (!cur || isVariableWord(cur))) || (words.length === 1 && isVariableWord(words[0]) && (!cur || opOnly));
      if (assignment && src[i + 1] !== '=') {
        cur = undefined;
        stack[stack.length - 1] = [];
        i++;
        continue;
      }
    }
    if (BOUNDARY.has(c)) {
      endWord();
      stack[stack.length - 1] = [];
      i++;
      continue;
    }
    if (c === ',' ) {
      // an array argument: the elements are one argument
      if (cur) {
        cur = { ...cur, text: src.slice(cur.start, i + 1), end: i + 1 };
      } else {
        const prev = top().pop();
        cur = prev ? { ...prev, text: src.slice(prev.start, i + 1), end: i + 1 } : { text: ',', start: i, end: i + 1 };
      }
      i++;
      continue;
    }
    cur = cur ? { ...cur, text: src.slice(cur.start, i + 1), end: i + 1 } : { text: c, start: i, end: i + 1 };
    i++;
  }
  const current = cur ?? { text: '', start: cursor, end: cursor };
  return { words: top(), current };
}

/** Where the word under the cursor ends: the completion replaces the whole word. */
function wordEnd(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !/[\s|;(){}]/.test(text[i])) i++;
  return i;
}

// ---------------------------------------------------------------- parameters

export interface ResolvedCommand {
  info: CommandInfo;
  /** The cmdlet or function name (an alias resolved). */
  name: string;
  /** Own parameters, then the common ones for cmdlets. */
  parameters: ParameterDecl[];
  ownCount: number;
}

/** Statement keywords: a line starting with one is not a command (`foreach (...)` is the loop, `| foreach` the alias). */
const KEYWORDS = new Set([
  'begin', 'break', 'catch', 'class', 'continue', 'data', 'do', 'dynamicparam', 'else', 'elseif', 'end', 'enum', 'exit',
  'filter', 'finally', 'for', 'foreach', 'function', 'if', 'in', 'param', 'process', 'return', 'switch', 'throw', 'trap',
  'try', 'until', 'while',
]);

/** The command the words name, unless they start a keyword statement. */
export function commandOfWords(words: Word[], commands: readonly CommandInfo[]): ResolvedCommand | undefined {
  const first = words[0]?.text.toLowerCase();
  if (first === undefined) return undefined;
  if (KEYWORDS.has(first) && (first !== 'foreach' || words[1]?.text === '(...)')) return undefined;
  return resolveCommand(words[0].text, commands);
}

export function resolveCommand(name: string, commands: readonly CommandInfo[]): ResolvedCommand | undefined {
  const l = name.toLowerCase();
  const info = commands.find((c) => c.name.toLowerCase() === l);
  if (!info) return undefined;
  let target = info;
  if (info.commandType === 'Alias' && !info.decl) {
    const t = commands.find((c) => c.name.toLowerCase() === info.definition.toLowerCase() && c.commandType !== 'Alias');
    if (t) target = t;
  }
  const decl = target.decl ?? info.decl;
  if (decl) {
    const own = decl.parameters;
    return {
      info,
      name: decl.name,
      parameters: [...own, ...commonDecls, ...(decl.supportsShouldProcess ? shouldProcessDecls : [])],
      ownCount: own.length,
    };
  }
  const own = target.parameters ?? [];
  return { info, name: target.name, parameters: [...own], ownCount: own.length };
}

function isSwitch(p: ParameterDecl): boolean {
  return /^(SwitchParameter|Switch)$/i.test(p.type);
}

/** A parameter by name, unique prefix or alias, as the binder finds it. */
export function findParameter(params: readonly ParameterDecl[], name: string): ParameterDecl | undefined {
  const l = name.toLowerCase();
  const exact = params.find((p) => p.name.toLowerCase() === l || (p.aliases ?? []).some((a) => a.toLowerCase() === l));
  if (exact) return exact;
  const prefixed = params.filter((p) => p.name.toLowerCase().startsWith(l));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** The parameter the argument at `index` (0-based, after the command name) would bind to. */
export function parameterForArgument(cmd: ResolvedCommand, words: Word[]): { param?: ParameterDecl; named: Set<string> } {
  const named = new Set<string>();
  let positional = 0;
  const args = words.slice(1);
  for (let i = 0; i < args.length; i++) {
    const w = args[i].text;
    if (/^-[A-Za-z_?]/.test(w)) {
      const colon = w.indexOf(':');
      const p = findParameter(cmd.parameters, w.slice(1, colon < 0 ? undefined : colon));
      if (p) named.add(p.name);
      if (colon < 0 && p && !isSwitch(p)) i++;
      continue;
    }
    positional++;
  }
  const param = cmd.parameters.find((p) => {
    if (named.has(p.name)) return false;
    if (p.position === positional) return true;
    return Object.values(p.setOverrides ?? {}).some((o) => o.position === positional);
  });
  return { param, named };
}

// ---------------------------------------------------------------- quoting

const NEEDS_QUOTES = /[\s'"`$&@(){}|;,<>#]/;

/** Quotes a value the way completion must insert it: single quotes when it has spaces or specials. */
export function quoteIfNeeded(value: string, quote?: string): string {
  if (quote === '"') return `"${value.replace(/(["`$])/g, '`$1')}"`;
  if (quote === "'" || NEEDS_QUOTES.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/** The word without its opening quote (and closing one), and which quote it used. */
function unquote(word: string): { value: string; quote?: string } {
  const q = word[0];
  if (q === "'" || q === '"') {
    let v = word.slice(1);
    if (v.endsWith(q) && v.length > 0) v = v.slice(0, -1);
    return { value: q === "'" ? v.replace(/''/g, "'") : v, quote: q };
  }
  return { value: word };
}

function matcher(prefix: string): (name: string) => boolean {
  if (hasWildcard(prefix)) {
    const pattern = prefix.endsWith('*') ? prefix : prefix + '*';
    return (name) => wildcardMatch(name, pattern);
  }
  const l = prefix.toLowerCase();
  return (name) => name.toLowerCase().startsWith(l);
}

const byName = (a: CompletionItem, b: CompletionItem) => a.display.localeCompare(b.display, 'en', { sensitivity: 'base' });

// ---------------------------------------------------------------- the kinds

export function completeCommands(prefix: string, commands: readonly CommandInfo[]): CompletionItem[] {
  const match = matcher(prefix);
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const c of commands) {
    const key = c.name.toLowerCase();
    if (seen.has(key) || !match(c.name)) continue;
    seen.add(key);
    out.push({
      text: c.name,
      display: c.name,
      kind: 'command',
      description: c.commandType === 'Alias' ? `${c.name} -> ${c.definition}` : c.decl?.synopsis,
    });
  }
  return out.sort(byName);
}

export function completeParameters(prefix: string, cmd: ResolvedCommand, named: Set<string> = new Set()): CompletionItem[] {
  const match = matcher(prefix);
  const items = cmd.parameters
    .filter((p) => match(p.name))
    .map((p): CompletionItem => ({ text: `-${p.name}`, display: p.name, kind: 'parameter', description: `[${p.type}] ${p.description}`.trim() }));
  // parameters not yet given come first, own ones before common ones (declaration order, as pwsh)
  const fresh = items.filter((i) => !named.has(i.display));
  const used = items.filter((i) => named.has(i.display));
  return [...fresh, ...used];
}

export async function completeValues(
  param: ParameterDecl,
  word: string,
  source: CompletionSource,
): Promise<CompletionItem[] | undefined> {
  const { value, quote } = unquote(word);
  const match = matcher(value);
  let values: string[] | undefined;
  if (param.validateSet) values = param.validateSet.filter(match);
  else if (param.complete) {
    try {
      values = (await param.complete({ home: source.home, cwd: source.cwd }, value)).filter(match);
    } catch {
      values = [];
    }
  } else if (/^(Boolean|bool)$/i.test(param.type) || isSwitch(param)) values = ['$true', '$false'].filter(match);
  if (!values) return undefined;
  return values.map((v) => ({ text: v.startsWith('$') ? v : quoteIfNeeded(v, quote), display: v, kind: 'value' as const }));
}

export function completeVariables(word: string, names: readonly string[]): CompletionItem[] {
  const prefix = word.replace(/^\$/, '');
  const scope = /^(global|script|local|private|env):/i.exec(prefix)?.[0] ?? '';
  const match = matcher(prefix.slice(scope.length));
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const n of names) {
    if (seen.has(n.toLowerCase()) || !match(n)) continue;
    seen.add(n.toLowerCase());
    out.push({ text: `$${scope}${n}`, display: n, kind: 'variable' });
  }
  return out.sort(byName);
}

function defaultReadDir(dir: string): DirEntry[] | undefined {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).map((d) => {
      let isDirectory = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          isDirectory = fs.statSync(path.join(dir, d.name)).isDirectory();
        } catch {
          /* a dangling link is a file */
        }
      }
      return { name: d.name, isDirectory };
    });
  } catch {
    return undefined;
  }
}

export function completePaths(word: string, source: CompletionSource, opts: { directoriesOnly?: boolean } = {}): CompletionItem[] {
  const { value, quote } = unquote(word);
  const sepIndex = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
  const dirPart = sepIndex >= 0 ? value.slice(0, sepIndex + 1) : '';
  const namePrefix = value.slice(sepIndex + 1);
  const sep = sepIndex >= 0 ? value[sepIndex] : path.sep;
  let dir = dirPart.replace(/\\/g, '/');
  const userHome = source.userHome ?? os.homedir();
  if (dir === '~/' || dir.startsWith('~/')) dir = path.join(userHome, dir.slice(1));
  else if (value === '~') return [{ text: quoteIfNeeded(`~${sep}`, quote), display: '~', kind: 'directory' }];
  const abs = path.resolve(source.cwd, dir || '.');
  const entries = (source.readDir ?? defaultReadDir)(abs);
  if (!entries) return [];
  const match = matcher(namePrefix);
  const showHidden = namePrefix.startsWith('.');
  return entries
    .filter((e) => (showHidden || !e.name.startsWith('.')) && match(e.name) && (!opts.directoriesOnly || e.isDirectory))
    .map((e): CompletionItem => {
      const full = dirPart + e.name + (e.isDirectory ? sep : '');
      return { text: quoteIfNeeded(full, quote), display: e.name + (e.isDirectory ? sep : ''), kind: e.isDirectory ? 'directory' : 'file' };
    })
    .sort(byName);
}

function looksLikePath(word: string): boolean {
  return /[\\/]/.test(word) || /^[.~]/.test(word);
}

// ---------------------------------------------------------------- entry point

/** What Tab offers at the cursor. */
export async function complete(text: string, cursor: number, source: CompletionSource): Promise<CompletionResult> {
  const ctx = analyze(text, cursor);
  const { current, words } = ctx;
  const start = current.start;
  const end = wordEnd(text, cursor);
  const result = (items: CompletionItem[]): CompletionResult => ({ start, end, items });
  const word = current.text;
  if (ctx.inComment) return result([]);

  // $variables anywhere
  if (/^\$[\w:]*$/.test(word)) return result(completeVariables(word, source.variables()));

  // the command name
  if (words.length === 0) {
    if (word === '') return result(completePaths('', source));
    if (looksLikePath(word)) return result(completePaths(word, source));
    const cmds = completeCommands(word, source.commands());
    return result(cmds.length ? cmds : completePaths(word, source));
  }

  const cmd = commandOfWords(words, source.commands());
  if (!cmd) return result(word.startsWith('-') ? [] : completePaths(word, source));

  // -Param:value
  const colon = /^-([A-Za-z_][\w-]*):(.*)$/s.exec(word);
  if (colon) {
    const p = findParameter(cmd.parameters, colon[1]);
    if (!p) return result([]);
    const values = (await completeValues(p, colon[2], source)) ?? completePaths(colon[2], source);
    const prefix = `-${colon[1]}:`;
    return result(values.map((v) => ({ ...v, text: prefix + v.text })));
  }

  // -Param
  if (/^-[A-Za-z_]?[\w-]*$/.test(word)) {
    const { named } = parameterForArgument(cmd, words);
    return result(completeParameters(word.slice(1), cmd, named));
  }

  // the value after -Param
  const prev = words[words.length - 1].text;
  if (/^-[A-Za-z_][\w-]*$/.test(prev)) {
    const p = findParameter(cmd.parameters, prev.slice(1));
    if (p && !isSwitch(p)) {
      const values = await completeValues(p, word, source);
      return result(values ?? completePaths(word, source));
    }
  }

  // a positional argument
  const { param } = parameterForArgument(cmd, words);
  if (param) {
    const values = await completeValues(param, word, source);
    if (values) return result(values);
  }
  return result(completePaths(word, source));
}

// ---------------------------------------------------------------- the inline hint

export interface CommandHint {
  command: string;
  /** The parameters, each `-Name <Type>` (switches bare), those not yet given first. */
  parameters: { text: string; name: string; given: boolean; mandatory: boolean }[];
  /** A description of the parameter being typed or whose value is being typed. */
  detail?: string;
}

function typeLabel(p: ParameterDecl): string {
  return isSwitch(p) ? '' : ` <${p.type}>`;
}

/** The current cmdlet's parameters, for the hint under the line; undefined outside a command. */
export function commandHint(text: string, cursor: number, commands: readonly CommandInfo[]): CommandHint | undefined {
  const { words, current } = analyze(text, cursor);
  const cmd = commandOfWords(words, commands);
  if (!cmd) return undefined;
  const { named, param } = parameterForArgument(cmd, words);
  const own = cmd.parameters.slice(0, cmd.ownCount);
  let detail: string | undefined;
  let focus: ParameterDecl | undefined;
  if (/^-[\w-]*$/.test(current.text) && current.text.length > 1) {
    const matches = cmd.parameters.filter((p) => p.name.toLowerCase().startsWith(current.text.slice(1).toLowerCase()));
    if (matches.length === 1) focus = matches[0];
  } else {
    const prev = words[words.length - 1]?.text ?? '';
    if (words.length > 1 && /^-[A-Za-z_][\w-]*$/.test(prev)) {
      const p = findParameter(cmd.parameters, prev.slice(1));
      if (p && !isSwitch(p)) focus = p;
    }
    focus ??= current.text || cursor > 0 ? param : undefined;
  }
  if (focus) {
    const values = focus.validateSet ? ` Values: ${focus.validateSet.join(', ')}.` : '';
    detail = `-${focus.name}${typeLabel(focus)}: ${focus.description}${values}`;
  }
  const params = own.map((p) => ({
    text: `${p.position !== undefined ? '[' : ''}-${p.name}${p.position !== undefined ? ']' : ''}${typeLabel(p)}`,
    name: p.name,
    given: named.has(p.name),
    mandatory: !!p.mandatory,
  }));
  params.sort((a, b) => Number(a.given) - Number(b.given));
  return { command: cmd.name, parameters: params, detail };
}
