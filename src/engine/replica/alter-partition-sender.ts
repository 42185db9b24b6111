// How a partition leader proposes an ISR change (Kafka's AlterPartitionManager): items shaped as
// the AlterPartition request, answered per partition by whoever decides (the controller: see
// controller-alter-partition-sender.ts; tests may inject their own). The
// replica manager never changes an ISR by itself; it applies what comes back (and, later, the
// same change again as a metadata delta, which is then a no-op).
import type { PartitionRegistration } from '../metadata/image';

export interface AlterPartitionItem {
  topicId: string;
  topicName: string;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
  leaderRecoveryState: 0 | 1;
}

export interface AlterPartitionResult {
  topicId: string;
  partition: number;
  errorCode: number;
  /** The partition after the change (errorCode 0). */
  registration?: PartitionRegistration;
}

export interface AlterPartitionSender {
  send(brokerId: number, items: AlterPartitionItem[]): Promise<AlterPartitionResult[]>;
}
