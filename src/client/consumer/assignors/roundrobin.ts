// Java's RoundRobinAssignor ("roundrobin"): all partitions of all subscribed topics, topics in
// name order, dealt one by one to the members in MemberInfo order (static members by instance
// id, then member id), skipping members not subscribed to the partition's topic.
import { compareMembers, type MemberSubscription, type PartitionAssignor, type TopicPartition } from './types';

export class RoundRobinAssignor implements PartitionAssignor {
  readonly name = 'roundrobin';
  readonly supportedProtocols = ['eager'] as const;

  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartition[]> {
    const assignment = new Map<string, TopicPartition[]>();
    for (const m of members) assignment.set(m.memberId, []);
    const sorted = [...members].sort(compareMembers);
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
    let at = 0;
    for (const topic of topics) {
      const count = partitionsPerTopic.get(topic);
      if (count === undefined) continue;
      for (let p = 0; p < count; p++) {
        // CircularIterator: skip members that do not subscribe to this topic (one always does).
        while (!sorted[at % sorted.length].topics.includes(topic)) at++;
        assignment.get(sorted[at % sorted.length].memberId)!.push({ topic, partition: p });
        at++;
      }
    }
    return assignment;
  }

  subscriptionUserData(): Buffer | null {
    return null;
  }

  onAssignment(): void {}
}
