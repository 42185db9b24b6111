// The transaction coordinator over the wire (FindCoordinator key type 1, InitProducerId,
// AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, DescribeTransactions, ListTransactions), with the
// partition side's marker writer replaced by a recorder: what the coordinator decides, persists
// in __transaction_state and sends as markers. End-to-end runs with real clients are in
// test/clients/*-transactions.test.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { ROOT, startInProcessEngine, TestEngine, waitFor } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const E = {
  NONE: 0, UNKNOWN_TOPIC_OR_PARTITION: 3, INVALID_PRODUCER_EPOCH: 47, INVALID_TXN_STATE: 48, INVALID_PRODUCER_ID_MAPPING: 49,
  INVALID_TRANSACTION_TIMEOUT: 50, CONCURRENT_TRANSACTIONS: 51, OPERATION_NOT_ATTEMPTED: 55, PRODUCER_FENCED: 90,
  TRANSACTIONAL_ID_NOT_FOUND: 105,
};

interface Marker { producerId: number; producerEpoch: number; transactionResult: boolean; coordinatorEpoch: number; transactionVersion?: number; topics: { name: string; partitionIndexes: number[] }[] }

function recordMarkers(engine: any): Marker[] {
  const seen: Marker[] = [];
  engine.txnCoordinator.markers.localWriter = async (req: { markers: Marker[] }) => {
    seen.push(...req.markers);
    return { markers: req.markers.map((m) => ({ producerId: m.producerId, topics: m.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => ({ partitionIndex: p, errorCode: 0 })) })) })) };
  };
  return seen;
}

async function connect(port: number): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', port, 'txn-wire');
  await c.connect();
  return c;
}

describe('transaction coordinator', () => {
  let eng: TestEngine;
  let c: any;
  let markers: Marker[];
  const describeTxn = async (id: string) => (await c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: [id] })).transactionStates[0];
  const init = (id: string, version = 4, timeoutMs = 60000, producerId = -1, producerEpoch = -1) =>
    c.request(ApiKey.InitProducerId, version, { transactionalId: id, transactionTimeoutMs: timeoutMs, producerId, producerEpoch });
  const add = (id: string, pid: number, epoch: number, topics: { name: string; partitions: number[] }[], version = 3) =>
    c.request(ApiKey.AddPartitionsToTxn, version, { v3AndBelowTransactionalId: id, v3AndBelowProducerId: pid, v3AndBelowProducerEpoch: epoch, v3AndBelowTopics: topics });
  const end = (id: string, pid: number, epoch: number, committed: boolean, version = 3) =>
    c.request(ApiKey.EndTxn, version, { transactionalId: id, producerId: pid, producerEpoch: epoch, committed });

  beforeAll(async () => {
    eng = await startInProcessEngine({
      'transaction.state.log.num.partitions': '3',
      'transaction.abort.timed.out.transaction.cleanup.interval.ms': '100',
      'transaction.max.timeout.ms': '120000',
    });
    markers = recordMarkers(eng.engine);
    c = await connect(eng.port);
    await c.request(ApiKey.CreateTopics, 4, { topics: [{ name: 't', numPartitions: 3, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  });
  afterAll(async () => {
    c?.close();
    await eng?.stop();
  });

  it('FindCoordinator key type 1 names the leader of the id\'s __transaction_state partition, created on first use', async () => {
    const r = await c.request(ApiKey.FindCoordinator, 2, { key: 'tx-find', keyType: 1 });
    expect(r).toMatchObject({ errorCode: 0, nodeId: 1, port: eng.port });
    const md = await c.request(ApiKey.Metadata, 1, { topics: [{ name: '__transaction_state' }] });
    expect(md.topics[0]).toMatchObject({ errorCode: 0, isInternal: true });
    expect(md.topics[0].partitions).toHaveLength(3);
  });

  it('InitProducerId allocates a producer id, bumps the epoch on each re-init, refuses a timeout over the maximum', async () => {
    await c.request(ApiKey.FindCoordinator, 2, { key: 'tx-init', keyType: 1 });
    const a = await waitFor(async () => { const r = await init('tx-init'); return r.errorCode === 0 && r; }, 10000, 'first InitProducerId');
    expect(a.producerEpoch).toBe(0);
    const b = await init('tx-init');
    expect(b).toMatchObject({ errorCode: 0, producerId: a.producerId, producerEpoch: 1 });
    expect((await init('tx-init', 4, 120001)).errorCode).toBe(E.INVALID_TRANSACTION_TIMEOUT);
    expect((await init('tx-init', 4, 0)).errorCode).toBe(E.INVALID_TRANSACTION_TIMEOUT);
    // KIP-360: a producer that names an epoch that is not its id's current one is fenced.
    expect((await init('tx-init', 4, 60000, a.producerId, 7)).errorCode).toBe(E.PRODUCER_FENCED);
    expect((await init('tx-init', 3, 60000, a.producerId, 7)).errorCode).toBe(E.INVALID_PRODUCER_EPOCH);
    // ... but the previous epoch is a retry of the bump that made the current one: answered again.
    expect(await init('tx-init', 4, 60000, a.producerId, 0)).toMatchObject({ errorCode: 0, producerId: a.producerId, producerEpoch: 1 });
    const d = await describeTxn('tx-init');
    expect(d).toMatchObject({ errorCode: 0, transactionState: 'Empty', producerId: a.producerId, producerEpoch: 1, transactionTimeoutMs: 60000, topics: [] });
  });

  it('commits: Ongoing with its partitions, PrepareCommit answered, markers to every partition, then CompleteCommit', async () => {
    const { producerId: pid, producerEpoch: epoch } = await waitFor(async () => { const r = await init('tx-commit'); return r.errorCode === 0 && r; });
    expect((await end('tx-commit', pid, epoch, true)).errorCode).toBe(E.INVALID_TXN_STATE); // nothing to end
    const r = await add('tx-commit', pid, epoch, [{ name: 't', partitions: [0, 2] }]);
    expect(r.resultsByTopicV3AndBelow).toEqual([{ name: 't', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }, { partitionIndex: 2, partitionErrorCode: 0 }] }]);
    expect((await c.request(ApiKey.AddOffsetsToTxn, 3, { transactionalId: 'tx-commit', producerId: pid, producerEpoch: epoch, groupId: 'g' })).errorCode).toBe(0);
    const d = await describeTxn('tx-commit');
    expect(d.transactionState).toBe('Ongoing');
    expect(d.transactionStartTimeMs).toBeGreaterThan(0);
    expect(d.topics.find((t: any) => t.topic === 't').partitions).toEqual([0, 2]);
    expect(d.topics.find((t: any) => t.topic === '__consumer_offsets').partitions).toHaveLength(1);
    const listed = await c.request(ApiKey.ListTransactions, 2, { stateFilters: ['Ongoing', 'Bogus'], producerIdFilters: [], durationFilter: -1, transactionalIdPattern: 'tx-c.*' });
    expect(listed).toMatchObject({ errorCode: 0, unknownStateFilters: ['Bogus'], transactionStates: [{ transactionalId: 'tx-commit', producerId: pid, transactionState: 'Ongoing' }] });
    expect((await c.request(ApiKey.ListTransactions, 1, { stateFilters: [], producerIdFilters: [pid], durationFilter: 3600000 })).transactionStates).toEqual([]);

    expect((await end('tx-commit', pid, epoch, true)).errorCode).toBe(0);
    await waitFor(async () => (await describeTxn('tx-commit')).transactionState === 'CompleteCommit', 10000, 'CompleteCommit');
    const m = markers.filter((x) => x.producerId === pid);
    expect(m.every((x) => x.transactionResult === true && x.producerEpoch === epoch)).toBe(true);
    const written = m.flatMap((x) => x.topics.flatMap((t) => t.partitionIndexes.map((p) => `${t.name}-${p}`))).sort();
    expect(written.filter((w) => w.startsWith('t-'))).toEqual(['t-0', 't-2']);
    expect(written.filter((w) => w.startsWith('__consumer_offsets-'))).toHaveLength(1);
    // A retried commit is answered NONE; an abort of a committed transaction is refused.
    expect((await end('tx-commit', pid, epoch, true)).errorCode).toBe(0);
    expect((await end('tx-commit', pid, epoch, false)).errorCode).toBe(E.INVALID_TXN_STATE);
    expect((await describeTxn('tx-commit')).topics).toEqual([]);
  });

  it('fences: a re-init aborts the open transaction (CONCURRENT_TRANSACTIONS until done) and the old epoch is refused', async () => {
    const first = await waitFor(async () => { const r = await init('tx-zombie'); return r.errorCode === 0 && r; });
    expect((await add('tx-zombie', first.producerId, first.producerEpoch, [{ name: 't', partitions: [1] }])).resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(0);
    const second = await waitFor(async () => {
      const r = await init('tx-zombie');
      if (r.errorCode !== 0) expect(r.errorCode).toBe(E.CONCURRENT_TRANSACTIONS);
      return r.errorCode === 0 && r;
    }, 10000, 're-init');
    // Fenced epoch (first + 1) aborted the transaction; the new instance got first + 2.
    expect(second.producerEpoch).toBe(first.producerEpoch + 2);
    const abort = markers.find((x) => x.producerId === first.producerId && x.transactionResult === false);
    expect(abort).toMatchObject({ producerEpoch: first.producerEpoch + 1, topics: [{ name: 't', partitionIndexes: [1] }] });
    expect((await describeTxn('tx-zombie')).transactionState).toBe('Empty');
    // The zombie: PRODUCER_FENCED from v2 on, INVALID_PRODUCER_EPOCH before.
    expect((await add('tx-zombie', first.producerId, first.producerEpoch, [{ name: 't', partitions: [1] }])).resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(E.PRODUCER_FENCED);
    expect((await add('tx-zombie', first.producerId, first.producerEpoch, [{ name: 't', partitions: [1] }], 1)).resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(E.INVALID_PRODUCER_EPOCH);
    expect((await end('tx-zombie', first.producerId, first.producerEpoch, true)).errorCode).toBe(E.PRODUCER_FENCED);
    expect((await end('tx-zombie', first.producerId + 1000, second.producerEpoch, true)).errorCode).toBe(E.INVALID_PRODUCER_ID_MAPPING);
  });

  it('answers unknown partitions UNKNOWN_TOPIC_OR_PARTITION and the rest OPERATION_NOT_ATTEMPTED; unknown ids are not found', async () => {
    const p = await waitFor(async () => { const r = await init('tx-unknown'); return r.errorCode === 0 && r; });
    const r = await add('tx-unknown', p.producerId, p.producerEpoch, [{ name: 't', partitions: [0, 7] }, { name: 'nope', partitions: [0] }]);
    expect(r.resultsByTopicV3AndBelow).toEqual([
      { name: 't', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: E.OPERATION_NOT_ATTEMPTED }, { partitionIndex: 7, partitionErrorCode: E.UNKNOWN_TOPIC_OR_PARTITION }] },
      { name: 'nope', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: E.UNKNOWN_TOPIC_OR_PARTITION }] },
    ]);
    expect((await describeTxn('tx-unknown')).transactionState).toBe('Empty');
    expect((await describeTxn('never-seen')).errorCode).toBe(E.TRANSACTIONAL_ID_NOT_FOUND);
  });

  it('aborts a transaction that outlives its timeout and fences its producer', async () => {
    const p = await waitFor(async () => { const r = await init('tx-timeout', 4, 300); return r.errorCode === 0 && r; });
    await add('tx-timeout', p.producerId, p.producerEpoch, [{ name: 't', partitions: [0] }]);
    await waitFor(async () => (await describeTxn('tx-timeout')).transactionState === 'CompleteAbort', 10000, 'timed-out abort');
    expect(markers.find((x) => x.producerId === p.producerId && x.transactionResult === false)).toMatchObject({ producerEpoch: p.producerEpoch + 1 });
    expect((await end('tx-timeout', p.producerId, p.producerEpoch, true)).errorCode).toBe(E.PRODUCER_FENCED);
  });

  it('keeps its state across a restart and finishes a prepared transaction whose markers were not written', async () => {
    const p = await waitFor(async () => { const r = await init('tx-restart'); return r.errorCode === 0 && r; });
    await add('tx-restart', p.producerId, p.producerEpoch, [{ name: 't', partitions: [1] }]);
    // Markers fail until the restart: the transaction stays PrepareCommit.
    eng.engine.txnCoordinator.markers.localWriter = async () => { throw new Error('partition side down'); };
    expect((await end('tx-restart', p.producerId, p.producerEpoch, true)).errorCode).toBe(0);
    expect((await describeTxn('tx-restart')).transactionState).toBe('PrepareCommit');
    c.close();
    await eng.stop();
    eng = await startInProcessEngine({ 'log.dirs': eng.dir, 'transaction.state.log.num.partitions': '3' });
    c = await connect(eng.port);
    await waitFor(async () => (await describeTxn('tx-restart')).transactionState === 'CompleteCommit', 10000, 'resumed commit');
    // The loaded PrepareCommit was finished at start, by the partition side's own marker writer
    // this time (the recorder only replaced it in the first run): t-1 holds one COMMIT marker.
    const latest = await c.request(ApiKey.ListOffsets, 1, { replicaId: -1, topics: [{ name: 't', partitions: [{ partitionIndex: 1, timestamp: -1 }] }] });
    expect(latest.topics[0].partitions[0]).toMatchObject({ errorCode: 0, offset: 1 });
    markers = recordMarkers(eng.engine);
    expect(await describeTxn('tx-commit')).toMatchObject({ transactionState: 'CompleteCommit' });
    const again = await init('tx-restart');
    expect(again).toMatchObject({ errorCode: 0, producerId: p.producerId, producerEpoch: p.producerEpoch + 1 });
  });

  it('transactions v2: AddPartitionsToTxn v5 from a leader, EndTxn v5 bumps the epoch (markers carry it), retries, empty aborts, a new id at exhaustion', async () => {
    await c.request(ApiKey.FindCoordinator, 2, { key: 'tx-v2', keyType: 1 });
    await c.request(ApiKey.CreateTopics, 4, { topics: [{ name: 'tv2', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    const p = await waitFor(async () => { const r = await init('tx-v2', 5); return r.errorCode === 0 && r; }, 10000, 'InitProducerId');
    const pid = Number(p.producerId);
    const addV5 = (epoch: number) => c.request(ApiKey.AddPartitionsToTxn, 5, { transactions: [
      { transactionalId: 'tx-v2', producerId: pid, producerEpoch: epoch, verifyOnly: false, topics: [{ name: 'tv2', partitions: [1] }] },
    ] });
    expect((await addV5(p.producerEpoch)).resultsByTransaction[0].topicResults[0].resultsByPartition).toEqual([{ partitionIndex: 1, partitionErrorCode: 0 }]);
    const committed = await end('tx-v2', pid, p.producerEpoch, true, 5);
    expect(committed).toMatchObject({ errorCode: 0, producerId: pid, producerEpoch: p.producerEpoch + 1 });
    await waitFor(async () => (await describeTxn('tx-v2')).transactionState === 'CompleteCommit', 10000, 'CompleteCommit');
    const m = markers.filter((x: any) => x.producerId === pid);
    expect(m.map((x: any) => [x.producerEpoch, x.transactionResult, x.transactionVersion])).toEqual([[p.producerEpoch + 1, true, 2]]);
    // The retry (the old epoch) is answered with what the end gave; the old epoch is fenced otherwise.
    expect(await end('tx-v2', pid, p.producerEpoch, true, 5)).toMatchObject({ errorCode: 0, producerId: pid, producerEpoch: p.producerEpoch + 1 });
    expect((await addV5(p.producerEpoch)).resultsByTransaction[0].topicResults[0].resultsByPartition[0].partitionErrorCode).toBe(E.PRODUCER_FENCED);
    // An abort with nothing added (the producer may not know) is written, and bumps too.
    expect(await end('tx-v2', pid, p.producerEpoch + 1, false, 5)).toMatchObject({ errorCode: 0, producerId: pid, producerEpoch: p.producerEpoch + 2 });
    await waitFor(async () => (await describeTxn('tx-v2')).transactionState === 'CompleteAbort', 10000, 'CompleteAbort');
    expect((await end('tx-v2', pid, p.producerEpoch + 2, true, 5)).errorCode).toBe(E.INVALID_TXN_STATE);
    // At the last epoch the end moves the producer to a new id at epoch 0 (Kafka's overflow).
    const md = eng.engine.txnCoordinator.state.get('tx-v2');
    md.producerEpoch = 32766;
    expect((await addV5(32766)).resultsByTransaction[0].topicResults[0].resultsByPartition[0].partitionErrorCode).toBe(0);
    const rotated = await end('tx-v2', pid, 32766, true, 5);
    expect(rotated.errorCode).toBe(0);
    expect(Number(rotated.producerId)).not.toBe(pid);
    expect(rotated.producerEpoch).toBe(0);
    await waitFor(async () => (await describeTxn('tx-v2')).transactionState === 'CompleteCommit', 10000, 'CompleteCommit after rotation');
    expect(await describeTxn('tx-v2')).toMatchObject({ producerId: rotated.producerId, producerEpoch: 0 });
    // The retry with the old id and its last epoch is answered with the new ones.
    expect(await end('tx-v2', pid, 32766, true, 5)).toMatchObject({ errorCode: 0, producerId: rotated.producerId, producerEpoch: 0 });
  });
});

describe('transactional id expiration and verification', () => {
  let eng: TestEngine;
  let c: any;
  beforeAll(async () => {
    eng = await startInProcessEngine({
      'transaction.state.log.num.partitions': '1',
      'transactional.id.expiration.ms': '500',
      'transaction.remove.expired.transaction.cleanup.interval.ms': '100',
    });
    recordMarkers(eng.engine);
    c = await connect(eng.port);
    await c.request(ApiKey.CreateTopics, 4, { topics: [{ name: 'v', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  });
  afterAll(async () => {
    c?.close();
    await eng?.stop();
  });

  it('AddPartitionsToTxn v4 verifyOnly (KIP-890 part 1) checks a partition is in the ongoing transaction', async () => {
    await c.request(ApiKey.FindCoordinator, 2, { key: 'tx-verify', keyType: 1 });
    const p = await waitFor(async () => {
      const r = await c.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-verify', transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
      return r.errorCode === 0 && r;
    });
    await c.request(ApiKey.AddPartitionsToTxn, 3, { v3AndBelowTransactionalId: 'tx-verify', v3AndBelowProducerId: p.producerId, v3AndBelowProducerEpoch: p.producerEpoch, v3AndBelowTopics: [{ name: 'v', partitions: [0] }] });
    const r = await c.request(ApiKey.AddPartitionsToTxn, 4, { transactions: [
      { transactionalId: 'tx-verify', producerId: p.producerId, producerEpoch: p.producerEpoch, verifyOnly: true, topics: [{ name: 'v', partitions: [0, 1] }] },
      { transactionalId: 'tx-verify', producerId: p.producerId, producerEpoch: p.producerEpoch + 1, verifyOnly: true, topics: [{ name: 'v', partitions: [0] }] },
    ] });
    expect(r.errorCode).toBe(0);
    expect(r.resultsByTransaction[0].topicResults[0].resultsByPartition).toEqual([{ partitionIndex: 0, partitionErrorCode: 0 }, { partitionIndex: 1, partitionErrorCode: E.INVALID_TXN_STATE }]);
    expect(r.resultsByTransaction[1].topicResults[0].resultsByPartition).toEqual([{ partitionIndex: 0, partitionErrorCode: E.PRODUCER_FENCED }]);
  });

  it('forgets an id idle for transactional.id.expiration.ms (a tombstone), not one with an open transaction', async () => {
    const p = await waitFor(async () => {
      const r = await c.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-expire', transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
      return r.errorCode === 0 && r;
    });
    expect(p.producerEpoch).toBe(0);
    await waitFor(async () => (await c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-expire'] })).transactionStates[0].errorCode === E.TRANSACTIONAL_ID_NOT_FOUND, 10000, 'expiration');
    // Ongoing (tx-verify) is kept.
    expect((await c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['tx-verify'] })).transactionStates[0]).toMatchObject({ errorCode: 0, transactionState: 'Ongoing' });
    // The id starts over with a new producer id.
    const again = await c.request(ApiKey.InitProducerId, 4, { transactionalId: 'tx-expire', transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
    expect(again.errorCode).toBe(0);
    expect(again.producerId).not.toBe(p.producerId);
    expect(again.producerEpoch).toBe(0);
  });
});
