// End-to-end latency (issue 11, target 4: p99 <= 10 ms at 10,000 records/s, linger.ms=0, acks=all),
// measured with librdkafka (confluent-kafka in the test venv, bench/e2e-latency.py), a client we
// did not write: a producer process paced at RATE records/s and a consumer process reading the
// same partition, per-record latency = receive time - produce() time (CLOCK_MONOTONIC, one
// machine). One engine; each run a new topic, the first 10,000 records of a run not counted.
// Also measured at 2,000 records/s (a lightly loaded engine) for comparison.
// Run after `npx tsc -p .`:  node bench/latency.mjs [runs=3] [records=50000]
// Writes bench/results.json under "latency" (merged with what is there).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { e2eLatency, median, root, startEngine } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const RECORDS = Number(process.argv[3] ?? 50_000);

const engine = await startEngine({ prefix: 'kl-bench-latency-' });
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavg1m: Number(loadavg()[0].toFixed(2)),
  client: 'librdkafka (confluent-kafka) producer and consumer, bench/e2e-latency.py',
  producerSettings: { 'linger.ms': 0, acks: 'all' },
  recordBytes: 100,
  records: RECORDS,
  runs: RUNS,
};
try {
  for (const rate of [10_000, 2_000]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await e2eLatency(engine.bootstrap, `latency-${rate}-${i}`, { count: rate === 10_000 ? RECORDS : Math.min(RECORDS, 20_000), rate, warmup: rate });
      console.log(`${rate} records/s run ${i + 1}: p50 ${r.p50} ms  p99 ${r.p99} ms  p99.9 ${r.p999} ms  max ${r.max} ms  (producer ${r.producerRecordsPerSecond}/s)`);
      runs.push(r);
    }
    const m = (k) => median(runs.map((r) => r[k]));
    result[`at${rate}PerSecond`] = { p50Ms: m('p50'), p99Ms: m('p99'), p999Ms: m('p999'), maxMs: m('max'), runs };
  }
  result.target = { rate: 10_000, p99Ms: 10 };
  result.withinTarget = result.at10000PerSecond.p99Ms <= 10;
  result.loadavg1mAfter = Number(loadavg()[0].toFixed(2));
} finally {
  await engine.stop();
}
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, latency: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
