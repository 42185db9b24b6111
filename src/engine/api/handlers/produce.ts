// Produce: validate each partition's batches (magic 2, CRC, size, idempotent sequence), assign
// offsets by rewriting base offsets, and store the whole request in one SQLite transaction
// before replying. acks=0 gets no reply at all. Produce v0-2 may carry message format v0/v1,
// converted to one RecordBatch v2 first, as Kafka 3.9 did (records/convert.ts).
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import { NO_RESPONSE } from '.';
import { ErrorCode } from '../../../protocol/errors';
import { ATTRIBUTES_OFFSET, batchCodec, MAGIC_V2, readBatchHeader, RecordBatchError, setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch, splitBatches } from '../../../protocol/records/batch';
import { CODEC_ZSTD } from '../../../protocol/records/compression';
import { upConvertMessageSet } from '../../../protocol/records/convert';
import { magicAt, MAGIC_V1 } from '../../../protocol/records/legacy';
import type { PartitionRecord, TopicRecord } from '../../storage/topic-store';
import { recordRules, validateRecords } from '../../log/record-validation';

/** Kafka's AdminUtils.ADMIN_CLIENT_ID: the only client allowed to append to internal topics. */
const ADMIN_CLIENT_ID = '__admin_client';

interface PartitionResult {
  index: number;
  errorCode: number;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
  recordErrors: { batchIndex: number; batchIndexErrorMessage: string | null }[];
  errorMessage: string | null;
}

function result(index: number, errorCode: number, errorMessage: string | null = null): PartitionResult {
  return { index, errorCode, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage };
}

export function handleProduce(engine: Engine, req: any, ctx: RequestContext): unknown {
  const acks: number = req.acks;
  const responses: { name: string; partitionResponses: PartitionResult[] }[] = [];
  let appended = false;

  if (ctx.version < 7 && usesZstd(req)) {
    // ProduceRequest.validateRecords: the whole request is refused.
    for (const t of req.topicData) {
      responses.push({ name: t.name, partitionResponses: t.partitionData.map((p: any) => result(p.index, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)) });
    }
    return acks === 0 ? NO_RESPONSE : { responses, throttleTimeMs: 0 };
  }

  try {
    engine.logs.transaction(() => {
      for (const t of req.topicData) {
        const topic = engine.metadata.topic(t.name);
        const partitionResponses: PartitionResult[] = [];
        for (const pd of t.partitionData) {
          partitionResponses.push(appendPartition(engine, topic, t.name, pd.index, pd.records, acks, ctx.clientId, ctx.version));
          if (partitionResponses[partitionResponses.length - 1].baseOffset >= 0) appended = true;
        }
        responses.push({ name: t.name, partitionResponses });
      }
    });
  } catch (e) {
    // The transaction rolled back (e.g. disk full): drop in-memory state derived from it and
    // let the connection close, so the client retries rather than believing a lost write.
    engine.reloadAfterFailedWrite();
    throw e;
  }
  if (appended) engine.notifyAppend();
  if (acks === 0) return NO_RESPONSE;
  return { responses, throttleTimeMs: 0 };
}

/** A magic-2 batch compressed with zstd anywhere in the request (zstd needs Produce v7). */
function usesZstd(req: any): boolean {
  for (const t of req.topicData) {
    for (const pd of t.partitionData) {
      const r: Buffer | null = pd.records;
      if (r && magicAt(r) === MAGIC_V2 && r.length >= ATTRIBUTES_OFFSET + 2 && batchCodec(r) === CODEC_ZSTD) return true;
    }
  }
  return false;
}

/**
 * A Produce v0-2 message set (magic 0/1) as one v2 batch, compressed as the topic says
 * (compression.type, 'producer': as sent); an error result when it is invalid or too large.
 */
function upConvert(engine: Engine, topic: TopicRecord, index: number, records: Buffer): Buffer | PartitionResult {
  const compressionType = String(engine.configs.topicValue(topic, 'compression.type'));
  const level = compressionType === 'zstd' || compressionType === 'gzip' ? engine.configs.topicInt(topic, `compression.${compressionType}.level`) : undefined;
  try {
    const up = upConvertMessageSet(records, { compressionType, level });
    // UnifiedLog.analyzeAndValidateRecords checks each message as sent, then the result.
    const maxBytes = engine.configs.topicInt(topic, 'max.message.bytes');
    if (up.largestMessage > maxBytes || up.batch.length > maxBytes) return result(index, ErrorCode.MESSAGE_TOO_LARGE);
    return up.batch;
  } catch (e) {
    if (e instanceof RecordBatchError) return result(index, e.errorCode, e.message);
    throw e;
  }
}

function appendPartition(engine: Engine, topic: TopicRecord | undefined, name: string, index: number, records: Buffer | null, acks: number, clientId: string | null, version: number): PartitionResult {
  if (acks !== 0 && acks !== 1 && acks !== -1) return result(index, ErrorCode.INVALID_REQUIRED_ACKS);
  // ReplicaManager.appendToLocalLog: `Cannot append to internal topic <t>` (no custom message).
  if (topic?.internal && clientId !== ADMIN_CLIENT_ID) return result(index, ErrorCode.INVALID_TOPIC_EXCEPTION);
  if (!topic) return result(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  const p: PartitionRecord | undefined = topic.partitions[index];
  if (!p) return result(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (!engine.metadata.isLocalLeader(p)) return result(index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
  // Partition.appendRecordsToLeader: acks=all needs min.insync.replicas in-sync replicas
  // (NotEnoughReplicasException, no custom message); acks=0/1 are not held to it.
  if (acks === -1 && engine.metadata.partitionView(p).isr.length < engine.configs.topicInt(topic, 'min.insync.replicas')) {
    return result(index, ErrorCode.NOT_ENOUGH_REPLICAS);
  }
  if (!records || records.length === 0) return result(index, ErrorCode.INVALID_RECORD, 'Produce request has no records');
  if (version < 3 && magicAt(records) <= MAGIC_V1) {
    const converted = upConvert(engine, topic, index, records);
    if (!Buffer.isBuffer(converted)) return converted;
    records = converted;
  }
  const split = splitBatches(records);
  if (split.error !== undefined) return result(index, ErrorCode.CORRUPT_MESSAGE, split.error);
  const maxBytes = engine.configs.topicInt(topic, 'max.message.bytes');
  for (const b of split.batches) {
    if (b.length > maxBytes) {
      // Kafka's ReplicaManager answers RecordTooLargeException without a custom message
      // (hasCustomErrorMessage = false): clients show the error's default text.
      return result(index, ErrorCode.MESSAGE_TOO_LARGE);
    }
  }
  // LogValidator: keys on compacted topics, timestamp bounds (only decoded when they apply).
  const now = Date.now();
  const rules = recordRules(engine, topic);
  if (rules.needed) {
    for (const b of split.batches) {
      const bad = validateRecords(b, rules, now, `${name}-${index}`);
      if (bad) {
        const r = result(index, bad.errorCode, bad.errorMessage);
        r.recordErrors = bad.recordErrors;
        return r;
      }
    }
  }
  let firstOffset = -1;
  for (const batch of split.batches) {
    const h = readBatchHeader(batch, 0);
    if (h.recordCount <= 0 || h.lastOffsetDelta < 0) return result(index, ErrorCode.INVALID_RECORD, 'Record batch has no records');
    const check = engine.producers.check(topic, p, h.producerId, h.producerEpoch, h.baseSequence, h.recordCount);
    if (check.kind === 'error') return result(index, check.code);
    if (check.kind === 'duplicate') {
      if (firstOffset < 0) firstOffset = check.baseOffset;
      continue;
    }
    const baseOffset = p.highWatermark;
    setBaseOffset(batch, baseOffset);
    // As Kafka's LogValidator: the leader's epoch in every appended batch. Consumers carry it into
    // their positions and commits (OffsetAndMetadata.leaderEpoch).
    setPartitionLeaderEpoch(batch, p.leaderEpoch);
    // message.timestamp.type=LogAppendTime: the broker's time in the header (CRC recomputed).
    if (rules.logAppendTime) setLogAppendTime(batch, now);
    const lastOffset = baseOffset + h.lastOffsetDelta;
    engine.logs.appendBatch(topic, p, batch, {
      baseOffset, lastOffset, maxTimestamp: rules.logAppendTime ? now : h.maxTimestamp, recordCount: h.recordCount,
      producerId: h.producerId, producerEpoch: h.producerEpoch, baseSequence: h.baseSequence,
    });
    p.highWatermark = lastOffset + 1;
    engine.producers.appended(topic, p, h.producerId, h.producerEpoch, h.baseSequence, h.recordCount, baseOffset);
    if (firstOffset < 0) firstOffset = baseOffset;
  }
  const r = result(index, 0);
  r.baseOffset = firstOffset;
  r.logStartOffset = p.logStartOffset;
  if (rules.logAppendTime) r.logAppendTimeMs = now;
  return r;
}
