// InitProducerId: an idempotent producer (no transactional id) gets a fresh producer id at epoch
// 0; a transactional one asks the transaction coordinator (fencing older instances of the id).
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { InitProducerIdRequest } from '../../../protocol/messages/init-producer-id';
import { KafkaError } from '../../../protocol/errors';
import { fencedForVersion } from './txn-errors';

export function handleInitProducerId(engine: Engine, req: InitProducerIdRequest, ctx: RequestContext): unknown {
  if (req.transactionalId !== null && req.transactionalId !== undefined) {
    return engine.txnCoordinator.initProducerId(req.transactionalId, req.transactionTimeoutMs, {
      producerId: req.producerId ?? -1, producerEpoch: req.producerEpoch ?? -1,
    }).then((r) => ({ throttleTimeMs: 0, ...r, errorCode: fencedForVersion(r.errorCode, ctx.version, 4) }));
  }
  const answer = (producerId: number) => ({ throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch: 0 });
  const id = engine.allocateProducerId();
  if (typeof id === 'number') return answer(id);
  // A block from the controller on another broker.
  return id.then(answer, (e) => ({ throttleTimeMs: 0, errorCode: KafkaError.wrap(e).code, producerId: -1, producerEpoch: -1 }));
}

