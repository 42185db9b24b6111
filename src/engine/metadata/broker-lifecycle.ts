// A broker's membership of its cluster (Kafka's BrokerLifecycleManager, with the controller's
// side in controller/controller.ts): the broker keeps a session in the metadata store with a
// heartbeat, tails the metadata log, and runs its controller, which becomes active when it takes
// the lease. It starts fenced and serves once the controller has unfenced it; on a clean stop it
// asks for a controlled shutdown, so its leaderships move before it goes.
//
// A one-broker cluster (no zookeeper.connect / controller.quorum.* given) does all of this once
// at start, synchronously, and then needs no timers: nobody else can write its store.
import type { Engine } from '../engine';
import { randomUuid } from '../../protocol/uuid';
import { engineLog } from '../server-log';
import { isMigrated, markMigrated, migrationRecords } from './migration';
import { dropStrayTopics } from './publisher';
import type { MetadataRecord } from './records';

/** How often a cluster member reads the metadata log for records other brokers' controller appended. */
const TAIL_INTERVAL_MS = 100;

export class BrokerLifecycle {
  readonly incarnationId = randomUuid();
  private readonly startedMs = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private wantShutdown = false;
  private stopped = false;

  constructor(private readonly engine: Engine) {}

  private get clustered(): boolean {
    return this.engine.settings.cluster !== null;
  }

  /** This broker's registration epoch (-1 before it registered). */
  brokerEpoch(): number {
    const reg = this.engine.loader.image.brokers.get(this.engine.settings.nodeId);
    return reg && reg.incarnationId === this.incarnationId ? reg.epoch : -1;
  }

  isUnfenced(): boolean {
    const reg = this.engine.loader.image.brokers.get(this.engine.settings.nodeId);
    return reg !== undefined && reg.incarnationId === this.incarnationId && !reg.fenced;
  }

  private heartbeat(): void {
    const { settings, loader } = this.engine;
    this.engine.metadataStore.heartbeat({
      nodeId: settings.nodeId, incarnationId: this.incarnationId, pid: process.pid,
      host: settings.advertised.host, port: settings.advertised.port, rack: settings.props.get('broker.rack')?.trim() || null,
      logDir: settings.logDir, startedMs: this.startedMs, heartbeatMs: Date.now(), wantShutdown: this.wantShutdown,
      metadataOffset: loader.image.offset,
    });
  }

  /** One round: catch up, renew the session, run the controller (and, when active, its housekeeping). */
  private round(): void {
    const { loader, controller } = this.engine;
    loader.catchUp();
    this.heartbeat();
    controller.tick();
    if (controller.isActive()) this.bootstrap();
  }

  /**
   * What the active controller writes when the metadata lacks it: the cluster id, the
   * cluster-level min.insync.replicas, and (once per log dir) this log dir's older catalog.
   */
  private bootstrap(): void {
    const { engine } = this;
    const image = engine.loader.image;
    const migrate = !isMigrated(engine);
    engine.controller.write(() => {
      const records: MetadataRecord[] = [];
      if (!image.clusterId) records.push({ type: 'ClusterId', clusterId: engine.localClusterId });
      records.push(...engine.configs.clusterMinIsrRecords());
      if (migrate) records.push(...migrationRecords(engine, image));
      return { records, result: undefined };
    });
    if (migrate) {
      markMigrated(engine);
      dropStrayTopics(engine, image);
    }
  }

  /** Register (after the listener is bound: the session carries the port) and wait to be unfenced. */
  async start(): Promise<void> {
    const { engine } = this;
    engine.loader.catchUp();
    // Nothing of this log dir's own to bring in (a new dir, or all of it already in the store):
    // from now on, what the store does not have is stray (deleted while this broker was down).
    if (!isMigrated(engine) && migrationRecords(engine, engine.loader.image).length === 0) markMigrated(engine);
    if (isMigrated(engine)) dropStrayTopics(engine, engine.loader.image);
    if (!this.clustered) {
      // Register, then unfence once the session shows the registration was seen.
      this.round();
      this.round();
      return;
    }
    const { brokerHeartbeatIntervalMs, brokerSessionTimeoutMs, nodeId } = engine.settings;
    const onError = (e: unknown): void => engineLog('ERROR', `[BrokerLifecycleManager id=${nodeId}] ${(e as Error)?.stack ?? e}`, 'kafka.server.BrokerLifecycleManager');
    engine.loader.start(TAIL_INTERVAL_MS, onError);
    const beat = (): void => {
      if (this.stopped) return;
      try {
        this.round();
      } catch (e) {
        onError(e);
      }
    };
    this.timer = setInterval(beat, Math.max(50, brokerHeartbeatIntervalMs));
    this.timer.unref();
    beat();
    // Serve once unfenced (the controller may be another broker, ticking on its own timer).
    const deadline = Date.now() + Math.max(brokerSessionTimeoutMs * 2, 10000);
    while (!this.isUnfenced() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      engine.loader.catchUp();
      if (!this.isUnfenced()) this.heartbeat();
    }
    if (this.isUnfenced()) {
      engineLog('INFO', `[BrokerLifecycleManager id=${nodeId}] The broker has been unfenced. Transitioning from RECOVERY to RUNNING.`, 'kafka.server.BrokerLifecycleManager');
    } else {
      engineLog('WARN', `[BrokerLifecycleManager id=${nodeId}] The broker is still fenced: no active controller unfenced it yet.`, 'kafka.server.BrokerLifecycleManager');
    }
  }

  /**
   * Controlled shutdown: ask the controller to move this broker's leaderships and take it out of
   * the ISRs, wait (bounded) until the metadata shows it, then end the session and, when this
   * broker was the active controller, give up the lease so another broker takes over at once.
   */
  async shutdown(): Promise<void> {
    const { engine } = this;
    const { controller, loader, settings } = engine;
    if (this.clustered && settings.controlledShutdown && this.isUnfenced()) {
      this.wantShutdown = true;
      engineLog('INFO', `[BrokerLifecycleManager id=${settings.nodeId}] Beginning controlled shutdown.`, 'kafka.server.BrokerLifecycleManager');
      const deadline = Date.now() + settings.brokerSessionTimeoutMs;
      for (;;) {
        try {
          this.round();
        } catch {
          // the controller may be changing hands: try again until the deadline
        }
        if (!controller.leadsOrFollows(settings.nodeId) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    loader.stop();
    try {
      if (this.clustered) engine.metadataStore.endSession(settings.nodeId, this.incarnationId);
      controller.resign();
    } catch {
      // the store is shared: whatever is left, the next controller cleans up by the session rules
    }
  }
}
