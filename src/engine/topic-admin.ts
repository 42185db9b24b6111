// Creating, deleting and growing topics, with the broker-side checks and texts of a KRaft
// broker (ReplicationControlManager). Used by CreateTopics, CreatePartitions, DeleteTopics and
// auto-creation from Metadata/Produce.
import { ErrorCode, KafkaError } from '../protocol/errors';
import { topicNameError, unifyCollisionChars } from '../protocol/topic-name';
import { randomUuid } from '../protocol/uuid';
import { placeReplicas as placeStriped, type UsableBroker } from './controller/placement';
import type { Engine } from './engine';
import type { TopicRecord } from './storage/topic-store';
import type { TopicImage } from './metadata/image';
import { checkAdditionalPartitions, checkPartitionsPerRequest } from './controller/batch-limits';

export interface CreateTopicInput {
  name: string;
  numPartitions: number; // -1 = broker default
  replicationFactor: number; // -1 = broker default
  assignments: { partitionIndex: number; brokerIds: number[] }[];
  configs: Map<string, string | null>;
}

function fail(code: number, message: string): never {
  throw KafkaError.from(code, message);
}

/** The replication-factor check and the error Kafka's controller gives, quoting the registered brokers. */
function checkReplicas(engine: Engine, rf: number): void {
  const brokers = engine.metadata.registeredBrokerIds().length;
  if (rf > brokers) {
    fail(ErrorCode.INVALID_REPLICATION_FACTOR,
      `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only ${brokers} broker(s) are registered or some brokers have all their log directories cordoned.`);
  }
}

/** Replica lists for `count` new partitions: Kafka's striped placement over the registered brokers. */
function placeReplicas(engine: Engine, count: number, rf: number): number[][] {
  const image = engine.loader.image;
  const brokers: UsableBroker[] = image.brokers.size > 0
    ? [...image.brokers.values()].map((b) => ({ id: b.id, rack: b.rack, fenced: b.fenced || b.inControlledShutdown }))
    : [{ id: engine.settings.nodeId, rack: null, fenced: false }];
  try {
    return placeStriped(brokers, count, rf);
  } catch (e) {
    const ke = KafkaError.wrap(e);
    throw KafkaError.from(ke.code, `Unable to replicate the partition ${rf} time(s): ${ke.message}`);
  }
}

function checkManualAssignment(engine: Engine, assignment: number[][]): void {
  const live = new Set(engine.metadata.registeredBrokerIds());
  assignment.forEach((replicas) => {
    if (replicas.length === 0) fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'The manual partition assignment includes an empty replica list.');
    if (new Set(replicas).size !== replicas.length) {
      fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes the broker ${replicas.find((r, i) => replicas.indexOf(r) !== i)} more than once.`);
    }
    for (const b of replicas) {
      if (!live.has(b)) {
        fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes broker ${b}, but no such broker is registered.`);
      }
    }
  });
}

/** A topic as CreateTopics would create it: validated, partitions placed, overrides checked. */
export interface TopicPlan {
  name: string;
  assignment: number[][];
  replicationFactor: number;
  configs: Map<string, string>;
}

/** Validate a topic to create and place its replicas. Throws KafkaError with Kafka's text. */
export function planTopic(engine: Engine, input: CreateTopicInput): TopicPlan {
  const { name } = input;
  const nameError = topicNameError(name);
  if (nameError) fail(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError);
  if (engine.metadata.topic(name)) fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
  const unified = unifyCollisionChars(name);
  for (const t of engine.metadata.allTopics()) {
    if (unifyCollisionChars(t.name) === unified) fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${t.name}`);
  }

  let assignment: number[][];
  let rf: number;
  if (input.assignments.length > 0) {
    if (input.numPartitions !== -1 || input.replicationFactor !== -1) {
      fail(ErrorCode.INVALID_REQUEST, 'A manual partition assignment was specified, but numPartitions was not set to -1.');
    }
    const sorted = [...input.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
    sorted.forEach((a, i) => {
      if (a.partitionIndex !== i) fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Partitions should be a consecutive 0-based integer sequence, but ${a.partitionIndex} was found.`);
    });
    assignment = sorted.map((a) => a.brokerIds);
    checkManualAssignment(engine, assignment);
    rf = assignment[0].length;
  } else {
    // Refused before placement: placing 10^8 partitions is what would take the engine's memory.
    checkPartitionsPerRequest([input], engine.settings.numPartitions);
    const partitions = input.numPartitions === -1 ? engine.settings.numPartitions : input.numPartitions;
    rf = input.replicationFactor === -1 ? engine.settings.defaultReplicationFactor : input.replicationFactor;
    if (partitions <= 0) fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions was set to an invalid non-positive value.');
    if (rf <= 0) fail(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0, or -1 to use the default value.');
    checkReplicas(engine, rf);
    assignment = placeReplicas(engine, partitions, rf);
  }
  return { name, assignment, replicationFactor: rf, configs: engine.configs.validateTopicConfigs(input.configs) };
}

/** The metadata records creating a planned topic writes: the topic, its partitions, its configs. */
export function topicPlanRecords(plan: TopicPlan): number {
  return 1 + plan.assignment.length + plan.configs.size;
}

/** Create a planned topic: the controller records it; the publisher creates it on every broker. */
export function createPlannedTopic(engine: Engine, plan: TopicPlan): TopicRecord {
  const { controller } = engine;
  const topicId = randomUuid();
  controller.write(() => ({ records: controller.replication.createTopicRecords(plan.name, topicId, plan.assignment, plan.configs), result: undefined }));
  const topic = engine.topics.getById(topicId);
  if (!topic) throw KafkaError.from(ErrorCode.UNKNOWN_SERVER_ERROR, `Topic ${plan.name} was recorded but not created.`);
  return topic;
}

/**
 * Validate (and unless validateOnly, create) a topic. Throws KafkaError with Kafka's text. On a
 * broker that is not the controller (auto-creation), the controller is asked to create it and
 * nobody waits: undefined, the client retries as it does while a KRaft controller creates it.
 */
export function createTopic(engine: Engine, input: CreateTopicInput, validateOnly = false): TopicRecord | undefined {
  if (engine.settings.cluster !== null && !engine.controller.isActive()) {
    if (!validateOnly) engine.forwarder.createTopicInBackground(input);
    return undefined;
  }
  const plan = planTopic(engine, input);
  return validateOnly ? undefined : createPlannedTopic(engine, plan);
}

/** New partitions for a topic, validated and placed (CreatePartitions). */
export interface PartitionsPlan {
  topic: TopicRecord;
  assignment: number[][];
}

export function planPartitions(engine: Engine, name: string, count: number, assignments: number[][] | null): PartitionsPlan {
  const topic = engine.metadata.topic(name);
  if (!topic) fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
  const current = topic.partitions.length;
  if (count < current) fail(ErrorCode.INVALID_PARTITIONS, `The topic ${name} currently has ${current} partition(s); ${count} would not be an increase.`);
  if (count === current) fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partition(s).`);
  checkAdditionalPartitions(count - current);
  let assignment: number[][];
  if (assignments && assignments.length > 0) {
    if (assignments.length !== count - current) {
      fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Attempted to add ${count - current} additional partition(s), but only ${assignments.length} assignment(s) were specified.`);
    }
    checkManualAssignment(engine, assignments);
    assignment = assignments;
  } else {
    checkReplicas(engine, topic.replicationFactor);
    assignment = placeReplicas(engine, count - current, topic.replicationFactor);
  }
  return { topic, assignment };
}

export function createPlannedPartitions(engine: Engine, plan: PartitionsPlan): void {
  const { controller } = engine;
  controller.write(() => {
    const t: TopicImage | undefined = engine.loader.image.topicsById.get(plan.topic.id);
    if (!t) fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
    return { records: controller.replication.addPartitionRecords(t, plan.assignment), result: undefined };
  });
}

export function deleteTopic(engine: Engine, topic: TopicRecord): void {
  if (!engine.settings.deleteTopicEnable) fail(ErrorCode.TOPIC_DELETION_DISABLED, 'Topic deletion is disabled.');
  const { controller } = engine;
  controller.write(() => {
    const t = engine.loader.image.topicsById.get(topic.id);
    return { records: t ? controller.replication.deleteTopicRecords(t) : [], result: undefined };
  });
}
