// Topic-level configs of Kafka 4.4 (storage/.../log/LogConfig.java), in LogConfig's definition
// order, with their broker synonyms (server-common/.../ServerTopicConfigSynonyms.java), and
// LogConfig.validate (names, values, cross-checks) with Kafka's messages.

import { javaHashMapOrder } from '../util/java-hash';
import {
  compressionTypeValidator,
  gzipLevelValidator,
  lz4LevelValidator,
  throttledReplicaListValidator,
  zstdLevelValidator,
} from './kafka-validators';
import {
  atLeast,
  between,
  ConfigValidationError,
  define,
  parseAll,
  parseConfigValue,
  unknownTopicConfig,
  validList,
  validString,
  type ConfigDef,
  type ConfigValue,
} from './types';

/** A broker config a topic config falls back to; some need a unit conversion into ms. */
export interface BrokerSynonym {
  readonly name: string;
  readonly converter?: 'MINUTES_TO_MILLISECONDS' | 'HOURS_TO_MILLISECONDS';
}

export interface TopicConfigDef extends ConfigDef {
  /** ServerTopicConfigSynonyms.ALL_TOPIC_CONFIG_SYNONYMS (highest priority first); [] when none. */
  readonly synonyms: readonly BrokerSynonym[];
}

const LONG_MAX = '9223372036854775807';
const MINUTES = 'MINUTES_TO_MILLISECONDS' as const;
const HOURS = 'HOURS_TO_MILLISECONDS' as const;

function topic(def: ConfigDef, ...synonyms: (string | BrokerSynonym)[]): TopicConfigDef {
  return { ...def, readOnly: false, synonyms: synonyms.map((s) => (typeof s === 'string' ? { name: s } : s)) };
}

/**
 * The topic configs of 4.4, in LogConfig definition order (the order Kafka parses and validates
 * them). internal.segment.bytes is internal: valid, used instead of segment.bytes when set (it
 * allows segments below segment.bytes' 1 MiB minimum), described only when set.
 */
export const TOPIC_CONFIGS: readonly TopicConfigDef[] = [
  topic(define('segment.bytes', 'int', '1073741824', atLeast(1048576)), 'log.segment.bytes'),
  topic(define('segment.ms', 'long', '604800000', atLeast(1)), 'log.roll.ms', { name: 'log.roll.hours', converter: HOURS }),
  topic(define('segment.jitter.ms', 'long', '0', atLeast(0)), 'log.roll.jitter.ms', { name: 'log.roll.jitter.hours', converter: HOURS }),
  topic(define('segment.index.bytes', 'int', '10485760', atLeast(4)), 'log.index.size.max.bytes'),
  topic(define('flush.messages', 'long', LONG_MAX, atLeast(1)), 'log.flush.interval.messages'),
  topic(define('flush.ms', 'long', LONG_MAX, atLeast(0)), 'log.flush.interval.ms', 'log.flush.scheduler.interval.ms'),
  topic(define('retention.bytes', 'long', '-1'), 'log.retention.bytes'),
  topic(
    define('retention.ms', 'long', '604800000', atLeast(-1)),
    'log.retention.ms',
    { name: 'log.retention.minutes', converter: MINUTES },
    { name: 'log.retention.hours', converter: HOURS },
  ),
  topic(define('max.message.bytes', 'int', '1048588', atLeast(0)), 'message.max.bytes'),
  topic(define('max.decompressed.message.bytes', 'int', '2147483639', between(1, 2147483639)), 'max.decompressed.message.bytes'),
  topic(define('index.interval.bytes', 'int', '4096', atLeast(0)), 'log.index.interval.bytes'),
  topic(define('delete.retention.ms', 'long', '86400000', atLeast(0)), 'log.cleaner.delete.retention.ms'),
  topic(define('min.compaction.lag.ms', 'long', '0', atLeast(0)), 'log.cleaner.min.compaction.lag.ms'),
  topic(define('max.compaction.lag.ms', 'long', LONG_MAX, atLeast(1)), 'log.cleaner.max.compaction.lag.ms'),
  topic(define('file.delete.delay.ms', 'long', '60000', atLeast(0)), 'log.segment.delete.delay.ms'),
  topic(define('min.cleanable.dirty.ratio', 'double', '0.5', between(0, 1)), 'log.cleaner.min.cleanable.ratio'),
  topic(define('cleanup.policy', 'list', 'delete', validList('compact', 'delete')), 'log.cleanup.policy'),
  topic(define('unclean.leader.election.enable', 'boolean', 'false'), 'unclean.leader.election.enable'),
  topic(define('min.insync.replicas', 'int', '1', atLeast(1)), 'min.insync.replicas'),
  topic(define('compression.type', 'string', 'producer', compressionTypeValidator()), 'compression.type'),
  topic(define('compression.gzip.level', 'int', '-1', gzipLevelValidator()), 'compression.gzip.level'),
  topic(define('compression.lz4.level', 'int', '9', lz4LevelValidator()), 'compression.lz4.level'),
  topic(define('compression.zstd.level', 'int', '3', zstdLevelValidator()), 'compression.zstd.level'),
  topic(define('preallocate', 'boolean', 'false'), 'log.preallocate'),
  topic(define('message.timestamp.type', 'string', 'CreateTime', validString('CreateTime', 'LogAppendTime')), 'log.message.timestamp.type'),
  topic(define('message.timestamp.before.max.ms', 'long', LONG_MAX, atLeast(0)), 'log.message.timestamp.before.max.ms'),
  topic(define('message.timestamp.after.max.ms', 'long', '3600000', atLeast(0)), 'log.message.timestamp.after.max.ms'),
  topic(define('leader.replication.throttled.replicas', 'list', '', throttledReplicaListValidator())),
  topic(define('follower.replication.throttled.replicas', 'list', '', throttledReplicaListValidator())),
  topic(define('remote.storage.enable', 'boolean', 'false')),
  topic(define('local.retention.ms', 'long', '-2', atLeast(-2)), 'log.local.retention.ms'),
  topic(define('local.retention.bytes', 'long', '-2', atLeast(-2)), 'log.local.retention.bytes'),
  topic(define('remote.log.copy.disable', 'boolean', 'false')),
  topic(define('remote.copy.lag.ms', 'long', '0', atLeast(-1)), 'log.remote.copy.lag.ms'),
  topic(define('remote.copy.lag.bytes', 'long', '-1', atLeast(-1)), 'log.remote.copy.lag.bytes'),
  topic(define('remote.log.delete.on.disable', 'boolean', 'false')),
  topic(define('errors.deadletterqueue.group.enable', 'boolean', 'false')),
  topic(define('internal.segment.bytes', 'int', null, null, { internal: true })),
];

/** Topic configs of Kafka 2.x/3.x that Kafka 4 removed (the seed-era tools still accept them). */
export const TOPIC_CONFIGS_REMOVED_IN_4: ReadonlySet<string> = new Set([
  'message.format.version', 'message.downconversion.enable', 'message.timestamp.difference.max.ms',
]);

/** Topic config names in LogConfig definition order. */
export const TOPIC_CONFIG_NAMES: readonly string[] = TOPIC_CONFIGS.map((d) => d.name);

/** The names help texts list (LogConfig.nonInternalConfigNames, sorted as Kafka's help shows them). */
export const DOCUMENTED_TOPIC_CONFIG_NAMES: readonly string[] = TOPIC_CONFIGS.filter((d) => !d.internal).map((d) => d.name).sort();

const BY_NAME: ReadonlyMap<string, TopicConfigDef> = new Map(TOPIC_CONFIGS.map((d) => [d.name, d]));

export function topicConfigDef(name: string): TopicConfigDef | undefined {
  return BY_NAME.get(name);
}

export function isTopicConfigName(name: string): boolean {
  return BY_NAME.has(name);
}

/** ServerTopicConfigSynonyms.TOPIC_CONFIG_SYNONYMS: the highest-priority broker synonym, if any. */
export function topicConfigServerSynonym(name: string): string | undefined {
  return BY_NAME.get(name)?.synonyms[0]?.name;
}

/** LogConfig.CONFIGS_WITH_NO_SERVER_DEFAULTS. */
export const CONFIGS_WITH_NO_SERVER_DEFAULTS: readonly string[] = TOPIC_CONFIGS.filter((d) => d.synonyms.length === 0 && !d.internal).map((d) => d.name);

/**
 * Parse and validate one topic config value: `Unknown topic config name: <name>` for unknown
 * names, else Kafka's value messages (cross-config checks need validateTopicConfigs).
 */
export function parseTopicConfig(name: string, raw: string): ConfigValue {
  const def = BY_NAME.get(name);
  if (!def) throw unknownTopicConfig(name);
  return parseConfigValue(def, raw);
}

function toEntries(props: ReadonlyMap<string, string> | Iterable<readonly [string, string]>): Map<string, string> {
  return props instanceof Map ? (props as Map<string, string>) : new Map(props);
}

/**
 * LogConfig.validateNames: `Unknown topic config name: <name>` for the first unknown name in
 * java.util.Properties iteration order (a ConcurrentHashMap's hash order).
 */
export function validateTopicConfigNames(names: Iterable<string>): void {
  for (const name of javaHashMapOrder(names, { concurrent: true })) {
    if (!BY_NAME.has(name)) throw unknownTopicConfig(name);
  }
}

export interface ValidateTopicConfigsOptions {
  /**
   * Server side (broker / controller): the broker's effective log config map
   * (KafkaConfig.extractLogConfigMap, see resolve.ts `brokerLogConfigMap`) the topic values are
   * combined with, as Kafka's ControllerConfigurationValidator does. Omit on the client side
   * (kafka-topics `--config`), where LogConfig.validate(props) uses the LogConfig defaults.
   */
  brokerLogConfig?: ReadonlyMap<string, ConfigValue>;
  /** remote.log.storage.system.enable of the broker (server side only); default false. */
  remoteStorageSystemEnabled?: boolean;
}

/**
 * LogConfig.validate: names first, then every topic config parsed and validated in definition
 * order (first failure thrown), then the cross-config checks. Returns all 36 typed values.
 * Throws ConfigValidationError with Kafka's messages.
 */
export function validateTopicConfigs(
  props: ReadonlyMap<string, string> | Iterable<readonly [string, string]>,
  opts: ValidateTopicConfigsOptions = {},
): Map<string, ConfigValue> {
  const entries = toEntries(props);
  validateTopicConfigNames(entries.keys());
  const server = opts.brokerLogConfig !== undefined && opts.brokerLogConfig.size > 0;
  const combined = new Map<string, string | ConfigValue>(server ? opts.brokerLogConfig : []);
  for (const [k, v] of entries) combined.set(k, v);
  const values = parseAll(TOPIC_CONFIGS, combined);
  validateValues(values);
  if (server && values.get('remote.storage.enable') === true && !opts.remoteStorageSystemEnabled) {
    throw new ConfigValidationError(
      'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.',
      'ConfigException',
      'remote.storage.enable',
    );
  }
  return values;
}

/** LogConfig.validateValues: the min/max compaction lag cross-check. */
function validateValues(values: ReadonlyMap<string, ConfigValue>): void {
  const min = values.get('min.compaction.lag.ms') as bigint;
  const max = values.get('max.compaction.lag.ms') as bigint;
  if (min > max) {
    throw new ConfigValidationError(
      `conflict topic config setting min.compaction.lag.ms (${min}) > max.compaction.lag.ms (${max})`,
      'InvalidConfigurationException',
    );
  }
}
