// How a partition leader proposes an ISR change (Kafka's AlterPartitionManager): items shaped as
// the AlterPartition request, answered per partition by whoever decides (the controller). The
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

/**
 * A one-broker cluster is its own controller: every proposal is accepted as it is (the partition
 * epoch bumped, as the controller would). Cluster mode injects a sender that asks the controller.
 */
export const localAlterPartitionSender: AlterPartitionSender = {
  async send(brokerId, items) {
    return items.map((it) => ({
      topicId: it.topicId, partition: it.partition, errorCode: 0,
      registration: {
        replicas: [brokerId], isr: it.newIsr, removingReplicas: [], addingReplicas: [], leader: brokerId,
        leaderEpoch: it.leaderEpoch, partitionEpoch: it.partitionEpoch + 1, leaderRecoveryState: it.leaderRecoveryState,
        elr: [], lastKnownElr: [],
      },
    }));
  },
};
