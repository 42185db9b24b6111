// Kafka 4.4's DumpLogSegments lines for v2 batches and their records:
//   baseOffset: B lastOffset: L count: N baseSequence: S lastSequence: LS producerId: P
//   producerEpoch: E partitionLeaderEpoch: PLE isTransactional: T isControl: C deleteHorizonMs: D
//   position: POS CreateTime|LogAppendTime: <max timestamp> size: SZ magic: 2 compresscodec: X crc: CRC isvalid: V
//   | offset: O CreateTime: TS keySize: K valueSize: V sequence: S headerKeys: [a, b] [key: ..] [payload: ..]
// (control records end with ` endTxnMarker: COMMIT|ABORT coordinatorEpoch: N` instead of the data);
// --skip-record-metadata leaves only `| key: .. payload: ..`.
import { decodeRecords, isCrcValid, readBatchHeader } from '../../protocol/records/batch';
import { ATTR_CODEC_MASK, ATTR_CONTROL, ATTR_DELETE_HORIZON, ATTR_TIMESTAMP_TYPE, ATTR_TRANSACTIONAL } from '../../protocol/records/layout';
import { offsetsKeyJson, offsetsValueJson } from './offsets-decoder';

const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export function batchLine(batch: Buffer, position: number): string {
  const h = readBatchHeader(batch);
  const lastOffset = h.baseOffset + h.lastOffsetDelta;
  const lastSequence = h.baseSequence < 0 ? -1 : (h.baseSequence + h.lastOffsetDelta) % 0x80000000;
  const tsType = (h.attributes & ATTR_TIMESTAMP_TYPE) !== 0 ? 'LogAppendTime' : 'CreateTime';
  const horizon = (h.attributes & ATTR_DELETE_HORIZON) !== 0 ? `OptionalLong[${h.baseTimestamp}]` : 'OptionalLong.empty';
  return `baseOffset: ${h.baseOffset} lastOffset: ${lastOffset} count: ${h.recordCount} baseSequence: ${h.baseSequence} lastSequence: ${lastSequence}` +
    ` producerId: ${h.producerId} producerEpoch: ${h.producerEpoch} partitionLeaderEpoch: ${h.partitionLeaderEpoch}` +
    ` isTransactional: ${(h.attributes & ATTR_TRANSACTIONAL) !== 0} isControl: ${(h.attributes & ATTR_CONTROL) !== 0} deleteHorizonMs: ${horizon}` +
    ` position: ${position} ${tsType}: ${h.maxTimestamp} size: ${batch.length} magic: ${h.magic}` +
    ` compresscodec: ${CODECS[h.attributes & ATTR_CODEC_MASK] ?? 'unknown'} crc: ${h.crc} isvalid: ${isCrcValid(batch)}`;
}

export interface RecordOptions {
  printData: boolean;
  skipMetadata: boolean;
  offsetsDecoder: boolean;
}

/** The `| ...` lines of a batch's records. */
export function recordLines(batch: Buffer, opts: RecordOptions): string[] {
  const lines: string[] = [];
  const tsType = (readBatchHeader(batch).attributes & ATTR_TIMESTAMP_TYPE) !== 0 ? 'LogAppendTime' : 'CreateTime';
  decodeRecords(batch, (r) => {
    if (r.isControl && opts.skipMetadata) return;
    let line = '|';
    if (!opts.skipMetadata) {
      line += ` offset: ${r.offset} ${tsType}: ${r.timestamp} keySize: ${r.key ? r.key.length : -1} valueSize: ${r.value ? r.value.length : -1}` +
        ` sequence: ${r.sequence} headerKeys: [${r.headers.map((h) => h.key).join(', ')}]`;
    }
    if (r.isControl) {
      const type = r.key && r.key.length >= 4 ? r.key.readInt16BE(2) : -1;
      const coordinatorEpoch = r.value && r.value.length >= 6 ? r.value.readInt32BE(2) : 0;
      line += ` endTxnMarker: ${type === 1 ? 'COMMIT' : 'ABORT'} coordinatorEpoch: ${coordinatorEpoch}`;
    } else if (opts.printData) {
      if (opts.offsetsDecoder) {
        if (r.key) {
          line += ` key: ${offsetsKeyJson(r.key)}`;
          line += ` payload: ${r.value ? offsetsValueJson(r.key, r.value) : '<DELETE>'}`;
        }
      } else {
        if (r.key) line += ` key: ${r.key.toString('utf8')}`;
        if (r.value) line += ` payload: ${r.value.toString('utf8')}`;
      }
    }
    lines.push(line);
  }, { includeControl: true });
  return lines;
}
