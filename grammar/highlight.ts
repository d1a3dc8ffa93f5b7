// Token classification for syntax highlighting in the interactive shell (lexer only, no parse).

import { tokenMatcher, type IToken } from 'chevrotain';
import * as T from './tokens.js';

export type HighlightKind = 'command' | 'parameter' | 'string' | 'variable' | 'operator' | 'keyword' | 'number' | 'comment' | 'type' | 'member' | 'text';

export interface HighlightSpan {
  kind: HighlightKind;
  /** offsets into the text, end exclusive */
  start: number;
  end: number;
}

function kindOf(t: IToken, prev: IToken | undefined): HighlightKind {
  if (tokenMatcher(t, T.CommandName)) return 'command';
  if (tokenMatcher(t, T.Parameter)) return 'parameter';
  if (tokenMatcher(t, T.StringTok)) return 'string';
  if (tokenMatcher(t, T.Variable) || t.tokenType === T.SplatVariable) return 'variable';
  if (tokenMatcher(t, T.Keyword)) return 'keyword';
  if (tokenMatcher(t, T.NumberTok)) return 'number';
  if (t.tokenType === T.TypeName) return 'type';
  if (tokenMatcher(t, T.Identifier)) return prev && tokenMatcher(prev, T.MemberAccess) ? 'member' : 'text';
  if (t.tokenType === T.HashKey || t.tokenType === T.Label) return 'member';
  if (
    tokenMatcher(t, T.BinaryOp) ||
    tokenMatcher(t, T.PrefixOp) ||
    tokenMatcher(t, T.AssignOp) ||
    tokenMatcher(t, T.Pipe) ||
    tokenMatcher(t, T.Redirect) ||
    tokenMatcher(t, T.CallOp) ||
    tokenMatcher(t, T.DotSource) ||
    t.tokenType === T.HashEq
  ) {
    return 'operator';
  }
  return 'text';
}

export function classify(tokens: IToken[], comments: IToken[]): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  let prev: IToken | undefined;
  for (const t of tokens) {
    if (tokenMatcher(t, T.Newline) || tokenMatcher(t, T.Semi)) {
      prev = t;
      continue;
    }
    spans.push({ kind: kindOf(t, prev), start: t.startOffset, end: t.startOffset + t.image.length });
    prev = t;
  }
  for (const c of comments) spans.push({ kind: 'comment', start: c.startOffset, end: c.startOffset + c.image.length });
  if (comments.length) spans.sort((a, b) => a.start - b.start);
  return spans;
}
