// DeleteTopics (API key 20): versions 0-3, never flexible here.
// Field layout follows Kafka 3.9's DeleteTopicsRequest/DeleteTopicsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface DeleteTopicsRequest {
  topicNames: string[];
  timeoutMs: number;
}

export interface DeletableTopicResult {
  name: string;
  errorCode: number;
}

export interface DeleteTopicsResponse {
  throttleTimeMs?: number;
  responses: DeletableTopicResult[];
}

export const deleteTopics: ApiSpec = {
  apiKey: 20,
  name: 'DeleteTopics',
  validVersions: '0-3',
  flexibleVersions: 'none',
  request: [
    { name: 'topicNames', type: '[]string', versions: '0-5' },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'responses', type: '[]', versions: '0+', fields: [
      { name: 'name', type: 'string', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
    ] },
  ],
};
