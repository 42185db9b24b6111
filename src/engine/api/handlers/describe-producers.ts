// DescribeProducers: the active producers of partitions this broker leads (Kafka's
// ReplicaManager.activeProducerState): id, epoch, last sequence and timestamp, the coordinator
// epoch of its last marker and the first offset of its open transaction (-1: none). A partition
// led elsewhere gets NOT_LEADER_OR_FOLLOWER, an unknown one UNKNOWN_TOPIC_OR_PARTITION.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import type { DescribeProducersRequest, DescribeProducersResponse } from '../../../protocol/messages/describe-producers';

export function handleDescribeProducers(engine: Engine, req: DescribeProducersRequest, _ctx: RequestContext): DescribeProducersResponse {
  const rm = engine.replicaManager;
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((index) => {
        // Kafka 4.4 words only a topic it does not know (KafkaApis checks the metadata first).
        if (!engine.metadata.topic(t.name)) {
          return { partitionIndex: index, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'This server does not host this topic-partition.', activeProducers: [] };
        }
        const part = rm.readablePartition(t.name, index, undefined, true);
        if (typeof part === 'number') return { partitionIndex: index, errorCode: part, errorMessage: null, activeProducers: [] };
        return { partitionIndex: index, errorCode: 0, errorMessage: null, activeProducers: rm.activeProducers(part) };
      }),
    })),
  };
}
