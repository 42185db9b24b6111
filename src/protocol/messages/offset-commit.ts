// OffsetCommit (API key 8): versions 0-7, never flexible here.
// Field layout follows Kafka 3.9's OffsetCommitRequest/OffsetCommitResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface OffsetCommitRequestPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch?: number;
  /** v1 only: the commit's time (-1: the broker's). */
  commitTimestamp?: number;
  committedMetadata: string | null;
}

export interface OffsetCommitRequestTopic {
  name: string;
  partitions: OffsetCommitRequestPartition[];
}

export interface OffsetCommitRequest {
  groupId: string;
  generationIdOrMemberEpoch: number;
  memberId: string;
  groupInstanceId?: string | null;
  retentionTimeMs?: number;
  topics: OffsetCommitRequestTopic[];
}

export interface OffsetCommitResponsePartition {
  partitionIndex: number;
  errorCode: number;
}

export interface OffsetCommitResponseTopic {
  name: string;
  partitions: OffsetCommitResponsePartition[];
}

export interface OffsetCommitResponse {
  throttleTimeMs?: number;
  topics: OffsetCommitResponseTopic[];
}

export const offsetCommit: ApiSpec = {
  apiKey: 8,
  name: 'OffsetCommit',
  validVersions: '0-7',
  flexibleVersions: 'none',
  request: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationIdOrMemberEpoch', type: 'int32', versions: '1+', default: -1 },
    { name: 'memberId', type: 'string', versions: '1+' },
    { name: 'groupInstanceId', type: 'string', versions: '7+', nullableVersions: '7+', default: null },
    { name: 'retentionTimeMs', type: 'int64', versions: '2-4', default: -1 },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'committedOffset', type: 'int64', versions: '0+' },
        { name: 'committedLeaderEpoch', type: 'int32', versions: '6+', default: -1 },
        { name: 'commitTimestamp', type: 'int64', versions: '1', default: -1 },
        { name: 'committedMetadata', type: 'string', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ] },
    ] },
  ],
};
