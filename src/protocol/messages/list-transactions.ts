// ListTransactions (API key 66): the transactional ids a coordinator knows, filtered.
// Versions 0-2, flexible from 0+, as Kafka 4.4's ListTransactionsRequest/ListTransactionsResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface ListTransactionsResponse {
  throttleTimeMs: number;
  errorCode: number;
  unknownStateFilters: string[];
  transactionStates: ListTransactionsTransactionState[];
}

export interface ListTransactionsTransactionState {
  transactionalId: string;
  producerId: number;
  transactionState: string;
}

export interface ListTransactionsRequest {
  stateFilters: string[];
  producerIdFilters: number[];
  durationFilter?: number;
  transactionalIdPattern?: string | null;
}

export const listTransactions: ApiSpec = {
  apiKey: 66,
  name: 'ListTransactions',
  validVersions: '0-2',
  flexibleVersions: '0+',
  request: [
    { name: 'stateFilters', type: '[]string', versions: '0+' },
    { name: 'producerIdFilters', type: '[]int64', versions: '0+' },
    { name: 'durationFilter', type: 'int64', versions: '1+', default: -1 },
    { name: 'transactionalIdPattern', type: 'string', versions: '2+', nullableVersions: '2+', default: null },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'unknownStateFilters', type: '[]string', versions: '0+' },
    { name: 'transactionStates', type: '[]', versions: '0+', fields: [
      { name: 'transactionalId', type: 'string', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'transactionState', type: 'string', versions: '0+' },
    ] },
  ],
};
