// Transactions on a 3-broker cluster of separate processes: a confluent-kafka (librdkafka)
// transaction is open when its coordinator (the leader of the transactional id's
// __transaction_state partition, RF 3) is killed with SIGKILL; the new leader loads the
// partition's state, the client finds it and commits, and the markers reach partitions led by
// other brokers over the wire. A read_committed consumer then reads both transactions.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { createFailoverTopic, spawnLineClient } from '../helpers/failover';
import { PYTHON } from '../helpers/deps';
import { ROOT, waitFor } from '../helpers/engine';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

const cluster = new TestCluster({
  brokers: 3,
  overrides: {
    'offsets.topic.replication.factor': '3', 'transaction.state.log.replication.factor': '3',
    'transaction.state.log.min.isr': '2', 'transaction.state.log.num.partitions': '6', 'replica.fetch.wait.max.ms': '200',
  },
});

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

async function coordinatorOf(viaBroker: number, txnId: string, not?: number): Promise<number> {
  const conn = new BrokerConnection('127.0.0.1', cluster.broker(viaBroker).port, 'txn-failover-test');
  await conn.connect();
  try {
    return await waitFor(async () => {
      const r = await conn.request(ApiKey.FindCoordinator, 2, { key: txnId, keyType: 1 });
      return r.errorCode === 0 && r.nodeId !== not ? r.nodeId as number : undefined;
    }, 30000, `the coordinator of ${txnId}`);
  } finally {
    conn.close();
  }
}

describe('a transaction across the kill of its coordinator', () => {
  it('is committed by the new coordinator and read back read_committed', async () => {
    const topic = 'txn-failover';
    await createFailoverTopic(cluster, topic, 3);
    const txnId = 'txn-failover-id';
    const coordinator = await coordinatorOf(1, txnId);
    const client = spawnLineClient(PYTHON, ['-u', 'confluent_txn_failover.py', cluster.bootstrap(), topic, txnId], { cwd: path.join(ROOT, 'test', 'clients', 'python') });
    try {
      await waitFor(() => client.lines('OPEN').length > 0 || client.proc.exitCode !== null, 60000, 'the open transaction');
      expect(client.proc.exitCode, client.stderr()).toBeNull();
      await cluster.signal(coordinator, 'SIGKILL');
      const survivor = [...cluster.brokers.keys()][0];
      const successor = await coordinatorOf(survivor, txnId, coordinator);
      expect(successor).not.toBe(coordinator);
      client.proc.stdin!.write('commit\n');
      await waitFor(() => client.lines('RESULT').length > 0 || client.proc.exitCode !== null, 90000, 'the result');
      expect(client.lines('RESULT'), client.stderr()).toHaveLength(1);
      const r = JSON.parse(client.lines('RESULT')[0][0]);
      expect(r).toEqual({
        commit: null, secondCommit: null,
        read: [[0, 'first-0'], [0, 'second-0'], [1, 'first-1'], [1, 'second-1'], [2, 'first-2'], [2, 'second-2']],
      });
    } finally {
      client.kill();
    }
  }, 180000);
});
