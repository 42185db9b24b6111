// The consumer's record walk: which records of fetched batches to show, read as positions in a
// buffer by the protocol's record walker (src/protocol/records/record-cursor.ts).
//
// Nothing is allocated per record: one RecordCursor is updated in place and handed to a sink,
// which reads key / value / headers straight out of `cursor.buf` (the batch itself, or its
// decompressed records). That is what lets the console consumer print a million records a second.
//
// What the Java consumer does, and this walk too:
// - whole batches before the fetch offset are skipped, and records below it inside a batch
//   (a fetch returns the batch containing the offset, e.g. after a seek or a mid-batch log start);
// - control batches (transaction markers) are never shown;
// - read_committed: batches of aborted transactions are skipped, using the response's
//   abortedTransactions list as Kafka's CompletedFetch does;
// - check.crcs: the batch CRC is verified before its records are read;
// - compressed batches (gzip, snappy, lz4, zstd) are decompressed first; a codec number no
//   client knows (5-7) fails the fetch as in Java.

import {
  RecordBatchError, batchBaseOffset, batchCrc, batchIsControl, batchIsTransactional,
  batchLastOffset, batchProducerId, batchRecordCount, computeBatchCrc, nextBatchEnd,
} from '../../protocol/records/batch';
import { CompressionUnsupportedError } from '../../protocol/records/compression';
import { CONTROL_TYPE_ABORT } from '../../protocol/records/layout';
import {
  RecordCursor as BatchCursor, controlBatchType, enterBatch, walkRecords as walkBatch, type RecordVisitor,
} from '../../protocol/records/record-cursor';

export { forEachHeader } from '../../protocol/records/record-cursor';

const EMPTY = Buffer.alloc(0);

/**
 * The current record (see the protocol's RecordCursor: offset, timestamp, key / value / header
 * positions in `buf`, lengths -1 for null) and the partition it comes from.
 */
export class RecordCursor extends BatchCursor {
  topic = '';
  partition = 0;
}

export interface RecordSink {
  /** Called for each visible record; return false to stop the walk (e.g. --max-messages). */
  onRecord(c: RecordCursor): boolean;
}

export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

export interface FetchedRecords {
  topic: string;
  partition: number;
  /** Complete batches only. */
  records: Buffer;
  /** The offset that was fetched: records below it are not shown. */
  fetchOffset: number;
  abortedTransactions: AbortedTransaction[] | null;
}

export interface WalkOptions {
  checkCrcs: boolean;
  readCommitted: boolean;
}

/**
 * Java's KafkaException as the consumer raises it from poll(): `message` is what its
 * toString() shows after the class name; `causeText` is the `Caused by:` line.
 */
export class ConsumerFetchError extends Error {
  constructor(message: string, readonly javaClass = 'org.apache.kafka.common.KafkaException', readonly causeText?: string) {
    super(message);
    this.name = 'ConsumerFetchError';
  }
}

const RESUME_HINT = 'If needed, please seek past the record to continue consumption.';

function fetchError(tp: string, cause: string): ConsumerFetchError {
  return new ConsumerFetchError(
    `Received exception when fetching the next record from ${tp}. ${RESUME_HINT}`,
    'org.apache.kafka.common.KafkaException',
    cause,
  );
}

export type WalkStatus = 'done' | 'stopped' | 'paused';

/**
 * A resumable walk over the records of one fetched partition: run() visits at most `budget`
 * records and can be called again to go on where it paused (so a caller can let I/O in between
 * without re-reading anything).
 */
export class RecordWalk implements RecordVisitor {
  private data: Buffer = EMPTY;
  private fetchOffset = 0;
  private topic = '';
  private partition = 0;
  private tp = '';
  /** Where the next batch starts in data. */
  private at = 0;
  // read_committed bookkeeping (CompletedFetch): aborted transactions by first offset.
  private aborted: AbortedTransaction[] | null = null;
  private abortedProducers: Set<number> | null = null;
  /** The cursor is inside a batch with records left to read. */
  private inBatch = false;
  // The current run().
  private sink: RecordSink | null = null;
  private budget = Infinity;
  private visited = 0;
  private status: WalkStatus = 'done';

  constructor(private readonly opts: WalkOptions) {}

  reset(f: FetchedRecords): void {
    this.data = f.records;
    this.fetchOffset = f.fetchOffset;
    this.topic = f.topic;
    this.partition = f.partition;
    this.tp = `${f.topic}-${f.partition}`;
    this.at = 0;
    this.inBatch = false;
    this.aborted = null;
    this.abortedProducers = null;
    if (this.opts.readCommitted && f.abortedTransactions && f.abortedTransactions.length > 0) {
      this.aborted = [...f.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
      this.abortedProducers = new Set();
    }
  }

  /** Point the cursor at the next batch with records to show; false when there is none. */
  private nextBatch(cursor: RecordCursor): boolean {
    const data = this.data;
    for (;;) {
      let end: number;
      try {
        end = nextBatchEnd(data, this.at);
      } catch (e) {
        throw fetchError(this.tp, (e as Error).message);
      }
      if (end < 0) return false;
      const at = this.at;
      this.at = end;
      const lastOffset = batchLastOffset(data, at);
      if (lastOffset < this.fetchOffset) continue;
      const isControl = batchIsControl(data, at);

      if (this.aborted !== null) {
        const producerId = batchProducerId(data, at);
        if (producerId >= 0) {
          const aborted = this.aborted;
          while (aborted.length > 0 && aborted[0].firstOffset <= lastOffset) this.abortedProducers!.add(aborted.shift()!.producerId);
          if (isControl && this.controlType(data, at, end) === CONTROL_TYPE_ABORT) {
            this.abortedProducers!.delete(producerId);
          } else if (batchIsTransactional(data, at) && this.abortedProducers!.has(producerId)) {
            continue;
          }
        }
      }
      if (isControl) continue;

      if (this.opts.checkCrcs) {
        const stored = batchCrc(data, at);
        const computed = computeBatchCrc(data, at, end - at);
        if (stored !== computed) {
          throw fetchError(this.tp, `Record batch for partition ${this.tp} at offset ${batchBaseOffset(data, at)} is invalid, cause: Record is corrupt (stored crc = ${stored}, computed crc = ${computed})`);
        }
      }

      if (batchRecordCount(data, at) <= 0) continue;
      try {
        enterBatch(cursor, data, at, end);
      } catch (e) {
        // A codec number no client knows (5-7): Java's CompressionType.forId fails the fetch.
        if (e instanceof CompressionUnsupportedError) throw fetchError(this.tp, `Unknown compression type id: ${e.codec}`);
        throw fetchError(this.tp, (e as Error).message);
      }
      this.inBatch = true;
      return true;
    }
  }

  private controlType(data: Buffer, at: number, end: number): number {
    try {
      return controlBatchType(data, at, end);
    } catch (e) {
      if (!(e instanceof RecordBatchError)) throw e;
      this.at = data.length;
      throw fetchError(this.tp, e.message);
    }
  }

  /** @internal The protocol walker's visitor: the records to show go to the sink. */
  onRecord(c: RecordCursor): boolean {
    if (c.offset < this.fetchOffset) return true;
    if (!this.sink!.onRecord(c)) {
      this.status = 'stopped';
      return false;
    }
    if (++this.visited >= this.budget && c.index < c.count) {
      this.status = 'paused';
      return false;
    }
    return true;
  }

  /**
   * Visit up to `budget` more records. 'done': the data is exhausted; 'stopped': the sink
   * returned false; 'paused': the budget ran out (call run again to go on). The cursor holds
   * the position inside the current batch: pass the same one to every run() after a reset().
   */
  run(cursor: RecordCursor, sink: RecordSink, budget = Infinity): WalkStatus {
    cursor.topic = this.topic;
    cursor.partition = this.partition;
    this.sink = sink;
    this.budget = budget;
    this.visited = 0;
    try {
      for (;;) {
        if (!this.inBatch && !this.nextBatch(cursor)) return 'done';
        if (this.visited >= budget && cursor.index < cursor.count) return 'paused';
        try {
          if (!walkBatch(cursor, this)) return this.status;
        } catch (e) {
          if (!(e instanceof RecordBatchError)) throw e;
          this.inBatch = false;
          this.at = this.data.length;
          throw fetchError(this.tp, e.message);
        }
        this.inBatch = false;
      }
    } finally {
      this.sink = null;
    }
  }
}

/**
 * Walk all the records of one fetched partition, calling sink.onRecord for each visible record.
 * Returns true when the sink stopped the walk. Throws ConsumerFetchError for corrupt data and
 * ConsumerFetchError for an unknown codec.
 */
export function walkRecords(f: FetchedRecords, cursor: RecordCursor, sink: RecordSink, opts: WalkOptions): boolean {
  const w = new RecordWalk(opts);
  w.reset(f);
  return w.run(cursor, sink) === 'stopped';
}
