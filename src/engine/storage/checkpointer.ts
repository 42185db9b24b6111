// WAL checkpoints off the engine's thread. With synchronous=NORMAL the fsyncs happen at
// checkpoints, and done inline (SQLite's auto-checkpoint) they were the largest part of a small
// produce request's commit. A worker thread copies the WAL into the database instead (PASSIVE
// checkpoints, concurrent with the writer: see checkpoint-worker.ts) and says when the WAL is to
// be rewound or truncated; the engine does those two itself, between its transactions, never
// waiting for a lock (busy_timeout 0: a busy WAL is tried again at the worker's next pass), so
// no lock its writer needs is ever held by the worker. The engine's own auto-checkpoint stays
// off while the worker runs. Durability is unchanged: commits still reach the WAL before the
// reply, and checkpoints still fsync before any WAL frame is overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';
import type { CheckpointAdvice } from './checkpoint-worker';

const INTERVAL_MS = 100;
/**
 * The WAL's cap in frames (pages): 8,192 (33.5 MB). The WAL is rewound at a quarter of
 * it (8.4 MB), and journal_size_limit then cuts the file back to that size, so during a burst
 * the file holds at most about 8 MB beside the database: the WAL's pages are a second copy of
 * data headed for the database file, and rewinding at 33.5 MB had disk use peak at 1.3-1.47x
 * the data. Should the worker fall behind (a loaded machine starves its thread; at a load of 20
 * the WAL reached 2.4x its rewind point), the engine rewinds it itself before the cap
 * (capWal).
 */
export const WAL_CAP_FRAMES = 8192;
/** The WAL is rewound once it holds this many frames. */
export const WAL_REWIND_FRAMES = WAL_CAP_FRAMES / 4;
/** The engine checks the WAL's size at most this often. */
const CAP_CHECK_MS = 20;
/** How long the engine waits for a reader in another process before a forced rewind (capWal), and the worker's connection for a lock. */
const BUSY_MS = 100;
/**
 * Past seven eighths of its cap the WAL must be rewound before anything more is written: the
 * engine then waits this long for the worker's copy (or a reader in another process), its
 * thread held, so no commit can take the WAL past its cap meanwhile.
 */
const CAP_BUSY_MS = 5000;
/** SQLite's own auto-checkpoint threshold, used when no worker runs. */
export const AUTO_CHECKPOINT_PAGES = 4000;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private failed = false;
  private lastCapCheck = 0;
  /** The last look found the WAL past three quarters of its cap: look after every write. */
  private walHigh = false;
  private readonly walFile: string;
  private readonly capBytes: number;

  constructor(private readonly db: Db) {
    this.walFile = `${db.name}-wal`;
    const pageSize = db.memory ? 4096 : (db.pragma('page_size', { simple: true }) as number);
    this.capBytes = 32 + WAL_CAP_FRAMES * (pageSize + 24);
  }

  /**
   * After a write: when the worker has fallen behind and the WAL passed three quarters of its
   * cap, rewind it on the engine's thread now (a RESTART checkpoint: it waits for the worker's
   * copy and readers, then the next commit writes from the WAL's start and truncates the file).
   * Costs one stat per CAP_CHECK_MS while the worker keeps up, one per write once the WAL is
   * past three quarters (a loaded machine starves the worker: the WAL passed its cap under load).
   */
  capWal(): void {
    // SQLite's own auto-checkpoint bounds it without the worker; inside a transaction (a
    // produce group) the check waits for the group's last notification after its commit.
    if (this.worker === undefined || this.db.inTransaction) return;
    const now = Date.now();
    if (!this.walHigh && now - this.lastCapCheck < CAP_CHECK_MS) return;
    this.lastCapCheck = now;
    let size: number;
    try {
      size = fs.statSync(this.walFile).size;
    } catch {
      return;
    }
    this.walHigh = size >= (this.capBytes * 3) / 4;
    if (!this.walHigh) return;
    // The worker's copy or a reader in another process (kafka-dump-log) can hold the RESTART
    // back: wait for them briefly (not freezing the event loop) until the cap itself is near.
    this.checkpoint('RESTART', size >= (this.capBytes * 7) / 8 ? CAP_BUSY_MS : BUSY_MS);
  }

  /** The worker's advice, between two of the engine's transactions (a message is a task of its own). */
  private onAdvice(a: CheckpointAdvice): void {
    if (!this.db.open || this.db.inTransaction) return;
    // Without waiting: busy means the worker is copying or another process reads; the worker
    // asks again at its next pass.
    this.checkpoint(a === 'rewind' ? 'RESTART' : 'TRUNCATE', 0);
  }

  private checkpoint(mode: 'RESTART' | 'TRUNCATE', busyMs: number): void {
    const busy = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma(`busy_timeout = ${busyMs}`);
      this.db.pragma(`wal_checkpoint(${mode})`);
    } catch {
      // busy past the timeout: tried again later
    } finally {
      this.db.pragma(`busy_timeout = ${busy}`);
    }
  }

  /** Start the worker (lazily, at the first write that matters: most tool runs never write). */
  ensureStarted(): void {
    if (this.worker || this.failed || this.db.memory) return;
    try {
      const w = new Worker(path.join(__dirname, 'checkpoint-worker.js'), {
        workerData: { file: this.db.name, intervalMs: INTERVAL_MS, restartFrames: WAL_REWIND_FRAMES, busyMs: BUSY_MS },
      });
      w.unref();
      w.on('message', (a: CheckpointAdvice) => this.onAdvice(a));
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
