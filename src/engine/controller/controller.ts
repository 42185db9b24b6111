// The controller (Kafka's QuorumController, in miniature): every broker runs one; the one that
// holds the store's lease is active. It decides from the metadata image and appends records
// with its lease epoch as the fence, so a controller that lost the lease (killed, stopped past
// its lease) can no longer change anything. JavaScript runs it on the broker's event loop and
// every store call is synchronous: each operation reads, decides and appends without another
// operation in between, which is what the QuorumController's single event thread gives Kafka.
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { MetadataLoader } from '../metadata/loader';
import type { MetadataRecord } from '../metadata/records';
import { NotControllerError, processAlive, type BrokerSession, type ControllerLease, type MetadataStore } from '../metadata/store';
import { ReplicationControl, type ReplicationPolicy } from './replication-control';
import { LeaderBalancer, type LeaderBalanceSettings } from './leader-balance';

export interface ControllerOptions {
  nodeId: number;
  /** broker.session.timeout.ms: a broker not heard from for this long is fenced. */
  sessionTimeoutMs: number;
  /** How long the lease lasts unless renewed (renewed on every tick). */
  leaseMs: number;
  policy: ReplicationPolicy;
  /**
   * A one-broker cluster: a restart of its only broker loses nothing another replica has, so its
   * previous incarnation is not fenced out of the ISRs (its partitions stay led by it).
   */
  singleBroker?: boolean;
  log: (level: 'INFO' | 'WARN', message: string) => void;
  /** auto.leader.rebalance.enable and leader.imbalance.check.interval.seconds, as now in effect. */
  leaderBalance?: () => LeaderBalanceSettings;
}

/** Producer ids are handed to brokers in blocks (Kafka's ProducerIdControlManager). */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

export class Controller {
  private lease: ControllerLease | undefined;
  readonly replication: ReplicationControl;
  private readonly balancer: LeaderBalancer;

  constructor(private readonly store: MetadataStore, private readonly loader: MetadataLoader, private readonly opts: ControllerOptions) {
    this.replication = new ReplicationControl(loader.image, opts.policy);
    this.balancer = new LeaderBalancer(loader.image, this.replication, opts.leaderBalance ?? (() => ({ enabled: false, intervalMs: 0 })));
  }

  isActive(): boolean {
    return this.lease !== undefined;
  }

  /** The active controller's node id as the store says (-1: none). */
  activeControllerId(): number {
    const l = this.store.lease();
    return l && (l.expiresMs > Date.now() && processAlive(l.pid)) ? l.nodeId : -1;
  }

  epoch(): number {
    return this.lease?.epoch ?? -1;
  }

  /**
   * Take or renew the lease, and while active watch the brokers' sessions. Called by the broker
   * on a timer well inside the lease.
   */
  tick(now = Date.now()): void {
    const had = this.lease;
    this.lease = this.store.acquireLease(this.opts.nodeId, process.pid, this.opts.leaseMs, now);
    if (!this.lease) {
      if (had) this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Lost the controller lease (epoch ${had.epoch}).`);
      return;
    }
    if (!had || had.epoch !== this.lease.epoch) {
      this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Became the active controller (epoch ${this.lease.epoch}).`);
      this.balancer.reset();
    }
    this.loader.catchUp();
    this.watchSessions(now);
    this.balanceLeaders(now);
  }

  /** auto.leader.rebalance.enable: preferred replicas take their leaderships back (leader-balance.ts). */
  private balanceLeaders(now: number): void {
    if (!this.lease) return;
    const r = this.balancer.maybeBalance(now);
    if (!r || r.records.length === 0) return;
    this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Leader imbalance check: ${r.imbalanced} partition(s) not led by their preferred replica, electing it for ${r.elected}.`);
    this.append(() => r.records);
  }

  /** Give the lease up on a clean shutdown, so that another broker takes over at once. */
  resign(): void {
    if (this.lease) this.store.releaseLease(this.opts.nodeId, this.lease.epoch);
    this.lease = undefined;
  }

  /**
   * Run one decision: it sees the image caught up with the log, returns the records that carry
   * it out (appended under the lease) and a result. Throws NOT_CONTROLLER when inactive.
   */
  write<T>(decide: () => { records: MetadataRecord[]; result: T }): T {
    if (!this.lease) throw KafkaError.from(ErrorCode.NOT_CONTROLLER);
    this.loader.catchUp();
    const { records, result } = decide();
    if (records.length > 0) this.append(() => records);
    return result;
  }

  private append(build: (firstOffset: number) => MetadataRecord[]): void {
    try {
      const entries = this.store.append({ nodeId: this.opts.nodeId, epoch: this.lease!.epoch }, build);
      this.loader.apply(entries);
    } catch (e) {
      if (e instanceof NotControllerError) {
        this.lease = undefined;
        throw KafkaError.from(ErrorCode.NOT_CONTROLLER);
      }
      throw e;
    }
  }

  /**
   * ClusterControlManager's part: a new broker process registers (fenced, with a new epoch);
   * it is unfenced once its metadata caught up with its registration; a session that ended,
   * expired or whose process died is fenced (its leaderships move); a broker that asks to shut
   * down first hands its leaderships over.
   */
  private watchSessions(now: number): void {
    const image = this.loader.image;
    const sessions = new Map(this.store.sessions().map((s) => [s.nodeId, s]));
    const rc = this.replication;
    for (const s of sessions.values()) {
      const reg = image.brokers.get(s.nodeId);
      if (!this.alive(s, now)) continue;
      if (!reg || reg.incarnationId !== s.incarnationId) {
        this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Registering broker ${s.nodeId} (incarnation ${s.incarnationId}) at ${s.host}:${s.port}.`);
        // The previous process of this broker died without shutting down: its replicas may
        // miss what was acknowledged since, so they leave the ISRs (and ELRs). Each step is
        // decided on the image the previous one produced.
        const restart = reg !== undefined && !this.opts.singleBroker;
        if (restart && !reg.fenced) this.append(() => rc.brokerFenced(s.nodeId));
        const unclean = restart && !this.loader.image.brokers.get(s.nodeId)?.inControlledShutdown ? rc.brokerUncleanShutdown(s.nodeId) : [];
        this.append((first) => {
          const records: MetadataRecord[] = [...unclean];
          records.push({
            type: 'RegisterBroker', brokerId: s.nodeId, incarnationId: s.incarnationId, brokerEpoch: first + records.length,
            endpoints: [{ name: 'PLAINTEXT', host: s.host, port: s.port }], rack: s.rack, fenced: true,
          });
          return records;
        });
        continue;
      }
      if (s.wantShutdown) {
        if (!reg.inControlledShutdown || this.leadsOrFollows(s.nodeId)) {
          const records = rc.brokerInControlledShutdown(s.nodeId, reg.epoch);
          if (records.length > 0) this.append(() => records);
        }
        continue;
      }
      if (reg.fenced && s.metadataOffset >= reg.epoch) {
        this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Unfencing broker ${s.nodeId} (epoch ${reg.epoch}).`);
        this.append(() => rc.brokerUnfenced(s.nodeId, reg.epoch));
      }
    }
    for (const reg of [...image.brokers.values()]) {
      if (reg.fenced) continue;
      const s = sessions.get(reg.id);
      if (s && s.incarnationId === reg.incarnationId && this.alive(s, now)) continue;
      this.opts.log('INFO', `[QuorumController id=${this.opts.nodeId}] Fencing broker ${reg.id}: ${s ? 'its session expired' : 'it shut down'}.`);
      this.append(() => rc.brokerFenced(reg.id));
    }
  }

  private alive(s: BrokerSession, now: number): boolean {
    return now - s.heartbeatMs < this.opts.sessionTimeoutMs && processAlive(s.pid);
  }

  /** Does this broker still lead a partition or sit in an ISR? (A controlled shutdown waits for none.) */
  leadsOrFollows(brokerId: number): boolean {
    for (const t of this.loader.image.topicsById.values()) {
      for (const p of t.partitions) if (p.leader === brokerId || (p.isr.includes(brokerId) && p.isr.length > 1)) return true;
    }
    return false;
  }

  /** A block of producer ids for a broker (AllocateProducerIds). */
  allocateProducerIds(brokerId: number, brokerEpoch: number): { first: number; count: number } {
    return this.write(() => {
      const first = this.loader.image.nextProducerId;
      return {
        records: [{ type: 'ProducerIds', brokerId, brokerEpoch, nextProducerId: first + PRODUCER_ID_BLOCK_SIZE }],
        result: { first, count: PRODUCER_ID_BLOCK_SIZE },
      };
    });
  }
}
