// AddPartitionsToTxn (API key 24): a transactional producer (v0-3) or a broker verifying a transaction (v4+) adds partitions to it.
// Versions 0-5, flexible from 3+, as Kafka 4.4's AddPartitionsToTxnRequest/AddPartitionsToTxnResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface AddPartitionsToTxnResponse {
  throttleTimeMs: number;
  errorCode?: number;
  resultsByTransaction?: AddPartitionsToTxnResult[];
  resultsByTopicV3AndBelow?: AddPartitionsToTxnTopicResult[];
}

export interface AddPartitionsToTxnTopicResult {
  name: string;
  resultsByPartition: AddPartitionsToTxnPartitionResult[];
}

export interface AddPartitionsToTxnPartitionResult {
  partitionIndex: number;
  partitionErrorCode: number;
}

export interface AddPartitionsToTxnResult {
  transactionalId?: string;
  topicResults?: AddPartitionsToTxnTopicResult[];
}

export interface AddPartitionsToTxnRequest {
  transactions?: AddPartitionsToTxnTransaction[];
  v3AndBelowTransactionalId?: string;
  v3AndBelowProducerId?: number;
  v3AndBelowProducerEpoch?: number;
  v3AndBelowTopics?: AddPartitionsToTxnTopic[];
}

export interface AddPartitionsToTxnTopic {
  name: string;
  partitions: number[];
}

export interface AddPartitionsToTxnTransaction {
  transactionalId?: string;
  producerId?: number;
  producerEpoch?: number;
  verifyOnly?: boolean;
  topics?: AddPartitionsToTxnTopic[];
}

export const addPartitionsToTxn: ApiSpec = {
  apiKey: 24,
  name: 'AddPartitionsToTxn',
  validVersions: '0-5',
  flexibleVersions: '3+',
  request: [
    { name: 'transactions', type: '[]', versions: '4+', fields: [
      { name: 'transactionalId', type: 'string', versions: '4+' },
      { name: 'producerId', type: 'int64', versions: '4+' },
      { name: 'producerEpoch', type: 'int16', versions: '4+' },
      { name: 'verifyOnly', type: 'bool', versions: '4+', default: false },
      { name: 'topics', type: '[]', versions: '4+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' },
      ] },
    ] },
    { name: 'v3AndBelowTransactionalId', type: 'string', versions: '0-3' },
    { name: 'v3AndBelowProducerId', type: 'int64', versions: '0-3' },
    { name: 'v3AndBelowProducerEpoch', type: 'int16', versions: '0-3' },
    { name: 'v3AndBelowTopics', type: '[]', versions: '0-3', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]int32', versions: '0+' },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '4+' },
    { name: 'resultsByTransaction', type: '[]', versions: '4+', fields: [
      { name: 'transactionalId', type: 'string', versions: '4+' },
      { name: 'topicResults', type: '[]', versions: '4+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'resultsByPartition', type: '[]', versions: '0+', fields: [
          { name: 'partitionIndex', type: 'int32', versions: '0+' },
          { name: 'partitionErrorCode', type: 'int16', versions: '0+' },
        ] },
      ] },
    ] },
    { name: 'resultsByTopicV3AndBelow', type: '[]', versions: '0-3', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'resultsByPartition', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'partitionErrorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
};
