// Benchmarks (npm run bench): start-up costs and hot-path throughput, written to
// bench/results.json. Targets (DESIGN §6, 2 cores): tool start <= 2.5x `node -e 0`, engine start
// <= 0.4 s. Nothing here is a pass/fail test; the figures are for the README and issue notes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (t) => join(root, 'bin', t);
const env = { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRun(args, n = 15) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function startEngine() {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-'));
  const t0 = process.hrtime.bigint();
  const proc = spawn(process.execPath, [bin('kafka-server-start'), '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dir}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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
  return { proc, port, ms };
}

const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };

results.nodeStartMs = timeRun(['-e', '0']);
const starts = [];
let engine;
for (let i = 0; i < 5; i++) {
  const e = await startEngine();
  starts.push(e.ms);
  if (i < 4) { e.proc.kill('SIGTERM'); await new Promise((r) => e.proc.on('exit', r)); } else engine = e;
}
results.engineStartMs = median(starts);
const bs = `127.0.0.1:${engine.port}`;
spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', bs, '--create', '--topic', 'bench', '--partitions', '3'], { env });
results.kafkaTopicsListMs = timeRun([bin('kafka-topics'), '--bootstrap-server', bs, '--list']);
results.kafkaTopicsDescribeMs = timeRun([bin('kafka-topics'), '--bootstrap-server', bs, '--describe', '--topic', 'bench']);
results.toolStartRatio = +(results.kafkaTopicsListMs / results.nodeStartMs).toFixed(2);
engine.proc.kill('SIGTERM');
await new Promise((r) => engine.proc.on('exit', r));

const recs = spawnSync(process.execPath, [join(root, 'bench', 'records.mjs'), '1000000', '1000'], { encoding: 'utf8' });
results.records = recs.stdout.trim().split('\n');

let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, startup: results }, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
