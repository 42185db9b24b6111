// CreateTopics: each topic validated and created on its own (one failing topic does not stop the
// others). v5+ answers with the topic's partition count, replication factor and every config with
// its source (sorted by name, as the KRaft controller builds them), v7 with its topic id; as the
// controller does, validateOnly answers those too, with a fresh id no topic has.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { CreatableTopicResult, CreateTopicsRequest, CreateTopicsResponse } from '../../../protocol/messages/create-topics';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { randomUuid } from '../../../protocol/uuid';
import { CONFIG_SOURCE_ID } from '../../../config/wire-ids';
import { createPlannedTopic, planTopic, type TopicPlan } from '../../topic-admin';

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
  const topics = req.topics.map((t): CreatableTopicResult => {
    const result: CreatableTopicResult = { name: t.name, errorCode: 0, errorMessage: null };
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
