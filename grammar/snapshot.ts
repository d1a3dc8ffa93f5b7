// A snapshot of what chevrotain derives from the grammar: the rules as recorded (GAST) and the
// lookahead paths of every decision. A parser built from one skips the grammar recording (running
// every rule once in recording mode) and the lookahead analysis of each decision it reaches: more
// than 10 ms of every start-up. The launcher keeps a snapshot beside the bundle, taken by the
// bundle's own first run as V8's code cache is; one taken from other grammar source is refused.
import {
  Alternation,
  Alternative,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  EOF,
  getLookaheadPaths,
  type IProduction,
  type LookaheadProductionType,
  type TokenType,
} from 'chevrotain';

/** A decision's kind, as chevrotain's lookahead strategy is told it. */
export type DecisionKind = LookaheadProductionType;

/** One GAST node: its kind, occurrence index, token or rule name, options and children. */
interface SnapshotNode {
  kind: 'Rule' | 'NonTerminal' | 'Terminal' | 'Alternative' | DecisionKind;
  idx?: number;
  /** The rule's name, the called rule's, or the consumed token type's. */
  name?: string;
  label?: string;
  separator?: string;
  maxLookahead?: number;
  ignoreAmbiguities?: boolean;
  hasPredicates?: boolean;
  definition?: SnapshotNode[];
}

export interface GrammarSnapshot {
  /** What the snapshot was taken from (see grammarFingerprint). */
  fingerprint: string;
  rules: SnapshotNode[];
  /** Per decision (lookaheadKey): for each alternative, its lookahead paths as token type names. */
  lookahead: Record<string, string[][][]>;
}

/** A GAST production with the fields chevrotain's typings leave out of IProduction. */
type Production = IProduction & {
  idx?: number;
  definition?: IProduction[];
  maxLookahead?: number;
  ignoreAmbiguities?: boolean;
  hasPredicates?: boolean;
  separator?: TokenType;
};

export const lookaheadKey = (rule: string, kind: DecisionKind, occurrence: number): string => `${rule}/${kind}/${occurrence}`;

/**
 * Identifies the grammar: the parser class's source (its rules), the token vocabulary with each
 * token's categories and the lookahead depth, which together decide the recorded rules and every
 * lookahead path.
 */
export function grammarFingerprint(parserClass: abstract new (...args: never[]) => unknown, vocabulary: TokenType[], maxLookahead: number): string {
  const tokens = vocabulary.map((t) => `${t.name}<${(t.CATEGORIES ?? []).map((c) => c.name).join(',')}>`).join(' ');
  return `LL(${maxLookahead}) ${tokens}\n${Function.prototype.toString.call(parserClass)}`;
}

// ---------------------------------------------------------------- taking

/** The GAST class of each kind of decision. */
const decisionClasses: [DecisionKind, abstract new (...args: never[]) => IProduction][] = [
  ['Alternation', Alternation],
  ['Option', Option],
  ['Repetition', Repetition],
  ['RepetitionMandatory', RepetitionMandatory],
  ['RepetitionWithSeparator', RepetitionWithSeparator],
  ['RepetitionMandatoryWithSeparator', RepetitionMandatoryWithSeparator],
];

const decisionKind = (p: IProduction): DecisionKind | undefined => decisionClasses.find(([, cls]) => p instanceof cls)?.[0];

function nodeOf(p: Production | Rule): SnapshotNode {
  const children = (): SnapshotNode[] => (p.definition ?? []).map(nodeOf);
  if (p instanceof Rule) return { kind: 'Rule', name: p.name, definition: children() };
  if (p instanceof NonTerminal) return { kind: 'NonTerminal', idx: p.idx, name: p.nonTerminalName, label: p.label };
  if (p instanceof Terminal) return { kind: 'Terminal', idx: p.idx, name: p.terminalType.name, label: p.label };
  if (p instanceof Alternative) return { kind: 'Alternative', ignoreAmbiguities: p.ignoreAmbiguities, definition: children() };
  const kind = decisionKind(p);
  if (!kind) throw new Error(`grammar snapshot: unknown production ${p.constructor.name}`);
  return {
    kind,
    idx: p.idx,
    separator: p.separator?.name,
    maxLookahead: p.maxLookahead,
    ignoreAmbiguities: p.ignoreAmbiguities,
    hasPredicates: p.hasPredicates,
    definition: children(),
  };
}

/** The rules of a built parser and the lookahead paths of all its decisions (tens of ms: once per build). */
export function takeSnapshot(rules: Rule[], maxLookahead: number, fingerprint: string): GrammarSnapshot {
  const lookahead: Record<string, string[][][]> = {};
  for (const rule of rules) {
    const decisions: Production[] = [];
    const collect = (p: Production): void => {
      if (decisionKind(p)) decisions.push(p);
      // a NonTerminal's definition is the called rule's: that rule's own decisions are its own
      if (!(p instanceof NonTerminal)) p.definition?.forEach(collect);
    };
    rule.definition.forEach(collect);
    for (const d of decisions) {
      const kind = decisionKind(d)!;
      const paths = getLookaheadPaths({ occurrence: d.idx!, rule, prodType: kind, maxLookahead: d.maxLookahead || maxLookahead });
      lookahead[lookaheadKey(rule.name, kind, d.idx!)] = paths.map((alt) => alt.map((path) => path.map((t) => t.name)));
    }
  }
  return { fingerprint, rules: rules.map(nodeOf), lookahead };
}

// ---------------------------------------------------------------- restoring

/**
 * An instance of a GAST class with the given fields, made without running its constructor for
 * each node: the constructors copy their options through lodash (about 10 µs a node, 5 ms for the
 * grammar's 600). The node starts from the defaults one constructor call gave the class, then
 * takes the fields the recorder would have passed (undefined ones left out, as the constructors
 * do); a test compares the result with the recorded rules.
 */
const templates = new Map<object, object>();
function gast<T extends object, O>(cls: { prototype: T; new (options: O): T }, required: O, fields: Record<string, unknown>): T {
  let template = templates.get(cls);
  if (!template) templates.set(cls, (template = new cls(required)));
  const node = Object.assign(Object.create(cls.prototype) as T, template) as Record<string, unknown>;
  for (const k in fields) if (fields[k] !== undefined) node[k] = fields[k];
  return node as T;
}

/** The snapshot's rules as GAST, by name; NonTerminals are left for chevrotain to resolve. */
export function restoreRules(snapshot: GrammarSnapshot, tokens: ReadonlyMap<string, TokenType>): Map<string, Rule> {
  const production = (n: SnapshotNode): IProduction => {
    const idx = n.idx;
    const definition = (n.definition ?? []).map(production);
    const of = { definition: [] };
    const maxLookahead = n.maxLookahead;
    switch (n.kind) {
      case 'NonTerminal':
        return gast(NonTerminal, { nonTerminalName: '' }, { idx, nonTerminalName: n.name, label: n.label });
      case 'Terminal':
        return gast(Terminal, { terminalType: EOF }, { idx, terminalType: token(tokens, n.name), label: n.label });
      case 'Alternative':
        return gast(Alternative, of, { definition, ignoreAmbiguities: n.ignoreAmbiguities });
      case 'Alternation':
        return gast(Alternation, of, { definition, idx, ignoreAmbiguities: n.ignoreAmbiguities, hasPredicates: n.hasPredicates, maxLookahead });
      case 'Option':
        return gast(Option, of, { definition, idx, maxLookahead });
      case 'Repetition':
        return gast(Repetition, of, { definition, idx, maxLookahead });
      case 'RepetitionMandatory':
        return gast(RepetitionMandatory, of, { definition, idx, maxLookahead });
      case 'RepetitionWithSeparator':
        return gast(RepetitionWithSeparator, { ...of, separator: EOF }, { definition, idx, separator: token(tokens, n.separator), maxLookahead });
      case 'RepetitionMandatoryWithSeparator':
        return gast(RepetitionMandatoryWithSeparator, { ...of, separator: EOF }, { definition, idx, separator: token(tokens, n.separator), maxLookahead });
      default:
        throw new Error(`grammar snapshot: unknown production ${n.kind}`);
    }
  };
  return new Map(snapshot.rules.map((r) => [r.name!, gast(Rule, { name: '', definition: [] }, { name: r.name, definition: (r.definition ?? []).map(production) })]));
}

/** A decision's lookahead paths with token types, read from the snapshot when the parser first reaches it. */
export function lookaheadPaths(snapshot: GrammarSnapshot, tokens: ReadonlyMap<string, TokenType>): (key: string) => TokenType[][][] | undefined {
  return (key) => snapshot.lookahead[key]?.map((alt) => alt.map((path) => path.map((name) => token(tokens, name))));
}

function token(tokens: ReadonlyMap<string, TokenType>, name: string | undefined): TokenType {
  const t = name !== undefined ? tokens.get(name) : undefined;
  if (!t) throw new Error(`grammar snapshot: unknown token type ${name}`);
  return t;
}
