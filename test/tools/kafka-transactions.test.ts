// Our transactional producer and kafka-transactions against an engine of this file's own: a
// commit, an abort, an open transaction seen by list/describe/describe-producers and aborted
// with `abort --start-offset`, a zombie fenced by a new instance, offsets sent to a transaction.
// Texts are compared with Kafka's tool in test/reference/scenarios/kafka-transactions.ts, and the
// producer with Kafka's broker in test/reference/transactions-client.test.ts.
import { describe, expect, it } from 'vitest';
import { runTool, spawnTool, waitFor, type TestEngine } from '../helpers/engine';
import { createTopic, useEngine } from '../helpers/tools';
import { Producer, producerSettings } from '../../src/client/producer';
import { KafkaError } from '../../src/protocol/errors';

let engine: TestEngine;
let B: string[];
useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

function producer(id: string): Producer {
  return new Producer({ settings: producerSettings(new Map([['bootstrap.servers', engine.bootstrap], ['transactional.id', id]])) });
}

async function send(p: Producer, topic: string, value: string): Promise<void> {
  const b = Buffer.from(value);
  await p.send(topic, null, 0, 0, b, 0, b.length, null, true);
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const cells = (line: string) => line.split('\t').map((c) => c.trim()).slice(0, -1);

describe('transactional producer and kafka-transactions', () => {
  it('commits, aborts, lists, describes and aborts an open transaction from the tool', async () => {
    await createTopic(engine, 'kt');
    const p = producer('kt-writer');
    await p.initTransactions();
    p.beginTransaction();
    await send(p, 'kt', 'c1');
    await p.commitTransaction();
    p.beginTransaction();
    await send(p, 'kt', 'a1');
    await p.abortTransaction();
    p.beginTransaction();
    await send(p, 'kt', 'open');

    const list = await runTool('kafka-transactions', [...B, 'list', '--transactional-id-pattern', 'kt-.*']);
    expect(list.code, list.stderr).toBe(0);
    expect(lines(list.stdout).map(cells)).toEqual([['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], ['kt-writer', '1', expect.stringMatching(/^\d+$/), 'Ongoing']]);
    const described = await runTool('kafka-transactions', [...B, 'describe', '--transactional-id', 'kt-writer']);
    expect(described.code, described.stderr).toBe(0);
    const row = cells(lines(described.stdout)[1]);
    // Transactions v2 (the engine finalizes transaction.version 2): the commit and the abort each
    // bumped the epoch InitProducerId gave (0), as on Kafka 4.4.
    expect([row[0], row[1], row[3], row[4], row[8]]).toEqual(['1', 'kt-writer', '2', 'Ongoing', 'kt-0']);
    // c1, its marker, a1, its marker: the open transaction starts at offset 4.
    const producers = await runTool('kafka-transactions', [...B, 'describe-producers', '--topic', 'kt', '--partition', '0']);
    expect(cells(lines(producers.stdout)[1])[5]).toBe('4');
    const aborted = await runTool('kafka-transactions', [...B, 'abort', '--topic', 'kt', '--partition', '0', '--start-offset', '4']);
    expect(aborted).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const after = await runTool('kafka-transactions', [...B, 'describe-producers', '--topic', 'kt', '--partition', '0']);
    expect(cells(lines(after.stdout)[1])[5]).toBe('None');

    const read = await runTool('kafka-console-consumer', [...B, '--topic', 'kt', '--from-beginning', '--isolation-level', 'read_committed', '--timeout-ms', '1500']);
    expect(lines(read.stdout)).toEqual(['c1']);
    p.abort();
  });

  it('fences a zombie once a new instance initialises, and commits offsets only with the transaction', async () => {
    await createTopic(engine, 'kt-fence');
    const zombie = producer('kt-fenced');
    await zombie.initTransactions();
    zombie.beginTransaction();
    await send(zombie, 'kt-fence', 'z');
    const fresh = producer('kt-fenced');
    await fresh.initTransactions();
    const err = await zombie.commitTransaction().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaError);
    expect(['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH']).toContain((err as KafkaError).errorName);
    zombie.abort();

    fresh.beginTransaction();
    await send(fresh, 'kt-fence', 'f');
    await fresh.sendOffsetsToTransaction([{ topic: 'kt-fence', partition: 0, offset: 1 }], 'kt-group');
    const describe = () => runTool('kafka-consumer-groups', [...B, '--describe', '--group', 'kt-group']);
    expect((await describe()).stdout).not.toMatch(/kt-group\s+kt-fence\s+0\s+1\s/);
    await fresh.commitTransaction();
    expect((await describe()).stdout).toMatch(/kt-group\s+kt-fence\s+0\s+1\s/);
    await fresh.close();
  });

  it('a group consumer waits for offsets pending in a transaction (requireStable) and starts from them once committed', async () => {
    await createTopic(engine, 'kt-stable');
    const p = producer('kt-stable-writer');
    await p.initTransactions();
    p.beginTransaction();
    for (const v of ['r0', 'r1']) await send(p, 'kt-stable', v);
    await p.commitTransaction();
    p.beginTransaction();
    await p.sendOffsetsToTransaction([{ topic: 'kt-stable', partition: 0, offset: 1 }], 'kt-stable-group');
    // Without requireStable it would find no committed offset and print r0 from the beginning.
    const consumer = spawnTool('kafka-console-consumer', [...B, '--topic', 'kt-stable', '--group', 'kt-stable-group', '--from-beginning', '--max-messages', '1']);
    try {
      await waitFor(async () => /kt-stable-group\s+kt-stable\s+0\s+\S+\s+\S+\s+\S+\s+console-consumer/.test(
        (await runTool('kafka-consumer-groups', [...B, '--describe', '--group', 'kt-stable-group'])).stdout), 30000, 'the consumer in the group');
      expect(consumer.stdout()).toBe('');
      await p.commitTransaction();
      await waitFor(() => consumer.stdout() !== '', 30000, 'a record');
      expect(consumer.stdout()).toBe('r1\n');
    } finally {
      consumer.proc.kill('SIGTERM');
      await p.close();
    }
  });
});
