// The metadata image: the cluster as the metadata log describes it up to some offset (KRaft's
// MetadataImage), and the changes each record makes (its MetadataDelta). Every broker keeps one,
// built by replaying the log; the controller decides from the same image. Partition and broker
// registrations are replaced, never changed in place, so a change can carry before and after.
import type { BrokerEndpoint, MetadataLogEntry, MetadataRecord, PartitionChangeRecord, PartitionRecord } from './records';

export interface BrokerRegistration {
  id: number;
  epoch: number;
  incarnationId: string;
  endpoints: BrokerEndpoint[];
  rack: string | null;
  fenced: boolean;
  inControlledShutdown: boolean;
}

export interface PartitionRegistration {
  replicas: number[];
  isr: number[];
  removingReplicas: number[];
  addingReplicas: number[];
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  leaderRecoveryState: 0 | 1;
  elr: number[];
  lastKnownElr: number[];
}

export interface TopicImage {
  id: string;
  name: string;
  partitions: PartitionRegistration[];
}

export type MetadataChange =
  | { kind: 'broker'; id: number; before?: BrokerRegistration; after?: BrokerRegistration }
  | { kind: 'topic-created'; topic: TopicImage }
  | { kind: 'topic-deleted'; topic: TopicImage }
  | { kind: 'partition'; topic: TopicImage; partition: number; before?: PartitionRegistration; after: PartitionRegistration }
  | { kind: 'config'; resourceType: number; resourceName: string; name: string; value: string | null }
  | { kind: 'producer-ids'; nextProducerId: number }
  | { kind: 'feature'; name: string; level: number }
  | { kind: 'cluster-id'; clusterId: string };

export interface ScramCredential {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export interface ClientQuotaEntry {
  /** The entity's entries in the order its first quota gave them. */
  entity: [string, string | null][];
  /** Values in the order they were set. */
  values: Map<string, number>;
}

/** The key of a quota entity: its entries sorted by type. */
export function quotaEntityKey(entity: readonly (readonly [string, string | null])[]): string {
  return JSON.stringify([...entity].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const configKey = (resourceType: number, resourceName: string): string => `${resourceType}:${resourceName}`;

export function partitionFromRecord(r: PartitionRecord): PartitionRegistration {
  return {
    replicas: r.replicas, isr: r.isr, removingReplicas: r.removingReplicas, addingReplicas: r.addingReplicas,
    leader: r.leader, leaderEpoch: r.leaderEpoch, partitionEpoch: r.partitionEpoch,
    leaderRecoveryState: r.leaderRecoveryState, elr: r.eligibleLeaderReplicas, lastKnownElr: r.lastKnownElr,
  };
}

/**
 * A change applied to a registration: a record that names a leader (even the same one, which is
 * how a reassignment forces it) bumps the leader epoch; every change bumps the partition epoch
 * (PartitionRegistration.merge in Kafka).
 */
export function mergePartitionChange(p: PartitionRegistration, c: PartitionChangeRecord): PartitionRegistration {
  const leaderChanged = c.leader !== undefined;
  return {
    replicas: c.replicas ?? p.replicas,
    isr: c.isr ?? p.isr,
    removingReplicas: c.removingReplicas ?? p.removingReplicas,
    addingReplicas: c.addingReplicas ?? p.addingReplicas,
    leader: c.leader ?? p.leader,
    leaderEpoch: leaderChanged ? p.leaderEpoch + 1 : p.leaderEpoch,
    partitionEpoch: p.partitionEpoch + 1,
    leaderRecoveryState: c.leaderRecoveryState ?? p.leaderRecoveryState,
    elr: c.eligibleLeaderReplicas ?? p.elr,
    lastKnownElr: c.lastKnownElr ?? p.lastKnownElr,
  };
}

export class MetadataImage {
  /** The offset of the last record applied (0: none). */
  offset = 0;
  clusterId = '';
  readonly brokers = new Map<number, BrokerRegistration>();
  /** Bumped on every change to `brokers`: what answers derived from them are cached on. */
  brokersVersion = 0;
  readonly topicsById = new Map<string, TopicImage>();
  readonly topicsByName = new Map<string, TopicImage>();
  readonly configs = new Map<string, Map<string, string>>();
  readonly features = new Map<string, number>();
  nextProducerId = 0;
  /** Client quotas by entity key (quotaEntityKey), in the order entities got their first value. */
  readonly clientQuotas = new Map<string, ClientQuotaEntry>();
  /** SCRAM credentials: user -> mechanism -> credential. */
  readonly scram = new Map<string, Map<number, ScramCredential>>();

  /** Apply log entries in order; returns what changed. */
  apply(entries: readonly MetadataLogEntry[]): MetadataChange[] {
    const changes: MetadataChange[] = [];
    for (const e of entries) {
      if (e.offset <= this.offset) continue;
      this.applyRecord(e.record, changes);
      this.offset = e.offset;
    }
    return changes;
  }

  private applyRecord(r: MetadataRecord, out: MetadataChange[]): void {
    switch (r.type) {
      case 'ClusterId':
        this.clusterId = r.clusterId;
        out.push({ kind: 'cluster-id', clusterId: r.clusterId });
        return;
      case 'RegisterBroker': {
        const before = this.brokers.get(r.brokerId);
        const after: BrokerRegistration = {
          id: r.brokerId, epoch: r.brokerEpoch, incarnationId: r.incarnationId, endpoints: r.endpoints,
          rack: r.rack, fenced: r.fenced, inControlledShutdown: false,
        };
        this.brokers.set(r.brokerId, after);
        this.brokersVersion++;
        out.push({ kind: 'broker', id: r.brokerId, before, after });
        return;
      }
      case 'BrokerRegistrationChange': {
        const before = this.brokers.get(r.brokerId);
        if (!before || before.epoch !== r.brokerEpoch) return;
        const after: BrokerRegistration = {
          ...before,
          fenced: r.fenced === 1 ? true : r.fenced === -1 ? false : before.fenced,
          inControlledShutdown: r.inControlledShutdown === 1 ? true : r.fenced === -1 ? false : before.inControlledShutdown,
        };
        this.brokers.set(r.brokerId, after);
        this.brokersVersion++;
        out.push({ kind: 'broker', id: r.brokerId, before, after });
        return;
      }
      case 'UnregisterBroker': {
        const before = this.brokers.get(r.brokerId);
        if (!before || before.epoch !== r.brokerEpoch) return;
        this.brokers.delete(r.brokerId);
        this.brokersVersion++;
        out.push({ kind: 'broker', id: r.brokerId, before });
        return;
      }
      case 'Topic': {
        const topic: TopicImage = { id: r.topicId, name: r.name, partitions: [] };
        this.topicsById.set(r.topicId, topic);
        this.topicsByName.set(r.name, topic);
        out.push({ kind: 'topic-created', topic });
        return;
      }
      case 'Partition': {
        const topic = this.topicsById.get(r.topicId);
        if (!topic) return;
        const before = topic.partitions[r.partitionId];
        const after = partitionFromRecord(r);
        topic.partitions[r.partitionId] = after;
        out.push({ kind: 'partition', topic, partition: r.partitionId, before, after });
        return;
      }
      case 'PartitionChange': {
        const topic = this.topicsById.get(r.topicId);
        const before = topic?.partitions[r.partitionId];
        if (!topic || !before) return;
        const after = mergePartitionChange(before, r);
        topic.partitions[r.partitionId] = after;
        out.push({ kind: 'partition', topic, partition: r.partitionId, before, after });
        return;
      }
      case 'RemoveTopic': {
        const topic = this.topicsById.get(r.topicId);
        if (!topic) return;
        this.topicsById.delete(r.topicId);
        this.topicsByName.delete(topic.name);
        this.configs.delete(configKey(2, topic.name));
        out.push({ kind: 'topic-deleted', topic });
        return;
      }
      case 'Config': {
        const key = configKey(r.resourceType, r.resourceName);
        let m = this.configs.get(key);
        if (r.value === null) {
          m?.delete(r.name);
          if (m && m.size === 0) this.configs.delete(key);
        } else {
          if (!m) this.configs.set(key, (m = new Map()));
          m.set(r.name, r.value);
        }
        out.push({ kind: 'config', resourceType: r.resourceType, resourceName: r.resourceName, name: r.name, value: r.value });
        return;
      }
      case 'ProducerIds':
        this.nextProducerId = r.nextProducerId;
        out.push({ kind: 'producer-ids', nextProducerId: r.nextProducerId });
        return;
      case 'ClientQuota': {
        const key = quotaEntityKey(r.entity);
        let q = this.clientQuotas.get(key);
        if (r.value === null) {
          q?.values.delete(r.key);
          if (q && q.values.size === 0) this.clientQuotas.delete(key);
        } else {
          if (!q) this.clientQuotas.set(key, (q = { entity: r.entity, values: new Map() }));
          q.values.set(r.key, r.value);
        }
        return;
      }
      case 'UserScramCredential': {
        let m = this.scram.get(r.name);
        if (!m) this.scram.set(r.name, (m = new Map()));
        m.set(r.mechanism, {
          iterations: r.iterations, salt: Buffer.from(r.salt, 'base64'), storedKey: Buffer.from(r.storedKey, 'base64'), serverKey: Buffer.from(r.serverKey, 'base64'),
        });
        return;
      }
      case 'RemoveUserScramCredential': {
        const m = this.scram.get(r.name);
        m?.delete(r.mechanism);
        if (m && m.size === 0) this.scram.delete(r.name);
        return;
      }
      case 'FeatureLevel':
        this.features.set(r.name, r.featureLevel);
        out.push({ kind: 'feature', name: r.name, level: r.featureLevel });
        return;
    }
  }

  /** Brokers that are registered and not fenced. */
  liveBrokerIds(): number[] {
    return [...this.brokers.values()].filter((b) => !b.fenced).map((b) => b.id).sort((a, b) => a - b);
  }

  topicConfigs(name: string): ReadonlyMap<string, string> {
    return this.configs.get(configKey(2, name)) ?? EMPTY;
  }
}

const EMPTY: ReadonlyMap<string, string> = new Map();
