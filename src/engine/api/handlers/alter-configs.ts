// AlterConfigs (legacy, v0-1): each resource's complete new set of dynamic configs replaces the
// old one. Checks and texts follow a 3.9 KRaft broker: the broker's ConfigAdminManager.preprocess
// (duplicates, null values, broker id, DynamicBrokerConfig validation) then the controller's
// ConfigurationControlManager (LogConfig.validate, topic existence). The helpers here are shared
// with IncrementalAlterConfigs.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { receivingNodeId } from '../forwarding';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { topicNameError } from '../../../protocol/topic-name';
import type { TopicRecord } from '../../storage/topic-store';
import { ResourceConfigs } from '../../resource-configs';

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

function invalidRequest(message: string): never {
  throw KafkaError.from(ErrorCode.INVALID_REQUEST, message);
}

/** Per-resource result, as both AlterConfigs responses carry it. */
export interface ResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

/**
 * Run `apply` for every resource; a resource named twice (same type and name) fails with
 * `Each resource must appear at most once.`; thrown errors become that resource's error.
 */
export function perResource<R extends { resourceType: number; resourceName: string }>(
  resources: readonly R[],
  apply: (r: R) => void,
): ResourceResult[] {
  const count = new Map<string, number>();
  const key = (r: R) => `${r.resourceType}\u0000${r.resourceName}`;
  for (const r of resources) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
  return resources.map((r) => {
    const out: ResourceResult = { errorCode: 0, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName };
    try {
      if ((count.get(key(r)) ?? 0) > 1) invalidRequest('Each resource must appear at most once.');
      apply(r);
    } catch (e) {
      const ke = KafkaError.wrap(e);
      out.errorCode = ke.code;
      // An unexpected failure is reported without details, as Kafka's UNKNOWN_SERVER_ERROR.
      out.errorMessage = ke.code === ErrorCode.UNKNOWN_SERVER_ERROR ? null : ke.message;
    }
    return out;
  });
}

/** ConfigAdminManager.preprocess: duplicate names, then null values (`nullAllowed` = DELETE ops). */
export function checkConfigEntries(configs: readonly { name: string; value: string | null }[], nullAllowed: (i: number) => boolean): void {
  const seen = new Set<string>();
  for (const c of configs) {
    if (seen.has(c.name)) invalidRequest('Error due to duplicate config keys');
    seen.add(c.name);
  }
  const nulls = configs.filter((c, i) => c.value === null && !nullAllowed(i)).map((c) => c.name);
  if (nulls.length > 0) invalidRequest(`Null value not supported for : ${nulls.join(', ')}`);
}

/**
 * A BROKER resource name: '' (cluster default) or this node's id
 * (ConfigAdminManager.validateResourceNameIsCurrentNodeId). Returns true for the cluster default.
 */
export function brokerResource(engine: Engine, name: string, nodeId = engine.settings.nodeId): boolean {
  if (name === '') return true;
  if (!/^[+-]?\d+$/.test(name) || !Number.isSafeInteger(Number(name))) invalidRequest(`Node id must be an integer, but it is: ${name}`);
  if (Number(name) !== nodeId) invalidRequest(`Unexpected broker id, expected ${nodeId}, but received ${name}`);
  return false;
}

/** Replace a topic's overrides after the controller's checks (validation first, then existence). */
export function alterTopic(engine: Engine, name: string, next: ReadonlyMap<string, string>, validateOnly: boolean, existing?: TopicRecord): void {
  if (name === '') invalidRequest('Default topic resources are not allowed.');
  const nameError = topicNameError(name);
  if (nameError) throw KafkaError.from(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError);
  const topic = existing ?? engine.metadata.topic(name);
  if (!topic) {
    // Kafka validates the values before it looks the topic up; do the same for the same answer.
    engine.configs.validateTopicConfigs(next);
    throw KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
  }
  engine.configs.alterTopicConfigs(topic, next, validateOnly);
}

export function unknownResourceType(type: number): never {
  invalidRequest(`Unknown resource type ${type}`);
}

export function handleAlterConfigs(engine: Engine, req: any, ctx: RequestContext): unknown {
  const validateOnly = !!req.validateOnly;
  // A per-broker config belongs to the broker the request reached (it may have been forwarded here).
  const nodeId = receivingNodeId(engine, ctx.clientId);
  const responses = perResource(req.resources as any[], (r) => {
    const configs: { name: string; value: string | null }[] = r.configs;
    checkConfigEntries(configs, () => false);
    const next = new Map(configs.map((c) => [c.name, c.value as string]));
    if (r.resourceType === RESOURCE_BROKER) {
      engine.configs.alterBrokerConfigs(brokerResource(engine, r.resourceName, nodeId), next, validateOnly, nodeId);
    } else if (r.resourceType === RESOURCE_TOPIC) {
      alterTopic(engine, r.resourceName, next, validateOnly);
    } else if (ResourceConfigs.supports(r.resourceType)) {
      engine.resources.alter(r.resourceType, r.resourceName, next, validateOnly);
    } else {
      unknownResourceType(r.resourceType);
    }
  });
  return { throttleTimeMs: 0, responses };
}
