// Our tools against a real Kafka 4.4 cluster in failover (issue 10): three brokers beside a
// dedicated controller, one killed with SIGKILL; once the controller has fenced it, every
// read-only view (kafka-topics --describe and its four filters, kafka-log-dirs,
// kafka-broker-api-versions, kafka-metadata-quorum, a preferred election that cannot happen)
// must print what Kafka's own tools print on the same cluster at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTool, tempDir, waitFor } from '../helpers/engine';
import { startDedicatedCluster, ToolRunner, type ReferenceCluster, type ToolResult } from './lib/kafka';

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
  // Every broker knows every partition before one dies.
  await waitFor(async () => (await runner.run('kafka-topics', [...B, '--describe', '--under-replicated-partitions'])).stdout === '', 60000, 'full ISRs');
  process.kill(cluster.brokerPids![1], 'SIGKILL');
  await waitFor(async () => /lonely\tPartition: 0\tLeader: none/.test((await runner.run('kafka-topics', [...B, '--describe', '--topic', 'lonely'])).stdout), 60000, 'broker 2 fenced');
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
