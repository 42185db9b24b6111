// Fetch (API key 1): versions 0-11, never flexible here (v0-3 get message format v0/v1:
// records/convert.ts).
// Field layout follows Kafka 3.9's FetchRequest/FetchResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface FetchPartition {
  partition: number;
  currentLeaderEpoch?: number;
  fetchOffset: number;
  logStartOffset?: number;
  partitionMaxBytes: number;
}

export interface FetchTopic {
  topic: string;
  partitions: FetchPartition[];
}

export interface ForgottenTopic {
  topic: string;
  partitions: number[];
}

export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  sessionId?: number;
  sessionEpoch?: number;
  topics: FetchTopic[];
  forgottenTopicsData?: ForgottenTopic[];
  rackId?: string;
}

export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

export interface PartitionData {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset?: number;
  abortedTransactions: AbortedTransaction[] | null;
  preferredReadReplica?: number;
  records: Buffer | null;
}

export interface FetchableTopicResponse {
  topic: string;
  partitions: PartitionData[];
}

export interface FetchResponse {
  throttleTimeMs: number;
  errorCode?: number;
  sessionId?: number;
  responses: FetchableTopicResponse[];
}

export const fetch: ApiSpec = {
  apiKey: 1,
  name: 'Fetch',
  validVersions: '0-11',
  flexibleVersions: 'none',
  request: [
    { name: 'replicaId', type: 'int32', versions: '0-14', default: -1 },
    { name: 'maxWaitMs', type: 'int32', versions: '0+' },
    { name: 'minBytes', type: 'int32', versions: '0+' },
    { name: 'maxBytes', type: 'int32', versions: '3+', default: 2147483647 },
    { name: 'isolationLevel', type: 'int8', versions: '4+' },
    { name: 'sessionId', type: 'int32', versions: '7+' },
    { name: 'sessionEpoch', type: 'int32', versions: '7+', default: -1 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0-12' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partition', type: 'int32', versions: '0+' },
        { name: 'currentLeaderEpoch', type: 'int32', versions: '9+', default: -1 },
        { name: 'fetchOffset', type: 'int64', versions: '0+' },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
        { name: 'partitionMaxBytes', type: 'int32', versions: '0+' },
      ] },
    ] },
    { name: 'forgottenTopicsData', type: '[]', versions: '7+', fields: [
      { name: 'topic', type: 'string', versions: '7-12' },
      { name: 'partitions', type: '[]int32', versions: '7+' },
    ] },
    { name: 'rackId', type: 'string', versions: '11+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '7+' },
    { name: 'sessionId', type: 'int32', versions: '7+' },
    { name: 'responses', type: '[]', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0-12' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'highWatermark', type: 'int64', versions: '0+' },
        { name: 'lastStableOffset', type: 'int64', versions: '4+', default: -1 },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
        { name: 'abortedTransactions', type: '[]', versions: '4+', nullableVersions: '4+', fields: [
          { name: 'producerId', type: 'int64', versions: '4+' },
          { name: 'firstOffset', type: 'int64', versions: '4+' },
        ] },
        { name: 'preferredReadReplica', type: 'int32', versions: '11+', default: -1 },
        { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
};
