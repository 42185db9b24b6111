import type { Engine } from '../engine';
import type { RequestContext } from '.';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { createTopic } from '../topic-admin';

export function handleCreateTopics(engine: Engine, req: any, ctx: RequestContext): unknown {
  const seen = new Map<string, number>();
  for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  const topics = req.topics.map((t: any) => {
    const result = { name: t.name, errorCode: 0, errorMessage: null as string | null };
    try {
      if ((seen.get(t.name) ?? 0) > 1) throw KafkaError.from(ErrorCode.INVALID_REQUEST, 'Duplicate topic name.');
      const configs = new Map<string, string | null>();
      for (const c of t.configs) {
        if (c.value === null) throw KafkaError.from(ErrorCode.INVALID_REQUEST, `Null value not supported for topic configs: ${c.name}`);
        configs.set(c.name, c.value);
      }
      createTopic(engine, {
        name: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor,
        assignments: t.assignments, configs,
      }, ctx.version >= 1 && req.validateOnly);
    } catch (e) {
      const ke = KafkaError.wrap(e);
      result.errorCode = ke.code;
      result.errorMessage = ke.message;
    }
    return result;
  });
  return { throttleTimeMs: 0, topics };
}
