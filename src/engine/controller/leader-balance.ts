// Automatic preferred-leader election (Kafka's auto.leader.rebalance.enable, as the KRaft
// controller does it): after a broker comes back, the partitions it prefers to lead (it is their
// first replica) stay led by whoever took over, so leadership piles up on the brokers that never
// stopped. While some partition is led by another replica than its preferred one, the active
// controller checks every leader.imbalance.check.interval.seconds and elects the preferred
// replica of each such partition where that replica is alive and in the ISR (elsewhere nothing
// changes until the next check). Kafka 4 has no per-broker percentage threshold any more
// (leader.imbalance.per.broker.percentage went with ZooKeeper): any imbalance is corrected.
import type { MetadataImage } from '../metadata/image';
import type { MetadataRecord } from '../metadata/records';
import type { ReplicationControl } from './replication-control';
import { NO_LEADER } from './partition-change';

export interface LeaderBalanceSettings {
  /** auto.leader.rebalance.enable */
  enabled: boolean;
  /** leader.imbalance.check.interval.seconds, in ms */
  intervalMs: number;
}

/** Kafka's maxElectionsPerImbalance: a bounded batch per check. */
const MAX_ELECTIONS_PER_CHECK = 1000;

/** Partitions with a leader that is not their first replica (ReplicationControlManager's imbalancedPartitions). */
export function imbalancedPartitions(image: MetadataImage): { topic: string; partition: number }[] {
  const out: { topic: string; partition: number }[] = [];
  for (const t of image.topicsById.values()) {
    t.partitions.forEach((p, i) => {
      if (p.leader !== NO_LEADER && p.replicas.length > 0 && p.leader !== p.replicas[0]) out.push({ topic: t.name, partition: i });
    });
  }
  return out;
}

export class LeaderBalancer {
  /** When the next check is due (undefined: none scheduled). */
  private dueAt: number | undefined;

  constructor(private readonly image: MetadataImage, private readonly replication: ReplicationControl, private readonly settings: () => LeaderBalanceSettings) {}

  /** The controller changed hands: a new one schedules its own checks. */
  reset(): void {
    this.dueAt = undefined;
  }

  /**
   * Called on every tick of the active controller: schedule a check one interval after an
   * imbalance is first seen; when it is due, the records of the preferred elections (may be none).
   */
  maybeBalance(now: number): { records: MetadataRecord[]; elected: number; imbalanced: number } | undefined {
    const s = this.settings();
    if (!s.enabled) {
      this.dueAt = undefined;
      return undefined;
    }
    if (this.dueAt === undefined) {
      if (imbalancedPartitions(this.image).length > 0) this.dueAt = now + s.intervalMs;
      return undefined;
    }
    if (now < this.dueAt) return undefined;
    this.dueAt = undefined;
    const imbalanced = imbalancedPartitions(this.image);
    if (imbalanced.length === 0) return undefined;
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of imbalanced.slice(0, MAX_ELECTIONS_PER_CHECK)) {
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push(partition);
    }
    const { records, results } = this.replication.electLeaders('preferred', [...byTopic].map(([topic, partitions]) => ({ topic, partitions })));
    return { records, elected: results.filter((r) => r.errorCode === 0).length, imbalanced: imbalanced.length };
  }
}
