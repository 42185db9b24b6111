// Several broker processes forming one cluster through a shared metadata store (zookeeper.connect
// style): registration, placement, leaders and ISRs in kafka-topics --describe, fencing after a
// kill -9 or a stall (SIGSTOP past broker.session.timeout.ms), rejoining, and controller
// failover without losing metadata. Kafka's own kafka-topics talks to the same cluster.
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { MetadataStore } = require(path.join(ROOT, 'dist/engine/metadata/store'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { MetadataImage } = require(path.join(ROOT, 'dist/engine/metadata/image'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ErrorCode } = require(path.join(ROOT, 'dist/protocol/errors'));

const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000 });

interface PartitionLine { partition: number; leader: string; replicas: string; isr: string }

/** Our kafka-topics --describe of a topic, through one broker. */
async function describeTopic(topic: string, via: number): Promise<PartitionLine[]> {
  const r = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(via), '--describe', '--topic', topic]);
  if (r.code !== 0) throw new Error(r.stderr);
  return [...r.stdout.matchAll(/Partition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]+)\tIsr: ([\d,]*)/g)]
    .map((m) => ({ partition: Number(m[1]), leader: m[2], replicas: m[3], isr: m[4] }));
}

/** What a broker answers to Metadata (v12): live broker ids and the controller. */
async function metadata(via: number): Promise<{ brokers: number[]; controllerId: number; topics: string[] }> {
  const c = new BrokerConnection('127.0.0.1', cluster.broker(via).port, 'cluster-test');
  await c.connect();
  try {
    const r = await c.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    return { brokers: r.brokers.map((b: any) => b.nodeId).sort(), controllerId: r.controllerId, topics: r.topics.map((t: any) => t.name).sort() };
  } finally {
    c.close();
  }
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

beforeAll(async () => {
  await cluster.startAll();
}, 60000);

afterAll(async () => {
  await cluster.stop();
});

describe('a 3-broker cluster of separate processes', () => {
  it('every broker registers and every broker answers with all three', async () => {
    for (const id of [1, 2, 3]) {
      await waitFor(async () => sameIds((await metadata(id)).brokers, [1, 2, 3]), 10000, `broker ${id} sees 3 brokers`);
    }
    const controllers = new Set(await Promise.all([1, 2, 3].map(async (id) => (await metadata(id)).controllerId)));
    expect(controllers.size).toBe(1);
  });

  it('a topic with replication factor 3 created via any broker: leaders spread, Isr all three; RF 4 quotes the brokers', async () => {
    const created = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(2), '--create', '--topic', 'orders', '--partitions', '3', '--replication-factor', '3']);
    expect(created.stdout).toBe('Created topic orders.\n');
    const parts = await waitFor(async () => { const p = await describeTopic('orders', 3); return p.length === 3 ? p : undefined; }, 10000, 'orders on broker 3');
    expect(new Set(parts.map((p) => p.leader))).toEqual(new Set(['1', '2', '3']));
    for (const p of parts) {
      expect(p.replicas.split(',').sort()).toEqual(['1', '2', '3']);
      expect(p.isr).toBe(p.replicas);
      expect(p.leader).toBe(p.replicas.split(',')[0]);
    }
    const tooMany = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--create', '--topic', 'rf4', '--replication-factor', '4']);
    // Kafka 4.4's lines on its own 3-node cluster (test/reference/cluster-settings.test.ts compares them there).
    const message = 'Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered or some brokers have all their log directories cordoned.';
    expect(tooMany.code).toBe(1);
    expect(tooMany.stdout).toBe(`Error while executing topic command : ${message}\n`);
    expect(tooMany.stderr.replace(/^\[[\d :,-]+\] /, '[<time>] '))
      .toBe(`[<time>] ERROR org.apache.kafka.common.errors.InvalidReplicationFactorException: ${message}\n (org.apache.kafka.tools.TopicCommand)\n`);
  });

  it('Kafka\'s own kafka-topics creates through a broker that is not the controller and describes our leaders and ISRs; kcat sees three brokers', async () => {
    const kafkaTopics = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn('bash', [path.join(ROOT, 'scripts/reference.sh'), 'tool', 'kafka-topics', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout!.on('data', (d) => { stdout += d; });
      p.stderr!.on('data', (d) => { stderr += d; });
      p.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const controller = (await metadata(1)).controllerId;
    const other = [1, 2, 3].find((id) => id !== controller)!;
    const made = await kafkaTopics(['--bootstrap-server', cluster.bootstrap(other), '--create', '--topic', 'java-made', '--partitions', '2', '--replication-factor', '3']);
    expect(made.stdout).toBe('Created topic java-made.\n');
    await waitFor(async () => (await describeTopic('java-made', controller)).length === 2, 10000, 'java-made everywhere');
    const kcat = await runKcat(cluster.bootstrap(other), ['-L']);
    expect(kcat.stdout).toContain('3 brokers:');
    expect(kcat.stdout).toMatch(/topic "java-made" with 2 partitions:/);
    const r = await kafkaTopics(['--bootstrap-server', cluster.bootstrap(1), '--describe', '--topic', 'orders']);
    expect(r.code).toBe(0);
    const ours = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(1), '--describe', '--topic', 'orders']);
    expect(r.stdout).toBe(ours.stdout);
    expect(r.stdout).toMatch(/Partition: 0\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d,\d/);
  }, 60000);

  it('kcat produces to every partition leader and a kcat -G group consumes them all, its coordinator on the leader of its __consumer_offsets partition', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const produced = await runKcat(cluster.bootstrap(), ['-P', '-t', 'orders'], lines.join('\n') + '\n');
    expect(produced.code).toBe(0);
    const consumed = await runKcat(cluster.bootstrap(3), ['-G', 'cluster-group', 'orders', '-o', 'beginning', '-e', '-q', '-X', 'enable.partition.eof=true'], undefined, 60000);
    expect(consumed.stdout.split('\n').filter(Boolean).sort()).toEqual([...lines].sort());
    const offsets = await waitFor(async () => { const p = await describeTopic('__consumer_offsets', 1); return p.length > 0 ? p : undefined; }, 10000, '__consumer_offsets');
    expect(offsets.length).toBe(50);
  }, 90000);

  it('AlterPartition: the active controller shrinks and expands an ISR for the partition\'s leader; stale epochs and other brokers are refused', async () => {
    const image = () => {
      const store = new MetadataStore(cluster.storeFile(), { readonly: true });
      try {
        const img = new MetadataImage();
        img.apply(store.readAfter(0, 100000));
        return img;
      } finally {
        store.close();
      }
    };
    const controller = (await metadata(1)).controllerId;
    const other = [1, 2, 3].find((id) => id !== controller)!;
    const topic = image().topicsByName.get('orders');
    const p0 = topic.partitions[0];
    const alter = async (via: number, newIsr: number[], partitionEpoch: number, leaderEpoch = p0.leaderEpoch) => {
      const c = new BrokerConnection('127.0.0.1', cluster.broker(via).port, 'alter-partition-test');
      await c.connect();
      try {
        return await c.request(ApiKey.AlterPartition, 3, { brokerId: p0.leader, brokerEpoch: -1, topics: [{ topicId: topic.id, partitions: [{
          partitionIndex: 0, leaderEpoch, newIsrWithEpochs: newIsr.map((brokerId) => ({ brokerId, brokerEpoch: -1 })), leaderRecoveryState: 0, partitionEpoch,
        }] }] });
      } finally {
        c.close();
      }
    };
    expect((await alter(other, [p0.leader], p0.partitionEpoch)).errorCode).toBe(ErrorCode.NOT_CONTROLLER);
    const shrunk = await alter(controller, [p0.leader], p0.partitionEpoch);
    expect(shrunk.topics[0].partitions[0]).toMatchObject({ errorCode: 0, leaderId: p0.leader, isr: [p0.leader], partitionEpoch: p0.partitionEpoch + 1 });
    // The real leader sees its followers caught up and asks the controller (AlterPartition over
    // the wire, or in-process when it is the controller) to take them back into the ISR.
    const back = await waitFor(() => {
      const p = image().topicsByName.get('orders').partitions[0];
      return p.partitionEpoch >= p0.partitionEpoch + 2 && p.isr.length === p0.isr.length ? p : undefined;
    }, 15000, 'the leader expanding the ISR again');
    expect([...back.isr].sort()).toEqual([...p0.isr].sort());
    expect(back.leaderEpoch).toBe(p0.leaderEpoch);
    await waitFor(async () => (await describeTopic('orders', other))[0].isr.split(',').sort().join(',') === [...p0.isr].sort().join(','), 10000, 'the expanded ISR on another broker');
    expect((await alter(controller, p0.replicas, p0.partitionEpoch)).topics[0].partitions[0].errorCode).toBe(ErrorCode.INVALID_UPDATE_VERSION);
    expect((await alter(controller, p0.replicas, back.partitionEpoch, p0.leaderEpoch - 1)).topics[0].partitions[0].errorCode).toBe(ErrorCode.FENCED_LEADER_EPOCH);
  }, 30000);

  it('producer ids come from blocks the controller allocates (AllocateProducerIds): no id twice across brokers', async () => {
    const initPid = async (via: number) => {
      const c = new BrokerConnection('127.0.0.1', cluster.broker(via).port, 'pid-test');
      await c.connect();
      try {
        const r = await c.request(ApiKey.InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: 1000 });
        expect(r.errorCode).toBe(0);
        return Number(r.producerId);
      } finally {
        c.close();
      }
    };
    const ids = [];
    for (const via of [1, 2, 3, 1, 2, 3]) ids.push(await initPid(via));
    expect(new Set(ids).size).toBe(6);
    // Each broker's ids are consecutive within its own block; blocks differ between brokers.
    expect(ids[3]).toBe(ids[0] + 1);
    expect(Math.floor(ids[0] / 1000)).not.toBe(Math.floor(ids[1] / 1000));
    const store = new MetadataStore(cluster.storeFile(), { readonly: true });
    try {
      const blocks = store.readAfter(0, 100000).map((e: any) => e.record).filter((r: any) => r.type === 'ProducerIds');
      expect(new Set(blocks.map((r: any) => r.brokerId))).toEqual(new Set([1, 2, 3]));
    } finally {
      store.close();
    }
  });

  it('configs and client quotas set through one broker are the cluster\'s: every broker describes them', async () => {
    const conn = async (via: number) => {
      const c = new BrokerConnection('127.0.0.1', cluster.broker(via).port, 'quota-test');
      await c.connect();
      return c;
    };
    const a = await conn(1);
    try {
      const r = await a.request(ApiKey.AlterClientQuotas, 1, { validateOnly: false, entries: [
        { entity: [{ entityType: 'user', entityName: 'alice' }], ops: [{ key: 'producer_byte_rate', value: 1024, remove: false }] },
      ] });
      expect(r.entries[0].errorCode).toBe(0);
      const inc = await a.request(ApiKey.IncrementalAlterConfigs, 0, { validateOnly: false, resources: [
        { resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', configOperation: 0, value: '3600000' }] },
      ] });
      expect(inc.responses[0].errorCode).toBe(0);
    } finally {
      a.close();
    }
    // A per-broker config sent to a broker that is not the controller is that broker's own.
    const controller = (await metadata(1)).controllerId;
    const other = [1, 2, 3].find((id) => id !== controller)!;
    const o = await conn(other);
    try {
      const r = await o.request(ApiKey.IncrementalAlterConfigs, 0, { validateOnly: false, resources: [
        { resourceType: 4, resourceName: String(other), configs: [{ name: 'message.max.bytes', configOperation: 0, value: '2000000' }] },
      ] });
      expect(r.responses[0]).toMatchObject({ errorCode: 0 });
      const wrong = await o.request(ApiKey.IncrementalAlterConfigs, 0, { validateOnly: false, resources: [
        { resourceType: 4, resourceName: String(controller), configs: [{ name: 'message.max.bytes', configOperation: 0, value: '2000000' }] },
      ] });
      expect(wrong.responses[0]).toMatchObject({ errorCode: 42, errorMessage: `Unexpected broker id, expected ${other}, but received ${controller}` });
      await waitFor(async () => {
        const d = await o.request(ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: 4, resourceName: String(other), configurationKeys: ['message.max.bytes'] }], includeSynonyms: false, includeDocumentation: false });
        return d.results[0].configs[0]?.value === '2000000';
      }, 10000, 'the per-broker config');
    } finally {
      o.close();
    }
    const cc = await conn(controller);
    try {
      const d = await cc.request(ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: 4, resourceName: String(controller), configurationKeys: ['message.max.bytes'] }], includeSynonyms: false, includeDocumentation: false });
      expect(d.results[0].configs[0]?.value).not.toBe('2000000');
    } finally {
      cc.close();
    }
    for (const via of [2, 3]) {
      const c = await conn(via);
      try {
        await waitFor(async () => {
          const q = await c.request(ApiKey.DescribeClientQuotas, 1, { components: [{ entityType: 'user', matchType: 0, match: 'alice' }], strict: false });
          return q.entries?.[0]?.values?.[0]?.value === 1024;
        }, 10000, `the quota on broker ${via}`);
        await waitFor(async () => {
          const d = await c.request(ApiKey.DescribeConfigs, 3, { resources: [{ resourceType: 2, resourceName: 'orders', configurationKeys: ['retention.ms'] }], includeSynonyms: false, includeDocumentation: false });
          return d.results[0].configs[0]?.value === '3600000';
        }, 10000, `the topic config on broker ${via}`);
      } finally {
        c.close();
      }
    }
  });

  it('kill -9 of a broker: after the session timeout its leaderships move and the ISRs drop it; restarted, it rejoins without the topics deleted meanwhile', async () => {
    const controller = (await metadata(1)).controllerId;
    const victim = [1, 2, 3].find((id) => id !== controller)!;
    const survivor = [1, 2, 3].find((id) => id !== controller && id !== victim)!;
    await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(survivor), '--create', '--topic', 'doomed', '--replication-factor', '3']);
    await waitFor(async () => (await metadata(victim)).topics.includes('doomed'), 10000, 'doomed on the victim');
    await cluster.signal(victim, 'SIGKILL');
    const parts = await waitFor(async () => {
      const p = await describeTopic('orders', survivor);
      return p.length === 3 && p.every((x) => x.leader !== String(victim) && !x.isr.split(',').includes(String(victim))) ? p : undefined;
    }, cluster.sessionTimeoutMs + 10000, `leaderships away from broker ${victim}`);
    for (const p of parts) expect(p.replicas.split(',')).toContain(String(victim));
    expect((await metadata(survivor)).brokers).not.toContain(victim);
    // Deleted while the victim is down: gone from it too once it is back.
    const deleted = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(survivor), '--delete', '--topic', 'doomed']);
    expect(deleted.code).toBe(0);
    await cluster.start(victim);
    expect((await metadata(victim)).topics).not.toContain('doomed');
    await waitFor(async () => sameIds((await metadata(survivor)).brokers, [1, 2, 3]), 10000, `broker ${victim} rejoins`);
    expect((await metadata(victim)).topics).toContain('orders');
  }, 60000);

  it('kill -9 of the active controller: another broker takes over; topics created before and after are all there', async () => {
    const controller = (await metadata(1)).controllerId;
    const others = [1, 2, 3].filter((id) => id !== controller);
    await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(others[0]), '--create', '--topic', 'before-failover', '--partitions', '2', '--replication-factor', '2']);
    await cluster.signal(controller, 'SIGKILL');
    const next = await waitFor(async () => {
      const m = await metadata(others[0]);
      return others.includes(m.controllerId) ? m.controllerId : undefined;
    }, cluster.sessionTimeoutMs + 10000, 'a new active controller');
    expect(others).toContain(next);
    const created = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(others[1]), '--create', '--topic', 'after-failover', '--partitions', '2', '--replication-factor', '2']);
    expect(created.stdout).toBe('Created topic after-failover.\n');
    for (const via of others) {
      await waitFor(async () => {
        const t = (await metadata(via)).topics;
        return ['after-failover', 'before-failover', 'orders'].every((n) => t.includes(n));
      }, 10000, `all topics on broker ${via}`);
    }
    await cluster.start(controller);
    await waitFor(async () => sameIds((await metadata(controller)).brokers, [1, 2, 3]), 10000, 'the old controller rejoins');
    expect((await metadata(controller)).topics).toEqual(expect.arrayContaining(['after-failover', 'before-failover', 'orders']));
  }, 60000);

  it('a broker stalled (SIGSTOP) past the session timeout is fenced; resumed (SIGCONT), it rejoins', async () => {
    const controller = (await metadata(1)).controllerId;
    const stalled = [1, 2, 3].find((id) => id !== controller)!;
    process.kill(cluster.broker(stalled).proc.pid!, 'SIGSTOP');
    try {
      await waitFor(async () => !(await metadata(controller)).brokers.includes(stalled), cluster.sessionTimeoutMs + 10000, `broker ${stalled} fenced`);
      const parts = await describeTopic('orders', controller);
      for (const p of parts) expect(p.leader).not.toBe(String(stalled));
    } finally {
      process.kill(cluster.broker(stalled).proc.pid!, 'SIGCONT');
    }
    await waitFor(async () => sameIds((await metadata(controller)).brokers, [1, 2, 3]), 10000, `broker ${stalled} rejoins`);
    await waitFor(async () => sameIds((await metadata(stalled)).brokers, [1, 2, 3]), 10000, `broker ${stalled} sees the cluster again`);
  }, 60000);

  it('unclean.leader.election.enable=false: a replica out of sync never leads (Leader: none)', async () => {
    const controller = (await metadata(1)).controllerId;
    const [x, y] = [1, 2, 3].filter((id) => id !== controller);
    await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(controller), '--create', '--topic', 'pair', '--replica-assignment', `${x}:${y}`]);
    await waitFor(async () => (await describeTopic('pair', controller))[0]?.isr === `${x},${y}`, 10000, 'pair in sync');
    await cluster.signal(x, 'SIGKILL');
    await waitFor(async () => (await describeTopic('pair', controller))[0]?.isr === String(y), cluster.sessionTimeoutMs + 10000, `${x} out of the ISR`);
    // The last in-sync replica dies while the other is down: nobody in sync is left.
    await cluster.signal(y, 'SIGKILL');
    await waitFor(async () => (await describeTopic('pair', controller))[0]?.leader === 'none', cluster.sessionTimeoutMs + 10000, 'no leader');
    // x comes back: it is out of sync, so without unclean election it does not lead.
    await cluster.start(x);
    await waitFor(async () => (await metadata(controller)).brokers.includes(x), 10000, `${x} back`);
    const p = (await describeTopic('pair', controller))[0];
    expect(p.leader).toBe('none');
    expect(p.replicas).toBe(`${x},${y}`);
    expect((await describeTopic('pair', x))[0].leader).toBe('none');
  }, 60000);
});
