// LeaveGroup v0-3: v0-2 name one member; v3 takes a batch (members or static instance ids).
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';

export function handleLeaveGroup(engine: Engine, req: any, ctx: RequestContext): unknown {
  const batch = ctx.version >= 3;
  if (req.groupId === '') return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
  const members = batch
    ? (req.members as { memberId: string; groupInstanceId: string | null }[]).map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null }))
    : [{ memberId: req.memberId as string, groupInstanceId: null }];
  const r = engine.coordinator.membership.leave(req.groupId, members);
  if (batch) return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
  // Before v3 the single member's error is the top-level error (LeaveGroupResponse.getErrorCode).
  return { throttleTimeMs: 0, errorCode: r.errorCode !== ErrorCode.NONE ? r.errorCode : r.members[0]?.errorCode ?? ErrorCode.NONE };
}
