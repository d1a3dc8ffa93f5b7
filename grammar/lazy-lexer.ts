// Chevrotain's Lexer, with each mode analyzed the first time the input enters it.
// The Lexer constructor analyzes every mode up front (pattern configs, first-character tables):
// with fourteen modes that was the largest part of the shell's start-up, and most input enters a
// few of them. Here the Lexer is built with its default mode only; each other mode is analyzed by
// a one-mode Lexer on first entry, and its tables join the lexer's. Tokenizing is chevrotain's own.
import { Lexer, type ILexerConfig, type IMultiModeLexerDefinition, type IToken, type TokenType } from 'chevrotain';

/** The per-mode tables the Lexer reads while tokenizing (chevrotain 11 internals, not in its typings). */
interface ModeTables {
  patternIdxToConfig: Record<string, unknown>;
  charCodeToPatternIdxToConfig: Record<string, unknown>;
  canModeBeOptimized: Record<string, boolean>;
  /** Token groups of every mode, each an empty list; tokenizing copies them. */
  emptyGroups: Record<string, IToken[]>;
}
const TABLES = ['patternIdxToConfig', 'charCodeToPatternIdxToConfig', 'canModeBeOptimized'] as const;

const isCustomPattern = (t: TokenType): boolean =>
  typeof t.PATTERN === 'function' || (typeof t.PATTERN === 'object' && !(t.PATTERN instanceof RegExp));

/** A Lexer for `definition` that analyzes a mode on first entry; `config` as for chevrotain's Lexer. */
export function createLazyLexer(definition: IMultiModeLexerDefinition, config: ILexerConfig): Lexer {
  const first = definition.defaultMode;
  const lexer = new Lexer({ modes: { [first]: definition.modes[first] }, defaultMode: first }, config);
  const tables = lexer as unknown as ModeTables;

  const modes = Object.entries(definition.modes);
  // the Lexer picks how it stores tokens from its first mode: custom patterns (which read the
  // tokens before them) need the storage chosen when some mode has one
  if (modes.some(([, tokens]) => tokens.some(isCustomPattern)) && !definition.modes[first].some(isCustomPattern)) {
    throw new Error(`createLazyLexer: the default mode '${first}' must hold a custom pattern when other modes do`);
  }
  for (const [, tokens] of modes) {
    for (const t of tokens) if (typeof t.GROUP === 'string' && t.GROUP !== Lexer.SKIPPED) tables.emptyGroups[t.GROUP] = [];
  }

  for (const [mode, tokens] of modes) {
    if (mode === first) continue;
    const analyze = (): ModeTables => {
      const own = new Lexer({ modes: { [mode]: tokens }, defaultMode: mode }, config) as unknown as ModeTables;
      // plain properties from now on: the tokenizer reads them at every mode change
      for (const table of TABLES) Object.defineProperty(tables[table], mode, { value: own[table][mode], writable: true, enumerable: true, configurable: true });
      return tables;
    };
    for (const table of TABLES) Object.defineProperty(tables[table], mode, { get: () => analyze()[table][mode], enumerable: true, configurable: true });
  }
  return lexer;
}
