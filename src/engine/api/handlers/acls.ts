// DescribeAcls, CreateAcls, DeleteAcls as a Kafka broker answers them without an authorizer
// (authorizer.class.name unset, the default): every call fails with SECURITY_DISABLED and Kafka's
// texts, which kafka-acls and Admin.describeAcls show as "No Authorizer is configured...".
// This engine has no authorizer, so it never stores ACLs.
import type { RequestContext } from '.';
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';
import type {
  CreateAclsRequest, CreateAclsResponse, DeleteAclsRequest, DeleteAclsResponse, DescribeAclsRequest, DescribeAclsResponse,
} from '../../../protocol/messages/acls';

const NO_AUTHORIZER = 'No Authorizer is configured.';

export function handleDescribeAcls(_engine: Engine, _req: DescribeAclsRequest, _ctx: RequestContext): DescribeAclsResponse {
  return { throttleTimeMs: 0, errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: 'No Authorizer is configured on the broker', resources: [] };
}

export function handleCreateAcls(_engine: Engine, req: CreateAclsRequest, _ctx: RequestContext): CreateAclsResponse {
  return { throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: NO_AUTHORIZER })) };
}

export function handleDeleteAcls(_engine: Engine, req: DeleteAclsRequest, _ctx: RequestContext): DeleteAclsResponse {
  return {
    throttleTimeMs: 0,
    filterResults: req.filters.map(() => ({ errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: NO_AUTHORIZER, matchingAcls: [] })),
  };
}
