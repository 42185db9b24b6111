// Log segments on the partition log alone: rolls by segment.bytes and segment.ms (measured from
// the first batch's timestamp, as Kafka's LogSegment.shouldRoll), the same rolls for a follower
// appending the leader's batches, segments kept in SQLite across a reopen, and forgotten when the
// log start passes them or the log is truncated.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { ROOT, tempDir } from '../helpers/engine';

const { buildBatch, setBaseOffset, setPartitionLeaderEpoch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { PartitionLog } = require(path.join(ROOT, 'dist/engine/log/partition-log'));
const { openDatabase } = require(path.join(ROOT, 'dist/engine/storage/database'));
const { TopicStore } = require(path.join(ROOT, 'dist/engine/storage/topic-store'));
const { LogStore } = require(path.join(ROOT, 'dist/engine/storage/log-store'));
const { segmentConfigFrom } = require(path.join(ROOT, 'dist/engine/log/log-segments'));

function openLogDir(dir: string): { topics: any; logs: any; close(): void } {
  const db = openDatabase(dir);
  return { topics: new TopicStore(db), logs: new LogStore(db), close: () => db.close() };
}

function batch(timestamp: number, valueBytes = 10): Buffer {
  return buildBatch([{ key: Buffer.from('k'), value: Buffer.alloc(valueBytes, 120), timestamp }]);
}

function appendLeader(logs: any, log: any, b: Buffer): number {
  return logs.transaction(() => log.appendAsLeader(b, 0, { maxTimestamp: b.readBigInt64BE(35) > 0n ? Number(b.readBigInt64BE(35)) : -1, recordCount: 1, producerId: -1, producerEpoch: -1, baseSequence: -1 }, 0).baseOffset);
}

describe('log segments', () => {
  it('roll on segment.ms from the first batch\'s timestamp and on segment.bytes, survive a reopen, follow the log start and truncation', () => {
    const dir = tempDir();
    let opened = openLogDir(dir);
    const topic = opened.topics.ensureReplica('CCCCCCCCCCCCCCCCCCCCCC', 'seg', 0, [1], false).topic;
    let cfg = { bytes: 1 << 30, ms: 100, jitterMs: 0 };
    let log = new PartitionLog(opened.logs, topic, topic.partitions[0], () => cfg);
    const t0 = 1_700_000_000_000;
    expect(log.segments.baseOffsets()).toEqual([0]);
    appendLeader(opened.logs, log, batch(t0));
    appendLeader(opened.logs, log, batch(t0 + 100)); // exactly segment.ms later: no roll (Kafka wants more)
    expect(log.segments.baseOffsets()).toEqual([0]);
    appendLeader(opened.logs, log, batch(t0 + 101)); // offset 2 rolls
    appendLeader(opened.logs, log, batch(t0 + 150));
    expect(log.segments.baseOffsets()).toEqual([0, 2]);
    expect(log.segments.activeBaseOffset).toBe(2);
    opened.close();

    // Reopened: the segments and the active segment's first timestamp come back.
    opened = openLogDir(dir);
    let t2 = opened.topics.get('seg');
    log = new PartitionLog(opened.logs, t2, t2.partitions[0], () => cfg);
    expect(log.segments.baseOffsets()).toEqual([0, 2]);
    appendLeader(opened.logs, log, batch(t0 + 201)); // 100 ms after offset 2's batch: no roll
    expect(log.segments.baseOffsets()).toEqual([0, 2]);
    appendLeader(opened.logs, log, batch(t0 + 202)); // offset 5 rolls
    expect(log.segments.baseOffsets()).toEqual([0, 2, 5]);

    // segment.bytes: a batch that would take the segment past it rolls.
    const size = batch(t0).length;
    cfg = { bytes: 2 * size, ms: 604800000, jitterMs: 0 };
    appendLeader(opened.logs, log, batch(t0 + 203)); // 6: the segment is now 2 batches
    expect(log.segments.baseOffsets()).toEqual([0, 2, 5]);
    appendLeader(opened.logs, log, batch(t0 + 204)); // 7 rolls
    expect(log.segments.baseOffsets()).toEqual([0, 2, 5, 7]);

    // The log start passing segments forgets them; the one holding it stays.
    log.updateHighWatermark(8);
    log.maybeIncrementLogStartOffset(3);
    expect(log.segments.baseOffsets()).toEqual([2, 5, 7]);
    // Truncation drops the segments after the new log end.
    log.truncateTo(6);
    expect(log.segments.baseOffsets()).toEqual([2, 5]);
    expect(log.logEndOffset).toBe(6);
    opened.close();
    opened = openLogDir(dir);
    t2 = opened.topics.get('seg');
    log = new PartitionLog(opened.logs, t2, t2.partitions[0], () => cfg);
    expect(log.segments.baseOffsets()).toEqual([2, 5]);
    log.truncateFullyAndStartAt(20);
    expect(log.segments.baseOffsets()).toEqual([20]);
    opened.close();
  });

  it('a compacted topic\'s segment.ms is at most its max.compaction.lag.ms (Kafka\'s LogConfig.maxSegmentMs)', () => {
    const cfg = (entries: [string, unknown][]) => segmentConfigFrom(new Map(entries));
    const base: [string, unknown][] = [['segment.bytes', 1073741824], ['segment.ms', 604800000], ['segment.jitter.ms', 0]];
    expect(cfg([...base, ['cleanup.policy', ['compact']], ['max.compaction.lag.ms', 1000]]).ms).toBe(1000);
    expect(cfg([...base, ['cleanup.policy', 'compact,delete'], ['max.compaction.lag.ms', 1000]]).ms).toBe(1000);
    expect(cfg([...base, ['cleanup.policy', ['delete']], ['max.compaction.lag.ms', 1000]]).ms).toBe(604800000);
    expect(cfg([...base, ['cleanup.policy', ['compact']], ['max.compaction.lag.ms', Number.MAX_SAFE_INTEGER]]).ms).toBe(604800000);
    expect(cfg([...base, ['cleanup.policy', ['compact']], ['segment.ms', 100], ['max.compaction.lag.ms', 1000]]).ms).toBe(100);
  });

  it('a follower appending the leader\'s batches rolls at the same offsets', () => {
    const cfg = { bytes: 1 << 30, ms: 100, jitterMs: 50 };
    const leaderDir = openLogDir(tempDir());
    const followerDir = openLogDir(tempDir());
    const lt = leaderDir.topics.ensureReplica('DDDDDDDDDDDDDDDDDDDDDD', 'seg-f', 0, [1, 2], false).topic;
    const ft = followerDir.topics.ensureReplica('DDDDDDDDDDDDDDDDDDDDDD', 'seg-f', 0, [1, 2], false).topic;
    const leader = new PartitionLog(leaderDir.logs, lt, lt.partitions[0], () => cfg);
    const follower = new PartitionLog(followerDir.logs, ft, ft.partitions[0], () => cfg);
    const t0 = 1_700_000_000_000;
    for (const dt of [0, 30, 60, 90, 120, 150, 180, 260, 300, 400]) {
      const b = batch(t0 + dt);
      const base = appendLeader(leaderDir.logs, leader, b);
      const copy = Buffer.from(b);
      setBaseOffset(copy, base);
      setPartitionLeaderEpoch(copy, 0);
      followerDir.logs.transaction(() => follower.appendAsFollower(copy));
    }
    expect(leader.segments.baseOffsets().length).toBeGreaterThan(2);
    expect(follower.segments.baseOffsets()).toEqual(leader.segments.baseOffsets());
    leaderDir.close();
    followerDir.close();
  });

  it('a log dir from before segments (schema 5) gets one active segment per partition from its log start', () => {
    const dir = tempDir();
    let opened = openLogDir(dir);
    const topic = opened.topics.ensureReplica('FFFFFFFFFFFFFFFFFFFFFF', 'seg-old', 0, [1], false).topic;
    let log = new PartitionLog(opened.logs, topic, topic.partitions[0], () => ({ bytes: 1 << 30, ms: 100, jitterMs: 0 }));
    const t0 = 1_700_000_000_000;
    for (const dt of [0, 500, 1000]) appendLeader(opened.logs, log, batch(t0 + dt));
    log.updateHighWatermark(3);
    log.maybeIncrementLogStartOffset(1);
    opened.close();
    // Back to schema 5: no log_segments table.
    const db = new (require('better-sqlite3'))(path.join(dir, 'kafka-local.db'));
    db.exec('DROP TABLE log_segments');
    db.pragma('user_version = 5');
    db.close();
    opened = openLogDir(dir);
    const t2 = opened.topics.get('seg-old');
    log = new PartitionLog(opened.logs, t2, t2.partitions[0], () => ({ bytes: 1 << 30, ms: 100, jitterMs: 0 }));
    // One segment from the log start, timed from its first batch (offset 1, at t0 + 500).
    expect(log.segments.baseOffsets()).toEqual([1]);
    appendLeader(opened.logs, log, batch(t0 + 600)); // 100 ms after it: no roll
    expect(log.segments.baseOffsets()).toEqual([1]);
    appendLeader(opened.logs, log, batch(t0 + 601));
    expect(log.segments.baseOffsets()).toEqual([1, 4]);
    opened.close();
  });
});
