// Kafka's LogValidator checks that need the records themselves (Produce): a compacted topic takes
// no record without a key (INVALID_RECORD), and with message.timestamp.type=CreateTime every
// record's timestamp must lie within [now - before.max.ms, now + after.max.ms] (INVALID_TIMESTAMP).
// Both are off by default (delete policy, Long.MAX_VALUE bounds), so batches are decoded only when
// a topic asks for them. The texts are Kafka 3.9's.
import type { Engine } from '../engine';
import type { TopicRecord } from '../storage/topic-store';
import { ErrorCode } from '../../protocol/errors';
import { decodeRecords, enterBatchRecords, RecordView } from '../../protocol/records/batch';
import { RecordCursor, walkRecords, type RecordVisitor } from '../../protocol/records/record-cursor';
import { cleanupPolicy } from './retention';

const LONG_MAX = 9223372036854775807n;
/** RecordBatch.NO_TIMESTAMP */
const NO_TIMESTAMP = -1;

export interface RecordRules {
  /** Any per-record check to run. */
  needed: boolean;
  logAppendTime: boolean;
  compacted: boolean;
  checkTimestamps: boolean;
  beforeMaxMs: bigint;
  afterMaxMs: bigint;
}

export interface RecordValidationFailure {
  errorCode: number;
  errorMessage: string;
  recordErrors: { batchIndex: number; batchIndexErrorMessage: string | null }[];
}

function longConfig(engine: Engine, topic: TopicRecord, name: string): bigint {
  const v = engine.configs.topicValue(topic, name);
  return typeof v === 'bigint' ? v : BigInt(String(v));
}

// Per topic, keyed by the ConfigManager's effective-config map, which is replaced when a config
// changes: the produce path looks the rules up instead of re-deriving them per request.
const rulesCache = new WeakMap<object, RecordRules>();

/** The record checks that apply to a topic (cached until its configs change). */
export function recordRules(engine: Engine, topic: TopicRecord): RecordRules {
  const effective = engine.configs.effective(topic);
  let r = rulesCache.get(effective);
  if (r) return r;
  const logAppendTime = engine.configs.topicValue(topic, 'message.timestamp.type') === 'LogAppendTime';
  const compacted = cleanupPolicy(engine, topic).compact;
  // 4.x: after.max.ms defaults to one hour, so records stamped far in the future are refused.
  const beforeMaxMs = longConfig(engine, topic, 'message.timestamp.before.max.ms');
  const afterMaxMs = longConfig(engine, topic, 'message.timestamp.after.max.ms');
  const checkTimestamps = !logAppendTime && (beforeMaxMs !== LONG_MAX || afterMaxMs !== LONG_MAX);
  r = { needed: compacted || checkTimestamps, logAppendTime, compacted, checkTimestamps, beforeMaxMs, afterMaxMs };
  rulesCache.set(effective, r);
  return r;
}


const view = new RecordView();

/**
 * The checks over the raw cursor, with the bounds as numbers: no key or value views and no BigInt
 * per record (those were most of the validation's cost, run on every produced record since 4.x's
 * one-hour after.max.ms). It only says whether some record may fail; validateRecords' exact
 * pass then decides and words the errors.
 */
class QuickCheck implements RecordVisitor {
  readonly cursor = new RecordCursor();
  compacted = false;
  checkTimestamps = false;
  lo = 0;
  hi = 0;
  suspect = false;

  onRecord(c: RecordCursor): boolean {
    if (this.compacted && c.keyLen < 0) this.suspect = true;
    else if (this.checkTimestamps && c.timestamp !== NO_TIMESTAMP && (c.timestamp < this.lo || c.timestamp > this.hi)) this.suspect = true;
    return !this.suspect;
  }
}
const quick = new QuickCheck();
/** The rules and time quick.lo and quick.hi were computed for. */
let boundsFor: RecordRules | undefined;
let boundsAt = 0;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A bound as a number. Beyond the exact range it becomes the range's edge on its own side (records
 * past it are then suspects, compared exactly) or, on the other side, a bound no record passes.
 */
function lowBound(v: bigint): number {
  return v < -SAFE ? -Number.MAX_SAFE_INTEGER : v > SAFE ? Infinity : Number(v);
}
function highBound(v: bigint): number {
  return v > SAFE ? Number.MAX_SAFE_INTEGER : v < -SAFE ? -Infinity : Number(v);
}

/** True when every record surely passes (the usual case), without building anything per record. */
function surelyValid(batch: Buffer, rules: RecordRules, nowMs: number): boolean {
  // The bounds in BigInt arithmetic once per millisecond and topic, not per produced batch.
  if (rules !== boundsFor || nowMs !== boundsAt) {
    const now = BigInt(nowMs);
    quick.lo = lowBound(now - rules.beforeMaxMs);
    quick.hi = highBound(now + rules.afterMaxMs);
    boundsFor = rules;
    boundsAt = nowMs;
  }
  quick.compacted = rules.compacted;
  quick.checkTimestamps = rules.checkTimestamps;
  quick.suspect = false;
  try {
    if (enterBatchRecords(batch, quick.cursor) < 0) return true;
    walkRecords(quick.cursor, quick);
  } catch {
    return false;
  }
  return !quick.suspect;
}

/** Java's long arithmetic (wraps on overflow), as Kafka prints the bounds. */
function javaLong(v: bigint): string {
  return BigInt.asIntN(64, v).toString();
}

/**
 * Check every record of a batch at broker time `nowMs`; null when all pass. Batches we cannot
 * decode pass (the produce path rejected corrupt ones already). The messages name the partition
 * `t-0`, as Kafka's TopicPartition.toString (built only then: most batches pass).
 */
export function validateRecords(batch: Buffer, rules: RecordRules, nowMs: number, topicName: string, partition: number): RecordValidationFailure | null {
  if (surelyValid(batch, rules, nowMs)) return null;
  const partitionName = `${topicName}-${partition}`;
  const errors: { code: number; batchIndex: number; batchIndexErrorMessage: string }[] = [];
  let index = 0;
  const now = BigInt(nowMs);
  try {
    decodeRecords(batch, (r) => {
      const i = index++;
      if (rules.compacted && r.key === null) {
        errors.push({ code: ErrorCode.INVALID_RECORD, batchIndex: i, batchIndexErrorMessage: `Compacted topic cannot accept message without key in topic partition ${partitionName}` });
        return;
      }
      if (rules.checkTimestamps && r.timestamp !== NO_TIMESTAMP) {
        const diff = now - BigInt(r.timestamp);
        if (diff > rules.beforeMaxMs || -diff > rules.afterMaxMs) {
          errors.push({
            code: ErrorCode.INVALID_TIMESTAMP, batchIndex: i,
            batchIndexErrorMessage: `Timestamp ${r.timestamp} of message with offset ${r.offset} is out of range. The timestamp should be within [${javaLong(now - rules.beforeMaxMs)}, ${javaLong(now + rules.afterMaxMs)}]`,
          });
        }
      }
    }, { view });
  } catch {
    return null;
  }
  if (errors.length === 0) return null;
  const recordErrors = errors.map((e) => ({ batchIndex: e.batchIndex, batchIndexErrorMessage: e.batchIndexErrorMessage }));
  if (errors.some((e) => e.code === ErrorCode.INVALID_TIMESTAMP)) {
    return { errorCode: ErrorCode.INVALID_TIMESTAMP, errorMessage: 'One or more records have been rejected due to invalid timestamp', recordErrors };
  }
  const shown = errors.slice(0, 3).map((e) => `RecordError(batchIndex=${e.batchIndex}, message='${e.batchIndexErrorMessage}')`).join(', ');
  return {
    errorCode: ErrorCode.INVALID_RECORD,
    errorMessage: `One or more records have been rejected due to ${errors.length} record errors in total, and only showing the first three errors at most: [${shown}]`,
    recordErrors,
  };
}
