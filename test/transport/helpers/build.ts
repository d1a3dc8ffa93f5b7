// Transpiles the sources a child process needs (src/transport, src/state, src/pki) to plain ESM
// under node_modules/.cache, so a test can run the transport in a separate process and kill it.
// The output directory is named by a hash of the sources and appears by one rename, so test files
// running in parallel never see a half-written build.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'edgeshell-transport-test');

export function buildForChild(dirs = ['src/transport', 'src/state', 'src/pki']): string {
  const files: { from: string; rel: string }[] = [];
  const hash = crypto.createHash('sha256');
  for (const d of dirs) {
    const src = path.join(ROOT, d);
    for (const f of (fs.readdirSync(src, { recursive: true }) as string[]).sort()) {
      if (!f.endsWith('.ts') || f.endsWith('.d.ts')) continue;
      const from = path.join(src, f);
      files.push({ from, rel: path.join(d, f.replace(/\.ts$/, '.js')) });
      hash.update(from).update(fs.readFileSync(from));
    }
  }
  const dir = path.join(CACHE, hash.digest('hex').slice(0, 16));
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const f of files) {
    const out = ts.transpileModule(fs.readFileSync(f.from, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: f.from,
    }).outputText;
    fs.mkdirSync(path.dirname(path.join(tmp, f.rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, f.rel), out);
  }
  fs.writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // another test process built the same sources first
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
