// Chevrotain's LL(k) lookahead, built per decision the first time the parser reaches it.
// Building every lookahead function up front was most of the shell's start-up time, and a script
// touches a small part of the grammar.
import { LLkLookaheadStrategy, type ILookaheadStrategy, type ILookaheadValidationError, type IOrAlt, type Rule, type TokenType, type OptionalProductionType } from 'chevrotain';

type AltFn = (orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptFn = () => boolean;

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly inner: ILookaheadStrategy;

  constructor(maxLookahead: number) {
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
    let built: AltFn | undefined;
    // `this` is the parser: the built function reads tokens through it
    return function (this: unknown, orAlts) {
      built ??= inner.buildLookaheadForAlternation(options) as AltFn;
      return built.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: { prodOccurrence: number; prodType: OptionalProductionType; rule: Rule; maxLookahead: number; dynamicTokensEnabled: boolean }): OptFn {
    const inner = this.inner;
    let built: OptFn | undefined;
    return function (this: unknown) {
      built ??= inner.buildLookaheadForOptional(options);
      return built.call(this);
    };
  }
}
