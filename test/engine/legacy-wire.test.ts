// Produce v0-2, Fetch v0-3, ListOffsets v0, OffsetCommit/OffsetFetch v0 on the wire: what old
// clients send is stored as RecordBatch v2 and read back in their format, byte for byte as Kafka
// 3.9 served it (offsets, CRC-32, relative offsets in v1 wrappers, timestamps), and the checks
// Kafka made (CRC, compacted keys, zstd only from Produce v7 / Fetch v10).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const legacy = require(path.join(ROOT, 'dist/protocol/records/legacy'));
const batchLib = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { crc32 } = require(path.join(ROOT, 'dist/protocol/records/crc32'));
const { loadZstdEncoder } = require(path.join(ROOT, 'dist/protocol/records/zstd'));

let engine: TestEngine;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'legacy-wire');
  await conn.connect();
  await loadZstdEncoder();
});
afterAll(async () => { conn.close(); await engine.stop(); });

async function createTopic(name: string, configs: Record<string, string> = {}): Promise<void> {
  const r = await conn.request(ApiKey.CreateTopics, 4, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: Object.entries(configs).map(([n, v]) => ({ name: n, value: v })) }],
    timeoutMs: 5000, validateOnly: false,
  });
  expect(r.topics[0].errorCode).toBe(0);
}

/** A message set of the given magic, written with the library's writer. */
function messages(magic: number, list: { offset: number; ts?: number; key: string | null; value: string | null; attributes?: number }[]): Buffer {
  const bufs = list.map((m) => {
    const k = m.key === null ? null : Buffer.from(m.key);
    const v = m.value === null ? null : Buffer.from(m.value);
    const b = Buffer.alloc(legacy.legacyMessageSize(magic, k ? k.length : -1, v ? v.length : -1));
    legacy.writeLegacyMessage(b, 0, magic, m.offset, m.attributes ?? 0, m.ts ?? -1, k, 0, k?.length ?? 0, v, 0, v?.length ?? 0);
    return b;
  });
  return Buffer.concat(bufs);
}

function gzipWrapper(magic: number, lastOffset: number, ts: number, inner: Buffer, attributes = 1): Buffer {
  const z = zlib.gzipSync(inner);
  const b = Buffer.alloc(legacy.legacyMessageSize(magic, -1, z.length));
  legacy.writeLegacyMessage(b, 0, magic, lastOffset, attributes, ts, null, 0, 0, z, 0, z.length);
  return b;
}

async function produce(version: number, topic: string, records: Buffer, acks = 1): Promise<any> {
  const r = await conn.request(ApiKey.Produce, version, { acks, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  return r.responses[0].partitionResponses[0];
}

async function fetch(version: number, topic: string, offset: number, maxBytes = 1 << 20): Promise<any> {
  const r = await conn.request(ApiKey.Fetch, version, {
    replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes: maxBytes }] }], forgottenTopicsData: [], rackId: '',
  });
  return r.responses[0].partitions[0];
}

/** A message set parsed as an old client would (every field, CRC checked). */
function parseSet(set: Buffer): any[] {
  const out = [];
  let at = 0;
  while (set.length - at >= 12) {
    const size = set.readInt32BE(at + 8);
    if (at + 12 + size > set.length) break;
    const magic = set.readInt8(at + 16);
    let p = at + 18;
    let ts = -1;
    if (magic === 1) { ts = Number(set.readBigInt64BE(p)); p += 8; }
    const kl = set.readInt32BE(p); p += 4;
    const key = kl < 0 ? null : set.toString('utf8', p, p + kl); p += Math.max(0, kl);
    const vl = set.readInt32BE(p); p += 4;
    const value = vl < 0 ? null : set.subarray(p, p + vl);
    expect(set.readUInt32BE(at + 12)).toBe(crc32(set, at + 16, at + 12 + size));
    out.push({ offset: Number(set.readBigInt64BE(at)), magic, attributes: set.readInt8(at + 17), ts, key, value });
    at += 12 + size;
  }
  return out;
}

function v2Records(records: Buffer): any[] {
  const out: any[] = [];
  batchLib.iterateBatches(records, (b: Buffer) => {
    batchLib.decodeRecords(b, (r: any) => out.push({ offset: r.offset, ts: r.timestamp, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null }));
  });
  return out;
}

describe('message format v0/v1 on the wire', () => {
  it('Produce v0-2 stores v2 batches; Fetch v0-1 reads magic 0, v2-3 magic 1 (wrappers with relative offsets), v4+ the batches', async () => {
    await createTopic('wire');
    // v0: three plain magic-0 messages (their offsets are the client's, ignored).
    let r = await produce(0, 'wire', messages(0, [{ offset: 0, key: 'a', value: '1' }, { offset: 0, key: null, value: '2' }, { offset: 9, key: 'c', value: null }]));
    expect([r.errorCode, r.baseOffset]).toEqual([0, 0]);
    // v1: a magic-0 gzip wrapper (absolute inner offsets, as v0 producers wrote them).
    r = await produce(1, 'wire', gzipWrapper(0, 1, -1, messages(0, [{ offset: 0, key: 'd', value: '4' }, { offset: 1, key: 'e', value: '5' }])));
    expect([r.errorCode, r.baseOffset]).toEqual([0, 3]);
    // v2: a magic-1 gzip wrapper, relative inner offsets, CreateTime timestamps.
    r = await produce(2, 'wire', gzipWrapper(1, 2, 1700000000012, messages(1, [
      { offset: 0, ts: 1700000000010, key: 'f', value: '6' }, { offset: 1, ts: 1700000000011, key: 'g', value: '7' }, { offset: 2, ts: 1700000000012, key: 'h', value: '8' },
    ])));
    expect([r.errorCode, r.baseOffset, r.logAppendTimeMs]).toEqual([0, 5, -1]);

    // The log: three v2 batches (none, gzip, gzip), v0 records without timestamps.
    const stored = await fetch(11, 'wire', 0);
    const codecs: number[] = [];
    batchLib.iterateBatches(stored.records, (b: Buffer) => { codecs.push(batchLib.batchCodec(b)); });
    expect(codecs).toEqual([0, 1, 1]);
    expect(v2Records(stored.records)).toEqual([
      { offset: 0, ts: -1, key: 'a', value: '1' }, { offset: 1, ts: -1, key: null, value: '2' }, { offset: 2, ts: -1, key: 'c', value: null },
      { offset: 3, ts: -1, key: 'd', value: '4' }, { offset: 4, ts: -1, key: 'e', value: '5' },
      { offset: 5, ts: 1700000000010, key: 'f', value: '6' }, { offset: 6, ts: 1700000000011, key: 'g', value: '7' }, { offset: 7, ts: 1700000000012, key: 'h', value: '8' },
    ]);

    // Fetch v0 from 1: magic 0; the uncompressed batch from the fetch offset on, gzip ones as wrappers.
    const f0 = await fetch(0, 'wire', 1);
    expect([f0.errorCode, f0.highWatermark]).toEqual([0, 8]);
    const m0 = parseSet(f0.records);
    expect(m0.map((m) => [m.offset, m.magic, m.attributes, m.key])).toEqual([[1, 0, 0, null], [2, 0, 0, 'c'], [4, 0, 1, null], [7, 0, 1, null]]);
    expect([m0[0].value.toString(), m0[1].value]).toEqual(['2', null]);
    // Inside the v0 wrappers: absolute offsets.
    expect(parseSet(zlib.gunzipSync(m0[2].value)).map((m) => [m.offset, m.key])).toEqual([[3, 'd'], [4, 'e']]);
    expect(parseSet(zlib.gunzipSync(m0[3].value)).map((m) => [m.offset, m.key])).toEqual([[5, 'f'], [6, 'g'], [7, 'h']]);

    // Fetch v2 and v3 from 6: magic 1; the wrapper carries its last offset and max timestamp,
    // the inner messages relative offsets and their timestamps.
    for (const v of [2, 3]) {
      const f = await fetch(v, 'wire', 6);
      const [w, ...rest] = parseSet(f.records);
      expect(rest).toEqual([]);
      expect([w.offset, w.magic, w.attributes, w.ts, w.key]).toEqual([7, 1, 1, 1700000000012, null]);
      expect(parseSet(zlib.gunzipSync(w.value)).map((m) => [m.offset, m.magic, m.ts, m.key, m.value.toString()])).toEqual([
        [0, 1, 1700000000010, 'f', '6'], [1, 1, 1700000000011, 'g', '7'], [2, 1, 1700000000012, 'h', '8'],
      ]);
    }
  });

  it('LogAppendTime topics: the append time in the Produce v2 reply and on the magic-1 messages fetched', async () => {
    await createTopic('wire-lat', { 'message.timestamp.type': 'LogAppendTime' });
    const before = Date.now();
    const r = await produce(2, 'wire-lat', messages(1, [{ offset: 0, ts: 5, key: 'k', value: 'v' }, { offset: 1, ts: 6, key: 'k', value: 'w' }]));
    expect(r.errorCode).toBe(0);
    expect(r.logAppendTimeMs).toBeGreaterThanOrEqual(before);
    const set = parseSet((await fetch(3, 'wire-lat', 0)).records);
    expect(set.map((m) => [m.offset, m.attributes, m.ts])).toEqual([[0, 8, r.logAppendTimeMs], [1, 8, r.logAppendTimeMs]]);
    // Magic 0 (Fetch v1) has no timestamp to carry.
    expect(parseSet((await fetch(1, 'wire-lat', 0)).records).map((m) => [m.magic, m.attributes, m.ts])).toEqual([[0, 0, -1], [0, 0, -1]]);
  });

  it('refuses what Kafka refused: bad CRCs, keyless records on compacted topics, more than one wrapper', async () => {
    await createTopic('wire-bad');
    await createTopic('wire-compact', { 'cleanup.policy': 'compact' });
    const good = messages(1, [{ offset: 0, ts: 1, key: 'k', value: 'v' }]);
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 0xff;
    expect((await produce(2, 'wire-bad', bad)).errorCode).toBe(2); // CORRUPT_MESSAGE
    expect((await produce(1, 'wire-compact', messages(0, [{ offset: 0, key: null, value: 'v' }]))).errorCode).toBe(87); // INVALID_RECORD
    const twoWrappers = Buffer.concat([gzipWrapper(1, 0, 1, good), gzipWrapper(1, 0, 1, good)]);
    expect((await produce(2, 'wire-bad', twoWrappers)).errorCode).toBe(87);
    expect((await fetch(2, 'wire-bad', 0)).highWatermark).toBe(0);
  });

  it('ListOffsets v0 answers offset lists; OffsetCommit v0 and OffsetFetch v0 keep offsets with the others', async () => {
    await createTopic('wire-offsets');
    await produce(0, 'wire-offsets', messages(0, [{ offset: 0, key: 'a', value: '1' }, { offset: 1, key: 'b', value: '2' }]));
    const lo = await conn.request(ApiKey.ListOffsets, 0, {
      replicaId: -1, topics: [
        { name: 'wire-offsets', partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 2 }] },
        { name: 'nope', partitions: [{ partitionIndex: 0, timestamp: -2, maxNumOffsets: 1 }] },
      ],
    });
    expect(lo.topics[0].partitions[0]).toMatchObject({ errorCode: 0, oldStyleOffsets: [2, 0] });
    expect(lo.topics[1].partitions[0]).toMatchObject({ errorCode: 3, oldStyleOffsets: [] });
    const earliest = await conn.request(ApiKey.ListOffsets, 0, { replicaId: -1, topics: [{ name: 'wire-offsets', partitions: [{ partitionIndex: 0, timestamp: -2, maxNumOffsets: 5 }] }] });
    expect(earliest.topics[0].partitions[0].oldStyleOffsets).toEqual([0]);

    const commit = await conn.request(ApiKey.OffsetCommit, 0, { groupId: 'g-v0', topics: [{ name: 'wire-offsets', partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: 'm0' }] }] });
    expect(commit.topics[0].partitions[0].errorCode).toBe(0);
    const commitV1 = await conn.request(ApiKey.OffsetCommit, 1, { groupId: 'g-v1', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 'wire-offsets', partitions: [{ partitionIndex: 0, committedOffset: 2, commitTimestamp: -1, committedMetadata: 'm1' }] }] });
    expect(commitV1.topics[0].partitions[0].errorCode).toBe(0);
    for (const [group, offset, meta] of [['g-v0', 1, 'm0'], ['g-v1', 2, 'm1']] as const) {
      for (const v of [0, 5]) {
        const f = await conn.request(ApiKey.OffsetFetch, v, { groupId: group, topics: [{ name: 'wire-offsets', partitionIndexes: [0] }] });
        expect(f.topics[0].partitions[0]).toMatchObject({ committedOffset: offset, metadata: meta, errorCode: 0 });
      }
    }
  });
});

describe('zstd and old versions', () => {
  it('Produce v3-6 with a zstd batch is refused for the whole request; v7 stores it', async () => {
    await createTopic('wire-zstd');
    await createTopic('wire-plain');
    const z = batchLib.buildBatch([{ key: Buffer.from('k'), value: Buffer.from('zstd value'), timestamp: Date.now() }], { compression: 'zstd' });
    const plain = batchLib.buildBatch([{ key: Buffer.from('k'), value: Buffer.from('plain'), timestamp: Date.now() }]);
    for (const v of [3, 6]) {
      const r = await conn.request(ApiKey.Produce, v, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [
        { name: 'wire-zstd', partitionData: [{ index: 0, records: z }] }, { name: 'wire-plain', partitionData: [{ index: 0, records: plain }] },
      ] });
      expect(r.responses.map((t: any) => t.partitionResponses[0].errorCode)).toEqual([76, 76]);
    }
    const r = await conn.request(ApiKey.Produce, 7, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'wire-zstd', partitionData: [{ index: 0, records: z }] }] });
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    // Fetch v4-9 get it as stored; v0-3 cannot have it down-converted.
    expect(v2Records((await fetch(9, 'wire-zstd', 0)).records).map((x) => x.value)).toEqual(['zstd value']);
    expect((await fetch(3, 'wire-zstd', 0))).toMatchObject({ errorCode: 76, highWatermark: -1 });
  });

  it('zstd batches are validated like the other codecs (decompressed for the record checks)', async () => {
    await createTopic('wire-zstd-compact', { 'cleanup.policy': 'compact' });
    const send = (records: any[]) => conn.request(ApiKey.Produce, 8, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [
      { name: 'wire-zstd-compact', partitionData: [{ index: 0, records: batchLib.buildBatch(records, { compression: 'zstd' }) }] }] });
    const bad = await send([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: Date.now() }, { key: null, value: Buffer.from('no key'), timestamp: Date.now() }]);
    expect(bad.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 87, recordErrors: [{ batchIndex: 1 }] });
    const ok = await send([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: Date.now() }]);
    expect(ok.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
  });

  it('a topic with compression.type=zstd refuses Fetch below v10; message.downconversion.enable is no topic config (Kafka 4)', async () => {
    await createTopic('wire-zstd-topic', { 'compression.type': 'zstd' });
    expect((await fetch(9, 'wire-zstd-topic', 0)).errorCode).toBe(76);
    expect((await fetch(10, 'wire-zstd-topic', 0)).errorCode).toBe(0);
    // Kafka 4 removed the config with down-conversion (KIP-724): its configs are 4.4's, so a topic
    // cannot turn down-conversion off, and Fetch v0-3 always converts.
    const refused = await conn.request(ApiKey.CreateTopics, 4, {
      topics: [{ name: 'wire-no-down', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [{ name: 'message.downconversion.enable', value: 'false' }] }],
      timeoutMs: 5000, validateOnly: false,
    });
    expect(refused.topics[0]).toMatchObject({ errorCode: 40, errorMessage: 'Unknown topic config name: message.downconversion.enable' });
    await createTopic('wire-down');
    await produce(2, 'wire-down', messages(1, [{ offset: 0, ts: 1, key: 'k', value: 'v' }]));
    expect((await fetch(3, 'wire-down', 0)).errorCode).toBe(0);
    expect(v2Records((await fetch(4, 'wire-down', 0)).records).map((x) => x.value)).toEqual(['v']);
  });
});
