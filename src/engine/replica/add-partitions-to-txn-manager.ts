// Transactions v2 on the partition leader (Kafka's AddPartitionsToTxnManager, KIP-890 part 2): a
// transactional Produce v12+ batch (or TxnOffsetCommit v5+) whose producer has no transaction open
// on the partition adds the partition to its transaction at the transaction coordinator first
// (in-process when this broker coordinates the transactional id, AddPartitionsToTxn v5 otherwise);
// the batch is appended only once it is in. One call asks once; the Produce path's bounded retry
// of CONCURRENT_TRANSACTIONS is produce-txn-verification.ts.
import type { Engine } from '../engine';
import { ApiKey } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { AddPartitionsToTxnResponse } from '../../protocol/messages/add-partitions-to-txn';
import { partitionKey, partitionsByTopic } from '../coordinator/txn/transaction-metadata';

const ADD_PARTITIONS_VERSION = 5;

export interface TxnProducer {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}

/**
 * Ask the coordinator once to add the partitions ("topic\0partition" keys) to the producer's
 * transaction; resolves each key's error code (NONE: in the transaction). As Kafka's manager does,
 * PRODUCER_FENCED is reported as INVALID_PRODUCER_EPOCH (what a partition leader may answer) and a
 * failed request to a remote coordinator as NETWORK_EXCEPTION.
 */
export async function addPartitionsToTxn(engine: Engine, producer: TxnProducer, keys: string[]): Promise<Map<string, number>> {
  const codes = await askCoordinator(engine, producer, keys);
  for (const [k, c] of codes) if (c === ErrorCode.PRODUCER_FENCED) codes.set(k, ErrorCode.INVALID_PRODUCER_EPOCH);
  return codes;
}

async function askCoordinator(engine: Engine, producer: TxnProducer, keys: string[]): Promise<Map<string, number>> {
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
    return all(ErrorCode.NETWORK_EXCEPTION);
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
