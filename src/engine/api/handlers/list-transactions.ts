// ListTransactions: the transactions this broker coordinates, filtered by state, producer id,
// (v1) minimum running time and (v2) a regular expression on the transactional id.
import type { Engine } from '../../engine';
import type { ListTransactionsRequest } from '../../../protocol/messages/list-transactions';

export function handleListTransactions(engine: Engine, req: ListTransactionsRequest): unknown {
  return {
    throttleTimeMs: 0,
    ...engine.txnCoordinator.list({
      stateFilters: req.stateFilters, producerIdFilters: req.producerIdFilters,
      durationFilter: req.durationFilter ?? -1, transactionalIdPattern: req.transactionalIdPattern ?? null,
    }),
  };
}
