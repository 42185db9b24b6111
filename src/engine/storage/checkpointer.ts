// WAL checkpoints off the engine's thread. With synchronous=NORMAL the fsyncs happen at
// checkpoints, and done inline (SQLite's auto-checkpoint) they were the largest part of a small
// produce request's commit. A worker thread checkpoints instead (PASSIVE, concurrent with the
// writer); the engine's own auto-checkpoint stays off while the worker runs. Durability is
// unchanged: commits still reach the WAL before the reply, and checkpoints still fsync.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

const INTERVAL_MS = 100;
/** WAL frames (pages) after which the engine's thread rewinds the WAL itself. */
const CAP_FRAMES = 65536;
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
        workerData: { file: this.db.name, intervalMs: INTERVAL_MS, capFrames: CAP_FRAMES },
      });
      w.unref();
      w.on('message', (m) => {
        if (m === 'restart' && this.db.open) {
          try {
            this.db.pragma('wal_checkpoint(RESTART)');
          } catch {
            // busy: the worker's next pass or the next request asks again
          }
        }
      });
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
