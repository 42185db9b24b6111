// Typed view of the engine's static configuration (server.properties + --override values).
import * as os from 'node:os';
import { DEFAULT_LISTENER, defaultLogDirs } from '../config/server-properties';
import { clusterAddressOf, metadataStoreFile, type ClusterAddress } from './metadata/cluster-location';

export interface Listener {
  name: string;
  host: string; // '' = all interfaces
  port: number;
}

export interface EngineSettings {
  props: Map<string, string>;
  nodeId: number;
  listeners: Listener[];
  advertised: { host: string; port: number };
  logDir: string;
  numPartitions: number;
  defaultReplicationFactor: number;
  deleteTopicEnable: boolean;
  socketRequestMaxBytes: number;
  /** The cluster the broker joins (zookeeper.connect / controller.quorum.*), null: one-broker cluster. */
  cluster: ClusterAddress | null;
  /** The shared metadata store (cluster-metadata.db). */
  metadataStoreFile: string;
  /** broker.session.timeout.ms: a broker not heard from this long is fenced. */
  brokerSessionTimeoutMs: number;
  /** broker.heartbeat.interval.ms: how often a broker renews its session (and the controller its lease). */
  brokerHeartbeatIntervalMs: number;
  /** controlled.shutdown.enable: move leaderships away before stopping. */
  controlledShutdown: boolean;
}

/** Where data lives when log.dirs is not given: a per-user directory, not /tmp. */
export function defaultDataDir(): string {
  return defaultLogDirs();
}

export function parseListener(spec: string): Listener {
  const m = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:]*):(\d+)$/.exec(spec.trim());
  if (!m) throw new Error(`Unable to parse ${spec} to a broker endpoint`);
  let host = m[2];
  if (host.startsWith('[')) host = host.slice(1, -1);
  return { name: m[1], host, port: Number(m[3]) };
}

function int(props: Map<string, string>, key: string, dflt: number): number {
  const v = props.get(key);
  if (v === undefined || v.trim() === '') return dflt;
  const n = Number(v.trim());
  if (!Number.isInteger(n)) throw new Error(`Invalid value ${v} for configuration ${key}: Not a number of type INT`);
  return n;
}

function bool(props: Map<string, string>, key: string, dflt: boolean): boolean {
  const v = props.get(key)?.trim().toLowerCase();
  if (v === undefined || v === '') return dflt;
  if (v !== 'true' && v !== 'false') throw new Error(`Invalid value ${v} for configuration ${key}: Expected value to be either true or false`);
  return v === 'true';
}

export function settingsFrom(props: Map<string, string>): EngineSettings {
  // The controller listeners (controller.listener.names, CONTROLLER in Kafka's files) only name
  // the quorum: the metadata store plays the controllers' part, so they are not bound.
  const controllerNames = new Set(['CONTROLLER', ...(props.get('controller.listener.names') ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean)]);
  const listeners = (props.get('listeners') ?? 'PLAINTEXT://localhost:9092')
    .split(',').map((s) => s.trim()).filter(Boolean).map(parseListener)
    .filter((l) => !controllerNames.has(l.name.toUpperCase()));
  if (listeners.length === 0) throw new Error('listeners must contain at least one broker listener');
  // An empty advertised.listeners means "advertise the listener" (as when it is unset). The
  // built-in value only describes the built-in listener: when listeners is overridden alone, the
  // new listener is what clients must be told.
  const listenersRaw = (props.get('listeners') ?? DEFAULT_LISTENER).trim();
  let adv = props.get('advertised.listeners')?.trim();
  if (adv === DEFAULT_LISTENER && listenersRaw !== DEFAULT_LISTENER) adv = undefined;
  const advertisedListener = adv
    ? adv.split(',').map((s) => parseListener(s)).find((l) => !controllerNames.has(l.name.toUpperCase())) ?? listeners[0]
    : listeners[0];
  const logDirs = props.get('log.dirs') ?? props.get('log.dir');
  const logDir = logDirs ? logDirs.split(',')[0].trim() : defaultDataDir();
  const cluster = clusterAddressOf(props);
  return {
    props,
    nodeId: int(props, 'node.id', int(props, 'broker.id', 1)),
    listeners,
    advertised: {
      host: advertisedListener.host === '' || advertisedListener.host === '0.0.0.0' ? os.hostname() : advertisedListener.host,
      port: advertisedListener.port,
    },
    logDir,
    numPartitions: int(props, 'num.partitions', 1),
    defaultReplicationFactor: int(props, 'default.replication.factor', 1),
    deleteTopicEnable: bool(props, 'delete.topic.enable', true),
    socketRequestMaxBytes: int(props, 'socket.request.max.bytes', 104857600),
    cluster,
    metadataStoreFile: metadataStoreFile(cluster, logDir),
    brokerSessionTimeoutMs: int(props, 'broker.session.timeout.ms', 9000),
    brokerHeartbeatIntervalMs: int(props, 'broker.heartbeat.interval.ms', 2000),
    controlledShutdown: bool(props, 'controlled.shutdown.enable', true),
  };
}
