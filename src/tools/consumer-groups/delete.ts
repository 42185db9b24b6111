// --delete (Kafka 4.4's ConsumerGroupService.deleteGroups) and --delete-offsets (deleteOffsets).
// Groups in messages come in java.util.HashMap order, as Kafka iterates its result maps.
import { javaHashSetOrder, javaStringHashCode, javaTopicPartitionHashCode } from '../../util/java-hash';
import { tpString, type TopicPartition } from '../../client/group-admin';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { describeTopicPartitions, javaString, selectedGroupIds, type Context } from './context';
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
    // The future's cause, as its toString().
    ctx.io.stdout(`* Group '${g}' could not be deleted due to: ${javaString(failed.get(g))}\n`);
  }
  if (success.length > 0) ctx.io.stdout(`\nThese consumer groups were deleted successfully: ${quotedList(hashOrder(success))}\n`);
}

const PARTITION_LEVEL = new Set<number>([ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.TOPIC_AUTHORIZATION_FAILED, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
const GROUP_LEVEL = new Set<number>([ErrorCode.INVALID_GROUP_ID, ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.GROUP_AUTHORIZATION_FAILED, ErrorCode.NON_EMPTY_GROUP]);

export async function deleteOffsets(ctx: Context): Promise<void> {
  const groupId = ctx.opts.stringValueOf('group')!;
  const topics = ctx.opts.stringValuesOf('topic');
  const rows: DeleteOffsetsRow[] = [];
  const known = topics.filter((t) => t.includes(':')).flatMap(parseTopicWithPartitions);
  const whole = [...new Set(topics.filter((t) => !t.includes(':')))];
  const partitions = new Map<string, TopicPartition>(known.map((tp) => [tpString(tp), tp]));
  for (const [topic, t] of await describeTopicPartitions(ctx, whole)) {
    if (!t.ok) {
      // The topic's future failing: an ExecutionException, shown by its getMessage().
      rows.push({ topic, partition: -1, error: javaString(t.error) });
      continue;
    }
    for (const partition of t.partitions) partitions.set(tpString({ topic, partition }), { topic, partition });
  }
  let result;
  try {
    result = await ctx.groups.deleteConsumerGroupOffsets(groupId, [...partitions.values()], ctx.timeoutMs);
  } catch (e) {
    // The whole call failed (e.g. timed out): every partition carries that error.
    const err = e instanceof KafkaError ? e : KafkaError.wrap(e);
    result = { topLevel: err, partitions: new Map([...partitions.keys()].map((k) => [k, err as KafkaError | undefined])) };
  }
  // all().get(): the top-level error, else the first failed partition in the request's HashSet order.
  let topLevel: KafkaError | undefined = result.topLevel;
  if (!topLevel) {
    const order = javaHashSetOrder([...partitions.values()], (tp) => javaTopicPartitionHashCode(tp.topic, tp.partition), 'incremental');
    for (const tp of order) {
      topLevel = result.partitions.get(tpString(tp));
      if (topLevel) break;
    }
  }
  for (const [k, tp] of partitions) {
    const err = result.partitions.get(k);
    rows.push({ topic: tp.topic, partition: tp.partition, error: err ? javaString(err) : undefined });
  }

  const code = topLevel?.code ?? ErrorCode.NONE;
  if (code === ErrorCode.NONE) ctx.io.stdout(`Request succeeded for deleting offsets from group ${groupId}.\n`);
  else if (GROUP_LEVEL.has(code)) printError(ctx.io, KafkaError.from(code).message);
  else if (PARTITION_LEVEL.has(code)) printError(ctx.io, 'Encountered some partition-level error, see the follow-up details.');
  else printError(ctx.io, `Encountered some unknown error: ${KafkaError.from(code).errorName}`);
  ctx.io.stdout(formatDeleteOffsetsTable(rows));
}
