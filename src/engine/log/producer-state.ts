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

function nextSeq(seq: number, count: number): number {
  const n = seq + count;
  return n > 0x7fffffff ? n - 0x80000000 : n;
}

export class ProducerStateManager {
  private states = new Map<string, ProducerPartitionState>();

  constructor(private readonly logs: LogStore) {}

  private key(topic: TopicRecord, p: PartitionRecord, pid: number): string {
    return `${topic.tk}:${p.partition}:${pid}`;
  }

  private load(topic: TopicRecord, p: PartitionRecord, pid: number): ProducerPartitionState | undefined {
    const k = this.key(topic, p, pid);
    let s = this.states.get(k);
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
    this.states.set(k, s);
    return s;
  }

  check(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, baseSeq: number, recordCount: number): SequenceCheck {
    if (pid < 0 || baseSeq < 0) return { kind: 'append' };
    const s = this.load(topic, p, pid);
    if (!s) return { kind: 'append' };
    if (epoch < s.epoch) return { kind: 'error', code: ErrorCode.INVALID_PRODUCER_EPOCH };
    if (epoch > s.epoch) {
      return baseSeq === 0 ? { kind: 'append' } : { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    const lastSeq = nextSeq(baseSeq, recordCount - 1);
    for (const b of s.recent) {
      if (b.firstSeq === baseSeq && b.lastSeq === lastSeq) return { kind: 'duplicate', baseOffset: b.baseOffset };
    }
    const newest = s.recent[s.recent.length - 1];
    if (newest && baseSeq !== nextSeq(newest.lastSeq, 1)) {
      return { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return { kind: 'append' };
  }

  /** Record an appended batch (after the transaction committed, or inside it: state is only a cache). */
  appended(topic: TopicRecord, p: PartitionRecord, pid: number, epoch: number, baseSeq: number, recordCount: number, baseOffset: number): void {
    if (pid < 0 || baseSeq < 0) return;
    const k = this.key(topic, p, pid);
    let s = this.states.get(k);
    if (!s || s.epoch !== epoch) {
      s = { epoch, recent: [], coordinatorEpoch: s?.coordinatorEpoch ?? -1 };
      this.states.set(k, s);
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
    const k = this.key(topic, p, pid);
    let s = this.states.get(k) ?? this.load(topic, p, pid);
    if (!s || s.epoch < epoch) {
      s = { epoch, recent: [], coordinatorEpoch };
      this.states.set(k, s);
    }
    s.coordinatorEpoch = coordinatorEpoch;
  }

  /** The coordinator epoch of the producer's last marker this broker saw (-1: unknown). */
  coordinatorEpochOf(topic: TopicRecord, p: PartitionRecord, pid: number): number {
    return this.states.get(this.key(topic, p, pid))?.coordinatorEpoch ?? -1;
  }

  clear(): void {
    this.states.clear();
  }

  /** Drop a partition's cached state (its log changed under it: truncated, or a new leader): it is rebuilt from the log. */
  forgetPartition(topic: TopicRecord, p: PartitionRecord): void {
    const prefix = `${topic.tk}:${p.partition}:`;
    for (const k of this.states.keys()) if (k.startsWith(prefix)) this.states.delete(k);
  }

  forgetTopic(topic: TopicRecord): void {
    const prefix = `${topic.tk}:`;
    for (const k of this.states.keys()) if (k.startsWith(prefix)) this.states.delete(k);
  }
}
