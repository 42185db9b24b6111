// Transactions v2 on the partition leader: a producer pipelines its batches, and the first batch
// of a transaction waits for the partition to join the transaction (the coordinator answers
// CONCURRENT_TRANSACTIONS while the previous transaction's markers are written; the leader
// retries). The batches behind it must not overtake it: at the new epoch only sequence 0 may come
// first, so a later batch appended first is OUT_OF_ORDER_SEQUENCE_NUMBER and the producer's
// transaction fails (seen as Kafka Streams' "Error encountered sending record" in
// test/clients/java-streams-eos.test.ts). Kafka keeps a connection's requests in order.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { ROOT, startInProcessEngine, TestEngine, waitFor } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));

const CONCURRENT_TRANSACTIONS = 51;

let eng: TestEngine;
let c: any;
beforeAll(async () => {
  eng = await startInProcessEngine({ 'transaction.state.log.num.partitions': '1' });
  c = new BrokerConnection('127.0.0.1', eng.port, 'txn-order');
  await c.connect();
  await c.request(ApiKey.CreateTopics, 4, { topics: [{ name: 'ordered', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
});
afterAll(async () => {
  c?.close();
  await eng?.stop();
});

describe('transactional Produce v12 (transactions v2)', () => {
  it('appends pipelined batches in request order while the first waits to join the transaction', async () => {
    const id = 'tx-ordered';
    await c.request(ApiKey.FindCoordinator, 2, { key: id, keyType: 1 }); // creates __transaction_state
    const p = await waitFor(async () => {
      const r = await c.request(ApiKey.InitProducerId, 5, { transactionalId: id, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
      return r.errorCode === 0 && r;
    }, 10000, 'InitProducerId');
    // The coordinator's first answer is CONCURRENT_TRANSACTIONS (the previous transaction's
    // markers still being written): the first request's partition joins on the leader's retry.
    const tc = eng.engine.txnCoordinator;
    const real = tc.addPartitions.bind(tc);
    let calls = 0;
    tc.addPartitions = async (...args: unknown[]) => (++calls === 1 ? CONCURRENT_TRANSACTIONS : real(...args));
    const rec = (v: string) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() });
    const produce = (seq: number, values: string[]) => c.request(ApiKey.Produce, 12, {
      transactionalId: id, acks: -1, timeoutMs: 30000, topicData: [{ name: 'ordered', partitionData: [{ index: 0, records:
        buildBatch(values.map(rec), { producerId: Number(p.producerId), producerEpoch: p.producerEpoch, baseSequence: seq, transactional: true }) }] }],
    });
    // Sent back to back: the engine reads the second while the first waits.
    const replies = await Promise.all([produce(0, ['a', 'b']), produce(2, ['c']), produce(3, ['d', 'e'])]);
    tc.addPartitions = real;
    expect(replies.map((r: any) => r.responses[0].partitionResponses[0]).map((r: any) => [r.errorCode, Number(r.baseOffset)])).toEqual([[0, 0], [0, 2], [0, 3]]);
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
