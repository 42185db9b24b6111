// kafka-consumer-groups options and argument checks: Kafka 4.4's ConsumerGroupCommandOptions
// (tools/.../consumer/group/ConsumerGroupCommandOptions.java). Option names, argument kinds,
// check order and messages are Kafka's; the help prose is ours. Where Kafka lists a
// java.util.Set.of (whose order changes with every JVM) we list the options in one fixed order.
//
// What fails where (as in Kafka):
// - jopt parse errors (unknown option, missing argument, an `availableIf` option without its
//   action) escape main: `Exception in thread "main" joptsimple....: <message>`, exit 1;
// - checkArgs failures: the message and the help table on stderr, exit 1 (UsageError).

import { checkInvalidArgs, checkRequiredArgs, javaOptionSetOrder } from '../../cli/command-line-utils';
import { JavaException, UsageError } from '../../cli/errors';
import { javaHashSetOrder, javaStringListHashCode } from '../../util/java-hash';
import { commonOptions, parseOptions, type OptionSet, type OptionSpec } from '../../cli/options';
import { KAFKA_VERSION } from '../../cli/version';

export const VERSION = KAFKA_VERSION;
export const HELP_MESSAGE =
  'This tool helps to list, describe, delete and manage the offsets of consumer groups.';
export const ACTION_MESSAGE =
  'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex';
export const NO_EXECUTE_WARNING =
  'WARN: No action will be performed as the --execute option is missing. ' +
  'In version 5.0, this command will require either --dry-run or --execute to be specified. ' +
  'You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.';

export const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets', 'validate-regex'] as const;
const GROUP_SELECTION_SCOPE = ['group', 'all-groups'];
const GROUP_LEVEL = ['list', 'describe', 'delete', 'reset-offsets'];
const DELETE_OFFSETS_OPTS = ['group', 'topic'];
export const RESET_SCENARIOS = ['to-offset', 'shift-by', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'from-file'];

/** jopt `availableIf`: option -> the options that make it available. */
const AVAILABLE_IF: ReadonlyMap<string, readonly string[]> = new Map([
  ['members', ['describe']],
  ['verbose', ['describe']],
  ['offsets', ['describe']],
  ['state', ['describe', 'list']],
  ['type', ['list']],
]);

/** The tool's options, in Kafka's declaration order (help sorts them). */
export function consumerGroupSpecs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'server to connect to', description: 'The broker(s) to connect to, as host:port[,host:port...]. Required except with --validate-regex.' },
    { name: 'group', arg: 'required', argName: 'consumer group', multi: true, description: 'The consumer group to act on. Repeat it to act on several groups.' },
    {
      name: 'topic', arg: 'required', argName: 'topic', multi: true,
      description: 'A topic whose offsets --reset-offsets resets or --delete-offsets deletes. Write topic:0,1,2 to limit it to some partitions. May be repeated.',
    },
    { name: 'all-topics', arg: 'none', description: 'With --reset-offsets: every topic the group has committed offsets for.' },
    { name: 'list', arg: 'none', description: 'List the consumer groups.' },
    { name: 'describe', arg: 'none', description: 'Describe consumer groups: their partitions with committed offset, log-end offset and lag (the default), or --members, or --state.' },
    { name: 'all-groups', arg: 'none', description: 'Act on every consumer group.' },
    { name: 'delete', arg: 'none', description: 'Delete consumer groups with their committed offsets (the groups must have no active members).' },
    {
      name: 'timeout', arg: 'required', type: 'long', argName: 'timeout (ms)', defaultValue: 30000,
      description: 'How long each admin call may take, in milliseconds (e.g. waiting for a group that is being created or rebalanced).',
    },
    { name: 'command-config', arg: 'required', argName: 'command config property file', description: 'A Java properties file with settings for the admin client.' },
    {
      name: 'reset-offsets', arg: 'none',
      description: 'Reset the committed offsets of groups that have no active members. Prints the plan (--dry-run, the default) or commits it (--execute); --export prints it as CSV.\n' +
        'Needs one scenario: --to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, --from-file, --to-current or --to-offset,\n' +
        'and one scope: --all-topics or --topic (not needed with --from-file).',
    },
    { name: 'delete-offsets', arg: 'none', description: 'Delete the committed offsets of one group for the given --topic(s).' },
    { name: 'dry-run', arg: 'none', description: 'With --reset-offsets: only show the new offsets.' },
    { name: 'execute', arg: 'none', description: 'With --reset-offsets: commit the new offsets.' },
    { name: 'export', arg: 'none', description: 'With --reset-offsets: print the result as CSV (topic,partition,offset, or group,topic,partition,offset for several groups).' },
    { name: 'to-offset', arg: 'required', type: 'long', argName: 'offset', description: 'Reset to this offset (kept within the partition\'s earliest and latest offsets).' },
    { name: 'from-file', arg: 'required', argName: 'path to CSV file', description: 'Reset to the offsets listed in a CSV file (as --export writes it).' },
    { name: 'to-datetime', arg: 'required', argName: 'datetime', description: 'Reset to the first offset at or after this time. Format: YYYY-MM-DDTHH:mm:SS.sss, optionally followed by Z or +HH:MM (default UTC).' },
    { name: 'by-duration', arg: 'required', argName: 'duration', description: 'Reset to the first offset at or after now minus this duration. Format: PnDTnHnMnS.' },
    { name: 'to-earliest', arg: 'none', description: 'Reset to the earliest offset.' },
    { name: 'to-latest', arg: 'none', description: 'Reset to the latest offset.' },
    { name: 'to-current', arg: 'none', description: 'Reset to the current committed offset (the latest offset where there is none).' },
    { name: 'shift-by', arg: 'required', type: 'long', argName: 'number-of-offsets', description: 'Move the committed offset by n (negative n moves back).' },
    { name: 'members', arg: 'none', description: 'With --describe: list the members of the group.\nExample: --bootstrap-server localhost:9092 --describe --group group1 --members' },
    {
      name: 'verbose', arg: 'none',
      description: 'With --describe: more detail where there is any (with --members: each member\'s assigned partitions).\nExample: --bootstrap-server localhost:9092 --describe --group group1 --members --verbose',
    },
    {
      name: 'offsets', arg: 'none',
      description: 'With --describe: list the group\'s partitions with their offsets and lag (the default).\nExample: --bootstrap-server localhost:9092 --describe --group group1 --offsets',
    },
    {
      name: 'state', arg: 'optional',
      description: 'With --describe: show the group\'s coordinator, assignment strategy, state and member count.\n' +
        'With --list: show each group\'s state; a comma-separated list of states (e.g. stable,empty) lists only groups in them.',
    },
    {
      name: 'type', arg: 'optional',
      description: 'With --list: show each group\'s type; a comma-separated list of types (classic, consumer) lists only groups of them.',
    },
    { name: 'validate-regex', arg: 'required', argName: 'regex', description: 'Check that a regular expression is valid RE2 syntax (as a consumer\'s subscription pattern must be).' },
    {
      name: 'output', arg: 'required', argName: 'format',
      description: 'kafka-local extra: json prints the --list or --describe result as one JSON document instead of tables.',
    },
  ];
}

/** jopt's UnavailableOptionException check (OptionParser.ensureAllowedOptions), after parsing. */
function ensureAllowedOptions(opts: OptionSet): void {
  if (opts.has('help') || opts.has('version')) return;
  // jopt keeps availableIf in a HashMap keyed by the option's name list.
  const keys = javaHashSetOrder([...AVAILABLE_IF.keys()], (k) => javaStringListHashCode([k]), 'incremental');
  const unavailable = keys.filter((k) => opts.has(k) && !AVAILABLE_IF.get(k)!.some((a) => opts.has(a)));
  if (unavailable.length > 0) {
    throw new JavaException('joptsimple.UnavailableOptionException', `Option(s) [${unavailable.join(', ')}] are unavailable given other options on the command line`);
  }
}

/** Parse argv (jopt rules); parse errors are thrown for main to report as Kafka's JVM would. */
export function parseConsumerGroupOptions(argv: readonly string[]): OptionSet {
  const opts = parseOptions(consumerGroupSpecs(), argv);
  ensureAllowedOptions(opts);
  return opts;
}

function setString(opts: OptionSet, names: readonly string[]): string {
  return javaOptionSetOrder(opts, names).map((n) => `[${n}]`).join(', ');
}

function minus(all: readonly string[], ...removed: string[]): string[] {
  return all.filter((n) => !removed.includes(n));
}

/**
 * ConsumerGroupCommandOptions.checkArgs after the help/version check: throws UsageError with
 * Kafka's message; prints the no-`--execute` warning on stderr (not an error).
 */
export function checkArgs(opts: OptionSet, stderr: (s: string) => void): void {
  if (!opts.has('validate-regex')) checkRequiredArgs(opts, 'bootstrap-server');

  if (opts.has('describe')) {
    if (!opts.has('group') && !opts.has('all-groups')) {
      throw new UsageError(`Option [describe] takes one of these options: ${setString(opts, GROUP_SELECTION_SCOPE)}`);
    }
    const exclusive = ['members', 'offsets', 'state'];
    if (exclusive.filter((n) => opts.has(n)).length > 1) {
      throw new UsageError(`Option [describe] takes at most one of these options: ${exclusive.map((n) => `[${n}]`).join(', ')}`);
    }
    if (opts.has('state') && opts.valueOf('state') !== undefined) {
      throw new UsageError('Option [describe] does not take a value for [state]');
    }
  }

  if (opts.has('delete')) {
    if (!opts.has('group') && !opts.has('all-groups')) {
      throw new UsageError(`Option [delete] takes one of these options: ${setString(opts, GROUP_SELECTION_SCOPE)}`);
    }
    if (opts.has('topic')) throw new UsageError('The consumer does not support topic-specific offset deletion from a consumer group.');
  }

  if (opts.has('delete-offsets')) {
    if (!opts.has('group') || !opts.has('topic')) {
      throw new UsageError(`Option [delete-offsets] takes the following options: ${setString(opts, DELETE_OFFSETS_OPTS)}`);
    }
  }

  if (opts.has('reset-offsets')) {
    if (opts.has('dry-run') && opts.has('execute')) {
      throw new UsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    }
    if (!opts.has('dry-run') && !opts.has('execute')) stderr(`${NO_EXECUTE_WARNING}\n`);
    if (!opts.has('group') && !opts.has('all-groups')) {
      throw new UsageError(`Option [reset-offsets] takes one of these options: ${setString(opts, GROUP_SELECTION_SCOPE)}`);
    }
    for (const s of ['to-offset', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'shift-by', 'from-file']) {
      checkInvalidArgs(opts, s, javaOptionSetOrder(opts, minus(RESET_SCENARIOS, s)));
    }
  }

  checkInvalidArgs(opts, 'group', javaOptionSetOrder(opts, minus(GROUP_SELECTION_SCOPE, 'group')));
  checkInvalidArgs(opts, 'group', javaOptionSetOrder(opts, minus(GROUP_LEVEL, 'describe', 'delete', 'reset-offsets')));
  checkInvalidArgs(opts, 'topic', javaOptionSetOrder(opts, minus(GROUP_LEVEL, 'delete', 'reset-offsets')));
}

/** `Option '[reset-offsets]' requires one of the following scenarios: [[...], ...]` (a HashSet's toString). */
export function missingScenarioMessage(opts: OptionSet): string {
  return `Option '[reset-offsets]' requires one of the following scenarios: [${setString(opts, RESET_SCENARIOS)}]`;
}

/** The one action given, or a UsageError with Kafka's message. */
export function actionOf(opts: OptionSet): (typeof ACTIONS)[number] {
  const given = ACTIONS.filter((a) => opts.has(a));
  if (given.length !== 1) throw new UsageError(ACTION_MESSAGE);
  return given[0];
}
