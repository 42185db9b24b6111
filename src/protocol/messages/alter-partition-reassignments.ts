// AlterPartitionReassignments (API key 45) and ListPartitionReassignments (46): move replicas,
// and see the moves in progress. Version 0, flexible (Kafka 3.9's definitions).
import { ApiSpec } from '../schema';

export interface AlterPartitionReassignmentsRequest {
  timeoutMs: number;
  /** replicas null cancels a reassignment in progress. */
  topics: { name: string; partitions: { partitionIndex: number; replicas: number[] | null }[] }[];
}

export interface AlterPartitionReassignmentsResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  responses: { name: string; partitions: { partitionIndex: number; errorCode: number; errorMessage: string | null }[] }[];
}

export interface ListPartitionReassignmentsRequest {
  timeoutMs: number;
  /** null: every reassignment in progress. */
  topics: { name: string; partitionIndexes: number[] }[] | null;
}

export interface ListPartitionReassignmentsResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  topics: { name: string; partitions: { partitionIndex: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[] }[] }[];
}

export const alterPartitionReassignments: ApiSpec = {
  apiKey: 45,
  name: 'AlterPartitionReassignments',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'replicas', type: '[]int32', versions: '0+', nullableVersions: '0+', default: null },
      ] },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'responses', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      ] },
    ] },
  ],
};

export const listPartitionReassignments: ApiSpec = {
  apiKey: 46,
  name: 'ListPartitionReassignments',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
    { name: 'topics', type: '[]', versions: '0+', nullableVersions: '0+', default: null, fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitionIndexes', type: '[]int32', versions: '0+' },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'replicas', type: '[]int32', versions: '0+' },
        { name: 'addingReplicas', type: '[]int32', versions: '0+' },
        { name: 'removingReplicas', type: '[]int32', versions: '0+' },
      ] },
    ] },
  ],
};
