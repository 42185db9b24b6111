// Produce-time limits: min.insync.replicas with acks=all, max.message.bytes / message.max.bytes,
// message.timestamp.type=LogAppendTime (read back by kcat with CRC checks on) and the timestamp
// bounds, seen through kafkajs, kcat and raw Produce responses (error messages, record errors).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, ROOT, type TestEngine } from '../helpers/engine';
import { runKcat, type KcatResult } from '../helpers/kcat';
import { createTopic } from '../helpers/tools';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

let engine: TestEngine;
let kafka: Kafka;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine({ 'message.max.bytes': '5000' });
  kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'limits-test', logLevel: logLevel.NOTHING });
  conn = new BrokerConnection('127.0.0.1', engine.port, 'limits-test');
  await conn.connect();
}, 30000);
afterAll(async () => {
  conn?.close();
  await engine.stop();
});

function kcat(args: string[]): Promise<KcatResult> {
  return runKcat(engine.bootstrap, args);
}

async function rawProduce(topic: string, records: { key?: string; value: string; timestamp: number }[], acks = -1): Promise<any> {
  const batch = buildBatch(records.map((r) => ({ key: r.key === undefined ? null : Buffer.from(r.key), value: Buffer.from(r.value), timestamp: r.timestamp })));
  const res = await conn.send(0, { transactionalId: null, acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] });
  return res.responses[0].partitionResponses[0];
}

describe('min.insync.replicas', () => {
  it('acks=all is refused with NOT_ENOUGH_REPLICAS when the ISR is smaller; acks=1 still works', async () => {
    await createTopic(engine, 'lim-isr', 1, { 'min.insync.replicas': '2' });
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: 'lim-isr', acks: -1, messages: [{ value: 'x' }] }))
        .rejects.toMatchObject({ cause: { type: 'NOT_ENOUGH_REPLICAS', code: 19 } });
      const [meta] = await producer.send({ topic: 'lim-isr', acks: 1, messages: [{ value: 'y' }] });
      expect(meta.baseOffset).toBe('0');
    } finally {
      await producer.disconnect();
    }
    const r = await rawProduce('lim-isr', [{ value: 'z', timestamp: Date.now() }]);
    expect({ errorCode: r.errorCode, errorMessage: r.errorMessage }).toEqual({ errorCode: 19, errorMessage: null });
  });
});

describe('message size', () => {
  it('a batch above the topic max.message.bytes is MESSAGE_TOO_LARGE (RecordTooLargeException)', async () => {
    await createTopic(engine, 'lim-size', 1, { 'max.message.bytes': '1000' });
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: 'lim-size', messages: [{ value: 'x'.repeat(2000) }] }))
        .rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
      await producer.send({ topic: 'lim-size', messages: [{ value: 'x'.repeat(500) }] });
    } finally {
      await producer.disconnect();
    }
  });

  it('without a topic override the broker message.max.bytes applies', async () => {
    await createTopic(engine, 'lim-broker-size', 1);
    expect((await rawProduce('lim-broker-size', [{ value: 'x'.repeat(6000), timestamp: Date.now() }])).errorCode).toBe(10);
    expect((await rawProduce('lim-broker-size', [{ value: 'x'.repeat(4000), timestamp: Date.now() }])).errorCode).toBe(0);
  });
});

describe('dynamic message.max.bytes', () => {
  it('a broker config altered at runtime applies to topics without an override', async () => {
    await createTopic(engine, 'lim-dyn-size', 1);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'message.max.bytes', value: '500' }] }] });
      expect((await rawProduce('lim-dyn-size', [{ value: 'x'.repeat(1000), timestamp: Date.now() }])).errorCode).toBe(10);
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [] }] });
      expect((await rawProduce('lim-dyn-size', [{ value: 'x'.repeat(1000), timestamp: Date.now() }])).errorCode).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('message.timestamp.type=LogAppendTime', () => {
  it('stamps the broker time into the batch (valid CRC for kcat check.crcs) and returns it as logAppendTime', async () => {
    await createTopic(engine, 'lim-lat', 1, { 'message.timestamp.type': 'LogAppendTime' });
    const producer = kafka.producer();
    await producer.connect();
    const before = Date.now();
    const [meta] = await producer.send({ topic: 'lim-lat', messages: [{ value: 'a', timestamp: '1000' }, { value: 'b', timestamp: '2000' }] });
    const after = Date.now();
    await producer.disconnect();
    const lat = Number(meta.logAppendTime);
    expect(lat).toBeGreaterThanOrEqual(before);
    expect(lat).toBeLessThanOrEqual(after);
    const c = await kcat(['-X', 'check.crcs=true', '-C', '-t', 'lim-lat', '-o', 'beginning', '-e', '-q', '-f', '%T %s\n']);
    expect(c.stderr).toBe('');
    expect(c.stdout).toBe(`${lat} a\n${lat} b\n`);
    // CreateTime topics answer logAppendTime -1.
    await createTopic(engine, 'lim-ct', 1);
    const r = await rawProduce('lim-ct', [{ value: 'c', timestamp: 1000 }]);
    expect([r.errorCode, Number(r.logAppendTimeMs)]).toEqual([0, -1]);
  });
});

describe('timestamp bounds', () => {
  it('message.timestamp.before.max.ms / after.max.ms reject records out of range with INVALID_TIMESTAMP', async () => {
    await createTopic(engine, 'lim-ts', 1, { 'message.timestamp.before.max.ms': '3600000', 'message.timestamp.after.max.ms': '60000' });
    const old = Date.now() - 7200_000;
    const r = await rawProduce('lim-ts', [{ value: 'ok', timestamp: Date.now() }, { value: 'old', timestamp: old }]);
    expect(r.errorCode).toBe(32);
    expect(r.errorMessage).toBe('One or more records have been rejected due to invalid timestamp');
    expect(r.recordErrors).toHaveLength(1);
    expect(r.recordErrors[0].batchIndex).toBe(1);
    expect(r.recordErrors[0].batchIndexErrorMessage).toMatch(
      new RegExp(`^Timestamp ${old} of message with offset 1 is out of range\\. The timestamp should be within \\[(\\d+), (\\d+)\\]$`),
    );
    const [, lo, hi] = /\[(\d+), (\d+)\]/.exec(r.recordErrors[0].batchIndexErrorMessage)!;
    expect(Number(hi) - Number(lo)).toBe(3600000 + 60000);
    const future = await rawProduce('lim-ts', [{ value: 'future', timestamp: Date.now() + 600_000 }]);
    expect(future.errorCode).toBe(32);
    expect((await rawProduce('lim-ts', [{ value: 'now', timestamp: Date.now() }])).errorCode).toBe(0);
    // kafkajs sees InvalidTimestamp too.
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    await expect(producer.send({ topic: 'lim-ts', messages: [{ value: 'x', timestamp: String(old) }] }))
      .rejects.toMatchObject({ type: 'INVALID_TIMESTAMP' });
    await producer.disconnect();
  });

  it('by default (Kafka 4) records more than an hour in the future are refused, old ones kept', async () => {
    await createTopic(engine, 'lim-after', 1);
    const now = Date.now();
    const r = await rawProduce('lim-after', [{ value: 'future', timestamp: now + 2 * 3600_000 }]);
    expect(r.errorCode).toBe(32);
    const [, lo, hi] = /\[(-?\d+), (\d+)\]/.exec(r.recordErrors[0].batchIndexErrorMessage)!;
    expect(Number(hi) - now).toBeGreaterThanOrEqual(3600_000 - 5000);
    expect(Number(hi) - now).toBeLessThanOrEqual(3600_000 + 5000);
    void lo;
    expect((await rawProduce('lim-after', [{ value: 'old', timestamp: 1000 }])).errorCode).toBe(0);
  });

  it('LogAppendTime topics do not check producer timestamps', async () => {
    await createTopic(engine, 'lim-lat-bounds', 1, { 'message.timestamp.type': 'LogAppendTime', 'message.timestamp.before.max.ms': '1000' });
    expect((await rawProduce('lim-lat-bounds', [{ value: 'old', timestamp: 1000 }])).errorCode).toBe(0);
  });
});

describe('internal topics', () => {
  it('clients cannot append to __consumer_offsets (INVALID_TOPIC_EXCEPTION)', async () => {
    // FindCoordinator creates __consumer_offsets (the group coordinator does, as Kafka's).
    await conn.send(10, { key: 'limits-group', keyType: 0 });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('__consumer_offsets');
    await admin.disconnect();
    const r = await rawProduce('__consumer_offsets', [{ key: 'k', value: 'v', timestamp: Date.now() }]);
    expect(r.errorCode).toBe(17);
  });
});
