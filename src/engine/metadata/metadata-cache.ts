// Cluster metadata as handlers see it: brokers, topics, partition leadership and ISR. Handlers
// ask this interface, never "this process is the only broker", so a multi-broker cluster can
// later replace it with a shared metadata store.
import type { TopicStore, TopicRecord, PartitionRecord } from '../storage/topic-store';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface PartitionView {
  partition: number;
  leader: number; // -1 when none
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offline: number[];
}

export class ClusterMetadata {
  constructor(
    readonly clusterId: string,
    readonly localNodeId: number,
    private readonly localBroker: () => BrokerInfo,
    private readonly topics: TopicStore,
  ) {}

  brokers(): BrokerInfo[] {
    return [this.localBroker()];
  }

  liveBrokerIds(): number[] {
    return this.brokers().map((b) => b.nodeId);
  }

  /** The controller id clients are told: KRaft brokers report a live broker. */
  controllerId(): number {
    return this.localNodeId;
  }

  topic(name: string): TopicRecord | undefined {
    return this.topics.get(name);
  }

  topicById(id: string): TopicRecord | undefined {
    return this.topics.getById(id);
  }

  allTopics(): TopicRecord[] {
    return this.topics.all();
  }

  partitionView(p: PartitionRecord): PartitionView {
    const live = new Set(this.liveBrokerIds());
    const isr = p.replicas.filter((r) => live.has(r));
    const leader = isr.length > 0 ? isr[0] : -1;
    return {
      partition: p.partition, leader, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr,
      offline: p.replicas.filter((r) => !live.has(r)),
    };
  }

  /** Is this node the leader of the partition (so it may serve produce/fetch for it)? */
  isLocalLeader(p: PartitionRecord): boolean {
    return this.partitionView(p).leader === this.localNodeId;
  }
}
