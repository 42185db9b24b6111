// The classic consumer-group coordinator (Kafka's GroupCoordinatorService + GroupMetadataManager
// + OffsetMetadataManager for classic groups, on one broker). It owns the groups and committed
// offsets in memory; every change is appended to __consumer_offsets and written to the lookup
// tables in one SQLite transaction, and start() reloads the tables. Membership (join/sync/
// heartbeat/leave) lives in membership.ts; the handlers only translate wire versions.
import type { Engine } from '../engine';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { GroupStore } from '../storage/group-store';
import { ClassicGroup, GroupError } from './group';
import { ClassicGroupMember } from './member';
import { GroupMembership } from './membership';
import { CommittedOffset, OffsetTable } from './offsets';
import { OffsetsTopic, OffsetsTopicRecord } from './offsets-topic';
import {
  OFFSETS_TOPIC, decodeGroupMetadataValue, encodeGroupMetadataKey, encodeGroupMetadataValue, encodeOffsetCommitKey,
  encodeOffsetCommitValue, GroupMetadataValue,
} from './offsets-records';
import { CoordinatorTimers } from './timers';
import type { DescribedGroup, DescribedGroupMember } from '../../protocol/messages/describe-groups';
import { engineLog } from '../server-log';
import type { Partition } from '../replica/partition';
import { rebuildFromLog } from './partition-loader';
import { AUTHORIZED_OPERATIONS_OMITTED, GROUP_OPERATIONS } from '../authorized-operations';
import { isStorageError } from '../log/storage-error';
import type { CompletedTxn } from '../log/transaction-state';
import { PendingTxnOffsets } from './pending-offsets';

const LOGGER = 'org.apache.kafka.coordinator.group.GroupMetadataManager';
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;
const RETENTION_KEY = 'offsets-retention';

export interface TopicPartitionsRequest {
  name: string;
  partitionIndexes: number[];
}

export interface OffsetCommitInput {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  retentionTimeMs: number;
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; committedMetadata: string | null }[] }[];
}

export interface TxnOffsetCommitInput extends OffsetCommitInput {
  producerId: number;
  producerEpoch: number;
}

export interface PartitionError {
  partitionIndex: number;
  errorCode: number;
}

export interface FetchedOffsets {
  errorCode: number;
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; metadata: string; errorCode: number }[] }[];
}

export class GroupCoordinator {
  readonly groups = new Map<string, ClassicGroup>();
  readonly offsets = new OffsetTable();
  /** Offsets committed in transactions, until their markers. */
  readonly pendingTxnOffsets = new PendingTxnOffsets();
  readonly timers = new CoordinatorTimers();
  readonly membership = new GroupMembership(this);
  readonly offsetsTopic: OffsetsTopic;
  private readonly store: GroupStore;

  readonly config = {
    initialRebalanceDelayMs: () => this.engine.configs.brokerInt('group.initial.rebalance.delay.ms'),
    minSessionTimeoutMs: () => this.engine.configs.brokerInt('group.min.session.timeout.ms'),
    maxSessionTimeoutMs: () => this.engine.configs.brokerInt('group.max.session.timeout.ms'),
    groupMaxSize: () => this.engine.configs.brokerInt('group.max.size'),
    newMemberJoinTimeoutMs: () => NEW_MEMBER_JOIN_TIMEOUT_MS,
    offsetMetadataMaxBytes: () => this.engine.configs.brokerInt('offset.metadata.max.bytes'),
    offsetsRetentionMs: () => this.engine.configs.brokerInt('offsets.retention.minutes') * 60000,
    retentionCheckIntervalMs: () => this.engine.configs.brokerInt('offsets.retention.check.interval.ms'),
  };

  /**
   * In a cluster the coordinator is sharded as Kafka's: it serves the groups of the
   * __consumer_offsets partitions this broker leads, loaded from that partition's log when it
   * becomes leader and unloaded when it stops (a one-broker cluster leads them all and loads its
   * lookup tables at start).
   */
  private readonly ownedPartitions = new Set<number>();

  constructor(readonly engine: Engine) {
    this.store = new GroupStore(engine.db);
    this.offsetsTopic = new OffsetsTopic(engine);
    this.sharded = engine.settings.cluster !== null;
    engine.replicaManager.leadershipListeners.push((topic, partition, isLeader) => {
      if (topic !== OFFSETS_TOPIC || !this.sharded) return;
      if (isLeader) this.loadPartition(partition);
      else this.unloadPartition(partition);
    });
  }

  /**
   * Whether groups follow __consumer_offsets leadership: in a cluster (tests that drive a broker
   * with hand-made deltas turn it on too).
   */
  sharded: boolean;

  start(): void {
    if (!this.sharded) this.load();
    this.scheduleRetention();
  }

  /** Is this broker the coordinator of the group (the leader of its __consumer_offsets partition, loaded)? */
  ownsGroup(groupId: string): boolean {
    if (!this.sharded) return true;
    const partition = this.offsetsTopic.partitionFor(groupId);
    if (this.ownedPartitions.has(partition)) return true;
    // Another broker may already have named this one as the coordinator: the metadata log says
    // this broker leads the partition before this broker has read it (it tails the log every
    // 100 ms, later on a busy machine). Read it now rather than send the client away: librdkafka
    // then looks the coordinator up, finds this broker again and does not retry its OffsetFetch.
    this.engine.catchUpMetadata();
    return this.ownedPartitions.has(partition);
  }

  /** NOT_COORDINATOR for a group another broker coordinates (clients look the coordinator up again). */
  coordinatorError(groupId: string): number {
    return this.ownsGroup(groupId) ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR;
  }

  /**
   * Became leader of a __consumer_offsets partition: its records reached this broker by
   * replication, the lookup tables did not, so the partition's groups' rows are rebuilt from the
   * log and those groups loaded from them.
   */
  private loadPartition(partition: number): void {
    if (this.ownedPartitions.has(partition)) return;
    const log = this.engine.replicaManager.localLog(OFFSETS_TOPIC, partition);
    if (!log) return;
    const belongs = (groupId: string) => this.offsetsTopic.partitionFor(groupId) === partition;
    this.unloadGroups(partition);
    try {
      this.engine.logs.transaction(() => rebuildFromLog(this.store, log, belongs));
    } catch (e: any) {
      engineLog('ERROR', `Failed to load the groups of ${OFFSETS_TOPIC}-${partition}: ${e?.message ?? e}`, LOGGER);
      return;
    }
    this.load(belongs);
    this.ownedPartitions.add(partition);
    engineLog('INFO', `[GroupCoordinator id=${this.engine.settings.nodeId}] Finished loading offsets and group metadata from ${OFFSETS_TOPIC}-${partition}`, LOGGER);
  }

  /** Stopped leading a __consumer_offsets partition: its groups go (waiting members get NOT_COORDINATOR). */
  private unloadPartition(partition: number): void {
    const had = this.ownedPartitions.delete(partition);
    this.unloadGroups(partition);
    if (had) engineLog('INFO', `[GroupCoordinator id=${this.engine.settings.nodeId}] Unloaded metadata of ${OFFSETS_TOPIC}-${partition}.`, LOGGER);
  }

  private unloadGroups(partition: number): void {
    for (const [groupId, group] of [...this.groups]) {
      if (this.offsetsTopic.partitionFor(groupId) !== partition) continue;
      this.membership.release(group);
      this.groups.delete(groupId);
      this.offsets.removeGroup(groupId);
      this.pendingTxnOffsets.removeGroup(groupId);
    }
  }

  /** True once shutdown began: JoinGroup/SyncGroup are answered NOT_COORDINATOR instead of parked. */
  closing = false;

  /**
   * Engine shutdown, before connections drain: answer every parked JoinGroup/SyncGroup with
   * NOT_COORDINATOR (as when Kafka unloads a group) so no request waits for a rebalance.
   */
  shutdown(): void {
    this.closing = true;
    this.membership.releaseAll();
  }

  close(): void {
    this.shutdown();
    this.timers.clear();
  }

  // -------------------------------------------------------------------------------------------
  // Loading and persistence

  private load(only: (groupId: string) => boolean = () => true): void {
    for (const { groupId, value } of this.store.loadGroups()) {
      if (!only(groupId)) continue;
      try {
        this.groups.set(groupId, this.groupFromRecord(groupId, decodeGroupMetadataValue(value)));
      } catch (e: any) {
        engineLog('WARN', `Skipping unreadable metadata of group ${groupId}: ${e?.message ?? e}`, LOGGER);
      }
    }
    for (const o of this.store.loadOffsets()) {
      if (!only(o.groupId)) continue;
      this.offsets.put(o.groupId, o.topic, o.partition, {
        offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, commitTimestamp: o.commitTimestamp, expireTimestamp: o.expireTimestamp,
      });
      // Offsets committed outside group management belong to a "simple" group.
      if (!this.groups.has(o.groupId)) this.groups.set(o.groupId, new ClassicGroup(o.groupId));
    }
    for (const o of this.store.loadPendingOffsets()) {
      if (!only(o.groupId)) continue;
      this.pendingTxnOffsets.put(o.producerId, {
        groupId: o.groupId, topic: o.topic, partition: o.partition,
        o: { offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, commitTimestamp: o.commitTimestamp, expireTimestamp: -1 },
      });
      if (!this.groups.has(o.groupId)) this.groups.set(o.groupId, new ClassicGroup(o.groupId));
    }
    // Loaded members keep their generation; those that do not heartbeat again expire.
    for (const group of this.groups.values()) {
      if (!only(group.groupId)) continue;
      for (const m of group.members.values()) this.membership.rescheduleHeartbeat(group, m);
    }
  }

  private groupFromRecord(groupId: string, v: GroupMetadataValue): ClassicGroup {
    const group = new ClassicGroup(groupId, v.currentStateTimestamp >= 0 ? v.currentStateTimestamp : Date.now());
    group.generationId = v.generation;
    group.protocolType = v.protocolType === '' ? null : v.protocolType;
    group.protocolName = v.protocol;
    for (const mm of v.members) {
      const m = new ClassicGroupMember(mm.memberId, mm.groupInstanceId, mm.clientId, mm.clientHost,
        mm.rebalanceTimeout >= 0 ? mm.rebalanceTimeout : mm.sessionTimeout, mm.sessionTimeout, v.protocolType,
        [{ name: v.protocol ?? '', metadata: mm.subscription }]);
      m.assignment = mm.assignment;
      group.add(m, null);
    }
    group.leaderId = v.leader;
    // As Kafka loads a group: Stable with its members, or Empty.
    if (group.size > 0) group.state = 'Stable';
    group.subscribedTopics = group.computeSubscribedTopics();
    return group;
  }

  /** The last write's __consumer_offsets append, for a request that answers once the ISR has it. */
  private lastWrite: { partition: Partition; nextOffset: number } | undefined;

  /**
   * The write the current request made, as acks=all (Kafka's coordinator appends with acks=all):
   * undefined when the ISR already has it, else a promise of the error to answer (0: none),
   * mapped as Kafka's coordinator maps append errors.
   */
  replicationWait(): Promise<number> | undefined {
    const w = this.lastWrite;
    this.lastWrite = undefined;
    if (!w) return undefined;
    const wait = this.engine.replicaManager.waitForOffset(w.partition, w.nextOffset, this.engine.configs.brokerInt('offsets.commit.timeout.ms'));
    return wait?.then((code) => {
      if (code === ErrorCode.NOT_LEADER_OR_FOLLOWER) return ErrorCode.NOT_COORDINATOR;
      return code === 0 ? 0 : ErrorCode.COORDINATOR_NOT_AVAILABLE;
    });
  }

  /** Run `db` and append `records` to the group's __consumer_offsets partition in one transaction. */
  private write(groupId: string, records: OffsetsTopicRecord[], db: () => void, producer?: { producerId: number; producerEpoch: number }): void {
    try {
      this.engine.logs.transaction(() => {
        db();
        this.lastWrite = this.offsetsTopic.append(groupId, records, producer);
      });
    } catch (e) {
      this.engine.reloadAfterFailedWrite();
      // As Kafka's coordinator maps KAFKA_STORAGE_ERROR: the client looks the coordinator up again.
      throw isStorageError(e) ? KafkaError.from(ErrorCode.NOT_COORDINATOR) : e;
    }
    this.engine.afterCommit();
  }

  createGroup(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId);
    this.groups.set(groupId, g);
    return g;
  }

  private groupValue(group: ClassicGroup, assignment?: ReadonlyMap<string, Buffer>): Buffer {
    return encodeGroupMetadataValue({
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.currentStateTimestamp,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs, sessionTimeout: m.sessionTimeoutMs,
        subscription: m.metadata(group.protocolName), assignment: assignment?.get(m.memberId) ?? m.assignment,
      })),
    });
  }

  /** Record the group (members, generation, assignments) as a GroupMetadata record. */
  persistGroup(group: ClassicGroup, assignment?: ReadonlyMap<string, Buffer>): void {
    const value = this.groupValue(group, assignment);
    this.write(group.groupId, [{ key: encodeGroupMetadataKey(group.groupId), value }], () => this.store.putGroup(group.groupId, value));
  }

  /** A just-created group: generation 0, no members, no protocol. */
  persistEmptyGroup(group: ClassicGroup): void {
    const value = encodeGroupMetadataValue({
      protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestamp: group.currentStateTimestamp, members: [],
    });
    this.write(group.groupId, [{ key: encodeGroupMetadataKey(group.groupId), value }], () => this.store.putGroup(group.groupId, value));
  }

  onGroupEmpty(group: ClassicGroup): void {
    this.log(group.groupId, `Group ${group.groupId} with generation ${group.generationId} is now empty.`);
  }

  /** An INFO line as Kafka's GroupMetadataManager logs it, with its shard's log context. */
  log(groupId: string, message: string): void {
    engineLog('INFO', `[GroupCoordinator id=${this.engine.settings.nodeId} topic=__consumer_offsets partition=${this.offsetsTopic.partitionFor(groupId)}] ${message}`, LOGGER);
  }

  /** Remove a group and its offsets (tombstones for each), leaving it Dead. */
  private removeGroup(group: ClassicGroup): void {
    const records: OffsetsTopicRecord[] = [];
    const offsets = this.offsets.group(group.groupId);
    if (offsets) {
      for (const [topic, parts] of offsets) {
        for (const partition of parts.keys()) records.push({ key: encodeOffsetCommitKey({ group: group.groupId, topic, partition }), value: null });
      }
    }
    records.push({ key: encodeGroupMetadataKey(group.groupId), value: null });
    this.write(group.groupId, records, () => {
      this.store.deleteGroupOffsets(group.groupId);
      this.store.deleteGroupPendingOffsets(group.groupId);
      this.store.deleteGroup(group.groupId);
    });
    this.offsets.removeGroup(group.groupId);
    this.pendingTxnOffsets.removeGroup(group.groupId);
    group.transitionTo('Dead');
    this.groups.delete(group.groupId);
  }

  // -------------------------------------------------------------------------------------------
  // FindCoordinator

  /** The coordinator for a group is the leader of its __consumer_offsets partition (here: us). */
  findCoordinator(key: string, keyType: number): { errorCode: number; nodeId: number; host: string; port: number } {
    const none = { nodeId: -1, host: '', port: -1 };
    if (keyType !== 0) return { errorCode: keyType === 1 ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.INVALID_REQUEST, ...none };
    const topic = this.offsetsTopic.ensure();
    if (!topic) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, ...none };
    const p = topic.partitions[this.offsetsTopic.partitionFor(key)];
    const leader = this.engine.metadata.partitionView(p).leader;
    const broker = this.engine.metadata.brokers().find((b) => b.nodeId === leader);
    if (!broker) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, ...none };
    return { errorCode: ErrorCode.NONE, nodeId: broker.nodeId, host: broker.host, port: broker.port };
  }

  // -------------------------------------------------------------------------------------------
  // Offsets

  /** Kafka's ClassicGroup.validateOffsetCommit (a transactional commit skips the rebalance checks). */
  private validateOffsetCommit(group: ClassicGroup, memberId: string, groupInstanceId: string | null, generationId: number, transactional = false): void {
    if (group.is('Dead')) throw new GroupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    // Admin clients and consumers without group management commit with generation -1 to an Empty group.
    if (generationId < 0 && group.is('Empty')) return;
    if (generationId >= 0 || memberId !== '' || groupInstanceId !== null) {
      group.validateMember(memberId, groupInstanceId);
      if (generationId !== group.generationId) throw new GroupError(ErrorCode.ILLEGAL_GENERATION);
    } else if (!transactional && !group.is('Empty')) {
      throw new GroupError(ErrorCode.UNKNOWN_MEMBER_ID);
    }
    if (!transactional && group.is('CompletingRebalance')) throw new GroupError(ErrorCode.REBALANCE_IN_PROGRESS);
  }

  /**
   * TxnOffsetCommit: the offsets are appended to the group's __consumer_offsets partition as a
   * transactional batch of the producer and stay pending until its transaction's marker there.
   */
  commitTxnOffsets(req: TxnOffsetCommitInput): { name: string; partitions: PartitionError[] }[] {
    return this.commitOffsets(req, { producerId: req.producerId, producerEpoch: req.producerEpoch });
  }

  commitOffsets(req: OffsetCommitInput, producer?: { producerId: number; producerEpoch: number }): { name: string; partitions: PartitionError[] }[] {
    this.lastWrite = undefined;
    const out = req.topics.map((t) => ({ name: t.name, partitions: [] as PartitionError[] }));
    const allWith = (code: number) => req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code })) }));
    if (req.groupId === '') return allWith(ErrorCode.INVALID_GROUP_ID);
    if (!this.ownsGroup(req.groupId)) return allWith(ErrorCode.NOT_COORDINATOR);
    // Unknown topics and partitions are answered before the group is looked at (KafkaApis).
    const valid: { ti: number; topic: string; p: OffsetCommitInput['topics'][0]['partitions'][0] }[] = [];
    req.topics.forEach((t, ti) => {
      const topic = this.engine.metadata.topic(t.name);
      for (const p of t.partitions) {
        if (!topic || !topic.partitions[p.partitionIndex]) out[ti].partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        else valid.push({ ti, topic: t.name, p });
      }
    });
    if (valid.length === 0) return out;

    let group = this.groups.get(req.groupId);
    let created = false;
    try {
      if (!group) {
        if (req.generationId >= 0) throw new GroupError(ErrorCode.ILLEGAL_GENERATION);
        group = this.createGroup(req.groupId);
        created = true;
      }
      this.validateOffsetCommit(group, req.memberId, req.groupInstanceId, req.generationId, producer !== undefined);
    } catch (e) {
      if (e instanceof GroupError) return allWith(e.code);
      throw e;
    }
    // A commit from a member keeps its session alive.
    if ((group.is('Stable') || group.is('PreparingRebalance')) && group.hasMember(req.memberId)) {
      this.membership.rescheduleHeartbeat(group, group.member(req.memberId));
    }

    const now = Date.now();
    const expire = req.retentionTimeMs === -1 ? -1 : now + req.retentionTimeMs;
    const maxMeta = this.config.offsetMetadataMaxBytes();
    const records: OffsetsTopicRecord[] = [];
    const accepted: { topic: string; partition: number; o: CommittedOffset }[] = [];
    for (const { ti, topic, p } of valid) {
      const metadata = p.committedMetadata ?? '';
      if (metadata.length > maxMeta) {
        out[ti].partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE });
        continue;
      }
      out[ti].partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE });
      const o: CommittedOffset = { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata, commitTimestamp: now, expireTimestamp: expire };
      accepted.push({ topic, partition: p.partitionIndex, o });
      records.push({
        key: encodeOffsetCommitKey({ group: req.groupId, topic, partition: p.partitionIndex }),
        value: encodeOffsetCommitValue({ offset: o.offset, leaderEpoch: o.leaderEpoch, metadata, commitTimestamp: now, expireTimestamp: expire }, expire >= 0 ? 1 : 3),
      });
    }
    try {
      this.write(req.groupId, records, () => {
        for (const a of accepted) {
          const row = { groupId: req.groupId, topic: a.topic, partition: a.partition, ...a.o };
          if (producer) this.store.putPendingOffset(producer.producerId, row);
          else this.store.putOffset(row);
        }
      }, producer);
    } catch (e) {
      if (created && !this.offsets.hasOffsets(req.groupId) && !this.pendingTxnOffsets.hasGroup(req.groupId)) this.groups.delete(req.groupId);
      // Not the leader of the group's partition (any more): the client looks the coordinator up again.
      if (e instanceof KafkaError && (e.code === ErrorCode.NOT_COORDINATOR || (producer && e.code === ErrorCode.INVALID_PRODUCER_EPOCH))) return allWith(e.code);
      return allWith(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    for (const a of accepted) {
      if (producer) this.pendingTxnOffsets.put(producer.producerId, { groupId: req.groupId, topic: a.topic, partition: a.partition, o: a.o });
      else this.offsets.put(req.groupId, a.topic, a.partition, a.o);
    }
    return out;
  }

  /** OffsetFetch: the listed partitions (-1 when none committed), or with topics null every committed one. */
  fetchOffsets(groupId: string, topics: TopicPartitionsRequest[] | null, requireStable = false): FetchedOffsets {
    if (!this.ownsGroup(groupId)) return { errorCode: ErrorCode.NOT_COORDINATOR, topics: [] };
    const groupOffsets = this.groups.has(groupId) ? this.offsets.group(groupId) : undefined;
    // requireStable (OffsetFetch v7+): a partition with a transactional commit still pending is
    // UNSTABLE_OFFSET_COMMIT (the client retries), as Kafka answers.
    const entry = (partitionIndex: number, o: CommittedOffset | undefined, topic?: string) =>
      requireStable && topic !== undefined && this.pendingTxnOffsets.has(groupId, topic, partitionIndex)
        ? { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT }
        : { partitionIndex, committedOffset: o ? o.offset : -1, committedLeaderEpoch: o ? o.leaderEpoch : -1, metadata: o ? o.metadata : '', errorCode: ErrorCode.NONE };
    if (topics === null) {
      const out: FetchedOffsets['topics'] = [];
      if (groupOffsets) {
        for (const [name, parts] of groupOffsets) {
          out.push({ name, partitions: [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([p, o]) => entry(p, o, name)) });
        }
      }
      return { errorCode: ErrorCode.NONE, topics: out };
    }
    return {
      errorCode: ErrorCode.NONE,
      topics: topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => entry(p, groupOffsets?.get(t.name)?.get(p), t.name)) })),
    };
  }

  /** OffsetDelete: tombstones for the partitions' offsets, unless active members subscribe to the topic. */
  deleteOffsets(groupId: string, topics: { name: string; partitions: { partitionIndex: number }[] }[]):
    { errorCode: number; topics: { name: string; partitions: PartitionError[] }[] } {
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    if (!this.ownsGroup(groupId)) return { errorCode: ErrorCode.NOT_COORDINATOR, topics: [] };
    const group = this.groups.get(groupId);
    if (!group) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    if (!group.is('Empty') && !group.usesConsumerProtocol()) return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };
    const records: OffsetsTopicRecord[] = [];
    const removed: { topic: string; partition: number }[] = [];
    const out = topics.map((t) => {
      const known = this.engine.metadata.topic(t.name);
      const subscribed = known !== undefined && group.isSubscribedToTopic(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map(({ partitionIndex }) => {
          if (!known || !known.partitions[partitionIndex]) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          if (subscribed) return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
          if (this.offsets.get(groupId, t.name, partitionIndex)) {
            records.push({ key: encodeOffsetCommitKey({ group: groupId, topic: t.name, partition: partitionIndex }), value: null });
            removed.push({ topic: t.name, partition: partitionIndex });
          }
          return { partitionIndex, errorCode: ErrorCode.NONE };
        }),
      };
    });
    if (records.length > 0) {
      try {
        this.write(groupId, records, () => {
          for (const r of removed) this.store.deleteOffset(groupId, r.topic, r.partition);
        });
      } catch {
        return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
      }
      for (const r of removed) this.offsets.remove(groupId, r.topic, r.partition);
    }
    return { errorCode: ErrorCode.NONE, topics: out };
  }

  // -------------------------------------------------------------------------------------------
  // Listing, describing, deleting

  listGroups(): { groupId: string; protocolType: string; state: string }[] {
    return [...this.groups.values()].filter((g) => this.ownsGroup(g.groupId)).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.state }));
  }

  /** One DescribeGroups entry; `notFoundError`: v6+ fails a missing group with GROUP_ID_NOT_FOUND. */
  describeGroup(groupId: string, includeAuthorizedOperations: boolean, notFoundError = false): DescribedGroup {
    const base = {
      errorCode: ErrorCode.NONE as number, errorMessage: null as string | null, groupId, groupState: '', protocolType: '', protocolData: '',
      members: [] as DescribedGroupMember[], authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
    if (groupId === '') return { ...base, errorCode: ErrorCode.INVALID_GROUP_ID };
    if (!this.ownsGroup(groupId)) return { ...base, errorCode: ErrorCode.NOT_COORDINATOR };
    const group = this.groups.get(groupId);
    if (!group) {
      if (!notFoundError) return { ...base, groupState: 'Dead' };
      return { ...base, groupState: 'Dead', errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.` };
    }
    const stable = group.is('Stable');
    return {
      ...base,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? group.protocolName ?? '' : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
        memberMetadata: stable ? m.metadata(group.protocolName) : Buffer.alloc(0),
        memberAssignment: stable ? m.assignment : Buffer.alloc(0),
      })),
      authorizedOperations: includeAuthorizedOperations ? GROUP_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };
  }

  deleteGroup(groupId: string): number {
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    if (!this.ownsGroup(groupId)) return ErrorCode.NOT_COORDINATOR;
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (!group.is('Empty')) return ErrorCode.NON_EMPTY_GROUP;
    try {
      this.removeGroup(group);
    } catch {
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    return ErrorCode.NONE;
  }

  /**
   * A COMMIT/ABORT marker is being written to a __consumer_offsets partition this broker leads:
   * the lookup tables change inside the marker's SQLite transaction (they never disagree with the
   * log); the returned function applies the same to memory once that transaction committed. The
   * producer's pending offsets of that partition's groups become committed, or are dropped.
   */
  onTransactionCompleted(topic: string, partition: number, completed: CompletedTxn): () => void {
    if (topic !== OFFSETS_TOPIC) return () => undefined;
    const belongs = (g: string) => this.offsetsTopic.partitionFor(g) === partition;
    const pending = this.pendingTxnOffsets.peek(completed.producerId, belongs);
    const groups = new Set(pending.map((t) => t.groupId));
    for (const g of groups) this.store.deletePendingOffsets(completed.producerId, g);
    if (completed.commit) for (const t of pending) this.store.putOffset({ groupId: t.groupId, topic: t.topic, partition: t.partition, ...t.o });
    return () => {
      const taken = this.pendingTxnOffsets.take(completed.producerId, belongs);
      if (!completed.commit) return;
      for (const t of taken) {
        if (!this.groups.has(t.groupId)) this.groups.set(t.groupId, new ClassicGroup(t.groupId));
        this.offsets.put(t.groupId, t.topic, t.partition, t.o);
      }
    };
  }

  /** A deleted topic's committed offsets go too (Kafka's onPartitionsDeleted), with tombstones. */
  onTopicDeleted(topic: string): void {
    for (const groupId of this.offsets.groupIds()) {
      const parts = this.offsets.group(groupId)?.get(topic);
      if (!parts) continue;
      const partitions = [...parts.keys()];
      try {
        this.write(groupId, partitions.map((partition) => ({ key: encodeOffsetCommitKey({ group: groupId, topic, partition }), value: null })), () => {
          for (const p of partitions) this.store.deleteOffset(groupId, topic, p);
        });
      } catch (e: any) {
        engineLog('WARN', `Failed to delete offsets of topic ${topic} for group ${groupId}: ${e?.message ?? e}`, LOGGER);
        continue;
      }
      for (const p of partitions) this.offsets.remove(groupId, topic, p);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Offset retention (offsets.retention.minutes, checked every offsets.retention.check.interval.ms)

  private scheduleRetention(): void {
    this.timers.schedule(RETENTION_KEY, this.config.retentionCheckIntervalMs(), () => {
      this.cleanupGroupMetadata();
      this.scheduleRetention();
    });
  }

  /** Expire old offsets; an Empty group left without offsets is deleted. Returns the tombstone count. */
  cleanupGroupMetadata(now = Date.now()): number {
    const retentionMs = this.config.offsetsRetentionMs();
    let tombstones = 0;
    for (const group of [...this.groups.values()]) {
      const expired: { topic: string; partition: number }[] = [];
      let allExpired = true;
      const offsets = this.offsets.group(group.groupId);
      // Which timestamp an offset ages from (ClassicGroup.offsetExpirationCondition).
      let base: ((o: CommittedOffset) => number) | null = null;
      if (group.protocolType === null) base = (o) => o.commitTimestamp;
      else if (group.is('Empty')) base = () => group.currentStateTimestamp;
      else if (group.usesConsumerProtocol() && group.subscribedTopics && group.is('Stable')) base = (o) => o.commitTimestamp;
      if (offsets) {
        if (!base) continue;
        for (const [topic, parts] of offsets) {
          if (group.isSubscribedToTopic(topic) && !group.is('Empty')) {
            allExpired = false;
            continue;
          }
          for (const [partition, o] of parts) {
            const isExpired = o.expireTimestamp >= 0 ? now >= o.expireTimestamp : now - base(o) >= retentionMs;
            if (isExpired) expired.push({ topic, partition });
            else allExpired = false;
          }
        }
      }
      // A member id handed out by MEMBER_ID_REQUIRED keeps a new group alive until it rejoins.
      // Nor does an open transaction's offset commit (its marker makes them the group's).
      const deleteGroup = allExpired && group.is('Empty') && !group.hasPendingMembers() && !this.pendingTxnOffsets.hasGroup(group.groupId);
      if (expired.length === 0 && !deleteGroup) continue;
      const records: OffsetsTopicRecord[] = expired.map((e) => ({ key: encodeOffsetCommitKey({ group: group.groupId, topic: e.topic, partition: e.partition }), value: null }));
      if (deleteGroup) records.push({ key: encodeGroupMetadataKey(group.groupId), value: null });
      try {
        this.write(group.groupId, records, () => {
          for (const e of expired) this.store.deleteOffset(group.groupId, e.topic, e.partition);
          if (deleteGroup) this.store.deleteGroup(group.groupId);
        });
      } catch (e: any) {
        engineLog('WARN', `Failed to expire offsets of group ${group.groupId}: ${e?.message ?? e}`, LOGGER);
        continue;
      }
      for (const e of expired) this.offsets.remove(group.groupId, e.topic, e.partition);
      if (deleteGroup) {
        group.transitionTo('Dead');
        this.groups.delete(group.groupId);
      }
      tombstones += records.length;
    }
    if (tombstones > 0) engineLog('INFO', `Generated ${tombstones} tombstone records while cleaning up group metadata.`, LOGGER);
    return tombstones;
  }
}
