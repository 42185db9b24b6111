// Metadata: brokers, controller, topics with partition leadership. Missing topics are created
// when auto.create.topics.enable allows it and the client asked for it (v4+ flag; implied
// before); like a KRaft broker (whose controller creates it asynchronously), the reply for a topic
// created this way is UNKNOWN_TOPIC_OR_PARTITION and the client retries.
import type { Engine } from '../engine';
import type { RequestContext } from '.';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { topicNameError } from '../../protocol/topic-name';
import { createTopic } from '../topic-admin';
import type { TopicRecord } from '../storage/topic-store';

const AUTHORIZED_OPS_OMITTED = -2147483648;

export function topicMetadata(engine: Engine, t: TopicRecord): unknown {
  return {
    errorCode: 0,
    name: t.name,
    topicId: t.id,
    isInternal: t.internal,
    partitions: t.partitions.map((p) => {
      const v = engine.metadata.partitionView(p);
      return {
        errorCode: v.leader === -1 ? ErrorCode.LEADER_NOT_AVAILABLE : 0,
        partitionIndex: p.partition,
        leaderId: v.leader,
        leaderEpoch: v.leaderEpoch,
        replicaNodes: v.replicas,
        isrNodes: v.isr,
        offlineReplicas: v.offline,
      };
    }),
    topicAuthorizedOperations: AUTHORIZED_OPS_OMITTED,
  };
}

function errorTopic(name: string | null, code: number, internal = false): unknown {
  return { errorCode: code, name, isInternal: internal, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPS_OMITTED };
}

export function handleMetadata(engine: Engine, req: any, ctx: RequestContext): unknown {
  const md = engine.metadata;
  // v10+: a topic may be asked for by id (name null).
  const byId: unknown[] = [];
  let requested: string[] | null = null;
  if (req.topics !== null) {
    requested = [];
    for (const t of req.topics) {
      if (t.name !== null && t.name !== undefined) {
        requested.push(t.name);
      } else {
        const found = md.topicById(t.topicId);
        byId.push(found ? topicMetadata(engine, found) : { ...(errorTopic(null, ErrorCode.UNKNOWN_TOPIC_ID) as object), topicId: t.topicId });
      }
    }
  }
  // v0: an empty list means every topic.
  if (ctx.version === 0 && requested !== null && requested.length === 0) requested = null;
  const allowAuto = ctx.version < 4 ? true : req.allowAutoTopicCreation !== false;

  let topics: unknown[];
  if (requested === null) {
    topics = md.allTopics().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => topicMetadata(engine, t));
  } else {
    topics = [...new Set(requested)].map((name) => {
      const t = md.topic(name);
      if (t) return topicMetadata(engine, t);
      if (topicNameError(name)) return errorTopic(name, ErrorCode.INVALID_TOPIC_EXCEPTION);
      if (allowAuto && engine.configs.brokerValue('auto.create.topics.enable') === true) {
        try {
          createTopic(engine, { name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: new Map() });
          return errorTopic(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        } catch (e) {
          return errorTopic(name, KafkaError.wrap(e).code);
        }
      }
      return errorTopic(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
    topics.push(...byId);
  }
  return {
    throttleTimeMs: 0,
    brokers: md.brokers().map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    clusterId: md.clusterId,
    controllerId: md.controllerId(),
    topics,
    clusterAuthorizedOperations: AUTHORIZED_OPS_OMITTED,
  };
}
