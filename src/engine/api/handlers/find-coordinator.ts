// FindCoordinator v0-2: the group coordinator is the leader of the group's __consumer_offsets
// partition (key type 0), the transaction coordinator the leader of the transactional id's
// __transaction_state partition (key type 1); either topic is created on first use.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { defaultMessage, ErrorCode } from '../../../protocol/errors';

const TRANSACTION_KEY_TYPE = 1;

export function handleFindCoordinator(engine: Engine, req: { key: string; keyType: number }, ctx: RequestContext): unknown {
  const keyType = ctx.version >= 1 ? req.keyType : 0;
  const r = keyType === TRANSACTION_KEY_TYPE ? engine.txnCoordinator.findCoordinator(req.key) : engine.coordinator.findCoordinator(req.key, keyType);
  return {
    throttleTimeMs: 0, errorCode: r.errorCode,
    // Kafka sends Errors.message(): the default text, and "NONE" on success.
    errorMessage: r.errorCode === ErrorCode.NONE ? 'NONE' : defaultMessage(r.errorCode),
    nodeId: r.nodeId, host: r.host, port: r.port,
  };
}
