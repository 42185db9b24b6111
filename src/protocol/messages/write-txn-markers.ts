// WriteTxnMarkers (API key 27): the transaction coordinator asks partition leaders to write COMMIT/ABORT markers.
// Versions 0-2, flexible from 1+, as Kafka 4.4's WriteTxnMarkersRequest/WriteTxnMarkersResponse message
// definitions, with v0 (v1 not flexible) that Kafka 3.9 still served. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface WriteTxnMarkersResponse {
  markers: WriteTxnMarkersWritableTxnMarkerResult[];
}

export interface WriteTxnMarkersWritableTxnMarkerResult {
  producerId: number;
  topics: WriteTxnMarkersWritableTxnMarkerTopicResult[];
}

export interface WriteTxnMarkersWritableTxnMarkerTopicResult {
  name: string;
  partitions: WriteTxnMarkersWritableTxnMarkerPartitionResult[];
}

export interface WriteTxnMarkersWritableTxnMarkerPartitionResult {
  partitionIndex: number;
  errorCode: number;
}

export interface WriteTxnMarkersRequest {
  markers: WriteTxnMarkersWritableTxnMarker[];
}

export interface WriteTxnMarkersWritableTxnMarker {
  producerId: number;
  producerEpoch: number;
  transactionResult: boolean;
  topics: WriteTxnMarkersWritableTxnMarkerTopic[];
  coordinatorEpoch: number;
  transactionVersion?: number;
}

export interface WriteTxnMarkersWritableTxnMarkerTopic {
  name: string;
  partitionIndexes: number[];
}

export const writeTxnMarkers: ApiSpec = {
  apiKey: 27,
  name: 'WriteTxnMarkers',
  validVersions: '0-2',
  flexibleVersions: '1+',
  request: [
    { name: 'markers', type: '[]', versions: '0+', fields: [
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' },
      { name: 'transactionResult', type: 'bool', versions: '0+' },
      { name: 'topics', type: '[]', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'partitionIndexes', type: '[]int32', versions: '0+' },
      ] },
      { name: 'coordinatorEpoch', type: 'int32', versions: '0+' },
      { name: 'transactionVersion', type: 'int8', versions: '2+', default: 0 },
    ] },
  ],
  response: [
    { name: 'markers', type: '[]', versions: '0+', fields: [
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'topics', type: '[]', versions: '0+', fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'partitions', type: '[]', versions: '0+', fields: [
          { name: 'partitionIndex', type: 'int32', versions: '0+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
        ] },
      ] },
    ] },
  ],
};
