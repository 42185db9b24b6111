// Kafka's quickstart end to end, without a JVM: format the log directory (kafka-storage), start an engine, create a topic, produce and
// consume, move a file through a topic into another file with connect-standalone and the
// quickstart's config files, count words with the Streams WordCount demo (kafka-run-class), stop.
// Then a Connect restart resuming from its offsets file, the converters, and the texts of
// connect-standalone and kafka-run-class (compared with Kafka 4.4.0's where Kafka prints any).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runTool, spawnEngine, tempDir, waitFor, type ChildEngine } from '../helpers/engine';
import {
  CONNECT_INPUT, CONNECT_TOPIC, CONNECT_TOPIC_VALUES, WORDCOUNT_INPUT, WORDCOUNT_MAIN, WORDCOUNT_OUTPUT,
  committedOffsets, printedRecords, wordCountConsumerArgs,
} from '../helpers/kafka-apps';
import { getJson, readFileOr, spawnOurs, startOurConnect } from '../helpers/quickstart';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { decodeOffsets, encodeOffsets } = require(path.join(ROOT, 'dist/tools/connect/offset-file'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { converterFor, javaString } = require(path.join(ROOT, 'dist/tools/connect/converters'));

let engine: ChildEngine;
const dirs: string[] = [];
function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

let clusterId: string;
beforeAll(async () => {
  // Step 2 of the quickstart: a cluster id, the log directory formatted with it, then the start.
  const work = dir('kl-quickstart-engine-');
  const data = path.join(work, 'kraft-combined-logs');
  const props = path.join(work, 'server.properties');
  fs.writeFileSync(props, ['process.roles=broker,controller', 'node.id=1', 'controller.quorum.bootstrap.servers=localhost:9093',
    'listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://:9093', 'controller.listener.names=CONTROLLER', `log.dirs=${data}`, ''].join('\n'));
  clusterId = (await runTool('kafka-storage.sh', ['random-uuid'])).stdout.trim();
  const formatted = await runTool('kafka-storage.sh', ['format', '--standalone', '-t', clusterId, '-c', props]);
  expect(formatted.code, formatted.stderr).toBe(0);
  engine = await spawnEngine({ dir: data });
}, 30000);

afterAll(async () => {
  await engine?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}, 30000);

const B = () => ['--bootstrap-server', engine.bootstrap];
const TS = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] /gm;
const masked = (s: string) => s.replace(TS, '[<ts>] ');

async function consume(topic: string, count: number, extra: string[] = []): Promise<string> {
  const r = await runTool('kafka-console-consumer', [...B(), '--topic', topic, '--from-beginning', '--max-messages', String(count), '--timeout-ms', '20000', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe("Kafka's quickstart", () => {
  it('start, create, produce, consume, Connect file round trip, WordCount, stop', async () => {
    const created = await runTool('kafka-topics', ['--create', '--topic', 'quickstart-events', ...B()]);
    expect([created.code, created.stdout]).toEqual([0, 'Created topic quickstart-events.\n']);
    const produced = await runTool('kafka-console-producer', ['--topic', 'quickstart-events', ...B()], { input: 'This is my first event\nThis is my second event\n' });
    expect(produced.code, produced.stderr).toBe(0);
    expect(await consume('quickstart-events', 2)).toBe('This is my first event\nThis is my second event\n');

    // Step 7: import/export data as streams of events with Kafka Connect.
    const work = dir('kl-quickstart-connect-');
    fs.writeFileSync(path.join(work, 'test.txt'), CONNECT_INPUT);
    const connect = await startOurConnect(work, engine.bootstrap);
    try {
      const sink = path.join(work, 'test.sink.txt');
      await waitFor(() => readFileOr(sink) === CONNECT_INPUT, 20000, 'the sink file');
      expect(await consume(CONNECT_TOPIC, 2)).toBe(CONNECT_TOPIC_VALUES);
      fs.appendFileSync(path.join(work, 'test.txt'), 'Another line\n');
      await waitFor(() => readFileOr(sink) === `${CONNECT_INPUT}Another line\n`, 20000, 'the appended line');

      // The REST API's read-only endpoints, in Connect's shapes.
      const root = await getJson(connect.rest);
      expect(root.status).toBe(200);
      expect(root.body).toEqual({ version: '4.4.0', commit: expect.stringMatching(/^[0-9a-f]{16}$/), kafka_cluster_id: clusterId });
      expect(await getJson(`${connect.rest}connectors`)).toEqual({ status: 200, body: ['local-file-source', 'local-file-sink'] });
      const workerId = new URL(connect.rest).host;
      const running = { state: 'RUNNING', worker_id: workerId, version: '4.4.0' };
      expect(await getJson(`${connect.rest}connectors/local-file-sink/status`)).toEqual({
        status: 200, body: { name: 'local-file-sink', connector: running, tasks: [{ id: 0, ...running }], type: 'sink' },
      });
      expect(await getJson(`${connect.rest}connectors/nope/status`)).toEqual({ status: 404, body: { error_code: 404, message: 'No status found for connector nope' } });
      expect(await getJson(`${connect.rest}connectors/local-file-source`)).toMatchObject({
        status: 200, body: { name: 'local-file-source', config: { 'connector.class': 'FileStreamSource', file: 'test.txt', topic: CONNECT_TOPIC }, tasks: [{ connector: 'local-file-source', task: 0 }], type: 'source' },
      });
    } finally {
      expect(await connect.stop()).toBe(143);
    }
    expect(masked(connect.stdout())).toContain('[<ts>] INFO Kafka Connect started (org.apache.kafka.connect.runtime.Connect:77)\n');
    expect(masked(connect.stdout())).toContain('[<ts>] INFO Kafka Connect stopped (org.apache.kafka.connect.runtime.Connect:92)\n');
    expect(await committedOffsets(engine.bootstrap, 'connect-local-file-sink')).toEqual({ [`${CONNECT_TOPIC}-0`]: 3 });

    // Step 8: process events with Kafka Streams (the WordCount demo of the Streams quickstart).
    for (const [topic, extra] of [['streams-plaintext-input', []], ['streams-wordcount-output', ['--config', 'cleanup.policy=compact']]] as const) {
      const r = await runTool('kafka-topics', ['--create', ...B(), '--replication-factor', '1', '--partitions', '1', '--topic', topic, ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    const wcDir = dir('kl-quickstart-streams-');
    fs.writeFileSync(path.join(wcDir, 'wordcount.properties'), `bootstrap.servers=${engine.bootstrap}\n`);
    const wordCount = spawnOurs('kafka-run-class', [WORDCOUNT_MAIN, 'wordcount.properties'], wcDir);
    try {
      // The consumer runs while the lines are typed, as in the quickstart (the compacted output
      // topic stays in its active segment, which neither Kafka's cleaner nor ours touches).
      const reading = runTool('kafka-console-consumer', wordCountConsumerArgs(engine.bootstrap, 20000));
      const p = await runTool('kafka-console-producer', [...B(), '--topic', 'streams-plaintext-input'], { input: WORDCOUNT_INPUT });
      expect(p.code, p.stderr).toBe(0);
      const out = await reading;
      expect({ code: out.code, stdout: printedRecords(out.stdout) }).toEqual({ code: 0, stdout: WORDCOUNT_OUTPUT });
    } finally {
      expect(await wordCount.stop()).toBe(143);
    }
    expect(wordCount.stdout()).toBe('');
    expect(wordCount.stderr()).not.toMatch(/ERROR/);
    expect(await committedOffsets(engine.bootstrap, 'streams-wordcount')).toEqual({ 'streams-plaintext-input-0': 3 });

    // The counts survive a restart (the changelog topic): one more line goes on from them.
    const again = spawnOurs('kafka-run-class', [WORDCOUNT_MAIN, 'wordcount.properties'], wcDir);
    try {
      await runTool('kafka-console-producer', [...B(), '--topic', 'streams-plaintext-input'], { input: 'kafka streams\n' });
      const args = wordCountConsumerArgs(engine.bootstrap, 20000).filter((a) => a !== '--from-beginning').slice(0, -4);
      const out = await runTool('kafka-console-consumer', [...args, '--partition', '0', '--offset', '11', '--max-messages', '2', '--timeout-ms', '20000']);
      expect(printedRecords(out.stdout)).toBe('kafka\t4\nstreams\t3\n');
    } finally {
      expect(await again.stop('SIGINT')).toBe(130);
    }
  }, 80000);

  it('Connect resumes from its offsets file after a restart: no line twice in the topic or the sink file', async () => {
    const work = dir('kl-quickstart-restart-');
    const names = { source: { name: 'restart-source', topic: 'restart-test' }, sink: { name: 'restart-sink', topics: 'restart-test' } };
    const sink = path.join(work, 'test.sink.txt');
    fs.writeFileSync(path.join(work, 'test.txt'), 'foo\nbar\n');
    const first = await startOurConnect(work, engine.bootstrap, names);
    await waitFor(() => readFileOr(sink) === 'foo\nbar\n', 20000, 'the sink file');
    expect(await first.stop()).toBe(143);
    // Connect's own file format: Kafka's Connect resumes from this file too.
    const stored = decodeOffsets(fs.readFileSync(path.join(work, 'connect.offsets')));
    expect([...stored]).toEqual([['["restart-source",{"filename":"test.txt"}]', '{"position":8}']]);

    fs.appendFileSync(path.join(work, 'test.txt'), 'baz\n');
    const second = await startOurConnect(work, engine.bootstrap, names);
    try {
      await waitFor(() => readFileOr(sink).endsWith('baz\n'), 20000, 'the line written while Connect was down');
      expect(readFileOr(sink)).toBe('foo\nbar\nbaz\n');
      const offsets = await runTool('kafka-get-offsets', [...B(), '--topic', 'restart-test']);
      expect(offsets.stdout).toBe('restart-test:0:3\n');
    } finally {
      expect(await second.stop()).toBe(143);
    }
    expect(await committedOffsets(engine.bootstrap, 'connect-restart-sink')).toEqual({ 'restart-test-0': 3 });
  }, 40000);

  it('converters: JsonConverter without schemas and StringConverter write what Kafka\'s do, and the sink reads them back', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['json-plain', { 'key.converter.schemas.enable': 'false', 'value.converter.schemas.enable': 'false' }, '"foo"\n"bar \\"quoted\\" \\u001F"\n'],
      ['string', { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }, 'foo\nbar "quoted" \u001f\n'],
    ];
    for (const [name, worker, topicText] of cases) {
      const work = dir(`kl-quickstart-${name}-`);
      fs.writeFileSync(path.join(work, 'test.txt'), 'foo\nbar "quoted" \u001f\n');
      const app = await startOurConnect(work, engine.bootstrap, {
        worker, source: { name: `${name}-source`, topic: `conv-${name}` }, sink: { name: `${name}-sink`, topics: `conv-${name}` },
      });
      try {
        await waitFor(() => readFileOr(path.join(work, 'test.sink.txt')) === 'foo\nbar "quoted" \u001f\n', 20000, `the sink file (${name})`);
        expect(await consume(`conv-${name}`, 2, ['--formatter-property', 'print.key=true'])).toBe(topicText.split('\n').filter(Boolean).map((l) => `null\t${l}\n`).join(''));
      } finally {
        await app.stop();
      }
    }
  }, 30000);

  it('a sink expecting JsonConverter envelopes fails its task on a plain record (FAILED in the status API) and the worker stays up', async () => {
    const produced = await runTool('kafka-console-producer', [...B(), '--topic', 'plain-text'], { input: 'not json\n' });
    expect(produced.code, produced.stderr).toBe(0);
    const work = dir('kl-quickstart-failed-');
    fs.writeFileSync(path.join(work, 'test.txt'), '');
    const app = await startOurConnect(work, engine.bootstrap, {
      source: { name: 'idle-source', topic: 'idle-topic' }, sink: { name: 'strict-sink', topics: 'plain-text' },
    });
    try {
      const status = await waitFor(async () => {
        const r = await getJson(`${app.rest}connectors/strict-sink/status`);
        return (r.body as any).tasks[0].state === 'FAILED' ? r.body : null;
      }, 20000, 'the failed task');
      expect(status).toMatchObject({ name: 'strict-sink', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: expect.stringContaining('org.apache.kafka.connect.errors.DataException') }], type: 'sink' });
      await waitFor(() => app.stdout().includes('WorkerSinkTask{id=strict-sink-0} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted'),
        5000, 'the task failure logged');
      expect(readFileOr(path.join(work, 'test.sink.txt'))).toBe('');
    } finally {
      expect(await app.stop()).toBe(143);
    }
  }, 30000);

  it('JsonConverter writes and the file sink prints what Kafka 4.4.0\'s JsonConverter and FileStreamSinkTask do', () => {
    const withSchemas = converterFor(new Map([['value.converter', 'org.apache.kafka.connect.json.JsonConverter']]), 'value.converter');
    const plain = converterFor(new Map([['value.converter', 'JsonConverter'], ['value.converter.schemas.enable', 'false']]), 'value.converter');
    // Kafka's output for the same calls (fromConnectData with Schema.STRING_SCHEMA; a null key).
    expect(withSchemas.fromConnectData('t', { schema: { type: 'string', optional: false }, value: 'bar "q" \u001f é \u2028 / \\' }).toString())
      .toBe('{"schema":{"type":"string","optional":false},"payload":"bar \\"q\\" \\u001F é \u2028 / \\\\"}');
    expect(withSchemas.fromConnectData('t', { schema: null, value: null })).toBe(null);
    // A schemaless object becomes a java.util.HashMap: String.valueOf prints it in hash order.
    const obj = plain.toConnectData('t', Buffer.from('{"name":"x","id":3,"value":"foo","zeta":1,"payload":2,"schema":3}'));
    expect(javaString(obj.value)).toBe('{zeta=1, schema=3, payload=2, name=x, id=3, value=foo}');
    expect(javaString(plain.toConnectData('t', Buffer.from('{"b":1,"a":[1.5,2,true,null,"x"]}')).value)).toBe('{a=[1.5, 2, true, null, x], b=1}');
    expect(() => withSchemas.toConnectData('t', Buffer.from('"foo"'))).toThrow(/JsonConverter with schemas.enable requires "schema" and "payload" fields/);
  });

  it('the offsets file is byte for byte the one Kafka 4.4.0\'s Connect wrote for the quickstart', () => {
    // Written by Kafka's ConnectStandalone after reading the quickstart's two lines (foo, bar).
    const kafka = Buffer.from('aced0005737200116a6176612e7574696c2e486173684d61700507dac1c31660d103000246000a6c6f6164466163746f72' +
      '4900097468726573686f6c6478703f4000000000000c77080000001000000001757200025b42acf317f8060854e002000078700000002d5b226c6f63' +
      '616c2d66696c652d736f75726365222c7b2266696c656e616d65223a22746573742e747874227d5d7571007e00020000000e7b22706f736974696f6e' +
      '223a387d78', 'hex');
    const entries = decodeOffsets(kafka);
    expect([...entries]).toEqual([['["local-file-source",{"filename":"test.txt"}]', '{"position":8}']]);
    expect(encodeOffsets(entries).equals(kafka)).toBe(true);
    const many = new Map(Array.from({ length: 20 }, (_, i) => [`k${i}`, i % 3 === 0 ? null : `v${i}`]));
    expect(decodeOffsets(encodeOffsets(many))).toEqual(many);
  });
});

describe('texts', () => {
  it('connect-standalone without arguments: Connect\'s usage line, exit 1 (as Kafka 4.4.0)', async () => {
    for (const args of [[], ['--help']]) {
      const r = await runTool('connect-standalone', args);
      expect({ code: r.code, stdout: masked(r.stdout), stderr: r.stderr }).toEqual({
        code: 1, stderr: '',
        stdout: '[<ts>] INFO Usage: ConnectStandalone worker.properties [connector1.properties connector2.json ...] (org.apache.kafka.connect.cli.AbstractConnectCli:86)\n',
      });
    }
  });

  it('connect-standalone startup failures: ERROR Stopping due to error and the exception, exit 2 (as Kafka 4.4.0)', async () => {
    const work = dir('kl-quickstart-texts-');
    const missing = await runTool('connect-standalone', [path.join(work, 'nonexist.properties')]);
    expect({ code: missing.code, stdout: masked(missing.stdout) }).toEqual({
      code: 2,
      stdout: '[<ts>] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli:102)\n' +
        `java.nio.file.NoSuchFileException: ${path.join(work, 'nonexist.properties')}\n`,
    });
    fs.writeFileSync(path.join(work, 'w.properties'), `bootstrap.servers=${engine.bootstrap}\n`);
    const noConverter = await runTool('connect-standalone', [path.join(work, 'w.properties')]);
    expect({ code: noConverter.code, stdout: masked(noConverter.stdout) }).toEqual({
      code: 2,
      stdout: '[<ts>] INFO Kafka Connect worker initializing ... (org.apache.kafka.connect.cli.AbstractConnectCli:114)\n' +
        '[<ts>] ERROR Stopping due to error (org.apache.kafka.connect.cli.AbstractConnectCli:102)\n' +
        'org.apache.kafka.common.config.ConfigException: Missing required configuration "key.converter" which has no default value.\n',
    });
  });

  it('WordCountDemo with a properties file that does not exist: Java\'s exception line, exit 1 (as Kafka 4.4.0\'s demo)', async () => {
    const work = dir('kl-quickstart-wc-texts-');
    const r = await runTool('kafka-run-class', [WORDCOUNT_MAIN, path.join(work, 'nope.properties')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `Exception in thread "main" java.io.FileNotFoundException: ${path.join(work, 'nope.properties')} (No such file or directory)\n` });
  });

  it('kafka-run-class: the script\'s usage, Java\'s error for an unknown class with the list of what runs here, our tools by class name', async () => {
    const usage = await runTool('kafka-run-class', []);
    expect([usage.code, usage.stdout.replace(/^USAGE: \S+/, 'USAGE: <script>')]).toEqual([1, 'USAGE: <script> [-daemon] [-name servicename] [-loggc] classname [opts]\n']);
    const unknown = await runTool('kafka-run-class', ['foo.Bar', '--x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^Error: Could not find or load main class foo\.Bar\nCaused by: java\.lang\.ClassNotFoundException: foo\.Bar\n\n/);
    for (const cls of [WORDCOUNT_MAIN, 'kafka.tools.GetOffsetShell', 'kafka.admin.ConsumerGroupCommand', 'kafka.Kafka', 'org.apache.kafka.tools.TopicCommand']) {
      expect(unknown.stderr).toContain(`  ${cls} `);
    }
    // The legacy and current class names run our tools with the remaining arguments.
    for (const [cls, tool, args] of [
      ['kafka.tools.GetOffsetShell', 'kafka-get-offsets', [...B(), '--topic', 'quickstart-events']],
      ['kafka.admin.TopicCommand', 'kafka-topics', [...B(), '--list', '--exclude-internal']],
      ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka-consumer-groups', [...B(), '--list', '--bogus']],
      ['kafka.admin.ConsumerGroupCommand', 'kafka-consumer-groups', []],
    ] as [string, string, string[]][]) {
      const [viaClass, direct] = await Promise.all([runTool('kafka-run-class', [cls, ...args]), runTool(tool, args)]);
      expect(viaClass, `${cls} ${args.join(' ')}`).toEqual(direct);
    }
  }, 30000);
});
