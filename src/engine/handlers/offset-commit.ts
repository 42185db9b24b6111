// OffsetCommit v2-7: offsets of members (generation and member id checked) or of admin clients
// (generation -1, empty member id, group Empty or new).
import type { Engine } from '../engine';
import type { OffsetCommitRequest } from '../../protocol/messages/offset-commit';

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
  return { throttleTimeMs: 0, topics };
}
