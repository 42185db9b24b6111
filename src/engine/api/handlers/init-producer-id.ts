// Idempotent producers only: transactions are not implemented, so a transactional id is refused.
import type { Engine } from '../../engine';
import { ErrorCode, KafkaError } from '../../../protocol/errors';

export function handleInitProducerId(engine: Engine, req: { transactionalId: string | null }): unknown {
  if (req.transactionalId !== null && req.transactionalId !== undefined) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, producerId: -1, producerEpoch: -1 };
  }
  const answer = (producerId: number) => ({ throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch: 0 });
  const id = engine.allocateProducerId();
  if (typeof id === 'number') return answer(id);
  // A block from the controller on another broker.
  return id.then(answer, (e) => ({ throttleTimeMs: 0, errorCode: KafkaError.wrap(e).code, producerId: -1, producerEpoch: -1 }));
}
