// Idempotent producers only: transactions are not implemented, so a transactional id is refused.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';

export function handleInitProducerId(engine: Engine, req: { transactionalId: string | null }): unknown {
  if (req.transactionalId !== null && req.transactionalId !== undefined) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, producerId: -1, producerEpoch: -1 };
  }
  return { throttleTimeMs: 0, errorCode: 0, producerId: engine.allocateProducerId(), producerEpoch: 0 };
}
