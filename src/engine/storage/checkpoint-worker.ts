// Runs in a worker thread with its own connection to the engine's database: copies committed
// WAL frames into the database file (PASSIVE checkpoints, which never block the engine's
// writer) so the engine's thread does not pay for the copy and the fsyncs on its commits.
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

interface Data { file: string; intervalMs: number; capFrames: number }
interface CheckpointRow { busy: number; log: number; checkpointed: number }

const { file, intervalMs, capFrames } = workerData as Data;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3') as typeof BetterSqlite3;
const db = new Database(file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');

let askedRestart = false;
const timer = setInterval(() => {
  let row: CheckpointRow | undefined;
  try {
    row = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[])[0];
  } catch {
    return; // busy or closing: try again on the next tick
  }
  // Under a writer that never pauses the WAL is never completely copied, so it is never
  // rewound: past the cap, ask the engine's thread for a (short) RESTART checkpoint.
  if (row && row.log >= capFrames && !askedRestart) {
    askedRestart = true;
    parentPort!.postMessage('restart');
  } else if (row && row.log < capFrames) {
    askedRestart = false;
  }
}, intervalMs);

parentPort!.on('message', (m: { stop?: Int32Array }) => {
  if (!m.stop) return;
  clearInterval(timer);
  try {
    db.close();
  } finally {
    Atomics.store(m.stop, 0, 1);
    Atomics.notify(m.stop, 0);
  }
});
