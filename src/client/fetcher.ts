// The consumer's fetcher: reads assigned partitions from their leaders, in parallel, ahead of
// the application.
//
// - One fetch loop per leader broker; each Fetch request covers every fetchable partition that
//   leader hosts (Fetch v4-11, no fetch session: sessionId 0, epoch -1 = a full fetch each time).
// - Prefetch: as soon as a response arrives, the next fetch positions are known from the batch
//   headers alone (last offset of the last complete batch + 1), so the next request goes out at
//   once while the application is still printing the previous response. At most `prefetch`
//   responses per leader wait unread (backpressure: a slow stdout stops the fetching).
// - Positions: assign() takes an explicit offset or 'earliest' / 'latest', resolved with
//   ListOffsets. OFFSET_OUT_OF_RANGE resets per auto.offset.reset ('none' -> an error from poll,
//   as Java's OffsetOutOfRangeException).
// - NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, epoch errors and
//   lost connections refresh the metadata and move the partition to its (new) leader.
// - Truncated trailing batches (normal at the end of a response) are dropped; the records below
//   the fetch offset inside the first batch are left for the record walker to skip.
import { describeAddress, type Cluster, type LogFn } from './cluster';
import { ConnectionError, type BrokerConnection } from './connection';
import { listOffsets, tpKey, EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from './offsets';
import type { AbortedTransaction, FetchedRecords } from './consumer/records';
import { ConsumerFetchError } from './consumer/records';
import { ApiKey } from '../protocol/apis';
import { errorInfo, ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import { batchLastOffset, nextBatchEnd } from '../protocol/records/batch';
import { countRecords, type ConsumerMetrics } from './consumer/metrics';
import { framePool } from './frame-pool';

export type ResetStrategy = 'earliest' | 'latest' | 'none';

export interface FetcherOptions {
  isolationLevel: number;
  autoOffsetReset: ResetStrategy;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  partitionMaxBytes: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  /** Unread responses allowed per leader before fetching pauses (default 2). */
  prefetch?: number;
  /**
   * allow.auto.create.topics for the metadata requests made for assigned partitions (Java's
   * ConsumerMetadata sends it for assigned topics too: `--partition` on a missing topic creates it).
   */
  allowAutoCreateTopics?: boolean;
  /** Where WARN lines go (already prefixed with `[Consumer clientId=..., groupId=...] `). */
  log?: LogFn;
  logPrefix?: string;
  /** Where Fetch round trips are counted (the perf tools' --print-metrics). */
  metrics?: ConsumerMetrics;
}

export interface FetchedPartition extends FetchedRecords {
  /** The position after these records (the next offset to fetch). */
  nextOffset: number;
  highWatermark: number;
  /** The partition's log start offset when fetched (-1 if the broker did not say). */
  logStartOffset: number;
  /** The leader the data came from. */
  leader: number;
}

interface PartitionState {
  topic: string;
  partition: number;
  key: string;
  leader: number;
  leaderEpoch: number;
  /** Next offset to fetch; null while unknown (a reset is pending). */
  position: number | null;
  pendingReset: 'earliest' | 'latest' | null;
  needsMetadata: boolean;
  highWatermark: number;
  /**
   * The consumer's position as the application sees it (Java's SubscriptionState position): the
   * next offset the application has not taken yet. null until the start position is known.
   */
  consumed: number | null;
  /** The leader epoch that goes with `consumed` (of the last record taken, or of the reset / committed offset); -1 unknown. */
  consumedEpoch: number;
}

interface LeaderLoop {
  node: number;
  /** The connection to the leader, kept so the next Fetch goes out without waiting a tick. */
  conn: BrokerConnection | null;
  /** Responses whose partitions are not all taken by poll() yet. */
  unread: number;
  running: boolean;
  /** Resolves the loop's wait for space / work. */
  wake: (() => void) | null;
}

/** What the chunks of one response share. */
interface ResponseShare {
  /** Chunks not taken by poll() yet: the last one taken frees a prefetch slot. */
  left: number;
  loop: LeaderLoop;
  /** Chunks not given back with release() yet: the last one gives the response's memory back. */
  unreleased: number;
  /** A view of the response frame the chunks' records lie in. */
  frame: Uint8Array;
}

interface QueuedChunk {
  data: FetchedPartition;
  response: ResponseShare;
}

/** A single-flight background task (see Fetcher.singleFlight). */
interface Flight {
  running: boolean;
  /** Asked for again while running: go round once more. */
  again: boolean;
}

const METADATA_ERRORS = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.OFFSET_NOT_AVAILABLE,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.UNKNOWN_TOPIC_ID,
  ErrorCode.INCONSISTENT_TOPIC_ID,
]);

const FETCH_LOGGER = 'org.apache.kafka.clients.consumer.internals.FetchCollector';

export class Fetcher {
  private readonly parts = new Map<string, PartitionState>();
  private readonly loops = new Map<number, LeaderLoop>();
  private readonly queue: QueuedChunk[] = [];
  /** The response each chunk handed out by poll() came in (see release()). */
  private readonly responseOf = new WeakMap<FetchedPartition, ResponseShare>();
  private waiter: (() => void) | null = null;
  private fatal: Error | null = null;
  private closed = false;
  private woken = false;
  private readonly metadataFlight: Flight = { running: false, again: false };
  private readonly resetFlight: Flight = { running: false, again: false };
  private timers = new Set<NodeJS.Timeout>();
  private sleepers = new Set<() => void>();
  /** Requests sent (for the correlation ids in log lines). */
  requestCount = 0;

  constructor(private readonly cluster: Cluster, private readonly opts: FetcherOptions) {}

  /** Partitions currently assigned, as `topic:partition` keys. */
  assigned(): string[] {
    return [...this.parts.keys()];
  }

  /**
   * Add partitions (already assigned ones are left alone). `start` is an offset, or where to
   * begin when there is none: 'earliest' / 'latest'. `leader` may be given from metadata the
   * caller already has; otherwise it is looked up.
   */
  assign(list: readonly { topic: string; partition: number; start: 'earliest' | 'latest' | number; startEpoch?: number; leader?: number; leaderEpoch?: number }[]): void {
    let needMetadata = false;
    let needReset = false;
    for (const a of list) {
      const key = tpKey(a.topic, a.partition);
      if (this.parts.has(key)) continue;
      const st: PartitionState = {
        topic: a.topic, partition: a.partition, key,
        leader: a.leader ?? -1, leaderEpoch: a.leaderEpoch ?? -1,
        position: typeof a.start === 'number' ? a.start : null,
        pendingReset: typeof a.start === 'number' ? null : a.start,
        needsMetadata: a.leader === undefined || a.leader < 0,
        highWatermark: -1,
        consumed: typeof a.start === 'number' ? a.start : null,
        consumedEpoch: typeof a.start === 'number' ? a.startEpoch ?? -1 : -1,
      };
      this.parts.set(key, st);
      if (st.needsMetadata) needMetadata = true;
      if (st.pendingReset) needReset = true;
    }
    if (needMetadata) this.refreshMetadata();
    if (needReset) this.resetPositions();
    this.startLoops();
  }

  /**
   * Remove partitions (a group rebalance revoked them): their fetching stops and the data already
   * fetched for them is dropped.
   */
  unassign(list: readonly { topic: string; partition: number }[]): void {
    const gone = new Set<string>();
    for (const a of list) {
      const key = tpKey(a.topic, a.partition);
      if (this.parts.delete(key)) gone.add(key);
    }
    if (gone.size === 0) return;
    for (let i = 0; i < this.queue.length; ) {
      const q = this.queue[i];
      if (!gone.has(tpKey(q.data.topic, q.data.partition))) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (--q.response.left === 0) {
        q.response.loop.unread--;
        this.wakeLoop(q.response.loop);
      }
    }
  }

  /**
   * The application took records of a partition up to (not including) `next`; `epoch` is the
   * leader epoch of the batch of the last one (left as it was when not given).
   */
  markConsumed(topic: string, partition: number, next: number, epoch?: number): void {
    const st = this.parts.get(tpKey(topic, partition));
    if (!st) return;
    st.consumed = next;
    if (epoch !== undefined) st.consumedEpoch = epoch;
  }

  /** Positions to commit: every assigned partition whose position is known (Java's allConsumed()). */
  consumedPositions(): { topic: string; partition: number; offset: number; leaderEpoch: number }[] {
    const out: { topic: string; partition: number; offset: number; leaderEpoch: number }[] = [];
    for (const st of this.parts.values()) {
      if (st.consumed !== null) out.push({ topic: st.topic, partition: st.partition, offset: st.consumed, leaderEpoch: st.consumedEpoch });
    }
    return out;
  }

  /**
   * The next fetched partition data, in arrival order, or null when the deadline passes (or
   * wakeup()/close() was called) first. Throws the first fatal error of the background fetching.
   */
  async poll(deadline: number): Promise<FetchedPartition | null> {
    for (;;) {
      if (this.fatal) throw this.fatal;
      const q = this.queue.shift();
      if (q) {
        if (--q.response.left === 0) {
          q.response.loop.unread--;
          this.wakeLoop(q.response.loop);
        }
        this.responseOf.set(q.data, q.response);
        return q.data;
      }
      if (this.closed || this.woken) {
        this.woken = false;
        return null;
      }
      const wait = deadline - Date.now();
      if (wait <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(wait, 0x7fffffff));
        this.timers.add(timer);
        const self = this;
        function done(): void {
          clearTimeout(timer);
          self.timers.delete(timer);
          if (self.waiter === done) self.waiter = null;
          resolve();
        }
        this.waiter = done;
      });
    }
  }

  /**
   * The application is done with a chunk poll() returned: nothing reads or writes its records any
   * more. Once every chunk of a response is given back, the response's memory is reused for a
   * later one (optional: chunks never given back are garbage collected).
   */
  release(chunk: FetchedPartition): void {
    const r = this.responseOf.get(chunk);
    if (r === undefined) return;
    this.responseOf.delete(chunk);
    if (--r.unreleased === 0) framePool.give(r.frame);
  }

  /** Make a pending (or the next) poll return null at once. */
  wakeup(): void {
    this.woken = true;
    this.notify();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of [...this.sleepers]) s();
    for (const loop of this.loops.values()) this.wakeLoop(loop);
    this.notify();
  }

  // -------------------------------------------------------------------------------------------

  private notify(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Surface an error from outside (e.g. the subscription) through poll(). */
  reportError(e: Error): void {
    this.fail(e);
  }

  private fail(e: Error): void {
    if (!this.fatal) this.fatal = e;
    this.notify();
  }

  private log(message: string, logger: string): void {
    this.opts.log?.('WARN', (this.opts.logPrefix ?? '') + message, logger);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timers.add(timer);
      this.sleepers.add(done);
    });
  }

  private wakeLoop(loop: LeaderLoop): void {
    const w = loop.wake;
    loop.wake = null;
    w?.();
  }

  private fetchable(node: number): PartitionState[] {
    const out: PartitionState[] = [];
    for (const st of this.parts.values()) {
      if (st.leader === node && st.position !== null && !st.needsMetadata && st.pendingReset === null) out.push(st);
    }
    return out;
  }

  private startLoops(): void {
    if (this.closed) return;
    const nodes = new Set<number>();
    for (const st of this.parts.values()) if (st.leader >= 0 && !st.needsMetadata) nodes.add(st.leader);
    for (const node of nodes) {
      let loop = this.loops.get(node);
      if (!loop) {
        loop = { node, conn: null, unread: 0, running: false, wake: null };
        this.loops.set(node, loop);
      }
      if (loop.running) {
        this.wakeLoop(loop);
      } else {
        loop.running = true;
        this.runLoop(loop).catch((e) => this.fail(e));
      }
    }
  }

  private waitLoop(loop: LeaderLoop): Promise<void> {
    return new Promise((resolve) => {
      loop.wake = resolve;
    });
  }

  private async runLoop(loop: LeaderLoop): Promise<void> {
    let backoff = this.opts.retryBackoffMs;
    try {
      while (!this.closed && !this.fatal) {
        if (loop.unread >= (this.opts.prefetch ?? 2)) {
          await this.waitLoop(loop);
          continue;
        }
        const parts = this.fetchable(loop.node);
        if (parts.length === 0) return;
        let conn;
        let body: any;
        const requested = new Map<string, number>();
        try {
          // No await between the wake-up (poll() taking the previous response) and the write of
          // the next request while the connection is up: the request leaves before the
          // application starts printing what it took.
          conn = loop.conn !== null && !loop.conn.isClosed() ? loop.conn : (loop.conn = await this.cluster.connectionTo(loop.node));
          const byTopic = new Map<string, PartitionState[]>();
          for (const st of parts) {
            let l = byTopic.get(st.topic);
            if (!l) byTopic.set(st.topic, (l = []));
            l.push(st);
            requested.set(st.key, st.position!);
          }
          this.requestCount++;
          const sentAt = Date.now();
          body = await conn.send(ApiKey.Fetch, {
            replicaId: -1,
            maxWaitMs: this.opts.maxWaitMs,
            minBytes: this.opts.minBytes,
            maxBytes: this.opts.maxBytes,
            isolationLevel: this.opts.isolationLevel,
            sessionId: 0,
            sessionEpoch: -1,
            topics: [...byTopic.entries()].map(([topic, sts]) => ({
              topic,
              partitions: sts.map((st) => ({
                partition: st.partition,
                currentLeaderEpoch: st.leaderEpoch,
                fetchOffset: st.position!,
                logStartOffset: -1,
                partitionMaxBytes: this.opts.partitionMaxBytes,
              })),
            })),
            forgottenTopicsData: [],
            rackId: '',
          });
          if (this.opts.metrics) {
            const topics = new Map<string, { bytes: number; records: number }>();
            for (const t of body.responses ?? []) {
              for (const p of t.partitions ?? []) {
                if (!p.records) continue;
                let sum = topics.get(t.topic);
                if (sum === undefined) topics.set(t.topic, (sum = { bytes: 0, records: 0 }));
                sum.bytes += p.records.length;
                sum.records += countRecords(p.records);
              }
            }
            this.opts.metrics.fetched(conn.nodeId, Date.now() - sentAt, topics, body.throttleTimeMs ?? 0);
          }
        } catch (e) {
          if (this.closed) return;
          if (e instanceof ConnectionError || (e instanceof KafkaError && e.retriable)) {
            if (e instanceof ConnectionError && conn === undefined) {
              const node = this.cluster.brokers.get(loop.node);
              if (node) this.log(`Connection to node ${loop.node} (${await describeAddress(node)}) could not be established. Node may not be available.`, 'org.apache.kafka.clients.NetworkClient');
            }
            for (const st of parts) st.needsMetadata = true;
            await this.sleep(backoff);
            backoff = Math.min(backoff * 2, 1000);
            this.refreshMetadata();
            return;
          }
          throw e;
        }
        backoff = this.opts.retryBackoffMs;
        if (this.closed) return;
        if (body.errorCode) {
          // A top-level error (fetch sessions are not used, so this is unexpected): retry later.
          await this.sleep(backoff);
          continue;
        }
        this.handleResponse(loop, body, requested);
      }
    } finally {
      loop.running = false;
      // Partitions may have become fetchable again while the loop was winding down.
      if (!this.closed && !this.fatal && this.fetchable(loop.node).length > 0) this.startLoops();
    }
  }

  private handleResponse(loop: LeaderLoop, body: any, requested: Map<string, number>): void {
    const chunks: FetchedPartition[] = [];
    let needMetadata = false;
    let needReset = false;
    for (const t of body.responses) {
      for (const p of t.partitions) {
        const key = tpKey(t.topic, p.partitionIndex);
        const st = this.parts.get(key);
        const fetchOffset = requested.get(key);
        if (!st || fetchOffset === undefined || st.position !== fetchOffset) continue; // stale
        const tp = `${st.topic}-${st.partition}`;
        const code: number = p.errorCode;
        if (code === ErrorCode.NONE) {
          st.highWatermark = p.highWatermark;
          const records: Buffer | null = p.records;
          if (!records || records.length === 0) continue;
          let at = 0;
          let next = fetchOffset;
          try {
            for (let end; (end = nextBatchEnd(records, at)) > 0; at = end) {
              const last = batchLastOffset(records, at);
              if (last + 1 > next) next = last + 1;
            }
          } catch (e) {
            this.fail(new ConsumerFetchError(
              `Received exception when fetching the next record from ${tp}. If needed, please seek past the record to continue consumption.`,
              'org.apache.kafka.common.KafkaException',
              (e as Error).message,
            ));
            return;
          }
          if (at === 0) continue;
          st.position = next;
          chunks.push({
            topic: st.topic, partition: st.partition, records: at === records.length ? records : records.subarray(0, at),
            fetchOffset, nextOffset: next, abortedTransactions: (p.abortedTransactions as AbortedTransaction[] | null) ?? null,
            highWatermark: p.highWatermark, logStartOffset: p.logStartOffset ?? -1, leader: loop.node,
          });
        } else if (code === ErrorCode.OFFSET_OUT_OF_RANGE) {
          const leader = this.cluster.brokers.get(st.leader);
          const position = `FetchPosition{offset=${fetchOffset}, offsetEpoch=Optional.empty, currentLeader=LeaderAndEpoch{leader=Optional[${leader ? `${leader.host}:${leader.port} (id: ${leader.nodeId} rack: ${leader.rack ?? 'null'} isFenced: false)` : 'empty'}], epoch=${st.leaderEpoch < 0 ? 'absent' : st.leaderEpoch}}}`;
          if (this.opts.autoOffsetReset === 'none') {
            this.fail(new ConsumerFetchError(`Fetch position ${position} is out of range for partition ${tp}`, 'org.apache.kafka.clients.consumer.OffsetOutOfRangeException'));
            return;
          }
          st.position = null;
          st.consumed = null;
          st.pendingReset = this.opts.autoOffsetReset;
          needReset = true;
        } else if (METADATA_ERRORS.has(code)) {
          if (code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) this.log(`Received unknown topic or partition error in fetch for partition ${tp}`, FETCH_LOGGER);
          else if (code === ErrorCode.UNKNOWN_TOPIC_ID) this.log(`Received unknown topic ID error in fetch for partition ${tp}`, FETCH_LOGGER);
          else if (code === ErrorCode.INCONSISTENT_TOPIC_ID) this.log(`Received inconsistent topic ID error in fetch for partition ${tp}`, FETCH_LOGGER);
          st.needsMetadata = true;
          needMetadata = true;
        } else if (code === ErrorCode.UNKNOWN_LEADER_EPOCH) {
          // retried with the next fetch
        } else if (code === ErrorCode.UNKNOWN_SERVER_ERROR) {
          this.log(`Unknown server error while fetching offset ${fetchOffset} for topic-partition ${tp}`, FETCH_LOGGER);
        } else if (code === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
          this.log(`Not authorized to read from partition ${tp}.`, FETCH_LOGGER);
          this.fail(new ConsumerFetchError(`Not authorized to access topics: [${st.topic}]`, 'org.apache.kafka.common.errors.TopicAuthorizationException'));
          return;
        } else if (code === ErrorCode.CORRUPT_MESSAGE) {
          this.fail(new ConsumerFetchError(`Encountered corrupt message when fetching offset ${fetchOffset} for topic-partition ${tp}`));
          return;
        } else {
          this.fail(new ConsumerFetchError(`Unexpected error code ${code} while fetching at offset ${fetchOffset} from topic-partition ${tp}`, 'java.lang.IllegalStateException'));
          return;
        }
      }
    }
    if (chunks.length > 0) {
      const response: ResponseShare = { left: chunks.length, loop, unreleased: chunks.length, frame: chunks[0].records };
      loop.unread++;
      for (const data of chunks) this.queue.push({ data, response });
      this.notify();
    }
    if (needMetadata) this.refreshMetadata();
    if (needReset) this.resetPositions();
  }

  /** Refresh leaders of partitions that need it (single flight; retried with backoff). */
  refreshMetadata(): void {
    this.singleFlight(this.metadataFlight, async () => {
      const wanted = [...this.parts.values()].filter((st) => st.needsMetadata);
      if (wanted.length === 0) return null;
      const topics = [...new Set(wanted.map((st) => st.topic))];
      const correlationId = ++this.requestCount;
      const md = await this.cluster.topicPartitions(topics, Date.now() + this.opts.requestTimeoutMs, 'fetchMetadata', this.opts.allowAutoCreateTopics === true);
      // NetworkClient logs topic-level errors of any metadata answer (a HashMap: one topic here
      // in practice, so its order does not show).
      const errors = topics.flatMap((t) => {
        const code = md.get(t)?.errorCode ?? ErrorCode.NONE;
        return code === ErrorCode.NONE ? [] : [`${t}=${errorInfo(code).name}`];
      });
      if (errors.length > 0) {
        this.log(`The metadata response from the cluster reported a recoverable issue with correlation id ${correlationId} : {${errors.join(', ')}}`, 'org.apache.kafka.clients.NetworkClient');
      }
      let missing = false;
      for (const st of wanted) {
        const info = md.get(st.topic)?.partitions.find((x) => x.partition === st.partition);
        if (info && info.leader >= 0) {
          st.leader = info.leader;
          st.leaderEpoch = info.leaderEpoch;
          st.needsMetadata = false;
        } else {
          missing = true;
        }
      }
      return missing;
    });
  }

  /** Resolve pending 'earliest' / 'latest' positions with ListOffsets (single flight). */
  private resetPositions(): void {
    this.singleFlight(this.resetFlight, async () => {
      const wanted = [...this.parts.values()].filter((st) => st.pendingReset !== null);
      if (wanted.length === 0) return null;
      this.requestCount++;
      const answers = await listOffsets(
        this.cluster,
        wanted.map((st) => ({ topic: st.topic, partition: st.partition, timestamp: st.pendingReset === 'earliest' ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP })),
        { isolationLevel: this.opts.isolationLevel, deadline: Date.now() + this.opts.requestTimeoutMs, retryBackoffMs: this.opts.retryBackoffMs },
      );
      for (const st of wanted) {
        const a = answers.get(st.key);
        if (a && st.pendingReset !== null && this.parts.get(st.key) === st) {
          st.position = a.offset;
          st.consumed = a.offset;
          // As Java's consumer: a reset position carries no epoch (so a commit of it has none).
          st.consumedEpoch = -1;
          st.pendingReset = null;
        }
      }
      return false;
    });
  }

  /**
   * Run `round` in the background until there is nothing left to do, one run per flight at a
   * time: a call while it runs makes it go round once more. A round returns null when there is
   * nothing to do, else sends its request, applies the answer and returns whether some of the
   * work is still missing (then it goes round again after a backoff). Retriable errors and lost
   * connections are retried with backoff; anything else is fatal (surfaced through poll()).
   */
  private singleFlight(flight: Flight, round: () => Promise<boolean | null>): void {
    if (this.closed) return;
    if (flight.running) {
      flight.again = true;
      return;
    }
    flight.running = true;
    (async () => {
      let backoff = this.opts.retryBackoffMs;
      const backOff = async () => {
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 1000);
      };
      try {
        for (;;) {
          flight.again = false;
          if (this.closed) return;
          let missing: boolean | null;
          try {
            missing = await round();
          } catch (e) {
            if (this.closed) return;
            if (!(e instanceof TimeoutError || e instanceof ConnectionError || (e instanceof KafkaError && e.retriable))) throw e;
            await backOff();
            continue;
          }
          if (missing === null) return;
          this.startLoops();
          if (this.closed) return;
          if (missing) await backOff();
          else if (!flight.again) return;
        }
      } finally {
        flight.running = false;
      }
    })().catch((e) => this.fail(e));
  }
}
