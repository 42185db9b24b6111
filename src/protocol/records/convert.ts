// Conversion between message format v0/v1 (legacy.ts) and RecordBatch v2, as Kafka 3.9's broker
// did for old clients (Kafka 4 dropped both directions with Produce v0-2 and Fetch v0-3):
// - up: a Produce v0-2 message set becomes one v2 batch (LogValidator.convertAndAssignOffsets-
//   NonCompressed / buildRecordsAndAssignOffsets): records keep key, value and (v1) timestamp, v0
//   records get no timestamp (-1), offsets are assigned by the caller (base offset 0 here);
// - down: stored v2 batches become messages of magic 0 (Fetch v0-1) or 1 (Fetch v2-3)
//   (RecordsUtil.downConvert): control batches are dropped, headers are lost, an uncompressed
//   batch becomes one message per record from the fetch offset on, a compressed one a wrapper
//   message of all its records (relative inner offsets in v1), zstd is refused.
// Both directions keep the source codec (Kafka's LogValidator and RecordsUtil.downConvert), lz4
// for magic 0 with that format's header checksum; zstd is written once its encoder is loaded (the
// engine loads it at start), uncompressed before that.
import { BatchBuilder } from './batch-builder';
import { codecId, codecName, compress, CODEC_NONE, CODEC_ZSTD, type CodecName } from './compression';
import { ATTR_CODEC_MASK, ATTR_CONTROL, ATTRIBUTES_OFFSET, ERROR_INVALID_RECORD, RecordBatchError } from './layout';
import {
  LEGACY_ATTR_LOG_APPEND_TIME, MAGIC_V0, legacyMessageSize, walkLegacyMessageSet, writeLegacyMessage,
} from './legacy';
import { iterateBatches } from './batch';
import { RecordCursor, enterBatch, walkRecords } from './record-cursor';
import { zstdEncoderLoaded } from './zstd';

const ERROR_UNSUPPORTED_COMPRESSION_TYPE = 76;

/** The codec we write for `codec`: itself, unless it is zstd before its encoder is loaded. */
function encodable(codec: number): CodecName {
  if (codec <= CODEC_NONE || codec > CODEC_ZSTD || (codec === CODEC_ZSTD && !zstdEncoderLoaded())) return 'none';
  return codecName(codec) as CodecName;
}

export interface UpConvertOptions {
  /** The topic's compression.type ('producer' keeps the message set's codec). */
  compressionType: string;
  /** Level for the target codec (compression.gzip.level / compression.zstd.level). */
  level?: number;
  maxDecompressedBytes?: number;
}

export interface UpConverted {
  /** One RecordBatch v2, base offset 0, no producer id. */
  batch: Buffer;
  records: number;
  /** The largest message of the message set as sent (offset and size included). */
  largestMessage: number;
}

/**
 * Convert a Produce v0-2 message set to one v2 batch. Throws RecordBatchError with Kafka's error
 * code (CORRUPT_MESSAGE for a bad CRC or size, INVALID_RECORD, UNSUPPORTED_COMPRESSION_TYPE).
 */
export function upConvertMessageSet(records: Buffer, opts: UpConvertOptions): UpConverted {
  const builder = new BatchBuilder(Buffer.allocUnsafe(records.length + 128));
  const info = walkLegacyMessageSet(records, (_offset, timestamp, _logAppendTime, key, value) => {
    builder.appendRange(
      timestamp, key, 0, key === null ? 0 : key.length, value, 0, value === null ? 0 : value.length, null, Infinity,
    );
  }, opts.maxDecompressedBytes);
  // LogValidator.getFirstBatchAndMaybeValidateNoMoreBatches: one wrapper per compressed request.
  if (info.codec !== CODEC_NONE && info.messages > 1) {
    throw new RecordBatchError('Compressed outer record has more than one batch', ERROR_INVALID_RECORD);
  }
  const target = opts.compressionType === 'producer' ? info.codec : Math.max(0, codecId(opts.compressionType));
  const batch = builder.seal({ compression: encodable(target), level: opts.level });
  return { batch, records: info.records, largestMessage: info.largest };
}

const cursor = new RecordCursor();
const EMPTY = Buffer.alloc(0);

/**
 * Convert stored v2 batches (whole batches, as read from the log) to a magic 0 or 1 message set
 * for a fetch from `fetchOffset`, cut at max(sizeLimit, the first converted batch) bytes as
 * Kafka's LazyDownConversionRecords sizes it (old clients expect a partial message at the end).
 * Throws RecordBatchError(UNSUPPORTED_COMPRESSION_TYPE) when the first batch to convert is
 * zstd-compressed; a later zstd batch ends the conversion there (the client gets what came
 * before, then the error when it fetches from that batch), as Kafka does.
 */
export function downConvertBatches(batches: Buffer, toMagic: number, fetchOffset: number, sizeLimit: number): Buffer {
  const out: Buffer[] = [];
  let size = 0;
  iterateBatches(batches, (batch) => {
    const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
    if (attributes & ATTR_CONTROL) return true;
    const codec = attributes & ATTR_CODEC_MASK;
    if (codec === CODEC_ZSTD) {
      if (out.length === 0) throw new RecordBatchError('Down-conversion of zstandard-compressed batches is not supported', ERROR_UNSUPPORTED_COMPRESSION_TYPE);
      return false;
    }
    const converted = convertBatch(batch, toMagic, fetchOffset, codec);
    if (converted.length > 0) {
      out.push(converted);
      size += converted.length;
    }
    return size < sizeLimit;
  });
  if (out.length === 0) return EMPTY;
  const all = out.length === 1 ? out[0] : Buffer.concat(out, size);
  const keep = Math.max(sizeLimit, out[0].length);
  return keep < all.length ? all.subarray(0, keep) : all;
}

function convertBatch(batch: Buffer, toMagic: number, fetchOffset: number, codec: number): Buffer {
  const c = cursor;
  enterBatch(c, batch, 0, batch.length);
  const recordsStart = c.recordEnd;
  const wrap = codec !== CODEC_NONE && encodable(codec) !== 'none';
  const logAppendTime = c.logAppendTime;
  const tsAttr = toMagic > MAGIC_V0 && logAppendTime ? LEGACY_ATTR_LOG_APPEND_TIME : 0;
  try {
    // Sizes first (one pass), then the messages into one buffer.
    let total = 0;
    let first = -1;
    let last = -1;
    let maxTimestamp = -1;
    walkRecords(c, {
      onRecord(rc) {
        if (!wrap && rc.offset < fetchOffset) return true;
        if (first < 0) first = rc.offset;
        last = rc.offset;
        const ts = logAppendTime ? rc.maxTimestamp : rc.timestamp;
        if (ts > maxTimestamp) maxTimestamp = ts;
        total += legacyMessageSize(toMagic, rc.keyLen, rc.valueLen);
        return true;
      },
    });
    if (first < 0) return EMPTY;
    const buf = Buffer.allocUnsafe(total);
    let p = 0;
    // Walk the same (decompressed) records again.
    c.index = 0;
    c.recordEnd = recordsStart;
    walkRecords(c, {
      onRecord(rc) {
        if (!wrap && rc.offset < fetchOffset) return true;
        const b = rc.buf;
        // Inside a v1 wrapper offsets are relative to the wrapper's first record.
        const offset = wrap && toMagic > MAGIC_V0 ? rc.offset - first : rc.offset;
        p = writeLegacyMessage(
          buf, p, toMagic, offset, tsAttr, logAppendTime ? rc.maxTimestamp : rc.timestamp,
          rc.keyLen < 0 ? null : b, rc.keyStart, rc.keyStart + Math.max(0, rc.keyLen),
          rc.valueLen < 0 ? null : b, rc.valueStart, rc.valueStart + Math.max(0, rc.valueLen),
        );
        return true;
      },
    });
    if (!wrap) return buf;
    const value = compress(codec, buf, undefined, toMagic);
    const wrapper = Buffer.allocUnsafe(legacyMessageSize(toMagic, -1, value.length));
    writeLegacyMessage(wrapper, 0, toMagic, last, codec | tsAttr, maxTimestamp, null, 0, 0, value, 0, value.length);
    return wrapper;
  } finally {
    c.buf = EMPTY; // hold no reference to the batch
  }
}
