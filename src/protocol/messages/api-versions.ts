// ApiVersions (API key 18): versions 0-5, flexible from 3. v4 only lets SupportedFeatures carry a
// MinVersion of 0 (KAFKA-17011); v5 (KIP-1242) names the cluster and node the client expects.
// Field layout follows Kafka 3.9's ApiVersionsRequest/ApiVersionsResponse message definitions, limited to
// the versions we implement. Optional (?) properties exist only in some of those versions; decoded
// objects always carry them (absent ones hold the default).
import { ApiSpec } from '../schema';

export interface ApiVersionsRequest {
  clientSoftwareName?: string;
  clientSoftwareVersion?: string;
  clusterId?: string | null;
  nodeId?: number;
}

export interface ApiVersion {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface SupportedFeatureKey {
  name: string;
  minVersion: number;
  maxVersion: number;
}

export interface FinalizedFeatureKey {
  name: string;
  maxVersionLevel: number;
  minVersionLevel: number;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: ApiVersion[];
  throttleTimeMs?: number;
  supportedFeatures?: SupportedFeatureKey[];
  finalizedFeaturesEpoch?: number;
  finalizedFeatures?: FinalizedFeatureKey[];
  zkMigrationReady?: boolean;
}

export const apiVersions: ApiSpec = {
  apiKey: 18,
  name: 'ApiVersions',
  validVersions: '0-5',
  flexibleVersions: '3+',
  request: [
    { name: 'clientSoftwareName', type: 'string', versions: '3+' },
    { name: 'clientSoftwareVersion', type: 'string', versions: '3+' },
    { name: 'clusterId', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
    { name: 'nodeId', type: 'int32', versions: '5+', default: -1 },
  ],
  response: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'apiKeys', type: '[]', versions: '0+', fields: [
      { name: 'apiKey', type: 'int16', versions: '0+' },
      { name: 'minVersion', type: 'int16', versions: '0+' },
      { name: 'maxVersion', type: 'int16', versions: '0+' },
    ] },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
    { name: 'supportedFeatures', type: '[]', versions: '3+', taggedVersions: '3+', tag: 0, fields: [
      { name: 'name', type: 'string', versions: '3+' },
      { name: 'minVersion', type: 'int16', versions: '3+' },
      { name: 'maxVersion', type: 'int16', versions: '3+' },
    ] },
    { name: 'finalizedFeaturesEpoch', type: 'int64', versions: '3+', taggedVersions: '3+', tag: 1, default: -1 },
    { name: 'finalizedFeatures', type: '[]', versions: '3+', taggedVersions: '3+', tag: 2, fields: [
      { name: 'name', type: 'string', versions: '3+' },
      { name: 'maxVersionLevel', type: 'int16', versions: '3+' },
      { name: 'minVersionLevel', type: 'int16', versions: '3+' },
    ] },
    { name: 'zkMigrationReady', type: 'bool', versions: '3+', taggedVersions: '3+', tag: 3 },
  ],
};
