// Benchmarks (npm run bench): start-up costs and hot-path throughput, written to
// bench/results.json. Targets (DESIGN §6, 2 cores): tool start <= 2.5x `node -e 0`, engine start
// <= 0.4 s. Nothing here is a pass/fail test; the figures are for the README and issue notes.
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, env, median, root, startEngine } from './lib.mjs';

function timeRun(args, n = 15) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };

results.nodeStartMs = timeRun(['-e', '0']);
const starts = [];
let engine;
for (let i = 0; i < 5; i++) {
  const e = await startEngine();
  starts.push(e.ms);
  if (i < 4) await e.stop(); else engine = e;
}
results.engineStartMs = median(starts);
const bs = engine.bootstrap;
spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bs, '--create', '--topic', 'bench', '--partitions', '3'], { env });
results.kafkaTopicsListMs = timeRun([bin('kafka-topics'), '--bootstrap-server', bs, '--list']);
results.kafkaTopicsDescribeMs = timeRun([bin('kafka-topics'), '--bootstrap-server', bs, '--describe', '--topic', 'bench']);
results.toolStartRatio = +(results.kafkaTopicsListMs / results.nodeStartMs).toFixed(2);
await engine.stop();

const recs = spawnSync(process.execPath, [join(root, 'bench', 'records.mjs'), '1000000', '1000'], { encoding: 'utf8' });
results.records = recs.stdout.trim().split('\n');

let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, startup: results }, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
