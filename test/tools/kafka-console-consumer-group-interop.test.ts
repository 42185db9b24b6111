// kafka-console-consumer in groups with other clients: a librdkafka member (kcat -G, "range") and
// kafkajs members speaking "roundrobin" (each as the leader in turn) split the partitions with ours
// exclusively, through Kafka's ConsumerProtocol subscription and assignment bytes; a kafkajs group
// with no assignor in common is refused with Kafka's fatal JoinGroup error.
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { Kafka, logLevel, PartitionAssigners, type Consumer } from 'kafkajs';
import { waitFor, type TestEngine } from '../helpers/engine';
import { kcatProduce, members, owners, partitionsIn } from '../helpers/groups';
import { createTopic, expectRun, runMasked, withoutNotice, stripNotice, startTool, useEngine, type Running } from '../helpers/tools';

// Without the KIP-848 notice of group consumers (kafka-console-consumer.test.ts checks it).
const cc = async (args: string[]) => withoutNotice(await runMasked('kafka-console-consumer', args));

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const SHOW = ['--formatter-property', 'print.partition=true', '--formatter-property', 'print.offset=true'];
/** Our member notices a rebalance within 300 ms. */
const HB = ['--command-property', 'heartbeat.interval.ms=300'];

describe('consumer groups with other clients', () => {
  it('kcat -G (librdkafka, range) and our console consumer in one group split the partitions exclusively', async () => {
    await createTopic(engine, 'mixed', 4);
    const ours = startTool('kafka-console-consumer', [...B, '--topic', 'mixed', '--group', 'gk', ...HB, ...SHOW]);
    let kcat: ChildProcess | null = null;
    let kout = '';
    try {
      await waitFor(async () => (await owners(engine.bootstrap, 'gk')).size === 4, 20000, 'our member owns all partitions');
      kcat = spawn('kcat', ['-b', engine.bootstrap, '-G', 'gk', '-X', 'partition.assignment.strategy=range', '-X', 'auto.offset.reset=earliest', '-u', '-f', 'Partition:%p\tOffset:%o\t%s\n', '-q', 'mixed'], { stdio: ['ignore', 'pipe', 'pipe'] });
      kcat.stdout!.setEncoding('utf8');
      kcat.stdout!.on('data', (d) => { kout += d; });
      const split = await waitFor(async () => {
        const o = await owners(engine.bootstrap, 'gk');
        return o.size === 4 && members(o).size === 2 ? o : null;
      }, 30000, 'two members');
      const clients = new Set([...split.values()].map((o) => o.clientId));
      expect(clients).toEqual(new Set(['console-consumer', 'rdkafka']));
      for (let p = 0; p < 4; p++) await kcatProduce(engine.bootstrap, 'mixed', [`m-${p}-a`, `m-${p}-b`], p);
      await waitFor(() => (ours.stdout() + kout).split('\n').filter(Boolean).length === 8, 20000, 'eight records').catch((e) => {
        throw new Error(`${e.message}\nours:\n${ours.stdout()}${ours.stderr()}\nkcat:\n${kout}\n${JSON.stringify([...split])}`);
      });
      const seenOurs = partitionsIn(ours.stdout());
      const seenKcat = partitionsIn(kout);
      expect(seenOurs.size).toBe(2);
      expect(seenKcat.size).toBe(2);
      expect([...seenOurs].filter((p) => seenKcat.has(p))).toEqual([]);
      const oursByDescribe = new Set([...split].filter(([, o]) => o.clientId === 'console-consumer').map(([p]) => p));
      expect(seenOurs).toEqual(oursByDescribe);
    } finally {
      ours.kill('SIGTERM');
      kcat?.kill('SIGTERM');
      await ours.exited;
    }
  });

  it('a group whose members share no assignor (kafkajs speaks "RoundRobinAssigner"): Kafka\'s fatal JoinGroup error', async () => {
    await createTopic(engine, 'noshare', 2);
    const kafka = new Kafka({ clientId: 'kjs', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'gx', sessionTimeout: 10000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: ['noshare'] });
      let joined = false;
      consumer.on(consumer.events.GROUP_JOIN, () => { joined = true; });
      await consumer.run({ eachMessage: async () => undefined });
      await waitFor(() => joined, 20000, 'kafkajs joined');
      const message = "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list.";
      expectRun(await cc([...B, '--topic', 'noshare', '--group', 'gx']), 0, '',
        `[<ts>] ERROR [Consumer clientId=console-consumer, groupId=gx] JoinGroup failed due to fatal error: ${message} (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)\n` +
        '[<ts>] ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n' +
        `org.apache.kafka.common.errors.InconsistentGroupProtocolException: ${message}\nProcessed a total of 0 messages\n`);
    } finally {
      await consumer.disconnect();
    }
  });

  for (const kafkajsFirst of [true, false]) {
    it(`a kafkajs member speaking "roundrobin" shares the group with ours (leader: ${kafkajsFirst ? 'kafkajs' : 'ours'})`, async () => {
      const topic = `kjs-rr-${kafkajsFirst ? 'a' : 'b'}`;
      const group = `gkjs-${kafkajsFirst ? 'a' : 'b'}`;
      await createTopic(engine, topic, 4);
      const kafka = new Kafka({ clientId: 'kjs', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING });
      // kafkajs's round robin under the protocol name the Java RoundRobinAssignor uses.
      const roundrobin = (config: any) => ({ ...PartitionAssigners.roundRobin(config), name: 'roundrobin' });
      const consumer: Consumer = kafka.consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 300, maxWaitTimeInMs: 100, partitionAssigners: [roundrobin as any] });
      const kjsSeen = new Set<number>();
      let ours: Running | null = null;
      const startOurs = () => {
        ours = startTool('kafka-console-consumer', [...B, '--topic', topic, '--group', group, ...HB, ...SHOW,
          '--command-property', 'partition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor']);
      };
      const startKafkajs = async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: [topic] });
        await consumer.run({ eachMessage: async ({ partition }) => { kjsSeen.add(partition); } });
      };
      try {
        if (kafkajsFirst) {
          await startKafkajs();
          await waitFor(async () => (await owners(engine.bootstrap, group)).size === 4, 20000, 'kafkajs owns all');
          startOurs();
        } else {
          startOurs();
          await waitFor(async () => (await owners(engine.bootstrap, group)).size === 4, 20000, 'ours owns all');
          await startKafkajs();
        }
        const split = await waitFor(async () => {
          const o = await owners(engine.bootstrap, group);
          return o.size === 4 && members(o).size === 2 ? o : null;
        }, 30000, 'two members');
        const oursByDescribe = new Set([...split].filter(([, o]) => o.clientId === 'console-consumer').map(([p]) => p));
        expect(oursByDescribe.size).toBe(2);
        for (let p = 0; p < 4; p++) await kcatProduce(engine.bootstrap, topic, [`r-${p}`], p);
        await waitFor(() => kjsSeen.size + partitionsIn(ours!.stdout()).size === 4, 20000, 'one record per partition');
        expect(partitionsIn(ours!.stdout())).toEqual(oursByDescribe);
        expect([...kjsSeen].filter((p) => oursByDescribe.has(p))).toEqual([]);
      } finally {
        await consumer.disconnect();
        ours?.kill('SIGTERM');
        if (ours) await ours!.exited;
      }
    });
  }

});
