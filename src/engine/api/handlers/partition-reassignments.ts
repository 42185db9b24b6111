// AlterPartitionReassignments and ListPartitionReassignments (v0), which a KRaft broker forwards
// to its active controller (routed by onController). The controller checks each target as Kafka
// checks a manual assignment and appends the partition change: adding replicas join the replica
// set (their brokers start following from scratch), the leader takes them into the ISR once
// they caught up, and that ISR expansion completes the move (the removed replicas leave, their
// brokers stop them). A null target cancels: back to the original replicas. A one-broker
// cluster answers the same way (its only possible target is itself, done at once).
import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import type {
  AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse, ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse,
} from '../../../protocol/messages/alter-partition-reassignments';

function alterOne(engine: Engine, topic: string, partition: number, replicas: number[] | null): { errorCode: number; errorMessage: string | null } {
  const controller = engine.controller;
  try {
    controller.write(() => {
      const rec = controller.replication.alterReassignment(topic, partition, replicas);
      return { records: rec ? [rec] : [], result: undefined };
    });
    return { errorCode: 0, errorMessage: null };
  } catch (e) {
    if (!(e instanceof KafkaError)) throw e;
    return { errorCode: e.code, errorMessage: e.message };
  }
}

export function handleAlterPartitionReassignments(engine: Engine, req: AlterPartitionReassignmentsRequest): AlterPartitionReassignmentsResponse {
  if (!engine.controller.isActive()) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_CONTROLLER, errorMessage: null, responses: [] };
  }
  return {
    throttleTimeMs: 0, errorCode: 0, errorMessage: null,
    responses: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, ...alterOne(engine, t.name, p.partitionIndex, p.replicas) })),
    })),
  };
}

export function handleListPartitionReassignments(engine: Engine, req: ListPartitionReassignmentsRequest): ListPartitionReassignmentsResponse {
  const controller = engine.controller;
  try {
    const topics = controller.write(() => ({ records: [], result: controller.replication.listReassignments(req.topics) }));
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, topics };
  } catch (e) {
    if (!(e instanceof KafkaError)) throw e;
    return { throttleTimeMs: 0, errorCode: e.code, errorMessage: null, topics: [] };
  }
}
