// EndTxn: commit or abort the producer's ongoing transaction. Answered once PrepareCommit /
// PrepareAbort is in __transaction_state; the markers follow in the background. v5 is
// transactions v2: the answer carries the producer id and the epoch the end bumped to.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { EndTxnRequest } from '../../../protocol/messages/end-txn';
import { fencedForVersion } from './txn-errors';

const FIRST_TV2_VERSION = 5;

export async function handleEndTxn(engine: Engine, req: EndTxnRequest, ctx: RequestContext): Promise<unknown> {
  const transactionVersion = ctx.version >= FIRST_TV2_VERSION ? 2 : 0;
  const r = await engine.txnCoordinator.endTxn(req.transactionalId, Number(req.producerId), req.producerEpoch, req.committed, transactionVersion);
  return { throttleTimeMs: 0, errorCode: fencedForVersion(r.errorCode, ctx.version, 2), producerId: r.producerId, producerEpoch: r.producerEpoch };
}
