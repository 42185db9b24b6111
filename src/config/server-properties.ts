// The engine's static broker configuration (STATIC_BROKER_CONFIG): Kafka 4.4's stock single-node
// KRaft config/server.properties, adjusted as DESIGN §3 says, or a user's properties file,
// then `--override key=value` values. Only keys explicitly present count as static; every other
// setting is a code default (DEFAULT_CONFIG), exactly as on a real broker.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseBrokerConfigs } from './broker-configs';
import type { ConfigValue } from './types';

/**
 * Config files that tutorials pass but nobody here has (Kafka's config/server.properties and its
 * kraft/ variants): the tools use the built-in defaults instead, and say so.
 */
export const TUTORIAL_CONFIG_FILE = /(^|\/)config\/(kraft\/)?(server|broker)\.properties$/;

/** The keys and values Kafka 4.4's config/server.properties (KRaft) sets, in file order. */
export const KAFKA_KRAFT_SERVER_PROPERTIES: readonly (readonly [string, string])[] = [
  ['process.roles', 'broker,controller'],
  ['node.id', '1'],
  ['controller.quorum.bootstrap.servers', 'localhost:9093'],
  ['listeners', 'PLAINTEXT://:9092,CONTROLLER://:9093'],
  ['inter.broker.listener.name', 'PLAINTEXT'],
  ['advertised.listeners', 'PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093'],
  ['controller.listener.names', 'CONTROLLER'],
  ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL'],
  ['num.network.threads', '3'],
  ['num.io.threads', '8'],
  ['socket.send.buffer.bytes', '102400'],
  ['socket.receive.buffer.bytes', '102400'],
  ['socket.request.max.bytes', '104857600'],
  ['log.dirs', '/tmp/kraft-combined-logs'],
  ['num.partitions', '1'],
  ['num.recovery.threads.per.data.dir', '1'],
  ['offsets.topic.replication.factor', '1'],
  ['share.coordinator.state.topic.replication.factor', '1'],
  ['share.coordinator.state.topic.min.isr', '1'],
  ['transaction.state.log.replication.factor', '1'],
  ['transaction.state.log.min.isr', '1'],
  ['log.retention.hours', '168'],
  ['log.segment.bytes', '1073741824'],
  ['log.retention.check.interval.ms', '300000'],
];

/** The engine's default listener (loopback; advertised as localhost:9092). */
export const DEFAULT_LISTENER = 'PLAINTEXT://localhost:9092';

/**
 * The per-user data directory used for log.dirs when nothing else is given:
 * $XDG_DATA_HOME/kafka-local/kraft-combined-logs (default ~/.local/share/...), on macOS
 * ~/Library/Application Support/kafka-local/..., on Windows %LOCALAPPDATA%\kafka-local\....
 */
export function defaultLogDirs(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  let base: string;
  if (platform === 'win32') base = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = env.XDG_DATA_HOME || join(home, '.local', 'share');
  return join(base, 'kafka-local', 'kraft-combined-logs');
}

/**
 * The built-in server.properties (DESIGN §3): the stock KRaft file with our listener
 * (PLAINTEXT://localhost:9092, advertised the same), a per-user log.dirs, and
 * group.initial.rebalance.delay.ms=0 (as Kafka's 2.x stock file had). Keys in file order; the
 * controller-related keys are kept as the stock file has them (they are only reported).
 */
export function builtinServerProperties(opts: { logDirs?: string } = {}): Map<string, string> {
  const m = new Map<string, string>(KAFKA_KRAFT_SERVER_PROPERTIES.map(([k, v]) => [k, v]));
  m.set('listeners', DEFAULT_LISTENER);
  m.set('advertised.listeners', DEFAULT_LISTENER);
  m.set('log.dirs', opts.logDirs ?? defaultLogDirs());
  m.set('group.initial.rebalance.delay.ms', '0');
  return m;
}

export interface StaticConfigSources {
  /** The properties file's key/values (file given on the command line); null/absent = built-ins. */
  file?: ReadonlyMap<string, string> | null;
  /** `--override key=value` values in command-line order (later ones win). */
  overrides?: ReadonlyMap<string, string> | Iterable<readonly [string, string]>;
  /** log.dirs for the built-in config (default: defaultLogDirs()). */
  logDirs?: string;
}

/**
 * KafkaConfig.populateSynonyms: node.id and broker.id stand for each other; when only one is set,
 * the other is added with the same value (so it, too, is an explicitly set, static config).
 */
export function populateSynonyms(props: Map<string, string>): Map<string, string> {
  const brokerId = props.get('broker.id');
  const nodeId = props.get('node.id');
  if (brokerId === undefined && nodeId !== undefined) props.set('broker.id', nodeId);
  else if (brokerId !== undefined && nodeId === undefined) props.set('node.id', brokerId);
  return props;
}

/**
 * The static config (STATIC_BROKER_CONFIG layer): the file's keys (or the built-ins when no file is
 * given), then the overrides, then populateSynonyms. Kafka reads only the given file; nothing else
 * is merged in.
 */
export function buildStaticConfig(sources: StaticConfigSources = {}): Map<string, string> {
  const out = sources.file ? new Map(sources.file) : builtinServerProperties({ logDirs: sources.logDirs });
  for (const [k, v] of sources.overrides ?? []) {
    out.set(k, v);
  }
  return populateSynonyms(out);
}

/**
 * Validate static values as KafkaConfig does at startup: every known config parsed/validated in
 * Kafka's definition order, the first failure thrown as ConfigValidationError with Kafka's
 * message (e.g. `Invalid value abc for configuration num.partitions: Not a number of type INT`).
 * Unknown keys are accepted. Returns the typed values of all known broker configs.
 */
export function validateStaticConfig(props: ReadonlyMap<string, string>): Map<string, ConfigValue> {
  return parseBrokerConfigs(props);
}
