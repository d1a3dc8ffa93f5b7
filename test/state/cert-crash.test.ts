// Bad timing never leaves the store half-done: a child process is killed (SIGKILL) at a random moment
// while it imports, and the store is found as it was before or after the import, never between.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCertificateStore, readKeyFile, keysDir, storeFile } from '../../src/state/certificates.js';
import { createSelfSignedCertificate, generatePendingRequest, importCertificateData } from '../../src/state/certstore.js';
import { createLabAuthority, approveRequest, parseCertificateRequest, certToPem, readPfx, writePfx, generateRsaKeyPair, selfSignedCertificate, encodeName, parseDistinguishedName } from '../../src/pki/index.js';

let bundle: string;
let template: string;
let work: string;
const files: { pfx: string; issued: string } = { pfx: '', issued: '' };

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-crash-'));
  const { build } = await import('rolldown');
  bundle = path.join(work, 'import-child.mjs');
  await build({
    input: path.resolve(import.meta.dirname, 'fixtures/import-child.ts'),
    platform: 'node',
    external: [/^node:/],
    output: { file: bundle, format: 'esm' },
    logLevel: 'silent',
  });
  // the home before the import: one self-signed certificate and one pending request
  template = path.join(work, 'template');
  await createSelfSignedCertificate(template, { subjectName: 'CN=edge.contoso.com', keySize: 1024, defaultHostName: 'edge' });
  const { der } = await generatePendingRequest(template, { subjectName: 'CN=mail1.contoso.com', domainNames: ['mail.contoso.com'], keySize: 1024, defaultHostName: 'edge' });
  const ca = path.join(work, 'ca');
  await createLabAuthority(ca, 'Crash Root', { keySize: 1024 });
  files.issued = path.join(work, 'issued.cer');
  fs.writeFileSync(files.issued, certToPem(await approveRequest(ca, parseCertificateRequest(der))));
  const k = await generateRsaKeyPair(2048);
  const cert = selfSignedCertificate({ subjectDer: encodeName(parseDistinguishedName('CN=pfx.contoso.com')), issuerKeyPem: k.privateKeyPem, notBefore: new Date(), notAfter: new Date(Date.now() + 1e10) });
  files.pfx = path.join(work, 'import.pfx');
  fs.writeFileSync(files.pfx, writePfx({ privateKeyPem: k.privateKeyPem, certificate: cert, password: 'pw' }));
  expect(readPfx(fs.readFileSync(files.pfx), 'pw').certificate.equals(cert)).toBe(true);
}, 60_000);

function runChild(home: string, file: string, password: string, killAfterMs?: number): Promise<{ done: boolean; ms?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, home, file, password], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (killAfterMs !== undefined && out.includes('ready\n') && !(child as { timer?: unknown }).timer) {
        (child as { timer?: unknown }).timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout((child as { timer?: ReturnType<typeof setTimeout> }).timer);
      const m = /done (\d+)/.exec(out);
      if (!m && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ done: !!m, ms: m ? Number(m[1]) : undefined });
    });
  });
}

/** The store must be exactly `before` or `before` plus the import, with every key present. */
function checkConsistent(home: string, before: ReturnType<typeof readCertificateStore>, kind: 'pfx' | 'issued'): 'before' | 'after' {
  const doc = readCertificateStore(home);
  for (const r of [...doc.certificates, ...doc.requests]) {
    if (!r.keyFile) continue;
    expect(readKeyFile(home, r.keyFile)).toMatch(/BEGIN PRIVATE KEY/);
    expect(fs.statSync(path.join(keysDir(home), r.keyFile)).mode & 0o777).toBe(0o600);
  }
  const sameAsBefore = JSON.stringify(doc.certificates) === JSON.stringify(before.certificates) && JSON.stringify(doc.requests) === JSON.stringify(before.requests);
  if (sameAsBefore) return 'before';
  expect(doc.certificates.slice(0, before.certificates.length)).toEqual(before.certificates);
  expect(doc.certificates).toHaveLength(before.certificates.length + 1);
  if (kind === 'issued') expect(doc.requests).toHaveLength(before.requests.length - 1);
  else expect(doc.requests).toEqual(before.requests);
  return 'after';
}

describe('an import killed at a random moment', () => {
  it('leaves the store before or after, never between', async () => {
    const timing: Record<string, number> = {};
    for (const kind of ['pfx', 'issued'] as const) {
      const home = path.join(work, `measure-${kind}`);
      copyDir(template, home);
      const r = await runChild(home, files[kind], kind === 'pfx' ? 'pw' : '');
      timing[kind] = Math.max(5, r.ms ?? 50);
    }
    const seen = { before: 0, after: 0 };
    const iterations = 16;
    for (let i = 0; i < iterations; i++) {
      const kind = i % 2 ? 'pfx' : 'issued';
      const home = path.join(work, `home-${i}`);
      copyDir(template, home);
      const before = readCertificateStore(home);
      const delay = Math.random() * timing[kind]! * 1.3;
      await runChild(home, files[kind], kind === 'pfx' ? 'pw' : '', delay);
      const state = checkConsistent(home, before, kind);
      seen[state]++;
      // the next change recovers the lock of the killed process and sweeps what it left
      const again = importCertificateData(home, fs.readFileSync(files[kind]), { password: kind === 'pfx' ? 'pw' : undefined });
      if (state === 'before') await expect(again).resolves.toBeTruthy();
      else await expect(again).rejects.toThrow(/already exists/);
      const doc = readCertificateStore(home);
      const used = new Set([...doc.certificates, ...doc.requests].map((r) => r.keyFile).filter(Boolean));
      expect(fs.readdirSync(keysDir(home)).filter((f) => !used.has(f))).toEqual([]);
      expect(fs.readdirSync(path.dirname(storeFile(home))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    console.log(`crash test: ${JSON.stringify(timing)} ms imports; killed before: ${seen.before}, after: ${seen.after}`);
    expect(seen.before + seen.after).toBe(iterations);
  }, 120_000);
});
