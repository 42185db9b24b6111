// Kafka's own applications on our engine and on the reference broker (Apache Kafka 4.4.0), run as
// its quickstarts run them, with Kafka's own tools on both sides (one tool runner JVM):
// - the Streams WordCount demo gives the same counts (read as the quickstart reads them: console
//   consumer, print.key, LongDeserializer) and commits the same input offsets;
// - Connect standalone with the file source and sink leaves the same topic contents and the same
//   sink file, and the same sink-group offsets;
// - and our Java client check programs (test/clients/java), which npm test runs against the
//   engine, pass against Kafka itself: what they assert is Kafka's behaviour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { runTool, startInProcessEngine, tempDir, waitFor, type TestEngine } from '../helpers/engine';
import { parseChecks, runJava } from '../helpers/java';
import {
  CONNECT_INPUT, CONNECT_SINK_GROUP, CONNECT_TOPIC, CONNECT_TOPIC_VALUES, WORDCOUNT_APPLICATION_ID, WORDCOUNT_OUTPUT,
  committedOffsets, connectConsumerArgs, printedRecords, readSink, startConnectQuickstart, wordCountConsumerArgs, wordCountQuickstart, type RunTool,
} from '../helpers/kafka-apps';
import { startReferenceCluster, ToolRunner, type ReferenceCluster } from './lib/kafka';

let kafka: ReferenceCluster;
let engine: TestEngine;
let runner: ToolRunner;
const dirs: string[] = [];
const kafkaTools: RunTool = (tool, args, opts = {}) => runner.run(tool, args, opts);

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  [kafka, engine] = await Promise.all([startReferenceCluster(), startInProcessEngine()]);
  runner = new ToolRunner();
}, 300000);

afterAll(async () => {
  runner?.close();
  await Promise.all([kafka?.stop(), engine?.stop()]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}, 120000);

const brokers = (): [string, string][] => [['kafka', kafka.bootstrap], ['engine', engine.bootstrap]];

describe('Kafka Streams and Connect: our engine against Apache Kafka 4.4.0', () => {
  it('WordCountDemo counts the quickstart\'s lines the same on both brokers', async () => {
    const seen: Record<string, unknown> = {};
    for (const [side, bootstrap] of brokers()) {
      const run = await wordCountQuickstart(bootstrap, kafkaTools, dir(`kl-ref-streams-${side}-`));
      try {
        seen[side] = {
          created: run.created.map((r) => [r.code, r.stdout]),
          produced: [run.produced.code, run.produced.stdout, run.produced.stderr],
          consumed: [run.consumed.code, run.consumed.stdout, run.consumed.stderr],
        };
      } finally {
        await run.app.stop();
      }
      (seen[side] as any).committed = await committedOffsets(bootstrap, WORDCOUNT_APPLICATION_ID);
    }
    expect(seen.engine).toEqual(seen.kafka);
    // Kafka 4.4's console consumer says on stdout that --property (the quickstart's) is deprecated.
    const [code, stdout] = (seen.kafka as any).consumed;
    expect([code, printedRecords(stdout)]).toEqual([0, WORDCOUNT_OUTPUT]);
    // Our console consumer reads the same from our engine.
    const ours = await runTool('kafka-console-consumer', wordCountConsumerArgs(engine.bootstrap, 30000));
    expect({ code: ours.code, stdout: printedRecords(ours.stdout) }).toEqual({ code: 0, stdout: WORDCOUNT_OUTPUT });
  }, 300000);

  it('Connect standalone moves the quickstart\'s file through a topic into the same sink file on both brokers', async () => {
    const seen: Record<string, unknown> = {};
    for (const [side, bootstrap] of brokers()) {
      const run = startConnectQuickstart(bootstrap, dir(`kl-ref-connect-${side}-`));
      try {
        await waitFor(() => readSink(run) === CONNECT_INPUT || run.app.proc.exitCode !== null, 120000, `the sink file (${side})`);
        const first = await kafkaTools('kafka-console-consumer', connectConsumerArgs(bootstrap, 2), { timeoutMs: 60000 });
        fs.appendFileSync(run.source, 'Another line\n');
        await waitFor(() => readSink(run) === `${CONNECT_INPUT}Another line\n` || run.app.proc.exitCode !== null, 60000, `the appended line (${side})`);
        const all = await kafkaTools('kafka-console-consumer', [...connectConsumerArgs(bootstrap, 3), '--property', 'print.key=true'], { timeoutMs: 60000 });
        seen[side] = { sink: readSink(run), first: [first.code, first.stdout], all: [all.code, all.stdout] };
      } finally {
        await run.app.stop();
      }
      (seen[side] as any).committed = await committedOffsets(bootstrap, CONNECT_SINK_GROUP);
    }
    expect(seen.engine).toEqual(seen.kafka);
    expect(seen.kafka).toMatchObject({ sink: `${CONNECT_INPUT}Another line\n`, first: [0, CONNECT_TOPIC_VALUES], committed: { [`${CONNECT_TOPIC}-0`]: 3 } });
  }, 300000);

  it('our Java client check programs pass against Kafka itself', async () => {
    const programs = ['AdminChecks', 'ProducerChecks', 'ConsumerChecks', 'GroupChecks', 'TransactionChecks'];
    const failed: string[] = [];
    for (const main of programs) {
      const r = await runJava(main, [kafka.bootstrap, `ref-${main.toLowerCase()}`], { timeoutMs: 240000 });
      const out = parseChecks(r.stdout);
      expect(out.checks.size, `${main} ran no check: ${r.stderr.slice(-2000)}`).toBeGreaterThan(0);
      for (const [name, c] of out.checks) if (!c.ok) failed.push(`${main}: ${name}: ${c.reason}`);
    }
    expect(failed).toEqual([]);
  }, 600000);
});
