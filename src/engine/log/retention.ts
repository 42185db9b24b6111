// Retention (cleanup.policy contains `delete`) and moving the log start offset forward.
//
// Kafka deletes whole *segments*: from the oldest on, while a segment's largest timestamp is more
// than retention.ms old (UnifiedLog.deleteRetentionMsBreachedSegments), then while the log stays
// at least retention.bytes big without it (deleteRetentionSizeBreachedSegments). The active
// segment is included: Kafka rolls a new empty one first, so "retention.ms=1000, wait, the
// records are gone" holds. We have no segments: the same rules apply to *batches*, oldest first,
// stopping at the first batch that must stay (a batch with a future timestamp keeps everything
// after it, as a segment would). The log start offset becomes the first offset after the last
// deleted batch, or the high watermark when nothing is left; the high watermark never moves back.
// Only what every in-sync replica has (below the high watermark) may go, and each replica applies
// retention to its own log, as Kafka's LogManager does on every broker.
import type { Engine } from '../engine';
import type { TopicRecord } from '../storage/topic-store';
import type { PartitionLog } from './partition-log';

export interface CleanupPolicy {
  delete: boolean;
  compact: boolean;
}

/** The topic's effective cleanup.policy. */
export function cleanupPolicy(engine: Engine, topic: TopicRecord): CleanupPolicy {
  const v = engine.configs.topicValue(topic, 'cleanup.policy');
  const list = Array.isArray(v) ? (v as readonly string[]) : String(v ?? 'delete').split(',').map((s) => s.trim());
  return { delete: list.includes('delete'), compact: list.includes('compact') };
}

/**
 * The offset retention would move the log start offset to (no change: its log start offset).
 * retention.ms < 0 and retention.bytes < 0 mean no limit.
 */
export function retentionCutoff(engine: Engine, log: PartitionLog, now: number): number {
  const topic = log.topic;
  const retentionMs = engine.configs.topicInt(topic, 'retention.ms');
  const retentionBytes = engine.configs.topicInt(topic, 'retention.bytes');
  if (retentionMs < 0 && retentionBytes < 0) return log.logStartOffset;
  // Walk from the oldest batch and stop at the first one that stays: a partition's whole index is
  // read only when everything goes.
  let diff = retentionBytes >= 0 ? log.sizeBytes - retentionBytes : -1;
  let last = -1; // last offset of the last batch that goes
  let all = true;
  const hw = log.highWatermark;
  for (const b of engine.logs.iterateBatchSummaries(topic, log.p, log.logStartOffset)) {
    const byTime = retentionMs >= 0 && now - b.maxTimestamp > retentionMs;
    const bySize = retentionBytes >= 0 && diff - b.size >= 0;
    if (b.lastOffset >= hw || (!byTime && !bySize)) { all = false; break; }
    if (retentionBytes >= 0) diff -= b.size;
    last = b.lastOffset;
  }
  if (last < 0) return log.logStartOffset;
  return all ? hw : last + 1;
}

/** One retention pass over a replica's log; returns true when records were deleted. */
export function applyRetention(engine: Engine, log: PartitionLog, now: number): boolean {
  const before = log.logStartOffset;
  const cut = retentionCutoff(engine, log, now);
  if (cut <= before) return false;
  try {
    return log.maybeIncrementLogStartOffset(cut) > before;
  } catch (e) {
    engine.reloadAfterFailedWrite();
    throw e;
  }
}
