// Group configs of Kafka 4.4 (group-coordinator's GroupConfig): what kafka-configs --entity-type
// groups describes and alters. Each falls back to a broker config (its synonym) or its own
// default; values are checked as ConfigDef does, then against the broker's bounds
// (GroupConfig.validate), with Kafka's messages. Internal ones are described only when set.
import { atLeast, ConfigValidationError, define, parseType, validString, customValidator, type ConfigDef, type ConfigValue } from './types';
import type { BrokerConfigView } from './resolve';

export interface GroupConfigDef extends ConfigDef {
  /** The broker config it falls back to (GroupConfig.ALL_GROUP_CONFIG_SYNONYMS), if any. */
  readonly brokerSynonym?: string;
}

const DURATION = /^by_duration:P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

/** ShareGroupAutoOffsetResetStrategy's validator. */
function shareAutoOffsetResetValidator() {
  return customValidator('shareAutoOffsetReset', '[latest, earliest, by_duration:PnDTnHnMn.nS]', (name, value) => {
    const v = String(value);
    if (v === 'latest' || v === 'earliest' || (DURATION.test(v) && v !== 'by_duration:P' && v !== 'by_duration:PT')) return;
    throw new ConfigValidationError(
      `Invalid value ${v} for configuration ${name}: Invalid value \`${v}\` for configuration ${name}. The value must be either 'earliest', 'latest' or of the format 'by_duration:<PnDTnHnMn.nS>'.`,
      'ConfigException', name,
    );
  });
}

function group(def: ConfigDef, brokerSynonym?: string): GroupConfigDef {
  return { ...def, readOnly: false, ...(brokerSynonym ? { brokerSynonym } : {}) };
}
const internal = { internal: true };

/** In GroupConfig's definition order. */
export const GROUP_CONFIGS: readonly GroupConfigDef[] = [
  group(define('consumer.session.timeout.ms', 'int', '45000', atLeast(1)), 'group.consumer.session.timeout.ms'),
  group(define('consumer.heartbeat.interval.ms', 'int', '5000', atLeast(1)), 'group.consumer.heartbeat.interval.ms'),
  group(define('consumer.assignment.interval.ms', 'int', '1000', atLeast(0)), 'group.consumer.assignment.interval.ms'),
  group(define('consumer.assignor.offload.enable', 'boolean', 'true', null, internal), 'group.consumer.assignor.offload.enable'),
  group(define('share.session.timeout.ms', 'int', '45000', atLeast(1)), 'group.share.session.timeout.ms'),
  group(define('share.heartbeat.interval.ms', 'int', '5000', atLeast(1)), 'group.share.heartbeat.interval.ms'),
  group(define('share.record.lock.duration.ms', 'int', '30000', atLeast(1000)), 'group.share.record.lock.duration.ms'),
  group(define('share.delivery.count.limit', 'int', '5', atLeast(2)), 'group.share.delivery.count.limit'),
  group(define('share.partition.max.record.locks', 'int', '2000', atLeast(100)), 'group.share.partition.max.record.locks'),
  group(define('share.auto.offset.reset', 'string', 'latest', shareAutoOffsetResetValidator())),
  group(define('share.isolation.level', 'string', 'read_uncommitted', validString('read_committed', 'read_uncommitted'))),
  group(define('share.renew.acknowledge.enable', 'boolean', 'true')),
  group(define('share.assignment.interval.ms', 'int', '1000', atLeast(0)), 'group.share.assignment.interval.ms'),
  group(define('share.assignor.offload.enable', 'boolean', 'true', null, internal), 'group.share.assignor.offload.enable'),
  group(define('streams.session.timeout.ms', 'int', '45000', atLeast(1)), 'group.streams.session.timeout.ms'),
  group(define('streams.heartbeat.interval.ms', 'int', '5000', atLeast(1)), 'group.streams.heartbeat.interval.ms'),
  group(define('streams.num.standby.replicas', 'int', '0', atLeast(0)), 'group.streams.num.standby.replicas'),
  group(define('streams.initial.rebalance.delay.ms', 'int', '3000', atLeast(0)), 'group.streams.initial.rebalance.delay.ms'),
  group(define('streams.assignment.interval.ms', 'int', '1000', atLeast(0)), 'group.streams.assignment.interval.ms'),
  group(define('streams.assignor.offload.enable', 'boolean', 'true', null, internal), 'group.streams.assignor.offload.enable'),
  group(define('streams.task.offset.interval.ms', 'int', '60000', atLeast(1), internal), 'group.streams.task.offset.interval.ms'),
  group(define('streams.num.warmup.replicas', 'int', '2', atLeast(0), internal), 'group.streams.num.warmup.replicas'),
  group(define('streams.rack.aware.assignment.tags', 'list', ''), 'group.streams.rack.aware.assignment.tags'),
  group(define('streams.acceptable.recovery.lag', 'long', '10000', atLeast(0), internal), 'group.streams.acceptable.recovery.lag'),
  group(define('streams.assignor.name', 'string', null), 'group.streams.assignors'),
  group(define('errors.deadletterqueue.topic.name', 'string', '')),
  group(define('errors.deadletterqueue.copy.record.enable', 'boolean', 'false')),
];

const BY_NAME = new Map(GROUP_CONFIGS.map((d) => [d.name, d]));

export function groupConfigDef(name: string): GroupConfigDef | undefined {
  return BY_NAME.get(name);
}

/** Config -> the broker configs bounding it ([min, max]; either may be absent). */
const BOUNDS: readonly [string, string | undefined, string | undefined][] = [
  ['consumer.session.timeout.ms', 'group.consumer.min.session.timeout.ms', 'group.consumer.max.session.timeout.ms'],
  ['consumer.heartbeat.interval.ms', 'group.consumer.min.heartbeat.interval.ms', 'group.consumer.max.heartbeat.interval.ms'],
  ['consumer.assignment.interval.ms', 'group.consumer.min.assignment.interval.ms', 'group.consumer.max.assignment.interval.ms'],
  ['share.session.timeout.ms', 'group.share.min.session.timeout.ms', 'group.share.max.session.timeout.ms'],
  ['share.heartbeat.interval.ms', 'group.share.min.heartbeat.interval.ms', 'group.share.max.heartbeat.interval.ms'],
  ['share.record.lock.duration.ms', 'group.share.min.record.lock.duration.ms', 'group.share.max.record.lock.duration.ms'],
  ['share.delivery.count.limit', 'group.share.min.delivery.count.limit', 'group.share.max.delivery.count.limit'],
  ['share.partition.max.record.locks', 'group.share.min.partition.max.record.locks', 'group.share.max.partition.max.record.locks'],
  ['share.assignment.interval.ms', 'group.share.min.assignment.interval.ms', 'group.share.max.assignment.interval.ms'],
  ['streams.session.timeout.ms', 'group.streams.min.session.timeout.ms', 'group.streams.max.session.timeout.ms'],
  ['streams.heartbeat.interval.ms', 'group.streams.min.heartbeat.interval.ms', 'group.streams.max.heartbeat.interval.ms'],
  ['streams.assignment.interval.ms', 'group.streams.min.assignment.interval.ms', 'group.streams.max.assignment.interval.ms'],
  ['streams.num.standby.replicas', undefined, 'group.streams.max.standby.replicas'],
  ['streams.num.warmup.replicas', undefined, 'group.streams.max.warmup.replicas'],
  ['streams.task.offset.interval.ms', 'group.streams.min.task.offset.interval.ms', undefined],
];

function invalid(message: string): never {
  throw new ConfigValidationError(message, 'InvalidConfigurationException');
}

/**
 * GroupConfig.validate against the broker (`view`): unknown names, then ConfigDef parsing in
 * definition order, then the broker's bounds and registered assignors. Throws
 * ConfigValidationError (a broker answers INVALID_CONFIG).
 */
export function validateGroupConfigs(props: ReadonlyMap<string, string>, view: BrokerConfigView): void {
  for (const name of props.keys()) if (!BY_NAME.has(name)) invalid(`Unknown group config name: ${name}`);
  const values = new Map<string, ConfigValue>();
  try {
    for (const def of GROUP_CONFIGS) {
      const raw = props.get(def.name);
      if (raw === undefined) continue;
      const v = parseType(def.name, raw, def.type);
      def.validator?.ensureValid(def.name, v, def.type);
      values.set(def.name, v);
    }
  } catch (e) {
    if (e instanceof ConfigValidationError) invalid(e.message);
    throw e;
  }
  for (const [name, minName, maxName] of BOUNDS) {
    if (!values.has(name)) continue;
    const v = Number(values.get(name));
    const min = minName ? Number(view.value(minName)) : undefined;
    const max = maxName ? Number(view.value(maxName)) : undefined;
    if (min !== undefined && max !== undefined && (v < min || v > max)) invalid(`${name} must be in the range ${min} to ${max} inclusive.`);
    if (min === undefined && max !== undefined && v > max) invalid(`${name} must be less than or equal to ${max}`);
    if (max === undefined && min !== undefined && v < min) invalid(`${name} must be greater than or equal to ${min}`);
  }
  const assignor = values.get('streams.assignor.name');
  if (typeof assignor === 'string') {
    const registered = view.value('group.streams.assignors') as readonly string[];
    if (!registered.includes(assignor)) {
      invalid(`streams.assignor.name '${assignor}' is not a registered task assignor. Registered assignors are: [${registered.join(', ')}].`);
    }
  }
}
