// What the benchmarks share: paths, the environment tools run with, a median, and an engine
// started as a child process (bin/kafka-server-start) on an ephemeral loopback port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (tool) => join(root, 'bin', tool);
/** Tools never start an engine of their own here. */
export const env = { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' };

/**
 * Run a command to its end and time it: stdin/stdout are 'ignore' or a file descriptor (the
 * caller closes it); stdout may also be 'pipe' (read here and dropped: the command writes into a
 * pipe as it would into `| less`). Resolves { seconds, stderr }; a non-zero exit rejects with its stderr.
 */
export function timed(cmd, args, { stdin = 'ignore', stdout = 'ignore' } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(cmd, args, { env, stdio: [stdin, stdout, 'pipe'] });
    let err = '';
    p.stdout?.resume();
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ seconds, stderr: err });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

/**
 * Start an engine with log.dirs in `dir` (by default a new temporary directory named `prefix…`)
 * and wait until it accepts connections. Resolves with { proc, port, bootstrap, dir, ms, stop }:
 * `ms` is the time from spawn to the first accepted connection; stop() ends the engine with
 * SIGTERM, waits for it and removes the directory when it was created here.
 */
export async function startEngine({ dir, prefix = 'kl-bench-' } = {}) {
  const ownDir = dir === undefined;
  const logDir = ownDir ? mkdtempSync(join(tmpdir(), prefix)) : dir;
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, [bin('kafka-server-start'), '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${logDir}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  let out = '';
  proc.stdout.setEncoding('utf8');
  const port = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Awaiting socket connections on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', () => reject(new Error(`engine exited: ${out}`)));
  });
  while (!(await canConnect(port))) await new Promise((r) => setTimeout(r, 5));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
    if (ownDir) rmSync(logDir, { recursive: true, force: true });
  };
  return { proc, port, bootstrap: `127.0.0.1:${port}`, dir: logDir, ms, stop };
}

export const python = join(process.env.HOME ?? '', '.cache/kafka-local-test/venv/bin/python');

/** `kafka-topics --create` (our tool; it speaks to any Kafka) of one partition. */
export function createTopic(bootstrap, topic, partitions = 1) {
  const r = spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bootstrap, '--create', '--topic', topic, '--partitions', String(partitions), '--replication-factor', '1'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kafka-topics --create ${topic}: ${r.stderr}`);
}

/** Spawn bench/e2e-latency.py: { done: Promise<stdout>, ready: Promise (its "ready" line) }. */
function latencyProcess(args) {
  const p = spawn(python, [join(root, 'bench', 'e2e-latency.py'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady;
  const ready = new Promise((r) => { onReady = r; });
  p.stdout.setEncoding('utf8');
  p.stderr.setEncoding('utf8');
  p.stdout.on('data', (d) => { out += d; if (out.startsWith('ready\n')) onReady(); });
  p.stderr.on('data', (d) => { err += d; });
  const done = new Promise((resolve, reject) => {
    p.on('exit', (code) => {
      onReady();
      if (code === 0) resolve(out);
      else reject(new Error(`e2e-latency.py ${args[0]} exited ${code}: ${err}`));
    });
  });
  return { ready, done };
}

/**
 * End-to-end latency through librdkafka (bench/e2e-latency.py): a consumer process reading
 * `topic` (created here, one partition) from the beginning and a producer process sending
 * `warmup` + `count` records of 100 B at `rate` records/s (linger.ms=0, acks=all); the first
 * `warmup` are not counted (connection set-up, metadata, first fetches). Resolves with the
 * consumer's { records, p50, p99, p999, max, avg } in ms and the producer's achieved rate.
 */
export async function e2eLatency(bootstrap, topic, { count = 50_000, rate = 10_000, warmup = 10_000, producerProps = [], consumerProps = [] } = {}) {
  // Created first: a consumer assigned a topic that does not exist yet only sees it at its
  // next metadata refresh.
  createTopic(bootstrap, topic);
  const consumer = latencyProcess(['consumer', bootstrap, topic, String(warmup), String(count), ...consumerProps]);
  await consumer.ready;
  const produced = JSON.parse((await latencyProcess(['producer', bootstrap, topic, String(warmup), String(count), String(rate), ...producerProps]).done).trim());
  const result = JSON.parse((await consumer.done).trim().split('\n').pop());
  if (result.records !== count) throw new Error(`e2e latency: ${result.records} of ${count} records consumed from ${topic}`);
  return { ...result, producerRecordsPerSecond: produced.recordsPerSecond };
}
