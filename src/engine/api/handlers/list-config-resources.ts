// ListConfigResources (v0-1): the config resources of the asked types (all when none), as a KRaft
// broker lists them: its broker logger and broker resource, every topic, and the groups and client
// metrics subscriptions that have configs. Version 0 lists client metrics subscriptions only.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { ListConfigResourcesRequest, ListConfigResourcesResponse } from '../../../protocol/messages';
import { ErrorCode } from '../../../protocol/errors';
import { RESOURCE_CLIENT_METRICS, RESOURCE_GROUP } from '../../resource-configs';

const TOPIC = 2;
const BROKER = 4;
const BROKER_LOGGER = 8;
const ALL = [BROKER_LOGGER, BROKER, TOPIC, RESOURCE_CLIENT_METRICS, RESOURCE_GROUP];

export function handleListConfigResources(engine: Engine, req: ListConfigResourcesRequest, ctx: RequestContext): ListConfigResourcesResponse {
  const types = ctx.version === 0 ? [RESOURCE_CLIENT_METRICS] : req.resourceTypes.length === 0 ? ALL : [...new Set(req.resourceTypes)];
  if (types.some((t) => !ALL.includes(t))) return { throttleTimeMs: 0, errorCode: ErrorCode.UNSUPPORTED_VERSION, configResources: [] };
  const out: ListConfigResourcesResponse['configResources'] = [];
  const add = (resourceType: number, names: readonly string[]) => {
    for (const resourceName of names) out.push({ resourceName, resourceType });
  };
  for (const t of ALL.filter((x) => types.includes(x))) {
    if (t === BROKER || t === BROKER_LOGGER) add(t, [String(engine.settings.nodeId)]);
    else if (t === TOPIC) add(t, engine.metadata.allTopics().map((topic) => topic.name));
    else add(t, engine.resources.names(t));
  }
  return { throttleTimeMs: 0, errorCode: 0, configResources: out };
}
