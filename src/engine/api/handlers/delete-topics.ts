import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { deleteTopic } from '../../topic-admin';

export function handleDeleteTopics(engine: Engine, req: any): unknown {
  const responses = (req.topicNames as string[]).map((name) => {
    const topic = engine.metadata.topic(name);
    if (!topic) return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
    try {
      deleteTopic(engine, topic);
      return { name, errorCode: 0 };
    } catch (e) {
      return { name, errorCode: KafkaError.wrap(e).code };
    }
  });
  return { throttleTimeMs: 0, responses };
}
