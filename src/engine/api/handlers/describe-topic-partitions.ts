// DescribeTopicPartitions (DescribeTopicPartitionsRequestHandler + KRaftMetadataCache): the named
// topics (none named: every topic) from the cursor on, sorted by name, at most
// min(ResponsePartitionLimit, max.request.partition.size.limit) partitions per response; when the
// limit cuts a topic short, NextCursor says where to resume. Missing topics are reported only when
// named. A request whose cursor is not among its topics, or has a negative partition, is invalid
// (INVALID_REQUEST for every named topic, as Kafka's error response).
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import { isInternalTopic, topicNameError } from '../../../protocol/topic-name';
import { ZERO_UUID } from '../../../protocol/uuid';
import type {
  DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse, DescribeTopicPartitionsResponsePartition,
} from '../../../protocol/messages/describe-topic-partitions';
import { TOPIC_OPERATIONS } from '../../authorized-operations';

function invalid(req: DescribeTopicPartitionsRequest): DescribeTopicPartitionsResponse {
  return {
    throttleTimeMs: 0,
    nextCursor: null,
    topics: req.topics.map((t) => ({
      errorCode: ErrorCode.INVALID_REQUEST, name: t.name, topicId: ZERO_UUID, isInternal: false, partitions: [],
      topicAuthorizedOperations: -2147483648,
    })),
  };
}

export function handleDescribeTopicPartitions(engine: Engine, req: DescribeTopicPartitionsRequest, _ctx: RequestContext): DescribeTopicPartitionsResponse {
  const md = engine.metadata;
  const all = req.topics.length === 0;
  const cursorTopic = req.cursor?.topicName ?? '';
  const names = new Set<string>();
  for (const name of all ? md.allTopics().map((t) => t.name) : req.topics.map((t) => t.name)) {
    if (name >= cursorTopic) names.add(name);
  }
  if (!all && req.cursor && !names.has(req.cursor.topicName)) return invalid(req);
  if (req.cursor && req.cursor.partitionIndex < 0) return invalid(req);

  const out: DescribeTopicPartitionsResponse = { throttleTimeMs: 0, topics: [], nextCursor: null };
  let remaining = Math.max(Math.min(engine.configs.brokerInt('max.request.partition.size.limit'), req.responsePartitionLimit), 1);
  for (const name of [...names].sort()) {
    if (remaining === 0) {
      out.nextCursor = { topicName: name, partitionIndex: 0 };
      break;
    }
    const topic = md.topic(name);
    if (!topic) {
      if (!all) {
        out.topics.push({
          errorCode: topicNameError(name) ? ErrorCode.INVALID_TOPIC_EXCEPTION : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          name, topicId: ZERO_UUID, isInternal: isInternalTopic(name), partitions: [], topicAuthorizedOperations: TOPIC_OPERATIONS,
        });
      }
      continue;
    }
    const start = name === cursorTopic && req.cursor ? req.cursor.partitionIndex : 0;
    const upper = Math.min(topic.partitions.length, start + remaining);
    const partitions: DescribeTopicPartitionsResponsePartition[] = [];
    for (let i = start; i < upper; i++) {
      const v = md.partitionView(topic.partitions[i]);
      partitions.push({
        errorCode: 0, partitionIndex: v.partition, leaderId: v.leader, leaderEpoch: v.leaderEpoch,
        replicaNodes: v.replicas, isrNodes: v.isr, eligibleLeaderReplicas: v.elr, lastKnownElr: v.lastKnownElr, offlineReplicas: v.offline,
      });
    }
    out.topics.push({
      errorCode: 0, name, topicId: topic.id, isInternal: topic.internal, partitions, topicAuthorizedOperations: TOPIC_OPERATIONS,
    });
    if (upper < topic.partitions.length) {
      out.nextCursor = { topicName: name, partitionIndex: upper };
      break;
    }
    remaining -= partitions.length;
  }
  return out;
}
