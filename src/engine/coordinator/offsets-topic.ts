// The internal topic __consumer_offsets: created on first use with offsets.topic.num.partitions
// partitions, RF offsets.topic.replication.factor and cleanup.policy=compact (as Kafka's
// GroupCoordinatorService configures it), and appended to through the replica manager (this
// broker must lead the group's partition), inside the caller's SQLite transaction, so the lookup
// tables and the records commit together.
import type { Engine } from '../engine';
import type { TopicRecord } from '../storage/topic-store';
import { createTopic } from '../topic-admin';
import { buildBatch } from '../../protocol/records/batch';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { OFFSETS_TOPIC, offsetsPartitionFor } from './offsets-records';
import { engineLog } from '../server-log';
import type { Partition } from '../replica/partition';

export interface OffsetsTopicRecord {
  key: Buffer;
  /** null = tombstone */
  value: Buffer | null;
}

export class OffsetsTopic {
  constructor(private readonly engine: Engine) {}

  topic(): TopicRecord | undefined {
    return this.engine.metadata.topic(OFFSETS_TOPIC);
  }

  /** The topic, created if missing; undefined when it cannot be created (e.g. RF above the broker count). */
  ensure(): TopicRecord | undefined {
    const existing = this.topic();
    if (existing) return existing;
    const configs = this.engine.configs;
    try {
      return createTopic(this.engine, {
        name: OFFSETS_TOPIC,
        numPartitions: configs.brokerInt('offsets.topic.num.partitions'),
        replicationFactor: configs.brokerInt('offsets.topic.replication.factor'),
        assignments: [],
        configs: new Map([
          ['cleanup.policy', 'compact'],
          ['compression.type', 'producer'],
          ['segment.bytes', String(configs.brokerInt('offsets.topic.segment.bytes'))],
        ]),
      });
    } catch (e: any) {
      engineLog('WARN', `Could not create the offsets topic ${OFFSETS_TOPIC}: ${e?.message ?? e}`, 'kafka.server.DefaultAutoTopicCreationManager');
      return undefined;
    }
  }

  partitionFor(groupId: string): number {
    const t = this.topic();
    const n = t ? t.partitions.length : this.engine.configs.brokerInt('offsets.topic.num.partitions');
    return offsetsPartitionFor(groupId, n);
  }

  /**
   * Append the records as one batch to the group's partition. Call inside engine.logs.transaction().
   * Returns what the ISR must reach for the write to count (acks=all), or undefined when nothing was written.
   */
  append(groupId: string, records: OffsetsTopicRecord[], producer?: { producerId: number; producerEpoch: number }): { partition: Partition; nextOffset: number } | undefined {
    if (records.length === 0) return undefined;
    const topic = this.ensure();
    if (!topic) throw KafkaError.from(ErrorCode.COORDINATOR_NOT_AVAILABLE, null);
    const now = Date.now();
    try {
      return this.engine.replicaManager.appendCoordinatorRecords(topic.name, this.partitionFor(groupId), (baseOffset) =>
        // Offsets committed in a transaction: a transactional batch of the producer (no sequence).
        buildBatch(records.map((r) => ({ key: r.key, value: r.value, timestamp: now })), producer
          ? { baseOffset, producerId: producer.producerId, producerEpoch: producer.producerEpoch, baseSequence: -1, transactional: true }
          : { baseOffset }), producer);
    } catch (e: any) {
      if (e?.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER) throw KafkaError.from(ErrorCode.NOT_COORDINATOR, null);
      if (e?.errorCode === ErrorCode.INVALID_PRODUCER_EPOCH) throw KafkaError.from(ErrorCode.INVALID_PRODUCER_EPOCH, null);
      throw e;
    }
  }
}
