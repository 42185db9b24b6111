// Partition logs: one row per record batch, stored as produced. Offsets are assigned by
// rewriting the batch's base offset (outside the CRC), so reads return stored bytes as they are.
import type { Db } from './database';
import type { PartitionRecord, TopicRecord } from './topic-store';

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
  private selFrom;
  private selBytes;
  private selByTime;
  private selProducer;

  constructor(private readonly db: Db) {
    this.insBatch = db.prepare(
      `INSERT INTO batches (tk, partition, base_offset, last_offset, max_timestamp, record_count,
         producer_id, producer_epoch, base_sequence, size, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updHw = db.prepare('UPDATE partitions SET high_watermark = ? WHERE tk = ? AND partition = ?');
    // Plan a read from the index and the small columns first, then load only the blobs that fit:
    // batches are often close to the fetch size limit, and reading blobs that are then dropped
    // dominated the fetch cost.
    this.selFrom = db.prepare(
      'SELECT rowid, size, last_offset FROM batches WHERE tk = ? AND partition = ? AND last_offset >= ? ORDER BY last_offset LIMIT ?',
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
    this.txn ??= this.db.transaction((f: () => unknown) => f());
    return this.txn(fn) as T;
  }

  private txn: ((f: () => unknown) => unknown) | undefined;

  /** Append one batch whose base offset has already been set to p.highWatermark. Call inside transaction(). */
  appendBatch(topic: TopicRecord, p: PartitionRecord, batch: Buffer, meta: StoredBatchMeta): void {
    this.insBatch.run(
      topic.tk, p.partition, meta.baseOffset, meta.lastOffset, meta.maxTimestamp, meta.recordCount,
      meta.producerId, meta.producerEpoch, meta.baseSequence, batch.length, batch,
    );
    this.updHw.run(meta.lastOffset + 1, topic.tk, p.partition);
  }

  /**
   * Whole batches from the one containing `offset`, up to `maxBytes` (at least one batch, as
   * Kafka returns the first batch even when it is larger than the limit).
   */
  read(topic: TopicRecord, p: PartitionRecord, offset: number, maxBytes: number): ReadResult {
    const batches: Buffer[] = [];
    let bytes = 0;
    let limit = 16;
    let from = offset;
    for (;;) {
      const rows = this.selFrom.all(topic.tk, p.partition, from, limit) as [number, number, number][];
      for (const [rowid, size, last] of rows) {
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

  /** Metadata of the last (up to) 5 batches a producer wrote to a partition, newest first. */
  recentProducerBatches(topic: TopicRecord, p: PartitionRecord, producerId: number): { baseOffset: number; lastOffset: number; epoch: number; baseSequence: number; recordCount: number }[] {
    return (this.selProducer.all(topic.tk, p.partition, producerId) as any[]).map((r) => ({
      baseOffset: r.base_offset, lastOffset: r.last_offset, epoch: r.producer_epoch,
      baseSequence: r.base_sequence, recordCount: r.record_count,
    }));
  }
}
