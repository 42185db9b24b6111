// The partition log on its own: log start, high watermark and log end offset apart; follower
// appends keep the leader's offsets and epochs; truncation; the leader epoch cache persisted with
// the log and rebuilt from the batches when it is missing.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT, tempDir } from '../helpers/engine';

const { buildBatch, setBaseOffset, setPartitionLeaderEpoch, readBatchHeader } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { PartitionLog } = require(path.join(ROOT, 'dist/engine/log/partition-log'));
const { DB_FILE, openDatabase } = require(path.join(ROOT, 'dist/engine/storage/database'));
const { TopicStore } = require(path.join(ROOT, 'dist/engine/storage/topic-store'));
const { LogStore } = require(path.join(ROOT, 'dist/engine/storage/log-store'));

/**
 * The log dir opened without a broker: the replica's storage is not in any metadata (a broker
 * would drop it as a stray topic at start), and the PartitionLog is what is under test.
 */
function openLogDir(dir: string): { topics: any; logs: any; close(): void } {
  const db = openDatabase(dir);
  return { topics: new TopicStore(db), logs: new LogStore(db), close: () => db.close() };
}
const Database = require('better-sqlite3');

/** A batch as a leader of `epoch` wrote it at `base`. */
function leaderBatch(base: number, epoch: number, n: number): Buffer {
  const b = buildBatch(Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`v${base + i}`), timestamp: Date.now() })));
  setBaseOffset(b, base);
  setPartitionLeaderEpoch(b, epoch);
  return b;
}

describe('PartitionLog', () => {
  it('keeps follower offsets and epochs, truncates at batch boundaries, and persists or rebuilds its epoch cache', async () => {
    const dir = tempDir();
    const engine = openLogDir(dir);
    const topic = engine.topics.ensureReplica('AAAAAAAAAAAAAAAAAAAAAA', 'pl', 0, [1], false).topic;
    const p = topic.partitions[0];
    const log = new PartitionLog(engine.logs, topic, p);
    expect([log.logStartOffset, log.highWatermark, log.logEndOffset]).toEqual([0, 0, 0]);
    engine.logs.transaction(() => {
      log.appendAsFollower(leaderBatch(0, 0, 5));
      log.appendAsFollower(leaderBatch(5, 0, 5));
      log.appendAsFollower(leaderBatch(10, 3, 5));
      log.appendAsFollower(leaderBatch(15, 4, 5));
    });
    expect(log.logEndOffset).toBe(20);
    expect(log.highWatermark).toBe(0);
    expect(log.updateHighWatermark(12)).toBe(true);
    expect(log.epochs.all()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 10 }, { epoch: 4, startOffset: 15 }]);
    expect(log.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 10 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 0, endOffset: 10 });
    expect(log.endOffsetForEpoch(4)).toEqual({ epoch: 4, endOffset: 20 });
    // A batch below the log end is refused (the fetcher lost track).
    expect(() => engine.logs.transaction(() => log.appendAsFollower(leaderBatch(18, 4, 1)))).toThrow(/Out of order/);
    // Truncating inside a batch removes the whole batch; the epochs that started there go too.
    log.truncateTo(17);
    expect(log.logEndOffset).toBe(15);
    expect(log.epochs.latestEpoch()).toBe(3);
    // Consumers read to the HW: the batch at 10 straddles nothing, the one at 10 starts below 12.
    expect(log.read(0, 1 << 20, log.highWatermark).batches.map((b: Buffer) => readBatchHeader(b, 0).baseOffset)).toEqual([0, 5, 10]);
    expect(log.read(0, 1 << 20, 10).batches.length).toBe(2);
    // Log start moves only up to the high watermark.
    expect(log.maybeIncrementLogStartOffset(100)).toBe(12);
    expect(log.epochs.all()).toEqual([{ epoch: 3, startOffset: 12 }]);
    engine.close();
    // Reopened: offsets and the epoch cache come back from SQLite.
    let opened = openLogDir(dir);
    let t2 = opened.topics.get('pl');
    let log2 = new PartitionLog(opened.logs, t2, t2.partitions[0]);
    expect([log2.logStartOffset, log2.highWatermark, log2.logEndOffset]).toEqual([12, 12, 15]);
    expect(log2.epochs.all()).toEqual([{ epoch: 3, startOffset: 12 }]);
    opened.close();

    // The cache lost: rebuilt from the batches' partitionLeaderEpoch fields.
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare('DELETE FROM leader_epochs').run();
    db.close();
    opened = openLogDir(dir);
    t2 = opened.topics.get('pl');
    log2 = new PartitionLog(opened.logs, t2, t2.partitions[0]);
    expect(log2.epochs.all()).toEqual([{ epoch: 3, startOffset: 12 }]);
    // Truncating below the log start empties the log and starts it there.
    log2.truncateFullyAndStartAt(30);
    expect([log2.logStartOffset, log2.highWatermark, log2.logEndOffset]).toEqual([30, 30, 30]);
    expect(log2.epochs.all()).toEqual([]);
    opened.close();
  }, 30000);

  it('serves the newest batches and its size from memory exactly as the store does, and forgets them when stored batches are rewritten', () => {
    const engine = openLogDir(tempDir());
    const topic = engine.topics.ensureReplica('BBBBBBBBBBBBBBBBBBBBBB', 'tail', 0, [1], false).topic;
    const p = topic.partitions[0];
    const log = new PartitionLog(engine.logs, topic, p);
    const bases = (r: { batches: Buffer[] }) => r.batches.map((b) => readBatchHeader(b, 0).baseOffset);
    const sameAsStore = () => {
      for (const offset of [0, 3, 5, 12, 19, 20, 25]) {
        for (const maxBytes of [1, 200, 1 << 20]) {
          for (const end of [0, 10, 14, 20, 25]) {
            const fromLog = log.read(offset, maxBytes, end);
            const fromStore = engine.logs.read(topic, p, offset, maxBytes, end);
            expect(bases(fromLog)).toEqual(bases(fromStore));
            expect(fromLog.batches).toEqual(fromStore.batches);
            expect(fromLog.bytes).toBe(fromStore.bytes);
          }
        }
      }
      // The size it keeps up by appends is what the store sums.
      expect(log.sizeBytes).toBe(engine.logs.partitionSize(topic, p));
    };
    expect(log.sizeBytes).toBe(0);
    engine.logs.transaction(() => {
      for (let base = 0; base < 20; base += 5) log.appendAsFollower(leaderBatch(base, 0, 5));
    });
    expect(log.sizeBytes).toBeGreaterThan(0);
    sameAsStore();
    log.truncateTo(12);
    expect(log.logEndOffset).toBe(10);
    sameAsStore();
    engine.logs.transaction(() => log.appendAsLeader(leaderBatch(0, 0, 5), 1, { maxTimestamp: 0, recordCount: 5, producerId: -1, producerEpoch: -1, baseSequence: -1 }, 4));
    sameAsStore();
    // Compaction rewrites a stored batch in place: readers get the rewritten bytes.
    const rowid = engine.logs.batchSummaries(topic, p, 0).find((b: any) => b.baseOffset === 10).rowid;
    const compacted = leaderBatch(10, 1, 2);
    engine.logs.replaceBatch(rowid, compacted, 0);
    expect(log.read(10, 1 << 20, 15).batches).toEqual([compacted]);
    sameAsStore();
    // Retention deletes whole batches below the new log start.
    engine.logs.transaction(() => log.appendAsLeader(leaderBatch(0, 0, 5), 1, { maxTimestamp: 0, recordCount: 5, producerId: -1, producerEpoch: -1, baseSequence: -1 }, 4));
    expect(log.sizeBytes).toBe(engine.logs.partitionSize(topic, p));
    engine.logs.deleteBatchesBefore(topic, p, 10);
    sameAsStore();
    engine.close();
  });
  it('keeps the high watermark in memory until a checkpoint writes it; a reopened log starts from the checkpoint', () => {
    const dir = tempDir();
    const engine = openLogDir(dir);
    const topic = engine.topics.ensureReplica('BBBBBBBBBBBBBBBBBBBBBB', 'hw', 0, [1], false).topic;
    const p = topic.partitions[0];
    const log = new PartitionLog(engine.logs, topic, p);
    engine.logs.transaction(() => log.appendAsFollower(leaderBatch(0, 0, 10)));
    const stored = () => new Database(path.join(dir, DB_FILE), { readonly: true }).prepare('SELECT high_watermark FROM partitions').pluck().get();
    expect(log.updateHighWatermark(4)).toBe(true);
    expect(stored()).toBe(0);
    log.checkpointHighWatermark();
    expect(stored()).toBe(4);
    expect(log.updateHighWatermark(10)).toBe(true);
    engine.close();
    // As after a kill -9: the log has all ten records, the high watermark is the checkpoint's.
    const again = openLogDir(dir);
    const t2 = again.topics.get('hw');
    const reopened = new PartitionLog(again.logs, t2, t2.partitions[0]);
    expect([reopened.highWatermark, reopened.logEndOffset]).toEqual([4, 10]);
    // Truncation below it is written at once.
    reopened.truncateTo(0);
    expect(stored()).toBe(0);
    again.close();
  });
});

