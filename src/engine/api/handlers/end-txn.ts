// EndTxn: commit or abort the producer's ongoing transaction. Answered once PrepareCommit /
// PrepareAbort is in __transaction_state; the markers follow in the background.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { EndTxnRequest } from '../../../protocol/messages/end-txn';
import { fencedForVersion } from './txn-errors';

export async function handleEndTxn(engine: Engine, req: EndTxnRequest, ctx: RequestContext): Promise<unknown> {
  const code = await engine.txnCoordinator.endTxn(req.transactionalId, req.producerId, req.producerEpoch, req.committed);
  return { throttleTimeMs: 0, errorCode: fencedForVersion(code, ctx.version, 2), producerId: -1, producerEpoch: -1 };
}
