import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { crc32c, crc32cUpdate, nativeCrc32c } from '../../src/protocol/records/crc32c';
import { murmur2, partitionForKey, toPositive } from '../../src/protocol/murmur2';
import { BatchBuilder, varlongSize } from '../../src/protocol/records/batch-builder';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  CRC_OFFSET,
  ERROR_CORRUPT_MESSAGE,
  ERROR_INVALID_RECORD,
  RECORDS_OFFSET,
  RecordView,
  buildBatch,
  decodeRecords,
  isCrcValid,
  iterateBatches,
  nextBatchEnd,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  splitBatches,
  type ProducerRecord,
} from '../../src/protocol/records/batch';
import {
  CompressionDataError,
  CompressionUnsupportedError,
  compress,
  compressAsync,
  decompress,
  decompressAsync,
} from '../../src/protocol/records/compression';

// ------------------------------------------------------------------ helpers

function crcReference(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

interface Seen {
  offset: number;
  timestamp: number;
  timestampType: number;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string | null }[];
}

function collect(batch: Buffer, opts?: Parameters<typeof decodeRecords>[2]): Seen[] {
  const out: Seen[] = [];
  decodeRecords(
    batch,
    (r) => {
      out.push({
        offset: r.offset,
        timestamp: r.timestamp,
        timestampType: r.timestampType,
        key: r.key === null ? null : r.key.toString('utf8'),
        value: r.value === null ? null : r.value.toString('utf8'),
        headers: r.headers.map((h) => ({ key: h.key, value: h.value === null ? null : h.value.toString('utf8') })),
      });
    },
    opts,
  );
  return out;
}

/** Replace a batch's records section with `payload` under `codec`, fixing length and CRC. */
function rewrap(batch: Buffer, codec: number, payload: Buffer): Buffer {
  const out = Buffer.concat([batch.subarray(0, RECORDS_OFFSET), payload]);
  out.writeInt32BE(out.length - 12, 8);
  out.writeInt16BE((out.readInt16BE(ATTRIBUTES_OFFSET) & ~7) | codec, ATTRIBUTES_OFFSET);
  out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET), CRC_OFFSET);
  return out;
}

function uvarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** Test-only snappy encoder: literal runs only (valid raw snappy, no compression). */
function snappyLiterals(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from(uvarint(data.length))];
  for (let i = 0; i < data.length; i += 65536) {
    const chunk = data.subarray(i, Math.min(data.length, i + 65536));
    const n = chunk.length - 1;
    if (n < 60) parts.push(Buffer.from([n << 2]));
    else if (n < 256) parts.push(Buffer.from([60 << 2, n]));
    else parts.push(Buffer.from([61 << 2, n & 0xff, n >> 8]));
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function xerial(chunks: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1])];
  for (const c of chunks) {
    const len = Buffer.alloc(4);
    len.writeInt32BE(c.length);
    parts.push(len, c);
  }
  return Buffer.concat(parts);
}

/** Test-only LZ4 frame writer: uncompressed blocks of up to 64 KiB, no checksums. */
function lz4Stored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82])];
  for (let i = 0; i < data.length; i += 65536) {
    const chunk = data.subarray(i, Math.min(data.length, i + 65536));
    const w = Buffer.alloc(4);
    w.writeUInt32LE((0x80000000 | chunk.length) >>> 0);
    parts.push(w, chunk);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

const T0 = 1_700_000_000_000;

// ------------------------------------------------------------------ CRC-32C

describe('crc32c', () => {
  it('matches the standard check values', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('agrees with a bitwise reference on every length and alignment', () => {
    const data = noise(300);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= 300; end += 7) {
        expect(crc32c(data, start, end)).toBe(crcReference(data.subarray(start, end)));
      }
    }
  });

  it('reads long ranges word-wise with the same results, at any alignment and length', () => {
    const data = Buffer.alloc(5000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + 13) & 0xff;
    for (const [s, e] of [[0, 5000], [1, 4999], [2, 100], [3, 67], [0, 64], [5, 70], [4000, 5000], [3, 131], [6, 1030]]) {
      expect(crc32c(data, s, e)).toBe(crcReference(data.subarray(s, e)));
    }
    // A Buffer at an odd byteOffset of its ArrayBuffer: the unaligned head goes byte-wise.
    const shifted = new Uint8Array(data.buffer, data.byteOffset + 1, 4000);
    expect(crc32c(shifted)).toBe(crcReference(data.subarray(1, 4001)));
    expect(crc32cUpdate(crc32c(data, 0, 2001), data, 2001)).toBe(crcReference(data));
  });

  it('uses the native CRC-32C on this machine, and the JavaScript when told to, with the same results', async () => {
    // The optional dependency ships a prebuilt binary for linux-x64; elsewhere the JS stays.
    if (process.platform === 'linux' && process.arch === 'x64') expect(nativeCrc32c).toBe(true);
    vi.resetModules();
    process.env.KAFKA_LOCAL_CRC32C = 'js';
    try {
      const js = await import('../../src/protocol/records/crc32c');
      expect(js.nativeCrc32c).toBe(false);
      const data = noise(70000);
      for (const [s, e] of [[0, 70000], [1, 513], [7, 16391], [100, 612], [3, 65539]]) {
        expect(crc32c(data, s, e)).toBe(js.crc32c(data, s, e));
        expect(crc32cUpdate(12345, data, s, e)).toBe(js.crc32cUpdate(12345, data, s, e));
      }
    } finally {
      delete process.env.KAFKA_LOCAL_CRC32C;
      vi.resetModules();
    }
  });

  it('chains with crc32cUpdate', () => {
    const data = noise(1000);
    const whole = crc32c(data);
    expect(crc32cUpdate(crc32c(data, 0, 333), data, 333)).toBe(whole);
  });
});

// ------------------------------------------------------------------ murmur2

describe('murmur2', () => {
  const vectors: [string, number][] = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
    ['', 275646681],
  ];
  it.each(vectors)('murmur2(%j) = %d (Kafka UtilsTest)', (s, want) => {
    expect(murmur2(Buffer.from(s))).toBe(want);
  });

  it('partitions like the Java default partitioner', () => {
    expect(toPositive(-790332482)).toBe(1357151166);
    expect(partitionForKey(Buffer.from('foobar'), 50)).toBe(16);
    const h = murmur2(Buffer.from('xfoobarx'), 1, 7);
    expect(h).toBe(-790332482);
  });
});

// ------------------------------------------------------------------ batches

describe('buildBatch / splitBatches / decodeRecords', () => {
  const records: ProducerRecord[] = [
    { key: null, value: Buffer.from('v0'), timestamp: T0 },
    { key: Buffer.from('k1'), value: null, timestamp: T0 + 5 },
    {
      key: Buffer.from('ключ'),
      value: Buffer.from('値🚀'),
      headers: [
        { key: 'h1', value: Buffer.from('x') },
        { key: 'nullv', value: null },
        { key: 'ü', value: Buffer.alloc(0) },
      ],
      timestamp: T0 - 100,
    },
    { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: T0 + 3 },
  ];
  const expected: Seen[] = [
    { offset: 0, timestamp: T0, timestampType: 0, key: null, value: 'v0', headers: [] },
    { offset: 1, timestamp: T0 + 5, timestampType: 0, key: 'k1', value: null, headers: [] },
    {
      offset: 2,
      timestamp: T0 - 100,
      timestampType: 0,
      key: 'ключ',
      value: '値🚀',
      headers: [
        { key: 'h1', value: 'x' },
        { key: 'nullv', value: null },
        { key: 'ü', value: '' },
      ],
    },
    { offset: 3, timestamp: T0 + 3, timestampType: 0, key: '', value: '', headers: [] },
  ];

  it('round-trips null keys/values, headers and unicode', () => {
    const batch = buildBatch(records);
    const h = readBatchHeader(batch, 0);
    expect(h).toMatchObject({
      baseOffset: 0,
      batchLength: batch.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      attributes: 0,
      lastOffsetDelta: 3,
      baseTimestamp: T0,
      maxTimestamp: T0 + 5,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 4,
    });
    expect(isCrcValid(batch)).toBe(true);
    const split = splitBatches(batch);
    expect(split.error).toBeUndefined();
    expect(split.batches).toHaveLength(1);
    expect(collect(split.batches[0])).toEqual(expected);
  });

  it('round-trips gzip', () => {
    const batch = buildBatch(records, { compression: 'gzip', baseOffset: 100 });
    expect(readBatchHeader(batch).attributes & 7).toBe(1);
    expect(splitBatches(batch).error).toBeUndefined();
    expect(collect(batch)).toEqual(expected.map((e) => ({ ...e, offset: e.offset + 100 })));
  });

  it('writes producer fields and flags', () => {
    const batch = buildBatch(records.slice(0, 2), {
      producerId: 4242,
      producerEpoch: 3,
      baseSequence: 17,
      transactional: true,
      partitionLeaderEpoch: 9,
    });
    const h = readBatchHeader(batch);
    expect(h).toMatchObject({ producerId: 4242, producerEpoch: 3, baseSequence: 17, attributes: 0x10, partitionLeaderEpoch: 9 });
    const view = new RecordView();
    const seqs: number[] = [];
    decodeRecords(batch, (r) => {
      seqs.push(r.sequence);
      expect(r.isTransactional).toBe(true);
      expect(r.producerId).toBe(4242);
    }, { view });
    expect(seqs).toEqual([17, 18]);
  });

  it('round-trips 1000 records, several batches in one blob', () => {
    const many: ProducerRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      many.push({
        key: i % 3 === 0 ? null : Buffer.from(`key-${i}`),
        value: Buffer.from(`value-${i}-`.padEnd(100 + (i % 50), 'x')),
        headers: i % 10 === 0 ? [{ key: `h${i}`, value: i % 20 === 0 ? null : Buffer.from(String(i)) }] : undefined,
        timestamp: T0 + i * 1000,
      });
    }
    const b1 = buildBatch(many.slice(0, 400));
    const b2 = buildBatch(many.slice(400), { compression: 'gzip', baseOffset: 400 });
    const blob = Buffer.concat([b1, b2]);
    const split = splitBatches(blob);
    expect(split.error).toBeUndefined();
    expect(split.batches.map((b) => b.length)).toEqual([b1.length, b2.length]);
    expect(split.batches[0].buffer).toBe(blob.buffer); // subarray, no copy
    const seen = [...collect(split.batches[0]), ...collect(split.batches[1])];
    expect(seen).toHaveLength(1000);
    for (let i = 0; i < 1000; i++) {
      const s = seen[i];
      const r = many[i];
      expect(s.offset).toBe(i);
      expect(s.timestamp).toBe(r.timestamp);
      expect(s.key).toBe(r.key === null ? null : r.key.toString());
      expect(s.value).toBe(r.value!.toString());
      expect(s.headers).toEqual(r.headers ? r.headers.map((h) => ({ key: h.key, value: h.value === null ? null : h.value.toString() })) : []);
    }
    expect(readBatchHeader(b2).maxTimestamp).toBe(T0 + 999_000);
  });

  it('handles big values and large timestamp deltas (multi-byte varints/varlongs)', () => {
    const big = noise(300_000);
    const batch = buildBatch([
      { key: null, value: big, timestamp: 0 },
      { key: null, value: null, timestamp: T0 * 2 },
      { key: null, value: null, timestamp: -T0 },
    ]);
    const seen: { ts: number; len: number }[] = [];
    decodeRecords(batch, (r) => seen.push({ ts: r.timestamp, len: r.value?.length ?? -1 }));
    expect(seen).toEqual([
      { ts: 0, len: 300_000 },
      { ts: T0 * 2, len: -1 },
      { ts: -T0, len: -1 },
    ]);
  });

  it('BatchBuilder.appendRange copies key/value ranges of every length exactly, from any offset', () => {
    // Short ranges are copied through DataViews (cached per source and destination buffer),
    // long ones with Buffer#copy: every length across both thresholds, at odd offsets, from
    // two source buffers in turn, into batches sealed one after the other.
    const srcA = randomBytes(4096);
    const srcB = randomBytes(4096);
    for (let batchNo = 0; batchNo < 2; batchNo++) {
      const b = new BatchBuilder(Buffer.allocUnsafe(64));
      const want: { key: Buffer; value: Buffer }[] = [];
      for (let len = 0; len <= 260; len++) {
        const src = (len + batchNo) % 2 === 0 ? srcA : srcB;
        const ks = (len * 7 + batchNo) % 61;
        const vs = 1000 + ((len * 13) % 97);
        b.appendRange(T0, src, ks, ks + (len % 19), src, vs, vs + len, null, Infinity);
        want.push({ key: src.subarray(ks, ks + (len % 19)), value: src.subarray(vs, vs + len) });
      }
      const batch = Buffer.from(b.seal());
      const seen: { key: Buffer; value: Buffer }[] = [];
      decodeRecords(batch, (r) => seen.push({ key: Buffer.from(r.key!), value: Buffer.from(r.value!) }));
      expect(seen.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) {
        expect(seen[i].key.equals(want[i].key)).toBe(true);
        expect(seen[i].value.equals(want[i].value)).toBe(true);
      }
    }
  });

  it('timestamp deltas on both sides of the int32 boundary round-trip (varlong fast path and general path)', () => {
    const deltas = [0, 1, -1, 63, -64, 64, -65, 8191, 8192, 2 ** 20, -(2 ** 20), 2 ** 30, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 35, -(2 ** 40)];
    const batch = buildBatch(deltas.map((d) => ({ key: null, value: Buffer.from('v'), timestamp: T0 + d })));
    const seen: number[] = [];
    decodeRecords(batch, (r) => seen.push(r.timestamp - T0));
    expect(seen).toEqual(deltas);
    for (const d of deltas) {
      // varlongSize agrees with the byte count of the plain zig-zag encoding.
      let u = d >= 0 ? BigInt(d) * 2n : -BigInt(d) * 2n - 1n;
      let n = 1;
      while (u >= 128n) {
        u >>= 7n;
        n++;
      }
      expect(varlongSize(d)).toBe(n);
    }
  });

  it('refuses an empty record list', () => {
    expect(() => buildBatch([])).toThrow(RangeError);
  });
});

describe('in-place rewrites', () => {
  const batch = () => buildBatch([
    { key: null, value: Buffer.from('a'), timestamp: T0 },
    { key: null, value: Buffer.from('b'), timestamp: T0 + 7 },
  ]);

  it('setBaseOffset and setPartitionLeaderEpoch keep the CRC valid', () => {
    const b = batch();
    const crc = b.readUInt32BE(CRC_OFFSET);
    setBaseOffset(b, 2 ** 40 + 5);
    setPartitionLeaderEpoch(b, 12);
    expect(b.readUInt32BE(CRC_OFFSET)).toBe(crc);
    expect(isCrcValid(b)).toBe(true);
    expect(splitBatches(b).error).toBeUndefined();
    const h = readBatchHeader(b);
    expect(h.baseOffset).toBe(2 ** 40 + 5);
    expect(h.partitionLeaderEpoch).toBe(12);
    expect(collect(b).map((r) => r.offset)).toEqual([2 ** 40 + 5, 2 ** 40 + 6]);
  });

  it('setLogAppendTime sets the type and maxTimestamp and recomputes the CRC', () => {
    const b = batch();
    setLogAppendTime(b, T0 + 99_999);
    expect(isCrcValid(b)).toBe(true);
    expect(splitBatches(b).error).toBeUndefined();
    const h = readBatchHeader(b);
    expect(h.attributes & 0x08).toBe(0x08);
    expect(h.maxTimestamp).toBe(T0 + 99_999);
    expect(h.baseTimestamp).toBe(T0);
    expect(collect(b).map((r) => [r.timestamp, r.timestampType])).toEqual([
      [T0 + 99_999, 1],
      [T0 + 99_999, 1],
    ]);
  });

  it('setLogAppendTime works on a batch inside a bigger buffer', () => {
    const a = batch();
    const blob = Buffer.concat([a, batch()]);
    setLogAppendTime(blob.subarray(a.length), 5);
    expect(splitBatches(blob).error).toBeUndefined();
  });
});

describe('corruption and truncation', () => {
  const good = buildBatch([
    { key: Buffer.from('k'), value: Buffer.from('hello'), timestamp: T0 },
    { key: Buffer.from('k2'), value: Buffer.from('world'), timestamp: T0 },
  ]);

  it('a flipped byte anywhere under the CRC is CORRUPT_MESSAGE', () => {
    for (let i = ATTRIBUTES_OFFSET; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] ^= 0x40;
      const r = splitBatches(bad);
      expect(r.error, `byte ${i}`).toMatch(/CRC/);
      expect(r.errorCode).toBe(ERROR_CORRUPT_MESSAGE);
      expect(r.batches).toEqual([]);
    }
  });

  it('wrong magic is INVALID_RECORD', () => {
    const bad = Buffer.from(good);
    bad[16] = 1;
    expect(splitBatches(bad)).toMatchObject({ errorCode: ERROR_INVALID_RECORD });
    expect(splitBatches(bad).error).toMatch(/magic 1/);
  });

  it('bad batchLength is rejected', () => {
    const bad = Buffer.from(good);
    bad.writeInt32BE(10, 8);
    expect(splitBatches(bad).error).toMatch(/batchLength/);
    bad.writeInt32BE(0x7fffffff, 8);
    expect(splitBatches(bad).error).toMatch(/truncated/);
  });

  it('a truncated trailing batch is an error on produce, reported after the good ones', () => {
    const blob = Buffer.concat([good, good.subarray(0, good.length - 3)]);
    const r = splitBatches(blob);
    expect(r.error).toMatch(/truncated/);
    expect(r.errorCode).toBe(ERROR_CORRUPT_MESSAGE);
    expect(r.batches).toHaveLength(1);
    expect(splitBatches(Buffer.concat([good, good.subarray(0, 20)])).error).toMatch(/truncated/);
    expect(splitBatches(Buffer.alloc(0)).error).toBeDefined();
  });

  it('fromClient applies Kafka client-batch checks', () => {
    expect(splitBatches(good, { fromClient: true }).error).toBeUndefined();
    const ctl = buildBatch([{ key: null, value: null, timestamp: T0 }], { control: true });
    expect(splitBatches(ctl, { fromClient: true })).toMatchObject({ errorCode: ERROR_INVALID_RECORD });
    const idem = buildBatch([{ key: null, value: null, timestamp: T0 }], { producerId: 5, producerEpoch: 0 });
    expect(splitBatches(idem, { fromClient: true }).error).toMatch(/sequence/);
    const lie = Buffer.from(good);
    lie.writeInt32BE(5, 57);
    lie.writeUInt32BE(crc32c(lie, ATTRIBUTES_OFFSET), CRC_OFFSET);
    expect(splitBatches(lie).error).toBeUndefined();
    expect(splitBatches(lie, { fromClient: true }).error).toMatch(/count/);
  });

  it('fetch-side iteration tolerates a truncated trailing batch', () => {
    const blob = Buffer.concat([good, good, good.subarray(0, 30)]);
    const seen: number[] = [];
    const stop = iterateBatches(blob, (b, at) => {
      seen.push(at);
      expect(b.length).toBe(good.length);
    });
    expect(seen).toEqual([0, good.length]);
    expect(stop).toBe(2 * good.length);
    expect(nextBatchEnd(blob, 0)).toBe(good.length);
    expect(nextBatchEnd(blob, 2 * good.length)).toBe(-1);
    expect(nextBatchEnd(blob.subarray(0, 5), 0)).toBe(-1);
    expect(iterateBatches(blob, () => false)).toBe(good.length);
  });

  it('decodeRecords rejects records running past the batch', () => {
    const bad = Buffer.from(good);
    bad[RECORDS_OFFSET] = 0x7e; // first record claims 63 bytes
    expect(() => decodeRecords(bad, () => {})).toThrow(/past/);
    const short = Buffer.from(good);
    short.writeInt32BE(3, 57); // claims 3 records, holds 2
    expect(() => decodeRecords(short, () => {})).toThrow();
  });

  it('skips control batches unless asked', () => {
    const ctl = buildBatch([{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]), timestamp: T0 }], {
      control: true,
      transactional: true,
      producerId: 1,
      producerEpoch: 0,
    });
    expect(decodeRecords(ctl, () => {})).toBe(0);
    const got: boolean[] = [];
    expect(decodeRecords(ctl, (r) => got.push(r.isControl), { includeControl: true })).toBe(1);
    expect(got).toEqual([true]);
  });
});

// ------------------------------------------------------------------ compression

describe('snappy', () => {
  it('decodes a raw block (REPEAT x6: literal + overlapping copy-2)', () => {
    const raw = Buffer.from([0x24, 0x14, 0x52, 0x45, 0x50, 0x45, 0x41, 0x54, 0x76, 0x06, 0x00]);
    expect(decompress('snappy', raw).toString()).toBe('REPEAT'.repeat(6));
  });

  it('decodes xerial framing (Hello World in two chunks)', () => {
    const x = Buffer.from([
      0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
      0x00, 0x07, 0x05, 0x10, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x00, 0x00, 0x08, 0x06, 0x14, 0x20, 0x57, 0x6f,
      0x72, 0x6c, 0x64,
    ]);
    expect(decompress(2, x).toString()).toBe('Hello World');
  });

  it('decodes every element type', () => {
    // "abcd" literal, copy-1 len 11 off 4, 62-byte literal via 1-byte length, copy-4 len 8 off 77,
    // copy-2 len 64 off 1 (run of one byte)
    const lit62 = Buffer.alloc(62, 'z');
    lit62[61] = 0x41;
    const parts = [
      Buffer.from(uvarint(4 + 11 + 62 + 8 + 64)),
      Buffer.from([3 << 2, 0x61, 0x62, 0x63, 0x64]),
      Buffer.from([((11 - 4) << 2) | 1, 4]),
      Buffer.from([60 << 2, 61]),
      lit62,
      Buffer.from([((8 - 1) << 2) | 3, 77, 0, 0, 0]),
      Buffer.from([((64 - 1) << 2) | 2, 1, 0]),
    ];
    const want = 'abcdabcdabcdabc' + 'z'.repeat(61) + 'A' + 'abcdabcd' + 'd'.repeat(64);
    expect(decompress('snappy', Buffer.concat(parts)).toString()).toBe(want);
  });

  it('decodes a real kafkajs snappy batch (raw snappy, CRC from the client)', () => {
    // From kafkajs src/protocol/requests/fetch/fixtures/v4_response_snappy.json
    const batch = Buffer.from([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 98, 0, 0, 0, 0, 2, 151, 239, 110, 170, 0, 2, 0, 0, 0, 0, 0, 0, 1, 104, 185, 18,
      144, 177, 0, 0, 1, 104, 185, 18, 144, 177, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
      48, 68, 94, 0, 0, 0, 14, 107, 101, 121, 45, 49, 52, 57, 68, 118, 97, 108, 117, 101, 1, 10, 100, 45, 50, 48, 49,
      57, 45, 48, 50, 45, 48, 52, 84, 49, 53, 58, 49, 51, 58, 52, 56, 46, 49, 56, 55, 90, 0,
    ]);
    expect(batch.length).toBe(110);
    expect(splitBatches(batch).error).toBeUndefined();
    const seen = collect(batch);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ offset: 0, key: 'key-149' });
    expect(seen[0].value).toMatch(/^value-/);
    expect(seen[0].timestamp).toBe(readBatchHeader(batch).baseTimestamp);
  });

  it('decodes snappy batches (raw and xerial) through decodeRecords', () => {
    const recs: ProducerRecord[] = [];
    for (let i = 0; i < 300; i++) recs.push({ key: Buffer.from(`k${i}`), value: Buffer.from('v'.repeat(i)), timestamp: T0 + i });
    const plain = buildBatch(recs);
    const body = plain.subarray(RECORDS_OFFSET);
    const want = collect(plain);
    expect(collect(rewrap(plain, 2, snappyLiterals(body)))).toEqual(want);
    const half = body.length >> 1;
    const x = xerial([snappyLiterals(body.subarray(0, half)), snappyLiterals(body.subarray(half))]);
    const xb = rewrap(plain, 2, x);
    expect(splitBatches(xb).error).toBeUndefined();
    expect(collect(xb)).toEqual(want);
  });

  it('rejects malformed data', () => {
    expect(() => decompress('snappy', Buffer.from([0x05, 0x08, 0x61, 0x62, 0x63]))).toThrow(CompressionDataError); // literal overruns
    expect(() => decompress('snappy', Buffer.from([0x04, 0x00, 0x61, 0x01, 0x05]))).toThrow(/offset/);
    expect(() => decompress('snappy', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]))).toThrow(/impossible/);
    expect(() => decompress('snappy', Buffer.from([0x03, 0x00, 0x61]))).toThrow(CompressionDataError);
  });
});

describe('lz4 frame', () => {
  const text = 'hello hello hello hello hello kafka kafka kafka kafka! abcabcabcabcabcabcabcabcabcabcabcabc';
  it.each([
    ['default (content checksum)', 'BCJNGGRApyEAAABvaGVsbG8gBgAFXmthZmthBgBfISBhYmMDAAlQYmNhYmMAAAAA7B+3cQ=='],
    ['content size + block checksums', 'BCJNGHhAWwAAAAAAAABsIQAAAG9oZWxsbyAGAAVea2Fma2EGAF8hIGFiYwMACVBiY2FiY2DqNioAAAAA'],
    ['linked blocks + content size', 'BCJNGGxAWwAAAAAAAABfIQAAAG9oZWxsbyAGAAVea2Fma2EGAF8hIGFiYwMACVBiY2FiYwAAAADsH7dx'],
  ])('decodes lz4 CLI output: %s', (_name, b64) => {
    expect(decompress('lz4', Buffer.from(b64, 'base64')).toString()).toBe(text);
  });

  it('decodes multi-block linked frames (lz4 -B4 -BD)', () => {
    let s = '';
    for (let i = 0; i < 3000; i++) s += `record-${i % 50}:${'v'.repeat(i % 40)};`;
    expect(decompress(3, Buffer.from(MEDIUM_LZ4.join(''), 'base64')).toString()).toBe(s);
  });

  it('decodes uncompressed blocks with block checksums', () => {
    expect(decompress(3, Buffer.from(NOISE_LZ4.join(''), 'base64')).equals(noise(300))).toBe(true);
  });

  it('decodes lz4 batches through decodeRecords, and concatenated frames', () => {
    const recs: ProducerRecord[] = [];
    for (let i = 0; i < 1000; i++) recs.push({ key: null, value: Buffer.from(`value-${i}`.padEnd(100, '.')), timestamp: T0 });
    const plain = buildBatch(recs);
    const body = plain.subarray(RECORDS_OFFSET);
    expect(collect(rewrap(plain, 3, lz4Stored(body)))).toEqual(collect(plain));
    const two = Buffer.concat([lz4Stored(body.subarray(0, 10)), lz4Stored(body.subarray(10))]);
    expect(decompress('lz4', two).equals(body)).toBe(true);
  });

  it('rejects malformed frames', () => {
    expect(() => decompress('lz4', Buffer.from('not lz4 at all'))).toThrow(/magic/);
    const good = Buffer.from('BCJNGGRApyEAAABvaGVsbG8gBgAFXmthZmthBgBfISBhYmMDAAlQYmNhYmMAAAAA7B+3cQ==', 'base64');
    expect(() => decompress('lz4', good.subarray(0, 20))).toThrow(CompressionDataError);
    const badOffset = Buffer.from(good);
    badOffset[19] = 0xff; // first match offset -> far before the start
    expect(() => decompress('lz4', badOffset)).toThrow(CompressionDataError);
  });
});

describe('gzip / zstd / limits', () => {
  it('gzip round-trips, sync and async', async () => {
    const data = Buffer.from('x'.repeat(10_000));
    const z = compress('gzip', data);
    expect(z.length).toBeLessThan(200);
    expect(decompress(1, z).equals(data)).toBe(true);
    expect((await decompressAsync('gzip', z)).equals(data)).toBe(true);
    expect(() => decompress('gzip', z, 100)).toThrow(CompressionDataError);
  });

  it('zstd decodes (a bad frame is CompressionDataError); a codec number no client knows is unsupported', () => {
    const plain = buildBatch([{ key: null, value: Buffer.from('x'), timestamp: T0 }]);
    const zb = rewrap(plain, 4, Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    expect(splitBatches(zb).error).toBeUndefined();
    expect(() => decodeRecords(zb, () => {})).toThrow(CompressionDataError);
    expect(() => decompress(5, Buffer.from([1, 2, 3]))).toThrow(CompressionUnsupportedError);
  });

  it('every codec compresses and reads back (zstd once its encoder is loaded, at a level too)', async () => {
    expect(compress('none', Buffer.from('a')).toString()).toBe('a');
    await compressAsync('zstd', Buffer.from('warm-up'));
    const inputs = [Buffer.alloc(0), Buffer.from('a'), Buffer.from('abcabcabcabcabcabcabc-xyz'), Buffer.from('0123456789'.repeat(20000)), randomBytes(70000)];
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      for (const input of inputs) expect(decompress(codec, compress(codec, input)).equals(input)).toBe(true);
    }
    // The framings Kafka's Java client writes: xerial snappy, an LZ4 frame with its header checksum.
    expect(compress('snappy', Buffer.from('a')).subarray(0, 16).toString('hex')).toBe('82534e41505059000000000100000001');
    expect(compress('lz4', Buffer.from('a')).subarray(0, 7).toString('hex')).toBe('04224d18604082');
    expect(compress('snappy', Buffer.from('0123456789'.repeat(20000))).length).toBeLessThan(20000);
    expect(compress('lz4', Buffer.from('0123456789'.repeat(20000))).length).toBeLessThan(20000);
    const data = Buffer.from('zstd '.repeat(1000));
    const z = await compressAsync('zstd', data);
    expect(z.length).toBeLessThan(100);
    expect(decompress('zstd', z).equals(data)).toBe(true);
    expect(decompress('zstd', compress('zstd', data, 19)).equals(data)).toBe(true);
    expect(() => compress(5, Buffer.from('a'))).toThrow(CompressionUnsupportedError);
  });
});

const MEDIUM_LZ4 = [
  'BCJNGERAXnsHAACjcmVjb3JkLTA6OwoANDE6dgsANTI6dgwANjM6dg0ANzQ6dg4AETUOAAUqABI2DwAFEAATNxAABREAFDgRAAUS',
  'ABU5EgAFEwAmMTAUAAYVABcxFQAGFgAYMhYABhcAAbMABgIABNYAEjG+AAYCAAUZAAPJAAYCAAUaAATUAAYCAAUbAAXfAAYCAAUc',
  'AAbqAAYCAAUdAAf1AAYCAAQeABgy/wAGAgAFHwAJCQEGAgAFIAAKEwEGAgAFIQALHQEGAgAFIgAMJwEGAgAFIwANMQEGAgAFJAAO',
  'OwEGAgAFJQAPRQEABgIABSYAD08BAQYCAAUnAA9ZAQIGAgAEKAAfM2MBAwYCAAUpAA9tAQQGAgAFKgAPdwEFBgIABSsAD4EBBgYC',
  'AAUsAA+LAQcGAgAFLQAPlQEIBgIABS4AD58BCQYCAAUvAA+pAQoGAgAFMAAPswELBgIABTEAD70BDAYCAAQyABY0uwQXNLwEGDS9',
  'BBE0bQEFMgACTwEFDwADMQEFEAAEEwEFEQAF9QAFEgAG1wAFEwAHuQAEFAAIYQIEFAAJTAIEFQAKNwIEFgABtQAGAgAEFwACvgAG',
  'AgAEGAADxwAGAgAEGQAE0AAGAgAEGgAF2QAGAgAEGwAG4gAGAgAEHAAH6wAGAgAEHQAJuQUGAgAFHwAJAQEGAgAFIAAKDAEGAgAF',
  'IQALFwEGAgAFIgAMIgEGAgAFIwANLQEGAgAFJAAOOAEGAgAFJQAPQwEABgIABSYAD04BAQYCAAUnAA9ZAQIGAgAEKAAPHQYEBgIA',
  'BSkAD20BBAYCAAUqAA93AQUGAgAFKwAPgQEGBgIABSwAD4sBBwYCAAUtAA+VAQgGAgAFLgAPnwEJBgIABS8AD6kBCgYCAAUwAA+z',
  'AQsGAgAFMQAPvQEMBgIABDIAFjO6BBczugQYM7oEETNtAQUyAAJPAQUPAAMxAQUQAAQTAQURAAX1AAUSAAbXAAUTAAe5AAQUAB80',
  'uwQBGTROAgUrAAo6AgUXAAG5AAYCAAUYAALDAAYCAAUZAAPNAAYCAAUaAATXAAYCAAUbAAXhAAYCAAUcAAbrAAYCAAUdAAf1AAYC',
  'AAQeAAj+AAYCAAQeAAkHAQYCAAQfAAoQAQYCAAQgAAsZAQYCAAQhAAwiAQYCAAQiAA0rAQYCAAQjAA40AQYCAAQkAA89AQAGAgAE',
  'JQAPRgEBBgIABCYAD08BAgYCAAQnAA8dBgQGAgAFKQAPZQEEBgIABSoAD3ABBQYCAAUrAA97AQYGAgAFLAAPhgEHBgIABS0AD5EB',
  'CAYCAAUuAA+cAQkGAgAFLwAPpwEKBgIABTAAD7IBCwYCAAUxAA+9AQwGAgAEMgAWMroEFzK6BBgyugQRMm0BBTIAAk8BBQ8AAzEB',
  'BRAABBMBBREABfUABRIABtcABRMAB7kABBQACdYLBRUACU4CBRYACjoCBRcAAbkABgIABRgAAsMABgIABRkAA80ABgIABRoABNcA',
  'BgIABRsABeEABgIABRwABusABgIABR0AB/UABgIABB4ACbkFBgIABR8ACQkBBgIABSAAChMBBgIABSEACx0BBgIABSIADCcBBgIA',
  'BSMADTEBBgIABSQADjsBBgIABSUAD0UBAAYCAAUmAA9PAQEGAgAFJwAPWQECBgIABCgADx0GAwYCAAQoAA9rAQQGAgAEKQAPdAEF',
  'BgIABCoAD30BBgYCAAQrAA+GAQcGAgAELAAPjwEIBgIABC0AD5gBCQYCAAQuAA+hAQoGAgAELwAPqgELBgIABDAAD7MBDAYCAAQx',
  'ABYxugQXMboEGDG6BBExZwEFMgACSgEFDwADLQEFEAAEEAEFEQAF8wAFEgAG1gAFEwAHuQAEFAAJ1gsFFQAJRgIFFgAKMwIFFwAB',
  'uQAGAgAFGAACwwAGAgAFGQADzQAGAgAFGgAE1wAGAgAFGwAF4QAGAgAFHAAG6wAGAgAFHQAH9QAGAgAEHgAJuQUGAgAFHwAJCQEG',
  'AgAFIAAKEwEGAgAFIQALHQEGAgAFIgAMJwEGAgAFIwANMQEGAgAFJAAOOwEGAgAFJQAPRQEABgIABSYAD08BAQYCAAUnAA9ZAQIG',
  'AgAEKAAPHQYEBgIABSkAD20BBAYCAAUqAA93AQUGAgAFKwAPgQEGBgIABSwAD4sBBwYCAAUtAA+VAQgGAgAFLgAPnwEJBgIABS8A',
  'D6kBCgYCAAUwAA+zAQsGAgAFMQAPvQEMBgIABDIAB8MED6wX////////////////////////////////////////////////////',
  '////////////////////////////////////////////////////////////////////////////////////////////////////',
  '////////////////////////////////////////////////////////////////////////////////////////////////////',
  '//////////////////////////////////////////////////////////8TUHZ2dnZ2gwAAAAVW6BUx6egFEgAGy+gFEwAHregE',
  'FAAPuOz/////////////////////////////////////////////////////////////////////////////////////////////',
  '//////////////////////////////////////8dUHZ2dnY7AAAAAHeBBvw=',
];

const NOISE_LZ4 = [
  'BCJNGHRAvSwBAIDTp9YNwj7NryCvaZYmUmV+5rtE0J9aW32qudpelgJkBcwfR8Gyl1JbJ/zqsdqQzUbZc7JqT4KvjkevE+YJihly',
  'Rj6wDDonMA955bfIAnqUrN/c6hdZBn4DlH9WBR7RlHS4br+UYwBlJZAbuZ/e26Qa1sxwm5FH/jcwByRcnK22MOR0UL1IT99zsyyG',
  'NzoVU/XlefV31L9Q/IcDqM7Tj8zK23Npow1edkv0gV/Qaytmn4FyVucOB4Oj0Aq6dKCGj2L26Twk4ZPsfC9eMuJXtwx0baOc5TTQ',
  'kfgQjd2nbT0lEt2vKdQCbvNPEOSZI2vy3s2zVPolSOxhQxfdQfsw+h7ygfy5B7aOJ4sLEdmGpLLlAK4p0RdaRsNJgCXBP2mgeBUj',
  'YaPMVKsPc2S95Dfc63zeAAAAANzrfN4=',
];
