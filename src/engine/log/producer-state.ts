// Idempotent producer bookkeeping: per (producer id, partition) the epoch and the last five
// batches' sequence ranges, so a retried batch is acknowledged with its original offset
// instead of being stored twice. Rebuilt lazily from the stored batches after a restart.
import { ErrorCode } from '../../protocol/errors';
import type { LogStore } from '../storage/log-store';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';

interface RecentBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerPartitionState {
  epoch: number;
  recent: RecentBatch[]; // oldest first, at most 5
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
    s = {
      epoch: rows[0].epoch,
      recent: rows.filter((r) => r.epoch === rows[0].epoch).reverse().map((r) => ({
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
      s = { epoch, recent: [] };
      this.states.set(k, s);
    }
    s.recent.push({ firstSeq: baseSeq, lastSeq: nextSeq(baseSeq, recordCount - 1), baseOffset });
    if (s.recent.length > MAX_RECENT) s.recent.shift();
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
