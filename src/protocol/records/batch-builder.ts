// Incremental RecordBatch v2 writer: records are written one at a time straight into one
// (reusable, growable) buffer from BATCH_HEADER_SIZE on, no per-record objects; seal() then
// writes the header and CRC (compressing the record area first when asked). Kafka's
// MemoryRecordsBuilder. buildBatch (batch.ts) and the producer's batches are built with it.

import { crc32c } from './crc32c';
import { codecId, compress, CODEC_NONE, type CodecName } from './compression';
import {
  ATTR_CONTROL, ATTR_TRANSACTIONAL, ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, CRC_OFFSET, LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD, MAGIC_OFFSET, MAGIC_V2, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET, RECORD_COUNT_OFFSET, TWO_32,
} from './layout';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface SealOptions {
  baseOffset?: number;
  /** Any codec (zstd: once loadZstdEncoder() has completed). */
  compression?: CodecName;
  /** The codec's level: gzip -1 or absent = zlib's default; zstd absent = 3; snappy, lz4 none. */
  level?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
  /** Control batch (transaction markers); records must then carry control keys/values. */
  control?: boolean;
  partitionLeaderEpoch?: number;
}

/** Bytes of the zig-zag varint of a 32-bit int. */
export function varintSize(v: number): number {
  const u = ((v << 1) ^ (v >> 31)) >>> 0;
  if (u < 0x80) return 1;
  if (u < 0x4000) return 2;
  if (u < 0x200000) return 3;
  if (u < 0x10000000) return 4;
  return 5;
}

/** Bytes of the zig-zag varlong of a safe integer. */
export function varlongSize(v: number): number {
  // An int32's zig-zag fits 32 bits: the int arithmetic gives the same bytes (timestamp deltas).
  if ((v | 0) === v) return varintSize(v);
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (u >= 0x80) {
    u = Math.floor(u / 128);
    n++;
  }
  return n;
}

function writeVarint(buf: Buffer, p: number, v: number): number {
  let u = ((v << 1) ^ (v >> 31)) >>> 0;
  while (u >= 0x80) {
    buf[p++] = (u & 0x7f) | 0x80;
    u >>>= 7;
  }
  buf[p++] = u;
  return p;
}

function writeVarlong(buf: Buffer, p: number, v: number): number {
  if ((v | 0) === v) return writeVarint(buf, p, v);
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    buf[p++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[p++] = u;
  return p;
}

function writeI64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi | 0, at);
  buf.writeUInt32BE((v - hi * TWO_32) >>> 0, at + 4);
}

/**
 * Copies up to this long go through DataViews: Buffer#copy costs about 80 ns whatever the length
 * (argument checks, a Uint8Array view allocated per call, TypedArray#set), eight bytes a step
 * through 32-bit loads and stores copy 100 bytes in under half that. Longer ones use Buffer#copy.
 */
const SHORT_COPY = 192;

// The views of the last source and destination: a batch's records come from one input buffer
// into one batch buffer, so the views are made once per buffer, not per record. (They keep those
// two buffers referenced until the next copy from or into other ones; not dropping them at each
// seal spares the optimized append path a deoptimization when the next batch starts.)
let srcOf: Uint8Array | null = null;
let srcView: DataView | null = null;
let dstOf: Uint8Array | null = null;
let dstView: DataView | null = null;

/** Copy src[s, e) to dst at p; returns e - s. */
function copyBytes(src: Buffer, s: number, e: number, dst: Buffer, p: number): number {
  const n = e - s;
  if (n < 8) {
    for (let i = s; i < e; i++) dst[p++] = src[i];
    return n;
  }
  if (n > SHORT_COPY) return src.copy(dst, p, s, e);
  if (src !== srcOf) {
    srcOf = src;
    srcView = new DataView(src.buffer, src.byteOffset, src.length);
  }
  if (dst !== dstOf) {
    dstOf = dst;
    dstView = new DataView(dst.buffer, dst.byteOffset, dst.length);
  }
  const sv = srcView!;
  const dv = dstView!;
  let i = s;
  // Same byte order both ways: the bytes land as they were, on any machine.
  for (const e8 = e - 8; i <= e8; i += 8, p += 8) {
    const a = sv.getInt32(i, true);
    const b = sv.getInt32(i + 4, true);
    dv.setInt32(p, a, true);
    dv.setInt32(p + 4, b, true);
  }
  while (i < e) dst[p++] = src[i++];
  return n;
}

/** Size of the headers part of a record (count varint + each header). */
export function headersSize(headers: readonly RecordHeader[] | null | undefined): number {
  if (headers === null || headers === undefined) return 1;
  let n = varintSize(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const kl = Buffer.byteLength(h.key, 'utf8');
    n += varintSize(kl) + kl;
    n += h.value === null ? 1 : varintSize(h.value.length) + h.value.length;
  }
  return n;
}

/**
 * Bytes one record takes in a batch (length varint included): timestamp and offset deltas from
 * the batch's base, key/value lengths (-1 = null).
 */
export function recordSize(tsDelta: number, offsetDelta: number, keyLen: number, valueLen: number, headers: readonly RecordHeader[] | null | undefined): number {
  const body =
    1 + (tsDelta === 0 ? 1 : varlongSize(tsDelta)) + varintSize(offsetDelta) +
    (keyLen < 0 ? 1 : varintSize(keyLen) + keyLen) + (valueLen < 0 ? 1 : varintSize(valueLen) + valueLen) +
    headersSize(headers);
  return varintSize(body) + body;
}

/** Kafka's DefaultRecordBatch.estimateBatchSizeUpperBound (record batch overhead + worst-case record). */
export function estimateSizeUpperBound(keyLen: number, valueLen: number, headers: readonly RecordHeader[] | null | undefined): number {
  let size = BATCH_HEADER_SIZE + 21; // RECORD_BATCH_OVERHEAD + MAX_RECORD_OVERHEAD
  size += keyLen < 0 ? 1 : varintSize(keyLen) + keyLen;
  size += valueLen < 0 ? 1 : varintSize(valueLen) + valueLen;
  size += headersSize(headers);
  return size;
}

export class BatchBuilder {
  /** Records are written from BATCH_HEADER_SIZE; seal() fills in the header. */
  buf: Buffer;
  pos = BATCH_HEADER_SIZE;
  count = 0;
  baseTimestamp = 0;
  maxTimestamp = 0;
  /** The final bytes (header written, CRC set), once sealed. */
  sealed: Buffer | null = null;

  constructor(buf: Buffer = Buffer.allocUnsafe(16384)) {
    this.buf = buf;
  }

  /** Start a new batch, writing into `buf` (default: the current buffer). */
  reset(buf: Buffer = this.buf): this {
    this.buf = buf;
    this.pos = BATCH_HEADER_SIZE;
    this.count = 0;
    this.baseTimestamp = 0;
    this.maxTimestamp = 0;
    this.sealed = null;
    return this;
  }

  /** Bytes on the wire (the uncompressed size before seal()). */
  get sizeInBytes(): number {
    return this.sealed !== null ? this.sealed.length : this.pos;
  }

  /** Bytes the batch would have with one more record of these sizes appended at time ts. */
  estimateWith(ts: number, keyLen: number, valueLen: number, headers: readonly RecordHeader[] | null | undefined): number {
    const tsDelta = this.count === 0 ? 0 : ts - this.baseTimestamp;
    return this.pos + recordSize(tsDelta, this.count, keyLen, valueLen, headers);
  }

  /** Append one record (whole buffers; null = null field). Returns the bytes written. */
  append(key: Buffer | null, value: Buffer | null, headers: readonly RecordHeader[] | null | undefined, timestamp: number): number {
    return this.appendRange(
      timestamp, key, 0, key === null ? 0 : key.length, value, 0, value === null ? 0 : value.length,
      headers === undefined ? null : headers, Infinity,
    );
  }

  /**
   * Append one record whose key/value are byte ranges of the given buffers (null buffer = null
   * field). When the batch already holds records and the result would exceed `limit` bytes,
   * nothing is written and -1 is returned; otherwise the bytes written (the buffer grows as needed).
   */
  appendRange(
    ts: number,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: readonly RecordHeader[] | null,
    limit: number,
  ): number {
    const count = this.count;
    const tsDelta = count === 0 ? 0 : ts - this.baseTimestamp;
    const kl = key === null ? -1 : ke - ks;
    const vl = value === null ? -1 : ve - vs;
    const body =
      1 + (tsDelta === 0 ? 1 : varlongSize(tsDelta)) + varintSize(count) +
      (kl < 0 ? 1 : varintSize(kl) + kl) + (vl < 0 ? 1 : varintSize(vl) + vl) +
      (headers === null ? 1 : headersSize(headers));
    const total = varintSize(body) + body;
    let p = this.pos;
    if (p + total > limit && count > 0) return -1;
    if (count === 0) {
      this.baseTimestamp = ts;
      this.maxTimestamp = ts;
    } else if (ts > this.maxTimestamp) {
      this.maxTimestamp = ts;
    }
    if (p + total > this.buf.length) this.grow(p + total);
    const buf = this.buf;
    p = writeVarint(buf, p, body);
    buf[p++] = 0; // record attributes (unused)
    if (tsDelta === 0) buf[p++] = 0;
    else p = writeVarlong(buf, p, tsDelta);
    p = writeVarint(buf, p, count);
    if (kl < 0) {
      buf[p++] = 1;
    } else {
      p = writeVarint(buf, p, kl);
      if (kl > 0) p += copyBytes(key!, ks, ke, buf, p);
    }
    if (vl < 0) {
      buf[p++] = 1;
    } else {
      p = writeVarint(buf, p, vl);
      if (vl > 0) p += copyBytes(value!, vs, ve, buf, p);
    }
    if (headers === null) {
      buf[p++] = 0;
    } else {
      p = writeVarint(buf, p, headers.length);
      for (let i = 0; i < headers.length; i++) {
        const h = headers[i];
        const klen = Buffer.byteLength(h.key, 'utf8');
        p = writeVarint(buf, p, klen);
        p += buf.write(h.key, p, klen, 'utf8');
        if (h.value === null) {
          buf[p++] = 1;
        } else {
          p = writeVarint(buf, p, h.value.length);
          p += h.value.copy(buf, p);
        }
      }
    }
    this.pos = p;
    this.count = count + 1;
    return total;
  }

  private grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Key and value sizes (-1 = null) of each record appended so far. */
  forEachRecordSize(visit: (keySize: number, valueSize: number) => void): void {
    const buf = this.buf;
    const end = this.pos;
    let p = BATCH_HEADER_SIZE;
    const uvarint = (): number => {
      let x = 0;
      let shift = 0;
      for (;;) {
        const b = buf[p++];
        x += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return x;
        shift += 7;
      }
    };
    const varint = (): number => {
      const u = uvarint();
      return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    };
    while (p < end) {
      const len = varint();
      const recEnd = p + len;
      p++; // attributes
      varint(); // timestamp delta
      varint(); // offset delta
      const kl = varint();
      if (kl > 0) p += kl;
      const vl = varint();
      visit(kl, vl);
      p = recEnd;
    }
  }

  /**
   * Write the header and CRC (compressing the records first) and return the batch's
   * bytes: a view of the builder's buffer when uncompressed. Sealing again only rewrites the
   * header (e.g. a new sequence); the records and their compression stay as first sealed.
   */
  seal(opts: SealOptions = {}): Buffer {
    const codec = opts.compression === undefined ? CODEC_NONE : codecId(opts.compression);
    let out = this.sealed;
    if (out === null) {
      if (codec !== CODEC_NONE) {
        const z = compress(codec, this.buf.subarray(BATCH_HEADER_SIZE, this.pos), opts.level);
        out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + z.length);
        z.copy(out, BATCH_HEADER_SIZE);
      } else {
        out = this.buf.subarray(0, this.pos);
      }
    }
    let attributes = codec;
    if (opts.transactional) attributes |= ATTR_TRANSACTIONAL;
    if (opts.control) attributes |= ATTR_CONTROL;
    const count = this.count;
    writeI64(out, BASE_OFFSET_OFFSET, opts.baseOffset ?? 0);
    out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
    out.writeInt32BE(opts.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH_OFFSET);
    out[MAGIC_OFFSET] = MAGIC_V2;
    out.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
    out.writeInt32BE(count - 1, LAST_OFFSET_DELTA_OFFSET);
    writeI64(out, BASE_TIMESTAMP_OFFSET, this.baseTimestamp);
    writeI64(out, MAX_TIMESTAMP_OFFSET, this.maxTimestamp);
    writeI64(out, PRODUCER_ID_OFFSET, opts.producerId ?? -1);
    out.writeInt16BE(opts.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
    out.writeInt32BE(opts.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
    out.writeInt32BE(count, RECORD_COUNT_OFFSET);
    out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET, out.length), CRC_OFFSET);
    this.sealed = out;
    return out;
  }
}
