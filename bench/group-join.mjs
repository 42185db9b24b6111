// Group join latency: a console consumer (A) reads a 4-partition topic as the only member of a
// group; a second one (B) is started in the same group, with default settings, while records keep
// arriving on every partition. Measured: from B's spawn until both consume after the rebalance
// (B printed a record, and A printed one after that). Includes B's process start. The existing
// member learns of the rebalance from its next heartbeat: Kafka's default heartbeat.interval.ms
// (3000) would make that up to 3 s, so our consumer heartbeats every 500 ms unless the property
// is set (src/tools/consumer/config.ts). B is started at a random point of A's interval. The same
// is measured with heartbeat.interval.ms=100 on both members, which leaves the cost of the
// rebalance itself (B's start, JoinGroup twice, SyncGroup, OffsetFetch, the first fetch).
// Median of RUNS runs each (a fresh group each), merged into bench/results.json under "groupJoin".
//
//   node bench/group-join.mjs [--runs N]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { bin, env, median, root, startEngine } from './lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 5);
const TOPIC = 'bench-group';

function tool(name, args, stdin = 'ignore') {
  const p = spawn(process.execPath, [bin(name), ...args], { env, stdio: [stdin, 'pipe', 'pipe'] });
  const t = { proc: p, out: '', err: '', lines: [] };
  p.stdout.setEncoding('utf8');
  p.stderr.setEncoding('utf8');
  p.stdout.on('data', (d) => {
    t.out += d;
    for (const l of d.split('\n')) if (l) t.lines.push({ at: performance.now(), value: l });
  });
  p.stderr.on('data', (d) => { t.err += d; });
  t.exited = new Promise((r) => p.on('exit', r));
  return t;
}

async function until(cond, ms, what) {
  const deadline = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const engine = await startEngine({ prefix: 'kl-bench-group-' });
const B = ['--bootstrap-server', engine.bootstrap];
const times = [];
const fastTimes = [];
try {
  const created = spawn(process.execPath, [bin('kafka-topics'), ...B, '--create', '--topic', TOPIC, '--partitions', '4'], { env, stdio: 'ignore' });
  await new Promise((r) => created.on('exit', r));
  // A steady trickle of keyed records over all partitions (one line every 5 ms).
  // linger.ms=0: each line goes out at once (the console producer's default --timeout is 1000 ms).
  const producer = tool('kafka-console-producer', [...B, '--topic', TOPIC, '--property', 'parse.key=true', '--property', 'key.separator=:', '--producer-property', 'linger.ms=0'], 'pipe');
  let n = 0;
  const trickle = setInterval(() => producer.proc.stdin.write(`k${n % 16}:r${n++}\n`), 5);
  try {
    const measure = async (group, extra, randomDelayMs) => {
      const a = tool('kafka-console-consumer', [...B, '--topic', TOPIC, '--group', group, ...extra]);
      await until(() => a.lines.length > 0, 30000, 'the first member to consume');
      await new Promise((r) => setTimeout(r, Math.random() * randomDelayMs));
      const t0 = performance.now();
      const b = tool('kafka-console-consumer', [...B, '--topic', TOPIC, '--group', group, ...extra]);
      await until(() => b.lines.length > 0, 60000, 'B to consume');
      const bFirst = b.lines[0].at;
      await until(() => a.lines.some((l) => l.at > bFirst), 60000, 'A to consume after the rebalance');
      const aAfter = a.lines.find((l) => l.at > bFirst).at;
      a.proc.kill('SIGTERM');
      b.proc.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      return +(Math.max(bFirst, aAfter) - t0).toFixed(1);
    };
    for (let run = 0; run < RUNS; run++) {
      times.push(await measure(`bench-join-${run}`, [], 3000));
      fastTimes.push(await measure(`bench-join-fast-${run}`, ['--consumer-property', 'heartbeat.interval.ms=100'], 100));
    }
  } finally {
    clearInterval(trickle);
    producer.proc.stdin.end();
    await producer.exited;
  }
} finally {
  await engine.stop();
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavg1m: +loadavg()[0].toFixed(2),
  what: 'ms from spawning a second kafka-console-consumer --group g (default settings) until both members consume',
  runs: RUNS,
  ms: median(times),
  msAll: times,
  msHeartbeat100: median(fastTimes),
  msHeartbeat100All: fastTimes,
  targetMs: 1000,
  note: 'defaults (no heartbeat.interval.ms: our consumer heartbeats every 500 ms, Java every 3000): the first member learns of the rebalance at its next heartbeat (B starts at a random point); msHeartbeat100: both members with heartbeat.interval.ms=100',
};
const file = join(root, 'bench', 'results.json');
const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
all.groupJoin = result;
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
console.log(`group join: median ${result.ms} ms over ${RUNS} runs (${times.join(', ')}); heartbeat.interval.ms=100: ${result.msHeartbeat100} ms (${fastTimes.join(', ')})`);
