// DescribeGroups v0-6: state, protocol and members; member metadata and assignments only when
// the group is Stable. A group that does not exist is state Dead, and from v6 (KIP-1043) also
// GROUP_ID_NOT_FOUND with Kafka's message.
import type { Engine } from '../../engine';
import type { RequestContext } from './index';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from '../../../protocol/messages/describe-groups';

export function handleDescribeGroups(engine: Engine, req: DescribeGroupsRequest, ctx: RequestContext): DescribeGroupsResponse {
  const groups = req.groups.map((id) => engine.coordinator.describeGroup(id, req.includeAuthorizedOperations === true, ctx.version >= 6));
  return { throttleTimeMs: 0, groups };
}
