// A partition log's segments, as Kafka's segment files: where each starts and the max timestamp
// of its first batch. The last one is the active segment: appends go there, the cleaner never
// touches it, and retention.bytes deletes only whole segments. Rows live in log_segments (one per
// segment, written when it starts), so the produce path's roll check is arithmetic in memory.
//
// Kafka's LogSegment.shouldRoll, checked before each append (here: each batch):
// - size: the segment holds data and would exceed segment.bytes with the batch;
// - time: the segment holds data and the batch's max timestamp is more than segment.ms (less the
//   segment's jitter) past the first batch's (a batch without timestamps: the segment's age, from
//   when it was created or loaded);
// - the index-full and relative-offset rolls are left out (our segments have no index files).
// The batch's own timestamps decide, not the clock: a follower appending the leader's batches
// rolls at the same offsets, so its cleaner and retention see the same segments.
import type { LogStore } from '../storage/log-store';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';
import { cleanupPolicyOf } from './retention';

export interface SegmentConfig {
  /** segment.bytes (internal.segment.bytes when set). */
  bytes: number;
  /** segment.ms. */
  ms: number;
  /** segment.jitter.ms. */
  jitterMs: number;
}

/** Kafka's defaults (log.segment.bytes, log.roll.hours, log.roll.jitter.hours). */
export const DEFAULT_SEGMENT_CONFIG: SegmentConfig = { bytes: 1073741824, ms: 604800000, jitterMs: 0 };

interface Segment {
  baseOffset: number;
  /** Max timestamp of the segment's first batch; -1 while it is empty. */
  rollingTimestamp: number;
}

export class LogSegments {
  /** Oldest first; the last is the active segment. Never empty. */
  private list: Segment[];
  /** Bytes in the active segment (-1: not summed yet; a partition nobody writes to never sums). */
  private bytes = -1;
  /** When the active segment was created or loaded (Kafka's LogSegment.created). */
  private activeCreated: number;
  /** Is the active segment's row stored as it is in memory? */
  private activeStored: boolean;

  constructor(
    private readonly store: LogStore,
    private readonly topic: TopicRecord,
    private readonly p: PartitionRecord,
    logEnd: number,
    private readonly config: () => SegmentConfig,
  ) {
    const rows = store.loadSegments(topic, p).filter((s) => s.baseOffset <= logEnd);
    // Segments wholly below the log start are gone (their rows too, normally).
    let first = 0;
    while (first + 1 < rows.length && rows[first + 1].baseOffset <= p.logStartOffset) first++;
    this.list = rows.slice(first);
    this.activeStored = this.list.length > 0;
    if (this.list.length === 0) this.list.push({ baseOffset: p.logStartOffset, rollingTimestamp: -1 });
    if (logEnd <= this.active.baseOffset) this.bytes = 0;
    this.activeCreated = Date.now();
  }

  /** Bytes in the active segment, summed from the store the first time they are needed. */
  private get activeBytes(): number {
    if (this.bytes < 0) {
      const active = this.active;
      this.bytes = this.store.sizeFrom(this.topic, this.p, active.baseOffset);
      if (this.bytes > 0 && active.rollingTimestamp < 0) active.rollingTimestamp = this.store.firstTimestampFrom(this.topic, this.p, active.baseOffset);
    }
    return this.bytes;
  }

  private set activeBytes(n: number) {
    this.bytes = n;
  }

  private get active(): Segment {
    return this.list[this.list.length - 1];
  }

  /** The active segment's base offset: the cleaner stops below it. */
  get activeBaseOffset(): number {
    return this.active.baseOffset;
  }

  /** Every segment's base offset, oldest first (the last is the active segment's). */
  baseOffsets(): number[] {
    return this.list.map((s) => s.baseOffset);
  }

  /**
   * A batch is about to be appended at `baseOffset`: roll first when Kafka would. Call inside
   * the store's transaction, before the batch is stored.
   */
  beforeAppend(baseOffset: number, size: number, maxTimestamp: number): void {
    const active = this.active;
    if (this.activeBytes > 0) {
      const cfg = this.config();
      const waited = active.rollingTimestamp >= 0 ? maxTimestamp - active.rollingTimestamp : Date.now() - this.activeCreated;
      if (this.activeBytes > cfg.bytes - size || waited > cfg.ms - this.jitterOf(active.baseOffset, cfg)) {
        this.roll(baseOffset, maxTimestamp);
        this.activeBytes = size;
        return;
      }
    }
    if (this.activeBytes === 0) {
      active.rollingTimestamp = maxTimestamp;
      this.activeStored = false;
    }
    this.activeBytes += size;
    if (!this.activeStored) {
      this.store.putSegment(this.topic, this.p, active.baseOffset, active.rollingTimestamp);
      this.activeStored = true;
    }
  }

  /** Start a new active segment at `baseOffset` (the log end); its first batch's timestamp when known. */
  roll(baseOffset: number, rollingTimestamp = -1): void {
    if (this.active.baseOffset === baseOffset) return;
    this.list.push({ baseOffset, rollingTimestamp });
    this.store.putSegment(this.topic, this.p, baseOffset, rollingTimestamp);
    this.activeStored = true;
    this.activeBytes = 0;
    this.activeCreated = Date.now();
  }

  /** Is the active segment empty? */
  get activeEmpty(): boolean {
    return this.activeBytes === 0;
  }

  /** The log start moved to `offset`: forget the segments wholly below it. Inside a transaction. */
  onLogStart(offset: number): void {
    let keep = 0;
    while (keep + 1 < this.list.length && this.list[keep + 1].baseOffset <= offset) keep++;
    if (keep === 0) return;
    this.list = this.list.slice(keep);
    this.store.deleteSegmentsBelow(this.topic, this.p, this.list[0].baseOffset);
  }

  /** The log was truncated to end at `logEnd`: the segments after it go. Inside a transaction. */
  onTruncate(logEnd: number): void {
    while (this.list.length > 1 && this.active.baseOffset > logEnd) this.list.pop();
    const active = this.active;
    if (active.baseOffset > logEnd) active.baseOffset = logEnd;
    this.store.deleteSegmentsAbove(this.topic, this.p, active.baseOffset);
    this.bytes = logEnd > active.baseOffset ? -1 : 0;
    if (this.activeBytes === 0) active.rollingTimestamp = -1;
    this.store.putSegment(this.topic, this.p, active.baseOffset, active.rollingTimestamp);
    this.activeStored = true;
    this.activeCreated = Date.now();
  }

  /** The whole log was dropped and starts again, empty, at `offset`. Inside a transaction. */
  reset(offset: number): void {
    this.store.deleteAllSegments(this.topic, this.p);
    this.list = [{ baseOffset: offset, rollingTimestamp: -1 }];
    this.activeBytes = 0;
    this.activeStored = false;
    this.activeCreated = Date.now();
  }

  /**
   * Kafka draws each segment's jitter at random below min(segment.jitter.ms, segment.ms); here it
   * is derived from the segment's identity, so every replica (and a restart) rolls alike.
   */
  private jitterOf(baseOffset: number, cfg: SegmentConfig): number {
    if (cfg.jitterMs <= 0) return 0;
    let h = 2166136261;
    for (const c of `${this.topic.id}:${this.p.partition}:${baseOffset}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    return (h >>> 0) % Math.min(cfg.jitterMs, cfg.ms);
  }
}

const fromEffective = new WeakMap<ReadonlyMap<string, unknown>, SegmentConfig>();

/**
 * A topic's segment settings from its effective configs (topic overrides over log.segment.bytes,
 * log.roll.ms / log.roll.hours, log.roll.jitter.*; max.compaction.lag.ms for compacted topics),
 * kept per effective-config map: the map is rebuilt whenever a config changes, so this costs one
 * lookup per append.
 */
export function segmentConfigFrom(effective: ReadonlyMap<string, unknown>): SegmentConfig {
  let c = fromEffective.get(effective);
  if (!c) {
    const n = (k: string, d: number) => {
      const v = effective.get(k);
      return v === null || v === undefined ? d : Number(v);
    };
    const internal = effective.get('internal.segment.bytes');
    const { compact } = cleanupPolicyOf(effective.get('cleanup.policy'));
    const segmentMs = n('segment.ms', DEFAULT_SEGMENT_CONFIG.ms);
    const maxCompactionLagMs = n('max.compaction.lag.ms', Number.MAX_SAFE_INTEGER);
    c = {
      bytes: internal !== null && internal !== undefined ? Number(internal) : n('segment.bytes', DEFAULT_SEGMENT_CONFIG.bytes),
      // Kafka's LogConfig.maxSegmentMs: a compacted topic's segment also rolls by
      // max.compaction.lag.ms, or its records could wait in the active segment past that bound.
      ms: compact && maxCompactionLagMs > 0 ? Math.min(segmentMs, maxCompactionLagMs) : segmentMs,
      jitterMs: n('segment.jitter.ms', DEFAULT_SEGMENT_CONFIG.jitterMs),
    };
    fromEffective.set(effective, c);
  }
  return c;
}
