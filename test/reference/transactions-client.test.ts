// Our client's transactions against a real Kafka 4.4 broker and against our engine, with clients we
// did not write on the other side: confluent-kafka (librdkafka) writes committed and aborted
// transactions that our read_committed console consumer must skip (and never print a control
// record of in either level); our transactional producer commits, aborts and leaves one open, and
// Kafka's own console consumer (read_committed) must read exactly the committed records; offsets
// our producer sends to a transaction show in kafka-consumer-groups --describe only once
// committed, ours printing what Kafka's tool prints at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, spawnEngine, type ChildEngine } from '../helpers/engine';
import { runPython } from '../clients/run-client';
import { Producer, producerSettings } from '../../src/client/producer';
import { startReferenceCluster, ToolRunner, type ReferenceCluster } from './lib/kafka';

let kafka: ReferenceCluster;
let engine: ChildEngine;
let runner: ToolRunner;

beforeAll(async () => {
  [kafka, engine] = await Promise.all([startReferenceCluster(1), spawnEngine()]);
  runner = new ToolRunner();
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), engine?.stop()]);
});

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

async function ours(tool: string, ...args: string[]) {
  return runTool(tool, args, { timeoutMs: 60000, env: { KAFKA_LOCAL_AUTOSTART: '0' } });
}

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const r = await ours('kafka-topics', '--bootstrap-server', bootstrap, '--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1');
  expect(r.code, r.stderr).toBe(0);
}

function producer(bootstrap: string, id: string): Producer {
  return new Producer({ settings: producerSettings(new Map([['bootstrap.servers', bootstrap], ['transactional.id', id]])) });
}

async function send(p: Producer, topic: string, value: string): Promise<void> {
  const b = Buffer.from(value);
  await p.send(topic, null, 0, 0, b, 0, b.length, null, true);
}

const BROKERS: [string, () => string][] = [['Kafka 4.4', () => kafka.bootstrap], ['our engine', () => engine.bootstrap]];

describe.each(BROKERS)('transactions of our client against %s', (_name, bootstrapOf) => {
  it('our read_committed console consumer skips what confluent-kafka aborted; no control record in either level', async () => {
    const bootstrap = bootstrapOf();
    await createTopic(bootstrap, 'ck-written');
    expect(await runPython('confluent_txn_writer.py', [bootstrap, 'ck-written'], 120000)).toEqual({ done: true });
    const committed = await ours('kafka-console-consumer', '--bootstrap-server', bootstrap, '--topic', 'ck-written', '--from-beginning',
      '--isolation-level', 'read_committed', '--max-messages', '4');
    expect(lines(committed.stdout)).toEqual(['c1', 'c2', 'c3', 'c4']);
    const viaProperty = await ours('kafka-console-consumer', '--bootstrap-server', bootstrap, '--topic', 'ck-written', '--from-beginning',
      '--command-property', 'isolation.level=read_committed', '--max-messages', '4');
    expect(lines(viaProperty.stdout)).toEqual(['c1', 'c2', 'c3', 'c4']);
    const all = await ours('kafka-console-consumer', '--bootstrap-server', bootstrap, '--topic', 'ck-written', '--from-beginning', '--max-messages', '7');
    expect(lines(all.stdout)).toEqual(['c1', 'c2', 'c3', 'a1', 'a2', 'a3', 'c4']);
  });

  it("Kafka's read_committed console consumer reads exactly what our transactional producer committed", async () => {
    const bootstrap = bootstrapOf();
    await createTopic(bootstrap, 'our-written');
    const p = producer(bootstrap, 'our-writer');
    await p.initTransactions();
    for (const [values, commit] of [[['c1', 'c2'], true], [['a1'], false], [['c3'], true]] as const) {
      p.beginTransaction();
      for (const v of values) await send(p, 'our-written', v);
      if (commit) await p.commitTransaction();
      else await p.abortTransaction();
    }
    p.beginTransaction();
    await send(p, 'our-written', 'open');
    const r = await runner.run('kafka-console-consumer', ['--bootstrap-server', bootstrap, '--topic', 'our-written', '--from-beginning',
      '--isolation-level', 'read_committed', '--max-messages', '3'], { timeoutMs: 60000 });
    // a1 lies between c2 and c3: the first three records read are the committed ones.
    expect(lines(r.stdout)).toEqual(['c1', 'c2', 'c3']);
    await p.abortTransaction();
    await p.close();
  });

  it('offsets sent to a transaction show in kafka-consumer-groups --describe only once committed, as in Kafka', async () => {
    const bootstrap = bootstrapOf();
    await createTopic(bootstrap, 'tx-offsets');
    const p = producer(bootstrap, 'offset-writer');
    await p.initTransactions();
    p.beginTransaction();
    for (let i = 0; i < 5; i++) await send(p, 'tx-offsets', `r${i}`);
    await p.sendOffsetsToTransaction([{ topic: 'tx-offsets', partition: 0, offset: 3 }], 'tx-group');
    const describe = async () => {
      const args = ['--bootstrap-server', bootstrap, '--describe', '--group', 'tx-group'];
      const [mine, theirs] = await Promise.all([ours('kafka-consumer-groups', ...args), runner.run('kafka-consumer-groups', args, { timeoutMs: 60000 })]);
      expect(mine.stdout).toBe(theirs.stdout);
      expect(mine.stderr).toBe(theirs.stderr);
      return mine.stdout;
    };
    const before = await describe();
    expect(before).not.toMatch(/tx-offsets\s+0\s+3\s/);
    await p.commitTransaction();
    expect(await describe()).toMatch(/tx-group\s+tx-offsets\s+0\s+3\s+6\s+3\s/);
    await p.close();
  });
});
