// AddOffsetsToTxn: the consumer group's __consumer_offsets partition joins the transaction, so
// the offsets the producer commits with TxnOffsetCommit become visible with its COMMIT marker.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { AddOffsetsToTxnRequest } from '../../../protocol/messages/add-offsets-to-txn';
import { fencedForVersion } from './txn-errors';

export async function handleAddOffsetsToTxn(engine: Engine, req: AddOffsetsToTxnRequest, ctx: RequestContext): Promise<unknown> {
  const code = await engine.txnCoordinator.addOffsets(req.transactionalId, req.producerId, req.producerEpoch, req.groupId);
  return { throttleTimeMs: 0, errorCode: fencedForVersion(code, ctx.version, 2) };
}
