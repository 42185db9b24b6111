// IncrementalAlterConfigs (v0): SET / DELETE / APPEND / SUBTRACT operations on a resource's
// dynamic configs; the resulting set is validated and stored as AlterConfigs does (shared helpers
// in alter-configs.ts). List operations follow the 3.9 KRaft controller for topics
// (ConfigurationControlManager) and the broker's ConfigAdminManager.prepareIncrementalConfigs for
// broker resources.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { receivingNodeId } from '../forwarding';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { brokerConfigDef } from '../../../config/broker-configs';
import { topicConfigDef } from '../../../config/topic-configs';
import { groupConfigDef } from '../../../config/group-configs';
import { clientMetricsConfigDef } from '../../../config/client-metrics-configs';
import { RESOURCE_GROUP, ResourceConfigs } from '../../resource-configs';
import type { ConfigDef } from '../../../config/types';
import {
  alterTopic, brokerResource, checkConfigEntries, perResource, RESOURCE_BROKER, RESOURCE_TOPIC, unknownResourceType,
} from './alter-configs';

const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;
const OP_NAMES = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

interface Op {
  name: string;
  configOperation: number;
  value: string | null;
}

/** Non-empty comma-separated parts of a list value (null -> the config's default). */
function parts(value: string | null | undefined, def: ConfigDef | undefined): string[] {
  const v = value ?? def?.default ?? null;
  return v === null ? [] : v.split(',').filter((p) => p !== '');
}

/** The resulting config set after applying `ops` to `current`. */
function applyOps(current: ReadonlyMap<string, string>, ops: readonly Op[], defOf: (name: string) => ConfigDef | undefined, broker: boolean): Map<string, string> {
  const next = new Map(current);
  for (const op of ops) {
    switch (op.configOperation) {
      case SET:
        next.set(op.name, op.value as string);
        break;
      case DELETE:
        next.delete(op.name);
        break;
      case APPEND:
      case SUBTRACT: {
        const def = defOf(op.name);
        if (def?.type !== 'list') {
          if (broker && !def) throw KafkaError.from(ErrorCode.UNKNOWN_SERVER_ERROR);
          throw KafkaError.from(ErrorCode.INVALID_CONFIG, broker
            ? `Config value ${op.configOperation === APPEND ? 'append' : 'subtract'} is not allowed for config key: ${op.name}`
            : `Can't ${OP_NAMES[op.configOperation]} to key ${op.name} because its type is not LIST.`);
        }
        const list = parts(next.get(op.name), def);
        const given = (op.value ?? '').split(',');
        if (op.configOperation === APPEND) {
          for (const v of given) if (!list.includes(v)) list.push(v);
        } else {
          for (const v of given) {
            const i = list.indexOf(v);
            if (i >= 0) list.splice(i, 1);
          }
        }
        next.set(op.name, list.join(','));
        break;
      }
      default:
        throw KafkaError.from(ErrorCode.INVALID_REQUEST, `Unknown operations type ${op.configOperation}`);
    }
  }
  return next;
}

export function handleIncrementalAlterConfigs(engine: Engine, req: any, ctx: RequestContext): unknown {
  const validateOnly = !!req.validateOnly;
  // A per-broker config belongs to the broker the request reached (it may have been forwarded here).
  const nodeId = receivingNodeId(engine, ctx.clientId);
  const responses = perResource(req.resources as any[], (r) => {
    const ops: Op[] = r.configs;
    checkConfigEntries(ops, (i) => ops[i].configOperation === DELETE);
    if (r.resourceType === RESOURCE_BROKER) {
      const clusterDefault = brokerResource(engine, r.resourceName, nodeId);
      const next = applyOps(engine.configs.dynamicBrokerConfigs(clusterDefault, nodeId), ops, brokerConfigDef, true);
      engine.configs.alterBrokerConfigs(clusterDefault, next, validateOnly, nodeId);
    } else if (r.resourceType === RESOURCE_TOPIC) {
      const topic = engine.metadata.topic(r.resourceName);
      const next = applyOps(topic?.configs ?? new Map(), ops, topicConfigDef, false);
      alterTopic(engine, r.resourceName, next, validateOnly, topic);
    } else if (ResourceConfigs.supports(r.resourceType)) {
      const defOf = r.resourceType === RESOURCE_GROUP ? groupConfigDef : clientMetricsConfigDef;
      const next = applyOps(engine.resources.current(r.resourceType, r.resourceName), ops, defOf, false);
      engine.resources.alter(r.resourceType, r.resourceName, next, validateOnly);
    } else {
      unknownResourceType(r.resourceType);
    }
  });
  return { throttleTimeMs: 0, responses };
}
