// Java's CooperativeStickyAssignor ("cooperative-sticky", KIP-429): the sticky assignment of
// AbstractStickyAssignor, minus the partitions another member still owns. Those are revoked by
// their owner first and handed out in the next rebalance, so a partition is never owned by two
// members at once. The member's user data is the generation of its last assignment (int32).
import { AbstractStickyAssignor, DEFAULT_GENERATION, removeFrom, type MemberData, type Partitions } from './abstract-sticky';
import type { MemberSubscription, TopicPartition } from './types';

export class CooperativeStickyAssignor extends AbstractStickyAssignor {
  readonly name = 'cooperative-sticky';
  readonly supportedProtocols = ['cooperative', 'eager'] as const;
  /** The generation of the last assignment this member received (sent as user data). */
  private generation = DEFAULT_GENERATION;

  subscriptionUserData(): Buffer {
    const b = Buffer.alloc(4);
    b.writeInt32BE(this.generation);
    return b;
  }

  onAssignment(generationId: number): void {
    this.generation = generationId;
  }

  protected memberData(s: MemberSubscription, tps: Partitions): MemberData {
    const partitions = s.ownedPartitions.map((p) => tps.get(p.topic, p.partition));
    if (s.hasGenerationId) return { partitions, generation: s.generationId };
    if (s.userData === null) return { partitions, generation: undefined };
    return { partitions, generation: s.userData.length >= 4 ? s.userData.readInt32BE(0) : DEFAULT_GENERATION };
  }

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]> {
    const { assignment, transferring } = this.stickyAssignment(partitionsPerTopic, members);
    for (const [tp, consumer] of transferring) removeFrom(assignment.get(consumer)!, tp);
    return assignment;
  }
}
