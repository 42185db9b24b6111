// JoinGroup v0-5. The request is parked until the join phase of the rebalance completes.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ErrorCode } from '../../../protocol/errors';
import type { JoinGroupRequest } from '../../../protocol/messages/join-group';
import type { JoinResult } from '../../coordinator/member';
import { clientHostOf } from '../../coordinator/client-host';

function response(r: JoinResult): unknown {
  return {
    throttleTimeMs: 0, errorCode: r.errorCode, generationId: r.generationId, protocolName: r.protocolName ?? '',
    leader: r.leader, memberId: r.memberId, members: r.members,
  };
}

export async function handleJoinGroup(engine: Engine, req: JoinGroupRequest, ctx: RequestContext): Promise<unknown> {
  const fail = (errorCode: number) => response({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId: req.memberId, members: [] });
  if (req.groupId === '') return fail(ErrorCode.INVALID_GROUP_ID);
  const c = engine.coordinator;
  if (req.sessionTimeoutMs < c.config.minSessionTimeoutMs() || req.sessionTimeoutMs > c.config.maxSessionTimeoutMs()) {
    return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
  }
  // v0 has no rebalance timeout: the session timeout serves as both.
  const rebalanceTimeoutMs = ctx.version >= 1 && req.rebalanceTimeoutMs !== undefined && req.rebalanceTimeoutMs >= 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
  const r = await c.membership.join({
    groupId: req.groupId, sessionTimeoutMs: req.sessionTimeoutMs, rebalanceTimeoutMs, memberId: req.memberId,
    groupInstanceId: req.groupInstanceId ?? null, protocolType: req.protocolType, protocols: req.protocols,
  }, { apiVersion: ctx.version, clientId: ctx.clientId ?? '', clientHost: clientHostOf(ctx) });
  return response(r);
}
