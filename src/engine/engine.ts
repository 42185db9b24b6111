// The broker: storage, metadata, idempotence state and long-poll wake-ups, shared by every
// connection. The TCP side lives in server.ts; the per-API logic in handlers/.
import { openDatabase, Db } from './storage/database';
import { WalCheckpointer } from './storage/checkpointer';
import { TopicStore, TopicRecord } from './storage/topic-store';
import { LogStore } from './storage/log-store';
import { ClusterMetadata } from './metadata/metadata-cache';
import { ProducerStateManager } from './log/producer-state';
import { ConfigManager } from './config-manager';
import { ClientQuotas } from './client-quotas';
import { ScramCredentials } from './scram-credentials';
import { ResourceConfigs } from './resource-configs';
import { GroupCoordinator } from './coordinator/group-coordinator';
import { LogCleaner } from './log/cleaner';
import { ReplicaManager, type LazyHost } from './replica/replica-manager';
import type { EngineSettings } from './settings';
import { randomUuid } from '../protocol/uuid';

type Waiter = () => void;

export class Engine {
  readonly db: Db;
  readonly topics: TopicStore;
  readonly logs: LogStore;
  readonly metadata: ClusterMetadata;
  readonly producers: ProducerStateManager;
  readonly configs: ConfigManager;
  readonly quotas: ClientQuotas;
  readonly scram: ScramCredentials;
  readonly resources: ResourceConfigs;
  readonly coordinator: GroupCoordinator;
  readonly cleaner: LogCleaner;
  readonly replicaManager: ReplicaManager;
  /** Called with each request's API key, version and client id once its version is accepted (tests). */
  requestObserver: ((apiKey: number, version: number, clientId: string | null) => void) | null = null;
  private waiters = new Set<Waiter>();
  private checkpointer: WalCheckpointer;
  private nextProducerId: number;
  private getMeta;
  private setMeta;

  constructor(readonly settings: EngineSettings) {
    this.db = openDatabase(settings.logDir);
    this.checkpointer = new WalCheckpointer(this.db);
    this.getMeta = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.setMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    let clusterId = this.getMeta.get('cluster.id') as string | undefined;
    if (!clusterId) {
      clusterId = randomUuid();
      this.setMeta.run('cluster.id', clusterId);
    }
    this.nextProducerId = Number(this.getMeta.get('next.producer.id') ?? 0);
    this.topics = new TopicStore(this.db);
    this.logs = new LogStore(this.db);
    this.producers = new ProducerStateManager(this.logs);
    this.configs = new ConfigManager(this);
    this.quotas = new ClientQuotas(this.db);
    this.scram = new ScramCredentials(this.db);
    this.resources = new ResourceConfigs(this.db, () => this.configs.view());
    // Read lazily: with port 0 the advertised port is known only once the listener is bound.
    this.metadata = new ClusterMetadata(clusterId, settings.nodeId, () => ({
      nodeId: settings.nodeId, host: settings.advertised.host, port: settings.advertised.port, rack: null,
    }), this.topics);
    this.replicaManager = new ReplicaManager(this);
    // Until the metadata store lands, a broker is a cluster of one: it hosts what its catalog has.
    this.replicaManager.lazyHost = standaloneDeltas(this);
    this.coordinator = new GroupCoordinator(this);
    this.cleaner = new LogCleaner(this);
  }

  /** Arm background work (group expiry, retention, compaction); timers never keep the process alive. */
  start(): void {
    this.replicaManager.start();
    this.coordinator.start();
    this.cleaner.start();
  }

  /** Allocate a producer id; persisted so ids are never reused across restarts. */
  allocateProducerId(): number {
    const id = this.nextProducerId++;
    this.setMeta.run('next.producer.id', String(this.nextProducerId));
    return id;
  }

  /** Register a wake-up for long-poll fetches; returns an unregister function. */
  onAppend(w: Waiter): () => void {
    this.waiters.add(w);
    return () => this.waiters.delete(w);
  }

  notifyAppend(): void {
    this.checkpointer.ensureStarted();
    if (this.waiters.size === 0) return;
    for (const w of [...this.waiters]) w();
  }

  /** A write transaction rolled back: in-memory state derived from it may be ahead of the database. */
  reloadAfterFailedWrite(): void {
    this.topics.reload();
    this.producers.clear();
    this.replicaManager.reloadAfterFailedWrite();
  }

  onTopicDeleted(topic: TopicRecord): void {
    // SQLite may hand the same rowid to the next topic: drop everything cached under this one.
    this.configs.forgetTopic(topic.tk);
    this.replicaManager.onTopicDeleted(topic.id);
    this.coordinator.onTopicDeleted(topic.name);
    this.notifyAppend();
  }

  close(): void {
    this.replicaManager.close();
    this.cleaner.close();
    this.coordinator.close();
    for (const w of [...this.waiters]) w();
    this.waiters.clear();
    this.checkpointer.stop();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // a checkpoint is an optimisation; the WAL is replayed on the next open anyway
    }
    this.db.close();
  }
}

/**
 * The deltas a controller would send a one-broker cluster for a partition of its local catalog:
 * leader of every partition it is a replica of, at the catalog's leader epoch.
 */
function standaloneDeltas(engine: Engine): LazyHost {
  return (name, index) => {
    const topic = engine.topics.get(name);
    const p = topic?.partitions[index];
    if (!topic || !p) return undefined;
    const view = engine.metadata.partitionView(p);
    return [{
      kind: 'partition', topic: { id: topic.id, name, partitions: [] }, partition: index,
      after: {
        replicas: view.replicas, isr: view.isr, removingReplicas: [], addingReplicas: [], leader: view.leader,
        leaderEpoch: p.leaderEpoch, partitionEpoch: 0, leaderRecoveryState: 0, elr: [], lastKnownElr: [],
      },
    }];
  };
}
