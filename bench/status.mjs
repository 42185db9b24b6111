// The time `kafka-local status` takes on a cluster of 1,000 topics (issue 15: "under a second"),
// Node's start included, in the three ways it is run: into a pipe (plain text, laid out by hand),
// in a terminal under NO_COLOR (plain text too, but stdout is a TTY), and in a terminal with colour
// (chalk and cli-table3). The terminal is a pseudo-terminal from util-linux `script`, 200 columns
// by 50 rows, whose own start (a shell that runs `stty` and execs node) is measured alone and
// reported beside the figures, as is the CPU time of each run (bash's `times`): on a loaded
// machine the wall time is mostly the engine's. One engine, 1,000 one-partition topics with a record each,
// one group with committed offsets; the median of 5 runs each (the modes taking turns), after one
// warm-up run each.
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

const quote = (a) => `'${a}'`;
/** `script` running the command in a 200x50 pseudo-terminal (a fixed size first, then the command itself). */
const inTerminal = (args, envPrefix = '') =>
  `script -qfec ${quote(`stty cols 200 rows 50; ${envPrefix}exec ${[process.execPath, ...args].map((a) => `"${a}"`).join(' ')}`)} /dev/null > /dev/null`;

/**
 * `line` run by bash, which then prints its children's CPU time (`times`): wall seconds, and the
 * CPU seconds (user + system) of the command itself, apart from the engine's (on a loaded machine
 * the wall time is mostly the engine waiting for a core).
 */
async function once(line, stdout) {
  const r = await timed('bash', ['-c', `${line}; times >&2`], { stdout });
  const children = r.stderr.trim().split('\n').pop().split(/\s+/).map((t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return Number(m[1]) * 60 + Number(m[2]);
  });
  return { seconds: r.seconds, cpuSeconds: children[0] + children[1] };
}

/**
 * Each mode `RUNS` times, taking turns (a machine whose load drifts then weighs on every mode
 * alike), after one warm-up run of each (the file cache, the engine's first look at every topic).
 */
async function runs(modes) {
  for (const m of modes) await once(m.line, m.stdout);
  const all = modes.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [k, m] of modes.entries()) all[k].push(await once(m.line, m.stdout));
  return Object.fromEntries(modes.map((m, k) => {
    const r = {
      medianSeconds: +median(all[k].map((x) => x.seconds)).toFixed(3), medianCpuSeconds: +median(all[k].map((x) => x.cpuSeconds)).toFixed(3),
      seconds: all[k].map((x) => +x.seconds.toFixed(3)), cpuSeconds: all[k].map((x) => +x.cpuSeconds.toFixed(3)),
    };
    console.log(`${m.label}: median ${r.medianSeconds} s (${r.medianCpuSeconds} CPU-s) of ${r.seconds.join(', ')}`);
    return [m.key, r];
  }));
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
  Object.assign(result, await runs([
    { key: 'piped', label: 'piped (plain)', line: [process.execPath, ...status].map((a) => `"${a}"`).join(' '), stdout: 'pipe' },
    { key: 'terminalNoColor', label: 'terminal, NO_COLOR', line: inTerminal(status, 'NO_COLOR=1 ') },
    { key: 'terminalColor', label: 'terminal, colour', line: inTerminal(status, 'unset NO_COLOR; ') },
    { key: 'terminalStartOnly', label: 'the terminal alone (script, stty, node -e 0)', line: inTerminal(['-e', '0']) },
  ]));
} finally {
  await engine.stop();
}
result.loadAverageAtEnd = +loadavg()[0].toFixed(1);
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, status: result }, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
