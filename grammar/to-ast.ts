// Builds the AST of ast.ts from what the grammar's rules matched (see parser.ts): extents,
// operator precedence, array literals, string expansion, bareword values, numbers, variables.
// The parser calls these methods as it recognises each construct; nothing here decides syntax.

import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import * as T from './tokens.js';
import { semanticError, type ParseError } from './errors.js';
import { Ch, isDash, isDoubleQuote, isSingleQuote, numberValue, scanBracedVariable, scanSubExpression, scanVariable, isBlank, type SourceText } from './scan.js';

type Expr = A.ExpressionAst;
type Stmt = A.StatementAst;
type Block = Stmt[];

/** A `[...]` as written: its extent, the extent of the type name, and attribute arguments when parenthesised. */
export interface TypeRef {
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  args?: AttributeArgument[];
}
export interface AttributeArgument {
  name?: IToken;
  value?: Expr;
}
/** One element after the command name. */
export type CommandPart = A.CommandParameterAst | A.RedirectionAst | Expr;
/** The parts of a script block body. */
export interface BodyParts {
  paramBlock?: A.ParamBlockAst;
  named?: { kw: IToken; body: Block }[];
  statements?: Block;
}

/** A `$( ... )` inside a string, parsed once the enclosing parse is done. */
interface PendingFragment {
  node: A.SubExpressionAst;
  start: number;
  end: number;
}

/**
 * An extent whose line, column and text are computed when read: a script has one per AST node,
 * and most are never looked at. Serialises (toJSON) to the plain Extent shape.
 */
class LazyExtent implements A.Extent {
  readonly #where: SourceText;
  readonly startOffset: number;
  readonly endOffset: number;
  declare file?: string;
  constructor(where: SourceText, start: number, end: number) {
    this.#where = where;
    this.startOffset = start;
    this.endOffset = end;
    if (where.file !== undefined) this.file = where.file;
  }
  get startLine(): number {
    return lineOf(this.#where.starts, this.startOffset) + 1;
  }
  get startColumn(): number {
    const starts = this.#where.starts;
    return this.startOffset - starts[lineOf(starts, this.startOffset)] + 1;
  }
  get endLine(): number {
    return lineOf(this.#where.starts, this.endOffset) + 1;
  }
  get endColumn(): number {
    const starts = this.#where.starts;
    return this.endOffset - starts[lineOf(starts, this.endOffset)] + 1;
  }
  get text(): string {
    return this.#where.text.slice(this.startOffset, this.endOffset);
  }
  toJSON(): A.Extent {
    const x: A.Extent = {
      startOffset: this.startOffset,
      endOffset: this.endOffset,
      startLine: this.startLine,
      startColumn: this.startColumn,
      endLine: this.endLine,
      endColumn: this.endColumn,
      text: this.text,
    };
    if (this.file !== undefined) x.file = this.file;
    return x;
  }
}

/** 0-based index of the line holding `offset`. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class AstBuilder {
  private readonly source: string;
  /** Sub-expressions found in strings, parsed after the main parse (the parser is not re-entrant). */
  readonly pending: PendingFragment[] = [];

  constructor(private readonly where: SourceText) {
    this.source = where.text;
  }

  extent(start: number, end: number): A.Extent {
    return new LazyExtent(this.where, start, end);
  }
  private error(errorId: string, offset: number, length: number): ParseError {
    return semanticError(errorId, offset, length, this.where);
  }
  private tokenExtent(t: IToken): A.Extent {
    return new LazyExtent(this.where, t.startOffset, t.startOffset + t.image.length);
  }
  private span(a: { extent: A.Extent }, b: { extent: A.Extent }): A.Extent {
    return new LazyExtent(this.where, a.extent.startOffset, b.extent.endOffset);
  }

  // ---------------------------------------------------------------- script blocks

  scriptBlock(parts: BodyParts, start: number, end: number, isFilter = false): A.ScriptBlockAst {
    const sb: A.ScriptBlockAst = { kind: 'ScriptBlock', extent: this.extent(start, end), source: this.source };
    if (parts.paramBlock) sb.paramBlock = parts.paramBlock;
    if (parts.named) {
      for (const { kw, body } of parts.named) {
        const k = kw.image.toLowerCase();
        if (k === 'begin') sb.begin = body;
        else if (k === 'process') sb.process = body;
        else if (k === 'end') sb.end = body;
        // dynamicparam blocks are accepted and ignored
      }
    } else if (isFilter) sb.process = parts.statements ?? [];
    else sb.end = parts.statements ?? [];
    return sb;
  }

  paramBlock(start: number, end: number, attributes: TypeRef[], parameters: A.ParameterAst[]): A.ParamBlockAst {
    return { kind: 'ParamBlock', extent: this.extent(start, end), attributes: attributes.map((a) => this.attribute(a, true) as A.AttributeAst), parameters };
  }

  parameterDeclaration(start: number, end: number, attributes: TypeRef[], variable: IToken, defaultValue: Expr | undefined): A.ParameterAst {
    const p: A.ParameterAst = {
      kind: 'Parameter',
      extent: this.extent(start, end),
      name: this.variable(variable).name,
      attributes: attributes.map((a) => this.attribute(a, false)),
    };
    if (defaultValue) p.defaultValue = defaultValue;
    return p;
  }

  private typeName(t: TypeRef): string {
    return this.source.slice(t.nameStart, t.nameEnd).replace(/\s+/g, '');
  }

  /** `[Name(args)]` is an attribute; `[type]` a type constraint (a few argument-less attributes excepted). */
  private attribute(t: TypeRef, forceAttribute: boolean): A.AttributeAst | A.TypeConstraintAst {
    const typeName = this.typeName(t);
    const extent = this.extent(t.start, t.end);
    if (!t.args && !forceAttribute && !ARGLESS_ATTRIBUTES.has(typeName.toLowerCase())) return { kind: 'TypeConstraint', extent, typeName };
    const positionalArguments: Expr[] = [];
    const namedArguments: { name: string; value?: Expr }[] = [];
    for (const a of t.args ?? []) {
      if (a.name) namedArguments.push(a.value ? { name: a.name.image, value: a.value } : { name: a.name.image });
      else positionalArguments.push(a.value!);
    }
    return { kind: 'Attribute', extent, typeName, positionalArguments, namedArguments };
  }

  // ---------------------------------------------------------------- statements

  ifStatement(start: number, end: number, clauses: A.IfAst['clauses'], elseBody: Block | undefined): A.IfAst {
    const r: A.IfAst = { kind: 'If', extent: this.extent(start, end), clauses };
    if (elseBody) r.elseBody = elseBody;
    return r;
  }

  foreachStatement(start: number, end: number, label: IToken | undefined, variable: IToken, iterable: Stmt, body: Block): A.ForEachAst {
    const r: A.ForEachAst = { kind: 'ForEach', extent: this.extent(start, end), variable: this.variable(variable), iterable, body };
    if (label) r.label = label.image.slice(1);
    return r;
  }

  forStatement(start: number, end: number, label: IToken | undefined, initializer: Stmt | undefined, condition: Stmt | undefined, iterator: Stmt | undefined, body: Block): A.ForAst {
    const r: A.ForAst = { kind: 'For', extent: this.extent(start, end), body };
    if (label) r.label = label.image.slice(1);
    if (initializer) r.initializer = initializer;
    if (condition) r.condition = condition;
    if (iterator) r.iterator = iterator;
    return r;
  }

  whileStatement(start: number, end: number, label: IToken | undefined, condition: Stmt, body: Block): A.WhileAst {
    const r: A.WhileAst = { kind: 'While', extent: this.extent(start, end), condition, body };
    if (label) r.label = label.image.slice(1);
    return r;
  }

  doStatement(start: number, end: number, label: IToken | undefined, kw: IToken, condition: Stmt, body: Block): A.DoLoopAst {
    const r: A.DoLoopAst = { kind: 'DoLoop', extent: this.extent(start, end), until: kw.image.toLowerCase() === 'until', condition, body };
    if (label) r.label = label.image.slice(1);
    return r;
  }

  switchStatement(
    start: number,
    end: number,
    label: IToken | undefined,
    flagTokens: IToken[],
    condition: Stmt | IToken,
    clauses: { pattern: IToken | Expr; body: Block }[],
  ): A.SwitchAst {
    const flags = { regex: false, wildcard: false, exact: false, caseSensitive: false, file: false };
    for (const p of flagTokens) {
      const name = parameterName(p).toLowerCase();
      if ('regex'.startsWith(name)) flags.regex = true;
      else if ('wildcard'.startsWith(name)) flags.wildcard = true;
      else if ('exact'.startsWith(name)) flags.exact = true;
      else if ('casesensitive'.startsWith(name)) flags.caseSensitive = true;
      else if ('file'.startsWith(name)) flags.file = true;
    }
    let cond: Stmt;
    if (isToken(condition)) {
      const e = condition.tokenType === T.VariableExpr || condition.tokenType === T.VariableCmd ? this.variable(condition) : this.string(condition);
      cond = { kind: 'Pipeline', extent: e.extent, elements: [{ kind: 'CommandExpression', extent: e.extent, expression: e, redirections: [] }] };
    } else cond = condition;
    const r: A.SwitchAst = { kind: 'Switch', extent: this.extent(start, end), flags, condition: cond, clauses: [] };
    if (label) r.label = label.image.slice(1);
    for (const { pattern, body } of clauses) {
      if (isToken(pattern)) {
        if (pattern.image.toLowerCase() === 'default') {
          r.defaultBody = body;
          continue;
        }
        r.clauses.push({ pattern: this.bareword(pattern), body });
      } else r.clauses.push({ pattern, body });
    }
    return r;
  }

  functionDefinition(start: number, end: number, kw: IToken, name: IToken, parameters: A.ParameterAst[] | undefined, bodyStart: number, body: BodyParts): A.FunctionDefinitionAst {
    const isFilter = kw.image.toLowerCase() === 'filter';
    const r: A.FunctionDefinitionAst = {
      kind: 'FunctionDefinition',
      extent: this.extent(start, end),
      name: unescapeBare(name.image),
      isFilter,
      body: this.scriptBlock(body, bodyStart, end, isFilter),
    };
    if (parameters) r.parameters = parameters;
    return r;
  }

  tryStatement(start: number, end: number, body: Block, catches: { types: TypeRef[]; body: Block }[], finallyBody: Block | undefined): A.TryAst {
    if (catches.length === 0 && !finallyBody) throw this.error('MissingCatchOrFinally', end, 0);
    const r: A.TryAst = {
      kind: 'Try',
      extent: this.extent(start, end),
      body,
      catches: catches.map((c) => ({ typeNames: c.types.map((t) => this.typeName(t)), body: c.body })),
    };
    if (finallyBody) r.finallyBody = finallyBody;
    return r;
  }

  trapStatement(start: number, end: number, type: TypeRef | undefined, body: Block): A.TrapAst {
    const r: A.TrapAst = { kind: 'Trap', extent: this.extent(start, end), body };
    if (type) r.typeName = this.typeName(type);
    return r;
  }

  flowStatement(start: number, end: number, kw: IToken, label: IToken | undefined, value: Stmt | undefined): A.FlowAst {
    const r: A.FlowAst = { kind: 'Flow', extent: this.extent(start, end), flow: kw.image.toLowerCase() as A.FlowAst['flow'] };
    if (label) r.label = unescapeBare(label.image);
    if (value) r.pipeline = value;
    return r;
  }

  // ---------------------------------------------------------------- pipelines and commands

  assignment(start: number, end: number, left: Expr, op: IToken, right: Stmt): A.AssignmentAst {
    const operator = op.image.replace(/^[\u2013\u2014\u2015]/, '-') as A.AssignmentAst['operator'];
    if (!assignable(left)) throw this.error('InvalidLeftHandSide', left.extent.startOffset, left.extent.endOffset - left.extent.startOffset);
    return { kind: 'Assignment', extent: this.extent(start, end), operator, left, right };
  }

  pipeline(start: number, end: number, elements: (A.CommandAst | A.CommandExpressionAst)[]): A.PipelineAst {
    return { kind: 'Pipeline', extent: this.extent(start, end), elements };
  }

  commandExpression(expression: Expr, redirections: A.RedirectionAst[]): A.CommandExpressionAst {
    const last = redirections.length ? redirections[redirections.length - 1] : expression;
    return { kind: 'CommandExpression', extent: this.span(expression, last), expression, redirections };
  }

  command(start: number, end: number, invocation: IToken | undefined, head: IToken | Expr, parts: CommandPart[]): A.CommandAst {
    const elements: (A.CommandParameterAst | Expr)[] = [isToken(head) ? this.bareword(head) : head];
    const redirections: A.RedirectionAst[] = [];
    const r: A.CommandAst = { kind: 'Command', extent: this.extent(start, end), elements, redirections };
    if (invocation) r.invocationOperator = invocation.image === '&' ? '&' : '.';
    for (const p of parts) {
      if (p.kind === 'Redirection') redirections.push(p);
      else elements.push(p);
    }
    return r;
  }

  /** `-Name`, or `-Name:value` with its argument (`a` or the array `a, b`). */
  parameter(t: IToken, args: Expr[] | undefined): A.CommandParameterAst {
    if (!args || args.length === 0) return { kind: 'CommandParameter', extent: this.tokenExtent(t), name: parameterName(t) };
    const argument = this.arrayOf(args);
    return { kind: 'CommandParameter', extent: this.extent(t.startOffset, argument.extent.endOffset), name: parameterName(t), argument };
  }

  /** A command argument, or the array `a, b, c`. */
  arguments(args: Expr[]): Expr {
    return this.arrayOf(args);
  }

  redirection(start: number, end: number, op: IToken, target: Expr | undefined): A.RedirectionAst {
    const img = op.image;
    const extent = this.extent(start, end);
    if (!target) return { kind: 'Redirection', extent, from: STREAMS[img[0]], mergeTo: STREAMS[img[3]], append: false };
    const from = img[0] === '>' ? 'output' : STREAMS[img[0]];
    return { kind: 'Redirection', extent, from, target, append: img.endsWith('>>') };
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Applies PowerShell's operator precedence to a flat operand/operator list: commas bind tightest
   * (array literals), then `..`, `-f`, `* / %`, `+ -`, bitwise, comparison, logical; all left-associative.
   */
  expression(operands: Expr[], ops: IToken[]): Expr {
    if (ops.length === 0) return operands[0];
    let vals = operands;
    let rest = ops;
    if (ops.some((o) => o.tokenType === T.Comma)) {
      vals = [];
      rest = [];
      let group: Expr[] = [operands[0]];
      for (let i = 0; i < ops.length; i++) {
        if (ops[i].tokenType === T.Comma) group.push(operands[i + 1]);
        else {
          vals.push(this.arrayOf(group));
          rest.push(ops[i]);
          group = [operands[i + 1]];
        }
      }
      vals.push(this.arrayOf(group));
    }
    if (rest.length === 0) return vals[0];
    const out: Expr[] = [vals[0]];
    const opStack: { op: string; prec: number }[] = [];
    const reduce = () => {
      const { op } = opStack.pop()!;
      const right = out.pop()!;
      const left = out.pop()!;
      out.push({ kind: 'BinaryExpression', extent: this.span(left, right), operator: op, left, right });
    };
    for (let i = 0; i < rest.length; i++) {
      const op = operatorText(rest[i]);
      const prec = precedence(op);
      while (opStack.length && opStack[opStack.length - 1].prec >= prec) reduce();
      opStack.push({ op, prec });
      out.push(vals[i + 1]);
    }
    while (opStack.length) reduce();
    return out[0];
  }

  /** Method-call arguments: the operand/operator list split at its top-level commas. */
  callArguments(operands: Expr[], ops: IToken[]): Expr[] {
    const out: Expr[] = [];
    let from = 0;
    for (let i = 0; i <= ops.length; i++) {
      if (i === ops.length || ops[i].tokenType === T.Comma) {
        out.push(this.expression(operands.slice(from, i + 1), ops.slice(from, i)));
        from = i + 1;
      }
    }
    return out;
  }

  private arrayOf(items: Expr[]): Expr {
    if (items.length === 1) return items[0];
    return { kind: 'ArrayLiteral', extent: this.span(items[0], items[items.length - 1]), elements: items };
  }

  prefix(opTok: IToken, operand: Expr): Expr {
    const op = operatorText(opTok);
    const extent = this.extent(opTok.startOffset, operand.extent.endOffset);
    // `-1` is a negative constant, as PowerShell's tokenizer reads it
    if (op === '-' && operand.kind === 'Constant' && typeof operand.value === 'number' && operand.extent.startOffset === opTok.startOffset + 1) {
      const k: A.ConstantExpressionAst = { kind: 'Constant', extent, value: -operand.value };
      if (operand.isDouble) k.isDouble = true;
      return k;
    }
    return { kind: 'UnaryExpression', extent, operator: op, operand };
  }

  typeOrCast(type: TypeRef, operand: Expr | undefined): Expr {
    // `[ValidateScript({...})][int]$x = 5`: a validation attribute on a variable is accepted and not enforced
    if (type.args && operand) return operand;
    const typeName = this.typeName(type);
    if (operand) return { kind: 'ConvertExpression', extent: this.extent(type.start, operand.extent.endOffset), typeName, operand };
    return { kind: 'TypeExpression', extent: this.extent(type.start, type.end), typeName };
  }

  postfixIncrement(target: Expr, op: IToken): Expr {
    const operator = op.image === '++' ? 'post++' : 'post--';
    return { kind: 'UnaryExpression', extent: this.extent(target.extent.startOffset, op.startOffset + op.image.length), operator, operand: target };
  }

  member(target: Expr, access: IToken, name: IToken | Expr, args: Expr[] | undefined, end: number): Expr {
    const extent = this.extent(target.extent.startOffset, end);
    const isStatic = access.image === '::';
    const nullConditional = access.image === '?.';
    let member: Expr;
    if (!isToken(name)) member = name;
    else if (tokenIs(name, T.StringTok)) member = this.string(name);
    else if (tokenIs(name, T.Variable)) member = this.variable(name);
    else member = { kind: 'StringConstant', extent: this.tokenExtent(name), value: name.image, quote: 'bare' };
    if (args !== undefined) {
      return { kind: 'InvokeMemberExpression', extent, target, member, arguments: args, isStatic, nullConditional };
    }
    return { kind: 'MemberExpression', extent, target, member, isStatic, nullConditional };
  }

  index(target: Expr, open: IToken, index: Expr, end: number): Expr {
    return { kind: 'IndexExpression', extent: this.extent(target.extent.startOffset, end), target, index, nullConditional: open.image === '?[' };
  }

  paren(start: number, end: number, pipeline: Stmt): A.ParenExpressionAst {
    return { kind: 'ParenExpression', extent: this.extent(start, end), pipeline };
  }

  subExpression(start: number, end: number, open: IToken, statements: Block): Expr {
    if (open.image === '$(') return { kind: 'SubExpression', extent: this.extent(start, end), statements };
    return { kind: 'ArrayExpression', extent: this.extent(start, end), statements };
  }

  hashtable(start: number, end: number, pairs: { key: Expr; value: Stmt }[]): A.HashtableAst {
    return { kind: 'Hashtable', extent: this.extent(start, end), pairs };
  }

  hashKey(t: IToken): Expr {
    return { kind: 'StringConstant', extent: this.tokenExtent(t), value: t.image, quote: 'bare' };
  }

  scriptBlockExpression(start: number, end: number, body: BodyParts): A.ScriptBlockExpressionAst {
    return { kind: 'ScriptBlockExpression', extent: this.extent(start, end), scriptBlock: this.scriptBlock(body, start, end) };
  }

  // ---------------------------------------------------------------- leaves

  number(t: IToken): A.ConstantExpressionAst {
    const { value, isDouble } = numberValue(t.image);
    const k: A.ConstantExpressionAst = { kind: 'Constant', extent: this.tokenExtent(t), value };
    if (isDouble) k.isDouble = true;
    return k;
  }

  variable(t: IToken, splatted = false): A.VariableExpressionAst {
    return this.variableAt(t.image, this.tokenExtent(t), splatted);
  }

  private variableAt(image: string, extent: A.Extent, splatted = false): A.VariableExpressionAst {
    let name = image.slice(1);
    if (name.charCodeAt(0) === Ch.LBrace) name = name.slice(1, -1).replace(/`(.)/g, '$1');
    const v: A.VariableExpressionAst = { kind: 'Variable', extent, name, splatted };
    const colon = name.indexOf(':');
    if (colon > 0) {
      const scope = name.slice(0, colon).toLowerCase();
      if (SCOPES.has(scope)) {
        v.scope = scope as A.VariableExpressionAst['scope'];
        v.name = name.slice(colon + 1);
      }
    }
    return v;
  }

  string(t: IToken): Expr {
    const extent = this.tokenExtent(t);
    const img = t.image;
    const start = t.startOffset;
    switch (t.tokenType) {
      case T.StringSingle:
        return { kind: 'StringConstant', extent, value: unquoteSingle(img.slice(1, -1)), quote: 'single' };
      case T.HereSingle: {
        const [a, b] = hereBody(img);
        return { kind: 'StringConstant', extent, value: img.slice(a, b), quote: 'hereSingle' };
      }
      case T.HereDouble: {
        const [a, b] = hereBody(img);
        return this.expandable(start + a, start + b, 'hereDouble', extent);
      }
      default:
        return this.expandable(start + 1, start + img.length - 1, 'double', extent);
    }
  }

  /** A command-mode word: a bare string (quotes and escapes processed), or an expandable one when it holds `$`. */
  bareword(t: IToken): Expr {
    const extent = this.tokenExtent(t);
    const img = t.image;
    if (img.indexOf('$') < 0) return { kind: 'StringConstant', extent, value: unescapeBare(img), quote: 'bare' };
    return this.expandable(t.startOffset, t.startOffset + img.length, 'bare', extent);
  }

  /** Splits string content into literal text and embedded `$var` / `$(...)` expressions. */
  private expandable(start: number, end: number, quote: 'bare' | 'double' | 'hereDouble', extent: A.Extent): A.ExpressionAst {
    const src = this.source;
    const parts: (string | A.ExpressionAst)[] = [];
    let buf = '';
    let i = start;
    let inDouble = false; // inside a quoted section of a bare word
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === Ch.Backtick && i + 1 < end) {
        const [text, len] = escapeAt(src, i + 1);
        buf += text;
        i += 1 + len;
        continue;
      }
      if (c === Ch.Dollar && i + 1 < end) {
        const d = src.charCodeAt(i + 1);
        if (d === Ch.LParen) {
          const e = scanSubExpression(src, i + 1);
          if (e < 0 || e > end) throw this.error('MissingEndParenthesisInSubexpression', end, 0);
          if (buf) parts.push(buf);
          buf = '';
          const node: A.SubExpressionAst = { kind: 'SubExpression', extent: this.extent(i, e), statements: [] };
          this.pending.push({ node, start: i + 2, end: e - 1 });
          parts.push(node);
          i = e;
          continue;
        }
        const e = d === Ch.LBrace ? scanBracedVariable(src, i + 1) : scanVariable(src, i);
        if (e > i && e <= end) {
          if (buf) parts.push(buf);
          buf = '';
          parts.push(this.variableAt(src.slice(i, e), this.extent(i, e)));
          i = e;
          continue;
        }
      }
      if (quote === 'double' && isDoubleQuote(c) && i + 1 < end && isDoubleQuote(src.charCodeAt(i + 1))) {
        buf += src[i];
        i += 2;
        continue;
      }
      if (quote === 'bare') {
        if (isDoubleQuote(c)) {
          inDouble = !inDouble;
          i++;
          continue;
        }
        if (!inDouble && isSingleQuote(c)) {
          let j = i + 1;
          while (j < end) {
            if (isSingleQuote(src.charCodeAt(j))) {
              if (j + 1 < end && isSingleQuote(src.charCodeAt(j + 1))) {
                buf += src[j];
                j += 2;
                continue;
              }
              break;
            }
            buf += src[j++];
          }
          i = j + 1;
          continue;
        }
      }
      buf += src[i++];
    }
    if (buf || parts.length === 0) parts.push(buf);
    if (parts.length === 1 && typeof parts[0] === 'string') {
      return { kind: 'StringConstant', extent, value: parts[0], quote: quote === 'hereDouble' ? 'hereDouble' : quote };
    }
    return { kind: 'ExpandableString', extent, quote, parts };
  }
}

// ---------------------------------------------------------------- helpers

const FLOWS: A.FlowAst['flow'][] = ['break', 'continue', 'return', 'throw', 'exit'];
const SCOPES = new Set(['global', 'script', 'local', 'private', 'env', 'using', 'variable', 'function']);
const STREAMS: Record<string, A.StreamName> = { '1': 'output', '2': 'error', '3': 'warning', '4': 'verbose', '5': 'debug', '6': 'information', '*': 'all' };
const ARGLESS_ATTRIBUTES = new Set([
  'cmdletbinding',
  'parameter',
  'validatenotnull',
  'validatenotnullorempty',
  'allownull',
  'allowemptystring',
  'allowemptycollection',
  'supportswildcards',
]);

/** What may stand left of `=`: variables, properties, indexes, casts of those, and lists of them. */
function assignable(e: Expr): boolean {
  switch (e.kind) {
    case 'Variable':
    case 'MemberExpression':
    case 'IndexExpression':
      return true;
    case 'ConvertExpression':
      return assignable(e.operand);
    case 'ArrayLiteral':
      return e.elements.every(assignable);
    case 'ParenExpression':
      return e.pipeline.kind === 'Pipeline' && e.pipeline.elements.length === 1 && e.pipeline.elements[0].kind === 'CommandExpression' && assignable(e.pipeline.elements[0].expression);
    default:
      return false;
  }
}

function isToken(x: unknown): x is IToken {
  return typeof (x as IToken).image === 'string' && (x as IToken).tokenType !== undefined;
}
function tokenIs(t: IToken, type: import('chevrotain').TokenType): boolean {
  return t.tokenType === type || (t.tokenType.CATEGORIES?.includes(type) ?? false);
}

function parameterName(t: IToken): string {
  const img = t.image;
  return img.endsWith(':') ? img.slice(1, -1) : img.slice(1);
}

/** Operator text as the AST spells it: lower-case, Unicode dashes as `-`. */
function operatorText(t: IToken): string {
  const img = t.image;
  return isDash(img.charCodeAt(0)) ? '-' + img.slice(1).toLowerCase().replace(/^[\u2013\u2014\u2015]/, '-') : img.toLowerCase();
}

const PRECEDENCE: Record<string, number> = { '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, '-f': 6, '..': 7 };
const LOGICAL = new Set(['-and', '-or', '-xor']);
const BITWISE = new Set(['-band', '-bor', '-bxor', '-shl', '-shr']);
function precedence(op: string): number {
  const p = PRECEDENCE[op];
  if (p !== undefined) return p;
  if (LOGICAL.has(op)) return 1;
  if (BITWISE.has(op)) return 3;
  return 2; // comparison, -replace, -split, -join, -is, -as, -contains, -in ...
}

function unquoteSingle(s: string): string {
  if (s.indexOf("'") < 0 && !/[\u2018-\u201b]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    out += s[i];
    if (isSingleQuote(s.charCodeAt(i)) && isSingleQuote(s.charCodeAt(i + 1))) i++;
  }
  return out;
}

/** Start and end (relative to the token) of a here-string's body: after the header line, before the final newline. */
function hereBody(img: string): [number, number] {
  let a = 2;
  while (a < img.length && isBlank(img.charCodeAt(a))) a++;
  if (img.charCodeAt(a) === Ch.CR && img.charCodeAt(a + 1) === Ch.LF) a += 2;
  else a++;
  let b = img.length - 2;
  if (b > a && img.charCodeAt(b - 1) === Ch.LF) b--;
  if (b > a && img.charCodeAt(b - 1) === Ch.CR) b--;
  if (b < a) b = a;
  return [a, b];
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The character a backtick escape at `i` (after the backtick) stands for, and how many characters it used. */
function escapeAt(src: string, i: number): [string, number] {
  const ch = src[i];
  const mapped = ESCAPES[ch];
  if (mapped !== undefined) return [mapped, 1];
  if (ch === 'u' && src[i + 1] === '{') {
    const close = src.indexOf('}', i + 2);
    const hex = close > 0 ? src.slice(i + 2, close) : '';
    if (/^[0-9a-fA-F]{1,6}$/.test(hex)) return [String.fromCodePoint(parseInt(hex, 16)), close - i + 1];
  }
  if (ch === '\r' && src[i + 1] === '\n') return ['\r\n', 2];
  return [ch, 1];
}

/** Value of a bare word without `$`: quotes removed, backtick escapes applied. */
export function unescapeBare(img: string): string {
  if (!/[`'"\u2018-\u201e]/.test(img)) return img;
  let out = '';
  let inDouble = false;
  for (let i = 0; i < img.length; i++) {
    const c = img.charCodeAt(i);
    if (c === Ch.Backtick && i + 1 < img.length) {
      const [text, len] = escapeAt(img, i + 1);
      out += text;
      i += len;
      continue;
    }
    if (isDoubleQuote(c)) {
      if (inDouble && isDoubleQuote(img.charCodeAt(i + 1))) {
        out += img[i];
        i++;
        continue;
      }
      inDouble = !inDouble;
      continue;
    }
    if (!inDouble && isSingleQuote(c)) {
      let j = i + 1;
      while (j < img.length) {
        if (isSingleQuote(img.charCodeAt(j))) {
          if (isSingleQuote(img.charCodeAt(j + 1))) {
            out += img[j];
            j += 2;
            continue;
          }
          break;
        }
        out += img[j++];
      }
      i = j;
      continue;
    }
    out += img[i];
  }
  return out;
}

