// Transactions on a replicated partition, three broker processes: markers written through the
// leader's WriteTxnMarkers reach the followers like any batch, and each follower derives the same
// open transactions, aborted-transactions index and last stable offset from what it replicated
// (read from each follower with a KIP-392 read_committed fetch). After a kill -9 of the leader,
// the new leader still holds the LSO at the open transaction and closes it with its marker.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { ROOT, runTool, waitFor } from '../helpers/engine';

const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { offsetsPartitionFor } = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));

const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000, overrides: { 'replica.fetch.wait.max.ms': '100', 'offsets.topic.replication.factor': '3' } });
const conns = new Map<number, any>();

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => {
  for (const c of conns.values()) c.close();
  await cluster.stop();
});

async function conn(id: number): Promise<any> {
  let c = conns.get(id);
  if (!c || c.closed) {
    c = new BrokerConnection('127.0.0.1', cluster.broker(id).port, 'txn-cluster');
    await c.connect();
    conns.set(id, c);
  }
  return c;
}

async function leaderOf(topic: string, via: number): Promise<number> {
  const r = await (await conn(via)).send(ApiKey.Metadata, { topics: [{ name: topic }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
  return r.topics[0].partitions[0].leaderId;
}

/** A read_committed Fetch v11 of partition 0 from broker `id` (a follower answers too, KIP-392). */
async function readCommitted(id: number, topic: string): Promise<{ hw: number; lso: number; aborted: unknown[] }> {
  const r = await (await conn(id)).request(ApiKey.Fetch, 11, {
    replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 1, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
    forgottenTopicsData: [], rackId: '',
  });
  const p = r.responses[0].partitions[0];
  return { hw: Number(p.highWatermark), lso: Number(p.lastStableOffset), aborted: (p.abortedTransactions ?? []).map((a: any) => [Number(a.producerId), Number(a.firstOffset)]) };
}

describe('transactions on a 3-broker cluster', () => {
  it('replicates markers; followers derive the LSO and aborted index; a new leader keeps them', async () => {
    const t = 'txn-replicated';
    const made = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(), '--create', '--topic', t, '--partitions', '1', '--replication-factor', '3']);
    expect(made.code).toBe(0);
    const leader = await waitFor(async () => { const l = await leaderOf(t, 1); return l >= 0 ? l : 0; }, 15000, 'a leader');
    const lc = await conn(leader);
    const init = async () => { const r = await lc.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 }); return { producerId: Number(r.producerId), producerEpoch: r.producerEpoch }; };
    const produce = async (values: string[], p?: any, seq = 0) => {
      const records = buildBatch(values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })), p ? { ...p, baseSequence: seq, transactional: true } : {});
      const r = await lc.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 10000, topicData: [{ name: t, partitionData: [{ index: 0, records }] }] });
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    };
    const marker = async (c: any, p: any, commit: boolean) => {
      const r = await c.request(ApiKey.WriteTxnMarkers, 1, { markers: [{ ...p, transactionResult: commit, coordinatorEpoch: 0, topics: [{ name: t, partitionIndexes: [0] }] }] });
      return r.markers[0].topics[0].partitions[0].errorCode;
    };
    const a = await init();
    const open = await init();
    await produce(['plain']);           // 0
    await produce(['a1', 'a2'], a);     // 1-2
    expect(await marker(lc, a, false)).toBe(0); // 3 (acks=all: every ISR member has it)
    await produce(['o1'], open);        // 4: LSO
    await produce(['after']);           // 5

    const expected = { hw: 6, lso: 4, aborted: [[a.producerId, 1]] };
    for (const id of [1, 2, 3]) {
      expect(await waitFor(async () => {
        const r = await readCommitted(id, t);
        return r.hw === 6 ? r : undefined;
      }, 15000, `broker ${id} at the high watermark`)).toEqual(expected);
    }
    // A follower refuses markers: only the leader writes them.
    const follower = [1, 2, 3].find((id) => id !== leader)!;
    expect(await marker(await conn(follower), open, true)).toBe(6); // NOT_LEADER_OR_FOLLOWER

    // kill -9 of the leader: the new one keeps the open transaction (from replicated batches).
    conns.get(leader)?.close();
    conns.delete(leader);
    await cluster.signal(leader, 'SIGKILL');
    const live = [1, 2, 3].filter((id) => id !== leader);
    const next = await waitFor(async () => { const l = await leaderOf(t, live[0]); return live.includes(l) ? l : 0; }, 20000, 'a new leader');
    expect(await readCommitted(next, t)).toEqual(expected);
    expect(await waitFor(async () => (await marker(await conn(next), open, true)) === 0, 15000, 'the commit marker on the new leader')).toBe(true);
    for (const id of live) {
      expect(await waitFor(async () => {
        const r = await readCommitted(id, t);
        return r.hw === 7 ? r : undefined;
      }, 15000, `broker ${id} after the commit`)).toEqual({ hw: 7, lso: 7, aborted: [[a.producerId, 1]] });
    }
    // Back to three brokers for the next test.
    await cluster.start(leader);
  }, 90000);

  it('a new group coordinator rebuilds committed and pending transactional offsets from the log', async () => {
    const t = 'txn-offsets-replicated';
    const group = 'txn-failover-group';
    const made = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(), '--create', '--topic', t, '--partitions', '1', '--replication-factor', '3']);
    expect(made.code).toBe(0);
    const coordinatorOf = async (via: number) => {
      const r = await (await conn(via)).send(ApiKey.FindCoordinator, { key: group, keyType: 0 });
      return r.errorCode === 0 ? r.nodeId : 0;
    };
    const coordinator = await waitFor(() => coordinatorOf(1), 20000, 'the group coordinator');
    const offsetsPartition = offsetsPartitionFor(group, 50);
    // Every replica of the group's partition in the ISR, so the new leader has what the old one wrote.
    await waitFor(async () => {
      const r = await (await conn(coordinator)).send(ApiKey.Metadata, { topics: [{ name: '__consumer_offsets' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      const p = r.topics[0].partitions.find((x: any) => x.partitionIndex === offsetsPartition);
      return p && p.isrNodes.length === 3;
    }, 30000, 'a full ISR');
    const cc = await conn(coordinator);
    const init = await cc.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
    const p = { producerId: Number(init.producerId), producerEpoch: init.producerEpoch };
    const commitOffset = async (c: any, offset: number) => {
      const r = await c.send(ApiKey.TxnOffsetCommit, { transactionalId: 'x', groupId: group, ...p, topics: [{ name: t, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }] }, 4); // v4: transactions v1, this producer never met the coordinator
      return r.topics[0].partitions[0].errorCode;
    };
    const marker = async (c: any, commit: boolean) => {
      const r = await c.request(ApiKey.WriteTxnMarkers, 1, { markers: [{ ...p, transactionResult: commit, coordinatorEpoch: 0, topics: [{ name: '__consumer_offsets', partitionIndexes: [offsetsPartition] }] }] });
      return r.markers[0].topics[0].partitions[0].errorCode;
    };
    const fetchOffset = async (c: any, requireStable: boolean) => {
      const r = await c.request(ApiKey.OffsetFetch, 7, { groupId: group, topics: [{ name: t, partitionIndexes: [0] }], requireStable });
      if (r.errorCode !== 0) return { errorCode: r.errorCode, offset: -2 };
      return { errorCode: r.topics[0].partitions[0].errorCode, offset: Number(r.topics[0].partitions[0].committedOffset) };
    };
    expect(await commitOffset(cc, 11)).toBe(0);
    expect(await marker(cc, true)).toBe(0);
    expect(await commitOffset(cc, 22)).toBe(0);
    expect(await fetchOffset(cc, true)).toEqual({ errorCode: 88, offset: -1 });

    conns.get(coordinator)?.close();
    conns.delete(coordinator);
    await cluster.signal(coordinator, 'SIGKILL');
    const live = [1, 2, 3].filter((id) => id !== coordinator);
    const next = await waitFor(async () => { const n = await coordinatorOf(live[0]); return live.includes(n) ? n : 0; }, 20000, 'a new coordinator');
    const nc = await conn(next);
    // Loaded from the replicated log: 11 committed, 22 pending until its marker.
    expect(await waitFor(async () => { const r = await fetchOffset(nc, false); return r.errorCode === 0 ? r : undefined; }, 20000, 'the group loaded')).toEqual({ errorCode: 0, offset: 11 });
    expect(await fetchOffset(nc, true)).toEqual({ errorCode: 88, offset: -1 });
    expect(await waitFor(async () => (await marker(nc, false)) === 0, 15000, 'the abort marker')).toBe(true);
    expect(await fetchOffset(nc, true)).toEqual({ errorCode: 0, offset: 11 });
  }, 90000);
});
