// The classic group member (src/client/consumer/group-member.ts) against the engine's coordinator:
// join (member id required first), leader assignment, generations, commits with the member's
// generation, the cooperative two-phase handover, LeaveGroup on close, and a rejoin when the
// leader sees a topic grow.
import * as path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ROOT, startInProcessEngine, waitFor, type TestEngine } from '../helpers/engine';

/* eslint-disable @typescript-eslint/no-var-requires */
const { Cluster } = require(path.join(ROOT, 'dist/client/cluster'));
const { Fetcher } = require(path.join(ROOT, 'dist/client/fetcher'));
const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
const { GroupMember } = require(path.join(ROOT, 'dist/client/consumer/group-member'));
const { assignorsFor } = require(path.join(ROOT, 'dist/client/consumer/assignors'));
const { findCoordinator } = require(path.join(ROOT, 'dist/client/coordinator'));
const { fetchCommittedOffsets } = require(path.join(ROOT, 'dist/client/consumer/group-offsets'));
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
/* eslint-enable @typescript-eslint/no-var-requires */

let engine: TestEngine;
let admin: any;
/** The leader epoch in the last batch a member took. */
let lastEpoch = -2;

beforeAll(async () => {
  engine = await startInProcessEngine();
  admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
});

afterAll(async () => {
  admin?.close();
  await engine?.stop();
});

async function topic(name: string, partitions: number): Promise<void> {
  const res = await admin.createTopics([{ name, numPartitions: partitions, replicationFactor: 1 }]);
  expect(res.get(name)).toBeUndefined();
}

async function produce(name: string, partition: number, values: string[]): Promise<void> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'test');
  await conn.connect();
  const records = buildBatch(values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: 1 })));
  await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name, partitionData: [{ index: partition, records }] }] });
  conn.close();
}

/** A member with its own cluster and fetcher, driven by a poll loop as the console consumer does. */
function member(group: string, topics: string[], opts: { strategy?: string[]; autoCommit?: boolean; metadataMaxAgeMs?: number } = {}) {
  const cluster = new Cluster({ bootstrap: [{ host: '127.0.0.1', port: engine.port }], clientId: 'test', logPrefix: '' });
  const fetcher = new Fetcher(cluster, { isolationLevel: 0, autoOffsetReset: 'earliest', maxWaitMs: 100, minBytes: 1, maxBytes: 52428800, partitionMaxBytes: 1048576, retryBackoffMs: 50, requestTimeoutMs: 5000 });
  const logs: string[] = [];
  const m = new GroupMember(cluster, fetcher, {
    groupId: group, groupInstanceId: null, sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000, heartbeatIntervalMs: 200,
    retryBackoffMs: 50, requestTimeoutMs: 5000, metadataMaxAgeMs: opts.metadataMaxAgeMs ?? 300000,
    assignors: assignorsFor(opts.strategy ?? ['org.apache.kafka.clients.consumer.RangeAssignor', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor']),
    autoCommit: opts.autoCommit ?? true, autoCommitIntervalMs: 5000, autoOffsetReset: 'earliest', topics,
    excludeInternalTopics: true, allowAutoCreateTopics: true, wake: () => fetcher.wakeup(),
    log: (level: string, msg: string) => logs.push(`${level} ${msg}`),
  });
  let running = true;
  const seen: string[] = [];
  const loop = (async () => {
    while (running) {
      m.poll();
      const chunk = await fetcher.poll(Date.now() + 50);
      if (chunk) {
        seen.push(`${chunk.topic}-${chunk.partition}@${chunk.fetchOffset}..${chunk.nextOffset}`);
        // partitionLeaderEpoch of the chunk's first batch (bytes 12-15 of its header).
        lastEpoch = chunk.records.readInt32BE(12);
        fetcher.markConsumed(chunk.topic, chunk.partition, chunk.nextOffset, lastEpoch);
      }
    }
  })();
  return {
    m, fetcher, logs, seen,
    assigned: (): string[] => m.assignment().map((tp: any) => `${tp.topic}-${tp.partition}`),
    async close() {
      running = false;
      fetcher.wakeup();
      await loop;
      await m.close(5000);
      fetcher.close();
      cluster.close();
    },
  };
}

async function describeGroup(group: string): Promise<any> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'test');
  await conn.connect();
  try {
    const body: any = await conn.send(15, { groups: [group], includeAuthorizedOperations: false });
    return body.groups[0];
  } finally {
    conn.close();
  }
}

async function committed(group: string, partitions: { topic: string; partition: number }[]): Promise<Map<string, { offset: number; leaderEpoch: number } | null>> {
  const cluster = new Cluster({ bootstrap: [{ host: '127.0.0.1', port: engine.port }], clientId: 'test', logPrefix: '' });
  try {
    const c = await findCoordinator(cluster, group, Date.now() + 5000, 'test');
    return await fetchCommittedOffsets(c.conn, group, partitions);
  } finally {
    cluster.close();
  }
}

describe('GroupMember', () => {
  it('joins (range chosen: both members list it first), splits, commits with its generation and leaves on close', async () => {
    await topic('gm1', 4);
    await produce('gm1', 0, ['a', 'b', 'c']);
    const a = member('g-gm1', ['gm1']);
    await waitFor(() => a.assigned().length === 4, 15000, 'a owns all');
    expect(a.m.generation.protocolName).toBe('range');
    expect(a.m.protocol).toBe('eager');
    expect(a.m.generation.memberId).toMatch(/^test-[0-9a-f-]{36}$/);
    const gen1 = a.m.generation.generationId;
    // What the coordinator keeps of it (DescribeGroups): Java's ConsumerProtocol bytes, v3.
    const d = await describeGroup('g-gm1');
    expect(d.protocolType).toBe('consumer');
    expect(d.members.length).toBe(1);
    expect(d.members[0].memberMetadata.toString('hex')).toBe(
      '0003' + '00000001' + '0003' + Buffer.from('gm1').toString('hex') + 'ffffffff' + '00000000' + 'ffffffff' + 'ffff');
    expect(d.members[0].memberAssignment.toString('hex')).toBe(
      '0003' + '00000001' + '0003' + Buffer.from('gm1').toString('hex') + '00000004' + '00000000' + '00000001' + '00000002' + '00000003' + 'ffffffff');
    const b = member('g-gm1', ['gm1']);
    await waitFor(() => a.assigned().length === 2 && b.assigned().length === 2, 15000, 'split');
    expect(new Set([...a.assigned(), ...b.assigned()]).size).toBe(4);
    expect(a.m.generation.generationId).toBeGreaterThan(gen1);
    expect(b.m.generation.generationId).toBe(a.m.generation.generationId);
    // Range over sorted member ids: the smaller id gets partitions 0 and 1.
    const first = a.m.generation.memberId < b.m.generation.memberId ? a : b;
    expect(first.assigned()).toEqual(['gm1-0', 'gm1-1']);
    await produce('gm1', 0, ['d', 'e']);
    await waitFor(() => first.seen.some((s) => s.startsWith('gm1-0@') && s.endsWith('..5')), 10000, 'records of gm1-0');
    await first.close();
    const other = first === a ? b : a;
    // The commit at close carries the member's generation; LeaveGroup hands its partitions over at once.
    const c0 = (await committed('g-gm1', [{ topic: 'gm1', partition: 0 }])).get('gm1:0');
    expect(c0?.offset).toBe(5);
    // Committed with the leader epoch of the last record taken, as Java does.
    expect(c0?.leaderEpoch).toBe(lastEpoch);
    await waitFor(() => other.assigned().length === 4, 15000, 'the other takes all after LeaveGroup');
    await other.close();
    expect(a.logs.concat(b.logs)).toEqual([]);
  });

  it('cooperative-sticky: the new member gets its partitions in a second rebalance, after the owner revoked (and committed) them', async () => {
    await topic('gm2', 4);
    for (let p = 0; p < 4; p++) await produce('gm2', p, [`x${p}`]);
    const coop = ['org.apache.kafka.clients.consumer.CooperativeStickyAssignor'];
    const a = member('g-gm2', ['gm2'], { strategy: coop });
    await waitFor(() => a.assigned().length === 4 && a.seen.length >= 4, 15000, 'a owns and read all');
    expect(a.m.protocol).toBe('cooperative');
    const gen1 = a.m.generation.generationId;
    const b = member('g-gm2', ['gm2'], { strategy: coop });
    await waitFor(() => a.assigned().length === 2 && b.assigned().length === 2, 15000, 'split');
    // Two rebalances: one to revoke from a, one to give to b.
    expect(a.m.generation.generationId).toBeGreaterThanOrEqual(gen1 + 2);
    // Sticky: a kept two of the partitions it had; b starts where a committed (no re-delivery).
    const bParts = b.assigned().map((s: string) => ({ topic: 'gm2', partition: Number(s.split('-')[1]) }));
    const c = await committed('g-gm2', bParts);
    for (const p of bParts) expect(c.get(`gm2:${p.partition}`)?.offset).toBe(1);
    await waitFor(() => b.fetcher.consumedPositions().length === 2, 10000, 'b positioned');
    for (const pos of b.fetcher.consumedPositions()) expect(pos.offset).toBe(1);
    await a.close();
    await b.close();
  });

  it('the leader rejoins when a subscribed topic gets more partitions (metadata.max.age.ms)', async () => {
    await topic('gm3', 1);
    const a = member('g-gm3', ['gm3'], { metadataMaxAgeMs: 300 });
    await waitFor(() => a.assigned().length === 1, 15000, 'one partition');
    const res = await admin.createPartitions([{ name: 'gm3', count: 3 }]);
    expect(res.get('gm3')).toBeUndefined();
    await waitFor(() => a.assigned().length === 3, 15000, 'three partitions after the rejoin');
    await a.close();
  });
});
