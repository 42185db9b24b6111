// Idempotent producer bookkeeping: per (producer id, partition) the epoch and the last five
// batches' sequence ranges, so a retried batch is acknowledged with its original offset
// instead of being stored twice. Rebuilt lazily from the stored batches after a restart.
import { ErrorCode } from '../../protocol/errors';
import type { LogStore } from '../storage/log-store';
import { txnMarkerCoordinatorEpoch } from '../../protocol/records/txn-marker';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';

interface RecentBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerPartitionState {
  epoch: number;
  recent: RecentBatch[]; // oldest first, at most 5
  /** The coordinator epoch of the last marker seen here (-1: none since this state was loaded). */
  coordinatorEpoch: number;
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; code: number };

const MAX_RECENT = 5;
/** The usual answer, not a new object per batch. */
const APPEND: SequenceCheck = { kind: 'append' };

function nextSeq(seq: number, count: number): number {
  const n = seq + count;
  return n > 0x7fffffff ? n - 0x80000000 : n;
}

export class ProducerStateManager {
  /**
   * By topic key, partition and producer id: maps of numbers, not one map keyed by a string built
   * twice per idempotent batch (the check, then the append).
   */
  private states = new Map<number, Map<number, Map<number, ProducerPartitionState>>>();

  constructor(private readonly logs: LogStore) {}

  /** The partition's producers (created when `create`). */
  private producersOf(topic: TopicRecord, p: PartitionRecord, create: boolean): Map<number, ProducerPartitionState> | undefined {
    let byPartition = this.states.get(topic.tk);
    if (!byPartition) {
      if (!create) return undefined;
      this.states.set(topic.tk, (byPartition = new Map()));
    }
    let producers = byPartition.get(p.partition);
    if (!producers && create) byPartition.set(p.partition, (producers = new Map()));
    return producers;
  }

  private get(topic: TopicRecord, p: PartitionRecord, pid: number): ProducerPartitionState | undefined {
    return this.producersOf(topic, p, false)?.get(pid);
  }

  private set(topic: TopicRecord, p: PartitionRecord, pid: number, s: ProducerPartitionState): void {
    this.producersOf(topic, p, true)!.set(pid, s);
  }

  private load(topic: TopicRecord, p: PartitionRecord, pid: number): ProducerPartitionState | undefined {
    let s = this.get(topic, p, pid);
    if (s) return s;
    const rows = this.logs.recentProducerBatches(topic, p, pid);
    if (rows.length === 0) return undefined;
    // Transaction markers (base sequence -1) carry the producer's epoch, which a marker of
    // transactions v2 bumps, but no sequences.
    // The coordinator epoch of its newest marker among them fences older coordinators after a restart too.
    const marker = rows.find((r) => r.baseSequence < 0);
    const markerBatch = marker ? this.logs.batchAt(topic, p, marker.baseOffset) : undefined;
    s = {
      epoch: rows[0].epoch,
      coordinatorEpoch: markerBatch ? txnMarkerCoordinatorEpoch(markerBatch.bytes) : -1,
      recent: rows.filter((r) => r.epoch === rows[0].epoch && r.baseSequence >= 0).reverse().map((r) => ({
        firstSeq: r.baseSequence,
        lastSeq: nextSeq(r.baseSequence, r.recordCount - 1),
        baseOffset: r.baseOffset,
      })),
    };
    this.set(topic, p, pid, s);
    return s;
  }

  check(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, baseSeq: number, recordCount: number): SequenceCheck {
    if (pid < 0 || baseSeq < 0) return APPEND;
    const s = this.load(topic, p, pid);
    if (!s) return APPEND;
    if (epoch < s.epoch) return { kind: 'error', code: ErrorCode.INVALID_PRODUCER_EPOCH };
    if (epoch > s.epoch) {
      return baseSeq === 0 ? APPEND : { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    const lastSeq = nextSeq(baseSeq, recordCount - 1);
    for (const b of s.recent) {
      if (b.firstSeq === baseSeq && b.lastSeq === lastSeq) return { kind: 'duplicate', baseOffset: b.baseOffset };
    }
    const newest = s.recent[s.recent.length - 1];
    if (newest && baseSeq !== nextSeq(newest.lastSeq, 1)) {
      return { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return APPEND;
  }

  /** Record an appended batch (after the transaction committed, or inside it: state is only a cache). */
  appended(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, baseSeq: number, recordCount: number, baseOffset: number): void {
    if (pid < 0 || baseSeq < 0) return;
    let s = this.get(topic, p, pid);
    if (!s || s.epoch !== epoch) {
      s = { epoch, recent: [], coordinatorEpoch: s?.coordinatorEpoch ?? -1 };
      this.set(topic, p, pid, s);
    }
    s.recent.push({ firstSeq: baseSeq, lastSeq: nextSeq(baseSeq, recordCount - 1), baseOffset });
    if (s.recent.length > MAX_RECENT) s.recent.shift();
  }

  /**
   * May a COMMIT/ABORT marker of (pid, epoch) from a coordinator at `coordinatorEpoch` be written
   * (Kafka's ProducerAppendInfo.appendEndTxnMarker)? 0, INVALID_PRODUCER_EPOCH for an epoch older
   * than the producer's, TRANSACTION_COORDINATOR_FENCED for an older coordinator.
   */
  checkMarker(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, coordinatorEpoch: number, transactionVersion = 0, txnOpen = false): number {
    const s = this.load(topic, p, pid);
    if (!s) return 0;
    // Transactions v2: the coordinator bumps the epoch for every marker, so one at the producer's
    // epoch is stale, unless it repeats a marker already written (no transaction open: a retry).
    if (epoch < s.epoch || (transactionVersion >= 2 && epoch === s.epoch && txnOpen)) return ErrorCode.INVALID_PRODUCER_EPOCH;
    if (coordinatorEpoch < s.coordinatorEpoch) return ErrorCode.TRANSACTION_COORDINATOR_FENCED;
    return 0;
  }

  /** A marker was appended: its epoch is the producer's from now on (a v2 marker bumps it, fencing the old one). */
  markerAppended(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, coordinatorEpoch: number): void {
    let s = this.get(topic, p, pid) ?? this.load(topic, p, pid);
    if (!s || s.epoch < epoch) {
      s = { epoch, recent: [], coordinatorEpoch };
      this.set(topic, p, pid, s);
    }
    s.coordinatorEpoch = coordinatorEpoch;
  }

  /** The coordinator epoch of the producer's last marker this broker saw (-1: unknown). */
  coordinatorEpochOf(topic: TopicRecord, p: PartitionRecord, pid: number): number {
    return this.get(topic, p, pid)?.coordinatorEpoch ?? -1;
  }

  clear(): void {
    this.states.clear();
  }

  /** Drop a partition's cached state (its log changed under it: truncated, or a new leader): it is rebuilt from the log. */
  forgetPartition(topic: TopicRecord, p: PartitionRecord): void {
    this.states.get(topic.tk)?.delete(p.partition);
  }

  forgetTopic(topic: TopicRecord): void {
    this.states.delete(topic.tk);
  }
}
