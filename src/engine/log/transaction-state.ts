// One partition's transactions (the open-transaction part of Kafka's ProducerStateManager and its
// TransactionIndex): a transactional batch of a producer with no open transaction opens one at
// its offset; a COMMIT/ABORT marker closes it, an ABORT adding (producer, first offset, marker
// offset, last stable offset) to the aborted-transactions index a read_committed fetch is given.
// Leaders and followers derive it alike from the batches they append; it is kept in SQLite in
// the append's transaction, and truncation, retention and DeleteRecords cut it with the log.
import type { LogStore } from '../storage/log-store';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';
import { ATTR_CONTROL, ATTR_TRANSACTIONAL, type BatchHeader } from '../../protocol/records/batch';
import { CONTROL_TYPE_ABORT, CONTROL_TYPE_COMMIT } from '../../protocol/records/layout';
import { controlBatchType } from '../../protocol/records/record-cursor';

export interface OpenTxn {
  producerEpoch: number;
  firstOffset: number;
}

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
  lastOffset: number;
  lastStableOffset: number;
}

/** What closing a transaction did (the group coordinator applies the same outcome to its pending offsets). */
export interface CompletedTxn {
  producerId: number;
  producerEpoch: number;
  commit: boolean;
  markerOffset: number;
  firstOffset: number;
}

const isTransactional = (attributes: number): boolean => (attributes & ATTR_TRANSACTIONAL) !== 0;
const isControl = (attributes: number): boolean => (attributes & ATTR_CONTROL) !== 0;

export class TransactionState {
  private readonly open = new Map<number, OpenTxn>();

  constructor(private readonly store: LogStore, private readonly topic: TopicRecord, private readonly p: PartitionRecord) {
    for (const r of store.loadOpenTxns(topic, p)) this.open.set(r.producerId, { producerEpoch: r.producerEpoch, firstOffset: r.firstOffset });
  }

  /** The open transactions, by producer id. */
  openTxns(): ReadonlyMap<number, OpenTxn> {
    return this.open;
  }

  /** The first offset of the oldest open transaction (undefined: none). */
  firstUnstableOffset(): number | undefined {
    let first: number | undefined;
    for (const t of this.open.values()) if (first === undefined || t.firstOffset < first) first = t.firstOffset;
    return first;
  }

  /**
   * A batch was appended at `baseOffset` (inside the store's transaction). Returns the transaction
   * a marker closed, if it is one.
   */
  onAppend(batch: Buffer, h: BatchHeader, baseOffset: number): CompletedTxn | undefined {
    if (h.producerId < 0 || !isTransactional(h.attributes)) return undefined;
    if (isControl(h.attributes)) {
      const type = controlBatchType(batch, 0, batch.length);
      if (type !== CONTROL_TYPE_ABORT && type !== CONTROL_TYPE_COMMIT) return undefined;
      return this.complete(h.producerId, h.producerEpoch, type === CONTROL_TYPE_COMMIT, baseOffset);
    }
    if (!this.open.has(h.producerId)) {
      const t = { producerEpoch: h.producerEpoch, firstOffset: baseOffset };
      this.open.set(h.producerId, t);
      this.store.putOpenTxn(this.topic, this.p, { producerId: h.producerId, ...t });
    }
    return undefined;
  }

  private complete(producerId: number, producerEpoch: number, commit: boolean, markerOffset: number): CompletedTxn {
    const t = this.open.get(producerId);
    const firstOffset = t?.firstOffset ?? markerOffset;
    if (t) {
      this.open.delete(producerId);
      this.store.deleteOpenTxn(this.topic, this.p, producerId);
      // An abort of a transaction that wrote nothing here needs no index entry (as Kafka).
      if (!commit) {
        // Kafka's lastStableOffset(completedTxn): the next open transaction's start, else past the marker.
        const next = this.firstUnstableOffset();
        this.store.addAbortedTxn(this.topic, this.p, {
          producerId, firstOffset: t.firstOffset, lastOffset: markerOffset, lastStableOffset: next ?? markerOffset + 1,
        });
      }
    }
    return { producerId, producerEpoch, commit, markerOffset, firstOffset };
  }

  /** Aborted transactions overlapping [fromOffset, upperBound) (a read_committed fetch's range). */
  abortedTxns(fromOffset: number, upperBound: number): AbortedTxn[] {
    return this.store.abortedTxns(this.topic, this.p, fromOffset, upperBound);
  }

  /**
   * The log is being truncated to `offset` (call inside the store's transaction, before the
   * batches are deleted): aborted entries at or after it go, transactions opened there are no
   * longer open, and a transaction whose marker goes is open again from its first batch.
   */
  truncateTo(offset: number): void {
    this.store.deleteAbortedTxnsFrom(this.topic, this.p, offset);
    const reopen = new Set<number>();
    for (const b of this.store.producerBatchesFrom(this.topic, this.p, offset)) {
      if (isTransactional(b.attributes) && isControl(b.attributes)) reopen.add(b.producerId);
    }
    for (const [pid, t] of [...this.open]) {
      if (t.firstOffset >= offset) {
        this.open.delete(pid);
        this.store.deleteOpenTxn(this.topic, this.p, pid);
        reopen.add(pid);
      }
    }
    for (const pid of reopen) {
      if (this.open.has(pid)) continue;
      // Newest first: the transactional data batches after this producer's last marker below `offset`.
      let first: { baseOffset: number; producerEpoch: number } | undefined;
      for (const b of this.store.producerBatchesBefore(this.topic, this.p, pid, offset)) {
        if (!isTransactional(b.attributes) || isControl(b.attributes)) break;
        first = b;
      }
      if (first) {
        const t = { producerEpoch: first.producerEpoch, firstOffset: Math.max(first.baseOffset, this.p.logStartOffset) };
        this.open.set(pid, t);
        this.store.putOpenTxn(this.topic, this.p, { producerId: pid, ...t });
      }
    }
  }

  /** The log now starts at `offset`: aborted transactions that ended below it go (Kafka drops their segments' index). */
  onLogStart(offset: number): void {
    this.store.deleteAbortedTxnsBefore(this.topic, this.p, offset);
  }

  /** The whole log went (inside the store's transaction). */
  clear(): void {
    this.open.clear();
    this.store.deleteAllTxnState(this.topic, this.p);
  }
}
