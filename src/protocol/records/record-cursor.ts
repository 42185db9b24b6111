// The record walker: the one reader of the records inside a RecordBatch v2 (layout in layout.ts).
//
// Positions, not objects: enterBatch() reads a batch's header into a RecordCursor (and
// decompresses its records when it must), then walkRecords() updates the same cursor in place
// with each record's offset, timestamp and the positions of its key, value and headers in
// `cursor.buf`, handing it to a visitor. Nothing is allocated per record, and the walk can stop
// after any record and go on later (the cursor holds where it is).
//
//   enterBatch(c, data, at, end);
//   walkRecords(c, { onRecord: (c) => { use(c.buf, c.keyStart, c.keyLen, ...); return true; } });
//
// Users: decodeRecords in batch.ts (a RecordView with key/value subarrays on top), and the
// consumer's RecordWalk (src/client/consumer/records.ts), which decides which batches and
// records to show. Malformed records throw RecordBatchError.

import { CODEC_NONE, decompress } from './compression';
import {
  ATTR_CODEC_MASK, ATTR_TIMESTAMP_TYPE, ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET, PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET, RECORD_COUNT_OFFSET, RECORDS_OFFSET, RecordBatchError, TIMESTAMP_CREATE_TIME,
  TIMESTAMP_LOG_APPEND_TIME, readI64,
} from './layout';

const EMPTY = Buffer.alloc(0);

/** Where a walk is: the current batch's header fields and the current record, as positions. */
export class RecordCursor {
  /** The current batch's records: the fetched data itself, or the decompressed records. */
  buf: Buffer = EMPTY;

  // The current batch.
  baseOffset = 0;
  /** The batch's partitionLeaderEpoch (-1 when absent). */
  leaderEpoch = -1;
  attributes = 0;
  producerId = -1;
  producerEpoch = -1;
  /** -1 when the batch carries no sequence. */
  baseSequence = -1;
  /** 0 CreateTime, 1 LogAppendTime (every record then has the batch's maxTimestamp). */
  timestampType = 0;
  logAppendTime = false;
  baseTimestamp = 0;
  maxTimestamp = 0;
  /** Records in the batch (its recordCount; 0 or less: none) and how many were read. */
  count = 0;
  index = 0;
  /** The end of the batch's records. */
  recordsEnd = 0;

  // The current record. Lengths are -1 for a null key / value.
  offset = 0;
  timestamp = 0;
  keyStart = 0;
  keyLen = -1;
  valueStart = 0;
  valueLen = -1;
  /** Where the header count's varint ended: the first header starts here. */
  headersStart = 0;
  headerCount = 0;
  /** The end of the current record: where the next one starts. */
  recordEnd = 0;
}

/**
 * Point the cursor at the first record of the batch occupying data[at, end) (a complete batch:
 * see nextBatchEnd). Compressed records are decompressed first: CompressionUnsupportedError for
 * an unknown codec, CompressionDataError for bad data or more than maxDecompressedBytes.
 */
export function enterBatch(c: RecordCursor, data: Buffer, at: number, end: number, maxDecompressedBytes?: number): void {
  const attributes = data.readInt16BE(at + ATTRIBUTES_OFFSET);
  const logAppend = (attributes & ATTR_TIMESTAMP_TYPE) !== 0;
  c.attributes = attributes;
  c.baseOffset = readI64(data, at + BASE_OFFSET_OFFSET);
  c.leaderEpoch = data.readInt32BE(at + PARTITION_LEADER_EPOCH_OFFSET);
  c.producerId = readI64(data, at + PRODUCER_ID_OFFSET);
  c.producerEpoch = data.readInt16BE(at + PRODUCER_EPOCH_OFFSET);
  c.baseSequence = data.readInt32BE(at + BASE_SEQUENCE_OFFSET);
  c.timestampType = logAppend ? TIMESTAMP_LOG_APPEND_TIME : TIMESTAMP_CREATE_TIME;
  c.logAppendTime = logAppend;
  c.baseTimestamp = readI64(data, at + BASE_TIMESTAMP_OFFSET);
  c.maxTimestamp = logAppend ? readI64(data, at + MAX_TIMESTAMP_OFFSET) : 0;
  c.count = data.readInt32BE(at + RECORD_COUNT_OFFSET);
  c.index = 0;
  const codec = attributes & ATTR_CODEC_MASK;
  if (codec === CODEC_NONE) {
    c.buf = data;
    c.recordEnd = at + RECORDS_OFFSET;
    c.recordsEnd = end;
  } else {
    const b = decompress(codec, data.subarray(at + RECORDS_OFFSET, end), maxDecompressedBytes);
    c.buf = b;
    c.recordEnd = 0;
    c.recordsEnd = b.length;
  }
}

// Varint reader position. Set at the start of every read below, and nothing calls out while a
// read is under way, so a caller that walks another batch in between (even with another
// cursor) is safe.
let P = 0;

function corrupt(what: string): never {
  throw new RecordBatchError(what);
}

function recordPastBatch(n: number, baseOffset: number): never {
  throw new RecordBatchError(`record ${n} of the batch at offset ${baseOffset} runs past the batch`);
}

function badHeaderCount(hc: number): never {
  throw new RecordBatchError(`invalid header count ${hc}`);
}

/** Zig-zag varint (int32) at P, below lim. */
function varint(b: Buffer, lim: number): number {
  if (P >= lim) pastEnd();
  let x = b[P++];
  if (x < 0x80) return (x >>> 1) ^ -(x & 1);
  x &= 0x7f;
  let shift = 7;
  for (;;) {
    if (P >= lim) pastEnd();
    const y = b[P++];
    if (shift < 28) x |= (y & 0x7f) << shift;
    else if (shift === 28 && y <= 0x0f) x = (x | ((y & 0x0f) << 28)) >>> 0;
    else corrupt('varint too long');
    if (y < 0x80) {
      x >>>= 0;
      return (x >>> 1) ^ -(x & 1);
    }
    shift += 7;
  }
}

/** Zig-zag varlong (as a double; exact below 2^53) at P, below lim. */
function varlong(b: Buffer, lim: number): number {
  if (P >= lim) pastEnd();
  let x = b[P++];
  if (x < 0x80) return (x >>> 1) ^ -(x & 1);
  x &= 0x7f;
  let mult = 128;
  for (let i = 1; i < 10; i++) {
    if (P >= lim) pastEnd();
    const y = b[P++];
    x += (y & 0x7f) * mult;
    if (y < 0x80) return x % 2 === 0 ? x / 2 : -(x + 1) / 2;
    mult *= 128;
  }
  return corrupt('varlong too long');
}

function pastEnd(): never {
  throw new RecordBatchError('record runs past the end of its batch');
}

/** What walkRecords calls for each record: return false to stop after this record. */
export interface RecordVisitor {
  onRecord(c: RecordCursor): boolean;
}

/**
 * Read the rest of the cursor's batch, record by record, calling visitor.onRecord(c) with the
 * cursor on each. Returns true when the batch is done, false when onRecord returned false (the
 * cursor is then just past that record: call again to go on). Headers are only located
 * (headersStart, headerCount): see forEachHeader. Throws RecordBatchError for a malformed record.
 */
export function walkRecords(c: RecordCursor, visitor: RecordVisitor): boolean {
  // The batch's fields as locals: the loop reads the cursor only where it writes it.
  const b = c.buf;
  const recordsEnd = c.recordsEnd;
  const count = c.count;
  const baseOffset = c.baseOffset;
  const logAppendTime = c.logAppendTime;
  const baseTimestamp = c.baseTimestamp;
  const maxTimestamp = c.maxTimestamp;
  let n = c.index;
  let p = c.recordEnd;
  while (n < count) {
    P = p;
    const len = varint(b, recordsEnd);
    const recEnd = P + len;
    if (len < 0 || recEnd > recordsEnd) recordPastBatch(n, baseOffset);
    P++; // record attributes (unused)
    const tsDelta = varlong(b, recEnd);
    const offsetDelta = varint(b, recEnd);
    const kl = varint(b, recEnd);
    const ks = P;
    if (kl > 0) {
      P += kl;
      if (P > recEnd) corrupt('key runs past the end of its record');
    }
    const vl = varint(b, recEnd);
    const vs = P;
    if (vl > 0) {
      P += vl;
      if (P > recEnd) corrupt('value runs past the end of its record');
    }
    const hc = varint(b, recEnd);
    if (hc < 0) badHeaderCount(hc);
    n++;
    p = recEnd;
    c.index = n;
    c.offset = baseOffset + offsetDelta;
    c.timestamp = logAppendTime ? maxTimestamp : baseTimestamp + tsDelta;
    c.keyStart = ks;
    c.keyLen = kl;
    c.valueStart = vs;
    c.valueLen = vl;
    c.headersStart = P;
    c.headerCount = hc;
    c.recordEnd = recEnd;
    if (!visitor.onRecord(c)) return false;
  }
  return true;
}

/**
 * Visit each header of the cursor's current record: fn(buf, keyStart, keyLen, valueStart,
 * valueLen), valueLen -1 for a null value. Throws RecordBatchError for a malformed header.
 */
export function forEachHeader(c: RecordCursor, fn: (buf: Buffer, keyStart: number, keyLen: number, valueStart: number, valueLen: number) => void): void {
  const b = c.buf;
  const end = c.recordEnd;
  P = c.headersStart;
  for (let h = 0; h < c.headerCount; h++) {
    const kl = varint(b, end);
    if (kl < 0 || P + kl > end) corrupt('invalid header key length');
    const ks = P;
    P += kl;
    const vl = varint(b, end);
    const vs = P;
    if (vl > 0) {
      if (P + vl > end) corrupt('record runs past the end of its batch');
      P += vl;
    }
    const save = P;
    fn(b, ks, kl, vs, vl);
    P = save;
  }
}

const controlCursor = new RecordCursor();
const FIRST_ONLY: RecordVisitor = { onRecord: () => false };

/**
 * The type of the control batch occupying data[at, end) (its first record's key: version i16,
 * type i16; 0 ABORT, 1 COMMIT), or -1 when it has no record, a compressed one or a key too short
 * to tell. Throws RecordBatchError for a malformed record.
 */
export function controlBatchType(data: Buffer, at: number, end: number): number {
  if (data.readInt32BE(at + RECORD_COUNT_OFFSET) < 1 || (data.readInt16BE(at + ATTRIBUTES_OFFSET) & ATTR_CODEC_MASK) !== CODEC_NONE) return -1;
  const c = controlCursor;
  enterBatch(c, data, at, end);
  try {
    walkRecords(c, FIRST_ONLY);
    return c.keyLen < 4 ? -1 : data.readInt16BE(c.keyStart + 2);
  } finally {
    c.buf = EMPTY; // hold no reference to the fetched data
  }
}
