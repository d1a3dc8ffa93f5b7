// The cmdlet modules stay cheap to import: node-forge and the PKI layer load only when a cmdlet runs.
import { it, expect } from 'vitest';
import { createRequire } from 'node:module';

it('importing the certificate and lab cmdlets does not load node-forge', async () => {
  const require = createRequire(import.meta.url);
  const loaded = () => Object.keys(require.cache).some((k) => k.includes(`${'node_modules'}/node-forge/`));
  const t0 = performance.now();
  const certs = await import('../../cmdlets/certificates/index.js');
  const lab = await import('../../cmdlets/lab/index.js');
  const ms = performance.now() - t0;
  expect(certs.cmdlets.map((c) => c.name)).toEqual([
    'New-ExchangeCertificate',
    'Import-ExchangeCertificate',
    'Enable-ExchangeCertificate',
    'Get-ExchangeCertificate',
    'Export-ExchangeCertificate',
    'Remove-ExchangeCertificate',
    'Import-Certificate',
  ]);
  expect(lab.cmdlets).toHaveLength(4);
  expect(loaded()).toBe(false);
  // and the check itself works: loading the PKI layer does load it
  await import('../../src/pki/pkcs12.js');
  expect(loaded()).toBe(true);
  expect(ms).toBeLessThan(2000);
});

it('every parameter is described and every cmdlet has examples', async () => {
  const { cmdlets } = await import('../../cmdlets/certificates/index.js');
  const { cmdlets: lab } = await import('../../cmdlets/lab/index.js');
  for (const c of [...cmdlets, ...lab]) {
    expect(c.synopsis.length).toBeGreaterThan(10);
    expect(c.examples.length).toBeGreaterThan(0);
    for (const p of c.parameters) expect(p.description, `${c.name} -${p.name}`).toBeTruthy();
  }
  const enable = cmdlets.find((c) => c.name === 'Enable-ExchangeCertificate')!;
  expect(enable.parameters.find((p) => p.name === 'Thumbprint')).toMatchObject({ position: 0, valueFromPipelineByPropertyName: true });
});
