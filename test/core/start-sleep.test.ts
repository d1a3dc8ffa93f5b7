import { describe, expect, test } from 'vitest';
import { run } from './harness.js';
import startSleep from '../../cmdlets/core/start-sleep.js';

describe('Start-Sleep', () => {
  test('Start-Sleep waits and stops on Ctrl+C', async () => {
    const t0 = Date.now();
    await run(startSleep, { params: { Milliseconds: 30 }, parameterSet: 'Milliseconds' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const t1 = Date.now();
    await expect(run(startSleep, { params: { Seconds: 10 }, signal: abort.signal })).rejects.toBeTruthy();
    expect(Date.now() - t1).toBeLessThan(2000);
  });

});
