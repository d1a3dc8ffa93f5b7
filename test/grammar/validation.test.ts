// The shell builds its lexer and parser without chevrotain's checks (start-up time); they run here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lexer, type IToken } from 'chevrotain';
import { expect, test } from 'vitest';
import { PowerShellParser } from '../../grammar/parser.js';
import { lexerDefinition } from '../../grammar/tokens.js';
import { ModeLexer } from '../../grammar/lexer.js';

const lexerConfig = { positionTracking: 'onlyOffset', ensureOptimizations: true } as const;

test('the parser passes chevrotain grammar validation', () => {
  expect(() => new PowerShellParser({ validate: true })).not.toThrow();
});

test('the lexer definition passes chevrotain validation with its optimizations', () => {
  const lexer = new Lexer(lexerDefinition, lexerConfig);
  expect(lexer.lexerDefinitionErrors).toEqual([]);
});

test("the shell's lexer reads scripts as chevrotain's Lexer does, without and with its first-character optimization", () => {
  const plain = new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', safeMode: true });
  const optimized = new Lexer(lexerDefinition, lexerConfig);
  const lexer = new ModeLexer(lexerDefinition);
  const root = path.resolve(import.meta.dirname, '../../examples');
  const scripts = ['hello.ps1', 'language-tour.ps1', 'domain-security/contoso.ps1', 'domain-security/woodgrove.ps1'].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  scripts.push(
    '@{ a = 1; b = Get-X -Y | Where-Object { $_ }\n c = @(1, 2)[0] }; [int]$x = 5; function f { param([Parameter(Mandatory)]$p) $p } # done',
    '<# block #> $a\u2013eq 1 \u2014and \u2010x; Get-Item \u2018quoted\u2019 \u201cdouble\u201d\u00a0\u2003\u3000x `\n  -Next; 1..3 | % { $_ }',
    "$h = @\"\nhere $x\n\"@; $s = @'\nlit\n'@; 'unterminated",
    'Write-Host \ud83d\ude00 caf\u00e9 \u00fcber; $x.Method(1)::Static; [string[]]$a = , 1; $y -= 2; $z--; !$q -and -not $r; 2>&1 *>> f; & { } ; . $p',
    ':label while ($i++ -lt 3) { break label }; switch -wildcard ("a") { "a*" { } default { } }; trap [Exception] { continue }',
  );
  const view = (r: { tokens: IToken[]; groups: Record<string, IToken[]>; errors: unknown[] }) => ({
    tokens: r.tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${t.image}${t.payload ? `(${t.payload})` : ''}`),
    comments: (r.groups.comments ?? []).map((t) => `${t.startOffset}:${t.image}`),
    errors: r.errors,
  });
  for (const text of scripts) {
    const expected = view(plain.tokenize(text));
    expect(view(optimized.tokenize(text))).toEqual(expected);
    expect(view(lexer.tokenize(text))).toEqual(expected);
  }
});
