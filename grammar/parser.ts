// The grammar. Rules recognise the syntax and hand the pieces they matched (tokens and the
// results of sub-rules) to the AST builder (to-ast.ts), which owns every semantic decision:
// operator precedence, string expansion, bareword values, extents; the rules hold no such logic.
// This is chevrotain's embedded-actions style rather than a CST plus visitor: building a CST costs
// about three times the parse itself (measured here: 1.6 MB/s with a CST against the 5 MB/s target),
// so the rules call the builder directly and no intermediate tree is allocated.
//
// Performance notes: the hot ORs take cached alternative arrays (a fresh array and its closures on
// every call showed up as garbage-collection time), and values that such cached alternatives need
// are passed through a few fields (label, pipelineExpression, head, postfixTarget), each read
// before anything nested can overwrite it. Binary operators are parsed as flat operand/operator
// lists and the builder applies precedence. Error codes in ERR_MSG ("E:<ErrorId>[:arg]") become
// PowerShell's messages in errors.ts.

import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { EmbeddedActionsParser, EOF, tokenMatcher, type IOrAlt, type IParserErrorMessageProvider, type Rule, type TokenType, type IToken } from 'chevrotain';
import { grammarFingerprint, lookaheadPaths, restoreRules, takeSnapshot, type GrammarSnapshot } from './snapshot.js';
import type * as A from './ast.js';
import * as T from './tokens.js';
import type { AstBuilder, AttributeArgument, BodyParts, CommandPart, TypeRef } from './to-ast.js';

const { Kw } = T;

/** Codes for chevrotain's generic errors; errors.ts reads them back. */
export const codeMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) => `mismatch:${expected.name}:${ruleName}`,
  buildNotAllInputParsedMessage: ({ ruleName }) => `notall::${ruleName}`,
  buildNoViableAltMessage: ({ customUserDescription, ruleName }) => customUserDescription ?? `noalt::${ruleName}`,
  buildEarlyExitMessage: ({ customUserDescription, ruleName }) => customUserDescription ?? `early::${ruleName}`,
};

/**
 * What a rule returns while chevrotain records the grammar (performSelfAnalysis runs every rule
 * once on placeholder tokens): the builder is not called then.
 */
const RECORDING = undefined as never;

const MAX_LOOKAHEAD = 3;

/** Chevrotain's grammar recorder methods (not in its typings), which the parser wraps. */
const recorder = EmbeddedActionsParser.prototype as unknown as {
  topLevelRuleRecord(name: string, impl: () => unknown): Rule;
  enableRecording(): void;
  disableRecording(): void;
};

type Expr = A.ExpressionAst;
type Stmt = A.StatementAst;
type Block = Stmt[];

export class PowerShellParser extends EmbeddedActionsParser {
  /** Set before each parse; receives what the rules matched. */
  b!: AstBuilder;

  // Alternatives of the hot ORs, built once (chevrotain's advice: an OR given a fresh array allocates
  // it and its closures on every call). They read the few values they need from the fields below.
  private altStatement?: IOrAlt<Stmt>[];
  private altPipelineHead?: IOrAlt<A.CommandAst | A.CommandExpressionAst | A.AssignmentAst>[];
  private altExpressionTail?: IOrAlt<A.CommandExpressionAst | A.AssignmentAst>[];
  private altCommandHead?: IOrAlt<void>[];
  private altCommandElement?: IOrAlt<CommandPart>[];
  private altCommandArgument?: IOrAlt<Expr>[];
  private altUnary?: IOrAlt<Expr>[];
  private altPostfix?: IOrAlt<Expr>[];
  private altMemberName?: IOrAlt<IToken | Expr>[];
  private altIncrement?: IOrAlt<IToken>[];
  private readonly altCondition: (IOrAlt<A.PipelineAst | A.AssignmentAst>[] | undefined)[] = [];
  private readonly altBlock: (IOrAlt<Block>[] | undefined)[] = [];
  /** The label read before the statement being parsed (`:outer foreach`), taken by loops. */
  private label: IToken | undefined;
  /** The expression that starts the pipeline being read, for the rule that reads what follows it. */
  private pipelineExpression: Expr | undefined;
  /** Command head being read. */
  private head: IToken | Expr | undefined;
  private invocation: IToken | undefined;
  /** Target of the postfix operator being read. */
  private postfixTarget: Expr | undefined;
  private postfixLoop?: () => void;
  private incrementOption?: () => void;

  private takeLabel(): IToken | undefined {
    const l = this.label;
    this.label = undefined;
    return l;
  }

  /** Rules taken from a grammar snapshot instead of being recorded. */
  private readonly snapshotRules?: Map<string, Rule>;

  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion); the grammar tests
   * turn it on, the shell skips it at start-up. `snapshot` (from PowerShellParser.snapshot(), of
   * this grammar: see matches) gives the recorded rules and the lookahead paths.
   */
  constructor(opts: { validate?: boolean; snapshot?: GrammarSnapshot } = {}) {
    const tokens = opts.snapshot && new Map([...T.allTokens, EOF].map((t) => [t.name, t]));
    super(T.allTokens, {
      maxLookahead: MAX_LOOKAHEAD,
      recoveryEnabled: false,
      errorMessageProvider: codeMessages,
      skipValidations: !opts.validate,
      lookaheadStrategy: new LazyLookaheadStrategy(MAX_LOOKAHEAD, opts.snapshot && lookaheadPaths(opts.snapshot, tokens!)),
    });
    this.snapshotRules = opts.snapshot && restoreRules(opts.snapshot, tokens!);
    this.performSelfAnalysis();
  }

  /** What identifies this grammar in a snapshot. */
  static fingerprint(): string {
    return grammarFingerprint(PowerShellParser, T.allTokens, MAX_LOOKAHEAD);
  }

  /** The snapshot was taken from this grammar. */
  static matches(snapshot: GrammarSnapshot): boolean {
    return snapshot.fingerprint === PowerShellParser.fingerprint();
  }

  /** The recorded rules and every decision's lookahead paths (tens of ms). */
  snapshot(): GrammarSnapshot {
    return takeSnapshot(Object.values(this.getGAstProductions()), MAX_LOOKAHEAD, PowerShellParser.fingerprint());
  }

  // Chevrotain's grammar recording (performSelfAnalysis) installs its recording DSL on the parser,
  // runs each rule through topLevelRuleRecord, then deletes the DSL again. With a snapshot each rule
  // is taken from it, and the DSL (4 ms to install and delete) is not needed.

  topLevelRuleRecord(name: string, impl: () => unknown): Rule {
    if (!this.snapshotRules) return recorder.topLevelRuleRecord.call(this, name, impl);
    const rule = this.snapshotRules.get(name);
    if (!rule) throw new Error(`The grammar snapshot has no rule ${name}.`);
    return rule;
  }

  enableRecording(): void {
    if (!this.snapshotRules) recorder.enableRecording.call(this);
  }

  disableRecording(): void {
    if (!this.snapshotRules) recorder.disableRecording.call(this);
  }

  // ---------------------------------------------------------------- lookahead helpers

  /** Newlines, skipped (index `i` keeps each occurrence distinct within a rule). */
  private nl(i: number): void {
    this.many(100 + i, (this.nlSkip[i] ??= () => this.consume(100 + i, T.Newline)));
  }
  private readonly nlSkip: (() => void)[] = [];
  /** Cached alternatives of ORs that capture nothing, by name. */
  private readonly alts: Record<string, IOrAlt<any>[]> = {};

  /** The next token after any newlines is of type `t`. */
  private nextAfterNewlines(t: TokenType): boolean {
    let i = 1;
    let tok: IToken = this.LA(i);
    while (tokenMatcher(tok, T.Newline)) tok = this.LA(++i);
    return tokenMatcher(tok, t);
  }

  /** `[attr()]... param(` ahead: the script block has a param block. */
  private paramBlockAhead(): boolean {
    let i = 1;
    for (;;) {
      const tok = this.LA(i);
      if (tokenMatcher(tok, Kw.param)) return true;
      if (tokenMatcher(tok, T.Newline)) {
        i++;
        continue;
      }
      if (!tokenMatcher(tok, T.LBracketType)) return false;
      let depth = 0;
      for (;;) {
        const t = this.LA(i++);
        if (tokenMatcher(t, T.LBracketType)) depth++;
        else if (tokenMatcher(t, T.RBracketType)) {
          if (--depth === 0) break;
        } else if (t.tokenType.name === 'EOF') return false;
      }
    }
  }

  /** Offset where the next token starts. */
  private here(): number {
    return this.LA(1).startOffset;
  }
  /** Offset just after the last consumed token. */
  private end(): number {
    const t = this.LA(0);
    return t.startOffset + t.image.length;
  }

  // ---------------------------------------------------------------- script blocks

  /** Body of a script, script block or function: optional param block, then named blocks or statements. */
  public scriptBody = this.RULE('scriptBody', (): BodyParts => {
    const parts: BodyParts = {};
    this.MANY(() => this.CONSUME(T.Sep));
    this.OPTION({ GATE: () => this.paramBlockAhead(), DEF: () => (parts.paramBlock = this.SUBRULE(this.paramBlock)) });
    this.MANY2(() => this.CONSUME2(T.Sep));
    this.OR([
      {
        ALT: () => {
          const named: { kw: IToken; body: Block }[] = [];
          this.AT_LEAST_ONE(() => {
            named.push(this.SUBRULE(this.namedBlock));
            this.MANY3(() => this.CONSUME3(T.Sep));
          });
          parts.named = named;
        },
      },
      { ALT: () => (parts.statements = this.SUBRULE(this.statementList)) },
    ]);
    return parts;
  });

  public paramBlock = this.RULE('paramBlock', (): A.ParamBlockAst => {
    const start = this.here();
    const attributes: TypeRef[] = [];
    this.MANY(() => {
      attributes.push(this.SUBRULE(this.bracketType));
      this.nl(1);
    });
    this.CONSUME(Kw.param);
    this.nl(2);
    this.CONSUME(T.LParen);
    const parameters = this.SUBRULE(this.parameterList);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInFunctionParameterList' });
    return this.RECORDING_PHASE ? RECORDING : this.b.paramBlock(start, this.end(), attributes, parameters);
  });

  public parameterList = this.RULE('parameterList', (): A.ParameterAst[] => {
    const list: A.ParameterAst[] = [];
    this.nl(1);
    this.OPTION(() => {
      list.push(this.SUBRULE(this.parameter));
      this.nl(2);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.nl(3);
        list.push(this.SUBRULE2(this.parameter));
        this.nl(4);
      });
    });
    return list;
  });

  public parameter = this.RULE('parameter', (): A.ParameterAst => {
    const start = this.here();
    const attributes: TypeRef[] = [];
    let value: Expr | undefined;
    this.MANY(() => {
      attributes.push(this.SUBRULE(this.bracketType));
      this.nl(1);
    });
    const variable = this.CONSUME(T.Variable);
    this.OPTION(() => {
      this.CONSUME(T.AssignOp);
      this.nl(2);
      value = this.SUBRULE(this.argExpression);
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.parameterDeclaration(start, this.end(), attributes, variable, value);
  });

  public namedBlock = this.RULE('namedBlock', (): { kw: IToken; body: Block } => {
    const kw: IToken = this.OR(
      (this.alts.namedBlock ??= [
        { ALT: () => this.CONSUME(Kw.begin) },
        { ALT: () => this.CONSUME(Kw.process) },
        { ALT: () => this.CONSUME(Kw.end) },
        { ALT: () => this.CONSUME(Kw.dynamicparam) },
      ]),
    );
    this.nl(1);
    const body = this.SUBRULE(this.block);
    return { kw, body };
  });

  /** `{ statements }` */
  public block = this.RULE('block', (): Block => {
    this.CONSUME(T.LBrace);
    const body = this.SUBRULE(this.statementList);
    this.CONSUME(T.RBrace, { ERR_MSG: 'E:MissingEndCurlyBrace' });
    return body;
  });

  public statementList = this.RULE('statementList', (): Block => {
    const list: Block = [];
    this.MANY(() => this.CONSUME(T.Sep));
    this.OPTION(() => {
      list.push(this.SUBRULE(this.statement));
      this.MANY2(() => {
        this.CONSUME2(T.Sep);
        this.OPTION2(() => list.push(this.SUBRULE2(this.statement)));
      });
    });
    return list;
  });

  // ---------------------------------------------------------------- statements

  public statement = this.RULE('statement', (): Stmt => {
    this.label = undefined;
    this.OPTION(() => (this.label = this.CONSUME(T.Label)));
    return this.OR(
      (this.altStatement ??= [
        { ALT: () => this.SUBRULE(this.pipeline) },
        { ALT: () => this.SUBRULE(this.ifStatement) },
        { ALT: () => this.SUBRULE(this.switchStatement) },
        { ALT: () => this.SUBRULE(this.foreachStatement) },
        { ALT: () => this.SUBRULE(this.forStatement) },
        { ALT: () => this.SUBRULE(this.whileStatement) },
        { ALT: () => this.SUBRULE(this.doStatement) },
        { ALT: () => this.SUBRULE(this.functionDefinition) },
        { ALT: () => this.SUBRULE(this.tryStatement) },
        { ALT: () => this.SUBRULE(this.trapStatement) },
        { ALT: () => this.SUBRULE(this.flowStatement) },
      ]),
    );
  });

  /** A condition inside `( )`; a single-alternative OR carries the keyword's error. */
  private condition(idx: number, code: string): A.PipelineAst | A.AssignmentAst {
    return this.or(200 + idx, { DEF: (this.altCondition[idx] ??= [{ ALT: () => this.subrule(200 + idx, this.pipeline) }]), ERR_MSG: code });
  }
  /** A statement block after a keyword, with the keyword's error when missing. */
  private keywordBlock(idx: number, code: string): Block {
    return this.or(150 + idx, { DEF: (this.altBlock[idx] ??= [{ ALT: () => this.subrule(150 + idx, this.block) }]), ERR_MSG: code });
  }

  public ifStatement = this.RULE('ifStatement', (): A.IfAst => {
    const start = this.here();
    const clauses: { condition: A.PipelineAst | A.AssignmentAst; body: Block }[] = [];
    let elseBody: Block | undefined;
    this.CONSUME(Kw.if);
    this.nl(1);
    this.CONSUME(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisInIfStatement:if' });
    this.nl(2);
    const condition = this.condition(1, 'E:IfStatementMissingCondition:if');
    this.nl(3);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterStatement:if' });
    this.nl(4);
    clauses.push({ condition, body: this.keywordBlock(1, 'E:MissingStatementBlock:if') });
    this.MANY({
      GATE: () => this.nextAfterNewlines(Kw.elseif),
      DEF: () => {
        this.nl(5);
        this.CONSUME(Kw.elseif);
        this.nl(6);
        this.CONSUME2(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisInIfStatement:elseif' });
        this.nl(7);
        const c = this.condition(2, 'E:IfStatementMissingCondition:elseif');
        this.nl(8);
        this.CONSUME2(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterStatement:elseif' });
        this.nl(9);
        clauses.push({ condition: c, body: this.keywordBlock(2, 'E:MissingStatementBlock:elseif') });
      },
    });
    this.OPTION({
      GATE: () => this.nextAfterNewlines(Kw.else),
      DEF: () => {
        this.nl(10);
        this.CONSUME(Kw.else);
        this.nl(11);
        elseBody = this.keywordBlock(3, 'E:MissingStatementBlockAfterElse');
      },
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.ifStatement(start, this.end(), clauses, elseBody);
  });

  public switchStatement = this.RULE('switchStatement', (): A.SwitchAst => {
    const label = this.takeLabel();
    const start = this.here();
    const flags: IToken[] = [];
    const clauses: { pattern: IToken | Expr; body: Block }[] = [];
    this.CONSUME(Kw.switch);
    this.MANY(() => flags.push(this.CONSUME(T.Parameter)));
    this.nl(1);
    const condition = this.OR({
      DEF: [
        {
          ALT: (): Stmt | IToken => {
            this.CONSUME(T.LParen);
            this.nl(2);
            const c = this.condition(1, 'E:MissingSwitchValueExpression');
            this.nl(3);
            this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInSwitchStatement' });
            return c;
          },
        },
        { ALT: () => this.CONSUME(T.Variable) },
        { ALT: () => this.CONSUME(T.StringTok) },
      ],
      ERR_MSG: 'E:PipelineValueRequired',
    });
    this.nl(4);
    this.CONSUME(T.LBrace, { ERR_MSG: 'E:MissingCurlyBraceInSwitchStatement' });
    this.MANY2(() =>
      this.OR2([
        { ALT: () => this.CONSUME(T.Sep) },
        {
          ALT: () => {
            const pattern = this.OR3([
              { ALT: (): IToken | Expr => this.CONSUME(T.CommandName) },
              { ALT: () => this.CONSUME(T.Identifier) },
              { ALT: () => this.CONSUME(T.BareWord) },
              { ALT: () => this.CONSUME(T.Keyword) },
              { ALT: () => this.SUBRULE(this.unaryExpression) },
            ]);
            this.nl(5);
            clauses.push({ pattern, body: this.keywordBlock(1, 'E:MissingSwitchStatementClause') });
          },
        },
      ]),
    );
    this.CONSUME(T.RBrace, { ERR_MSG: 'E:MissingEndCurlyBrace' });
    return this.RECORDING_PHASE ? RECORDING : this.b.switchStatement(start, this.end(), label, flags, condition, clauses);
  });

  public foreachStatement = this.RULE('foreachStatement', (): A.ForEachAst => {
    const label = this.takeLabel();
    const start = this.here();
    this.CONSUME(Kw.foreach);
    this.nl(1);
    this.CONSUME(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisAfterKeyword:foreach' });
    this.nl(2);
    const variable = this.CONSUME(T.Variable, { ERR_MSG: 'E:MissingVariableNameAfterForeach' });
    this.nl(3);
    this.CONSUME(Kw.in, { ERR_MSG: 'E:MissingInInForeach' });
    this.nl(4);
    const iterable = this.condition(1, 'E:MissingForeachExpression');
    this.nl(5);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterForeach' });
    this.nl(6);
    const body = this.keywordBlock(1, 'E:MissingForeachStatement');
    return this.RECORDING_PHASE ? RECORDING : this.b.foreachStatement(start, this.end(), label, variable, iterable, body);
  });

  public forStatement = this.RULE('forStatement', (): A.ForAst => {
    const label = this.takeLabel();
    const start = this.here();
    let initializer: Stmt | undefined;
    let condition: Stmt | undefined;
    let iterator: Stmt | undefined;
    this.CONSUME(Kw.for);
    this.nl(1);
    this.CONSUME(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisAfterKeyword:for' });
    this.nl(2);
    this.OPTION(() => (initializer = this.SUBRULE(this.pipeline)));
    this.OPTION2(() => {
      this.CONSUME(T.Sep);
      this.nl(3);
      this.OPTION3(() => (condition = this.SUBRULE2(this.pipeline)));
      this.OPTION4(() => {
        this.CONSUME2(T.Sep);
        this.nl(4);
        this.OPTION5(() => (iterator = this.SUBRULE3(this.pipeline)));
      });
    });
    this.nl(5);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterStatement:for' });
    this.nl(6);
    const body = this.keywordBlock(1, 'E:MissingLoopStatement:for');
    return this.RECORDING_PHASE ? RECORDING : this.b.forStatement(start, this.end(), label, initializer, condition, iterator, body);
  });

  public whileStatement = this.RULE('whileStatement', (): A.WhileAst => {
    const label = this.takeLabel();
    const start = this.here();
    this.CONSUME(Kw.while);
    this.nl(1);
    this.CONSUME(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisAfterKeyword:while' });
    this.nl(2);
    const condition = this.condition(1, 'E:MissingExpressionAfterKeyword:while');
    this.nl(3);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterStatement:while' });
    this.nl(4);
    const body = this.keywordBlock(1, 'E:MissingLoopStatement:while');
    return this.RECORDING_PHASE ? RECORDING : this.b.whileStatement(start, this.end(), label, condition, body);
  });

  public doStatement = this.RULE('doStatement', (): A.DoLoopAst => {
    const label = this.takeLabel();
    const start = this.here();
    this.CONSUME(Kw.do);
    this.nl(1);
    const body = this.keywordBlock(1, 'E:MissingLoopStatement:do');
    this.nl(2);
    const kw: IToken = this.OR({ DEF: (this.alts.doKeyword ??= [{ ALT: () => this.CONSUME(Kw.while) }, { ALT: () => this.CONSUME(Kw.until) }]), ERR_MSG: 'E:MissingWhileOrUntilInDoWhile' });
    this.nl(3);
    this.CONSUME(T.LParen, { ERR_MSG: 'E:MissingOpenParenthesisAfterKeyword:while' });
    this.nl(4);
    const condition = this.condition(2, 'E:MissingExpressionAfterKeyword:while');
    this.nl(5);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisAfterStatement:while' });
    return this.RECORDING_PHASE ? RECORDING : this.b.doStatement(start, this.end(), label, kw, condition, body);
  });

  public functionDefinition = this.RULE('functionDefinition', (): A.FunctionDefinitionAst => {
    const start = this.here();
    let parameters: A.ParameterAst[] | undefined;
    const kw: IToken = this.OR((this.alts.functionKeyword ??= [{ ALT: () => this.CONSUME(Kw.function) }, { ALT: () => this.CONSUME(Kw.filter) }]));
    const name: IToken = this.OR2({
      DEF: (this.alts.functionName ??= [{ ALT: () => this.CONSUME(T.BareWord) }, { ALT: () => this.CONSUME(T.NumberTok) }]),
      ERR_MSG: 'E:MissingNameAfterKeyword',
    });
    this.nl(1);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      parameters = this.SUBRULE(this.parameterList);
      this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInFunctionParameterList' });
      this.nl(2);
    });
    const bodyStart = this.here();
    this.CONSUME(T.LBrace, { ERR_MSG: 'E:MissingFunctionBody' });
    const body = this.SUBRULE(this.scriptBody);
    this.CONSUME(T.RBrace, { ERR_MSG: 'E:MissingEndCurlyBrace' });
    return this.RECORDING_PHASE ? RECORDING : this.b.functionDefinition(start, this.end(), kw, name, parameters, bodyStart, body);
  });

  public tryStatement = this.RULE('tryStatement', (): A.TryAst => {
    const start = this.here();
    const catches: { types: TypeRef[]; body: Block }[] = [];
    let finallyBody: Block | undefined;
    this.CONSUME(Kw.try);
    this.nl(1);
    const body = this.keywordBlock(1, 'E:MissingTryStatementBlock');
    this.MANY({
      GATE: () => this.nextAfterNewlines(Kw.catch),
      DEF: () => {
        const types: TypeRef[] = [];
        this.nl(2);
        this.CONSUME(Kw.catch);
        this.nl(3);
        this.OPTION(() => {
          types.push(this.SUBRULE(this.bracketType));
          this.MANY2(() => {
            this.CONSUME(T.Comma);
            this.nl(4);
            types.push(this.SUBRULE2(this.bracketType));
          });
        });
        this.nl(5);
        catches.push({ types, body: this.keywordBlock(2, 'E:MissingCatchHandlerBlock') });
      },
    });
    this.OPTION2({
      GATE: () => this.nextAfterNewlines(Kw.finally),
      DEF: () => {
        this.nl(6);
        this.CONSUME(Kw.finally);
        this.nl(7);
        finallyBody = this.keywordBlock(3, 'E:MissingFinallyStatementBlock');
      },
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.tryStatement(start, this.end(), body, catches, finallyBody);
  });

  public trapStatement = this.RULE('trapStatement', (): A.TrapAst => {
    const start = this.here();
    let type: TypeRef | undefined;
    this.CONSUME(Kw.trap);
    this.nl(1);
    this.OPTION(() => (type = this.SUBRULE(this.bracketType)));
    this.nl(2);
    const body = this.keywordBlock(1, 'E:MissingTrapStatement');
    return this.RECORDING_PHASE ? RECORDING : this.b.trapStatement(start, this.end(), type, body);
  });

  public flowStatement = this.RULE('flowStatement', (): A.FlowAst => {
    const start = this.here();
    let label: IToken | undefined;
    let value: Stmt | undefined;
    const kw = this.OR([
      {
        ALT: () => {
          const k = this.OR2([{ ALT: () => this.CONSUME(Kw.break) }, { ALT: () => this.CONSUME(Kw.continue) }]);
          this.OPTION(
            () =>
              (label = this.OR3([{ ALT: () => this.CONSUME(T.CommandName) }, { ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.BareWord) }])),
          );
          return k;
        },
      },
      {
        ALT: () => {
          const k = this.OR4([{ ALT: () => this.CONSUME(Kw.return) }, { ALT: () => this.CONSUME(Kw.throw) }, { ALT: () => this.CONSUME(Kw.exit) }]);
          this.OPTION2(() => (value = this.SUBRULE(this.pipeline)));
          return k;
        },
      },
    ]);
    return this.RECORDING_PHASE ? RECORDING : this.b.flowStatement(start, this.end(), kw, label, value);
  });

  // ---------------------------------------------------------------- pipelines and commands

  /** A pipeline, or an assignment whose right-hand side is a statement. */
  public pipeline = this.RULE('pipeline', (): A.PipelineAst | A.AssignmentAst => {
    const start = this.here();
    const head = this.OR(
      (this.altPipelineHead ??= [
        { ALT: () => this.SUBRULE(this.command) },
        {
          ALT: () => {
            this.pipelineExpression = this.SUBRULE(this.expression);
            return this.OR2((this.altExpressionTail ??= [{ ALT: () => this.SUBRULE(this.assignment) }, { ALT: () => this.SUBRULE(this.expressionRedirections) }]));
          },
        },
      ]),
    );
    if (head.kind === 'Assignment') return head;
    const elements: (A.CommandAst | A.CommandExpressionAst)[] = [head];
    this.MANY2(() => {
      this.CONSUME(T.Pipe);
      elements.push(this.SUBRULE2(this.command));
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.pipeline(start, this.end(), elements);
  });

  /** `= statement` after the expression that starts a pipeline. */
  public assignment = this.RULE('assignment', (): A.AssignmentAst => {
    const left = this.pipelineExpression!;
    const op = this.CONSUME(T.AssignOp);
    this.nl(1);
    const right = this.SUBRULE(this.statement);
    return this.RECORDING_PHASE ? RECORDING : this.b.assignment(left.extent.startOffset, this.end(), left, op, right);
  });

  /** Redirections after the expression that starts a pipeline. */
  public expressionRedirections = this.RULE('expressionRedirections', (): A.CommandExpressionAst => {
    const expression = this.pipelineExpression!;
    const redirections: A.RedirectionAst[] = [];
    this.MANY(() => redirections.push(this.SUBRULE(this.redirection)));
    return this.RECORDING_PHASE ? RECORDING : this.b.commandExpression(expression, redirections);
  });

  public command = this.RULE('command', (): A.CommandAst => {
    const start = this.here();
    this.invocation = undefined;
    this.OR(
      (this.altCommandHead ??= [
        {
          ALT: () => {
            this.head = this.CONSUME(T.CommandName);
          },
        },
        {
          ALT: () => {
            const op = this.OR2([{ ALT: () => this.CONSUME(T.CallOp) }, { ALT: () => this.CONSUME(T.DotSource) }]);
            this.head = this.OR3({ DEF: [{ ALT: () => this.SUBRULE(this.commandArgument) }], ERR_MSG: 'E:MissingExpression' });
            this.invocation = op;
          },
        },
      ]),
    );
    const head = this.head!;
    const invocation = this.invocation;
    const parts: CommandPart[] = [];
    this.MANY(() => parts.push(this.SUBRULE(this.commandElement)));
    return this.RECORDING_PHASE ? RECORDING : this.b.command(start, this.end(), invocation, head, parts);
  });

  /** `-Name`, `-Name:value`, a redirection, or an argument (`a` or the array `a, b, c`). */
  public commandElement = this.RULE('commandElement', (): CommandPart => {
    return this.OR(
      (this.altCommandElement ??= [
        {
          ALT: () => {
            const parameter = this.CONSUME(T.ParameterColon);
            let args: Expr[] | undefined;
            this.OPTION(() => (args = this.SUBRULE(this.argumentList)));
            return this.RECORDING_PHASE ? RECORDING : this.b.parameter(parameter, args);
          },
        },
        {
          ALT: () => {
            const parameter = this.CONSUME(T.ParameterPlain);
            return this.RECORDING_PHASE ? RECORDING : this.b.parameter(parameter, undefined);
          },
        },
        { ALT: () => this.SUBRULE(this.redirection) },
        {
          // a bare word alone is the most common argument: no sub-rule for it
          GATE: () => !tokenMatcher(this.LA(2), T.Comma),
          ALT: () => {
            const t = this.CONSUME(T.BareWord);
            return this.RECORDING_PHASE ? RECORDING : this.b.bareword(t);
          },
        },
        {
          ALT: () => {
            const args = this.SUBRULE2(this.argumentList);
            return this.RECORDING_PHASE ? RECORDING : this.b.arguments(args);
          },
        },
      ]),
    );
  });

  /** `a` or `a, b, c` */
  public argumentList = this.RULE('argumentList', (): Expr[] => {
    const args: Expr[] = [this.SUBRULE(this.commandArgument)];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.nl(1);
      args.push(this.SUBRULE2(this.commandArgument));
    });
    return args;
  });

  public commandArgument = this.RULE('commandArgument', (): Expr => {
    return this.OR(
      (this.altCommandArgument ??= [
        {
          ALT: () => {
            const t = this.CONSUME(T.BareWord);
            return this.RECORDING_PHASE ? RECORDING : this.b.bareword(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.SplatVariable);
            return this.RECORDING_PHASE ? RECORDING : this.b.variable(t, true);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.CommandName);
            return this.RECORDING_PHASE ? RECORDING : this.b.bareword(t);
          },
        },
        { ALT: () => this.SUBRULE(this.unaryExpression) },
      ]),
    );
  });

  public redirection = this.RULE('redirection', (): A.RedirectionAst => {
    const start = this.here();
    let target: Expr | undefined;
    const op = this.OR([
      { ALT: () => this.CONSUME(T.RedirectMerge) },
      {
        ALT: () => {
          const t = this.CONSUME(T.RedirectFile);
          target = this.OR2({ DEF: [{ ALT: () => this.SUBRULE(this.commandArgument) }], ERR_MSG: 'E:MissingFileSpecification' });
          return t;
        },
      },
    ]);
    return this.RECORDING_PHASE ? RECORDING : this.b.redirection(start, this.end(), op, target);
  });

  // ---------------------------------------------------------------- expressions

  /**
   * Unary operands separated by binary operators, the comma included (it binds tightest);
   * precedence and array literals are applied by the builder.
   */
  public expression = this.RULE('expression', (): Expr => {
    const first = this.SUBRULE(this.unaryExpression);
    // most expressions are a single operand: skip the loop (it is still recorded for the grammar)
    if (!this.RECORDING_PHASE && !tokenMatcher(this.LA(1), T.BinaryOp)) return first;
    const operands: Expr[] = [first];
    const ops: IToken[] = [];
    this.MANY(() => {
      ops.push(this.CONSUME(T.BinaryOp));
      this.nl(1);
      operands.push(this.SUBRULE2(this.unaryExpression));
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.expression(operands, ops);
  });

  /** Method-call arguments: like an expression, but its top-level commas separate arguments. */
  public callArguments = this.RULE('callArguments', (): Expr[] => {
    const operands: Expr[] = [this.SUBRULE(this.unaryExpression)];
    const ops: IToken[] = [];
    this.MANY(() => {
      ops.push(this.CONSUME(T.BinaryOp));
      this.nl(1);
      operands.push(this.SUBRULE2(this.unaryExpression));
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.callArguments(operands, ops);
  });

  /** An expression without the comma operator: parameter defaults and attribute arguments. */
  public argExpression = this.RULE('argExpression', (): Expr => {
    const operands: Expr[] = [this.SUBRULE(this.unaryExpression)];
    const ops: IToken[] = [];
    this.MANY({
      GATE: () => !tokenMatcher(this.LA(1), T.Comma),
      DEF: () => {
        ops.push(this.CONSUME(T.BinaryOp));
        this.nl(1);
        operands.push(this.SUBRULE2(this.unaryExpression));
      },
    });
    return this.RECORDING_PHASE ? RECORDING : this.b.expression(operands, ops);
  });

  /** A prefix operator, cast or primary expression, then member access / indexing / invocation, then `++`/`--`. */
  public unaryExpression = this.RULE('unaryExpression', (): Expr => {
    const e = this.OR(
      (this.altUnary ??= [
        {
          ALT: () => {
            const t = this.CONSUME(T.Variable);
            return this.RECORDING_PHASE ? RECORDING : this.b.variable(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.StringTok);
            return this.RECORDING_PHASE ? RECORDING : this.b.string(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.NumberTok);
            return this.RECORDING_PHASE ? RECORDING : this.b.number(t);
          },
        },
        {
          ALT: () => {
            const op = this.CONSUME(T.PrefixOp);
            const operand = this.SUBRULE(this.unaryExpression);
            return this.RECORDING_PHASE ? RECORDING : this.b.prefix(op, operand);
          },
        },
        {
          ALT: () => {
            const type = this.SUBRULE(this.bracketType);
            let operand: Expr | undefined;
            this.OPTION2(() => (operand = this.SUBRULE2(this.unaryExpression)));
            return this.RECORDING_PHASE ? RECORDING : this.b.typeOrCast(type, operand);
          },
        },
        { ALT: () => this.SUBRULE(this.parenExpression) },
        { ALT: () => this.SUBRULE(this.subExpression) },
        { ALT: () => this.SUBRULE(this.hashtable) },
        { ALT: () => this.SUBRULE(this.scriptBlockExpression) },
      ]),
    );
    // member access, indexing, `++`/`--`: loops skipped when nothing of the kind follows (still recorded)
    if (!this.RECORDING_PHASE) {
      const next = this.LA(1).tokenType;
      if (next !== T.Dot && next !== T.DotCmd && next !== T.ColonColon && next !== T.ColonColonCmd && next !== T.NullDot && next !== T.LBracketIndex && next !== T.NullIndex && next !== T.PlusPlus && next !== T.MinusMinus) {
        return e;
      }
    }
    this.postfixTarget = e;
    this.MANY((this.postfixLoop ??= () => (this.postfixTarget = this.SUBRULE(this.postfixOp))));
    this.OPTION(
      (this.incrementOption ??= () => {
        const op: IToken = this.OR2((this.altIncrement ??= [{ ALT: () => this.CONSUME(T.PlusPlus) }, { ALT: () => this.CONSUME(T.MinusMinus) }]));
        if (!this.RECORDING_PHASE) this.postfixTarget = this.b.postfixIncrement(this.postfixTarget!, op);
      }),
    );
    return this.postfixTarget;
  });

  /** `.Name`, `::Name`, `?.Name`, `.Method(args)`, `[index]`, `?[index]` applied to the target before it. */
  public postfixOp = this.RULE('postfixOp', (): Expr => {
    return this.OR(
      (this.altPostfix ??= [
        {
          ALT: () => {
            const target = this.postfixTarget!;
            const access = this.CONSUME(T.MemberAccess);
            const member = this.OR2({
              DEF: (this.altMemberName ??= [
                { ALT: (): IToken | Expr => this.CONSUME(T.Identifier) },
                { ALT: () => this.CONSUME(T.Keyword) },
                { ALT: () => this.CONSUME(T.StringTok) },
                { ALT: () => this.CONSUME(T.Variable) },
                { ALT: () => this.SUBRULE(this.parenExpression) },
              ]),
              ERR_MSG: 'E:MissingPropertyName',
            });
            let args: Expr[] | undefined;
            this.OPTION(() => {
              this.CONSUME(T.LParenCall);
              args = [];
              this.OPTION2(() => (args = this.SUBRULE(this.callArguments)));
              this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInMethodCall' });
            });
            return this.RECORDING_PHASE ? RECORDING : this.b.member(target, access, member, args, this.end());
          },
        },
        {
          ALT: () => {
            const target = this.postfixTarget!;
            const open: IToken = this.OR3((this.alts.indexOpen ??= [{ ALT: () => this.CONSUME(T.LBracketIndex) }, { ALT: () => this.CONSUME(T.NullIndex) }]));
            const index: Expr = this.OR4({ DEF: (this.alts.index ??= [{ ALT: () => this.SUBRULE2(this.expression) }]), ERR_MSG: 'E:MissingArrayIndexExpression' });
            this.CONSUME(T.RBracketIndex, { ERR_MSG: 'E:MissingEndSquareBracket' });
            return this.RECORDING_PHASE ? RECORDING : this.b.index(target, open, index, this.end());
          },
        },
      ]),
    );
  });

  public parenExpression = this.RULE('parenExpression', (): A.ParenExpressionAst => {
    const start = this.here();
    this.CONSUME(T.LParen);
    this.nl(1);
    const pipeline: Stmt = this.OR({ DEF: (this.alts.parenPipeline ??= [{ ALT: () => this.SUBRULE(this.pipeline) }]), ERR_MSG: 'E:ExpectedExpression' });
    this.nl(2);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInExpression' });
    return this.RECORDING_PHASE ? RECORDING : this.b.paren(start, this.end(), pipeline);
  });

  /** `$( ... )` and `@( ... )` */
  public subExpression = this.RULE('subExpression', (): Expr => {
    const start = this.here();
    const open: IToken = this.OR((this.alts.subExpression ??= [{ ALT: () => this.CONSUME(T.DollarParen) }, { ALT: () => this.CONSUME(T.AtParen) }]));
    const statements = this.SUBRULE(this.statementList);
    this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInSubexpression' });
    return this.RECORDING_PHASE ? RECORDING : this.b.subExpression(start, this.end(), open, statements);
  });

  public hashtable = this.RULE('hashtable', (): A.HashtableAst => {
    const start = this.here();
    const pairs: { key: Expr; value: Stmt }[] = [];
    this.CONSUME(T.AtBrace);
    this.MANY(() => {
      const pair = this.OR(
        (this.alts.hashItem ??= [
          {
            ALT: () => {
              this.CONSUME(T.Sep);
              return undefined;
            },
          },
          { ALT: () => this.SUBRULE(this.hashEntry) },
        ]),
      );
      if (pair) pairs.push(pair);
    });
    this.CONSUME(T.RBrace, { ERR_MSG: 'E:IncompleteHashLiteral' });
    return this.RECORDING_PHASE ? RECORDING : this.b.hashtable(start, this.end(), pairs);
  });

  /** `key = statement` */
  public hashEntry = this.RULE('hashEntry', (): { key: Expr; value: Stmt } => {
    const key: Expr = this.OR(
      (this.alts.hashKey ??= [
        {
          ALT: () => {
            const t = this.CONSUME(T.HashKey);
            return this.RECORDING_PHASE ? RECORDING : this.b.hashKey(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.StringTok);
            return this.RECORDING_PHASE ? RECORDING : this.b.string(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.NumberTok);
            return this.RECORDING_PHASE ? RECORDING : this.b.number(t);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Variable);
            return this.RECORDING_PHASE ? RECORDING : this.b.variable(t);
          },
        },
        { ALT: (): Expr => this.SUBRULE(this.parenExpression) },
      ]),
    );
    this.CONSUME(T.HashEq, { ERR_MSG: 'E:MissingEqualsInHashLiteral' });
    this.nl(1);
    const value: Stmt = this.OR2({ DEF: (this.alts.hashValue ??= [{ ALT: () => this.SUBRULE(this.statement) }]), ERR_MSG: 'E:MissingStatementInHashLiteral' });
    return { key, value };
  });

  public scriptBlockExpression = this.RULE('scriptBlockExpression', (): A.ScriptBlockExpressionAst => {
    const start = this.here();
    this.CONSUME(T.LBrace);
    const body = this.SUBRULE(this.scriptBody);
    this.CONSUME(T.RBrace, { ERR_MSG: 'E:MissingEndCurlyBrace' });
    return this.RECORDING_PHASE ? RECORDING : this.b.scriptBlockExpression(start, this.end(), body);
  });

  /** `[type]`, `[type[]]`, `[Generic[string]]`, `[Attribute(args)]` */
  public bracketType = this.RULE('bracketType', (): TypeRef => {
    const start = this.here();
    let args: AttributeArgument[] | undefined;
    this.CONSUME(T.LBracketType);
    const nameStart = this.here();
    this.OR({ DEF: (this.alts.typeName ??= [{ ALT: () => this.SUBRULE(this.typeName) }]), ERR_MSG: 'E:MissingTypename' });
    const nameEnd = this.end();
    this.OPTION(() => {
      args = [];
      this.CONSUME(T.LParenCall);
      this.OPTION2(() => {
        args!.push(this.SUBRULE(this.attributeArgument));
        this.MANY(() => {
          this.CONSUME(T.Comma);
          args!.push(this.SUBRULE2(this.attributeArgument));
        });
      });
      this.CONSUME(T.RParen, { ERR_MSG: 'E:MissingEndParenthesisInMethodCall' });
    });
    this.CONSUME(T.RBracketType, { ERR_MSG: 'E:EndSquareBracketExpectedAtEndOfAttribute' });
    return { start, end: this.end(), nameStart, nameEnd, args };
  });

  /** The tokens of a type name: `System.Collections.Generic.List[string]`, `int[]` (its text is read from the source). */
  public typeName = this.RULE('typeName', (): void => {
    this.CONSUME(T.TypeName);
    this.MANY(() => {
      this.CONSUME(T.LBracketType);
      this.MANY2(() => this.OR((this.alts.typeArgument ??= [{ ALT: () => this.SUBRULE(this.typeName) }, { ALT: () => this.CONSUME(T.Comma) }])));
      this.CONSUME(T.RBracketType, { ERR_MSG: 'E:EndSquareBracketExpectedAtEndOfType' });
    });
  });

  /** `Mandatory`, `Position = 0`, or a positional value. */
  public attributeArgument = this.RULE('attributeArgument', (): AttributeArgument => {
    return this.OR([
      {
        ALT: (): AttributeArgument => {
          const name = this.CONSUME(T.Identifier);
          let value: Expr | undefined;
          this.OPTION(() => {
            this.CONSUME(T.AssignOp);
            value = this.SUBRULE(this.argExpression);
          });
          return { name, value };
        },
      },
      { ALT: (): AttributeArgument => ({ value: this.SUBRULE2(this.argExpression) }) },
    ]);
  });
}
