// Java's RangeAssignor ("range"): per topic, the members subscribed to it (sorted: static members
// by group.instance.id, then by member id) take consecutive ranges of partitions, the first
// `count % members` ones getting one extra.
//
// Order of the result, as Java's: topics follow the iteration order of the HashMap the leader
// builds from the topic names (AbstractPartitionAssignor), partitions ascending within a topic.
// Rack-aware placement (KIP-881) needs both member racks and partition replica racks; this
// client sends no rack and reads none, so that branch never applies here.
import { javaHashMapOrder } from '../../../util/java-hash';
import { compareMembers, type MemberSubscription, type PartitionAssignor, type TopicPartition } from './types';

export class RangeAssignor implements PartitionAssignor {
  readonly name = 'range';
  readonly supportedProtocols = ['eager'] as const;

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]> {
    const assignment = new Map<string, TopicPartition[]>();
    for (const m of members) assignment.set(m.memberId, []);
    for (const topic of javaHashMapOrder(partitionsPerTopic.keys())) {
      const count = partitionsPerTopic.get(topic)!;
      if (count <= 0) continue;
      const consumers = members.filter((m) => m.topics.includes(topic)).sort(compareMembers);
      if (consumers.length === 0) continue;
      const per = Math.floor(count / consumers.length);
      const extra = count % consumers.length;
      let next = 0;
      for (let i = 0; i < consumers.length && next < count; i++) {
        const n = per + (i < extra ? 1 : 0);
        const list = assignment.get(consumers[i].memberId)!;
        for (let k = 0; k < n && next < count; k++) list.push({ topic, partition: next++ });
      }
    }
    return assignment;
  }

  subscriptionUserData(): Buffer | null {
    return null;
  }

  onAssignment(): void {}
}
