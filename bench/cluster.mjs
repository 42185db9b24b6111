// The local cluster (issue 10): failover time and the cost of replication.
//  - Failover: a 3-broker cluster (separate processes, as bin/kafka-server-start --cluster does),
//    topic RF 3 with min.insync.replicas=2; our producer sends one acks=all record after another;
//    the partition's leader is killed with SIGKILL; measured: kill -> first acks=all record
//    acknowledged by the new leader. Once with Kafka's default timeouts and once with the
//    tutorial-friendly settings the README gives. Target <= 5 s and <= 2 s.
//  - Failover of a HUNG leader: the same, but the leader is stopped with SIGSTOP (its process is
//    still there, so it is fenced only after broker.session.timeout.ms, as in Kafka). Measured:
//    SIGSTOP -> a new leader in Metadata (asked of a live broker every 20 ms), and SIGSTOP -> the
//    first acks=all record acknowledged. The producer's request.timeout.ms and
//    socket.connection.setup.timeout.ms are 1 s here: with the defaults (30 s, 10 s) any client
//    waits that long on a hung broker, and the figure would be the client's, not the cluster's.
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
const { BrokerConnection } = require(join(root, 'dist/client/connection'));
const { ApiKey } = require(join(root, 'dist/protocol/apis'));

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

/** Partition 0's leader as one broker's Metadata says (-1 for none or no answer). */
async function metadataLeader(port, topic) {
  const c = new BrokerConnection('127.0.0.1', port, 'bench-cluster');
  try {
    await c.connect();
    const m = await c.request(ApiKey.Metadata, 12, { topics: [{ topicId: null, name: topic }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    return m.topics[0]?.partitions.find((p) => p.partitionIndex === 0)?.leaderId ?? -1;
  } catch {
    return -1;
  } finally {
    c.close();
  }
}

/**
 * One failover: `how` is 'kill' (SIGKILL) or 'hang' (SIGSTOP). Resolves { ack, elected } in
 * seconds from the signal: the first acks=all record acknowledged, and (for 'hang') the new
 * leader seen in a live broker's Metadata.
 */
async function failoverOnce(overrides, how) {
  const c = await startCluster(3, overrides);
  try {
    topics(c.bootstrap(), '--create', '--topic', 'failover', '--partitions', '1', '--replication-factor', '3', '--config', 'min.insync.replicas=2');
    await waitUntil(() => /Isr: \d+,\d+,\d+/.test(topics(c.bootstrap(), '--describe', '--topic', 'failover')), 30000, 'a full ISR');
    const props = new Map([['bootstrap.servers', c.bootstrap()], ['acks', 'all'], ['linger.ms', '0'], ['retry.backoff.ms', '50']]);
    // A hung broker answers nothing: the client notices it only through its own timeouts.
    if (how === 'hang') { props.set('request.timeout.ms', '1000'); props.set('socket.connection.setup.timeout.ms', '1000'); }
    const producer = new Producer({ settings: producerSettings(props) });
    const value = Buffer.from('x'.repeat(100));
    const sendOne = () => producer.send('failover', null, 0, 0, value, 0, value.length, null, true);
    for (let i = 0; i < 100; i++) await sendOne();
    const leader = leaderOf(c.bootstrap(), 'failover');
    const live = [...c.brokers].find(([id]) => id !== leader)[1];
    const signalledAt = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - signalledAt) / 1e9;
    let elected;
    if (how === 'kill') {
      c.brokers.get(leader).proc.kill('SIGKILL');
      c.brokers.delete(leader);
    } else {
      c.brokers.get(leader).proc.kill('SIGSTOP');
      // (stop() kills it with SIGKILL, which ends a stopped process too.)
      elected = (async () => {
        await waitUntil(async () => { const l = await metadataLeader(live.port, 'failover'); return l >= 0 && l !== leader; }, 120000, 'a new leader');
        return since();
      })();
    }
    // The first record sent after the signal: acknowledged once a new leader took over with an ISR of 2.
    await sendOne();
    const ack = since();
    const newLeader = await metadataLeader(live.port, 'failover');
    await producer.close();
    if (newLeader === leader || newLeader < 0) throw new Error(`no new leader (was ${leader}, now ${newLeader})`);
    return { ack, elected: elected ? await elected : undefined };
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

async function failover(label, overrides, how) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await failoverOnce(overrides, how));
    const r = runs.at(-1);
    console.log(`failover (${how}, ${label}) run ${i + 1}: ${r.ack.toFixed(2)} s to the first ack${r.elected !== undefined ? `, ${r.elected.toFixed(2)} s to the new leader` : ''}`);
  }
  const acks = runs.map((r) => r.ack);
  const out = { seconds: +median(acks).toFixed(2), runs: acks.map((s) => +s.toFixed(2)), overrides };
  if (how === 'hang') {
    const el = runs.map((r) => r.elected);
    Object.assign(out, { electedSeconds: +median(el).toFixed(2), electedRuns: el.map((s) => +s.toFixed(2)), producer: { 'request.timeout.ms': '1000', 'socket.connection.setup.timeout.ms': '1000' } });
  }
  return out;
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  failoverDefault: { ...(await failover('defaults', DEFAULTS, 'kill')), target: 5 },
  failoverTutorial: { ...(await failover('tutorial settings', TUTORIAL, 'kill')), target: 2 },
  // A hung leader is fenced after broker.session.timeout.ms (9 s by default), as in Kafka: no target.
  failoverHungDefault: await failover('defaults', DEFAULTS, 'hang'),
  failoverHungTutorial: await failover('tutorial settings', TUTORIAL, 'hang'),
  replication: await replicationRatio(),
};
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, cluster: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
