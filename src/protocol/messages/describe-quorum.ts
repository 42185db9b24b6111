// DescribeQuorum (API key 55): the metadata quorum's leader, voters and observers, which
// kafka-metadata-quorum prints. Versions 0-2, flexible (Kafka 3.9's DescribeQuorumRequest/Response).
import { ApiSpec } from '../schema';

export interface QuorumReplicaState {
  replicaId: number;
  replicaDirectoryId: string;
  logEndOffset: number;
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
}

export interface DescribeQuorumRequest {
  topics: { topicName: string; partitions: { partitionIndex: number }[] }[];
}

export interface DescribeQuorumResponse {
  errorCode: number;
  errorMessage: string | null;
  topics: {
    topicName: string;
    partitions: {
      partitionIndex: number; errorCode: number; errorMessage: string | null; leaderId: number; leaderEpoch: number;
      highWatermark: number; currentVoters: QuorumReplicaState[]; observers: QuorumReplicaState[];
    }[];
  }[];
  nodes: { nodeId: number; listeners: { name: string; host: string; port: number }[] }[];
}

const replicaState = [
  { name: 'replicaId', type: 'int32', versions: '0+' },
  { name: 'replicaDirectoryId', type: 'uuid', versions: '2+' },
  { name: 'logEndOffset', type: 'int64', versions: '0+' },
  { name: 'lastFetchTimestamp', type: 'int64', versions: '1+', default: -1 },
  { name: 'lastCaughtUpTimestamp', type: 'int64', versions: '1+', default: -1 },
] as const;

export const describeQuorum: ApiSpec = {
  apiKey: 55,
  name: 'DescribeQuorum',
  validVersions: '0-2',
  flexibleVersions: '0+',
  request: [
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topicName', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
      ] },
    ] },
  ],
  response: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '2+', nullableVersions: '2+', default: null },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topicName', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '2+', nullableVersions: '2+', default: null },
        { name: 'leaderId', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '0+' },
        { name: 'highWatermark', type: 'int64', versions: '0+' },
        { name: 'currentVoters', type: '[]', versions: '0+', fields: [...replicaState] },
        { name: 'observers', type: '[]', versions: '0+', fields: [...replicaState] },
      ] },
    ] },
    { name: 'nodes', type: '[]', versions: '2+', default: [], fields: [
      { name: 'nodeId', type: 'int32', versions: '2+' },
      { name: 'listeners', type: '[]', versions: '2+', fields: [
        { name: 'name', type: 'string', versions: '2+' },
        { name: 'host', type: 'string', versions: '2+' },
        { name: 'port', type: 'uint16', versions: '2+' },
      ] },
    ] },
  ],
};
