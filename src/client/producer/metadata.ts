// What the producer knows about each topic it writes to: partition leaders, the built-in
// partitioner's sticky state (KIP-794), and one queue of batches per partition.
import type { ProducerBatch } from './batch';

export interface PartitionState {
  readonly topic: TopicState;
  readonly partition: number;
  /** `topic-partition`, as Kafka prints a TopicPartition. */
  readonly name: string;
  /** Batches not yet sent (or re-enqueued for a retry), oldest first. */
  queue: ProducerBatch[];
  /** Batches in requests awaiting a response, in send order. */
  inFlight: ProducerBatch[];
  /** Idempotence: next sequence to assign, and the producer-id generation it belongs to. */
  nextSequence: number;
  sequenceGen: number;
  /**
   * The buffer the partition's next batch starts with: what its last batch grew to. Batches of
   * a partition that gets few records stay small, so buffer.memory holds open batches for many
   * partitions (10,000 partitions at batch.size each would need 160 MB).
   */
  batchCapacity: number;
}

export class TopicState {
  /** Leader node per partition (-1: none). Empty until metadata has the topic. */
  leaders: number[] = [];
  parts: PartitionState[] = [];
  /** Partitions with a leader (the built-in partitioner picks among these). */
  available: number[] = [];
  /** Last topic-level error code from metadata (0 = none). */
  error = 0;
  /** Built-in partitioner: current sticky partition and bytes produced to it. */
  sticky = -1;
  stickyBytes = 0;
  /** RoundRobinPartitioner's per-topic counter. */
  roundRobin = 0;

  constructor(readonly name: string) {}

  get numPartitions(): number {
    return this.leaders.length;
  }

  /** Apply a metadata answer: leaders per partition; queues kept, grown when partitions were added. */
  update(leaders: number[]): void {
    this.leaders = leaders;
    for (let p = this.parts.length; p < leaders.length; p++) {
      this.parts.push({ topic: this, partition: p, name: `${this.name}-${p}`, queue: [], inFlight: [], nextSequence: 0, sequenceGen: -1, batchCapacity: 0 });
    }
    this.available = [];
    for (let p = 0; p < leaders.length; p++) if (leaders[p] >= 0) this.available.push(p);
    if (this.sticky >= leaders.length) this.sticky = -1;
  }

  /** RoundRobinPartitioner.partition: the next counter value over the available partitions. */
  nextRoundRobinPartition(): number {
    const next = this.roundRobin;
    this.roundRobin = (this.roundRobin + 1) | 0;
    const positive = next & 0x7fffffff;
    return this.available.length > 0 ? this.available[positive % this.available.length] : positive % this.leaders.length;
  }

  /** BuiltInPartitioner.nextPartition without load statistics: uniform among available partitions. */
  nextStickyPartition(): number {
    const random = (Math.random() * 0x80000000) | 0;
    const p = this.available.length > 0 ? this.available[random % this.available.length] : random % this.leaders.length;
    this.sticky = p;
    this.stickyBytes = 0;
    return p;
  }
}
