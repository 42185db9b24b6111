// Rewrite a RecordBatch v2 keeping only some of its records, as Kafka's log cleaner does
// (MemoryRecords.filterTo): the base offset, last offset delta, base timestamp, producer fields
// and the retained records' bytes stay as they were (records carry offset and timestamp deltas,
// so their offsets never change and a v2 batch may have gaps), the record count, max timestamp
// and CRC are recomputed. A compressed batch is compressed again with its codec when we can
// (gzip), otherwise written uncompressed, which every reader accepts.
import { compress } from './compression';
import { crc32c } from './crc32c';
import {
  ATTR_CODEC_MASK, ATTR_CONTROL, ATTR_TIMESTAMP_TYPE, ATTRIBUTES_OFFSET, BATCH_HEADER_SIZE, BATCH_LENGTH_OFFSET,
  CRC_OFFSET, LOG_OVERHEAD, MAX_TIMESTAMP_OFFSET, RECORD_COUNT_OFFSET, TWO_32,
} from './layout';
import { RecordCursor, enterBatch, walkRecords } from './record-cursor';

export type FilterOutcome =
  | { kind: 'unchanged' }
  | { kind: 'empty' }
  | { kind: 'rewritten'; bytes: Buffer; maxTimestamp: number; recordCount: number };

const cursor = new RecordCursor();

/**
 * Keep the records for which keep(cursor) returns true (the cursor is on the record: offset,
 * timestamp, key/value positions in cursor.buf). Control batches are never filtered.
 * Throws RecordBatchError / compression errors for a batch it cannot read.
 */
export function filterBatch(batch: Buffer, keep: (c: RecordCursor) => boolean): FilterOutcome {
  const size = batch.readInt32BE(BATCH_LENGTH_OFFSET) + LOG_OVERHEAD;
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  if (attributes & ATTR_CONTROL) return { kind: 'unchanged' };
  const c = cursor;
  enterBatch(c, batch, 0, size);
  const total = c.count;
  const ranges: number[] = [];
  let kept = 0;
  let keptBytes = 0;
  let maxTimestamp = -1;
  let prevEnd = c.recordEnd;
  try {
    walkRecords(c, {
      onRecord(rc) {
        const start = prevEnd;
        prevEnd = rc.recordEnd;
        if (!keep(rc)) return true;
        // Adjacent kept records share one range.
        if (ranges.length > 0 && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = rc.recordEnd;
        else ranges.push(start, rc.recordEnd);
        kept++;
        keptBytes += rc.recordEnd - start;
        if (rc.timestamp > maxTimestamp) maxTimestamp = rc.timestamp;
        return true;
      },
    });
    if (kept === total) return { kind: 'unchanged' };
    if (kept === 0) return { kind: 'empty' };
    let records: Buffer = Buffer.allocUnsafe(keptBytes);
    for (let i = 0, p = 0; i < ranges.length; i += 2) p += c.buf.copy(records, p, ranges[i], ranges[i + 1]);
    let codec = attributes & ATTR_CODEC_MASK;
    if (codec !== 0) {
      try {
        records = compress(codec, records);
      } catch {
        codec = 0;
      }
    }
    const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + records.length);
    batch.copy(out, 0, 0, BATCH_HEADER_SIZE);
    records.copy(out, BATCH_HEADER_SIZE);
    out.writeInt16BE((attributes & ~ATTR_CODEC_MASK) | codec, ATTRIBUTES_OFFSET);
    out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
    out.writeInt32BE(kept, RECORD_COUNT_OFFSET);
    // LogAppendTime batches keep the broker's time; CreateTime ones report their retained records'.
    if (attributes & ATTR_TIMESTAMP_TYPE) {
      maxTimestamp = batch.readInt32BE(MAX_TIMESTAMP_OFFSET) * TWO_32 + batch.readUInt32BE(MAX_TIMESTAMP_OFFSET + 4);
    } else {
      const hi = Math.floor(maxTimestamp / TWO_32);
      out.writeInt32BE(hi | 0, MAX_TIMESTAMP_OFFSET);
      out.writeUInt32BE((maxTimestamp - hi * TWO_32) >>> 0, MAX_TIMESTAMP_OFFSET + 4);
    }
    out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET, out.length), CRC_OFFSET);
    return { kind: 'rewritten', bytes: out, maxTimestamp, recordCount: kept };
  } finally {
    c.buf = EMPTY; // hold no reference to the batch
  }
}

const EMPTY = Buffer.alloc(0);
