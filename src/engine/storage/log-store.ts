// Partition logs: one row per record batch, stored as produced. Offsets are assigned by
// rewriting the batch's base offset (outside the CRC), so reads return stored bytes as they are.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database';
import type { PartitionRecord, TopicRecord } from './topic-store';
import { TailBudget } from '../log/tail-cache';

export interface StoredBatchMeta {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  recordCount: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

export interface ReadResult {
  batches: Buffer[];
  bytes: number;
}

export class LogStore {
  private insBatch;
  private updHw;
  private updLogStart;
  private selMaxLast;
  private selFrom;
  private selBytes;
  private selByTime;
  private selProducer;
  /** Memory the partition logs' tail caches share. */
  readonly tailBudget = new TailBudget();
  /** Bumped whenever stored batches are rewritten or removed (tail caches start over). */
  rewrites = 0;

  constructor(private readonly db: Db) {
    this.insBatch = db.prepare(
      `INSERT INTO batches (tk, partition, base_offset, last_offset, max_timestamp, record_count,
         producer_id, producer_epoch, base_sequence, size, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updHw = db.prepare('UPDATE partitions SET high_watermark = ? WHERE tk = ? AND partition = ?');
    this.updLogStart = db.prepare('UPDATE partitions SET log_start_offset = ? WHERE tk = ? AND partition = ?');
    this.selMaxLast = db.prepare('SELECT MAX(last_offset) FROM batches WHERE tk = ? AND partition = ?').pluck();
    // Plan a read from the index and the small columns first, then load only the blobs that fit:
    // batches are often close to the fetch size limit, and reading blobs that are then dropped
    // dominated the fetch cost.
    this.selFrom = db.prepare(
      'SELECT rowid, size, last_offset, base_offset FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ? ORDER BY last_offset LIMIT ?',
    ).raw();
    this.selBytes = db.prepare('SELECT bytes FROM batches WHERE rowid = ?').pluck();
    this.selByTime = db.prepare(
      'SELECT base_offset, bytes FROM batches WHERE tk = ? AND partition = ? AND max_timestamp >= ? AND last_offset >= ? ORDER BY last_offset LIMIT 1',
    );
    this.selProducer = db.prepare(
      `SELECT base_offset, last_offset, producer_epoch, base_sequence, record_count FROM batches
        WHERE tk = ? AND partition = ? AND producer_id = ? ORDER BY base_offset DESC LIMIT 5`,
    );
  }

  /** Run fn in one SQLite transaction (used to make a whole produce request atomic). */
  transaction<T>(fn: () => T): T {
    // One wrapper for every call: building a new better-sqlite3 transaction function per
    // produce request showed up in profiles.
    this.txn ??= this.db.transaction((f: () => unknown) => f()).immediate;
    return this.txn(fn) as T;
  }

  private txn: ((f: () => unknown) => unknown) | undefined;

  /** Inside a transaction() (a produce group): a failure must roll the whole group back. */
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Append one batch whose offsets are final (the partition log decides them). Call inside transaction(). */
  appendBatch(topic: TopicRecord, p: PartitionRecord, batch: Buffer, meta: StoredBatchMeta): void {
    this.insBatch.run(
      topic.tk, p.partition, meta.baseOffset, meta.lastOffset, meta.maxTimestamp, meta.recordCount,
      meta.producerId, meta.producerEpoch, meta.baseSequence, batch.length, batch,
    );
  }

  setHighWatermark(topic: TopicRecord, p: PartitionRecord, hw: number): void {
    this.updHw.run(hw, topic.tk, p.partition);
  }

  /** Persist a log start offset (the partition log decides where it may move). */
  setLogStartOffset(topic: TopicRecord, p: PartitionRecord, offset: number): void {
    this.updLogStart.run(offset, topic.tk, p.partition);
  }

  /** The last offset stored for a partition (-1: no batches). */
  lastStoredOffset(topic: TopicRecord, p: PartitionRecord): number {
    const v = this.selMaxLast.get(topic.tk, p.partition) as number | null;
    return v === null || v === undefined ? -1 : v;
  }

  /**
   * Whole batches from the one containing `offset`, up to `maxBytes` (at least one batch, as
   * Kafka returns the first batch even when it is larger than the limit), none starting at or
   * after `endOffset` (the high watermark for consumers, the log end for followers).
   */
  read(topic: TopicRecord, p: PartitionRecord, offset: number, maxBytes: number, endOffset = Number.MAX_SAFE_INTEGER): ReadResult {
    const batches: Buffer[] = [];
    let bytes = 0;
    let limit = 16;
    let from = offset;
    for (;;) {
      const rows = this.selFrom.all(topic.tk, p.partition, from, limit) as [number, number, number, number][];
      for (const [rowid, size, last, base] of rows) {
        if (base >= endOffset) return { batches, bytes };
        if (batches.length > 0 && bytes + size > maxBytes) return { batches, bytes };
        const b = this.selBytes.get(rowid) as Buffer;
        batches.push(b);
        bytes += b.length;
        from = last + 1;
      }
      if (rows.length < limit || bytes >= maxBytes) return { batches, bytes };
      limit = Math.min(limit * 4, 1024);
    }
  }

  /** The first batch with max_timestamp >= ts, at or after minOffset. */
  firstBatchAtOrAfterTime(topic: TopicRecord, p: PartitionRecord, ts: number, minOffset: number): { baseOffset: number; bytes: Buffer } | undefined {
    const row = this.selByTime.get(topic.tk, p.partition, ts, minOffset) as any;
    return row ? { baseOffset: row.base_offset, bytes: row.bytes } : undefined;
  }

  /**
   * The batch holding the partition's largest timestamp (the earliest such batch, as Kafka's
   * segments track offsetOfMaxTimestampSoFar), at or after minOffset.
   */
  batchWithMaxTimestamp(topic: TopicRecord, p: PartitionRecord, minOffset: number): { baseOffset: number; maxTimestamp: number; bytes: Buffer } | undefined {
    this.selMaxTs ??= this.db.prepare(
      'SELECT base_offset, max_timestamp, bytes FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ? ORDER BY max_timestamp DESC, last_offset ASC LIMIT 1',
    );
    const row = this.selMaxTs.get(topic.tk, p.partition, minOffset) as any;
    return row ? { baseOffset: row.base_offset, maxTimestamp: row.max_timestamp, bytes: row.bytes } : undefined;
  }

  private selMaxTs: BetterSqlite3.Statement<unknown[]> | undefined;

  /** Metadata of the last (up to) 5 batches a producer wrote to a partition, newest first. */
  recentProducerBatches(topic: TopicRecord, p: PartitionRecord, producerId: number): { baseOffset: number; lastOffset: number; epoch: number; baseSequence: number; recordCount: number }[] {
    return (this.selProducer.all(topic.tk, p.partition, producerId) as any[]).map((r) => ({
      baseOffset: r.base_offset, lastOffset: r.last_offset, epoch: r.producer_epoch,
      baseSequence: r.base_sequence, recordCount: r.record_count,
    }));
  }

  // --- Retention, compaction and DeleteRecords (the cleaner, issue 5) ---------------------------
  // Prepared lazily: most engine runs never clean, and the hot-path statements above stay untouched.

  private cleanStmts?: ReturnType<LogStore['prepareCleanStmts']>;

  private prepareCleanStmts() {
    const db = this.db;
    return {
      summaries: db.prepare(
        'SELECT rowid, base_offset, last_offset, max_timestamp, size FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ? ORDER BY last_offset',
      ).raw(),
      totalSize: db.prepare('SELECT COALESCE(SUM(size), 0) FROM batches WHERE tk = ? AND partition = ?').pluck(),
      deleteBelow: db.prepare('DELETE FROM batches WHERE tk = ? AND partition = ? AND last_offset < ?'),
      batchAt: db.prepare('SELECT bytes FROM batches WHERE rowid = ?').pluck(),
      // record_count stays: the producer state derives the batch's last sequence from it.
      replace: db.prepare('UPDATE batches SET bytes = ?, size = ?, max_timestamp = ? WHERE rowid = ?'),
      deleteRow: db.prepare('DELETE FROM batches WHERE rowid = ?'),
    };
  }

  private get cs() {
    return (this.cleanStmts ??= this.prepareCleanStmts());
  }

  /** Small columns of the batches whose last offset is >= fromOffset, in offset order (no blobs). */
  batchSummaries(topic: TopicRecord, p: PartitionRecord, fromOffset = 0): BatchSummary[] {
    return (this.cs.summaries.all(topic.tk, p.partition, fromOffset) as number[][]).map(([rowid, baseOffset, lastOffset, maxTimestamp, size]) => ({
      rowid, baseOffset, lastOffset, maxTimestamp, size,
    }));
  }

  /** batchSummaries one at a time (stop early by breaking out; no writes while iterating). */
  *iterateBatchSummaries(topic: TopicRecord, p: PartitionRecord, fromOffset = 0): IterableIterator<BatchSummary> {
    for (const [rowid, baseOffset, lastOffset, maxTimestamp, size] of this.cs.summaries.iterate(topic.tk, p.partition, fromOffset) as IterableIterator<number[]>) {
      yield { rowid, baseOffset, lastOffset, maxTimestamp, size };
    }
  }

  /** Bytes stored for a partition (what retention.bytes is compared with). */
  partitionSize(topic: TopicRecord, p: PartitionRecord): number {
    return Number(this.cs.totalSize.get(topic.tk, p.partition));
  }

  /** Delete every batch that ends below `offset` (whole batches only; a batch straddling it stays). */
  deleteBatchesBefore(topic: TopicRecord, p: PartitionRecord, offset: number): number {
    this.rewrites++;
    return this.cs.deleteBelow.run(topic.tk, p.partition, offset).changes;
  }

  batchBytes(rowid: number): Buffer | undefined {
    return this.cs.batchAt.get(rowid) as Buffer | undefined;
  }

  /** Store a compacted rewrite of a batch (same base and last offset, fewer records). */
  replaceBatch(rowid: number, bytes: Buffer, maxTimestamp: number): void {
    this.rewrites++;
    this.cs.replace.run(bytes, bytes.length, maxTimestamp, rowid);
  }

  deleteBatch(rowid: number): void {
    this.rewrites++;
    this.cs.deleteRow.run(rowid);
  }

  // --- Truncation and the leader epoch cache (replication) ---------------------------------------

  private replStmts?: ReturnType<LogStore['prepareReplStmts']>;

  private prepareReplStmts() {
    const db = this.db;
    return {
      firstBaseFrom: db.prepare('SELECT MIN(base_offset) FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ?').pluck(),
      deleteFrom: db.prepare('DELETE FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ?'),
      deleteAll: db.prepare('DELETE FROM batches WHERE tk = ? AND partition = ?'),
      epochs: db.prepare('SELECT epoch, start_offset FROM leader_epochs WHERE tk = ? AND partition = ? ORDER BY start_offset, epoch').raw(),
      clearEpochs: db.prepare('DELETE FROM leader_epochs WHERE tk = ? AND partition = ?'),
      insEpoch: db.prepare('INSERT OR REPLACE INTO leader_epochs (tk, partition, epoch, start_offset) VALUES (?, ?, ?, ?)'),
      // partitionLeaderEpoch is bytes 12-15 of a v2 batch header (SQLite's substr is 1-based).
      batchEpochs: db.prepare('SELECT base_offset, substr(bytes, 13, 4) FROM batches WHERE tk = ? AND partition = ? ORDER BY last_offset').raw(),
    };
  }

  private get rs() {
    return (this.replStmts ??= this.prepareReplStmts());
  }

  /**
   * Delete every batch that ends at or after `offset` (the batch holding it goes whole, as a
   * segment is truncated at a batch boundary). Returns the new log end: the first deleted
   * batch's base offset, or `offset` when nothing was deleted.
   */
  truncateFrom(topic: TopicRecord, p: PartitionRecord, offset: number): number {
    this.rewrites++;
    const first = this.rs.firstBaseFrom.get(topic.tk, p.partition, offset) as number | null;
    this.rs.deleteFrom.run(topic.tk, p.partition, offset);
    return first === null || first === undefined ? offset : Math.min(first, offset);
  }

  deleteAllBatches(topic: TopicRecord, p: PartitionRecord): void {
    this.rewrites++;
    this.rs.deleteAll.run(topic.tk, p.partition);
  }

  loadEpochs(topic: TopicRecord, p: PartitionRecord): { epoch: number; startOffset: number }[] {
    return (this.rs.epochs.all(topic.tk, p.partition) as number[][]).map(([epoch, startOffset]) => ({ epoch, startOffset }));
  }

  saveEpochs(topic: TopicRecord, p: PartitionRecord, entries: readonly { epoch: number; startOffset: number }[]): void {
    this.rs.clearEpochs.run(topic.tk, p.partition);
    for (const e of entries) this.rs.insEpoch.run(topic.tk, p.partition, e.epoch, e.startOffset);
  }

  /** (base offset, partition leader epoch) of every stored batch, in offset order (rebuilding the epoch cache). */
  *iterateBatchEpochs(topic: TopicRecord, p: PartitionRecord): IterableIterator<{ baseOffset: number; epoch: number }> {
    for (const [baseOffset, raw] of this.rs.batchEpochs.iterate(topic.tk, p.partition) as IterableIterator<[number, Buffer]>) {
      yield { baseOffset, epoch: Buffer.isBuffer(raw) && raw.length === 4 ? raw.readInt32BE(0) : -1 };
    }
  }
  // --- Log segments (where each starts; the last is the active one) ------------------------------

  private segStmts?: ReturnType<LogStore['prepareSegStmts']>;

  private prepareSegStmts() {
    const db = this.db;
    return {
      all: db.prepare('SELECT base_offset, rolling_timestamp FROM log_segments WHERE tk = ? AND partition = ? ORDER BY base_offset').raw(),
      put: db.prepare('INSERT OR REPLACE INTO log_segments (tk, partition, base_offset, rolling_timestamp) VALUES (?, ?, ?, ?)'),
      deleteBelow: db.prepare('DELETE FROM log_segments WHERE tk = ? AND partition = ? AND base_offset < ?'),
      deleteAbove: db.prepare('DELETE FROM log_segments WHERE tk = ? AND partition = ? AND base_offset > ?'),
      deleteAll: db.prepare('DELETE FROM log_segments WHERE tk = ? AND partition = ?'),
      // By last_offset (the index): a segment starts at a batch boundary, or at the log start
      // inside a batch (an old log dir's one segment), which then belongs to it.
      sizeFrom: db.prepare('SELECT COALESCE(SUM(size), 0) FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ?').pluck(),
      firstTimestampFrom: db.prepare('SELECT max_timestamp FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ? ORDER BY last_offset LIMIT 1').pluck(),
    };
  }

  private get ss() {
    return (this.segStmts ??= this.prepareSegStmts());
  }

  /** The partition's segments in offset order: base offset and rolling timestamp (-1: none yet). */
  loadSegments(topic: TopicRecord, p: PartitionRecord): { baseOffset: number; rollingTimestamp: number }[] {
    return (this.ss.all.all(topic.tk, p.partition) as number[][]).map(([baseOffset, rollingTimestamp]) => ({ baseOffset, rollingTimestamp }));
  }

  /** Record a segment (a roll, or the first batch of a segment setting its rolling timestamp). */
  putSegment(topic: TopicRecord, p: PartitionRecord, baseOffset: number, rollingTimestamp: number): void {
    this.ss.put.run(topic.tk, p.partition, baseOffset, rollingTimestamp);
  }

  /** Forget the segments starting below `baseOffset` (they were deleted). */
  deleteSegmentsBelow(topic: TopicRecord, p: PartitionRecord, baseOffset: number): void {
    this.ss.deleteBelow.run(topic.tk, p.partition, baseOffset);
  }

  /** Forget the segments starting after `baseOffset` (truncation). */
  deleteSegmentsAbove(topic: TopicRecord, p: PartitionRecord, baseOffset: number): void {
    this.ss.deleteAbove.run(topic.tk, p.partition, baseOffset);
  }

  deleteAllSegments(topic: TopicRecord, p: PartitionRecord): void {
    this.ss.deleteAll.run(topic.tk, p.partition);
  }

  /** Bytes of the batches ending at or after `offset` (the active segment's size). */
  sizeFrom(topic: TopicRecord, p: PartitionRecord, offset: number): number {
    return Number(this.ss.sizeFrom.get(topic.tk, p.partition, offset));
  }

  /** The max timestamp of the first batch ending at or after `offset` (-1: none). */
  firstTimestampFrom(topic: TopicRecord, p: PartitionRecord, offset: number): number {
    const v = this.ss.firstTimestampFrom.get(topic.tk, p.partition, offset) as number | null | undefined;
    return v === null || v === undefined ? -1 : v;
  }

  // --- Transaction state (open transactions, the aborted-transactions index) ---------------------

  private txnStmts?: ReturnType<LogStore['prepareTxnStmts']>;

  private prepareTxnStmts() {
    const db = this.db;
    return {
      open: db.prepare('SELECT producer_id, producer_epoch, first_offset FROM txn_open WHERE tk = ? AND partition = ?').raw(),
      putOpen: db.prepare('INSERT OR REPLACE INTO txn_open (tk, partition, producer_id, producer_epoch, first_offset) VALUES (?, ?, ?, ?, ?)'),
      delOpen: db.prepare('DELETE FROM txn_open WHERE tk = ? AND partition = ? AND producer_id = ?'),
      delAllOpen: db.prepare('DELETE FROM txn_open WHERE tk = ? AND partition = ?'),
      putAborted: db.prepare(
        'INSERT OR REPLACE INTO txn_aborted (tk, partition, last_offset, producer_id, first_offset, last_stable_offset) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      aborted: db.prepare(
        `SELECT producer_id, first_offset, last_offset, last_stable_offset FROM txn_aborted
          WHERE tk = ? AND partition = ? AND last_offset >= ? AND first_offset < ? ORDER BY first_offset`,
      ).raw(),
      anyAborted: db.prepare('SELECT 1 FROM txn_aborted WHERE tk = ? AND partition = ? LIMIT 1').pluck(),
      delAbortedFrom: db.prepare('DELETE FROM txn_aborted WHERE tk = ? AND partition = ? AND last_offset >= ?'),
      delAbortedBefore: db.prepare('DELETE FROM txn_aborted WHERE tk = ? AND partition = ? AND last_offset < ?'),
      // Attributes are bytes 21-22 of a v2 batch header (SQLite's substr is 1-based).
      producerBatchesFrom: db.prepare(
        `SELECT base_offset, producer_id, producer_epoch, substr(bytes, 22, 2) FROM batches
          WHERE tk = ? AND partition = ? AND last_offset >= ? AND producer_id >= 0 ORDER BY last_offset`,
      ).raw(),
      producerBatchesBefore: db.prepare(
        `SELECT base_offset, producer_epoch, substr(bytes, 22, 2) FROM batches
          WHERE tk = ? AND partition = ? AND producer_id = ? AND base_offset < ? ORDER BY base_offset DESC`,
      ).raw(),
      producers: db.prepare(
        `SELECT producer_id, MAX(base_offset) FROM batches WHERE tk = ? AND partition = ? AND producer_id >= 0 GROUP BY producer_id`,
      ).raw(),
      batchAtBase: db.prepare(
        'SELECT base_offset, last_offset, producer_epoch, base_sequence, record_count, max_timestamp, bytes FROM batches WHERE tk = ? AND partition = ? AND base_offset = ?',
      ),
      lastDataBatch: db.prepare(
        `SELECT producer_epoch, base_sequence, record_count, max_timestamp FROM batches
          WHERE tk = ? AND partition = ? AND producer_id = ? AND base_sequence >= 0 ORDER BY base_offset DESC LIMIT 1`,
      ),
    };
  }

  private get ts() {
    return (this.txnStmts ??= this.prepareTxnStmts());
  }

  loadOpenTxns(topic: TopicRecord, p: PartitionRecord): OpenTxnRow[] {
    return (this.ts.open.all(topic.tk, p.partition) as number[][]).map(([producerId, producerEpoch, firstOffset]) => ({ producerId, producerEpoch, firstOffset }));
  }

  putOpenTxn(topic: TopicRecord, p: PartitionRecord, t: OpenTxnRow): void {
    this.ts.putOpen.run(topic.tk, p.partition, t.producerId, t.producerEpoch, t.firstOffset);
  }

  deleteOpenTxn(topic: TopicRecord, p: PartitionRecord, producerId: number): void {
    this.ts.delOpen.run(topic.tk, p.partition, producerId);
  }

  addAbortedTxn(topic: TopicRecord, p: PartitionRecord, a: AbortedTxnRow): void {
    // Before the write: should the transaction roll back, the partition is merely looked at again.
    this.noAborted.delete(partitionKey(topic, p));
    this.ts.putAborted.run(topic.tk, p.partition, a.lastOffset, a.producerId, a.firstOffset, a.lastStableOffset);
  }

  /**
   * Partitions known to have no aborted transactions at all (addAbortedTxn is the only writer of
   * the index, and forgets the partition here). librdkafka's consumers read_committed by default,
   * so every fetch that returns data asks; most topics never see a transaction, and the query
   * was a sixth of a small fetch's cost.
   */
  private readonly noAborted = new Set<number>();

  /** Aborted transactions overlapping [fromOffset, upperBound), by first offset. */
  abortedTxns(topic: TopicRecord, p: PartitionRecord, fromOffset: number, upperBound: number): AbortedTxnRow[] {
    const key = partitionKey(topic, p);
    if (this.noAborted.has(key)) return [];
    if (this.ts.anyAborted.get(topic.tk, p.partition) === undefined) {
      this.noAborted.add(key);
      return [];
    }
    return (this.ts.aborted.all(topic.tk, p.partition, fromOffset, upperBound) as number[][]).map(([producerId, firstOffset, lastOffset, lastStableOffset]) => ({
      producerId, firstOffset, lastOffset, lastStableOffset,
    }));
  }

  /** The log lost everything from `offset` on (truncation): so do its aborted transactions. */
  deleteAbortedTxnsFrom(topic: TopicRecord, p: PartitionRecord, offset: number): void {
    this.ts.delAbortedFrom.run(topic.tk, p.partition, offset);
  }

  /** The log now starts at `offset` (retention, DeleteRecords): aborted transactions ending below it go. */
  deleteAbortedTxnsBefore(topic: TopicRecord, p: PartitionRecord, offset: number): void {
    this.ts.delAbortedBefore.run(topic.tk, p.partition, offset);
  }

  deleteAllTxnState(topic: TopicRecord, p: PartitionRecord): void {
    this.ts.delAllOpen.run(topic.tk, p.partition);
    this.ts.delAbortedFrom.run(topic.tk, p.partition, -1);
  }

  /** Batches of producers (pid >= 0) ending at or after `offset`: base offset, pid, epoch, attributes. */
  producerBatchesFrom(topic: TopicRecord, p: PartitionRecord, offset: number): { baseOffset: number; producerId: number; producerEpoch: number; attributes: number }[] {
    return (this.ts.producerBatchesFrom.all(topic.tk, p.partition, offset) as [number, number, number, Buffer][]).map(([baseOffset, producerId, producerEpoch, a]) => ({
      baseOffset, producerId, producerEpoch, attributes: attrs(a),
    }));
  }

  /** One producer's batches below `offset`, newest first (lazily: callers stop early). */
  *producerBatchesBefore(topic: TopicRecord, p: PartitionRecord, producerId: number, offset: number): IterableIterator<{ baseOffset: number; producerEpoch: number; attributes: number }> {
    for (const [baseOffset, producerEpoch, a] of this.ts.producerBatchesBefore.iterate(topic.tk, p.partition, producerId, offset) as IterableIterator<[number, number, Buffer]>) {
      yield { baseOffset, producerEpoch, attributes: attrs(a) };
    }
  }

  /** Every producer that has a batch in the partition, with the base offset of its newest batch. */
  producersOf(topic: TopicRecord, p: PartitionRecord): { producerId: number; newestBaseOffset: number }[] {
    return (this.ts.producers.all(topic.tk, p.partition) as number[][]).map(([producerId, newestBaseOffset]) => ({ producerId, newestBaseOffset }));
  }

  batchAt(topic: TopicRecord, p: PartitionRecord, baseOffset: number): { producerEpoch: number; baseSequence: number; recordCount: number; maxTimestamp: number; bytes: Buffer } | undefined {
    const r = this.ts.batchAtBase.get(topic.tk, p.partition, baseOffset) as any;
    return r ? { producerEpoch: r.producer_epoch, baseSequence: r.base_sequence, recordCount: r.record_count, maxTimestamp: r.max_timestamp, bytes: r.bytes } : undefined;
  }

  /** The newest batch of a producer that carried sequence numbers (not a marker). */
  lastDataBatch(topic: TopicRecord, p: PartitionRecord, producerId: number): { producerEpoch: number; baseSequence: number; recordCount: number; maxTimestamp: number } | undefined {
    const r = this.ts.lastDataBatch.get(topic.tk, p.partition, producerId) as any;
    return r ? { producerEpoch: r.producer_epoch, baseSequence: r.base_sequence, recordCount: r.record_count, maxTimestamp: r.max_timestamp } : undefined;
  }
}

function attrs(a: Buffer | null): number {
  return Buffer.isBuffer(a) && a.length === 2 ? a.readInt16BE(0) : 0;
}

export interface OpenTxnRow {
  producerId: number;
  producerEpoch: number;
  firstOffset: number;
}

export interface AbortedTxnRow {
  producerId: number;
  firstOffset: number;
  lastOffset: number;
  lastStableOffset: number;
}

export interface BatchSummary {
  rowid: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  size: number;
}

/** One number per partition of this store (topic keys stay far below 2^21). */
function partitionKey(topic: TopicRecord, p: PartitionRecord): number {
  return topic.tk * 0x1_0000_0000 + p.partition;
}
