// RecordBatch v2 (magic 2) byte layout: field offsets, attribute bits, the batch error type.
// batch.ts (header access, split/validate, builder, decodeRecords) and record-cursor.ts (the
// record walker) both read from here; batch.ts re-exports all of it.
//
// Layout (big-endian):
//   0 baseOffset i64 | 8 batchLength i32 | 12 partitionLeaderEpoch i32 | 16 magic i8 | 17 crc u32
//   21 attributes i16 | 23 lastOffsetDelta i32 | 27 baseTimestamp i64 | 35 maxTimestamp i64
//   43 producerId i64 | 51 producerEpoch i16 | 53 baseSequence i32 | 57 recordCount i32 | 61 records
// batchLength counts from partitionLeaderEpoch to the end (batch size = batchLength + 12).
// The CRC-32C covers attributes..end, so baseOffset and partitionLeaderEpoch can be rewritten
// without touching it.
//
// Record: length varint | attributes i8 | timestampDelta varlong | offsetDelta varint |
//   keyLength varint (-1 null) | key | valueLength varint (-1 null) | value |
//   headerCount varint | { keyLength varint | key utf8 | valueLength varint (-1 null) | value }*
//
// Control record (in a control batch): key = version i16 | type i16 (0 abort, 1 commit).

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
export const RECORDS_OFFSET = 61;
export const BATCH_HEADER_SIZE = 61;
/** baseOffset + batchLength: the bytes not counted by batchLength. */
export const LOG_OVERHEAD = 12;
/** Smallest legal batchLength (a batch with no records). */
export const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - LOG_OVERHEAD;
export const MAGIC_V2 = 2;

export const ATTR_CODEC_MASK = 0x07;
export const ATTR_TIMESTAMP_TYPE = 0x08; // 1 = LogAppendTime
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;
export const ATTR_DELETE_HORIZON = 0x40;

export const TIMESTAMP_CREATE_TIME = 0;
export const TIMESTAMP_LOG_APPEND_TIME = 1;

/** Control record types (Kafka's ControlRecordType). */
export const CONTROL_TYPE_ABORT = 0;
export const CONTROL_TYPE_COMMIT = 1;

/** Kafka error codes a caller maps split/validation failures to. */
export const ERROR_CORRUPT_MESSAGE = 2;
export const ERROR_INVALID_RECORD = 87;

export const TWO_32 = 4294967296;

export class RecordBatchError extends Error {
  constructor(message: string, readonly errorCode: number = ERROR_CORRUPT_MESSAGE) {
    super(message);
    this.name = 'RecordBatchError';
  }
}

/** A big-endian i64 as a double (exact below 2^53). */
export function readI64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}
