// FindCoordinator v0-2: the group coordinator is the leader of the group's __consumer_offsets
// partition; the topic is created on first use.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { defaultMessage, ErrorCode } from '../../../protocol/errors';

export function handleFindCoordinator(engine: Engine, req: { key: string; keyType: number }, ctx: RequestContext): unknown {
  const keyType = ctx.version >= 1 ? req.keyType : 0;
  const r = engine.coordinator.findCoordinator(req.key, keyType);
  return {
    throttleTimeMs: 0, errorCode: r.errorCode,
    // Kafka sends Errors.message(): the default text, and "NONE" on success.
    errorMessage: r.errorCode === ErrorCode.NONE ? 'NONE' : defaultMessage(r.errorCode),
    nodeId: r.nodeId, host: r.host, port: r.port,
  };
}
