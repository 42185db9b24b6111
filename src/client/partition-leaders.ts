// The shape shared by the per-partition calls that go to each partition's leader (ListOffsets,
// DeleteRecords): group the partitions by leader from a metadata answer, one request per leader
// with the partitions grouped by topic, and each partition of the answer matched back to what
// was asked. Retry and error policy stay with each call.
import type { TopicPartitions } from './cluster';

/** `topic:partition`, the key of every per-partition map in the client. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

export interface PartitionRef {
  topic: string;
  partition: number;
}

/** Items by the node leading their partition; those with no known leader are `leaderless`. */
export function groupByLeader<T extends PartitionRef>(items: readonly T[], leaders: ReadonlyMap<string, TopicPartitions>): { byLeader: Map<number, T[]>; leaderless: T[] } {
  const byLeader = new Map<number, T[]>();
  const leaderless: T[] = [];
  for (const item of items) {
    const p = leaders.get(item.topic)?.partitions.find((x) => x.partition === item.partition);
    if (!p || p.leader < 0) {
      leaderless.push(item);
      continue;
    }
    let list = byLeader.get(p.leader);
    if (!list) byLeader.set(p.leader, (list = []));
    list.push(item);
  }
  return { byLeader, leaderless };
}

/** Items by topic, in first-seen order (a request body's topics array). */
export function groupByTopic<T extends PartitionRef>(items: readonly T[]): Map<string, T[]> {
  const byTopic = new Map<string, T[]>();
  for (const item of items) {
    let list = byTopic.get(item.topic);
    if (!list) byTopic.set(item.topic, (list = []));
    list.push(item);
  }
  return byTopic;
}

/**
 * Visit each partition of a response that answers one of `asked` (the first answer per partition;
 * partitions nobody asked for are ignored). Returns the tpKeys answered.
 */
export function forEachAnswer<T extends PartitionRef, P extends { partitionIndex: number }>(
  asked: readonly T[],
  topics: readonly { name: string; partitions: readonly P[] }[],
  visit: (item: T, answer: P, key: string) => void,
): Set<string> {
  const answered = new Set<string>();
  // By key: a search of `asked` per answer was quadratic (a million comparisons for 1,000 partitions).
  const byKey = new Map<string, T>();
  for (const x of asked) {
    const key = tpKey(x.topic, x.partition);
    if (!byKey.has(key)) byKey.set(key, x);
  }
  for (const t of topics) {
    for (const p of t.partitions) {
      const key = tpKey(t.name, p.partitionIndex);
      const item = byKey.get(key);
      if (!item || answered.has(key)) continue;
      answered.add(key);
      visit(item, p, key);
    }
  }
  return answered;
}
