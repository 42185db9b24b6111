// AddOffsetsToTxn (API key 25): a transactional producer adds a group's offsets partition to its transaction.
// Versions 0-4, flexible from 3+, as Kafka 4.4's AddOffsetsToTxnRequest/AddOffsetsToTxnResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface AddOffsetsToTxnResponse {
  throttleTimeMs: number;
  errorCode: number;
}

export interface AddOffsetsToTxnRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  groupId: string;
}

export const addOffsetsToTxn: ApiSpec = {
  apiKey: 25,
  name: 'AddOffsetsToTxn',
  validVersions: '0-4',
  flexibleVersions: '3+',
  request: [
    { name: 'transactionalId', type: 'string', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+' },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'groupId', type: 'string', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
};
