// Chevrotain's LL(k) lookahead, built per decision the first time the parser reaches it.
// Building every lookahead function up front was most of the shell's start-up time, and a script
// touches a small part of the grammar. With a grammar snapshot (snapshot.ts) a decision's paths
// are read from it instead of being analyzed, and its function is built here as chevrotain's is.
import {
  LLkLookaheadStrategy,
  tokenMatcher,
  type ILookaheadStrategy,
  type ILookaheadValidationError,
  type IOrAlt,
  type IToken,
  type Rule,
  type TokenType,
  type OptionalProductionType,
} from 'chevrotain';
import { lookaheadKey } from './snapshot.js';

type AltFn = (orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptFn = () => boolean;
/** The parser, as lookahead functions see it (`this`). */
type Reader = { LA(howMuch: number): IToken };

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly inner: ILookaheadStrategy;

  /** `paths`: a decision's lookahead paths by its snapshot.ts lookaheadKey, where known. */
  constructor(
    maxLookahead: number,
    private readonly paths?: (key: string) => TokenType[][][] | undefined,
  ) {
    this.inner = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.inner.validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.inner.initialize?.(options);
  }

  buildLookaheadForAlternation(options: { prodOccurrence: number; rule: Rule; maxLookahead: number; hasPredicates: boolean; dynamicTokensEnabled: boolean }): AltFn {
    const inner = this.inner;
    const paths = this.paths;
    let built: AltFn | undefined;
    // `this` is the parser: the built function reads tokens through it
    return function (this: unknown, orAlts) {
      if (!built) {
        const known = options.dynamicTokensEnabled ? undefined : paths?.(lookaheadKey(options.rule.name, 'Alternation', options.prodOccurrence));
        built = known ? chooseAlternative(known, options.hasPredicates) : (inner.buildLookaheadForAlternation(options) as AltFn);
      }
      return built.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: { prodOccurrence: number; prodType: OptionalProductionType; rule: Rule; maxLookahead: number; dynamicTokensEnabled: boolean }): OptFn {
    const inner = this.inner;
    const paths = this.paths;
    let built: OptFn | undefined;
    return function (this: unknown) {
      if (!built) {
        const known = options.dynamicTokensEnabled ? undefined : paths?.(lookaheadKey(options.rule.name, options.prodType, options.prodOccurrence));
        // the paths into the production; chevrotain's others are those past it
        built = known ? enterOptional(known[0]) : inner.buildLookaheadForOptional(options);
      }
      return built.call(this);
    };
  }
}

// ---------------------------------------------------------------- functions from paths
// As chevrotain builds them (lookahead.js): the first alternative with a path the next tokens
// match is chosen; when every path is one token long, a table by token type decides.

/** Token type indexes a path step matches: its own and, for a category, its members'. */
const indexesOf = (t: TokenType): number[] => [t.tokenTypeIdx!, ...(t.categoryMatches ?? [])];

function pathMatches(parser: Reader, path: TokenType[]): boolean {
  for (let i = 0; i < path.length; i++) if (!tokenMatcher(parser.LA(i + 1), path[i])) return false;
  return true;
}

function chooseAlternative(alts: TokenType[][][], hasPredicates: boolean): AltFn {
  if (!hasPredicates && alts.every((alt) => alt.every((path) => path.length === 1))) {
    const choice: number[] = [];
    alts.forEach((alt, i) => {
      for (const [t] of alt) for (const idx of indexesOf(t)) choice[idx] ??= i;
    });
    return function (this: Reader) {
      return choice[this.LA(1).tokenTypeIdx];
    };
  }
  return function (this: Reader, orAlts) {
    for (let i = 0; i < alts.length; i++) {
      if (hasPredicates && orAlts?.[i].GATE?.call(this) === false) continue;
      const paths = alts[i];
      for (let j = 0; j < paths.length; j++) if (pathMatches(this, paths[j])) return i;
    }
    return undefined;
  };
}

function enterOptional(paths: TokenType[][]): OptFn {
  if (paths.every((path) => path.length === 1)) {
    const enters: boolean[] = [];
    for (const [t] of paths) for (const idx of indexesOf(t)) enters[idx] = true;
    return function (this: Reader) {
      return enters[this.LA(1).tokenTypeIdx] === true;
    };
  }
  return function (this: Reader) {
    for (let j = 0; j < paths.length; j++) if (pathMatches(this, paths[j])) return true;
    return false;
  };
}
