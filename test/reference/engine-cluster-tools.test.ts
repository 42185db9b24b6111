// Kafka's own operator tools against OUR 3-broker cluster (issue 10): kafka-leader-election,
// kafka-reassign-partitions, kafka-log-dirs and kafka-metadata-quorum from Kafka 4.4 print the
// same as ours on the same cluster at the same moment (only clocks, offsets and directory ids,
// which differ by nature, are masked).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { TestCluster } from '../helpers/cluster';
import { runTool, tempDir, waitFor } from '../helpers/engine';
import { replicasSeenOn } from '../helpers/metadata';
import { ToolRunner, type ToolResult } from './lib/kafka';


const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000 });
let runner: ToolRunner;
let B: string[];

/** What differs between two runs by nature: timestamps, lags and the metadata log's offsets. */
const mask = (s: string): string => s
  .replace(/^(HighWatermark: +)\d+$/m, '$1<n>')
  .replace(/^(MaxFollowerLag(TimeMs)?: +)\d+$/gm, '$1<n>')
  .replace(/^(\d+ +\t[A-Za-z0-9_-]{22}\t)\d+ *\t\d+ *\t\d+ *\t\d+ *\t/gm, '$1<row>\t')
  .replace(/^\t(at |Suppressed: ).*\n/gm, '');

async function same(tool: string, ...args: string[]): Promise<ToolResult> {
  const kafka = await runner.run(tool, args, { timeoutMs: 60000 });
  const ours = await runTool(`${tool}.sh`, args, { timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });
  expect({ code: ours.code, stdout: mask(ours.stdout), stderr: mask(ours.stderr) }, `${tool} ${args.join(' ')}`)
    .toEqual({ code: kafka.code, stdout: mask(kafka.stdout), stderr: mask(kafka.stderr) });
  return kafka;
}

const inSync = async (topic: string, n: number) => {
  const r = await runTool('kafka-topics', [...B, '--describe', '--topic', topic]);
  const rows = [...r.stdout.matchAll(/Replicas: ([\d,]+)\tIsr: ([\d,]*)/g)];
  return rows.length === n && rows.every((m) => m[1].split(',').length === m[2].split(',').length);
};

beforeAll(async () => {
  await cluster.startAll();
  runner = new ToolRunner();
  B = ['--bootstrap-server', cluster.bootstrap(1)];
  expect((await runTool('kafka-topics', [...B, '--create', '--topic', 'orders', '--partitions', '3', '--replication-factor', '3'])).code).toBe(0);
  expect((await runTool('kafka-topics', [...B, '--create', '--topic', 'moves', '--replica-assignment', '1:2'])).code).toBe(0);
  await waitFor(async () => await inSync('orders', 3) && await inSync('moves', 1), 30000, 'in sync');
}, 120000);

afterAll(async () => {
  runner?.close();
  await cluster.stop();
}, 60000);

describe('Kafka\'s tools on our cluster', () => {
  it('kafka-metadata-quorum and kafka-log-dirs', async () => {
    await same('kafka-metadata-quorum', ...B, 'describe', '--status');
    await same('kafka-metadata-quorum', ...B, 'describe', '--replication');
    await same('kafka-log-dirs', ...B, '--describe', '--topic-list', 'orders,moves');
  });

  it('preferred elections after a broker rejoined, and a reassignment executed and verified', async () => {
    await same('kafka-leader-election', ...B, '--election-type', 'preferred', '--all-topic-partitions');
    await cluster.signal(3, 'SIGKILL');
    await waitFor(async () => !(await runTool('kafka-topics', [...B, '--describe', '--topic', 'orders'])).stdout.includes('Leader: 3'), 20000, 'broker 3 fenced');
    await cluster.start(3);
    await waitFor(async () => inSync('orders', 3), 30000, 'broker 3 back in the ISRs');
    // Kafka's tool runs the election; ours then finds nothing left to do, as Kafka's would.
    const first = await runner.run('kafka-leader-election', [...B, '--election-type', 'preferred', '--all-topic-partitions']);
    expect(first.stdout).toMatch(/^Successfully completed leader election \(PREFERRED\) for partitions orders-\d\n$/);
    await same('kafka-leader-election', ...B, '--election-type', 'preferred', '--all-topic-partitions');
    await same('kafka-leader-election', ...B, '--election-type', 'preferred', '--topic', 'orders', '--partition', '0');
    await same('kafka-leader-election', ...B, '--election-type', 'unclean', '--topic', 'orders', '--partition', '1');
    const plan = path.join(tempDir('kl-cluster-plan-'), 'plan.json');
    fs.writeFileSync(plan, '{"version":1,"partitions":[{"topic":"moves","partition":0,"replicas":[2,3]}]}');
    const exec = await runner.run('kafka-reassign-partitions', [...B, '--execute', '--reassignment-json-file', plan]);
    expect(exec.code, exec.stderr).toBe(0);
    await waitFor(async () => (await runTool('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', plan])).stdout.includes('is completed'), 30000, 'moved');
    await same('kafka-reassign-partitions', ...B, '--verify', '--reassignment-json-file', plan);
    await same('kafka-reassign-partitions', ...B, '--list');
    await same('kafka-log-dirs', ...B, '--describe', '--topic-list', 'moves');
  });

  it('kafka-topics --describe while a reassignment onto a killed broker is in progress', async () => {
    expect((await runTool('kafka-topics', [...B, '--create', '--topic', 'stuck', '--replica-assignment', '1:2,2:1,1:2'])).code).toBe(0);
    await waitFor(async () => inSync('stuck', 3), 30000, 'stuck in sync');
    await cluster.signal(3, 'SIGKILL');
    try {
      await waitFor(async () => !(await runTool('kafka-topics', [...B, '--describe', '--topic', 'orders'])).stdout.match(/Isr: [\d,]*3/), 20000, 'broker 3 fenced');
      // Kafka's kafka-reassign-partitions refuses a broker that is down: kafkajs starts the moves
      // onto the registered but fenced broker 3 (stuck-0 [1,2] -> [1,3], stuck-1 [2,1] -> [2,1,3]).
      const admin = new Kafka({ brokers: [cluster.bootstrap(1)], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        await admin.alterPartitionReassignments({ topics: [{ topic: 'stuck', partitionAssignment: [{ partition: 0, replicas: [1, 3] }, { partition: 1, replicas: [2, 1, 3] }] }] });
      } finally {
        await admin.disconnect();
      }
      // Either tool may ask broker 1 or 2: both must know the moves first.
      const moved = '0:1,3,2 1:2,1,3 2:1,2';
      await waitFor(async () => (await Promise.all([1, 2].map((id) => replicasSeenOn(`127.0.0.1:${cluster.broker(id).port}`, 'stuck')))).every((r) => r === moved), 20000, 'the moves in both live brokers\' metadata');
      const described = await same('kafka-topics', ...B, '--describe', '--topic', 'stuck');
      expect(described.stdout.split('\n')[0]).toMatch(/\tPartitionCount: 3\tReplicationFactor: 2\t/);
      expect(described.stdout).toContain('\tTopic: stuck\tPartition: 0\tLeader: 1\tReplicas: 1,3,2\tIsr: 1,2\tAdding Replicas: 3\tRemoving Replicas: 2\tElr: \tLastKnownElr: \n');
      expect(described.stdout).toContain('\tTopic: stuck\tPartition: 1\tLeader: 2\tReplicas: 2,1,3\tIsr: 2,1\tAdding Replicas: 3\tRemoving Replicas: \tElr: \tLastKnownElr: \n');
      for (const filter of ['--under-replicated-partitions', '--unavailable-partitions', '--under-min-isr-partitions', '--at-min-isr-partitions']) {
        await same('kafka-topics', ...B, '--describe', '--topic', 'stuck', filter);
      }
      // The whole cluster: orders, whose replicas on broker 3 left the ISRs, is under-replicated.
      await same('kafka-topics', ...B, '--describe');
      await same('kafka-topics', ...B, '--describe', '--under-replicated-partitions');
      await same('kafka-reassign-partitions', ...B, '--list');
    } finally {
      await cluster.start(3);
    }
  }, 120000);
});
