// Admin.deleteRecords: move partitions' log start offsets (DeleteRecords, API 21), as the Java
// admin client's DeleteRecordsHandler does: leaders from metadata (unknown topics and partitions
// without a leader are looked up again until the deadline), one request per leader, retriable and
// leadership errors retried, any other partition error final (logged at ERROR, as Kafka does).
import type { Cluster } from './cluster';
import { ConnectionError } from './connection';
import { tpKey } from './offsets';
import { forEachAnswer, groupByLeader, groupByTopic } from './partition-leaders';
import { ApiKey } from '../protocol/apis';
import { ErrorCode, KafkaError, TimeoutError } from '../protocol/errors';

export interface RecordsToDelete {
  topic: string;
  partition: number;
  /** Delete everything before this offset; -1 = up to the high watermark. */
  beforeOffset: number;
}

/** Per `tpKey(topic, partition)`: the new low watermark, or the partition's error. */
export type DeleteRecordsResult = Map<string, { lowWatermark: number } | KafkaError>;

export interface DeleteRecordsOptions {
  /** Absolute time (ms) after which unfinished partitions fail with a TimeoutError. */
  deadline: number;
  retryBackoffMs?: number;
  /** Log sink for the ERROR lines Kafka's handler writes (message already prefixed by the caller). */
  log?: (level: 'ERROR', message: string, logger: string) => void;
  logPrefix?: string;
}

const RETRY = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.REPLICA_NOT_AVAILABLE, ErrorCode.KAFKA_STORAGE_ERROR, ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.FENCED_LEADER_EPOCH, ErrorCode.UNKNOWN_LEADER_EPOCH, ErrorCode.BROKER_NOT_AVAILABLE,
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function deleteRecords(cluster: Cluster, records: readonly RecordsToDelete[], opts: DeleteRecordsOptions): Promise<DeleteRecordsResult> {
  const out: DeleteRecordsResult = new Map();
  let pending = [...records];
  let backoff = opts.retryBackoffMs ?? 100;
  let lookups = 0;
  const lookupName = 'deleteRecords(api=METADATA)';
  while (pending.length > 0) {
    if (Date.now() >= opts.deadline) {
      for (const r of pending) out.set(tpKey(r.topic, r.partition), new TimeoutError(`Timed out waiting for a node assignment. Call: ${lookupName}`));
      break;
    }
    if (lookups++ > 0) await sleep(Math.min(backoff, Math.max(0, opts.deadline - Date.now())));
    backoff = Math.min(backoff * 2, 1000);
    let leaders;
    try {
      leaders = await cluster.topicPartitions([...new Set(pending.map((r) => r.topic))], opts.deadline, lookupName, false);
    } catch (e) {
      if (e instanceof TimeoutError) {
        for (const r of pending) out.set(tpKey(r.topic, r.partition), e);
        break;
      }
      if (e instanceof ConnectionError || (e instanceof KafkaError && e.retriable)) continue;
      throw e;
    }
    const retry: RecordsToDelete[] = [];
    const { byLeader, leaderless } = groupByLeader(pending, leaders);
    retry.push(...leaderless);
    await Promise.all([...byLeader.entries()].map(async ([leader, list]) => {
      let body: any;
      try {
        const conn = await cluster.connectionTo(leader);
        body = await conn.send(ApiKey.DeleteRecords, {
          topics: [...groupByTopic(list).entries()].map(([name, rs]) => ({ name, partitions: rs.map((r) => ({ partitionIndex: r.partition, offset: r.beforeOffset })) })),
          timeoutMs: Math.max(0, Math.min(0x7fffffff, opts.deadline - Date.now())),
        });
      } catch (e) {
        if (e instanceof ConnectionError || (e instanceof KafkaError && e.retriable)) { retry.push(...list); return; }
        throw e;
      }
      const answered = forEachAnswer(list, body.topics, (r, p: any, key) => {
        if (p.errorCode === ErrorCode.NONE) {
          out.set(key, { lowWatermark: Number(p.lowWatermark) });
        } else if (RETRY.has(p.errorCode) || KafkaError.from(p.errorCode).retriable) {
          retry.push(r);
        } else {
          const err = KafkaError.from(p.errorCode);
          opts.log?.('ERROR', `${opts.logPrefix ?? ''}DeleteRecords request for topic partition ${r.topic}-${r.partition} failed due to an unexpected error ${err.errorName}`, 'org.apache.kafka.clients.admin.internals.DeleteRecordsHandler');
          out.set(key, err);
        }
      });
      for (const r of list) {
        if (!answered.has(tpKey(r.topic, r.partition))) {
          out.set(tpKey(r.topic, r.partition), new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `The response from broker ${leader} did not contain a result for topic partition ${r.topic}-${r.partition}`));
        }
      }
    }));
    pending = retry;
  }
  return out;
}
