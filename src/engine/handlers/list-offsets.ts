// ListOffsets: -1 latest (high watermark), -2 earliest (log start), else the first offset whose
// record timestamp is >= the target, answered per record as Kafka does (the batch found by its
// max timestamp is decoded to find the record).
import type { Engine } from '../engine';
import { ErrorCode } from '../../protocol/errors';
import { decodeRecords } from '../../protocol/records/batch';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';

import { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP } from '../../protocol/messages/list-offsets';

export function offsetForTimestamp(engine: Engine, topic: TopicRecord, p: PartitionRecord, ts: number): { offset: number; timestamp: number } {
  if (ts === LATEST_TIMESTAMP) return { offset: p.highWatermark, timestamp: -1 };
  if (ts === EARLIEST_TIMESTAMP) return { offset: p.logStartOffset, timestamp: -1 };
  let from = p.logStartOffset;
  for (;;) {
    const found = engine.logs.firstBatchAtOrAfterTime(topic, p, ts, from);
    if (!found) return { offset: -1, timestamp: -1 };
    let hit: { offset: number; timestamp: number } | undefined;
    let last = found.baseOffset;
    decodeRecords(found.bytes, (r) => {
      last = r.offset;
      if (!hit && r.offset >= p.logStartOffset && r.timestamp >= ts) hit = { offset: r.offset, timestamp: r.timestamp };
    });
    if (hit) return hit;
    from = last + 1;
  }
}

export function handleListOffsets(engine: Engine, req: any): unknown {
  const topics = req.topics.map((t: any) => {
    const topic = engine.metadata.topic(t.name);
    const partitions = t.partitions.map((lp: any) => {
      const out = { partitionIndex: lp.partitionIndex, errorCode: 0, timestamp: -1, offset: -1, leaderEpoch: -1 };
      const p = topic?.partitions[lp.partitionIndex];
      if (!topic || !p) { out.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION; return out; }
      if (!engine.metadata.isLocalLeader(p)) { out.errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER; return out; }
      try {
        const r = offsetForTimestamp(engine, topic, p, lp.timestamp);
        out.offset = r.offset;
        out.timestamp = r.timestamp;
        out.leaderEpoch = p.leaderEpoch;
      } catch {
        // A batch we cannot decode (e.g. zstd): answer at batch granularity instead.
        const found = engine.logs.firstBatchAtOrAfterTime(topic, p, lp.timestamp, p.logStartOffset);
        if (found) { out.offset = Math.max(found.baseOffset, p.logStartOffset); out.timestamp = lp.timestamp; }
      }
      return out;
    });
    return { name: t.name, partitions };
  });
  return { throttleTimeMs: 0, topics };
}
