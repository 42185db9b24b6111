// --delete (ConsumerGroupService.deleteGroups) and --delete-offsets (deleteOffsets).
// Groups in messages come in java.util.HashMap order, as Kafka iterates its result maps.
import { javaHashSetOrder, javaStringHashCode } from '../../util/java-hash';
import { tpString, type TopicPartition } from '../../client/group-admin';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { describeTopicPartitions, execution, javaString, selectedGroupIds, type Context } from './context';
import { formatDeleteOffsetsTable, printError, quotedList, type DeleteOffsetsRow } from './format';
import { parseTopicWithPartitions } from './reset-offsets';

function hashOrder(ids: readonly string[]): string[] {
  return javaHashSetOrder(ids, javaStringHashCode, 'incremental');
}

export async function deleteGroups(ctx: Context): Promise<void> {
  const groupIds = await selectedGroupIds(ctx);
  const results = await ctx.groups.deleteConsumerGroups(groupIds, ctx.timeoutMs);
  const success: string[] = [];
  const failed = new Map<string, Error>();
  for (const [g, r] of results) {
    if (r.ok) success.push(g);
    else failed.set(g, r.error);
  }
  if (failed.size === 0) {
    ctx.io.stdout(`Deletion of requested consumer groups (${quotedList(hashOrder(success))}) was successful.\n`);
    return;
  }
  printError(ctx.io, 'Deletion of some consumer groups failed:');
  for (const g of hashOrder([...failed.keys()])) {
    ctx.io.stdout(`* Group '${g}' could not be deleted due to: ${javaString(execution(failed.get(g)))}\n`);
  }
  if (success.length > 0) ctx.io.stdout(`\nThese consumer groups were deleted successfully: ${quotedList(hashOrder(success))}\n`);
}

const PARTITION_LEVEL = new Set<number>([ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.TOPIC_AUTHORIZATION_FAILED, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);

export async function deleteOffsets(ctx: Context): Promise<void> {
  const groupId = ctx.opts.stringValueOf('group')!;
  const topics = ctx.opts.stringValuesOf('topic');
  const rows: DeleteOffsetsRow[] = [];
  const known = topics.filter((t) => t.includes(':')).flatMap(parseTopicWithPartitions);
  const whole = [...new Set(topics.filter((t) => !t.includes(':')))];
  const partitions = new Map<string, TopicPartition>(known.map((tp) => [tpString(tp), tp]));
  for (const [topic, t] of await describeTopicPartitions(ctx, whole)) {
    if (!t.ok) {
      rows.push({ topic, partition: -1, error: javaString(t.error) });
      continue;
    }
    for (const partition of t.partitions) partitions.set(tpString({ topic, partition }), { topic, partition });
  }
  let topLevel: number = ErrorCode.NONE;
  let result;
  try {
    result = await ctx.groups.deleteConsumerGroupOffsets(groupId, [...partitions.values()], ctx.timeoutMs);
  } catch (e) {
    // The whole call failed (e.g. timed out): every partition carries that error.
    const err = e instanceof KafkaError ? e : KafkaError.wrap(e);
    result = { topLevel: err, partitions: new Map([...partitions.keys()].map((k) => [k, err as KafkaError | undefined])) };
  }
  if (result.topLevel) {
    topLevel = result.topLevel.code;
  } else {
    const firstError = [...result.partitions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).find(([, e]) => e !== undefined);
    if (firstError) topLevel = firstError[1]!.code;
  }
  for (const [k, tp] of partitions) {
    const err = result.partitions.get(k);
    rows.push({ topic: tp.topic, partition: tp.partition, error: err ? javaString(err) : undefined });
  }

  switch (topLevel) {
    case ErrorCode.NONE:
      ctx.io.stdout(`Request succeed for deleting offsets with topic ${topics.join(', ')} group ${groupId}\n`);
      break;
    case ErrorCode.INVALID_GROUP_ID:
      printError(ctx.io, `'${groupId}' is not valid.`);
      break;
    case ErrorCode.GROUP_ID_NOT_FOUND:
      printError(ctx.io, `'${groupId}' does not exist.`);
      break;
    case ErrorCode.GROUP_AUTHORIZATION_FAILED:
      printError(ctx.io, `Access to '${groupId}' is not authorized.`);
      break;
    case ErrorCode.NON_EMPTY_GROUP:
      printError(ctx.io, `Deleting offsets of a consumer group '${groupId}' is forbidden if the group is not empty.`);
      break;
    default:
      if (PARTITION_LEVEL.has(topLevel)) printError(ctx.io, 'Encounter some partition level error, see the follow-up details:');
      else printError(ctx.io, `Encounter some unknown error: ${KafkaError.from(topLevel).errorName}`);
  }
  ctx.io.stdout(formatDeleteOffsetsTable(rows));
}
