// AlterPartition (API key 56): a partition leader asks the controller to change the ISR.
// Versions 0-3, all flexible (Kafka 3.9's AlterPartitionRequest/Response definitions).
import { ApiSpec } from '../schema';

export interface AlterPartitionBrokerState {
  brokerId: number;
  brokerEpoch: number;
}

export interface AlterPartitionPartitionData {
  partitionIndex: number;
  leaderEpoch: number;
  /** v0-2 */
  newIsr: number[];
  /** v3+ */
  newIsrWithEpochs: AlterPartitionBrokerState[];
  leaderRecoveryState: number;
  partitionEpoch: number;
}

export interface AlterPartitionRequest {
  brokerId: number;
  brokerEpoch: number;
  topics: { topicName: string; topicId: string; partitions: AlterPartitionPartitionData[] }[];
}

export interface AlterPartitionPartitionResult {
  partitionIndex: number;
  errorCode: number;
  leaderId: number;
  leaderEpoch: number;
  isr: number[];
  leaderRecoveryState: number;
  partitionEpoch: number;
}

export interface AlterPartitionResponse {
  throttleTimeMs: number;
  errorCode: number;
  topics: { topicName: string; topicId: string; partitions: AlterPartitionPartitionResult[] }[];
}

export const alterPartition: ApiSpec = {
  apiKey: 56,
  name: 'AlterPartition',
  validVersions: '0-3',
  flexibleVersions: '0+',
  request: [
    { name: 'brokerId', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '0+', default: -1 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topicName', type: 'string', versions: '0-1', default: '' },
      { name: 'topicId', type: 'uuid', versions: '2+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '0+' },
        { name: 'newIsr', type: '[]int32', versions: '0-2', default: [] },
        { name: 'newIsrWithEpochs', type: '[]', versions: '3+', default: [], fields: [
          { name: 'brokerId', type: 'int32', versions: '3+' },
          { name: 'brokerEpoch', type: 'int64', versions: '3+', default: -1 },
        ] },
        { name: 'leaderRecoveryState', type: 'int8', versions: '1+', default: 0 },
        { name: 'partitionEpoch', type: 'int32', versions: '0+' },
      ] },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topicName', type: 'string', versions: '0-1', default: '' },
      { name: 'topicId', type: 'uuid', versions: '2+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'leaderId', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '0+' },
        { name: 'isr', type: '[]int32', versions: '0+' },
        { name: 'leaderRecoveryState', type: 'int8', versions: '1+', default: 0 },
        { name: 'partitionEpoch', type: 'int32', versions: '0+' },
      ] },
    ] },
  ],
};
