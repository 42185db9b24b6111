// Retention and DeleteRecords: whole segments past retention.ms / retention.bytes disappear on the
// cleaner's tick (an expired active segment too; retention.bytes leaves a lone active segment
// alone, as Kafka 4.4 did) and the log start offset moves (ListOffsets earliest, kcat from the beginning,
// Fetch below it answers OFFSET_OUT_OF_RANGE); DeleteRecords through kafkajs moves it on demand.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, waitFor, ROOT, type TestEngine } from '../helpers/engine';
import { runKcat, type KcatResult } from '../helpers/kcat';
import { createTopic } from '../helpers/tools';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

let engine: TestEngine;
let kafka: Kafka;
beforeAll(async () => {
  engine = await startInProcessEngine({ 'log.retention.check.interval.ms': '100' });
  kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'retention-test', logLevel: logLevel.NOTHING });
}, 30000);
afterAll(async () => { await engine.stop(); });

function kcat(args: string[]): Promise<KcatResult> {
  return runKcat(engine.bootstrap, args);
}

async function offsets(topic: string): Promise<{ low: number; high: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const r = await admin.fetchTopicOffsets(topic);
    return r.sort((a, b) => a.partition - b.partition).map((x) => ({ low: Number(x.low), high: Number(x.high) }));
  } finally {
    await admin.disconnect();
  }
}

/** One batch per call, with the given record timestamps. */
async function produceBatch(conn: any, topic: string, values: string[], timestamp: number): Promise<void> {
  const batch = buildBatch(values.map((v) => ({ key: null, value: Buffer.from(v), timestamp })));
  const res = await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] });
  expect(res.responses[0].partitionResponses[0].errorCode).toBe(0);
}

async function connect(): Promise<any> {
  const conn = new BrokerConnection('127.0.0.1', engine.port, 'retention-test');
  await conn.connect();
  return conn;
}

async function fetchError(conn: any, topic: string, offset: number): Promise<{ errorCode: number; logStartOffset: number }> {
  const res = await conn.send(1, {
    replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [], rackId: '',
  });
  const p = res.responses[0].partitions[0];
  return { errorCode: p.errorCode, logStartOffset: Number(p.logStartOffset) };
}

describe('retention', () => {
  it('retention.ms deletes the segments older than the limit; the log start offset moves; consumers from earliest see the rest', async () => {
    // segment.ms=60000: the new batch, an hour younger, starts a segment of its own.
    await createTopic(engine, 'ret-ms', 1, { 'retention.ms': '60000', 'segment.ms': '60000' });
    const conn = await connect();
    try {
      await produceBatch(conn, 'ret-ms', ['old-1', 'old-2', 'old-3'], Date.now() - 3600_000);
      await produceBatch(conn, 'ret-ms', ['new-1', 'new-2'], Date.now());
      await waitFor(async () => (await offsets('ret-ms'))[0].low === 3, 15000, 'log start offset 3');
      expect(await offsets('ret-ms')).toEqual([{ low: 3, high: 5 }]);
      const c = await kcat(['-C', '-t', 'ret-ms', '-o', 'beginning', '-e', '-q', '-f', '%o %s\n']);
      expect(c.code).toBe(0);
      expect(c.stdout).toBe('3 new-1\n4 new-2\n');
      // Kafka's Fetch below the log start offset: OFFSET_OUT_OF_RANGE (1), with the log start offset.
      expect(await fetchError(conn, 'ret-ms', 0)).toEqual({ errorCode: 1, logStartOffset: 3 });
      expect((await fetchError(conn, 'ret-ms', 3)).errorCode).toBe(0);
    } finally {
      conn.close();
    }
  });

  it('retention.ms=1000: wait, and every record is gone; log start = high watermark, which never moves back', async () => {
    await createTopic(engine, 'ret-all', 1, { 'retention.ms': '1000' });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'ret-all', messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.send({ topic: 'ret-all', messages: [{ value: 'c' }] });
    await waitFor(async () => (await offsets('ret-all'))[0].low === 3, 15000, 'everything deleted');
    expect(await offsets('ret-all')).toEqual([{ low: 3, high: 3 }]);
    // Appending goes on from the high watermark.
    const [meta] = await producer.send({ topic: 'ret-all', messages: [{ value: 'd' }] });
    expect(meta.baseOffset).toBe('3');
    await producer.disconnect();
  });

  it('retention.bytes keeps the newest segments whose total stays at or above the limit', async () => {
    // One batch per segment (internal.segment.bytes=1, which Kafka 4.4 accepts too).
    await createTopic(engine, 'ret-bytes', 1, { 'retention.bytes': '300', 'internal.segment.bytes': '1' });
    const conn = await connect();
    try {
      // Batches of about 100 bytes each (61-byte header + one 30-byte value record).
      for (let i = 0; i < 6; i++) await produceBatch(conn, 'ret-bytes', [`value-${i}-${'x'.repeat(24)}`], Date.now());
      const size = buildBatch([{ key: null, value: Buffer.from(`value-0-${'x'.repeat(24)}`), timestamp: Date.now() }]).length;
      // Kafka keeps deleting the oldest while what stays is still >= retention.bytes.
      let keep = 6;
      while ((keep - 1) * size >= 300) keep--;
      await waitFor(async () => (await offsets('ret-bytes'))[0].low === 6 - keep, 15000, 'retention.bytes applied');
      const c = await kcat(['-C', '-t', 'ret-bytes', '-o', 'beginning', '-e', '-q', '-f', '%o\n']);
      expect(c.stdout.trim().split('\n').map(Number)).toEqual(Array.from({ length: keep }, (_, i) => 6 - keep + i));
    } finally {
      conn.close();
    }
  });

  it('a segment goes only when its newest batch is past retention.ms; retention.bytes leaves a lone active segment, unless it is 0', async () => {
    // Kafka 4.4: retention.ms=15000, one record, 8 s later another: 19 s after the first, nothing
    // is deleted (the segment's largest timestamp is 10 s old); retention.bytes=100 over a 426-byte
    // active segment deletes nothing; retention.bytes=0 deletes everything (a roll first).
    await createTopic(engine, 'ret-seg-ms', 1, { 'retention.ms': '60000' });
    await createTopic(engine, 'ret-seg-bytes', 1, { 'retention.bytes': '100' });
    await createTopic(engine, 'ret-seg-zero', 1, { 'retention.bytes': '0' });
    const conn = await connect();
    try {
      await produceBatch(conn, 'ret-seg-ms', ['old'], Date.now() - 3600_000);
      await produceBatch(conn, 'ret-seg-ms', ['new'], Date.now());
      for (let i = 0; i < 6; i++) await produceBatch(conn, 'ret-seg-bytes', [`value-${i}`], Date.now());
      await produceBatch(conn, 'ret-seg-zero', ['a', 'b'], Date.now());
      // ret-seg-zero emptied proves retention passes went over the other two.
      await waitFor(async () => (await offsets('ret-seg-zero'))[0].low === 2, 15000, 'retention.bytes=0 applied');
      expect(await offsets('ret-seg-zero')).toEqual([{ low: 2, high: 2 }]);
      expect(await offsets('ret-seg-ms')).toEqual([{ low: 0, high: 2 }]);
      expect(await offsets('ret-seg-bytes')).toEqual([{ low: 0, high: 6 }]);
      // Appends after the roll go on from the log end.
      await produceBatch(conn, 'ret-seg-zero', ['c'], Date.now());
      expect(await offsets('ret-seg-zero')).toEqual([{ low: 2, high: 3 }]);
    } finally {
      conn.close();
    }
  });

  it('cleanup.policy=compact alone is not subject to retention', async () => {
    await createTopic(engine, 'ret-compact', 1, { 'retention.ms': '1', 'cleanup.policy': 'compact' });
    const conn = await connect();
    try {
      const batch = buildBatch([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: Date.now() - 3600_000 }]);
      const res = await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'ret-compact', partitionData: [{ index: 0, records: batch }] }] });
      expect(res.responses[0].partitionResponses[0].errorCode).toBe(0);
      // A later retention-checked topic proves a few cleaner ticks went by.
      await createTopic(engine, 'ret-tick', 1, { 'retention.ms': '1' });
      await produceBatch(conn, 'ret-tick', ['x'], Date.now() - 10_000);
      await waitFor(async () => (await offsets('ret-tick'))[0].low === 1, 15000, 'tick');
      expect(await offsets('ret-compact')).toEqual([{ low: 0, high: 1 }]);
    } finally {
      conn.close();
    }
  });
});

describe('ListOffsets', () => {
  it('answers timestamps per record, refuses sentinels newer than the request version and duplicated partitions', async () => {
    // Timestamps of 1970: without retention.ms=-1 the 100 ms retention check could delete them mid-test.
    await createTopic(engine, 'lo-sentinels', 1, { 'retention.ms': '-1' });
    const conn = await connect();
    try {
      await produceBatch(conn, 'lo-sentinels', ['a'], 1000);
      const batch = buildBatch([1000, 2000, 3000].map((ts, i) => ({ key: null, value: Buffer.from(`r${i}`), timestamp: ts })));
      await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'lo-sentinels', partitionData: [{ index: 0, records: batch }] }] });
      const ask = async (partitions: { partitionIndex: number; timestamp: number }[]) => {
        const res = await conn.send(2, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'lo-sentinels', partitions: partitions.map((x) => ({ ...x, currentLeaderEpoch: -1 })) }] });
        return res.topics[0].partitions.map((x: any) => [x.errorCode, Number(x.offset), Number(x.timestamp)]);
      };
      // Offsets: 0 (ts 1000), 1..3 (ts 1000, 2000, 3000) in one batch.
      expect(await ask([{ partitionIndex: 0, timestamp: 1500 }])).toEqual([[0, 2, 2000]]);
      expect(await ask([{ partitionIndex: 0, timestamp: -2 }])).toEqual([[0, 0, -1]]);
      expect(await ask([{ partitionIndex: 0, timestamp: -1 }])).toEqual([[0, 4, -1]]);
      // MAX_TIMESTAMP (v7+): the record with the largest timestamp; below v7 Kafka's KafkaApis
      // answers UNSUPPORTED_VERSION.
      expect(await ask([{ partitionIndex: 0, timestamp: -3 }])).toEqual([[0, 3, 3000]]);
      const v5 = await conn.request(2, 5, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'lo-sentinels', partitions: [{ partitionIndex: 0, timestamp: -3, currentLeaderEpoch: -1 }] }] });
      expect(v5.topics[0].partitions[0].errorCode).toBe(35);
      expect(await ask([{ partitionIndex: 0, timestamp: -9 }])).toEqual([[35, -1, -1]]);
      // EARLIEST_LOCAL (v8+) = the log start offset, LATEST_TIERED (v9+) = -1 without tiered
      // storage (UnifiedLog.fetchOffsetByTimestamp); v7 refuses both.
      expect(await ask([{ partitionIndex: 0, timestamp: -4 }])).toEqual([[0, 0, -1]]);
      expect(await ask([{ partitionIndex: 0, timestamp: -5 }])).toEqual([[0, -1, -1]]);
      for (const ts of [-4, -5]) {
        const v7 = await conn.request(2, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'lo-sentinels', partitions: [{ partitionIndex: 0, timestamp: ts, currentLeaderEpoch: -1 }] }] });
        expect(v7.topics[0].partitions[0].errorCode).toBe(35);
      }
      expect(await ask([{ partitionIndex: 0, timestamp: -1 }, { partitionIndex: 0, timestamp: -2 }])).toEqual([[42, -1, -1], [42, -1, -1]]);
    } finally {
      conn.close();
    }
  });
});

describe('log.retention.check.interval.ms', () => {
  it('is a dynamic broker config: altering it re-arms the cleaner', async () => {
    const other = await startInProcessEngine(); // default interval: 5 minutes
    const k = new Kafka({ brokers: [other.bootstrap], clientId: 'retention-interval', logLevel: logLevel.NOTHING });
    const admin = k.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'ret-dyn', configEntries: [{ name: 'retention.ms', value: '1000' }] }] });
      const producer = k.producer();
      await producer.connect();
      await producer.send({ topic: 'ret-dyn', messages: [{ value: 'old', timestamp: String(Date.now() - 60_000) }] });
      await producer.disconnect();
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.retention.check.interval.ms', value: '100' }] }] });
      await waitFor(async () => (await admin.fetchTopicOffsets('ret-dyn'))[0].low === '1', 15000, 'retention after the interval change');
    } finally {
      await admin.disconnect();
      await other.stop();
    }
  });

  it('the first check runs log.initial.task.delay.ms after start (Kafka: 30 s), not a whole interval later', async () => {
    // Records already past retention.ms when the engine starts, the stock 5-minute interval: only
    // the initial check (here lowered from 30 s to 200 ms) can delete them.
    const first = await startInProcessEngine();
    const dir = first.dir;
    const k1 = new Kafka({ brokers: [first.bootstrap], clientId: 'retention-initial', logLevel: logLevel.NOTHING });
    const a1 = k1.admin();
    await a1.connect();
    try {
      await a1.createTopics({ topics: [{ topic: 'ret-initial', configEntries: [{ name: 'retention.ms', value: '60000' }] }] });
      const producer = k1.producer();
      await producer.connect();
      await producer.send({ topic: 'ret-initial', messages: [{ value: 'old', timestamp: String(Date.now() - 3600_000) }] });
      await producer.disconnect();
    } finally {
      await a1.disconnect();
      await first.stop();
    }
    const second = await startInProcessEngine({ 'log.dirs': dir, 'log.initial.task.delay.ms': '200' });
    const k2 = new Kafka({ brokers: [second.bootstrap], clientId: 'retention-initial-2', logLevel: logLevel.NOTHING });
    const a2 = k2.admin();
    await a2.connect();
    try {
      await waitFor(async () => (await a2.fetchTopicOffsets('ret-initial'))[0].low === '1', 15000, 'the initial retention check');
    } finally {
      await a2.disconnect();
      await second.stop();
    }
  });
});

describe('DeleteRecords', () => {
  it('moves the low watermark (mid-batch too), -1 means the high watermark, beyond it is OFFSET_OUT_OF_RANGE', async () => {
    await createTopic(engine, 'del-recs', 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'del-recs', messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.send({ topic: 'del-recs', messages: [{ value: 'd' }, { value: 'e' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: ['del-recs'] }); // kafkajs needs the leaders loaded
      await admin.deleteTopicRecords({ topic: 'del-recs', partitions: [{ partition: 0, offset: '2' }] });
      expect(await offsets('del-recs')).toEqual([{ low: 2, high: 5 }]);
      // The batch holding offset 2 stays whole; consumers skip the records below the log start.
      const c = await kcat(['-C', '-t', 'del-recs', '-o', 'beginning', '-e', '-q', '-f', '%o %s\n']);
      expect(c.stdout).toBe('2 c\n3 d\n4 e\n');
      await expect(admin.deleteTopicRecords({ topic: 'del-recs', partitions: [{ partition: 0, offset: '6' }] }))
        .rejects.toThrow();
      await admin.deleteTopicRecords({ topic: 'del-recs', partitions: [{ partition: 0, offset: '-1' }] });
      expect(await offsets('del-recs')).toEqual([{ low: 5, high: 5 }]);
      // Never backwards.
      await admin.deleteTopicRecords({ topic: 'del-recs', partitions: [{ partition: 0, offset: '1' }] });
      expect(await offsets('del-recs')).toEqual([{ low: 5, high: 5 }]);
    } finally {
      await admin.disconnect();
    }
  });

  it('answers per partition: low watermark, OFFSET_OUT_OF_RANGE, POLICY_VIOLATION for compact-only topics, unknown partitions', async () => {
    await createTopic(engine, 'del-raw', 2);
    await createTopic(engine, 'del-compacted', 1, { 'cleanup.policy': 'compact' });
    const conn = await connect();
    try {
      await produceBatch(conn, 'del-raw', ['a', 'b', 'c'], Date.now());
      const res = await conn.send(21, {
        timeoutMs: 1000,
        topics: [
          { name: 'del-raw', partitions: [{ partitionIndex: 0, offset: 1 }, { partitionIndex: 1, offset: 1 }, { partitionIndex: 7, offset: 0 }] },
          { name: 'del-compacted', partitions: [{ partitionIndex: 0, offset: 0 }] },
        ],
      });
      expect(res.topics).toEqual([
        { name: 'del-raw', partitions: [
          { partitionIndex: 0, lowWatermark: 1, errorCode: 0 },
          { partitionIndex: 1, lowWatermark: -1, errorCode: 1 },
          { partitionIndex: 7, lowWatermark: -1, errorCode: 3 },
        ] },
        { name: 'del-compacted', partitions: [{ partitionIndex: 0, lowWatermark: -1, errorCode: 44 }] },
      ]);
    } finally {
      conn.close();
    }
  });

  it('the log start offset survives a restart', async () => {
    // In-process restart on the same log.dirs.
    const dir = engine.dir;
    await createTopic(engine, 'del-persist', 1);
    const conn = await connect();
    await produceBatch(conn, 'del-persist', ['a', 'b', 'c', 'd'], Date.now());
    const res = await conn.send(21, { timeoutMs: 1000, topics: [{ name: 'del-persist', partitions: [{ partitionIndex: 0, offset: 3 }] }] });
    expect(res.topics[0].partitions[0].lowWatermark).toBe(3);
    conn.close();
    await engine.stop();
    engine = await startInProcessEngine({ 'log.retention.check.interval.ms': '100', 'log.dirs': dir });
    kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'retention-test', logLevel: logLevel.NOTHING });
    expect(await offsets('del-persist')).toEqual([{ low: 3, high: 4 }]);
  });
});
