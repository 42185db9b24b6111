// Produce (API key 0): versions 0-8, never flexible here (v0-2 carry message format v0/v1:
// records/legacy.ts).
// Field layout follows Kafka 3.9's ProduceRequest/ProduceResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface PartitionProduceData {
  index: number;
  records: Buffer | null;
}

export interface TopicProduceData {
  name: string;
  partitionData: PartitionProduceData[];
}

export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topicData: TopicProduceData[];
}

export interface BatchIndexAndErrorMessage {
  batchIndex: number;
  batchIndexErrorMessage: string | null;
}

export interface PartitionProduceResponse {
  index: number;
  errorCode: number;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset?: number;
  recordErrors?: BatchIndexAndErrorMessage[];
  errorMessage?: string | null;
}

export interface TopicProduceResponse {
  name: string;
  partitionResponses: PartitionProduceResponse[];
}

export interface ProduceResponse {
  responses: TopicProduceResponse[];
  throttleTimeMs: number;
}

export const produce: ApiSpec = {
  apiKey: 0,
  name: 'Produce',
  validVersions: '0-8',
  flexibleVersions: 'none',
  request: [
    { name: 'transactionalId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    { name: 'acks', type: 'int16', versions: '0+' },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
    { name: 'topicData', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitionData', type: '[]', versions: '0+', fields: [
        { name: 'index', type: 'int32', versions: '0+' },
        { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' },
      ] },
    ] },
  ],
  response: [
    { name: 'responses', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'partitionResponses', type: '[]', versions: '0+', fields: [
        { name: 'index', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'baseOffset', type: 'int64', versions: '0+' },
        { name: 'logAppendTimeMs', type: 'int64', versions: '2+', default: -1 },
        { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1 },
        { name: 'recordErrors', type: '[]', versions: '8+', fields: [
          { name: 'batchIndex', type: 'int32', versions: '8+' },
          { name: 'batchIndexErrorMessage', type: 'string', versions: '8+', nullableVersions: '8+', default: null },
        ] },
        { name: 'errorMessage', type: 'string', versions: '8+', nullableVersions: '8+', default: null },
      ] },
    ] },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
  ],
};
