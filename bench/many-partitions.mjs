// Many partitions (issue 11, target 5): 1,000 topics x 10 partitions in one engine.
//  - `bin/kafka-topics --describe` of all topics against a one-topic describe (both wall-clock,
//    Node's start-up included; the target is all <= 1.5x one);
//  - our Producer (acks=all, Kafka's defaults, RoundRobinPartitioner) sending records of 100 B
//    spread over all 10,000 partitions (record i to topic i mod 1000) against the same number
//    into a topic of one partition (target: within 30%). Each producer first sends one record
//    to every topic it will use (not timed), so metadata look-ups are not what is measured.
// Run after `npx tsc -p .`:  node bench/many-partitions.mjs [runs=3] [records=200000]
// records=0 runs the describe part alone (the produce figures already there are kept).
// Writes bench/results.json under "manyPartitions" (merged with what is there).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { bin, env, median, root, startEngine } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));
const { Admin } = require(join(root, 'dist/client/admin'));

const RUNS = Number(process.argv[2] ?? 3);
const RECORDS = Number(process.argv[3] ?? 200_000);
const TOPICS = 1000;
const PARTITIONS = 10;
const SIZE = 100;
const name = (i) => `t${String(i).padStart(4, '0')}`;

function describe(bootstrap, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bootstrap, '--describe', ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`kafka-topics --describe ${args.join(' ')}: ${r.stderr}`);
  return { seconds: s, lines: r.stdout.split('\n').length - 1 };
}

async function produce(bootstrap, topicOf) {
  const producer = new Producer({ settings: producerSettings(new Map([
    ['bootstrap.servers', bootstrap], ['acks', 'all'], ['partitioner.class', 'org.apache.kafka.clients.producer.RoundRobinPartitioner'],
  ])) });
  const value = Buffer.alloc(SIZE, 'x');
  // One record to each topic first, all at once (the metadata of new topics is fetched together).
  const warm = new Set();
  for (let i = 0; i < RECORDS && warm.size < TOPICS; i++) warm.add(topicOf(i));
  await Promise.all([...warm].map((t) => producer.send(t, null, 0, 0, value, 0, SIZE)));
  await producer.flush();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < RECORDS; i++) {
    value.write(String(i));
    const r = producer.send(topicOf(i), null, 0, 0, value, 0, SIZE);
    if (r !== undefined) await r;
  }
  await producer.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await producer.close();
  return seconds;
}

const engine = await startEngine({ prefix: 'kl-bench-many-' });
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, topics: TOPICS, partitionsPerTopic: PARTITIONS, records: RECORDS, recordBytes: SIZE };
try {
  const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < TOPICS; b += 100) {
    const batch = Array.from({ length: 100 }, (_, i) => ({ name: name(b + i), numPartitions: PARTITIONS, replicationFactor: 1 }));
    const errors = await admin.createTopics(batch);
    for (const [t, e] of errors) if (e) throw new Error(`create ${t}: ${e.message}`);
  }
  await admin.createTopics([{ name: 'one', numPartitions: 1, replicationFactor: 1 }]);
  result.createSeconds = +(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3);
  admin.close();
  console.log(`created ${TOPICS} x ${PARTITIONS} partitions in ${result.createSeconds} s`);

  const all = [];
  const one = [];
  for (let i = 0; i < RUNS; i++) {
    const a = describe(engine.bootstrap, []);
    const o = describe(engine.bootstrap, ['--topic', name(0)]);
    if (a.lines < TOPICS * (PARTITIONS + 1)) throw new Error(`describe of all printed ${a.lines} lines`);
    all.push(a.seconds);
    one.push(o.seconds);
    console.log(`describe run ${i + 1}: all ${a.seconds.toFixed(3)} s (${a.lines} lines), one ${o.seconds.toFixed(3)} s`);
  }
  result.describeAll = { seconds: +median(all).toFixed(3), runs: all.map((s) => +s.toFixed(3)) };
  result.describeOne = { seconds: +median(one).toFixed(3), runs: one.map((s) => +s.toFixed(3)) };
  result.describeRatio = +(median(all) / median(one)).toFixed(2);

  const spread = [];
  const single = [];
  for (let i = 0; i < (RECORDS > 0 ? RUNS : 0); i++) {
    const s = await produce(engine.bootstrap, (j) => name(j % TOPICS));
    const o = await produce(engine.bootstrap, () => 'one');
    spread.push(RECORDS / s);
    single.push(RECORDS / o);
    console.log(`produce run ${i + 1}: spread ${Math.round(RECORDS / s).toLocaleString('en')} records/s, one partition ${Math.round(RECORDS / o).toLocaleString('en')} records/s`);
  }
  if (RECORDS > 0) {
    result.produceSpread = { recordsPerSec: Math.round(median(spread)), runs: spread.map(Math.round) };
    result.produceOnePartition = { recordsPerSec: Math.round(median(single)), runs: single.map(Math.round) };
    result.produceRatio = +(median(spread) / median(single)).toFixed(2);
  }
  result.target = { describeRatio: 1.5, produceRatio: 0.7 };
} finally {
  await engine.stop();
}
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
let merged = result;
if (RECORDS === 0) {
  // The produce figures of the last full run stay, with their own date and record count.
  const last = previous.manyPartitions ?? {};
  const { produceSpread, produceOnePartition, produceRatio } = last;
  merged = { ...result, records: last.records, produceSpread, produceOnePartition, produceRatio, produceDate: last.produceDate ?? last.date };
}
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, manyPartitions: merged }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
