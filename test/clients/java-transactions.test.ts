// Kafka's Java producer 4.4 transactions against the engine (test/clients/java/TransactionChecks.java):
// commit and abort read back read_committed and read_uncommitted, a zombie producer fenced by a
// new instance of its transactional.id, consume-transform-produce with sendOffsetsToTransaction
// (the group's offsets commit with the transaction, or not at all).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine } from '../helpers/engine';
import { runJava, parseChecks, checkOutcome, type ChecksOutput, type JavaResult } from '../helpers/java';

const CHECKS = [
  'commit and abort: read_committed sees the committed records in order',
  'a zombie is fenced when a new instance initialises',
  'sendOffsetsToTransaction: offsets commit with the transaction only',
];

let engine: TestEngine;
let run: JavaResult;
let out: ChecksOutput;

beforeAll(async () => {
  engine = await startInProcessEngine({ 'group.initial.rebalance.delay.ms': '0' });
  run = await runJava('TransactionChecks', [engine.bootstrap, 'jt']);
  out = parseChecks(run.stdout);
}, 180000);
afterAll(async () => { await engine?.stop(); });

describe('Java producer 4.4 transactions', () => {
  it('ran every check', () => {
    expect({ checks: [...out.checks.keys()], code: run.code }).toEqual({ checks: CHECKS, code: 0 });
  });
  for (const name of CHECKS) it(name, () => expect(checkOutcome(out, name, run.stderr)).toBe('ok'));
});
