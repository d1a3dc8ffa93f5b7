// The shell builds its parser from a grammar snapshot (grammar/snapshot.ts): it must hold the
// recorded rules and make every decision as the analyzed grammar does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LLkLookaheadStrategy, serializeGrammar } from 'chevrotain';
import { describe, expect, it, vi } from 'vitest';
import { PowerShellParser } from '../../grammar/parser.js';

type Grammar = typeof import('../../grammar/index.js');
/** A fresh grammar module: its own tokens, lexer and parser. */
async function freshGrammar(): Promise<Grammar> {
  vi.resetModules();
  return import('../../grammar/index.js');
}

const examples = path.resolve(import.meta.dirname, '../../examples');
const corpus = [
  ...['hello.ps1', 'language-tour.ps1', 'domain-security/contoso.ps1', 'domain-security/woodgrove.ps1'].map((f) => fs.readFileSync(path.join(examples, f), 'utf8')),
  'Get-ExchangeCertificate | Where-Object { $_.Services -match "SMTP" } | Format-List Thumbprint, Subject',
  'Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS -Bindings 0.0.0.0:25 2>&1 > out.txt',
  'function Get-Sum { [CmdletBinding()] param([Parameter(Mandatory, Position = 0)][int]$a, [int[]]$b = @(1, 2)) begin { } process { $a + $b[0] * 2 } end { } }',
  '$h = @{ Name = "x"; Value = 42; Items = 1..10 }; if ($h.Value -gt 10 -and $h.Name -like "x*") { $h.Items | Measure-Object -Sum } elseif (!$h) { } else { }',
  'switch -regex ($line) { "^#" { continue } default { $count++ } }; :outer foreach ($x in $y) { break outer }',
  'try { throw "x" } catch [System.IO.IOException], [Exception] { $_ } finally { exit 3 }; trap { continue }',
  'do { $i-- } until ($i -le 0); while ($true) { return }; for ($i = 0; $i -lt 3; $i++) { $a[$i] = [math]::Max($i, 2).ToString() }',
  '& $sb -x 1; . ./lib.ps1; [pscustomobject]@{ a = 1 }; $x = "a$($b + 1)c ${env:HOME}"; $y = @"\nhere $z\n"@; -not $a -bor 3',
  // incomplete and invalid input: the same errors, the same offsets
  'if (', '$x +', 'Get-X |', 'foreach ($a in', '@{ a = ', 'function f {', '"unterminated', '1 +* 2', ')', 'else { }', '$a[', 'param(',
];

/** A GAST node as plain data: its class, its own fields (references by name) and its children's. */
function shape(node: object): unknown {
  const out: Record<string, unknown> = { class: node.constructor.name };
  for (const [k, v] of Object.entries(node)) {
    if (k === '_definition') continue;
    out[k] = k === 'referencedRule' ? (v as { name: string }).name : k === 'terminalType' || k === 'separator' ? (v as { name: string }).name : v;
  }
  if (out.class !== 'NonTerminal' && out.class !== 'Terminal') out.definition = (node as { definition: object[] }).definition.map(shape);
  return out;
}

/** What parsing the text gives: its tree, or its error. */
function outcome(g: Grammar, text: string): unknown {
  try {
    return JSON.parse(JSON.stringify(g.parseScript(text), (k, v) => (k === 'source' ? undefined : v)));
  } catch (e) {
    const err = e as { message: string; offset?: number; incomplete?: boolean };
    return { error: err.message, offset: err.offset, incomplete: err.incomplete };
  }
}

describe('grammar snapshot', () => {
  it('holds the rules as chevrotain records them', () => {
    const recorded = new PowerShellParser();
    const snapshot = recorded.snapshot();
    const restored = new PowerShellParser({ snapshot: JSON.parse(JSON.stringify(snapshot)) });
    const rules = (p: PowerShellParser) => Object.values(p.getGAstProductions()).map(shape);
    expect(rules(restored)).toStrictEqual(rules(recorded));
    expect(serializeGrammar(Object.values(restored.getGAstProductions()))).toEqual(serializeGrammar(Object.values(recorded.getGAstProductions())));
    expect(restored.snapshot()).toEqual(snapshot);
  });

  it('gives a parser that parses and fails as the analyzed grammar does', async () => {
    const analyzed = await freshGrammar();
    const json = analyzed.grammarSnapshot();
    const fromSnapshot = await freshGrammar();
    expect(fromSnapshot.useGrammarSnapshot(json)).toBe(true);
    const analysis = [vi.spyOn(LLkLookaheadStrategy.prototype, 'buildLookaheadForAlternation'), vi.spyOn(LLkLookaheadStrategy.prototype, 'buildLookaheadForOptional')];
    const outcomes = corpus.map((text) => outcome(fromSnapshot, text));
    // every decision's paths came from the snapshot
    for (const spy of analysis) expect(spy).not.toHaveBeenCalled();
    corpus.forEach((text, i) => expect(outcomes[i], text).toEqual(outcome(analyzed, text)));
    for (const spy of analysis) spy.mockRestore();
  });

  it('is refused when taken from another grammar or not one at all', async () => {
    const g = await freshGrammar();
    const other = JSON.parse(g.grammarSnapshot());
    other.fingerprint = other.fingerprint.replace('Newline<Sep>', 'Newline<>');
    expect(g.useGrammarSnapshot(JSON.stringify(other))).toBe(false);
    expect(g.useGrammarSnapshot('{')).toBe(false);
    expect(outcome(g, '1 + 2')).toMatchObject({ kind: 'ScriptBlock' });
  });
});
