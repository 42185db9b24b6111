// Transactions v2 on the partition leader (Kafka's AddPartitionsToTxnManager, KIP-890 part 2): a
// transactional Produce v12+ batch whose producer has no transaction open on the partition adds
// the partition to its transaction at the transaction coordinator first (in-process when this
// broker coordinates the transactional id, AddPartitionsToTxn v5 otherwise); the batch is appended
// only once it is in. While the coordinator still writes the previous transaction's markers
// (CONCURRENT_TRANSACTIONS) the leader retries, as Kafka's brokers do; coordinator errors the
// producer would not retry become NOT_ENOUGH_REPLICAS, which it does.
import type { Engine } from '../engine';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { AddPartitionsToTxnResponse } from '../../protocol/messages/add-partitions-to-txn';
import { partitionKey, partitionsByTopic } from '../coordinator/txn/transaction-metadata';

const ADD_PARTITIONS_VERSION = 5;
const RETRY_BACKOFF_MS = 20;

const RETRIABLE = new Set<number>([
  ErrorCode.CONCURRENT_TRANSACTIONS, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.NOT_COORDINATOR,
]);

export interface TxnProducer {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

/**
 * Add the partitions ("topic\0partition" keys) to the producer's transaction; resolves each key's
 * error code (NONE: in the transaction). Retries retriable coordinator answers until `timeoutMs`.
 */
export async function addPartitionsToTxn(engine: Engine, producer: TxnProducer, keys: string[], timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = await addOnce(engine, producer, keys);
    const retriable = [...codes.values()].some((c) => RETRIABLE.has(c));
    if (!retriable || Date.now() + RETRY_BACKOFF_MS > deadline) {
      for (const [k, c] of codes) if (RETRIABLE.has(c)) codes.set(k, ErrorCode.NOT_ENOUGH_REPLICAS);
      return codes;
    }
    await new Promise<void>((r) => setTimeout(r, RETRY_BACKOFF_MS).unref());
    engine.loader.catchUp();
  }
}

async function addOnce(engine: Engine, producer: TxnProducer, keys: string[]): Promise<Map<string, number>> {
  const tc = engine.txnCoordinator;
  const topics = partitionsByTopic(keys).map((t) => ({ name: t.topic, partitions: t.partitions }));
  const all = (code: number) => new Map(keys.map((k) => [k, code]));
  const coordinator = tc.findCoordinator(producer.transactionalId);
  if (coordinator.errorCode !== ErrorCode.NONE) return all(coordinator.errorCode);
  if (coordinator.nodeId === engine.settings.nodeId) {
    return all(await tc.addPartitions(producer.transactionalId, producer.producerId, producer.producerEpoch, topics, 2));
  }
  let response: AddPartitionsToTxnResponse;
  try {
    response = await tc.markers.requestTo<AddPartitionsToTxnResponse>(coordinator.nodeId, ApiKey.AddPartitionsToTxn, ADD_PARTITIONS_VERSION, {
      transactions: [{ ...producer, verifyOnly: false, topics }],
    });
  } catch {
    return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  }
  if (response.errorCode) return all(response.errorCode);
  const out = all(ErrorCode.NONE);
  for (const r of response.resultsByTransaction ?? []) {
    for (const t of r.topicResults ?? []) {
      for (const p of t.resultsByPartition) out.set(partitionKey(t.name, p.partitionIndex), p.partitionErrorCode);
    }
  }
  return out;
}
