// Runs in a worker thread with its own connection to the engine's database: copies committed
// WAL frames into the database file (PASSIVE checkpoints, which never block the engine's writer)
// so the engine's thread does not pay for the copy and the fsyncs on its commits. It never takes
// the write lock itself: the two checkpoints that do (rewinding the WAL, truncating it) are the
// engine's, between two of its transactions, when this worker tells it they are due (see
// checkpointer.ts). A lock held here made the engine's next commit wait in SQLite's busy
// handler, which sleeps in steps of 1, 2, 5, 10, 15, 20, 25 ms... on the engine's only thread:
// a RESTART of 1.5 ms cost a produce 3 ms, and on a loaded machine (this thread descheduled while
// holding the lock) a TRUNCATE of 200 ms cost one 290 ms.
// - Under a writer that never pauses the WAL is never completely copied, so SQLite never rewinds
//   it: once it holds restartFrames, a second PASSIVE copies what was written during the first,
//   and the engine is asked to rewind (a RESTART that finds almost everything copied already);
// - a WAL that stopped growing and is completely copied is to be truncated to nothing, so an
//   engine at rest holds its data once on disk.
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

interface Data { file: string; intervalMs: number; restartFrames: number; busyMs: number }
interface CheckpointRow { busy: number; log: number; checkpointed: number }
/** What the worker asks the engine's thread to do. */
export type CheckpointAdvice = 'rewind' | 'truncate';

const { file, intervalMs, restartFrames, busyMs } = workerData as Data;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3') as typeof BetterSqlite3;
const db = new Database(file, { fileMustExist: true, timeout: busyMs });
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');

function passive(): CheckpointRow | undefined {
  try {
    return (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[])[0];
  } catch {
    return undefined; // closing: try again on the next pass
  }
}

function advise(a: CheckpointAdvice): void {
  parentPort!.postMessage(a);
}

let lastLog = -1;
function pass(): number {
  const row = passive();
  if (!row) return intervalMs;
  if (row.log > 0 && row.log === lastLog && row.checkpointed === row.log) {
    lastLog = -1;
    advise('truncate');
    return intervalMs;
  }
  lastLog = row.log;
  if (row.log >= restartFrames) {
    passive();
    advise('rewind');
    // Look again soon: the engine may have found the WAL busy (a reader in another process).
    return Math.min(intervalMs, 10);
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
