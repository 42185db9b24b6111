// The partitions this broker hosts and what it does with them (Kafka's ReplicaManager): metadata
// deltas make it leader or follower of a partition; produce appends go to the leader's log and,
// with acks=all, wait in the purgatory until the ISR has them; fetches read from a local log
// (consumers up to the high watermark, followers up to the log end, their fetch offset updating
// the leader's view of them); followers replicate through the replica fetchers. Handlers and
// the group coordinator reach the logs only through here.
import type { Engine } from '../engine';
import type { MetadataChange, PartitionRegistration } from '../metadata/image';
import type { BrokerEndpoint } from '../metadata/records';
import { ErrorCode } from '../../protocol/errors';
import { batchLastOffset, readBatchHeader } from '../../protocol/records/batch';
import { buildTxnMarker, txnMarkerCoordinatorEpoch } from '../../protocol/records/txn-marker';
import type { AbortedTxn, CompletedTxn } from '../log/transaction-state';
import { isInternalTopic } from '../../protocol/topic-name';
import { PartitionLog } from '../log/partition-log';
import { segmentConfigFrom, type SegmentConfig } from '../log/log-segments';
import { appendAsLeader, appendFailure, type AppendResult } from '../log/leader-append';
import { Partition, type PartitionHost } from './partition';
import { Purgatory, type DelayedOperation } from './purgatory';
import { FetchWakeups, fetchKey } from './fetch-wakeups';
import type { AlterPartitionSender } from './alter-partition-sender';
import { controllerAlterPartitionSender } from './controller-alter-partition-sender';
import { ReplicaFetcherManager } from './replica-fetcher';
import { engineLog } from '../server-log';
import type { ReadResult } from '../storage/log-store';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';

const LOGGER = 'kafka.server.ReplicaManager';

/** Kafka's AdminUtils.ADMIN_CLIENT_ID: the only client allowed to append to internal topics. */
const ADMIN_CLIENT_ID = '__admin_client';

/** FetchRequest.CONSUMER_REPLICA_ID and the debugging id that may read a follower's whole log. */
export const CONSUMER_REPLICA_ID = -1;
export const DEBUGGING_REPLICA_ID = -2;

export interface ProducePartitionResult extends AppendResult {
  logStartOffset: number;
  partition?: Partition;
}

/** One COMMIT/ABORT marker to write (a WriteTxnMarkers entry). */
export interface TxnMarker {
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
  /** WriteTxnMarkers v2: 2 for transactions v2 (the marker's epoch is a bumped one). */
  transactionVersion?: number;
}

export interface MarkerResult extends ProducePartitionResult {
  completed?: CompletedTxn;
}

/** FetchRequest isolation_level. */
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

export interface LocalRead {
  errorCode: number;
  highWatermark: number;
  /** -1 with an error. */
  lastStableOffset?: number;
  /** READ_COMMITTED: the aborted transactions overlapping what was read (else undefined). */
  abortedTransactions?: AbortedTxn[];
  logStartOffset: number;
  logEndOffset: number;
  read?: ReadResult;
  /** The fetch offset is outside [log start, readable end]. */
  outOfRange?: boolean;
  /** The offset the read could go up to (-1 with an error). */
  end: number;
}

/**
 * Told when this broker becomes leader or follower of a partition (or a new leader epoch starts):
 * Kafka's onLeadershipChange, which loads and unloads a __consumer_offsets partition's groups.
 */
export type LeadershipListener = (topic: string, partition: number, isLeader: boolean, leaderEpoch: number) => void;

export class ReplicaManager implements PartitionHost {
  readonly purgatory = new Purgatory();
  /** Long-polling fetches, woken by the partitions they read. */
  readonly fetchWakeups = new FetchWakeups();
  readonly fetchers: ReplicaFetcherManager;
  /** ISR proposals go to the active controller (replaceable in tests). */
  sender: AlterPartitionSender;
  readonly leadershipListeners: LeadershipListener[] = [];
  private readonly partitions = new Map<string, Partition>();
  /**
   * The same partitions by topic name, then index: a produce request looks one up per batch,
   * and a key string built per look-up (and hashed) was a visible part of spreading records
   * over 10,000 partitions.
   */
  private readonly byTopic = new Map<string, { parts: (Partition | undefined)[]; live: number }>();
  private readonly brokerEndpoints = new Map<number, BrokerEndpoint[]>();
  private isrTimer: NodeJS.Timeout | undefined;
  private hwTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The broker is stopping: it takes no more records and answers what waits (stopServing). */
  private stopping = false;

  /** The topic's segment.bytes / segment.ms / segment.jitter.ms as they are now (read per append). */
  private segmentConfig(topic: TopicRecord): () => SegmentConfig {
    return () => segmentConfigFrom(this.engine.configs.effective(topic));
  }

  private openLog(topic: TopicRecord, p: PartitionRecord): PartitionLog {
    const k = fetchKey(topic.name, p.partition);
    return new PartitionLog(this.engine.logs, topic, p, this.segmentConfig(topic), () => this.fetchWakeups.touch(k));
  }

  constructor(private readonly engine: Engine) {
    this.fetchers = new ReplicaFetcherManager(this, engine);
    this.sender = controllerAlterPartitionSender(engine);
  }

  get localId(): number {
    return this.engine.settings.nodeId;
  }

  log(level: 'INFO' | 'WARN', message: string): void {
    // A one-broker engine's server log stays as it was: role changes are cluster news.
    if (level === 'INFO' && this.engine.settings.cluster === null) return;
    engineLog(level, message, LOGGER);
  }

  /** Start the ISR expiration task (every replica.lag.time.max.ms / 2, as Kafka). */
  start(): void {
    const lag = Math.max(1, this.engine.configs.brokerInt('replica.lag.time.max.ms'));
    this.isrTimer = setInterval(() => this.maybeShrinkIsr(), Math.max(1, Math.floor(lag / 2)));
    this.isrTimer.unref();
    const every = Math.max(1, this.engine.configs.brokerInt('replica.high.watermark.checkpoint.interval.ms'));
    this.hwTimer = setInterval(() => this.checkpointHighWatermarks(), every);
    this.hwTimer.unref();
  }

  /**
   * Write the high watermarks that moved since the last checkpoint, in one transaction (Kafka's
   * checkpointHighWatermarks). A failure (full disk) leaves them for the next one.
   */
  checkpointHighWatermarks(): void {
    const logs = [...this.partitions.values()].map((p) => p.log);
    try {
      this.engine.logs.transaction(() => {
        for (const log of logs) log.checkpointHighWatermark();
      });
    } catch (e) {
      for (const log of logs) log.forgetStoredHighWatermark();
      this.log('WARN', `Error while writing the high watermark checkpoint: ${(e as Error)?.message ?? e}`);
    }
  }

  maybeShrinkIsr(now = Date.now()): void {
    const lag = this.engine.configs.brokerInt('replica.lag.time.max.ms');
    for (const p of this.partitions.values()) p.maybeShrinkIsr(now, lag);
  }

  // --- Hosting ---------------------------------------------------------------------------------

  /** The hosted partition (hosted from the metadata log's deltas, a one-broker cluster's too). */
  getPartition(topic: string, index: number): Partition | undefined {
    return this.byTopic.get(topic)?.parts[index];
  }

  /** Every hosted partition (leader or follower). */
  hosted(): Partition[] {
    return [...this.partitions.values()];
  }

  /** The local log of a replica this broker has (for the cleaner: retention and compaction run on every replica). */
  localLog(topic: string, index: number): PartitionLog | undefined {
    return this.getPartition(topic, index)?.log;
  }

  brokerEndpoint(id: number): BrokerEndpoint | undefined {
    return this.brokerEndpoints.get(id)?.[0];
  }

  /**
   * Metadata changes (Kafka's ReplicaManager.applyDelta): a partition whose replicas include this
   * broker is hosted; it leads it when the registration names it leader, else follows the leader
   * (fetchers truncate, then fetch). A replica no longer assigned here is dropped.
   */
  applyDelta(changes: readonly MetadataChange[]): void {
    const now = Date.now();
    for (const c of changes) {
      switch (c.kind) {
        case 'broker':
          if (c.after) this.brokerEndpoints.set(c.id, c.after.endpoints);
          else this.brokerEndpoints.delete(c.id);
          break;
        case 'topic-deleted':
          this.dropTopic(c.topic.id, true);
          this.fetchWakeups.wakeAll();
          break;
        case 'partition':
          this.applyPartition(c.topic.id, c.topic.name, c.partition, c.after, now);
          // A fetch waiting there may now be answered otherwise (leader moved, replica added).
          this.fetchWakeups.touch(fetchKey(c.topic.name, c.partition));
          break;
        default:
          break;
      }
    }
    this.fetchers.reconcile();
  }

  private applyPartition(topicId: string, topicName: string, index: number, reg: PartitionRegistration, now: number): void {
    const k = fetchKey(topicName, index);
    let part = this.partitions.get(k);
    if (part && part.topicId !== topicId) {
      this.dropTopic(part.topicId, false);
      part = undefined;
    }
    if (!reg.replicas.includes(this.localId)) {
      if (part) this.removeReplica(part, reg);
      return;
    }
    if (!part) {
      const { topic, p } = this.engine.topics.ensureReplica(topicId, topicName, index, reg.replicas, isInternalTopic(topicName));
      part = new Partition(topicId, topic, p, this.openLog(topic, p), this);
      this.partitions.set(k, part);
      let list = this.byTopic.get(topicName);
      if (list === undefined) this.byTopic.set(topicName, (list = { parts: [], live: 0 }));
      if (list.parts[index] === undefined) list.live++;
      list.parts[index] = part;
    }
    if (reg.leader === this.localId) {
      if (part.makeLeader(reg, now)) {
        // Idempotence state is rebuilt from the log this leader has (it may have been a follower).
        this.engine.producers.forgetPartition(part.topic, part.p);
        this.notifyLeadership(topicName, index, true, reg.leaderEpoch);
        this.log('INFO', `[Broker id=${this.localId}] Leader ${topicName}-${index} with topic id ${topicId} starts at leader epoch ${reg.leaderEpoch} from offset ${part.log.logEndOffset} with partition epoch ${reg.partitionEpoch}, high watermark ${part.log.highWatermark}, ISR [${reg.isr.join(',')}]`);
      }
    } else if (part.makeFollower(reg)) {
      this.engine.producers.forgetPartition(part.topic, part.p);
      this.notifyLeadership(topicName, index, false, reg.leaderEpoch);
      this.log('INFO', `[Broker id=${this.localId}] Follower ${topicName}-${index} starts at leader epoch ${reg.leaderEpoch} from offset ${part.log.logEndOffset} with partition epoch ${reg.partitionEpoch} and high watermark ${part.log.highWatermark}. Current leader is ${reg.leader}.`);
      // Waiting produces on a former leader get NOT_LEADER_OR_FOLLOWER now.
      this.purgatory.checkAndComplete(part.key);
    }
  }

  private notifyLeadership(topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void {
    for (const l of this.leadershipListeners) {
      try {
        l(topic, partition, isLeader, leaderEpoch);
      } catch (e) {
        this.log('WARN', `Leadership listener failed for ${topic}-${partition}: ${(e as Error)?.message ?? e}`);
      }
    }
  }

  /**
   * A reassignment moved this replica away (Kafka's stopReplicas with deletion): it stops, a
   * coordinator that led it unloads its groups, and its local log is deleted, so a later
   * return fetches it from scratch.
   */
  private removeReplica(part: Partition, reg: PartitionRegistration): void {
    const wasLeader = part.isLeader();
    this.stopReplica(part);
    if (wasLeader) this.notifyLeadership(part.name, part.index, false, reg.leaderEpoch);
    part.log.truncateFullyAndStartAt(0);
    this.engine.producers.forgetPartition(part.topic, part.p);
    this.log('INFO', `[Broker id=${this.localId}] Stopped and deleted the replica of ${part.name}-${part.index}: the replicas are now [${reg.replicas.join(',')}]`);
  }

  private stopReplica(part: Partition): void {
    try {
      part.log.checkpointHighWatermark();
    } catch {
      // its row may be gone (deleted topic) or the disk full: the next load recomputes it
    }
    this.partitions.delete(fetchKey(part.name, part.index));
    const list = this.byTopic.get(part.name);
    if (list?.parts[part.index] === part) {
      list.parts[part.index] = undefined;
      if (--list.live === 0) this.byTopic.delete(part.name);
    }
    part.leaderId = -1;
    part.log.close();
    this.purgatory.checkAndComplete(part.key);
    this.fetchWakeups.touch(fetchKey(part.name, part.index));
  }

  /** A topic went away: stop its replicas (and, when asked, delete its local storage). */
  private dropTopic(id: string, deleteLocal: boolean): void {
    for (const part of [...this.partitions.values()]) if (part.topicId === id) this.stopReplica(part);
    if (deleteLocal) {
      const local = this.engine.topics.getById(id);
      if (local) {
        this.engine.topics.delete(local);
        this.engine.producers.forgetTopic(local);
        this.engine.configs.forgetTopic(local.tk);
      }
    }
  }

  /** Topic deleted through the local catalog (one-broker cluster): forget its replicas. */
  onTopicDeleted(id: string): void {
    for (const part of [...this.partitions.values()]) if (part.topicId === id) this.stopReplica(part);
    this.fetchers.reconcile();
  }

  /** A write transaction rolled back and the catalog was reloaded: re-read every log's state. */
  reloadAfterFailedWrite(): void {
    for (const part of [...this.partitions.values()]) {
      const topic = this.engine.topics.getById(part.topicId);
      const p = topic?.partitions[part.index];
      if (!topic || !p) { this.stopReplica(part); continue; }
      part.topic = topic;
      part.p = p;
      const hw = part.log.highWatermark;
      part.log.close();
      part.log = this.openLog(topic, p);
      // The catalog was read again with the last checkpointed high watermark: keep the one
      // consumers were already given (within what the log still holds).
      part.log.updateHighWatermark(Math.max(hw, part.log.highWatermark));
    }
    // Every waiting fetch looks again (its partitions' logs were replaced).
    this.fetchWakeups.wakeAll();
  }

  // --- PartitionHost -----------------------------------------------------------------------------

  onHighWatermark(part: Partition): void {
    // (Long-polling consumers are woken by the log itself: see openLog.)
    this.purgatory.checkAndComplete(part.key);
  }

  // --- Produce -----------------------------------------------------------------------------------

  /**
   * Append a produced record set to a partition this broker leads (ReplicaManager.appendToLocalLog
   * + Partition.appendRecordsToLeader). Call inside the engine's write transaction.
   */
  appendToLocalLog(topicName: string, index: number, records: Buffer | null, acks: number, clientId: string | null, produceVersion: number): ProducePartitionResult {
    if (acks !== 0 && acks !== 1 && acks !== -1) return produceFailure(ErrorCode.INVALID_REQUIRED_ACKS);
    const topic = this.engine.metadata.topic(topicName);
    // ReplicaManager.appendToLocalLog: `Cannot append to internal topic <t>` (no custom message).
    if (topic?.internal && clientId !== ADMIN_CLIENT_ID) return produceFailure(ErrorCode.INVALID_TOPIC_EXCEPTION);
    if (!topic || !topic.partitions[index]) return produceFailure(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const part = this.getPartition(topicName, index);
    if (!part || !part.isLeader() || this.stopping) return produceFailure(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    // Partition.appendRecordsToLeader: acks=all needs min.insync.replicas in the ISR
    // (NotEnoughReplicasException, no custom message); acks=0/1 are not held to it.
    if (acks === -1 && !part.hasMinIsr(this.minIsr(part))) return produceFailure(ErrorCode.NOT_ENOUGH_REPLICAS);
    const r = appendAsLeader(this.engine, part.topic, part.p, part.log, part.leaderEpoch, records, produceVersion);
    if (r.errorCode !== 0) return producePartitionResult(r, -1);
    part.maybeIncrementHighWatermark();
    return producePartitionResult(r, part.log.logStartOffset, part);
  }

  /**
   * Write a transaction marker to a partition this broker leads (Kafka's WriteTxnMarkers append,
   * origin COORDINATOR: internal topics allowed, acks=all). Call inside the engine's write
   * transaction, then wait for the ISR with waitForReplication.
   */
  appendTxnMarker(topicName: string, index: number, m: TxnMarker): MarkerResult {
    const fail = (code: number): MarkerResult => ({ ...appendFailure(code), logStartOffset: -1 });
    const topic = this.engine.metadata.topic(topicName);
    if (!topic || !topic.partitions[index]) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const part = this.getPartition(topicName, index);
    if (!part || !part.isLeader() || this.stopping) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    if (!part.hasMinIsr(this.minIsr(part))) return fail(ErrorCode.NOT_ENOUGH_REPLICAS);
    const check = this.engine.producers.checkMarker(part.topic, part.p, m.producerId, m.producerEpoch, m.coordinatorEpoch,
      m.transactionVersion ?? 0, part.log.txns.openTxns().has(m.producerId));
    if (check !== 0) return fail(check);
    const batch = buildTxnMarker({ producerId: m.producerId, producerEpoch: m.producerEpoch, commit: m.commit, coordinatorEpoch: m.coordinatorEpoch, timestamp: Date.now() });
    const h = readBatchHeader(batch, 0);
    const appended = part.log.appendAsLeader(batch, part.leaderEpoch, {
      maxTimestamp: h.maxTimestamp, recordCount: h.recordCount, producerId: m.producerId, producerEpoch: m.producerEpoch, baseSequence: -1,
    }, h.lastOffsetDelta);
    this.engine.producers.markerAppended(part.topic, part.p, m.producerId, m.producerEpoch, m.coordinatorEpoch);
    part.maybeIncrementHighWatermark();
    return {
      ...appendFailure(0), baseOffset: appended.baseOffset, nextOffset: appended.lastOffset + 1,
      logStartOffset: part.log.logStartOffset, partition: part, completed: appended.completed,
    };
  }

  /** The producers of a partition this broker leads, with their state (DescribeProducers). */
  activeProducers(part: Partition): ActiveProducer[] {
    const log = part.log;
    const open = log.txns.openTxns();
    const store = this.engine.logs;
    const out: ActiveProducer[] = [];
    // Kafka's isProducerExpired: no open transaction and nothing newer (by the batches' timestamps)
    // than producer.id.expiration.ms.
    const expiredBefore = Date.now() - this.engine.configs.brokerInt('producer.id.expiration.ms');
    for (const { producerId, newestBaseOffset } of store.producersOf(part.topic, part.p)) {
      const newest = store.batchAt(part.topic, part.p, newestBaseOffset);
      if (!newest) continue;
      if (!open.has(producerId) && newest.maxTimestamp < expiredBefore) continue;
      const data = store.lastDataBatch(part.topic, part.p, producerId);
      let coordinatorEpoch = this.engine.producers.coordinatorEpochOf(part.topic, part.p, producerId);
      if (coordinatorEpoch < 0 && newest.baseSequence < 0) coordinatorEpoch = txnMarkerCoordinatorEpoch(newest.bytes);
      out.push({
        producerId,
        producerEpoch: newest.producerEpoch,
        // A marker that bumped the epoch (transactions v2) starts the sequences over.
        lastSequence: data && data.producerEpoch === newest.producerEpoch ? nextSeq(data.baseSequence, data.recordCount - 1) : -1,
        lastTimestamp: newest.maxTimestamp,
        coordinatorEpoch,
        currentTxnStartOffset: open.get(producerId)?.firstOffset ?? -1,
      });
    }
    return out;
  }

  /**
   * Append records the coordinator built to a partition this broker leads, inside the caller's
   * transaction. Returns what to wait for: the offset the ISR must reach (acks=all, see
   * waitForOffset), as the group coordinator writes with acks=all.
   */
  appendCoordinatorRecords(topicName: string, index: number, build: (baseOffset: number) => Buffer, producer?: { producerId: number; producerEpoch: number }): { partition: Partition; nextOffset: number } {
    const part = this.getPartition(topicName, index);
    if (!part || !part.isLeader()) throw Object.assign(new Error(`Not the leader of ${topicName}-${index}`), { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    if (producer) {
      // A transactional write (TxnOffsetCommit) of a producer whose epoch a newer one replaced.
      const code = this.engine.producers.checkMarker(part.topic, part.p, producer.producerId, producer.producerEpoch, -1);
      if (code === ErrorCode.INVALID_PRODUCER_EPOCH) throw Object.assign(new Error(`Producer ${producer.producerId} is fenced`), { errorCode: code });
    }
    const batch = build(part.log.logEndOffset);
    const h = readBatchHeader(batch, 0);
    const { lastOffset } = part.log.appendAsLeader(batch, part.leaderEpoch, {
      maxTimestamp: h.maxTimestamp, recordCount: h.recordCount, producerId: producer?.producerId ?? -1, producerEpoch: producer?.producerEpoch ?? -1, baseSequence: -1,
    }, h.lastOffsetDelta);
    part.maybeIncrementHighWatermark();
    return { partition: part, nextOffset: lastOffset + 1 };
  }

  /**
   * Wait until the ISR of `part` has everything below `nextOffset` (acks=all for one append):
   * undefined when it already has, else a promise of the error code (0, REQUEST_TIMED_OUT,
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND, NOT_LEADER_OR_FOLLOWER).
   */
  waitForOffset(part: Partition, nextOffset: number, timeoutMs: number): Promise<number> | undefined {
    const r: ProducePartitionResult = { ...appendFailure(0), nextOffset, baseOffset: nextOffset - 1, logStartOffset: 0, partition: part };
    const wait = this.waitForReplication([r], timeoutMs);
    if (!wait) return r.errorCode === 0 ? undefined : Promise.resolve(r.errorCode);
    return wait.then(() => r.errorCode);
  }

  minIsr(part: Partition): number {
    return this.engine.configs.topicInt(part.topic, 'min.insync.replicas');
  }

  /**
   * acks=all: answer when every appended partition's records are in the ISR (the high watermark
   * passed them), or at the timeout with REQUEST_TIMED_OUT for those still waiting (Kafka's
   * DelayedProduce). Synchronous (undefined) when nothing has to wait.
   */
  waitForReplication(results: ProducePartitionResult[], timeoutMs: number): Promise<void> | undefined {
    // No arrays or closures when everything is in the ISR already (one replica: every acks=all
    // produce), the common case on this path.
    let first: ProducePartitionResult[] | undefined;
    for (const r of results) {
      if (r.errorCode !== 0 || !r.partition || r.nextOffset < 0) continue;
      if (!this.replicated(r)) (first ??= []).push(r);
    }
    if (first === undefined) return undefined;
    let pending = first;
    const check = (r: ProducePartitionResult): boolean => this.replicated(r);
    return new Promise<void>((resolve) => {
      let finished = false;
      const op: DelayedOperation = {
        tryComplete: () => {
          if (finished) return true;
          pending = pending.filter((r) => !check(r));
          if (pending.length > 0) return false;
          finished = true;
          resolve();
          return true;
        },
        onExpiration: () => {
          if (finished) return;
          finished = true;
          for (const r of pending) failResult(r, ErrorCode.REQUEST_TIMED_OUT);
          resolve();
        },
      };
      this.purgatory.tryCompleteElseWatch(op, [...new Set(pending.map((r) => r.partition!.key))], timeoutMs);
    });
  }

  /** Is an append's result final: its records in the ISR, or failed (set in `r`)? */
  private replicated(r: ProducePartitionResult): boolean {
    if (this.stopping) {
      failResult(r, ErrorCode.NOT_LEADER_OR_FOLLOWER);
      return true;
    }
    const c = r.partition!.checkEnoughReplicasReachOffset(r.nextOffset, this.minIsr(r.partition!));
    if (c.done && c.errorCode !== 0) failResult(r, c.errorCode);
    return c.done;
  }

  // --- Fetch and offsets -------------------------------------------------------------------------

  /**
   * The partition a read may use, or the error (Kafka's getPartitionOrError + the leader and epoch
   * checks): followers and ListOffsets need the leader; consumer fetches from v11 (which carry
   * client metadata) may read a follower up to its high watermark, as KIP-392 allows.
   */
  readablePartition(topicName: string, index: number, currentLeaderEpoch: number | undefined, onlyLeader: boolean): Partition | number {
    const topic = this.engine.metadata.topic(topicName);
    if (!topic || !topic.partitions[index]) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    const part = this.getPartition(topicName, index);
    if (!part) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    const epochError = part.epochError(currentLeaderEpoch);
    if (epochError !== 0) return epochError;
    if (onlyLeader && !part.isLeader()) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    if (!onlyLeader && part.leaderId < 0) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    return part;
  }

  /**
   * One partition's part of a Fetch (Kafka's readFromLocalLog + updateFollowerFetchState): a
   * follower (replicaId >= 0) reads to the log end and its fetch offset updates the leader's view
   * of it; a consumer reads to the high watermark.
   */
  readFromLocalLog(replicaId: number, part: Partition, fetchOffset: number, maxBytes: number, now = Date.now(), isolationLevel = READ_UNCOMMITTED): LocalRead {
    const log = part.log;
    const isFollower = replicaId >= 0;
    part.localReads++;
    if (isFollower && !part.replicas.includes(replicaId)) {
      return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, highWatermark: -1, logStartOffset: -1, logEndOffset: -1, end: -1 };
    }
    // Past the high watermark but within the log end: a consumer just gets nothing yet (Kafka
    // reads up to the HW); only beyond the log end (or below the start) is out of range. A fetch
    // that fails tells the leader nothing about the follower (it may be a stale request, e.g. for
    // an older topic of the same name).
    if (fetchOffset < log.logStartOffset || fetchOffset > log.logEndOffset) {
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, outOfRange: true, highWatermark: log.highWatermark, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, end: -1 };
    }
    if (isFollower && !part.updateFollowerFetchState(replicaId, fetchOffset, now)) {
      return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, highWatermark: -1, logStartOffset: -1, logEndOffset: -1, end: -1 };
    }
    const readCommitted = isReadCommitted(replicaId, isolationLevel);
    const lso = log.lastStableOffset;
    const end = this.readableEnd(replicaId, log, isolationLevel);
    const out: LocalRead = { errorCode: 0, highWatermark: log.highWatermark, lastStableOffset: lso, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, end };
    if (readCommitted) out.abortedTransactions = [];
    if (fetchOffset >= end || maxBytes <= 0) return out;
    out.read = log.read(fetchOffset, maxBytes, end);
    const batches = out.read.batches;
    if (readCommitted && batches.length > 0) {
      // The aborted transactions overlapping the fetched batches (Kafka's collectAbortedTransactions).
      out.abortedTransactions = log.txns.abortedTxns(fetchOffset, batchLastOffset(batches[batches.length - 1], 0) + 1);
    }
    return out;
  }

  /**
   * Where a read stops: followers (and the debugging id) at the log end, READ_COMMITTED consumers
   * at the last stable offset (Kafka's FetchIsolation.TXN_COMMITTED), others at the high watermark.
   */
  readableEnd(replicaId: number, log: PartitionLog, isolationLevel: number): number {
    if (replicaId >= 0 || replicaId === DEBUGGING_REPLICA_ID) return log.logEndOffset;
    return isReadCommitted(replicaId, isolationLevel) ? log.lastStableOffset : log.highWatermark;
  }

  // --- Shutdown ------------------------------------------------------------------------------------

  /**
   * The broker is about to close its listeners (after its controlled shutdown, which normally
   * moved every leadership already): produces still waiting for the ISR are answered
   * NOT_LEADER_OR_FOLLOWER now and new ones are refused the same way, so clients refresh their
   * metadata and retry on the next leader. Left waiting, they would hold the socket server's
   * drain up to their timeout and be answered REQUEST_TIMED_OUT, with the records stored (Kafka
   * stops serving at this point: its clients see the disconnect and retry just the same).
   */
  stopServing(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.purgatory.checkAndCompleteAll();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.isrTimer);
    clearInterval(this.hwTimer);
    this.checkpointHighWatermarks();
    this.fetchers.close();
    this.purgatory.shutdown();
    this.fetchWakeups.wakeAll();
  }
}

export interface ActiveProducer {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  currentTxnStartOffset: number;
}

function nextSeq(seq: number, count: number): number {
  const n = seq + count;
  return n > 0x7fffffff ? n - 0x80000000 : n;
}

/**
 * An append's result with the partition's log start, every field spelled out: one shape for all
 * of them (spreading the append result and adding two properties changed the object's shape at
 * run time for every produced batch).
 */
function produceFailure(code: number, message: string | null = null): ProducePartitionResult {
  return producePartitionResult(appendFailure(code, message), -1);
}

export function producePartitionResult(r: AppendResult, logStartOffset: number, partition?: Partition): ProducePartitionResult {
  return {
    errorCode: r.errorCode, errorMessage: r.errorMessage, recordErrors: r.recordErrors, baseOffset: r.baseOffset,
    nextOffset: r.nextOffset, logAppendTimeMs: r.logAppendTimeMs, logStartOffset, partition,
  };
}

function isReadCommitted(replicaId: number, isolationLevel: number): boolean {
  return replicaId < 0 && replicaId !== DEBUGGING_REPLICA_ID && isolationLevel === READ_COMMITTED;
}

function failResult(r: ProducePartitionResult, errorCode: number): void {
  r.errorCode = errorCode;
  r.errorMessage = null;
}
