// Metadata: brokers, controller, topics with partition leadership. Missing topics are created
// when auto.create.topics.enable allows it and the client asked for it (v4+ flag; implied
// before); like Kafka, the reply for a topic created this way is LEADER_NOT_AVAILABLE and the
// client retries.
import type { Engine } from '../engine';
import type { RequestContext } from '.';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { topicNameError } from '../../protocol/topic-name';
import { createTopic } from '../topic-admin';
import type { TopicRecord } from '../storage/topic-store';

const AUTHORIZED_OPS_OMITTED = -2147483648;
/**
 * AuthHelper.authorizedOperations with no authorizer: every operation AclEntry.supportedOperations
 * lists, as a bit field of AclOperation codes. Topic: READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7,
 * DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11. Cluster: CREATE 5, ALTER 7, DESCRIBE 8,
 * CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
 */
const TOPIC_AUTHORIZED_OPS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((m, b) => m | (1 << b), 0);
const CLUSTER_AUTHORIZED_OPS = [5, 7, 8, 9, 10, 11, 12].reduce((m, b) => m | (1 << b), 0);

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
          return errorTopic(name, ErrorCode.LEADER_NOT_AVAILABLE);
        } catch (e) {
          return errorTopic(name, KafkaError.wrap(e).code);
        }
      }
      return errorTopic(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
  }
  // v8+: asked-for authorized operations of the topics found or refused by name (not by id).
  if (ctx.version >= 8 && req.includeTopicAuthorizedOperations) {
    for (const t of topics as { topicAuthorizedOperations: number }[]) t.topicAuthorizedOperations = TOPIC_AUTHORIZED_OPS;
  }
  topics.push(...byId);
  return {
    throttleTimeMs: 0,
    brokers: md.brokers().map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    clusterId: md.clusterId,
    controllerId: md.controllerId(),
    topics,
    clusterAuthorizedOperations: ctx.version >= 8 && ctx.version <= 10 && req.includeClusterAuthorizedOperations ? CLUSTER_AUTHORIZED_OPS : AUTHORIZED_OPS_OMITTED,
  };
}
