// A producer batch: Kafka's ProducerBatch. The producer's policy on top of the protocol layer's
// BatchBuilder (which writes the records straight into one buffer as they are appended, no
// per-record objects, and the v2 header when sealed): the batch.size limit, the buffer pool,
// sequence bookkeeping and the compression choice.
import { BatchBuilder, type RecordHeader } from '../../protocol/records/batch-builder';
import type { PartitionState } from './metadata';
import type { ProducerCompression } from './config';

/** Batch buffers grow in multiples of this. */
export const GROWTH_UNIT = 1024;
// Used here through a local binding: TypeScript's CommonJS output reads an exported const as
// `exports.GROWTH_UNIT`, a generic property load in the optimized append path.
const GROWTH = GROWTH_UNIT;

/**
 * Free batch buffers, reused once a batch is acknowledged (Kafka's BufferPool keeps a free list
 * of batch.size buffers the same way). Batches start small and grow, so buffers of each size
 * they pass through are kept too, up to as many bytes as `maxFree` buffers of
 * batch.size: allocating a fresh buffer for every step was an eighth of a producer's time
 * spreading records over 10,000 partitions.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private freeBytes = 0;
  private readonly maxFreeBytes: number;
  constructor(readonly poolableSize: number, maxFree: number) {
    this.maxFreeBytes = maxFree * poolableSize;
  }

  allocate(size: number): Buffer {
    const list = this.free.get(size);
    const b = list?.pop();
    if (b !== undefined) {
      this.freeBytes -= size;
      return b;
    }
    return Buffer.allocUnsafe(size);
  }

  release(buf: Buffer): void {
    const size = buf.length;
    // batch.size, or a multiple of GROWTH_UNIT below it (the sizes a growing batch passes through).
    if (size > this.poolableSize || (size !== this.poolableSize && size % GROWTH !== 0)) return;
    if (this.freeBytes + size > this.maxFreeBytes) return;
    let list = this.free.get(size);
    if (list === undefined) this.free.set(size, (list = []));
    list.push(buf);
    this.freeBytes += size;
  }
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
  /** The records (and, once closed, the final bytes). */
  readonly builder: BatchBuilder;
  /** Memory charged to the producer's buffer.memory for this batch (its buffer's length). */
  capacity: number;
  /** No further record may be appended. */
  full = false;
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
    private readonly pool: BufferPool | null = null,
  ) {
    this.capacity = capacity;
    this.builder = new BatchBuilder(pool !== null ? pool.allocate(capacity) : Buffer.allocUnsafe(capacity));
  }

  /**
   * The bytes the buffer must grow by to take one more record of these sizes (0: it fits, or
   * the batch refuses it as over the limit). A batch starts smaller than batch.size when its
   * partition's batches stay small, and grows (by a quarter, at least GROWTH_UNIT, up to the limit) as
   * records come.
   */
  growthFor(ts: number, keyLen: number, valueLen: number, headers: readonly RecordHeader[] | null): number {
    const b = this.builder;
    const need = b.estimateWith(ts, keyLen, valueLen, headers);
    const have = b.buf.length;
    if (need <= have || (need > this.limit && b.count > 0)) return 0;
    // Steps of a quarter (at least 1 KB), not doubling: the slack is charged to buffer.memory,
    // and over 10,000 partitions doubled buffers used it up twice as early, forcing every
    // partition's batch out half full.
    const step = have + Math.max(GROWTH, have >> 2);
    const next = Math.ceil(Math.max(need, step) / GROWTH) * GROWTH;
    return Math.max(need, Math.min(Math.max(this.limit, need), next)) - have;
  }

  /** Grow the buffer by `bytes` (growthFor's answer, already charged to buffer.memory). */
  grow(bytes: number): void {
    const b = this.builder;
    const size = b.buf.length + bytes;
    const next = this.pool !== null ? this.pool.allocate(size) : Buffer.allocUnsafe(size);
    const old = b.buf;
    old.copy(next, 0, 0, b.pos);
    b.buf = next;
    this.pool?.release(old);
    this.capacity = size;
  }

  /** The batch's buffer (records from BATCH_HEADER_SIZE), returned to the pool once acknowledged. */
  get buf(): Buffer {
    return this.builder.buf;
  }

  get count(): number {
    return this.builder.count;
  }

  /** The final bytes (header written, CRC set), once closed. */
  get bytes(): Buffer | null {
    return this.builder.sealed;
  }

  /**
   * Append one record; -1 (nothing written) when it does not fit and the batch already holds
   * records. Key/value are byte ranges of the given buffers (null buffer = null field).
   */
  tryAppend(
    ts: number,
    key: Buffer | null, ks: number, ke: number,
    value: Buffer | null, vs: number, ve: number,
    headers: readonly RecordHeader[] | null,
  ): number {
    const b = this.builder;
    const total = b.appendRange(ts, key, ks, ke, value, vs, ve, headers, this.limit);
    if (total < 0) {
      this.full = true;
      return -1;
    }
    if (b.pos >= this.limit) this.full = true;
    return total;
  }

  /** Key and value sizes (-1 = null) of each record of the batch. */
  forEachRecordSize(visit: (keySize: number, valueSize: number) => void): void {
    this.builder.forEachRecordSize(visit);
  }

  /** Write the header (and compress): the batch's bytes are final until the sequence changes. */
  close(compression: ProducerCompression, level: number, producerId: number, producerEpoch: number, baseSequence: number, transactional = false): Buffer {
    this.full = true;
    const out = this.builder.seal({ compression, level, producerId, producerEpoch, baseSequence, transactional });
    this.baseSequence = baseSequence;
    return out;
  }

  get isClosed(): boolean {
    return this.builder.sealed !== null;
  }

  /** Bytes on the wire (estimated before close). */
  get sizeInBytes(): number {
    return this.builder.sizeInBytes;
  }
}
