// DescribeCluster (API key 60): versions 0-2, always flexible. What Admin.describeCluster() asks
// a broker that offers it (before, Metadata): cluster id, controller, brokers; v1 names the
// endpoint type (brokers or controllers), v2 may include fenced brokers.
// Field layout follows Kafka 4.4's DescribeClusterRequest/DescribeClusterResponse definitions.
import { ApiSpec } from '../schema';

export interface DescribeClusterRequest {
  includeClusterAuthorizedOperations: boolean;
  endpointType?: number;
  includeFencedBrokers?: boolean;
}

export interface DescribeClusterBroker {
  brokerId: number;
  host: string;
  port: number;
  rack: string | null;
  isFenced?: boolean;
}

export interface DescribeClusterResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  endpointType?: number;
  clusterId: string;
  controllerId: number;
  brokers: DescribeClusterBroker[];
  clusterAuthorizedOperations: number;
}

/** DescribeClusterRequest.EndpointType ids. */
export const ENDPOINT_TYPE_BROKER = 1;
export const ENDPOINT_TYPE_CONTROLLER = 2;

export const describeCluster: ApiSpec = {
  apiKey: 60,
  name: 'DescribeCluster',
  validVersions: '0-2',
  flexibleVersions: '0+',
  request: [
    { name: 'includeClusterAuthorizedOperations', type: 'bool', versions: '0+' },
    { name: 'endpointType', type: 'int8', versions: '1+', default: 1 },
    { name: 'includeFencedBrokers', type: 'bool', versions: '2+' },
  ],
  response: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'endpointType', type: 'int8', versions: '1+', default: 1 },
    { name: 'clusterId', type: 'string', versions: '0+' },
    { name: 'controllerId', type: 'int32', versions: '0+', default: -1 },
    { name: 'brokers', type: '[]', versions: '0+', fields: [
      { name: 'brokerId', type: 'int32', versions: '0+' },
      { name: 'host', type: 'string', versions: '0+' },
      { name: 'port', type: 'int32', versions: '0+' },
      { name: 'rack', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      { name: 'isFenced', type: 'bool', versions: '2+' },
    ] },
    { name: 'clusterAuthorizedOperations', type: 'int32', versions: '0+', default: -2147483648 },
  ],
};
