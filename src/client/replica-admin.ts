// Admin calls about replicas, shaped like the Java AdminClient's: describeLogDirs (sent to each
// broker named), electLeaders, alterPartitionReassignments and listPartitionReassignments (sent to
// any broker: a KRaft broker forwards them to the controller), each broker's ApiVersions and
// describeMetadataQuorum (to a broker, which forwards it, or straight to a controller).
import type { Admin } from './admin';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import type { BrokerNode } from './cluster';
import { BrokerConnection } from './connection';
import type { DescribeQuorumResponse, QuorumReplicaState } from '../protocol/messages';

export interface ReplicaInfo {
  topic: string;
  partition: number;
  size: number;
  offsetLag: number;
  isFuture: boolean;
}

export interface LogDirDescription {
  path: string;
  error: KafkaError | null;
  /** In the broker's order. */
  replicas: ReplicaInfo[];
  totalBytes: number;
  usableBytes: number;
}

/** ElectionType as the Java enum: 0 PREFERRED, 1 UNCLEAN. */
export const ElectionType = { PREFERRED: 0, UNCLEAN: 1 } as const;

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface PartitionReassignment extends TopicPartitionRef {
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

export interface QuorumInfo {
  leaderId: number;
  leaderEpoch: number;
  highWatermark: number;
  voters: QuorumReplicaState[];
  observers: QuorumReplicaState[];
  /** Voter endpoints (DescribeQuorum v2): node id -> listener name, host and port. */
  nodes: Map<number, { name: string; host: string; port: number }[]>;
}

const err = (code: number, message: string | null | undefined): KafkaError | null =>
  (code === 0 ? null : KafkaError.from(code, message ?? undefined));

export class ReplicaAdmin {
  constructor(private readonly admin: Admin, private readonly apiTimeoutMs = 60000) {}

  private deadline(): number {
    return Date.now() + this.apiTimeoutMs;
  }

  private async send<T>(apiKey: number, body: unknown, callName: string, javaApiName: string): Promise<T> {
    await this.admin.requireApi(apiKey, javaApiName, callName);
    const conn = await this.admin.cluster.anyConnection(this.deadline(), callName);
    return conn.send<T>(apiKey, body);
  }

  /** The cluster's brokers (describeCluster's nodes), by id. */
  async brokers(): Promise<BrokerNode[]> {
    await this.admin.cluster.metadata([], this.deadline(), 'describeCluster');
    return [...this.admin.cluster.brokers.values()];
  }

  /** DescribeLogDirs of every partition, sent to each broker; per broker its log dirs or its error. */
  async describeLogDirs(brokerIds: readonly number[]): Promise<Map<number, LogDirDescription[] | KafkaError>> {
    const deadline = this.deadline();
    await this.admin.cluster.metadata([], deadline, 'describeLogDirs');
    const out = new Map<number, LogDirDescription[] | KafkaError>();
    await Promise.all(brokerIds.map(async (id) => {
      try {
        if (!this.admin.cluster.brokers.has(id)) throw new TimeoutError('Timed out waiting for a node assignment. Call: describeLogDirs');
        const conn = await this.admin.cluster.connectionTo(id);
        if (!conn.supports(ApiKey.DescribeLogDirs)) throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION, 'The node does not support DESCRIBE_LOG_DIRS');
        const resp: any = await conn.send(ApiKey.DescribeLogDirs, { topics: null });
        if (resp.errorCode) throw KafkaError.from(resp.errorCode);
        out.set(id, resp.results.map((r: any) => ({
          path: r.logDir,
          error: err(r.errorCode, null),
          replicas: r.topics.flatMap((t: any) => t.partitions.map((p: any) => ({
            topic: t.name, partition: p.partitionIndex, size: Number(p.partitionSize), offsetLag: Number(p.offsetLag), isFuture: p.isFutureKey,
          }))),
          totalBytes: Number(r.totalBytes ?? -1),
          usableBytes: Number(r.usableBytes ?? -1),
        })));
      } catch (e) {
        out.set(id, e instanceof KafkaError ? e : KafkaError.from(ErrorCode.UNKNOWN_SERVER_ERROR, (e as Error).message));
      }
    }));
    return out;
  }

  /**
   * ElectLeaders; `partitions` null means every partition (the controller then leaves out those
   * whose election was not needed). Per partition: null on success, else its error.
   */
  async electLeaders(electionType: number, partitions: readonly TopicPartitionRef[] | null): Promise<{ topic: string; partition: number; error: KafkaError | null }[]> {
    const byTopic = new Map<string, number[]>();
    for (const p of partitions ?? []) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
    const resp: any = await this.send(ApiKey.ElectLeaders, {
      electionType,
      topicPartitions: partitions === null ? null : [...byTopic].map(([topic, ps]) => ({ topic, partitions: ps })),
      timeoutMs: this.apiTimeoutMs,
    }, 'electLeaders', 'ELECT_LEADERS');
    if (resp.errorCode) throw KafkaError.from(resp.errorCode);
    return resp.replicaElectionResults.flatMap((t: any) => t.partitionResult.map((r: any) => ({
      topic: t.topic, partition: r.partitionId, error: err(r.errorCode, r.errorMessage),
    })));
  }

  /** AlterPartitionReassignments; replicas null cancels. Per partition: null or its error. */
  async alterPartitionReassignments(moves: readonly { topic: string; partition: number; replicas: number[] | null }[]): Promise<Map<string, KafkaError | null>> {
    const byTopic = new Map<string, { partitionIndex: number; replicas: number[] | null }[]>();
    for (const m of moves) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { partitionIndex: m.partition, replicas: m.replicas }]);
    const resp: any = await this.send(ApiKey.AlterPartitionReassignments, {
      timeoutMs: this.apiTimeoutMs,
      topics: [...byTopic].map(([name, ps]) => ({ name, partitions: ps })),
    }, 'alterPartitionReassignments', 'ALTER_PARTITION_REASSIGNMENTS');
    const out = new Map<string, KafkaError | null>();
    const top = err(resp.errorCode, resp.errorMessage);
    for (const t of resp.responses) {
      for (const p of t.partitions) out.set(`${t.name}-${p.partitionIndex}`, top ?? err(p.errorCode, p.errorMessage));
    }
    if (top && out.size === 0) throw top;
    return out;
  }

  /** ListPartitionReassignments (null: all). */
  async listPartitionReassignments(partitions: readonly TopicPartitionRef[] | null): Promise<PartitionReassignment[]> {
    if (partitions === null) return this.listPartitionReassignmentsByTopic(null);
    const byTopic = new Map<string, number[]>();
    for (const p of partitions) {
      const indexes = byTopic.get(p.topic);
      if (indexes === undefined) byTopic.set(p.topic, [p.partition]);
      else indexes.push(p.partition);
    }
    return this.listPartitionReassignmentsByTopic(byTopic);
  }

  /** ListPartitionReassignments of partition numbers by topic (null: all), as the request groups them. */
  async listPartitionReassignmentsByTopic(topics: ReadonlyMap<string, readonly number[]> | null): Promise<PartitionReassignment[]> {
    const resp: any = await this.send(ApiKey.ListPartitionReassignments, {
      timeoutMs: this.apiTimeoutMs,
      topics: topics === null ? null : [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
    }, 'listPartitionReassignments', 'LIST_PARTITION_REASSIGNMENTS');
    if (resp.errorCode) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
    return resp.topics.flatMap((t: any) => t.partitions.map((p: any) => ({
      topic: t.name, partition: p.partitionIndex, replicas: p.replicas, addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas,
    })));
  }

  /** Each broker's ApiVersions answer (a connection of its own per broker), by broker. */
  async brokerApiVersions(): Promise<{ node: BrokerNode; versions: ReadonlyMap<number, { min: number; max: number }> | KafkaError }[]> {
    const nodes = await this.brokers();
    return Promise.all(nodes.map(async (node) => {
      try {
        const conn = await this.admin.cluster.connectionTo(node.nodeId);
        return { node, versions: conn.apiVersions };
      } catch (e) {
        return { node, versions: e instanceof KafkaError ? e : KafkaError.from(ErrorCode.NETWORK_EXCEPTION, (e as Error).message) };
      }
    }));
  }

  /** DescribeQuorum of the metadata log (__cluster_metadata-0). */
  async describeMetadataQuorum(): Promise<QuorumInfo> {
    const resp = await this.send<DescribeQuorumResponse>(ApiKey.DescribeQuorum, {
      topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }],
    }, 'describeMetadataQuorum', 'DESCRIBE_QUORUM');
    return quorumInfo(resp);
  }
}

/**
 * DescribeQuorum straight to a controller (--bootstrap-controller), as the Java admin does there,
 * with the cluster id from the controller's DescribeCluster (endpoint type CONTROLLER).
 */
export async function describeQuorumAt(host: string, port: number, clientId: string, timeoutMs: number): Promise<{ quorum: QuorumInfo; clusterId: string | null }> {
  const conn = new BrokerConnection(host, port, clientId);
  try {
    await conn.connect(timeoutMs);
    const resp = await conn.send<DescribeQuorumResponse>(ApiKey.DescribeQuorum, {
      topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }],
    });
    let clusterId: string | null = null;
    if ((conn.versionFor(ApiKey.DescribeCluster) ?? 0) >= 1) {
      const cluster: any = await conn.send(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false, endpointType: 2, includeFencedBrokers: false });
      if (cluster.errorCode === 0) clusterId = cluster.clusterId;
    }
    return { quorum: quorumInfo(resp), clusterId };
  } finally {
    conn.close();
  }
}

function quorumInfo(resp: DescribeQuorumResponse): QuorumInfo {
  if (resp.errorCode) throw KafkaError.from(resp.errorCode, resp.errorMessage ?? undefined);
  const p = resp.topics[0]?.partitions[0];
  if (!p) throw KafkaError.from(ErrorCode.UNKNOWN_SERVER_ERROR, 'The response from the server contains no partition of the metadata topic');
  if (p.errorCode) throw KafkaError.from(p.errorCode, p.errorMessage ?? undefined);
  return {
    leaderId: p.leaderId, leaderEpoch: p.leaderEpoch, highWatermark: Number(p.highWatermark),
    voters: p.currentVoters, observers: p.observers,
    nodes: new Map((resp.nodes ?? []).map((n) => [n.nodeId, n.listeners])),
  };
}
