// TxnOffsetCommit v0-4: a transactional producer commits a consumer group's offsets inside its
// transaction (sendOffsetsToTransaction). The group coordinator appends them to the group's
// __consumer_offsets partition as a transactional batch of the producer and keeps them pending:
// the COMMIT marker there makes them the group's committed offsets, ABORT drops them. From v3 the
// group's generation, member id and instance id are checked (ILLEGAL_GENERATION,
// UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID); an older producer epoch is INVALID_PRODUCER_EPOCH.
// Answered once the partition's ISR has the records (acks=all), as an OffsetCommit.
// v5 is transactions v2: it also does AddOffsetsToTxn's work, adding the group's partition to the
// transaction (at the coordinator, as a leader's first transactional batch does) unless the
// producer's transaction is already open there. The coordinator is asked once, as Kafka's group
// coordinator does: CONCURRENT_TRANSACTIONS goes back to the producer, which retries the commit.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../../protocol/messages/txn-offset-commit';
import { ErrorCode } from '../../../protocol/errors';
import { OFFSETS_TOPIC } from '../../coordinator/offsets-records';
import { partitionKey } from '../../coordinator/txn/transaction-metadata';
import { addPartitionsToTxn } from '../../replica/add-partitions-to-txn-manager';

const FIRST_TV2_VERSION = 5;

export function handleTxnOffsetCommit(engine: Engine, req: TxnOffsetCommitRequest, ctx: RequestContext): TxnOffsetCommitResponse | Promise<TxnOffsetCommitResponse> {
  if (ctx.version < FIRST_TV2_VERSION) return commit(engine, req);
  const offsets = engine.coordinator.offsetsTopic;
  const topic = offsets.ensure();
  const failAll = (errorCode: number): TxnOffsetCommitResponse => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name ?? '', partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  });
  if (!topic) return failAll(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const index = offsets.partitionFor(req.groupId);
  const part = engine.replicaManager.getPartition(OFFSETS_TOPIC, index);
  const producerId = Number(req.producerId);
  const open = part?.log.txns.openTxns().get(producerId);
  if (open && open.producerEpoch === req.producerEpoch) return commit(engine, req);
  const producer = { transactionalId: req.transactionalId, producerId, producerEpoch: req.producerEpoch };
  return addPartitionsToTxn(engine, producer, [partitionKey(OFFSETS_TOPIC, index)])
    .then((codes) => {
      const code = [...codes.values()][0] ?? ErrorCode.NONE;
      return code === ErrorCode.NONE ? commit(engine, req) : failAll(code);
    });
}

function commit(engine: Engine, req: TxnOffsetCommitRequest): TxnOffsetCommitResponse | Promise<TxnOffsetCommitResponse> {
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
