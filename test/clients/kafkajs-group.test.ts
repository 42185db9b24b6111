// kafkajs consumer groups against the engine's group coordinator: join/sync/heartbeat, partition
// split between members, rebalance when a member leaves, committed offsets across a restart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Kafka, logLevel, Partitioners, Consumer, EachMessagePayload } from 'kafkajs';
import { startInProcessEngine, spawnEngine, tempDir, TestEngine, waitFor } from '../helpers/engine';

let engine: TestEngine;
let kafka: Kafka;
const consumers: Consumer[] = [];

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'kjs-group', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
}

function newConsumer(k: Kafka, groupId: string): Consumer {
  const c = k.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500, rebalanceTimeout: 20000, maxWaitTimeInMs: 100, retry: { retries: 8, initialRetryTime: 100 } });
  consumers.push(c);
  return c;
}

async function produce(k: Kafka, topic: string, messages: { key?: string; value: string; partition?: number }[]): Promise<void> {
  const producer = k.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

beforeAll(async () => {
  engine = await startInProcessEngine();
  kafka = client(engine.bootstrap);
});

afterAll(async () => {
  for (const c of consumers) await c.disconnect().catch(() => undefined);
  await engine.stop();
});

describe('kafkajs consumer groups', () => {
  it('one consumer reads what the kafkajs producer wrote and commits', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'g-one', numPartitions: 2 }] });
    await produce(kafka, 'g-one', Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })));
    const c = newConsumer(kafka, 'grp-one');
    await c.connect();
    await c.subscribe({ topics: ['g-one'], fromBeginning: true });
    const seen: string[] = [];
    await c.run({ autoCommitInterval: 100, eachMessage: async ({ message }: EachMessagePayload) => { seen.push(message.value!.toString()); } });
    await waitFor(() => seen.length === 10, 20000, '10 messages');
    expect(seen.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
    await c.disconnect();
    const offsets = await admin.fetchOffsets({ groupId: 'grp-one', topics: ['g-one'] });
    const total = offsets[0].partitions.reduce((s, p) => s + Number(p.offset), 0);
    expect(total).toBe(10);
    const groups = await admin.listGroups();
    expect(groups.groups).toContainEqual({ groupId: 'grp-one', protocolType: 'consumer' });
    const d = await admin.describeGroups(['grp-one']);
    expect(d.groups[0].state).toBe('Empty');
    await admin.disconnect();
  }, 60000);

  it('two consumers split partitions exclusively; when one leaves the other takes over', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'g-two', numPartitions: 4 }] });
    const assigned = new Map<string, Set<number>>();
    const seen = new Map<string, string[]>();
    const track = (name: string, c: Consumer) => {
      assigned.set(name, new Set());
      seen.set(name, []);
      c.on(c.events.GROUP_JOIN, (e: any) => {
        const parts: number[] = e.payload.memberAssignment['g-two'] ?? [];
        assigned.set(name, new Set(parts));
      });
    };
    const a = newConsumer(kafka, 'grp-two');
    const b = newConsumer(kafka, 'grp-two');
    track('a', a);
    track('b', b);
    for (const [name, c] of [['a', a], ['b', b]] as const) {
      await c.connect();
      await c.subscribe({ topics: ['g-two'], fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => { seen.get(name)!.push(message.value!.toString()); } });
    }
    await waitFor(() => assigned.get('a')!.size === 2 && assigned.get('b')!.size === 2, 30000, 'both consumers own 2 partitions');
    const union = new Set([...assigned.get('a')!, ...assigned.get('b')!]);
    expect([...union].sort()).toEqual([0, 1, 2, 3]);

    const msgs = [0, 1, 2, 3].map((p) => ({ value: `p${p}`, partition: p }));
    await produce(kafka, 'g-two', msgs);
    await waitFor(() => seen.get('a')!.length + seen.get('b')!.length === 4, 20000, 'messages consumed');
    // Each message went to the consumer owning its partition, none twice.
    for (const [name, parts] of assigned) {
      expect(seen.get(name)!.sort()).toEqual([...parts].map((p) => `p${p}`).sort());
    }
    const described = await admin.describeGroups(['grp-two']);
    expect(described.groups[0].state).toBe('Stable');
    expect(described.groups[0].members.length).toBe(2);
    expect(described.groups[0].members[0].clientHost).toBe('/127.0.0.1');

    await b.disconnect();
    await waitFor(() => assigned.get('a')!.size === 4, 30000, 'a owns all partitions after b left');
    await produce(kafka, 'g-two', msgs.map((m) => ({ ...m, value: `${m.value}-again` })));
    await waitFor(() => seen.get('a')!.filter((v) => v.endsWith('-again')).length === 4, 20000, 'a consumes everything');
    await a.disconnect();
    await admin.disconnect();
  }, 90000);
});

describe('kafkajs group offsets across an engine restart', () => {
  it('resumes where it left off', async () => {
    const dir = tempDir();
    let child = await spawnEngine({ dir });
    try {
      let k = client(child.bootstrap);
      const admin = k.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'g-restart', numPartitions: 1 }] });
      await admin.disconnect();
      await produce(k, 'g-restart', Array.from({ length: 5 }, (_, i) => ({ value: `first-${i}` })));
      const first: string[] = [];
      let c = newConsumer(k, 'grp-restart');
      await c.connect();
      await c.subscribe({ topics: ['g-restart'], fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => { first.push(message.value!.toString()); } });
      await waitFor(() => first.length === 5, 20000, 'first 5');
      await c.disconnect(); // commits the consumed offsets
      await child.stop();

      child = await spawnEngine({ dir, port: child.port });
      k = client(child.bootstrap);
      const admin2 = k.admin();
      await admin2.connect();
      const offs = await admin2.fetchOffsets({ groupId: 'grp-restart', topics: ['g-restart'] });
      expect(offs[0].partitions[0].offset).toBe('5');
      const groups = await admin2.listGroups();
      expect(groups.groups.map((g) => g.groupId)).toContain('grp-restart');
      await admin2.disconnect();
      await produce(k, 'g-restart', Array.from({ length: 3 }, (_, i) => ({ value: `second-${i}` })));
      const second: string[] = [];
      c = newConsumer(k, 'grp-restart');
      await c.connect();
      await c.subscribe({ topics: ['g-restart'], fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => { second.push(message.value!.toString()); } });
      await waitFor(() => second.length >= 3, 20000, 'the 3 new messages');
      expect(second).toEqual(['second-0', 'second-1', 'second-2']);
      await c.disconnect();
    } finally {
      await child.stop();
    }
  }, 90000);

  it('a connected consumer carries on across a restart without rejoining (the group is reloaded)', async () => {
    const dir = tempDir();
    let child = await spawnEngine({ dir });
    try {
      const k = client(child.bootstrap);
      const admin = k.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'g-live', numPartitions: 1 }] });
      await admin.disconnect();
      await produce(k, 'g-live', [{ value: 'before' }]);
      const seen: string[] = [];
      let joins = 0;
      const c = newConsumer(k, 'grp-live');
      c.on(c.events.GROUP_JOIN, () => { joins++; });
      await c.connect();
      await c.subscribe({ topics: ['g-live'], fromBeginning: true });
      await c.run({ autoCommitInterval: 100, eachMessage: async ({ message }) => { seen.push(message.value!.toString()); } });
      await waitFor(() => seen.length === 1, 20000, 'first message');
      const admin1 = k.admin();
      await admin1.connect();
      await waitFor(async () => (await admin1.fetchOffsets({ groupId: 'grp-live', topics: ['g-live'] }))[0].partitions[0].offset === '1', 20000, 'offset committed');
      await admin1.disconnect();
      const port = child.port;
      await child.stop();
      child = await spawnEngine({ dir, port });
      await produce(k, 'g-live', [{ value: 'after' }]);
      await waitFor(() => seen.length === 2, 30000, 'message produced after the restart');
      expect(seen).toEqual(['before', 'after']);
      expect(joins).toBe(1);
      await c.disconnect();
    } finally {
      await child.stop();
    }
  }, 90000);
});
