// The lexer: chevrotain's multi-mode lexing of the definition in tokens.ts, run by a loop of its
// own. At each offset the current mode's token types are tried in order and the first that matches
// wins; its PUSH_MODE / POP_MODE change the mode stack, SKIPPED tokens are dropped and grouped ones
// (comments) kept aside. Chevrotain's Lexer analyzes every mode before lexing anything (pattern
// tables, an index over all 65,536 character codes): 8 ms of every start-up for the two modes
// `$null` needs. Here a mode's candidates for a first character are picked, as chevrotain's
// first-character optimization picks them, the first time that character starts a token in that
// mode. Tokens are chevrotain's IToken as its Lexer makes them with positionTracking 'onlyOffset';
// a test compares the output with chevrotain's Lexer's.
import { Lexer, defaultLexerErrorProvider, type CustomPatternMatcherFunc, type ILexingError, type IMultiModeLexerDefinition, type IToken, type TokenType } from 'chevrotain';

/** How a token type's pattern is tried. */
type Matcher =
  | { kind: 'char'; code: number; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'regexp'; sticky: RegExp }
  | { kind: 'custom'; pattern: { exec: CustomPatternMatcherFunc } };

interface Candidate {
  type: TokenType;
  matcher: Matcher;
  /** Where a match goes: dropped (SKIPPED), the token list (undefined), or a named group. */
  skipped: boolean;
  group: string | undefined;
  pop: boolean;
  push: string | undefined;
}

interface Mode {
  candidates: Candidate[];
  /** Candidates by first-character bucket (see bucketOf), filled on first use. */
  byBucket: (Candidate[] | undefined)[];
}

/** Chevrotain's first-character buckets: each Latin-1 character alone, then 255 characters a bucket. */
const bucketOf = (code: number): number => (code < 256 ? code : 255 + ~~(code / 255));

export interface LexResult {
  tokens: IToken[];
  groups: Record<string, IToken[]>;
  errors: ILexingError[];
}

export class ModeLexer {
  private readonly modes = new Map<string, Mode>();
  private readonly groupNames: string[];

  constructor(private readonly definition: IMultiModeLexerDefinition) {
    const groups = new Set<string>();
    for (const types of Object.values(definition.modes)) for (const t of types) if (typeof t.GROUP === 'string' && t.GROUP !== Lexer.SKIPPED) groups.add(t.GROUP);
    this.groupNames = [...groups];
  }

  /**
   * The tokens of `text`. Token types must have their indexes (tokenTypeIdx), which the parser
   * (or a chevrotain Lexer) gives the vocabulary when it is built.
   */
  tokenize(text: string): LexResult {
    const tokens: IToken[] = [];
    const groups: Record<string, IToken[]> = {};
    for (const g of this.groupNames) groups[g] = [];
    const errors: ILexingError[] = [];
    const stack = [this.mode(this.definition.defaultMode)];
    let mode = stack[0];
    let offset = 0;
    while (offset < text.length) {
      const code = text.charCodeAt(offset);
      const bucket = bucketOf(code);
      const candidates = mode.byBucket[bucket] ?? this.fill(mode, bucket);
      let chosen: Candidate | undefined;
      let image: string | undefined;
      let payload: unknown;
      for (let i = 0; i < candidates.length && !chosen; i++) {
        const c = candidates[i];
        const m = c.matcher;
        switch (m.kind) {
          case 'char':
            if (code === m.code) image = m.text;
            break;
          case 'string':
            if (text.startsWith(m.text, offset)) image = m.text;
            break;
          case 'regexp':
            m.sticky.lastIndex = offset;
            if (m.sticky.test(text)) image = text.substring(offset, m.sticky.lastIndex);
            break;
          case 'custom': {
            const match = m.pattern.exec(text, offset, tokens, groups) as (RegExpExecArray & { payload?: unknown }) | null;
            if (match !== null) {
              image = match[0];
              payload = match.payload;
            }
            break;
          }
        }
        if (image !== undefined) chosen = c;
      }
      if (!chosen || image === undefined) {
        offset = this.recover(mode, text, offset, tokens, groups, errors);
        continue;
      }
      if (!chosen.skipped) {
        const token: IToken = { image, startOffset: offset, tokenTypeIdx: chosen.type.tokenTypeIdx!, tokenType: chosen.type } as IToken;
        if (payload !== undefined) token.payload = payload;
        if (chosen.group === undefined) tokens.push(token);
        else groups[chosen.group].push(token);
      }
      if (chosen.pop) {
        if (stack.length > 1 || chosen.push !== undefined) stack.pop();
        else errors.push({ offset, line: undefined, column: undefined, length: image.length, message: defaultLexerErrorProvider.buildUnableToPopLexerModeMessage({ image } as IToken) });
      }
      offset += image.length;
      if (chosen.push !== undefined) stack.push(this.mode(chosen.push));
      mode = stack[stack.length - 1];
    }
    return { tokens, groups, errors };
  }

  /** Chevrotain's recovery from a character no token starts with: skip to where one does, and report. */
  private recover(mode: Mode, text: string, start: number, tokens: IToken[], groups: Record<string, IToken[]>, errors: ILexingError[]): number {
    let offset = start + 1;
    const matchesAt = (c: Candidate): boolean => {
      const m = c.matcher;
      if (m.kind === 'char') return text.charCodeAt(offset) === m.code;
      if (m.kind === 'string') return text.startsWith(m.text, offset);
      if (m.kind === 'regexp') {
        m.sticky.lastIndex = offset;
        return m.sticky.test(text);
      }
      return m.pattern.exec(text, offset, tokens, groups) !== null;
    };
    while (offset < text.length && !mode.candidates.some(matchesAt)) offset++;
    errors.push({ offset: start, line: undefined, column: undefined, length: offset - start, message: defaultLexerErrorProvider.buildUnexpectedCharactersMessage(text, start, offset - start, undefined, undefined) });
    return offset;
  }

  private mode(name: string): Mode {
    let mode = this.modes.get(name);
    if (!mode) {
      const types = this.definition.modes[name];
      if (!types) throw new Error(`Lexer mode '${name}' is not defined.`);
      if (types.some((t) => t.tokenTypeIdx === undefined)) throw new Error(`Lexer mode '${name}': token types without an index (build the parser first).`);
      mode = { candidates: types.filter((t) => t.PATTERN !== Lexer.NA).map(candidate), byBucket: [] };
      this.modes.set(name, mode);
    }
    return mode;
  }

  /** The mode's candidates for a first-character bucket, in the mode's order. */
  private fill(mode: Mode, bucket: number): Candidate[] {
    return (mode.byBucket[bucket] = mode.candidates.filter((c) => firstBuckets(c).has(bucket)));
  }
}

const bucketsByType = new WeakMap<TokenType, Set<number>>();

/** The first-character buckets a token type's matches can start in: its string's first character, or its start_chars_hint. */
function firstBuckets(c: Candidate): Set<number> {
  let buckets = bucketsByType.get(c.type);
  if (!buckets) {
    const m = c.matcher;
    const hint = c.type.START_CHARS_HINT;
    let chars: (string | number)[];
    if (m.kind === 'char' || m.kind === 'string') chars = [m.text];
    else if (hint) chars = hint;
    else throw new Error(`Token type ${c.type.name} needs a start_chars_hint: the lexer picks candidates by their first character.`);
    buckets = new Set(chars.map((ch) => bucketOf(typeof ch === 'string' ? ch.charCodeAt(0) : ch)));
    bucketsByType.set(c.type, buckets);
  }
  return buckets;
}

function candidate(type: TokenType): Candidate {
  const p = type.PATTERN;
  let matcher: Matcher;
  if (typeof p === 'string') matcher = p.length === 1 ? { kind: 'char', code: p.charCodeAt(0), text: p } : { kind: 'string', text: p };
  else if (p instanceof RegExp) matcher = { kind: 'regexp', sticky: new RegExp(p.source, p.flags.replace('y', '') + 'y') };
  else if (typeof p === 'function') matcher = { kind: 'custom', pattern: { exec: p } };
  else if (p && typeof p.exec === 'function') matcher = { kind: 'custom', pattern: p };
  else throw new Error(`Token type ${type.name} has no pattern the lexer can run.`);
  if (type.LONGER_ALT) throw new Error(`Token type ${type.name}: longer_alt is not supported by this lexer.`);
  return {
    type,
    matcher,
    skipped: type.GROUP === Lexer.SKIPPED,
    group: typeof type.GROUP === 'string' && type.GROUP !== Lexer.SKIPPED ? type.GROUP : undefined,
    pop: type.POP_MODE === true,
    push: type.PUSH_MODE,
  };
}
