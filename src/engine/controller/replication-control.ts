// Topics, partitions, leaders and ISRs as the controller changes them (Kafka's
// ReplicationControlManager): every decision reads the metadata image and returns the records
// that carry it out; the controller appends them to the metadata log. Broker-side checks and
// texts that do not depend on the cluster's state (names, configs) stay with the callers.
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { mergePartitionChange, type MetadataImage, type PartitionRegistration, type TopicImage } from '../metadata/image';
import type { MetadataRecord, PartitionChangeRecord, PartitionRecord } from '../metadata/records';
import { ConfigResource } from '../metadata/records';
import { buildPartitionChange, type Election, NO_LEADER } from './partition-change';

export interface ReplicationPolicy {
  /** min.insync.replicas in effect for a topic. */
  minIsr(topic: string): number;
  /** unclean.leader.election.enable in effect for a topic. */
  uncleanElection(topic: string): boolean;
  /** Eligible leader replicas (KIP-966): on in Kafka 4's new clusters. */
  elrEnabled: boolean;
}

export interface PartitionResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorMessage: string | null;
}

export class ReplicationControl {
  constructor(private readonly image: MetadataImage, private readonly policy: ReplicationPolicy) {}

  /** May this broker lead: registered, unfenced and not shutting down (ClusterControlManager.isActive). */
  isActive(brokerId: number): boolean {
    const b = this.image.brokers.get(brokerId);
    return b !== undefined && !b.fenced && !b.inControlledShutdown;
  }

  // --- Topics ----------------------------------------------------------------------------------

  /** A new topic: its record, one partition record per replica list (leader: first live replica), its configs. */
  createTopicRecords(name: string, topicId: string, assignment: number[][], configs: ReadonlyMap<string, string>): MetadataRecord[] {
    const records: MetadataRecord[] = [{ type: 'Topic', name, topicId }];
    assignment.forEach((replicas, partitionId) => records.push(this.newPartition(topicId, partitionId, replicas)));
    for (const [k, v] of configs) records.push({ type: 'Config', resourceType: ConfigResource.TOPIC, resourceName: name, name: k, value: v });
    return records;
  }

  addPartitionRecords(topic: TopicImage, assignment: number[][]): MetadataRecord[] {
    return assignment.map((replicas, i) => this.newPartition(topic.id, topic.partitions.length + i, replicas));
  }

  private newPartition(topicId: string, partitionId: number, replicas: number[]): PartitionRecord {
    const live = replicas.filter((r) => this.isActive(r));
    return {
      type: 'Partition', topicId, partitionId, replicas, isr: live.length > 0 ? live : replicas,
      removingReplicas: [], addingReplicas: [], leader: live.length > 0 ? live[0] : NO_LEADER,
      leaderEpoch: 0, partitionEpoch: 0, leaderRecoveryState: 0, eligibleLeaderReplicas: [], lastKnownElr: [],
    };
  }

  deleteTopicRecords(topic: TopicImage): MetadataRecord[] {
    return [{ type: 'RemoveTopic', topicId: topic.id }];
  }

  // --- Leaders and ISRs --------------------------------------------------------------------------

  private change(topic: TopicImage, partitionId: number, p: PartitionRegistration, opts: {
    targetIsr?: number[]; election?: Election; acceptable?: (r: number) => boolean; uncleanShutdown?: number[];
    targetReplicas?: number[]; targetAdding?: number[]; targetRemoving?: number[]; targetLeaderRecoveryState?: 0 | 1;
  }): PartitionChangeRecord | undefined {
    return buildPartitionChange({
      topicId: topic.id, partitionId, current: p,
      isAcceptableLeader: opts.acceptable ?? ((r) => this.isActive(r)),
      minIsr: this.policy.minIsr(topic.name), elrEnabled: this.policy.elrEnabled,
      election: opts.election ?? (this.policy.uncleanElection(topic.name) ? 'unclean' : 'online'),
      targetIsr: opts.targetIsr, targetReplicas: opts.targetReplicas, targetAdding: opts.targetAdding,
      targetRemoving: opts.targetRemoving, targetLeaderRecoveryState: opts.targetLeaderRecoveryState,
      uncleanShutdownReplicas: opts.uncleanShutdown,
    });
  }

  /**
   * Kafka's generateLeaderAndIsrUpdates: for every partition that has `remove` in its ISR (or ELR),
   * take it out and elect again; `add` counts as an acceptable leader even before its unfencing
   * is applied; `unclean` marks a replica that shut down uncleanly.
   */
  private leaderAndIsrUpdates(opts: { remove?: number; add?: number; unclean?: number; which: (p: PartitionRegistration) => boolean }): PartitionChangeRecord[] {
    const acceptable = (r: number): boolean => r !== opts.remove && r !== opts.unclean && (r === opts.add || this.isActive(r));
    const out: PartitionChangeRecord[] = [];
    for (const topic of this.image.topicsById.values()) {
      topic.partitions.forEach((p, partitionId) => {
        if (!opts.which(p)) return;
        const drop = new Set([opts.remove, opts.unclean].filter((x): x is number => x !== undefined));
        const rec = this.change(topic, partitionId, p, {
          targetIsr: p.isr.filter((r) => !drop.has(r)), acceptable,
          uncleanShutdown: opts.unclean !== undefined ? [opts.unclean] : undefined,
        });
        if (rec) out.push(rec);
      });
    }
    return out;
  }

  /** A broker's session ended: out of every ISR, its leaderships moved, then it is fenced. */
  brokerFenced(brokerId: number): MetadataRecord[] {
    const b = this.image.brokers.get(brokerId);
    if (!b) return [];
    return [
      ...this.leaderAndIsrUpdates({ remove: brokerId, which: (p) => p.isr.includes(brokerId) }),
      { type: 'BrokerRegistrationChange', brokerId, brokerEpoch: b.epoch, fenced: 1, inControlledShutdown: 0 },
    ];
  }

  /** A broker caught up: unfenced, and it leads the leaderless partitions it can lead. */
  brokerUnfenced(brokerId: number, brokerEpoch: number): MetadataRecord[] {
    return [
      { type: 'BrokerRegistrationChange', brokerId, brokerEpoch, fenced: -1, inControlledShutdown: 0 },
      ...this.leaderAndIsrUpdates({ add: brokerId, which: (p) => p.leader === NO_LEADER }),
    ];
  }

  /** A broker asked to shut down: its leaderships move and it leaves every ISR first. */
  brokerInControlledShutdown(brokerId: number, brokerEpoch: number): MetadataRecord[] {
    const b = this.image.brokers.get(brokerId);
    const records: MetadataRecord[] = [];
    if (b && !b.inControlledShutdown) records.push({ type: 'BrokerRegistrationChange', brokerId, brokerEpoch, fenced: 0, inControlledShutdown: 1 });
    records.push(...this.leaderAndIsrUpdates({ remove: brokerId, which: (p) => p.isr.includes(brokerId) }));
    return records;
  }

  /** A broker registers again after it died: its replicas may be behind, so out of ISRs and ELRs. */
  brokerUncleanShutdown(brokerId: number): MetadataRecord[] {
    if (!this.policy.elrEnabled) return [];
    return this.leaderAndIsrUpdates({ unclean: brokerId, which: (p) => p.isr.includes(brokerId) || p.elr.includes(brokerId) });
  }

  /**
   * AlterPartition from a partition's leader: a new ISR (expand or shrink), checked against the
   * current leader and partition epochs (a stale leader is fenced) and the brokers' states.
   */
  alterPartition(brokerId: number, items: { topicId: string; partition: number; leaderEpoch: number; partitionEpoch: number; newIsr: number[]; leaderRecoveryState: 0 | 1 }[]): {
    records: MetadataRecord[]; results: { topicId: string; partition: number; errorCode: number; registration?: PartitionRegistration }[];
  } {
    const records: MetadataRecord[] = [];
    const results = items.map((it) => {
      const topic = this.image.topicsById.get(it.topicId);
      const p = topic?.partitions[it.partition];
      const fail = (errorCode: number) => ({ topicId: it.topicId, partition: it.partition, errorCode });
      if (!topic) return fail(ErrorCode.UNKNOWN_TOPIC_ID);
      if (!p) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (it.leaderEpoch > p.leaderEpoch || it.partitionEpoch > p.partitionEpoch) return fail(ErrorCode.NOT_CONTROLLER);
      if (it.leaderEpoch < p.leaderEpoch) return fail(ErrorCode.FENCED_LEADER_EPOCH);
      if (brokerId !== p.leader) return fail(ErrorCode.INVALID_REQUEST);
      if (it.partitionEpoch < p.partitionEpoch) return fail(ErrorCode.INVALID_UPDATE_VERSION);
      if (it.newIsr.length === 0 || !it.newIsr.every((r) => p.replicas.includes(r)) || new Set(it.newIsr).size !== it.newIsr.length) return fail(ErrorCode.INVALID_REQUEST);
      if (!it.newIsr.includes(p.leader)) return fail(ErrorCode.INVALID_REQUEST);
      if (it.leaderRecoveryState === 1 && it.newIsr.length > 1) return fail(ErrorCode.INVALID_REQUEST);
      if (p.leaderRecoveryState === 0 && it.leaderRecoveryState === 1) return fail(ErrorCode.INVALID_REQUEST);
      if (it.newIsr.some((r) => !this.isActive(r))) return fail(ErrorCode.INELIGIBLE_REPLICA);
      const rec = this.change(topic, it.partition, p, { targetIsr: it.newIsr, targetLeaderRecoveryState: it.leaderRecoveryState });
      let after = p;
      if (rec) {
        records.push(rec);
        after = mergePartitionChange(p, rec);
        // Completing a reassignment may move the leader away from the requester.
        if (rec.leader !== undefined && rec.leader !== brokerId) return fail(ErrorCode.NEW_LEADER_ELECTED);
      }
      return { topicId: it.topicId, partition: it.partition, errorCode: 0, registration: after };
    });
    return { records, results };
  }

  /** ElectLeaders: preferred or unclean elections for the given partitions (or all, for null). */
  electLeaders(type: 'preferred' | 'unclean', partitions: { topic: string; partitions: number[] }[] | null): { records: MetadataRecord[]; results: PartitionResult[] } {
    const records: MetadataRecord[] = [];
    const results: PartitionResult[] = [];
    const one = (topicName: string, partitionId: number, all: boolean): void => {
      const topic = this.image.topicsByName.get(topicName);
      const p = topic?.partitions[partitionId];
      const push = (errorCode: number, errorMessage: string | null = null): void => { results.push({ topic: topicName, partition: partitionId, errorCode, errorMessage }); };
      if (!topic) return push(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such topic as ${topicName}`);
      if (!p) return push(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such partition as ${topicName}-${partitionId}`);
      const hasPreferred = p.leader === p.replicas[0];
      if ((type === 'preferred' && hasPreferred) || (type === 'unclean' && p.leader !== NO_LEADER)) {
        if (!all) push(ErrorCode.ELECTION_NOT_NEEDED);
        return;
      }
      const rec = this.change(topic, partitionId, p, { election: type });
      if (!rec) return push(type === 'preferred' ? ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE : ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE);
      records.push(rec);
      push(0);
    };
    if (partitions === null) {
      for (const topic of this.image.topicsByName.values()) topic.partitions.forEach((_, i) => one(topic.name, i, true));
    } else {
      for (const t of partitions) for (const i of t.partitions) one(t.topic, i, false);
    }
    return { records, results };
  }

  /**
   * A reassignment (AlterPartitionReassignments): the new replicas are added first (adding),
   * the ones that go are removed once the new ones are in sync (the partition change completes
   * it when an ISR expansion brings the last adding replica in); null target cancels, back to
   * the original replicas. Kafka's checks and texts (validateManualPartitionAssignment walks the
   * target in broker id order).
   */
  alterReassignment(topicName: string, partitionId: number, target: number[] | null): PartitionChangeRecord | undefined {
    const topic = this.image.topicsByName.get(topicName);
    if (!topic) throw KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Unable to find a topic named ${topicName}.`);
    const p = topic.partitions[partitionId];
    if (!p) throw KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Unable to find partition ${topicName}:${partitionId}.`);
    if (target === null) {
      if (p.addingReplicas.length === 0 && p.removingReplicas.length === 0) {
        throw KafkaError.from(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
      }
      // Cancel: back to the original replicas (current minus adding), ISR without the adding ones.
      const adding = new Set(p.addingReplicas);
      const original = p.replicas.filter((r) => !adding.has(r));
      const isr = p.isr.filter((r) => !adding.has(r));
      if (isr.length === 0 && !this.policy.uncleanElection(topicName)) {
        throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Unable to revert partition assignment for ${topicName}:${partitionId} because it would require an unclean leader election.`);
      }
      return this.change(topic, partitionId, p, {
        targetReplicas: original, targetIsr: isr.length > 0 ? isr : original, targetAdding: [], targetRemoving: [],
        election: isr.length > 0 ? 'online' : 'unclean',
      });
    }
    if (target.length === 0) throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'The manual partition assignment includes an empty replica list.');
    let prev: number | undefined;
    for (const r of [...target].sort((a, b) => a - b)) {
      if (!this.image.brokers.has(r)) throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes broker ${r}, but no such broker is registered.`);
      if (r === prev) throw KafkaError.from(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes the broker ${r} more than once.`);
      prev = r;
    }
    const current = p.addingReplicas.length > 0 ? p.replicas.filter((r) => !p.addingReplicas.includes(r)) : p.replicas;
    const adding = target.filter((r) => !current.includes(r));
    const removing = current.filter((r) => !target.includes(r));
    // Replicas: the target first (its order is the new preference), then those being removed.
    const replicas = [...target, ...removing];
    return this.change(topic, partitionId, p, {
      targetReplicas: replicas, targetAdding: adding, targetRemoving: removing,
      // A target that adds no replica needs nothing to catch up: it completes at once.
      targetIsr: p.isr,
    });
  }

  /** ListPartitionReassignments: the partitions being reassigned (of those asked, or all for null). */
  listReassignments(wanted: { name: string; partitionIndexes: number[] }[] | null): { name: string; partitions: { partitionIndex: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[] }[] }[] {
    const ongoing = (p: PartitionRegistration | undefined): boolean => p !== undefined && (p.addingReplicas.length > 0 || p.removingReplicas.length > 0);
    const one = (topic: TopicImage, indexes: number[]) => ({
      name: topic.name,
      partitions: indexes.filter((i) => ongoing(topic.partitions[i])).map((i) => {
        const p = topic.partitions[i];
        return { partitionIndex: i, replicas: p.replicas, addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas };
      }),
    });
    const topics = wanted === null
      ? [...this.image.topicsByName.values()].map((t) => one(t, t.partitions.map((_, i) => i)))
      : wanted.flatMap((w) => { const t = this.image.topicsByName.get(w.name); return t ? [one(t, w.partitionIndexes)] : []; });
    return topics.filter((t) => t.partitions.length > 0);
  }
}
