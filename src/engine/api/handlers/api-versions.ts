// ApiVersions: every API this engine has a handler for, with its version range. From v5 a client
// may name the cluster and node it means to reach (KIP-1242); when they are not this broker's, it
// is told REBOOTSTRAP_REQUIRED (an empty key list), as KafkaApis answers.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ADVERTISED } from '../../../protocol/apis';
import { ErrorCode } from '../../../protocol/errors';
import type { ApiVersionsRequest, ApiVersionsResponse } from '../../../protocol/messages/api-versions';
import { HANDLERS } from '.';

export function handleApiVersions(engine: Engine, req: ApiVersionsRequest, ctx: RequestContext): ApiVersionsResponse {
  if (ctx.version >= 5 && req.clusterId != null
    && (req.clusterId !== engine.metadata.clusterId || req.nodeId !== engine.settings.nodeId)) {
    return { errorCode: ErrorCode.REBOOTSTRAP_REQUIRED, apiKeys: [], throttleTimeMs: 0 };
  }
  const apiKeys = [...ADVERTISED.entries()]
    .filter(([key]) => HANDLERS.has(key))
    .sort((a, b) => a[0] - b[0])
    .map(([apiKey, r]) => ({ apiKey, minVersion: r.min, maxVersion: r.max }));
  return { errorCode: 0, apiKeys, throttleTimeMs: 0 };
}
