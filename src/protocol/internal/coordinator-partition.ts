// Which partition of a coordinator's internal topic (__consumer_offsets for a group,
// __transaction_state for a transactional id) holds a key: Utils.abs(key.hashCode) % partitions, as
// Kafka. Utils.abs is Math.abs with MIN_VALUE mapped to 0, not a sign-bit mask: for a negative hash
// the two pick different partitions ("my-app": 0, not 48), and with several brokers the partition
// decides which broker is the coordinator.
import { javaStringHashCode } from '../../util/java-hash';

export function coordinatorPartitionFor(key: string, partitions: number): number {
  const h = javaStringHashCode(key);
  return (h === -0x80000000 ? 0 : Math.abs(h)) % partitions;
}
