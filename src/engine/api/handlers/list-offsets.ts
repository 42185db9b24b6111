// ListOffsets, through the replica manager (a consumer's latest is the high watermark, the last
// stable offset with isolation_level READ_COMMITTED; any other replica id's the log end, whatever
// the isolation level; only the debugging replica id -2 may ask a follower, which answers from its
// own log, as Kafka 4.4 does): -1 latest, -2 earliest (log start), -4 earliest-local (the log
// start too: no tiered storage), -5 latest-tiered and -6 earliest-pending-upload (-1: nothing
// tiered, UnifiedLog's answer without remote storage), -3 the record with the largest timestamp, else the first offset whose record
// timestamp is >= the target, answered per record as Kafka does (the batch found by its max
// timestamp is decoded to find the record). v0 answers a list of offsets the old way (below).
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import { decodeRecords } from '../../../protocol/records/batch';
import type { RequestContext } from '.';
import type { PartitionLog } from '../../log/partition-log';
import { CONSUMER_REPLICA_ID, DEBUGGING_REPLICA_ID } from '../../replica/replica-manager';

import {
  LATEST_TIMESTAMP, EARLIEST_TIMESTAMP, MAX_TIMESTAMP, EARLIEST_LOCAL_TIMESTAMP, LATEST_TIERED_TIMESTAMP, EARLIEST_PENDING_UPLOAD_TIMESTAMP,
} from '../../../protocol/messages/list-offsets';

/**
 * The offset for a ListOffsets timestamp. `end` is what the requester may see (the high watermark
 * for consumers, the log end for followers): a record found at or past it is not answered.
 */
export function offsetForTimestamp(log: PartitionLog, ts: number, end = log.highWatermark): { offset: number; timestamp: number } {
  const start = log.logStartOffset;
  if (ts === LATEST_TIMESTAMP) return { offset: end, timestamp: -1 };
  if (ts === EARLIEST_TIMESTAMP || ts === EARLIEST_LOCAL_TIMESTAMP) return { offset: start, timestamp: -1 };
  if (ts === LATEST_TIERED_TIMESTAMP || ts === EARLIEST_PENDING_UPLOAD_TIMESTAMP) return { offset: -1, timestamp: -1 };
  const visible = (r: { offset: number; timestamp: number }) => (r.offset < end ? r : { offset: -1, timestamp: -1 });
  if (ts === MAX_TIMESTAMP) {
    // The first record carrying the largest timestamp (KAFKA-16310: the record, not its batch).
    const b = log.batchWithMaxTimestamp(start);
    if (!b) return { offset: -1, timestamp: -1 };
    let hit: { offset: number; timestamp: number } | undefined;
    decodeRecords(b.bytes, (r) => {
      if (!hit && r.offset >= start && r.timestamp === b.maxTimestamp) hit = { offset: r.offset, timestamp: r.timestamp };
    });
    return visible(hit ?? { offset: Math.max(b.baseOffset, start), timestamp: b.maxTimestamp });
  }
  let from = start;
  for (;;) {
    const found = log.firstBatchAtOrAfterTime(ts, from);
    if (!found) return { offset: -1, timestamp: -1 };
    let hit: { offset: number; timestamp: number } | undefined;
    let last = found.baseOffset;
    decodeRecords(found.bytes, (r) => {
      last = r.offset;
      if (!hit && r.offset >= start && r.timestamp >= ts) hit = { offset: r.offset, timestamp: r.timestamp };
    });
    if (hit) return visible(hit);
    from = last + 1;
  }
}

/**
 * The first version each negative timestamp (sentinel) may be sent with (KafkaApis: any other
 * negative timestamp, or one below its version, is UNSUPPORTED_VERSION): MAX_TIMESTAMP (-3) needs
 * v7, EARLIEST_LOCAL (-4) v8, LATEST_TIERED (-5) v9, EARLIEST_PENDING_UPLOAD (-6) v11.
 */
const SENTINEL_MIN_VERSION = new Map<number, number>([[-2, 1], [-1, 1], [-3, 7], [-4, 8], [-5, 9], [-6, 11]]);

/**
 * ListOffsets v0 (UnifiedLog.legacyFetchOffsetsBefore): offsets of segment starts whose segment
 * was last modified at or before the timestamp, newest first, at most maxNumOffsets, plus the
 * high watermark for a non-empty log. Our log is one segment, being written now: -1 gives
 * [high watermark, log start], -2 [log start], any other time [log start] if the log is empty,
 * else nothing until that time is reached.
 */
function legacyOffsets(log: PartitionLog, ts: number, maxNumOffsets: number): number[] {
  const now = Date.now();
  // (offset, time) per segment start, then the log end for a non-empty log.
  const points: [number, number][] = [[log.logStartOffset, now]];
  if (log.highWatermark > log.logStartOffset) points.push([log.highWatermark, now]);
  let start: number;
  if (ts === LATEST_TIMESTAMP) start = points.length - 1;
  else if (ts === EARLIEST_TIMESTAMP) start = 0;
  else {
    start = points.length - 1;
    while (start >= 0 && points[start][1] > ts) start--;
  }
  const out: number[] = [];
  for (let n = Math.min(maxNumOffsets, start + 1); n > 0; n--) out.push(points[start--][0]);
  return out.sort((a, b) => b - a);
}

export function handleListOffsets(engine: Engine, req: any, ctx?: RequestContext): unknown {
  const version = ctx?.version ?? 1;
  if (version === 0) return handleListOffsetsV0(engine, req);
  // KafkaApis: a partition asked for twice in one request gets INVALID_REQUEST (each time).
  const counts = new Map<string, number>();
  for (const t of req.topics) for (const lp of t.partitions) counts.set(`${t.name}\u0000${lp.partitionIndex}`, (counts.get(`${t.name}\u0000${lp.partitionIndex}`) ?? 0) + 1);
  const isClient = req.replicaId === CONSUMER_REPLICA_ID;
  const onlyLeader = req.replicaId !== DEBUGGING_REPLICA_ID;
  const topics = req.topics.map((t: any) => {
    const partitions = t.partitions.map((lp: any) => {
      const out = { partitionIndex: lp.partitionIndex, errorCode: 0, timestamp: -1, offset: -1, leaderEpoch: -1 };
      if ((counts.get(`${t.name}\u0000${lp.partitionIndex}`) ?? 0) > 1) { out.errorCode = ErrorCode.INVALID_REQUEST; return out; }
      if (lp.timestamp < 0 && !(version >= (SENTINEL_MIN_VERSION.get(lp.timestamp) ?? Infinity))) {
        out.errorCode = ErrorCode.UNSUPPORTED_VERSION;
        return out;
      }
      const part = engine.replicaManager.readablePartition(t.name, lp.partitionIndex, lp.currentLeaderEpoch, onlyLeader);
      if (typeof part === 'number') { out.errorCode = part; return out; }
      const log = part.log;
      // Partition.fetchOffsetForTimestamp: a new leader whose high watermark has not reached its
      // epoch's start cannot tell clients the latest offset yet.
      const epochStart = log.epochs.all().find((e) => e.epoch === part.leaderEpoch)?.startOffset ?? 0;
      if (isClient && epochStart > log.highWatermark && lp.timestamp === LATEST_TIMESTAMP) {
        out.errorCode = ErrorCode.OFFSET_NOT_AVAILABLE;
        return out;
      }
      // isolation_level READ_COMMITTED (v2+): a consumer sees up to the last stable offset.
      const end = isClient ? (req.isolationLevel === 1 ? log.lastStableOffset : log.highWatermark) : log.logEndOffset;
      try {
        const r = offsetForTimestamp(log, lp.timestamp, end);
        out.offset = r.offset;
        out.timestamp = r.timestamp;
        // No offset (nothing tiered, no record at or after the time): no epoch either.
        out.leaderEpoch = r.offset < 0 ? -1 : part.leaderEpoch;
      } catch {
        // A batch we cannot decode (corrupt, unknown codec): answer at batch granularity instead.
        const found = log.firstBatchAtOrAfterTime(lp.timestamp, log.logStartOffset);
        if (found && found.baseOffset < end) { out.offset = Math.max(found.baseOffset, log.logStartOffset); out.timestamp = lp.timestamp; }
      }
      return out;
    });
    return { name: t.name, partitions };
  });
  return { throttleTimeMs: 0, topics };
}

function handleListOffsetsV0(engine: Engine, req: any): unknown {
  const topics = req.topics.map((t: any) => {
    const partitions = t.partitions.map((lp: any) => {
      const out = { partitionIndex: lp.partitionIndex, errorCode: 0, oldStyleOffsets: [] as number[] };
      const part = engine.replicaManager.readablePartition(t.name, lp.partitionIndex, undefined, true);
      if (typeof part === 'number') { out.errorCode = part; return out; }
      out.oldStyleOffsets = legacyOffsets(part.log, lp.timestamp, lp.maxNumOffsets);
      return out;
    });
    return { name: t.name, partitions };
  });
  return { topics };
}
