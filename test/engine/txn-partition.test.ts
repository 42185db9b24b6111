// The partition side of transactions, at the protocol level: transactional batches hold the last
// stable offset back until a COMMIT/ABORT marker (WriteTxnMarkers) closes them, a read_committed
// Fetch stops at the LSO and is told the aborted transactions of what it read, ListOffsets
// READ_COMMITTED answers the LSO, and producer epochs fence old producers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch, readBatchHeader, splitBatches, batchIsControl } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { writeTxnMarkers } = require(path.join(ROOT, 'dist/engine/api/handlers/write-txn-markers'));

let engine: TestEngine;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'txn');
  await conn.connect();
});
afterAll(async () => { conn.close(); await engine.stop(); });

async function createTopic(name: string, partitions = 1): Promise<void> {
  const r = await conn.send(ApiKey.CreateTopics, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  expect(r.topics[0].errorCode).toBe(0);
}

async function produce(topic: string, records: Buffer, partition = 0): Promise<any> {
  const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] });
  return r.responses[0].partitionResponses[0];
}

async function fetch(topic: string, offset: number, isolationLevel: number, version?: number): Promise<any> {
  const body = {
    replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
    forgottenTopicsData: [], rackId: '',
  };
  const r = version === undefined ? await conn.send(ApiKey.Fetch, body) : await conn.request(ApiKey.Fetch, version, body);
  return r.responses[0].partitions[0];
}

async function listLatest(topic: string, isolationLevel: number): Promise<number> {
  const r = await conn.send(ApiKey.ListOffsets, { replicaId: -1, isolationLevel, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] });
  return Number(r.topics[0].partitions[0].offset);
}

async function newProducer(): Promise<{ producerId: number; producerEpoch: number }> {
  const r = await conn.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
  return { producerId: Number(r.producerId), producerEpoch: r.producerEpoch };
}

const rec = (v: string) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() });

function txnBatch(p: { producerId: number; producerEpoch: number }, seq: number, values: string[]): Buffer {
  return buildBatch(values.map(rec), { producerId: p.producerId, producerEpoch: p.producerEpoch, baseSequence: seq, transactional: true });
}

function markers(p: { producerId: number; producerEpoch: number }, commit: boolean, topics: { name: string; partitionIndexes: number[] }[], coordinatorEpoch = 0) {
  return { markers: [{ producerId: p.producerId, producerEpoch: p.producerEpoch, transactionResult: commit, topics, coordinatorEpoch, transactionVersion: 0 }] };
}

function batchesOf(records: Buffer | null): any[] {
  if (!records || records.length === 0) return [];
  return splitBatches(records).batches.map((b: Buffer) => ({ ...readBatchHeader(b, 0), control: batchIsControl(b, 0) }));
}

describe('transactions on a partition', () => {
  it('holds the LSO at an open transaction and releases it on COMMIT', async () => {
    const t = 'txn-commit';
    await createTopic(t);
    const p = await newProducer();
    expect((await produce(t, buildBatch([rec('plain')], {}))).errorCode).toBe(0);
    expect((await produce(t, txnBatch(p, 0, ['a', 'b']))).baseOffset).toBe(1);
    const unc = await fetch(t, 0, 0);
    expect(unc.highWatermark).toBe(3);
    expect(unc.lastStableOffset).toBe(1);
    expect(unc.abortedTransactions).toBeNull();
    expect(batchesOf(unc.records)).toHaveLength(2);
    const com = await fetch(t, 0, 1);
    expect(com.lastStableOffset).toBe(1);
    expect(com.abortedTransactions).toEqual([]);
    expect(batchesOf(com.records).map((b) => b.baseOffset)).toEqual([0]);
    expect(await listLatest(t, 1)).toBe(1);
    expect(await listLatest(t, 0)).toBe(3);

    const resp = await writeTxnMarkers(engine.engine, markers(p, true, [{ name: t, partitionIndexes: [0] }]));
    expect(resp.markers[0].topics[0].partitions[0]).toEqual({ partitionIndex: 0, errorCode: 0 });
    const after = await fetch(t, 0, 1);
    expect(after.highWatermark).toBe(4);
    expect(after.lastStableOffset).toBe(4);
    expect(after.abortedTransactions).toEqual([]);
    const bs = batchesOf(after.records);
    expect(bs.map((b) => [b.baseOffset, b.control])).toEqual([[0, false], [1, false], [3, true]]);
    expect(bs[2]).toMatchObject({ producerId: p.producerId, producerEpoch: p.producerEpoch, baseSequence: -1, recordCount: 1 });
    expect(await listLatest(t, 1)).toBe(4);
  });

  it('lists an aborted transaction for the fetched range', async () => {
    const t = 'txn-abort';
    await createTopic(t);
    const p = await newProducer();
    await produce(t, txnBatch(p, 0, ['x', 'y']));
    const resp = await writeTxnMarkers(engine.engine, markers(p, false, [{ name: t, partitionIndexes: [0] }]));
    expect(resp.markers[0].topics[0].partitions[0].errorCode).toBe(0);
    // The next transaction of the same producer commits.
    await produce(t, txnBatch(p, 2, ['z']));
    await writeTxnMarkers(engine.engine, markers(p, true, [{ name: t, partitionIndexes: [0] }]));
    const f = await fetch(t, 0, 1);
    expect(f.lastStableOffset).toBe(5);
    expect(f.abortedTransactions).toEqual([{ producerId: p.producerId, firstOffset: 0 }]);
    // Fetching past the aborted transaction: not listed.
    const later = await fetch(t, 3, 1);
    expect(later.abortedTransactions).toEqual([]);
    // Fetch v4 (the first with isolation) has them too.
    const v4 = await fetch(t, 0, 1, 4);
    expect(v4.abortedTransactions).toEqual([{ producerId: p.producerId, firstOffset: 0 }]);
    expect(v4.lastStableOffset).toBe(5);
  });

  it('answers per-partition errors and fences older epochs', async () => {
    const t = 'txn-errors';
    await createTopic(t);
    const p = await newProducer();
    await produce(t, txnBatch(p, 0, ['a']));
    const bumped = { producerId: p.producerId, producerEpoch: p.producerEpoch + 1 };
    // A v2-style marker with a bumped epoch closes the transaction and fences the old epoch.
    const r = await writeTxnMarkers(engine.engine, {
      markers: [{ producerId: p.producerId, producerEpoch: bumped.producerEpoch, transactionResult: true, coordinatorEpoch: 3, transactionVersion: 2,
        topics: [{ name: t, partitionIndexes: [0, 7] }, { name: 'txn-no-such-topic', partitionIndexes: [0] }] }],
    });
    expect(r.markers[0].topics.map((x: any) => x.partitions.map((q: any) => q.errorCode))).toEqual([[0, 3], [3]]);
    // A late marker of the old epoch and a transactional batch of it are refused.
    const old = await writeTxnMarkers(engine.engine, markers(p, false, [{ name: t, partitionIndexes: [0] }], 3));
    expect(old.markers[0].topics[0].partitions[0].errorCode).toBe(47); // INVALID_PRODUCER_EPOCH
    expect((await produce(t, txnBatch(p, 1, ['zombie']))).errorCode).toBe(47);
    // An older coordinator is fenced.
    const stale = await writeTxnMarkers(engine.engine, markers(bumped, false, [{ name: t, partitionIndexes: [0] }], 2));
    expect(stale.markers[0].topics[0].partitions[0].errorCode).toBe(52); // TRANSACTION_COORDINATOR_FENCED
    // The new epoch starts its sequences at 0.
    expect((await produce(t, txnBatch(bumped, 0, ['ok']))).errorCode).toBe(0);
    // With a transaction open, the producer's plain (idempotent) batch is INVALID_TXN_STATE.
    const plain = await produce(t, buildBatch([rec('plain')], { ...bumped, baseSequence: 1 }));
    expect(plain.errorCode).toBe(48);
    // Transactions v2: a marker at the producer's epoch while its transaction is open is stale...
    const tv2 = (epoch: number) => writeTxnMarkers(engine.engine, {
      markers: [{ producerId: p.producerId, producerEpoch: epoch, transactionResult: true, coordinatorEpoch: 3, transactionVersion: 2, topics: [{ name: t, partitionIndexes: [0] }] }],
    }).then((x: any) => x.markers[0].topics[0].partitions[0].errorCode);
    expect(await tv2(bumped.producerEpoch)).toBe(47);
    // ...one with a bumped epoch closes it, and its retry (same epoch, nothing open) is written again.
    expect(await tv2(bumped.producerEpoch + 1)).toBe(0);
    expect(await tv2(bumped.producerEpoch + 1)).toBe(0);
  });

  it('serves WriteTxnMarkers on the wire (versions 1-2)', async () => {
    const t = 'txn-wire';
    await createTopic(t);
    const p = await newProducer();
    await produce(t, txnBatch(p, 0, ['a']));
    for (const version of [1, 2]) {
      const r = await conn.request(ApiKey.WriteTxnMarkers, version, markers(p, version === 2, [{ name: t, partitionIndexes: [0] }]));
      expect(r.markers[0]).toMatchObject({ producerId: p.producerId, topics: [{ name: t, partitions: [{ partitionIndex: 0, errorCode: 0 }] }] });
    }
    const f = await fetch(t, 0, 1);
    // The first marker (ABORT) closed the transaction; the second closed nothing.
    expect(f.abortedTransactions).toEqual([{ producerId: p.producerId, firstOffset: 0 }]);
    expect(f.lastStableOffset).toBe(3);
    // Advertised to clients (Admin.abortTransaction sends it) from v0, which Kafka 3.9 still accepted.
    const versions = await conn.send(ApiKey.ApiVersions, { clientSoftwareName: 't', clientSoftwareVersion: '1' });
    expect(versions.apiKeys.find((k: any) => k.apiKey === ApiKey.WriteTxnMarkers)).toEqual({ apiKey: ApiKey.WriteTxnMarkers, minVersion: 0, maxVersion: 2 });
  });

  it('describes the active producers of a partition (DescribeProducers)', async () => {
    const t = 'txn-producers';
    await createTopic(t);
    const idem = await newProducer();
    const txn = await newProducer();
    await produce(t, buildBatch([rec('a'), rec('b'), rec('c')], { producerId: idem.producerId, producerEpoch: idem.producerEpoch, baseSequence: 0 }));
    await produce(t, txnBatch(txn, 0, ['x', 'y']));
    await writeTxnMarkers(engine.engine, markers(txn, true, [{ name: t, partitionIndexes: [0] }], 5));
    await produce(t, txnBatch(txn, 2, ['z']));
    // A producer whose last batch is older than producer.id.expiration.ms (1 day) is not active.
    const old = await newProducer();
    await produce(t, buildBatch([{ key: null, value: Buffer.from('old'), timestamp: Date.now() - 2 * 86400000 }], { producerId: old.producerId, producerEpoch: old.producerEpoch, baseSequence: 0 }));
    const r = await conn.send(ApiKey.DescribeProducers, { topics: [{ name: t, partitionIndexes: [0, 3] }, { name: 'txn-nope', partitionIndexes: [0] }] });
    const [ok, missing] = r.topics[0].partitions;
    expect(missing.errorCode).toBe(3);
    // As Kafka 4.4: only the unknown topic gets a message.
    expect(missing.errorMessage).toBeNull();
    expect(r.topics[1].partitions[0]).toMatchObject({ errorCode: 3, errorMessage: 'This server does not host this topic-partition.' });
    expect(ok.errorCode).toBe(0);
    const byId = new Map(ok.activeProducers.map((x: any) => [Number(x.producerId), x]));
    expect(byId.get(idem.producerId)).toMatchObject({ producerEpoch: idem.producerEpoch, lastSequence: 2, coordinatorEpoch: -1, currentTxnStartOffset: -1 });
    expect(byId.get(txn.producerId)).toMatchObject({ producerEpoch: txn.producerEpoch, lastSequence: 2, coordinatorEpoch: 5, currentTxnStartOffset: 6 });
    expect(Number((byId.get(txn.producerId) as any).lastTimestamp)).toBeGreaterThan(0);
    expect(byId.has(old.producerId)).toBe(false);
  });

  it('keeps offsets committed in a transaction pending until the marker on the group partition', async () => {
    const t = 'txn-offsets';
    await createTopic(t, 2);
    const coordinator = engine.engine.coordinator;
    const offsetsPartition = (g: string) => coordinator.offsetsTopic.partitionFor(g);
    const fetchCommitted = async (g: string) => {
      const r = await conn.send(ApiKey.OffsetFetch, { groupId: g, topics: [{ name: t, partitionIndexes: [0, 1] }], requireStable: false });
      return r.topics[0].partitions.map((q: any) => Number(q.committedOffset));
    };
    const txnCommit = (g: string, p: { producerId: number; producerEpoch: number }, offsets: number[], extra: Record<string, unknown> = {}, version?: number) => {
      const body = {
        transactionalId: 'tx-1', groupId: g, producerId: p.producerId, producerEpoch: p.producerEpoch, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: t, partitions: offsets.map((o, i) => ({ partitionIndex: i, committedOffset: o, committedLeaderEpoch: -1, committedMetadata: 'm' })) }], ...extra,
      };
      // v4 (transactions v1): v5 would first add the group's partition at the transaction coordinator,
      // which these producers (made up at the partition) never met.
      return version === undefined ? conn.send(ApiKey.TxnOffsetCommit, body, 4) : conn.request(ApiKey.TxnOffsetCommit, version, body);
    };
    const p = await newProducer();
    // Committed.
    let r = await txnCommit('g-commit', p, [5, 7]);
    expect(r.topics[0].partitions.map((q: any) => q.errorCode)).toEqual([0, 0]);
    expect(await fetchCommitted('g-commit')).toEqual([-1, -1]);
    // OffsetFetch v7 requireStable: UNSTABLE_OFFSET_COMMIT while pending (v6 and requireStable=false: the committed ones).
    const stable = async (requireStable: boolean, version: number) => (await conn.request(ApiKey.OffsetFetch, version, { groupId: 'g-commit', topics: [{ name: t, partitionIndexes: [0, 1] }], requireStable }))
      .topics[0].partitions.map((q: any) => [q.errorCode, Number(q.committedOffset)]);
    expect(await stable(true, 7)).toEqual([[88, -1], [88, -1]]);
    expect(await stable(false, 7)).toEqual([[0, -1], [0, -1]]);
    expect(await stable(true, 6)).toEqual([[0, -1], [0, -1]]);
    // The group partition's LSO is held by the open transaction.
    const gp = offsetsPartition('g-commit');
    const log = engine.engine.replicaManager.localLog('__consumer_offsets', gp);
    expect(log.lastStableOffset).toBeLessThan(log.highWatermark);
    const m = await writeTxnMarkers(engine.engine, markers(p, true, [{ name: '__consumer_offsets', partitionIndexes: [gp] }]));
    expect(m.markers[0].topics[0].partitions[0].errorCode).toBe(0);
    expect(await fetchCommitted('g-commit')).toEqual([5, 7]);
    expect(log.lastStableOffset).toBe(log.highWatermark);
    expect(await stable(true, 7)).toEqual([[0, 5], [0, 7]]);

    // Aborted: the earlier committed offsets stay.
    const q = await newProducer();
    r = await txnCommit('g-commit', q, [9, 9], {}, 0);
    expect(r.topics[0].partitions.map((x: any) => x.errorCode)).toEqual([0, 0]);
    await writeTxnMarkers(engine.engine, markers(q, false, [{ name: '__consumer_offsets', partitionIndexes: [gp] }]));
    expect(await fetchCommitted('g-commit')).toEqual([5, 7]);

    // Offset expiry does not delete a group whose only offsets are pending in a transaction.
    const r2 = await txnCommit('g-pending-only', q, [3]);
    expect(r2.topics[0].partitions[0].errorCode).toBe(0);
    coordinator.cleanupGroupMetadata(Date.now() + 365 * 24 * 3600 * 1000);
    expect(coordinator.groups.has('g-pending-only')).toBe(true);

    // Group checks (v3+): a generation for a group that does not exist, an unknown member, an old epoch.
    r = await txnCommit('g-checks', q, [1], { generationIdOrMemberEpoch: 3, memberId: 'm-1' });
    expect(r.topics[0].partitions[0].errorCode).toBe(22); // ILLEGAL_GENERATION
    expect((await txnCommit('g-checks', q, [1])).topics[0].partitions[0].errorCode).toBe(0);
    r = await txnCommit('g-checks', q, [1], { generationIdOrMemberEpoch: 0, memberId: 'm-1' });
    expect(r.topics[0].partitions[0].errorCode).toBe(25); // UNKNOWN_MEMBER_ID
    const bumped = { producerId: q.producerId, producerEpoch: q.producerEpoch + 1 };
    await writeTxnMarkers(engine.engine, markers(bumped, false, [{ name: '__consumer_offsets', partitionIndexes: [offsetsPartition('g-checks')] }]));
    r = await txnCommit('g-checks', q, [2]);
    expect(r.topics[0].partitions[0].errorCode).toBe(47); // INVALID_PRODUCER_EPOCH
    r = await conn.send(ApiKey.TxnOffsetCommit, { transactionalId: 'tx', groupId: 'g-checks', producerId: q.producerId, producerEpoch: bumped.producerEpoch, topics: [{ name: 'txn-none', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, committedMetadata: null }] }] }, 4);
    expect(r.topics[0].partitions[0].errorCode).toBe(3);
  });

  it('compaction keeps markers, leaves aborted records alone and stops at the LSO', async () => {
    const t = 'txn-compact';
    const r = await conn.send(ApiKey.CreateTopics, { topics: [{ name: t, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'min.compaction.lag.ms', value: '0' },
      // One batch per segment: only the last batch is the active segment.
      { name: 'internal.segment.bytes', value: '1' }] }], timeoutMs: 5000, validateOnly: false });
    expect(r.topics[0].errorCode).toBe(0);
    const kv = (k: string, v: string) => ({ key: Buffer.from(k), value: Buffer.from(v), timestamp: Date.now() });
    const a = await newProducer();
    const b = await newProducer();
    await produce(t, buildBatch([kv('k', 'v1')], {}));                                                                  // 0
    await produce(t, buildBatch([kv('k', 'aborted')], { ...a, baseSequence: 0, transactional: true }));                  // 1
    await writeTxnMarkers(engine.engine, markers(a, false, [{ name: t, partitionIndexes: [0] }]));                       // 2
    await produce(t, buildBatch([kv('k2', 'x')], {}));                                                                   // 3
    await produce(t, buildBatch([kv('k', 'open')], { ...b, baseSequence: 0, transactional: true }));                     // 4
    await produce(t, buildBatch([kv('k', 'plain-after')], {}));                                                          // 5
    await produce(t, buildBatch([kv('k3', 'last')], {}));                                                               // 6
    const { decodeRecords } = require(path.join(ROOT, 'dist/protocol/records/batch'));
    const contents = async () => {
      const f = await fetch(t, 0, 0);
      const out: string[] = [];
      for (const batch of splitBatches(f.records).batches) {
        if (batchIsControl(batch, 0)) { out.push(`${readBatchHeader(batch, 0).baseOffset} marker`); continue; }
        decodeRecords(batch, (x: any) => out.push(`${x.offset} ${x.key}=${x.value}`));
      }
      return out;
    };
    const compact = () => {
      const log = engine.engine.replicaManager.localLog(t, 0);
      return engine.engine.cleaner.compactor.compact(log.topic, log.p, Date.now(), true);
    };
    compact();
    // Nothing at or past the open transaction (LSO 4) is cleaned; the aborted value does not hide v1.
    expect(await contents()).toEqual(['0 k=v1', '1 k=aborted', '2 marker', '3 k2=x', '4 k=open', '5 k=plain-after', '6 k3=last']);
    await writeTxnMarkers(engine.engine, markers(b, true, [{ name: t, partitionIndexes: [0] }]));                        // 7
    await produce(t, buildBatch([kv('k4', 'end')], {}));                                                                 // 8
    compact();
    expect(await contents()).toEqual(['1 k=aborted', '2 marker', '3 k2=x', '5 k=plain-after', '6 k3=last', '7 marker', '8 k4=end']);
  });
});
