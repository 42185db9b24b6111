// CreatePartitions: the partitions the request adds over all its topics are bounded first (over
// the bound every topic is refused, as Kafka's controller does before placing anything); then
// each topic is validated, placed and written on its own.
import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { createPlannedPartitions, planPartitions, type PartitionsPlan } from '../../topic-admin';
import { checkAdditionalPartitions } from '../../controller/batch-limits';

export function handleCreatePartitions(engine: Engine, req: any): unknown {
  const seen = new Map<string, number>();
  for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  const refuseAll = (e: unknown) => {
    const ke = KafkaError.wrap(e);
    return {
      throttleTimeMs: 0,
      results: req.topics.map((t: any) => ((seen.get(t.name) ?? 0) > 1
        ? { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic in request.' }
        : { name: t.name, errorCode: ke.code, errorMessage: ke.message })),
    };
  };
  try {
    let additional = 0;
    for (const t of req.topics) {
      const current = (seen.get(t.name) ?? 0) === 1 ? engine.metadata.topic(t.name)?.partitions.length : undefined;
      if (current !== undefined && t.count > current) additional += t.count - current;
    }
    checkAdditionalPartitions(additional);
  } catch (e) {
    return refuseAll(e);
  }
  const plans: (PartitionsPlan | KafkaError)[] = req.topics.map((t: any) => {
    try {
      if ((seen.get(t.name) ?? 0) > 1) throw KafkaError.from(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.');
      const assignments = t.assignments ? t.assignments.map((a: any) => a.brokerIds as number[]) : null;
      return planPartitions(engine, t.name, t.count, assignments);
    } catch (e) {
      return KafkaError.wrap(e);
    }
  });
  const results = req.topics.map((t: any, i: number) => {
    try {
      const plan = plans[i];
      if (plan instanceof KafkaError) throw plan;
      if (!req.validateOnly) createPlannedPartitions(engine, plan);
      return { name: t.name, errorCode: 0, errorMessage: null };
    } catch (e) {
      const ke = KafkaError.wrap(e);
      return { name: t.name, errorCode: ke.code, errorMessage: ke.message };
    }
  });
  return { throttleTimeMs: 0, results };
}
