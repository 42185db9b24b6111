// Where a broker's metadata store lives. Brokers that name the same ZooKeeper address
// (zookeeper.connect) or the same KRaft quorum (controller.quorum.voters /
// controller.quorum.bootstrap.servers) form one cluster: they open one store under the per-user
// data root, in a directory named after that address (nothing needs to listen there). A broker
// that names neither is a one-broker cluster of its own, its store in its log dir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { homedir } from 'node:os';
const STORE_FILE = 'cluster-metadata.db'; // store.ts's name (not imported: tools load this file without SQLite)

/** The stock single-node server.properties' quorum: the built-in default, not a cluster. */
export const STOCK_QUORUM_BOOTSTRAP = 'localhost:9093';

/** The per-user data root ($KAFKA_LOCAL_HOME, else the platform's per-user data dir + kafka-local). */
export function dataRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.KAFKA_LOCAL_HOME) return env.KAFKA_LOCAL_HOME;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'kafka-local');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'kafka-local');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'kafka-local');
}

export interface ClusterAddress {
  /** Which setting named the cluster. */
  kind: 'zookeeper' | 'quorum';
  /** The address as given. */
  address: string;
  /** The directory name under <data root>/clusters. */
  name: string;
}

/** A directory name for an address: host:port lists become host_port joined by '+'. */
export function clusterDirName(address: string): string {
  // zookeeper.connect may carry a chroot (/kafka): part of the name, as it names another cluster.
  return address.trim().toLowerCase().replace(/\s+/g, '').replace(/[^a-z0-9._,@/-]/g, '_').replace(/\//g, '~').replace(/,/g, '+');
}

/** The cluster a broker's properties name, or null for a one-broker cluster. */
export function clusterAddressOf(props: ReadonlyMap<string, string>): ClusterAddress | null {
  const zk = props.get('zookeeper.connect')?.trim();
  if (zk) return { kind: 'zookeeper', address: zk, name: clusterDirName(zk) };
  const voters = props.get('controller.quorum.voters')?.trim();
  if (voters) {
    // 1@host:9093,2@host:9094: the ids are part of the quorum's definition, the addresses name it.
    const hosts = voters.split(',').map((v) => v.trim().replace(/^\d+@/, '')).join(',');
    return { kind: 'quorum', address: voters, name: clusterDirName(hosts) };
  }
  const bootstrap = props.get('controller.quorum.bootstrap.servers')?.trim();
  if (bootstrap && bootstrap !== STOCK_QUORUM_BOOTSTRAP) return { kind: 'quorum', address: bootstrap, name: clusterDirName(bootstrap) };
  return null;
}

/** The store file of a cluster, or of a one-broker cluster in its log dir. */
export function metadataStoreFile(cluster: ClusterAddress | null, logDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return cluster ? path.join(dataRoot(env), 'clusters', cluster.name, STORE_FILE) : path.join(logDir, STORE_FILE);
}

/**
 * The brokers of the cluster a ZooKeeper-style address names, as its store's sessions list them
 * (live processes only); undefined when no such cluster was ever started on this machine. How
 * `--zookeeper HOST:PORT` reaches a local cluster: nothing listens on the ZooKeeper port.
 */
export function clusterBrokerAddresses(address: string, env: NodeJS.ProcessEnv = process.env): { host: string; port: number }[] | undefined {
  const file = path.join(dataRoot(env), 'clusters', clusterDirName(address), STORE_FILE);
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { MetadataStore, processAlive } = require('./store') as typeof import('./store');
  let store;
  try {
    store = new MetadataStore(file, { readonly: true });
    const live = store.sessions().filter((s) => processAlive(s.pid));
    return live.length > 0 ? live.map((s) => ({ host: s.host, port: s.port })) : undefined;
  } catch {
    return undefined;
  } finally {
    store?.close();
  }
}
