// A partition log's transaction state on its own, as a follower builds it from replicated
// batches: open transactions hold the LSO, markers close them, and truncation, a new log start
// and a reopened log cut or rebuild it as the log changes.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT, tempDir } from '../helpers/engine';

const { buildBatch, setBaseOffset } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { buildTxnMarker } = require(path.join(ROOT, 'dist/protocol/records/txn-marker'));
const { PartitionLog } = require(path.join(ROOT, 'dist/engine/log/partition-log'));
const { openDatabase } = require(path.join(ROOT, 'dist/engine/storage/database'));
const { TopicStore } = require(path.join(ROOT, 'dist/engine/storage/topic-store'));
const { LogStore } = require(path.join(ROOT, 'dist/engine/storage/log-store'));

function data(base: number, pid: number, n = 1): Buffer {
  const b = buildBatch(Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`v${base + i}`), timestamp: 1 })),
    pid >= 0 ? { producerId: pid, producerEpoch: 0, baseSequence: 0, transactional: true } : {});
  setBaseOffset(b, base);
  return b;
}

const marker = (base: number, pid: number, commit: boolean): Buffer => buildTxnMarker({ producerId: pid, producerEpoch: 0, commit, coordinatorEpoch: 0, baseOffset: base, timestamp: 1 });

/** A new database holding one single-replica partition of a topic. */
function openPartition(topicId: string, name: string) {
  const db = openDatabase(tempDir());
  const topic = new TopicStore(db).ensureReplica(topicId, name, 0, [1], false).topic;
  return { db, logs: new LogStore(db), topic, p: topic.partitions[0] };
}

describe('TransactionState', () => {
  it('follows appends, truncation, log start and a reopen', () => {
    const { db, logs, topic, p } = openPartition('AAAAAAAAAAAAAAAAAAAAAA', 'ts');
    let log = new PartitionLog(logs, topic, p);
    const append = (b: Buffer) => logs.transaction(() => log.appendAsFollower(b));
    append(data(0, -1));          // 0 plain
    append(data(1, 10, 2));       // 1-2 txn 10
    append(data(3, 11));          // 3 txn 11
    append(marker(4, 10, false)); // 4 abort 10
    append(data(5, 12));          // 5 txn 12
    log.updateHighWatermark(6);
    expect(log.lastStableOffset).toBe(3);
    expect(log.txns.abortedTxns(0, 6)).toEqual([{ producerId: 10, firstOffset: 1, lastOffset: 4, lastStableOffset: 3 }]);
    append(marker(6, 11, true));  // 6 commit 11
    log.updateHighWatermark(7);
    expect(log.lastStableOffset).toBe(5);

    // Truncating the abort marker and 12's batch: 10 is open again from 1, 12 is gone, 11 stays open.
    log.truncateTo(4);
    expect(log.logEndOffset).toBe(4);
    expect([...log.txns.openTxns()].map(([pid, t]) => [pid, t.firstOffset]).sort()).toEqual([[10, 1], [11, 3]]);
    expect(log.txns.abortedTxns(0, 10)).toEqual([]);
    expect(log.lastStableOffset).toBe(1);

    // Re-replicated differently: 10 commits, 11 aborts.
    append(marker(4, 10, true));
    append(marker(5, 11, false));
    log.updateHighWatermark(6);
    expect(log.lastStableOffset).toBe(6);
    expect(log.txns.abortedTxns(0, 6)).toEqual([{ producerId: 11, firstOffset: 3, lastOffset: 5, lastStableOffset: 6 }]);

    // Reopened (restart): the same state from SQLite.
    log.close();
    log = new PartitionLog(logs, topic, p);
    log.updateHighWatermark(6);
    expect(log.lastStableOffset).toBe(6);
    expect(log.txns.abortedTxns(0, 6)).toHaveLength(1);

    // The log start passes the aborted transaction: its entry goes with the data.
    log.maybeIncrementLogStartOffset(6);
    expect(log.txns.abortedTxns(0, 100)).toEqual([]);
    log.truncateFullyAndStartAt(20);
    expect(log.txns.openTxns().size).toBe(0);
    db.close();
  });

  // The store remembers partitions without aborted transactions (most fetches ask): an abort
  // appended later, also after one whose append rolled back, must still be listed.
  it('lists an abort appended after the store found none', () => {
    const { db, logs, topic, p } = openPartition('BBBBBBBBBBBBBBBBBBBBBB', 'ts2');
    const log = new PartitionLog(logs, topic, p);
    const append = (b: Buffer) => logs.transaction(() => log.appendAsFollower(b));
    append(data(0, 10));
    expect(log.txns.abortedTxns(0, 10)).toEqual([]);
    // An abort whose append fails after the index write: rolled back, nothing listed.
    expect(() => logs.transaction(() => { log.appendAsFollower(marker(1, 10, false)); throw new Error('rolled back'); })).toThrow('rolled back');
    log.close();
    const reopened = new PartitionLog(logs, topic, p);
    const again = (b: Buffer) => logs.transaction(() => reopened.appendAsFollower(b));
    expect(reopened.txns.abortedTxns(0, 10)).toEqual([]);
    again(marker(1, 10, false));
    expect(reopened.txns.abortedTxns(0, 10)).toEqual([{ producerId: 10, firstOffset: 0, lastOffset: 1, lastStableOffset: 2 }]);
    db.close();
  });
});
