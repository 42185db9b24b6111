// kafka-console-consumer options, checks and the settings built from them, in the order Kafka's
// ConsoleConsumerOptions constructor does it (tools/.../consumer/ConsoleConsumerOptions.java, 4.x),
// so the same command line fails the same way:
//   parse (usage on error) -> --help / no arguments (usage) / --version -> topic/include/partition/
//   offset/bootstrap checks (usage) -> the 4.2 renames (--command-property for --consumer-property,
//   --command-config for --consumer.config: both together is a usage error, the old spelling
//   prints a notice on stdout) -> config file -> properties -> group id checks (usage) -> consumer
//   properties (the --from-beginning / auto.offset.reset conflict exits 1 without usage) ->
//   --offset (usage) -> --timeout-ms -> formatter (usage with the exception's message when it
//   cannot be built; --property, renamed --formatter-property, handled as the other renames).
// Typed option values are converted when first read, as jopt does: a bad --partition or
// --timeout-ms escapes as an uncaught exception (`Exception in thread "main" ...`).
//
// Extras: --whitelist (removed in Kafka 4.0) is still read as the 3.x alias of --include, with a
// one-line hint; `--output jsonl` selects the JSON-lines formatter.

import { ExitError, UsageError } from '../../cli/errors';
import { KAFKA_VERSION } from '../../cli/version';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../../cli/help';
import type { ToolIO } from '../../cli/io';
import { checkRequiredArgs, commonOptions, parseJavaInteger, parseOptions, type OptionSet, type OptionSpec } from '../../cli/options';
import { javaStringHashCode, javaHashSetOrder } from '../../util/java-hash';
import { loadPropertiesFile, parseKeyValueArgs } from '../../cli/properties';
import { COORDINATOR_FORMATTERS, CoordinatorRecordFormatter } from './coordinator-formatters';
import { TransactionLogMessageFormatter } from './transaction-log-formatter';
import {
  DEFAULT_FORMATTER, DefaultMessageFormatter, FORMATTER_PACKAGE, JsonLinesFormatter, NoOpMessageFormatter,
  type LogError, type RecordFormatter,
} from './formatters';

export const VERSION = KAFKA_VERSION;
export const HELP_MESSAGE = 'This tool helps to read data from Kafka topics and outputs it to standard output.';

export const EARLIEST = -2;
export const LATEST = -1;

export function consumerSpecs(): OptionSpec[] {
  return [
    { name: 'topic', arg: 'required', argName: 'topic', description: 'The topic to read from.' },
    {
      name: 'whitelist', arg: 'required', argName: 'Java regex (String)', hidden: true,
      description: 'Removed in Kafka 4.0; read as --include.',
    },
    {
      name: 'include', arg: 'required', argName: 'Java regex (String)',
      description: 'A Java regular expression; every topic whose whole name matches is read.',
    },
    {
      name: 'partition', arg: 'required', type: 'int', argName: 'partition',
      description: 'Read only this partition of the topic. Without --offset, reading starts at the end of the partition.',
    },
    {
      name: 'offset', arg: 'required', argName: 'consume offset', defaultValue: 'latest',
      description: "Where to start in the partition given by --partition: an offset (a non-negative number), 'earliest' for the beginning, or 'latest' for the end.",
    },
    { name: 'command-property', arg: 'required', argName: 'consumer_prop', multi: true, description: 'A consumer setting as key=value. May be given several times.' },
    { name: 'consumer-property', arg: 'required', argName: 'consumer_prop', multi: true, description: '(Deprecated: use --command-property) A consumer setting as key=value.' },
    {
      name: 'command-config', arg: 'required', argName: 'config file',
      description: 'A properties file of consumer settings. Settings given with [command-property] win over it.',
    },
    {
      name: 'consumer.config', arg: 'required', argName: 'config file',
      description: '(Deprecated: use --command-config) A properties file of consumer settings.',
    },
    {
      name: 'formatter', arg: 'required', argName: 'class', defaultValue: DEFAULT_FORMATTER,
      description: 'The class that turns each record into output.',
    },
    {
      name: 'formatter-property', arg: 'required', argName: 'prop', multi: true,
      description:
        'A formatter setting as key=value. The default formatter knows:\n' +
        ' print.timestamp=true|false\n print.key=true|false\n print.offset=true|false\n print.epoch=true|false\n' +
        ' print.partition=true|false\n print.headers=true|false\n print.value=true|false\n' +
        ' key.separator=<key.separator>\n line.separator=<line.separator>\n headers.separator=<line.separator>\n' +
        ' null.literal=<null.literal>\n key.deserializer=<key.deserializer>\n value.deserializer=<value.deserializer>\n' +
        ' header.deserializer=<header.deserializer>\n' +
        "\nSettings prefixed with 'key.deserializer.', 'value.deserializer.' or 'headers.deserializer.' configure those deserializers.",
    },
    {
      name: 'property', arg: 'required', argName: 'prop', multi: true,
      description: '(Deprecated: use --formatter-property) A formatter setting as key=value.',
    },
    {
      name: 'formatter-config', arg: 'required', argName: 'config file',
      description: 'A properties file of formatter settings. Settings given with [formatter-property] win over it.',
    },
    {
      name: 'from-beginning', arg: 'none',
      description: 'Start at the earliest record of each partition when there is no committed offset to resume from (instead of at the end).',
    },
    { name: 'max-messages', arg: 'required', type: 'int', argName: 'num_messages', description: 'Stop after this many records. Without it, reading goes on until interrupted.' },
    { name: 'timeout-ms', arg: 'required', type: 'long', argName: 'timeout_ms', description: 'Stop when no record has arrived for this many milliseconds.' },
    { name: 'skip-message-on-error', arg: 'none', description: 'When a record cannot be formatted, log the error and go on instead of stopping.' },
    { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    { name: 'key-deserializer', arg: 'required', argName: 'deserializer for key', description: 'The class that turns keys into text (passed to the formatter as key.deserializer).' },
    { name: 'value-deserializer', arg: 'required', argName: 'deserializer for values', description: 'The class that turns values into text (passed to the formatter as value.deserializer).' },
    { name: 'enable-systest-events', arg: 'none', description: "Also report the consumer's life-cycle events (for Kafka's system tests)." },
    {
      name: 'isolation-level', arg: 'required', defaultValue: 'read_uncommitted',
      description: 'read_committed hides records of transactions that were aborted or are still open; read_uncommitted shows all records.',
    },
    { name: 'group', arg: 'required', argName: 'consumer group id', description: 'The consumer group to read as.' },
    {
      name: 'output', arg: 'required', argName: 'format',
      description: 'kafka-local extra: jsonl prints one JSON object per record (topic, partition, offset, timestamp, timestampType, key, value, headers) instead of using a formatter.',
    },
    ...commonOptions(),
  ];
}

export interface ConsoleConsumerOptions {
  opts: OptionSet;
  specs: OptionSpec[];
  topic: string | undefined;
  /** The --include (or --whitelist) regex, raw. */
  include: string | undefined;
  partition: number | undefined;
  /** EARLIEST, LATEST or an offset (meaningful with --partition). */
  offset: number;
  fromBeginning: boolean;
  /** Infinity when not set (or negative). */
  timeoutMs: number;
  skipMessageOnError: boolean;
  systestEvents: boolean;
  bootstrapServer: string;
  consumerProps: Map<string, string>;
  /** True when no group id was given (a throw-away console-consumer-NNNNN group is used). */
  generatedGroup: boolean;
  formatter: RecordFormatter;
  formatterName: string;
}

function usage(io: ToolIO, message: string, specs: readonly OptionSpec[]): never {
  printUsageAndExit(io, message, specs);
}

/** Java Long.parseLong (radix 10), or undefined. */
function parseLong(s: string): number | undefined {
  return parseJavaInteger(s, 64);
}

/**
 * ConsoleConsumerOptions: parse and check the command line. Usage problems throw ExitError(1)
 * after printing; what Kafka lets escape (bad typed values, unreadable --consumer.config) is
 * thrown as OptionException / JavaException for the caller to report as an uncaught exception.
 */
export function parseConsoleConsumerOptions(argv: string[], io: ToolIO, logError: LogError): ConsoleConsumerOptions {
  const specs = consumerSpecs();
  let opts: OptionSet;
  try {
    opts = parseOptions(specs, argv);
  } catch (e) {
    usage(io, (e as Error).message, specs);
  }
  maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, VERSION);
  if (opts.has('whitelist')) {
    io.stderr('kafka-local: --whitelist was removed in Kafka 4.0; it is read as --include here. Use --include <regex>.\n');
  }

  // checkRequiredArgs
  const topic = opts.has('topic') ? opts.stringValueOf('topic') : undefined;
  const include = opts.has('include') ? opts.stringValueOf('include') : opts.stringValueOf('whitelist');
  if ((topic !== undefined ? 1 : 0) + (include !== undefined ? 1 : 0) !== 1) {
    usage(io, 'Exactly one of the following arguments is required: [topic], [include]', specs);
  }
  const fromBeginning = opts.has('from-beginning');
  const partition = opts.has('partition') ? opts.numberValueOf('partition') : undefined;
  if (partition !== undefined) {
    if (!opts.has('topic')) usage(io, 'The topic is required when partition is specified.', specs);
    if (fromBeginning && opts.has('offset')) usage(io, 'Options from-beginning and offset cannot be specified together.', specs);
  } else if (opts.has('offset')) {
    usage(io, 'The partition is required when offset is specified.', specs);
  }
  try {
    checkRequiredArgs(opts, 'bootstrap-server');
  } catch (e) {
    if (e instanceof UsageError) usage(io, e.message, specs);
    throw e;
  }

  // The options Kafka 4.2 renamed: both spellings together are refused, the old one is read with a notice.
  if (opts.has('consumer-property') && opts.has('command-property')) {
    usage(io, 'Options --consumer-property and --command-property cannot be specified together.', specs);
  }
  if (opts.has('consumer.config') && opts.has('command-config')) {
    usage(io, 'Options --consumer.config and --command-config cannot be specified together.', specs);
  }
  const propertyOption = opts.has('consumer-property') ? 'consumer-property' : 'command-property';
  const configOption = opts.has('consumer.config') ? 'consumer.config' : 'command-config';
  if (opts.has('consumer-property')) {
    io.stdout('Option --consumer-property is deprecated and will be removed in a future version. Use --command-property instead.\n');
  }
  if (opts.has('consumer.config')) {
    io.stdout('Option --consumer.config is deprecated and will be removed in a future version. Use --command-config instead.\n');
  }
  const fileProps = opts.has(configOption) ? loadPropertiesFile(opts.stringValueOf(configOption)!) : new Map<string, string>();
  const extraProps = parseKeyValueArgs(opts.stringValuesOf(propertyOption));

  // checkConsumerGroup: a java.util.HashSet of the group ids given in different places.
  const groupIds: string[] = [];
  const addGroup = (g: string) => {
    if (!groupIds.includes(g)) groupIds.push(g);
  };
  if (opts.has('group')) addGroup(opts.stringValueOf('group')!);
  if (fileProps.has('group.id')) addGroup(fileProps.get('group.id')!);
  if (extraProps.has('group.id')) addGroup(extraProps.get('group.id')!);
  const groupSet = javaHashSetOrder(groupIds, javaStringHashCode, 'incremental');
  if (groupSet.length > 1) {
    usage(
      io,
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. " +
        `Detected group ids: ${groupSet.map((g) => `'${g}'`).join(', ')}`,
      specs,
    );
  }
  if (groupSet.length > 0 && partition !== undefined) usage(io, 'Options group and partition cannot be specified together.', specs);

  // buildConsumerProps
  const props = new Map<string, string>([...fileProps, ...extraProps]);
  if (props.has('auto.offset.reset')) {
    const reset = props.get('auto.offset.reset')!;
    if (fromBeginning && reset !== 'earliest') {
      io.stderr(`Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option\n`);
      throw new ExitError(1);
    }
  } else {
    props.set('auto.offset.reset', fromBeginning ? 'earliest' : 'latest');
  }
  const bootstrapServer = opts.stringValueOf('bootstrap-server')!;
  props.set('bootstrap.servers', bootstrapServer);
  if (props.get('client.id') === undefined) props.set('client.id', 'console-consumer');
  if (opts.has('isolation-level') || !props.has('isolation.level')) props.set('isolation.level', opts.stringValueOf('isolation-level')!);
  let generatedGroup = false;
  if (groupSet.length === 0) {
    generatedGroup = true;
    props.set('group.id', `console-consumer-${Math.floor(Math.random() * 100000)}`);
    if (!props.has('enable.auto.commit')) props.set('enable.auto.commit', 'false');
  } else {
    props.set('group.id', groupSet[0]);
  }

  // parseOffset
  let offset = fromBeginning ? EARLIEST : LATEST;
  if (opts.has('offset')) {
    const raw = opts.stringValueOf('offset')!;
    const lower = raw.toLowerCase();
    if (lower === 'earliest') offset = EARLIEST;
    else if (lower === 'latest') offset = LATEST;
    else {
      const v = parseLong(raw);
      if (v === undefined || v < 0) {
        usage(io, `The provided offset value '${raw}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`, specs);
      }
      offset = v;
    }
  }

  // parseTimeoutMs
  const timeout = opts.has('timeout-ms') ? opts.numberValueOf('timeout-ms')! : -1;
  const timeoutMs = timeout >= 0 ? timeout : Infinity;

  // buildFormatter: any failure -> usage with the exception's message.
  let formatter: RecordFormatter;
  let formatterName: string;
  try {
    if (opts.has('output')) {
      const output = opts.stringValueOf('output')!;
      if (output !== 'jsonl') throw new Error(`Unknown --output format '${output}'; the only one is jsonl.`);
      if (opts.has('formatter')) throw new Error('Option --output cannot be used together with --formatter.');
      formatter = new JsonLinesFormatter();
      formatterName = 'jsonl';
    } else {
      const name = opts.stringValueOf('formatter')!;
      formatterName = name;
      if (COORDINATOR_FORMATTERS[name]) {
        formatter = new CoordinatorRecordFormatter(COORDINATOR_FORMATTERS[name]);
      } else if (name === `${FORMATTER_PACKAGE}NoOpMessageFormatter`) {
        formatter = new NoOpMessageFormatter();
      } else if (name === `${FORMATTER_PACKAGE}TransactionLogMessageFormatter`) {
        formatter = new TransactionLogMessageFormatter();
      } else if (name === `${FORMATTER_PACKAGE}DefaultMessageFormatter` || name === `${FORMATTER_PACKAGE}LoggingMessageFormatter`) {
        formatter = new DefaultMessageFormatter();
      } else {
        throw new Error(name); // ClassNotFoundException's message is the class name
      }
      if (opts.has('formatter-property') && opts.has('property')) {
        usage(io, 'Options --property and --formatter-property cannot be specified together.', specs);
      }
      if (opts.has('property')) {
        io.stdout('Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.\n');
      }
      const args = opts.has('formatter-config') ? loadPropertiesFile(opts.stringValueOf('formatter-config')!) : new Map<string, string>();
      const keyDeser = opts.stringValueOf('key-deserializer');
      if (keyDeser) args.set('key.deserializer', keyDeser);
      const valueDeser = opts.stringValueOf('value-deserializer');
      if (valueDeser) args.set('value.deserializer', valueDeser);
      for (const [k, v] of parseKeyValueArgs(opts.stringValuesOf(opts.has('property') ? 'property' : 'formatter-property'))) args.set(k, v);
      if (formatter instanceof DefaultMessageFormatter) formatter.configure(args, logError);
    }
  } catch (e) {
    if (e instanceof ExitError) throw e;
    usage(io, (e as Error).message, specs);
  }

  return {
    opts, specs, topic, include, partition, offset, fromBeginning, timeoutMs,
    skipMessageOnError: opts.has('skip-message-on-error'),
    systestEvents: opts.has('enable-systest-events'),
    bootstrapServer, consumerProps: props, generatedGroup, formatter: formatter!, formatterName: formatterName!,
  };
}
