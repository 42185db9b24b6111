// What a leader checks and does to a produced record set before it is in the log (Kafka's
// UnifiedLog.appendAsLeader with LogValidator): message format v0/v1 up-converted to one v2 batch
// (Produce v0-2, records/convert.ts), batch framing and size, per-record rules, idempotent
// sequences (a retried batch answers its original offset), then offsets and the leader epoch
// assigned by the partition log. Runs inside the caller's SQLite transaction.
import type { Engine } from '../engine';
import type { TopicRecord, PartitionRecord } from '../storage/topic-store';
import type { PartitionLog } from './partition-log';
import { ErrorCode } from '../../protocol/errors';
import {
  ATTR_TRANSACTIONAL, batchAttributes, batchBaseSequence, batchLastOffsetDelta, batchMaxTimestamp, batchProducerEpoch,
  batchProducerId, batchRecordCount, RecordBatchError, setLogAppendTime, splitBatches,
} from '../../protocol/records/batch';
import { upConvertMessageSet } from '../../protocol/records/convert';
import { magicAt, MAGIC_V1 } from '../../protocol/records/legacy';
import { recordRules, validateRecords } from './record-validation';

export interface AppendResult {
  errorCode: number;
  errorMessage: string | null;
  recordErrors: { batchIndex: number; batchIndexErrorMessage: string | null }[];
  /** First offset of the appended (or duplicate) records; -1 on error. */
  baseOffset: number;
  /** The offset after the last appended record (what acks=all waits for the high watermark to reach). */
  nextOffset: number;
  logAppendTimeMs: number;
}

export function appendFailure(errorCode: number, errorMessage: string | null = null): AppendResult {
  return { errorCode, errorMessage, recordErrors: [], baseOffset: -1, nextOffset: -1, logAppendTimeMs: -1 };
}

/**
 * A Produce v0-2 message set (magic 0/1) as one v2 batch, compressed as the topic says
 * (compression.type, 'producer': as sent); an error result when it is invalid or too large.
 */
function upConvert(engine: Engine, topic: TopicRecord, records: Buffer): Buffer | AppendResult {
  const compressionType = String(engine.configs.topicValue(topic, 'compression.type'));
  const level = compressionType === 'zstd' || compressionType === 'gzip' ? engine.configs.topicInt(topic, `compression.${compressionType}.level`) : undefined;
  try {
    const up = upConvertMessageSet(records, { compressionType, level });
    // UnifiedLog.analyzeAndValidateRecords checks each message as sent, then the result.
    const maxBytes = engine.configs.topicInt(topic, 'max.message.bytes');
    if (up.largestMessage > maxBytes || up.batch.length > maxBytes) return appendFailure(ErrorCode.MESSAGE_TOO_LARGE);
    return up.batch;
  } catch (e) {
    if (e instanceof RecordBatchError) return appendFailure(e.errorCode, e.message);
    throw e;
  }
}

export function appendAsLeader(engine: Engine, topic: TopicRecord, p: PartitionRecord, log: PartitionLog, leaderEpoch: number, records: Buffer | null, produceVersion: number): AppendResult {
  if (!records || records.length === 0) return appendFailure(ErrorCode.INVALID_RECORD, 'Produce request has no records');
  if (produceVersion < 3 && magicAt(records) <= MAGIC_V1) {
    const converted = upConvert(engine, topic, records);
    if (!Buffer.isBuffer(converted)) return converted;
    records = converted;
  }
  const split = splitBatches(records);
  if (split.error !== undefined) return appendFailure(ErrorCode.CORRUPT_MESSAGE, split.error);
  const maxBytes = engine.configs.topicInt(topic, 'max.message.bytes');
  for (const b of split.batches) {
    if (b.length > maxBytes) {
      // Kafka's ReplicaManager answers RecordTooLargeException without a custom message
      // (hasCustomErrorMessage = false): clients show the error's default text.
      return appendFailure(ErrorCode.MESSAGE_TOO_LARGE);
    }
  }
  // LogValidator: keys on compacted topics, timestamp bounds (only decoded when they apply).
  const now = Date.now();
  const rules = recordRules(engine, topic);
  if (rules.needed) {
    for (const b of split.batches) {
      const bad = validateRecords(b, rules, now, topic.name, p.partition);
      if (bad) {
        const r = appendFailure(bad.errorCode, bad.errorMessage);
        r.recordErrors = bad.recordErrors;
        return r;
      }
    }
  }
  let firstOffset = -1;
  let nextOffset = log.logEndOffset;
  for (const batch of split.batches) {
    // The header's fields one by one: no header object per produced batch.
    const recordCount = batchRecordCount(batch);
    const lastOffsetDelta = batchLastOffsetDelta(batch);
    if (recordCount <= 0 || lastOffsetDelta < 0) return appendFailure(ErrorCode.INVALID_RECORD, 'Record batch has no records');
    const producerId = batchProducerId(batch);
    const producerEpoch = batchProducerEpoch(batch);
    const baseSequence = batchBaseSequence(batch);
    const check = engine.producers.check(topic, p, producerId, producerEpoch, baseSequence, recordCount);
    if (check.kind === 'error') return appendFailure(check.code);
    // A producer with a transaction open here writes transactional batches only (ProducerAppendInfo).
    if (check.kind === 'append' && producerId >= 0 && (batchAttributes(batch) & ATTR_TRANSACTIONAL) === 0 && log.txns.openTxns().has(producerId)) {
      return appendFailure(ErrorCode.INVALID_TXN_STATE, `Expected transactional write from producer ${producerId} at offset ${log.logEndOffset} in partition ${topic.name}-${p.partition}`);
    }
    if (check.kind === 'duplicate') {
      if (firstOffset < 0) firstOffset = check.baseOffset;
      continue;
    }
    // message.timestamp.type=LogAppendTime: the broker's time in the header (CRC recomputed).
    if (rules.logAppendTime) setLogAppendTime(batch, now);
    // As Kafka's LogValidator: the leader's epoch in every appended batch. Consumers carry it into
    // their positions and commits (OffsetAndMetadata.leaderEpoch); followers truncate by it.
    const { baseOffset, lastOffset } = log.appendAsLeader(batch, leaderEpoch, {
      maxTimestamp: rules.logAppendTime ? now : batchMaxTimestamp(batch), recordCount, producerId, producerEpoch, baseSequence,
    }, lastOffsetDelta);
    engine.producers.appended(topic, p, producerId, producerEpoch, baseSequence, recordCount, baseOffset);
    if (firstOffset < 0) firstOffset = baseOffset;
    nextOffset = lastOffset + 1;
  }
  return {
    errorCode: 0, errorMessage: null, recordErrors: [], baseOffset: firstOffset, nextOffset,
    logAppendTimeMs: rules.logAppendTime ? now : -1,
  };
}
