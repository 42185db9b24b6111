// Metadata (API key 3): versions 0-13, flexible from 9; v13 (Kafka 4.x, KIP-1102) adds a
// top-level error code (REBOOTSTRAP_REQUIRED; always 0 here).
// Field layout follows Kafka 3.9's MetadataRequest/MetadataResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface MetadataRequestTopic {
  topicId?: string;
  name: string | null;
}

export interface MetadataRequest {
  topics: MetadataRequestTopic[] | null;
  allowAutoTopicCreation?: boolean;
  includeClusterAuthorizedOperations?: boolean;
  includeTopicAuthorizedOperations?: boolean;
}

export interface MetadataResponseBroker {
  nodeId: number;
  host: string;
  port: number;
  rack?: string | null;
}

export interface MetadataResponsePartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  leaderEpoch?: number;
  replicaNodes: number[];
  isrNodes: number[];
  offlineReplicas?: number[];
}

export interface MetadataResponseTopic {
  errorCode: number;
  name: string | null;
  topicId?: string;
  isInternal?: boolean;
  partitions: MetadataResponsePartition[];
  topicAuthorizedOperations?: number;
}

export interface MetadataResponse {
  throttleTimeMs?: number;
  brokers: MetadataResponseBroker[];
  clusterId?: string | null;
  controllerId?: number;
  topics: MetadataResponseTopic[];
  clusterAuthorizedOperations?: number;
  errorCode?: number;
}

export const metadata: ApiSpec = {
  apiKey: 3,
  name: 'Metadata',
  // v9+ (flexible) are spoken too: from v10 on, Metadata carries topic ids, which
  // kafka-topics --describe prints as a KRaft broker's clients see them.
  validVersions: '0-13',
  flexibleVersions: '9+',
  request: [
    { name: 'topics', type: '[]', versions: '0+', nullableVersions: '1+', fields: [
      { name: 'topicId', type: 'uuid', versions: '10+' },
      { name: 'name', type: 'string', versions: '0+', nullableVersions: '10+' },
    ] },
    { name: 'allowAutoTopicCreation', type: 'bool', versions: '4+', default: true },
    { name: 'includeClusterAuthorizedOperations', type: 'bool', versions: '8-10' },
    { name: 'includeTopicAuthorizedOperations', type: 'bool', versions: '8+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
    { name: 'brokers', type: '[]', versions: '0+', fields: [
      { name: 'nodeId', type: 'int32', versions: '0+' },
      { name: 'host', type: 'string', versions: '0+' },
      { name: 'port', type: 'int32', versions: '0+' },
      { name: 'rack', type: 'string', versions: '1+', nullableVersions: '1+', default: null },
    ] },
    { name: 'clusterId', type: 'string', versions: '2+', nullableVersions: '2+', default: null },
    { name: 'controllerId', type: 'int32', versions: '1+', default: -1 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'name', type: 'string', versions: '0+', nullableVersions: '12+' },
      { name: 'topicId', type: 'uuid', versions: '10+' },
      { name: 'isInternal', type: 'bool', versions: '1+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'leaderId', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '7+', default: -1 },
        { name: 'replicaNodes', type: '[]int32', versions: '0+' },
        { name: 'isrNodes', type: '[]int32', versions: '0+' },
        { name: 'offlineReplicas', type: '[]int32', versions: '5+' },
      ] },
      { name: 'topicAuthorizedOperations', type: 'int32', versions: '8+', default: -2147483648 },
    ] },
    { name: 'clusterAuthorizedOperations', type: 'int32', versions: '8-10', default: -2147483648 },
    { name: 'errorCode', type: 'int16', versions: '13+' },
  ],
};
