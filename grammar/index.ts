// The grammar's public API: parse a script into the AST of ast.ts, tell the REPL whether input is
// incomplete, and classify text for syntax highlighting. The lexer and parser are built once, the
// parser on first use.

import type { IToken } from 'chevrotain';
import type { ScriptBlockAst } from './ast.js';
import { ParseError, tokenError, translateParserError } from './errors.js';
import { PowerShellParser } from './parser.js';
import type { GrammarSnapshot } from './snapshot.js';
import { AstBuilder, type BodyParts } from './to-ast.js';
import { lexerDefinition } from './tokens.js';
import { createLazyLexer } from './lazy-lexer.js';
import { SourceText } from './scan.js';
import { classify, type HighlightSpan } from './highlight.js';

export { ParseError } from './errors.js';
export type { HighlightSpan, HighlightKind } from './highlight.js';

// the lexer definition's own checks run in the grammar tests (test/grammar/validation.test.ts)
const lexer = createLazyLexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
let parser: PowerShellParser | undefined;
let snapshot: GrammarSnapshot | undefined;

/** The parser, built on first use (from the snapshot given to useGrammarSnapshot, if any). */
function getParser(): PowerShellParser {
  if (!parser && snapshot) {
    try {
      parser = new PowerShellParser({ snapshot });
    } catch {
      // a snapshot that does not fit after all: the grammar is recorded as usual
    }
  }
  return (parser ??= new PowerShellParser());
}

/**
 * Offers a grammar snapshot (the JSON grammarSnapshot() returns) to build the parser from, before
 * the first parse. False when it is not a snapshot of this grammar: the parser is then built as usual.
 */
export function useGrammarSnapshot(json: string): boolean {
  try {
    const s = JSON.parse(json) as GrammarSnapshot;
    if (!PowerShellParser.matches(s)) return false;
    snapshot = s;
    return true;
  } catch {
    return false;
  }
}

/** A snapshot of this grammar, as JSON: its recorded rules and every decision's lookahead paths (tens of ms). */
export function grammarSnapshot(): string {
  return JSON.stringify(getParser().snapshot());
}

/** Lexes `source.slice(start, end)`; tokens carry offsets into the whole source. */
function lex(source: string, start = 0, end = source.length): { tokens: IToken[]; comments: IToken[] } {
  const r = lexer.tokenize(start === 0 && end === source.length ? source : source.slice(start, end));
  const comments = (r.groups.comments as IToken[] | undefined) ?? [];
  if (start !== 0) {
    for (const t of r.tokens) t.startOffset += start;
    for (const t of comments) t.startOffset += start;
  }
  return { tokens: r.tokens, comments };
}

/** Parses `source.slice(start, end)` as a script body; throws ParseError. */
function parseRange(builder: AstBuilder, src: SourceText, start: number, end: number): BodyParts {
  const { tokens, comments } = lex(src.text, start, end);
  // an unterminated string or comment runs to the end: it is the error unless the parser fails before it
  let lexError: ParseError | undefined;
  for (const list of [tokens, comments]) {
    for (const t of list) {
      const e = tokenError(t, src);
      if (e && (!lexError || e.offset < lexError.offset)) lexError = e;
      if (e) break;
    }
  }
  const parser = getParser();
  parser.b = builder;
  parser.input = tokens;
  const body = parser.scriptBody();
  if (parser.errors.length > 0) {
    const err = translateParserError(parser.errors[0], tokens, src);
    if (lexError && (lexError.offset <= err.offset || err.incomplete)) throw lexError;
    throw err;
  }
  if (lexError) throw lexError;
  return body;
}

/** Parses a whole script. Throws ParseError on the first syntax error. */
export function parseScript(text: string, file?: string): ScriptBlockAst {
  const src = new SourceText(text, file);
  const builder = new AstBuilder(src);
  const body = parseRange(builder, src, 0, text.length);
  const script = builder.scriptBlock(body, 0, text.length);
  // `$( ... )` inside strings, parsed now that the parser is free (they may nest)
  for (let i = 0; i < builder.pending.length; i++) {
    const { node, start, end } = builder.pending[i];
    let inner: BodyParts;
    try {
      inner = parseRange(builder, src, start, end);
    } catch (e) {
      // the string around it is closed: more input cannot complete this
      if (e instanceof ParseError && e.incomplete) throw e.complete();
      throw e;
    }
    node.statements = inner.statements ?? inner.named?.find((b) => b.kw.image.toLowerCase() === 'end')?.body ?? [];
  }
  return script;
}

/** True when the text is incomplete rather than invalid (the REPL shows its `>>` continuation prompt). */
export function isIncomplete(text: string): boolean {
  // a backtick ending the input continues the line
  let end = text.length;
  if (text.endsWith('\r\n')) end -= 2;
  else if (text.endsWith('\n') || text.endsWith('\r')) end -= 1;
  let ticks = 0;
  while (end - ticks - 1 >= 0 && text[end - ticks - 1] === '`') ticks++;
  if (ticks % 2 === 1) return true;
  try {
    parseScript(text);
    return false;
  } catch (e) {
    if (e instanceof ParseError) return e.incomplete;
    return false;
  }
}

/**
 * The tokens of `text` with their type names (context suffixes dropped: `CommandName`,
 * `ParameterPlain`, `NumberCmd`, `OpComparison`, `KwStart_if`...), for tests and tooling.
 */
export function tokenize(text: string): { type: string; text: string }[] {
  return lex(text).tokens.map((t) => ({ type: t.tokenType.name.replace(/_[SH]$/, ''), text: t.image }));
}

/** Classified spans for syntax highlighting. Never throws. */
export function highlight(text: string): HighlightSpan[] {
  try {
    const { tokens, comments } = lex(text);
    return classify(tokens, comments);
  } catch {
    return [];
  }
}
