// partition.assignment.strategy: Java class names (as Kafka's ConsumerConfig takes them) to the
// assignors this client implements. Kafka 3.9's default is [RangeAssignor, CooperativeStickyAssignor].
import { CooperativeStickyAssignor } from './cooperative-sticky';
import { RangeAssignor } from './range';
import { RoundRobinAssignor } from './roundrobin';
import { StickyAssignor } from './sticky';
import type { PartitionAssignor, RebalanceProtocol } from './types';

export * from './types';
export { RangeAssignor, RoundRobinAssignor, CooperativeStickyAssignor, StickyAssignor };

const CLASSES: Record<string, () => PartitionAssignor> = {
  'org.apache.kafka.clients.consumer.RangeAssignor': () => new RangeAssignor(),
  'org.apache.kafka.clients.consumer.RoundRobinAssignor': () => new RoundRobinAssignor(),
  'org.apache.kafka.clients.consumer.CooperativeStickyAssignor': () => new CooperativeStickyAssignor(),
  'org.apache.kafka.clients.consumer.StickyAssignor': () => new StickyAssignor(),
};

/** A bad partition.assignment.strategy: the Java consumer fails to construct. */
export class AssignorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignorConfigError';
  }
}

export const DEFAULT_ASSIGNMENT_STRATEGY = ['org.apache.kafka.clients.consumer.RangeAssignor', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor'];

/**
 * ConsumerPartitionAssignor.getAssignorInstances: an unknown class fails the consumer's
 * construction (KafkaException `<class> ClassNotFoundException exception occurred`, reported by
 * the tools as `Failed to construct kafka consumer`).
 */
export function assignorsFor(classNames: readonly string[]): PartitionAssignor[] {
  const out: PartitionAssignor[] = [];
  const names = new Set<string>();
  for (const c of classNames) {
    const make = CLASSES[c];
    if (!make) throw new AssignorConfigError(`${c} ClassNotFoundException exception occurred`);
    const a = make();
    if (names.has(a.name)) throw new AssignorConfigError(`The assignor name: '${a.name}' is used in more than one assignor: ${c}, ${c}`);
    names.add(a.name);
    out.push(a);
  }
  if (out.length === 0) {
    throw new AssignorConfigError('Must specify at least one ConsumerPartitionAssignor');
  }
  return out;
}

/** The rebalance protocol: the highest one every configured assignor supports (ConsumerCoordinator). */
export function rebalanceProtocolOf(assignors: readonly PartitionAssignor[]): RebalanceProtocol {
  return assignors.every((a) => a.supportedProtocols.includes('cooperative')) ? 'cooperative' : 'eager';
}
