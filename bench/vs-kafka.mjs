// The engine against Apache Kafka's broker on this machine (issue 11, target 3: throughput >=
// Kafka's, p99 latency <= Kafka's at 10,000 records/s), same clients and load on both sides:
//  - kcat -P of 1,000,000 lines of 100 B, acks=all (wall clock of the process);
//  - kcat -C -e -o beginning of those records with -X fetch.wait.max.ms=10 (neither broker makes
//    kcat wait at the end of the log), > /dev/null;
//  - Kafka's own kafka-producer-perf-test (the Java client, via scripts/reference.sh tool)
//    --num-records 1000000 --record-size 100 --throughput -1, acks=all: its own records/sec and
//    latency percentiles;
//  - end-to-end latency at 10,000 records/s with librdkafka (bench/e2e-latency.py: linger.ms=0,
//    acks=all, librdkafka's defaults otherwise).
// Kafka is the reference harness's single KRaft node (scripts/reference.sh start: Kafka's stock
// server.properties, JVM -Xmx512M, G1) and the engine runs with its defaults; neither fsyncs each
// write (Kafka leaves flushing to the OS, the engine's SQLite WAL runs synchronous=NORMAL).
// Both brokers run for the whole benchmark; every run uses new topics; the sides alternate
// within each run (engine first in odd runs, Kafka first in even ones). Figures are medians.
// Run after `npx tsc -p .`:  node bench/vs-kafka.mjs [runs=3] [records=1000000]
// Writes bench/results.json under "vsKafka" (merged with what is there).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createTopic, e2eLatency, env, median, root, startEngine, timed } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const N = Number(process.argv[3] ?? 1_000_000);
const SIZE = 100;
const LATENCY_RECORDS = 50_000;
const reference = join(root, 'scripts', 'reference.sh');

function countRecords(bootstrap, topic) {
  const r = spawnSync('kcat', ['-b', bootstrap, '-C', '-t', topic, '-e', '-q', '-o', 'beginning', '-X', 'fetch.wait.max.ms=10', '-f', '\n'], { maxBuffer: 64 * 1024 * 1024 });
  return r.stdout.length;
}

const dir = mkdtempSync(join(tmpdir(), 'kl-bench-vs-kafka-'));
const inputFile = join(dir, 'lines.txt');
{
  const line = SIZE + 1;
  const buf = Buffer.allocUnsafe(N * line);
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  for (let i = 0; i < N; i++) {
    const o = i * line;
    for (let j = 0; j < SIZE; j++) buf[o + j] = alphabet[(i * 7 + j * 13) % alphabet.length];
    buf.write(String(i), o, 'latin1');
    buf[o + SIZE] = 10;
  }
  writeFileSync(inputFile, buf);
}

async function kcatProduce(bootstrap, topic) {
  createTopic(bootstrap, topic);
  const fd = openSync(inputFile, 'r');
  try {
    return (await timed('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'acks=all'], { stdin: fd })).seconds;
  } finally {
    closeSync(fd);
  }
}

async function kcatConsume(bootstrap, topic) {
  const fd = openSync('/dev/null', 'w');
  try {
    return (await timed('kcat', ['-C', '-e', '-o', 'beginning', '-q', '-b', bootstrap, '-t', topic, '-X', 'fetch.wait.max.ms=10'], { stdout: fd })).seconds;
  } finally {
    closeSync(fd);
  }
}

/** Kafka's kafka-producer-perf-test: its summary line, parsed. */
function producerPerfTest(bootstrap, topic) {
  createTopic(bootstrap, topic);
  const r = spawnSync('bash', [reference, 'tool', 'kafka-producer-perf-test', '--topic', topic, '--num-records', String(N), '--record-size', String(SIZE), '--throughput', '-1', '--producer-props', `bootstrap.servers=${bootstrap}`, 'acks=all'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kafka-producer-perf-test: ${r.stderr}`);
  const summary = r.stdout.trim().split('\n').pop();
  const m = /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99.9th\.$/.exec(summary);
  if (!m || Number(m[1]) !== N) throw new Error(`kafka-producer-perf-test summary: ${summary}`);
  return { recordsPerSec: Math.round(Number(m[2])), avgLatencyMs: Number(m[4]), p50Ms: Number(m[6]), p99Ms: Number(m[8]) };
}

console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const start = spawnSync('bash', [reference, 'start'], { env, encoding: 'utf8' });
if (start.status !== 0) throw new Error(`reference.sh start: ${start.stderr}`);
const kafkaDir = /^dir=(.*)$/m.exec(start.stdout)[1];
const kafkaBootstrap = /^bootstrap=(.*)$/m.exec(start.stdout)[1];
const engine = await startEngine({ prefix: 'kl-bench-vs-kafka-engine-' });
const sides = { engine: engine.bootstrap, kafka: kafkaBootstrap };
const runs = { engine: [], kafka: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['engine', 'kafka'] : ['kafka', 'engine'];
    for (const side of order) {
      const bs = sides[side];
      const r = {};
      r.kcatProduceSeconds = await kcatProduce(bs, `vs-produce-${i}`);
      const stored = countRecords(bs, `vs-produce-${i}`);
      if (stored !== N) throw new Error(`${side}: ${stored} records stored, expected ${N}`);
      r.kcatConsumeSeconds = await kcatConsume(bs, `vs-produce-${i}`);
      r.perfTest = producerPerfTest(bs, `vs-perf-${i}`);
      r.latency = await e2eLatency(bs, `vs-latency-${i}`, { count: LATENCY_RECORDS, rate: 10_000 });
      runs[side].push(r);
      console.log(`run ${i + 1} ${side.padEnd(6)}: kcat -P ${r.kcatProduceSeconds.toFixed(3)} s, kcat -C ${r.kcatConsumeSeconds.toFixed(3)} s, producer-perf-test ${r.perfTest.recordsPerSec}/s (p99 ${r.perfTest.p99Ms} ms), e2e p50 ${r.latency.p50} p99 ${r.latency.p99} p99.9 ${r.latency.p999} ms`);
    }
  }
} finally {
  await engine.stop();
  spawnSync('bash', [reference, 'stop', kafkaDir], { env, stdio: 'inherit' });
  rmSync(kafkaDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

const summary = (rs) => ({
  kcatProduceRecordsPerSec: Math.round(N / median(rs.map((r) => r.kcatProduceSeconds))),
  kcatConsumeRecordsPerSec: Math.round(N / median(rs.map((r) => r.kcatConsumeSeconds))),
  producerPerfTestRecordsPerSec: median(rs.map((r) => r.perfTest.recordsPerSec)),
  producerPerfTestP99Ms: median(rs.map((r) => r.perfTest.p99Ms)),
  e2eP50Ms: median(rs.map((r) => r.latency.p50)),
  e2eP99Ms: median(rs.map((r) => r.latency.p99)),
  e2eP999Ms: median(rs.map((r) => r.latency.p999)),
  runs: rs,
});
const e = summary(runs.engine);
const k = summary(runs.kafka);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavg1mAfter: Number(loadavg()[0].toFixed(2)),
  records: N,
  recordBytes: SIZE,
  runs: RUNS,
  commands: {
    kcatProduce: 'kcat -P -b <broker> -t <topic> -X acks=all < 1,000,000 lines of 100 B',
    kcatConsume: 'kcat -C -e -o beginning -q -b <broker> -t <topic> -X fetch.wait.max.ms=10 > /dev/null',
    producerPerfTest: `kafka-producer-perf-test (Kafka's, Java client) --topic <topic> --num-records ${N} --record-size ${SIZE} --throughput -1 --producer-props bootstrap.servers=<broker> acks=all`,
    e2eLatency: `bench/e2e-latency.py (librdkafka): ${LATENCY_RECORDS} records of 100 B at 10,000/s after 10,000 not counted, linger.ms=0, acks=all`,
  },
  engine: e,
  kafka: k,
  /** engine / Kafka: >= 1 means the engine is at least as fast (throughput), <= 1 at least as quick (latency). */
  ratios: {
    kcatProduce: Number((e.kcatProduceRecordsPerSec / k.kcatProduceRecordsPerSec).toFixed(2)),
    kcatConsume: Number((e.kcatConsumeRecordsPerSec / k.kcatConsumeRecordsPerSec).toFixed(2)),
    producerPerfTest: Number((e.producerPerfTestRecordsPerSec / k.producerPerfTestRecordsPerSec).toFixed(2)),
    e2eP99: Number((e.e2eP99Ms / k.e2eP99Ms).toFixed(2)),
  },
};
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, vsKafka: result }, null, 2) + '\n');
const row = (label, a, b, unit) => console.log(`${label.padEnd(34)} ${String(a).padStart(12)} ${String(b).padStart(12)}  ${unit}`);
console.log(`\n${''.padEnd(34)} ${'engine'.padStart(12)} ${'Kafka'.padStart(12)}`);
row('kcat -P (acks=all)', e.kcatProduceRecordsPerSec, k.kcatProduceRecordsPerSec, 'records/s');
row('kcat -C (fetch.wait.max.ms=10)', e.kcatConsumeRecordsPerSec, k.kcatConsumeRecordsPerSec, 'records/s');
row('kafka-producer-perf-test', e.producerPerfTestRecordsPerSec, k.producerPerfTestRecordsPerSec, 'records/s');
row('e2e latency at 10k/s p50', e.e2eP50Ms, k.e2eP50Ms, 'ms');
row('e2e latency at 10k/s p99', e.e2eP99Ms, k.e2eP99Ms, 'ms');
row('e2e latency at 10k/s p99.9', e.e2eP999Ms, k.e2eP999Ms, 'ms');
console.log(JSON.stringify(result.ratios));
