// Followers replicate with Kafka's own protocol (ReplicaFetcherThread): one fetcher per leader
// broker, over an ordinary client connection, Fetch with replica id = this broker's node id.
// A partition that starts following (a new leader or leader epoch) first truncates: it asks the
// leader, through OffsetForLeaderEpoch, where its latest epoch ends on the leader and cuts its
// own log there, so no replica keeps records the new leader never had; then it fetches from its
// log end, appending batches exactly as the leader wrote them and taking the leader's high
// watermark and log start offset.
import type { Engine } from '../engine';
import type { Partition } from './partition';
import type { ReplicaManager } from './replica-manager';
import { BrokerConnection } from '../../client/connection';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import { splitBatches } from '../../protocol/records/batch';
import { UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from '../log/leader-epoch-cache';
import { engineLog } from '../server-log';
import { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP } from '../../protocol/messages/list-offsets';

const LOGGER = 'kafka.server.ReplicaFetcherThread';

interface FetchState {
  part: Partition;
  /** The leader epoch this state was made for (a new one restarts with truncation). */
  leaderEpoch: number;
  truncating: boolean;
  /** Not before this time (after an error). */
  delayedUntil: number;
}

export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();

  constructor(private readonly rm: ReplicaManager, private readonly engine: Engine) {}

  /** Match the fetchers to the hosted follower partitions (after every delta). */
  reconcile(): void {
    const want = new Map<number, Partition[]>();
    for (const part of this.rm.hosted()) {
      if (part.isLeader() || part.leaderId < 0) continue;
      let list = want.get(part.leaderId);
      if (!list) want.set(part.leaderId, (list = []));
      list.push(part);
    }
    for (const [leader, f] of this.fetchers) {
      if (!want.has(leader)) {
        f.stop();
        this.fetchers.delete(leader);
      }
    }
    for (const [leader, parts] of want) {
      let f = this.fetchers.get(leader);
      if (!f) {
        f = new ReplicaFetcher(this.rm, this.engine, leader);
        this.fetchers.set(leader, f);
        f.start();
      }
      f.setPartitions(parts);
    }
  }

  /** The fetcher state of a partition (tests). */
  stateOf(part: Partition): { truncating: boolean } | undefined {
    return this.fetchers.get(part.leaderId)?.stateOf(part);
  }

  close(): void {
    for (const f of this.fetchers.values()) f.stop();
    this.fetchers.clear();
  }
}

class ReplicaFetcher {
  private readonly states = new Map<string, FetchState>();
  private conn: BrokerConnection | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly rm: ReplicaManager, private readonly engine: Engine, readonly leaderId: number) {}

  setPartitions(parts: Partition[]): void {
    const keep = new Set(parts.map((p) => p.key));
    for (const k of [...this.states.keys()]) if (!keep.has(k)) this.states.delete(k);
    for (const part of parts) {
      const s = this.states.get(part.key);
      if (!s || s.leaderEpoch !== part.leaderEpoch || s.part !== part) {
        this.states.set(part.key, { part, leaderEpoch: part.leaderEpoch, truncating: true, delayedUntil: 0 });
      }
    }
    this.wake?.();
  }

  stateOf(part: Partition): { truncating: boolean } | undefined {
    const s = this.states.get(part.key);
    return s ? { truncating: s.truncating } : undefined;
  }

  start(): void {
    this.run().catch((e) => engineLog('ERROR', `[ReplicaFetcher replicaId=${this.rm.localId}, leaderId=${this.leaderId}] stopped: ${e?.message ?? e}`, LOGGER));
  }

  stop(): void {
    this.stopped = true;
    this.conn?.close();
    this.conn = undefined;
    this.wake?.();
  }

  private config(name: string): number {
    return this.engine.configs.brokerInt(name);
  }

  /** Wait up to `ms`, or until woken (new partitions, stop). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, Math.max(0, ms));
      t.unref();
      this.wake = done;
      function done(): void { clearTimeout(t); resolve(); }
    }).then(() => { this.wake = undefined; });
  }

  private async connection(): Promise<BrokerConnection | undefined> {
    if (this.conn && !this.conn.isClosed()) return this.conn;
    const ep = this.rm.brokerEndpoint(this.leaderId);
    if (!ep) return undefined;
    const conn = new BrokerConnection(ep.host, ep.port, `broker-${this.rm.localId}-fetcher-0`, this.leaderId);
    try {
      await conn.connect(this.config('replica.socket.timeout.ms'));
    } catch (e) {
      conn.close();
      throw e;
    }
    if (this.stopped) { conn.close(); return undefined; }
    this.conn = conn;
    return conn;
  }

  private async run(): Promise<void> {
    const backoff = () => Math.max(1, this.config('replica.fetch.backoff.ms'));
    while (!this.stopped) {
      const now = Date.now();
      const ready = [...this.states.values()].filter((s) => s.delayedUntil <= now && s.part.leaderEpoch === s.leaderEpoch);
      if (ready.length === 0) {
        const next = Math.min(...[...this.states.values()].map((s) => s.delayedUntil), now + backoff());
        await this.pause(next - now);
        continue;
      }
      try {
        const conn = await this.connection();
        if (!conn) { await this.pause(backoff()); continue; }
        const truncating = ready.filter((s) => s.truncating);
        if (truncating.length > 0) await this.truncate(conn, truncating);
        const fetching = ready.filter((s) => !s.truncating && this.states.get(s.part.key) === s);
        if (fetching.length > 0) await this.fetch(conn, fetching);
      } catch (e: any) {
        if (this.stopped) return;
        engineLog('WARN', `[ReplicaFetcher replicaId=${this.rm.localId}, leaderId=${this.leaderId}] Error in fetch: ${e?.message ?? e}`, LOGGER);
        this.conn?.close();
        this.conn = undefined;
        await this.pause(backoff());
      }
    }
  }

  private delay(s: FetchState): void {
    s.delayedUntil = Date.now() + Math.max(1, this.config('replica.fetch.backoff.ms'));
  }

  /** Kafka's truncateToEpochEndOffsets, one OffsetForLeaderEpoch round for every partition that needs it. */
  private async truncate(conn: BrokerConnection, states: FetchState[]): Promise<void> {
    const asked: { s: FetchState; epoch: number }[] = [];
    for (const s of states) {
      const log = s.part.log;
      const epoch = log.epochs.latestEpoch();
      if (epoch === UNDEFINED_EPOCH) {
        // No epoch history (an empty log): nothing this replica has can have diverged beyond its high watermark.
        log.truncateTo(log.highWatermark);
        this.truncated(s);
        continue;
      }
      asked.push({ s, epoch });
    }
    if (asked.length === 0) return;
    const byTopic = new Map<string, { partition: number; currentLeaderEpoch: number; leaderEpoch: number }[]>();
    for (const { s, epoch } of asked) {
      let list = byTopic.get(s.part.name);
      if (!list) byTopic.set(s.part.name, (list = []));
      list.push({ partition: s.part.index, currentLeaderEpoch: s.leaderEpoch, leaderEpoch: epoch });
    }
    const resp = await conn.send(ApiKey.OffsetForLeaderEpoch, {
      replicaId: this.rm.localId,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    });
    for (const { s, epoch } of asked) {
      if (this.states.get(s.part.key) !== s || s.part.leaderEpoch !== s.leaderEpoch) continue;
      const r = resp.topics.find((t: any) => t.topic === s.part.name)?.partitions.find((p: any) => p.partition === s.part.index);
      if (!r || r.errorCode !== 0) {
        this.delay(s);
        continue;
      }
      const log = s.part.log;
      const leo = log.logEndOffset;
      let target: number;
      let complete = true;
      if (r.endOffset === UNDEFINED_EPOCH_OFFSET) {
        target = log.highWatermark;
      } else if (r.leaderEpoch === UNDEFINED_EPOCH) {
        target = Math.min(r.endOffset, leo);
      } else {
        const mine = log.endOffsetForEpoch(r.leaderEpoch);
        if (mine.endOffset === UNDEFINED_EPOCH_OFFSET) {
          target = Math.min(r.endOffset, leo);
        } else if (mine.epoch === r.leaderEpoch) {
          target = Math.min(r.endOffset, mine.endOffset);
        } else {
          // We never had the leader's epoch: cut to where our floor epoch ends and ask again.
          target = Math.min(mine.endOffset, leo);
          complete = false;
        }
      }
      if (target < leo) {
        engineLog('INFO', `[UnifiedLog partition=${s.part.name}-${s.part.index}] Truncating to offset ${target} (epoch ${epoch} ends at ${r.endOffset} on leader ${this.leaderId})`, LOGGER);
        log.truncateTo(target);
        this.engine.producers.forgetPartition(s.part.topic, s.part.p);
      }
      if (complete || target >= leo) this.truncated(s);
    }
  }

  private truncated(s: FetchState): void {
    s.truncating = false;
    s.delayedUntil = 0;
  }

  private async fetch(conn: BrokerConnection, states: FetchState[]): Promise<void> {
    const byTopic = new Map<string, FetchState[]>();
    for (const s of states) {
      let list = byTopic.get(s.part.name);
      if (!list) byTopic.set(s.part.name, (list = []));
      list.push(s);
    }
    const offsets = new Map(states.map((s) => [s, s.part.log.logEndOffset]));
    const partMax = this.config('replica.fetch.max.bytes');
    const resp = await conn.send(ApiKey.Fetch, {
      replicaId: this.rm.localId,
      maxWaitMs: this.config('replica.fetch.wait.max.ms'),
      minBytes: this.config('replica.fetch.min.bytes'),
      maxBytes: this.config('replica.fetch.response.max.bytes'),
      isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map((s) => ({
          partition: s.part.index, currentLeaderEpoch: s.leaderEpoch, fetchOffset: offsets.get(s)!,
          logStartOffset: s.part.log.logStartOffset, partitionMaxBytes: partMax,
        })),
      })),
      forgottenTopicsData: [], rackId: '',
    });
    let changed = false;
    for (const s of states) {
      // The partition may have moved on (new epoch, removed) while the fetch was in flight.
      if (this.states.get(s.part.key) !== s || s.part.leaderEpoch !== s.leaderEpoch || s.truncating) continue;
      const r = resp.responses.find((t: any) => t.topic === s.part.name)?.partitions.find((p: any) => p.partitionIndex === s.part.index);
      if (!r) continue;
      const log = s.part.log;
      if (log.logEndOffset !== offsets.get(s)) continue;
      if (r.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        await this.handleOutOfRange(conn, s);
        changed = true;
        continue;
      }
      if (r.errorCode !== 0) {
        // NOT_LEADER_OR_FOLLOWER, FENCED/UNKNOWN_LEADER_EPOCH, ...: wait for metadata to catch up.
        this.delay(s);
        continue;
      }
      const records: Buffer | null = r.records;
      // The batches, the leader's high watermark and log start in one SQLite commit: a commit is
      // most of the cost of a small append, and this runs once per fetch on every follower.
      try {
        this.engine.logs.transaction(() => {
          if (records && records.length > 0) {
            for (const b of splitBatches(records).batches) {
              // A batch we already have (the leader answers from the batch holding the offset).
              if (b.readBigInt64BE(0) < BigInt(log.logEndOffset)) continue;
              log.appendAsFollower(b);
              changed = true;
            }
          }
          if (log.updateHighWatermark(Math.min(r.highWatermark, log.logEndOffset))) changed = true;
          if (r.logStartOffset > log.logStartOffset) log.maybeIncrementLogStartOffset(r.logStartOffset);
        });
      } catch (e) {
        // Rolled back: the logs' in-memory offsets may be ahead of the database.
        this.engine.reloadAfterFailedWrite();
        throw e;
      }
    }
    if (changed) this.engine.afterCommit();
  }

  /** Kafka's handleOutOfRangeError: the leader's log end is behind ours, or its log start ahead. */
  private async handleOutOfRange(conn: BrokerConnection, s: FetchState): Promise<void> {
    const offsetOf = async (timestamp: number): Promise<number> => {
      const resp = await conn.send(ApiKey.ListOffsets, {
        replicaId: this.rm.localId, isolationLevel: 0,
        topics: [{ name: s.part.name, partitions: [{ partitionIndex: s.part.index, currentLeaderEpoch: s.leaderEpoch, timestamp, maxNumOffsets: 1 }] }],
      });
      const p = resp.topics[0]?.partitions[0];
      if (!p || p.errorCode !== 0) throw new Error(`ListOffsets for ${s.part.name}-${s.part.index} failed: error ${p?.errorCode}`);
      return p.offset;
    };
    const log = s.part.log;
    const leaderEnd = await offsetOf(LATEST_TIMESTAMP);
    if (leaderEnd < log.logEndOffset) {
      log.truncateTo(leaderEnd);
      return;
    }
    const leaderStart = await offsetOf(EARLIEST_TIMESTAMP);
    if (log.logEndOffset < leaderStart) log.truncateFullyAndStartAt(leaderStart);
    this.engine.producers.forgetPartition(s.part.topic, s.part.p);
  }
}
