// The consumer settings the console consumer honours, parsed and validated as the Java
// client's ConsumerConfig does (definition order, Kafka's ConfigException messages such as
// `Invalid value x for configuration fetch.min.bytes: Not a number of type INT`). Other keys are
// accepted and ignored, as Kafka mentions unused keys only at INFO level.

import { atLeast, ConfigValidationError, define, parseAll, validString, type ConfigDef } from '../../config/types';
import { JavaException } from '../../cli/errors';

// In ConsumerConfig definition order (the first invalid one is reported).
const DEFS: readonly ConfigDef[] = [
  define('group.id', 'string', null),
  define('group.instance.id', 'string', null),
  define('session.timeout.ms', 'int', '45000'),
  define('heartbeat.interval.ms', 'int', '3000'),
  define('partition.assignment.strategy', 'list', 'org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor'),
  define('metadata.max.age.ms', 'long', '300000', atLeast(0)),
  define('enable.auto.commit', 'boolean', 'true'),
  define('auto.commit.interval.ms', 'int', '5000', atLeast(0)),
  define('client.id', 'string', ''),
  define('max.partition.fetch.bytes', 'int', '1048576', atLeast(0)),
  define('fetch.min.bytes', 'int', '1', atLeast(0)),
  define('fetch.max.bytes', 'int', '52428800', atLeast(0)),
  define('fetch.max.wait.ms', 'int', '500', atLeast(0)),
  define('reconnect.backoff.ms', 'long', '50', atLeast(0)),
  define('reconnect.backoff.max.ms', 'long', '1000', atLeast(0)),
  define('retry.backoff.ms', 'long', '100', atLeast(0)),
  define('auto.offset.reset', 'string', 'latest', validString('latest', 'earliest', 'none')),
  define('check.crcs', 'boolean', 'true'),
  define('request.timeout.ms', 'int', '30000', atLeast(0)),
  define('max.poll.records', 'int', '500', atLeast(1)),
  define('max.poll.interval.ms', 'int', '300000', atLeast(1)),
  define('exclude.internal.topics', 'boolean', 'true'),
  define('isolation.level', 'string', 'read_uncommitted', validString('read_committed', 'read_uncommitted')),
  define('allow.auto.create.topics', 'boolean', 'true'),
];

export interface ConsumerSettings {
  groupId: string | null;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** partition.assignment.strategy as given (class names), checked when the member is built. */
  assignmentStrategy: string[];
  autoCommitIntervalMs: number;
  maxPollIntervalMs: number;
  clientId: string;
  metadataMaxAgeMs: number;
  enableAutoCommit: boolean;
  maxPartitionFetchBytes: number;
  fetchMinBytes: number;
  fetchMaxBytes: number;
  fetchMaxWaitMs: number;
  reconnectBackoffMs: number;
  reconnectBackoffMaxMs: number;
  retryBackoffMs: number;
  autoOffsetReset: 'latest' | 'earliest' | 'none';
  checkCrcs: boolean;
  requestTimeoutMs: number;
  excludeInternalTopics: boolean;
  readCommitted: boolean;
  allowAutoCreateTopics: boolean;
}

/**
 * Heartbeat cadence when heartbeat.interval.ms is not set. Java's 3000 ms default means a member
 * learns of a rebalance up to 3 s late (a second console consumer joining a group waited ~2 s);
 * heartbeating more often costs a few small requests and changes nothing else a user sees.
 * An explicit heartbeat.interval.ms is honoured as given.
 */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 500;

/** `new ConsumerConfig(props)`: throws a ConfigException-shaped JavaException. */
export function consumerSettings(props: ReadonlyMap<string, string>): ConsumerSettings {
  let v: Map<string, unknown>;
  try {
    v = parseAll(DEFS, props) as Map<string, unknown>;
  } catch (e) {
    if (e instanceof ConfigValidationError) throw new JavaException(e.javaClass, e.message);
    throw e;
  }
  const n = (k: string) => Number(v.get(k));
  return {
    groupId: (v.get('group.id') as string | null) ?? null,
    groupInstanceId: (v.get('group.instance.id') as string | null) ?? null,
    sessionTimeoutMs: n('session.timeout.ms'),
    heartbeatIntervalMs: props.has('heartbeat.interval.ms') ? n('heartbeat.interval.ms') : Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, n('session.timeout.ms')),
    assignmentStrategy: [...(v.get('partition.assignment.strategy') as readonly string[])],
    autoCommitIntervalMs: n('auto.commit.interval.ms'),
    maxPollIntervalMs: n('max.poll.interval.ms'),
    clientId: clientIdOf(v),
    metadataMaxAgeMs: n('metadata.max.age.ms'),
    enableAutoCommit: v.get('enable.auto.commit') as boolean,
    maxPartitionFetchBytes: n('max.partition.fetch.bytes'),
    fetchMinBytes: n('fetch.min.bytes'),
    fetchMaxBytes: n('fetch.max.bytes'),
    fetchMaxWaitMs: n('fetch.max.wait.ms'),
    reconnectBackoffMs: n('reconnect.backoff.ms'),
    reconnectBackoffMaxMs: n('reconnect.backoff.max.ms'),
    retryBackoffMs: n('retry.backoff.ms'),
    autoOffsetReset: v.get('auto.offset.reset') as 'latest' | 'earliest' | 'none',
    checkCrcs: v.get('check.crcs') as boolean,
    requestTimeoutMs: n('request.timeout.ms'),
    excludeInternalTopics: v.get('exclude.internal.topics') as boolean,
    readCommitted: v.get('isolation.level') === 'read_committed',
    allowAutoCreateTopics: v.get('allow.auto.create.topics') as boolean,
  };
}

/**
 * ConsumerConfig.maybeOverrideClientId: an empty client.id (`--consumer-property client.id=`)
 * becomes consumer-<group>-<group.instance.id, or the JVM's consumer sequence number: 1 here>.
 */
function clientIdOf(v: ReadonlyMap<string, unknown>): string {
  const clientId = v.get('client.id') as string | null;
  if (clientId) return clientId;
  const instance = v.get('group.instance.id') as string | null;
  return `consumer-${v.get('group.id') as string | null}-${instance ?? 1}`;
}
