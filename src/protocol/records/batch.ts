// RecordBatch v2 (magic 2): header access, Produce-side splitting/validation, Fetch-side
// iteration, in-place rewrites the broker needs, a one-allocation builder and decodeRecords (the
// record walker of record-cursor.ts with a RecordView of key/value subarrays on top).
// The byte layout (offsets, attribute bits) is in layout.ts, re-exported here.

import { crc32c } from './crc32c';
import {
  ATTR_CONTROL, ATTR_TIMESTAMP_TYPE, ATTR_TRANSACTIONAL, ATTR_CODEC_MASK, ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET, CRC_OFFSET,
  ERROR_CORRUPT_MESSAGE, ERROR_INVALID_RECORD, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET, MAGIC_V2,
  MAX_TIMESTAMP_OFFSET, MIN_BATCH_LENGTH, PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET, PRODUCER_ID_OFFSET,
  RECORD_COUNT_OFFSET, RecordBatchError, TWO_32, readI64,
} from './layout';
import { BatchBuilder, recordSize, type RecordHeader, type SealOptions } from './batch-builder';
import { RecordCursor, enterBatch, forEachHeader, walkRecords, type RecordVisitor } from './record-cursor';

export {
  ATTR_CODEC_MASK, ATTR_CONTROL, ATTR_DELETE_HORIZON, ATTR_TIMESTAMP_TYPE, ATTR_TRANSACTIONAL, ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET, BASE_TIMESTAMP_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET,
  CRC_OFFSET, ERROR_CORRUPT_MESSAGE, ERROR_INVALID_RECORD, LAST_OFFSET_DELTA_OFFSET, LOG_OVERHEAD, MAGIC_OFFSET,
  MAGIC_V2, MAX_TIMESTAMP_OFFSET, MIN_BATCH_LENGTH, PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET, RECORD_COUNT_OFFSET, RECORDS_OFFSET, RecordBatchError, TIMESTAMP_CREATE_TIME,
  TIMESTAMP_LOG_APPEND_TIME,
} from './layout';

function writeI64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi | 0, at);
  buf.writeUInt32BE((v - hi * TWO_32) >>> 0, at + 4);
}

// ---------------------------------------------------------------------------------------------
// Header

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Read the 61-byte header at buf[at]. The caller guarantees 61 bytes are there. */
export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  return {
    baseOffset: readI64(buf, at),
    batchLength: buf.readInt32BE(at + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(at + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buf.readInt8(at + MAGIC_OFFSET),
    crc: buf.readUInt32BE(at + CRC_OFFSET),
    attributes: buf.readInt16BE(at + ATTRIBUTES_OFFSET),
    lastOffsetDelta: buf.readInt32BE(at + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: readI64(buf, at + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readI64(buf, at + MAX_TIMESTAMP_OFFSET),
    producerId: readI64(buf, at + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(at + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(at + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(at + RECORD_COUNT_OFFSET),
  };
}

// Single-field accessors (no object) for the hot path; `at` is the batch start.
export const batchBaseOffset = (b: Buffer, at = 0): number => readI64(b, at);
export const batchLastOffset = (b: Buffer, at = 0): number => readI64(b, at) + b.readInt32BE(at + LAST_OFFSET_DELTA_OFFSET);
export const batchSizeAt = (b: Buffer, at = 0): number => b.readInt32BE(at + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD;
export const batchCrc = (b: Buffer, at = 0): number => b.readUInt32BE(at + CRC_OFFSET);
export const batchAttributes = (b: Buffer, at = 0): number => b.readInt16BE(at + ATTRIBUTES_OFFSET);
export const batchCodec = (b: Buffer, at = 0): number => b.readInt16BE(at + ATTRIBUTES_OFFSET) & ATTR_CODEC_MASK;
export const batchMaxTimestamp = (b: Buffer, at = 0): number => readI64(b, at + MAX_TIMESTAMP_OFFSET);
export const batchRecordCount = (b: Buffer, at = 0): number => b.readInt32BE(at + RECORD_COUNT_OFFSET);
export const batchProducerId = (b: Buffer, at = 0): number => readI64(b, at + PRODUCER_ID_OFFSET);
export const batchProducerEpoch = (b: Buffer, at = 0): number => b.readInt16BE(at + PRODUCER_EPOCH_OFFSET);
export const batchBaseSequence = (b: Buffer, at = 0): number => b.readInt32BE(at + BASE_SEQUENCE_OFFSET);
export const batchLastOffsetDelta = (b: Buffer, at = 0): number => b.readInt32BE(at + LAST_OFFSET_DELTA_OFFSET);
export const batchIsControl = (b: Buffer, at = 0): boolean => (b.readInt16BE(at + ATTRIBUTES_OFFSET) & ATTR_CONTROL) !== 0;
export const batchIsTransactional = (b: Buffer, at = 0): boolean =>
  (b.readInt16BE(at + ATTRIBUTES_OFFSET) & ATTR_TRANSACTIONAL) !== 0;

/** CRC over attributes..end of the batch occupying buf[at, at + size). */
export function computeBatchCrc(buf: Buffer, at = 0, size = batchSizeAt(buf, at)): number {
  return crc32c(buf, at + ATTRIBUTES_OFFSET, at + size);
}

export function isCrcValid(buf: Buffer, at = 0, size = batchSizeAt(buf, at)): boolean {
  return computeBatchCrc(buf, at, size) === buf.readUInt32BE(at + CRC_OFFSET);
}

// ---------------------------------------------------------------------------------------------
// Produce side: split and validate

export interface SplitResult {
  /** Subarrays of the input, no copies. On error: the batches before the bad one. */
  batches: Buffer[];
  error?: string;
  /** ERROR_CORRUPT_MESSAGE (2) or ERROR_INVALID_RECORD (87) when error is set. */
  errorCode?: number;
}

export interface SplitOptions {
  /** Also apply Kafka's checks for client-written batches (validateClientBatch). */
  fromClient?: boolean;
}

/**
 * Split a Produce `records` blob into its batches, validating magic, batchLength and CRC.
 * Unlike a Fetch response, a trailing partial batch is an error here (Kafka's broker would
 * silently trim it; a client never sends one).
 */
export function splitBatches(records: Buffer, opts?: SplitOptions): SplitResult {
  const batches: Buffer[] = [];
  const len = records.length;
  let at = 0;
  if (len === 0) return { batches, error: 'empty record set', errorCode: ERROR_INVALID_RECORD };
  while (at < len) {
    if (len - at < BATCH_HEADER_SIZE) {
      return { batches, error: `truncated record batch at byte ${at}: ${len - at} bytes left, header needs ${BATCH_HEADER_SIZE}`, errorCode: ERROR_CORRUPT_MESSAGE };
    }
    const magic = records.readInt8(at + MAGIC_OFFSET);
    if (magic !== MAGIC_V2) {
      return { batches, error: `unsupported record batch magic ${magic} at byte ${at} (only magic 2 is accepted)`, errorCode: ERROR_INVALID_RECORD };
    }
    const batchLength = records.readInt32BE(at + BATCH_LENGTH_OFFSET);
    if (batchLength < MIN_BATCH_LENGTH) {
      return { batches, error: `record batch at byte ${at} has invalid batchLength ${batchLength}`, errorCode: ERROR_CORRUPT_MESSAGE };
    }
    const size = batchLength + LOG_OVERHEAD;
    if (size > len - at) {
      return { batches, error: `truncated record batch at byte ${at}: batchLength ${batchLength} runs past the ${len - at} bytes left`, errorCode: ERROR_CORRUPT_MESSAGE };
    }
    const stored = records.readUInt32BE(at + CRC_OFFSET);
    const actual = crc32c(records, at + ATTRIBUTES_OFFSET, at + size);
    if (stored !== actual) {
      return { batches, error: `record batch at byte ${at} is corrupt (CRC ${actual} does not match stored ${stored})`, errorCode: ERROR_CORRUPT_MESSAGE };
    }
    // A record set of one batch (what producers send) is that batch: no view made for it.
    const batch = at === 0 && size === len ? records : records.subarray(at, at + size);
    if (opts?.fromClient) {
      const err = validateClientBatch(batch);
      if (err !== null) return { batches, error: err, errorCode: ERROR_INVALID_RECORD };
    }
    batches.push(batch);
    at += size;
  }
  return { batches };
}

/**
 * Kafka's LogValidator checks for a batch written by a client (all INVALID_RECORD):
 * offset range consistent with the record count, no control batches, idempotent batches carry
 * a sequence. Returns an error message or null.
 */
export function validateClientBatch(batch: Buffer): string | null {
  const lastOffsetDelta = batch.readInt32BE(LAST_OFFSET_DELTA_OFFSET);
  const count = batch.readInt32BE(RECORD_COUNT_OFFSET);
  if (lastOffsetDelta < 0) return `Batch has an invalid offset range: lastOffsetDelta ${lastOffsetDelta}`;
  if (count <= 0) return `Invalid reported count for record batch: ${count}`;
  if (lastOffsetDelta + 1 !== count) {
    return `Inconsistent batch offset range [0, ${lastOffsetDelta}] and count of records ${count}`;
  }
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  if (attributes & ATTR_CONTROL) return 'Clients are not allowed to write control records';
  if (readI64(batch, PRODUCER_ID_OFFSET) >= 0 && batch.readInt32BE(BASE_SEQUENCE_OFFSET) < 0) {
    return `Invalid sequence number ${batch.readInt32BE(BASE_SEQUENCE_OFFSET)} in record batch with producerId ${readI64(batch, PRODUCER_ID_OFFSET)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Fetch side: iterate, tolerating a truncated trailing batch

/**
 * End (exclusive) of the complete batch starting at buf[at], or -1 when the bytes from `at`
 * are a truncated partial batch (normal at the end of a Fetch response). Throws RecordBatchError
 * for a wrong magic or impossible batchLength. Does not check the CRC (see isCrcValid).
 *
 *   for (let at = 0, end; (end = nextBatchEnd(buf, at)) > 0; at = end) use(buf, at, end);
 */
export function nextBatchEnd(buf: Buffer, at: number): number {
  const left = buf.length - at;
  if (left < LOG_OVERHEAD) return -1;
  const batchLength = buf.readInt32BE(at + BATCH_LENGTH_OFFSET);
  if (left >= MAGIC_OFFSET + 1) {
    const magic = buf.readInt8(at + MAGIC_OFFSET);
    if (magic !== MAGIC_V2) throw new RecordBatchError(`unsupported record batch magic ${magic} at byte ${at}`);
  }
  if (batchLength < MIN_BATCH_LENGTH) throw new RecordBatchError(`record batch at byte ${at} has invalid batchLength ${batchLength}`);
  const size = batchLength + LOG_OVERHEAD;
  return size <= left ? at + size : -1;
}

/**
 * Call visit(batch, at) for each complete batch (a subarray, no copy); a truncated trailing
 * batch is ignored. visit may return false to stop. Returns the byte offset where it stopped
 * (the end of the last complete batch visited).
 */
export function iterateBatches(buf: Buffer, visit: (batch: Buffer, at: number) => boolean | void): number {
  let at = 0;
  for (;;) {
    const end = nextBatchEnd(buf, at);
    if (end < 0) return at;
    if (visit(buf.subarray(at, end), at) === false) return end;
    at = end;
  }
}

// ---------------------------------------------------------------------------------------------
// In-place rewrites

/** Overwrite baseOffset (outside the CRC: the CRC stays valid). */
export function setBaseOffset(batch: Buffer, offset: number, at = 0): void {
  writeI64(batch, at + BASE_OFFSET_OFFSET, offset);
}

/** Overwrite partitionLeaderEpoch (outside the CRC). */
export function setPartitionLeaderEpoch(batch: Buffer, epoch: number, at = 0): void {
  batch.writeInt32BE(epoch | 0, at + PARTITION_LEADER_EPOCH_OFFSET);
}

/**
 * Mark the batch LogAppendTime with timestamp `ts`, as Kafka's DefaultRecordBatch.setMaxTimestamp
 * does: set attribute bit 3, set maxTimestamp, keep baseTimestamp and the record deltas, and
 * recompute the CRC in place. Readers then report maxTimestamp as every record's timestamp.
 */
export function setLogAppendTime(batch: Buffer, ts: number, at = 0): void {
  const attributes = batch.readInt16BE(at + ATTRIBUTES_OFFSET);
  if (attributes & ATTR_TIMESTAMP_TYPE && readI64(batch, at + MAX_TIMESTAMP_OFFSET) === ts) return;
  batch.writeInt16BE(attributes | ATTR_TIMESTAMP_TYPE, at + ATTRIBUTES_OFFSET);
  writeI64(batch, at + MAX_TIMESTAMP_OFFSET, ts);
  const size = batchSizeAt(batch, at);
  batch.writeUInt32BE(crc32c(batch, at + ATTRIBUTES_OFFSET, at + size), at + CRC_OFFSET);
}

// ---------------------------------------------------------------------------------------------
// Builder

export type { RecordHeader } from './batch-builder';

export interface ProducerRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
  timestamp: number;
}

/** buildBatch takes the builder's seal options. */
export type BuildOptions = SealOptions;

const scratchBuilder = new BatchBuilder(Buffer.alloc(0));

/**
 * Build one RecordBatch v2 holding `records` (at least one). Timestamps: baseTimestamp is the
 * first record's, maxTimestamp the largest (CreateTime). The exact size is computed first and the
 * records are written straight into the output by a BatchBuilder (or, for gzip, into one buffer
 * that is then compressed).
 */
export function buildBatch(records: readonly ProducerRecord[], opts: BuildOptions = {}): Buffer {
  const count = records.length;
  if (count === 0) throw new RangeError('buildBatch needs at least one record');
  const baseTimestamp = records[0].timestamp;
  let total = BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const r = records[i];
    const k = r.key;
    const v = r.value;
    total += recordSize(r.timestamp - baseTimestamp, i, k === null || k === undefined ? -1 : k.length, v === null || v === undefined ? -1 : v.length, r.headers);
  }
  const b = scratchBuilder.reset(Buffer.allocUnsafe(total));
  for (let i = 0; i < count; i++) {
    const r = records[i];
    b.append(r.key ?? null, r.value ?? null, r.headers, r.timestamp);
  }
  const out = b.seal(opts);
  b.reset(EMPTY);
  return out;
}

const EMPTY = Buffer.alloc(0);

// ---------------------------------------------------------------------------------------------
// decodeRecords: the record walker (record-cursor.ts) with key/value subarrays

/**
 * One mutable view, reused for every record of a batch: copy what you keep. key/value are
 * subarrays of the batch (or of its decompressed records), headers is reused too (its length is
 * the current record's header count; the header objects are recycled).
 */
export class RecordView implements RecordVisitor {
  offset = 0;
  timestamp = 0;
  timestampType = 0;
  key: Buffer | null = null;
  value: Buffer | null = null;
  headers: RecordHeader[] = [];
  /** Batch-level fields for the current record's batch. */
  baseOffset = 0;
  partitionLeaderEpoch = -1;
  producerId = -1;
  producerEpoch = -1;
  /** baseSequence + offsetDelta, or -1 when the batch carries no sequence. */
  sequence = -1;
  isTransactional = false;
  isControl = false;
  private pool: RecordHeader[] = [];
  /** @internal The walk's position, and what decodeRecords hands each record to. */
  readonly cursor = new RecordCursor();
  /** @internal */
  visit: (r: RecordView) => void = () => undefined;
  /** @internal Records visited in the current decodeRecords call. */
  visited = 0;
  private nextHeader = 0;
  /** forEachHeader's callback: fills headers[nextHeader++]. */
  private readonly addHeader = (b: Buffer, ks: number, kl: number, vs: number, vl: number): void => {
    const h = this.nextHeader++;
    const hdr = this.header(h);
    hdr.key = b.toString('utf8', ks, ks + kl);
    hdr.value = vl < 0 ? null : b.subarray(vs, vs + vl);
    this.headers[h] = hdr;
  };

  /** @internal */
  header(i: number): RecordHeader {
    let h = this.pool[i];
    if (h === undefined) {
      h = { key: '', value: null };
      this.pool[i] = h;
    }
    return h;
  }

  /** @internal The walker's visitor: the cursor's record as subarrays, handed to visit. */
  onRecord(c: RecordCursor): boolean {
    const b = c.buf;
    this.key = c.keyLen < 0 ? null : b.subarray(c.keyStart, c.keyStart + c.keyLen);
    this.value = c.valueLen < 0 ? null : b.subarray(c.valueStart, c.valueStart + c.valueLen);
    const hc = c.headerCount;
    const headers = this.headers;
    if (hc > 0) {
      if (hc > c.recordEnd - c.headersStart) throw new RecordBatchError(`invalid header count ${hc}`);
      this.nextHeader = 0;
      forEachHeader(c, this.addHeader);
    }
    // Setting an array's length is costly even when it does not change.
    if (headers.length !== hc) headers.length = hc;
    this.offset = c.offset;
    this.timestamp = c.timestamp;
    // Kafka's DefaultRecordBatch.incrementSequence: sequences wrap from 2^31-1 to 0.
    const baseSequence = c.baseSequence;
    this.sequence = baseSequence < 0 ? -1 : (baseSequence + (c.offset - c.baseOffset)) % 0x80000000;
    this.visited++;
    this.visit(this);
    return true;
  }
}

export interface DecodeOptions {
  /**
   * Control batches (attribute bit 5: transaction commit/abort markers) are skipped by default
   * (decodeRecords returns 0). With includeControl they are walked like data batches with
   * view.isControl = true (key = version i16 + type i16: 0 abort, 1 commit).
   */
  includeControl?: boolean;
  /** Reuse this view instead of allocating one per call. */
  view?: RecordView;
  maxDecompressedBytes?: number;
}

/**
 * Position `c` on the first record of one v2 batch (decompressed when it is compressed), for
 * walkRecords. Returns the batch's attributes, or -1 when there is nothing to walk (no records,
 * or a control batch without includeControl). Throws RecordBatchError on a malformed batch.
 */
export function enterBatchRecords(batch: Buffer, c: RecordCursor, opts?: DecodeOptions): number {
  if (batch.length < BATCH_HEADER_SIZE) throw new RecordBatchError('record batch shorter than its header');
  const magic = batch.readInt8(MAGIC_OFFSET);
  if (magic !== MAGIC_V2) throw new RecordBatchError(`unsupported record batch magic ${magic}`);
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  if ((attributes & ATTR_CONTROL) !== 0 && !opts?.includeControl) return -1;
  if (batch.readInt32BE(RECORD_COUNT_OFFSET) <= 0) return -1;
  const size = Math.min(batch.length, batch.readInt32BE(BATCH_LENGTH_OFFSET) + LOG_OVERHEAD);
  enterBatch(c, batch, 0, size, opts?.maxDecompressedBytes);
  return attributes;
}

/**
 * Walk the records of one batch, calling visit with the shared view. Compressed batches are
 * decompressed first (CompressionDataError for bad data). Returns the number of records
 * visited. Throws RecordBatchError on malformed records. A visit() may decode another batch,
 * with another view than the one it was handed (the view holds the walk's position).
 */
export function decodeRecords(batch: Buffer, visit: (r: RecordView) => void, opts?: DecodeOptions): number {
  const view = opts?.view ?? new RecordView();
  const c = view.cursor;
  const attributes = enterBatchRecords(batch, c, opts);
  if (attributes < 0) return 0;
  const isControl = (attributes & ATTR_CONTROL) !== 0;
  view.baseOffset = c.baseOffset;
  view.partitionLeaderEpoch = c.leaderEpoch;
  view.producerId = c.producerId;
  view.producerEpoch = c.producerEpoch;
  view.isTransactional = (attributes & ATTR_TRANSACTIONAL) !== 0;
  view.isControl = isControl;
  view.timestampType = c.timestampType;
  view.visit = visit;
  view.visited = 0;
  walkRecords(c, view);
  return view.visited;
}
