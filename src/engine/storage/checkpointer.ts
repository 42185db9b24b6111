// WAL checkpoints off the engine's thread. With synchronous=NORMAL the fsyncs happen at
// checkpoints, and done inline (SQLite's auto-checkpoint) they were the largest part of a small
// produce request's commit. A worker thread checkpoints instead (concurrent with the writer, and
// it also rewinds the WAL: see checkpoint-worker.ts); the engine's own auto-checkpoint stays off
// while the worker runs. Durability is unchanged: commits still reach the WAL before the reply,
// and checkpoints still fsync before any WAL frame is overwritten.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

const INTERVAL_MS = 100;
/**
 * The WAL's cap in frames (pages): journal_size_limit cuts the file back to it whenever the WAL
 * is rewound. The worker rewinds at half of it, so the file stays below the cap while the
 * worker keeps up. 4,096 frames (16.8 MB, rewound at 8.4 MB): the WAL's pages are a second
 * copy of data already headed for the database file, so while a burst writes the WAL is disk
 * used twice; at 16,384 frames it peaked at 30-50 MB beside 110 MB of data (1.3-1.47x disk).
 */
export const WAL_CAP_FRAMES = 4096;
/** How long the worker waits for the engine's transaction in progress before a rewind. */
const BUSY_MS = 100;
/** SQLite's own auto-checkpoint threshold, used when no worker runs. */
export const AUTO_CHECKPOINT_PAGES = 4000;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private failed = false;

  constructor(private readonly db: Db) {}

  /** Start the worker (lazily, at the first write that matters: most tool runs never write). */
  ensureStarted(): void {
    if (this.worker || this.failed || this.db.memory) return;
    try {
      const w = new Worker(path.join(__dirname, 'checkpoint-worker.js'), {
        workerData: { file: this.db.name, intervalMs: INTERVAL_MS, restartFrames: WAL_CAP_FRAMES / 2, busyMs: BUSY_MS },
      });
      w.unref();
      w.on('error', () => this.fallBack());
      w.on('exit', () => {
        if (this.worker === w) this.fallBack();
      });
      this.worker = w;
      this.db.pragma('wal_autocheckpoint = 0');
    } catch {
      this.fallBack();
    }
  }

  private fallBack(): void {
    this.worker = undefined;
    this.failed = true;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }

  /** Stop the worker and wait (briefly) until its connection is closed. */
  stop(): void {
    const w = this.worker;
    if (!w) return;
    this.worker = undefined;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    w.postMessage({ stop: flag });
    Atomics.wait(flag, 0, 0, 2000);
    void w.terminate();
  }
}
