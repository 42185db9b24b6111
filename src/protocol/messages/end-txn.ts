// EndTxn (API key 26): a transactional producer commits or aborts its transaction.
// Versions 0-5, flexible from 3+, as Kafka 4.4's EndTxnRequest/EndTxnResponse message
// definitions. Optional (?) properties exist only in some versions; decoded objects always carry them.
import { ApiSpec } from '../schema';

export interface EndTxnResponse {
  throttleTimeMs: number;
  errorCode: number;
  producerId?: number;
  producerEpoch?: number;
}

export interface EndTxnRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  committed: boolean;
}

export const endTxn: ApiSpec = {
  apiKey: 26,
  name: 'EndTxn',
  validVersions: '0-5',
  flexibleVersions: '3+',
  request: [
    { name: 'transactionalId', type: 'string', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+' },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'committed', type: 'bool', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '5+', default: -1 },
    { name: 'producerEpoch', type: 'int16', versions: '5+', default: -1 },
  ],
};
