import type { Engine } from '../../engine';
import { KafkaError } from '../../../protocol/errors';
import { createPartitions } from '../../topic-admin';

export function handleCreatePartitions(engine: Engine, req: any): unknown {
  const results = req.topics.map((t: any) => {
    try {
      const assignments = t.assignments ? t.assignments.map((a: any) => a.brokerIds as number[]) : null;
      createPartitions(engine, t.name, t.count, assignments, req.validateOnly);
      return { name: t.name, errorCode: 0, errorMessage: null };
    } catch (e) {
      const ke = KafkaError.wrap(e);
      return { name: t.name, errorCode: ke.code, errorMessage: ke.message };
    }
  });
  return { throttleTimeMs: 0, results };
}
