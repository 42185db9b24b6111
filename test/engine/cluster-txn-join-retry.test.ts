// Transactions v2 on a 3-broker cluster: Kafka's Java 4.4 producer commits a transaction whose
// partition's leader is then stalled (SIGSTOP: alive, but the coordinator's marker is not written,
// so the transaction stays in PREPARE_COMMIT), and sends the next transaction's first batch to a
// partition of another broker. That leader asks the coordinator (AddPartitionsToTxn v5 over the
// wire) again for add.partitions.to.txn.retry.backoff.max.ms, then answers CONCURRENT_TRANSACTIONS,
// as Kafka 4.4 does: with retries=1 the send fails with ConcurrentTransactionsException after two
// attempts (Kafka 4.4: about 380 ms). The engine used to hold each attempt for the request timeout
// (30 s) and answer NOT_ENOUGH_REPLICAS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { TestCluster } from '../helpers/cluster';
import { ROOT, waitFor } from '../helpers/engine';
import { parseChecks, spawnJava } from '../helpers/java';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));

// The transaction log on one broker each, so a stalled broker holds only its own partitions' markers.
const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 60000, overrides: { 'transaction.state.log.replication.factor': '1', 'transaction.state.log.min.isr': '1' } });
let admin: any;

beforeAll(async () => {
  await cluster.startAll();
  admin = new BrokerConnection('127.0.0.1', cluster.broker(1).port, 'txn-join-admin');
  await admin.connect();
}, 60000);
afterAll(async () => {
  admin?.close();
  await cluster.stop();
});

describe('transactions v2: a partition joining while the previous transaction is in PREPARE_COMMIT', () => {
  it('Kafka\'s Java 4.4 producer gets CONCURRENT_TRANSACTIONS within the retry bound, not after the request timeout', async () => {
    const id = 'java-join';
    const fc = await waitFor(async () => {
      const r = await admin.request(ApiKey.FindCoordinator, 2, { keyType: 1, key: id });
      return r.errorCode === 0 && r;
    }, 20000, 'transaction coordinator');
    const [held, next] = [1, 2, 3].filter((n) => n !== fc.nodeId);
    const created = await admin.request(ApiKey.CreateTopics, 4, {
      topics: [['join-held', held], ['join-next', next]].map(([name, broker]) => ({
        name, numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [broker] }], configs: [] })),
      timeoutMs: 10000, validateOnly: false,
    });
    expect(created.topics.map((t: any) => t.errorCode)).toEqual([0, 0]);

    const java = spawnJava('TxnJoinChecks', [cluster.bootstrap(), id, 'join-held', 'join-next'], { stdin: 'pipe' });
    try {
      await waitFor(() => java.stdout().includes('held-sent') || java.proc.exitCode !== null, 60000, 'the first transaction\'s batch');
      await cluster.signal(held, 'SIGSTOP');
      java.proc.stdin!.write('go\n');
      const code = await Promise.race([java.exited, new Promise((r) => setTimeout(() => r('timeout'), 90000).unref())]);
      const out = parseChecks(java.stdout());
      expect({ code, checks: [...out.checks], error: out.value('send-error') }, java.stderr().slice(-3000))
        .toEqual({ code: 0, checks: [['next-send-concurrent-transactions', expect.objectContaining({ ok: true })]], error: 'ConcurrentTransactionsException' });
      // Two attempts of about 100 ms and the producer's 100 ms backoff; before: two 30 s attempts.
      expect(Number(out.value('send-failed-ms'))).toBeLessThan(10000);
      expect(java.stderr()).toMatch(/retrying \(0 attempts left\)\. Error: CONCURRENT_TRANSACTIONS/);
    } finally {
      await cluster.signal(held, 'SIGCONT');
      await java.stop(0);
    }
  }, 180000);
});
