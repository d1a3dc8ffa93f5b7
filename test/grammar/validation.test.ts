// The shell builds its lexer and parser without chevrotain's checks (start-up time); they run here.
import { Lexer } from 'chevrotain';
import { expect, test } from 'vitest';
import { PowerShellParser } from '../../grammar/parser.js';
import { lexerDefinition } from '../../grammar/tokens.js';

test('the parser passes chevrotain grammar validation', () => {
  expect(() => new PowerShellParser({ validate: true })).not.toThrow();
});

test('the lexer definition passes chevrotain validation with its optimizations', () => {
  const lexer = new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations: true });
  expect(lexer.lexerDefinitionErrors).toEqual([]);
});
