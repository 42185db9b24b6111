// AllocateProducerIds (API key 67): a broker asks the controller for a block of producer ids.
// Version 0, flexible (Kafka 3.9's AllocateProducerIdsRequest/Response).
import { ApiSpec } from '../schema';

export interface AllocateProducerIdsRequest {
  brokerId: number;
  brokerEpoch: number;
}

export interface AllocateProducerIdsResponse {
  throttleTimeMs: number;
  errorCode: number;
  producerIdStart: number;
  producerIdLen: number;
}

export const allocateProducerIds: ApiSpec = {
  apiKey: 67,
  name: 'AllocateProducerIds',
  validVersions: '0',
  flexibleVersions: '0+',
  request: [
    { name: 'brokerId', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '0+', default: -1 },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'producerIdStart', type: 'int64', versions: '0+' },
    { name: 'producerIdLen', type: 'int32', versions: '0+' },
  ],
};
