// SyncGroup v0-3: the leader hands in the assignment; every member is answered with its own part
// once the leader's SyncGroup has been stored.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';

export async function handleSyncGroup(engine: Engine, req: any): Promise<unknown> {
  if (req.groupId === '') return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_GROUP_ID, assignment: Buffer.alloc(0) };
  const r = await engine.coordinator.membership.sync({
    groupId: req.groupId, generationId: req.generationId, memberId: req.memberId,
    groupInstanceId: req.groupInstanceId ?? null, assignments: req.assignments,
  }, null, null);
  return { throttleTimeMs: 0, errorCode: r.errorCode, assignment: r.assignment };
}
