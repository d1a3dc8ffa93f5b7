// Every example of every cmdlet's declaration runs here, and its stated output is checked:
// the help text cannot drift from what the cmdlet does.
import { describe, expect, test } from 'vitest';
import { areas } from '../cmdlets/index.js';
import { createRunspace, tempDir, trimLines } from './helpers/shell.js';

/** Trailing spaces and the blank lines around a whole output are not part of an example's text. */
function normalize(text: string): string {
  return trimLines(text).replace(/^\n+/, '').replace(/\n+$/, '');
}

for (const area of areas) {
  describe(area.source, () => {
    for (const decl of area.cmdlets) {
      decl.examples.forEach((ex, i) => {
        test(`${decl.name} example ${i + 1}: ${ex.code.split('\n')[0]}`, async () => {
          const h = createRunspace({ home: tempDir('edgeshell-example-home-'), cwd: tempDir('edgeshell-example-cwd-') });
          if (ex.setup) {
            await h.rs.runScript(ex.setup);
            expect(h.stderr, 'setup errors').toBe('');
            h.reset();
          }
          await h.rs.runScript(ex.code);
          expect(h.stderr, 'errors').toBe('');
          if (ex.output !== undefined) expect(normalize(h.stdout)).toBe(normalize(ex.output));
          else if (ex.check) expect(h.stdout).toMatch(ex.check);
          else throw new Error(`example ${i + 1} of ${decl.name} states neither output nor check`);
        });
      });
    }
  });
}
