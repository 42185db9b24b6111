// Log compaction (cleanup.policy contains `compact`), Kafka's LogCleaner on batches.
//
// The rules, and where they differ from Kafka's segment-based cleaner:
// - Cleanable range: from the log start offset up to, not including, the active segment (Kafka
//   never cleans it; log-segments.ts rolls it by segment.bytes / segment.ms at append time, so a
//   small topic with the default 1 GiB / 7 days is not compacted at all, as on Kafka), the last
//   stable offset, and the first dirty segment younger than min.compaction.lag.ms (by its largest
//   timestamp).
// - Dirty part: the cleanable batches at or after the cleaner checkpoint (the end of the last
//   pass, kept in memory: after a restart the whole log counts as dirty once). A pass runs when
//   dirty bytes / cleanable bytes >= min.cleanable.dirty.ratio, when a dirty batch is older than
//   max.compaction.lag.ms, or when a retained tombstone has become removable.
// - Offset map: key -> latest offset, built over the dirty part (as Kafka). Over the whole
//   cleanable range a record stays if its offset is past the map, or it is the latest for its
//   key; records without a key go (Kafka's cleaner counts them invalid and drops them).
// - Tombstones (null value) stay until `delete.retention.ms` after their batch's max timestamp
//   (Kafka measures from the first cleaning pass, KIP-534, which needs the batch header rewritten;
//   the batch time is the append time for LogAppendTime topics and the producer's clock otherwise).
// - Batches are rewritten in place (filter-batch.ts): offsets never change, a batch whose
//   records all go is deleted. The log start offset does not move (Kafka's does not either).
//   Segment boundaries stay where they were rolled (Kafka's cleaner merges small cleaned
//   segments, which matters only to retention on compact,delete topics).
// - Transactions: cleaning stops at the last stable offset (an open transaction's records are
//   not decided yet, as Kafka's firstUncleanableOffset). Transaction markers are kept (Kafka drops
//   them only once the transaction's data is gone). Aborted transactions' records stay as they
//   are and never enter the offset map, so an aborted value never hides a committed one.
import type { Engine } from '../engine';
import type { PartitionRecord, TopicRecord } from '../storage/topic-store';
import { filterBatch } from '../../protocol/records/filter-batch';
import { batchIsControl, batchIsTransactional, readBatchHeader } from '../../protocol/records/batch';
import type { AbortedTxn } from './transaction-state';
import type { RecordCursor } from '../../protocol/records/record-cursor';

interface PartitionCleanState {
  /** First offset not yet covered by a cleaning pass. */
  firstDirty: number;
  /** When a retained tombstone becomes removable (Infinity: none). */
  tombstoneDue: number;
}

export interface CompactionResult {
  cleaned: boolean;
  removedRecords: number;
}

function keyOf(c: RecordCursor): string {
  return c.buf.toString('latin1', c.keyStart, c.keyStart + c.keyLen);
}

export class Compactor {
  private state = new Map<string, PartitionCleanState>();

  constructor(private readonly engine: Engine) {}

  private stateOf(topic: TopicRecord, p: PartitionRecord): PartitionCleanState {
    // Keyed by topic id: SQLite may give a deleted topic's row key to a new topic.
    const k = `${topic.id}:${p.partition}`;
    let s = this.state.get(k);
    if (!s) this.state.set(k, (s = { firstDirty: p.logStartOffset, tombstoneDue: Infinity }));
    return s;
  }

  /** One compaction pass over a partition when it is due (or always with force). */
  compact(topic: TopicRecord, p: PartitionRecord, now: number, force = false): CompactionResult {
    const engine = this.engine;
    const st = this.stateOf(topic, p);
    const minLag = engine.configs.topicInt(topic, 'min.compaction.lag.ms');
    const maxLag = engine.configs.topicInt(topic, 'max.compaction.lag.ms');
    const ratio = Number(engine.configs.topicValue(topic, 'min.cleanable.dirty.ratio') ?? 0.5);
    const deleteRetentionMs = engine.configs.topicInt(topic, 'delete.retention.ms');

    const log = engine.replicaManager.localLog(topic.name, p.partition);
    // Everything in the active segment (a topic with the default 1 GiB / 7 days, the internal
    // topics' 100 MiB): nothing to clean, and no need to read the partition's index each pass.
    if (log && log.segments.activeBaseOffset <= p.logStartOffset) return { cleaned: false, removedRecords: 0 };
    const all = engine.logs.batchSummaries(topic, p, p.logStartOffset);
    const stable = log ? log.lastStableOffset : p.highWatermark;
    if (st.firstDirty < p.logStartOffset) st.firstDirty = p.logStartOffset;
    // The active segment is never cleaned, nor what follows the last stable offset, nor the first
    // dirty segment whose largest timestamp is younger than min.compaction.lag.ms and what follows.
    const activeBase = log ? log.segments.activeBaseOffset : p.highWatermark;
    const lagBound = minLag > 0 && log ? youngSegmentBase(all, log.segments.baseOffsets(), activeBase, st.firstDirty, now, minLag) : Infinity;
    let end = all.length;
    for (let i = 0; i < end; i++) {
      if (all[i].baseOffset >= activeBase || all[i].baseOffset >= lagBound || all[i].lastOffset >= stable) { end = i; break; }
    }
    if (end <= 0) return { cleaned: false, removedRecords: 0 };
    const cleanable = all.slice(0, end);
    let totalBytes = 0;
    let dirtyBytes = 0;
    let overdue = false;
    for (const b of cleanable) {
      totalBytes += b.size;
      if (b.lastOffset >= st.firstDirty) {
        dirtyBytes += b.size;
        if (now - b.maxTimestamp > maxLag) overdue = true;
      }
    }
    // LogCleanerManager.grabFilthiestCompactedLog: the ratio must be strictly above the minimum.
    const due = force || overdue || now >= st.tombstoneDue || (dirtyBytes > 0 && dirtyBytes / totalBytes > ratio);
    if (!due) return { cleaned: false, removedRecords: 0 };

    // Markers and aborted transactional batches are left alone (see above).
    const aborted = log ? log.txns.abortedTxns(p.logStartOffset, cleanable[cleanable.length - 1].lastOffset + 1) : [];
    const untouchable = (bytes: Buffer): boolean => batchIsControl(bytes, 0) || (batchIsTransactional(bytes, 0) && isAborted(bytes, aborted));

    // Offset map over the dirty part.
    const latest = new Map<string, number>();
    let mapEnd = -1;
    for (const b of cleanable) {
      if (b.lastOffset < st.firstDirty) continue;
      const bytes = engine.logs.batchBytes(b.rowid);
      if (!bytes) continue;
      if (untouchable(bytes)) { mapEnd = b.lastOffset; continue; }
      try {
        filterBatch(bytes, (c) => {
          if (c.keyLen >= 0) latest.set(keyOf(c), c.offset);
          return true;
        });
      } catch {
        // A batch we cannot read (corrupt, unknown codec): its keys stay unknown, so nothing older is dropped for them.
      }
      mapEnd = b.lastOffset;
    }

    let removed = 0;
    let tombstoneDue = Infinity;
    const rewrites: { rowid: number; bytes: Buffer | null; maxTimestamp: number }[] = [];
    for (const b of cleanable) {
      const bytes = engine.logs.batchBytes(b.rowid);
      if (!bytes || untouchable(bytes)) continue;
      const horizon = b.maxTimestamp + deleteRetentionMs;
      let dropped = 0;
      try {
        const out = filterBatch(bytes, (c) => {
          if (c.offset > mapEnd) return true;
          if (c.keyLen < 0) { dropped++; return false; }
          const found = latest.get(keyOf(c));
          if (found !== undefined && c.offset < found) { dropped++; return false; }
          if (c.valueLen < 0) {
            if (now >= horizon) { dropped++; return false; }
            if (horizon < tombstoneDue) tombstoneDue = horizon;
          }
          return true;
        });
        if (out.kind === 'empty') rewrites.push({ rowid: b.rowid, bytes: null, maxTimestamp: 0 });
        else if (out.kind === 'rewritten') rewrites.push({ rowid: b.rowid, bytes: out.bytes, maxTimestamp: out.maxTimestamp });
        if (out.kind !== 'unchanged') removed += dropped;
      } catch {
        // Unreadable batch: kept as it is.
      }
    }
    try {
      engine.logs.transaction(() => {
        for (const r of rewrites) {
          if (r.bytes === null) engine.logs.deleteBatch(r.rowid);
          else engine.logs.replaceBatch(r.rowid, r.bytes, r.maxTimestamp);
        }
      });
    } catch (e) {
      engine.reloadAfterFailedWrite();
      throw e;
    }
    st.firstDirty = cleanable[cleanable.length - 1].lastOffset + 1;
    st.tombstoneDue = tombstoneDue;
    return { cleaned: true, removedRecords: removed };
  }
}

/**
 * The base offset of the first rolled segment, from the one holding `firstDirty`, whose largest
 * timestamp is less than `minLag` old (Kafka's LogCleanerManager.cleanableOffsets); Infinity: none.
 */
function youngSegmentBase(batches: readonly { baseOffset: number; lastOffset: number; maxTimestamp: number }[], bases: readonly number[],
  activeBase: number, firstDirty: number, now: number, minLag: number): number {
  const largest = new Map<number, number>(); // segment base -> largest timestamp, in offset order
  let s = 0;
  for (const b of batches) {
    if (b.baseOffset >= activeBase) break;
    while (s + 1 < bases.length && b.baseOffset >= bases[s + 1]) s++;
    if (b.lastOffset < firstDirty) continue;
    largest.set(bases[s], Math.max(largest.get(bases[s]) ?? -1, b.maxTimestamp));
  }
  for (const [base, ts] of largest) if (now - ts < minLag) return base;
  return Infinity;
}

/** Is this transactional batch part of an aborted transaction (same producer, within its offsets)? */
function isAborted(batch: Buffer, aborted: readonly AbortedTxn[]): boolean {
  if (aborted.length === 0) return false;
  const h = readBatchHeader(batch, 0);
  return aborted.some((a) => a.producerId === h.producerId && a.firstOffset <= h.baseOffset && h.baseOffset <= a.lastOffset);
}
