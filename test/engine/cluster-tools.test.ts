// The operator tools on a 3-broker cluster of separate processes (issue 10): elections and
// reassignments decided by the active controller and carried out by the brokers' replica
// managers, log dirs per broker, the quorum as a KRaft cluster with a dedicated controller
// shows it. Brokers are killed and restarted by pid; every wait is a condition with a deadline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, tempDir, waitFor } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Database = require('better-sqlite3');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { DB_FILE } = require(path.join(ROOT, 'dist/engine/storage/database'));

const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000 });

interface PartitionLine { partition: number; leader: string; replicas: string; isr: string }

async function tool(name: string, ...args: string[]) {
  return runTool(name, args, { timeoutMs: 60000 });
}

/** kafka-topics --describe of a topic through one broker, parsed. */
async function describeTopic(topic: string, via?: number): Promise<PartitionLine[]> {
  const r = await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(via), '--describe', '--topic', topic);
  if (r.code !== 0) throw new Error(r.stderr);
  return [...r.stdout.matchAll(/Partition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)/g)]
    .map((m) => ({ partition: Number(m[1]), leader: m[2], replicas: m[3], isr: m[4] }));
}

/** kafka-log-dirs --describe: broker -> "topic-partition" -> size. */
async function logDirs(...args: string[]): Promise<Map<number, Map<string, number>>> {
  const r = await tool('kafka-log-dirs', '--bootstrap-server', cluster.bootstrap(), '--describe', ...args);
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{'))!);
  const out = new Map<number, Map<string, number>>();
  for (const b of json.brokers) {
    const parts = new Map<string, number>();
    for (const d of b.logDirs) for (const p of d.partitions) parts.set(p.partition, p.size);
    out.set(b.broker, parts);
  }
  return out;
}

async function produce(topic: string, lines: string[]): Promise<void> {
  const r = await runTool('kafka-console-producer', ['--bootstrap-server', cluster.bootstrap(), '--topic', topic, '--producer-property', 'acks=all'], { input: lines.join('\n') + '\n', timeoutMs: 60000 });
  expect(r.code, r.stderr).toBe(0);
}

/** Every stored batch of one partition in a broker's log dir, in offset order (read-only, beside the running broker). */
function storedBatches(broker: number, topic: string, partition: number): Buffer[] {
  const db = new Database(path.join(cluster.dirs.get(broker)!, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT b.bytes FROM batches b JOIN topics t ON t.tk = b.tk WHERE t.name = ? AND b.partition = ? ORDER BY b.base_offset')
      .pluck().all(topic, partition) as Buffer[];
  } finally {
    db.close();
  }
}

const allIn = (parts: PartitionLine[], n: number) => parts.length === n && parts.every((p) => p.isr.split(',').length === p.replicas.split(',').length);

beforeAll(async () => {
  await cluster.startAll();
  await waitFor(async () => (await tool('kafka-broker-api-versions', '--bootstrap-server', cluster.bootstrap())).stdout.match(/\(id: \d+ rack/g)?.length === 3, 30000, 'three brokers');
}, 90000);

afterAll(async () => {
  await cluster.stop();
});

describe('operator tools on a 3-broker cluster', () => {
  it('kafka-reassign-partitions moves a partition from [1,2] to [2,3]: broker 3 catches up, broker 1 drops it', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'moves', '--replica-assignment', '1:2')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('moves'), 1), 20000, 'moves in sync');
    await produce('moves', Array.from({ length: 200 }, (_, i) => `record-${i}`));
    const plan = path.join(tempDir('kl-cluster-plan-'), 'plan.json');
    fs.writeFileSync(plan, '{"version":1,"partitions":[{"topic":"moves","partition":0,"replicas":[2,3]}]}');
    const exec = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--execute', '--reassignment-json-file', plan);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout).toMatch(/^Current partition replica assignment\n\n\{"version":1,"partitions":\[\{"topic":"moves","partition":0,"replicas":\[1,2\],/);
    expect(exec.stdout).toContain('Successfully started partition reassignment for moves-0\n');
    const verify = await waitFor(async () => {
      const r = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--verify', '--reassignment-json-file', plan);
      return r.stdout.includes('Reassignment of partition moves-0 is completed.') ? r : undefined;
    }, 30000, 'reassignment completed');
    expect(verify.code).toBe(0);
    const [p] = await describeTopic('moves');
    expect(p).toEqual({ partition: 0, leader: '2', replicas: '2,3', isr: '2,3' });
    // The data is on broker 3 (the same bytes as on broker 2), and broker 1 no longer hosts it.
    const dirs = await waitFor(async () => {
      const d = await logDirs('--topic-list', 'moves');
      return d.get(3)?.get('moves-0') === d.get(2)?.get('moves-0') && !d.get(1)?.has('moves-0') ? d : undefined;
    }, 20000, 'log dirs after the move');
    expect(dirs.get(3)!.get('moves-0')).toBeGreaterThan(1000);
    // Batch by batch the same log on brokers 2 and 3; broker 1 deleted its replica.
    const on2 = storedBatches(2, 'moves', 0);
    expect(on2.length).toBeGreaterThan(0);
    expect(storedBatches(3, 'moves', 0)).toEqual(on2);
    await waitFor(() => storedBatches(1, 'moves', 0).length === 0, 10000, 'broker 1 deleted its replica');
    const list = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--list');
    expect(list.stdout).toBe('No partition reassignments found.\n');
  }, 120000);

  it('kafka-reassign-partitions --execute --throttle sets the throttle configs Kafka 4.4 sets (topic replicas, every broker\'s rates); --verify clears them', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'throttled', '--replica-assignment', '1:2,2:3')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('throttled'), 2), 20000, 'throttled in sync');
    const plan = path.join(tempDir('kl-cluster-plan-'), 'plan.json');
    fs.writeFileSync(plan, '{"version":1,"partitions":[{"topic":"throttled","partition":0,"replicas":[3,1]},{"topic":"throttled","partition":1,"replicas":[1,2]}]}');
    const exec = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--execute', '--reassignment-json-file', plan, '--throttle', '10000000');
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout).toContain('\n\nSave this to use as the --reassignment-json-file option during rollback\n'
      + 'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n'
      + 'The inter-broker throttle limit was set to 10000000 B/s\nSuccessfully started partition reassignments for throttled-0,throttled-1\n');
    const configs = async () => {
      const out = [(await tool('kafka-configs', '--bootstrap-server', cluster.bootstrap(), '--describe', '--entity-type', 'topics', '--entity-name', 'throttled')).stdout];
      for (const b of ['1', '2', '3']) out.push((await tool('kafka-configs', '--bootstrap-server', cluster.bootstrap(), '--describe', '--entity-type', 'brokers', '--entity-name', b)).stdout);
      return out.join('');
    };
    // What Kafka 4.4 showed for the same plan on its 3-node cluster (test/reference/cluster-settings.test.ts):
    // the current replicas throttled as leaders, the added ones as followers, the rate on every broker.
    const rates = (b: number) => `Dynamic configs for broker ${b} are:\n`
      + '  follower.replication.throttled.rate=10000000 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:follower.replication.throttled.rate=10000000}\n'
      + '  leader.replication.throttled.rate=10000000 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:leader.replication.throttled.rate=10000000}\n';
    expect(await configs()).toBe('Dynamic configs for topic throttled are:\n'
      + '  follower.replication.throttled.replicas=0:3,1:1 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:follower.replication.throttled.replicas=0:3,1:1}\n'
      + '  leader.replication.throttled.replicas=0:1,0:2,1:2,1:3 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:leader.replication.throttled.replicas=0:1,0:2,1:2,1:3}\n'
      + rates(1) + rates(2) + rates(3));
    const verify = await waitFor(async () => {
      const r = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--verify', '--reassignment-json-file', plan);
      return r.stdout.includes('is still in progress') ? undefined : r;
    }, 30000, 'reassignment completed');
    expect(verify.stdout).toBe('Status of partition reassignment:\nReassignment of partition throttled-0 is completed.\nReassignment of partition throttled-1 is completed.\n\n'
      + 'Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic throttled\n');
    expect(await configs()).toBe('Dynamic configs for topic throttled are:\nDynamic configs for broker 1 are:\nDynamic configs for broker 2 are:\nDynamic configs for broker 3 are:\n');
    // Gone again: the preferred-election test below counts the partitions broker 3 prefers to lead.
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--delete', '--topic', 'throttled')).code).toBe(0);
    await waitFor(async () => !(await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--list')).stdout.split('\n').includes('throttled'), 20000, 'throttled deleted');
  }, 120000);

  it('kafka-log-dirs --describe lists each broker\'s own replicas', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'spread', '--replica-assignment', '1:2,2:3,3:1')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('spread'), 3), 20000, 'spread in sync');
    const dirs = await waitFor(async () => {
      const d = await logDirs('--topic-list', 'spread');
      return [1, 2, 3].every((b) => d.get(b)?.size === 2) ? d : undefined;
    }, 20000, 'every replica hosted');
    expect([...dirs.get(1)!.keys()].sort()).toEqual(['spread-0', 'spread-2']);
    expect([...dirs.get(2)!.keys()].sort()).toEqual(['spread-0', 'spread-1']);
    expect([...dirs.get(3)!.keys()].sort()).toEqual(['spread-1', 'spread-2']);
    const only2 = await logDirs('--topic-list', 'spread', '--broker-list', '2');
    expect([...only2.keys()]).toEqual([2]);
  }, 60000);

  it('kafka-metadata-quorum describe: the active controller leads, the other brokers observe', async () => {
    const status = await tool('kafka-metadata-quorum', '--bootstrap-server', cluster.bootstrap(1), 'describe', '--status');
    expect(status.code, status.stderr).toBe(0);
    const leader = Number(/^LeaderId: +(\d+)$/m.exec(status.stdout)![1]);
    expect([1, 2, 3]).toContain(leader);
    const voters = /^CurrentVoters: +(.*)$/m.exec(status.stdout)![1];
    const observers = /^CurrentObservers: +(.*)$/m.exec(status.stdout)![1];
    expect([...voters.matchAll(/"id": (\d+)/g)].map((m) => Number(m[1]))).toEqual([leader]);
    expect([...observers.matchAll(/"id": (\d+)/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3].filter((b) => b !== leader));
    expect(status.stdout).toMatch(/^HighWatermark: +\d+$/m);
    const replication = await tool('kafka-metadata-quorum', '--bootstrap-server', cluster.bootstrap(2), 'describe', '--replication');
    expect(replication.code, replication.stderr).toBe(0);
    const rows = replication.stdout.trim().split('\n').slice(1).map((l) => l.split('\t').map((c) => c.trim()));
    expect(rows.map((r) => [Number(r[0]), r[6]])).toEqual([[leader, 'Leader'], ...[1, 2, 3].filter((b) => b !== leader).map((b) => [b, 'Observer'])]);
  }, 60000);

  it('after a broker comes back into the ISR, a preferred election moves the leaderships back', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'orders', '--partitions', '3', '--replication-factor', '3')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('orders'), 3), 20000, 'orders in sync');
    const before = await describeTopic('orders');
    const led3 = before.filter((p) => p.leader === '3').map((p) => p.partition);
    expect(led3.length).toBe(1);
    // Every partition broker 3 prefers to lead (orders' and spread's) moves back to it.
    const preferring3 = ['orders-' + led3[0], 'spread-2'];
    await cluster.signal(3, 'SIGKILL');
    await waitFor(async () => (await describeTopic('orders', 1)).every((p) => p.leader !== '3' && !p.isr.split(',').includes('3')), 20000, 'broker 3 fenced');
    await cluster.start(3);
    await waitFor(async () => allIn(await describeTopic('orders', 1), 3), 30000, 'broker 3 back in every ISR');
    expect((await describeTopic('orders', 1)).filter((p) => p.leader === '3')).toEqual([]);
    const r = await tool('kafka-leader-election', '--bootstrap-server', cluster.bootstrap(1), '--election-type', 'preferred', '--all-topic-partitions');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const elected = /^Successfully completed leader election \(PREFERRED\) for partitions (.*)\n$/.exec(r.stdout);
    expect(elected, r.stdout).not.toBeNull();
    expect(elected![1].split(', ').sort()).toEqual(preferring3.sort());
    const after = await waitFor(async () => { const d = await describeTopic('orders', 2); return d.every((p) => p.leader === p.replicas.split(',')[0]) ? d : undefined; }, 20000, 'preferred leaders');
    expect(after.find((p) => p.partition === led3[0])!.leader).toBe('3');
    const again = await tool('kafka-leader-election', '--bootstrap-server', cluster.bootstrap(2), '--election-type', 'preferred', '--topic', 'orders', '--partition', String(led3[0]));
    expect(again).toEqual({ code: 0, stdout: `Valid replica already elected for partitions orders-${led3[0]}\n`, stderr: '' });
  }, 120000);

  it('--cancel restores the original replicas of a reassignment that cannot complete', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'stuck', '--replica-assignment', '1:2')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('stuck'), 1), 20000, 'stuck in sync');
    await cluster.signal(3, 'SIGKILL');
    try {
      await waitFor(async () => (await describeTopic('orders', 1)).every((p) => !p.isr.split(',').includes('3')), 20000, 'broker 3 fenced');
      await stuckReassignmentCancelled();
    } finally {
      await cluster.start(3);
    }
  }, 120000);

  async function stuckReassignmentCancelled(): Promise<void> {
    const plan = path.join(tempDir('kl-cluster-plan-'), 'plan.json');
    fs.writeFileSync(plan, '{"version":1,"partitions":[{"topic":"stuck","partition":0,"replicas":[1,3]}]}');
    // kafka-reassign-partitions --execute refuses a plan naming a broker that is down (as
    // Kafka's), so kafkajs starts the move to the registered but fenced broker 3.
    const kafka = new Kafka({ brokers: [cluster.bootstrap(1)], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.alterPartitionReassignments({ topics: [{ topic: 'stuck', partitionAssignment: [{ partition: 0, replicas: [1, 3] }] }] });
      const listed = await admin.listPartitionReassignments({});
      expect(listed.topics).toEqual([{ name: 'stuck', partitions: [{ partition: 0, replicas: [1, 3, 2], addingReplicas: [3], removingReplicas: [2] }] }]);
    } finally {
      await admin.disconnect();
    }
    const list = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--list');
    expect(list.stdout).toBe('Current partition reassignments:\nstuck-0: replicas: 1,3,2. adding: 3. removing: 2.\n');
    const verify = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--verify', '--reassignment-json-file', plan);
    expect(verify.stdout).toContain('Reassignment of partition stuck-0 is still in progress.');
    // kafka-topics --describe during the move, as Kafka 4.4's prints it: the adding and removing
    // replicas after the ISR; the replication factor is the target's (3 replicas - 1 being added),
    // which --under-replicated-partitions compares the ISR (1,2) with: nothing to show.
    const described = await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--describe', '--topic', 'stuck');
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/^Topic: stuck\tTopicId: \S+\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: .*\n/);
    expect(described.stdout.split('\n').slice(1).join('\n'))
      .toBe('\tTopic: stuck\tPartition: 0\tLeader: 1\tReplicas: 1,3,2\tIsr: 1,2\tAdding Replicas: 3\tRemoving Replicas: 2\tElr: \tLastKnownElr: \n');
    const under = await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--describe', '--topic', 'stuck', '--under-replicated-partitions');
    expect([under.code, under.stdout, under.stderr]).toEqual([0, '', '']);
    // Kafka 2.8 with --zookeeper read no reassignment: the whole replica set (adding replica
    // included) is the replication factor, so the partition is under-replicated there.
    const zkLine = '\tTopic: stuck\tPartition: 0\tLeader: 1\tReplicas: 1,3,2\tIsr: 1,2\n';
    const zk = await tool('kafka-topics', '--zookeeper', cluster.bootstrap(1), '--describe', '--topic', 'stuck');
    expect(zk.stdout).toMatch(/^Topic: stuck\tTopicId: \S+\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: \n/);
    expect(zk.stdout.split('\n').slice(1).join('\n')).toBe(zkLine);
    expect((await tool('kafka-topics', '--zookeeper', cluster.bootstrap(1), '--describe', '--topic', 'stuck', '--under-replicated-partitions')).stdout).toBe(zkLine);
    // --preserve-throttles: clearing broker throttles would ask the dead broker 3 (and wait, as Kafka's tool).
    const cancel = await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--cancel', '--reassignment-json-file', plan, '--preserve-throttles');
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toContain('Successfully cancelled partition reassignment for: stuck-0\n');
    const [p] = await describeTopic('stuck');
    expect(p).toEqual({ partition: 0, leader: '1', replicas: '1,2', isr: '1,2' });
    expect((await tool('kafka-reassign-partitions', '--bootstrap-server', cluster.bootstrap(), '--list')).stdout).toBe('No partition reassignments found.\n');
  }

  it('an unclean election makes a live replica outside the ISR leader', async () => {
    expect((await tool('kafka-topics', '--bootstrap-server', cluster.bootstrap(), '--create', '--topic', 'lonely', '--replica-assignment', '2:3')).code).toBe(0);
    await waitFor(async () => allIn(await describeTopic('lonely'), 1), 30000, 'lonely in sync');
    // Broker 3 dies, then broker 2 (the last ISR member): on its return broker 3 is not eligible.
    await cluster.signal(3, 'SIGKILL');
    await waitFor(async () => (await describeTopic('lonely', 1))[0]?.isr === '2', 20000, 'ISR [2]');
    await cluster.signal(2, 'SIGKILL');
    await waitFor(async () => (await describeTopic('lonely', 1))[0]?.leader === 'none', 20000, 'no leader');
    await cluster.start(3);
    await waitFor(async () => (await tool('kafka-broker-api-versions', '--bootstrap-server', cluster.bootstrap(1))).stdout.includes('(id: 3 rack'), 20000, 'broker 3 back');
    expect((await describeTopic('lonely', 1))[0].leader).toBe('none');
    const preferred = await tool('kafka-leader-election', '--bootstrap-server', cluster.bootstrap(1), '--election-type', 'preferred', '--topic', 'lonely', '--partition', '0');
    expect(preferred.code).toBe(1);
    expect(preferred.stdout).toBe('Error completing leader election (PREFERRED) for partition: lonely-0: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.\n');
    const unclean = await tool('kafka-leader-election', '--bootstrap-server', cluster.bootstrap(1), '--election-type', 'unclean', '--topic', 'lonely', '--partition', '0');
    expect(unclean).toEqual({ code: 0, stdout: 'Successfully completed leader election (UNCLEAN) for partitions lonely-0\n', stderr: '' });
    const [p] = await waitFor(async () => { const d = await describeTopic('lonely', 3); return d[0]?.leader === '3' ? d : undefined; }, 20000, 'broker 3 leads');
    expect(p.isr).toBe('3');
    const none = await tool('kafka-leader-election', '--bootstrap-server', cluster.bootstrap(1), '--election-type', 'unclean', '--topic', 'lonely', '--partition', '0');
    expect(none).toEqual({ code: 0, stdout: 'Valid replica already elected for partitions lonely-0\n', stderr: '' });
  }, 120000);
});
