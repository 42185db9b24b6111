// What every kafka-consumer-groups action works with, and the admin look-ups several share.
import type { ToolIO } from '../../cli/io';
import { formatLogLine } from '../../cli/log';
import type { OptionSet } from '../../cli/options';
import type { Admin } from '../../client/admin';
import { javaHashSetOrder, javaTopicPartitionHashCode } from '../../util/java-hash';
import { tpString, type GroupAdmin, type TopicPartition } from '../../client/group-admin';
import { listOffsets, tpKey } from '../../client/offsets';
import { ErrorCode, KafkaError, TimeoutError, UnknownTopicOrPartitionError } from '../../protocol/errors';
import { runtime } from './java-errors';

export { execution, javaString, runtime } from './java-errors';

export const LOGGER = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
const PARTITION_LEADER_STRATEGY = 'org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy';

export interface Context {
  opts: OptionSet;
  io: ToolIO;
  admin: Admin;
  groups: GroupAdmin;
  /** --timeout: each admin call's timeout. */
  timeoutMs: number;
  /** --output json */
  json: boolean;
}

export function warn(ctx: Context, message: string): void {
  ctx.io.stderr(`${formatLogLine('WARN', message, LOGGER)}\n`);
}

/** The ids --group / --all-groups select (Kafka's listConsumerGroups for --all-groups). */
export async function selectedGroupIds(ctx: Context): Promise<string[]> {
  if (ctx.opts.has('all-groups')) {
    try {
      return (await ctx.groups.listConsumerGroups(ctx.timeoutMs)).map((l) => l.groupId);
    } catch (e) {
      throw runtime(e);
    }
  }
  return ctx.opts.stringValuesOf('group');
}

/** The group's committed offsets (Kafka's getCommittedOffsets): tpKey -> offset (null: none) and its leader epoch. */
export async function committedOffsets(ctx: Context, groupId: string): Promise<Map<string, { tp: TopicPartition; offset: number | null; leaderEpoch: number | null }>> {
  try {
    const list = await ctx.groups.listConsumerGroupOffsets(groupId, ctx.timeoutMs);
    return new Map(list.map((c) => [tpKey(c.topic, c.partition), {
      tp: { topic: c.topic, partition: c.partition }, offset: c.offset, leaderEpoch: c.leaderEpoch >= 0 ? c.leaderEpoch : null,
    }]));
  } catch (e) {
    throw runtime(e);
  }
}

export const LATEST = -1;
export const EARLIEST = -2;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** java TopicPartition.hashCode(). */
function topicPartitionHash(tp: TopicPartition): number {
  return javaTopicPartitionHashCode(tp.topic, tp.partition);
}

/**
 * Log offsets (latest, earliest or by timestamp) for these partitions: tpKey -> offset; a
 * timestamp nothing matches gives -1. As Java's Admin.listOffsets (PartitionLeaderStrategy with
 * unknown topics not tolerated): a topic the cluster does not know fails its partitions at once
 * (logged at ERROR), a partition missing from a known topic is looked up again until the
 * --timeout passes; the call then fails with the error of the first failed partition in the
 * java.util.HashMap order of the request, wrapped as getLogOffsets wraps it.
 */
export async function logOffsets(ctx: Context, tps: readonly TopicPartition[], timestamp: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (tps.length === 0) return out;
  const cluster = ctx.admin.cluster;
  const deadline = Date.now() + ctx.timeoutMs;
  try {
    // The lookup stage (Metadata): a known partition with a leader is mapped; a topic the cluster
    // does not know fails for good; anything else is looked up again until the deadline.
    const failed = new Map<string, Error>();
    const mapped: TopicPartition[] = [];
    let pending = [...tps];
    let backoff = 100;
    for (;;) {
      const md = await cluster.topicPartitions([...new Set(pending.map((tp) => tp.topic))], deadline, 'listOffsets(api=METADATA)');
      const retry: TopicPartition[] = [];
      const unknownTopics = new Set<string>();
      for (const tp of pending) {
        const t = md.get(tp.topic);
        if (t?.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
          unknownTopics.add(tp.topic);
          failed.set(tpKey(tp.topic, tp.partition), new UnknownTopicOrPartitionError(
            `Failed to fetch metadata for partition ${tpString(tp)} because metadata for topic \`${tp.topic}\` could not be found`));
        } else if (t?.errorCode === ErrorCode.NONE && t.partitions.some((p) => p.partition === tp.partition && p.leader >= 0)) {
          mapped.push(tp);
        } else {
          retry.push(tp);
        }
      }
      for (const topic of unknownTopics) {
        ctx.io.stderr(`${formatLogLine('ERROR', `${cluster.opts.logPrefix}Received unknown topic error for topic ${topic}`, PARTITION_LEADER_STRATEGY)}\n`);
        ctx.io.stderr(`${KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).javaString()}\n`);
      }
      pending = retry;
      if (pending.length === 0) break;
      if (Date.now() + backoff >= deadline) {
        await sleep(deadline - Date.now());
        for (const tp of pending) {
          failed.set(tpKey(tp.topic, tp.partition), new TimeoutError('Timed out waiting for a node assignment. Call: listOffsets(api=METADATA)'));
        }
        break;
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 1000);
    }
    if (mapped.length > 0) {
      const answers = await listOffsets(cluster, mapped.map((tp) => ({ topic: tp.topic, partition: tp.partition, timestamp })), { deadline, callName: 'listOffsets(api=LIST_OFFSETS)' });
      for (const [k, a] of answers) out.set(k, a.offset);
    }
    if (failed.size > 0) {
      const first = javaHashSetOrder([...tps], topicPartitionHash, 'incremental').find((tp) => failed.has(tpKey(tp.topic, tp.partition)))!;
      throw failed.get(tpKey(first.topic, first.partition));
    }
    return out;
  } catch (e) {
    throw runtime(e);
  }
}

/** A topic's partitions, or the error its describeTopics future fails with. */
export type TopicPartitionsResult = { ok: true; partitions: number[] } | { ok: false; error: KafkaError };

/**
 * Admin.describeTopics(names, withTimeoutMs(...)): per topic, its partitions or its error. Bounded
 * by --timeout like Kafka's call; when the cluster cannot be reached every topic fails with the
 * TimeoutException of Java's call (`describeTopicPartitions`, the API a 3.9+ broker answers).
 */
export async function describeTopicPartitions(ctx: Context, names: readonly string[]): Promise<Map<string, TopicPartitionsResult>> {
  const out = new Map<string, TopicPartitionsResult>();
  if (names.length === 0) return out;
  let md: Map<string, { errorCode: number; partitions: { partition: number }[] }>;
  try {
    md = await ctx.admin.cluster.topicPartitions([...new Set(names)], Date.now() + ctx.timeoutMs, 'describeTopicPartitions');
  } catch (e) {
    const error = KafkaError.wrap(e);
    for (const n of names) out.set(n, { ok: false, error });
    return out;
  }
  for (const n of names) {
    const t = md.get(n);
    if (t === undefined) out.set(n, { ok: false, error: KafkaError.from(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) });
    else if (t.errorCode !== ErrorCode.NONE) out.set(n, { ok: false, error: KafkaError.from(t.errorCode) });
    else out.set(n, { ok: true, partitions: t.partitions.map((p) => p.partition) });
  }
  return out;
}
