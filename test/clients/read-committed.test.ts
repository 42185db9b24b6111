// read_committed consumers we did not write (librdkafka through kcat and confluent-kafka,
// kafka-python) over a partition where transactions were written by hand with our protocol layer:
// transactional batches, then COMMIT/ABORT markers through the WriteTxnMarkers handler. They must
// see only committed records, in order, and stop at the last stable offset of an open transaction.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { startInProcessEngine, TestEngine, ROOT } from '../helpers/engine';
import { runKcat } from '../helpers/kcat';
import { runPython } from './run-client';

const { BrokerConnection } = require(path.join(ROOT, 'dist/client/connection'));
const { ApiKey } = require(path.join(ROOT, 'dist/protocol/apis'));
const { buildBatch } = require(path.join(ROOT, 'dist/protocol/records/batch'));
const { writeTxnMarkers } = require(path.join(ROOT, 'dist/engine/api/handlers/write-txn-markers'));

let engine: TestEngine;
let conn: any;
beforeAll(async () => {
  engine = await startInProcessEngine();
  conn = new BrokerConnection('127.0.0.1', engine.port, 'rc');
  await conn.connect();
});
afterAll(async () => { conn.close(); await engine.stop(); });

type Producer = { producerId: number; producerEpoch: number };

async function newProducer(): Promise<Producer> {
  const r = await conn.send(ApiKey.InitProducerId, { transactionalId: null, transactionTimeoutMs: 60000 });
  return { producerId: Number(r.producerId), producerEpoch: r.producerEpoch };
}

async function produce(topic: string, values: string[], txn?: Producer, seq = 0): Promise<void> {
  const records = buildBatch(values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })),
    txn ? { ...txn, baseSequence: seq, transactional: true } : {});
  const r = await conn.send(ApiKey.Produce, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
}

async function end(topic: string, p: Producer, commit: boolean): Promise<void> {
  const r = await writeTxnMarkers(engine.engine, { markers: [{ ...p, transactionResult: commit, coordinatorEpoch: 0, topics: [{ name: topic, partitionIndexes: [0] }] }] });
  expect(r.markers[0].topics[0].partitions[0].errorCode).toBe(0);
}

const kcat = (args: string[]) => runKcat(engine.bootstrap, args);

describe('read_committed consumers we did not write', () => {
  it('see committed records only, and stop at an open transaction', async () => {
    const t = 'rc-mixed';
    const c = await conn.send(ApiKey.CreateTopics, { topics: [{ name: t, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    expect(c.topics[0].errorCode).toBe(0);
    const [a, b, open, d] = [await newProducer(), await newProducer(), await newProducer(), await newProducer()];
    await produce(t, ['plain-1']);                 // 0
    await produce(t, ['abort-1', 'abort-2'], a);   // 1-2
    await produce(t, ['commit-1'], b);             // 3
    await produce(t, ['abort-3'], a, 2);           // 4 (same transaction as 1-2, interleaved)
    await end(t, a, false);                        // 5
    await produce(t, ['commit-2'], b, 1);          // 6
    await end(t, b, true);                         // 7
    await produce(t, ['plain-2']);                 // 8
    await produce(t, ['open-1'], open);            // 9: LSO
    await produce(t, ['plain-3']);                 // 10
    await produce(t, ['abort-4'], d);              // 11
    await end(t, d, false);                        // 12

    const committed = ['plain-1', 'commit-1', 'commit-2', 'plain-2'];
    const rc = await kcat(['-C', '-t', t, '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed', '-f', '%s\n']);
    expect(rc.stdout.split('\n').filter(Boolean)).toEqual(committed);
    const all = await kcat(['-C', '-t', t, '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_uncommitted', '-f', '%s\n']);
    expect(all.stdout.split('\n').filter(Boolean)).toEqual(['plain-1', 'abort-1', 'abort-2', 'commit-1', 'abort-3', 'commit-2', 'plain-2', 'open-1', 'plain-3', 'abort-4']);

    const py = await runPython('read_committed.py', [engine.bootstrap, t]);
    expect(py.confluent.values).toEqual(committed);
    expect(py.confluent.eof).toBe(9);
    expect(py.kafkaPython.values).toEqual(committed);
    expect(py.kafkaPython.end).toBe(9);

    // The open transaction commits: everything up to the end is readable, the aborted ones skipped.
    await end(t, open, true);                      // 13
    const after = await kcat(['-C', '-t', t, '-p', '0', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed', '-f', '%s\n']);
    expect(after.stdout.split('\n').filter(Boolean)).toEqual([...committed, 'open-1', 'plain-3']);
  }, 90000);

  it('librdkafka waits for offsets committed in a transaction (OffsetFetch requireStable)', async () => {
    const t = 'rc-offsets';
    const group = 'rc-offsets-group';
    const c = await conn.send(ApiKey.CreateTopics, { topics: [{ name: t, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    expect(c.topics[0].errorCode).toBe(0);
    const p = await newProducer();
    const r = await conn.send(ApiKey.TxnOffsetCommit, { transactionalId: 'rc', groupId: group, producerId: p.producerId, producerEpoch: p.producerEpoch, topics: [{ name: t, partitions: [{ partitionIndex: 0, committedOffset: 17, committedLeaderEpoch: -1, committedMetadata: '' }] }] }, 4); // v4: transactions v1, this producer never met the coordinator
    expect(r.topics[0].partitions[0].errorCode).toBe(0);
    // Pending: read_committed keeps retrying UNSTABLE_OFFSET_COMMIT until its timeout; read_uncommitted sees no commit yet.
    expect(await runPython('committed_stable.py', [engine.bootstrap, t, group, 'read_committed', '2'])).toEqual({ offset: null, error: '_TIMED_OUT' });
    expect(await runPython('committed_stable.py', [engine.bootstrap, t, group, 'read_uncommitted', '10'])).toEqual({ offset: -1001, error: null });
    const gp = engine.engine.coordinator.offsetsTopic.partitionFor(group);
    const m = await writeTxnMarkers(engine.engine, { markers: [{ ...p, transactionResult: true, coordinatorEpoch: 0, topics: [{ name: '__consumer_offsets', partitionIndexes: [gp] }] }] });
    expect(m.markers[0].topics[0].partitions[0].errorCode).toBe(0);
    expect(await runPython('committed_stable.py', [engine.bootstrap, t, group, 'read_committed', '10'])).toEqual({ offset: 17, error: null });
  }, 60000);
});
