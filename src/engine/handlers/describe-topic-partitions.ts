// DescribeTopicPartitions (v0): topics with their partitions and eligible leader replicas, what
// Kafka 3.8+ admin clients describe topics with. As a KRaft broker answers it: the requested
// topics (all when none are named) from the cursor on, sorted by name, at most
// min(responsePartitionLimit, max.request.partition.size.limit) partitions (at least 1), and a
// cursor to the next partition when the limit cut the answer short. The ELR lists are empty: this
// single broker is every partition's only replica and always in sync.
import type { Engine } from '../engine';
import type { RequestContext } from '.';
import type { DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse, DescribeTopicPartitionsResponseTopic } from '../../protocol/messages';
import { ErrorCode } from '../../protocol/errors';
import { isInternalTopic, topicNameError } from '../../protocol/topic-name';
import { ZERO_UUID } from '../../protocol/uuid';

const AUTHORIZED_OPS_OMITTED = -2147483648;

function errorTopic(name: string, code: number): DescribeTopicPartitionsResponseTopic {
  return { errorCode: code, name, topicId: ZERO_UUID, isInternal: isInternalTopic(name), partitions: [], topicAuthorizedOperations: AUTHORIZED_OPS_OMITTED };
}

export function handleDescribeTopicPartitions(engine: Engine, req: DescribeTopicPartitionsRequest, _ctx: RequestContext): DescribeTopicPartitionsResponse {
  const md = engine.metadata;
  const fetchAll = req.topics.length === 0;
  const cursor = req.cursor;
  const cursorTopic = cursor ? cursor.topicName : '';
  const names = new Set<string>();
  for (const name of fetchAll ? md.allTopics().map((t) => t.name) : req.topics.map((t) => t.name)) {
    if (name >= cursorTopic) names.add(name);
  }
  // Kafka answers an invalid cursor with the request's error on every topic.
  const invalid = (cursor !== null && !fetchAll && !names.has(cursor.topicName)) || (cursor !== null && cursor.partitionIndex < 0);
  if (invalid) {
    return { throttleTimeMs: 0, topics: req.topics.map((t) => errorTopic(t.name, ErrorCode.INVALID_REQUEST)), nextCursor: null };
  }
  const limit = Math.max(Math.min(engine.configs.brokerInt('max.request.partition.size.limit'), req.responsePartitionLimit), 1);
  let remaining = limit;
  const topics: DescribeTopicPartitionsResponseTopic[] = [];
  let nextCursor: DescribeTopicPartitionsResponse['nextCursor'] = null;
  for (const name of [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (remaining === 0) {
      nextCursor = { topicName: name, partitionIndex: 0 };
      break;
    }
    const t = md.topic(name);
    if (!t) {
      if (!fetchAll) topics.push(errorTopic(name, topicNameError(name) ? ErrorCode.INVALID_TOPIC_EXCEPTION : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
      continue;
    }
    const start = name === cursorTopic && cursor ? cursor.partitionIndex : 0;
    const slice = t.partitions.filter((p) => p.partition >= start).sort((a, b) => a.partition - b.partition);
    const taken = slice.slice(0, remaining);
    topics.push({
      errorCode: 0,
      name,
      topicId: t.id,
      isInternal: t.internal,
      partitions: taken.map((p) => {
        const v = md.partitionView(p);
        return {
          errorCode: v.leader === -1 ? ErrorCode.LEADER_NOT_AVAILABLE : 0,
          partitionIndex: p.partition,
          leaderId: v.leader,
          leaderEpoch: v.leaderEpoch,
          replicaNodes: v.replicas,
          isrNodes: v.isr,
          eligibleLeaderReplicas: [],
          lastKnownElr: [],
          offlineReplicas: v.offline,
        };
      }),
      topicAuthorizedOperations: AUTHORIZED_OPS_OMITTED,
    });
    if (taken.length < slice.length) {
      nextCursor = { topicName: name, partitionIndex: slice[taken.length].partition };
      break;
    }
    remaining -= taken.length;
  }
  return { throttleTimeMs: 0, topics, nextCursor };
}
