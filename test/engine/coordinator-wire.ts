// Raw group-protocol requests for the coordinator tests, through our client's BrokerConnection
// (one connection per member: the engine answers a connection's requests in order, so a parked
// JoinGroup holds that connection, as a Kafka broker's muted socket does).
import * as path from 'node:path';
import { ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const cp = require(path.join(ROOT, 'dist/protocol/consumer-protocol'));

export { ApiKey };
export const E = {
  NONE: 0, UNKNOWN_TOPIC_OR_PARTITION: 3, COORDINATOR_NOT_AVAILABLE: 15, ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23, INVALID_GROUP_ID: 24, UNKNOWN_MEMBER_ID: 25, INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27, NON_EMPTY_GROUP: 68, GROUP_ID_NOT_FOUND: 69, MEMBER_ID_REQUIRED: 79,
  FENCED_INSTANCE_ID: 82, GROUP_SUBSCRIBED_TO_TOPIC: 86, OFFSET_METADATA_TOO_LARGE: 12,
} as const;

export async function connect(port: number, clientId = 'wire'): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', port, clientId);
  await c.connect();
  return c;
}

export const subscription = (topics: string[]): Buffer => cp.encodeSubscription({ topics }, 0);
export const assignment = (topic: string, partitions: number[]): Buffer => cp.encodeAssignment({ partitions: [{ topic, partitions }] }, 0);
export const decodeAssignment = (b: Buffer) => cp.decodeAssignment(b);

export interface JoinOpts {
  groupId: string;
  memberId?: string;
  groupInstanceId?: string | null;
  version?: number;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  protocolType?: string;
  protocols?: { name: string; metadata: Buffer }[];
  topics?: string[];
}

export function join(conn: any, o: JoinOpts): Promise<any> {
  return conn.request(ApiKey.JoinGroup, o.version ?? 5, {
    groupId: o.groupId, sessionTimeoutMs: o.sessionTimeoutMs ?? 10000, rebalanceTimeoutMs: o.rebalanceTimeoutMs ?? 10000,
    memberId: o.memberId ?? '', groupInstanceId: o.groupInstanceId ?? null, protocolType: o.protocolType ?? 'consumer',
    protocols: o.protocols ?? [{ name: 'range', metadata: subscription(o.topics ?? ['t']) }],
  });
}

/** JoinGroup v5 the way clients do it: MEMBER_ID_REQUIRED, then rejoin with the id handed out. */
export async function joinFully(conn: any, o: JoinOpts): Promise<any> {
  const first = await join(conn, o);
  if (first.errorCode !== E.MEMBER_ID_REQUIRED) return first;
  return join(conn, { ...o, memberId: first.memberId });
}

export function sync(conn: any, groupId: string, generationId: number, memberId: string,
  assignments: { memberId: string; assignment: Buffer }[] = [], groupInstanceId: string | null = null): Promise<any> {
  return conn.request(ApiKey.SyncGroup, 3, { groupId, generationId, memberId, groupInstanceId, assignments });
}

export function heartbeat(conn: any, groupId: string, generationId: number, memberId: string, groupInstanceId: string | null = null): Promise<any> {
  return conn.request(ApiKey.Heartbeat, 3, { groupId, generationId, memberId, groupInstanceId });
}

export function leave(conn: any, groupId: string, members: { memberId: string; groupInstanceId?: string | null }[]): Promise<any> {
  return conn.request(ApiKey.LeaveGroup, 3, { groupId, members: members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null })) });
}

export async function describe1(conn: any, groupId: string): Promise<any> {
  const r = await conn.request(ApiKey.DescribeGroups, 4, { groups: [groupId], includeAuthorizedOperations: false });
  return r.groups[0];
}

export function commit(conn: any, groupId: string, generationId: number, memberId: string,
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedMetadata?: string | null }[] }[],
  opts: { version?: number; retentionTimeMs?: number } = {}): Promise<any> {
  return conn.request(ApiKey.OffsetCommit, opts.version ?? 7, {
    groupId, generationIdOrMemberEpoch: generationId, memberId, groupInstanceId: null, retentionTimeMs: opts.retentionTimeMs ?? -1,
    topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, committedOffset: p.committedOffset, committedLeaderEpoch: -1, committedMetadata: p.committedMetadata ?? null })) })),
  });
}

export function fetchOffsets(conn: any, groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null, version = 5): Promise<any> {
  return conn.request(ApiKey.OffsetFetch, version, { groupId, topics, requireStable: false });
}

export function createTopic(conn: any, name: string, partitions: number): Promise<any> {
  return conn.request(ApiKey.CreateTopics, 4, {
    topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  });
}

/** Partition errors of an OffsetCommit/OffsetDelete response, flattened to "topic-partition:code". */
export function partitionCodes(resp: any): string[] {
  return resp.topics.flatMap((t: any) => t.partitions.map((p: any) => `${t.name}-${p.partitionIndex}:${p.errorCode}`));
}
