// --describe: offsets (default) [--verbose], --members [--verbose] or --state [--verbose] of the
// selected groups (Kafka 4.4's ConsumerGroupService.describeGroups / collectGroupsOffsets /
// collectGroupsMembers / collectGroupsState). Groups are printed sorted by id (Kafka's TreeMap).
//
// Row order of the offsets view: members with assignments, most partitions first, each member's
// partitions by topic then partition; then committed partitions no member owns, sorted the same way.
import type { ConsumerGroupDescription, TopicPartition } from '../../client/group-admin';
import { compareTopicPartitions } from '../../client/group-admin';
import { tpKey } from '../../client/offsets';
import { committedOffsets, execution, LATEST, logOffsets, selectedGroupIds, type Context } from './context';
import {
  canonicalState, formatMembersTable, formatOffsetsTable, formatStateTable, MISSING, shouldPrintMemberState,
  type MemberAssignmentState, type PartitionAssignmentState, type Out,
} from './format';
import { jsonDocument, type JsonDescribedGroup } from './json';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { javaHashSetOrder, javaStringHashCode } from '../../util/java-hash';

/**
 * adminClient.describeConsumerGroups(...) then get() on each, in the result's java.util.HashMap
 * order: the first failure fails the describe (a group the coordinator does not know included).
 * With --output json an unknown group is reported in the document instead (state Dead), as
 * brokers before Kafka 4.0 described it. Sorted by group id.
 */
async function describeAll(ctx: Context, groupIds: readonly string[]): Promise<Map<string, ConsumerGroupDescription>> {
  const results = await ctx.groups.describeConsumerGroups(groupIds, ctx.timeoutMs);
  const out = new Map<string, ConsumerGroupDescription>();
  for (const id of javaHashSetOrder([...results.keys()], javaStringHashCode, 'incremental')) {
    const r = results.get(id)!;
    if (!r.ok) {
      if (ctx.json && r.error instanceof KafkaError && r.error.code === ErrorCode.GROUP_ID_NOT_FOUND) {
        out.set(id, { groupId: id, isSimpleConsumerGroup: false, members: [], partitionAssignor: '', type: 'Classic', state: 'Dead', coordinator: { nodeId: -1, host: '', port: -1, rack: null }, groupEpoch: null, targetAssignmentEpoch: null });
        continue;
      }
      throw execution(r.error);
    }
    out.set(id, r.value);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function lagOf(offset: number | null, logEndOffset: number | null): number | null {
  return offset !== null && offset !== -1 && logEndOffset !== null ? logEndOffset - offset : null;
}

async function collectOffsets(ctx: Context, d: ConsumerGroupDescription): Promise<PartitionAssignmentState[]> {
  const committed = await committedOffsets(ctx, d.groupId);
  const withAssignment = d.members
    .filter((m) => m.assignment.length > 0)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.assignment.length - a.m.assignment.length || a.i - b.i)
    .map((x) => x.m);
  const assigned = new Set<string>();
  const plan: { tp: TopicPartition; consumerId: string | null; host: string | null; clientId: string | null }[] = [];
  for (const m of withAssignment) {
    for (const tp of [...m.assignment].sort(compareTopicPartitions)) {
      assigned.add(tpKey(tp.topic, tp.partition));
      plan.push({ tp, consumerId: m.consumerId, host: m.host, clientId: m.clientId });
    }
  }
  const unassigned = [...committed.values()].filter((c) => !assigned.has(tpKey(c.tp.topic, c.tp.partition))).map((c) => c.tp).sort(compareTopicPartitions);
  for (const tp of unassigned) plan.push({ tp, consumerId: MISSING, host: MISSING, clientId: MISSING });
  const ends = await logOffsets(ctx, plan.map((p) => p.tp), LATEST);
  return plan.map((p) => {
    const c = committed.get(tpKey(p.tp.topic, p.tp.partition));
    const offset = c?.offset ?? null;
    const logEndOffset = ends.get(tpKey(p.tp.topic, p.tp.partition)) ?? null;
    return {
      group: d.groupId, topic: p.tp.topic, partition: p.tp.partition, leaderEpoch: c?.leaderEpoch ?? null, offset, logEndOffset,
      lag: lagOf(offset, logEndOffset), consumerId: p.consumerId, host: p.host, clientId: p.clientId,
    };
  });
}

function membersOf(d: ConsumerGroupDescription): MemberAssignmentState[] {
  return d.members.map((m) => ({
    group: d.groupId, consumerId: m.consumerId, host: m.host, clientId: m.clientId,
    groupInstanceId: m.groupInstanceId ?? '', numPartitions: m.assignment.length,
    assignment: [...m.assignment].sort(compareTopicPartitions),
    targetAssignment: [...(m.targetAssignment ?? [])].sort(compareTopicPartitions),
    currentEpoch: m.memberEpoch, targetEpoch: d.targetAssignmentEpoch, upgraded: m.upgraded,
  }));
}

/** Kafka's describeGroups. */
export async function describeGroups(ctx: Context): Promise<void> {
  const groupIds = await selectedGroupIds(ctx);
  const members = ctx.opts.has('members');
  const state = ctx.opts.has('state');
  const offsets = ctx.opts.has('offsets') || (!members && !state);
  const verbose = ctx.opts.has('verbose');
  const described = await describeAll(ctx, groupIds);
  const out: Out = ctx.io;
  const json: JsonDescribedGroup[] = [];

  if (offsets) {
    // Collect everything first (Kafka does), then print.
    const collected: [ConsumerGroupDescription, PartitionAssignmentState[]][] = [];
    for (const d of described.values()) collected.push([d, await collectOffsets(ctx, d)]);
    for (const [d, rows] of collected) {
      if (ctx.json) {
        json.push(jsonGroup(d, {
          offsets: rows.map((r) => ({
            topic: r.topic, partition: r.partition, currentOffset: r.offset, logEndOffset: r.logEndOffset, lag: r.lag,
            consumerId: nullIfMissing(r.consumerId), host: nullIfMissing(r.host), clientId: nullIfMissing(r.clientId),
          })),
        }));
      } else if (shouldPrintMemberState(out, d.groupId, canonicalState(d.state), rows.length)) {
        out.stdout(formatOffsetsTable(rows, verbose));
      }
    }
  } else if (members) {
    for (const d of described.values()) {
      const rows = membersOf(d);
      if (ctx.json) {
        json.push(jsonGroup(d, {
          members: rows.map((m) => ({
            consumerId: m.consumerId, groupInstanceId: m.groupInstanceId === '' ? null : m.groupInstanceId,
            host: m.host, clientId: m.clientId, partitions: m.numPartitions,
            ...(verbose ? { assignment: m.assignment.map((tp) => ({ topic: tp.topic, partition: tp.partition })) } : {}),
          })),
        }));
      } else {
        // Kafka prints the header whatever the state; the rows only for a group it describes.
        const described = shouldPrintMemberState(out, d.groupId, canonicalState(d.state), rows.length);
        out.stdout(formatMembersTable(rows, verbose, described));
      }
    }
  } else {
    for (const d of described.values()) {
      const row = {
        group: d.groupId,
        coordinator: { host: d.coordinator.host, port: d.coordinator.port, id: d.coordinator.nodeId },
        assignmentStrategy: d.partitionAssignor,
        state: canonicalState(d.state),
        numMembers: d.members.length,
        groupEpoch: d.groupEpoch,
        targetAssignmentEpoch: d.targetAssignmentEpoch,
      };
      if (ctx.json) {
        json.push(jsonGroup(d, {
          coordinator: { id: row.coordinator.id, host: row.coordinator.host, port: row.coordinator.port },
          assignmentStrategy: row.assignmentStrategy, members: row.numMembers,
        }));
      } else if (shouldPrintMemberState(out, d.groupId, canonicalState(d.state), 1)) {
        out.stdout(formatStateTable(row, verbose));
      }
    }
  }
  if (ctx.json) out.stdout(jsonDocument(json));
}

function nullIfMissing(v: string | null): string | null {
  return v === null || v === MISSING ? null : v;
}

function jsonGroup(d: ConsumerGroupDescription, view: Omit<JsonDescribedGroup, 'group' | 'state' | 'error'>): JsonDescribedGroup {
  const state = canonicalState(d.state);
  if (state === 'Dead') return { group: d.groupId, state, error: `Consumer group '${d.groupId}' does not exist.` };
  return { group: d.groupId, state, error: null, ...view };
}
