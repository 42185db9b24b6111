// FindCoordinator (API key 10): versions 0-2, never flexible here.
// Field layout follows Kafka 3.9's FindCoordinatorRequest/FindCoordinatorResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface FindCoordinatorRequest {
  key: string;
  keyType?: number;
}

export interface FindCoordinatorResponse {
  throttleTimeMs?: number;
  errorCode: number;
  errorMessage?: string | null;
  nodeId: number;
  host: string;
  port: number;
}

export const findCoordinator: ApiSpec = {
  apiKey: 10,
  name: 'FindCoordinator',
  validVersions: '0-2',
  flexibleVersions: 'none',
  request: [
    { name: 'key', type: 'string', versions: '0-3' },
    { name: 'keyType', type: 'int8', versions: '1+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'errorCode', type: 'int16', versions: '0-3' },
    { name: 'errorMessage', type: 'string', versions: '1-3', nullableVersions: '1-3' },
    { name: 'nodeId', type: 'int32', versions: '0-3' },
    { name: 'host', type: 'string', versions: '0-3' },
    { name: 'port', type: 'int32', versions: '0-3' },
  ],
};
