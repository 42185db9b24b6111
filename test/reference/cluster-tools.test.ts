// Our tools against a real Kafka 4.4 cluster in failover (issue 10): three brokers beside a
// dedicated controller, one killed with SIGKILL; once the controller has fenced it, every
// read-only view (kafka-topics --describe and its four filters, kafka-log-dirs,
// kafka-broker-api-versions, kafka-metadata-quorum, a preferred election that cannot happen)
// must print what Kafka's own tools print on the same cluster at the same moment. One topic is
// being reassigned onto the dead broker meanwhile (a move that cannot complete).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runTool, tempDir, waitFor } from '../helpers/engine';
import { replicasSeenOn } from '../helpers/metadata';
import { startDedicatedCluster, ToolRunner, type ReferenceCluster, type ToolResult } from './lib/kafka';

// Kafka's kafka-reassign-partitions refuses a broker that is down: the move onto it is started
// with our Admin client's AlterPartitionReassignments (the controller accepts a registered broker).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ReplicaAdmin } = require(path.join(ROOT, 'dist/client/replica-admin'));

let cluster: ReferenceCluster;
let runner: ToolRunner;
let B: string[];

/** What differs between two runs by nature: the metadata log's offsets and clocks. */
const mask = (s: string): string => s
  .replace(/^(HighWatermark: +)\d+$/m, '$1<n>')
  .replace(/^(\d+ +\t[A-Za-z0-9_-]{22}\t)\d+ *\t\d+ *\t\d+ *\t\d+ *\t/gm, '$1<row>\t')
  .replace(/^\t(at |Suppressed: ).*\n/gm, '');

async function both(tool: string, args: string[]): Promise<[ToolResult, ToolResult]> {
  const kafka = await runner.run(tool, args, { timeoutMs: 60000 });
  const ours = await runTool(`${tool}.sh`, args, { timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });
  return [kafka, ours];
}

/** kafka-broker-api-versions' output as its brokers' blocks, sorted. */
const brokerBlocks = (s: string): string[] => s.split(/\n(?=\S)/).filter((b) => b.trim() !== '').sort();

async function same(tool: string, ...args: string[]): Promise<ToolResult> {
  const [kafka, ours] = await both(tool, args);
  expect({ code: ours.code, stdout: mask(ours.stdout), stderr: mask(ours.stderr) }, `${tool} ${args.join(' ')}`)
    .toEqual({ code: kafka.code, stdout: mask(kafka.stdout), stderr: mask(kafka.stderr) });
  return kafka;
}

beforeAll(async () => {
  cluster = await startDedicatedCluster(3);
  runner = new ToolRunner();
  B = ['--bootstrap-server', cluster.bootstrap.split(',')[0]];
  const create = async (...args: string[]) => expect((await runner.run('kafka-topics', [...B, '--create', ...args])).code).toBe(0);
  await create('--topic', 'orders', '--partitions', '3', '--replication-factor', '3');
  await create('--topic', 'strict', '--partitions', '2', '--replication-factor', '3', '--config', 'min.insync.replicas=3');
  await create('--topic', 'lonely', '--replica-assignment', '2');
  await create('--topic', 'moving', '--replica-assignment', '1:3,3:1,1:3');
  // Every broker knows every partition before one dies.
  await waitFor(async () => (await runner.run('kafka-topics', [...B, '--describe', '--under-replicated-partitions'])).stdout === '', 60000, 'full ISRs');
  process.kill(cluster.brokerPids![1], 'SIGKILL');
  await waitFor(async () => /lonely\tPartition: 0\tLeader: none/.test((await runner.run('kafka-topics', [...B, '--describe', '--topic', 'lonely'])).stdout), 60000, 'broker 2 fenced');
  // moving-0 goes from [1,3] to [1,2] (adding 2, removing 3), moving-1 from [3,1] to [3,1,2]
  // (adding 2 only); moving-2 stays. Their preferred leaders lead already (the last test's
  // preferred election must find nothing to do there).
  const [host, port] = B[1].split(':');
  const admin = new Admin({ bootstrap: [{ host, port: Number(port) }] });
  try {
    const moved = await new ReplicaAdmin(admin, 30000).alterPartitionReassignments([
      { topic: 'moving', partition: 0, replicas: [1, 2] }, { topic: 'moving', partition: 1, replicas: [3, 1, 2] },
    ]);
    expect([...moved]).toEqual([['moving-0', null], ['moving-1', null]]);
  } finally {
    admin.close();
  }
  // Either tool may ask broker 1 or 3: both must know the moves first.
  const live = [0, 2].map((i) => cluster.bootstrap.split(',')[i]);
  await waitFor(async () => (await Promise.all(live.map((b) => replicasSeenOn(b, 'moving')))).every((r) => r === '0:1,2,3 1:3,1,2 2:1,3'), 60000, 'the moves in the live brokers\' metadata');
}, 300000);

afterAll(async () => {
  runner?.close();
  await cluster?.stop();
}, 120000);

describe('our tools on a Kafka cluster with a dead broker', () => {
  it('kafka-topics --describe and its partition filters', async () => {
    const all = await same('kafka-topics', ...B, '--describe');
    expect(all.stdout).toContain('\tTopic: lonely\tPartition: 0\tLeader: none\tReplicas: 2\tIsr: \tElr: 2\tLastKnownElr: 2\n');
    for (const filter of ['--under-replicated-partitions', '--unavailable-partitions', '--under-min-isr-partitions', '--at-min-isr-partitions']) {
      await same('kafka-topics', ...B, '--describe', filter);
    }
  }, 120000);

  it('kafka-topics --describe of partitions being reassigned (Adding/Removing Replicas, the target\'s replication factor)', async () => {
    const moving = await same('kafka-topics', ...B, '--describe', '--topic', 'moving');
    expect(moving.stdout.split('\n')[0]).toMatch(/\tPartitionCount: 3\tReplicationFactor: 2\t/);
    expect(moving.stdout).toContain('\tTopic: moving\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\tAdding Replicas: 2\tRemoving Replicas: 3\tElr: \tLastKnownElr: \n');
    expect(moving.stdout).toContain('\tTopic: moving\tPartition: 1\tLeader: 3\tReplicas: 3,1,2\tIsr: 3,1\tAdding Replicas: 2\tRemoving Replicas: \tElr: \tLastKnownElr: \n');
    // The target's replication factor (2) against the ISR: none of them is under-replicated.
    expect((await same('kafka-topics', ...B, '--describe', '--topic', 'moving', '--under-replicated-partitions')).stdout).toBe('');
    for (const filter of ['--unavailable-partitions', '--under-min-isr-partitions', '--at-min-isr-partitions']) {
      await same('kafka-topics', ...B, '--describe', '--topic', 'moving', filter);
    }
    const id = /TopicId: (\S+)/.exec(moving.stdout)![1];
    await same('kafka-topics', ...B, '--describe', '--topic-id', id);
  }, 120000);

  it('kafka-log-dirs, kafka-broker-api-versions and kafka-metadata-quorum see the live brokers only', async () => {
    await same('kafka-log-dirs', ...B, '--describe', '--topic-list', 'orders,strict');
    await same('kafka-log-dirs', ...B, '--describe', '--broker-list', '1,2');
    // Brokers whose Node hashes share a HashMap bucket come in the order of Kafka's Cluster.nodes(),
    // which Kafka shuffles: compare the set of blocks (the bucket order: test/tools/kafka-broker-api-versions.test.ts).
    const [kafkaVersions, ourVersions] = await both('kafka-broker-api-versions', B);
    expect({ code: ourVersions.code, blocks: brokerBlocks(ourVersions.stdout), stderr: ourVersions.stderr })
      .toEqual({ code: kafkaVersions.code, blocks: brokerBlocks(kafkaVersions.stdout), stderr: kafkaVersions.stderr });
    expect(kafkaVersions.stdout).not.toContain('(id: 2 ');
    await same('kafka-metadata-quorum', ...B, 'describe', '--status');
    await same('kafka-metadata-quorum', '--bootstrap-controller', cluster.bootstrapController!, 'describe', '--status');
  }, 120000);

  it('kafka-reassign-partitions --list, --verify and --cancel, through a broker and through the controller', async () => {
    const plan = path.join(tempDir('kl-cluster-plan-'), 'plan.json');
    fs.writeFileSync(plan, '{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,3]},{"topic":"strict","partition":1,"replicas":[3,1]}]}');
    const C = ['--bootstrap-controller', cluster.bootstrapController!];
    await same('kafka-reassign-partitions', ...B, '--list');
    await same('kafka-reassign-partitions', ...C, '--list');
    const verify = await same('kafka-reassign-partitions', ...B, '--verify', '--reassignment-json-file', plan);
    expect(verify.stdout).toContain('There is no active reassignment of partition orders-0, but replica set is');
    await same('kafka-reassign-partitions', ...C, '--cancel', '--reassignment-json-file', plan);
    // Usage errors: the message above the help table (whose prose is our own) is compared.
    const [kafka, ours] = await both('kafka-reassign-partitions', [...C, '--verify', '--reassignment-json-file', plan]);
    expect([ours.code, ours.stderr.split('\n')[0]]).toEqual([kafka.code, kafka.stderr.split('\n')[0]]);
    expect(kafka.stderr.split('\n')[0]).toBe('Option "[bootstrap-controller]" can\'t be used with action "[verify]"');
  }, 120000);

  it('a preferred election whose preferred leader is dead fails as Kafka\'s', async () => {
    const r = await same('kafka-leader-election', ...B, '--election-type', 'preferred', '--all-topic-partitions');
    expect(r.code).toBe(1);
    await same('kafka-leader-election', ...B, '--election-type', 'unclean', '--topic', 'lonely', '--partition', '0');
  }, 120000);
});
