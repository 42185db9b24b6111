// The engine's loggers and their levels: what a Kafka broker's log4j levels are to
// kafka-configs --entity-type broker-loggers (DescribeConfigs / IncrementalAlterConfigs on
// BROKER_LOGGER resources). The loggers are root and the names the engine logs under (one
// process, one set of levels, as log4j's are one per JVM). A logger without a level of its own
// logs at root's; root starts at INFO, as Kafka's shipped log4j configuration has it.
// Which levels are accepted and the texts of refusals were observed on a Kafka 4.4 broker.

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export const ROOT_LOGGER = 'root';

/** The levels a broker accepts, in the order Kafka's error message lists them. */
export const VALID_LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'ERROR', 'FATAL', 'INFO', 'TRACE', 'WARN'];

const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };

/** The loggers the engine writes to (their names are Kafka's classes doing the same work). */
const ENGINE_LOGGERS = [
  'kafka.log.LogCleaner',
  'kafka.network.Acceptor',
  'kafka.network.DataPlaneAcceptor',
  'kafka.network.Processor',
  'kafka.network.SocketServer',
  'kafka.server.BrokerLifecycleManager',
  'kafka.server.DefaultAutoTopicCreationManager',
  'kafka.server.KafkaRaftServer',
  'kafka.server.ReplicaFetcherThread',
  'kafka.server.ReplicaManager',
  'org.apache.kafka.common.network.Selector',
  'org.apache.kafka.controller.QuorumController',
  'org.apache.kafka.coordinator.group.GroupCoordinatorShard',
  'org.apache.kafka.coordinator.group.GroupMetadataManager',
  'org.apache.kafka.coordinator.transaction.TransactionCoordinator',
  'org.apache.kafka.coordinator.transaction.TransactionMarkerChannelManager',
  'org.apache.kafka.coordinator.transaction.TransactionStateManager',
];

const own = new Map<string, LogLevel>([[ROOT_LOGGER, 'INFO']]);
const known = new Set<string>([ROOT_LOGGER, ...ENGINE_LOGGERS]);

export function isLogLevel(s: string): s is LogLevel {
  return (VALID_LOG_LEVELS as readonly string[]).includes(s);
}

/** Every logger with its effective level, sorted by name. */
export function loggerLevels(): [string, LogLevel][] {
  return [...known].sort().map((name) => [name, effectiveLevel(name)]);
}

export function loggerExists(name: string): boolean {
  return known.has(name);
}

export function effectiveLevel(name: string): LogLevel {
  return own.get(name) ?? (own.get(ROOT_LOGGER) as LogLevel);
}

export function setLoggerLevel(name: string, level: LogLevel): void {
  known.add(name);
  own.set(name, level);
}

/** Back to root's level (root itself always keeps one). */
export function unsetLoggerLevel(name: string): void {
  if (name !== ROOT_LOGGER) own.delete(name);
}

/** Whether a line at `level` to `logger` is written; a name first seen here becomes a logger. */
export function loggerEnabled(logger: string, level: LogLevel): boolean {
  known.add(logger);
  return RANK[level] >= RANK[effectiveLevel(logger)];
}
