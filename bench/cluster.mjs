// The local cluster (issue 10): failover time and the cost of replication.
//  - Failover: a 3-broker cluster (separate processes, as bin/kafka-server-start --cluster does),
//    topic RF 3 with min.insync.replicas=2; our producer sends one acks=all record after another;
//    the partition's leader is killed with SIGKILL; measured: kill -> first acks=all record
//    acknowledged by the new leader. Once with Kafka's default timeouts and once with the
//    tutorial-friendly settings the README gives. Target <= 5 s and <= 2 s.
//  - Replicated throughput: the console producer's 200,000 records of 100 B (acks=all, Kafka's
//    defaults) into a topic with RF 3 against RF 1 on the same 3-broker cluster. Target >= 0.5.
// Run after `npx tsc -p .`:  node bench/cluster.mjs [runs=3] [records=200000]
// Writes bench/results.json under "cluster" (merged with what is there).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, basename } from 'node:path';
import { createRequire } from 'node:module';
import { bin, env, median, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));

const RUNS = Number(process.argv[2] ?? 3);
const RECORDS = Number(process.argv[3] ?? 200_000);

/** Kafka's defaults, and the settings the README suggests for trying failover by hand. */
const DEFAULTS = {};
const TUTORIAL = { 'broker.session.timeout.ms': '1500', 'broker.heartbeat.interval.ms': '250', 'replica.lag.time.max.ms': '3000' };

async function startCluster(n, overrides) {
  const home = mkdtempSync(join(tmpdir(), 'kl-bench-cluster-'));
  const address = `localhost:2181/${basename(home)}`;
  const brokers = new Map();
  const start = (id) => new Promise((resolve, reject) => {
    const dir = join(home, `b${id}`);
    const o = { 'node.id': String(id), listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': dir, 'zookeeper.connect': address, ...overrides };
    const proc = spawn(process.execPath, [bin('kafka-server-start'), ...Object.entries(o).flatMap(([k, v]) => ['--override', `${k}=${v}`])],
      { env: { ...env, KAFKA_LOCAL_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Awaiting socket connections on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m && /Kafka Server started/.test(out)) { proc.stdout.removeAllListeners('data'); proc.stdout.resume(); brokers.set(id, { proc, port: Number(m[1]) }); resolve(); }
    });
    proc.on('exit', () => reject(new Error(`broker ${id} exited: ${out}`)));
  });
  await Promise.all([1, 2, 3].slice(0, n).map(start));
  const bootstrap = () => [...brokers.values()].map((b) => `127.0.0.1:${b.port}`).join(',');
  const stop = async () => {
    await Promise.all([...brokers.values()].map((b) => new Promise((r) => {
      if (b.proc.exitCode !== null || b.proc.signalCode !== null) return r();
      b.proc.once('exit', r);
      b.proc.kill('SIGKILL');
    })));
    rmSync(home, { recursive: true, force: true });
  };
  return { brokers, bootstrap, stop };
}

function topics(bootstrap, ...args) {
  const r = spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bootstrap, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kafka-topics ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Leader of partition 0 as kafka-topics --describe prints it (-1 while there is none). */
function leaderOf(bootstrap, topic) {
  const m = /Partition: 0\tLeader: (\d+|none)/.exec(topics(bootstrap, '--describe', '--topic', topic));
  return m && m[1] !== 'none' ? Number(m[1]) : -1;
}

async function waitUntil(fn, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function failoverOnce(overrides) {
  const c = await startCluster(3, overrides);
  try {
    topics(c.bootstrap(), '--create', '--topic', 'failover', '--partitions', '1', '--replication-factor', '3', '--config', 'min.insync.replicas=2');
    await waitUntil(() => /Isr: \d+,\d+,\d+/.test(topics(c.bootstrap(), '--describe', '--topic', 'failover')), 30000, 'a full ISR');
    const props = new Map([['bootstrap.servers', c.bootstrap()], ['acks', 'all'], ['linger.ms', '0'], ['retry.backoff.ms', '50']]);
    const producer = new Producer({ settings: producerSettings(props) });
    const value = Buffer.from('x'.repeat(100));
    const sendOne = () => producer.send('failover', null, 0, 0, value, 0, value.length, null, true);
    for (let i = 0; i < 100; i++) await sendOne();
    const leader = leaderOf(c.bootstrap(), 'failover');
    const killedAt = process.hrtime.bigint();
    c.brokers.get(leader).proc.kill('SIGKILL');
    c.brokers.delete(leader);
    // The first record sent after the kill: acknowledged once a new leader took over with an ISR of 2.
    await sendOne();
    const seconds = Number(process.hrtime.bigint() - killedAt) / 1e9;
    const newLeader = leaderOf(c.bootstrap(), 'failover');
    await producer.close();
    if (newLeader === leader || newLeader < 0) throw new Error(`no new leader (was ${leader}, now ${newLeader})`);
    return seconds;
  } finally {
    await c.stop();
  }
}

function produceFile(bootstrap, topic, file) {
  return new Promise((resolve, reject) => {
    const fd = openSync(file, 'r');
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, [bin('kafka-console-producer'), '--bootstrap-server', bootstrap, '--topic', topic], { env, stdio: [fd, 'ignore', 'inherit'] });
    closeSync(fd);
    p.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`producer exited ${code}`))));
  });
}

async function replicationRatio() {
  const input = join(mkdtempSync(join(tmpdir(), 'kl-bench-input-')), 'lines.txt');
  writeFileSync(input, Array.from({ length: RECORDS }, (_, i) => String(i).padEnd(100, 'abcdefghij')).join('\n') + '\n');
  const rf1 = [];
  const rf3 = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const c = await startCluster(3, DEFAULTS);
      try {
        topics(c.bootstrap(), '--create', '--topic', 'rf1', '--partitions', '1', '--replication-factor', '1');
        topics(c.bootstrap(), '--create', '--topic', 'rf3', '--partitions', '1', '--replication-factor', '3');
        await waitUntil(() => /Isr: \d+,\d+,\d+/.test(topics(c.bootstrap(), '--describe', '--topic', 'rf3')), 30000, 'a full ISR');
        rf1.push(await produceFile(c.bootstrap(), 'rf1', input));
        rf3.push(await produceFile(c.bootstrap(), 'rf3', input));
        console.log(`replication run ${i + 1}: RF 1 ${Math.round(RECORDS / rf1.at(-1)).toLocaleString('en')} records/s, RF 3 ${Math.round(RECORDS / rf3.at(-1)).toLocaleString('en')} records/s`);
      } finally {
        await c.stop();
      }
    }
  } finally {
    rmSync(join(input, '..'), { recursive: true, force: true });
  }
  const r1 = RECORDS / median(rf1);
  const r3 = RECORDS / median(rf3);
  return { records: RECORDS, recordBytes: 100, acks: 'all', rf1RecordsPerSec: Math.round(r1), rf3RecordsPerSec: Math.round(r3), ratio: +(r3 / r1).toFixed(2), target: 0.5 };
}

async function failover(label, overrides) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await failoverOnce(overrides));
    console.log(`failover (${label}) run ${i + 1}: ${runs.at(-1).toFixed(2)} s`);
  }
  return { seconds: +median(runs).toFixed(2), runs: runs.map((s) => +s.toFixed(2)), overrides };
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  failoverDefault: { ...(await failover('defaults', DEFAULTS)), target: 5 },
  failoverTutorial: { ...(await failover('tutorial settings', TUTORIAL)), target: 2 },
  replication: await replicationRatio(),
};
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, cluster: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
