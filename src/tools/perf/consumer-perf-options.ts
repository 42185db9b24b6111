// kafka-consumer-perf-test's options (Kafka 4.4's ConsumerPerformance.ConsumerPerfOptions, jopt):
// the specs (descriptions in our words), the checks in Kafka's order, and the consumer properties.
import { checkInvalidArgs, checkRequiredArgs } from '../../cli/command-line-utils';
import { UsageError } from '../../cli/errors';
import { BROKER_LIST_HINT } from '../../cli/seed-era-hints';
import { commonOptions, type OptionSet, type OptionSpec } from '../../cli/options';
import { loadPropertiesFile, parseKeyValueArgs } from '../../cli/properties';

export const HELP_MESSAGE = 'This tool is used to verify the consumer performance.';

export function consumerPerfSpecs(): OptionSpec[] {
  return [
    { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: The brokers to connect to.' },
    { name: 'topic', arg: 'required', argName: 'topic', description: 'The topic to read.' },
    { name: 'include', arg: 'required', argName: 'Java regex (String)', description: 'Read every topic whose name matches this regular expression.' },
    { name: 'group', arg: 'required', argName: 'gid', description: 'The consumer group to read in.', defaultValue: `perf-consumer-${Math.floor(Math.random() * 100000)}` },
    { name: 'fetch-size', arg: 'required', type: 'int', argName: 'size', description: 'Most bytes fetched from one partition per request.', defaultValue: 1048576 },
    { name: 'command-property', arg: 'required', argName: 'prop1=val1', multi: true, description: 'Consumer settings, over those of the config file.' },
    { name: 'from-latest', arg: 'none', description: 'Without a committed offset, start at the end of the log instead of its beginning.' },
    { name: 'socket-buffer-size', arg: 'required', type: 'int', argName: 'size', description: 'The TCP receive buffer size.', defaultValue: 2097152 },
    { name: 'consumer.config', arg: 'required', argName: 'config file', description: '(Deprecated: use --command-config) a consumer properties file.' },
    { name: 'command-config', arg: 'required', argName: 'config file', description: 'A consumer properties file.' },
    { name: 'print-metrics', arg: 'none', description: "Print the consumer's metrics." },
    { name: 'show-detailed-stats', arg: 'none', description: 'Print a line for every reporting interval.' },
    { name: 'timeout', arg: 'optional', type: 'long', argName: 'milliseconds', description: 'Give up after this long without a record.', defaultValue: 10000 },
    { name: 'messages', arg: 'required', type: 'long', argName: 'count', description: '(Deprecated: use --num-records) how many records to read.' },
    { name: 'num-records', arg: 'required', type: 'long', argName: 'count', description: 'REQUIRED: How many records to read.' },
    { name: 'reporting-interval', arg: 'required', type: 'long', argName: 'interval_ms', description: 'Milliseconds between progress lines.', defaultValue: 5000 },
    { name: 'date-format', arg: 'required', argName: 'date format', description: 'java.text.SimpleDateFormat pattern of the times printed.', defaultValue: 'yyyy-MM-dd HH:mm:ss:SSS' },
    { name: 'hide-header', arg: 'none', description: 'Do not print the header line.' },
    // Seed era (2.8–3.9, removed in 4.0): still accepted, as tutorials use them.
    { name: 'broker-list', arg: 'required', argName: 'broker-list', description: 'Deprecated: use --bootstrap-server.', hidden: true },
    { name: 'threads', arg: 'required', type: 'int', argName: 'count', description: 'Ignored (removed in Kafka 4.0).', defaultValue: 10, hidden: true },
    { name: 'num-fetch-threads', arg: 'required', type: 'int', argName: 'count', description: 'Ignored (removed in Kafka 4.0).', defaultValue: 1, hidden: true },
    ...commonOptions(),
  ];
}

/** CommandLineUtils.checkOneOfArgs. */
function checkOneOf(opts: OptionSet, ...names: string[]): void {
  if (names.filter((n) => opts.has(n)).length !== 1) {
    throw new UsageError(`Exactly one of the following arguments is required: ${names.map((n) => `[${n}]`).join(', ')}`);
  }
}

/** The checks after help/version, in Kafka's order; the deprecation warnings go to stdout. */
export function checkConsumerPerfArgs(opts: OptionSet, stdout: (s: string) => void, stderr: (s: string) => void): void {
  // Kafka 2.8–3.9's own warning for the options they ignored; --broker-list stood in for
  // --bootstrap-server (which wins when both are given).
  if (opts.has('threads') || opts.has('num-fetch-threads')) {
    stdout('WARNING: option [threads] and [num-fetch-threads] have been deprecated and will be ignored by the test\n');
  }
  if (opts.has('broker-list')) stderr(BROKER_LIST_HINT);
  if (!opts.has('broker-list')) checkRequiredArgs(opts, 'bootstrap-server');
  checkOneOf(opts, 'topic', 'include');
  checkOneOf(opts, 'messages', 'num-records');
  checkInvalidArgs(opts, 'consumer.config', ['command-config']);
  if (opts.has('messages')) stdout('Warning: --messages is deprecated. Use --num-records instead.\n');
  if (opts.has('consumer.config')) stdout('Warning: --consumer.config is deprecated. Use --command-config instead.\n');
}

/** ConsumerPerfOptions.props(): file, then --command-property, then the tool's own settings. */
export function consumerPerfProps(opts: OptionSet): Map<string, string> {
  const file = opts.has('consumer.config') ? opts.stringValueOf('consumer.config') : opts.stringValueOf('command-config');
  const props = file !== undefined ? loadPropertiesFile(file) : new Map<string, string>();
  for (const [k, v] of parseKeyValueArgs(opts.valuesOf('command-property').map(String))) props.set(k, v);
  props.set('bootstrap.servers', opts.stringValueOf(opts.has('bootstrap-server') ? 'bootstrap-server' : 'broker-list')!);
  props.set('group.id', opts.stringValueOf('group')!);
  props.set('receive.buffer.bytes', String(opts.numberValueOf('socket-buffer-size')));
  props.set('max.partition.fetch.bytes', String(opts.numberValueOf('fetch-size')));
  props.set('auto.offset.reset', opts.has('from-latest') ? 'latest' : 'earliest');
  props.set('check.crcs', 'false');
  if (!props.get('client.id')) props.set('client.id', 'perf-consumer-client');
  return props;
}
