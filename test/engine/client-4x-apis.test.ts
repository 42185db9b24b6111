// The APIs and versions Kafka 4.x clients reach for first (kafka-clients 4.4 negotiates the
// highest both sides speak): DescribeCluster, DescribeTopicPartitions, CreateTopics v5-7,
// Metadata v12-13 by topic id, ApiVersions v5, and fetch and produce details the Java consumer
// relies on. (ListGroups v3-5 and DescribeGroups v5-6: coordinator-membership.test.ts.)
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { E, connect } from './coordinator-wire';

const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch, readBatchHeader } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOPIC_OPERATIONS = 3576; // READ WRITE CREATE DELETE ALTER DESCRIBE DESCRIBE_CONFIGS ALTER_CONFIGS
const CLUSTER_OPERATIONS = 8096; // CREATE ALTER DESCRIBE CLUSTER_ACTION DESCRIBE_CONFIGS ALTER_CONFIGS IDEMPOTENT_WRITE

let engine: TestEngine;
let c: any;

beforeAll(async () => {
  engine = await startInProcessEngine();
  c = await connect(engine.port, 'apis-4x');
});
afterAll(async () => {
  c?.close();
  await engine?.stop();
});

function createTopics(version: number, topics: { name: string; numPartitions?: number; configs?: { name: string; value: string }[] }[], validateOnly = false): Promise<any> {
  return c.request(ApiKey.CreateTopics, version, {
    topics: topics.map((t) => ({ name: t.name, numPartitions: t.numPartitions ?? 1, replicationFactor: -1, assignments: [], configs: t.configs ?? [] })),
    timeoutMs: 10000, validateOnly,
  });
}

describe('DescribeCluster v0-2', () => {
  it('names the cluster, this broker and a live broker as controller', async () => {
    const md = await c.request(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    for (const v of [0, 1, 2]) {
      const r = await c.request(ApiKey.DescribeCluster, v, { includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: false });
      expect(r).toMatchObject({ errorCode: 0, errorMessage: null, clusterId: md.clusterId, controllerId: 1, clusterAuthorizedOperations: -2147483648 });
      expect(r.brokers).toEqual([{ brokerId: 1, host: '127.0.0.1', port: engine.port, rack: null, isFenced: false }]);
    }
    const ops = await c.request(ApiKey.DescribeCluster, 2, { includeClusterAuthorizedOperations: true, endpointType: 1, includeFencedBrokers: true });
    expect(ops.clusterAuthorizedOperations).toBe(CLUSTER_OPERATIONS);
  });

  it('refuses the controller endpoint type and unknown ones, as a broker does', async () => {
    const ctrl = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    expect(ctrl).toMatchObject({ errorCode: 114, clusterId: '', brokers: [],
      errorMessage: 'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER' });
    const unknown = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 7 });
    expect(unknown).toMatchObject({ errorCode: 115, errorMessage: 'Unsupported endpoint type 7' });
  });
});

describe('CreateTopics v5-7', () => {
  it('answers with partitions, replication factor, every config by name with its source, and the topic id', async () => {
    const r = await createTopics(7, [{ name: 'ct7', numPartitions: 3, configs: [{ name: 'retention.ms', value: '1234' }] }]);
    const t = r.topics[0];
    expect(t).toMatchObject({ name: 'ct7', errorCode: 0, errorMessage: null, numPartitions: 3, replicationFactor: 1 });
    const names = t.configs.map((x: any) => x.name);
    expect(names).toEqual([...names].sort());
    expect(t.configs.find((x: any) => x.name === 'retention.ms')).toEqual({ name: 'retention.ms', value: '1234', readOnly: false, configSource: 1, isSensitive: false });
    expect(t.configs.find((x: any) => x.name === 'cleanup.policy')).toEqual({ name: 'cleanup.policy', value: 'delete', readOnly: false, configSource: 5, isSensitive: false });
    const md = await c.request(ApiKey.Metadata, 12, { topics: [{ topicId: ZERO_UUID, name: 'ct7' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(t.topicId).toBe(md.topics[0].topicId);
    expect(t.topicId).not.toBe(ZERO_UUID);
  });

  it('validateOnly answers the same way (a fresh id) and creates nothing; errors carry no configs', async () => {
    const r = await createTopics(7, [{ name: 'ct-validate', numPartitions: 2 }], true);
    expect(r.topics[0]).toMatchObject({ errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    expect(r.topics[0].topicId).not.toBe(ZERO_UUID);
    expect(r.topics[0].configs.length).toBeGreaterThan(30);
    const md = await c.request(ApiKey.Metadata, 12, { topics: [{ topicId: ZERO_UUID, name: 'ct-validate' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(md.topics[0].errorCode).toBe(E.UNKNOWN_TOPIC_OR_PARTITION);
    const dup = await createTopics(6, [{ name: 'ct7' }]);
    expect(dup.topics[0]).toEqual({ name: 'ct7', topicId: ZERO_UUID, errorCode: 36, errorMessage: "Topic 'ct7' already exists.",
      topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] });
  });

  it('v4 answers as before', async () => {
    const r = await createTopics(4, [{ name: 'ct4' }]);
    expect(r.topics[0]).toMatchObject({ name: 'ct4', errorCode: 0, numPartitions: -1, configs: [] });
  });
});

describe('Metadata by topic id (v12, v13)', () => {
  it('answers the ids asked (names empty or null), unknown ones first, and never auto-creates', async () => {
    const created = await createTopics(7, [{ name: 'byid', numPartitions: 2 }]);
    const id = created.topics[0].topicId;
    for (const v of [12, 13]) {
      const r = await c.request(ApiKey.Metadata, v, {
        topics: [{ topicId: id, name: '' }, { topicId: 'h2uIyw3dQnCP-uRvv2jO7A', name: null }], allowAutoTopicCreation: true, includeTopicAuthorizedOperations: false,
      });
      expect(r.errorCode).toBe(0);
      expect(r.topics.map((t: any) => [t.errorCode, t.name, t.topicId])).toEqual([[100, null, 'h2uIyw3dQnCP-uRvv2jO7A'], [0, 'byid', id]]);
      expect(r.topics[1].partitions.length).toBe(2);
    }
  });

  it('reports authorized operations only when asked (a broker without an authorizer: all of them)', async () => {
    const ask = (v: number, include: boolean) => c.request(ApiKey.Metadata, v, {
      topics: [{ topicId: ZERO_UUID, name: 'byid' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: include, includeTopicAuthorizedOperations: include,
    });
    expect((await ask(10, true))).toMatchObject({ clusterAuthorizedOperations: CLUSTER_OPERATIONS, topics: [{ topicAuthorizedOperations: TOPIC_OPERATIONS }] });
    expect((await ask(12, true))).toMatchObject({ clusterAuthorizedOperations: -2147483648, topics: [{ topicAuthorizedOperations: TOPIC_OPERATIONS }] });
    expect((await ask(12, false)).topics[0].topicAuthorizedOperations).toBe(-2147483648);
  });
});

describe('DescribeTopicPartitions v0', () => {
  it('pages topics by name under the partition limit and resumes from the cursor', async () => {
    await createTopics(7, [{ name: 'dtp-a', numPartitions: 3 }, { name: 'dtp-b', numPartitions: 2 }]);
    const ask = (limit: number, cursor: { topicName: string; partitionIndex: number } | null) =>
      c.request(ApiKey.DescribeTopicPartitions, 0, { topics: [{ name: 'dtp-b' }, { name: 'dtp-a' }, { name: 'dtp-missing' }], responsePartitionLimit: limit, cursor });
    const all = await ask(2000, null);
    expect(all.nextCursor).toBeNull();
    expect(all.topics.map((t: any) => [t.name, t.errorCode, t.partitions.length])).toEqual([['dtp-a', 0, 3], ['dtp-b', 0, 2], ['dtp-missing', 3, 0]]);
    expect(all.topics[0].topicAuthorizedOperations).toBe(TOPIC_OPERATIONS);
    expect(all.topics[0].partitions[1]).toEqual({ errorCode: 0, partitionIndex: 1, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1],
      eligibleLeaderReplicas: [], lastKnownElr: [], offlineReplicas: [] });
    expect(all.topics[2].topicId).toBe(ZERO_UUID);

    const first = await ask(2, null);
    expect(first.topics.map((t: any) => [t.name, t.partitions.map((p: any) => p.partitionIndex)])).toEqual([['dtp-a', [0, 1]]]);
    expect(first.nextCursor).toEqual({ topicName: 'dtp-a', partitionIndex: 2 });
    const second = await ask(2, first.nextCursor);
    expect(second.topics.map((t: any) => [t.name, t.partitions.map((p: any) => p.partitionIndex)])).toEqual([['dtp-a', [2]], ['dtp-b', [0]]]);
    expect(second.nextCursor).toEqual({ topicName: 'dtp-b', partitionIndex: 1 });
    const exact = await ask(3, null);
    expect(exact.topics.map((t: any) => t.name)).toEqual(['dtp-a']);
    expect(exact.nextCursor).toEqual({ topicName: 'dtp-b', partitionIndex: 0 });
  });

  it('no topics named: every topic, missing ones not reported; a cursor outside the list is invalid', async () => {
    const all = await c.request(ApiKey.DescribeTopicPartitions, 0, { topics: [], responsePartitionLimit: 2000, cursor: { topicName: 'dtp-b', partitionIndex: 0 } });
    const names = all.topics.map((t: any) => t.name);
    expect(names[0]).toBe('dtp-b');
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('dtp-a');
    const bad = await c.request(ApiKey.DescribeTopicPartitions, 0, { topics: [{ name: 'dtp-a' }], responsePartitionLimit: 10, cursor: { topicName: 'zzz', partitionIndex: 0 } });
    expect(bad.topics).toEqual([{ errorCode: 42, name: 'dtp-a', topicId: ZERO_UUID, isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648 }]);
  });
});

describe('Admin.describeTopicsPaged', () => {
  it('describes topics page by page, each request naming the topics not described yet (as Kafka 4.x\'s client)', async () => {
    const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
    await createTopics(7, [{ name: 'dtpp-a', numPartitions: 3 }, { name: 'dtpp-b', numPartitions: 3 }, { name: 'dtpp-c', numPartitions: 1 }]);
    const admin = new Admin({ bootstrap: [{ host: '127.0.0.1', port: engine.port }] });
    try {
      const asked: string[][] = [];
      const call = admin.call.bind(admin);
      admin.call = (apiKey: number, body: any, ...rest: unknown[]) => {
        if (apiKey === ApiKey.DescribeTopicPartitions) asked.push(body.topics.map((t: any) => t.name));
        return call(apiKey, body, ...rest);
      };
      const described = await admin.describeTopicsPaged(['dtpp-c', 'dtpp-missing', 'dtpp-b', 'dtpp-a'], 2);
      expect(asked).toEqual([
        ['dtpp-a', 'dtpp-b', 'dtpp-c', 'dtpp-missing'],
        ['dtpp-a', 'dtpp-b', 'dtpp-c', 'dtpp-missing'],
        ['dtpp-b', 'dtpp-c', 'dtpp-missing'],
        ['dtpp-c', 'dtpp-missing'],
      ]);
      expect(described.map((d: any) => [d.name, d.errorCode, d.partitions.map((p: any) => p.partition)])).toEqual([
        ['dtpp-a', 0, [0, 1, 2]], ['dtpp-b', 0, [0, 1, 2]], ['dtpp-c', 0, [0]], ['dtpp-missing', 3, []],
      ]);
      expect(described[0].partitions[2]).toEqual({ partition: 2, leader: 1, replicas: [1], isr: [1], elr: [], lastKnownElr: [] });
      // Alike partitions decoded in one response may be one shared (read-only) list; joined pages never are.
      const whole = await admin.describeTopicsPaged(['dtpp-a', 'dtpp-b'], 2000);
      expect(whole[0].partitions).toBe(whole[1].partitions);
      expect(described[0].partitions).not.toBe(described[1].partitions);
    } finally {
      admin.close();
    }
  });
});

describe('ApiVersions v4-5', () => {
  it('v5 with this cluster and node: the usual answer; with another: REBOOTSTRAP_REQUIRED', async () => {
    const { clusterId } = await c.request(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    const ok = await c.request(ApiKey.ApiVersions, 5, { clientSoftwareName: 't', clientSoftwareVersion: '1', clusterId, nodeId: 1 });
    expect(ok.errorCode).toBe(0);
    expect(ok.apiKeys.find((k: any) => k.apiKey === 18)).toEqual({ apiKey: 18, minVersion: 0, maxVersion: 5 });
    expect(ok.apiKeys.find((k: any) => k.apiKey === 60)).toEqual({ apiKey: 60, minVersion: 0, maxVersion: 2 });
    const anyNode = await c.request(ApiKey.ApiVersions, 5, { clientSoftwareName: 't', clientSoftwareVersion: '1', clusterId: null, nodeId: 7 });
    expect(anyNode.errorCode).toBe(0);
    for (const [id, node] of [['h2uIyw3dQnCP-uRvv2jO7A', 1], [clusterId, 2]] as const) {
      const bad = await c.request(ApiKey.ApiVersions, 5, { clientSoftwareName: 't', clientSoftwareVersion: '1', clusterId: id, nodeId: node }).catch((e: any) => e.body ?? e);
      expect(bad.errorCode).toBe(129);
      expect(bad.apiKeys).toEqual([]);
    }
  });
});

describe('produce and fetch details', () => {
  it('stamps the leader epoch into every appended batch', async () => {
    await createTopics(7, [{ name: 'epochs' }]);
    const records = buildBatch([{ key: null, value: Buffer.from('v'), timestamp: Date.now() }], { baseOffset: 0 });
    expect(readBatchHeader(records, 0).partitionLeaderEpoch).toBe(-1);
    const p = await c.request(ApiKey.Produce, 8, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'epochs', partitionData: [{ index: 0, records }] }] });
    expect(p.responses[0].partitionResponses[0].errorCode).toBe(0);
    const f = await c.request(ApiKey.Fetch, 11, {
      maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: 'epochs', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }], forgottenTopicsData: [], rackId: '',
    });
    expect(readBatchHeader(f.responses[0].partitions[0].records, 0).partitionLeaderEpoch).toBe(0);
  });

  it('a fetch naming no partition, or one in error, is answered at once (not after max.wait.ms)', async () => {
    const fetch = (topics: unknown[], maxWaitMs = 3000) => c.request(ApiKey.Fetch, 11, {
      maxWaitMs, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics, forgottenTopicsData: [], rackId: '',
    });
    let t0 = Date.now();
    const none = await fetch([]);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(none.responses).toEqual([]);
    t0 = Date.now();
    const bad = await fetch([{ topic: 'epochs', partitions: [{ partition: 0, fetchOffset: 99, partitionMaxBytes: 1024 }] }, { topic: 'no-such', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }]);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(bad.responses.map((t: any) => t.partitions[0].errorCode)).toEqual([1, 3]);
    t0 = Date.now();
    await fetch([{ topic: 'epochs', partitions: [{ partition: 0, fetchOffset: 1, partitionMaxBytes: 1024 }] }], 600);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550); // nothing new: the long poll waits
  });
});
