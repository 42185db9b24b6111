// ListOffsets for consumers: earliest (-2), latest (-1) or by timestamp, for many partitions at
// once. Partitions are grouped by their leader (one request per leader, sent in parallel);
// retriable partition errors (NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION,
// LEADER_NOT_AVAILABLE, epoch errors, ...) refresh the metadata and retry after a backoff until
// the deadline. Other errors are returned per partition for the caller to judge.
import type { Cluster, TopicPartitions } from './cluster';
import { forEachAnswer, groupByLeader, groupByTopic, tpKey } from './partition-leaders';

export { tpKey };
import { ConnectionError } from './connection';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';
import { byDeadline } from '../util/by-deadline';

export { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP } from '../protocol/messages/list-offsets';

export const ISOLATION_READ_UNCOMMITTED = 0;
/** ListOffsets' replica id of a consumer (latest = high watermark). */
export const CONSUMER_REPLICA_ID = -1;
/** ListOffsets' replica id of a debugging tool: latest = the log end offset, and followers answer too. */
export const DEBUGGING_REPLICA_ID = -2;
export const ISOLATION_READ_COMMITTED = 1;

export interface OffsetQuery {
  topic: string;
  partition: number;
  /** LATEST_TIMESTAMP, EARLIEST_TIMESTAMP or a timestamp in ms. */
  timestamp: number;
}

export interface OffsetAnswer {
  /** -1 when nothing matches (a timestamp past the last record). */
  offset: number;
  timestamp: number;
  leaderEpoch: number;
}

export interface ListOffsetsOptions {
  isolationLevel?: number;
  /**
   * -1 (the default): a consumer, whose latest offset is the high watermark. DEBUGGING_REPLICA_ID
   * (-2) gets the log end offset instead (isolation level ignored), as a follower would.
   */
  replicaId?: number;
  /** Absolute time (ms) after which the call fails with a TimeoutError. */
  deadline: number;
  retryBackoffMs?: number;
  /** The name used in timeout messages (`Call: <name>`). */
  callName?: string;
}


const RETRIABLE = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.OFFSET_NOT_AVAILABLE,
]);

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Offsets for the queried partitions. Resolves with one answer per query (keyed by tpKey);
 * throws a KafkaError for a non-retriable partition error and a TimeoutError when the deadline
 * passes with partitions still unanswered.
 */
export async function listOffsets(cluster: Cluster, queries: readonly OffsetQuery[], opts: ListOffsetsOptions): Promise<Map<string, OffsetAnswer>> {
  const out = new Map<string, OffsetAnswer>();
  let pending = [...new Map(queries.map((q) => [tpKey(q.topic, q.partition), q])).values()];
  let backoff = opts.retryBackoffMs ?? 100;
  const callName = opts.callName ?? 'listOffsets';
  while (pending.length > 0) {
    const topics = [...new Set(pending.map((q) => q.topic))];
    const retry: OffsetQuery[] = [];
    let leaders: Map<string, TopicPartitions>;
    try {
      leaders = await cluster.topicPartitions(topics, opts.deadline, callName, false);
    } catch (e) {
      if (e instanceof TimeoutError || Date.now() >= opts.deadline) throw e;
      if (!(e instanceof ConnectionError) && !(e instanceof KafkaError && e.retriable)) throw e;
      await sleep(backoff);
      continue;
    }
    const { byLeader, leaderless } = groupByLeader(pending, leaders);
    retry.push(...leaderless);
    await Promise.all(
      [...byLeader.entries()].map(async ([leader, list]) => {
        let body: any;
        try {
          body = await sendListOffsets(cluster, leader, list, opts);
        } catch (e) {
          if (e instanceof ConnectionError || (e instanceof KafkaError && e.retriable)) {
            retry.push(...list);
            return;
          }
          throw e;
        }
        const seen = forEachAnswer(list, body.topics, (q, p: any, key) => {
          if (p.errorCode === ErrorCode.NONE) {
            out.set(key, { offset: p.offset, timestamp: p.timestamp, leaderEpoch: p.leaderEpoch ?? -1 });
          } else if (RETRIABLE.has(p.errorCode)) {
            retry.push(q);
          } else {
            throw KafkaError.from(p.errorCode);
          }
        });
        for (const q of list) if (!seen.has(tpKey(q.topic, q.partition))) retry.push(q);
      }),
    );
    pending = retry;
    if (pending.length === 0) break;
    if (Date.now() + backoff >= opts.deadline) {
      throw new TimeoutError(`Failed to get offsets by times in ${Math.max(0, opts.deadline - Date.now())}ms`);
    }
    await sleep(backoff);
    backoff = Math.min(backoff * 2, 1000);
  }
  return out;
}

/** One ListOffsets request to `leader` for `list` (grouped by topic). */
async function sendListOffsets(cluster: Cluster, leader: number, list: readonly OffsetQuery[], opts: ListOffsetsOptions): Promise<any> {
  const conn = await cluster.connectionTo(leader);
  return conn.send(ApiKey.ListOffsets, {
    replicaId: opts.replicaId ?? CONSUMER_REPLICA_ID,
    isolationLevel: opts.isolationLevel ?? ISOLATION_READ_UNCOMMITTED,
    topics: [...groupByTopic(list).entries()].map(([name, qs]) => ({
      name,
      partitions: qs.map((q) => ({ partitionIndex: q.partition, currentLeaderEpoch: -1, timestamp: q.timestamp })),
    })),
    timeoutMs: Math.min(2147483647, Math.max(0, opts.deadline - Date.now())),
  });
}

/**
 * One pass of ListOffsets over leaders the caller already knows (from its own Metadata): one
 * request per leader, no retries. For a view of the cluster as it is now (kafka-local status),
 * where a partition without a leader, or whose leader is unreachable, is reported rather than
 * waited for: each query gets its answer or the error its leader (or connection) gave.
 */
export async function listOffsetsOnce(
  cluster: Cluster, queries: readonly OffsetQuery[], leaders: ReadonlyMap<string, TopicPartitions>, opts: ListOffsetsOptions,
): Promise<Map<string, OffsetAnswer | KafkaError>> {
  const out = new Map<string, OffsetAnswer | KafkaError>();
  const { byLeader, leaderless } = groupByLeader(queries, leaders);
  for (const q of leaderless) out.set(tpKey(q.topic, q.partition), KafkaError.from(ErrorCode.LEADER_NOT_AVAILABLE));
  await Promise.all([...byLeader.entries()].map(async ([leader, list]) => {
    let body: any;
    try {
      // A stalled leader answers nothing: its partitions get a timeout, the others their answers.
      body = await byDeadline(sendListOffsets(cluster, leader, list, opts), opts.deadline, `ListOffsets to broker ${leader}`);
    } catch (e) {
      const err = e instanceof KafkaError ? e : KafkaError.from(ErrorCode.NETWORK_EXCEPTION, (e as Error).message);
      for (const q of list) out.set(tpKey(q.topic, q.partition), err);
      return;
    }
    forEachAnswer(list, body.topics, (_q, p: any, key) => {
      out.set(key, p.errorCode === ErrorCode.NONE
        ? { offset: Number(p.offset), timestamp: Number(p.timestamp), leaderEpoch: p.leaderEpoch ?? -1 }
        : KafkaError.from(p.errorCode));
    });
    for (const q of list) {
      const key = tpKey(q.topic, q.partition);
      if (!out.has(key)) out.set(key, KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
    }
  }));
  return out;
}
