// One hosted partition (Kafka's Partition): this broker's role for it (leader or follower, with
// the leader epoch of the registration that made it so), the replicas and ISR, and on the
// leader each follower's position learnt from its fetches. The leader's high watermark is the
// minimum log end offset over the ISR (plus a replica being added, while that change is in
// flight); a follower caught up to the leader's log end joins the ISR, one that has not been
// caught up for replica.lag.time.max.ms leaves it. ISR changes are proposed to the controller
// through the AlterPartitionSender, one at a time, and take effect when it answers.
import type { PartitionRegistration } from '../metadata/image';
import type { PartitionLog } from '../log/partition-log';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';
import type { AlterPartitionSender } from './alter-partition-sender';
import { ErrorCode } from '../../protocol/errors';

interface FollowerState {
  /** Log end offset the follower reported by its last fetch offset (-1: not yet known). */
  logEndOffset: number;
  /** Last time the follower had everything the leader had (Kafka's lastCaughtUpTimeMs). */
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's log end offset at the follower's previous fetch. */
  lastFetchLeaderLogEndOffset: number;
}

export interface PartitionHost {
  readonly localId: number;
  readonly sender: AlterPartitionSender;
  /** The high watermark moved (wake delayed produces and long-polling consumers). */
  onHighWatermark(partition: Partition): void;
  onIsrChanged?(partition: Partition): void;
  log(level: 'INFO' | 'WARN', message: string): void;
}

export class Partition {
  leaderId = -1;
  leaderEpoch = -1;
  partitionEpoch = -1;
  replicas: number[] = [];
  /** The committed ISR (the controller's). */
  isr: number[] = [];
  /** A proposed ISR not yet answered (null: none in flight). */
  pendingIsr: number[] | null = null;
  private followers = new Map<number, FollowerState>();
  /** How many times fetches read this replica (tests: a waiting fetch reads only when worth it). */
  localReads = 0;

  /**
   * Purgatory key: by topic id, since a deleted topic's name may come back. Built once (the
   * partition's index never changes): every append that moves the high watermark looks it up.
   */
  readonly key: string;

  constructor(readonly topicId: string, public topic: TopicRecord, public p: PartitionRecord, public log: PartitionLog, private readonly host: PartitionHost) {
    this.key = `${topicId}:${p.partition}`;
  }

  get name(): string {
    return this.topic.name;
  }

  get index(): number {
    return this.p.partition;
  }


  isLeader(): boolean {
    return this.leaderId === this.host.localId;
  }

  /** ISR plus a replica being added while that change is in flight (Kafka's maximalIsr). */
  maximalIsr(): number[] {
    if (!this.pendingIsr) return this.isr;
    return [...new Set([...this.isr, ...this.pendingIsr])];
  }

  /** Become leader with this registration. Returns true when leadership (or its epoch) is new. */
  makeLeader(reg: PartitionRegistration, now: number): boolean {
    const isNew = !this.isLeader() || reg.leaderEpoch !== this.leaderEpoch;
    this.setRegistration(reg);
    if (isNew) {
      // Kafka resets the followers' states: ISR members count as caught up now, nobody's position is known.
      this.followers.clear();
      for (const r of reg.replicas) {
        if (r === this.host.localId) continue;
        this.followers.set(r, { logEndOffset: -1, lastCaughtUpTimeMs: reg.isr.includes(r) ? now : 0, lastFetchTimeMs: 0, lastFetchLeaderLogEndOffset: -1 });
      }
      this.log.assignEpochStart(reg.leaderEpoch);
      this.p.leaderEpoch = reg.leaderEpoch;
    } else {
      for (const r of reg.replicas) {
        if (r !== this.host.localId && !this.followers.has(r)) this.followers.set(r, { logEndOffset: -1, lastCaughtUpTimeMs: 0, lastFetchTimeMs: 0, lastFetchLeaderLogEndOffset: -1 });
      }
    }
    this.maybeIncrementHighWatermark();
    return isNew;
  }

  /** Become (or stay) a follower of reg.leader. Returns true when the leader or epoch changed. */
  makeFollower(reg: PartitionRegistration): boolean {
    const changed = this.leaderId !== reg.leader || this.leaderEpoch !== reg.leaderEpoch;
    this.setRegistration(reg);
    this.followers.clear();
    this.p.leaderEpoch = reg.leaderEpoch;
    return changed;
  }

  private setRegistration(reg: PartitionRegistration): void {
    // The registration an AlterPartition answer already gave us (or an older one) changes nothing,
    // and must not drop a proposal in flight.
    if (reg.leaderEpoch === this.leaderEpoch && reg.partitionEpoch <= this.partitionEpoch) return;
    this.leaderId = reg.leader;
    this.leaderEpoch = reg.leaderEpoch;
    this.partitionEpoch = reg.partitionEpoch;
    this.replicas = reg.replicas;
    this.isr = reg.isr;
    this.pendingIsr = null;
  }

  /**
   * The error for a request that names `currentLeaderEpoch` (-1: none), as Kafka's
   * Partition.checkCurrentLeaderEpoch: older than ours is fenced, newer means our metadata lags.
   */
  epochError(currentLeaderEpoch: number | undefined): number {
    if (currentLeaderEpoch === undefined || currentLeaderEpoch < 0) return ErrorCode.NONE;
    if (currentLeaderEpoch < this.leaderEpoch) return ErrorCode.FENCED_LEADER_EPOCH;
    if (currentLeaderEpoch > this.leaderEpoch) return ErrorCode.UNKNOWN_LEADER_EPOCH;
    return ErrorCode.NONE;
  }

  /** min.insync.replicas against the ISR, for acks=all before appending. */
  hasMinIsr(minIsr: number): boolean {
    return this.isr.length >= minIsr;
  }

  /**
   * A follower fetched from `fetchOffset`: that is its log end offset. Update its state, maybe
   * add it to the ISR, maybe move the high watermark. False when it is not a replica.
   */
  updateFollowerFetchState(replicaId: number, fetchOffset: number, now: number): boolean {
    const f = this.followers.get(replicaId);
    if (!f) return false;
    const leaderEnd = this.log.logEndOffset;
    // Kafka's ReplicaState.updateFetchState: caught up at this fetch if it has everything, or
    // caught up at its previous fetch if it now has what the leader had then.
    if (fetchOffset >= leaderEnd) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, now);
    else if (fetchOffset >= f.lastFetchLeaderLogEndOffset) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
    f.logEndOffset = fetchOffset;
    f.lastFetchTimeMs = now;
    f.lastFetchLeaderLogEndOffset = leaderEnd;
    this.maybeExpandIsr(replicaId, f);
    this.maybeIncrementHighWatermark();
    return true;
  }

  /** Followers whose log end is known, by id (tests, describe). */
  followerLogEndOffsets(): Map<number, number> {
    return new Map([...this.followers].map(([id, f]) => [id, f.logEndOffset]));
  }

  private maybeExpandIsr(replicaId: number, f: FollowerState): void {
    if (!this.isLeader() || this.pendingIsr || this.isr.includes(replicaId)) return;
    // In sync: at or past the high watermark and within the current leader epoch's writes.
    const epochStart = this.log.epochs.all().find((e) => e.epoch === this.leaderEpoch)?.startOffset ?? 0;
    if (f.logEndOffset < this.log.highWatermark || f.logEndOffset < epochStart) return;
    this.propose([...this.isr, replicaId], 'expand');
  }

  /** Remove followers not caught up within `lagMaxMs` (Kafka's maybeShrinkIsr, run periodically). */
  maybeShrinkIsr(now: number, lagMaxMs: number): void {
    if (!this.isLeader() || this.pendingIsr) return;
    const leaderEnd = this.log.logEndOffset;
    const out = this.isr.filter((r) => {
      if (r === this.host.localId) return false;
      const f = this.followers.get(r);
      if (!f) return true;
      return f.logEndOffset !== leaderEnd && now - f.lastCaughtUpTimeMs > lagMaxMs;
    });
    if (out.length === 0) return;
    this.propose(this.isr.filter((r) => !out.includes(r)), 'shrink');
  }

  private propose(proposed: number[], why: 'expand' | 'shrink'): void {
    // Kafka's leader proposes its ISR as a hash set, which for broker ids below 16 iterates in
    // ascending order: a broker that rejoins appears in id order ("1,2,3"), not appended.
    const newIsr = [...proposed].sort((a, b) => a - b);
    this.pendingIsr = newIsr;
    const epoch = this.leaderEpoch;
    const partitionEpoch = this.partitionEpoch;
    this.host.log('INFO', `[Partition ${this.name}-${this.index} broker=${this.host.localId}] ISR ${why}: proposing ISR ${this.isr.join(',')} -> ${newIsr.join(',')}`);
    this.host.sender.send(this.host.localId, [{
      topicId: this.topicId, topicName: this.name, partition: this.index, leaderEpoch: epoch,
      partitionEpoch, newIsr, leaderRecoveryState: 0,
    }]).then((results) => {
      const r = results.find((x) => x.topicId === this.topicId && x.partition === this.index);
      if (this.pendingIsr !== newIsr || this.leaderEpoch !== epoch) return; // superseded by a delta
      this.pendingIsr = null;
      if (!r || r.errorCode !== 0 || !r.registration) {
        this.host.log('WARN', `[Partition ${this.name}-${this.index} broker=${this.host.localId}] Failed to alter the ISR: error ${r?.errorCode ?? 'none'}`);
        return;
      }
      if (r.registration.leaderEpoch !== this.leaderEpoch || r.registration.partitionEpoch < this.partitionEpoch) return;
      this.isr = r.registration.isr;
      this.partitionEpoch = r.registration.partitionEpoch;
      this.host.onIsrChanged?.(this);
      this.maybeIncrementHighWatermark();
      // A shrink can also complete waiting produces (with NOT_ENOUGH_REPLICAS_AFTER_APPEND).
      this.host.onHighWatermark(this);
    }, (e) => {
      if (this.pendingIsr === newIsr) this.pendingIsr = null;
      this.host.log('WARN', `[Partition ${this.name}-${this.index} broker=${this.host.localId}] Failed to alter the ISR: ${(e as Error)?.message ?? e}`);
    });
  }

  /** HW = min log end offset over the (maximal) ISR; only moves forward. */
  maybeIncrementHighWatermark(): void {
    if (!this.isLeader()) return;
    let hw = this.log.logEndOffset;
    for (const r of this.maximalIsr()) {
      if (r === this.host.localId) continue;
      const f = this.followers.get(r);
      const end = f ? f.logEndOffset : -1;
      if (end < hw) hw = end;
    }
    if (hw > this.log.highWatermark && this.log.updateHighWatermark(hw)) this.host.onHighWatermark(this);
  }

  /**
   * Has the ISR got everything up to `requiredOffset` (Kafka's checkEnoughReplicasReachOffset)?
   * Done when the high watermark passed it; NOT_ENOUGH_REPLICAS_AFTER_APPEND when it did but the
   * ISR has meanwhile shrunk below min.insync.replicas.
   */
  checkEnoughReplicasReachOffset(requiredOffset: number, minIsr: number): { done: boolean; errorCode: number } {
    if (!this.isLeader()) return { done: true, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    if (this.log.highWatermark < requiredOffset) return { done: false, errorCode: 0 };
    return { done: true, errorCode: this.maximalIsr().length >= minIsr ? 0 : ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND };
  }
}
