// kafkajs transactions against the engine: commit and abort read back by a read_committed group
// consumer (kafkajs's default) and a readUncommitted one, and a zombie producer fenced by a new
// instance of its transactional id.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startInProcessEngine, TestEngine, waitFor } from '../helpers/engine';

let engine: TestEngine;
let kafka: Kafka;

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' });
  kafka = new Kafka({ clientId: 'kjs-tx', brokers: [engine.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kjs-tx', numPartitions: 1 }, { topic: 'kjs-zombie', numPartitions: 1 }] });
  await admin.disconnect();
});
afterAll(async () => { await engine.stop(); });

/** The values a group consumer reads from the start of the topic, once `count` arrived. */
async function consume(topic: string, groupId: string, count: number, readUncommitted = false): Promise<string[]> {
  const consumer: Consumer = kafka.consumer({ groupId, readUncommitted, maxWaitTimeInMs: 100 });
  const got: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => { got.push(message.value!.toString()); } });
  try {
    await waitFor(() => got.length >= count, 20000, `${count} records of ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return got;
}

describe('kafkajs transactions', () => {
  it('commit and abort: read_committed sees only the committed records, in order', async () => {
    const producer = kafka.producer({ transactionalId: 'kjs-tx-1', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = async (values: string[], commit: boolean) => {
      const txn = await producer.transaction();
      await txn.send({ topic: 'kjs-tx', messages: values.map((value) => ({ value })) });
      if (commit) await txn.commit();
      else await txn.abort();
    };
    await send(['c1', 'c2'], true);
    await send(['a1', 'a2'], false);
    await send(['c3'], true);
    await producer.disconnect();
    expect(await consume('kjs-tx', 'kjs-tx-committed', 3)).toEqual(['c1', 'c2', 'c3']);
    expect(await consume('kjs-tx', 'kjs-tx-uncommitted', 5, true)).toEqual(['c1', 'c2', 'a1', 'a2', 'c3']);
  });

  it('a zombie is fenced once a new producer with its transactional id begins a transaction', async () => {
    const zombie = kafka.producer({ transactionalId: 'kjs-zombie', idempotent: true, maxInFlightRequests: 1, retry: { retries: 1, initialRetryTime: 50 } });
    await zombie.connect();
    const txn = await zombie.transaction();
    await txn.send({ topic: 'kjs-zombie', messages: [{ value: 'zombie' }] });
    const successor = kafka.producer({ transactionalId: 'kjs-zombie', idempotent: true, maxInFlightRequests: 1 });
    await successor.connect();
    // kafkajs initialises the transactional id at its first transaction: InitProducerId aborts the
    // zombie's transaction and bumps the epoch.
    const next = await successor.transaction();
    const err = await txn.commit().then(() => null, (e) => e);
    // EndTxn v1 (kafkajs's): INVALID_PRODUCER_EPOCH, as Kafka answers versions before PRODUCER_FENCED.
    expect(err?.type).toBe('INVALID_PRODUCER_EPOCH');
    await next.send({ topic: 'kjs-zombie', messages: [{ value: 'successor' }] });
    await next.commit();
    await successor.disconnect();
    await zombie.disconnect();
    expect(await consume('kjs-zombie', 'kjs-zombie-reader', 1)).toEqual(['successor']);
  });
});
