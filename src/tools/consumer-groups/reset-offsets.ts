// --reset-offsets (Kafka 4.4's ConsumerGroupService.resetOffsets and GroupOffsetsResetter):
// only groups without active members (state Empty, or unknown) are reset; the plan is printed
// (dry run, the default) or committed with --execute, then shown as a table or CSV.
// Kafka keeps groups and each group's plan in java.util.HashMaps and prints them in their order
// (by group id hash, then by TopicPartition hash); so do we, and its WARN lines likewise.
import * as fs from 'node:fs';
import { JavaException, UsageError } from '../../cli/errors';
import { javaHashSetOrder, javaStringHashCode, javaTopicPartitionHashCode } from '../../util/java-hash';
import { formatLogLine } from '../../cli/log';
import { KafkaError, UnknownTopicOrPartitionError } from '../../protocol/errors';
import { parseJavaInteger } from '../../cli/options';
import type { TopicPartition } from '../../client/group-admin';
import { compareTopicPartitions, tpString } from '../../client/group-admin';
import { tpKey } from '../../client/offsets';
import { committedOffsets, describeTopicPartitions, EARLIEST, LATEST, logOffsets, runtime, selectedGroupIds, type Context } from './context';
import { formatResetCsv, formatResetTable, printError, type ResetRow } from './format';
import { missingScenarioMessage } from './options';
import { parseDateTime, parseDuration } from './time-parse';

/** Java's String.split(sep): trailing empty strings removed. */
function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** `topic:0,2` -> its partitions (IllegalArgumentException texts of Kafka, without 3.8's stray quote). */
export function parseTopicWithPartitions(arg: string): TopicPartition[] {
  const arr = javaSplit(arg, ':');
  if (arr.length !== 2) throw new UsageError(`Invalid topic arg '${arg}', expected topic name and partitions`);
  return javaSplit(arr[1], ',').map((p) => {
    const n = parseJavaInteger(p, 32);
    if (n === undefined) throw new UsageError(`Invalid partition '${p}' specified in topic arg '${arg}'`);
    return { topic: arr[0], partition: n };
  });
}

type Plan = Map<string, { tp: TopicPartition; offset: number }>;

function planOf(entries: Iterable<[TopicPartition, number]>): Plan {
  const out: Plan = new Map();
  for (const [tp, offset] of entries) out.set(tpKey(tp.topic, tp.partition), { tp, offset });
  return out;
}

type CsvColumn = { name: 'group' | 'topic' | 'partition' | 'offset'; type: 'String' | 'int' | 'long' };
const CSV_NO_GROUP: CsvColumn[] = [{ name: 'topic', type: 'String' }, { name: 'partition', type: 'int' }, { name: 'offset', type: 'long' }];
const CSV_WITH_GROUP: CsvColumn[] = [{ name: 'group', type: 'String' }, ...CSV_NO_GROUP];

interface CsvRecord { group: string | null; topic: string | null; partition: number; offset: number }

/**
 * One line read as Kafka's CsvUtils record (Jackson CSV, columns in schema order): values are
 * bound in order, a missing trailing column keeps its default, a bad number or an extra column
 * fails with Jackson's exception (its first line: the location lines that follow are not kept).
 */
function readCsvRecord(line: string, columns: readonly CsvColumn[]): CsvRecord {
  const rec: CsvRecord = { group: null, topic: null, partition: 0, offset: 0 };
  line.split(',').forEach((v, i) => {
    if (i >= columns.length) {
      throw new JavaException('com.fasterxml.jackson.dataformat.csv.CsvReadException',
        `Too many entries: expected at most ${columns.length} (value #${i} (${v.length} chars) "${v}")`);
    }
    const c = columns[i];
    if (c.type === 'String') {
      rec[c.name as 'group' | 'topic'] = v;
      return;
    }
    const n = v.trim() === '' ? 0 : parseJavaInteger(v.trim(), c.type === 'int' ? 32 : 64);
    if (n === undefined) {
      throw new JavaException('com.fasterxml.jackson.databind.exc.InvalidFormatException',
        `Cannot deserialize value of type \`${c.type}\` from String "${v}": not a valid \`${c.type}\` value`);
    }
    rec[c.name as 'partition' | 'offset'] = n;
  });
  return rec;
}

/**
 * resetPlanFromFile / parseResetPlan: group -> plan. The file is `topic,partition,offset` when one
 * --group is given and its first line reads as such, else `group,topic,partition,offset`. Kafka
 * reads the file again each time it needs the plan.
 */
function readResetPlan(ctx: Context): Map<string, Plan> {
  const path = ctx.opts.stringValueOf('from-file')!;
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    // Utils.readFileAsString's IOException, wrapped in a RuntimeException by resetPlanFromFile.
    throw new JavaException('java.lang.RuntimeException', `java.io.IOException: Unable to read file ${path}`);
  }
  const lines = javaSplit(text, '\n');
  const groups = ctx.opts.stringValuesOf('group');
  let isOldFormat = false;
  if (lines.length > 0) {
    try {
      readCsvRecord(lines[0], CSV_NO_GROUP);
      isOldFormat = true;
    } catch {
      // not the one-group format
    }
  }
  const out = new Map<string, Plan>();
  const single = groups.length === 1 && isOldFormat;
  for (const line of lines) {
    let rec: CsvRecord;
    try {
      rec = readCsvRecord(line, single ? CSV_NO_GROUP : CSV_WITH_GROUP);
    } catch (e) {
      throw new JavaException('java.lang.RuntimeException', String(e));
    }
    const group = single ? groups[0] : String(rec.group);
    let plan = out.get(group);
    if (!plan) out.set(group, (plan = new Map()));
    const tp = { topic: String(rec.topic), partition: rec.partition };
    plan.set(tpKey(tp.topic, tp.partition), { tp, offset: rec.offset });
  }
  return out;
}

const RESETTER_LOGGER = 'org.apache.kafka.tools.GroupOffsetsResetter';

/** A java.util.HashMap<TopicPartition, ...>'s iteration order of these partitions. */
function tpHashOrder<T extends { tp: TopicPartition }>(entries: readonly T[]): T[] {
  return javaHashSetOrder(entries, (e) => javaTopicPartitionHashCode(e.tp.topic, e.tp.partition), 'incremental');
}

class ResetService {
  constructor(private readonly ctx: Context) {}

  private usage(message: string): never {
    throw new UsageError(message);
  }

  /** getPartitionsToReset */
  private async partitionsToReset(groupId: string): Promise<TopicPartition[]> {
    const opts = this.ctx.opts;
    if (opts.has('all-topics')) {
      return [...(await committedOffsets(this.ctx, groupId)).values()].map((c) => c.tp);
    }
    if (opts.has('topic')) {
      const args = opts.stringValuesOf('topic');
      const specified = args.filter((a) => a.includes(':')).flatMap(parseTopicWithPartitions);
      const topics = args.filter((a) => !a.includes(':'));
      const unspecified: TopicPartition[] = [];
      // describeTopics(...).allTopicNames().get(): the first failed topic fails the reset, its
      // cause (a KafkaException) rethrown as it is.
      for (const [topic, t] of await describeTopicPartitions(this.ctx, topics)) {
        if (!t.ok) throw t.error;
        for (const partition of t.partitions) unspecified.push({ topic, partition });
      }
      return [...specified, ...unspecified];
    }
    if (!opts.has('from-file')) this.usage('One of the reset scopes should be defined: --all-topics, --topic.');
    return [];
  }

  /** checkAllTopicPartitionsValid: every partition must exist and have a leader. */
  private async checkAllTopicPartitionsValid(tps: readonly TopicPartition[]): Promise<void> {
    if (tps.length === 0) return;
    const described = await describeTopicPartitions(this.ctx, [...new Set(tps.map((tp) => tp.topic))]);
    const existing = new Set<string>();
    for (const [topic, t] of described) {
      // allTopicNames().get() failing: wrapped in a RuntimeException.
      if (!t.ok) throw runtime(t.error);
      for (const p of t.partitions) existing.add(tpKey(topic, p));
    }
    const missing = tps.filter((tp) => !existing.has(tpKey(tp.topic, tp.partition)));
    if (missing.length > 0) throw new UnknownTopicOrPartitionError(`The partitions "${missing.map(tpString).join(',')}" do not exist`);
  }

  /** checkOffsetsRange: clamp to [log start, log end] with Kafka's WARN lines. */
  private async checkOffsetsRange(requested: Plan): Promise<Plan> {
    const entries = tpHashOrder([...requested.values()]);
    const tps = entries.map((r) => r.tp);
    const starts = await logOffsets(this.ctx, tps, EARLIEST);
    const ends = await logOffsets(this.ctx, tps, LATEST);
    const out: Plan = new Map();
    for (const { tp, offset } of entries) {
      const k = tpKey(tp.topic, tp.partition);
      const end = ends.get(k);
      const start = starts.get(k);
      let v = offset;
      if (end !== undefined && offset > end) {
        this.warn(`New offset (${offset}) is higher than latest offset for topic partition ${tpString(tp)}. Value will be set to ${end}.`);
        v = end;
      } else if (start !== undefined && offset < start) {
        this.warn(`New offset (${offset}) is lower than earliest offset for topic partition ${tpString(tp)}. Value will be set to ${start}.`);
        v = start;
      }
      out.set(k, { tp, offset: v });
    }
    return out;
  }

  private warn(message: string): void {
    this.ctx.io.stderr(`${formatLogLine('WARN', message, RESETTER_LOGGER)}\n`);
  }

  private async fromLog(tps: TopicPartition[], timestamp: number, what: string): Promise<Plan> {
    const offsets = await logOffsets(this.ctx, tps, timestamp);
    return planOf(tps.map((tp) => {
      const o = offsets.get(tpKey(tp.topic, tp.partition));
      if (o === undefined) this.usage(`Error getting ${what} offset of topic partition: ${tpString(tp)}`);
      return [tp, o];
    }));
  }

  /** getLogTimestampOffsets: partitions with nothing at or after the time fall back to their end. */
  private async byTimestamp(tps: TopicPartition[], timestamp: number): Promise<Plan> {
    const found = await logOffsets(this.ctx, tps, timestamp);
    const fallback = tpHashOrder(tps.filter((tp) => found.get(tpKey(tp.topic, tp.partition)) === -1).map((tp) => ({ tp }))).map((e) => e.tp);
    for (const tp of fallback) {
      this.ctx.io.stdout(`\nWarn: Partition ${tp.partition} from topic ${tp.topic} is empty. Falling back to latest known offset.\n`);
    }
    const ends = await logOffsets(this.ctx, fallback, LATEST);
    return planOf(tps.map((tp) => {
      const k = tpKey(tp.topic, tp.partition);
      const o = found.get(k) === -1 ? ends.get(k) : found.get(k);
      if (o === undefined) this.usage(`Error getting offset by timestamp of topic partition: ${tpString(tp)}`);
      return [tp, o];
    }));
  }

  /** prepareOffsetsToReset */
  private async prepare(groupId: string, tps: TopicPartition[]): Promise<Plan> {
    await this.checkAllTopicPartitionsValid(tps);
    const opts = this.ctx.opts;
    if (opts.has('to-offset')) {
      const offset = opts.numberValueOf('to-offset')!;
      return this.checkOffsetsRange(planOf(tps.map((tp) => [tp, offset])));
    }
    if (opts.has('to-earliest')) return this.fromLog(tps, EARLIEST, 'starting');
    if (opts.has('to-latest')) return this.fromLog(tps, LATEST, 'ending');
    if (opts.has('shift-by')) {
      const committed = await committedOffsets(this.ctx, groupId);
      const shift = opts.numberValueOf('shift-by')!;
      return this.checkOffsetsRange(planOf(tps.map((tp) => {
        const current = committed.get(tpKey(tp.topic, tp.partition))?.offset;
        if (current === undefined || current === null) {
          this.usage(`Cannot shift offset for partition ${tpString(tp)} since there is no current committed offset`);
        }
        return [tp, current + shift];
      })));
    }
    if (opts.has('to-datetime')) return this.byTimestamp(tps, parseDateTime(opts.stringValueOf('to-datetime')!));
    if (opts.has('by-duration')) return this.byTimestamp(tps, Date.now() - parseDuration(opts.stringValueOf('by-duration')!));
    if (opts.has('from-file')) {
      readResetPlan(this.ctx); // resetPlanFromFile().isPresent()
      const plan = readResetPlan(this.ctx).get(groupId);
      if (!plan) {
        printError(this.ctx.io, `No reset plan for group ${groupId} found.`);
        return new Map();
      }
      return this.checkOffsetsRange(plan);
    }
    if (opts.has('to-current')) {
      const committed = await committedOffsets(this.ctx, groupId);
      const without = tps.filter((tp) => !committed.has(tpKey(tp.topic, tp.partition)));
      const ends = await this.fromLog(without, LATEST, 'ending');
      return planOf(tps.map((tp) => {
        const k = tpKey(tp.topic, tp.partition);
        const c = committed.get(k);
        // A listed partition without an offset (null) is "committed" for Kafka too, and
        // new OffsetAndMetadata(null.offset()) fails there; we fall back to the log end instead.
        return [tp, c ? (c.offset ?? ends.get(k)?.offset ?? -1) : ends.get(k)!.offset];
      }));
    }
    this.usage(missingScenarioMessage(opts));
  }

  /** resetOffsetsForInactiveGroup: the plan, committed unless a dry run. */
  private async resetInactive(groupId: string): Promise<Plan> {
    const tps = await this.partitionsToReset(groupId);
    const prepared = await this.prepare(groupId, tps);
    const dryRun = this.ctx.opts.has('dry-run') || !this.ctx.opts.has('execute');
    if (!dryRun) {
      // alterConsumerGroupOffsets(...).all().get(): its cause rethrown as it is.
      await this.ctx.groups.alterConsumerGroupOffsets(groupId, [...prepared.values()].map((p) => ({ ...p.tp, offset: p.offset })), this.ctx.timeoutMs);
    }
    return prepared;
  }

  /** resetOffsets: group -> its plan (empty for a group that was not reset), in HashMap order. */
  async run(): Promise<Map<string, Plan>> {
    const groupIds = await selectedGroupIds(this.ctx);
    const described = await this.ctx.groups.describeConsumerGroups(groupIds, this.ctx.timeoutMs);
    const result = new Map<string, Plan>();
    for (const groupId of javaHashSetOrder([...described.keys()], javaStringHashCode, 'incremental')) {
      const d = described.get(groupId)!;
      if (!d.ok) {
        // A group the coordinator does not know is inactive too.
        if (d.error instanceof KafkaError && d.error.errorName === 'GROUP_ID_NOT_FOUND') {
          result.set(groupId, await this.resetInactive(groupId));
          continue;
        }
        throw runtime(d.error);
      }
      const state = d.value.state;
      if (state === 'Empty' || state === 'Dead') {
        result.set(groupId, await this.resetInactive(groupId));
      } else {
        printError(this.ctx.io, `Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${state}.`);
        result.set(groupId, new Map());
      }
    }
    return result;
  }
}

export async function resetOffsets(ctx: Context): Promise<void> {
  const result = await new ResetService(ctx).run();
  const groups = javaHashSetOrder([...result.keys()], javaStringHashCode, 'incremental');
  const rows: ResetRow[] = [];
  for (const group of groups) {
    for (const { tp, offset } of tpHashOrder([...result.get(group)!.values()])) {
      rows.push({ group, topic: tp.topic, partition: tp.partition, offset });
    }
  }
  if (ctx.opts.has('export')) {
    ctx.io.stdout(formatResetCsv(rows, ctx.opts.stringValuesOf('group').length !== 1));
  } else {
    ctx.io.stdout(formatResetTable(groups, rows));
  }
}
