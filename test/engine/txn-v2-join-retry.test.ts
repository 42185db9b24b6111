// Transactions v2: a transactional Produce v12 whose partition cannot join the transaction yet
// because the previous transaction's markers are still being written (the coordinator holds it in
// PREPARE_COMMIT and answers CONCURRENT_TRANSACTIONS). Kafka 4.4's leader asks the coordinator
// again every add.partitions.to.txn.retry.backoff.ms (20) until
// add.partitions.to.txn.retry.backoff.max.ms (100) has passed, then answers the Produce
// CONCURRENT_TRANSACTIONS (51) with no custom message; the producer retries. Before, the engine
// retried for the whole request timeout (30 s) and answered NOT_ENOUGH_REPLICAS. Kafka 4.4 seen
// with the same situation (3 nodes, the held partition's leader stalled): 51, null message,
// 109-157 ms per Produce; TxnOffsetCommit v5 51 at once.
import { describe, it, expect, afterAll } from 'vitest';
import * as path from 'node:path';
import { ROOT, startInProcessEngine, TestEngine, waitFor } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { TransactionStatus } = require(path.join(ROOT, 'dist/protocol/internal/transaction-log'));

const CONCURRENT_TRANSACTIONS = 51;

const started: { eng: TestEngine; c: any }[] = [];
afterAll(async () => {
  for (const { eng, c } of started) {
    c.close();
    await eng.stop();
  }
});

/**
 * An engine where transaction `id` committed its first transaction (a batch on `held`) and stays
 * in PREPARE_COMMIT: its markers are held until `release()`. Counts the coordinator's adds.
 */
async function heldTransaction(overrides: Record<string, string>) {
  const eng = await startInProcessEngine({ 'transaction.state.log.num.partitions': '1', ...overrides });
  const c = new BrokerConnection('127.0.0.1', eng.port, 'txn-join');
  await c.connect();
  started.push({ eng, c });
  await c.request(ApiKey.CreateTopics, 4, {
    topics: ['held', 'next'].map((name) => ({ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] })), timeoutMs: 5000, validateOnly: false,
  });
  const id = 'tx-join';
  await c.request(ApiKey.FindCoordinator, 2, { key: id, keyType: 1 }); // creates __transaction_state
  const p = await waitFor(async () => {
    const r = await c.request(ApiKey.InitProducerId, 5, { transactionalId: id, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
    return r.errorCode === 0 && r;
  }, 10000, 'InitProducerId');
  const producerId = Number(p.producerId);
  const produce = (topic: string, producerEpoch: number) => c.request(ApiKey.Produce, 12, {
    transactionalId: id, acks: -1, timeoutMs: 30000, topicData: [{ name: topic, partitionData: [{ index: 0, records:
      buildBatch([{ key: null, value: Buffer.from('v'), timestamp: Date.now() }], { producerId, producerEpoch, baseSequence: 0, transactional: true }) }] }],
  });
  const first = (await produce('held', p.producerEpoch)).responses[0].partitionResponses[0];
  expect(first.errorCode).toBe(0);

  const tc = eng.engine.txnCoordinator;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const realSend = tc.markers.send.bind(tc.markers);
  tc.markers.send = async (...args: unknown[]) => { await gate; return realSend(...args); };
  const realAdd = tc.addPartitions.bind(tc);
  const adds: number[] = [];
  tc.addPartitions = async (...args: unknown[]) => {
    const code = await realAdd(...args);
    adds.push(code);
    return code;
  };
  const end = await c.request(ApiKey.EndTxn, 5, { transactionalId: id, producerId, producerEpoch: p.producerEpoch, committed: true });
  expect(end.errorCode).toBe(0);
  expect(tc.state.get(id).state).toBe(TransactionStatus.PrepareCommit);
  return { c, tc, id, produce, release, adds, producerId, epoch: end.producerEpoch as number };
}

describe('transactional Produce v12 while the previous transaction is in PREPARE_COMMIT', () => {
  it('retries for add.partitions.to.txn.retry.backoff.max.ms, then answers CONCURRENT_TRANSACTIONS; other requests are not held', async () => {
    const h = await heldTransaction({});
    const t0 = Date.now();
    let produceAt = 0;
    let metadataAt = 0;
    const replies = await Promise.all([
      h.produce('next', h.epoch).then((r: any) => { produceAt = Date.now(); return r; }),
      h.c.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false })
        .then((r: any) => { metadataAt = Date.now(); return r; }),
    ]);
    const r = replies[0].responses[0].partitionResponses[0];
    expect([r.errorCode, r.errorMessage, Number(r.baseOffset)]).toEqual([CONCURRENT_TRANSACTIONS, null, -1]);
    const elapsed = produceAt - t0;
    expect(elapsed).toBeGreaterThanOrEqual(100); // asked until 100 ms had passed ...
    expect(elapsed).toBeLessThan(3000); // ... not for the 30 s request timeout
    expect(h.adds.length).toBeGreaterThanOrEqual(2); // every 20 ms
    expect(h.adds.length).toBeLessThanOrEqual(100 / 20 + 2);
    expect(h.adds.every((code) => code === CONCURRENT_TRANSACTIONS)).toBe(true);
    expect(metadataAt).toBeLessThanOrEqual(produceAt); // the connection's next request was not held behind it

    // TxnOffsetCommit v5 adds the group's partition too, but asks once (Kafka's group
    // coordinator does not retry; the producer does).
    const asked = h.adds.length;
    await waitFor(async () => (await h.c.request(ApiKey.FindCoordinator, 2, { keyType: 0, key: 'g' })).errorCode === 0, 10000, 'group coordinator');
    const commit = await h.c.request(ApiKey.TxnOffsetCommit, 5, {
      transactionalId: h.id, groupId: 'g', producerId: h.producerId, producerEpoch: h.epoch, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
      topics: [{ name: 'next', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: '' }] }],
    });
    expect(commit.topics[0].partitions[0].errorCode).toBe(CONCURRENT_TRANSACTIONS);
    expect(h.adds.length).toBe(asked + 1);

    // Once the markers are written the producer's retry joins the new transaction.
    h.release();
    await waitFor(() => h.tc.state.get(h.id).state === TransactionStatus.CompleteCommit, 10000, 'CompleteCommit');
    const ok = (await h.produce('next', h.epoch)).responses[0].partitionResponses[0];
    expect([ok.errorCode, Number(ok.baseOffset)]).toEqual([0, 0]);
  });

  it('uses the broker configs add.partitions.to.txn.retry.backoff.max.ms and .backoff.ms', async () => {
    const h = await heldTransaction({ 'add.partitions.to.txn.retry.backoff.max.ms': '600', 'add.partitions.to.txn.retry.backoff.ms': '200' });
    const t0 = Date.now();
    const r = (await h.produce('next', h.epoch)).responses[0].partitionResponses[0];
    const elapsed = Date.now() - t0;
    expect(r.errorCode).toBe(CONCURRENT_TRANSACTIONS);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(5000);
    expect(h.adds.length).toBeGreaterThanOrEqual(2);
    expect(h.adds.length).toBeLessThanOrEqual(600 / 200 + 2);
    h.release();
  });

  it('retries for at most the broker\'s request.timeout.ms', async () => {
    const h = await heldTransaction({ 'add.partitions.to.txn.retry.backoff.max.ms': '60000', 'request.timeout.ms': '500' });
    const t0 = Date.now();
    const r = (await h.produce('next', h.epoch)).responses[0].partitionResponses[0];
    const elapsed = Date.now() - t0;
    expect(r.errorCode).toBe(CONCURRENT_TRANSACTIONS);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(5000);
    h.release();
  });

  it('asks once when add.partitions.to.txn.retry.backoff.max.ms is 0', async () => {
    const h = await heldTransaction({ 'add.partitions.to.txn.retry.backoff.max.ms': '0' });
    const r = (await h.produce('next', h.epoch)).responses[0].partitionResponses[0];
    expect(r.errorCode).toBe(CONCURRENT_TRANSACTIONS);
    expect(h.adds).toEqual([CONCURRENT_TRANSACTIONS]);
    h.release();
  });
});
