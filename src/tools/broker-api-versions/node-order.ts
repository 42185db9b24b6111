// The order kafka-broker-api-versions prints brokers in: a java.util.HashMap keyed by Node
// (Collectors.toMap). Node.hashCode in Kafka 4.4 folds host, id, port, rack and isFenced; checked
// against Kafka's tool on a 3-broker cluster (it printed ids 3, 2, 1 for ports 42189, 40745, 45963).
import type { BrokerNode } from '../../client/cluster';
import { javaHashMapOrderByHash, javaStringHashCode } from '../../util/java-hash';

export function nodeHashCode(n: BrokerNode, fenced = false): number {
  let r = (31 + javaStringHashCode(n.host)) | 0;
  r = (Math.imul(31, r) + n.nodeId) | 0;
  r = (Math.imul(31, r) + n.port) | 0;
  r = (Math.imul(31, r) + (n.rack === null ? 0 : javaStringHashCode(n.rack))) | 0;
  return (Math.imul(31, r) + (fenced ? 1231 : 1237)) | 0;
}

export function nodeOrder<T>(items: readonly T[], nodeOf: (item: T) => BrokerNode): T[] {
  return javaHashMapOrderByHash(items, (i) => nodeHashCode(nodeOf(i)));
}
