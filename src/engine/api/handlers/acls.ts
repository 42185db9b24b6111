// DescribeAcls, CreateAcls, DeleteAcls as a Kafka broker answers them without an authorizer
// (authorizer.class.name unset, the default): every call fails with SECURITY_DISABLED and Kafka's
// texts, which kafka-acls and Admin.describeAcls show as "No Authorizer is configured...".
// This engine has no authorizer, so it never stores ACLs. A binding or filter with an UNKNOWN (0 or
// unknown code) resource type, pattern type, operation or permission type is a malformed request to Kafka,
// which closes the connection (observed on Kafka 4.4); so does the engine.
import type { RequestContext } from '.';
import type { Engine } from '../../engine';
import { CloseConnection } from '../dispatch';
import { ErrorCode } from '../../../protocol/errors';
import type {
  CreateAclsRequest, CreateAclsResponse, DeleteAclsRequest, DeleteAclsResponse, DescribeAclsRequest, DescribeAclsResponse,
} from '../../../protocol/messages/acls';

const NO_AUTHORIZER = 'No Authorizer is configured.';

/**
 * The highest code of each enum (resource type, pattern type, operation, permission type) in
 * Kafka 4.4; 0 and any code Kafka does not know read as UNKNOWN (its fromCode), checked on the jar.
 */
const HIGHEST = [7, 4, 15, 3];

function refuseUnknown(name: string, codes: number[]): void {
  if (codes.some((c, i) => c <= 0 || c > HIGHEST[i])) throw new CloseConnection(`${name} contains UNKNOWN elements`);
}

export function handleDescribeAcls(_engine: Engine, req: DescribeAclsRequest, _ctx: RequestContext): DescribeAclsResponse {
  refuseUnknown('DescribeAclsRequest', [req.resourceTypeFilter, req.patternTypeFilter ?? 3, req.operation, req.permissionType]);
  return { throttleTimeMs: 0, errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: 'No Authorizer is configured on the broker', resources: [] };
}

export function handleCreateAcls(_engine: Engine, req: CreateAclsRequest, _ctx: RequestContext): CreateAclsResponse {
  for (const c of req.creations) refuseUnknown('CreateAclsRequest', [c.resourceType, c.resourcePatternType ?? 3, c.operation, c.permissionType]);
  return { throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: NO_AUTHORIZER })) };
}

export function handleDeleteAcls(_engine: Engine, req: DeleteAclsRequest, _ctx: RequestContext): DeleteAclsResponse {
  for (const f of req.filters) refuseUnknown('DeleteAclsRequest', [f.resourceTypeFilter, f.patternTypeFilter ?? 3, f.operation, f.permissionType]);
  return {
    throttleTimeMs: 0,
    filterResults: req.filters.map(() => ({ errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: NO_AUTHORIZER, matchingAcls: [] })),
  };
}
