// npm run bench: the language's figures. Each line is a measurement with its unit; targets from the
// issue are printed beside them for reading, never asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import * as os from 'node:os';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const cli = path.join(dist, 'bin/edgeshell.cjs');
const { parseScript } = await import(path.join(dist, 'grammar/index.js'));
const { Runspace } = await import(path.join(dist, 'src/engine/runspace.js'));
const { areas } = await import(path.join(dist, 'cmdlets/index.js'));

console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (figures are wall-clock)`);

function line(name, value, unit, target) {
  console.log(`${name.padEnd(58)} ${value.padStart(14)} ${unit.padEnd(10)}${target ? ` (target ${target})` : ''}`);
}

// ---- parse throughput on a generated script of at least 1 MB
function generateScript(minBytes) {
  const stmts = [
    'Get-ExchangeCertificate | Where-Object { $_.Services -match "SMTP" } | Format-List Thumbprint, Subject',
    '$list = @("woodgrovebank.com", "fabrikam.com"); foreach ($d in $list) { Write-Output "domain: $d" }',
    'Set-ReceiveConnector Inet -DomainSecureEnabled:$True -AuthMechanism TLS -Bindings 0.0.0.0:25',
    'function Get-Sum([int]$a, [int]$b) { return $a + $b * 2 - ($a % 3) }',
    '$h = @{ Name = "x"; Value = 42; Items = 1..10 }; if ($h.Value -gt 10 -and $h.Name -like "x*") { $h.Items | Measure-Object -Sum }',
    'switch -regex ($line) { "^#" { continue } default { $count++ } }',
    '$text = @"\nHello $name, the time is $(Get-Date)\n"@',
    'try { Import-ExchangeCertificate -Path c:\\certificates\\import.pfx | Enable-ExchangeCertificate -Services SMTP } catch { Write-Warning $_ }',
  ];
  let out = '';
  let i = 0;
  while (out.length < minBytes) out += stmts[i++ % stmts.length] + '\n';
  return out;
}
const script = generateScript(1_100_000);
// the parser's lookahead functions are built lazily and V8 needs a few runs: warm up on the script
for (let i = 0; i < 3; i++) parseScript(script);
let best = Infinity;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  parseScript(script);
  best = Math.min(best, performance.now() - t0);
}
line('parse throughput (1.1 MB generated script)', (script.length / 1e6 / (best / 1000)).toFixed(1), 'MB/s', '>= 5 MB/s');

// ---- pipeline throughput, in-process (no formatting of a million lines)
async function pipelineRate(text, items) {
  const rs = new Runspace({
    home: fs.mkdtempSync(path.join(os.tmpdir(), 'edgeshell-bench-')),
    cmdlets: areas,
    host: { interactive: false, width: 120, confirm: async () => false },
    streams: { output() {}, error(t) { console.error(t); }, warning() {}, verbose() {}, debug() {}, information() {}, progress() {} },
  });
  await rs.evaluate(text.replace('1000000', '1000')); // warm up
  let bestMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await rs.evaluate(text);
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return items / (bestMs / 1000);
}
const w = await pipelineRate('1..1000000 | Where-Object { $_ % 2 -eq 0 } | Measure-Object', 1_000_000);
line('1..1000000 | Where-Object { $_ % 2 -eq 0 } | Measure-Object', Math.round(w).toLocaleString('en-US'), 'items/s', '>= 1,000,000');
const f = await pipelineRate('1..1000000 | ForEach-Object { $_ } | Out-Null', 1_000_000);
line('1..1000000 | ForEach-Object { $_ }', Math.round(f).toLocaleString('en-US'), 'items/s', '>= 1,000,000');

// ---- start-up: edgeshell -NoProfile -Command '$null' beside bare node, runs interleaved so that
// a machine whose load drifts slows both sides alike
function timeRun(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, EDGESHELL_HOME: os.tmpdir() } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}
const nodeTimes = [];
const shellTimes = [];
timeRun([cli, '-NoProfile', '-Command', '$null']); // the first run after a build may write the code cache
for (let i = 0; i < 25; i++) {
  nodeTimes.push(timeRun(['-e', '']));
  shellTimes.push(timeRun([cli, '-NoProfile', '-Command', '$null']));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nodeMs = median(nodeTimes);
const shellMs = median(shellTimes);
line("start-up: node -e '' (median of 25)", nodeMs.toFixed(0), 'ms');
line("start-up: edgeshell -NoProfile -Command '$null' (median of 25)", shellMs.toFixed(0), 'ms');
line('start-up ratio (edgeshell / node)', (shellMs / nodeMs).toFixed(2), 'x', '<= 2.5x');

// ---- the interactive shell: keystroke-to-frame latency, 20,000 lines through the UI's output path
// (a child process: it clears CI before loading Ink)
spawnSync(process.execPath, [path.join(root, 'bench/ui.mjs')], { stdio: 'inherit' });
void execFileSync;
