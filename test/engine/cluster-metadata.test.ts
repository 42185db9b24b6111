// What every broker of a local cluster says about the cluster, and the broker-level replication
// settings on it: one cluster id from every broker (Metadata and DescribeCluster);
// offsets.topic.replication.factor, default.replication.factor and min.insync.replicas applied
// to __consumer_offsets, auto-created topics and acks=all; a killed broker fenced at once (a
// deliberate difference: Kafka waits broker.session.timeout.ms, which is a minute here); a
// partition with no live replica answered LEADER_NOT_AVAILABLE as Kafka answers it; and group
// operations answered COORDINATOR_NOT_AVAILABLE while fewer brokers are registered than
// offsets.topic.replication.factor (test/reference/cluster-settings.test.ts saw the same on Kafka).
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ErrorCode } = require(path.join(ROOT, 'dist/protocol/errors'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const SESSION_MS = 60000;
const SETTINGS = {
  'offsets.topic.replication.factor': '3', 'transaction.state.log.replication.factor': '3', 'default.replication.factor': '3', 'min.insync.replicas': '2',
};

async function request(cluster: TestCluster, broker: number, apiKey: number, version: number, body: unknown): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', cluster.broker(broker).port, 'cluster-metadata-test');
  await c.connect();
  try {
    return await c.request(apiKey, version, body);
  } finally {
    c.close();
  }
}

const metadata = (cluster: TestCluster, broker: number, topics: string[] | null, allowAutoTopicCreation = false) => request(cluster, broker, ApiKey.Metadata, 12, {
  topics: topics && topics.map((name) => ({ topicId: null, name })), allowAutoTopicCreation, includeTopicAuthorizedOperations: false,
});

const findCoordinator = (cluster: TestCluster, broker: number, group: string) => request(cluster, broker, ApiKey.FindCoordinator, 2, { key: group, keyType: 0 });

async function produce(cluster: TestCluster, broker: number, topic: string, acks: number): Promise<number> {
  const records = buildBatch([{ key: null, value: Buffer.from('v'), timestamp: Date.now() }]);
  const r = await request(cluster, broker, ApiKey.Produce, 9, { transactionalId: null, acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return r.responses[0].partitionResponses[0].errorCode;
}

describe('a 3-broker cluster with broker-level replication settings', () => {
  const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: SESSION_MS, overrides: SETTINGS });

  beforeAll(async () => {
    await cluster.startAll();
  }, 60000);

  afterAll(async () => {
    await cluster.stop();
  });

  it('every broker reports the same cluster id and brokers (Metadata and DescribeCluster)', async () => {
    const seen = [];
    for (const id of [1, 2, 3]) {
      const m = await waitFor(async () => { const r = await metadata(cluster, id, []); return r.brokers.length === 3 ? r : undefined; }, 10000, `broker ${id} sees 3 brokers`);
      const d = await request(cluster, id, ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
      expect(d.errorCode).toBe(0);
      expect(d.clusterId).toBe(m.clusterId);
      expect(d.controllerId).toBe(m.controllerId);
      seen.push({ clusterId: m.clusterId, brokers: m.brokers.map((b: any) => b.nodeId).sort(), described: d.brokers.map((b: any) => b.brokerId).sort() });
    }
    expect(seen[0].clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0].brokers).toEqual([1, 2, 3]);
  });

  it('__consumer_offsets (made by the first FindCoordinator) and auto-created topics get replication factor 3; min.insync.replicas=2 is theirs', async () => {
    const found = await waitFor(async () => { const r = await findCoordinator(cluster, 1, 'settings-group'); return r.errorCode === 0 ? r : undefined; }, 20000, 'a coordinator');
    expect([1, 2, 3]).toContain(found.nodeId);
    const offsets = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(2), '--describe', '--topic', '__consumer_offsets']);
    expect(offsets.stdout).toMatch(/^Topic: __consumer_offsets\tTopicId: \S+\tPartitionCount: 50\tReplicationFactor: 3\t/);
    // Auto-created by a produce, as kcat's first Metadata asks.
    expect((await runKcat(cluster.bootstrap(), ['-P', '-t', 'auto-made', '-X', 'acks=all'], 'first\n')).code).toBe(0);
    const auto = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(3), '--describe', '--topic', 'auto-made']);
    expect(auto.stdout).toMatch(/^Topic: auto-made\tTopicId: \S+\tPartitionCount: 1\tReplicationFactor: 3\t/);
    // The broker-level min.insync.replicas is the topic's default; with eligible leader replicas
    // the controller also makes it the cluster-level default (KIP-966), as Kafka 4.x does.
    const configs = await runTool('kafka-configs', ['--bootstrap-server', cluster.bootstrap(1), '--describe', '--all', '--entity-type', 'topics', '--entity-name', 'auto-made']);
    expect(configs.stdout).toContain('  min.insync.replicas=2 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=2, STATIC_BROKER_CONFIG:min.insync.replicas=2, DEFAULT_CONFIG:min.insync.replicas=1}\n');
  }, 60000);

  it('a killed broker is fenced long before broker.session.timeout.ms (its process is gone); a partition with no live replica is LEADER_NOT_AVAILABLE; two brokers down refuse acks=all', async () => {
    const controller = (await metadata(cluster, 1, [])).controllerId;
    const [victim, other] = [1, 2, 3].filter((b) => b !== controller);
    const created = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(controller), '--create', '--topic', 'only-on-victim', '--replica-assignment', String(victim)]);
    expect(created.code).toBe(0);
    await waitFor(async () => (await metadata(cluster, controller, ['only-on-victim'])).topics[0].partitions[0]?.leaderId === victim, 10000, 'only-on-victim led');
    await waitFor(async () => (await metadata(cluster, controller, ['auto-made'])).topics[0].partitions[0]?.isrNodes.length === 3, 10000, 'auto-made in sync');
    const killedAt = Date.now();
    await cluster.signal(victim, 'SIGKILL');
    await waitFor(async () => !(await metadata(cluster, controller, [])).brokers.some((b: any) => b.nodeId === victim), SESSION_MS / 6, `broker ${victim} fenced`);
    expect(Date.now() - killedAt).toBeLessThan(SESSION_MS / 6);
    // Kafka's answer (test/reference/cluster-settings.test.ts): the error, no leader, a new leader
    // epoch, the replica still listed and named offline, an empty ISR (its last member is in the ELR).
    const part = await waitFor(async () => {
      const p = (await metadata(cluster, controller, ['only-on-victim'])).topics[0].partitions[0];
      return p.leaderId === -1 ? p : undefined;
    }, 10000, 'only-on-victim without a leader');
    expect(part).toEqual({ errorCode: ErrorCode.LEADER_NOT_AVAILABLE, partitionIndex: 0, leaderId: -1, leaderEpoch: 1, replicaNodes: [victim], isrNodes: [], offlineReplicas: [victim] });
    // auto-made (RF 3, min.insync.replicas=2 from the broker): one broker down is fine, two are not.
    await waitFor(async () => (await metadata(cluster, controller, ['auto-made'])).topics[0].partitions[0].isrNodes.length === 2, 10000, 'auto-made ISR of 2');
    // (The leader learns its new ISR from the metadata log a moment after the controller wrote it.)
    const answer = (broker: number, acks: number) => waitFor(async () => {
      const code = await produce(cluster, broker, 'auto-made', acks);
      return code === ErrorCode.NOT_LEADER_OR_FOLLOWER ? undefined : { code };
    }, 10000, `broker ${broker} leading auto-made`);
    const leader = (await metadata(cluster, controller, ['auto-made'])).topics[0].partitions[0].leaderId;
    expect(await answer(leader, -1)).toEqual({ code: 0 });
    await cluster.signal(other, 'SIGKILL');
    const survivor = [1, 2, 3].find((b) => cluster.brokers.has(b))!;
    await waitFor(async () => (await metadata(cluster, survivor, ['auto-made'])).topics[0].partitions[0].isrNodes.length === 1, 10000, 'auto-made ISR of 1');
    expect((await metadata(cluster, survivor, ['auto-made'])).topics[0].partitions[0].leaderId).toBe(survivor);
    expect(await answer(survivor, -1)).toEqual({ code: ErrorCode.NOT_ENOUGH_REPLICAS });
    expect(await answer(survivor, 1)).toEqual({ code: 0 });
  }, 60000);
});

describe('fewer brokers registered than offsets.topic.replication.factor', () => {
  const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000, overrides: SETTINGS });

  afterAll(async () => {
    await cluster.stop();
  });

  it('group operations get COORDINATOR_NOT_AVAILABLE until a third broker registers, then __consumer_offsets is made with RF 3', async () => {
    await Promise.all([cluster.start(1), cluster.start(2)]);
    await waitFor(async () => (await metadata(cluster, 1, [])).brokers.length === 2, 10000, 'two brokers');
    for (const b of [1, 2]) expect((await findCoordinator(cluster, b, 'early-group')).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const listed = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--list']);
    expect(listed.stdout).not.toContain('__consumer_offsets');
    await cluster.start(3);
    const found = await waitFor(async () => { const r = await findCoordinator(cluster, 1, 'early-group'); return r.errorCode === 0 ? r : undefined; }, 20000, 'a coordinator once three brokers are registered');
    expect([1, 2, 3]).toContain(found.nodeId);
    const offsets = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(2), '--describe', '--topic', '__consumer_offsets']);
    expect(offsets.stdout).toMatch(/^Topic: __consumer_offsets\tTopicId: \S+\tPartitionCount: 50\tReplicationFactor: 3\t/);
  }, 60000);

  it('a registered broker that died still counts: __transaction_state is made with RF 3 and a replica on it, as Kafka places on fenced brokers', async () => {
    // (This cluster's __consumer_offsets exists now; the transaction state topic is made the same
    // way, on the first FindCoordinator key type 1. Kafka placed __consumer_offsets so: the
    // fenced broker last in every replica list, test/reference/cluster-settings.test.ts.)
    await cluster.signal(3, 'SIGKILL');
    await waitFor(async () => (await metadata(cluster, 1, [])).brokers.length === 2, 10000, 'broker 3 fenced');
    const found = await waitFor(async () => {
      const r = await request(cluster, 1, ApiKey.FindCoordinator, 2, { key: 'txn-after-fence', keyType: 1 });
      return r.errorCode === 0 ? r : undefined;
    }, 20000, 'a transaction coordinator');
    expect([1, 2]).toContain(found.nodeId);
    const txn = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--describe', '--topic', '__transaction_state']);
    expect(txn.stdout, txn.stdout + txn.stderr).toMatch(/^Topic: __transaction_state\tTopicId: \S+\tPartitionCount: 50\tReplicationFactor: 3\t/);
    expect(txn.stdout.split('\n').filter((l) => /\tReplicas: /.test(l) && !/\tReplicas: \d,\d,3\t/.test(l))).toEqual([]);
  }, 60000);
});
