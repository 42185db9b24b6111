// What every kafka-consumer-groups action works with, and the admin look-ups several share.
import type { ToolIO } from '../../cli/io';
import { formatLogLine } from '../../cli/log';
import type { OptionSet } from '../../cli/options';
import type { Admin } from '../../client/admin';
import type { Cluster } from '../../client/cluster';
import type { GroupAdmin, TopicPartition } from '../../client/group-admin';
import { listOffsets, tpKey } from '../../client/offsets';
import { runtime } from './java-errors';

export { execution, javaString, runtime } from './java-errors';

export const LOGGER = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

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

/** The group's committed offsets (Kafka's getCommittedOffsets): tpKey -> offset (null: none). */
export async function committedOffsets(ctx: Context, groupId: string): Promise<Map<string, { tp: TopicPartition; offset: number | null }>> {
  try {
    const list = await ctx.groups.listConsumerGroupOffsets(groupId, ctx.timeoutMs);
    return new Map(list.map((c) => [tpKey(c.topic, c.partition), { tp: { topic: c.topic, partition: c.partition }, offset: c.offset }]));
  } catch (e) {
    throw runtime(e);
  }
}

export const LATEST = -1;
export const EARLIEST = -2;

/**
 * Log offsets (latest, earliest or by timestamp) for these partitions: tpKey -> offset. A
 * partition the cluster does not have is absent (Kafka's `Unknown`); a timestamp nothing matches
 * gives -1.
 */
export async function logOffsets(cluster: Cluster, tps: readonly TopicPartition[], timestamp: number, timeoutMs: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (tps.length === 0) return out;
  const deadline = Date.now() + timeoutMs;
  try {
    const topics = [...new Set(tps.map((tp) => tp.topic))];
    const md = await cluster.topicPartitions(topics, deadline, 'listOffsets');
    const existing = tps.filter((tp) => {
      const t = md.get(tp.topic);
      return t !== undefined && t.errorCode === 0 && t.partitions.some((p) => p.partition === tp.partition);
    });
    if (existing.length === 0) return out;
    const answers = await listOffsets(cluster, existing.map((tp) => ({ topic: tp.topic, partition: tp.partition, timestamp })), { deadline, callName: 'listOffsets' });
    for (const [k, a] of answers) out.set(k, a.offset);
    return out;
  } catch (e) {
    throw runtime(e);
  }
}
