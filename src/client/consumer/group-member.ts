// A classic consumer-group member (the Java client's ConsumerCoordinator / AbstractCoordinator,
// Kafka 3.9, group.protocol=classic), driving the fetcher's assignment.
//
// Threads, as Java has them, mapped onto one event loop:
// - the application's poll(): runs the assignment changes (revocations, new partitions) between
//   two chunks of records, so what the application printed and what gets committed agree; starts
//   a rebalance when one is needed; sends the periodic auto-commit (auto.commit.interval.ms);
// - a background rebalance task: coordinator lookup (FindCoordinator, on a connection of its
//   own), onJoinPrepare (commit the consumed positions, revoke: everything for the eager
//   protocol, nothing for the cooperative one), JoinGroup (v4+: MEMBER_ID_REQUIRED, then again
//   with the given id), the leader's assignment with the assignor the coordinator chose,
//   SyncGroup, then OffsetFetch for the newly assigned partitions (no committed offset: start per
//   auto.offset.reset, 'none' fails with NoOffsetForPartitionException). Cooperative: partitions
//   the new assignment takes away are committed, revoked, and a second rebalance follows;
// - a heartbeat timer (heartbeat.interval.ms) while the member is stable: REBALANCE_IN_PROGRESS
//   asks for a rejoin, UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION reset the generation and rejoin
//   (the partitions are then lost, not committed), coordinator errors look the coordinator up again;
// - a metadata timer (metadata.max.age.ms): a pattern subscription picks up new topics, and the
//   leader rejoins when a group topic's partition count changed.
// close(): commit the consumed positions (auto-commit), LeaveGroup (dynamic members), close.
//
// Log lines: only those the Java consumer writes at WARN/ERROR (commit failures, fatal JoinGroup
// errors); its INFO lines (joins, assignments) are below the tools' WARN level.
import { describeAddress, type Cluster, type LogFn } from '../cluster';
import { byDeadline } from '../../util/by-deadline';
import { BrokerConnection, ConnectionError } from '../connection';
import { findCoordinator, type Coordinator } from '../coordinator';
import type { Fetcher } from '../fetcher';
import { ApiKey } from '../../protocol/apis';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, CONSUMER_PROTOCOL_TYPE } from '../../protocol/consumer-protocol';
import { errorInfo, ErrorCode, KafkaError, TimeoutError } from '../../protocol/errors';
import { javaHashSetOrder, javaTopicPartitionHashCode } from '../../util/java-hash';
import { rebalanceProtocolOf } from './assignors';
import { compareTopicPartition, type MemberSubscription, type PartitionAssignor, type RebalanceProtocol, type TopicPartition } from './assignors/types';
import { CommitFailure, commitOffsets, fetchCommittedOffsets, formatOffsets, type CommittedOffset, type OffsetToCommit } from './group-offsets';
import { ConsumerFetchError } from './records';

export interface GroupMemberOptions {
  /** A JoinGroup, SyncGroup or Heartbeat answered after `ms` (the coordinator metrics). */
  onRoundTrip?: (api: 'join' | 'sync' | 'heartbeat', ms: number) => void;
  groupId: string;
  groupInstanceId: string | null;
  sessionTimeoutMs: number;
  /** max.poll.interval.ms: how long the coordinator waits for members to rejoin. */
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  metadataMaxAgeMs: number;
  assignors: PartitionAssignor[];
  autoCommit: boolean;
  autoCommitIntervalMs: number;
  autoOffsetReset: 'earliest' | 'latest' | 'none';
  /** Subscribe to these topics... */
  topics?: string[];
  /** ...or to every topic whose whole name matches. */
  pattern?: RegExp;
  excludeInternalTopics: boolean;
  allowAutoCreateTopics: boolean;
  /** Called when the application should come round to poll() (e.g. fetcher.wakeup). */
  wake: () => void;
  log?: LogFn;
  logPrefix?: string;
}

type MemberState = 'unjoined' | 'preparing' | 'completing' | 'stable';

const LOGGER = 'org.apache.kafka.clients.consumer.internals.ConsumerCoordinator';
const NETWORK_CLIENT = 'org.apache.kafka.clients.NetworkClient';
const NETWORK_LOGGER = 'org.apache.kafka.clients.NetworkClient';
const NO_GENERATION = -1;

/** A join attempt that should simply be tried again (after a backoff when `backoff`). */
class Retry extends Error {
  constructor(readonly backoff: boolean) {
    super('retry');
  }
}

function tpKey(tp: TopicPartition): string {
  return `${tp.topic}:${tp.partition}`;
}

function groupByTopic(list: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const m = new Map<string, number[]>();
  for (const tp of list) {
    let l = m.get(tp.topic);
    if (!l) m.set(tp.topic, (l = []));
    l.push(tp.partition);
  }
  return [...m].map(([topic, partitions]) => ({ topic, partitions }));
}

function transient(e: unknown): boolean {
  return e instanceof ConnectionError || e instanceof TimeoutError || (e instanceof KafkaError && e.retriable);
}

export class GroupMember {
  readonly protocol: RebalanceProtocol;
  private state: MemberState = 'unjoined';
  private generationId = NO_GENERATION;
  private memberId = '';
  private protocolName: string | null = null;
  private rejoinNeeded = true;
  private needsJoinPrepare = true;
  private coordinator: Coordinator | null = null;
  private coordinatorLookup: Promise<Coordinator> | null = null;
  private joinInFlight = false;
  /** Partitions this member owns (its current assignment). */
  private owned: TopicPartition[] = [];
  /** Subscribed topics (the pattern's matches once metadata is known); null until known. */
  private subscribed: string[] | null;
  private isLeader = false;
  /** Leader only: partition counts the last assignment was computed from. */
  private assignmentSnapshot: Map<string, number> | null = null;
  private groupTopics: string[] = [];
  private rebalancing: Promise<void> | null = null;
  private readonly appWork: (() => void)[] = [];
  private fatal: Error | null = null;
  private closed = false;
  private nextAutoCommit = 0;
  private autoCommitInFlight = false;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private autoCommitTimer: NodeJS.Timeout | null = null;
  private metadataTimer: NodeJS.Timeout | null = null;
  private metadataRunning = false;
  private readonly sleepers = new Set<() => void>();
  /** When the application last called poll() (max.poll.interval.ms is measured from it). */
  private lastPoll = Date.now();

  constructor(private readonly cluster: Cluster, private readonly fetcher: Fetcher, private readonly opts: GroupMemberOptions) {
    this.protocol = rebalanceProtocolOf(opts.assignors);
    this.subscribed = opts.topics ? [...opts.topics] : null;
  }

  /** The member's id and generation (for tests and tools). */
  get generation(): { generationId: number; memberId: string; protocolName: string | null } {
    return { generationId: this.generationId, memberId: this.memberId, protocolName: this.protocolName };
  }

  /** The current assignment. */
  assignment(): TopicPartition[] {
    return [...this.owned].sort(compareTopicPartition);
  }

  /**
   * The application's turn (call it between chunks of records): applies assignment changes,
   * starts a rebalance when needed, sends a due auto-commit. Throws what ended the membership
   * for good (e.g. GroupAuthorizationException, NoOffsetForPartitionException).
   */
  poll(): void {
    if (this.fatal) throw this.fatal;
    this.lastPoll = Date.now();
    this.runAppWork();
    if (this.closed) return;
    // The rebalance first (as Java's coordinator.poll looks the coordinator up before the
    // metadata update goes out): the FindCoordinator takes the first correlation id.
    if (this.subscribed !== null && (this.rejoinNeeded || this.state !== 'stable') && this.rebalancing === null) {
      this.rebalancing = this.rebalance()
        .catch((e) => this.fail(e))
        .finally(() => {
          this.rebalancing = null;
          // A rejoin asked for while finishing (e.g. a cooperative revocation): come round again.
          if (this.rejoinNeeded && !this.closed) this.opts.wake();
        });
    }
    if (this.metadataTimer === null && !this.metadataRunning) this.refreshMetadata();
    if (this.opts.autoCommit && this.state === 'stable' && !this.rejoinNeeded && Date.now() >= this.nextAutoCommit) {
      this.nextAutoCommit = Date.now() + this.opts.autoCommitIntervalMs;
      this.autoCommitAsync();
    }
  }

  /** Commit the consumed positions (auto-commit), leave the group, close the coordinator connection. */
  async close(timeoutMs = 30000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    this.stopTimers();
    for (const s of [...this.sleepers]) s();
    try {
      if (this.opts.autoCommit) {
        // maybeAutoCommitOffsetsSync: outside a stable generation the commit fails at once. Taken
        // before any pending revocation runs: that one's own commit is skipped once closed.
        const offsets = this.consumedOffsets();
        if (offsets.length > 0) {
          if (this.state !== 'stable' || this.generationId === NO_GENERATION || this.memberId === '') {
            this.log('WARN', `Synchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${this.notInGroupMessage()}`);
          } else {
            try {
              await this.commitSync(offsets, deadline);
            } catch (e) {
              if (!(e instanceof TimeoutError)) this.log('WARN', `Synchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${(e as Error).message}`);
            }
          }
        }
      }
      this.runAppWork();
      if (this.opts.groupInstanceId === null && this.memberId !== '' && this.state !== 'unjoined' && this.coordinator !== null) {
        await this.leaveGroup(deadline).catch(() => undefined);
      }
    } finally {
      this.coordinator?.conn.close();
      this.coordinator = null;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private log(level: 'WARN' | 'ERROR', message: string, logger = LOGGER): void {
    this.opts.log?.(level, (this.opts.logPrefix ?? '') + message, logger);
  }

  private fail(e: unknown): void {
    if (this.closed) return;
    if (!this.fatal) this.fatal = e instanceof Error ? e : new Error(String(e));
    this.stopTimers();
    this.opts.wake();
  }

  private stopTimers(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.autoCommitTimer) clearTimeout(this.autoCommitTimer);
    if (this.metadataTimer) clearTimeout(this.metadataTimer);
    this.heartbeatTimer = this.autoCommitTimer = this.metadataTimer = null;
  }

  private runAppWork(): void {
    while (this.appWork.length > 0) this.appWork.shift()!();
  }

  /** Run fn on the application's turn (its next poll(), or close()). */
  private onAppTurn<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.appWork.push(() => {
        try {
          resolve(fn());
        } catch (e) {
          reject(e);
        }
      });
      if (this.closed) this.runAppWork();
      else this.opts.wake();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private requestRejoin(): void {
    if (this.rejoinNeeded) return;
    this.rejoinNeeded = true;
    this.opts.wake();
  }

  private resetGeneration(resetMemberId: boolean): void {
    this.generationId = NO_GENERATION;
    this.protocolName = null;
    if (resetMemberId) this.memberId = '';
    this.state = 'unjoined';
    this.rejoinNeeded = true;
    this.opts.wake();
  }

  /** Why a commit outside a stable generation fails (ConsumerCoordinator.sendOffsetCommitRequest). */
  private notInGroupMessage(): string {
    return this.state === 'preparing' || this.state === 'completing'
      ? 'Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation.'
      : 'Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.';
  }

  private consumedOffsets(): OffsetToCommit[] {
    const owned = new Set(this.owned.map(tpKey));
    return this.fetcher.consumedPositions().filter((p) => owned.has(tpKey(p))).sort(compareTopicPartition);
  }

  // --- coordinator ----------------------------------------------------------------------------

  private async ensureCoordinator(): Promise<Coordinator> {
    if (this.coordinator && !this.coordinator.conn.isClosed()) return this.coordinator;
    this.coordinator = null;
    if (!this.coordinatorLookup) {
      // Java numbers its FindCoordinator from the consumer's one correlation id sequence.
      this.fetcher.requestCount++;
      this.coordinatorLookup = findCoordinator(this.cluster, this.opts.groupId, Date.now() + this.opts.requestTimeoutMs, 'findCoordinator', this.opts.retryBackoffMs, true,
        // Java 4.x names the coordinator's own connection "+<node id>" (GroupCoordinatorNode).
        async (nodeId, host, port) => this.log('WARN', `Connection to node +${nodeId} (${await describeAddress({ host, port })}) could not be established. Node may not be available.`, NETWORK_CLIENT))
        .then((c) => {
          if (this.closed) c.conn.close();
          else this.coordinator = c;
          return c;
        })
        .finally(() => {
          this.coordinatorLookup = null;
        });
    }
    return this.coordinatorLookup;
  }

  private markCoordinatorUnknown(): void {
    this.coordinator?.conn.close();
    this.coordinator = null;
  }

  // --- rebalance ------------------------------------------------------------------------------

  private async rebalance(): Promise<void> {
    while (!this.closed && (this.rejoinNeeded || this.state !== 'stable')) {
      try {
        await this.ensureCoordinator();
        if (this.needsJoinPrepare) {
          await this.onJoinPrepare();
          this.needsJoinPrepare = false;
        }
        if (this.closed) return;
        const assignment = await this.joinAndSync();
        this.needsJoinPrepare = true;
        await this.onJoinComplete(assignment);
      } catch (e) {
        if (this.closed) return;
        if (e instanceof Retry) {
          if (e.backoff) await this.sleep(this.opts.retryBackoffMs);
          continue;
        }
        if (transient(e)) {
          if (e instanceof ConnectionError) this.markCoordinatorUnknown();
          await this.sleep(this.opts.retryBackoffMs);
          continue;
        }
        throw e;
      }
    }
  }

  /** Commit what was consumed and give partitions up before joining (Java's onJoinPrepare). */
  private async onJoinPrepare(): Promise<void> {
    const lost = this.generationId === NO_GENERATION || this.memberId === '';
    const offsets = await this.onAppTurn(() => {
      const consumed = this.opts.autoCommit ? this.consumedOffsets() : [];
      let revoke: TopicPartition[];
      if (lost || this.protocol === 'eager') {
        revoke = this.owned;
      } else {
        const topics = new Set(this.subscribed ?? []);
        revoke = this.owned.filter((tp) => !topics.has(tp.topic));
      }
      if (revoke.length > 0) {
        this.fetcher.unassign(revoke);
        const gone = new Set(revoke.map(tpKey));
        this.owned = this.owned.filter((tp) => !gone.has(tpKey(tp)));
      }
      return consumed;
    });
    if (offsets.length === 0 || this.closed) return;
    // Java logs a failure twice: from onJoinPrepare (ERROR), then from the commit's callback (WARN).
    if (lost) {
      const message = this.notInGroupMessage();
      this.log('ERROR', `Asynchronous auto-commit of offsets failed: ${message}. Will continue to join group.`);
      this.log('WARN', `Asynchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${message}`);
      return;
    }
    try {
      await this.commitSync(offsets, Date.now() + this.opts.rebalanceTimeoutMs);
    } catch (e) {
      if (e instanceof TimeoutError) {
        this.log('ERROR', 'Asynchronous auto-commit of offsets failed: joinPrepare timeout. Will continue to join group');
      } else {
        this.log('ERROR', `Asynchronous auto-commit of offsets failed: ${(e as Error).message}. Will continue to join group.`);
        this.log('WARN', `Asynchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${(e as Error).message}`);
      }
    }
  }

  /** JoinGroup then SyncGroup; returns this member's assignment bytes. */
  private async joinAndSync(): Promise<Buffer> {
    const c = await this.ensureCoordinator();
    this.state = 'preparing';
    this.stopHeartbeat();
    this.rejoinNeeded = false;
    // ConsumerProtocol.serializeSubscription: topics sorted, owned partitions by topic and partition.
    const subscribed = [...(this.subscribed ?? [])].sort();
    const owned = groupByTopic([...this.owned].sort(compareTopicPartition));
    let join: any;
    this.joinInFlight = true;
    const joinStart = Date.now();
    try {
      join = await c.conn.send(ApiKey.JoinGroup, {
        groupId: this.opts.groupId,
        sessionTimeoutMs: this.opts.sessionTimeoutMs,
        rebalanceTimeoutMs: this.opts.rebalanceTimeoutMs,
        memberId: this.memberId,
        groupInstanceId: this.opts.groupInstanceId,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocols: this.opts.assignors.map((a) => ({
          name: a.name,
          metadata: encodeSubscription({ topics: subscribed, userData: a.subscriptionUserData(), ownedPartitions: owned, generationId: this.generationId, rackId: null }),
        })),
      });
    } catch (e) {
      this.rejoinNeeded = true;
      throw e;
    } finally {
      this.joinInFlight = false;
    }
    if (this.closed) throw new Retry(false);
    const code: number = join.errorCode;
    if (code !== ErrorCode.NONE) {
      this.rejoinNeeded = true;
      this.joinError(code, join.memberId);
    }
    this.opts.onRoundTrip?.('join', Date.now() - joinStart);
    this.generationId = join.generationId;
    this.memberId = join.memberId;
    this.protocolName = join.protocolName;
    this.state = 'completing';
    let assignments: { memberId: string; assignment: Buffer }[] = [];
    if (join.leader === join.memberId) {
      assignments = await this.assignAsLeader(join.protocolName, join.members);
    } else {
      this.isLeader = false;
      this.assignmentSnapshot = null;
    }
    let sync: any;
    const syncStart = Date.now();
    try {
      sync = await c.conn.send(ApiKey.SyncGroup, {
        groupId: this.opts.groupId,
        generationId: this.generationId,
        memberId: this.memberId,
        groupInstanceId: this.opts.groupInstanceId,
        assignments,
      });
      this.opts.onRoundTrip?.('sync', Date.now() - syncStart);
    } catch (e) {
      this.rejoinNeeded = true;
      throw e;
    }
    const syncCode: number = sync.errorCode;
    if (syncCode !== ErrorCode.NONE) {
      this.rejoinNeeded = true;
      switch (syncCode) {
        case ErrorCode.REBALANCE_IN_PROGRESS:
          throw new Retry(false);
        case ErrorCode.UNKNOWN_MEMBER_ID:
        case ErrorCode.ILLEGAL_GENERATION:
          this.resetGeneration(syncCode === ErrorCode.UNKNOWN_MEMBER_ID);
          throw new Retry(false);
        case ErrorCode.COORDINATOR_NOT_AVAILABLE:
        case ErrorCode.NOT_COORDINATOR:
          this.markCoordinatorUnknown();
          throw new Retry(true);
        case ErrorCode.GROUP_AUTHORIZATION_FAILED:
          throw new ConsumerFetchError(`Not authorized to access group: ${this.opts.groupId}`, 'org.apache.kafka.common.errors.GroupAuthorizationException');
        case ErrorCode.FENCED_INSTANCE_ID:
          throw KafkaError.from(syncCode);
        default:
          throw new ConsumerFetchError(`Unexpected error from SyncGroup: ${errorInfo(syncCode).message}`);
      }
    }
    this.state = 'stable';
    this.startHeartbeat();
    return sync.assignment as Buffer;
  }

  /** AbstractCoordinator.JoinGroupResponseHandler for an error code: throws Retry or the fatal error. */
  private joinError(code: number, memberId: string): never {
    const info = errorInfo(code);
    switch (code) {
      case ErrorCode.MEMBER_ID_REQUIRED:
        this.memberId = memberId;
        throw new Retry(false);
      case ErrorCode.UNKNOWN_MEMBER_ID:
        this.resetGeneration(true);
        throw new Retry(false);
      case ErrorCode.REBALANCE_IN_PROGRESS:
        throw new Retry(false);
      case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
        throw new Retry(true);
      case ErrorCode.COORDINATOR_NOT_AVAILABLE:
      case ErrorCode.NOT_COORDINATOR:
        this.markCoordinatorUnknown();
        throw new Retry(true);
      case ErrorCode.FENCED_INSTANCE_ID:
        this.log('ERROR', `JoinGroup failed: The group instance id Optional[${this.opts.groupInstanceId}] has been fenced by another instance. Sent generation was Generation{generationId=${this.generationId}, memberId='${this.memberId}', protocol='${this.protocolName}'}`);
        throw KafkaError.from(code);
      case ErrorCode.INCONSISTENT_GROUP_PROTOCOL:
      case ErrorCode.INVALID_SESSION_TIMEOUT:
      case ErrorCode.INVALID_GROUP_ID:
      case ErrorCode.GROUP_AUTHORIZATION_FAILED:
      case ErrorCode.GROUP_MAX_SIZE_REACHED:
        this.log('ERROR', `JoinGroup failed due to fatal error: ${info.message}`);
        if (code === ErrorCode.GROUP_MAX_SIZE_REACHED) {
          throw new ConsumerFetchError(`Consumer group ${this.opts.groupId} already has the configured maximum number of members.`, 'org.apache.kafka.common.errors.GroupMaxSizeReachedException');
        }
        if (code === ErrorCode.GROUP_AUTHORIZATION_FAILED) {
          throw new ConsumerFetchError(`Not authorized to access group: ${this.opts.groupId}`, 'org.apache.kafka.common.errors.GroupAuthorizationException');
        }
        throw KafkaError.from(code);
      case ErrorCode.UNSUPPORTED_VERSION:
        this.log('ERROR', 'JoinGroup failed due to unsupported version error. Please unset field group.instance.id and retry to see if the problem resolves');
        throw KafkaError.from(code);
      default:
        this.log('ERROR', `JoinGroup failed due to unexpected error: ${info.message}`);
        throw new ConsumerFetchError(`Unexpected error in join group response: ${info.message}`);
    }
  }

  /** The leader's part (Java's onLeaderElected): run the chosen assignor over every member's subscription. */
  private async assignAsLeader(protocolName: string, members: { memberId: string; groupInstanceId?: string | null; metadata: Buffer }[]): Promise<{ memberId: string; assignment: Buffer }[]> {
    const assignor = this.opts.assignors.find((a) => a.name === protocolName);
    if (!assignor) throw new ConsumerFetchError(`Coordinator selected invalid assignment protocol: ${protocolName}`, 'java.lang.IllegalStateException');
    const subs: MemberSubscription[] = members.map((m) => {
      const d = decodeSubscription(m.metadata);
      return {
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? null,
        topics: d.topics,
        ownedPartitions: d.ownedPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
        generationId: d.generationId,
        hasGenerationId: d.generationId >= 0,
        userData: d.userData,
        rackId: d.rackId,
      };
    });
    const topics = [...new Set(subs.flatMap((s) => s.topics))];
    const counts = await this.partitionCounts(topics);
    const result = assignor.assign(counts, subs);
    this.isLeader = true;
    this.groupTopics = topics;
    this.assignmentSnapshot = counts;
    return members.map((m) => ({
      memberId: m.memberId,
      assignment: encodeAssignment({ partitions: groupByTopic(result.get(m.memberId) ?? []), userData: null }),
    }));
  }

  /**
   * Partition counts of the topics (those the cluster knows with partitions). Asked on the
   * coordinator's connection: the shared ones may have a long-polling Fetch in front of it, and
   * the whole group waits for this answer.
   */
  private async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (topics.length === 0) return counts;
    this.fetcher.requestCount++;
    const c = await this.ensureCoordinator();
    const md: any = await c.conn.send(ApiKey.Metadata, {
      topics: topics.map((name) => ({ name })),
      allowAutoTopicCreation: this.opts.allowAutoCreateTopics,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    for (const t of md.topics) {
      if (t.errorCode === ErrorCode.NONE && t.partitions.length > 0) counts.set(t.name, t.partitions.length);
    }
    return counts;
  }

  /** Take the new assignment (Java's onJoinComplete). */
  private async onJoinComplete(bytes: Buffer): Promise<void> {
    const generationId = this.generationId;
    const decoded = decodeAssignment(bytes);
    const assigned = decoded.partitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
    const subscribed = new Set(this.subscribed ?? []);
    if (!assigned.every((tp) => subscribed.has(tp.topic))) {
      // The subscription changed since the join (a pattern matched new topics): join again.
      this.requestRejoin();
      return;
    }
    for (const a of this.opts.assignors) if (a.name === this.protocolName) a.onAssignment(generationId, assigned);
    const { added, revokedOffsets } = await this.onAppTurn(() => {
      const now = new Set(assigned.map(tpKey));
      const before = new Set(this.owned.map(tpKey));
      const revoked = this.owned.filter((tp) => !now.has(tpKey(tp)));
      let offsets: OffsetToCommit[] = [];
      if (revoked.length > 0) {
        // Cooperative: give these up now (commit first), and rejoin so they can move.
        const gone = new Set(revoked.map(tpKey));
        offsets = this.opts.autoCommit ? this.consumedOffsets().filter((p) => gone.has(tpKey(p))) : [];
        this.fetcher.unassign(revoked);
        this.requestRejoin();
      }
      this.owned = assigned;
      return { added: assigned.filter((tp) => !before.has(tpKey(tp))), revokedOffsets: offsets };
    });
    this.nextAutoCommit = Date.now() + this.opts.autoCommitIntervalMs;
    this.scheduleAutoCommit();
    if (revokedOffsets.length > 0 && !this.closed) {
      try {
        await this.commitSync(revokedOffsets, Date.now() + this.opts.rebalanceTimeoutMs);
      } catch (e) {
        this.log('WARN', `Synchronous auto-commit of offsets ${formatOffsets(revokedOffsets)} failed: ${(e as Error).message}`);
      }
    }
    if (added.length > 0) await this.startPartitions(added);
  }

  /** Where newly assigned partitions start: their committed offsets, else auto.offset.reset. */
  private async startPartitions(added: TopicPartition[]): Promise<void> {
    let committed: Map<string, CommittedOffset | null>;
    for (;;) {
      if (this.closed) return;
      try {
        const c = await this.ensureCoordinator();
        committed = await fetchCommittedOffsets(c.conn, this.opts.groupId, added);
        break;
      } catch (e) {
        if (e instanceof CommitFailure && e.retriable) {
          if (e.action === 'coordinator') this.markCoordinatorUnknown();
        } else if (e instanceof CommitFailure) {
          throw new ConsumerFetchError(e.message, e.javaClass);
        } else if (!transient(e)) {
          throw e;
        } else if (e instanceof ConnectionError) {
          this.markCoordinatorUnknown();
        }
        await this.sleep(this.opts.retryBackoffMs);
      }
    }
    await this.onAppTurn(() => {
      const owned = new Set(this.owned.map(tpKey));
      const start = added.filter((tp) => owned.has(tpKey(tp)));
      const missing = start.filter((tp) => committed.get(tpKey(tp)) == null);
      if (missing.length > 0 && this.opts.autoOffsetReset === 'none') {
        // Java collects them in a HashSet (SubscriptionState.resetInitializingPositions): its order.
        const shown = javaHashSetOrder(missing, (tp) => javaTopicPartitionHashCode(tp.topic, tp.partition), 'incremental');
        throw new ConsumerFetchError(
          `Undefined offset with no reset policy for partitions: [${shown.map((tp) => `${tp.topic}-${tp.partition}`).join(', ')}]`,
          'org.apache.kafka.clients.consumer.NoOffsetForPartitionException',
        );
      }
      const reset = this.opts.autoOffsetReset === 'none' ? 'latest' : this.opts.autoOffsetReset;
      this.fetcher.assign(start.map((tp) => {
        const c = committed.get(tpKey(tp));
        return c ? { topic: tp.topic, partition: tp.partition, start: c.offset, startEpoch: c.leaderEpoch } : { topic: tp.topic, partition: tp.partition, start: reset };
      }));
    });
  }

  private async leaveGroup(deadline: number): Promise<void> {
    let c = this.coordinator!;
    let conn = c.conn;
    let own: BrokerConnection | null = null;
    if (this.joinInFlight || conn.isClosed()) {
      // The coordinator answers in order: a LeaveGroup behind a pending JoinGroup would wait for it.
      const node = this.cluster.brokers.get(c.nodeId) ?? { host: conn.host, port: conn.port };
      own = new BrokerConnection(node.host, node.port, this.cluster.opts.clientId, c.nodeId, this.cluster.opts.network);
      await own.connect(Math.max(1, deadline - Date.now()));
      conn = own;
    }
    try {
      const body: any = await withDeadline(conn.send(ApiKey.LeaveGroup, {
        groupId: this.opts.groupId,
        memberId: this.memberId,
        members: [{ memberId: this.memberId, groupInstanceId: null }],
      }), deadline);
      const code: number = body.errorCode;
      if (code !== ErrorCode.NONE) this.log('ERROR', `LeaveGroup request with Generation{generationId=${this.generationId}, memberId='${this.memberId}', protocol='${this.protocolName}'} failed with error: ${errorInfo(code).message}`);
    } finally {
      own?.close();
    }
  }

  // --- commits --------------------------------------------------------------------------------

  /** Commit, retrying retriable failures until the deadline (TimeoutError then). */
  private async commitSync(offsets: OffsetToCommit[], deadline: number): Promise<void> {
    if (offsets.length === 0) return;
    for (;;) {
      const gen = this.generationId;
      try {
        // The lookup too counts against the deadline (close() is bounded as Java's close(30 s)).
        const c = await withDeadline(this.ensureCoordinator(), deadline);
        await withDeadline(commitOffsets(c.conn, this.opts.groupId, { generationId: gen, memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId }, offsets, (l, m) => this.log(l, m)), deadline);
        return;
      } catch (e) {
        if (e instanceof CommitFailure) {
          this.commitFailureAction(e, gen);
          if (!e.retriable) throw e;
        } else if (e instanceof ConnectionError) {
          this.markCoordinatorUnknown();
        } else if (!transient(e)) {
          throw e;
        }
      }
      if (Date.now() + this.opts.retryBackoffMs >= deadline || this.closed && Date.now() >= deadline) throw new TimeoutError('Timeout of commit');
      await sleepPlain(this.opts.retryBackoffMs);
    }
  }

  private commitFailureAction(e: CommitFailure, sentGeneration: number): void {
    if (e.action === 'coordinator') this.markCoordinatorUnknown();
    else if (e.action === 'rejoin') this.requestRejoin();
    else if ((e.action === 'reset-generation' || e.action === 'reset-member') && sentGeneration === this.generationId && this.state === 'stable') {
      this.resetGeneration(e.action === 'reset-member');
    }
  }

  private scheduleAutoCommit(): void {
    if (!this.opts.autoCommit || this.closed) return;
    if (this.autoCommitTimer) clearTimeout(this.autoCommitTimer);
    // Wake the application when the next auto-commit is due (the commit itself happens in poll()).
    this.autoCommitTimer = setTimeout(() => {
      this.autoCommitTimer = null;
      this.opts.wake();
      this.scheduleAutoCommit();
    }, Math.max(1, this.nextAutoCommit - Date.now()));
    this.autoCommitTimer.unref?.();
  }

  private autoCommitAsync(): void {
    if (this.autoCommitInFlight) return;
    const offsets = this.consumedOffsets();
    if (offsets.length === 0) return;
    this.autoCommitInFlight = true;
    const gen = this.generationId;
    (async () => {
      try {
        const c = await this.ensureCoordinator();
        await commitOffsets(c.conn, this.opts.groupId, { generationId: gen, memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId }, offsets, (l, m) => this.log(l, m));
      } catch (e) {
        if (this.closed) return;
        if (e instanceof CommitFailure) {
          this.commitFailureAction(e, gen);
          if (e.retriable) this.nextAutoCommit = Date.now() + this.opts.retryBackoffMs;
          else this.log('WARN', `Asynchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${e.message}`);
        } else if (transient(e)) {
          if (e instanceof ConnectionError) this.markCoordinatorUnknown();
          this.nextAutoCommit = Date.now() + this.opts.retryBackoffMs;
        } else {
          this.log('WARN', `Asynchronous auto-commit of offsets ${formatOffsets(offsets)} failed: ${(e as Error).message}`);
        }
      } finally {
        this.autoCommitInFlight = false;
      }
    })();
  }

  // --- heartbeat ------------------------------------------------------------------------------

  private startHeartbeat(): void {
    this.stopHeartbeat();
    if (this.closed) return;
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = null;
      this.heartbeat().finally(() => {
        if (this.state === 'stable' && !this.closed && this.heartbeatTimer === null && !this.fatal) this.startHeartbeat();
      });
    }, this.opts.heartbeatIntervalMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private async heartbeat(): Promise<void> {
    if (this.state !== 'stable' || this.closed) return;
    if (Date.now() - this.lastPoll > this.opts.rebalanceTimeoutMs) {
      // The application stalled between two polls (e.g. stdout blocked): leave, as Java does.
      this.log('WARN', 'consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.');
      if (this.opts.groupInstanceId === null && this.memberId !== '' && this.coordinator !== null) {
        await this.leaveGroup(Date.now() + this.opts.requestTimeoutMs).catch(() => undefined);
      }
      this.resetGeneration(true);
      return;
    }
    // An application waiting for records is polling (Java's poll() loop refreshes its poll timer
    // at every heartbeat): bring it round so lastPoll moves; a stalled one does not come.
    this.opts.wake();
    const gen = this.generationId;
    let body: any;
    try {
      const c = await this.ensureCoordinator();
      const start = Date.now();
      body = await withDeadline(c.conn.send(ApiKey.Heartbeat, {
        groupId: this.opts.groupId, generationId: gen, memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId,
      }), Date.now() + this.opts.requestTimeoutMs);
      this.opts.onRoundTrip?.('heartbeat', Date.now() - start);
    } catch (e) {
      if (this.closed) return;
      if (transient(e)) {
        this.markCoordinatorUnknown();
        return;
      }
      this.fail(e);
      return;
    }
    if (this.closed || gen !== this.generationId) return;
    const code: number = body.errorCode;
    switch (code) {
      case ErrorCode.NONE:
        return;
      case ErrorCode.COORDINATOR_NOT_AVAILABLE:
      case ErrorCode.NOT_COORDINATOR:
        this.markCoordinatorUnknown();
        return;
      case ErrorCode.REBALANCE_IN_PROGRESS:
        if (this.state === 'stable') this.requestRejoin();
        return;
      case ErrorCode.ILLEGAL_GENERATION:
      case ErrorCode.UNKNOWN_MEMBER_ID:
        this.resetGeneration(code === ErrorCode.UNKNOWN_MEMBER_ID);
        return;
      case ErrorCode.FENCED_INSTANCE_ID:
        this.log('ERROR', `Caught fenced group.instance.id Optional[${this.opts.groupInstanceId}] error in heartbeat thread`);
        this.fail(KafkaError.from(code));
        return;
      case ErrorCode.GROUP_AUTHORIZATION_FAILED:
        this.fail(new ConsumerFetchError(`Not authorized to access group: ${this.opts.groupId}`, 'org.apache.kafka.common.errors.GroupAuthorizationException'));
        return;
      default:
        this.fail(new ConsumerFetchError(`Unexpected error in heartbeat response: ${errorInfo(code).message}`));
    }
  }

  // --- metadata -------------------------------------------------------------------------------

  private scheduleMetadata(ms: number): void {
    if (this.closed || this.fatal) return;
    if (this.metadataTimer) clearTimeout(this.metadataTimer);
    this.metadataTimer = setTimeout(() => {
      this.metadataTimer = null;
      this.refreshMetadata();
    }, ms);
  }

  /** One metadata round for the subscription (and, on the leader, the whole group's topics). */
  private refreshMetadata(): void {
    if (this.metadataRunning || this.closed) return;
    this.metadataRunning = true;
    this.metadataOnce()
      .then((ok) => this.scheduleMetadata(ok ? this.opts.metadataMaxAgeMs : Math.max(this.opts.retryBackoffMs, 100)))
      .catch((e) => {
        if (transient(e)) this.scheduleMetadata(Math.max(this.opts.retryBackoffMs, 100));
        else this.fail(e);
      })
      .finally(() => {
        this.metadataRunning = false;
      });
  }

  private async metadataOnce(): Promise<boolean> {
    const { pattern, topics } = this.opts;
    const wanted = pattern ? null : [...new Set([...(topics ?? []), ...(this.isLeader ? this.groupTopics : [])])];
    const correlationId = ++this.fetcher.requestCount;
    const md: any = await this.cluster.metadata(wanted, Date.now() + this.opts.requestTimeoutMs, 'fetchMetadata', !pattern && this.opts.allowAutoCreateTopics);
    if (this.closed) return true;
    const counts = new Map<string, number>();
    const matched: string[] = [];
    const errors: string[] = [];
    const invalid: string[] = [];
    const unauthorized: string[] = [];
    const own = new Set(topics ?? []);
    for (const t of md.topics) {
      if (t.name === null) continue;
      if (pattern && pattern.test(t.name) && !(t.isInternal && this.opts.excludeInternalTopics) && t.errorCode === ErrorCode.NONE) matched.push(t.name);
      if (t.errorCode === ErrorCode.NONE) {
        counts.set(t.name, t.partitions.length);
        continue;
      }
      if (!own.has(t.name)) continue;
      if (t.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION) invalid.push(t.name);
      else if (t.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) unauthorized.push(t.name);
      else errors.push(`${t.name}=${errorInfo(t.errorCode).name}`);
    }
    if (invalid.length > 0) throw new ConsumerFetchError(`Invalid topics: [${invalid.join(', ')}]`, 'org.apache.kafka.common.errors.InvalidTopicException');
    if (unauthorized.length > 0) throw new ConsumerFetchError(`Not authorized to access topics: [${unauthorized.join(', ')}]`, 'org.apache.kafka.common.errors.TopicAuthorizationException');
    if (pattern) {
      matched.sort();
      const before = this.subscribed;
      if (before === null || before.length !== matched.length || before.some((t, i) => t !== matched[i])) {
        this.subscribed = matched;
        if (before !== null) this.requestRejoin();
        else this.opts.wake();
      }
    }
    if (this.isLeader && this.assignmentSnapshot && this.state === 'stable') {
      for (const t of this.groupTopics) {
        const now = counts.get(t) ?? (pattern ? undefined : 0);
        const then = this.assignmentSnapshot.get(t) ?? 0;
        if (now !== undefined && now !== then) {
          this.requestRejoin();
          break;
        }
      }
    }
    if (errors.length > 0) {
      this.log('WARN', `The metadata response from the cluster reported a recoverable issue with correlation id ${correlationId} : {${errors.join(', ')}}`, NETWORK_LOGGER);
      return false;
    }
    // Topics just auto-created may not have partitions yet: look again soon.
    for (const t of topics ?? []) if (!counts.get(t)) return false;
    return true;
  }
}

function sleepPlain(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The promise, or a TimeoutError once the deadline passes. */
function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  if (deadline - Date.now() <= 0) return Promise.reject(new TimeoutError('Timeout expired'));
  return byDeadline(p, deadline, 'group', 'Timeout expired');
}
