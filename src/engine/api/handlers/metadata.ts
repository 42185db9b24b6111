// Metadata: brokers, controller, topics with partition leadership. Missing topics are created
// when auto.create.topics.enable allows it and the client asked for it (v4+ flag; implied
// before); like a KRaft broker (whose controller creates it asynchronously), the reply for a topic
// created this way is UNKNOWN_TOPIC_OR_PARTITION and the client retries.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { topicNameError } from '../../../protocol/topic-name';
import { createTopic } from '../../topic-admin';
import type { TopicRecord } from '../../storage/topic-store';
import type { MetadataRequest, MetadataResponse, MetadataResponseTopic } from '../../../protocol/messages/metadata';
import { ZERO_UUID } from '../../../protocol/uuid';
import { AUTHORIZED_OPERATIONS_OMITTED, CLUSTER_OPERATIONS, TOPIC_OPERATIONS } from '../../authorized-operations';

export function topicMetadata(engine: Engine, t: TopicRecord): MetadataResponseTopic {
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
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

function errorTopic(name: string | null, code: number, internal = false): MetadataResponseTopic {
  return { errorCode: code, name, isInternal: internal, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
}

export function handleMetadata(engine: Engine, req: MetadataRequest, ctx: RequestContext): MetadataResponse {
  const md = engine.metadata;
  let requested: string[] | null = null;
  if (req.topics !== null) {
    // KafkaApis: a request naming any topic id (v12+; names are then null or empty) is answered by
    // id: unknown ids first (UNKNOWN_TOPIC_ID, no name), then the known topics; never auto-creates.
    const ids = [...new Set(req.topics.map((t) => t.topicId).filter((id): id is string => !!id && id !== ZERO_UUID))];
    if (ids.length > 0) {
      const unknown: MetadataResponseTopic[] = [];
      const known: MetadataResponseTopic[] = [];
      for (const id of ids) {
        const found = md.topicById(id);
        if (found) known.push(topicMetadata(engine, found));
        else unknown.push({ ...errorTopic(null, ErrorCode.UNKNOWN_TOPIC_ID), topicId: id });
      }
      return response(engine, req, ctx, [...unknown, ...known]);
    }
    requested = req.topics.map((t) => t.name).filter((n): n is string => n !== null);
  }
  // v0: an empty list means every topic.
  if (ctx.version === 0 && requested !== null && requested.length === 0) requested = null;
  const allowAuto = ctx.version < 4 ? true : req.allowAutoTopicCreation !== false;

  let topics: MetadataResponseTopic[];
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
  }
  return response(engine, req, ctx, topics);
}

/** The reply around the topics; authorized operations only when asked (v8+; the cluster's v8-10). */
function response(engine: Engine, req: MetadataRequest, ctx: RequestContext, topics: MetadataResponseTopic[]): MetadataResponse {
  const md = engine.metadata;
  if (ctx.version >= 8 && req.includeTopicAuthorizedOperations) {
    for (const t of topics) if (t.name !== null) t.topicAuthorizedOperations = TOPIC_OPERATIONS;
  }
  return {
    errorCode: 0,
    throttleTimeMs: 0,
    brokers: md.brokers().map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    clusterId: md.clusterId,
    controllerId: md.controllerId(),
    topics,
    clusterAuthorizedOperations: ctx.version >= 8 && ctx.version <= 10 && req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
  };
}
