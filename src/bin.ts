#!/usr/bin/env node
// The edgeshell command. It runs the CommonJS bundle of cli.ts through V8's code cache: compiling
// the ~1 MB bundle was a third of start-up, and Node 20 has no compile cache for ES modules.
// The Ink UI (ES modules with top-level await, which require() cannot load) stays an ES module
// bundle that cli.ts imports through the hook set here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createRequire, Module } from 'node:module';
import { pathToFileURL } from 'node:url';

// bundled as CommonJS (an ES module entry costs node a few ms more to start): __dirname is dist/bin
const here = __dirname;
const bundle = path.join(here, 'shell.cjs');
const cacheFile = bundle + '.cache';
// the grammar snapshot (grammar/snapshot.ts) cli.ts builds its parser from; a run without one writes it
const snapshotFile = bundle + '.grammar.json';

(globalThis as { __edgeshellImportUi?: () => Promise<unknown> }).__edgeshellImportUi = () => import(pathToFileURL(path.join(here, 'ui.js')).href);
(globalThis as { __edgeshellGrammarSnapshot?: string }).__edgeshellGrammarSnapshot = snapshotFile;

let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // first run after a build, or a cache that could not be written: compile from source
}
// a shebang line would not be JavaScript inside the function wrapper
const source = fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
const script = new vm.Script((Module as unknown as { wrap(code: string): string }).wrap(source), { filename: bundle, cachedData });
// Written at exit, so it holds the functions this run compiled too; a read-only install just runs
// uncached. A run without the grammar snapshot compiles what recording the grammar needs, which
// later runs do not: the cache is left to the next run (the build runs the shell twice).
if ((!cachedData || script.cachedDataRejected) && fs.existsSync(snapshotFile)) {
  process.once('exit', () => {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      /* no cache this time */
    }
  });
}
const main = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
const mod = { exports: {} };
main(mod.exports, createRequire(bundle), mod, bundle, here);
