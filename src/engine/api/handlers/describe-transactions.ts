// DescribeTransactions: each transactional id's state as its coordinator (this broker) knows it;
// NOT_COORDINATOR for the ids of another broker, TRANSACTIONAL_ID_NOT_FOUND for unknown ones.
import type { Engine } from '../../engine';
import type { DescribeTransactionsRequest } from '../../../protocol/messages/describe-transactions';

export function handleDescribeTransactions(engine: Engine, req: DescribeTransactionsRequest): unknown {
  return { throttleTimeMs: 0, transactionStates: req.transactionalIds.map((id) => engine.txnCoordinator.describe(id)) };
}
