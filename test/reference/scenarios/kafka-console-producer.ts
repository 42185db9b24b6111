// kafka-console-producer (spec/cli.md section 3; Kafka 4.4's ConsoleProducer and LineMessageReader):
// each scenario produces from standard input and, where records are written, reads them back
// with the console consumer from one partition (--partition/--offset earliest), so that the
// output is in offset order and no group is involved.
import { prepare, step, stepIn, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const P = 'kafka-console-producer';

/** A topic with n partitions. */
const create = (topic: string, partitions = 1): Step => prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', String(partitions));

/** Produce `input` to the topic with extra options (a compared step). */
const produce = (topic: string, input: string, ...args: string[]): Step => stepIn(P, input, ...B, '--topic', topic, ...args);

/** Read n records of one partition from its beginning, with formatter properties. */
const readBack = (topic: string, n: number, props: string[] = [], partition = 0): Step =>
  step('kafka-console-consumer', ...B, '--topic', topic, '--partition', String(partition), '--offset', 'earliest', '--max-messages', String(n),
    ...props.flatMap((p) => ['--formatter-property', p]));

const KEY = ['print.key=true'];
const ALL = ['print.key=true', 'print.headers=true', 'print.offset=true'];

/** A scenario: create the topic, produce, read back. */
function roundTrip(name: string, input: string, args: string[], n: number, props: string[] = KEY): Scenario {
  const t = `p-${name}`;
  return { id: `kafka-console-producer/${name}`, steps: [create(t), produce(t, input, ...args), readBack(t, n, props)] };
}

/** A scenario of one producer call that ends before producing (usage and configuration errors). */
function fails(name: string, args: string[], input = 'x\n'): Scenario {
  return { id: `kafka-console-producer/${name}`, steps: [stepIn(P, input, ...args)] };
}

export const producer: Scenario[] = [
  // Parsing (spec section 1) as the producer applies it: usage on stderr, exit 1.
  fails('no-args', []),
  fails('help', ['--help']),
  { id: 'kafka-console-producer/version', steps: [step(P, '--version')] },
  fails('unknown-option', [...B, '--topic', 't', '--bogus']),
  fails('missing-value', [...B, '--topic']),
  fails('missing-topic', [...B]),
  fails('missing-bootstrap-server', ['--topic', 't']),
  fails('empty-bootstrap-server', ['--bootstrap-server', '', '--topic', 't']),
  fails('bad-host-port', ['--bootstrap-server', 'localhost', '--topic', 't']),
  fails('bad-host-port-in-list', ['--bootstrap-server', '{bootstrap},broker2', '--topic', 't']),
  fails('bad-integer', [...B, '--topic', 't', '--batch-size', 'big']),
  fails('bad-long', [...B, '--topic', 't', '--timeout', '1.5']),
  fails('topic-twice', [...B, '--topic', 'a', '--topic', 'b']),
  fails('abbreviated-option', [...B, '--top', 't']),
  // The 4.2+ option renames: both spellings together are refused.
  fails('command-property-with-producer-property', [...B, '--topic', 't', '--command-property', 'acks=1', '--producer-property', 'acks=1']),
  fails('command-config-with-producer-config', [...B, '--topic', 't', '--command-config', '{dir}/p.properties', '--producer.config', '{dir}/p.properties']),
  fails('reader-property-with-property', [...B, '--topic', 't', '--reader-property', 'parse.key=true', '--property', 'parse.key=true']),
  // Reader and producer configuration errors: the exception, exit 1.
  fails('unknown-line-reader', [...B, '--topic', 't', '--line-reader', 'com.example.NoSuchReader']),
  fails('unknown-compression-codec', [...B, '--topic', 't', '--compression-codec', 'brotli']),
  fails('bad-acks', [...B, '--topic', 't', '--request-required-acks', '2']),
  fails('bad-producer-property', [...B, '--topic', 't', '--command-property', 'linger.ms=soon']),
  fails('missing-command-config', [...B, '--topic', 't', '--command-config', '{dir}/absent.properties']),
  fails('headers-delimiter-equals-separator', [...B, '--topic', 't', '--reader-property', 'headers.delimiter=,']),
  fails('headers-delimiter-equals-key-separator', [...B, '--topic', 't', '--reader-property', 'headers.key.separator=\t']),
  fails('headers-separator-equals-key-separator', [...B, '--topic', 't', '--reader-property', 'headers.separator=:']),
  fails('null-marker-equals-key-separator', [...B, '--topic', 't', '--reader-property', 'null.marker=\t', '--reader-property', 'headers.delimiter=|']),
  fails('null-marker-equals-headers-separator', [...B, '--topic', 't', '--reader-property', 'null.marker=,']),
  fails('null-marker-equals-headers-key-separator', [...B, '--topic', 't', '--reader-property', 'null.marker=:']),

  // Producing.
  roundTrip('lines', 'one\ntwo\nthree\n', [], 3, []),
  roundTrip('empty-line-and-crlf', 'a\r\n\r\nlast', [], 3, ['print.offset=true']),
  roundTrip('unicode', 'grüße\n日本語\n', [], 2, []),
  roundTrip('parse-key', 'k1\tv1\nk2\tv2\twith\ttabs\nk3\t\n', ['--reader-property', 'parse.key=true'], 3),
  roundTrip('key-separator', 'k1::v1\nk2::v2\n', ['--reader-property', 'parse.key=TRUE', '--reader-property', 'key.separator=::'], 2),
  roundTrip('ignore-error', 'k1\tv1\nno key here\n', ['--reader-property', 'parse.key=true', '--reader-property', 'ignore.error=true'], 2),
  {
    id: 'kafka-console-producer/missing-key-separator',
    steps: [create('p-nokey'), produce('p-nokey', 'k1\tv1\nno key here\nk3\tv3\n', '--reader-property', 'parse.key=true'), readBack('p-nokey', 1, KEY)],
  },
  roundTrip('parse-headers', 'h1:v1,h2:v2\tvalue1\nh3:\tvalue2\n', ['--reader-property', 'parse.headers=true'], 2, ALL),
  roundTrip('parse-headers-and-key', 'h1:v1\tk1\tvalue1\n', ['--reader-property', 'parse.headers=true', '--reader-property', 'parse.key=true'], 1, ALL),
  roundTrip('header-separators', 'h1=v1;h2=v2|k1|value1\n', [
    '--reader-property', 'parse.headers=true', '--reader-property', 'parse.key=true', '--reader-property', 'headers.delimiter=|',
    '--reader-property', 'headers.separator=;', '--reader-property', 'headers.key.separator==', '--reader-property', 'key.separator=|',
  ], 1, ALL),
  roundTrip('headers-separator-regex', 'a:1,,b:2\tv\n', ['--reader-property', 'parse.headers=true', '--reader-property', 'headers.separator=,+'], 1, ALL),
  {
    id: 'kafka-console-producer/missing-header-key-separator',
    steps: [create('p-nohdr'), produce('p-nohdr', 'h1:v1\tok\nh1\tbad\n', '--reader-property', 'parse.headers=true'), readBack('p-nohdr', 1, ALL)],
  },
  roundTrip('missing-header-key-separator-ignored', 'h1,h2:v2\tvalue\n', ['--reader-property', 'parse.headers=true', '--reader-property', 'ignore.error=true'], 1, ALL),
  {
    id: 'kafka-console-producer/missing-headers-delimiter',
    steps: [create('p-nodelim'), produce('p-nodelim', 'no headers\n', '--reader-property', 'parse.headers=true')],
  },
  roundTrip('null-marker', 'h1:NULL,h2:x\tNULL\tNULL\nNULL\tk\tv\n', [
    '--reader-property', 'parse.headers=true', '--reader-property', 'parse.key=true', '--reader-property', 'null.marker=NULL',
  ], 2, [...ALL, 'null.literal=<null>']),
  {
    id: 'kafka-console-producer/null-marker-header-key',
    steps: [create('p-nullhk'), produce('p-nullhk', 'NULL:v\tvalue\n', '--reader-property', 'parse.headers=true', '--reader-property', 'null.marker=NULL')],
  },
  roundTrip('reader-config', 'k1=v1\n', ['--reader-config', '{dir}/reader.properties'], 1),
  roundTrip('reader-property-wins-over-reader-config', 'k1~v1\n', ['--reader-config', '{dir}/reader.properties', '--reader-property', 'key.separator=~'], 1),
  roundTrip('deprecated-property', 'k1\tv1\n', ['--property', 'parse.key=true'], 1),
  roundTrip('compression-gzip', 'a\nb\nc\n', ['--compression-codec', 'gzip'], 3, []),
  roundTrip('compression-codec-without-value', 'a\nb\n', ['--compression-codec'], 2, []),
  roundTrip('compression-snappy', 'a\nb\nc\n', ['--compression-codec', 'snappy'], 3, []),
  roundTrip('compression-lz4', 'a\nb\nc\n', ['--compression-codec', 'lz4'], 3, []),
  roundTrip('compression-zstd', 'a\nb\nc\n', ['--compression-codec', 'zstd'], 3, []),
  roundTrip('compression-none', 'a\n', ['--compression-codec', 'none'], 1, []),
  roundTrip('sync', 'a\nb\nc\n', ['--sync'], 3, []),
  roundTrip('acks-0', 'a\nb\n', ['--request-required-acks', '0'], 2, []),
  roundTrip('acks-1', 'a\nb\n', ['--request-required-acks', '1'], 2, []),
  roundTrip('acks-all', 'a\nb\n', ['--request-required-acks', 'all'], 2, []),
  roundTrip('tuning-options', 'a\nb\n', [
    '--batch-size', '100', '--timeout', '0', '--message-send-max-retries', '5', '--retry-backoff-ms', '50', '--request-timeout-ms', '5000',
    '--metadata-expiry-ms', '60000', '--max-block-ms', '10000', '--max-memory-bytes', '1048576', '--socket-buffer-size', '65536',
  ], 2, []),
  roundTrip('max-partition-memory-bytes', 'a\n', ['--max-partition-memory-bytes', '1000'], 1, []),
  roundTrip('line-reader', 'a\n', ['--line-reader', 'org.apache.kafka.tools.LineMessageReader'], 1, []),
  roundTrip('command-property', 'a\n', ['--command-property', 'acks=1', '--command-property', 'linger.ms=5'], 1, []),
  roundTrip('deprecated-producer-property', 'a\n', ['--producer-property', 'acks=1'], 1, []),
  roundTrip('command-config', 'a\n', ['--command-config', '{dir}/p.properties'], 1, []),
  roundTrip('deprecated-producer-config', 'a\n', ['--producer.config', '{dir}/p.properties'], 1, []),
  roundTrip('key-partitioning', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\n', ['--reader-property', 'parse.key=true'], 1, KEY),
  {
    id: 'kafka-console-producer/keys-to-partitions',
    steps: [
      create('p-keys', 3),
      // Offsets of every partition: the broker leads them all before the producer sends.
      prepare('kafka-get-offsets', ...B, '--topic', 'p-keys'),
      produce('p-keys', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\nk6\tv6\n', '--reader-property', 'parse.key=true'),
      step('kafka-get-offsets', ...B, '--topic', 'p-keys'),
      readBack('p-keys', 1, ['print.key=true', 'print.partition=true'], 0),
      readBack('p-keys', 1, ['print.key=true', 'print.partition=true'], 2),
    ],
  },
  {
    id: 'kafka-console-producer/auto-create-topic',
    steps: [produce('p-auto', 'a\nb\n'), step('kafka-get-offsets', ...B, '--topic', 'p-auto'), readBack('p-auto', 2)],
  },
  {
    id: 'kafka-console-producer/record-too-large',
    steps: [create('p-large'), produce('p-large', 'a\nthis line is too long\nb\n', '--command-property', 'max.request.size=90'), readBack('p-large', 2, [])],
  },
  {
    id: 'kafka-console-producer/sync-record-too-large',
    steps: [create('p-large-sync'), produce('p-large-sync', 'a\nthis line is too long\nb\n', '--sync', '--command-property', 'max.request.size=90'), readBack('p-large-sync', 1, [])],
  },
  {
    id: 'kafka-console-producer/invalid-topic-name',
    steps: [stepIn(P, 'a\n', ...B, '--topic', 'bad topic', '--max-block-ms', '3000')],
  },

  // Seed-era: --broker-list (removed in Kafka 4.0) still works, judged by Kafka 2.8.
  {
    id: 'kafka-console-producer/broker-list',
    legacy: true,
    steps: [
      create('p-legacy'),
      stepIn(P, 'v1\nv2\n', '--broker-list', '{bootstrap}', '--topic', 'p-legacy'),
      step('kafka-console-consumer', ...B, '--topic', 'p-legacy', '--partition', '0', '--offset', 'earliest', '--max-messages', '2'),
    ],
  },
];

// Files of the scenarios that name them.
const FILES: Record<string, string> = {
  'reader.properties': 'parse.key=true\nkey.separator==\n',
  'p.properties': 'acks=1\nlinger.ms=10\n',
};
for (const s of producer) {
  if (s.steps.some((st) => st.args.some((a) => a.startsWith('{dir}/')))) s.files = FILES;
}
