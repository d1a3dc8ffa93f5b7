// The shell builds its lexer and parser without chevrotain's checks (start-up time); they run here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lexer } from 'chevrotain';
import { expect, test } from 'vitest';
import { PowerShellParser } from '../../grammar/parser.js';
import { lexerDefinition } from '../../grammar/tokens.js';
import { createLazyLexer } from '../../grammar/lazy-lexer.js';

const lexerConfig = { positionTracking: 'onlyOffset', ensureOptimizations: true } as const;

test('the parser passes chevrotain grammar validation', () => {
  expect(() => new PowerShellParser({ validate: true })).not.toThrow();
});

test('the lexer definition passes chevrotain validation with its optimizations', () => {
  const lexer = new Lexer(lexerDefinition, lexerConfig);
  expect(lexer.lexerDefinitionErrors).toEqual([]);
});

test('the lexer that analyzes modes on first entry reads the example scripts as the eager Lexer does', () => {
  const eager = new Lexer(lexerDefinition, lexerConfig);
  const lazy = createLazyLexer(lexerDefinition, { ...lexerConfig, skipValidations: true });
  const root = path.resolve(import.meta.dirname, '../../examples');
  const scripts = ['hello.ps1', 'language-tour.ps1', 'domain-security/contoso.ps1', 'domain-security/woodgrove.ps1'].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  scripts.push('@{ a = 1; b = Get-X -Y | Where-Object { $_ }\n c = @(1, 2)[0] }; [int]$x = 5; function f { param([Parameter(Mandatory)]$p) $p } # done');
  const view = (r: ReturnType<Lexer['tokenize']>) => ({
    tokens: r.tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}`),
    comments: (r.groups.comments ?? []).map((t) => `${t.startOffset}:${t.image}`),
    errors: r.errors,
  });
  for (const text of scripts) expect(view(lazy.tokenize(text))).toEqual(view(eager.tokenize(text)));
});
