// The abstract syntax tree the parser produces and the engine compiles.
// Plain data only: no behaviour, no knowledge of cmdlets. Every node carries its extent
// so errors can point at the offending text.

export interface Extent {
  file?: string;
  startOffset: number;
  endOffset: number;
  startLine: number; // 1-based
  startColumn: number; // 1-based
  endLine: number;
  endColumn: number;
  text: string; // source text of the node
}

interface Node {
  extent: Extent;
}

// ---------------------------------------------------------------- script blocks

export interface ScriptBlockAst extends Node {
  kind: 'ScriptBlock';
  paramBlock?: ParamBlockAst;
  begin?: StatementAst[];
  process?: StatementAst[];
  end?: StatementAst[]; // an unnamed body is the end block (a filter's body is the process block)
  /** Full source of the script the block came from, for error excerpts. */
  source: string;
}

export interface ParamBlockAst extends Node {
  kind: 'ParamBlock';
  attributes: AttributeAst[]; // e.g. [CmdletBinding()]
  parameters: ParameterAst[];
}

export interface ParameterAst extends Node {
  kind: 'Parameter';
  name: string; // without '$'
  attributes: (AttributeAst | TypeConstraintAst)[];
  defaultValue?: ExpressionAst;
}

export interface AttributeAst extends Node {
  kind: 'Attribute';
  typeName: string; // 'Parameter', 'ValidateSet', 'Alias', ...
  positionalArguments: ExpressionAst[];
  namedArguments: { name: string; value?: ExpressionAst }[]; // Mandatory alone means $true
}

export interface TypeConstraintAst extends Node {
  kind: 'TypeConstraint';
  typeName: string; // as written: 'string', 'int[]', 'System.Collections.Hashtable'
}

// ---------------------------------------------------------------- statements

export type StatementAst =
  | PipelineAst
  | AssignmentAst
  | IfAst
  | ForEachAst
  | ForAst
  | WhileAst
  | DoLoopAst
  | SwitchAst
  | FunctionDefinitionAst
  | TryAst
  | TrapAst
  | FlowAst
  | BlockStatementAst;

export interface PipelineAst extends Node {
  kind: 'Pipeline';
  elements: (CommandAst | CommandExpressionAst)[];
}

export interface CommandAst extends Node {
  kind: 'Command';
  /** elements[0] is the command name (usually a bareword StringConstant) or an expression after & or . */
  elements: (CommandParameterAst | ExpressionAst)[];
  invocationOperator?: '&' | '.';
  redirections: RedirectionAst[];
}

export interface CommandParameterAst extends Node {
  kind: 'CommandParameter';
  name: string; // without the leading '-' and trailing ':'
  /** Set for `-Name:value`; `-Switch:$false` too. */
  argument?: ExpressionAst;
}

export interface CommandExpressionAst extends Node {
  kind: 'CommandExpression';
  expression: ExpressionAst;
  redirections: RedirectionAst[];
}

export type StreamName = 'output' | 'error' | 'warning' | 'verbose' | 'debug' | 'information' | 'all';

export interface RedirectionAst extends Node {
  kind: 'Redirection';
  from: StreamName; // `>` is output, `2>` error, `*>` all
  /** `2>&1`: merge into another stream */
  mergeTo?: StreamName;
  /** `> file` / `>> file` */
  target?: ExpressionAst;
  append: boolean;
}

export interface AssignmentAst extends Node {
  kind: 'Assignment';
  operator: '=' | '+=' | '-=' | '*=' | '/=' | '%=';
  /** Variable, member, index, a cast around a variable ([int]$x = ...), or an array literal of those. */
  left: ExpressionAst;
  right: StatementAst; // a pipeline or another assignment / statement
}

export interface IfAst extends Node {
  kind: 'If';
  clauses: { condition: PipelineAst | AssignmentAst; body: StatementAst[] }[];
  elseBody?: StatementAst[];
}

export interface ForEachAst extends Node {
  kind: 'ForEach';
  label?: string;
  variable: VariableExpressionAst;
  iterable: StatementAst;
  body: StatementAst[];
}

export interface ForAst extends Node {
  kind: 'For';
  label?: string;
  initializer?: StatementAst;
  condition?: StatementAst;
  iterator?: StatementAst;
  body: StatementAst[];
}

export interface WhileAst extends Node {
  kind: 'While';
  label?: string;
  condition: StatementAst;
  body: StatementAst[];
}

export interface DoLoopAst extends Node {
  kind: 'DoLoop';
  label?: string;
  /** true for do { } until (...), false for do { } while (...) */
  until: boolean;
  condition: StatementAst;
  body: StatementAst[];
}

export interface SwitchAst extends Node {
  kind: 'Switch';
  label?: string;
  flags: { regex: boolean; wildcard: boolean; exact: boolean; caseSensitive: boolean; file: boolean };
  condition: StatementAst;
  clauses: { pattern: ExpressionAst; body: StatementAst[] }[];
  defaultBody?: StatementAst[];
}

export interface FunctionDefinitionAst extends Node {
  kind: 'FunctionDefinition';
  name: string;
  isFilter: boolean;
  /** `function f($a, $b) { }` style parameters; undefined when the body has its own param block. */
  parameters?: ParameterAst[];
  body: ScriptBlockAst;
}

export interface TryAst extends Node {
  kind: 'Try';
  body: StatementAst[];
  catches: { typeNames: string[]; body: StatementAst[] }[]; // empty typeNames catches all
  finallyBody?: StatementAst[];
}

export interface TrapAst extends Node {
  kind: 'Trap';
  typeName?: string;
  body: StatementAst[];
}

export interface FlowAst extends Node {
  kind: 'Flow';
  flow: 'break' | 'continue' | 'return' | 'exit' | 'throw';
  label?: string; // break/continue
  pipeline?: StatementAst; // return/exit/throw value
}

/** A bare `{ ... }` statement is an expression in PowerShell; kept for `begin { }`-less scripts only. */
export interface BlockStatementAst extends Node {
  kind: 'BlockStatement';
  body: StatementAst[];
}

// ---------------------------------------------------------------- expressions

export type ExpressionAst =
  | ConstantExpressionAst
  | StringConstantExpressionAst
  | ExpandableStringExpressionAst
  | VariableExpressionAst
  | ArrayLiteralAst
  | ArrayExpressionAst
  | SubExpressionAst
  | ParenExpressionAst
  | HashtableAst
  | ScriptBlockExpressionAst
  | BinaryExpressionAst
  | UnaryExpressionAst
  | ConvertExpressionAst
  | TypeExpressionAst
  | MemberExpressionAst
  | InvokeMemberExpressionAst
  | IndexExpressionAst;

export interface ConstantExpressionAst extends Node {
  kind: 'Constant';
  /** Numbers have their multiplier (10MB) and hex (0x1F) already applied. */
  value: number | boolean | null;
  /** true when written with a decimal point or exponent (1.0, 1e3): a [double] */
  isDouble?: boolean;
}

export interface StringConstantExpressionAst extends Node {
  kind: 'StringConstant';
  value: string; // escapes already processed
  quote: 'bare' | 'single' | 'double' | 'hereSingle' | 'hereDouble';
}

export interface ExpandableStringExpressionAst extends Node {
  kind: 'ExpandableString';
  quote: 'bare' | 'double' | 'hereDouble';
  /** Literal text (escapes already processed) interleaved with embedded expressions. */
  parts: (string | ExpressionAst)[];
}

export interface VariableExpressionAst extends Node {
  kind: 'Variable';
  name: string; // without '$' and without scope: 'x', '_', 'true', 'PSItem'
  scope?: 'global' | 'script' | 'local' | 'private' | 'env' | 'using' | 'variable' | 'function';
  splatted: boolean; // @params
}

export interface ArrayLiteralAst extends Node {
  kind: 'ArrayLiteral'; // 1, 2, 3
  elements: ExpressionAst[];
}

export interface ArrayExpressionAst extends Node {
  kind: 'ArrayExpression'; // @( ... )
  statements: StatementAst[];
}

export interface SubExpressionAst extends Node {
  kind: 'SubExpression'; // $( ... )
  statements: StatementAst[];
}

export interface ParenExpressionAst extends Node {
  kind: 'ParenExpression'; // ( pipeline )
  pipeline: StatementAst;
}

export interface HashtableAst extends Node {
  kind: 'Hashtable';
  pairs: { key: ExpressionAst; value: StatementAst }[];
}

export interface ScriptBlockExpressionAst extends Node {
  kind: 'ScriptBlockExpression';
  scriptBlock: ScriptBlockAst;
}

/**
 * Operators are lower-cased as written: '+', '-', '*', '/', '%', '..', '-eq', '-ceq', '-ieq', '-like',
 * '-and', '-or', '-xor', '-band', '-bor', '-bxor', '-shl', '-shr', '-f', '-replace', '-split', '-join',
 * '-is', '-isnot', '-as', '-contains', '-in', ... ('-and'/'-or' short-circuit).
 */
export interface BinaryExpressionAst extends Node {
  kind: 'BinaryExpression';
  operator: string;
  left: ExpressionAst;
  right: ExpressionAst;
}

/**
 * '-not', '!', '-bnot', '-' (negate), '+', ',' (unary comma), '-split', '-join',
 * '++' / '--' (prefix), 'post++' / 'post--' (postfix).
 */
export interface UnaryExpressionAst extends Node {
  kind: 'UnaryExpression';
  operator: string;
  operand: ExpressionAst;
}

export interface ConvertExpressionAst extends Node {
  kind: 'ConvertExpression'; // [int]'5', [ordered]@{}, [pscustomobject]@{}
  typeName: string;
  operand: ExpressionAst;
}

export interface TypeExpressionAst extends Node {
  kind: 'TypeExpression'; // [int], [System.IO.Path]
  typeName: string;
}

export interface MemberExpressionAst extends Node {
  kind: 'MemberExpression'; // $x.Name, [Math]::PI, $x.$prop, $x?.Name
  target: ExpressionAst;
  member: ExpressionAst; // usually a StringConstant
  isStatic: boolean;
  nullConditional: boolean;
}

export interface InvokeMemberExpressionAst extends Node {
  kind: 'InvokeMemberExpression'; // $s.ToUpper(), [Math]::Round(1.5)
  target: ExpressionAst;
  member: ExpressionAst;
  arguments: ExpressionAst[];
  isStatic: boolean;
  nullConditional: boolean;
}

export interface IndexExpressionAst extends Node {
  kind: 'IndexExpression'; // $a[0], $h['k'], $a[1..3], $a[0,2]
  target: ExpressionAst;
  index: ExpressionAst;
  nullConditional: boolean;
}

export type AnyAst = StatementAst | ExpressionAst | ScriptBlockAst | CommandAst | CommandExpressionAst;
