// ListOffsets (API key 2): versions 0-11, flexible from 6 (v0 answers a list of offsets, 7 adds the
// MAX_TIMESTAMP sentinel -3, 8 EARLIEST_LOCAL -4, 9 LATEST_TIERED -5, 10 the request's TimeoutMs,
// 11 EARLIEST_PENDING_UPLOAD -6).
// Field layout follows Kafka 3.9's ListOffsetsRequest/ListOffsetsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface ListOffsetsPartition {
  partitionIndex: number;
  currentLeaderEpoch?: number;
  timestamp: number;
  /** v0 only: how many offsets to answer (Kafka 3.9 answers at most one). */
  maxNumOffsets?: number;
}

export interface ListOffsetsTopic {
  name: string;
  partitions: ListOffsetsPartition[];
}

export interface ListOffsetsRequest {
  replicaId: number;
  isolationLevel?: number;
  topics: ListOffsetsTopic[];
  /** v10+: how long a read from remote storage may take. */
  timeoutMs?: number;
}

export interface ListOffsetsPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  /** v0 only: the offsets found (v1+ answer one offset). */
  oldStyleOffsets?: number[];
  timestamp: number;
  offset: number;
  leaderEpoch?: number;
}

export interface ListOffsetsTopicResponse {
  name: string;
  partitions: ListOffsetsPartitionResponse[];
}

export interface ListOffsetsResponse {
  throttleTimeMs?: number;
  topics: ListOffsetsTopicResponse[];
}

export const listOffsets: ApiSpec = {
  apiKey: 2,
  name: 'ListOffsets',
  validVersions: '0-11',
  flexibleVersions: '6+',
  request: [
    { name: 'replicaId', type: 'int32', versions: '0+' },
    { name: 'isolationLevel', type: 'int8', versions: '2+' },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'currentLeaderEpoch', type: 'int32', versions: '4+', default: -1 },
        { name: 'timestamp', type: 'int64', versions: '0+' },
        { name: 'maxNumOffsets', type: 'int32', versions: '0', default: 1 },
      ] },
    ] },
    { name: 'timeoutMs', type: 'int32', versions: '10+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
    { name: 'topics', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitions', type: '[]', versions: '0+', fields: [
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'oldStyleOffsets', type: '[]int64', versions: '0' },
        { name: 'timestamp', type: 'int64', versions: '1+', default: -1 },
        { name: 'offset', type: 'int64', versions: '1+', default: -1 },
        { name: 'leaderEpoch', type: 'int32', versions: '4+', default: -1 },
      ] },
    ] },
  ],
};

/** ListOffsets timestamp sentinels (ListOffsetsRequest.LATEST_TIMESTAMP / EARLIEST_TIMESTAMP). */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
/** ListOffsetsRequest.MAX_TIMESTAMP (v7+): the record with the largest timestamp. */
export const MAX_TIMESTAMP = -3;
/** ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP (v8+) and LATEST_TIERED_TIMESTAMP (v9+). */
export const EARLIEST_LOCAL_TIMESTAMP = -4;
export const LATEST_TIERED_TIMESTAMP = -5;
/** ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP (v11+). */
export const EARLIEST_PENDING_UPLOAD_TIMESTAMP = -6;
