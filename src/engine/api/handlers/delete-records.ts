// DeleteRecords (v0-1): move each partition's log start offset up to the given offset (-1: the
// high watermark) and delete the whole batches below it, as Kafka's Partition.deleteRecordsOnLeader.
// The answer's low watermark is the log start offset afterwards. A single broker never needs
// Kafka's delayed wait for followers, so the timeout is not used.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import { advanceLogStartOffset, cleanupPolicy } from '../../log/retention';

/** DeleteRecordsRequest.HIGH_WATERMARK */
const HIGH_WATERMARK = -1;

export function handleDeleteRecords(engine: Engine, req: any): unknown {
  const topics = req.topics.map((t: any) => {
    const topic = engine.metadata.topic(t.name);
    const partitions = t.partitions.map((dp: any) => {
      const out = { partitionIndex: dp.partitionIndex, lowWatermark: -1, errorCode: 0 };
      const p = topic?.partitions[dp.partitionIndex];
      if (topic?.internal) { out.errorCode = ErrorCode.INVALID_TOPIC_EXCEPTION; return out; }
      if (!topic || !p) { out.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION; return out; }
      if (!engine.metadata.isLocalLeader(p)) { out.errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER; return out; }
      if (!cleanupPolicy(engine, topic).delete) { out.errorCode = ErrorCode.POLICY_VIOLATION; return out; }
      const offset = dp.offset === HIGH_WATERMARK ? p.highWatermark : dp.offset;
      if (offset < 0 || offset > p.highWatermark) { out.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE; return out; }
      out.lowWatermark = advanceLogStartOffset(engine, topic, p, offset);
      return out;
    });
    return { name: t.name, partitions };
  });
  return { throttleTimeMs: 0, topics };
}
