// confluent-kafka (librdkafka 2.x) transactions against the engine: commit and abort, a
// read_committed consumer that sees only committed records in order, a zombie fenced by a new
// instance of its transactional.id, a transaction aborted by the coordinator after its timeout.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startInProcessEngine, TestEngine } from '../helpers/engine';
import { runPython } from './run-client';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startInProcessEngine({
    'group.initial.rebalance.delay.ms': '0',
    'transaction.abort.timed.out.transaction.cleanup.interval.ms': '200',
  });
});
afterAll(async () => { await engine.stop(); });

describe('confluent-kafka transactions', () => {
  it('commit, abort, read_committed, a fenced zombie, a timed-out transaction', async () => {
    const r = await runPython('confluent_transactions.py', [engine.bootstrap, 'ck-tx'], 90000);
    expect(r.committed).toEqual({ 0: ['c1', 'c3', 'c5'], 1: ['c2', 'c4', 'c6'] });
    expect(r.uncommitted).toEqual({ 0: ['c1', 'c3', 'a1', 'a3', 'c5'], 1: ['c2', 'c4', 'a2', 'a4', 'c6'] });
    // librdkafka reports the fencing as a fatal error.
    expect(r.zombieCommit).toMatchObject({ name: '_FENCED', fatal: true });
    expect(r.timedOutCommit).toMatchObject({ name: '_FENCED', fatal: true });
    expect(r.final).toEqual({ 0: ['c1', 'c3', 'c5', 'successor'], 1: ['c2', 'c4', 'c6'] });
  }, 120000);
});
