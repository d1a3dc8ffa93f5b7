import { test } from 'vitest';
import { runScript } from '../helpers/shell.js';
test('probe', async () => {
  const r = await runScript("1..5 | Where-Object { $_ -gt 2 }");
  console.log(JSON.stringify(r.stdout), JSON.stringify(r.stderr));
});
