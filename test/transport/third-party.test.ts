// Third-party clients prove the receive side: swaks with a client certificate is accepted as
// Partner; openssl s_client -starttls smtp sees the configured certificate.
// In CI (CI=true) nothing here is skipped: .ci/run installs swaks and openssl, and a missing one fails.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransportService } from '../../src/transport/service.js';
import { listMailbox } from '../../src/transport/mailbox.js';
import type { TestCa, TestCert } from './helpers/pki.js';
import { tempHome, type Org } from './helpers/env.js';
import { secureWoodgrove } from './helpers/woodgrove.js';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function run(cmd: string, args: string[], input = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
    child.stdin?.end(input);
  });
}

let root: TestCa;
let server: TestCert;
let contoso: TestCert;
let org: Org;
let svc: TransportService;
let dir: string;

beforeAll(async () => {
  ({ root, woodgroveCert: server, contosoCert: contoso, org } = await secureWoodgrove('WG'));
  svc = await TransportService.start(org.env, { tickMs: 50 });
  dir = tempHome('edgeshell-3rdparty-');
  fs.writeFileSync(path.join(dir, 'contoso.pem'), contoso.pem);
  fs.writeFileSync(path.join(dir, 'contoso.key'), contoso.keyPem);
}, 60_000);

afterAll(async () => {
  await svc?.stop(500);
});

describe('third-party clients', () => {
  test.skipIf(!has('swaks') && !process.env.CI)('swaks with --tls-cert/--tls-key is accepted as Partner', async () => {
    const r = await run('swaks', [
      '--server', `127.0.0.1:${org.port}`,
      '--ehlo', 'mail1.contoso.com',
      '--from', 'ann@contoso.com',
      '--to', 'bob@woodgrovebank.com',
      '--tls',
      '--tls-cert', path.join(dir, 'contoso.pem'),
      '--tls-key', path.join(dir, 'contoso.key'),
      '--header', 'Subject: from swaks',
    ]);
    // swaks marks the lines it reads inside TLS with <~
    expect(r.out).toMatch(/<~\s+250 2\.6\.0 <.+> Queued mail for delivery/);
    await svc.idle();
    const mail = fs.readFileSync(listMailbox(org.home, 'bob@woodgrovebank.com').at(-1)!, 'utf8');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthAs: Partner');
    expect(mail).toContain('X-MS-Exchange-Organization-AuthDomain: contoso.com');
    expect(mail).toContain('Subject: from swaks');
  });

  test.skipIf(!has('swaks') && !process.env.CI)('swaks without a client certificate is refused with 530 5.7.1', async () => {
    const r = await run('swaks', ['--server', `127.0.0.1:${org.port}`, '--from', 'ann@contoso.com', '--to', 'bob@woodgrovebank.com', '--tls']);
    expect(r.out).toMatch(/<~\*\s+530 5\.7\.1 Not authenticated/);
  });

  test.skipIf(!has('openssl') && !process.env.CI)('openssl s_client -starttls smtp sees the configured certificate', async () => {
    const r = await run('openssl', ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${org.port}`, '-servername', 'mail.woodgrovebank.com'], 'QUIT\r\n');
    expect(r.out).toMatch(/subject=\s*CN\s*=\s*mail\.woodgrovebank\.com/);
    expect(r.out).toMatch(/issuer=\s*CN\s*=\s*Lab Root CA/);
    // the server asks for a client certificate (domain security is on) and names the trusted root
    expect(r.out).toMatch(/Acceptable client certificate CA names\s*\n\s*CN\s*=\s*Lab Root CA/);
  });
});
