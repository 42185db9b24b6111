// Transactions v2 (KIP-890 part 2) on a 3-broker cluster of separate processes: partition leaders
// add partitions to transactions coordinated by other brokers (AddPartitionsToTxn v5 over the
// wire), the coordinator's markers carry the bumped epoch to them, and TxnOffsetCommit v5 adds
// the group's partition. Kafka's Java 4.4 producer (TransactionChecks: commit/abort, a fenced
// zombie, consume-transform-produce, back-to-back transactions of pipelined batches) and our producer writing one transaction to partitions led
// by every broker, read back read_committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../helpers/cluster';
import { runTool, waitFor } from '../helpers/engine';
import { runJava, parseChecks } from '../helpers/java';
import { Producer, producerSettings } from '../../src/client/producer';

const cluster = new TestCluster({ brokers: 3, sessionTimeoutMs: 3000, overrides: { 'group.initial.rebalance.delay.ms': '0' } });

beforeAll(async () => { await cluster.startAll(); }, 60000);
afterAll(async () => { await cluster.stop(); });

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

describe('transactions v2 on a 3-broker cluster', () => {
  it('Kafka\'s Java 4.4 producer: commit/abort, fencing and consume-transform-produce across brokers', async () => {
    const run = await runJava('TransactionChecks', [cluster.bootstrap(), 'jc']);
    const out = parseChecks(run.stdout);
    expect({ code: run.code, failed: [...out.checks].filter(([, v]) => !v.ok) }, run.stderr.slice(-3000)).toEqual({ code: 0, failed: [] });
    expect(out.checks.size).toBe(4);
  }, 180000);

  it('our producer writes one transaction to partitions led by every broker; the epoch is bumped at each end', async () => {
    const t = 'txn-v2-spread';
    const made = await runTool('kafka-topics', ['--bootstrap-server', cluster.bootstrap(), '--create', '--topic', t, '--partitions', '6', '--replication-factor', '1']);
    expect(made.code, made.stderr).toBe(0);
    const p = new Producer({ settings: producerSettings(new Map([['bootstrap.servers', cluster.bootstrap()], ['transactional.id', 'v2-spread']])) });
    try {
      await p.initTransactions();
      for (const [round, commit] of [[0, true], [1, false], [2, true]] as const) {
        p.beginTransaction();
        for (let part = 0; part < 6; part++) {
          const b = Buffer.from(`r${round}-p${part}`);
          await p.send(t, null, part, 0, b, 0, b.length, null, true);
        }
        if (commit) await p.commitTransaction();
        else await p.abortTransaction();
      }
    } finally {
      p.abort();
    }
    const read = await runTool('kafka-console-consumer', ['--bootstrap-server', cluster.bootstrap(), '--topic', t, '--from-beginning',
      '--isolation-level', 'read_committed', '--timeout-ms', '3000']);
    expect(lines(read.stdout).sort()).toEqual([0, 2].flatMap((r) => [0, 1, 2, 3, 4, 5].map((q) => `r${r}-p${q}`)).sort());
    // InitProducerId gave epoch 0; three ends bumped it to 3 (kafka-transactions describe: ProducerEpoch).
    const described = await waitFor(async () => {
      const d = await runTool('kafka-transactions', ['--bootstrap-server', cluster.bootstrap(), 'describe', '--transactional-id', 'v2-spread']);
      const row = lines(d.stdout)[1]?.split('\t').map((c) => c.trim());
      return row && row[4] === 'CompleteCommit' ? row : undefined;
    }, 20000, 'the commit completed');
    expect(described[3]).toBe('3');
  }, 120000);
});
