// Message format v0/v1 (magic 0 and 1: Kafka's LegacyRecord, the "MessageSet" of Produce v0-2
// and Fetch v0-3). The engine stores RecordBatch v2 only; convert.ts turns these into v2 on
// Produce and v2 back into these on old Fetch versions, as Kafka 3.9 did.
//
// A message set is a sequence of messages, each:
//   offset i64 | size i32 | crc u32 | magic i8 | attributes i8 | [timestamp i64 (v1)] |
//   keyLength i32 (-1 null) | key | valueLength i32 (-1 null) | value
// `size` counts from crc to the end; the CRC-32 (IEEE, not -32C) covers magic..end. Attribute
// bits 0-2 are the codec, bit 3 (v1) the timestamp type (1 = LogAppendTime). The magic byte sits
// at byte 16 as in a v2 batch, so one look tells the formats apart.
//
// A compressed message is a wrapper: null key, its value the compressed message set of the inner
// messages (uncompressed, same magic). In v1 the inner offsets are relative (0..n-1) and the
// wrapper carries the absolute offset of the last one; in v0 the inner offsets are absolute. A v1
// wrapper with LogAppendTime gives its timestamp to every inner message.
import { crc32 } from './crc32';
import { decompress, CODEC_NONE, CODEC_ZSTD, CompressionDataError, CompressionUnsupportedError } from './compression';
import { ERROR_INVALID_RECORD, MAGIC_OFFSET, RecordBatchError, readI64, TWO_32 } from './layout';

export const MAGIC_V0 = 0;
export const MAGIC_V1 = 1;
/** offset + size: the bytes not counted by a message's size. */
export const LEGACY_LOG_OVERHEAD = 12;
/** crc + magic + attributes + key length + value length (+ timestamp in v1). */
export const RECORD_OVERHEAD_V0 = 14;
export const RECORD_OVERHEAD_V1 = 22;
export const LEGACY_ATTR_CODEC_MASK = 0x07;
export const LEGACY_ATTR_LOG_APPEND_TIME = 0x08;
/** RecordBatch.NO_TIMESTAMP: v0 messages have none. */
export const NO_TIMESTAMP = -1;

const ERROR_UNSUPPORTED_COMPRESSION_TYPE = 76;

/** The magic byte of the batch or message at records[at] (the same position in every format). */
export function magicAt(records: Buffer, at = 0): number {
  return records.length - at > MAGIC_OFFSET ? records.readInt8(at + MAGIC_OFFSET) : -1;
}

export function legacyOverhead(magic: number): number {
  return magic === MAGIC_V0 ? RECORD_OVERHEAD_V0 : RECORD_OVERHEAD_V1;
}

/** Bytes one message takes in a message set (offset and size included). */
export function legacyMessageSize(magic: number, keyLen: number, valueLen: number): number {
  return LEGACY_LOG_OVERHEAD + legacyOverhead(magic) + Math.max(0, keyLen) + Math.max(0, valueLen);
}

function writeI64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi | 0, at);
  buf.writeUInt32BE((v - hi * TWO_32) >>> 0, at + 4);
}

/**
 * Write one message at buf[p] (the buffer is large enough: legacyMessageSize) and return the
 * position after it. key/value are byte ranges of the given buffers (null buffer: null field).
 */
export function writeLegacyMessage(
  buf: Buffer, p: number, magic: number, offset: number, attributes: number, timestamp: number,
  key: Buffer | null, ks: number, ke: number, value: Buffer | null, vs: number, ve: number,
): number {
  const start = p;
  writeI64(buf, p, offset);
  p += 12; // size patched below
  const crcAt = p;
  p += 4;
  buf.writeInt8(magic, p++);
  buf.writeInt8(attributes, p++);
  if (magic > MAGIC_V0) {
    writeI64(buf, p, timestamp);
    p += 8;
  }
  if (key === null) {
    buf.writeInt32BE(-1, p);
    p += 4;
  } else {
    buf.writeInt32BE(ke - ks, p);
    p += 4;
    p += key.copy(buf, p, ks, ke);
  }
  if (value === null) {
    buf.writeInt32BE(-1, p);
    p += 4;
  } else {
    buf.writeInt32BE(ve - vs, p);
    p += 4;
    p += value.copy(buf, p, vs, ve);
  }
  buf.writeInt32BE(p - start - LEGACY_LOG_OVERHEAD, start + 8);
  buf.writeUInt32BE(crc32(buf, crcAt + 4, p), crcAt);
  return p;
}

/**
 * What a walk hands each message: `offset` as written (for inner messages of a v1 wrapper, the
 * relative offset), the timestamp (-1 in v0), whether it is LogAppendTime, key and value as
 * subarrays (null = null field), the message's magic, and `inner` when it came out of a wrapper.
 */
export type LegacyVisitor = (
  offset: number, timestamp: number, logAppendTime: boolean, key: Buffer | null, value: Buffer | null, magic: number, inner: boolean,
) => void;

export interface LegacyWalkInfo {
  /** Top-level messages (wrappers count as one). */
  messages: number;
  /** Codec of the (last) compressed wrapper, 0 when none was compressed. */
  codec: number;
  /** Records visited. */
  records: number;
  /** Largest top-level message, offset and size included (Kafka checks it against max.message.bytes). */
  largest: number;
}

function bytesField(buf: Buffer, p: number, end: number, what: string): { v: Buffer | null; next: number } {
  if (p + 4 > end) throw new RecordBatchError(`${what} length runs past the message`);
  const n = buf.readInt32BE(p);
  p += 4;
  if (n < 0) return { v: null, next: p };
  if (p + n > end) throw new RecordBatchError(`${what} of ${n} bytes runs past the message`);
  return { v: buf.subarray(p, p + n), next: p + n };
}

interface Parsed {
  offset: number;
  magic: number;
  attributes: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  end: number;
}

/** Parse and CRC-check the message at buf[at]; null when fewer bytes than a whole one remain. */
function parseMessage(buf: Buffer, at: number): Parsed | null {
  if (buf.length - at < LEGACY_LOG_OVERHEAD) return null;
  const offset = readI64(buf, at);
  const size = buf.readInt32BE(at + 8);
  const magic = buf.length - at > MAGIC_OFFSET ? buf.readInt8(at + MAGIC_OFFSET) : MAGIC_V0;
  if (magic !== MAGIC_V0 && magic !== MAGIC_V1) {
    throw new RecordBatchError(`Invalid magic found in record: ${magic}`, ERROR_INVALID_RECORD);
  }
  const overhead = legacyOverhead(magic);
  if (size < overhead) {
    throw new RecordBatchError(`Record size ${size} is less than the minimum record overhead (${overhead})`);
  }
  const end = at + LEGACY_LOG_OVERHEAD + size;
  if (end > buf.length) return null;
  const stored = buf.readUInt32BE(at + 12);
  const computed = crc32(buf, at + 16, end);
  if (stored !== computed) {
    throw new RecordBatchError(`Record is corrupt (stored crc = ${stored}, computed crc = ${computed})`);
  }
  const attributes = buf.readInt8(at + 17);
  let p = at + 18;
  let timestamp = NO_TIMESTAMP;
  if (magic > MAGIC_V0) {
    timestamp = readI64(buf, p);
    p += 8;
  }
  const k = bytesField(buf, p, end, 'key');
  const v = bytesField(buf, k.next, end, 'value');
  return { offset, magic, attributes, timestamp, key: k.v, value: v.v, end };
}

/**
 * Walk a Produce message set (every message complete: a truncated one is an error here), CRCs
 * checked, wrappers decompressed (at most maxDecompressedBytes each) and their inner messages
 * checked as Kafka's LogValidator does. Throws RecordBatchError with the Kafka error code
 * (CORRUPT_MESSAGE, INVALID_RECORD, UNSUPPORTED_COMPRESSION_TYPE).
 */
export function walkLegacyMessageSet(records: Buffer, visit: LegacyVisitor, maxDecompressedBytes?: number): LegacyWalkInfo {
  const info: LegacyWalkInfo = { messages: 0, codec: CODEC_NONE, records: 0, largest: 0 };
  let at = 0;
  while (at < records.length) {
    const m = parseMessage(records, at);
    if (m === null) throw new RecordBatchError(`truncated message at byte ${at} of the message set`);
    info.messages++;
    info.largest = Math.max(info.largest, m.end - at);
    const codec = m.attributes & LEGACY_ATTR_CODEC_MASK;
    const logAppendTime = m.magic > MAGIC_V0 && (m.attributes & LEGACY_ATTR_LOG_APPEND_TIME) !== 0;
    if (codec === CODEC_NONE) {
      visit(m.offset, m.timestamp, logAppendTime, m.key, m.value, m.magic, false);
      info.records++;
    } else {
      info.codec = codec;
      walkWrapper(m, codec, logAppendTime, visit, info, maxDecompressedBytes);
    }
    at = m.end;
  }
  if (info.messages === 0) throw new RecordBatchError('Record batch has no batches at all', ERROR_INVALID_RECORD);
  return info;
}

function walkWrapper(w: Parsed, codec: number, logAppendTime: boolean, visit: LegacyVisitor, info: LegacyWalkInfo, maxDecompressedBytes?: number): void {
  if (codec === CODEC_ZSTD) {
    throw new RecordBatchError('ZStandard compression is not supported for message format v0/v1 (magic 2 only)', ERROR_UNSUPPORTED_COMPRESSION_TYPE);
  }
  if (w.value === null) throw new RecordBatchError('Found invalid compressed record set with null value', ERROR_INVALID_RECORD);
  let inner: Buffer;
  try {
    inner = decompress(codec, w.value, maxDecompressedBytes);
  } catch (e) {
    if (e instanceof CompressionUnsupportedError) throw new RecordBatchError(`Unknown compression type id: ${codec}`, ERROR_INVALID_RECORD);
    if (e instanceof CompressionDataError) throw new RecordBatchError(e.message);
    throw e;
  }
  let at = 0;
  let n = 0;
  while (at < inner.length) {
    const m = parseMessage(inner, at);
    if (m === null) break; // Kafka's deep iterator stops at a partial trailing message
    if (m.magic !== w.magic) {
      throw new RecordBatchError(`Record's magic ${m.magic} does not match outer magic ${w.magic}`, ERROR_INVALID_RECORD);
    }
    if ((m.attributes & LEGACY_ATTR_CODEC_MASK) !== CODEC_NONE) {
      throw new RecordBatchError('Compressed outer record should not have an inner record with a compression attribute set', ERROR_INVALID_RECORD);
    }
    visit(m.offset, logAppendTime ? w.timestamp : m.timestamp, logAppendTime, m.key, m.value, m.magic, true);
    info.records++;
    n++;
    at = m.end;
  }
  if (n === 0) throw new RecordBatchError('Found invalid compressed record set with no inner records', ERROR_INVALID_RECORD);
}

