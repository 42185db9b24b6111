// Runs in a worker thread with its own connection to the engine's database: copies committed
// WAL frames into the database file so the engine's thread does not pay for the copy and the
// fsyncs on its commits, and keeps the WAL file small:
// - PASSIVE checkpoints copy what is committed without ever blocking the engine's writer;
// - under a writer that never pauses the WAL is never completely copied, so SQLite never rewinds
//   it: once it holds restartFrames, a RESTART checkpoint right after the PASSIVE one takes the
//   write lock between two of the engine's transactions, copies the few frames written since and
//   leaves the WAL complete, so the engine's next commit writes from its start again (and, with
//   journal_size_limit, cuts the file back). The engine waits at most for that short copy;
// - a WAL that stopped growing and is completely copied is truncated to nothing (TRUNCATE), so
//   an engine at rest holds its data once on disk.
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

interface Data { file: string; intervalMs: number; restartFrames: number; busyMs: number }
interface CheckpointRow { busy: number; log: number; checkpointed: number }

const { file, intervalMs, restartFrames, busyMs } = workerData as Data;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3') as typeof BetterSqlite3;
const db = new Database(file, { fileMustExist: true, timeout: busyMs });
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');

function checkpoint(mode: 'PASSIVE' | 'RESTART' | 'TRUNCATE'): CheckpointRow | undefined {
  try {
    return (db.pragma(`wal_checkpoint(${mode})`) as CheckpointRow[])[0];
  } catch {
    return undefined; // busy or closing: try again on the next pass
  }
}

let lastLog = -1;
function pass(): number {
  const row = checkpoint('PASSIVE');
  if (!row) return intervalMs;
  if (row.log > 0 && row.log === lastLog && row.checkpointed === row.log) {
    lastLog = -1;
    checkpoint('TRUNCATE');
    return intervalMs;
  }
  lastLog = row.log;
  if (row.log >= restartFrames) {
    const r = checkpoint('RESTART');
    // Busy (a long read on the engine's side): try again soon, before the WAL gets much longer.
    return r && r.busy === 0 ? intervalMs : Math.min(intervalMs, 10);
  }
  // Close to a rewind: look again sooner, so the WAL overshoots restartFrames by little.
  return row.log >= restartFrames / 2 ? intervalMs / 4 : intervalMs;
}

let timer: NodeJS.Timeout = setTimeout(function tick() {
  timer = setTimeout(tick, pass());
}, intervalMs);

parentPort!.on('message', (m: { stop?: Int32Array }) => {
  if (!m.stop) return;
  clearTimeout(timer);
  try {
    db.close();
  } finally {
    Atomics.store(m.stop, 0, 1);
    Atomics.notify(m.stop, 0);
  }
});
