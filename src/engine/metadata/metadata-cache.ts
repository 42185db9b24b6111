// Cluster metadata as handlers see it (Kafka's KRaftMetadataCache): brokers, the controller,
// topics, partition leadership and ISR, answered from this broker's metadata image. Topics are
// looked up in the broker's local catalog, which the publisher keeps identical to the image.
import type { TopicStore, TopicRecord, PartitionRecord } from '../storage/topic-store';
import type { MetadataImage } from './image';

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
  /** Eligible leader replicas and the last known leader (KIP-966), as the controller recorded them. */
  elr: number[];
  lastKnownElr: number[];
  offline: number[];
}

export class ClusterMetadata {
  constructor(
    readonly localNodeId: number,
    private readonly localBroker: () => BrokerInfo,
    private readonly topics: TopicStore,
    private readonly image: MetadataImage,
    private readonly activeController: () => number,
  ) {}

  get clusterId(): string {
    return this.image.clusterId;
  }

  /**
   * The live registrations, derived again only when a broker registration changed: every
   * partition's view needs them (a Metadata reply for 1,000 partitions, each produce and fetch),
   * and rebuilding them per partition was most of what such a reply cost.
   */
  private live: { version: number; brokers: BrokerInfo[]; ids: ReadonlySet<number> } | null = null;

  private liveRegistered(): { brokers: BrokerInfo[]; ids: ReadonlySet<number> } {
    if (this.live?.version !== this.image.brokersVersion) {
      const brokers = [...this.image.brokers.values()].filter((b) => !b.fenced).sort((a, b) => a.id - b.id)
        .map((b) => ({ nodeId: b.id, host: b.endpoints[0]?.host ?? '', port: b.endpoints[0]?.port ?? -1, rack: b.rack }));
      this.live = { version: this.image.brokersVersion, brokers, ids: new Set(brokers.map((b) => b.nodeId)) };
    }
    return this.live;
  }

  /** Registered, unfenced brokers by id (this broker alone until it has registered). */
  brokers(): BrokerInfo[] {
    const { brokers } = this.liveRegistered();
    if (brokers.length === 0) return [this.localBroker()];
    return brokers.map((b) => ({ ...b }));
  }

  liveBrokerIds(): number[] {
    return this.brokers().map((b) => b.nodeId);
  }

  private liveIds(): ReadonlySet<number> {
    const { ids } = this.liveRegistered();
    return ids.size > 0 ? ids : new Set([this.localBroker().nodeId]);
  }

  /** Every registered broker id, fenced or not (what placement and the replication-factor check count). */
  registeredBrokerIds(): number[] {
    const ids = [...this.image.brokers.keys()].sort((a, b) => a - b);
    return ids.length > 0 ? ids : [this.localNodeId];
  }

  /** The active controller (the lease holder); a live broker when there is none for a moment. */
  controllerId(): number {
    const id = this.activeController();
    return id >= 0 ? id : this.localNodeId;
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
    const live = this.liveIds();
    const reg = this.image.topicsById.get(p.topicId)?.partitions[p.partition];
    if (!reg) {
      // Not in the image (yet): as a one-broker cluster answered before the metadata log.
      const isr = p.replicas.filter((r) => live.has(r));
      return { partition: p.partition, leader: isr[0] ?? -1, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr, elr: [], lastKnownElr: [], offline: p.replicas.filter((r) => !live.has(r)) };
    }
    return {
      partition: p.partition, leader: reg.leader, leaderEpoch: reg.leaderEpoch, replicas: reg.replicas, isr: reg.isr,
      elr: reg.elr, lastKnownElr: reg.lastKnownElr, offline: reg.replicas.filter((r) => !live.has(r)),
    };
  }

  /** Is this node the leader of the partition (so it may serve produce/fetch for it)? */
  isLocalLeader(p: PartitionRecord): boolean {
    return this.partitionView(p).leader === this.localNodeId;
  }
}
