// CreatePartitions: every topic validated and placed first; then, as the controller's bounded
// record list does, a request whose new partitions together exceed one operation's records
// fails as a whole and nothing is written.
import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { createPlannedPartitions, planPartitions, type PartitionsPlan } from '../../topic-admin';
import { checkRecordsPerOperation } from '../../controller/batch-limits';

export function handleCreatePartitions(engine: Engine, req: any): unknown {
  const seen = new Map<string, number>();
  for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  const plans: (PartitionsPlan | KafkaError)[] = req.topics.map((t: any) => {
    try {
      if ((seen.get(t.name) ?? 0) > 1) throw KafkaError.from(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.');
      const assignments = t.assignments ? t.assignments.map((a: any) => a.brokerIds as number[]) : null;
      return planPartitions(engine, t.name, t.count, assignments);
    } catch (e) {
      return KafkaError.wrap(e);
    }
  });
  try {
    checkRecordsPerOperation(plans.reduce((n, p) => n + (p instanceof KafkaError ? 0 : p.assignment.length), 0));
  } catch (e) {
    const ke = KafkaError.wrap(e);
    return { throttleTimeMs: 0, results: req.topics.map((t: any) => ({ name: t.name, errorCode: ke.code, errorMessage: ke.message })) };
  }
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
