// ListConfigResources (API key 74; ListClientMetricsResources as version 0): versions 0-1,
// flexible. The config resources a broker knows of, by type (version 1), or the client metrics
// subscriptions (version 0).
import { ApiSpec } from '../schema';

export interface ListConfigResourcesRequest {
  /** v1: the types to list (empty: every type); v0 lists client metrics. */
  resourceTypes: number[];
}

export interface ListConfigResourcesResponse {
  throttleTimeMs: number;
  errorCode: number;
  configResources: { resourceName: string; resourceType: number }[];
}

export const listConfigResources: ApiSpec = {
  apiKey: 74,
  name: 'ListConfigResources',
  validVersions: '0-1',
  flexibleVersions: '0+',
  request: [
    { name: 'resourceTypes', type: '[]int8', versions: '1+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'configResources', type: '[]', versions: '0+', fields: [
      { name: 'resourceName', type: 'string', versions: '0+' },
      { name: 'resourceType', type: 'int8', versions: '1+', default: 16 },
    ] },
  ],
};
