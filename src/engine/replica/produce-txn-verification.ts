// A transactional Produce v12+ adding its partitions to the transaction (Kafka 4.4's
// ReplicaManager.handleProduceAppend with transactions v2). While the coordinator answers
// CONCURRENT_TRANSACTIONS (the previous transaction's markers are still being written) the leader
// asks again every add.partitions.to.txn.retry.backoff.ms, but only until
// add.partitions.to.txn.retry.backoff.max.ms (at most request.timeout.ms) has passed since the
// first ask: a retried Produce is costly for the producer, a long wait blocks its connection.
// Then the last answer stands and is translated for the producer: CONCURRENT_TRANSACTIONS stays
// (the Java producer retries it), coordinator availability errors become NOT_ENOUGH_REPLICAS
// (retried without a metadata refresh), each with Kafka's message.
import type { Engine } from '../engine';
import { ErrorCode, errorInfo } from '../../protocol/errors';
import { addPartitionsToTxn, type TxnProducer } from './add-partitions-to-txn-manager';

export interface TxnJoinError {
  errorCode: number;
  /** Kafka's custom message for the partition's Produce answer; null: none (the code's default). */
  errorMessage: string | null;
}

/** Coordinator errors an older client might not retry: answered as NOT_ENOUGH_REPLICAS. */
const AS_NOT_ENOUGH_REPLICAS = new Set<number>([
  ErrorCode.NETWORK_EXCEPTION, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR,
]);

/**
 * Add the Produce's partitions ("topic\0partition" keys) to the transaction, retrying
 * CONCURRENT_TRANSACTIONS within the bound; resolves the partitions that could not join, with the
 * error their Produce answer carries.
 */
export async function joinTransactionForProduce(engine: Engine, producer: TxnProducer, keys: string[]): Promise<Map<string, TxnJoinError>> {
  const retryTimeoutMs = Math.min(
    engine.configs.brokerInt('add.partitions.to.txn.retry.backoff.max.ms'), engine.configs.brokerInt('request.timeout.ms'));
  const backoffMs = engine.configs.brokerInt('add.partitions.to.txn.retry.backoff.ms');
  const start = Date.now();
  let codes = await addPartitionsToTxn(engine, producer, keys);
  // Kafka checks the time first: past the bound, even an answer without the error stands.
  while (Date.now() - start < retryTimeoutMs && [...codes.values()].includes(ErrorCode.CONCURRENT_TRANSACTIONS)) {
    await new Promise<void>((r) => setTimeout(r, backoffMs).unref());
    engine.loader.catchUp();
    codes = await addPartitionsToTxn(engine, producer, keys);
  }
  const out = new Map<string, TxnJoinError>();
  for (const [k, code] of codes) if (code !== ErrorCode.NONE) out.set(k, producerError(code));
  return out;
}

/** Kafka's translation of a coordinator answer for the Produce response (transactions v2). */
function producerError(code: number): TxnJoinError {
  if (code === ErrorCode.INVALID_TXN_STATE) return { errorCode: code, errorMessage: 'Partition was not added to the transaction' };
  if (AS_NOT_ENOUGH_REPLICAS.has(code)) {
    return {
      errorCode: ErrorCode.NOT_ENOUGH_REPLICAS,
      errorMessage: `Unable to verify the partition has been added to the transaction. Underlying error: ${errorInfo(code).name}`,
    };
  }
  return { errorCode: code, errorMessage: null };
}
