// CreateTopics: each topic validated and created on its own (one failing topic does not stop the
// others), unless the request as a whole exceeds the controller's bounds (then every topic is
// refused). v5+ answers with the topic's partition count, replication factor and every config with
// its source (sorted by name, as the KRaft controller builds them), v7 with its topic id; as the
// controller does, validateOnly answers those too, with a fresh id no topic has.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { CreatableTopicResult, CreateTopicsRequest, CreateTopicsResponse } from '../../../protocol/messages/create-topics';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { randomUuid } from '../../../protocol/uuid';
import { CONFIG_SOURCE_ID } from '../../../config/wire-ids';
import { createPlannedTopic, planTopic, topicPlanRecords, type TopicPlan } from '../../topic-admin';
import { checkPartitionsPerRequest, checkRecordsPerOperation } from '../../controller/batch-limits';
import { unifyCollisionChars } from '../../../protocol/topic-name';

function describedConfigs(engine: Engine, plan: TopicPlan): CreatableTopicResult['configs'] {
  return engine.configs.describeTopicOverrides(plan.configs, null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => ({
      name: c.name, value: c.sensitive ? null : c.value, readOnly: c.readOnly,
      configSource: CONFIG_SOURCE_ID[c.source] ?? 0, isSensitive: c.sensitive,
    }));
}

export function handleCreateTopics(engine: Engine, req: CreateTopicsRequest, ctx: RequestContext): CreateTopicsResponse {
  const validateOnly = ctx.version >= 1 && req.validateOnly === true;
  const seen = new Map<string, number>();
  for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  const refuseAll = (e: unknown): CreateTopicsResponse => {
    const ke = KafkaError.wrap(e);
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ((seen.get(t.name) ?? 0) > 1
        ? { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' }
        : { name: t.name, errorCode: ke.code, errorMessage: ke.message })),
    };
  };
  // The request's partitions in total, then its records, are bounded before anything is placed or
  // written: over either bound the whole request is refused.
  try {
    checkPartitionsPerRequest(req.topics.filter((t) => (seen.get(t.name) ?? 0) === 1), engine.settings.numPartitions);
  } catch (e) {
    return refuseAll(e);
  }
  // Topics of one request are planned as if the earlier ones existed already (name collisions).
  const planned = new Map<string, string>();
  const plans = req.topics.map((t): TopicPlan | KafkaError => {
    try {
      if ((seen.get(t.name) ?? 0) > 1) throw KafkaError.from(ErrorCode.INVALID_REQUEST, 'Duplicate topic name.');
      const configs = new Map<string, string | null>();
      for (const c of t.configs) {
        if (c.value === null) throw KafkaError.from(ErrorCode.INVALID_REQUEST, `Null value not supported for topic configs: ${c.name}`);
        configs.set(c.name, c.value);
      }
      const plan = planTopic(engine, {
        name: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor,
        assignments: t.assignments, configs,
      });
      const unified = unifyCollisionChars(t.name);
      const earlier = planned.get(unified);
      if (earlier !== undefined) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${t.name}' collides with existing topic: ${earlier}`);
      planned.set(unified, t.name);
      return plan;
    } catch (e) {
      return KafkaError.wrap(e);
    }
  });
  try {
    checkRecordsPerOperation(plans.reduce((n, p) => n + (p instanceof KafkaError ? 0 : topicPlanRecords(p)), 0));
  } catch (e) {
    return refuseAll(e);
  }
  const topics = req.topics.map((t, i): CreatableTopicResult => {
    const result: CreatableTopicResult = { name: t.name, errorCode: 0, errorMessage: null };
    try {
      const plan = plans[i];
      if (plan instanceof KafkaError) throw plan;
      result.topicId = validateOnly ? randomUuid() : createPlannedTopic(engine, plan).id;
      if (ctx.version >= 5) {
        result.numPartitions = plan.assignment.length;
        result.replicationFactor = plan.replicationFactor;
        result.configs = describedConfigs(engine, plan);
      }
    } catch (e) {
      const ke = KafkaError.wrap(e);
      result.errorCode = ke.code;
      result.errorMessage = ke.message;
    }
    return result;
  });
  return { throttleTimeMs: 0, topics };
}
