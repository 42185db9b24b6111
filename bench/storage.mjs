// Disk use of the engine's SQLite storage during a burst (issue 11, target 6: the WAL never above
// its cap, disk use <= 1.2x the data). Our Producer sends N records of 100 B into one partition of
// a fresh engine (acks=1 and acks=all, alternated run by run); every 100 ms the sizes of
// kafka-local.db-wal and kafka-local.db are sampled. Reported per mode: producer throughput, the
// largest WAL seen, the WAL when the producer is done and one second later (the engine still
// running), the database size, and the data: the bytes of the stored record batches (what Kafka's
// .log segments would hold), read from the database after the engine stopped.
// Run after `npx tsc -p .`:  node bench/storage.mjs [records=1000000] [runs=3]
// Writes bench/results.json under "storage" (merged with what is there).
import { spawnSync } from 'node:child_process';
import { statSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { bin, env, median, root, startEngine } from './lib.mjs';

const require = createRequire(import.meta.url);
const { Producer, producerSettings } = require(join(root, 'dist/client/producer'));
const Database = require('better-sqlite3');

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const SIZE = 100;
const PAGE = 4096;
// The engine's WAL cap (the issue asked for one of at most 65,536 pages).
const { WAL_CAP_FRAMES: CAP_PAGES } = require(join(root, 'dist/engine/storage/checkpointer'));

const size = (f) => { try { return statSync(f).size; } catch { return 0; } };

async function produce(bootstrap, acks) {
  const producer = new Producer({ settings: producerSettings(new Map([['bootstrap.servers', bootstrap], ['acks', acks]])) });
  const value = Buffer.alloc(SIZE, 'x');
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    value.write(String(i));
    const r = producer.send('bench', null, 0, 0, value, 0, SIZE);
    if (r !== undefined) await r;
  }
  await producer.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await producer.close();
  return seconds;
}

async function run(acks) {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-storage-'));
  const engine = await startEngine({ dir });
  const wal = join(dir, 'kafka-local.db-wal');
  const db = join(dir, 'kafka-local.db');
  try {
    spawnSync(process.execPath, [bin('kafka-topics'), '--bootstrap-server', engine.bootstrap, '--create', '--topic', 'bench', '--partitions', '1'], { env });
    let maxWal = 0;
    let maxTotal = 0;
    const sample = () => {
      const w = size(wal);
      maxWal = Math.max(maxWal, w);
      maxTotal = Math.max(maxTotal, w + size(db));
    };
    const timer = setInterval(sample, 100);
    const seconds = await produce(engine.bootstrap, acks);
    sample();
    const walAtEnd = size(wal);
    const idleUntil = Date.now() + 1000;
    while (Date.now() < idleUntil) await new Promise((r) => setTimeout(r, 100));
    clearInterval(timer);
    sample();
    const walIdle = size(wal);
    const dbIdle = size(db);
    await engine.stop();
    const check = new Database(db, { readonly: true });
    const { data, records } = check.prepare('SELECT sum(size) AS data, sum(record_count) AS records FROM batches').get();
    check.close();
    if (records !== N) throw new Error(`acks=${acks}: ${records} records stored, expected ${N}`);
    const r = {
      seconds: +seconds.toFixed(3), recordsPerSec: Math.round(N / seconds),
      maxWalMB: +(maxWal / 1e6).toFixed(1), walAtEndMB: +(walAtEnd / 1e6).toFixed(1), walIdleMB: +(walIdle / 1e6).toFixed(1),
      dbMB: +(dbIdle / 1e6).toFixed(1), dataMB: +(data / 1e6).toFixed(1),
      maxDiskVsData: +(maxTotal / data).toFixed(2), idleDiskVsData: +((dbIdle + walIdle) / data).toFixed(2),
    };
    console.log(`acks=${acks.padEnd(3)} ${r.seconds.toFixed(3)} s ${r.recordsPerSec.toLocaleString('en')} records/s  WAL max ${r.maxWalMB} MB, at end ${r.walAtEndMB} MB, idle ${r.walIdleMB} MB; db ${r.dbMB} MB, data ${r.dataMB} MB; disk/data max ${r.maxDiskVsData} idle ${r.idleDiskVsData}`);
    return r;
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = { '1': [], all: [] };
for (let i = 0; i < RUNS; i++) for (const acks of ['1', 'all']) runs[acks].push(await run(acks));

const summarise = (rs) => {
  const m = (k) => median(rs.map((r) => r[k]));
  const max = (k) => Math.max(...rs.map((r) => r[k]));
  return {
    recordsPerSec: m('recordsPerSec'), seconds: m('seconds'),
    maxWalMB: max('maxWalMB'), walAtEndMB: max('walAtEndMB'), walIdleMB: max('walIdleMB'),
    dbMB: m('dbMB'), dataMB: m('dataMB'), maxDiskVsData: max('maxDiskVsData'), idleDiskVsData: max('idleDiskVsData'),
    runs: rs,
  };
};
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  records: N,
  recordBytes: SIZE,
  acks1: summarise(runs['1']),
  acksAll: summarise(runs.all),
  target: { maxWalMB: +(CAP_PAGES * PAGE / 1e6).toFixed(1), maxDiskVsData: 1.2, idleDiskVsData: 1.2 },
};
let previous = {};
try { previous = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')); } catch { /* first run */ }
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ ...previous, storage: result }, null, 2) + '\n');
console.log(JSON.stringify({ ...result, acks1: { ...result.acks1, runs: undefined }, acksAll: { ...result.acksAll, runs: undefined } }, null, 2));
