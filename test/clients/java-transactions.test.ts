// Kafka's Java producer 4.4 transactions against the engine (test/clients/java/TransactionChecks.java):
// commit and abort read back read_committed and read_uncommitted, a zombie producer fenced by a
// new instance of its transactional.id, consume-transform-produce with sendOffsetsToTransaction
// (the group's offsets commit with the transaction, or not at all), 100 back-to-back transactions
// of pipelined small batches (a batch must not overtake the one waiting for its partition to join
// the transaction: OutOfOrderSequenceException). The engine finalizes
// transaction.version 2, so the producer uses transactions v2 (KIP-890 part 2) as on Kafka 4.4:
// Produce v12 (the leader adds the partitions), TxnOffsetCommit v5 instead of AddOffsetsToTxn,
// EndTxn v5, and every end bumps the producer epoch.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine } from '../helpers/engine';
import { runJava, parseChecks, checkOutcome, type ChecksOutput, type JavaResult } from '../helpers/java';
import { recordVersions } from './run-client';

const CHECKS = [
  'commit and abort: read_committed sees the committed records in order',
  'a zombie is fenced when a new instance initialises',
  'sendOffsetsToTransaction: offsets commit with the transaction only',
  'back-to-back transactions of pipelined batches all commit, in order',
];

let engine: TestEngine;
let run: JavaResult;
let out: ChecksOutput;
let seen: Set<string>;

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' });
  const versions = recordVersions(engine);
  run = await runJava('TransactionChecks', [engine.bootstrap, 'jt']);
  versions.stop();
  seen = versions.seen;
  out = parseChecks(run.stdout);
}, 180000);
afterAll(async () => { await engine?.stop(); });

describe('Java producer 4.4 transactions', () => {
  it('ran every check', () => {
    expect({ checks: [...out.checks.keys()], code: run.code }).toEqual({ checks: CHECKS, code: 0 });
  });
  it('uses transactions v2: Produce v12, TxnOffsetCommit v5 and EndTxn v5, no AddPartitionsToTxn/AddOffsetsToTxn', () => {
    const used = (key: number) => [...seen].filter((k) => k.startsWith(`${key}:`)).sort();
    expect({ produce: used(0), txnOffsetCommit: used(28), endTxn: used(26), addPartitions: used(24), addOffsets: used(25) })
      .toEqual({ produce: ['0:12'], txnOffsetCommit: ['28:5'], endTxn: ['26:5'], addPartitions: [], addOffsets: [] });
  });
  it('bumps the producer epoch at every end (three ends after InitProducerId: epoch 3), as Kafka 4.4', () => {
    const d = engine.engine.txnCoordinator.describe('jt-ca-tx');
    expect({ state: d.transactionState, epoch: d.producerEpoch }).toEqual({ state: 'CompleteCommit', epoch: 3 });
  });
  for (const name of CHECKS) it(name, () => expect(checkOutcome(out, name, run.stderr)).toBe('ok'));
});
