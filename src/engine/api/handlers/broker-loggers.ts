// BROKER_LOGGER config resources (type 8): the engine's loggers (logger-levels.ts) described and
// altered as a Kafka 4.4 broker does it through DescribeConfigs and IncrementalAlterConfigs. The
// receiving broker answers itself (never the controller); the legacy AlterConfigs refuses the
// type (`Unknown resource type 8`, alter-configs.ts). Texts and codes observed on Kafka 4.4.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type { Handler } from '.';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import { CONFIG_SOURCE_ID } from '../../../config/wire-ids';
import type { DescribeConfigsResult } from '../../../protocol/messages/describe-configs';
import type {
  IncrementalAlterableConfig, IncrementalAlterConfigsRequest, IncrementalAlterConfigsResource, IncrementalAlterConfigsResponse,
} from '../../../protocol/messages/incremental-alter-configs';
import {
  isLogLevel, loggerExists, loggerLevels, ROOT_LOGGER, setLoggerLevel, unsetLoggerLevel, VALID_LOG_LEVELS,
} from '../../logger-levels';
import { checkConfigEntries, perResource } from './alter-configs';

export const RESOURCE_BROKER_LOGGER = 8;

const SET = 0;
const DELETE = 1;
const OP_NAMES: Record<number, string> = { 2: 'APPEND', 3: 'SUBTRACT' };

function invalidRequest(message: string): never {
  throw KafkaError.from(ErrorCode.INVALID_REQUEST, message);
}

/** DescribeConfigs of this broker's loggers (all of them, or those named in `keys`). */
export function describeBrokerLoggers(engine: Engine, name: string, keys: string[] | null): DescribeConfigsResult {
  const base = { resourceType: RESOURCE_BROKER_LOGGER, resourceName: name };
  const fail = (message: string) => ({ ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: message, configs: [] });
  if (name === '') return fail('Broker id must not be empty');
  if (!/^[+-]?\d+$/.test(name)) return fail(`Broker id must be an integer, but it is: ${name}`);
  if (Number(name) !== engine.settings.nodeId) return fail(`Unexpected broker id, expected ${engine.settings.nodeId} but received ${name}`);
  const configs = loggerLevels()
    .filter(([logger]) => keys === null || keys.includes(logger))
    .map(([logger, level]) => ({
      name: logger, value: level, readOnly: false, isDefault: false, configSource: CONFIG_SOURCE_ID.DYNAMIC_BROKER_LOGGER_CONFIG,
      isSensitive: false, synonyms: [], configType: 0, documentation: null,
    }));
  return { ...base, errorCode: 0, errorMessage: null, configs };
}

/** Kafka's checks of one operation on a logger, before anything changes. */
function validate(op: IncrementalAlterableConfig): void {
  if (op.configOperation === SET || op.configOperation === DELETE) {
    if (!loggerExists(op.name)) throw KafkaError.from(ErrorCode.INVALID_CONFIG, `Logger ${op.name} does not exist!`);
    if (op.configOperation === DELETE) {
      if (op.name === ROOT_LOGGER) invalidRequest('Removing the log level of the root logger is not allowed');
    } else if (!isLogLevel(op.value ?? '')) {
      throw KafkaError.from(ErrorCode.INVALID_CONFIG, `Cannot set the log level of ${op.name} to ${op.value} as it is not a supported log level. `
        + `Valid log levels are ${VALID_LOG_LEVELS.join(', ')}`);
    }
    return;
  }
  const what = OP_NAMES[op.configOperation] ?? `Unknown operation type ${op.configOperation}`;
  invalidRequest(`${what}${OP_NAMES[op.configOperation] ? ' operation' : ''} is not allowed for the BROKER_LOGGER resource`);
}

function alterLoggers(engine: Engine, r: IncrementalAlterConfigsResource, validateOnly: boolean): void {
  const ops = r.configs;
  checkConfigEntries(ops, (i) => ops[i].configOperation === DELETE);
  if (!/^[+-]?\d+$/.test(r.resourceName)) invalidRequest(`Node id must be an integer, but it is: ${r.resourceName}`);
  if (Number(r.resourceName) !== engine.settings.nodeId) {
    invalidRequest(`Unexpected node id. Expected ${engine.settings.nodeId}, but received ${r.resourceName}`);
  }
  for (const op of ops) validate(op);
  if (validateOnly) return;
  for (const op of ops) {
    if (op.configOperation === SET && op.value !== null && isLogLevel(op.value)) setLoggerLevel(op.name, op.value);
    else unsetLoggerLevel(op.name);
  }
}

/**
 * IncrementalAlterConfigs with the BROKER_LOGGER resources answered on this broker and the rest
 * handed to `rest` (which may forward them to the controller); the answers in request order.
 */
export function withBrokerLoggersHere(rest: Handler): Handler {
  return (engine: Engine, req: IncrementalAlterConfigsRequest, ctx: RequestContext) => {
    const mine = req.resources.filter((r) => r.resourceType === RESOURCE_BROKER_LOGGER);
    // Without loggers the request is rest's alone (answered as before, synchronously if it can be).
    if (mine.length === 0) return rest(engine, req, ctx);
    const local = perResource(mine, (r) => alterLoggers(engine, r, !!req.validateOnly));
    const others = req.resources.filter((r) => r.resourceType !== RESOURCE_BROKER_LOGGER);
    const merge = (remote: IncrementalAlterConfigsResponse['responses']): IncrementalAlterConfigsResponse => {
      let l = 0;
      let o = 0;
      return { throttleTimeMs: 0, responses: req.resources.map((r) => (r.resourceType === RESOURCE_BROKER_LOGGER ? local[l++] : remote[o++])) };
    };
    if (others.length === 0) return merge([]);
    return Promise.resolve(rest(engine, { ...req, resources: others }, ctx))
      .then((resp) => merge((resp as IncrementalAlterConfigsResponse).responses));
  };
}
