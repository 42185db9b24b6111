// AddPartitionsToTxn: v0-3 from producers (one transaction, the partitions it is about to write),
// v4+ from brokers (KIP-890 part 1: batched, and verifyOnly to check a transactional produce's
// partition is in the transaction). Partitions of unknown topics fail with
// UNKNOWN_TOPIC_OR_PARTITION and the others of the request with OPERATION_NOT_ATTEMPTED, as Kafka.
import type { Engine } from '../../engine';
import type { RequestContext } from '.';
import type {
  AddPartitionsToTxnRequest, AddPartitionsToTxnTopic, AddPartitionsToTxnTopicResult,
} from '../../../protocol/messages/add-partitions-to-txn';
import { ErrorCode } from '../../../protocol/errors';
import { partitionKey } from '../../coordinator/txn/transaction-metadata';
import { fencedForVersion } from './txn-errors';

const FIRST_FENCED_VERSION = 2;
const FIRST_TV2_VERSION = 5;

function resultsWith(topics: AddPartitionsToTxnTopic[], code: (topic: string, p: number) => number): AddPartitionsToTxnTopicResult[] {
  return topics.map((t) => ({ name: t.name, resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p, partitionErrorCode: code(t.name, p) })) }));
}

async function addOne(engine: Engine, transactionalId: string, producerId: number, producerEpoch: number, topics: AddPartitionsToTxnTopic[],
  verifyOnly: boolean, version: number): Promise<AddPartitionsToTxnTopicResult[]> {
  const unknown = new Set<string>();
  for (const t of topics) {
    const topic = engine.metadata.topic(t.name);
    for (const p of t.partitions) if (!topic || !topic.partitions[p]) unknown.add(partitionKey(t.name, p));
  }
  if (unknown.size > 0) {
    return resultsWith(topics, (t, p) => (unknown.has(partitionKey(t, p)) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED));
  }
  const tc = engine.txnCoordinator;
  const parts = topics.map((t) => ({ name: t.name, partitions: t.partitions }));
  if (verifyOnly) {
    const codes = tc.verifyPartitions(transactionalId, producerId, producerEpoch, parts);
    return resultsWith(topics, (t, p) => codes.get(partitionKey(t, p)) ?? ErrorCode.NONE);
  }
  // v5 from a partition leader is transactions v2 (the producer's first batch there adds it).
  const transactionVersion = version >= FIRST_TV2_VERSION ? 2 : 0;
  const code = fencedForVersion(await tc.addPartitions(transactionalId, producerId, producerEpoch, parts, transactionVersion), version, FIRST_FENCED_VERSION);
  return resultsWith(topics, () => code);
}

export async function handleAddPartitionsToTxn(engine: Engine, req: AddPartitionsToTxnRequest, ctx: RequestContext): Promise<unknown> {
  if (ctx.version <= 3) {
    const results = await addOne(engine, req.v3AndBelowTransactionalId ?? '', req.v3AndBelowProducerId ?? -1,
      req.v3AndBelowProducerEpoch ?? -1, req.v3AndBelowTopics ?? [], false, ctx.version);
    return { throttleTimeMs: 0, resultsByTopicV3AndBelow: results };
  }
  const resultsByTransaction = await Promise.all((req.transactions ?? []).map(async (t) => ({
    transactionalId: t.transactionalId ?? '',
    topicResults: await addOne(engine, t.transactionalId ?? '', t.producerId ?? -1, t.producerEpoch ?? -1, t.topics ?? [], t.verifyOnly ?? false, ctx.version),
  })));
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction };
}
