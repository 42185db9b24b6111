// kafka-local status against a real Kafka 4.4 cluster (three brokers beside a dedicated
// controller), before and after broker 3 is killed: what it shows must be what Kafka's own tools
// say of the same cluster at the same moment (kafka-topics --describe for leaders, replicas and
// ISR; kafka-consumer-groups --describe for committed offsets, end offsets and lag, for a classic
// and a KIP-848 consumer group; kafka-log-dirs for sizes; kafka-configs for overrides), and the
// plain text names the dead broker and the partitions it leaves short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/engine';
import { maskStatus, status, statusJson } from '../helpers/status';
import { startDedicatedCluster, ToolRunner, type ReferenceCluster } from './lib/kafka';

let cluster: ReferenceCluster;
let runner: ToolRunner;
let B: string[];
let bootstrap: string;

async function kafka(tool: string, ...args: string[]): Promise<string> {
  const r = await runner.run(tool, args, { timeoutMs: 60000 });
  expect(r.code, `${tool} ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** kafka-topics --describe's partition lines: `topic-partition` -> leader, replicas, ISR. */
async function kafkaPartitions(): Promise<Record<string, { leader: number | null; replicas: number[]; isr: number[] }>> {
  const out: Record<string, { leader: number | null; replicas: number[]; isr: number[] }> = {};
  const ids = (s: string) => (s === '' ? [] : s.split(',').map(Number));
  for (const m of (await kafka('kafka-topics', ...B, '--describe', '--exclude-internal')).matchAll(/\tTopic: (\S+)\tPartition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/g)) {
    out[`${m[1]}-${m[2]}`] = { leader: m[3] === 'none' ? null : Number(m[3]), replicas: ids(m[4]), isr: ids(m[5]) };
  }
  return out;
}

function ourPartitions(doc: any): Record<string, { leader: number | null; replicas: number[]; isr: number[] }> {
  const out: Record<string, { leader: number | null; replicas: number[]; isr: number[] }> = {};
  for (const t of doc.topics) for (const p of t.partitions) out[`${t.name}-${p.partition}`] = { leader: p.leader, replicas: p.replicas, isr: p.isr };
  return out;
}

/** kafka-consumer-groups --describe rows: `topic-partition` -> committed, end, lag. */
async function kafkaGroupRows(group: string): Promise<Record<string, [string, string, string]>> {
  const out: Record<string, [string, string, string]> = {};
  for (const line of (await kafka('kafka-consumer-groups', ...B, '--describe', '--group', group)).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === group) out[`${f[1]}-${f[2]}`] = [f[3], f[4], f[5]];
  }
  return out;
}

function ourGroupRows(doc: any, group: string): Record<string, [string, string, string]> {
  const out: Record<string, [string, string, string]> = {};
  const g = doc.groups.find((x: any) => x.groupId === group);
  for (const t of g.topics) for (const p of t.partitions) out[`${t.topic}-${p.partition}`] = [String(p.committedOffset ?? '-'), String(p.logEndOffset ?? '-'), String(p.lag ?? '-')];
  return out;
}

/** The leaders' replica sizes from kafka-log-dirs: `topic-partition` -> bytes. */
async function kafkaLeaderSizes(partitions: Record<string, { leader: number | null }>): Promise<Record<string, number>> {
  const text = await kafka('kafka-log-dirs', ...B, '--describe');
  const doc = JSON.parse(text.split('\n').find((l) => l.startsWith('{'))!);
  const out: Record<string, number> = {};
  for (const b of doc.brokers) {
    for (const d of b.logDirs) {
      for (const p of d.partitions) if (partitions[p.partition]?.leader === b.broker) out[p.partition] = p.size;
    }
  }
  return out;
}

beforeAll(async () => {
  cluster = await startDedicatedCluster(3);
  runner = new ToolRunner();
  bootstrap = cluster.bootstrap.split(',')[0];
  B = ['--bootstrap-server', bootstrap];
  await kafka('kafka-topics', ...B, '--create', '--topic', 'orders', '--replica-assignment', '1:2:3,2:3:1,3:1:2');
  await kafka('kafka-topics', ...B, '--create', '--topic', 'strict', '--replica-assignment', '3:1:2', '--config', 'min.insync.replicas=3', '--config', 'retention.ms=86400000');
  await kafka('kafka-topics', ...B, '--create', '--topic', 'lonely', '--replica-assignment', '3');
  const produce = await runner.run('kafka-console-producer', [...B, '--topic', 'orders', '--property', 'parse.key=true', '--property', 'key.separator=:'],
    { input: 'a:1\nb:2\nc:3\nd:4\ne:5\nf:6\n', timeoutMs: 60000 });
  expect(produce.code, produce.stderr).toBe(0);
  // A classic group and a KIP-848 group, each having read part of orders.
  for (const [group, extra] of [['classic-readers', []], ['new-readers', ['--consumer-property', 'group.protocol=consumer']]] as const) {
    await kafka('kafka-console-consumer', ...B, '--topic', 'orders', '--group', group, '--from-beginning', '--max-messages', '2', ...extra);
  }
  await waitFor(async () => (await runner.run('kafka-topics', [...B, '--describe', '--under-replicated-partitions'])).stdout === '', 60000, 'full ISRs');
}, 300000);

afterAll(async () => {
  runner?.close();
  await cluster?.stop();
}, 120000);

async function sameAsKafka(): Promise<any> {
  const doc = await statusJson(bootstrap);
  const partitions = await kafkaPartitions();
  expect(ourPartitions(doc)).toEqual(partitions);
  for (const group of ['classic-readers', 'new-readers']) expect(ourGroupRows(doc, group), group).toEqual(await kafkaGroupRows(group));
  const sizes: Record<string, number> = {};
  for (const t of doc.topics) for (const p of t.partitions) if (p.sizeBytes !== null) sizes[`${t.name}-${p.partition}`] = p.sizeBytes;
  expect(sizes).toEqual(await kafkaLeaderSizes(partitions));
  return doc;
}

describe('kafka-local status on Apache Kafka 4.4', () => {
  it('shows what Kafka\'s own tools show, before and after a broker dies', async () => {
    const doc = await sameAsKafka();
    expect(doc.cluster.brokers.map((b: any) => [b.id, b.alive])).toEqual([[1, true], [2, true], [3, true]]);
    expect(doc.topics.find((t: any) => t.name === 'strict').configs).toEqual({ 'min.insync.replicas': '3', 'retention.ms': '86400000' });
    expect(await kafka('kafka-configs', ...B, '--describe', '--entity-type', 'topics', '--entity-name', 'strict'))
      .toMatch(/^Dynamic configs for topic strict are:\n {2}min\.insync\.replicas=3 .*\n {2}retention\.ms=86400000 /);
    // The total lag is what Kafka's own tool reports: how far each group committed depends on how
    // many records Kafka's console consumer had fetched when --max-messages 2 stopped it (it
    // commits its position), so it is read from Kafka, not fixed here.
    const kafkaLag = async (group: string) => Object.values(await kafkaGroupRows(group)).reduce((n, [, , lag]) => n + Number(lag), 0);
    const groups = Object.fromEntries(doc.groups.map((g: any) => [g.groupId, [g.type, g.state, g.totalLag]]));
    expect(groups).toEqual({
      'classic-readers': ['Classic', 'Empty', await kafkaLag('classic-readers')],
      'new-readers': ['Consumer', 'Empty', await kafkaLag('new-readers')],
    });
    const text = maskStatus((await status(bootstrap)).stdout);
    expect(text).toMatch(/^orders  3 +3 +6 +\d+ B +ok +-$/m);
    expect(text).toMatch(new RegExp(`^classic-readers +Empty +Classic +\\S+ +0 +${groups['classic-readers'][2]} +empty$`, 'm'));
    expect(text).toMatch(new RegExp(`^new-readers +Empty +Consumer +\\S+ +0 +${groups['new-readers'][2]} +empty$`, 'm'));

    process.kill(cluster.brokerPids![2], 'SIGKILL');
    await waitFor(async () => /lonely\tPartition: 0\tLeader: none/.test(await kafka('kafka-topics', ...B, '--describe', '--topic', 'lonely')), 60000, 'broker 3 fenced');
    const after = await sameAsKafka();
    // Fenced, Kafka 4.x's DescribeCluster v2 still names it with its address.
    expect(after.cluster.brokers.map((b: any) => [b.id, b.alive])).toEqual([[1, true], [2, true], [3, false]]);
    const afterText = maskStatus((await status(bootstrap)).stdout);
    expect(afterText).toMatch(/^Cluster <cluster-id> {2}controller \d {2}brokers 3 \(1 not alive\)$/m);
    expect(afterText).toMatch(/^3 +\S+ +- +no +0$/m);
    expect(afterText).toMatch(/^lonely +0 +none +3 +- +.*leaderless/m);
    expect(afterText).toMatch(/^strict +0 +\d +3,1,2 +1,2 .*under-replicated,under-min-isr$/m);
    expect(afterText).toMatch(/^orders +3 +3 +6 +\d+ B +\d under-replicated +-$/m);
  }, 300000);
});
