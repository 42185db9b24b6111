// OffsetForLeaderEpoch (v0-4): where a leader epoch ends in this broker's log (the largest epoch
// <= the requested one, and the start of the next, or the log end for the latest), as Kafka's
// Partition.lastOffsetForLeaderEpoch. A follower truncates to it after a leader change; a consumer
// validates its position with it. Followers and consumers must ask the leader; only the debugging
// replica id (-2, also what v0-2 requests mean) may read a follower's cache.
import type { Engine } from '../../engine';
import { DEBUGGING_REPLICA_ID } from '../../replica/replica-manager';

export function handleOffsetForLeaderEpoch(engine: Engine, req: any): unknown {
  const onlyLeader = req.replicaId !== DEBUGGING_REPLICA_ID;
  const topics = req.topics.map((t: any) => ({
    topic: t.topic,
    partitions: t.partitions.map((op: any) => {
      const out = { errorCode: 0, partition: op.partition, leaderEpoch: -1, endOffset: -1 };
      const part = engine.replicaManager.readablePartition(t.topic, op.partition, op.currentLeaderEpoch, onlyLeader);
      if (typeof part === 'number') { out.errorCode = part; return out; }
      const found = part.log.endOffsetForEpoch(op.leaderEpoch);
      // No such epoch here: no error, and neither epoch nor offset (UnifiedLog answers None).
      if (found.endOffset >= 0) {
        out.leaderEpoch = found.epoch;
        out.endOffset = found.endOffset;
      }
      return out;
    }),
  }));
  return { throttleTimeMs: 0, topics };
}
