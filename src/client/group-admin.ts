// Consumer-group admin calls, shaped like Java's Admin API (listConsumerGroups,
// describeConsumerGroups, listConsumerGroupOffsets, alterConsumerGroupOffsets,
// deleteConsumerGroups, deleteConsumerGroupOffsets). Group calls go to the group's coordinator
// (FindCoordinator), retrying the coordinator errors Java's AdminApiDriver retries
// (COORDINATOR_LOAD_IN_PROGRESS: same coordinator again; NOT_COORDINATOR /
// COORDINATOR_NOT_AVAILABLE: look the coordinator up again) until the call's deadline.
//
// Per-group results are a value or the error Java's future would fail with (a KafkaError, or an
// IllegalArgumentError for a group that is not a consumer group).
import type { Cluster, BrokerNode } from './cluster';
import type { BrokerConnection } from './connection';
import { ConnectionError } from './connection';
import { findCoordinator } from './coordinator';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import { CONSUMER_PROTOCOL_TYPE, decodeAssignment } from '../protocol/consumer-protocol';
import type { ListGroupsResponse } from '../protocol/messages/list-groups';
import type { DescribeGroupsResponse } from '../protocol/messages/describe-groups';
import type { ConsumerGroupAssignment, ConsumerGroupDescribedGroup, ConsumerGroupDescribeResponse } from '../protocol/messages/consumer-group-describe';
import { javaHashSetOrder, javaStringHashCode } from '../util/java-hash';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface ConsumerGroupListing {
  groupId: string;
  /** protocolType "" (a group that only commits offsets, e.g. Admin-made). */
  isSimpleConsumerGroup: boolean;
  /** The group's state, when the broker says (ListGroups v4+). */
  state?: string;
  /** The group's type (Classic, Consumer), when the broker says (ListGroups v5+). */
  type?: string;
}

export interface MemberDescription {
  consumerId: string;
  groupInstanceId: string | null;
  clientId: string;
  host: string;
  assignment: TopicPartition[];
  /** KIP-848 consumer groups only (null otherwise): the member's target assignment and epoch. */
  targetAssignment: TopicPartition[] | null;
  memberEpoch: number | null;
  /** KIP-848 groups: true for a consumer-protocol member, false for a classic one; null unknown. */
  upgraded: boolean | null;
}

export interface ConsumerGroupDescription {
  groupId: string;
  isSimpleConsumerGroup: boolean;
  members: MemberDescription[];
  /** The protocol name (assignor) of the group, '' when none was chosen. */
  partitionAssignor: string;
  type: 'Classic' | 'Consumer';
  state: string;
  coordinator: BrokerNode;
  /** KIP-848 consumer groups only (null otherwise). */
  groupEpoch: number | null;
  targetAssignmentEpoch: number | null;
}

/** Java's IllegalArgumentException raised by the admin client (not a broker error). */
export class IllegalArgumentError extends Error {
  readonly javaClass = 'java.lang.IllegalArgumentException';
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentError';
  }
}

/** Java's KafkaException (e.g. `Failed to find brokers to send ListGroups`), with its cause. */
export class ClientKafkaException extends Error {
  readonly javaClass = 'org.apache.kafka.common.KafkaException';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ClientKafkaException';
  }
}

export type GroupResult<T> = { ok: true; value: T } | { ok: false; error: Error };

/** Committed offsets: tpKey -> offset, or null for a partition the broker lists without one. */
export interface CommittedOffset extends TopicPartition {
  offset: number | null;
  metadata: string | null;
  leaderEpoch: number;
}

export interface DeleteOffsetsResult {
  topLevel: KafkaError | undefined;
  /** tpString -> the partition's error, undefined when deleted. */
  partitions: Map<string, KafkaError | undefined>;
}

const RETRY_SAME = ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
/** Java's GroupState and GroupType names (brokers may send them in another case: `classic`). */
const GROUP_STATES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling', 'NotReady'];
const GROUP_TYPES = ['Unknown', 'Consumer', 'Classic', 'Share', 'Streams'];
/** GroupState.parse / GroupType.parse: case-insensitive, Unknown for anything else. */
function canonicalName(names: readonly string[], s: string): string {
  return names.find((n) => n.toLowerCase() === s.toLowerCase()) ?? 'Unknown';
}
/** Java's ListGroupsOptions.forConsumerGroups() types. */
const CONSUMER_GROUP_TYPES = ['Classic', 'Consumer'];
const RETRY_FIND = new Set<number>([ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE]);

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** What one attempt against a coordinator decided. */
type Attempt<T> = { done: T } | { retry: 'same' | 'find' };

export class GroupAdmin {
  private readonly retryBackoffMs: number;

  constructor(readonly cluster: Cluster, opts: { retryBackoffMs?: number } = {}) {
    this.retryBackoffMs = opts.retryBackoffMs ?? 100;
  }

  /**
   * Run `attempt` against the coordinator of `groupId` until it is done, re-finding the
   * coordinator when asked to, until the deadline. Java's AdminApiDriver names its calls
   * `<apiName>(api=<API_KEY>)` after the request of the stage that is pending, so a timeout says
   * e.g. `Call: describeConsumerGroups(api=FIND_COORDINATOR)` while the coordinator is unknown.
   */
  private async onCoordinator<T>(
    groupId: string, deadline: number, call: { apiName: string; api: string },
    attempt: (conn: BrokerConnection, coordinator: BrokerNode) => Promise<Attempt<T>>,
  ): Promise<T> {
    const lookupName = `${call.apiName}(api=FIND_COORDINATOR)`;
    for (;;) {
      let result: Attempt<T>;
      try {
        const c = await findCoordinator(this.cluster, groupId, deadline, lookupName, this.retryBackoffMs);
        const node = this.cluster.brokers.get(c.nodeId) ?? { nodeId: c.nodeId, host: c.conn.host, port: c.conn.port, rack: null };
        result = await attempt(c.conn, node);
      } catch (e) {
        if (!(e instanceof ConnectionError)) throw e;
        result = { retry: 'find' };
      }
      if ('done' in result) return result.done;
      if (Date.now() + this.retryBackoffMs >= deadline) {
        const pending = result.retry === 'same' ? `${call.apiName}(api=${call.api})` : lookupName;
        throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${pending}`);
      }
      await sleep(this.retryBackoffMs);
    }
  }

  /**
   * ListGroups on every broker of the cluster, as Java's listGroups(ListGroupsOptions
   * .forConsumerGroups()): consumer groups only (types Classic and Consumer, protocol type
   * "consumer" or ""), once each, in the java.util.HashMap order of their ids (as Java lists them). `states` / `types` filter on the
   * broker (ListGroups v4+ / v5+); a listing carries the state and type the broker sent (v4+ /
   * v5+), nothing from older brokers.
   */
  async listConsumerGroups(timeoutMs: number, opts: {
    states?: readonly string[]; types?: readonly string[];
    /** The caller has just read Metadata (kafka-local status and ui): the known brokers are current, no refresh first. */
    brokersKnown?: boolean;
  } = {}): Promise<ConsumerGroupListing[]> {
    const deadline = Date.now() + timeoutMs;
    if (!opts.brokersKnown || this.cluster.brokers.size === 0) {
      try {
        await this.cluster.metadata([], deadline, 'findAllBrokers');
      } catch (e) {
        throw new ClientKafkaException('Failed to find brokers to send ListGroups', e);
      }
    }
    const nodes = [...this.cluster.brokers.values()];
    const request = { statesFilter: [...(opts.states ?? [])], typesFilter: [...(opts.types ?? CONSUMER_GROUP_TYPES)] };
    const perNode = await Promise.all(nodes.map(async (node) => {
      for (;;) {
        const conn = await this.connect(node.nodeId, deadline, 'listGroups');
        const version = conn.versionFor(ApiKey.ListGroups);
        if (version !== undefined && version < 4 && request.statesFilter.length > 0) {
          throw KafkaError.from(ErrorCode.UNSUPPORTED_VERSION,
            `The broker only supports ListGroups v${version}, but we need v4 or newer to request groups by states.`);
        }
        const body: ListGroupsResponse = await conn.send(ApiKey.ListGroups, request);
        if (body.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS || body.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE) {
          if (Date.now() + this.retryBackoffMs >= deadline) throw new TimeoutError(`Timed out waiting for a node assignment. Call: listGroups`);
          await sleep(this.retryBackoffMs);
          continue;
        }
        if (body.errorCode !== ErrorCode.NONE) throw KafkaError.from(body.errorCode);
        return body.groups
          .filter((g) => g.protocolType === CONSUMER_PROTOCOL_TYPE || g.protocolType === '')
          .map((g): ConsumerGroupListing => ({
            groupId: g.groupId, isSimpleConsumerGroup: g.protocolType === '',
            state: g.groupState ? canonicalName(GROUP_STATES, g.groupState) : undefined,
            type: g.groupType ? canonicalName(GROUP_TYPES, g.groupType) : undefined,
          }));
      }
    }));
    // Java collects the listings in a HashMap keyed by group id: one per group, in its hash order.
    const byId = new Map<string, ConsumerGroupListing>();
    for (const l of perNode.flat()) byId.set(l.groupId, l);
    return javaHashSetOrder([...byId.keys()], javaStringHashCode, 'incremental').map((id) => byId.get(id)!);
  }

  private async connect(nodeId: number, deadline: number, callName: string): Promise<BrokerConnection> {
    for (;;) {
      try {
        return await this.cluster.connectionTo(nodeId);
      } catch (e) {
        if (!(e instanceof ConnectionError)) throw e;
        if (Date.now() + this.retryBackoffMs >= deadline) throw new TimeoutError(`Timed out waiting for a node assignment. Call: ${callName}`);
        await sleep(this.retryBackoffMs);
      }
    }
  }

  /**
   * Describe groups through each one's coordinator, as Java's DescribeConsumerGroupsHandler: a
   * broker with KIP-848 consumer groups is asked ConsumerGroupDescribe first; a group it does not
   * know as one (GROUP_ID_NOT_FOUND: a classic group, or none) is asked again with DescribeGroups,
   * whose GROUP_ID_NOT_FOUND then carries the first answer's message. One result per group id.
   */
  async describeConsumerGroups(groupIds: readonly string[], timeoutMs: number): Promise<Map<string, GroupResult<ConsumerGroupDescription>>> {
    const deadline = Date.now() + timeoutMs;
    const unique = [...new Set(groupIds)];
    const results = await Promise.all(unique.map(async (groupId): Promise<[string, GroupResult<ConsumerGroupDescription>]> => {
      let classic = false;
      let notFoundMessage: string | null = null;
      try {
        const value = await this.onCoordinator<ConsumerGroupDescription>(groupId, deadline, { apiName: 'describeConsumerGroups', api: 'DESCRIBE_GROUPS' }, async (conn, node) => {
          if (!classic && conn.supports(ApiKey.ConsumerGroupDescribe)) {
            const body: ConsumerGroupDescribeResponse = await conn.send(ApiKey.ConsumerGroupDescribe, { groupIds: [groupId], includeAuthorizedOperations: false });
            const g = body.groups.find((x) => x.groupId === groupId) ?? body.groups[0];
            if (g.errorCode === RETRY_SAME) return { retry: 'same' };
            if (RETRY_FIND.has(g.errorCode)) return { retry: 'find' };
            if (g.errorCode === ErrorCode.NONE) return { done: consumerGroupDescription(groupId, g, node) };
            if (g.errorCode !== ErrorCode.GROUP_ID_NOT_FOUND && g.errorCode !== ErrorCode.UNSUPPORTED_VERSION) throw KafkaError.from(g.errorCode, g.errorMessage);
            if (g.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) notFoundMessage = g.errorMessage;
          }
          classic = true;
          const body: DescribeGroupsResponse = await conn.send(ApiKey.DescribeGroups, { groups: [groupId], includeAuthorizedOperations: false });
          const g = body.groups.find((x) => x.groupId === groupId) ?? body.groups[0];
          if (g.errorCode === RETRY_SAME) return { retry: 'same' };
          if (RETRY_FIND.has(g.errorCode)) return { retry: 'find' };
          if (g.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) throw KafkaError.from(g.errorCode, notFoundMessage ?? g.errorMessage ?? null);
          if (g.errorCode !== ErrorCode.NONE) throw KafkaError.from(g.errorCode, g.errorMessage ?? null);
          if (g.protocolType !== CONSUMER_PROTOCOL_TYPE && g.protocolType !== '') {
            throw new IllegalArgumentError(`GroupId ${groupId} is not a consumer group (${g.protocolType}).`);
          }
          return { done: classicGroupDescription(groupId, g, node) };
        });
        return [groupId, { ok: true, value }];
      } catch (e) {
        return [groupId, { ok: false, error: e as Error }];
      }
    }));
    return new Map(results);
  }

  /** OffsetFetch of all the group's committed offsets (topics = null), sorted by topic, partition. */
  async listConsumerGroupOffsets(groupId: string, timeoutMs: number): Promise<CommittedOffset[]> {
    const deadline = Date.now() + timeoutMs;
    return this.onCoordinator<CommittedOffset[]>(groupId, deadline, { apiName: 'offsetFetch', api: 'OFFSET_FETCH' }, (conn) => fetchCommittedOffsets(conn, groupId));
  }

  /**
   * Descriptions and committed offsets of many groups with few requests (kafka-local status):
   * the coordinators looked up in parallel, then per coordinator one ConsumerGroupDescribe for
   * all its groups (where offered), one DescribeGroups for those it does not know as consumer
   * groups, and the OffsetFetches (one group each: the versions we speak) on that connection.
   * A group whose batched answer asks for a retry (coordinator moved or loading) goes through
   * the one-group calls above, with their retries.
   */
  async describeGroupsWithOffsets(groupIds: readonly string[], timeoutMs: number): Promise<Map<string, GroupResult<{ description: ConsumerGroupDescription; offsets: CommittedOffset[] }>>> {
    const deadline = Date.now() + timeoutMs;
    const out = new Map<string, GroupResult<{ description: ConsumerGroupDescription; offsets: CommittedOffset[] }>>();
    const byCoordinator = new Map<number, string[]>();
    const slow: string[] = [];
    await Promise.all([...new Set(groupIds)].map(async (groupId) => {
      try {
        const c = await findCoordinator(this.cluster, groupId, deadline, 'describeConsumerGroups(api=FIND_COORDINATOR)', this.retryBackoffMs);
        const list = byCoordinator.get(c.nodeId) ?? [];
        byCoordinator.set(c.nodeId, list);
        list.push(groupId);
      } catch {
        slow.push(groupId);
      }
    }));
    await Promise.all([...byCoordinator].map(async ([nodeId, ids]) => {
      let conn: BrokerConnection;
      try {
        conn = await this.cluster.connectionTo(nodeId);
      } catch {
        slow.push(...ids);
        return;
      }
      const node = this.cluster.brokers.get(nodeId) ?? { nodeId, host: conn.host, port: conn.port, rack: null };
      const described = new Map<string, ConsumerGroupDescription>();
      let classic = ids;
      if (conn.supports(ApiKey.ConsumerGroupDescribe)) {
        const body: ConsumerGroupDescribeResponse = await conn.send(ApiKey.ConsumerGroupDescribe, { groupIds: ids, includeAuthorizedOperations: false });
        classic = [];
        for (const g of body.groups) {
          if (g.errorCode === ErrorCode.NONE) described.set(g.groupId, consumerGroupDescription(g.groupId, g, node));
          else if (g.errorCode === ErrorCode.GROUP_ID_NOT_FOUND || g.errorCode === ErrorCode.UNSUPPORTED_VERSION) classic.push(g.groupId);
          else slow.push(g.groupId);
        }
      }
      if (classic.length > 0) {
        const body: DescribeGroupsResponse = await conn.send(ApiKey.DescribeGroups, { groups: classic, includeAuthorizedOperations: false });
        for (const g of body.groups) {
          if (g.errorCode === ErrorCode.NONE && (g.protocolType === CONSUMER_PROTOCOL_TYPE || g.protocolType === '')) described.set(g.groupId, classicGroupDescription(g.groupId, g, node));
          else slow.push(g.groupId);
        }
      }
      await Promise.all([...described].map(async ([groupId, description]) => {
        const r = await fetchCommittedOffsets(conn, groupId).catch(() => ({ retry: 'find' as const }));
        if ('done' in r) out.set(groupId, { ok: true, value: { description, offsets: r.done } });
        else slow.push(groupId);
      }));
    }).map((p) => p.catch(() => undefined)));
    // Whatever a batch did not settle (including a batch that failed as a whole).
    for (const id of new Set(groupIds)) if (!out.has(id) && !slow.includes(id)) slow.push(id);
    const remaining = Math.max(1, deadline - Date.now());
    const descriptions = await this.describeConsumerGroups(slow, remaining);
    await Promise.all(slow.map(async (groupId) => {
      const d = descriptions.get(groupId)!;
      if (!d.ok) {
        out.set(groupId, d);
        return;
      }
      try {
        out.set(groupId, { ok: true, value: { description: d.value, offsets: await this.listConsumerGroupOffsets(groupId, remaining) } });
      } catch (e) {
        out.set(groupId, { ok: false, error: e as Error });
      }
    }));
    return out;
  }

  /**
   * OffsetCommit outside any generation (generation -1, member id ""), as Java's admin does; the
   * coordinator accepts it only for a group without active members. Throws the first partition error.
   */
  async alterConsumerGroupOffsets(groupId: string, offsets: readonly { topic: string; partition: number; offset: number }[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; committedMetadata: string }[]>();
    for (const o of offsets) {
      let list = byTopic.get(o.topic);
      if (!list) byTopic.set(o.topic, (list = []));
      list.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: '' });
    }
    await this.onCoordinator<void>(groupId, deadline, { apiName: 'offsetCommit', api: 'OFFSET_COMMIT' }, async (conn) => {
      const body: any = await conn.send(ApiKey.OffsetCommit, {
        groupId, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
      });
      let first: KafkaError | undefined;
      for (const t of body.topics) {
        for (const p of t.partitions) {
          if (p.errorCode === RETRY_SAME) return { retry: 'same' };
          if (RETRY_FIND.has(p.errorCode)) return { retry: 'find' };
          if (p.errorCode !== ErrorCode.NONE && !first) first = KafkaError.from(p.errorCode);
        }
      }
      if (first) throw first;
      return { done: undefined };
    });
  }

  /** DeleteGroups through each group's coordinator; one result per group, in request order. */
  async deleteConsumerGroups(groupIds: readonly string[], timeoutMs: number): Promise<Map<string, GroupResult<void>>> {
    const deadline = Date.now() + timeoutMs;
    const unique = [...new Set(groupIds)];
    const results = await Promise.all(unique.map(async (groupId): Promise<[string, GroupResult<void>]> => {
      try {
        await this.onCoordinator<void>(groupId, deadline, { apiName: 'deleteConsumerGroups', api: 'DELETE_GROUPS' }, async (conn) => {
          const body: any = await conn.send(ApiKey.DeleteGroups, { groupsNames: [groupId] });
          const r = body.results.find((x: any) => x.groupId === groupId) ?? body.results[0];
          if (r.errorCode === RETRY_SAME) return { retry: 'same' };
          if (RETRY_FIND.has(r.errorCode)) return { retry: 'find' };
          if (r.errorCode !== ErrorCode.NONE) throw KafkaError.from(r.errorCode);
          return { done: undefined };
        });
        return [groupId, { ok: true, value: undefined }];
      } catch (e) {
        return [groupId, { ok: false, error: e as Error }];
      }
    }));
    return new Map(results);
  }

  /**
   * OffsetDelete. A top-level error fails the whole call (`topLevel`); otherwise each partition
   * gets its own result (KafkaError or undefined).
   */
  async deleteConsumerGroupOffsets(groupId: string, partitions: readonly TopicPartition[], timeoutMs: number): Promise<DeleteOffsetsResult> {
    const deadline = Date.now() + timeoutMs;
    const byTopic = new Map<string, { partitionIndex: number }[]>();
    for (const tp of partitions) {
      let list = byTopic.get(tp.topic);
      if (!list) byTopic.set(tp.topic, (list = []));
      list.push({ partitionIndex: tp.partition });
    }
    return this.onCoordinator<DeleteOffsetsResult>(groupId, deadline, { apiName: 'offsetDelete', api: 'OFFSET_DELETE' }, async (conn) => {
      const body: any = await conn.send(ApiKey.OffsetDelete, {
        groupId, topics: [...byTopic].map(([name, ps]) => ({ name, partitions: ps })),
      });
      if (body.errorCode === RETRY_SAME) return { retry: 'same' };
      if (RETRY_FIND.has(body.errorCode)) return { retry: 'find' };
      const out = new Map<string, KafkaError | undefined>();
      if (body.errorCode !== ErrorCode.NONE) {
        const err = KafkaError.from(body.errorCode);
        for (const tp of partitions) out.set(tpString(tp), err);
        return { done: { topLevel: err, partitions: out } };
      }
      for (const t of body.topics) {
        for (const p of t.partitions) {
          out.set(tpString({ topic: t.name, partition: p.partitionIndex }), p.errorCode === ErrorCode.NONE ? undefined : KafkaError.from(p.errorCode));
        }
      }
      for (const tp of partitions) if (!out.has(tpString(tp))) out.set(tpString(tp), undefined);
      return { done: { topLevel: undefined, partitions: out } };
    });
  }
}

/** Java's TopicPartition.toString(): `topic-partition`. */
export function tpString(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

/** One OffsetFetch of all the group's committed offsets, or the retry its errors ask for. */
async function fetchCommittedOffsets(conn: BrokerConnection, groupId: string): Promise<Attempt<CommittedOffset[]>> {
  const body: any = await conn.send(ApiKey.OffsetFetch, { groupId, topics: null, requireStable: false });
  const top = body.errorCode ?? ErrorCode.NONE;
  if (top === RETRY_SAME) return { retry: 'same' };
  if (RETRY_FIND.has(top)) return { retry: 'find' };
  if (top !== ErrorCode.NONE) throw KafkaError.from(top);
  const out: CommittedOffset[] = [];
  for (const t of body.topics) {
    for (const p of t.partitions) {
      if (p.errorCode === RETRY_SAME) return { retry: 'same' };
      if (RETRY_FIND.has(p.errorCode)) return { retry: 'find' };
      // Java's handler skips partitions with an error, and keeps a key without a value for a
      // partition listed with a negative (no) offset.
      if (p.errorCode !== ErrorCode.NONE) continue;
      out.push({
        topic: t.name, partition: p.partitionIndex,
        offset: p.committedOffset < 0 ? null : p.committedOffset,
        metadata: p.metadata ?? null,
        leaderEpoch: p.committedLeaderEpoch ?? -1,
      });
    }
  }
  out.sort(compareTopicPartitions);
  return { done: out };
}

/** A DescribeGroups answer (a classic consumer group) as Java's ConsumerGroupDescription. */
function classicGroupDescription(groupId: string, g: DescribeGroupsResponse['groups'][number], node: BrokerNode): ConsumerGroupDescription {
  return {
    groupId,
    isSimpleConsumerGroup: g.protocolType === '',
    members: g.members.map((m) => ({
      consumerId: m.memberId,
      groupInstanceId: m.groupInstanceId ?? null,
      clientId: m.clientId,
      host: m.clientHost,
      assignment: assignmentPartitions(m.memberAssignment),
      targetAssignment: null, memberEpoch: null, upgraded: null,
    })),
    partitionAssignor: g.protocolData,
    type: 'Classic',
    state: canonicalName(GROUP_STATES, g.groupState),
    coordinator: node,
    groupEpoch: null,
    targetAssignmentEpoch: null,
  };
}

/** A ConsumerGroupDescribe answer as Java's ConsumerGroupDescription (type Consumer). */
function consumerGroupDescription(groupId: string, g: ConsumerGroupDescribedGroup, node: BrokerNode): ConsumerGroupDescription {
  const partitions = (a: ConsumerGroupAssignment): TopicPartition[] =>
    a.topicPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topicName, partition })));
  return {
    groupId,
    isSimpleConsumerGroup: false,
    members: g.members.map((m) => ({
      consumerId: m.memberId, groupInstanceId: m.instanceId, clientId: m.clientId, host: m.clientHost,
      assignment: partitions(m.assignment), targetAssignment: partitions(m.targetAssignment), memberEpoch: m.memberEpoch,
      upgraded: m.memberType === undefined || m.memberType === -1 ? null : m.memberType === 1,
    })),
    partitionAssignor: g.assignorName,
    type: 'Consumer',
    state: canonicalName(GROUP_STATES, g.groupState),
    coordinator: node,
    groupEpoch: g.groupEpoch,
    targetAssignmentEpoch: g.assignmentEpoch,
  };
}

/** A member's assignment bytes as topic-partitions (empty bytes = nothing assigned). */
function assignmentPartitions(bytes: Buffer): TopicPartition[] {
  if (!bytes || bytes.length === 0) return [];
  const a = decodeAssignment(bytes);
  const out: TopicPartition[] = [];
  for (const t of a.partitions) for (const p of t.partitions) out.push({ topic: t.topic, partition: p });
  return out;
}
