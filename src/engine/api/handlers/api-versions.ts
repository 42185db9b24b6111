// ApiVersions: every API this engine has a handler for, with its version range, and from v3 the
// supported and finalized features (features.ts); v3 leaves out supported features whose minimum
// is 0, which clients before KAFKA-17011 reject, as Kafka's broker does. From v5 a client
// may name the cluster and node it means to reach (KIP-1242); when they are not this broker's, it
// is told REBOOTSTRAP_REQUIRED (an empty key list), as KafkaApis answers.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { ADVERTISED } from '../../../protocol/apis';
import { ErrorCode } from '../../../protocol/errors';
import type { ApiVersionsRequest, ApiVersionsResponse } from '../../../protocol/messages/api-versions';
import { HANDLERS } from '.';
import { FINALIZED_FEATURES, FINALIZED_FEATURES_EPOCH, SUPPORTED_FEATURES } from '../../features';

export function handleApiVersions(engine: Engine, req: ApiVersionsRequest, ctx: RequestContext): ApiVersionsResponse {
  if (ctx.version >= 5 && req.clusterId != null
    && (req.clusterId !== engine.metadata.clusterId || req.nodeId !== engine.settings.nodeId)) {
    return { errorCode: ErrorCode.REBOOTSTRAP_REQUIRED, apiKeys: [], throttleTimeMs: 0 };
  }
  const apiKeys = [...ADVERTISED.entries()]
    .filter(([key]) => HANDLERS.has(key))
    .sort((a, b) => a[0] - b[0])
    .map(([apiKey, r]) => ({ apiKey, minVersion: r.min, maxVersion: r.max }));
  if (ctx.version < 3) return { errorCode: 0, apiKeys, throttleTimeMs: 0 };
  return {
    errorCode: 0, apiKeys, throttleTimeMs: 0,
    supportedFeatures: SUPPORTED_FEATURES.filter((f) => ctx.version >= 4 || f.minVersion > 0).map((f) => ({ ...f })),
    finalizedFeaturesEpoch: FINALIZED_FEATURES_EPOCH,
    finalizedFeatures: FINALIZED_FEATURES.map((f) => ({ name: f.name, maxVersionLevel: f.level, minVersionLevel: f.level })),
    zkMigrationReady: false,
  };
}
