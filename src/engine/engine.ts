// The broker: storage, metadata and idempotence state, shared by every connection. The TCP
// side lives in server.ts; the per-API logic in handlers/.
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
import { TransactionCoordinator } from './coordinator/txn/transaction-coordinator';
import { LogCleaner } from './log/cleaner';
import { ReplicaManager } from './replica/replica-manager';
import type { EngineSettings } from './settings';
import { randomUuid } from '../protocol/uuid';
import { MetadataStore } from './metadata/store';
import { MetadataLoader } from './metadata/loader';
import { publishLocally } from './metadata/publisher';
import { BrokerLifecycle } from './metadata/broker-lifecycle';
import { Controller } from './controller/controller';
import { ControllerForwarder } from './api/forwarding';
import { engineLog } from './server-log';
import type { MetadataRecord } from './metadata/records';
import { invalidClusterIdMessage, readMetaProperties, writeMetaProperties } from '../config/meta-properties';

/** A log dir the engine must not start on (Kafka exits with "Exiting Kafka due to fatal exception"). */
export class StartupRefusal extends Error {
  override name = 'StartupRefusal';
}

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
  readonly txnCoordinator: TransactionCoordinator;
  readonly cleaner: LogCleaner;
  /** The cluster's metadata: the shared store, this broker's image of it, its controller. */
  readonly metadataStore: MetadataStore;
  readonly loader: MetadataLoader;
  readonly controller: Controller;
  readonly lifecycle: BrokerLifecycle;
  readonly forwarder: ControllerForwarder;
  /** The cluster id this log dir was given (the cluster's own, once its metadata has one). */
  readonly localClusterId: string;
  readonly replicaManager: ReplicaManager;
  /** Called with each request's API key, version and client id once its version is accepted (tests). */
  requestObserver: ((apiKey: number, version: number, clientId: string | null) => void) | null = null;
  private checkpointer: WalCheckpointer;
  private producerIds = { next: 0, end: 0 };
  private getMeta;
  private setMeta;

  constructor(readonly settings: EngineSettings) {
    this.db = openDatabase(settings.logDir);
    this.checkpointer = new WalCheckpointer(this.db);
    this.getMeta = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.setMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.localClusterId = this.honourMetaProperties();
    this.metadataStore = new MetadataStore(settings.metadataStoreFile);
    this.loader = new MetadataLoader(this.metadataStore);
    this.topics = new TopicStore(this.db);
    this.logs = new LogStore(this.db);
    this.producers = new ProducerStateManager(this.logs);
    this.configs = new ConfigManager(this);
    // Quotas, credentials and group / client metrics configs are metadata records too.
    const records = { image: this.loader.image, write: (r: MetadataRecord[]) => this.controller.write(() => ({ records: r, result: undefined })) };
    this.quotas = new ClientQuotas(records);
    this.scram = new ScramCredentials(records);
    this.resources = new ResourceConfigs(records, () => this.configs.view());
    this.controller = new Controller(this.metadataStore, this.loader, {
      nodeId: settings.nodeId,
      sessionTimeoutMs: settings.brokerSessionTimeoutMs,
      // A one-broker cluster holds its lease while its process lives (the lease is also taken
      // over at once from a dead process); cluster members renew it on every heartbeat.
      leaseMs: settings.cluster ? settings.brokerSessionTimeoutMs : 365 * 24 * 3600 * 1000,
      singleBroker: settings.cluster === null,
      policy: {
        minIsr: (topic) => this.topicConfigInt(topic, 'min.insync.replicas'),
        uncleanElection: (topic) => this.topicConfigValue(topic, 'unclean.leader.election.enable') === true,
        elrEnabled: true,
      },
      log: (level, message) => engineLog(level, message, 'org.apache.kafka.controller.QuorumController'),
      leaderBalance: () => ({
        enabled: this.configs.brokerValue('auto.leader.rebalance.enable') === true,
        intervalMs: this.configs.brokerInt('leader.imbalance.check.interval.seconds') * 1000,
      }),
    });
    // Read lazily: with port 0 the advertised port is known only once the listener is bound.
    this.metadata = new ClusterMetadata(settings.nodeId, () => ({
      nodeId: settings.nodeId, host: settings.advertised.host, port: settings.advertised.port, rack: null,
    }), this.topics, this.loader.image, () => this.controller.activeControllerId());
    this.replicaManager = new ReplicaManager(this);
    this.coordinator = new GroupCoordinator(this);
    this.txnCoordinator = new TransactionCoordinator(this);
    this.cleaner = new LogCleaner(this);
    this.lifecycle = new BrokerLifecycle(this);
    this.forwarder = new ControllerForwarder(this);
    this.loader.addPublisher((changes, image) => publishLocally(this, changes, image));
  }

  /**
   * The cluster id of this log dir: the one its data already belong to, else the one
   * `kafka-storage format` wrote into meta.properties, else a new one. A directory formatted for
   * another cluster than its data is refused, as Kafka refuses log dirs whose meta.properties
   * disagree; an unformatted one gets a meta.properties (so kafka-storage info/format see it).
   */
  private honourMetaProperties(): string {
    const dir = this.settings.logDir;
    const fromMeta = readMetaProperties(dir)?.get('cluster.id');
    let clusterId = this.getMeta.get('cluster.id') as string | undefined;
    if (clusterId && fromMeta !== undefined && fromMeta !== clusterId) {
      this.db.close();
      throw new StartupRefusal(`java.lang.RuntimeException: ${invalidClusterIdMessage(dir, clusterId, fromMeta)}`);
    }
    if (!clusterId) {
      clusterId = fromMeta ?? randomUuid();
      this.setMeta.run('cluster.id', clusterId);
    }
    if (fromMeta === undefined) writeMetaProperties(dir, clusterId, this.settings.nodeId);
    return clusterId;
  }

  private topicConfigValue(name: string, config: string): unknown {
    const t = this.topics.get(name);
    return t ? this.configs.topicValue(t, config) : this.configs.brokerValue(config);
  }

  private topicConfigInt(name: string, config: string): number {
    return Number(this.topicConfigValue(name, config));
  }

  /** Join the cluster (register, be unfenced) once the listener is bound. */
  async register(): Promise<void> {
    await this.lifecycle.start();
  }

  /** Arm background work (group expiry, retention, compaction); timers never keep the process alive. */
  start(): void {
    this.replicaManager.start();
    this.coordinator.start();
    this.txnCoordinator.start();
    this.cleaner.start();
  }

  /**
   * Allocate a producer id from this broker's block; blocks come from the controller
   * (AllocateProducerIds), recorded in the metadata log, so no id is handed out twice in the
   * cluster or across restarts.
   */
  allocateProducerId(): number | Promise<number> {
    if (this.producerIds.next < this.producerIds.end) return this.producerIds.next++;
    const take = (block: { first: number; count: number }): number => {
      if (this.producerIds.next >= this.producerIds.end) this.producerIds = { next: block.first, end: block.first + block.count };
      return this.producerIds.next++;
    };
    if (this.controller.isActive()) return take(this.controller.allocateProducerIds(this.settings.nodeId, this.lifecycle.brokerEpoch()));
    return this.forwarder.allocateProducerIds().then(take);
  }

  /**
   * A write transaction committed: the WAL checkpointer looks at the WAL. (Waiting fetches are
   * woken by the partitions the write changed: see ReplicaManager.fetchWakeups.)
   */
  afterCommit(): void {
    this.checkpointer.ensureStarted();
    this.checkpointer.capWal();
  }

  /**
   * Apply what the metadata log holds beyond this broker's image now, instead of at the next
   * tail (a request names something another broker already knows about). Errors wait for the
   * tail, which reports them.
   */
  catchUpMetadata(): void {
    try {
      this.loader.catchUp();
    } catch {
      // the next tail tries again and reports it
    }
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
    this.afterCommit();
    this.replicaManager.fetchWakeups.wakeAll();
  }

  close(): void {
    // First: no marker send or state write may start on a closing replica manager.
    this.txnCoordinator.close();
    this.replicaManager.close();
    this.forwarder.close();
    this.loader.stop();
    this.metadataStore.close();
    this.cleaner.close();
    this.coordinator.close();
    this.checkpointer.stop();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // a checkpoint is an optimisation; the WAL is replayed on the next open anyway
    }
    this.db.close();
  }
}
