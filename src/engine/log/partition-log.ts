// One partition's local log, the only writer of its offsets (Kafka's UnifiedLog): the log start
// offset (first offset kept), the high watermark (last offset every in-sync replica has, + 1:
// what consumers may read) and the log end offset (next offset to write) are three numbers. A
// leader appends with offsets it assigns and its leader epoch stamped into each batch (the
// partitionLeaderEpoch field lies outside the CRC); a follower appends batches exactly as the
// leader wrote them. The leader epoch cache says which epoch wrote which offsets; it is kept in
// SQLite beside the batches and rebuilt from them if it is missing.
import type { LogStore, ReadResult, StoredBatchMeta } from '../storage/log-store';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';
import { batchIsTransactional, readBatchHeader, setBaseOffset, setPartitionLeaderEpoch } from '../../protocol/records/batch';
import { LeaderEpochCache } from './leader-epoch-cache';
import { TailCache } from './tail-cache';
import { TransactionState, type CompletedTxn } from './transaction-state';
import { DEFAULT_SEGMENT_CONFIG, LogSegments, type SegmentConfig } from './log-segments';
import { BytePositions } from './byte-positions';

export class LogAppendError extends Error {}

export interface AppendedBatch {
  baseOffset: number;
  lastOffset: number;
  /** The transaction a COMMIT/ABORT marker closed. */
  completed?: CompletedTxn;
}

export class PartitionLog {
  readonly epochs: LeaderEpochCache;
  /** Open transactions and the aborted-transactions index. */
  readonly txns: TransactionState;
  /** Where the segments start; the last one is the active segment. */
  readonly segments: LogSegments;
  private leo = 0;
  private readonly tail: TailCache;
  /** The high watermark the database holds (-1: unknown, write it at the next checkpoint). */
  private storedHw: number;
  /**
   * Bytes stored, summed from the store once and then kept up by appends; anything that rewrites
   * or removes stored batches (the store's `rewrites`) makes it sum again. Summing on every ask
   * read every batch row of the partition (DescribeLogDirs asks for all of them).
   */
  private stored: { rewrites: number; bytes: number } | null = null;
  /** Byte positions of the recent batch ends, for waiting fetches (see positionOf). */
  private readonly positions: BytePositions;
  /** Bumped when the log is truncated: positions taken before then mean nothing now. */
  generation = 0;

  /**
   * `changed` is told whenever what a fetch could read moves: an append, the high watermark, the
   * log start, a truncation (the replica manager wakes the fetches waiting on this partition).
   * Called inside the write's transaction; it must only take note.
   */
  constructor(private readonly store: LogStore, readonly topic: TopicRecord, readonly p: PartitionRecord,
    segmentConfig: () => SegmentConfig = () => DEFAULT_SEGMENT_CONFIG, private readonly changed: () => void = () => undefined) {
    this.tail = new TailCache(store.tailBudget, () => store.rewrites);
    this.storedHw = p.highWatermark;
    this.leo = this.storedLogEnd();
    if (p.highWatermark > this.leo) this.persistHighWatermark(this.leo);
    if (p.highWatermark < p.logStartOffset) p.highWatermark = p.logStartOffset;
    this.epochs = new LeaderEpochCache(store.loadEpochs(topic, p));
    this.txns = new TransactionState(store, topic, p);
    this.segments = new LogSegments(store, topic, p, this.leo, segmentConfig);
    this.positions = new BytePositions(this.leo);
    if (this.epochs.all().length === 0 && this.leo > p.logStartOffset) this.rebuildEpochs();
  }

  get logStartOffset(): number {
    return this.p.logStartOffset;
  }

  get highWatermark(): number {
    return this.p.highWatermark;
  }

  get logEndOffset(): number {
    return this.leo;
  }

  /**
   * The last stable offset: a read_committed consumer reads below it. The first offset of the
   * oldest open transaction when that is below the high watermark, else the high watermark.
   */
  get lastStableOffset(): number {
    const first = this.txns.firstUnstableOffset();
    if (first === undefined || first >= this.p.highWatermark) return this.p.highWatermark;
    return Math.max(first, this.p.logStartOffset);
  }

  private storedLogEnd(): number {
    return Math.max(this.store.lastStoredOffset(this.topic, this.p) + 1, this.p.logStartOffset);
  }

  /** The cache was lost (or never written): read each batch's epoch back from the log. */
  private rebuildEpochs(): void {
    for (const b of this.store.iterateBatchEpochs(this.topic, this.p)) this.epochs.assign(b.epoch, b.baseOffset);
    // The first batch may straddle the log start: its epoch starts there.
    this.epochs.truncateFromStart(this.p.logStartOffset);
    this.saveEpochs();
  }

  private saveEpochs(): void {
    this.store.transaction(() => this.store.saveEpochs(this.topic, this.p, this.epochs.all()));
  }

  /**
   * A new leader epoch starts at the log end (Kafka's maybeAssignEpochStartOffset on becoming
   * leader), so a follower asking where an older epoch ended gets this offset even before the new
   * leader has written anything.
   */
  assignEpochStart(epoch: number): void {
    if (this.epochs.assign(epoch, this.leo)) this.saveEpochs();
  }

  /**
   * Append one validated batch as the leader: offsets from the log end, the leader epoch in the
   * header. Call inside the store's transaction. Returns the batch's offsets.
   */
  appendAsLeader(batch: Buffer, leaderEpoch: number, meta: Omit<StoredBatchMeta, 'baseOffset' | 'lastOffset'>, lastOffsetDelta: number): AppendedBatch {
    const baseOffset = this.leo;
    setBaseOffset(batch, baseOffset);
    setPartitionLeaderEpoch(batch, leaderEpoch);
    const lastOffset = baseOffset + lastOffsetDelta;
    this.segments.beforeAppend(baseOffset, batch.length, meta.maxTimestamp);
    // Spelled out, not spread: a spread plus two more properties changed the new object's
    // shape on every append (a runtime call per produced batch).
    this.store.appendBatch(this.topic, this.p, batch, {
      baseOffset, lastOffset, maxTimestamp: meta.maxTimestamp, recordCount: meta.recordCount,
      producerId: meta.producerId, producerEpoch: meta.producerEpoch, baseSequence: meta.baseSequence,
    });
    if (this.stored) this.stored.bytes += batch.length;
    this.tail.append(baseOffset, lastOffset, batch);
    if (this.epochs.assign(leaderEpoch, baseOffset)) this.store.saveEpochs(this.topic, this.p, this.epochs.all());
    this.leo = lastOffset + 1;
    // Only transactional batches (data or markers) touch the transaction state.
    const completed = meta.producerId >= 0 && batchIsTransactional(batch, 0) ? this.txns.onAppend(batch, readBatchHeader(batch, 0), baseOffset) : undefined;
    this.appended(batch.length);
    return { baseOffset, lastOffset, completed };
  }

  /**
   * Append a batch fetched from the leader, offsets and epoch as the leader wrote them. Call inside
   * the store's transaction. A batch below the log end means the fetcher lost track: refused.
   */
  appendAsFollower(batch: Buffer): AppendedBatch {
    const h = readBatchHeader(batch, 0);
    const lastOffset = h.baseOffset + h.lastOffsetDelta;
    if (h.baseOffset < this.leo) {
      throw new LogAppendError(`Out of order offsets: batch at ${h.baseOffset} below the log end offset ${this.leo} of ${this.topic.name}-${this.p.partition}`);
    }
    this.segments.beforeAppend(h.baseOffset, batch.length, h.maxTimestamp);
    this.store.appendBatch(this.topic, this.p, batch, {
      baseOffset: h.baseOffset, lastOffset, maxTimestamp: h.maxTimestamp, recordCount: h.recordCount,
      producerId: h.producerId, producerEpoch: h.producerEpoch, baseSequence: h.baseSequence,
    });
    if (this.stored) this.stored.bytes += batch.length;
    this.tail.append(h.baseOffset, lastOffset, batch);
    if (this.epochs.assign(h.partitionLeaderEpoch, h.baseOffset)) this.store.saveEpochs(this.topic, this.p, this.epochs.all());
    this.leo = lastOffset + 1;
    const completed = this.txns.onAppend(batch, h, h.baseOffset);
    this.appended(batch.length);
    return { baseOffset: h.baseOffset, lastOffset, completed };
  }

  private appended(bytes: number): void {
    this.positions.append(this.leo, bytes);
    // Nobody reads up to an offset below the last stable offset (the lowest end a fetch stops
    // at): those positions go, a few at a time.
    if (this.positions.size > 64) this.positions.trimBelow(this.lastStableOffset);
    this.changed();
  }

  /**
   * The byte position of `offset` (a batch boundary at or after the last stable offset, e.g. the
   * log end, high watermark or last stable offset), comparable with any other position this log
   * gave for the same generation; undefined when not known.
   */
  positionOf(offset: number): number | undefined {
    return this.positions.at(offset);
  }

  /**
   * Retention found the active segment expired: start an empty one at the log end, so that the
   * old one can go whole (Kafka rolls before deleting every segment). Call inside a transaction.
   */
  rollForDeletion(): void {
    if (!this.segments.activeEmpty) this.segments.roll(this.leo);
  }

  /** Whole batches from `offset`, none starting at or after `endOffset` (HW for consumers, LEO for followers). */
  read(offset: number, maxBytes: number, endOffset: number): ReadResult {
    return this.tail.read(offset, maxBytes, endOffset) ?? this.store.read(this.topic, this.p, offset, maxBytes, endOffset);
  }

  /** This object is being dropped (replica stopped, state reloaded): give its cache's memory back. */
  close(): void {
    this.tail.clear();
  }

  /** The first batch with max timestamp >= ts at or after minOffset (ListOffsets by time). */
  firstBatchAtOrAfterTime(ts: number, minOffset: number): { baseOffset: number; bytes: Buffer } | undefined {
    return this.store.firstBatchAtOrAfterTime(this.topic, this.p, ts, minOffset);
  }

  /** The batch holding the log's largest timestamp (ListOffsets MAX_TIMESTAMP). */
  batchWithMaxTimestamp(minOffset: number): { baseOffset: number; maxTimestamp: number; bytes: Buffer } | undefined {
    return this.store.batchWithMaxTimestamp(this.topic, this.p, minOffset);
  }

  /**
   * Move the high watermark (kept within [log start, log end]); true when it changed. In memory
   * only, as Kafka's replica manager: the database gets it at the next checkpoint
   * (checkpointHighWatermark, every replica.high.watermark.checkpoint.interval.ms and at
   * shutdown). An UPDATE per append was a third of the statements of every produced batch. After
   * a kill -9 the stored one may be behind: the records are all there, and the leader moves it
   * up again from the ISR's log ends (at once when it is the only replica).
   */
  updateHighWatermark(hw: number): boolean {
    const next = Math.max(this.p.logStartOffset, Math.min(hw, this.leo));
    if (next === this.p.highWatermark) return false;
    this.p.highWatermark = next;
    this.changed();
    return true;
  }

  /** The bytes of the batches stored for this partition (what retention.bytes is compared with). */
  get sizeBytes(): number {
    const rewrites = this.store.rewrites;
    if (this.stored?.rewrites !== rewrites) this.stored = { rewrites, bytes: this.store.partitionSize(this.topic, this.p) };
    return this.stored.bytes;
  }

  /** Write the high watermark to the database when it moved since it was last written. */
  checkpointHighWatermark(): void {
    if (this.p.highWatermark === this.storedHw) return;
    this.store.setHighWatermark(this.topic, this.p, this.p.highWatermark);
    this.storedHw = this.p.highWatermark;
  }

  /** A checkpoint transaction rolled back: what it wrote is not stored. */
  forgetStoredHighWatermark(): void {
    this.storedHw = -1;
  }

  /** Lowering it (truncation) or setting it while loading is written at once. */
  private persistHighWatermark(hw: number): void {
    this.store.setHighWatermark(this.topic, this.p, hw);
    this.p.highWatermark = hw;
    this.storedHw = hw;
  }

  /** OffsetForLeaderEpoch: the largest epoch <= `epoch` this log knows and where it ends. */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: number } {
    return this.epochs.endOffsetFor(epoch, this.leo);
  }

  /**
   * Remove everything at and after `offset` (a follower's divergent tail). The batch holding it
   * goes whole, so the log may end below `offset`. No-op when the log already ends there.
   */
  truncateTo(offset: number): void {
    if (offset >= this.leo) return;
    if (offset <= this.p.logStartOffset) {
      this.truncateFullyAndStartAt(offset < this.p.logStartOffset ? offset : this.p.logStartOffset);
      return;
    }
    this.store.transaction(() => {
      this.txns.truncateTo(offset);
      const end = this.store.truncateFrom(this.topic, this.p, offset);
      this.leo = Math.max(end, this.p.logStartOffset);
      this.segments.onTruncate(this.leo);
      this.epochs.truncateFromEnd(this.leo);
      this.store.saveEpochs(this.topic, this.p, this.epochs.all());
      if (this.p.highWatermark > this.leo) this.persistHighWatermark(this.leo);
    });
    this.truncated();
  }

  private truncated(): void {
    this.generation++;
    this.positions.reset(this.leo);
    this.changed();
  }

  /** Drop the whole log and start it (empty) at `offset` (a follower far behind the leader's log start). */
  truncateFullyAndStartAt(offset: number): void {
    this.store.transaction(() => {
      this.store.deleteAllBatches(this.topic, this.p);
      this.txns.clear();
      this.store.setLogStartOffset(this.topic, this.p, offset);
      this.p.logStartOffset = offset;
      this.leo = offset;
      this.segments.reset(offset);
      this.epochs.truncateFromEnd(-1);
      this.store.saveEpochs(this.topic, this.p, this.epochs.all());
      this.persistHighWatermark(offset);
    });
    this.truncated();
  }

  /**
   * Move the log start offset forward to `offset` (retention, DeleteRecords, a follower learning
   * the leader's), never past the high watermark, deleting the whole batches that end below it.
   * Returns the log start offset afterwards.
   */
  maybeIncrementLogStartOffset(offset: number): number {
    const target = Math.min(offset, this.p.highWatermark);
    if (target <= this.p.logStartOffset) return this.p.logStartOffset;
    this.store.transaction(() => {
      this.store.deleteBatchesBefore(this.topic, this.p, target);
      this.txns.onLogStart(target);
      this.store.setLogStartOffset(this.topic, this.p, target);
      this.p.logStartOffset = target;
      this.segments.onLogStart(target);
      const before = this.epochs.all().length;
      this.epochs.truncateFromStart(target);
      if (before > 0) this.store.saveEpochs(this.topic, this.p, this.epochs.all());
    });
    this.changed();
    return this.p.logStartOffset;
  }
}
