// Heartbeat v0-3: keeps the member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
import type { Engine } from '../../engine';
import { ErrorCode } from '../../../protocol/errors';

export function handleHeartbeat(engine: Engine, req: any): unknown {
  if (req.groupId === '') return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_GROUP_ID };
  const errorCode = engine.coordinator.membership.heartbeat(req.groupId, req.memberId, req.groupInstanceId ?? null, req.generationId);
  return { throttleTimeMs: 0, errorCode };
}
