// The end of each shown partition: what the page draws as coloured offset cells. Tail-only: each
// poll asks only for records past those already held, never before `end - TAIL_RECORDS`, so a
// producer at any rate costs one small Fetch per leader per poll (maxWait 0, a few KB per
// partition) and nothing per record that the page does not show. A compacted topic's tail is also
// read again, a second Fetch per leader per poll over the same bounded window: compaction removes
// records from the middle of the log without moving its start, so only held records that no
// longer come back show it. Kafka answers a Fetch from one log segment, so that re-read sweeps the
// window over successive polls (`verify`), a segment at a time.
import type { Cluster } from '../../client/cluster';
import { RecordCursor, RecordWalk, forEachHeader } from '../../client/consumer/records';
import { tpKey } from '../../client/offsets';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import { batchLastOffset, nextBatchEnd } from '../../protocol/records/batch';
import { byDeadline } from '../../util/by-deadline';
import type { StatusDocument } from '../status/model';
import { TAIL_RECORDS, TEXT_LIMIT, type TailRecord } from './snapshot';

const PARTITION_MAX_BYTES = 16 * 1024;

interface Held {
  records: TailRecord[];
  /** The first offset the held records account for: from here to `next`, an offset without a record has none in the log. */
  from: number;
  /** The next offset to ask for. */
  next: number;
  /** Compacted topics: where the re-read of the held window goes on (-1: from the window's start). */
  verify: number;
  /** Where the last update would read from (the held end, or the window's start past it): where readOffsets reads. */
  at: number;
}

interface Ask {
  topic: string;
  partition: number;
  fetchOffset: number;
  /** A re-read of held records, up to this offset (exclusive); undefined: a read of new records. */
  until?: number;
}

/** Records compaction removed from a held tail, seen by one poll. */
export interface Removal {
  topic: string;
  partition: number;
  count: number;
}

const text = (buf: Buffer, start: number, len: number): string | null =>
  len < 0 ? null : buf.toString('utf8', start, start + Math.min(len, TEXT_LIMIT * 4)).slice(0, TEXT_LIMIT);

export class TailReader {
  private readonly held = new Map<string, Held>();
  private readonly walk = new RecordWalk({ checkCrcs: false, readCommitted: false });
  private removals: Removal[] = [];
  /** Fetch requests sent so far (the benchmark reads it). */
  requests = 0;

  constructor(private readonly cluster: Cluster) {}

  /** Bring the held tails of `topics` up to the ends `doc` reports; forget partitions no longer shown. */
  async update(doc: StatusDocument, topics: ReadonlySet<string>, deadline: number): Promise<void> {
    const reads = new Map<number, Ask[]>();
    const rereads = new Map<number, Ask[]>();
    const add = (m: Map<number, Ask[]>, leader: number, a: Ask) => {
      let l = m.get(leader);
      if (!l) m.set(leader, (l = []));
      l.push(a);
    };
    const shown = new Set<string>();
    for (const t of doc.topics) {
      if (!topics.has(t.name)) continue;
      const compacted = /compact/.test(t.configs['cleanup.policy'] ?? '');
      for (const p of t.partitions) {
        const key = tpKey(t.name, p.partition);
        shown.add(key);
        if (p.leader === null || p.logEndOffset === null || p.logStartOffset === null) continue;
        let h = this.held.get(key);
        if (!h) this.held.set(key, (h = { records: [], from: 0, next: 0, verify: -1, at: 0 }));
        // Retention or delete-records moved the start; a recreated topic starts over.
        if (p.logEndOffset < h.next) h.next = 0;
        h.records = h.records.filter((r) => r.offset >= p.logStartOffset! && r.offset < p.logEndOffset!);
        const window = Math.max(p.logStartOffset, p.logEndOffset - TAIL_RECORDS);
        const from = Math.max(h.next, window);
        h.at = from;
        if (from < p.logEndOffset) add(reads, p.leader, { topic: t.name, partition: p.partition, fetchOffset: from });
        if (compacted && h.records.length > 0) {
          const at = h.verify >= Math.max(window, h.from) && h.verify < h.next ? h.verify : Math.max(window, h.from);
          if (at < h.next) add(rereads, p.leader, { topic: t.name, partition: p.partition, fetchOffset: at, until: h.next });
        }
      }
    }
    for (const key of this.held.keys()) if (!shown.has(key)) this.held.delete(key);
    // A stalled leader's tails stay as they were; the others' come.
    const fetches = [...reads, ...rereads].map(([leader, asks]) => byDeadline(this.fetchFrom(leader, asks), deadline, 'Fetch').catch(() => undefined));
    await Promise.all(fetches);
  }

  /**
   * The log start and high watermark of held partitions, by `topic:partition`, from a Fetch where
   * their tails end (each Fetch answer carries both): the gather then needs no ListOffsets for
   * them, and the records past the held end come with it, so update() has nothing left to fetch
   * unless the end moved by more than one read. Partitions not held yet, or whose read failed
   * (an offset out of range, a leader moved), are left out: the gather asks those with ListOffsets.
   */
  async readOffsets(parts: readonly { topic: string; partition: number; leader: number }[], deadline: number): Promise<Map<string, { start: number; end: number }>> {
    const out = new Map<string, { start: number; end: number }>();
    const byLeader = new Map<number, Ask[]>();
    for (const p of parts) {
      const h = this.held.get(tpKey(p.topic, p.partition));
      if (!h || p.leader < 0) continue;
      let l = byLeader.get(p.leader);
      if (!l) byLeader.set(p.leader, (l = []));
      l.push({ topic: p.topic, partition: p.partition, fetchOffset: Math.max(h.next, h.at) });
    }
    await Promise.all([...byLeader].map(([leader, asks]) => byDeadline(this.fetchFrom(leader, asks, out), deadline, 'Fetch').catch(() => undefined)));
    return out;
  }

  /** The held records of one partition, offsets ascending. */
  records(topic: string, partition: number): TailRecord[] {
    return this.held.get(tpKey(topic, partition))?.records ?? [];
  }

  /**
   * The offsets the held records of one partition account for, [from, to): an offset there
   * without a held record has none in the log (compacted away, or a transaction marker).
   */
  accounted(topic: string, partition: number): [number, number] | undefined {
    const h = this.held.get(tpKey(topic, partition));
    return h && h.next > h.from ? [h.from, h.next] : undefined;
  }

  /** What compaction removed since the last call. */
  takeRemovals(): Removal[] {
    const r = this.removals;
    this.removals = [];
    return r;
  }

  private async fetchFrom(leader: number, parts: Ask[], offsets?: Map<string, { start: number; end: number }>): Promise<void> {
    const conn = await this.cluster.connectionTo(leader);
    const byTopic = new Map<string, typeof parts>();
    for (const p of parts) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
    this.requests++;
    const body: any = await conn.send(ApiKey.Fetch, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1024 * 1024, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [...byTopic].map(([topic, ps]) => ({
        topic,
        partitions: ps.map((p) => ({ partition: p.partition, currentLeaderEpoch: -1, fetchOffset: p.fetchOffset, logStartOffset: -1, partitionMaxBytes: PARTITION_MAX_BYTES })),
      })),
      forgottenTopicsData: [], rackId: '',
    });
    const asked = new Map(parts.map((p) => [tpKey(p.topic, p.partition), p]));
    for (const t of body.responses ?? []) {
      for (const p of t.partitions) {
        const key = tpKey(t.topic, p.partitionIndex);
        const h = this.held.get(key);
        const ask = asked.get(key);
        if (offsets && ask && p.errorCode === ErrorCode.NONE && p.highWatermark >= 0 && (p.logStartOffset ?? -1) >= 0) {
          offsets.set(key, { start: p.logStartOffset, end: p.highWatermark });
        }
        if (!h || ask === undefined || p.errorCode !== ErrorCode.NONE || !p.records || p.records.length === 0) continue;
        const got: TailRecord[] = [];
        const { fetchOffset, until } = ask;
        this.walk.reset({ topic: t.topic, partition: p.partitionIndex, records: p.records, fetchOffset, abortedTransactions: null });
        const cursor = new RecordCursor();
        this.walk.run(cursor, {
          onRecord: (c) => {
            const headers: [string, string | null][] = [];
            forEachHeader(c, (buf, ks, kl, vs, vl) => { headers.push([buf.toString('utf8', ks, ks + kl), text(buf, vs, vl)]); });
            got.push({ offset: c.offset, timestamp: c.timestamp, key: text(c.buf, c.keyStart, c.keyLen), value: text(c.buf, c.valueStart, c.valueLen), valueBytes: c.valueLen, headers });
            return true;
          },
        });
        // Past the last complete batch even when it held nothing to show (transaction markers).
        const covered = lastBatchOffset(p.records) + 1;
        if (covered <= fetchOffset) continue;
        if (until !== undefined) {
          // A re-read: held records in the range it covers that it no longer has were compacted away.
          const to = Math.min(covered, until);
          const present = new Set(got.map((r) => r.offset));
          const removed = h.records.filter((r) => r.offset >= fetchOffset && r.offset < to && !present.has(r.offset)).length;
          if (removed > 0) this.removals.push({ topic: t.topic, partition: p.partitionIndex, count: removed });
          h.records = [...h.records.filter((r) => r.offset < fetchOffset), ...got.filter((r) => r.offset < to), ...h.records.filter((r) => r.offset >= to)];
          h.verify = to >= until ? -1 : to;
          continue;
        }
        // A read of new records (or of the window, when the end jumped past what was held).
        if (h.next <= h.from || fetchOffset > h.next) h.from = fetchOffset;
        h.next = Math.max(h.next, covered);
        h.records = [...h.records.filter((r) => r.offset < fetchOffset), ...got].slice(-TAIL_RECORDS);
        // Records cut off the front of the window: what lies before the first kept one is not accounted for.
        if (h.records.length === TAIL_RECORDS) h.from = Math.max(h.from, h.records[0].offset);
      }
    }
  }
}

/** The last offset of the last complete batch in fetched records (-1 when none is complete). */
function lastBatchOffset(records: Buffer): number {
  let last = -1;
  try {
    for (let at = 0, end; (end = nextBatchEnd(records, at)) > 0; at = end) last = batchLastOffset(records, at);
  } catch {
    // A malformed batch: what was read before it stands.
  }
  return last;
}
