// The log end offset of each shown partition, apart from the high watermark the status gather
// reads (a consumer's ListOffsets LATEST). Kafka answers LATEST with the leader's log end offset to
// the debugging replica id -2, isolation level ignored (observed on Kafka 4.4), so the page can
// draw the tail written on the leader but not yet on every in-sync replica. One request per
// leader per poll, for the shown topics only (and only partitions with followers in their ISR);
// where a broker refuses it (an error, or an answer
// below the high watermark) the partition has no entry and the page draws LEO at the HW.
import type { Cluster, TopicPartitions } from '../../client/cluster';
import { DEBUGGING_REPLICA_ID, LATEST_TIMESTAMP, listOffsetsOnce, tpKey } from '../../client/offsets';
import { KafkaError } from '../../protocol/errors';
import type { StatusDocument } from '../status/model';

export class LogEnds {
  private ends = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  async update(doc: StatusDocument, topics: ReadonlySet<string>, deadline: number): Promise<void> {
    const leaders = new Map<string, TopicPartitions>();
    const asked: { topic: string; partition: number; timestamp: number }[] = [];
    for (const t of doc.topics) {
      if (!topics.has(t.name)) continue;
      leaders.set(t.name, {
        errorCode: 0, isInternal: t.internal,
        partitions: t.partitions.map((p) => ({ partition: p.partition, leader: p.leader ?? -1, leaderEpoch: -1, errorCode: 0 })),
      });
      // A leader alone in its ISR moves the high watermark with every append: its LEO is the HW.
      for (const p of t.partitions) {
        if (p.leader !== null && p.logEndOffset !== null && p.isr.length > 1) asked.push({ topic: t.name, partition: p.partition, timestamp: LATEST_TIMESTAMP });
      }
    }
    const ends = new Map<string, number>();
    if (asked.length > 0) {
      const answers = await listOffsetsOnce(this.cluster, asked, leaders, { deadline, replicaId: DEBUGGING_REPLICA_ID, callName: 'ui' });
      const hw = new Map(doc.topics.flatMap((t) => t.partitions.map((p) => [tpKey(t.name, p.partition), p.logEndOffset] as const)));
      for (const [key, a] of answers) {
        if (a instanceof KafkaError || a.offset < (hw.get(key) ?? Infinity)) continue;
        ends.set(key, a.offset);
      }
    }
    this.ends = ends;
  }

  /** The log end offset of `topic`-`partition`, when its leader told it. */
  of(topic: string, partition: number): number | undefined {
    return this.ends.get(tpKey(topic, partition));
  }
}
