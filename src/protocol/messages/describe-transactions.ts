// DescribeTransactions (API key 65): the state of transactional ids, from their coordinator.
// Versions 0, flexible from 0+, as Kafka 4.4's DescribeTransactionsRequest/DescribeTransactionsResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface DescribeTransactionsResponse {
  throttleTimeMs: number;
  transactionStates: DescribeTransactionsTransactionState[];
}

export interface DescribeTransactionsTransactionState {
  errorCode: number;
  transactionalId: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: number;
  producerId: number;
  producerEpoch: number;
  topics: DescribeTransactionsTopicData[];
}

export interface DescribeTransactionsTopicData {
  topic: string;
  partitions: number[];
}

export interface DescribeTransactionsRequest {
  transactionalIds: string[];
}

export const describeTransactions: ApiSpec = {
  apiKey: 65,
  name: 'DescribeTransactions',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'transactionalIds', type: '[]string', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'transactionStates', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'transactionalId', type: 'string', versions: '0+' },
      { name: 'transactionState', type: 'string', versions: '0+' },
      { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
      { name: 'transactionStartTimeMs', type: 'int64', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' },
      { name: 'topics', type: '[]', versions: '0+', fields: [
        { name: 'topic', type: 'string', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' },
      ] },
    ] },
  ],
};
