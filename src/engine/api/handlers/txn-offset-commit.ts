// TxnOffsetCommit v0-4: a transactional producer commits a consumer group's offsets inside its
// transaction (sendOffsetsToTransaction). The group coordinator appends them to the group's
// __consumer_offsets partition as a transactional batch of the producer and keeps them pending:
// the COMMIT marker there makes them the group's committed offsets, ABORT drops them. From v3 the
// group's generation, member id and instance id are checked (ILLEGAL_GENERATION,
// UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID); an older producer epoch is INVALID_PRODUCER_EPOCH.
// Answered once the partition's ISR has the records (acks=all), as an OffsetCommit.
import type { Engine } from '../../engine';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../../protocol/messages/txn-offset-commit';

export function handleTxnOffsetCommit(engine: Engine, req: TxnOffsetCommitRequest): TxnOffsetCommitResponse | Promise<TxnOffsetCommitResponse> {
  const topics = engine.coordinator.commitTxnOffsets({
    groupId: req.groupId,
    producerId: Number(req.producerId),
    producerEpoch: req.producerEpoch,
    generationId: req.generationIdOrMemberEpoch ?? -1,
    memberId: req.memberId ?? '',
    groupInstanceId: req.groupInstanceId ?? null,
    retentionTimeMs: -1,
    topics: req.topics.map((t) => ({
      name: t.name ?? '',
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex, committedOffset: Number(p.committedOffset),
        committedLeaderEpoch: p.committedLeaderEpoch ?? -1, committedMetadata: p.committedMetadata,
      })),
    })),
  });
  const mapped = topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: p.errorCode })),
  }));
  const wait = engine.coordinator.replicationWait();
  if (!wait) return { throttleTimeMs: 0, topics: mapped };
  return wait.then((code) => ({
    throttleTimeMs: 0,
    topics: code === 0 ? mapped : mapped.map((t) => ({ ...t, partitions: t.partitions.map((p) => (p.errorCode === 0 ? { ...p, errorCode: code } : p)) })),
  }));
}
