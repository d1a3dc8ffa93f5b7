// Tokens and lexer modes. PowerShell lexes context-dependently, so the lexer keeps one mode per
// nesting level (script block, parenthesis, hashtable, index, type literal), and within a level
// tracks where the statement is:
//   start  - beginning of a statement: a keyword, a command name, or the start of an expression
//   pipe   - after `|`: a command name or expression, keywords are plain words, newlines skipped
//   cmd    - command arguments: barewords, -Parameters, numbers only when the whole word is one
//   expr   - expression: operators, member access, numbers
// Contexts: S (statement list) and H (hashtable entries, where `;`/newline return to the key).
// E is an index / method-argument / attribute-argument list, T a type name inside `[...]`.
// Transitions happen on the tokens (pop + push = replace the top), and a zero-length skipped
// token (EnterExpr) switches `start` to `expr` without consuming text.

import { createToken, Lexer, type IToken, type ITokenConfig, type TokenType, type CustomPatternMatcherFunc, type IMultiModeLexerDefinition } from 'chevrotain';
import {
  Ch,
  isBlank,
  isDash,
  isDigit,
  isDoubleQuote,
  isLetter,
  isNameChar,
  isNewline,
  isNumberWord,
  isSingleQuote,
  isWordTerminator,
  matchNumberPrefix,
  scanDoubleQuoted,
  scanGenericWord,
  scanHereString,
  scanSingleQuoted,
  scanVariable,
} from './scan.js';

// ---------------------------------------------------------------- helpers

/**
 * A token type as chevrotain's createToken makes it, less the index and category maps createToken
 * computes for each token on its own (about 10 ms of every start-up for two hundred tokens): the
 * Lexer and the parser complete the whole vocabulary at once when they are built. Categories
 * (below) still come from createToken: the parser chooses its category-aware token matcher only if
 * some token type already has category matches when it is built.
 */
function tokenType(c: ITokenConfig): TokenType {
  const t: TokenType = { name: c.name };
  if (c.pattern !== undefined) t.PATTERN = c.pattern;
  if (c.categories !== undefined) t.CATEGORIES = Array.isArray(c.categories) ? c.categories : [c.categories];
  if (c.label !== undefined) t.LABEL = c.label;
  if (c.group !== undefined) t.GROUP = c.group;
  if (c.longer_alt !== undefined) t.LONGER_ALT = c.longer_alt;
  if (c.pop_mode !== undefined) t.POP_MODE = c.pop_mode;
  if (c.push_mode !== undefined) t.PUSH_MODE = c.push_mode;
  if (c.line_breaks !== undefined) t.LINE_BREAKS = c.line_breaks;
  if (c.start_chars_hint !== undefined) t.START_CHARS_HINT = c.start_chars_hint;
  return t;
}

type Matcher = (text: string, offset: number, tokens: IToken[]) => number;

/**
 * Wraps a matcher returning the end offset (or -1) as a chevrotain custom pattern. The lexer reads
 * the match's text at once, so one result array is reused rather than allocated per token.
 */
const sharedMatch = [''] as unknown as RegExpExecArray;
function custom(m: Matcher): { exec: CustomPatternMatcherFunc } {
  return {
    exec: (text, offset, tokens) => {
      const end = m(text, offset, tokens);
      if (end < 0) return null;
      sharedMatch[0] = end === offset ? '' : text.slice(offset, end);
      return sharedMatch;
    },
  };
}

/** A custom pattern whose token may be unterminated (payload 'unterminated' / 'header'). */
function customWithPayload(m: (text: string, offset: number) => { end: number; payload?: string } | null): { exec: CustomPatternMatcherFunc } {
  return {
    exec: (text, offset) => {
      const r = m(text, offset);
      if (!r) return null;
      const arr = [text.slice(offset, r.end)] as unknown as RegExpExecArray & { payload?: string };
      if (r.payload) arr.payload = r.payload;
      return arr;
    },
  };
}

/** First-char hints covering every character (ASCII individually, the rest by chevrotain's buckets). */
const ALL_CHARS: number[] = (() => {
  const out: number[] = [];
  for (let i = 0; i < 256; i++) out.push(i);
  for (let i = 256; i < 65536; i += 255) out.push(i);
  out.push(65535);
  return out;
})();
const DASHES = ['-', '\u2013', '\u2014', '\u2015'];
const SQUOTES = ["'", '\u2018', '\u2019', '\u201a', '\u201b'];
const DQUOTES = ['"', '\u201c', '\u201d', '\u201e'];
const DIGITS = '0123456789'.split('');
const LETTERS_ = (() => {
  const out: (string | number)[] = ['_'];
  for (let c = 65; c <= 90; c++) out.push(c, c + 32);
  for (let i = 192; i < 256; i++) out.push(i);
  for (let i = 256; i < 65536; i += 255) out.push(i);
  return out;
})();

const prevAdjacent = (tokens: IToken[], offset: number): IToken | undefined => {
  const prev = tokens[tokens.length - 1];
  return prev !== undefined && prev.startOffset + prev.image.length === offset ? prev : undefined;
};

// ---------------------------------------------------------------- categories (no pattern, made by createToken: see tokenType)

const cat = (name: string, categories?: TokenType[]) => createToken(categories ? { name, pattern: Lexer.NA, categories } : { name, pattern: Lexer.NA });

export const Sep = cat('Sep');
export const Newline = cat('Newline', [Sep]);
export const Semi = cat('Semi', [Sep]);
export const Pipe = cat('Pipe');
export const CommandName = cat('CommandName');
export const CallOp = cat('CallOp');
export const DotSource = cat('DotSource');
export const AssignOp = cat('AssignOp');
export const Redirect = cat('Redirect');
export const RedirectMerge = cat('RedirectMerge', [Redirect]);
export const RedirectFile = cat('RedirectFile', [Redirect]);
export const StringTok = cat('StringTok');
export const Variable = cat('Variable');
export const NumberTok = cat('NumberTok');
export const Parameter = cat('Parameter');
export const BinaryOp = cat('BinaryOp');
export const PrefixOp = cat('PrefixOp');
export const Keyword = cat('Keyword');
export const MemberAccess = cat('MemberAccess');
export const Identifier = cat('Identifier');

// ---------------------------------------------------------------- trivia

export const Whitespace = tokenType({
  name: 'Whitespace',
  pattern: /[ \t\f\v\u00a0\u0085\ufeff\u2000-\u200a\u202f\u205f\u3000]+/,
  group: Lexer.SKIPPED,
});

/** Backtick at the end of a line (or of the input) continues the line. */
export const LineContinuation = tokenType({
  name: 'LineContinuation',
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.Backtick) return -1;
    const c = text.charCodeAt(offset + 1);
    if (offset + 1 >= text.length) return offset + 1;
    if (c === Ch.CR) return text.charCodeAt(offset + 2) === Ch.LF ? offset + 3 : offset + 2;
    if (c === Ch.LF) return offset + 2;
    return -1;
  }),
  start_chars_hint: ['`'],
  line_breaks: true,
  group: Lexer.SKIPPED,
});

export const Comment = tokenType({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

export const BlockComment = tokenType({
  name: 'BlockComment',
  pattern: customWithPayload((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.Lt || text.charCodeAt(offset + 1) !== Ch.Hash) return null;
    const e = text.indexOf('#>', offset + 2);
    return e < 0 ? { end: text.length, payload: 'unterminated' } : { end: e + 2 };
  }),
  start_chars_hint: ['<'],
  line_breaks: true,
  group: 'comments',
});

/** A newline where it only separates words (after `|`, inside index/argument lists). */
export const SkipNewline = tokenType({ name: 'SkipNewline', pattern: /\r\n|\r|\n/, line_breaks: true, group: Lexer.SKIPPED });

// ---------------------------------------------------------------- brackets

export const LParen = tokenType({ name: 'LParen', pattern: '(', push_mode: 'S.start' });
export const RParen = tokenType({ name: 'RParen', pattern: ')', pop_mode: true });
export const LBrace = tokenType({ name: 'LBrace', pattern: '{', push_mode: 'S.start' });
export const RBrace = tokenType({ name: 'RBrace', pattern: '}', pop_mode: true });
export const DollarParen = tokenType({ name: 'DollarParen', pattern: '$(', push_mode: 'S.start' });
export const AtParen = tokenType({ name: 'AtParen', pattern: '@(', push_mode: 'S.start' });
export const AtBrace = tokenType({ name: 'AtBrace', pattern: '@{', push_mode: 'H.key' });
export const RBracketIndex = tokenType({ name: 'RBracketIndex', pattern: ']', pop_mode: true });
export const RBracketType = tokenType({ name: 'RBracketType', pattern: ']', pop_mode: true });

// Tokens after which `[`, `.`, `::` and `(` continue a primary expression when written adjacent.
const primaryEnderNames = new Set<string>();
const isPrimaryEnder = (t: IToken | undefined): boolean => t !== undefined && primaryEnderNames.has(t.tokenType.name);

/** `[` right after a primary expression: an index. */
export const LBracketIndex = tokenType({
  name: 'LBracketIndex',
  pattern: custom((text, offset, tokens) => (text.charCodeAt(offset) === Ch.LBracket && isPrimaryEnder(prevAdjacent(tokens, offset)) ? offset + 1 : -1)),
  start_chars_hint: ['['],
  push_mode: 'E',
});
export const NullIndex = tokenType({ name: 'NullIndex', pattern: '?[', push_mode: 'E' });
/** `[` starting a type literal, cast or attribute. */
export const LBracketType = tokenType({ name: 'LBracketType', pattern: '[', push_mode: 'T' });

const typeLiteralRe = /\[[ \t]*[\p{L}_][\p{L}\p{N}_.`+]*(?:\[[\p{L}\p{N}_.`+, \t[\]]*\])?[ \t]*\]/uy;
/** In command mode `[` starts a type literal only when it reads as one (`[int]::MaxValue`, `[int]$x`); else it is part of a word. */
export const LBracketTypeCmd = tokenType({
  name: 'LBracketTypeCmd',
  categories: [LBracketType],
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.LBracket) return -1;
    typeLiteralRe.lastIndex = offset;
    const m = typeLiteralRe.exec(text);
    if (!m) return -1;
    const after = offset + m[0].length;
    if (after >= text.length) return offset + 1;
    const c = text.charCodeAt(after);
    if (isWordTerminator(c) || c === Ch.Dollar || c === Ch.At || c === Ch.LBracket || isSingleQuote(c) || isDoubleQuote(c)) return offset + 1;
    if (c === Ch.Colon && text.charCodeAt(after + 1) === Ch.Colon) return offset + 1;
    return -1;
  }),
  start_chars_hint: ['['],
  push_mode: 'T',
});

/** `(` right after a member name: method call arguments. */
export const LParenCall = tokenType({
  name: 'LParenCall',
  pattern: custom((text, offset, tokens) => {
    if (text.charCodeAt(offset) !== Ch.LParen) return -1;
    const prev = prevAdjacent(tokens, offset);
    return prev !== undefined && (prev.tokenType === IdentifierTok || prev.tokenType === MemberNameCmd) ? offset + 1 : -1;
  }),
  start_chars_hint: ['('],
  push_mode: 'E',
});
/** `(` after an attribute name inside `[...]`. */
export const LParenAttr = tokenType({ name: 'LParenAttr', pattern: '(', push_mode: 'E', categories: [LParenCall] });

// ---------------------------------------------------------------- strings, variables, numbers

export const StringSingle = tokenType({
  name: 'StringSingle',
  categories: [StringTok],
  pattern: customWithPayload((text, offset) => {
    if (!isSingleQuote(text.charCodeAt(offset))) return null;
    const e = scanSingleQuoted(text, offset);
    return e < 0 ? { end: text.length, payload: 'unterminated' } : { end: e };
  }),
  start_chars_hint: SQUOTES,
  line_breaks: true,
});

export const StringDouble = tokenType({
  name: 'StringDouble',
  categories: [StringTok],
  pattern: customWithPayload((text, offset) => {
    if (!isDoubleQuote(text.charCodeAt(offset))) return null;
    const e = scanDoubleQuoted(text, offset);
    return e < 0 ? { end: text.length, payload: 'unterminated' } : { end: e };
  }),
  start_chars_hint: DQUOTES,
  line_breaks: true,
});

const hereString = (quote: (c: number) => boolean) =>
  customWithPayload((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.At || !quote(text.charCodeAt(offset + 1))) return null;
    const e = scanHereString(text, offset);
    if (e === -2) return { end: offset + 2, payload: 'header' };
    return e < 0 ? { end: text.length, payload: 'unterminated' } : { end: e };
  });
export const HereSingle = tokenType({ name: 'HereSingle', categories: [StringTok], pattern: hereString(isSingleQuote), start_chars_hint: ['@'], line_breaks: true });
export const HereDouble = tokenType({ name: 'HereDouble', categories: [StringTok], pattern: hereString(isDoubleQuote), start_chars_hint: ['@'], line_breaks: true });

/** `$name` in expression mode. */
export const VariableExpr = tokenType({
  name: 'VariableExpr',
  categories: [Variable],
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.Dollar) return -1;
    const e = scanVariable(text, offset);
    return e === offset ? -1 : e;
  }),
  start_chars_hint: ['$'],
  line_breaks: true,
});

/** `$name` as a command argument: only when the word ends there (else `$env:TEMP\x` is an expandable bareword). */
export const VariableCmd = tokenType({
  name: 'VariableCmd',
  categories: [Variable],
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.Dollar) return -1;
    const e = scanVariable(text, offset);
    if (e === offset) return -1;
    if (e >= text.length) return e;
    const c = text.charCodeAt(e);
    if (isWordTerminator(c) || c === Ch.LBracket) return e;
    if (c === Ch.Dot) {
      const d = text.charCodeAt(e + 1);
      return isNameChar(d) || d === Ch.Dollar || isSingleQuote(d) || isDoubleQuote(d) ? e : -1;
    }
    if (c === Ch.Colon && text.charCodeAt(e + 1) === Ch.Colon) return e;
    return -1;
  }),
  start_chars_hint: ['$'],
  line_breaks: true,
});

/** `@params` (splatting), command arguments only. */
export const SplatVariable = tokenType({
  name: 'SplatVariable',
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.At || !isNameChar(text.charCodeAt(offset + 1))) return -1;
    let i = offset + 1;
    while (i < text.length && (isNameChar(text.charCodeAt(i)) || text.charCodeAt(i) === Ch.Question)) i++;
    return i >= text.length || isWordTerminator(text.charCodeAt(i)) ? i : -1;
  }),
  start_chars_hint: ['@'],
});

/** A number in expression mode: `1`, `1.5`, `.5`, `0x1F`, `10MB`, `1e3`, `1d`, `1l`. */
export const NumberExpr = tokenType({
  name: 'NumberExpr',
  categories: [NumberTok],
  pattern: custom((text, offset) => {
    const len = matchNumberPrefix(text, offset);
    return len === 0 ? -1 : offset + len;
  }),
  start_chars_hint: [...DIGITS, '.'],
});

/** A number as a command argument: the whole word must be one (`10MB`, `-1`, `1.5`; not `1.2.3`). */
export const NumberCmd = tokenType({
  name: 'NumberCmd',
  categories: [NumberTok],
  pattern: custom((text, offset) => {
    const c = text.charCodeAt(offset);
    if (!isDigit(c) && c !== Ch.Dot && !isDash(c)) return -1;
    const e = scanGenericWord(text, offset);
    return e > offset && isNumberWord(text.slice(offset, e)) ? e : -1;
  }),
  start_chars_hint: [...DIGITS, '.', ...DASHES],
});

// ---------------------------------------------------------------- words

/** A generic word in argument position: `c:\certs\a.pfx`, `mail.contoso.com`, `*.log`, `foo$x`. */
export const BareWord = tokenType({
  name: 'BareWord',
  pattern: custom((text, offset) => {
    const e = scanGenericWord(text, offset);
    return e > offset ? e : -1;
  }),
  start_chars_hint: ALL_CHARS,
  line_breaks: true,
});

function scanParameter(text: string, offset: number): number {
  if (!isDash(text.charCodeAt(offset))) return -1;
  const c = text.charCodeAt(offset + 1);
  if (!(isLetter(c) || c === Ch.Underscore || c === Ch.Question)) return -1;
  let i = offset + 2;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (isWordTerminator(d) || d === Ch.Colon || isSingleQuote(d) || isDoubleQuote(d) || d === Ch.Dot || d === Ch.LBracket) break;
    i++;
  }
  return i;
}
/** `-Name:` (the argument follows) */
export const ParameterColon = tokenType({
  name: 'ParameterColon',
  categories: [Parameter],
  pattern: custom((text, offset) => {
    const e = scanParameter(text, offset);
    return e > 0 && text.charCodeAt(e) === Ch.Colon ? e + 1 : -1;
  }),
  start_chars_hint: DASHES,
});
export const ParameterPlain = tokenType({
  name: 'ParameterPlain',
  categories: [Parameter],
  pattern: custom((text, offset) => scanParameter(text, offset)),
  start_chars_hint: DASHES,
});

/** Identifier in expression mode: member names, attribute argument names, `default`. */
export const IdentifierTok = tokenType({
  name: 'IdentifierTok',
  categories: [Identifier],
  pattern: custom((text, offset) => {
    const c = text.charCodeAt(offset);
    if (!(isLetter(c) || c === Ch.Underscore)) return -1;
    let i = offset + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    return i;
  }),
  start_chars_hint: LETTERS_,
});

/** Member access in command mode: only when adjacent to a primary expression (`$x.Name`, `(Get-Date).AddDays(1)`). */
const memberAccessCmd = (two: boolean) =>
  custom((text, offset, tokens) => {
    if (two ? text.charCodeAt(offset) !== Ch.Colon || text.charCodeAt(offset + 1) !== Ch.Colon : text.charCodeAt(offset) !== Ch.Dot) return -1;
    const prev = prevAdjacent(tokens, offset);
    if (prev === undefined || !(isPrimaryEnder(prev) || prev.tokenType === RBracketType)) return -1;
    const e = offset + (two ? 2 : 1);
    const d = text.charCodeAt(e);
    return isNameChar(d) || d === Ch.Dollar || isSingleQuote(d) || isDoubleQuote(d) ? e : -1;
  });
export const Dot = tokenType({ name: 'Dot', pattern: /\.(?!\.)/, categories: [MemberAccess] });
export const ColonColon = tokenType({ name: 'ColonColon', pattern: '::', categories: [MemberAccess] });
export const NullDot = tokenType({ name: 'NullDot', pattern: '?.', categories: [MemberAccess] });
export const DotCmd = tokenType({ name: 'DotCmd', pattern: memberAccessCmd(false), start_chars_hint: ['.'], categories: [Dot] });
export const ColonColonCmd = tokenType({ name: 'ColonColonCmd', pattern: memberAccessCmd(true), start_chars_hint: [':'], categories: [ColonColon] });
export const MemberNameCmd = tokenType({
  name: 'MemberNameCmd',
  categories: [Identifier],
  pattern: custom((text, offset, tokens) => {
    const prev = prevAdjacent(tokens, offset);
    if (prev === undefined || (prev.tokenType !== DotCmd && prev.tokenType !== ColonColonCmd)) return -1;
    let i = offset;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    return i > offset ? i : -1;
  }),
  start_chars_hint: LETTERS_.concat(DIGITS),
});

/** Hashtable key written as a bare word. */
export const HashKey = tokenType({
  name: 'HashKey',
  pattern: custom((text, offset) => {
    const c = text.charCodeAt(offset);
    if (!(isLetter(c) || c === Ch.Underscore)) return -1;
    let i = offset + 1;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (isNameChar(d) || isDash(d) || d === Ch.Dot) i++;
      else break;
    }
    return i;
  }),
  start_chars_hint: LETTERS_,
});
export const HashEq = tokenType({ name: 'HashEq', pattern: '=', pop_mode: true, push_mode: 'H.start' });

export const TypeName = tokenType({
  name: 'TypeName',
  pattern: custom((text, offset) => {
    const c = text.charCodeAt(offset);
    if (!(isLetter(c) || c === Ch.Underscore)) return -1;
    let i = offset + 1;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (isNameChar(d) || d === Ch.Dot || d === Ch.Backtick || d === Ch.Plus) i++;
      else break;
    }
    return i;
  }),
  start_chars_hint: LETTERS_,
});

export const Label = tokenType({
  name: 'Label',
  pattern: custom((text, offset) => {
    if (text.charCodeAt(offset) !== Ch.Colon) return -1;
    let i = offset + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    return i > offset + 1 ? i : -1;
  }),
  start_chars_hint: [':'],
});

export const Comma = tokenType({ name: 'Comma', pattern: ',', categories: [PrefixOp, BinaryOp] });
export const Unknown = tokenType({
  name: 'Unknown',
  pattern: custom((text, offset) => {
    const c = text.charCodeAt(offset);
    return c >= 0xd800 && c <= 0xdbff && offset + 1 < text.length ? offset + 2 : offset + 1;
  }),
  start_chars_hint: ALL_CHARS,
  line_breaks: true,
});

// ---------------------------------------------------------------- operators

export const OpClass = {
  logical: ['and', 'or', 'xor'],
  comparison: [
    ...['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'replace'].flatMap((o) => [o, 'c' + o, 'i' + o]),
    'is',
    'isnot',
    'as',
  ],
  splitJoin: ['split', 'csplit', 'isplit', 'join'],
  bitwise: ['band', 'bor', 'bxor', 'shl', 'shr'],
  format: ['f'],
  not: ['not', 'bnot'],
} as const;

function dashOperator(name: string, words: readonly string[], categories: TokenType[]): TokenType {
  const set = new Set(words);
  return tokenType({
    name,
    categories,
    pattern: custom((text, offset) => {
      if (!isDash(text.charCodeAt(offset))) return -1;
      let i = offset + 1;
      while (i < text.length && isLetter(text.charCodeAt(i)) && text.charCodeAt(i) < 128) i++;
      if (i === offset + 1 || (i < text.length && (isNameChar(text.charCodeAt(i)) || isDash(text.charCodeAt(i))))) return -1;
      return set.has(text.slice(offset + 1, i).toLowerCase()) ? i : -1;
    }),
    start_chars_hint: DASHES,
  });
}
export const OpLogical = dashOperator('OpLogical', OpClass.logical, [BinaryOp]);
export const OpComparison = dashOperator('OpComparison', OpClass.comparison, [BinaryOp]);
export const OpSplitJoin = dashOperator('OpSplitJoin', OpClass.splitJoin, [BinaryOp, PrefixOp]);
export const OpBitwise = dashOperator('OpBitwise', OpClass.bitwise, [BinaryOp]);
export const OpFormat = dashOperator('OpFormat', OpClass.format, [BinaryOp]);
export const OpNot = dashOperator('OpNot', OpClass.not, [PrefixOp]);

const dashed = (rest: string) => new RegExp(`[-\\u2013\\u2014\\u2015]${rest}`);
export const PlusPlus = tokenType({ name: 'PlusPlus', pattern: '++', categories: [PrefixOp] });
export const MinusMinus = tokenType({ name: 'MinusMinus', pattern: dashed('[-\\u2013\\u2014\\u2015]'), categories: [PrefixOp] });
export const Plus = tokenType({ name: 'Plus', pattern: '+', categories: [BinaryOp, PrefixOp] });
export const Minus = tokenType({ name: 'Minus', pattern: /[-\u2013\u2014\u2015]/, categories: [BinaryOp, PrefixOp] });
export const Star = tokenType({ name: 'Star', pattern: '*', categories: [BinaryOp] });
export const Slash = tokenType({ name: 'Slash', pattern: '/', categories: [BinaryOp] });
export const Percent = tokenType({ name: 'Percent', pattern: '%', categories: [BinaryOp] });
export const DotDot = tokenType({ name: 'DotDot', pattern: '..', categories: [BinaryOp] });
export const Bang = tokenType({ name: 'Bang', pattern: '!', categories: [PrefixOp] });

// ---------------------------------------------------------------- redirections

const REDIRECT_CHARS = ['1', '2', '3', '4', '5', '6', '*', '>'];
const isStreamChar = (c: number) => (c >= 49 && c <= 54) || c === Ch.Star;
/** `2>&1`, `*>&1`: merge a stream into another. */
const redirectMergePattern = custom((text, offset) =>
  isStreamChar(text.charCodeAt(offset)) && text.charCodeAt(offset + 1) === Ch.Gt && text.charCodeAt(offset + 2) === Ch.Amp && text.charCodeAt(offset + 3) >= 49 && text.charCodeAt(offset + 3) <= 54
    ? offset + 4
    : -1,
);
/** `>`, `>>`, `2>`, `2>>`, `*>`: write a stream to a file. */
const redirectFilePattern = custom((text, offset) => {
  let i = offset;
  if (isStreamChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== Ch.Gt) return -1;
  return text.charCodeAt(i + 1) === Ch.Gt ? i + 2 : i + 1;
});

// ---------------------------------------------------------------- keywords

const KEYWORDS = [
  'if', 'elseif', 'else', 'switch', 'foreach', 'for', 'while', 'do', 'until', 'function', 'filter', 'try', 'catch', 'finally',
  'trap', 'throw', 'return', 'break', 'continue', 'exit', 'param', 'begin', 'process', 'end', 'dynamicparam', 'in',
] as const;
export type KeywordName = (typeof KEYWORDS)[number];
/** Keyword categories the parser consumes: Kw.if, Kw.else, ... */
export const Kw = Object.fromEntries(KEYWORDS.map((k) => [k, cat(`Kw_${k}`, [Keyword])])) as Record<KeywordName, TokenType>;

const NAMED_BLOCKS = new Set(['begin', 'process', 'end', 'dynamicparam']);
/** Keywords that are statements' first word. */
const START_KEYWORDS: KeywordName[] = KEYWORDS.filter((k) => k !== 'in');
/**
 * Keywords that follow a closing `}` or `]` on the same line: `} else {`, `} catch {`, `} while (...)`,
 * `} process {`, `[CmdletBinding()] param(...)`.
 */
const FOLLOW_KEYWORDS: KeywordName[] = ['elseif', 'else', 'catch', 'finally', 'while', 'until', 'begin', 'process', 'end', 'dynamicparam', 'param'];

function keywordPattern(word: string, inCommandWord: boolean) {
  const len = word.length;
  const needsBrace = NAMED_BLOCKS.has(word);
  // after an expression, `param` is the keyword only when its list follows (`[CmdletBinding()] param(`)
  const needsParen = word === 'param' && !inCommandWord;
  return custom((text, offset) => {
    if (text.substr(offset, len).toLowerCase() !== word) return -1;
    // right after `.` or `::` a keyword is a member name: `$x.in`, `$x.Param()`
    if (!inCommandWord && offset > 0 && (text.charCodeAt(offset - 1) === Ch.Dot || text.charCodeAt(offset - 1) === Ch.Colon)) return -1;
    const e = offset + len;
    if (e < text.length) {
      const c = text.charCodeAt(e);
      if (inCommandWord ? !isWordTerminator(c) : isNameChar(c) || isDash(c)) return -1;
    }
    if (needsBrace || needsParen) {
      let i = e;
      while (i < text.length && (isBlank(text.charCodeAt(i)) || isNewline(text.charCodeAt(i)))) i++;
      if (text.charCodeAt(i) !== (needsBrace ? Ch.LBrace : Ch.LParen)) return -1;
    }
    return e;
  });
}

// ---------------------------------------------------------------- per-context tokens

type Ctx = 'S' | 'H';

function ctxTokens(C: Ctx) {
  const start = `${C}.start`;
  const stmtStart = C === 'S' ? 'S.start' : 'H.key';
  const to = (mode: string) => ({ pop_mode: true, push_mode: mode });
  const NL = tokenType({ name: `NL_${C}`, pattern: /\r\n|\r|\n/, line_breaks: true, categories: [Newline], ...to(stmtStart) });
  const SemiC = tokenType({ name: `Semi_${C}`, pattern: ';', categories: [Semi], ...to(stmtStart) });
  const PipeC = tokenType({ name: `Pipe_${C}`, pattern: /\|(?!\|)/, categories: [Pipe], ...to(`${C}.pipe`) });
  const EnterExpr = tokenType({
    name: `EnterExpr_${C}`,
    pattern: custom((text, offset) => (startsExpression(text, offset) ? offset : -1)),
    start_chars_hint: ['$', '@', '(', '[', '{', '!', ',', '+', '.', ...DIGITS, ...DASHES, ...SQUOTES, ...DQUOTES],
    group: Lexer.SKIPPED,
    ...to(`${C}.expr`),
  });
  const CmdName = tokenType({
    name: `CommandName_${C}`,
    categories: [CommandName],
    pattern: custom((text, offset) => {
      const e = scanGenericWord(text, offset);
      return e > offset ? e : -1;
    }),
    start_chars_hint: ALL_CHARS,
    line_breaks: true,
    ...to(`${C}.cmd`),
  });
  const Call = tokenType({ name: `CallOp_${C}`, pattern: /&(?!&)/, categories: [CallOp], ...to(`${C}.cmd`) });
  const DotSrc = tokenType({
    name: `DotSource_${C}`,
    categories: [DotSource],
    pattern: custom((text, offset) => {
      if (text.charCodeAt(offset) !== Ch.Dot) return -1;
      const c = text.charCodeAt(offset + 1);
      return isBlank(c) ? offset + 1 : -1;
    }),
    start_chars_hint: ['.'],
    ...to(`${C}.cmd`),
  });
  const startKw = START_KEYWORDS.map((k) => {
    const target =
      k === 'function' || k === 'filter' ? `${C}.cmd` : k === 'param' ? `${C}.param` : ['throw', 'return', 'exit', 'break', 'continue'].includes(k) ? undefined : `${C}.expr`;
    return tokenType({
      name: `KwStart_${k}_${C}`,
      categories: [Kw[k]],
      pattern: keywordPattern(k, true),
      start_chars_hint: [k[0], k[0].toUpperCase()],
      ...(target ? to(target) : {}),
    });
  });
  const InC = tokenType({ name: `KwIn_${C}`, categories: [Kw.in], pattern: keywordPattern('in', false), start_chars_hint: ['i', 'I'], ...to(start) });
  const assign = (name: string, pattern: string) => tokenType({ name: `${name}_${C}`, pattern, categories: [AssignOp], ...to(start) });
  const assigns = [
    tokenType({ name: `MinusEq_${C}`, pattern: /[-\u2013\u2014\u2015]=/, categories: [AssignOp], ...to(start) }),
    assign('PlusEq', '+='),
    assign('StarEq', '*='),
    assign('SlashEq', '/='),
    assign('PercentEq', '%='),
    assign('Eq', '='),
  ];
  const redirMerge = tokenType({ name: `RedirectMerge_${C}`, pattern: redirectMergePattern, start_chars_hint: REDIRECT_CHARS, categories: [RedirectMerge], ...to(`${C}.cmd`) });
  const redirFile = tokenType({ name: `RedirectFile_${C}`, pattern: redirectFilePattern, start_chars_hint: REDIRECT_CHARS, categories: [RedirectFile], ...to(`${C}.cmd`) });
  const followKw = FOLLOW_KEYWORDS.map((k) =>
    tokenType({
      name: `KwFollow_${k}_${C}`,
      categories: [Kw[k]],
      pattern: keywordPattern(k, false),
      start_chars_hint: [k[0], k[0].toUpperCase()],
      ...(k === 'param' ? to(`${C}.param`) : {}),
    }),
  );
  /** After `param(...)`: whatever follows starts a statement (or a named block). */
  const LParenParam = tokenType({ name: `LParenParam_${C}`, pattern: '(', categories: [LParen], push_mode: 'S.start' });
  const EnterStart = tokenType({
    name: `EnterStart_${C}`,
    pattern: custom((_text, offset) => offset),
    start_chars_hint: ALL_CHARS,
    group: Lexer.SKIPPED,
    ...to(start),
  });
  return { NL, Semi: SemiC, Pipe: PipeC, EnterExpr, CmdName, Call, DotSrc, startKw, In: InC, assigns, redirMerge, redirFile, followKw, LParenParam, EnterStart };
}

/** At the start of a statement: does the text begin an expression (rather than a command)? */
function startsExpression(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  switch (c) {
    case Ch.Dollar:
    case Ch.At:
    case Ch.LParen:
    case Ch.LBracket:
    case Ch.LBrace:
    case Ch.Bang:
    case Ch.Comma:
    case Ch.Plus:
      return true;
    case Ch.Dot:
      return isDigit(text.charCodeAt(pos + 1)) && numberStarts(text, pos);
  }
  if (isDash(c) || isSingleQuote(c) || isDoubleQuote(c)) return true;
  if (isDigit(c)) return numberStarts(text, pos);
  return false;
}

/** A number at the start of a statement, followed by something that cannot continue a command name. */
function numberStarts(text: string, pos: number): boolean {
  const end = scanGenericWord(text, pos);
  if (isNumberWord(text.slice(pos, end))) return true;
  const len = matchNumberPrefix(text, pos);
  if (len === 0) return false;
  const i = pos + len;
  const c = text.charCodeAt(i);
  if (c === Ch.Dot) return text.charCodeAt(i + 1) === Ch.Dot;
  switch (c) {
    case Ch.Plus:
    case Ch.Star:
    case Ch.Slash:
    case Ch.Percent:
    case Ch.Comma:
    case Ch.Eq:
    case Ch.Bang:
    case Ch.LBracket:
    case Ch.RBracket:
      return true;
  }
  return isDash(c) || isWordTerminator(c);
}

const S = ctxTokens('S');
const H = ctxTokens('H');


// plain (no transition) versions for index / argument lists
const plainAssigns = [
  tokenType({ name: 'MinusEq', pattern: /[-\u2013\u2014\u2015]=/, categories: [AssignOp] }),
  tokenType({ name: 'PlusEq', pattern: '+=', categories: [AssignOp] }),
  tokenType({ name: 'StarEq', pattern: '*=', categories: [AssignOp] }),
  tokenType({ name: 'SlashEq', pattern: '/=', categories: [AssignOp] }),
  tokenType({ name: 'PercentEq', pattern: '%=', categories: [AssignOp] }),
  tokenType({ name: 'Eq', pattern: '=', categories: [AssignOp] }),
];
const redirMergeCmd = tokenType({ name: 'RedirectMergeCmd', pattern: redirectMergePattern, start_chars_hint: REDIRECT_CHARS, categories: [RedirectMerge] });
const redirFileCmd = tokenType({ name: 'RedirectFileCmd', pattern: redirectFilePattern, start_chars_hint: REDIRECT_CHARS, categories: [RedirectFile] });

for (const t of [VariableExpr, VariableCmd, RParen, RBracketIndex, RBrace, StringSingle, StringDouble, HereSingle, HereDouble, IdentifierTok, MemberNameCmd]) {
  primaryEnderNames.add(t.name);
}

// ---------------------------------------------------------------- modes

const trivia = [Whitespace, LineContinuation, BlockComment, Comment];
const dashOps = [OpLogical, OpComparison, OpSplitJoin, OpBitwise, OpFormat, OpNot];
const strings = [HereDouble, HereSingle, StringDouble, StringSingle];

function exprCore(assigns: TokenType[]): TokenType[] {
  return [
    DollarParen,
    AtParen,
    AtBrace,
    ...strings,
    LParenCall,
    LParen,
    LBrace,
    NullIndex,
    LBracketIndex,
    LBracketType,
    VariableExpr,
    NumberExpr,
    MinusMinus,
    assigns[0], // -=
    ...dashOps,
    ParameterColon,
    ParameterPlain,
    Minus,
    PlusPlus,
    assigns[1], // +=
    Plus,
    assigns[2], // *=
    Star,
    assigns[3], // /=
    Slash,
    assigns[4], // %=
    Percent,
    assigns[5], // =
    Bang,
    DotDot,
    Dot,
    ColonColon,
    NullDot,
    Comma,
  ];
}

function startMode(C: typeof S, ctx: Ctx): TokenType[] {
  return [...trivia, ctx === 'S' ? C.NL : SkipNewline, C.Semi, RParen, RBrace, ...C.startKw, Label, C.Call, C.DotSrc, C.Pipe, C.EnterExpr, C.CmdName, Unknown];
}
function pipeMode(C: typeof S): TokenType[] {
  return [...trivia, SkipNewline, C.Semi, RParen, RBrace, C.Call, C.DotSrc, C.Pipe, C.EnterExpr, C.CmdName, Unknown];
}
function cmdMode(C: typeof S): TokenType[] {
  return [
    ...trivia,
    C.NL,
    C.Semi,
    C.Pipe,
    RParen,
    RBrace,
    redirMergeCmd,
    redirFileCmd,
    DollarParen,
    AtParen,
    AtBrace,
    ...strings,
    SplatVariable,
    LParenCall,
    LParen,
    LBrace,
    LBracketIndex,
    LBracketTypeCmd,
    DotCmd,
    ColonColonCmd,
    MemberNameCmd,
    ParameterColon,
    ParameterPlain,
    VariableCmd,
    NumberCmd,
    Comma,
    BareWord,
    Unknown,
  ];
}
function exprMode(C: typeof S): TokenType[] {
  return [...trivia, C.NL, C.Semi, C.Pipe, RParen, RBrace, C.redirMerge, C.redirFile, ...exprCore(C.assigns), ...C.followKw, C.In, IdentifierTok, Unknown];
}

/**
 * The bottom of the mode stack. Chevrotain cannot pop-and-push its last mode, so the script's
 * statement level sits on top of this one; a zero-length token enters it (again after a stray closer).
 */
const EnterScript = tokenType({
  name: 'EnterScript',
  pattern: custom((_text, offset) => offset),
  start_chars_hint: ALL_CHARS,
  group: Lexer.SKIPPED,
  push_mode: 'S.start',
});

export const lexerDefinition: IMultiModeLexerDefinition = {
  modes: {
    Base: [EnterScript],
    'S.start': startMode(S, 'S'),
    'S.pipe': pipeMode(S),
    'S.cmd': cmdMode(S),
    'S.expr': exprMode(S),
    'H.key': [...trivia, H.NL, H.Semi, RBrace, HashEq, ...strings, VariableExpr, NumberExpr, LParen, HashKey, Unknown],
    'H.start': startMode(H, 'H'),
    'H.pipe': pipeMode(H),
    'H.cmd': cmdMode(H),
    'H.expr': exprMode(H),
    'S.param': [...trivia, SkipNewline, S.LParenParam, S.EnterStart],
    'H.param': [...trivia, SkipNewline, H.LParenParam, H.EnterStart],
    E: [...trivia, SkipNewline, RParen, RBrace, RBracketIndex, ...exprCore(plainAssigns), IdentifierTok, Unknown],
    T: [Whitespace, TypeName, LBracketType, RBracketType, Comma, LParenAttr, Unknown],
  },
  defaultMode: 'Base',
};

/** Every token type, categories included, for the parser. */
export const allTokens: TokenType[] = (() => {
  const seen = new Set<TokenType>();
  const cats = [Sep, Newline, Semi, Pipe, CommandName, CallOp, DotSource, AssignOp, Redirect, RedirectMerge, RedirectFile, StringTok, Variable, NumberTok, Parameter, BinaryOp, PrefixOp, Keyword, MemberAccess, Identifier, ...Object.values(Kw)];
  for (const t of cats) seen.add(t);
  for (const mode of Object.values(lexerDefinition.modes)) for (const t of mode) seen.add(t);
  return [...seen];
})();
