// DescribeCluster: the cluster id, the brokers and, as a KRaft broker answers, a live broker as
// the controller. A broker serves only the broker endpoint type (AuthHelper): any other gets
// UNSUPPORTED_ENDPOINT_TYPE / MISMATCHED_ENDPOINT_TYPE (INVALID_REQUEST at v0) with Kafka's text.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import {
  ENDPOINT_TYPE_BROKER, ENDPOINT_TYPE_CONTROLLER, type DescribeClusterRequest, type DescribeClusterResponse,
} from '../../../protocol/messages/describe-cluster';
import { AUTHORIZED_OPERATIONS_OMITTED, CLUSTER_OPERATIONS } from '../../authorized-operations';

const ENDPOINT_TYPE_NAMES: Record<number, string> = { [ENDPOINT_TYPE_BROKER]: 'BROKER', [ENDPOINT_TYPE_CONTROLLER]: 'CONTROLLER' };

export function handleDescribeCluster(engine: Engine, req: DescribeClusterRequest, ctx: RequestContext): DescribeClusterResponse {
  const md = engine.metadata;
  const base: DescribeClusterResponse = {
    throttleTimeMs: 0, errorCode: 0, errorMessage: null, endpointType: ENDPOINT_TYPE_BROKER, clusterId: md.clusterId,
    controllerId: -1, brokers: [], clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
  const requested = req.endpointType ?? ENDPOINT_TYPE_BROKER;
  if (!(requested in ENDPOINT_TYPE_NAMES)) {
    return { ...base, clusterId: '', errorCode: ctx.version === 0 ? ErrorCode.INVALID_REQUEST : ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
      errorMessage: `Unsupported endpoint type ${requested}` };
  }
  if (requested !== ENDPOINT_TYPE_BROKER) {
    return { ...base, clusterId: '', errorCode: ctx.version === 0 ? ErrorCode.INVALID_REQUEST : ErrorCode.MISMATCHED_ENDPOINT_TYPE,
      errorMessage: `The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type ${ENDPOINT_TYPE_NAMES[requested]}` };
  }
  const brokers = md.brokers().map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack, isFenced: false }));
  const controllerId = md.controllerId();
  return {
    ...base,
    controllerId: brokers.some((b) => b.brokerId === controllerId) ? controllerId : -1,
    brokers,
    clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
  };
}
