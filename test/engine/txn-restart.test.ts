// A kill -9 keeps a partition's transaction state and the group coordinator's pending
// transactional offsets: both are written in the SQLite transaction of the batch or marker.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnEngine, tempDir, ROOT } from '../helpers/engine';

const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { offsetsPartitionFor } = require(path.join(ROOT, 'dist/engine/coordinator/offsets-records'));

async function connect(port: number): Promise<any> {
  const c = new BrokerConnection('127.0.0.1', port, 'txn-restart');
  await c.connect();
  return c;
}

describe('transactions across a kill -9', () => {
  it('keep the aborted index, the open transaction and the pending offsets', async () => {
    const dir = tempDir();
    const t = 'txn-kill';
    const group = 'txn-kill-group';
    const gp = offsetsPartitionFor(group, 50);
    const first = await spawnEngine({ dir });
    let c = await connect(first.port);
    const created = await c.send(ApiKey.CreateTopics, { topics: [{ name: t, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    expect(created.topics[0].errorCode).toBe(0);
    const init = async () => { const r = await c.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 }); return { producerId: Number(r.producerId), producerEpoch: r.producerEpoch }; };
    const produce = async (v: string, p: any) => {
      const r = await c.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: t, partitionData: [{ index: 0, records: buildBatch([{ key: null, value: Buffer.from(v), timestamp: Date.now() }], { ...p, baseSequence: 0, transactional: true }) }] }] });
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
    };
    const marker = async (p: any, commit: boolean, topic: string, partition: number, coordinatorEpoch = 0, expected = 0) => {
      const r = await c.request(ApiKey.WriteTxnMarkers, 1, { markers: [{ ...p, transactionResult: commit, coordinatorEpoch, topics: [{ name: topic, partitionIndexes: [partition] }] }] });
      expect(r.markers[0].topics[0].partitions[0].errorCode).toBe(expected);
    };
    const fetchState = async () => {
      const r = await c.send(ApiKey.Fetch, {
        replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 1, sessionId: 0, sessionEpoch: -1,
        topics: [{ topic: t, partitions: [{ partition: 0, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }], forgottenTopicsData: [], rackId: '',
      });
      const p = r.responses[0].partitions[0];
      return { lso: Number(p.lastStableOffset), aborted: p.abortedTransactions.map((a: any) => Number(a.firstOffset)) };
    };
    const committedOffset = async () => {
      const r = await c.send(ApiKey.OffsetFetch, { groupId: group, topics: [{ name: t, partitionIndexes: [0] }] });
      return Number(r.topics[0].partitions[0].committedOffset);
    };
    const a = await init();
    const open = await init();
    await produce('aborted', a);         // 0
    await marker(a, false, t, 0, 4);     // 1
    await produce('open', open);         // 2
    const tc = await c.send(ApiKey.TxnOffsetCommit, { transactionalId: 'x', groupId: group, producerId: open.producerId, producerEpoch: open.producerEpoch, topics: [{ name: t, partitions: [{ partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, committedMetadata: '' }] }] }, 4); // v4: transactions v1, this producer never met the coordinator
    expect(tc.topics[0].partitions[0].errorCode).toBe(0);
    expect(await fetchState()).toEqual({ lso: 2, aborted: [0] });
    expect(await committedOffset()).toBe(-1);
    c.close();
    await first.kill('SIGKILL');

    const second = await spawnEngine({ dir });
    try {
      c = await connect(second.port);
      expect(await fetchState()).toEqual({ lso: 2, aborted: [0] });
      expect(await committedOffset()).toBe(-1);
      // The producer's last marker came from coordinator epoch 4: an older coordinator stays fenced.
      const dp = await c.send(ApiKey.DescribeProducers, { topics: [{ name: t, partitionIndexes: [0] }] });
      expect(dp.topics[0].partitions[0].activeProducers.find((x: any) => Number(x.producerId) === a.producerId)).toMatchObject({ coordinatorEpoch: 4, currentTxnStartOffset: -1 });
      await marker(a, false, t, 0, 3, 52);
      await marker(open, true, t, 0);
      await marker(open, true, '__consumer_offsets', gp);
      expect(await fetchState()).toEqual({ lso: 4, aborted: [0] });
      expect(await committedOffset()).toBe(42);
      c.close();
    } finally {
      await second.kill('SIGKILL');
    }
  }, 60000);
});
