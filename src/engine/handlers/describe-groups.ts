// DescribeGroups: state, protocol and members; member metadata and assignments only when the
// group is Stable. A group the coordinator does not know is state Dead before v6, and from v6
// GROUP_ID_NOT_FOUND with Kafka's message (GroupMetadataManager.describeGroups).
import type { Engine } from '../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../protocol/errors';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from '../../protocol/messages/describe-groups';

export function handleDescribeGroups(engine: Engine, req: DescribeGroupsRequest, ctx: RequestContext): DescribeGroupsResponse {
  const groups = req.groups.map((id) => {
    const g = engine.coordinator.describeGroup(id, req.includeAuthorizedOperations === true);
    if (ctx.version >= 6 && g.errorCode === ErrorCode.NONE && g.groupState === 'Dead' && g.members.length === 0) {
      return { ...g, groupState: '', errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${id} not found.` };
    }
    return g;
  });
  return { throttleTimeMs: 0, groups };
}
