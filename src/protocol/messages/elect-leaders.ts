// ElectLeaders (API key 43): preferred (0) or unclean (1) leader elections, run by the
// controller. Versions 0-2, flexible from 2 (Kafka 3.9's ElectLeadersRequest/Response).
import { ApiSpec } from '../schema';

export interface ElectLeadersRequest {
  electionType: number;
  /** null: every partition. */
  topicPartitions: { topic: string; partitions: number[] }[] | null;
  timeoutMs: number;
}

export interface ElectLeadersResponse {
  throttleTimeMs: number;
  errorCode: number;
  replicaElectionResults: { topic: string; partitionResult: { partitionId: number; errorCode: number; errorMessage: string | null }[] }[];
}

export const electLeaders: ApiSpec = {
  apiKey: 43,
  name: 'ElectLeaders',
  validVersions: '0-2',
  flexibleVersions: '2+',
  request: [
    { name: 'electionType', type: 'int8', versions: '1+', default: 0 },
    { name: 'topicPartitions', type: '[]', versions: '0+', nullableVersions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]int32', versions: '0+' },
    ] },
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '1+', default: 0 },
    { name: 'replicaElectionResults', type: '[]', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0+' },
      { name: 'partitionResult', type: '[]', versions: '0+', fields: [
        { name: 'partitionId', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      ] },
    ] },
  ],
};
