// A producer batch: records written straight into one buffer as they are appended (RecordBatch
// v2 layout, header filled in when the batch is closed), no per-record objects. Kafka's
// ProducerBatch + MemoryRecordsBuilder in one.
import * as zlib from 'node:zlib';
import { crc32c } from '../../protocol/records/crc32c';
import {
  ATTRIBUTES_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET,
  CRC_OFFSET, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET, RECORD_COUNT_OFFSET,
  type RecordHeader,
} from '../../protocol/records/batch';
import type { PartitionState } from './metadata';

const TWO_32 = 4294967296;

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
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    buf[p++] = (u % 128) | 0x80;
    u = Math.floor(u / 128);
  }
  buf[p++] = u;
  return p;
}

/** Copy src[s, e) to dst at p: a plain loop for short ranges (cheaper than Buffer#copy's call). */
function copyBytes(src: Buffer, s: number, e: number, dst: Buffer, p: number): number {
  const n = e - s;
  if (n < 32) {
    for (let i = s; i < e; i++) dst[p++] = src[i];
    return n;
  }
  return src.copy(dst, p, s, e);
}

/**
 * Free batch buffers of the standard size (batch.size), reused once a batch is acknowledged
 * (Kafka's BufferPool keeps a free list the same way).
 */
export class BufferPool {
  private free: Buffer[] = [];
  constructor(readonly poolableSize: number, private readonly maxFree: number) {}

  allocate(size: number): Buffer {
    if (size === this.poolableSize) {
      const b = this.free.pop();
      if (b !== undefined) return b;
    }
    return Buffer.allocUnsafe(size);
  }

  release(buf: Buffer): void {
    if (buf.length === this.poolableSize && this.free.length < this.maxFree) this.free.push(buf);
  }
}

function writeI64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi | 0, at);
  buf.writeUInt32BE((v - hi * TWO_32) >>> 0, at + 4);
}

/** Size of the headers part of a record (count varint + each header). */
export function headersSize(headers: readonly RecordHeader[] | null): number {
  if (headers === null) return 1;
  let n = varintSize(headers.length);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const kl = Buffer.byteLength(h.key, 'utf8');
    n += varintSize(kl) + kl;
    n += h.value === null ? 1 : varintSize(h.value.length) + h.value.length;
  }
  return n;
}

/** Kafka's DefaultRecordBatch.estimateBatchSizeUpperBound (record batch overhead + worst-case record). */
export function estimateSizeUpperBound(keyLen: number, valueLen: number, headers: readonly RecordHeader[] | null): number {
  let size = 61 + 21; // RECORD_BATCH_OVERHEAD + MAX_RECORD_OVERHEAD
  size += keyLen < 0 ? 1 : varintSize(keyLen) + keyLen;
  size += valueLen < 0 ? 1 : varintSize(valueLen) + valueLen;
  size += headersSize(headers);
  return size;
}

export interface Waiter {
  /** The record's index in the batch (its offset is the batch's base offset + index). */
  index: number;
  resolve: (offset: number) => void;
  reject: (e: Error) => void;
}

let nextBatchId = 0;

export class ProducerBatch {
  /** Queue order (creation order); split halves get ids between their original's and the next. */
  id = nextBatchId++;
  /** How many times this batch's records were split (MESSAGE_TOO_LARGE). */
  splitDepth = 0;
  /** Records are written from BATCH_HEADER_SIZE; the header is filled in by close(). */
  buf: Buffer;
  pos = BATCH_HEADER_SIZE;
  count = 0;
  baseTimestamp = 0;
  maxTimestamp = 0;
  /** Memory charged to the producer's buffer.memory for this batch. */
  readonly capacity: number;
  /** No further record may be appended. */
  full = false;
  /** The final bytes (header written, CRC set), once closed. */
  bytes: Buffer | null = null;
  attempts = 0;
  /** Earliest time of the next send attempt (retry backoff). */
  retryAt = 0;
  inFlight = false;
  done = false;
  /** Idempotence: the producer-id generation and sequence written into the bytes. */
  pidGen = -1;
  baseSequence = -1;
  /** Sync sends waiting for this batch's outcome. */
  waiters: Waiter[] | null = null;

  constructor(
    readonly part: PartitionState,
    capacity: number,
    readonly createdMs: number,
    private readonly limit: number,
    pool: BufferPool | null = null,
  ) {
    this.capacity = capacity;
    this.buf = pool !== null ? pool.allocate(capacity) : Buffer.allocUnsafe(capacity);
  }

  /**
   * Append one record; false (nothing written) when it does not fit and the batch already holds
   * records. Key/value are byte ranges of the given buffers (null buffer = null field).
   */
  tryAppend(
    ts: number,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: readonly RecordHeader[] | null,
  ): number {
    const count = this.count;
    if (count === 0) {
      this.baseTimestamp = ts;
      this.maxTimestamp = ts;
    } else if (ts > this.maxTimestamp) {
      this.maxTimestamp = ts;
    }
    const tsDelta = ts - this.baseTimestamp;
    const kl = key === null ? -1 : ke - ks;
    const vl = value === null ? -1 : ve - vs;
    const body =
      1 + (tsDelta === 0 ? 1 : varlongSize(tsDelta)) + varintSize(count) +
      (kl < 0 ? 1 : varintSize(kl) + kl) + (vl < 0 ? 1 : varintSize(vl) + vl) +
      (headers === null ? 1 : headersSize(headers));
    const total = varintSize(body) + body;
    let p = this.pos;
    if (p + total > this.limit && count > 0) {
      this.full = true;
      return -1;
    }
    if (p + total > this.buf.length) this.grow(p + total);
    const buf = this.buf;
    p = writeVarint(buf, p, body);
    buf[p++] = 0;
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
    if (p >= this.limit) this.full = true;
    return total;
  }

  private grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Write the header (and compress): the batch's bytes are final until the sequence changes. */
  close(compression: 'none' | 'gzip', gzipLevel: number, producerId: number, producerEpoch: number, baseSequence: number): Buffer {
    this.full = true;
    let out: Buffer;
    let attributes = 0;
    if (this.bytes !== null) {
      out = this.bytes;
      if (compression === 'gzip') attributes = 1;
    } else if (compression === 'gzip') {
      const z = zlib.gzipSync(this.buf.subarray(BATCH_HEADER_SIZE, this.pos), gzipLevel === -1 ? {} : { level: gzipLevel });
      out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + z.length);
      z.copy(out, BATCH_HEADER_SIZE);
      attributes = 1;
    } else {
      out = this.buf.subarray(0, this.pos);
    }
    writeI64(out, 0, 0);
    out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
    out.writeInt32BE(-1, PARTITION_LEADER_EPOCH_OFFSET);
    out[MAGIC_OFFSET] = 2;
    out.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
    out.writeInt32BE(this.count - 1, LAST_OFFSET_DELTA_OFFSET);
    writeI64(out, BASE_TIMESTAMP_OFFSET, this.baseTimestamp);
    writeI64(out, MAX_TIMESTAMP_OFFSET, this.maxTimestamp);
    writeI64(out, PRODUCER_ID_OFFSET, producerId);
    out.writeInt16BE(producerEpoch, PRODUCER_EPOCH_OFFSET);
    out.writeInt32BE(baseSequence, BASE_SEQUENCE_OFFSET);
    out.writeInt32BE(this.count, RECORD_COUNT_OFFSET);
    out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET, out.length), CRC_OFFSET);
    this.bytes = out;
    this.baseSequence = baseSequence;
    return out;
  }

  get isClosed(): boolean {
    return this.bytes !== null;
  }

  /** Bytes on the wire (estimated before close). */
  get sizeInBytes(): number {
    return this.bytes !== null ? this.bytes.length : this.pos;
  }
}
