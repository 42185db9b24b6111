// kafka-console-consumer (spec/cli.md section 4; Kafka 4.4's ConsoleConsumer, ConsoleConsumerOptions
// and DefaultMessageFormatter). Records are produced with the console producer first; reads are
// kept deterministic: one partition (--partition, or a one-partition topic for group reads) and
// an end given by --max-messages, or --timeout-ms once everything was read.
import { prepare, prepareIn, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const C = 'kafka-console-consumer';

const create = (topic: string, partitions = 1, ...extra: string[]): Step =>
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', String(partitions), ...extra);

/** Records from lines `headers<TAB>key<TAB>value` (or `key<TAB>value` when headers is false). */
const fill = (topic: string, input: string, headers = false): Step =>
  prepareIn('kafka-console-producer', input, ...B, '--topic', topic, '--reader-property', 'parse.key=true',
    ...(headers ? ['--reader-property', 'parse.headers=true', '--reader-property', 'null.marker=NULL'] : []));

const consume = (...args: string[]): Step => step(C, ...B, ...args);

/** Read partition 0 from its beginning: n records, with formatter properties. */
const read0 = (topic: string, n: number, ...args: string[]): Step =>
  consume('--topic', topic, '--partition', '0', '--offset', 'earliest', '--max-messages', String(n), ...args);

const props = (...ps: string[]): string[] => ps.flatMap((p) => ['--formatter-property', p]);

const KV = 'k1\tv1\nk2\tv2\nk3\tv3\n';
const HKV = 'h1:a,h2:b\tk1\tv1\nh3:NULL\tNULL\tv2\nNULL\tk3\tNULL\n';

/** A scenario of a topic with 3 records (keys k1..k3) read once with these options. */
function onKV(name: string, ...args: string[]): Scenario {
  const t = `c-${name}`;
  return { id: `kafka-console-consumer/${name}`, steps: [create(t), fill(t, KV), consume('--topic', t, ...args)] };
}

/** Records with headers and nulls, read from partition 0 with formatter properties. */
function formatted(name: string, ...ps: string[]): Scenario {
  const t = `c-${name}`;
  return { id: `kafka-console-consumer/${name}`, steps: [create(t), fill(t, HKV, true), read0(t, 3, ...props(...ps))] };
}

function fails(name: string, ...args: string[]): Scenario {
  return { id: `kafka-console-consumer/${name}`, steps: [step(C, ...args)] };
}

export const consumer: Scenario[] = [
  // Parsing and option checks: usage on stderr, exit 1.
  fails('no-args'),
  fails('help', '--help'),
  fails('version', '--version'),
  fails('unknown-option', ...B, '--topic', 't', '--bogus'),
  fails('missing-value', ...B, '--topic'),
  fails('no-topic', ...B),
  fails('topic-and-include', ...B, '--topic', 't', '--include', 't.*'),
  fails('partition-without-topic', ...B, '--include', 't.*', '--partition', '0'),
  fails('offset-without-partition', ...B, '--topic', 't', '--offset', '3'),
  fails('from-beginning-with-offset', ...B, '--topic', 't', '--partition', '0', '--offset', '3', '--from-beginning'),
  fails('missing-bootstrap-server', '--topic', 't'),
  fails('bad-offset', ...B, '--topic', 't', '--partition', '0', '--offset', 'first'),
  fails('negative-offset', ...B, '--topic', 't', '--partition', '0', '--offset', '-5'),
  fails('bad-partition', ...B, '--topic', 't', '--partition', 'zero'),
  fails('bad-max-messages', ...B, '--topic', 't', '--max-messages', 'ten'),
  fails('group-ids-differ', ...B, '--topic', 't', '--group', 'g1', '--command-property', 'group.id=g2'),
  fails('group-with-partition', ...B, '--topic', 't', '--partition', '0', '--group', 'g1'),
  fails('from-beginning-with-latest-reset', ...B, '--topic', 't', '--from-beginning', '--command-property', 'auto.offset.reset=latest'),
  fails('command-property-with-consumer-property', ...B, '--topic', 't', '--command-property', 'a=1', '--consumer-property', 'a=1'),
  fails('command-config-with-consumer-config', ...B, '--topic', 't', '--command-config', '{dir}/c.properties', '--consumer.config', '{dir}/c.properties'),
  fails('formatter-property-with-property', ...B, '--topic', 't', '--formatter-property', 'print.key=true', '--property', 'print.key=true'),
  fails('unknown-formatter', ...B, '--topic', 't', '--formatter', 'com.example.NoSuchFormatter'),
  fails('old-formatter-name', ...B, '--topic', 't', '--formatter', 'kafka.tools.DefaultMessageFormatter'),
  fails('bad-consumer-property', ...B, '--topic', 't', '--command-property', 'fetch.min.bytes=lots', '--max-messages', '1'),
  fails('bad-isolation-level', ...B, '--topic', 't', '--isolation-level', 'read_some', '--max-messages', '1'),
  fails('bad-bootstrap-server', '--bootstrap-server', 'nohost', '--topic', 't', '--max-messages', '1'),
  fails('bad-include-regex', ...B, '--include', '[t', '--max-messages', '1'),
  fails('missing-command-config', ...B, '--topic', 't', '--command-config', '{dir}/absent.properties'),

  // Reading.
  onKV('from-beginning', '--from-beginning', '--max-messages', '3'),
  onKV('max-messages', '--from-beginning', '--max-messages', '2'),
  onKV('max-messages-zero', '--from-beginning', '--max-messages', '0'),
  onKV('timeout-ms', '--partition', '0', '--offset', 'earliest', '--timeout-ms', '3000'),
  onKV('offset-number', '--partition', '0', '--offset', '1', '--max-messages', '2'),
  onKV('offset-uppercase-earliest', '--partition', '0', '--offset', 'EARLIEST', '--max-messages', '1'),
  onKV('offset-latest', '--partition', '0', '--offset', 'latest', '--timeout-ms', '2000'),
  onKV('partition-default-latest', '--partition', '0', '--timeout-ms', '2000'),
  onKV('partition-from-beginning', '--partition', '0', '--from-beginning', '--max-messages', '3'),
  onKV('offset-past-end', '--partition', '0', '--offset', '10', '--timeout-ms', '2000'),
  onKV('offset-past-end-no-reset', '--partition', '0', '--offset', '10', '--timeout-ms', '3000', '--command-property', 'auto.offset.reset=none'),
  onKV('include', '--include', 'c-incl.*', '--from-beginning', '--max-messages', '3'),
  onKV('group', '--group', 'cg1', '--from-beginning', '--max-messages', '3'),
  onKV('group-via-command-property', '--command-property', 'group.id=cg2', '--from-beginning', '--max-messages', '1'),
  onKV('deprecated-consumer-property', '--consumer-property', 'client.id=mine', '--from-beginning', '--max-messages', '1'),
  onKV('command-config', '--command-config', '{dir}/c.properties', '--from-beginning', '--max-messages', '1'),
  onKV('deprecated-consumer-config', '--consumer.config', '{dir}/c.properties', '--from-beginning', '--max-messages', '1'),
  onKV('from-beginning-with-earliest-reset', '--from-beginning', '--command-property', 'auto.offset.reset=earliest', '--max-messages', '1'),
  onKV('isolation-level', '--partition', '0', '--offset', 'earliest', '--isolation-level', 'read_committed', '--max-messages', '3'),
  onKV('enable-systest-events', '--partition', '0', '--offset', 'earliest', '--max-messages', '1', '--enable-systest-events'),
  onKV('skip-message-on-error-flag', '--partition', '0', '--offset', 'earliest', '--max-messages', '1', '--skip-message-on-error'),
  {
    id: 'kafka-console-consumer/group-resumes',
    steps: [
      create('c-resume'), fill('c-resume', KV),
      consume('--topic', 'c-resume', '--group', 'cg3', '--from-beginning', '--max-messages', '2'),
      consume('--topic', 'c-resume', '--group', 'cg3', '--max-messages', '1'),
    ],
  },
  {
    id: 'kafka-console-consumer/partition-of-three',
    steps: [
      create('c-three', 3),
      // Offsets of every partition: the broker leads them all before the producer sends.
      prepare('kafka-get-offsets', ...B, '--topic', 'c-three'),
      prepareIn('kafka-console-producer', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\nk6\tv6\n', ...B, '--topic', 'c-three', '--reader-property', 'parse.key=true'),
      consume('--topic', 'c-three', '--partition', '2', '--offset', 'earliest', '--timeout-ms', '2000', ...props('print.key=true', 'print.partition=true', 'print.offset=true')),
    ],
  },
  {
    id: 'kafka-console-consumer/unknown-partition',
    // The describe lets the broker's metadata catch up with the creation first.
    steps: [create('c-onepart'), prepare('kafka-topics', ...B, '--describe', '--topic', 'c-onepart'), consume('--topic', 'c-onepart', '--partition', '5', '--timeout-ms', '2000')],
  },
  // Not here: a missing topic with --partition. Whether the first metadata answer still reports
  // it as being created (the WARN line) depends on timing, also with Kafka's own tools and broker.

  // The default formatter's properties.
  formatted('print-key', 'print.key=true'),
  formatted('print-headers', 'print.headers=true'),
  formatted('print-offset-partition', 'print.offset=true', 'print.partition=true'),
  formatted('print-timestamp', 'print.timestamp=true', 'print.key=true'),
  formatted('print-delivery-epoch', 'print.delivery=true', 'print.epoch=true'),
  formatted('print-value-false', 'print.key=true', 'print.value=false'),
  formatted('print-nothing', 'print.value=false'),
  formatted('print-all', 'print.timestamp=true', 'print.partition=true', 'print.offset=true', 'print.delivery=true', 'print.epoch=true', 'print.headers=true', 'print.key=true', 'print.value=true'),
  formatted('separators', 'print.key=true', 'print.headers=true', 'key.separator= | ', 'line.separator=;\n', 'headers.separator=&'),
  formatted('null-literal', 'print.key=true', 'print.headers=true', 'null.literal=(none)'),
  formatted('booleans', 'print.key= True ', 'print.offset=yes'),
  {
    id: 'kafka-console-consumer/log-append-time',
    steps: [
      create('c-lat', 1, '--config', 'message.timestamp.type=LogAppendTime'), fill('c-lat', KV),
      read0('c-lat', 1, ...props('print.timestamp=true')),
    ],
  },
  {
    id: 'kafka-console-consumer/deprecated-property',
    steps: [create('c-prop'), fill('c-prop', KV), read0('c-prop', 1, '--property', 'print.key=true')],
  },
  {
    id: 'kafka-console-consumer/formatter-config',
    steps: [create('c-fconf'), fill('c-fconf', KV), read0('c-fconf', 2, '--formatter-config', '{dir}/f.properties')],
  },
  {
    id: 'kafka-console-consumer/formatter-property-wins',
    steps: [create('c-fwin'), fill('c-fwin', KV), read0('c-fwin', 1, '--formatter-config', '{dir}/f.properties', ...props('key.separator=::'))],
  },
  {
    id: 'kafka-console-consumer/noop-formatter',
    steps: [create('c-noop'), fill('c-noop', KV), read0('c-noop', 3, '--formatter', 'org.apache.kafka.tools.consumer.NoOpMessageFormatter')],
  },
  {
    id: 'kafka-console-consumer/logging-formatter',
    steps: [create('c-logf'), fill('c-logf', KV), read0('c-logf', 2, '--formatter', 'org.apache.kafka.tools.consumer.LoggingMessageFormatter', ...props('print.key=true'))],
  },

  // Deserializers.
  {
    id: 'kafka-console-consumer/string-deserializers',
    steps: [
      create('c-str'), fill('c-str', KV),
      read0('c-str', 3, '--key-deserializer', 'org.apache.kafka.common.serialization.StringDeserializer',
        '--value-deserializer', 'org.apache.kafka.common.serialization.StringDeserializer', ...props('print.key=true')),
    ],
  },
  {
    id: 'kafka-console-consumer/deserializers-as-properties',
    steps: [
      create('c-dprop'), fill('c-dprop', 'abcd\tabcdefgh\n'),
      read0('c-dprop', 1, ...props('print.key=true', 'key.deserializer=org.apache.kafka.common.serialization.IntegerDeserializer',
        'value.deserializer=org.apache.kafka.common.serialization.LongDeserializer')),
    ],
  },
  {
    id: 'kafka-console-consumer/deserializer-error',
    steps: [
      create('c-derr'), fill('c-derr', KV),
      read0('c-derr', 3, '--value-deserializer', 'org.apache.kafka.common.serialization.IntegerDeserializer'),
    ],
  },
  {
    id: 'kafka-console-consumer/skip-message-on-error',
    steps: [
      create('c-dskip'), fill('c-dskip', 'k1\tv1\nk2\tabcd\n'),
      read0('c-dskip', 2, '--skip-message-on-error', '--value-deserializer', 'org.apache.kafka.common.serialization.IntegerDeserializer'),
    ],
  },
  {
    id: 'kafka-console-consumer/unknown-deserializer',
    steps: [create('c-dunk'), fill('c-dunk', KV), read0('c-dunk', 1, '--value-deserializer', 'com.example.NoSuchDeserializer')],
  },
  {
    id: 'kafka-console-consumer/headers-deserializer',
    steps: [
      create('c-hdes'), fill('c-hdes', HKV, true),
      read0('c-hdes', 1, ...props('print.headers=true', 'headers.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
        'headers.deserializer.encoding=UTF-8')),
    ],
  },

  // Compressed batches written by the console producer.
  ...['gzip', 'snappy', 'lz4', 'zstd'].map((codec): Scenario => ({
    id: `kafka-console-consumer/compressed-${codec}`,
    steps: [
      create(`c-${codec}`),
      prepareIn('kafka-console-producer', KV, ...B, '--topic', `c-${codec}`, '--reader-property', 'parse.key=true', '--compression-codec', codec),
      read0(`c-${codec}`, 3, ...props('print.key=true', 'print.offset=true')),
    ],
  })),

  // Seed-era: --whitelist (removed in Kafka 4.0) is read as --include, judged by Kafka 2.8.
  {
    id: 'kafka-console-consumer/whitelist',
    legacy: true,
    steps: [
      create('c-wl-a'),
      prepareIn('kafka-console-producer', KV, ...B, '--topic', 'c-wl-a', '--property', 'parse.key=true'),
      consume('--whitelist', 'c-wl-.*', '--from-beginning', '--max-messages', '3'),
    ],
  },
];

const FILES: Record<string, string> = {
  'c.properties': 'client.id=from-file\n',
  'f.properties': 'print.key=true\nkey.separator=\\ =>\\ \n',
};
for (const s of consumer) {
  if (s.steps.some((st) => st.args.some((a) => a.startsWith('{dir}/')))) s.files = FILES;
}

// Reading __consumer_offsets with Kafka 4.4's coordinator record formatters. Kafka's broker writes
// offset commits as OffsetCommitValue v4 (with the topic id) and ours as v3 (deliberate difference
// offset-commit-value-v3: readers older than v4, such as Burrow before 1.9.5, read v3), so these run on
// Kafka's brokers: they compare our formatters with Kafka's on the same records (our engine's
// records are read in test/tools/kafka-console-consumer-offsets-formatter.test.ts). The group's
// records are made by Kafka's own console consumer (its subscription bytes are printed), and read
// from the group's __consumer_offsets partition (abs(hashCode) % 50).
function offsetsTopicRead(name: string, group: string, partition: number, formatter: string): Scenario {
  const t = `c-${name}`;
  return {
    id: `kafka-console-consumer/${name}`,
    brokers: 'kafka',
    steps: [
      create(t), fill(t, KV),
      { tool: C, args: [...B, '--topic', t, '--group', group, '--from-beginning', '--max-messages', '3'], compare: false, kafkaTool: true },
      consume('--topic', '__consumer_offsets', '--partition', String(partition), '--offset', 'earliest', '--timeout-ms', '3000', '--formatter', formatter),
    ],
  };
}

export const offsetsFormatters: Scenario[] = [
  offsetsTopicRead('offsets-formatter', 'fmt-offsets', 6, 'org.apache.kafka.tools.consumer.OffsetsMessageFormatter'),
  offsetsTopicRead('group-metadata-formatter', 'fmt-groups', 22, 'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter'),
];
