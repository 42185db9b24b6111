// Message format v0/v1 (legacy.ts) and its conversion to and from RecordBatch v2 (convert.ts),
// checked byte by byte against the layout Kafka 3.9 wrote and read; every codec kept both ways.
import { describe, it, expect, beforeAll } from 'vitest';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../helpers/engine';

const legacy = require(path.join(ROOT, 'dist/protocol/records/legacy'));
const convert = require(path.join(ROOT, 'dist/protocol/records/convert'));
const batchLib = require(path.join(ROOT, 'dist/protocol/records/batch'));
const compression = require(path.join(ROOT, 'dist/protocol/records/compression'));
const { crc32 } = require(path.join(ROOT, 'dist/protocol/records/crc32'));

interface Msg { offset: number; magic?: number; attributes?: number; timestamp?: number; key: string | null; value: string | null }

/** A message written by hand from the layout (not by writeLegacyMessage). */
function message(m: Msg): Buffer {
  const magic = m.magic ?? 1;
  const key = m.key === null ? null : Buffer.from(m.key);
  const value = m.value === null ? null : Buffer.from(m.value);
  const body: Buffer[] = [Buffer.from([magic, m.attributes ?? 0])];
  if (magic === 1) { const t = Buffer.alloc(8); t.writeBigInt64BE(BigInt(m.timestamp ?? -1)); body.push(t); }
  for (const f of [key, value]) {
    const l = Buffer.alloc(4);
    l.writeInt32BE(f === null ? -1 : f.length);
    body.push(l);
    if (f) body.push(f);
  }
  const rest = Buffer.concat(body);
  const head = Buffer.alloc(16);
  head.writeBigInt64BE(BigInt(m.offset), 0);
  head.writeInt32BE(rest.length + 4, 8);
  head.writeUInt32BE(crc32(rest), 12);
  return Buffer.concat([head, rest]);
}

/** A compressed wrapper around inner messages. */
function wrapper(offset: number, magic: number, codec: number, inner: Buffer[], timestamp = -1, value?: Buffer): Buffer {
  const set = Buffer.concat(inner);
  const z = value ?? ((codec & 7) === 1 ? zlib.gzipSync(set) : set);
  const m = message({ offset, magic, attributes: codec, timestamp, key: null, value: null });
  // Replace the null value by the compressed bytes (and fix size and CRC).
  const head = m.subarray(0, m.length - 4);
  const l = Buffer.alloc(4);
  l.writeInt32BE(z.length);
  const out = Buffer.concat([head, l, z]);
  out.writeInt32BE(out.length - 12, 8);
  out.writeUInt32BE(crc32(out, 16, out.length), 12);
  return out;
}

interface Seen { offset: number; timestamp: number; key: string | null; value: string | null; headers: number }
function records(batch: Buffer): Seen[] {
  const out: Seen[] = [];
  batchLib.decodeRecords(batch, (r: any) => out.push({
    offset: r.offset, timestamp: r.timestamp, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, headers: r.headers.length,
  }));
  return out;
}

/** Parse a message set (as a Fetch v0-3 client would). */
function parseSet(set: Buffer): { offset: number; magic: number; attributes: number; timestamp: number; key: string | null; value: Buffer | null; crcOk: boolean }[] {
  const out = [];
  let at = 0;
  while (set.length - at >= 12) {
    const size = set.readInt32BE(at + 8);
    if (at + 12 + size > set.length) break;
    const magic = set.readInt8(at + 16);
    let p = at + 18;
    let timestamp = -1;
    if (magic === 1) { timestamp = Number(set.readBigInt64BE(p)); p += 8; }
    const kl = set.readInt32BE(p); p += 4;
    const key = kl < 0 ? null : set.toString('utf8', p, p + kl); p += Math.max(0, kl);
    const vl = set.readInt32BE(p); p += 4;
    const value = vl < 0 ? null : set.subarray(p, p + vl);
    out.push({
      offset: Number(set.readBigInt64BE(at)), magic, attributes: set.readInt8(at + 17), timestamp, key, value,
      crcOk: set.readUInt32BE(at + 12) === crc32(set, at + 16, at + 12 + size),
    });
    at += 12 + size;
  }
  return out;
}

describe('CRC-32 of message format v0/v1', () => {
  it('is the IEEE CRC (check value of "123456789")', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('Produce v0-2 message sets up-converted to RecordBatch v2', () => {
  const opts = { compressionType: 'producer' };

  it('v0 messages: keys, values and nulls kept, no timestamp, offsets from 0', () => {
    const set = Buffer.concat([message({ offset: 0, magic: 0, key: 'k1', value: 'v1' }), message({ offset: 0, magic: 0, key: null, value: 'v2' }), message({ offset: 7, magic: 0, key: 'k3', value: null })]);
    const up = convert.upConvertMessageSet(set, opts);
    expect(up.records).toBe(3);
    expect(batchLib.batchCodec(up.batch)).toBe(0);
    expect(batchLib.isCrcValid(up.batch)).toBe(true);
    expect(records(up.batch)).toEqual([
      { offset: 0, timestamp: -1, key: 'k1', value: 'v1', headers: 0 },
      { offset: 1, timestamp: -1, key: null, value: 'v2', headers: 0 },
      { offset: 2, timestamp: -1, key: 'k3', value: null, headers: 0 },
    ]);
  });

  it('v1 gzip wrapper: relative inner offsets, timestamps kept, stored as one gzip batch', () => {
    const inner = [0, 1, 2].map((i) => message({ offset: i, magic: 1, timestamp: 1700000000000 + i, key: `k${i}`, value: `v${i}` }));
    const up = convert.upConvertMessageSet(wrapper(2, 1, 1, inner, 1700000000002), opts);
    expect(batchLib.batchCodec(up.batch)).toBe(1);
    expect(records(up.batch).map((r) => [r.offset, r.timestamp, r.key, r.value])).toEqual([
      [0, 1700000000000, 'k0', 'v0'], [1, 1700000000001, 'k1', 'v1'], [2, 1700000000002, 'k2', 'v2'],
    ]);
  });

  it('a v1 wrapper with LogAppendTime gives its timestamp to every inner message', () => {
    const inner = [0, 1].map((i) => message({ offset: i, magic: 1, timestamp: 5, key: null, value: `v${i}` }));
    const up = convert.upConvertMessageSet(wrapper(1, 1, 1 | 8, inner, 1234), opts);
    expect(records(up.batch).map((r) => r.timestamp)).toEqual([1234, 1234]);
  });

  it("follows the topic's compression.type (uncompressed, gzip, snappy, lz4); 'producer' keeps a snappy or lz4 set's codec", () => {
    const set = message({ offset: 0, magic: 1, timestamp: 1, key: 'a', value: 'b' });
    expect(batchLib.batchCodec(convert.upConvertMessageSet(set, { compressionType: 'gzip' }).batch)).toBe(1);
    expect(batchLib.batchCodec(convert.upConvertMessageSet(set, { compressionType: 'snappy' }).batch)).toBe(2);
    expect(batchLib.batchCodec(convert.upConvertMessageSet(set, { compressionType: 'lz4' }).batch)).toBe(3);
    const gz = wrapper(0, 1, 1, [set]);
    expect(batchLib.batchCodec(convert.upConvertMessageSet(gz, { compressionType: 'uncompressed' }).batch)).toBe(0);
    // A snappy wrapper whose value is a raw snappy block of literals (as librdkafka writes it).
    const lit = Buffer.concat([Buffer.from([set.length, (set.length - 1) << 2]), set]);
    const sn = convert.upConvertMessageSet(wrapper(0, 1, 2, [set], -1, lit), { compressionType: 'producer' });
    expect(batchLib.batchCodec(sn.batch)).toBe(2);
    expect(batchLib.isCrcValid(sn.batch)).toBe(true);
    expect(records(sn.batch).map((r) => r.value)).toEqual(['b']);
    // An lz4 wrapper of magic 0, whose frame header checksum 0.8-era clients computed over the magic too.
    const set0 = message({ offset: 0, magic: 0, key: 'a', value: 'b' });
    const lz = convert.upConvertMessageSet(wrapper(0, 0, 3, [set0], -1, compression.compress('lz4', set0, undefined, 0)), { compressionType: 'producer' });
    expect(batchLib.batchCodec(lz.batch)).toBe(3);
    expect(records(lz.batch).map((r) => [r.key, r.value])).toEqual([['a', 'b']]);
  });

  it('refuses what Kafka refused, with its error codes', () => {
    const good = message({ offset: 0, magic: 1, timestamp: 1, key: 'a', value: 'b' });
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] ^= 1;
    const code = (set: Buffer): number => {
      try { convert.upConvertMessageSet(set, opts); return 0; } catch (e: any) { return e.errorCode; }
    };
    expect(code(badCrc)).toBe(2); // CORRUPT_MESSAGE
    expect(code(good.subarray(0, good.length - 3))).toBe(2); // truncated
    expect(code(Buffer.concat([wrapper(0, 1, 1, [good]), wrapper(0, 1, 1, [good])]))).toBe(87); // two wrappers
    expect(code(wrapper(0, 1, 1, [wrapper(0, 1, 1, [good])]))).toBe(87); // nested compression
    expect(code(wrapper(0, 1, 1, [message({ offset: 0, magic: 0, key: 'a', value: 'b' })]))).toBe(87); // magic mismatch
    expect(code(wrapper(0, 1, 4, [good], -1, Buffer.from('x')))).toBe(76); // zstd needs magic 2
    expect(code(wrapper(0, 1, 1, [good], -1, Buffer.from('not gzip')))).toBe(2);
  });
});

describe('stored batches down-converted for Fetch v0-3', () => {
  const recs = [0, 1, 2, 3].map((i) => ({ key: i === 1 ? null : Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), timestamp: 1700000000000 + i, headers: [{ key: 'h', value: Buffer.from('x') }] }));

  it('uncompressed batch to magic 1: one message per record from the fetch offset, absolute offsets, timestamps, valid CRCs', () => {
    const b = batchLib.buildBatch(recs, { baseOffset: 100 });
    const set = parseSet(convert.downConvertBatches(b, 1, 101, 1 << 20));
    expect(set.map((m) => [m.offset, m.magic, m.attributes, m.timestamp, m.key, m.value?.toString(), m.crcOk])).toEqual([
      [101, 1, 0, 1700000000001, null, 'v1', true], [102, 1, 0, 1700000000002, 'k2', 'v2', true], [103, 1, 0, 1700000000003, 'k3', 'v3', true],
    ]);
  });

  it('uncompressed batch to magic 0: no timestamps', () => {
    const b = batchLib.buildBatch(recs, { baseOffset: 0 });
    const set = parseSet(convert.downConvertBatches(b, 0, 0, 1 << 20));
    expect(set.map((m) => [m.offset, m.magic, m.timestamp, m.value?.toString(), m.crcOk])).toEqual([
      [0, 0, -1, 'v0', true], [1, 0, -1, 'v1', true], [2, 0, -1, 'v2', true], [3, 0, -1, 'v3', true],
    ]);
    // offset 8 + size 4 + crc 4 + magic 1 + attributes 1 + key 4+2 + value 4+2 = 30 (28 with a null key)
    expect(convert.downConvertBatches(b, 0, 0, 1 << 20).length).toBe(30 + 28 + 30 + 30);
  });

  it('gzip batch to a magic 1 wrapper: whole batch, relative inner offsets, wrapper at the last offset with the max timestamp', () => {
    const b = batchLib.buildBatch(recs, { baseOffset: 50, compression: 'gzip' });
    const [w, ...rest] = parseSet(convert.downConvertBatches(b, 1, 52, 1 << 20));
    expect(rest).toEqual([]);
    expect([w.offset, w.magic, w.attributes & 7, w.timestamp, w.key, w.crcOk]).toEqual([53, 1, 1, 1700000000003, null, true]);
    const inner = parseSet(zlib.gunzipSync(w.value!));
    expect(inner.map((m) => [m.offset, m.attributes, m.timestamp, m.key, m.value?.toString(), m.crcOk])).toEqual([
      [0, 0, 1700000000000, 'k0', 'v0', true], [1, 0, 1700000000001, null, 'v1', true],
      [2, 0, 1700000000002, 'k2', 'v2', true], [3, 0, 1700000000003, 'k3', 'v3', true],
    ]);
  });

  it('gzip batch to a magic 0 wrapper: absolute inner offsets', () => {
    const b = batchLib.buildBatch(recs, { baseOffset: 50, compression: 'gzip' });
    const [w] = parseSet(convert.downConvertBatches(b, 0, 50, 1 << 20));
    expect(w.offset).toBe(53);
    expect(parseSet(zlib.gunzipSync(w.value!)).map((m) => m.offset)).toEqual([50, 51, 52, 53]);
  });

  it('snappy and lz4 batches to wrappers of their codec; lz4 for magic 0 with the header checksum of that era (KAFKA-3160)', () => {
    for (const [codec, id] of [['snappy', 2], ['lz4', 3]] as const) {
      const b = batchLib.buildBatch(recs, { baseOffset: 10, compression: codec });
      for (const magic of [0, 1]) {
        const [w, ...rest] = parseSet(convert.downConvertBatches(b, magic, 11, 1 << 20));
        expect(rest).toEqual([]);
        expect([w.offset, w.magic, w.attributes & 7, w.crcOk]).toEqual([13, magic, id, true]);
        const inner = parseSet(compression.decompress(codec, w.value!));
        expect(inner.map((m) => [m.offset, m.key, m.value?.toString(), m.crcOk])).toEqual([
          [magic === 0 ? 10 : 0, 'k0', 'v0', true], [magic === 0 ? 11 : 1, null, 'v1', true],
          [magic === 0 ? 12 : 2, 'k2', 'v2', true], [magic === 0 ? 13 : 3, 'k3', 'v3', true],
        ]);
        // FLG, BD, then the header checksum: xxHash32 of FLG and BD (v1), of magic, FLG and BD (v0).
        if (codec === 'lz4') expect(w.value!.subarray(4, 7).toString('hex')).toBe(magic === 0 ? '60401a' : '604082');
      }
    }
  });

  it('LogAppendTime batches: the append time and the timestamp-type bit on every message', () => {
    const b = batchLib.buildBatch(recs.slice(0, 2), { baseOffset: 0 });
    batchLib.setLogAppendTime(b, 1800000000000);
    const set = parseSet(convert.downConvertBatches(b, 1, 0, 1 << 20));
    expect(set.map((m) => [m.attributes, m.timestamp])).toEqual([[8, 1800000000000], [8, 1800000000000]]);
  });

  it('drops control batches, refuses zstd first and stops before a later zstd batch', async () => {
    await compression.compressAsync('zstd', Buffer.from('x'));
    const plain = batchLib.buildBatch(recs.slice(0, 1), { baseOffset: 0 });
    const control = batchLib.buildBatch([{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.alloc(6), timestamp: 1 }], { baseOffset: 1, control: true });
    const zstd = batchLib.buildBatch(recs.slice(0, 1), { baseOffset: 2, compression: 'zstd' });
    expect(parseSet(convert.downConvertBatches(Buffer.concat([plain, control, zstd]), 1, 0, 1 << 20)).map((m) => m.offset)).toEqual([0]);
    expect(() => convert.downConvertBatches(zstd, 1, 2, 1 << 20)).toThrow(expect.objectContaining({ errorCode: 76 }));
  });

  it('is cut at the size read from the log, but always carries the first converted batch whole', () => {
    const b1 = batchLib.buildBatch(recs, { baseOffset: 0 });
    const b2 = batchLib.buildBatch(recs, { baseOffset: 4 });
    const full = convert.downConvertBatches(Buffer.concat([b1, b2]), 1, 0, 1 << 20);
    const cut = convert.downConvertBatches(Buffer.concat([b1, b2]), 1, 0, 10);
    expect(parseSet(full).map((m) => m.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parseSet(cut).map((m) => m.offset)).toEqual([0, 1, 2, 3]);
    const mid = convert.downConvertBatches(Buffer.concat([b1, b2]), 1, 0, b1.length + 40);
    expect(mid.length).toBe(Math.max(b1.length + 40, parseSet(full).slice(0, 4).reduce((n, m) => n + 12 + 22 + (m.key?.length ?? 0) + m.value!.length, 0)));
  });
});

describe('zstd', () => {
  beforeAll(async () => { await compression.compressAsync('zstd', Buffer.from('warm-up')); });

  it('round-trips batches and reads frames the zstd CLI writes, with and without a declared size', () => {
    const recs = Array.from({ length: 200 }, (_, i) => ({ key: Buffer.from(`key-${i % 7}`), value: Buffer.from(`value ${i} `.repeat(20)), timestamp: 1700000000000 + i }));
    const b = batchLib.buildBatch(recs, { compression: 'zstd', level: 3 });
    expect(batchLib.batchCodec(b)).toBe(4);
    expect(b.length).toBeLessThan(recs.reduce((n, r) => n + r.value.length, 0) / 5);
    expect(records(b).map((r) => r.value)).toEqual(recs.map((r) => r.value.toString()));
    const text = Buffer.from('streamed by the zstd command line tool\n'.repeat(5000));
    for (const args of [['-q', '-c'], ['-q', '-c', '--no-content-size']]) {
      const z = execFileSync('zstd', args, { input: text });
      expect(compression.decompress('zstd', z).equals(text)).toBe(true);
    }
  });

  it('bounds the output whatever the frame declares, and reports bad data as CompressionDataError', () => {
    const text = Buffer.alloc(100000, 'a');
    const sized = compression.compress('zstd', text);
    expect(() => compression.decompress('zstd', sized, 1000)).toThrow(/exceeds the 1000-byte limit/);
    const streamed = execFileSync('zstd', ['-q', '-c', '--no-content-size'], { input: text });
    expect(() => compression.decompress('zstd', streamed, 1000)).toThrow(/exceeds the 1000-byte limit/);
    // A frame header declaring 2^40 bytes is refused before anything is allocated.
    const huge = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xc0, 0, 0, 0, 0, 0, 1, 0, 0, 0x01, 0, 0]);
    expect(() => compression.decompress('zstd', huge)).toThrow(compression.CompressionDataError);
    expect(() => compression.decompress('zstd', Buffer.from('not zstd at all'))).toThrow(compression.CompressionDataError);
    expect(() => compression.decompress('zstd', sized.subarray(0, sized.length - 2))).toThrow(compression.CompressionDataError);
  });
});
