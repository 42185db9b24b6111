// OffsetCommit v0-7: offsets of members (generation and member id checked) or of admin clients
// (generation -1, empty member id, group Empty or new). v0 (no generation or member: the offsets
// Kafka 3.9 kept in ZooKeeper, refused in KRaft mode) is stored like an admin client's commit,
// where every version's OffsetFetch finds it; v1's per-partition commit timestamp is not kept.
// The answer waits until the __consumer_offsets partition's ISR has the commit (acks=all).
import type { Engine } from '../../engine';
import type { OffsetCommitRequest } from '../../../protocol/messages/offset-commit';

export function handleOffsetCommit(engine: Engine, req: OffsetCommitRequest): unknown {
  const topics = engine.coordinator.commitOffsets({
    groupId: req.groupId,
    generationId: req.generationIdOrMemberEpoch,
    memberId: req.memberId,
    groupInstanceId: req.groupInstanceId ?? null,
    retentionTimeMs: req.retentionTimeMs ?? -1,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex, committedOffset: p.committedOffset,
        committedLeaderEpoch: p.committedLeaderEpoch ?? -1, committedMetadata: p.committedMetadata,
      })),
    })),
  });
  const wait = engine.coordinator.replicationWait();
  if (!wait) return { throttleTimeMs: 0, topics };
  return wait.then((code) => ({
    throttleTimeMs: 0,
    topics: code === 0 ? topics : topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => (p.errorCode === 0 ? { ...p, errorCode: code } : p)) })),
  }));
}
