// Compaction: the latest value per key survives with its offset unchanged, tombstones go after
// delete.retention.ms, the active segment is left alone (with the default 1 GiB / 7 days a small
// topic is not compacted at all, as on Kafka; the tutorial settings segment.ms=100 and a ratio of
// 0.01 give what Kafka 4.4 showed, also across an engine restart), min.compaction.lag.ms and
// min.cleanable.dirty.ratio hold the cleaner back, and a compacted topic refuses records without
// a key at produce time. Read back with kcat (CRC checked), kafka-python and kafkajs.
// Most cases use internal.segment.bytes=1 (Kafka 4.4 accepts it too): every batch is a segment
// of its own, so the active segment is the last batch.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { spawnEngine, startInProcessEngine, tempDir, waitFor, ROOT, type TestEngine } from '../helpers/engine';
import { runKcat, type KcatResult } from '../helpers/kcat';
import { createTopic } from '../helpers/tools';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

let engine: TestEngine;
let kafka: Kafka;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine({ 'log.cleaner.backoff.ms': '50' });
  kafka = new Kafka({ brokers: [engine.bootstrap], clientId: 'compaction-test', logLevel: logLevel.NOTHING });
  conn = new BrokerConnection('127.0.0.1', engine.port, 'compaction-test');
  await conn.connect();
}, 30000);
afterAll(async () => {
  conn?.close();
  await engine.stop();
});

function kcat(args: string[]): Promise<KcatResult> {
  return runKcat(engine.bootstrap, ['-X', 'check.crcs=true', ...args]);
}

/** Everything in partition 0 as `offset key=value` lines (NULL for a null value). */
async function readAll(topic: string): Promise<string> {
  const r = await kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-Z', '-f', '%o %k=%s\n']);
  expect(r.stderr).toBe('');
  return r.stdout;
}

type Rec = [string | null, string | null];

/** Produce one batch of keyed records; returns the error code. */
async function produce(topic: string, recs: Rec[], timestamp = Date.now(), gzip = false): Promise<any> {
  const batch = buildBatch(recs.map(([k, v]) => ({
    key: k === null ? null : Buffer.from(k), value: v === null ? null : Buffer.from(v), timestamp,
  })), gzip ? { compression: 'gzip' } : {});
  const res = await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] });
  return res.responses[0].partitionResponses[0];
}

/** Several batches (one per list) in one Produce request. */
async function produceBatches(topic: string, batches: Rec[][]): Promise<any> {
  const records = Buffer.concat(batches.map((recs) => buildBatch(recs.map(([k, v]) => ({
    key: k === null ? null : Buffer.from(k), value: v === null ? null : Buffer.from(v), timestamp: Date.now(),
  })))));
  const res = await conn.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return res.responses[0].partitionResponses[0];
}

const ONE_BATCH_SEGMENTS = { 'internal.segment.bytes': '1' };
const COMPACT = { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01', ...ONE_BATCH_SEGMENTS };

describe('compaction', () => {
  it('keeps the latest record per key at its offset; tombstones stay within delete.retention.ms; the active segment is untouched', async () => {
    await createTopic(engine, 'cmp-basic', 1, COMPACT);
    for (const recs of [[['k1', 'v1'], ['k2', 'v1']], [['k1', 'v2']], [['k3', 'v1'], ['k2', null]], [['k1', 'v3'], ['k3', 'v2']]] as Rec[][]) {
      expect((await produce('cmp-basic', recs)).errorCode).toBe(0);
    }
    // Offsets: 0 k1=v1, 1 k2=v1, 2 k1=v2, 3 k3=v1, 4 k2=NULL, 5 k1=v3, 6 k3=v2 (active segment: 5-6).
    await waitFor(async () => (await readAll('cmp-basic')).startsWith('2 '), 15000, 'compaction');
    expect(await readAll('cmp-basic')).toBe('2 k1=v2\n3 k3=v1\n4 k2=NULL\n5 k1=v3\n6 k3=v2\n');
    // A new batch rolls a segment and makes 5-6 cleanable.
    expect((await produce('cmp-basic', [['k4', 'v1']])).errorCode).toBe(0);
    await waitFor(async () => (await readAll('cmp-basic')).startsWith('4 '), 15000, 'second pass');
    expect(await readAll('cmp-basic')).toBe('4 k2=NULL\n5 k1=v3\n6 k3=v2\n7 k4=v1\n');
    // The log start and end offsets do not move.
    const admin = kafka.admin();
    await admin.connect();
    const offs = await admin.fetchTopicOffsets('cmp-basic');
    await admin.disconnect();
    expect(offs.map((o) => [o.low, o.high])).toEqual([['0', '8']]);
  }, 60000);

  it('removes tombstones once delete.retention.ms has passed, compressed batches included', async () => {
    await createTopic(engine, 'cmp-tomb', 1, { ...COMPACT, 'delete.retention.ms': '0' });
    expect((await produce('cmp-tomb', [['a', '1'], ['b', '1'], ['c', '1']], Date.now(), true)).errorCode).toBe(0);
    expect((await produce('cmp-tomb', [['a', null], ['b', '2']], Date.now(), true)).errorCode).toBe(0);
    expect((await produce('cmp-tomb', [['z', 'end']])).errorCode).toBe(0);
    await waitFor(async () => (await readAll('cmp-tomb')) === '2 c=1\n4 b=2\n5 z=end\n', 15000, 'tombstone removal');
  });

  it('min.compaction.lag.ms keeps young batches out of the cleaner', async () => {
    await createTopic(engine, 'cmp-lag', 1, { ...COMPACT, 'min.compaction.lag.ms': '3600000' });
    const old = Date.now() - 7200_000;
    expect((await produce('cmp-lag', [['k', 'old-1']], old)).errorCode).toBe(0);
    expect((await produce('cmp-lag', [['k', 'old-2']], old)).errorCode).toBe(0);
    expect((await produce('cmp-lag', [['k', 'young-1']])).errorCode).toBe(0);
    expect((await produce('cmp-lag', [['k', 'young-2']])).errorCode).toBe(0);
    // Only the two old batches are cleanable: old-1 goes, old-2 stays (the map covers only them).
    await waitFor(async () => (await readAll('cmp-lag')).startsWith('1 '), 15000, 'lagged compaction');
    expect(await readAll('cmp-lag')).toBe('1 k=old-2\n2 k=young-1\n3 k=young-2\n');
  });

  it('min.cleanable.dirty.ratio: a mostly clean log is left alone until enough is dirty', async () => {
    await createTopic(engine, 'cmp-ratio', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.9', ...ONE_BATCH_SEGMENTS });
    // LogCleanerManager wants the dirty ratio strictly above the minimum: with 1 a log is never
    // cleaned, even when all of it is dirty.
    await createTopic(engine, 'cmp-ratio-1', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '1', ...ONE_BATCH_SEGMENTS });
    expect((await produceBatches('cmp-ratio-1', [0, 1, 2].map((i): Rec[] => [['k', `v${i}`]]))).errorCode).toBe(0);
    // Three batches in one request, so that no cleaner pass sees only some of them.
    expect((await produceBatches('cmp-ratio', [0, 1, 2].map((i): Rec[] => [['k', `v${i}`]]))).errorCode).toBe(0);
    // First pass: both cleanable batches are dirty (ratio 1 > 0.9): v0 goes.
    await waitFor(async () => (await readAll('cmp-ratio')).startsWith('1 '), 15000, 'first pass');
    // Then one clean and one dirty cleanable batch of the same size: ratio 0.5 < 0.9, left alone.
    expect((await produce('cmp-ratio', [['k', 'v3']])).errorCode).toBe(0);
    // A topic created afterwards getting cleaned proves that cleaner passes went by.
    await createTopic(engine, 'cmp-tick', 1, COMPACT);
    for (let i = 0; i < 3; i++) expect((await produce('cmp-tick', [['x', `${i}`]])).errorCode).toBe(0);
    await waitFor(async () => (await readAll('cmp-tick')).startsWith('1 '), 15000, 'other topic cleaned');
    expect(await readAll('cmp-ratio')).toBe('1 k=v1\n2 k=v2\n3 k=v3\n');
    expect(await readAll('cmp-ratio-1')).toBe('0 k=v0\n1 k=v1\n2 k=v2\n');
  });

  it('refuses records without a key (INVALID_RECORD with Kafka\'s per-record message); keyed ones pass', async () => {
    await createTopic(engine, 'cmp-nokey', 1, COMPACT);
    const r = await produce('cmp-nokey', [['k', 'v'], [null, 'no key']]);
    expect(r.errorCode).toBe(87);
    expect(r.recordErrors).toEqual([{ batchIndex: 1, batchIndexErrorMessage: 'Compacted topic cannot accept message without key in topic partition cmp-nokey-0' }]);
    expect(r.errorMessage).toBe("One or more records have been rejected due to 1 record errors in total, and only showing the first three errors at most: [RecordError(batchIndex=1, message='Compacted topic cannot accept message without key in topic partition cmp-nokey-0')]");
    // kafkajs surfaces it as INVALID_RECORD and nothing was written.
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    await expect(producer.send({ topic: 'cmp-nokey', messages: [{ value: 'x' }] })).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    await producer.send({ topic: 'cmp-nokey', messages: [{ key: 'k', value: 'x' }] });
    await producer.disconnect();
    expect(await readAll('cmp-nokey')).toBe('0 k=x\n');
  });

  it('__consumer_offsets (created compacted by the coordinator) is compacted the same way', async () => {
    await createTopic(engine, 'cmp-committed', 1);
    const commit = async (offset: number) => {
      const res = await conn.send(8, {
        groupId: 'cmp-group', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
        topics: [{ name: 'cmp-committed', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      });
      expect(res.topics[0].partitions[0].errorCode).toBe(0);
    };
    await conn.send(10, { key: 'cmp-group', keyType: 0 }); // FindCoordinator creates the topic
    // With the default ratio 0.5 a pass over one clean and one dirty batch of the same size is
    // skipped (Kafka wants the ratio strictly above it), so the end state would depend on when
    // the passes ran; a low ratio makes every pass with dirty data clean. Its 100 MiB segments
    // (offsets.topic.segment.bytes) would keep everything in the active segment.
    const alter = await conn.send(44, {
      resources: [{ resourceType: 2, resourceName: '__consumer_offsets', configs: [
        { name: 'min.cleanable.dirty.ratio', configOperation: 0, value: '0.01' },
        { name: 'internal.segment.bytes', configOperation: 0, value: '1' },
      ] }],
      validateOnly: false,
    });
    expect(alter.responses[0].errorCode).toBe(0);
    for (let i = 1; i <= 5; i++) await commit(i);
    // Kafka's partitionFor(group): abs(String.hashCode) % 50.
    let h = 0;
    for (const ch of 'cmp-group') h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    const partition = Math.abs(h) % 50;
    const read = async () => (await kcat(['-C', '-t', '__consumer_offsets', '-p', String(partition), '-o', 'beginning', '-e', '-q', '-f', '%o\n'])).stdout;
    const admin = kafka.admin();
    await admin.connect();
    const high = Number((await admin.fetchTopicOffsets('__consumer_offsets')).find((o) => o.partition === partition)!.high);
    await admin.disconnect();
    expect(high).toBeGreaterThanOrEqual(5);
    // One batch (and segment) per commit, all with the same key: the active segment is never
    // cleaned and does not shadow older records, so the commit before it stays too.
    await waitFor(async () => (await read()) === `${high - 2}\n${high - 1}\n`, 15000, '__consumer_offsets compaction');
    const r = await conn.send(9, { groupId: 'cmp-group', topics: [{ name: 'cmp-committed', partitionIndexes: [0] }], requireStable: false });
    expect(Number(r.topics[0].partitions[0].committedOffset)).toBe(5);
  });

describe('compaction and the active segment (what Kafka 4.4 showed)', () => {
  const force = () => engine.engine.cleaner.runCompaction(Date.now(), true);

  it('default segment settings: a small compacted topic is one active segment, nothing is removed', async () => {
    // Kafka: cleanup.policy=compact only, k1:v1 k2:v2 k1:v3 then k2:v4 k1:v5, a cleaner pass
    // later all five are there (test/reference/scenarios/log-cleaner.ts).
    await createTopic(engine, 'cmp-default', 1, { 'cleanup.policy': 'compact' });
    await createTopic(engine, 'cmp-default-ratio', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01' });
    for (const t of ['cmp-default', 'cmp-default-ratio']) {
      expect((await produce(t, [['k1', 'v1'], ['k2', 'v2'], ['k1', 'v3']])).errorCode).toBe(0);
      expect((await produce(t, [['k2', 'v4'], ['k1', 'v5']], Date.now() + 2000)).errorCode).toBe(0);
    }
    force();
    for (const t of ['cmp-default', 'cmp-default-ratio']) {
      expect(await readAll(t)).toBe('0 k1=v1\n1 k2=v2\n2 k1=v3\n3 k2=v4\n4 k1=v5\n');
    }
  });

  it('tutorial settings (segment.ms=100, ratio 0.01, delete.retention.ms=100): older duplicates go, the active segment stays', async () => {
    await createTopic(engine, 'cmp-tutorial', 1, {
      'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01', 'segment.ms': '100', 'delete.retention.ms': '100',
    });
    const t0 = Date.now();
    expect((await produce('cmp-tutorial', [['k1', 'v1'], ['k2', 'v2'], ['k1', 'v3']], t0)).errorCode).toBe(0);
    // Two seconds later (by the records' timestamps): a new segment at offset 3.
    expect((await produce('cmp-tutorial', [['k2', 'v4'], ['k1', 'v5']], t0 + 2000)).errorCode).toBe(0);
    // The offset map covers only the rolled segment: k2=v2 stays (k2=v4 is in the active one).
    await waitFor(async () => (await readAll('cmp-tutorial')).startsWith('1 '), 15000, 'first segment cleaned');
    expect(await readAll('cmp-tutorial')).toBe('1 k2=v2\n2 k1=v3\n3 k2=v4\n4 k1=v5\n');
    // One more record rolls again: 0-4 are cleanable and only the latest per key stays.
    expect((await produce('cmp-tutorial', [['k3', 'v6']], t0 + 4000)).errorCode).toBe(0);
    await waitFor(async () => (await readAll('cmp-tutorial')).startsWith('3 '), 15000, 'second pass');
    expect(await readAll('cmp-tutorial')).toBe('3 k2=v4\n4 k1=v5\n5 k3=v6\n');
    const admin = kafka.admin();
    await admin.connect();
    const offs = await admin.fetchTopicOffsets('cmp-tutorial');
    await admin.disconnect();
    expect(offs.map((o) => [o.low, o.high])).toEqual([['0', '6']]);
  });
});

describe('min.compaction.lag.ms by segment', () => {
  it('a rolled segment holding one young batch keeps its older batches out of the cleaner too', async () => {
    // Kafka's cleanableOffsets: the first dirty segment whose largest timestamp is younger than
    // the lag bounds the cleaning. Segments (segment.ms=60000): [0] [1, 2] [3].
    await createTopic(engine, 'cmp-lag-seg', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01', 'segment.ms': '60000', 'min.compaction.lag.ms': '3600000' });
    const now = Date.now();
    expect((await produce('cmp-lag-seg', [['k', 'a']], now - 7200_000)).errorCode).toBe(0);
    expect((await produce('cmp-lag-seg', [['k', 'b']], now - 3610_000)).errorCode).toBe(0); // old
    expect((await produce('cmp-lag-seg', [['k', 'c']], now - 3560_000)).errorCode).toBe(0); // young, same segment
    expect((await produce('cmp-lag-seg', [['k', 'd']], now)).errorCode).toBe(0);
    engine.engine.cleaner.runCompaction(Date.now(), true);
    // Only segment 0 is cleanable, and its offset map holds only k=a: nothing goes.
    expect(await readAll('cmp-lag-seg')).toBe('0 k=a\n1 k=b\n2 k=c\n3 k=d\n');
  });
});

describe('segments across an engine restart', () => {
  it('the active segment and its first timestamp survive a restart: rolls and the cleaner go on from them', async () => {
    const dir = tempDir();
    const overrides = { 'log.cleaner.backoff.ms': '50' };
    const config = { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01', 'segment.ms': '1000' };
    const send = async (e: TestEngine, topic: string, recs: Rec[], timestamp: number) => {
      const c = new BrokerConnection('127.0.0.1', e.port, 'compaction-restart');
      await c.connect();
      try {
        const batch = buildBatch(recs.map(([k, v]) => ({ key: Buffer.from(k!), value: Buffer.from(v!), timestamp })));
        const res = await c.send(0, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] });
        expect(res.responses[0].partitionResponses[0].errorCode).toBe(0);
      } finally {
        c.close();
      }
    };
    const read = async (e: TestEngine, topic: string) => (await runKcat(e.bootstrap, ['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o %k=%s\n'])).stdout;
    const t0 = Date.now();
    let e: TestEngine = await spawnEngine({ dir, overrides });
    try {
      await createTopic(e, 'cmp-restart', 1, config);
      await send(e, 'cmp-restart', [['a', '1'], ['b', '1']], t0); // 0-1
      await send(e, 'cmp-restart', [['a', '2']], t0 + 5000); // 2: a new segment
      await send(e, 'cmp-restart', [['b', '2']], t0 + 5500); // 3: same segment
    } finally {
      await e.stop();
    }
    e = await spawnEngine({ dir, overrides });
    try {
      // 4: 900 ms after segment 2's first batch, so no roll; had the restart lost segment 2, the
      // engine would measure from offset 0's batch, roll, and clean a=1 and b=1 away.
      await send(e, 'cmp-restart', [['c', '1']], t0 + 5900);
      // A topic cleaned after that proves a cleaner pass went over cmp-restart too.
      await createTopic(e, 'cmp-restart-tick', 1, config);
      await send(e, 'cmp-restart-tick', [['x', '1']], t0);
      await send(e, 'cmp-restart-tick', [['x', '2']], t0 + 5000);
      await send(e, 'cmp-restart-tick', [['x', '3']], t0 + 7000);
      await waitFor(async () => (await read(e, 'cmp-restart-tick')) === '1 x=2\n2 x=3\n', 15000, 'a cleaner pass');
      expect(await read(e, 'cmp-restart')).toBe('0 a=1\n1 b=1\n2 a=2\n3 b=2\n4 c=1\n');
      // 5: more than segment.ms after offset 2's batch: rolls, 0-4 are cleaned.
      await send(e, 'cmp-restart', [['d', '1']], t0 + 7000);
      await waitFor(async () => (await read(e, 'cmp-restart')).startsWith('2 '), 15000, 'cleaned up to the new active segment');
      expect(await read(e, 'cmp-restart')).toBe('2 a=2\n3 b=2\n4 c=1\n5 d=1\n');
    } finally {
      await e.stop();
    }
    // Stored as Kafka's segment files would be named: 0, 2 and 5.
    const db = new (require('better-sqlite3'))(path.join(dir, 'kafka-local.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT s.base_offset FROM log_segments s JOIN topics t ON t.tk = s.tk WHERE t.name = 'cmp-restart' ORDER BY s.base_offset").pluck().all();
      expect(rows).toEqual([0, 2, 5]);
    } finally {
      db.close();
    }
  }, 90000);
});
});
