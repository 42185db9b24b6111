// kafka-console-producer's options (Kafka 4.x ConsoleProducerOptions; the descriptions are our
// own wording) and how they become producer and reader properties (producerProps/readerProps).
import { loadPropertiesFile, parseKeyValueArgs } from '../../cli/properties';
import { commonOptions, type OptionSet, type OptionSpec } from '../../cli/options';

export const HELP_MESSAGE = 'This tool helps to read data from standard input and publish it to Kafka.';

export const LINE_MESSAGE_READER = 'org.apache.kafka.tools.LineMessageReader';

export function producerSpecs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'topic', arg: 'required', argName: 'topic', description: 'REQUIRED: the topic to write the records to.' },
    {
      name: 'bootstrap-server', arg: 'required', argName: 'server to connect to',
      description: 'REQUIRED: the broker(s) to connect to, as HOST1:PORT1,HOST2:PORT2.',
    },
    // Kafka 2.x-3.9 spelling (removed in 4.0); kept as an alias, ignored when --bootstrap-server is given.
    { name: 'broker-list', arg: 'required', argName: 'broker-list', description: 'Deprecated: use --bootstrap-server.', hidden: true },
    { name: 'sync', arg: 'none', description: 'Send each record on its own and wait for its acknowledgement before reading the next line.' },
    {
      name: 'compression-codec', arg: 'optional', argName: 'compression-codec',
      description: "Compression codec: 'none', 'gzip', 'snappy', 'lz4' or 'zstd'. Given without a value it means 'gzip'.",
    },
    {
      name: 'batch-size', arg: 'required', type: 'int', argName: 'size', defaultValue: 16384,
      description: 'Largest batch, in bytes, collected per partition before sending (producer batch.size; --max-partition-memory-bytes overrides it).',
    },
    {
      name: 'message-send-max-retries', arg: 'required', type: 'int', defaultValue: 3,
      description: 'How many times a failed send is retried before the record is dropped (producer retries).',
    },
    {
      name: 'retry-backoff-ms', arg: 'required', type: 'long', defaultValue: 100,
      description: 'Wait before retrying a failed send and refreshing metadata (producer retry.backoff.ms).',
    },
    {
      name: 'timeout', arg: 'required', type: 'long', argName: 'timeout_ms', defaultValue: 1000,
      description: 'Longest time, in ms, a record waits for its batch to fill before it is sent (producer linger.ms).',
    },
    {
      name: 'request-required-acks', arg: 'required', argName: 'request required acks', defaultValue: '-1',
      description: 'Acknowledgements the broker must collect before answering: 0, 1 or -1/all (producer acks).',
    },
    {
      name: 'request-timeout-ms', arg: 'required', type: 'int', argName: 'request timeout ms', defaultValue: 1500,
      description: 'How long to wait for the answer to a produce request; more than 0 (producer request.timeout.ms).',
    },
    {
      name: 'metadata-expiry-ms', arg: 'required', type: 'long', argName: 'metadata expiration interval', defaultValue: 300000,
      description: 'Refresh topic metadata at least this often, in ms (producer metadata.max.age.ms).',
    },
    {
      name: 'max-block-ms', arg: 'required', type: 'long', argName: 'max block on send', defaultValue: 60000,
      description: 'Longest time a send may wait for metadata or buffer space (producer max.block.ms).',
    },
    {
      name: 'max-memory-bytes', arg: 'required', type: 'long', argName: 'total memory in bytes', defaultValue: 33554432,
      description: 'Memory for records waiting to be sent (producer buffer.memory).',
    },
    {
      name: 'max-partition-memory-bytes', arg: 'required', type: 'int', argName: 'memory in bytes per partition', defaultValue: 16384,
      description: '(Deprecated: use --batch-size) Batch buffer per partition: records are grouped until this size is reached (producer batch.size).',
    },
    {
      name: 'line-reader', arg: 'required', argName: 'reader_class', defaultValue: LINE_MESSAGE_READER,
      description: 'Class that turns standard input into records. Only the built-in line reader exists here.',
    },
    {
      name: 'socket-buffer-size', arg: 'required', type: 'int', argName: 'size', defaultValue: 102400,
      description: 'TCP send buffer size (producer send.buffer.bytes).',
    },
    {
      name: 'reader-property', arg: 'required', argName: 'prop', multi: true,
      description:
        'A key=value setting for the line reader (repeatable). The reader knows:' +
        '\n parse.key=false' +
        '\n parse.headers=false' +
        '\n ignore.error=false' +
        '\n key.separator=\\t' +
        '\n headers.delimiter=\\t' +
        '\n headers.separator=,' +
        '\n headers.key.separator=:' +
        '\n null.marker=   a key, value or header value equal to it becomes null' +
        '\nLine layout with parse.headers=true and parse.key=true:' +
        '\n  "h1:v1,h2:v2...\\tkey\\tvalue"' +
        '\nwith parse.key=true:' +
        '\n  "key\\tvalue"' +
        '\nwith parse.headers=true:' +
        '\n  "h1:v1,h2:v2...\\tvalue"',
    },
    {
      name: 'property', arg: 'required', argName: 'prop', multi: true,
      description: '(Deprecated: use --reader-property) A key=value setting for the line reader (repeatable).',
    },
    {
      name: 'reader-config', arg: 'required', argName: 'config file',
      description: 'Properties file of line reader settings; [reader-property] wins over it.',
    },
    {
      name: 'command-property', arg: 'required', argName: 'producer_prop', multi: true,
      description: 'A key=value producer setting (repeatable).',
    },
    {
      name: 'producer-property', arg: 'required', argName: 'producer_prop', multi: true,
      description: '(Deprecated: use --command-property) A key=value producer setting (repeatable).',
    },
    {
      name: 'command-config', arg: 'required', argName: 'config file',
      description: 'Properties file of producer settings; [command-property] wins over it.',
    },
    {
      name: 'producer.config', arg: 'required', argName: 'config file',
      description: '(Deprecated: use --command-config) Properties file of producer settings; [command-property] wins over it.',
    },
  ];
}

/** The codec for compression.type: absent -> none; given without a value -> gzip. */
export function compressionCodec(opts: OptionSet): string {
  if (!opts.has('compression-codec')) return 'none';
  const v = opts.stringValueOf('compression-codec');
  return v === undefined || v === '' ? 'gzip' : v;
}

/** CommandLineUtils.maybeMergeOptions: the option wins if given explicitly or the key is unset. */
function maybeMerge(props: Map<string, string>, key: string, opts: OptionSet, option: string): void {
  if (opts.has(option) || !props.has(key)) {
    const v = opts.valueOf(option);
    if (v !== undefined) props.set(key, String(v));
  }
}

/**
 * The options Kafka 4.2 renamed, each with its deprecated spelling: ConsoleProducerOptions reads
 * the old one in place of the new one when it is given (the two together are refused).
 */
const RENAMED: readonly [string, string][] = [
  ['command-config', 'producer.config'],
  ['command-property', 'producer-property'],
  ['reader-property', 'property'],
];

/** Which spelling of a renamed option to read. */
function spelling(opts: OptionSet, current: string): string {
  const old = RENAMED.find(([c]) => c === current)![1];
  return opts.has(old) ? old : current;
}

/**
 * ConsoleProducerOptions.checkArgs after the topic check: both spellings of a renamed option are
 * a usage error; a deprecated spelling (and --max-partition-memory-bytes) gets a warning on
 * standard output.
 */
export function checkRenamedOptions(opts: OptionSet, stdout: (s: string) => void): string | undefined {
  for (const [current, old] of RENAMED) {
    if (opts.has(current) && opts.has(old)) return `Options --${current} and --${old} cannot be specified together.`;
  }
  // Kafka warns in this order: --producer-property, --producer.config, --property.
  for (const [current, old] of [RENAMED[1], RENAMED[0], RENAMED[2]]) {
    if (opts.has(old)) stdout(`Warning: --${old} is deprecated and will be removed in a future version. Use --${current} instead.\n`);
  }
  if (opts.has('max-partition-memory-bytes')) {
    stdout('Warning: --max-partition-memory-bytes is deprecated and will be removed in Apache Kafka 5.0. Use --batch-size instead.\n');
  }
  return undefined;
}

/** ConsoleProducerOptions.producerProps (Kafka 4.x), plus the --broker-list alias. */
export function producerProps(opts: OptionSet, bootstrap: string): Map<string, string> {
  const config = spelling(opts, 'command-config');
  const props = opts.has(config) ? loadPropertiesFile(opts.stringValueOf(config)!) : new Map<string, string>();
  for (const [k, v] of parseKeyValueArgs(opts.stringValuesOf(spelling(opts, 'command-property')))) props.set(k, v);
  props.set('bootstrap.servers', bootstrap);
  props.set('compression.type', compressionCodec(opts));
  if (!props.has('client.id')) props.set('client.id', 'console-producer');
  props.set('key.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer');
  props.set('value.serializer', 'org.apache.kafka.common.serialization.ByteArraySerializer');
  maybeMerge(props, 'linger.ms', opts, 'timeout');
  maybeMerge(props, 'acks', opts, 'request-required-acks');
  maybeMerge(props, 'request.timeout.ms', opts, 'request-timeout-ms');
  maybeMerge(props, 'retries', opts, 'message-send-max-retries');
  maybeMerge(props, 'retry.backoff.ms', opts, 'retry-backoff-ms');
  maybeMerge(props, 'send.buffer.bytes', opts, 'socket-buffer-size');
  maybeMerge(props, 'buffer.memory', opts, 'max-memory-bytes');
  maybeMerge(props, 'batch.size', opts, 'batch-size');
  maybeMerge(props, 'batch.size', opts, 'max-partition-memory-bytes');
  maybeMerge(props, 'metadata.max.age.ms', opts, 'metadata-expiry-ms');
  maybeMerge(props, 'max.block.ms', opts, 'max-block-ms');
  return props;
}

/** ConsoleProducerOptions.readerProps: the file, then `topic`, then --property (which wins). */
export function readerProps(opts: OptionSet): Map<string, string> {
  const props = opts.has('reader-config') ? loadPropertiesFile(opts.stringValueOf('reader-config')!) : new Map<string, string>();
  props.set('topic', opts.stringValueOf('topic')!);
  for (const [k, v] of parseKeyValueArgs(opts.stringValuesOf(spelling(opts, 'reader-property')))) props.set(k, v);
  return props;
}
