// Compaction: the latest value per key survives with its offset unchanged, tombstones go after
// delete.retention.ms, the last batch (our "active segment") is left alone, min.compaction.lag.ms
// and min.cleanable.dirty.ratio hold the cleaner back, and a compacted topic refuses records
// without a key at produce time. Read back with kcat (CRC checked) and kafkajs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startInProcessEngine, waitFor, ROOT, type TestEngine } from '../helpers/engine';
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

const COMPACT = { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01' };

describe('compaction', () => {
  it('keeps the latest record per key at its offset; tombstones stay within delete.retention.ms; the last batch is untouched', async () => {
    await createTopic(engine, 'cmp-basic', 1, COMPACT);
    for (const recs of [[['k1', 'v1'], ['k2', 'v1']], [['k1', 'v2']], [['k3', 'v1'], ['k2', null]], [['k1', 'v3'], ['k3', 'v2']]] as Rec[][]) {
      expect((await produce('cmp-basic', recs)).errorCode).toBe(0);
    }
    // Offsets: 0 k1=v1, 1 k2=v1, 2 k1=v2, 3 k3=v1, 4 k2=NULL, 5 k1=v3, 6 k3=v2 (last batch: 5-6).
    await waitFor(async () => (await readAll('cmp-basic')).startsWith('2 '), 15000, 'compaction');
    expect(await readAll('cmp-basic')).toBe('2 k1=v2\n3 k3=v1\n4 k2=NULL\n5 k1=v3\n6 k3=v2\n');
    // A new last batch makes 5-6 cleanable.
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
    await createTopic(engine, 'cmp-ratio', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.9' });
    // LogCleanerManager wants the dirty ratio strictly above the minimum: with 1 a log is never
    // cleaned, even when all of it is dirty.
    await createTopic(engine, 'cmp-ratio-1', 1, { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '1' });
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
    // the passes ran; a low ratio makes every pass with dirty data clean.
    const alter = await conn.send(44, {
      resources: [{ resourceType: 2, resourceName: '__consumer_offsets', configs: [{ name: 'min.cleanable.dirty.ratio', configOperation: 0, value: '0.01' }] }],
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
    // One batch per commit, all with the same key: the last batch is never cleaned and does not
    // shadow older records (Kafka's active segment), so the commit before it stays too.
    await waitFor(async () => (await read()) === `${high - 2}\n${high - 1}\n`, 15000, '__consumer_offsets compaction');
    const r = await conn.send(9, { groupId: 'cmp-group', topics: [{ name: 'cmp-committed', partitionIndexes: [0] }], requireStable: false });
    expect(Number(r.topics[0].partitions[0].committedOffset)).toBe(5);
  });
});
