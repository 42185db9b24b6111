// What each kafka-transactions command does and prints (Kafka 4.4's TransactionsCommand): tables
// as its prettyPrintTable (each cell padded to its column, then a tab), failures as
// printErrorAndExit (`<what failed>: <cause's message>. Enable debug logging for additional
// detail.` on stderr, status 1).
import { ExitError } from '../../cli/errors';
import type { ToolIO } from '../../cli/io';
import type { Admin } from '../../client/admin';
import { tpKey, type PartitionRef } from '../../client/partition-leaders';
import type { ProducerState, TransactionAdmin, TransactionDescription } from '../../client/transaction-admin';
import { KafkaError } from '../../protocol/errors';
import { javaHashMapOrder, javaHashSetOrder, javaTopicPartitionHashCode } from '../../util/java-hash';
import { prettyTable } from '../kafka-metadata-quorum';

export interface CommandContext {
  admin: Admin;
  txn: TransactionAdmin;
  values: Map<string, string | number>;
  io: ToolIO;
  now: () => number;
}

/** printErrorAndExit(message): the message on stderr, status 1. */
function fail(io: ToolIO, message: string): never {
  io.stderr(`${message}\n`);
  throw new ExitError(1);
}

/** printErrorAndExit(message, cause). */
function failWith(io: ToolIO, message: string, cause: unknown): never {
  const text = cause instanceof Error ? cause.message : String(cause);
  return fail(io, `${message}: ${text}. Enable debug logging for additional detail.`);
}

/** Java's TopicPartition.toString(). */
const tpName = (p: PartitionRef) => `${p.topic}-${p.partition}`;

/** The order of a Java HashSet<TopicPartition> filled one by one. */
function topicPartitionSetOrder<T extends PartitionRef>(items: readonly T[]): T[] {
  return javaHashSetOrder(items, (p) => javaTopicPartitionHashCode(p.topic, p.partition), 'incremental');
}

/** Long.hashCode. */
function javaLongHashCode(v: number): number {
  const b = BigInt.asUintN(64, BigInt(v));
  return Number(BigInt.asIntN(32, (b ^ (b >> 32n)) & 0xffffffffn));
}

export async function list(ctx: CommandContext): Promise<void> {
  const durationFilter = ctx.values.get('durationFilter') as number | undefined;
  const pattern = ctx.values.get('transactionalIdPattern') as string | undefined;
  let byBroker: Map<number, { transactionalId: string; producerId: number; state: string }[]>;
  try {
    byBroker = await ctx.txn.listTransactions({ durationFilter: durationFilter ?? -1, transactionalIdPattern: pattern ?? null });
  } catch (e) {
    failWith(ctx.io, 'Failed to list transactions', e);
  }
  const rows: string[][] = [];
  for (const [broker, listings] of byBroker) {
    for (const l of listings) rows.push([l.transactionalId, String(broker), String(l.producerId), l.state]);
  }
  ctx.io.stdout(prettyTable(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], rows));
}

export async function describe(ctx: CommandContext): Promise<void> {
  const id = ctx.values.get('transactionalId') as string;
  const result = (await ctx.txn.describeTransactions([id])).get(id)!;
  if (result instanceof KafkaError) failWith(ctx.io, `Failed to describe transaction state of transactional-id \`${id}\``, result);
  const d = result as TransactionDescription;
  const started = d.transactionStartTimeMs >= 0;
  const row = [
    String(d.coordinatorId), id, String(d.producerId), String(d.producerEpoch), d.state, String(d.transactionTimeoutMs),
    started ? String(d.transactionStartTimeMs) : 'None',
    started ? String(ctx.now() - d.transactionStartTimeMs) : 'None',
    // TransactionDescription.topicPartitions is a HashSet.
    topicPartitionSetOrder(d.topicPartitions).map(tpName).join(','),
  ];
  ctx.io.stdout(prettyTable(['CoordinatorId', 'TransactionalId', 'ProducerId', 'ProducerEpoch', 'TransactionState', 'TransactionTimeoutMs',
    'CurrentTransactionStartTimeMs', 'TransactionDurationMs', 'TopicPartitions'], [row]));
}

export async function describeProducers(ctx: CommandContext): Promise<void> {
  const brokerId = ctx.values.get('brokerId') as number | undefined;
  const tp = { topic: ctx.values.get('topic') as string, partition: ctx.values.get('partition') as number };
  let result: ProducerState[] | KafkaError | undefined;
  try {
    result = (await ctx.txn.describeProducers([tp], brokerId)).get(tpKey(tp.topic, tp.partition));
  } catch (e) {
    result = e instanceof KafkaError ? e : new KafkaError(-1, (e as Error).message);
  }
  if (!(result instanceof Array)) {
    failWith(ctx.io, `Failed to describe producers for partition ${tpName(tp)} on ${brokerId !== undefined ? `broker ${brokerId}` : 'leader'}`,
      result ?? new KafkaError(-1, 'No answer for the partition'));
  }
  const rows = (result as ProducerState[]).map((s) => [
    String(s.producerId), String(s.producerEpoch), String(s.coordinatorEpoch < 0 ? -1 : s.coordinatorEpoch), String(s.lastSequence),
    String(s.lastTimestamp), s.currentTransactionStartOffset >= 0 ? String(s.currentTransactionStartOffset) : 'None',
  ]);
  ctx.io.stdout(prettyTable(['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'], rows));
}

export async function abort(ctx: CommandContext): Promise<void> {
  const tp = { topic: ctx.values.get('topic') as string, partition: ctx.values.get('partition') as number };
  const startOffset = ctx.values.get('startOffset') as number | undefined;
  const producerId = ctx.values.get('producerId') as number | undefined;
  if (startOffset === undefined && producerId === undefined) {
    fail(ctx.io, 'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) or with '
      + '--producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)');
  }
  let spec: { producerId: number; producerEpoch: number; coordinatorEpoch: number };
  if (startOffset === undefined) {
    const producerEpoch = ctx.values.get('producerEpoch') as number | undefined;
    if (producerEpoch === undefined) fail(ctx.io, 'Missing required argument --producer-epoch');
    const coordinatorEpoch = ctx.values.get('coordinatorEpoch') as number | undefined;
    if (coordinatorEpoch === undefined) fail(ctx.io, 'Missing required argument --coordinator-epoch');
    // A transaction that hung before its first marker has coordinator epoch -1: 0 is no newer than any.
    spec = { producerId: producerId!, producerEpoch: producerEpoch!, coordinatorEpoch: Math.max(0, coordinatorEpoch!) };
  } else {
    let producers: ProducerState[] | KafkaError | undefined;
    try {
      producers = (await ctx.txn.describeProducers([tp])).get(tpKey(tp.topic, tp.partition));
    } catch (e) {
      producers = e instanceof KafkaError ? e : new KafkaError(-1, (e as Error).message);
    }
    if (!(producers instanceof Array)) failWith(ctx.io, `Failed to validate producer state for partition ${tpName(tp)}`, producers);
    const found = (producers as ProducerState[]).find((s) => s.currentTransactionStartOffset >= 0 && s.currentTransactionStartOffset === startOffset);
    if (!found) fail(ctx.io, `Could not find any open transactions starting at offset ${startOffset} on partition ${tpName(tp)}`);
    spec = { producerId: found!.producerId, producerEpoch: found!.producerEpoch, coordinatorEpoch: found!.coordinatorEpoch < 0 ? 0 : found!.coordinatorEpoch };
  }
  try {
    await ctx.txn.abortTransaction({ ...tp, ...spec });
  } catch (e) {
    failWith(ctx.io, `Failed to abort transaction AbortTransactionSpec(topicPartition=${tpName(tp)}, producerId=${spec.producerId}, `
      + `producerEpoch=${spec.producerEpoch}, coordinatorEpoch=${spec.coordinatorEpoch})`, e);
  }
}

export async function forceTerminate(ctx: CommandContext): Promise<void> {
  const id = ctx.values.get('transactionalId') as string;
  try {
    await ctx.txn.forceTerminateTransaction(id);
  } catch (e) {
    failWith(ctx.io, `Failed to force terminate transactionalId \`${id}\``, e);
  }
}

interface OpenTransaction {
  tp: PartitionRef;
  state: ProducerState;
}

const MAX_BATCH_SIZE = 500;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH_SIZE) out.push(items.slice(i, i + MAX_BATCH_SIZE));
  return out;
}

/** Java's Optional<Integer>.toString(). */
const optional = (v: number | undefined) => (v === undefined ? 'Optional.empty' : `Optional[${v}]`);

export async function findHanging(ctx: CommandContext): Promise<void> {
  const brokerId = ctx.values.get('brokerId') as number | undefined;
  const topic = ctx.values.get('topic') as string | undefined;
  const partition = ctx.values.get('partition') as number | undefined;
  if (topic === undefined && brokerId === undefined) {
    fail(ctx.io, 'The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search');
  }
  if (partition !== undefined && topic === undefined) fail(ctx.io, 'The --partition argument requires --topic to be provided');
  const maxTimeoutMs = (ctx.values.get('maxTransactionTimeout') as number) * 60000;

  let partitions: PartitionRef[] = [];
  if (topic !== undefined && partition !== undefined) partitions = [{ topic, partition }];
  else {
    let topics: string[];
    if (topic !== undefined) topics = [topic];
    else {
      try {
        topics = (await ctx.admin.listTopics()).filter((t) => !t.internal).map((t) => t.name);
      } catch (e) {
        failWith(ctx.io, 'Failed to list topics', e);
      }
    }
    for (const batch of batches(topics)) {
      try {
        const described = await ctx.admin.describeTopics(batch);
        const bad = described.find((t) => t.errorCode !== 0);
        if (bad) throw KafkaError.from(bad.errorCode);
        // describeTopics().all() is a HashMap by topic name.
        for (const name of javaHashMapOrder(described.map((t) => t.name))) {
          const t = described.find((d) => d.name === name)!;
          for (const p of t.partitions) if (brokerId === undefined || p.replicas.includes(brokerId)) partitions.push({ topic: name, partition: p.partition });
        }
      } catch (e) {
        failWith(ctx.io, `Failed to describe ${batch.length} topics`, e);
      }
    }
  }

  const candidates: OpenTransaction[] = [];
  for (const batch of batches(partitions)) {
    const result = await ctx.txn.describeProducers(batch, brokerId).catch((e: unknown) => e as Error);
    const error = result instanceof Error ? result : [...result.values()].find((r): r is KafkaError => r instanceof KafkaError);
    if (error) failWith(ctx.io, `Failed to describe producers for ${batch.length} partitions on broker ${optional(brokerId)}`, error);
    const now = ctx.now();
    // all() is a HashMap by TopicPartition.
    for (const tp of topicPartitionSetOrder(batch)) {
      const states = (result as Map<string, ProducerState[] | KafkaError>).get(tpKey(tp.topic, tp.partition));
      if (!(states instanceof Array)) continue;
      for (const s of states) {
        if (s.currentTransactionStartOffset >= 0 && now - s.lastTimestamp > maxTimeoutMs) candidates.push({ tp, state: s });
      }
    }
  }

  const hanging: OpenTransaction[] = [];
  if (candidates.length > 0) {
    const byProducer = new Map<number, OpenTransaction[]>();
    for (const c of candidates) byProducer.set(c.state.producerId, [...(byProducer.get(c.state.producerId) ?? []), c]);
    const producerIds = [...byProducer.keys()];
    const transactionalIds = new Map<number, string>();
    try {
      const listed = await ctx.txn.listTransactions({ producerIdFilters: producerIds });
      for (const listings of listed.values()) for (const l of listings) if (byProducer.has(l.producerId)) transactionalIds.set(l.producerId, l.transactionalId);
    } catch (e) {
      failWith(ctx.io, `Failed to list transactions for ${producerIds.length} producers`, e);
    }
    const ids = [...new Set(transactionalIds.values())];
    const described = await ctx.txn.describeTransactions(ids);
    const descriptions = new Map<string, TransactionDescription | null>();
    for (const id of ids) {
      const d = described.get(id)!;
      if (d instanceof KafkaError) {
        if (d.errorName !== 'TRANSACTIONAL_ID_NOT_FOUND') failWith(ctx.io, `Failed to describe ${ids.length} transactions`, d);
        descriptions.set(id, null);
      } else descriptions.set(id, d);
    }
    // openTransactionsByProducerId is a HashMap<Long, ...>.
    const order = javaHashSetOrder(producerIds, javaLongHashCode, 'incremental');
    for (const pid of order) {
      const open = byProducer.get(pid)!;
      const id = transactionalIds.get(pid);
      const d = id === undefined ? null : descriptions.get(id) ?? null;
      if (!d) hanging.push(...open);
      else hanging.push(...open.filter((o) => !d.topicPartitions.some((p) => p.topic === o.tp.topic && p.partition === o.tp.partition)));
    }
  }
  const now = ctx.now();
  const rows = hanging.map((h) => [
    h.tp.topic, String(h.tp.partition), String(h.state.producerId), String(h.state.producerEpoch),
    String(h.state.coordinatorEpoch < 0 ? -1 : h.state.coordinatorEpoch), String(h.state.currentTransactionStartOffset),
    String(h.state.lastTimestamp), String(Math.floor((now - h.state.lastTimestamp) / 60000)),
  ]);
  ctx.io.stdout(prettyTable(['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)'], rows));
}
