// ParseError and the translation of chevrotain's recognition errors into PowerShell's parser
// errors (message wording and ErrorId as in PowerShell's ParserStrings).

import { EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';
import { lineStarts, position, type SourceText } from './scan.js';

export class ParseError extends Error {
  override readonly name = 'ParseError';
  /** PowerShell's ParserError id, e.g. `MissingEndCurlyBrace`. */
  readonly errorId: string;
  /** 1-based line and column of the offending text. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Length of the offending text (0 for a position between tokens). */
  readonly length: number;
  /** The error is at the end of the input: more text could complete it (REPL continuation). */
  readonly incomplete: boolean;
  readonly file?: string;
  readonly source: string;

  constructor(init: { message: string; errorId: string; offset: number; length: number; incomplete: boolean; source: string; file?: string; starts?: number[] }) {
    super(init.message);
    this.errorId = init.errorId;
    this.offset = init.offset;
    this.length = init.length;
    this.incomplete = init.incomplete;
    this.source = init.source;
    if (init.file !== undefined) this.file = init.file;
    const p = position(init.starts ?? lineStarts(init.source), init.offset);
    this.line = p.line;
    this.column = p.column;
  }

  /** The same error, not at the end of the input (inside a closed string, say). */
  complete(): ParseError {
    return new ParseError({ message: this.message, errorId: this.errorId, offset: this.offset, length: this.length, incomplete: false, source: this.source, file: this.file });
  }
}

const MESSAGES: Record<string, string> = {
  MissingEndCurlyBrace: "Missing closing '}' in statement block or type definition.",
  IncompleteHashLiteral: 'The hash literal was incomplete.',
  MissingEndParenthesisInExpression: "Missing closing ')' in expression.",
  MissingEndParenthesisInSubexpression: "Missing closing ')' in subexpression.",
  MissingEndParenthesisInMethodCall: "Missing ')' in method call.",
  MissingEndSquareBracket: "Missing ']' after array index expression.",
  EndSquareBracketExpectedAtEndOfAttribute: 'Missing ] at end of attribute or type literal.',
  EndSquareBracketExpectedAtEndOfType: 'Missing ] at end of type token.',
  MissingTypename: "Missing type name after '['.",
  TerminatorExpectedAtEndOfString: 'The string is missing the terminator: {0}.',
  UnexpectedCharactersAfterHereStringHeader: 'No characters are allowed after a here-string header but before the end of the line.',
  MissingTerminatorMultiLineComment: "The terminator '#>' is missing from the multiline comment.",
  UnexpectedToken: "Unexpected token '{0}' in expression or statement.",
  MissingExpressionAfterOperator: "Missing expression after unary operator '{0}'.",
  ExpectedValueExpression: "You must provide a value expression following the '{0}' operator.",
  MissingExpressionAfterToken: "Missing expression after '{0}'.",
  ExpectedExpression: "An expression was expected after '('.",
  EmptyPipeElement: 'An empty pipe element is not allowed.',
  ExpressionsMustBeFirstInPipeline: 'Expressions are only allowed as the first element of a pipeline.',
  MissingFileSpecification: 'Missing file specification after redirection operator.',
  MissingExpression: "Missing expression after '{0}' in pipeline element.",
  MissingPropertyName: 'Missing property name after reference operator.',
  MissingArrayIndexExpression: 'Array index expression is missing or not valid.',
  MissingOpenParenthesisInIfStatement: "Missing '(' after '{0}' in if statement.",
  IfStatementMissingCondition: "Missing condition in if statement after '{0} ('.",
  MissingEndParenthesisAfterStatement: "Missing closing ')' after expression in '{0}' statement.",
  MissingStatementBlock: 'Missing statement block after {0} ( condition ).',
  MissingStatementBlockAfterElse: "Missing statement block after 'else' keyword.",
  MissingSwitchValueExpression: "Missing expression after '(' in switch statement.",
  MissingEndParenthesisInSwitchStatement: "Missing ')' after expression in switch statement.",
  MissingCurlyBraceInSwitchStatement: "Missing '{' in switch statement.",
  MissingSwitchStatementClause: 'Missing statement block in switch statement clause.',
  PipelineValueRequired: "A switch statement must have one of the following:  '-file file_name' or '( expression )'.",
  MissingOpenParenthesisAfterKeyword: "Missing opening '(' after keyword '{0}'.",
  MissingVariableNameAfterForeach: 'Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}',
  MissingInInForeach: "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
  MissingForeachExpression: 'Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}',
  MissingEndParenthesisAfterForeach: "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
  MissingForeachStatement: 'Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}',
  MissingExpressionAfterKeyword: "Missing expression after '{0}' in loop.",
  MissingLoopStatement: 'Missing statement body in {0} loop.',
  MissingWhileOrUntilInDoWhile: 'Missing while or until keyword in do loop.',
  MissingNameAfterKeyword: 'Missing name after {0} keyword.',
  MissingEndParenthesisInFunctionParameterList: "Missing ')' in function parameter list.",
  MissingFunctionBody: 'Missing function body in function declaration.',
  MissingTryStatementBlock: 'The Try statement is missing its statement block.',
  MissingCatchOrFinally: 'The Try statement is missing its Catch or Finally block.',
  MissingCatchHandlerBlock: 'The Catch block is missing its statement block.',
  MissingFinallyStatementBlock: 'The Finally block is missing its statement block.',
  MissingTrapStatement: "The 'trap' statement was incomplete. A trap statement requires a body.",
  MissingEqualsInHashLiteral: "Missing '=' operator after key in hash literal.",
  MissingStatementInHashLiteral: "Missing statement after '=' in hash literal.",
  MissingNamedStatementBlock: "Missing statement block after '{0}'.",
  InvalidLeftHandSide:
    'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
  UnexpectedAttribute: "Unexpected attribute '{0}'.",
};

export function formatMessage(errorId: string, arg = ''): string {
  return (MESSAGES[errorId] ?? errorId).replace('{0}', arg);
}

/** Where an error is reported: at a token, or right after one (zero length). */
interface Spot {
  offset: number;
  length: number;
}
const at = (t: IToken): Spot => ({ offset: t.startOffset, length: t.image.length });
const after = (t: IToken | undefined): Spot => (t ? { offset: t.startOffset + t.image.length, length: 0 } : { offset: 0, length: 0 });

const isEOF = (t: IToken): boolean => t.tokenType === EOF;

/** Openers and the error reported when they are not closed. */
const OPENERS: [TokenType, TokenType, string][] = [
  [T.LBrace, T.RBrace, 'MissingEndCurlyBrace'],
  [T.AtBrace, T.RBrace, 'IncompleteHashLiteral'],
  [T.LParen, T.RParen, 'MissingEndParenthesisInExpression'],
  [T.DollarParen, T.RParen, 'MissingEndParenthesisInSubexpression'],
  [T.AtParen, T.RParen, 'MissingEndParenthesisInSubexpression'],
  [T.LParenCall, T.RParen, 'MissingEndParenthesisInMethodCall'],
  [T.LBracketIndex, T.RBracketIndex, 'MissingEndSquareBracket'],
  [T.NullIndex, T.RBracketIndex, 'MissingEndSquareBracket'],
  [T.LBracketType, T.RBracketType, 'EndSquareBracketExpectedAtEndOfAttribute'],
];
const openerOf = (t: IToken) => OPENERS.find(([open]) => tokenMatcher(t, open));
const isCloser = (t: IToken) => tokenMatcher(t, T.RBrace) || tokenMatcher(t, T.RParen) || tokenMatcher(t, T.RBracketIndex) || tokenMatcher(t, T.RBracketType);

/** The innermost bracket still open before token index `end`, with its index. */
function unclosedOpener(tokens: IToken[], end: number): { index: number; errorId: string; closer: TokenType } | undefined {
  const stack: number[] = [];
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (openerOf(t)) stack.push(i);
    else if (isCloser(t) && stack.length) stack.pop();
  }
  if (!stack.length) return undefined;
  const index = stack[stack.length - 1];
  const o = openerOf(tokens[index])!;
  return { index, errorId: o[2], closer: o[1] };
}

/** For a missing closer: PowerShell points at the opening `{`, or just after the last text for `)` and `]`. */
function missingCloser(tokens: IToken[], errIndex: number, opener: { index: number; errorId: string }): { errorId: string; spot: Spot } {
  if (opener.errorId === 'MissingEndCurlyBrace') return { errorId: opener.errorId, spot: at(tokens[opener.index]) };
  return { errorId: opener.errorId, spot: after(lastSignificant(tokens, errIndex)) };
}

/** The last token before index `i` that is not a newline. */
function lastSignificant(tokens: IToken[], i: number): IToken | undefined {
  for (let k = i - 1; k >= 0; k--) if (!tokenMatcher(tokens[k], T.Newline)) return tokens[k];
  return undefined;
}

const normalizeDash = (s: string) => s.replace(/^[\u2013\u2014\u2015]/, '-');

/** Turns the parser's first error into a ParseError with PowerShell's wording. */
export function translateParserError(e: IRecognitionException, tokens: IToken[], src: SourceText): ParseError {
  const found = e.token;
  const eof = isEOF(found);
  let index = eof ? tokens.length : tokens.indexOf(found);
  if (index < 0) index = tokens.findIndex((t) => t.startOffset >= found.startOffset);
  if (index < 0) index = tokens.length;
  const prev = lastSignificant(tokens, index);
  const stack = e.context?.ruleStack ?? [];
  const rule = stack[stack.length - 1];
  const make = (errorId: string, spot: Spot, arg = '') =>
    new ParseError({ message: formatMessage(errorId, arg), errorId, offset: spot.offset, length: spot.length, incomplete: eof, source: src.text, file: src.file, starts: src.starts });

  /** The found token is simply not allowed here. */
  const unexpected = () => {
    // the input ended where something else was required
    if (eof) return make('MissingExpressionAfterToken', after(prev), prev ? normalizeDash(prev.image) : '');
    // a closer that does not match what is open: report the open bracket, as PowerShell does
    if (isCloser(found)) {
      const open = unclosedOpener(tokens, index);
      if (open && !tokenMatcher(found, open.closer)) {
        const m = missingCloser(tokens, index, open);
        return make(m.errorId, m.spot);
      }
    }
    if (tokenMatcher(found, T.Pipe)) return make('EmptyPipeElement', at(found));
    return make('UnexpectedToken', at(found), found.image);
  };
  /** Input ended inside a bracket: report the bracket. */
  const unclosed = () => {
    const open = unclosedOpener(tokens, index);
    if (!open) return undefined;
    const m = missingCloser(tokens, index, open);
    return make(m.errorId, m.spot);
  };

  // an operand or element missing after an operator (chosen by what came before)
  if (prev) {
    if (tokenMatcher(prev, T.Pipe) && rule === 'command') {
      if (eof || tokenMatcher(found, T.Sep) || tokenMatcher(found, T.Pipe) || isCloser(found)) return make('EmptyPipeElement', eof ? after(prev) : at(found));
      return make('ExpressionsMustBeFirstInPipeline', at(found));
    }
    if (tokenMatcher(prev, T.AssignOp) && rule === 'statement') return make('ExpectedValueExpression', after(prev), normalizeDash(prev.image));
    if (rule === 'unaryExpression' || rule === 'commandArgument') {
      if (tokenMatcher(prev, T.Comma)) return make('MissingExpressionAfterToken', after(prev), ',');
      if (stack[stack.length - 2] === 'unaryExpression' && tokenMatcher(prev, T.PrefixOp)) {
        return make('MissingExpressionAfterOperator', after(prev), normalizeDash(prev.image).toLowerCase());
      }
      if (tokenMatcher(prev, T.BinaryOp)) return make('ExpectedValueExpression', after(prev), normalizeDash(prev.image).toLowerCase());
    }
  }

  const msg = e.message;
  if (msg.startsWith('E:')) {
    const [, id, arg = ''] = msg.split(':');
    switch (id) {
      case 'MissingEndCurlyBrace':
      case 'IncompleteHashLiteral':
      case 'EndSquareBracketExpectedAtEndOfAttribute':
      case 'EndSquareBracketExpectedAtEndOfType':
      case 'MissingEndSquareBracket':
      case 'MissingEndParenthesisInExpression':
      case 'MissingEndParenthesisInSubexpression':
      case 'MissingEndParenthesisInMethodCall':
        if (!eof && !isCloser(found)) return unexpected();
        return unclosed() ?? make(id, after(prev));
      case 'MissingExpression':
        return make(id, after(prev), prev?.image ?? '');
      case 'MissingPropertyName':
      case 'MissingArrayIndexExpression':
      case 'ExpectedExpression':
        if (!eof && !isCloser(found) && !tokenMatcher(found, T.Sep)) return unexpected();
        return make(id, after(prev));
      case 'MissingNameAfterKeyword':
        return make(id, after(prev), prev?.image.toLowerCase() ?? 'function');
      case 'IfStatementMissingCondition':
      case 'MissingForeachExpression':
      case 'MissingExpressionAfterKeyword':
      case 'MissingSwitchValueExpression':
        // a token that cannot start a condition at all
        if (!eof && !isCloser(found) && !tokenMatcher(found, T.Sep)) return unexpected();
        return make(id, after(prev), arg);
      default:
        return make(id, after(prev), arg);
    }
  }

  // chevrotain's generic errors
  if (eof) {
    const m = unclosed();
    if (m) return m;
  }
  return unexpected();
}

/** A syntax error found while building the AST (the grammar accepted more than PowerShell does). */
export function semanticError(errorId: string, offset: number, length: number, src: SourceText, arg = ''): ParseError {
  const source = src.text;
  let incomplete = true;
  for (let i = offset + length; i < source.length; i++) {
    if (!/\s/.test(source[i])) {
      incomplete = false;
      break;
    }
  }
  return new ParseError({ message: formatMessage(errorId, arg), errorId, offset, length, incomplete, source, file: src.file, starts: src.starts });
}

/** Errors the lexer leaves on tokens: unterminated strings and comments, a bad here-string header. */
export function tokenError(t: IToken, src: SourceText): ParseError | undefined {
  const { text: source, file } = src;
  const starts = src.starts;
  const payload = (t as IToken & { payload?: string }).payload;
  if (!payload) return undefined;
  const name = t.tokenType.name;
  const lineEnd = (from: number) => {
    let i = from;
    while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    return i;
  };
  if (payload === 'header') {
    const offset = t.startOffset + 2;
    return new ParseError({
      message: formatMessage('UnexpectedCharactersAfterHereStringHeader'),
      errorId: 'UnexpectedCharactersAfterHereStringHeader',
      offset,
      length: lineEnd(offset) - offset,
      incomplete: false,
      source,
      file,
      starts,
    });
  }
  if (name === 'BlockComment') {
    return new ParseError({
      message: formatMessage('MissingTerminatorMultiLineComment'),
      errorId: 'MissingTerminatorMultiLineComment',
      offset: t.startOffset,
      length: 2,
      incomplete: true,
      source,
      file,
      starts,
    });
  }
  const terminator = name === 'StringSingle' ? "'" : name === 'StringDouble' ? '"' : name === 'HereSingle' ? "'@" : '"@';
  return new ParseError({
    message: formatMessage('TerminatorExpectedAtEndOfString', terminator),
    errorId: 'TerminatorExpectedAtEndOfString',
    offset: t.startOffset,
    length: lineEnd(t.startOffset) - t.startOffset,
    incomplete: true,
    source,
    file,
    starts,
  });
}
