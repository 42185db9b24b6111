// Retention (cleanup.policy contains `delete`) and moving the log start offset forward.
//
// Kafka deletes whole *segments* (log-segments.ts): from the oldest on, while a segment's largest
// timestamp is more than retention.ms old (UnifiedLog.deleteRetentionMsBreachedSegments), then
// while the log stays at least retention.bytes big without it (deleteRetentionSizeBreachedSegments).
// The active segment is included: Kafka rolls a new empty one first, so "retention.ms=1000, wait,
// the records are gone" holds; but with one segment holding everything, retention.bytes deletes
// nothing unless it is 0. A segment with a future timestamp keeps everything after it. The log
// start offset becomes the next segment's base offset (the log end when everything went); the
// high watermark never moves back. Only what every in-sync replica has (below the high watermark)
// may go, and each replica applies retention to its own log, as Kafka's LogManager does on every
// broker (followers roll at the same offsets as their leader, see log-segments.ts).
import type { Engine } from '../engine';
import type { TopicRecord } from '../storage/topic-store';
import type { PartitionLog } from './partition-log';

export interface CleanupPolicy {
  delete: boolean;
  compact: boolean;
}

/** The topic's effective cleanup.policy. */
export function cleanupPolicy(engine: Engine, topic: TopicRecord): CleanupPolicy {
  return cleanupPolicyOf(engine.configs.topicValue(topic, 'cleanup.policy'));
}

/** A cleanup.policy value (a list, or its comma-separated text; absent: delete). */
export function cleanupPolicyOf(v: unknown): CleanupPolicy {
  const list = Array.isArray(v) ? v.map(String) : String(v ?? 'delete').split(',').map((s) => s.trim());
  return { delete: list.includes('delete'), compact: list.includes('compact') };
}

export interface RetentionCut {
  /** The offset the log start offset moves to (its log start offset: no change). */
  offset: number;
  /** The active segment goes too: roll a new empty one first. */
  rollActive: boolean;
}

/**
 * Where retention would move the log start offset, segment by segment from the oldest (Kafka's
 * UnifiedLog.deleteOldSegments): first while a segment's largest timestamp is more than
 * retention.ms old, then while the log stays at least retention.bytes big without the segment.
 * Only segments below the high watermark, and never an empty active segment. retention.ms < 0 and
 * retention.bytes < 0 mean no limit.
 */
export function retentionCutoff(engine: Engine, log: PartitionLog, now: number): RetentionCut {
  const topic = log.topic;
  const retentionMs = engine.configs.topicInt(topic, 'retention.ms');
  const retentionBytes = engine.configs.topicInt(topic, 'retention.bytes');
  const none = { offset: log.logStartOffset, rollActive: false };
  if (retentionMs < 0 && retentionBytes < 0) return none;
  let diff = retentionBytes >= 0 ? log.sizeBytes - retentionBytes : -1;
  let byTime = retentionMs >= 0;
  const bySize = retentionBytes >= 0;
  const hw = log.highWatermark;
  let cut = none;
  // Without a size limit a segment holding a batch too young to go stays, and so does the rest:
  // the walk stops at that batch instead of reading the whole (active) segment's index.
  const youngFrom = bySize ? Infinity : now - retentionMs;
  for (const seg of segmentsOf(engine, log, youngFrom)) {
    if (seg.active && seg.size === 0) break;
    if (hw < seg.end) break;
    // Time first, then size (as Kafka's two passes): once a segment is too young, only size counts.
    if (byTime && !(now - seg.largestTimestamp > retentionMs)) byTime = false;
    if (!byTime && !(bySize && diff - seg.size >= 0)) break;
    diff -= seg.size;
    cut = { offset: seg.end, rollActive: seg.active };
  }
  return cut;
}

interface SegmentSummary {
  /** The next segment's base offset (the log end offset for the active segment). */
  end: number;
  size: number;
  /** -1 for an empty segment (as Kafka's: an empty rolled segment always counts as expired). */
  largestTimestamp: number;
  active: boolean;
}

/**
 * The log's segments from the one holding the log start, summed from their batches (read lazily).
 * A batch with a max timestamp at or after `youngFrom` ends the walk: its segment comes partly summed.
 */
function* segmentsOf(engine: Engine, log: PartitionLog, youngFrom: number): IterableIterator<SegmentSummary> {
  const bases = log.segments.baseOffsets();
  let i = 0;
  let cur: SegmentSummary | undefined;
  const open = (k: number): SegmentSummary => ({ end: k + 1 < bases.length ? bases[k + 1] : log.logEndOffset, size: 0, largestTimestamp: -1, active: k === bases.length - 1 });
  cur = open(0);
  for (const b of engine.logs.iterateBatchSummaries(log.topic, log.p, log.logStartOffset)) {
    while (i + 1 < bases.length && b.baseOffset >= bases[i + 1]) {
      yield cur;
      cur = open(++i);
    }
    cur.size += b.size;
    if (b.maxTimestamp > cur.largestTimestamp) cur.largestTimestamp = b.maxTimestamp;
    if (b.maxTimestamp >= youngFrom) {
      yield cur;
      return;
    }
  }
  yield cur;
  while (i + 1 < bases.length) yield open(++i);
}

/** One retention pass over a replica's log; returns true when records were deleted. */
export function applyRetention(engine: Engine, log: PartitionLog, now: number): boolean {
  const before = log.logStartOffset;
  const cut = retentionCutoff(engine, log, now);
  if (cut.offset <= before) return false;
  try {
    if (cut.rollActive) engine.logs.transaction(() => log.rollForDeletion());
    return log.maybeIncrementLogStartOffset(cut.offset) > before;
  } catch (e) {
    engine.reloadAfterFailedWrite();
    throw e;
  }
}
