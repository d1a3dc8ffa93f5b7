// Every core declaration is complete: what Get-Help, Get-Command and the binder read from it.
import { describe, expect, test } from 'vitest';
import { cmdlets } from '../../cmdlets/core/index.js';
import { parameterSets } from '../../cmdlets/core/help-text.js';

const mine = cmdlets.filter((d) => !/^(Format|Out)-/.test(d.name));

describe.each(mine.map((d) => [d.name, d] as const))('%s', (_name, decl) => {
  test('has a synopsis, a description, examples and described parameters', () => {
    expect(decl.synopsis.length).toBeGreaterThan(10);
    expect(decl.description.length).toBeGreaterThan(40);
    expect(decl.examples.length).toBeGreaterThan(0);
    for (const ex of decl.examples) expect(ex.output !== undefined || ex.check !== undefined).toBe(true);
    for (const p of decl.parameters) expect(p.description, p.name).toMatch(/\S/);
  });

  test('positions are unique within each parameter set', () => {
    for (const set of parameterSets(decl)) {
      const positions = decl.parameters
        .filter((p) => !p.parameterSets || set === '__AllParameterSets' || p.parameterSets.includes(set))
        .map((p) => p.setOverrides?.[set]?.position ?? p.position)
        .filter((x) => x !== undefined);
      expect(new Set(positions).size, `${set}: ${positions.join(',')}`).toBe(positions.length);
    }
  });
});

test('no two core cmdlets share an alias', () => {
  const seen = new Map<string, string>();
  for (const d of cmdlets) {
    for (const a of d.aliases ?? []) {
      expect(seen.get(a.toLowerCase()), `${a} of ${d.name}`).toBeUndefined();
      seen.set(a.toLowerCase(), d.name);
    }
  }
});
