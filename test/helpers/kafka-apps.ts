// Kafka's own applications as test clients, run the way its quickstarts run them: the Streams
// WordCount demo (kafka-streams-examples) and Connect standalone with the file source and sink
// (connect-file, JsonConverter with schemas). Shared by the engine-only tests (npm test) and the
// comparison with the reference broker (npm run test:reference); the tools that create topics,
// produce and consume are passed in (ours, or Kafka's own through the tool runner).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { TEST_CACHE } from './deps';
import { ROOT } from './engine';
import { JAVA_SOURCES, referenceLibs, spawnJava, type JavaProcess } from './java';

export interface ToolOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the console tools (by Kafka's script name) to completion. */
export type RunTool = (tool: string, args: string[], opts?: { input?: string; timeoutMs?: number }) => Promise<ToolOutput>;

// ---------------------------------------------------------------------------------------------
// Kafka Streams: WordCountDemo (docs/streams/quickstart.html)

export const WORDCOUNT_MAIN = 'org.apache.kafka.streams.examples.wordcount.WordCountDemo';
export const WORDCOUNT_INPUT_TOPIC = 'streams-plaintext-input';
export const WORDCOUNT_OUTPUT_TOPIC = 'streams-wordcount-output';
export const WORDCOUNT_APPLICATION_ID = 'streams-wordcount';

/** The quickstart's three lines, typed into the console producer. */
export const WORDCOUNT_INPUT = 'all streams lead to kafka\nhello kafka streams\njoin kafka summit\n';

/** What the quickstart's console consumer shows once the three lines are processed. */
export const WORDCOUNT_OUTPUT = [
  'all\t1', 'streams\t1', 'lead\t1', 'to\t1', 'kafka\t1', 'hello\t1', 'kafka\t2', 'streams\t2', 'join\t1', 'kafka\t3', 'summit\t1',
].map((l) => `${l}\n`).join('');

/** The quickstart's console consumer of the output topic, stopping after the 11 updates. */
export function wordCountConsumerArgs(bootstrap: string, timeoutMs = 60000): string[] {
  return [
    '--bootstrap-server', bootstrap, '--topic', WORDCOUNT_OUTPUT_TOPIC, '--from-beginning',
    '--property', 'print.key=true', '--property', 'print.value=true',
    '--property', 'key.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
    '--property', 'value.deserializer=org.apache.kafka.common.serialization.LongDeserializer',
    '--max-messages', '11', '--timeout-ms', String(timeoutMs),
  ];
}

/**
 * The records a console consumer printed: Kafka 4.4's says on stdout that --property (the
 * quickstart's spelling) is deprecated; that notice is dropped.
 */
export function printedRecords(stdout: string): string {
  return stdout.replace('Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.\n', '');
}

export interface WordCountRun {
  app: JavaProcess;
  /** The console consumer's run on the output topic. */
  consumed: ToolOutput;
  created: ToolOutput[];
  produced: ToolOutput;
}

/**
 * The quickstart on one broker: the two topics created with kafka-topics (the output one
 * compacted), WordCountDemo started (at-least-once, the demo's defaults; its state in `dir`), the
 * three lines produced, the output read back. The caller stops the app.
 */
export async function wordCountQuickstart(bootstrap: string, tool: RunTool, dir: string): Promise<WordCountRun> {
  const create = (topic: string, extra: string[] = []) => tool('kafka-topics', [
    '--create', '--bootstrap-server', bootstrap, '--replication-factor', '1', '--partitions', '1', '--topic', topic, ...extra,
  ]);
  const created = [await create(WORDCOUNT_INPUT_TOPIC), await create(WORDCOUNT_OUTPUT_TOPIC, ['--config', 'cleanup.policy=compact'])];
  const config = path.join(dir, 'wordcount.properties');
  // The demo reads an optional properties file: only where the broker and the state are.
  fs.writeFileSync(config, `bootstrap.servers=${bootstrap}\nstate.dir=${path.join(dir, 'state')}\n`);
  const app = spawnJava(WORDCOUNT_MAIN, [config], { cwd: dir });
  const produced = await tool('kafka-console-producer', ['--bootstrap-server', bootstrap, '--topic', WORDCOUNT_INPUT_TOPIC], { input: WORDCOUNT_INPUT });
  const consumed = await tool('kafka-console-consumer', wordCountConsumerArgs(bootstrap), { timeoutMs: 90000 });
  return { app, consumed, created, produced };
}

// ---------------------------------------------------------------------------------------------
// Kafka Connect standalone with the file connectors (config/connect-*.properties)

export const CONNECT_MAIN = 'org.apache.kafka.connect.cli.ConnectStandalone';
export const CONNECT_TOPIC = 'connect-test';
export const CONNECT_SINK_GROUP = 'connect-local-file-sink';
/** The quickstart's `echo -e "foo\nbar" > test.txt`. */
export const CONNECT_INPUT = 'foo\nbar\n';
/** What the console consumer shows of the topic: JsonConverter envelopes with the schema. */
export const CONNECT_TOPIC_VALUES = ['foo', 'bar'].map((v) => `{"schema":{"type":"string","optional":false},"payload":"${v}"}\n`).join('');

let pluginPath: string | undefined;

/**
 * plugin.path for the file connectors, as the quickstart sets it up. connect-file is served by
 * Maven Central up to 4.3.1, whose connectors' version() calls a class Kafka 4.4 moved
 * (org.apache.kafka.common.utils.AppInfoParser); a small bridge (connect-compat/) sits beside the
 * jar in the plugin's directory, so only the plugin's class loader sees it.
 */
export function connectPluginPath(): string {
  if (pluginPath) return pluginPath;
  const libs = referenceLibs();
  const jar = fs.readdirSync(libs).find((f) => /^connect-file-.*\.jar$/.test(f));
  if (!jar) throw new Error(`no connect-file jar in ${libs}`);
  const src = path.join(JAVA_SOURCES, 'connect-compat', 'org', 'apache', 'kafka', 'common', 'utils', 'AppInfoParser.java');
  const hash = crypto.createHash('sha256').update(fs.readFileSync(src)).update(jar).digest('hex').slice(0, 16);
  const root = path.join(TEST_CACHE, 'connect-plugins', hash);
  if (!fs.existsSync(path.join(root, '.complete'))) {
    const tmp = `${root}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const classes = path.join(tmp, 'classes');
    const plugin = path.join(tmp, 'plugins', 'connect-file');
    fs.mkdirSync(classes, { recursive: true });
    fs.mkdirSync(plugin, { recursive: true });
    const javac = spawnSync('javac', ['-nowarn', '-d', classes, '-cp', `${libs}/*`, src], { encoding: 'utf8' });
    if (javac.status !== 0) throw new Error(`javac of the connect-file bridge failed:\n${javac.stderr}`);
    const jarRun = spawnSync('jar', ['cf', path.join(plugin, 'connect-file-4.4-bridge.jar'), '-C', classes, '.'], { encoding: 'utf8' });
    if (jarRun.status !== 0) throw new Error(`jar failed:\n${jarRun.stderr}`);
    fs.copyFileSync(path.join(libs, jar), path.join(plugin, jar));
    fs.writeFileSync(path.join(tmp, '.complete'), '');
    try {
      fs.renameSync(tmp, root);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another test file won the race
    }
  }
  pluginPath = path.join(root, 'plugins');
  return pluginPath;
}

/** The worker's classpath: the reference jars without connect-file (it is a plugin here). */
export function connectClasspath(): string {
  const libs = referenceLibs();
  return fs.readdirSync(libs).filter((f) => f.endsWith('.jar') && !f.startsWith('connect-file-')).map((f) => path.join(libs, f)).join(path.delimiter);
}

export interface ConnectRun {
  app: JavaProcess;
  source: string;
  sink: string;
  offsets: string;
}

/**
 * Kafka's quickstart files (connect-standalone, connect-file-source, connect-file-sink), with
 * what a second worker on the machine needs: its own REST port (any free one), offsets file and
 * data files in `dir`; and plugin.discovery=service_load, which the worker itself advises (every
 * plugin has ServiceLoader manifests): it skips a reflective scan of the classpath (~10 s here).
 * The source file holds the quickstart's two lines before the worker starts.
 */
export function startConnectQuickstart(bootstrap: string, dir: string): ConnectRun {
  const source = path.join(dir, 'test.txt');
  const sink = path.join(dir, 'test.sink.txt');
  const offsets = path.join(dir, 'connect.offsets');
  fs.writeFileSync(source, CONNECT_INPUT);
  fs.writeFileSync(path.join(dir, 'connect-standalone.properties'), [
    `bootstrap.servers=${bootstrap}`,
    'key.converter=org.apache.kafka.connect.json.JsonConverter',
    'value.converter=org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable=true',
    'value.converter.schemas.enable=true',
    `offset.storage.file.filename=${offsets}`,
    'offset.flush.interval.ms=10000',
    `plugin.path=${connectPluginPath()}`,
    'listeners=http://127.0.0.1:0',
    'plugin.discovery=service_load',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'connect-file-source.properties'),
    `name=local-file-source\nconnector.class=FileStreamSource\ntasks.max=1\nfile=${source}\ntopic=${CONNECT_TOPIC}\n`);
  fs.writeFileSync(path.join(dir, 'connect-file-sink.properties'),
    `name=local-file-sink\nconnector.class=FileStreamSink\ntasks.max=1\nfile=${sink}\ntopics=${CONNECT_TOPIC}\n`);
  const app = spawnJava(CONNECT_MAIN, ['connect-standalone.properties', 'connect-file-source.properties', 'connect-file-sink.properties'], {
    cwd: dir, classpath: connectClasspath(),
  });
  return { app, source, sink, offsets };
}

/** The sink file's content, '' while it does not exist. */
export function readSink(run: ConnectRun): string {
  try {
    return fs.readFileSync(run.sink, 'utf8');
  } catch {
    return '';
  }
}

/** The quickstart's console consumer of the connect topic. */
export function connectConsumerArgs(bootstrap: string, count: number): string[] {
  return ['--bootstrap-server', bootstrap, '--topic', CONNECT_TOPIC, '--from-beginning', '--max-messages', String(count), '--timeout-ms', '30000'];
}

/** A group's committed offsets, "topic-partition" -> offset, read with our client (any broker). */
export async function committedOffsets(bootstrap: string, group: string): Promise<Record<string, number | null>> {
  const { Admin } = require(path.join(ROOT, 'dist/client/admin'));
  const { GroupAdmin } = require(path.join(ROOT, 'dist/client/group-admin'));
  const [host, port] = bootstrap.split(',')[0].split(':');
  const admin = new Admin({ bootstrap: [{ host, port: Number(port) }] });
  try {
    const offsets: { topic: string; partition: number; offset: number | null }[] = await new GroupAdmin(admin.cluster).listConsumerGroupOffsets(group, 10000);
    return Object.fromEntries(offsets.map((o) => [`${o.topic}-${o.partition}`, o.offset]));
  } finally {
    admin.close();
  }
}
