// Produce/Fetch/ListOffsets semantics at the protocol level: idempotent dedup, sequence errors,
// long-poll wake-up, per-record timestamp lookup, CRC validation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

let engine: TestEngine;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'pf');
  await conn.connect();
});
afterAll(async () => { conn.close(); await engine.stop(); });

async function createTopic(name: string, partitions = 1): Promise<void> {
  const r = await conn.send(ApiKey.CreateTopics, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  expect(r.topics[0].errorCode).toBe(0);
}

function produce(topic: string, records: Buffer, acks = -1): Promise<any> {
  return conn.send(ApiKey.Produce, { transactionalId: null, acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
}

function fetch(topic: string, offset: number, maxWaitMs = 0, minBytes = 1): Promise<any> {
  return conn.send(ApiKey.Fetch, {
    replicaId: -1, maxWaitMs, minBytes, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
    forgottenTopicsData: [], rackId: '',
  });
}

const rec = (v: string, ts = Date.now()) => ({ key: null, value: Buffer.from(v), timestamp: ts });

describe('produce', () => {
  it('assigns consecutive offsets across batches', async () => {
    await createTopic('pf-offsets');
    const a = await produce('pf-offsets', buildBatch([rec('a'), rec('b'), rec('c')], {}));
    const b = await produce('pf-offsets', buildBatch([rec('d')], {}));
    expect(a.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(b.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 3 });
    const f = await fetch('pf-offsets', 0);
    expect(f.responses[0].partitions[0].highWatermark).toBe(4);
  });

  it('answers pipelined produce requests in order, each with its own result (group commit)', async () => {
    await createTopic('pf-pipelined');
    const init = await conn.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
    const idem = { producerId: init.producerId, producerEpoch: init.producerEpoch, baseSequence: 0 };
    // Sent back to back without awaiting: the engine sees them queued together.
    const sends = [
      produce('pf-pipelined', buildBatch([rec('a'), rec('b')], idem)),
      produce('pf-pipelined', buildBatch([rec('a'), rec('b')], idem)), // duplicate of the first
      produce('pf-missing-topic', buildBatch([rec('x')], {})),
      ...Array.from({ length: 10 }, (_, i) => produce('pf-pipelined', buildBatch([rec(`v${i}`)], { ...idem, baseSequence: 2 + i }))),
    ];
    const replies = (await Promise.all(sends)).map((r: any) => r.responses[0].partitionResponses[0]);
    expect(replies[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(replies[1]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(replies[2].errorCode).toBe(3); // UNKNOWN_TOPIC_OR_PARTITION
    expect(replies.slice(3).map((r: any) => r.baseOffset)).toEqual(Array.from({ length: 10 }, (_, i) => 2 + i));
    const f = await fetch('pf-pipelined', 0);
    expect(f.responses[0].partitions[0].highWatermark).toBe(12);
  });

  it('acknowledges a duplicate idempotent batch with its first offset and stores it once', async () => {
    await createTopic('pf-idem');
    const init = await conn.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
    expect(init.errorCode).toBe(0);
    const opts = { producerId: init.producerId, producerEpoch: init.producerEpoch, baseSequence: 0 };
    const first = await produce('pf-idem', buildBatch([rec('x'), rec('y')], opts));
    const again = await produce('pf-idem', buildBatch([rec('x'), rec('y')], opts));
    expect(first.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(again.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const next = await produce('pf-idem', buildBatch([rec('z')], { ...opts, baseSequence: 2 }));
    expect(next.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 2 });
    const gap = await produce('pf-idem', buildBatch([rec('w')], { ...opts, baseSequence: 9 }));
    expect(gap.responses[0].partitionResponses[0].errorCode).toBe(45); // OUT_OF_ORDER_SEQUENCE_NUMBER
    const f = await fetch('pf-idem', 0);
    expect(f.responses[0].partitions[0].highWatermark).toBe(3);
  });

  it('rejects a batch with a bad CRC as CORRUPT_MESSAGE and stores nothing', async () => {
    await createTopic('pf-crc');
    const b = buildBatch([rec('hello')], {});
    b[b.length - 1] ^= 0xff;
    const r = await produce('pf-crc', b);
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(2);
    expect((await fetch('pf-crc', 0)).responses[0].partitions[0].highWatermark).toBe(0);
  });

  it('answers unknown topics and partitions with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const r = await produce('pf-missing', buildBatch([rec('a')], {}));
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(3);
  });

  it('refuses batches over max.message.bytes with MESSAGE_TOO_LARGE', async () => {
    await createTopic('pf-big');
    const r = await produce('pf-big', buildBatch([rec('x'.repeat(1100000))], {}));
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(10);
  });
});

describe('fetch', () => {
  it('long-polls until a produce arrives', async () => {
    await createTopic('pf-poll');
    const started = Date.now();
    const pending = fetch('pf-poll', 0, 10000);
    // The fetch is waiting on the engine; produce through a second connection.
    const other = new BrokerConnection('127.0.0.1', engine.port, 'pf2');
    await other.connect();
    await other.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'pf-poll', partitionData: [{ index: 0, records: buildBatch([rec('wake')], {}) }] }] });
    const f = await pending;
    other.close();
    expect(f.responses[0].partitions[0].records.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(9000);
  });

  it('returns empty after max_wait_ms when nothing arrives', async () => {
    await createTopic('pf-empty');
    const f = await fetch('pf-empty', 0, 50);
    expect(f.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 0 });
    expect(f.responses[0].partitions[0].records.length).toBe(0);
  });

  it('reports OFFSET_OUT_OF_RANGE past the end', async () => {
    await createTopic('pf-range');
    expect((await fetch('pf-range', 5)).responses[0].partitions[0].errorCode).toBe(1);
  });
});

describe('list offsets', () => {
  it('answers earliest, latest and by timestamp per record', async () => {
    await createTopic('pf-time');
    const t = 1700000000000;
    await produce('pf-time', buildBatch([rec('a', t), rec('b', t + 10), rec('c', t + 20)], {}));
    await produce('pf-time', buildBatch([rec('d', t + 30)], {}));
    const ask = async (timestamp: number) => (await conn.send(ApiKey.ListOffsets, {
      replicaId: -1, isolationLevel: 0, topics: [{ name: 'pf-time', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }],
    })).topics[0].partitions[0];
    expect(await ask(-2)).toMatchObject({ errorCode: 0, offset: 0 });
    expect(await ask(-1)).toMatchObject({ errorCode: 0, offset: 4 });
    expect(await ask(t + 10)).toMatchObject({ offset: 1, timestamp: t + 10 });
    expect(await ask(t + 15)).toMatchObject({ offset: 2, timestamp: t + 20 });
    expect(await ask(t + 25)).toMatchObject({ offset: 3, timestamp: t + 30 });
    expect(await ask(t + 99)).toMatchObject({ offset: -1, timestamp: -1 });
  });
});
