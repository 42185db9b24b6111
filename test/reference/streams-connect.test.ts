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
import * as path from 'node:path';
import { parseChecks, runJava, spawnJava } from '../helpers/java';
import {
  CONNECT_INPUT, CONNECT_SINK_GROUP, CONNECT_TOPIC, CONNECT_TOPIC_VALUES, WORDCOUNT_APPLICATION_ID, WORDCOUNT_INPUT_TOPIC, WORDCOUNT_MAIN, WORDCOUNT_OUTPUT,
  CONNECT_MAIN, committedOffsets, connectClasspath, connectConsumerArgs, printedRecords, readSink, startConnectQuickstart, wordCountConsumerArgs, wordCountQuickstart, type RunTool,
} from '../helpers/kafka-apps';
import { readFileOr, spawnOurs, startOurConnect } from '../helpers/quickstart';
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
    let oursConsole: { code: number | null; stdout: string } | undefined;
    for (const [side, bootstrap] of brokers()) {
      const run = await wordCountQuickstart(bootstrap, kafkaTools, dir(`kl-ref-streams-${side}-`));
      try {
        seen[side] = {
          created: run.created.map((r) => [r.code, r.stdout]),
          produced: [run.produced.code, run.produced.stdout, run.produced.stderr],
          consumed: [run.consumed.code, run.consumed.stdout, run.consumed.stderr],
        };
        // Our console consumer on our engine, read now, before our WordCountDemo below adds its
        // 11 updates (a read from the beginning then would see those too). The output topic is
        // compacted, but on both brokers all of it stays in the active segment (1 GiB / 7 days),
        // which the cleaner never touches.
        if (side === 'engine') oursConsole = await runTool('kafka-console-consumer', wordCountConsumerArgs(engine.bootstrap, 30000));
      } finally {
        await run.app.stop();
      }
      (seen[side] as any).committed = await committedOffsets(bootstrap, WORDCOUNT_APPLICATION_ID);
      // Our WordCountDemo (kafka-run-class) on the same input, as another application (its own
      // group and changelog): its updates follow the demo's 11 in the output topic and must be the same.
      const oursDir = dir(`kl-ref-our-streams-${side}-`);
      fs.writeFileSync(`${oursDir}/wordcount.properties`, `bootstrap.servers=${bootstrap}\napplication.id=${WORDCOUNT_APPLICATION_ID}-ours\n`);
      const ours = spawnOurs('kafka-run-class', [WORDCOUNT_MAIN, 'wordcount.properties'], oursDir);
      try {
        const args = wordCountConsumerArgs(bootstrap, 60000).filter((a) => a !== '--from-beginning');
        const read = await kafkaTools('kafka-console-consumer', [...args, '--partition', '0', '--offset', '11'], { timeoutMs: 90000 });
        (seen[side] as any).ours = [read.code, printedRecords(read.stdout)];
      } finally {
        await ours.stop();
      }
      (seen[side] as any).oursCommitted = await committedOffsets(bootstrap, `${WORDCOUNT_APPLICATION_ID}-ours`);
    }
    expect(seen.engine).toEqual(seen.kafka);
    expect((seen.kafka as any).ours).toEqual([0, WORDCOUNT_OUTPUT]);
    expect((seen.kafka as any).oursCommitted).toEqual({ [`${WORDCOUNT_INPUT_TOPIC}-0`]: 3 });
    // Kafka 4.4's console consumer says on stdout that --property (the quickstart's) is deprecated.
    const [code, stdout] = (seen.kafka as any).consumed;
    expect([code, printedRecords(stdout)]).toEqual([0, WORDCOUNT_OUTPUT]);
    // Our console consumer reads the same from our engine.
    expect({ code: oursConsole?.code, stdout: printedRecords(oursConsole?.stdout ?? '') }).toEqual({ code: 0, stdout: WORDCOUNT_OUTPUT });
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

  it('our connect-standalone with the quickstart\'s config files gives what Kafka\'s Connect gives, on both brokers', async () => {
    // Kafka's Connect is held to the same values in the test above (same input, same steps); here
    // the connectors and topic are renamed so the two runs do not share a topic or group.
    const topic = 'connect-test-ours';
    const seen: Record<string, unknown> = {};
    for (const [side, bootstrap] of brokers()) {
      const work = dir(`kl-ref-our-connect-${side}-`);
      fs.writeFileSync(`${work}/test.txt`, CONNECT_INPUT);
      const app = await startOurConnect(work, bootstrap, { source: { name: 'ours-file-source', topic }, sink: { name: 'ours-file-sink', topics: topic } });
      const sink = `${work}/test.sink.txt`;
      try {
        await waitFor(() => readFileOr(sink) === CONNECT_INPUT, 60000, `the sink file (${side})`);
        const args = (n: number) => connectConsumerArgs(bootstrap, n).map((a) => (a === CONNECT_TOPIC ? topic : a));
        const first = await kafkaTools('kafka-console-consumer', args(2), { timeoutMs: 60000 });
        fs.appendFileSync(`${work}/test.txt`, 'Another line\n');
        await waitFor(() => readFileOr(sink) === `${CONNECT_INPUT}Another line\n`, 60000, `the appended line (${side})`);
        const all = await kafkaTools('kafka-console-consumer', [...args(3), '--property', 'print.key=true'], { timeoutMs: 60000 });
        seen[side] = { sink: readFileOr(sink), first: [first.code, first.stdout], all: [all.code, all.stdout] };
      } finally {
        await app.stop();
      }
      (seen[side] as any).committed = await committedOffsets(bootstrap, 'connect-ours-file-sink');
    }
    expect(seen.engine).toEqual(seen.kafka);
    const kafkaSide = seen.kafka as any;
    expect({ ...kafkaSide, all: [kafkaSide.all[0], printedRecords(kafkaSide.all[1])] }).toEqual({
      sink: `${CONNECT_INPUT}Another line\n`,
      first: [0, CONNECT_TOPIC_VALUES],
      // No key (null), the value in JsonConverter's envelope: what Kafka's Connect writes.
      all: [0, ['foo', 'bar', 'Another line'].map((v) => `null\t{"schema":{"type":"string","optional":false},"payload":"${v}"}\n`).join('')],
      committed: { [`${topic}-0`]: 3 },
    });
  }, 300000);

  it('our connect-standalone and Kafka\'s Connect take over from each other through the offsets file, without a duplicate', async () => {
    // A broker of this test's own: the quickstart's names (connect-test, local-file-*) are used
    // as they are, and Kafka's Connect must find the source position ours stored (and back).
    const own = await startInProcessEngine();
    try {
      const work = dir('kl-ref-offsets-handover-');
      const source = path.join(work, 'test.txt');
      const sink = path.join(work, 'test.sink.txt');
      const files = { source: { file: source }, sink: { file: sink } };
      fs.writeFileSync(source, CONNECT_INPUT);
      const ours = await startOurConnect(work, own.bootstrap, files);
      await waitFor(() => readFileOr(sink) === CONNECT_INPUT, 60000, 'our sink file');
      await ours.stop();
      fs.appendFileSync(source, 'Another line\n');
      // Kafka's Connect on the same offsets file (and the same source file, sink group and topic).
      const kafkaConnect = startConnectQuickstart(own.bootstrap, work);
      fs.writeFileSync(source, `${CONNECT_INPUT}Another line\n`); // startConnectQuickstart rewrote it
      try {
        await waitFor(() => readSink({ ...kafkaConnect, sink }) === `${CONNECT_INPUT}Another line\n` || kafkaConnect.app.proc.exitCode !== null, 120000, "Kafka's Connect resuming");
      } finally {
        await kafkaConnect.app.stop();
      }
      fs.appendFileSync(source, 'Last line\n');
      const again = await startOurConnect(work, own.bootstrap, files);
      try {
        await waitFor(() => readFileOr(sink).endsWith('Last line\n'), 60000, 'ours resuming from Kafka\'s file');
      } finally {
        await again.stop();
      }
      expect(readFileOr(sink)).toBe(`${CONNECT_INPUT}Another line\nLast line\n`);
      const offsets = await runTool('kafka-get-offsets', ['--bootstrap-server', own.bootstrap, '--topic', CONNECT_TOPIC]);
      expect(offsets.stdout).toBe(`${CONNECT_TOPIC}:0:4\n`);
    } finally {
      await own.stop();
    }
  }, 300000);

  it('connect-standalone prints what Kafka\'s prints for no arguments and for startup failures', async () => {
    // Kafka's connect-standalone.sh logs with config/connect-log4j2.yaml: INFO and up on stdout.
    const work = dir('kl-ref-connect-texts-');
    const log4j = path.join(work, 'connect-log4j2.properties');
    fs.writeFileSync(log4j, ['appender.stdout.type=Console', 'appender.stdout.name=STDOUT', 'appender.stdout.layout.type=PatternLayout',
      'appender.stdout.layout.pattern=[%d] %p %X{connector.context}%m (%c:%L)%n', 'rootLogger.level=INFO', 'rootLogger.appenderRef.stdout.ref=STDOUT', ''].join('\n'));
    fs.writeFileSync(path.join(work, 'no-converter.properties'), `bootstrap.servers=${engine.bootstrap}\nplugin.discovery=service_load\n`);
    const shown = (out: string) => out.split('\n')
      .filter((l) => l !== '' && !/^\t/.test(l) && !/^ \(/.test(l) && !/^Caused by: /.test(l))
      // Kafka's plugin scan and config dumps: ours has neither (deliberate-differences.json, connect-log-lines).
      .filter((l) => !/^\[[^\]]*\] (INFO|WARN|ERROR) /.test(l) || (/AbstractConnectCli/.test(l) && !/Scanning for plugin classes/.test(l)))
      .map((l) => l.replace(/^\[[^\]]*\]/, '[<ts>]'))
      .join('\n');
    for (const args of [[], ['nonexist.properties'], ['no-converter.properties']]) {
      const kafkaRun = await runJava(CONNECT_MAIN, args, { cwd: work, classpath: connectClasspath(), jvmArgs: [`-Dlog4j2.configurationFile=${log4j}`], timeoutMs: 120000 });
      const ours = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const { spawn } = require('node:child_process');
        const p = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'connect-standalone'), ...args], { cwd: work, env: { ...process.env, KAFKA_LOCAL_AUTOSTART: '0' } });
        let out = '';
        p.stdout.on('data', (d: Buffer) => { out += d; });
        p.on('close', (code: number | null) => resolve({ code, stdout: out }));
      });
      expect({ code: ours.code, stdout: shown(ours.stdout) }, args.join(' ')).toEqual({ code: kafkaRun.code, stdout: shown(kafkaRun.stdout) });
    }
  }, 300000);

  it('our Java client check programs pass against Kafka itself', async () => {
    const programs = ['AdminChecks', 'ProducerChecks', 'ConsumerChecks', 'GroupChecks', 'TransactionChecks'];
    const failed: string[] = [];
    for (const main of programs) {
      // Kafka's broker on a loaded machine can take a minute for a group's first join (GroupChecks).
      const r = await runJava(main, [kafka.bootstrap, `ref-${main.toLowerCase()}`], { timeoutMs: 420000 });
      const out = parseChecks(r.stdout);
      expect(out.checks.size, `${main} ran no check: ${r.stderr.slice(-2000)}`).toBeGreaterThan(0);
      for (const [name, c] of out.checks) if (!c.ok) failed.push(`${main}: ${name}: ${c.reason}`);
    }
    expect(failed).toEqual([]);
  }, 1200000);
});
