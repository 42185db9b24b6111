// The time `kafka-local status` takes on a cluster of 1,000 topics (issue 15: "under a second"),
// Node's start included, in the three ways it is run: into a pipe (plain text, laid out by hand),
// in a terminal under NO_COLOR (plain text too, but stdout is a TTY), and in a terminal with colour
// (chalk and cli-table3). The terminal is a pseudo-terminal from util-linux `script`, 200 columns
// by 50 rows, whose own start (a shell that runs `stty` and execs node) is measured alone and
// reported beside the figures. One engine, 1,000 one-partition topics with a record each,
// one group with committed offsets; the median of 5 runs each, after one warm-up run.
// Run after `npm run build`:  node bench/status.mjs [topics=1000] [runs=5]
// Writes bench/results.json under "status" (merged with what is there).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { bin, median, root, startEngine, timed } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Admin } = require(join(root, 'dist/client/admin'));
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));

const TOPICS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const name = (i) => `topic-${String(i).padStart(4, '0')}`;

/** The shell line `script` runs in its pseudo-terminal: a fixed size, then the command itself. */
const inTerminal = (args, envPrefix = '') => ['-qfec', `stty cols 200 rows 50; ${envPrefix}exec ${[process.execPath, ...args].map((a) => `'${a}'`).join(' ')}`, '/dev/null'];

async function runs(label, cmd, args, stdout = 'ignore') {
  await timed(cmd, args, { stdout }); // warm-up: the file cache, the engine's first look at every topic
  const seconds = [];
  for (let i = 0; i < RUNS; i++) seconds.push((await timed(cmd, args, { stdout })).seconds);
  const r = { medianSeconds: +median(seconds).toFixed(3), runs: seconds.map((s) => +s.toFixed(3)) };
  console.log(`${label}: median ${r.medianSeconds} s of ${r.runs.join(', ')}`);
  return r;
}

const engine = await startEngine({ prefix: 'kl-bench-status-' });
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: +loadavg()[0].toFixed(1), topics: TOPICS, partitionsPerTopic: 1, runs: RUNS };
try {
  const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
  const errors = await admin.createTopics(Array.from({ length: TOPICS }, (_, i) => ({ name: name(i), numPartitions: 1, replicationFactor: 1 })));
  for (const [t, e] of errors) if (e) throw new Error(`create ${t}: ${e.message}`);
  admin.close();
  const producer = new Producer({ settings: producerSettings(new Map([['bootstrap.servers', engine.bootstrap], ['linger.ms', '5']])) });
  const key = Buffer.from('k');
  const value = Buffer.from('a record');
  for (let i = 0; i < TOPICS; i++) {
    const r = producer.send(name(i), key, 0, key.length, value, 0, value.length);
    if (r !== undefined) await r;
  }
  await producer.flush();
  await producer.close();
  await timed(process.execPath, [bin('kafka-consumer-groups'), '--bootstrap-server', engine.bootstrap, '--group', 'bench',
    '--reset-offsets', '--topic', name(0), '--topic', name(1), '--to-earliest', '--execute']);

  const status = [bin('kafka-local'), 'status', '--bootstrap-server', engine.bootstrap];
  result.piped = await runs('piped (plain)', process.execPath, status, 'pipe');
  result.terminalNoColor = await runs('terminal, NO_COLOR', 'script', inTerminal(status, 'NO_COLOR=1 '));
  result.terminalColor = await runs('terminal, colour', 'script', inTerminal(status));
  result.terminalStartOnly = await runs('the terminal alone (script, stty, node -e 0)', 'script', inTerminal(['-e', '0']));
} finally {
  await engine.stop();
}
result.loadAverageAtEnd = +loadavg()[0].toFixed(1);
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, status: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
