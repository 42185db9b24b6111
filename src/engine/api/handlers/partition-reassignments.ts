// AlterPartitionReassignments and ListPartitionReassignments (v0), which a KRaft broker forwards
// to its controller; answered as the controller of a one-broker cluster: the only possible target
// is this broker, already the only replica, so a valid reassignment completes at once and none is
// ever in progress (cancelling gets NO_REASSIGNMENT_IN_PROGRESS). Targets are checked as the
// controller checks a manual assignment, with its texts.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import type {
  AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse, ListPartitionReassignmentsResponse,
} from '../../../protocol/messages/alter-partition-reassignments';

function check(engine: Engine, topicName: string, partition: number, replicas: number[] | null): { errorCode: number; errorMessage: string | null } {
  const md = engine.metadata;
  const topic = md.topic(topicName);
  if (!topic || !topic.partitions[partition]) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'This server does not host this topic-partition.' };
  if (replicas === null) return { errorCode: ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, errorMessage: 'No partition reassignment is in progress.' };
  if (replicas.length === 0) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'The manual partition assignment includes an empty replica list.' };
  const live = new Set(md.liveBrokerIds());
  const seen = new Set<number>();
  for (const id of replicas) {
    if (seen.has(id)) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `The manual partition assignment includes the broker ${id} more than once.` };
    seen.add(id);
    if (!live.has(id)) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `The manual partition assignment includes broker ${id}, but no such broker is registered.` };
  }
  return { errorCode: 0, errorMessage: null };
}

export function handleAlterPartitionReassignments(engine: Engine, req: AlterPartitionReassignmentsRequest): AlterPartitionReassignmentsResponse {
  return {
    throttleTimeMs: 0, errorCode: 0, errorMessage: null,
    responses: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, ...check(engine, t.name, p.partitionIndex, p.replicas) })),
    })),
  };
}

export function handleListPartitionReassignments(): ListPartitionReassignmentsResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, topics: [] };
}
