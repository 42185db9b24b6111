// The AlterPartitionSender of a cluster member: a leader's ISR proposal goes to the active
// controller as an AlterPartition v3 request (in-process when this broker's controller is the
// active one, else over the Kafka protocol through the forwarder), and the answer comes back as
// the partition's new registration.
import type { Engine } from '../engine';
import type { AlterPartitionRequest } from '../../protocol/messages/alter-partition';
import { ErrorCode } from '../../protocol/errors';
import type { AlterPartitionSender, AlterPartitionResult } from './alter-partition-sender';

export function controllerAlterPartitionSender(engine: Engine): AlterPartitionSender {
  return {
    async send(brokerId, items) {
      // Never inside the caller's stack: the proposal is made while a fetch is being served (and
      // an in-process controller applies its records to this broker's replica manager at once).
      await new Promise((resolve) => setImmediate(resolve));
      const image = engine.loader.image;
      const byTopic = new Map<string, AlterPartitionRequest['topics'][number]>();
      for (const it of items) {
        let t = byTopic.get(it.topicId);
        if (!t) byTopic.set(it.topicId, (t = { topicName: it.topicName, topicId: it.topicId, partitions: [] }));
        t.partitions.push({
          partitionIndex: it.partition, leaderEpoch: it.leaderEpoch, newIsr: it.newIsr,
          newIsrWithEpochs: it.newIsr.map((id) => ({ brokerId: id, brokerEpoch: image.brokers.get(id)?.epoch ?? -1 })),
          leaderRecoveryState: it.leaderRecoveryState, partitionEpoch: it.partitionEpoch,
        });
      }
      const resp = await engine.forwarder.alterPartition({ brokerId, brokerEpoch: engine.lifecycle.brokerEpoch(), topics: [...byTopic.values()] });
      const results: AlterPartitionResult[] = [];
      for (const it of items) {
        const t = resp.topics.find((x) => x.topicId === it.topicId);
        const p = t?.partitions.find((x) => x.partitionIndex === it.partition);
        const errorCode = resp.errorCode !== 0 ? resp.errorCode : p?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        const current = engine.loader.image.topicsById.get(it.topicId)?.partitions[it.partition];
        results.push({
          topicId: it.topicId, partition: it.partition, errorCode,
          registration: errorCode !== 0 || !p || !current ? undefined : {
            ...current, leader: p.leaderId, leaderEpoch: p.leaderEpoch, isr: p.isr,
            leaderRecoveryState: p.leaderRecoveryState === 1 ? 1 : 0, partitionEpoch: p.partitionEpoch,
          },
        });
      }
      return results;
    },
  };
}
