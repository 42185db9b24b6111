// Console producer throughput (DESIGN §6: >= 1 M records/s of 100 B, not slower than kcat).
// Pipes N lines of 100 bytes into bin/kafka-console-producer (acks=all, its defaults: Kafka's
// batch.size of 16384, 5 requests in flight) and into `kcat -P` (acks=all), each against a fresh
// engine (ephemeral port, temporary log.dirs) started here, and checks the record count that
// landed. The console producer is also measured with --batch-size 524288, which shows how much of
// the gap is the engine's cost per request (one SQLite transaction and one reply per 16 KB batch).
// Run after `npx tsc -p .`:
//   node bench/producer.mjs [records=1000000] [runs=3] [-- extra producer args]
// Writes bench/results.json under "producer" (merged with what is there).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { bin, env, median, root, startEngine, timed } from './lib.mjs';

const dash = process.argv.indexOf('--');
const positional = process.argv.slice(2, dash < 0 ? undefined : dash);
const extraArgs = dash < 0 ? [] : process.argv.slice(dash + 1);
const N = Number(positional[0] ?? 1_000_000);
const RUNS = Number(positional[1] ?? 3);
const SIZE = 100;

/** Run with the file as standard input, timed. */
async function runWithFile(cmd, args, file) {
  const fd = openSync(file, 'r');
  try {
    return await timed(cmd, args, { stdin: fd });
  } finally {
    closeSync(fd);
  }
}

function countRecords(port, topic) {
  // kcat -C -e -q prints one line per record with -f '\n'.
  const r = spawnSync('kcat', ['-b', `127.0.0.1:${port}`, '-C', '-t', topic, '-e', '-q', '-o', 'beginning', '-f', '\n'], { maxBuffer: 64 * 1024 * 1024 });
  return r.stdout.length;
}

// Input: N lines of exactly SIZE bytes (plus newline), varied content.
const inputFile = join(mkdtempSync(join(tmpdir(), 'kl-bench-input-')), 'lines.txt');
{
  const line = SIZE + 1;
  const buf = Buffer.allocUnsafe(N * line);
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  for (let i = 0; i < N; i++) {
    const o = i * line;
    for (let j = 0; j < SIZE; j++) buf[o + j] = alphabet[(i * 7 + j * 13) % alphabet.length];
    const tag = String(i);
    buf.write(tag, o, 'latin1');
    buf[o + SIZE] = 10;
  }
  writeFileSync(inputFile, buf);
}

async function measure(label, makeArgs) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const engine = await startEngine({ prefix: 'kl-bench-producer-' });
    const bs = engine.bootstrap;
    // Create the topic first so neither tool pays for auto-creation.
    spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bs, '--create', '--topic', 'bench', '--partitions', '1'], { env });
    const [cmd, args] = makeArgs(bs);
    const r = await runWithFile(cmd, args, inputFile);
    const n = countRecords(engine.port, 'bench');
    await engine.stop();
    if (n !== N) throw new Error(`${label}: ${n} records stored, expected ${N}`);
    times.push(r.seconds);
    console.log(`${label.padEnd(24)} run ${i + 1}: ${r.seconds.toFixed(3)} s  ${Math.round(N / r.seconds).toLocaleString('en')} records/s`);
  }
  const s = median(times);
  return { seconds: +s.toFixed(3), recordsPerSec: Math.round(N / s), runs: times.map((t) => +t.toFixed(3)) };
}

const ours = await measure('kafka-console-producer', (bs) => [process.execPath, [bin('kafka-console-producer'), '--bootstrap-server', bs, '--topic', 'bench', ...extraArgs]]);
const large = await measure('  --batch-size 524288', (bs) => [process.execPath, [bin('kafka-console-producer'), '--bootstrap-server', bs, '--topic', 'bench', ...extraArgs, '--batch-size', '524288']]);
const kcat = await measure('kcat -P', (bs) => ['kcat', ['-P', '-b', bs, '-t', 'bench', '-X', 'acks=all']]);
rmSync(dirname(inputFile), { recursive: true, force: true });

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  records: N,
  recordBytes: SIZE,
  acks: 'all',
  producerArgs: extraArgs,
  consoleProducer: ours,
  consoleProducerBatchSize524288: large,
  kcat,
  ratioVsKcat: +(ours.recordsPerSec / kcat.recordsPerSec).toFixed(2),
  ratioVsKcatBatchSize524288: +(large.recordsPerSec / kcat.recordsPerSec).toFixed(2),
  target: { recordsPerSec: 1_000_000, ratioVsKcat: 1 },
};
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, producer: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
