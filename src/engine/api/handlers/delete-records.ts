// DeleteRecords (v0-1): move each partition's log start offset up to the given offset (-1: the
// high watermark) and delete the whole batches below it, as Kafka's Partition.deleteRecordsOnLeader.
// The answer's low watermark is the leader's log start offset afterwards; followers take it from
// their next fetch (Kafka's DelayedDeleteRecords, which waits for them, is not done: the timeout
// is not used).
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import { cleanupPolicy } from '../../log/retention';

/** DeleteRecordsRequest.HIGH_WATERMARK */
const HIGH_WATERMARK = -1;

export function handleDeleteRecords(engine: Engine, req: any): unknown {
  const topics = req.topics.map((t: any) => {
    const topic = engine.metadata.topic(t.name);
    const partitions = t.partitions.map((dp: any) => {
      const out = { partitionIndex: dp.partitionIndex, lowWatermark: -1, errorCode: 0 };
      if (topic?.internal) { out.errorCode = ErrorCode.INVALID_TOPIC_EXCEPTION; return out; }
      const part = engine.replicaManager.readablePartition(t.name, dp.partitionIndex, undefined, true);
      if (typeof part === 'number') { out.errorCode = part; return out; }
      if (!cleanupPolicy(engine, part.topic).delete) { out.errorCode = ErrorCode.POLICY_VIOLATION; return out; }
      const log = part.log;
      const offset = dp.offset === HIGH_WATERMARK ? log.highWatermark : dp.offset;
      if (offset < 0 || offset > log.highWatermark) { out.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE; return out; }
      try {
        out.lowWatermark = log.maybeIncrementLogStartOffset(offset);
      } catch (e) {
        engine.reloadAfterFailedWrite();
        throw e;
      }
      return out;
    });
    return { name: t.name, partitions };
  });
  return { throttleTimeMs: 0, topics };
}
