// What kafka-topics --describe (Kafka 4.4's TopicService.describeTopic) learns from
// ListPartitionReassignments: the reassignments in progress among the described partitions,
// which add `Adding Replicas` / `Removing Replicas` to a partition line and change the
// replication factor the topic line and --under-replicated-partitions use.
// (2.8's --zookeeper service asked ZooKeeper for no reassignment: that era never calls this.)
import { JavaException } from '../../cli/errors';
import type { PartitionInfo } from '../../client/admin';
import type { PartitionReassignment, ReplicaAdmin } from '../../client/replica-admin';
import { ErrorCode, KafkaError } from '../../protocol/errors';

/** By topic, then partition. Empty when nothing is being reassigned (the usual case). */
export type Reassignments = ReadonlyMap<string, ReadonlyMap<number, PartitionReassignment>>;

/**
 * TopicService.listAllReassignments: one ListPartitionReassignments for the partitions given (by topic)
 * (sent even when there are none, as Kafka sends it). A cluster that does not know the request
 * or refuses it (UnsupportedVersion, ClusterAuthorization) means no reassignments; any other
 * failure is Kafka's `new RuntimeException(executionException)`.
 */
export async function listReassignments(replicas: ReplicaAdmin, partitions: ReadonlyMap<string, readonly number[]>): Promise<Reassignments> {
  let found: PartitionReassignment[];
  try {
    found = await replicas.listPartitionReassignmentsByTopic(partitions);
  } catch (e) {
    if (e instanceof KafkaError) {
      if (e.code === ErrorCode.UNSUPPORTED_VERSION || e.code === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return new Map();
      throw new JavaException('java.lang.RuntimeException', `java.util.concurrent.ExecutionException: ${e.javaString()}`);
    }
    throw e;
  }
  const out = new Map<string, Map<number, PartitionReassignment>>();
  for (const r of found) {
    let byPartition = out.get(r.topic);
    if (byPartition === undefined) out.set(r.topic, byPartition = new Map());
    byPartition.set(r.partition, r);
  }
  return out;
}

/**
 * TopicCommand.getReplicationFactor: while a reassignment is in progress (one of the partition's
 * replicas is still being added or removed) the target's size, replicas minus those being added;
 * otherwise (none, or one that completed between the two requests) the partition's replicas.
 */
export function replicationFactor(p: PartitionInfo, ra: PartitionReassignment | undefined): number {
  if (ra !== undefined && p.replicas.some((r) => ra.addingReplicas.includes(r) || ra.removingReplicas.includes(r))) {
    return ra.replicas.length - ra.addingReplicas.length;
  }
  return p.replicas.length;
}

/** What a partition line carries after `Isr: ...` for a partition being reassigned. */
export function reassignmentText(ra: PartitionReassignment): string {
  return `\tAdding Replicas: ${ra.addingReplicas.join(',')}\tRemoving Replicas: ${ra.removingReplicas.join(',')}`;
}
