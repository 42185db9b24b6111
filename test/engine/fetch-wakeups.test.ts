// Long-polling fetches (Kafka's DelayedFetch): a waiting fetch is woken by changes on its own
// partitions only, and reads its partitions again only when that read would answer (min_bytes
// reached, or something other than bytes changed). Reads are counted per partition replica
// (Partition.localReads); the fetches wait long (60 s) so that an answer before the test's own
// timeout can only come from the data arriving.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT, waitFor } from '../helpers/engine';
import { ReplicaCluster } from '../helpers/replica-cluster';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch, splitBatches, readBatchHeader, batchIsControl } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { fetchKey } = require(path.join(ROOT, 'dist/engine/replica/fetch-wakeups'));
const { writeTxnMarkers } = require(path.join(ROOT, 'dist/engine/api/handlers/write-txn-markers'));

const LONG = 60000;

let engine: TestEngine;
let fetcher: any;
let producer: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  fetcher = new BrokerConnection('127.0.0.1', engine.port, 'fw-fetch');
  producer = new BrokerConnection('127.0.0.1', engine.port, 'fw-produce');
  await fetcher.connect();
  await producer.connect();
});
afterAll(async () => {
  fetcher.close();
  producer.close();
  await engine.stop();
});

async function createTopic(name: string): Promise<void> {
  const r = await producer.send(ApiKey.CreateTopics, { topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
  expect(r.topics[0].errorCode).toBe(0);
}

async function produce(topic: string, records: Buffer): Promise<any> {
  const r = await producer.send(ApiKey.Produce, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  const p = r.responses[0].partitionResponses[0];
  expect(p.errorCode).toBe(0);
  return p;
}

function fetch(topic: string, offset: number, minBytes: number, isolationLevel = 0): Promise<any> {
  return fetcher.send(ApiKey.Fetch, {
    replicaId: -1, maxWaitMs: LONG, minBytes, maxBytes: 8 << 20, isolationLevel, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 8 << 20, currentLeaderEpoch: -1 }] }],
    forgottenTopicsData: [], rackId: '',
  }).then((r: any) => r.responses[0].partitions[0]);
}

const reads = (topic: string): number => engine.engine.replicaManager.getPartition(topic, 0).localReads;
const waiting = (topic: string): number => engine.engine.replicaManager.fetchWakeups.watching(fetchKey(topic, 0));

function batchesOf(records: Buffer | null): any[] {
  if (!records || records.length === 0) return [];
  return splitBatches(records).batches.map((b: Buffer) => ({ ...readBatchHeader(b, 0), control: batchIsControl(b, 0) }));
}

const rec = (v: string) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() });

describe('long-polling fetch', () => {
  it('a 64 KB min_bytes fetch is answered once the bytes are there, with all of them, reading the log a few times only', async () => {
    const t = 'fw-minbytes';
    await createTopic(t);
    const before = reads(t);
    const pending = fetch(t, 0, 64 * 1024);
    await waitFor(() => waiting(t) === 1, 5000, 'the fetch waits');
    // 1 KB batches: 64 of them reach min_bytes; keep producing until the fetch is answered.
    let answered: any;
    pending.then((p: any) => { answered = p; });
    let sent = 0;
    let bytes = 0;
    while (!answered && sent < 200) {
      const batch = buildBatch([rec(`${sent}:`.padEnd(1000, 'x'))], {});
      bytes += batch.length;
      await produce(t, batch);
      sent++;
    }
    const p = await pending;
    expect(p.errorCode).toBe(0);
    expect(p.records.length).toBeGreaterThanOrEqual(64 * 1024);
    const got = batchesOf(p.records);
    expect(got[0].baseOffset).toBe(0);
    expect(got.length).toBe(Number(p.highWatermark));
    expect(bytes).toBeGreaterThanOrEqual(64 * 1024);
    // One read when it arrived, one when the bytes were there (one per append before).
    expect(reads(t) - before).toBeLessThanOrEqual(3);
    expect(sent).toBeGreaterThanOrEqual(60);
  });

  it('a fetch waiting on one topic is not read again for appends to another; an append to its own answers it', async () => {
    const a = 'fw-idle-a';
    const b = 'fw-busy-b';
    await createTopic(a);
    await createTopic(b);
    const before = reads(a);
    const pending = fetch(a, 0, 1);
    await waitFor(() => waiting(a) === 1, 5000, 'the fetch waits');
    for (let i = 0; i < 20; i++) await produce(b, buildBatch([rec(`b${i}`)], {}));
    expect(reads(a) - before).toBe(1);
    expect(waiting(a)).toBe(1);
    await produce(a, buildBatch([rec('a0'), rec('a1')], {}));
    const p = await pending;
    expect(p.errorCode).toBe(0);
    expect(p.highWatermark).toBe(1 + 1);
    const got = batchesOf(p.records);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ baseOffset: 0, recordCount: 2 });
    expect(reads(a) - before).toBe(2);
  });

  it('a waiting fetch whose client disconnects stops waiting (it is not kept until its max wait)', async () => {
    const t = 'fw-gone';
    await createTopic(t);
    const gone = new BrokerConnection('127.0.0.1', engine.port, 'fw-gone');
    await gone.connect();
    const pending = gone.send(ApiKey.Fetch, {
      replicaId: -1, maxWaitMs: LONG, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: t, partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    pending.catch(() => undefined);
    await waitFor(() => waiting(t) === 1, 5000, 'the fetch waits');
    gone.close();
    await waitFor(() => waiting(t) === 0, 5000, 'the fetch of the closed connection stops waiting');
  });

  it('a read_committed fetch waits through an open transaction and is answered by its COMMIT marker', async () => {
    const t = 'fw-txn';
    await createTopic(t);
    const init = await producer.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
    const pid = { producerId: Number(init.producerId), producerEpoch: init.producerEpoch };
    const pending = fetch(t, 0, 1, 1);
    await waitFor(() => waiting(t) === 1, 5000, 'the fetch waits');
    const before = reads(t);
    await produce(t, buildBatch([rec('t0'), rec('t1')], { ...pid, baseSequence: 0, transactional: true }));
    await produce(t, buildBatch([rec('t2')], { ...pid, baseSequence: 2, transactional: true }));
    // The high watermark moved, the last stable offset did not: nothing to read again.
    expect(reads(t)).toBe(before);
    expect(waiting(t)).toBe(1);
    const resp = await writeTxnMarkers(engine.engine, {
      markers: [{ producerId: pid.producerId, producerEpoch: pid.producerEpoch, transactionResult: true, topics: [{ name: t, partitionIndexes: [0] }], coordinatorEpoch: 0, transactionVersion: 0 }],
    });
    expect(resp.markers[0].topics[0].partitions[0].errorCode).toBe(0);
    const p = await pending;
    expect(p.errorCode).toBe(0);
    expect(p.lastStableOffset).toBe(4);
    expect(batchesOf(p.records).map((x) => [x.baseOffset, x.control])).toEqual([[0, false], [2, false], [3, true]]);
    expect(p.abortedTransactions).toEqual([]);
  });

  it('a waiting fetch is answered at once when its topic is deleted', async () => {
    const t = 'fw-deleted';
    await createTopic(t);
    const pending = fetch(t, 0, 1);
    await waitFor(() => waiting(t) === 1, 5000, 'the fetch waits');
    const r = await producer.send(ApiKey.DeleteTopics, { topicNames: [t], topics: [{ name: t, topicId: null }], timeoutMs: 5000 });
    expect(r.responses[0].errorCode).toBe(0);
    const p = await pending;
    expect(p.errorCode).not.toBe(0);
  });
});

describe('long-polling fetches between brokers', () => {
  // Followers wait long for data: only a wake-up by their partition gets acks=all answered.
  const c = new ReplicaCluster({ 'replica.lag.time.max.ms': '600000', 'replica.fetch.wait.max.ms': '60000', 'replica.fetch.backoff.ms': '50' });
  let leader: any;
  beforeAll(async () => {
    await c.start([1, 2]);
    const [host, port] = c.bootstrap(1).split(':');
    leader = new BrokerConnection(host, Number(port), 'fw-cluster');
    await leader.connect();
  });
  afterAll(async () => { leader?.close(); await c.stop(); });

  const produceTo = (topic: string, acks: number) => leader.send(ApiKey.Produce, {
    transactionalId: null, acks, timeoutMs: 20000, topicData: [{ name: topic, partitionData: [{ index: 0, records: buildBatch([rec(topic)], {}) }] }],
  }).then((r: any) => r.responses[0].partitionResponses[0]);
  const leaderRm = () => c.engine(1).replicaManager;

  it("a follower's waiting fetch is woken by appends to its partition only", async () => {
    c.createTopic('fw-replicated', [{ replicas: [1, 2], isr: [1, 2], leader: 1 }]);
    c.createTopic('fw-local', [{ replicas: [1], isr: [1], leader: 1 }]);
    await waitFor(() => leaderRm().fetchWakeups.watching(fetchKey('fw-replicated', 0)) === 1, 10000, 'the follower waits on the leader');
    const before = c.partition(1, 'fw-replicated').localReads;
    for (let i = 0; i < 20; i++) expect((await produceTo('fw-local', 1)).errorCode).toBe(0);
    expect(c.partition(1, 'fw-replicated').localReads).toBe(before);
    // acks=all: the follower must be woken, fetch the batch, and fetch again to move the HW.
    const r = await produceTo('fw-replicated', -1);
    expect(r.errorCode).toBe(0);
    expect(c.partition(2, 'fw-replicated').log.logEndOffset).toBe(1);
  });

  it('a consumer waiting on a leader that loses its leadership is answered NOT_LEADER_OR_FOLLOWER at once', async () => {
    const t = 'fw-moved';
    c.createTopic(t, [{ replicas: [1, 2], isr: [1, 2], leader: 1 }]);
    // (The follower's fetch in flight, waiting on the first topic, may not name this one yet.)
    const others = leaderRm().fetchWakeups.watching(fetchKey(t, 0));
    // Fetch v10: no client metadata, so it reads the leader only (v11+ may read a follower, KIP-392).
    const consumer = leader.request(ApiKey.Fetch, 10, {
      replicaId: -1, maxWaitMs: LONG, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: t, partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
      forgottenTopicsData: [], rackId: '',
    }).then((r: any) => r.responses[0].partitions[0]);
    await waitFor(() => leaderRm().fetchWakeups.watching(fetchKey(t, 0)) === others + 1, 10000, 'the consumer waits');
    c.elect(t, 0, 2, [1, 2]);
    expect((await consumer).errorCode).toBe(6);
  });
});
