// Test helpers: run the openssl CLI in a scratch directory.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function scratch(prefix = 'edgeshell-pki-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openssl(args: string[], cwd: string, input?: string): string {
  return execFileSync('openssl', args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** openssl's result with stdout and stderr together, without throwing. */
export function opensslTry(args: string[], cwd: string): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** A root CA made by openssl (key + self-signed cert) with a minimal `openssl ca` database for CRLs. */
export function opensslRootCa(dir: string, cn = 'OpenSSL Test Root'): { cert: string; key: string; conf: string } {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', `/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'crlnumber'), '01\n');
  const conf = `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = ${dir}
database = ${dir}/index.txt
crlnumber = ${dir}/crlnumber
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
default_md = sha256
default_crl_days = 7
`;
  fs.writeFileSync(path.join(dir, 'ca.cnf'), conf);
  return { cert: path.join(dir, 'ca.pem'), key: path.join(dir, 'ca.key'), conf: path.join(dir, 'ca.cnf') };
}

/** Revokes a certificate in the openssl CA database and writes a CRL (PEM) to `crlFile`. */
export function opensslRevokeAndCrl(dir: string, certFile: string, crlFile: string): void {
  openssl(['ca', '-config', 'ca.cnf', '-revoke', certFile], dir);
  openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-out', crlFile], dir);
}
