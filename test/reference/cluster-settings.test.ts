// A real 3-node Kafka 4.4 cluster (combined mode, offsets.topic.replication.factor=3) beside our
// 3-broker local cluster with the same settings (issue 10):
//  - our kafka-topics and kafka-reassign-partitions print what Kafka's print on Kafka's cluster
//    (the replication-factor error in full; --generate's current assignment; --execute --throttle,
//    --verify), and the throttle configs they set land on each cluster the same way;
//  - every broker reports one cluster id;
//  - a partition whose only replica died: Metadata answers as Kafka's brokers answer;
//  - __consumer_offsets made while one of three brokers is dead still gets RF 3 (a fenced broker
//    still counts as registered) on both.
// (Fewer brokers REGISTERED than offsets.topic.replication.factor: seen on Kafka after
// kafka-cluster unregister: FindCoordinator answers COORDINATOR_NOT_AVAILABLE for as long as the
// topic cannot be made; test/engine/cluster-metadata.test.ts holds our cluster to that.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runTool, tempDir, waitFor } from '../helpers/engine';
import { TestCluster } from '../helpers/cluster';
import { startReferenceCluster, ToolRunner, type ReferenceCluster, type ToolResult } from './lib/kafka';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

let kafka: ReferenceCluster;
let runner: ToolRunner;
const ours = new TestCluster({ brokers: 3, overrides: { 'offsets.topic.replication.factor': '3', 'transaction.state.log.replication.factor': '3' } });
let KB: string[];
let OB: string[];
const work = tempDir('kl-cluster-settings-');

const kafkaPorts = (): number[] => kafka.ports;
const ourPorts = (): number[] => [1, 2, 3].filter((b) => ours.brokers.has(b)).map((b) => ours.broker(b).port);

/** What differs by nature: log4j's clock, topic ids, log dirs. */
const mask = (s: string): string => s
  .replace(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] /gm, '[<time>] ')
  .replace(/TopicId: [A-Za-z0-9_-]{22}/g, 'TopicId: <id>')
  .replace(/"log_dirs":\[[^\]]*\]/g, (m) => m.replace(/"\/[^"]*"/g, '"<dir>"'));

const result = (r: ToolResult) => ({ code: r.code, stdout: mask(r.stdout), stderr: mask(r.stderr) });

const kafkaTool = (tool: string, args: string[]) => runner.run(tool, args, { timeoutMs: 60000 });
const ourTool = (tool: string, args: string[]) => runTool(`${tool}.sh`, args, { timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });

async function request(port: number, apiKey: number, version: number, body: unknown): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', port, 'cluster-settings-test');
  await c.connect();
  try {
    return await c.request(apiKey, version, body);
  } finally {
    c.close();
  }
}

const metadata = (port: number, topics: string[]) => request(port, ApiKey.Metadata, 12, {
  topics: topics.map((name) => ({ topicId: null, name })), allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false,
});

beforeAll(async () => {
  [kafka] = await Promise.all([startReferenceCluster(3), ours.startAll()]);
  runner = new ToolRunner();
  KB = ['--bootstrap-server', kafka.bootstrap.split(',')[0]];
  OB = ['--bootstrap-server', ours.bootstrap(1)];
  for (const [tool, B] of [[kafkaTool, KB], [ourTool, OB]] as const) {
    for (const t of ['moves-k', 'moves-o']) expect((await tool('kafka-topics', [...B, '--create', '--topic', t, '--replica-assignment', '1:2,2:3,3:1'])).code).toBe(0);
    expect((await tool('kafka-topics', [...B, '--create', '--topic', 'only-on-3', '--replica-assignment', '3'])).code).toBe(0);
  }
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), ours.stop()]);
}, 120000);

describe('a 3-broker cluster: ours beside Kafka\'s', () => {
  it('replication factor 4 on 3 brokers: the same lines, streams and exit status (our tool on Kafka\'s cluster, and on ours)', async () => {
    const args = ['--create', '--topic', 'too-wide', '--partitions', '1', '--replication-factor', '4'];
    const k = await kafkaTool('kafka-topics', [...KB, ...args]);
    expect(k.code).toBe(1);
    expect(k.stdout).toBe('Error while executing topic command : Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered or some brokers have all their log directories cordoned.\n');
    expect(result(await ourTool('kafka-topics', [...KB, ...args]))).toEqual(result(k));
    expect(result(await ourTool('kafka-topics', [...OB, ...args]))).toEqual(result(k));
  });

  it('every broker reports the same cluster id (Metadata and DescribeCluster), on both clusters', async () => {
    for (const ports of [kafkaPorts(), ourPorts()]) {
      const ids = new Set<string>();
      for (const port of ports) {
        const m = await metadata(port, []);
        const d = await request(port, ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
        expect(m.brokers.map((b: any) => b.nodeId).sort()).toEqual([1, 2, 3]);
        ids.add(m.clusterId);
        ids.add(d.clusterId);
      }
      expect(ids.size).toBe(1);
    }
  });

  it('kafka-reassign-partitions --generate: the current assignment is Kafka\'s; both propose a striped assignment (its start is random in both)', async () => {
    const topics = path.join(work, 'topics.json');
    fs.writeFileSync(topics, '{"version":1,"topics":[{"topic":"moves-k"}]}');
    const args = [...KB, '--generate', '--topics-to-move-json-file', topics, '--broker-list', '1,2,3'];
    const [k, o] = [await kafkaTool('kafka-reassign-partitions', args), await ourTool('kafka-reassign-partitions', args)];
    for (const r of [k, o]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      expect([lines[0], lines[2], lines[3], lines[5]]).toEqual(['Current partition replica assignment', '', 'Proposed partition reassignment configuration', '']);
      const proposed = JSON.parse(lines[4]).partitions;
      const first = proposed[0].replicas[0];
      proposed.forEach((p: any, i: number) => {
        expect(p).toEqual({ topic: 'moves-k', partition: i, replicas: expect.any(Array), log_dirs: ['any', 'any'] });
        expect(new Set(p.replicas).size).toBe(2);
        expect(p.replicas[0]).toBe(((first - 1 + i) % 3) + 1);
      });
    }
    expect(o.stdout.split('\n').slice(0, 2)).toEqual(k.stdout.split('\n').slice(0, 2));
  });

  it('kafka-reassign-partitions --execute --throttle and --verify: our tool prints Kafka\'s lines, and the throttle configs land on each cluster as on Kafka\'s', async () => {
    const plan = (topic: string) => {
      const file = path.join(work, `${topic}.json`);
      fs.writeFileSync(file, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, replicas: [3, 1] }, { topic, partition: 1, replicas: [1, 2] }] }));
      return file;
    };
    const exec = (topic: string, B: string[]) => [...B, '--execute', '--reassignment-json-file', plan(topic), '--throttle', '10000000'];
    const asK = (r: ToolResult, topic: string) => result({ ...r, stdout: r.stdout.replaceAll(topic, 'moves-k') });
    const configs = async (tool: typeof kafkaTool, B: string[], topic: string) => {
      const out = [(await tool('kafka-configs', [...B, '--describe', '--entity-type', 'topics', '--entity-name', topic])).stdout.replaceAll(topic, 'T')];
      for (const b of ['1', '2', '3']) out.push((await tool('kafka-configs', [...B, '--describe', '--entity-type', 'brokers', '--entity-name', b])).stdout);
      return out.join('');
    };
    const k = await kafkaTool('kafka-reassign-partitions', exec('moves-k', KB));
    expect(k.code).toBe(0);
    expect(k.stdout).toContain('The inter-broker throttle limit was set to 10000000 B/s\nSuccessfully started partition reassignments for moves-k-0,moves-k-1\n');
    const kafkaConfigs = await configs(kafkaTool, KB, 'moves-k');
    expect(kafkaConfigs).toContain('  leader.replication.throttled.replicas=0:1,0:2,1:2,1:3 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:leader.replication.throttled.replicas=0:1,0:2,1:2,1:3}\n');
    expect(kafkaConfigs).toContain('  follower.replication.throttled.rate=10000000 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:follower.replication.throttled.rate=10000000}\n');
    // Our tool on Kafka's cluster (a topic of its own with the same replicas).
    expect(asK(await ourTool('kafka-reassign-partitions', exec('moves-o', KB)), 'moves-o')).toEqual(result(k));
    // Our tool on our cluster: the same lines (log dirs aside) and the same configs as Kafka's.
    expect(asK(await ourTool('kafka-reassign-partitions', exec('moves-o', OB)), 'moves-o')).toEqual(result(k));
    expect(await configs(ourTool, OB, 'moves-o')).toBe(kafkaConfigs);
    // --verify once the moves are done clears the throttles, on both.
    const verify = async (tool: typeof kafkaTool, B: string[], topic: string) => waitFor(async () => {
      const r = await tool('kafka-reassign-partitions', [...B, '--verify', '--reassignment-json-file', plan(topic)]);
      return r.stdout.includes('is still in progress') ? undefined : asK(r, topic);
    }, 60000, `${topic} moved`);
    const kv = await verify(kafkaTool, KB, 'moves-k');
    expect(kv.stdout).toContain('Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic moves-k\n');
    expect(await verify(ourTool, KB, 'moves-o')).toEqual(kv);
    expect(await verify(ourTool, OB, 'moves-o')).toEqual(kv);
    const cleared = await configs(kafkaTool, KB, 'moves-k');
    expect(cleared).toBe('Dynamic configs for topic T are:\nDynamic configs for broker 1 are:\nDynamic configs for broker 2 are:\nDynamic configs for broker 3 are:\n');
    expect(await configs(ourTool, OB, 'moves-o')).toBe(cleared);
  }, 240000);

  it('broker 3 killed: its only partition is LEADER_NOT_AVAILABLE in Metadata as Kafka answers it; __consumer_offsets still gets RF 3 with a replica on it', async () => {
    process.kill(kafka.pids[2], 'SIGKILL');
    await ours.signal(3, 'SIGKILL');
    const answer = async (port: number) => waitFor(async () => {
      const p = (await metadata(port, ['only-on-3'])).topics[0].partitions[0];
      return p.leaderId === -1 ? p : undefined;
    }, 60000, 'only-on-3 without a leader');
    const k = await answer(kafkaPorts()[0]);
    expect(k).toEqual({ errorCode: 5, partitionIndex: 0, leaderId: -1, leaderEpoch: 1, replicaNodes: [3], isrNodes: [], offlineReplicas: [3] });
    expect(await answer(ourPorts()[0])).toEqual(k);
    // The first group lookup makes __consumer_offsets: three brokers are registered (one fenced), so RF 3.
    const header = async (tool: typeof kafkaTool, B: string[], port: number) => {
      await waitFor(async () => (await request(port, ApiKey.FindCoordinator, 2, { key: 'settings-group', keyType: 0 })).errorCode === 0, 60000, 'a group coordinator');
      const d = await tool('kafka-topics', [...B, '--describe', '--topic', '__consumer_offsets']);
      const lines = d.stdout.split('\n');
      expect(lines.filter((l) => /\tReplicas: /.test(l) && !/Replicas: \d,\d,3\t/.test(l))).toEqual([]);
      return mask(lines[0]);
    };
    const kh = await header(kafkaTool, KB, kafkaPorts()[0]);
    expect(kh).toMatch(/^Topic: __consumer_offsets\tTopicId: <id>\tPartitionCount: 50\tReplicationFactor: 3\t/);
    expect(await header(ourTool, OB, ourPorts()[0])).toBe(kh);
  }, 180000);
});
