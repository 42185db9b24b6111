// Console consumer throughput (DESIGN §6: >= 1.5 M records/s of 100 B, and not slower than kcat
// against the same engine). Starts an engine, produces 1,000,000 records of 100 bytes with
// `kcat -P -l`, then times
//   kafka-console-consumer --bootstrap-server … --topic … --from-beginning --max-messages 1000000
//     --command-property fetch.max.wait.ms=10 > /dev/null
//   kcat -C -e -o beginning -q -b … -t … -X fetch.wait.max.ms=10 > /dev/null
// (wall clock of the whole process, start-up included; median of RUNS runs each, alternating).
// Both wait at most 10 ms for data: with the defaults kcat's -e spends its 500 ms fetch wait at
// the end of the log before it notices the end, which measured that wait rather than reading.
// Peak RSS of each process comes from GNU time (%M), beside the RSS of `node -e 0` (Node's own
// baseline; the target is ours <= 2 x kcat's + that baseline). Checks once that our output is
// byte-for-byte the produced lines, and merges the figures into bench/results.json under "consumer".
//
//   node bench/consumer.mjs [--records N] [--runs N]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { bin, env, median, root, startEngine } from './lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RECORDS = arg('records', 1_000_000);
const RUNS = arg('runs', 5);
const RECORD_BYTES = 100;

const GNU_TIME = '/usr/bin/time';
const haveTime = existsSync(GNU_TIME);

/** { s: wall seconds, rssKB: peak RSS in kB (null without GNU time) }. */
function timeToDevNull(cmd, args) {
  const fd = openSync('/dev/null', 'w');
  try {
    // GNU time adds a fork/exec of its own (about 1 ms) to both sides alike.
    const [c, a] = haveTime ? [GNU_TIME, ['-f', 'peak-rss-kb=%M', cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c, a, { env, stdio: ['ignore', fd, 'pipe'] });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const m = /peak-rss-kb=(\d+)/.exec(String(r.stderr));
    return { s, rssKB: m ? Number(m[1]) : null };
  } finally {
    closeSync(fd);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kl-bench-consumer-'));
const engine = await startEngine({ dir: join(dir, 'logs') });
const bootstrap = engine.bootstrap;
const topic = 'bench-consumer';
try {
  // 1,000,000 lines of exactly 100 bytes (+ newline), produced with librdkafka's batching.
  const lines = [];
  const pad = 'x'.repeat(RECORD_BYTES);
  for (let i = 0; i < RECORDS; i++) lines.push(`${String(i).padStart(10, '0')}${pad}`.slice(0, RECORD_BYTES));
  const input = `${lines.join('\n')}\n`;
  const file = join(dir, 'records.txt');
  writeFileSync(file, input);
  const p = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-l', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (p.status !== 0) throw new Error(`kcat -P failed: ${p.stderr}`);

  const ours = [process.execPath, [bin('kafka-console-consumer'), '--bootstrap-server', bootstrap, '--topic', topic, '--from-beginning', '--max-messages', String(RECORDS), '--command-property', 'fetch.max.wait.ms=10']];
  const kcat = ['kcat', ['-C', '-e', '-o', 'beginning', '-q', '-b', bootstrap, '-t', topic, '-X', 'fetch.wait.max.ms=10']];

  // Correctness once: our stdout must be exactly the produced lines.
  const check = spawnSync(ours[0], ours[1], { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const same = createHash('sha256').update(check.stdout).digest('hex') === createHash('sha256').update(input).digest('hex');
  if (!same) throw new Error(`consumer output differs from the produced records (${check.stdout.length} bytes vs ${input.length}): ${check.stderr}`);

  timeToDevNull(...ours); // warm-up (page cache, engine statement cache)
  timeToDevNull(...kcat);
  const oursRuns = [];
  const kcatRuns = [];
  const nodeRuns = [];
  for (let i = 0; i < RUNS; i++) {
    oursRuns.push(timeToDevNull(...ours));
    kcatRuns.push(timeToDevNull(...kcat));
    nodeRuns.push(timeToDevNull(process.execPath, ['-e', '0']));
  }
  const oursTimes = oursRuns.map((r) => r.s);
  const kcatTimes = kcatRuns.map((r) => r.s);
  const oursS = median(oursTimes);
  const kcatS = median(kcatTimes);
  const rssMB = (runs) => (haveTime ? Number((median(runs.map((r) => r.rssKB)) / 1024).toFixed(1)) : null);
  const oursRss = rssMB(oursRuns);
  const kcatRss = rssMB(kcatRuns);
  const nodeRss = rssMB(nodeRuns);
  const consumer = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadavg1m: Number(loadavg()[0].toFixed(2)),
    records: RECORDS,
    recordBytes: RECORD_BYTES,
    runs: RUNS,
    command: `kafka-console-consumer --bootstrap-server ${'<engine>'} --topic ${topic} --from-beginning --max-messages ${RECORDS} --command-property fetch.max.wait.ms=10 > /dev/null`,
    kcatCommand: `kcat -C -e -o beginning -q -b <engine> -t ${topic} -X fetch.wait.max.ms=10 > /dev/null`,
    seconds: Number(oursS.toFixed(3)),
    secondsAll: oursTimes.map((t) => Number(t.toFixed(3))),
    recordsPerSecond: Math.round(RECORDS / oursS),
    kcatSeconds: Number(kcatS.toFixed(3)),
    kcatSecondsAll: kcatTimes.map((t) => Number(t.toFixed(3))),
    kcatRecordsPerSecond: Math.round(RECORDS / kcatS),
    /** ours / kcat throughput: >= 1 means not slower than kcat. */
    ratio: Number((kcatS / oursS).toFixed(3)),
    targetRecordsPerSecond: 1_500_000,
    /** Median peak RSS (MB) of ours, kcat and `node -e 0`; target: ours <= 2 x kcat + node. */
    peakRssMB: oursRss,
    kcatPeakRssMB: kcatRss,
    nodeBaselineRssMB: nodeRss,
    rssWithinTarget: haveTime ? oursRss <= 2 * kcatRss + nodeRss : null,
    outputVerified: same,
  };
  const resultsFile = join(root, 'bench', 'results.json');
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  results.consumer = consumer;
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(consumer, null, 2));
} finally {
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
}
