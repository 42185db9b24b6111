// OffsetForLeaderEpoch (API key 23): where a leader epoch ends on the leader; followers truncate
// to it after a leader change, consumers validate their position with it. Versions 0-4, flexible
// from 4 (Kafka 3.9's OffsetForLeaderEpochRequest/Response definitions).
import { ApiSpec } from '../schema';

export interface OffsetForLeaderPartition {
  partition: number;
  currentLeaderEpoch: number;
  leaderEpoch: number;
}

export interface OffsetForLeaderEpochRequest {
  replicaId: number;
  topics: { topic: string; partitions: OffsetForLeaderPartition[] }[];
}

export interface EpochEndOffset {
  errorCode: number;
  partition: number;
  leaderEpoch: number;
  endOffset: number;
}

export interface OffsetForLeaderEpochResponse {
  throttleTimeMs: number;
  topics: { topic: string; partitions: EpochEndOffset[] }[];
}

export const offsetForLeaderEpoch: ApiSpec = {
  apiKey: 23,
  name: 'OffsetForLeaderEpoch',
  validVersions: '0-4',
  flexibleVersions: '4+',
  request: [
    { name: 'replicaId', type: 'int32', versions: '3+', default: -2 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partition', type: 'int32', versions: '0+' },
        { name: 'currentLeaderEpoch', type: 'int32', versions: '2+', default: -1 },
        { name: 'leaderEpoch', type: 'int32', versions: '0+' },
      ] },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+', default: 0 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'topic', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'partition', type: 'int32', versions: '0+' },
        { name: 'leaderEpoch', type: 'int32', versions: '1+', default: -1 },
        { name: 'endOffset', type: 'int64', versions: '0+', default: -1 },
      ] },
    ] },
  ],
};
