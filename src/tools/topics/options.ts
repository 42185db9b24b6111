// kafka-topics options and argument checks, in two flavours:
// - 'kafka39' (the name predates 4.x): Kafka 4.4's TopicCommand (tools/.../TopicCommand.java), used with --bootstrap-server;
// - 'zk28': Kafka 2.8's TopicCommand (core/.../admin/TopicCommand.scala), selected by --zookeeper.
// The help texts are our own wording; option names, argument types, check order and messages are
// Kafka's.

import { JavaException, UsageError } from '../../cli/errors';
import { checkInvalidArgs, checkInvalidArgsSet, checkRequiredArgs } from '../../cli/command-line-utils';
import { commonOptions, type OptionSet, type OptionSpec } from '../../cli/options';
import { DOCUMENTED_TOPIC_CONFIG_NAMES } from '../../config/topic-configs';
import { javaInvalidOptions, scalaHashSetOrder } from './option-sets';

export type Era = 'kafka39' | 'zk28';

export const NO_ARGS_MESSAGE = 'Create, delete, describe, or change a topic.';
export const HELP_MESSAGE = 'This tool helps to create, delete, describe, or change a topic.';
export const ACTION_MESSAGE = 'Command must include exactly one action: --list, --describe, --create, --alter or --delete';
// Kafka 4.x wording (DESIGN §4: --bootstrap-server behaves as 4.x); 3.7-3.9 said
// ' (the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)'.
const CONFIGS_CLI_SUFFIX = ' (To alter topic configurations, the kafka-configs tool can be used.)';

const ACTIONS = ['create', 'list', 'alter', 'describe', 'delete'] as const;
const ALL_TOPIC_LEVEL = ['alter', 'create', 'describe', 'list', 'delete'];
const ALL_REPLICATION_REPORT = ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions'];

function configNamesList(): string {
  return DOCUMENTED_TOPIC_CONFIG_NAMES.map((n) => `\t${n}`).join('\n');
}

/** The options of one era, in declaration order (help sorts them). */
export function topicSpecs(era: Era): OptionSpec[] {
  const zk = era === 'zk28';
  const specs: OptionSpec[] = [
    ...commonOptions(),
    {
      name: 'bootstrap-server', arg: 'required', argName: 'server to connect to',
      description: zk
        ? 'The broker(s) to connect to, as host:port[,host:port...]. Use this or --zookeeper.'
        : 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].',
    },
    {
      name: 'command-config', arg: 'required', argName: 'command config property file',
      description: 'A Java properties file with settings for the admin client (for example client.id, request.timeout.ms, default.api.timeout.ms).',
    },
  ];
  if (zk) {
    specs.push({
      name: 'zookeeper', arg: 'required', argName: 'hosts',
      description: 'DEPRECATED (removed in Kafka 3.0): the ZooKeeper address, host:port. kafka-local has no ZooKeeper: it talks to the broker on the same host instead (port 2181 stands for 9092). Prefer --bootstrap-server.',
    });
  }
  specs.push(
    { name: 'list', arg: 'none', description: 'List the names of all topics.' },
    { name: 'create', arg: 'none', description: 'Create a topic.' },
    { name: 'delete', arg: 'none', description: 'Delete the topics that --topic matches.' },
    {
      name: 'alter', arg: 'none',
      description: zk
        ? 'Add partitions to a topic (optionally placed with --replica-assignment) and/or change its config overrides with --config / --delete-config.'
        : 'Add partitions to a topic (optionally placed with --replica-assignment). Topic configs cannot be changed here: use kafka-configs --bootstrap-server ... --alter.',
    },
    { name: 'describe', arg: 'none', description: 'Show partition count, replication factor, config overrides, leaders, replicas and in-sync replicas of topics.' },
    {
      name: 'topic', arg: 'required', argName: 'topic',
      description: 'The topic to create, alter, describe or delete. Except with --create this is a regular expression that must match the whole topic name (a comma works as \'|\'); quote it and write \'\\.\' for a literal dot, e.g. "orders\\.v1".',
    },
  );
  if (!zk) {
    specs.push({
      name: 'topic-id', arg: 'required', argName: 'topic-id',
      description: 'The id of the topic to describe (with --describe).',
    });
  }
  specs.push(
    {
      name: 'config', arg: 'required', argName: 'name=value', multi: true,
      description: (zk
        ? 'A config override for the topic being created or altered; repeat the option for several.'
        : 'A config override for the topic being created; repeat the option for several. Only with --create (use kafka-configs to change an existing topic).')
        + ` Valid names:\n${configNamesList()}\nSee Kafka's documentation of topic configs for their meaning.`,
    },
    {
      name: 'delete-config', arg: 'required', argName: 'name', multi: true,
      description: zk
        ? 'A config override to remove from an existing topic (with --alter); repeat the option for several.'
        : 'Not supported with --bootstrap-server: remove a topic config override with kafka-configs --alter --delete-config.',
    },
    {
      name: 'partitions', arg: 'required', type: 'int', argName: '# of partitions',
      description: 'The number of partitions of the topic being created, or the new total for --alter (it can only grow; records with keys may then go to other partitions than before). Defaults to the broker\'s num.partitions on --create.',
    },
    {
      name: 'replication-factor', arg: 'required', type: 'int', argName: 'replication factor',
      description: 'How many replicas each partition of the new topic has. Defaults to the broker\'s default.replication.factor.',
    },
    {
      name: 'replica-assignment', arg: 'required',
      argName: 'broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , ...',
      description: 'Place partitions on brokers by hand when creating or altering: the replicas of a partition are separated by \':\', partitions by \',\' (e.g. 1:2,2:3).',
    },
    { name: 'under-replicated-partitions', arg: 'none', description: 'With --describe: only show partitions that have fewer in-sync replicas than replicas.' },
    { name: 'unavailable-partitions', arg: 'none', description: 'With --describe: only show partitions without a leader or whose leader is not alive.' },
    {
      name: 'under-min-isr-partitions', arg: 'none',
      description: `With --describe: only show partitions with fewer in-sync replicas than min.insync.replicas.${zk ? ' Not with --zookeeper.' : ''}`,
    },
    {
      name: 'at-min-isr-partitions', arg: 'none',
      description: `With --describe: only show partitions whose in-sync replica count equals min.insync.replicas.${zk ? ' Not with --zookeeper.' : ''}`,
    },
    { name: 'topics-with-overrides', arg: 'none', description: 'With --describe: only show the topic lines of topics that have config overrides.' },
    { name: 'if-exists', arg: 'none', description: 'With --alter, --delete or --describe: do nothing, successfully, when no topic matches.' },
    { name: 'if-not-exists', arg: 'none', description: 'With --create: do nothing, successfully, when the topic already exists.' },
  );
  if (zk) {
    specs.push(
      { name: 'disable-rack-aware', arg: 'none', description: 'Place replicas without regard to broker racks (accepted; kafka-local does not use racks).' },
      { name: 'force', arg: 'none', description: 'Accepted for compatibility and ignored.' },
    );
  }
  specs.push({ name: 'exclude-internal', arg: 'none', description: 'With --list or --describe: leave out internal topics such as __consumer_offsets.' });
  if (!zk) {
    specs.push({
      name: 'partition-size-limit-per-response', arg: 'required', type: 'int', argName: 'maximum number of partitions in one response.',
      description: 'With --describe: at most this many partitions per DescribeTopicPartitions response.',
    });
  }
  return specs;
}

function actionCount(opts: OptionSet): number {
  return ACTIONS.filter((a) => opts.has(a)).length;
}

/**
 * TopicCommandOptions.checkArgs of Kafka 4.4 (everything after the help/version handling).
 * Throws UsageError (print usage, exit 1) or a JavaException that escapes the tool's main
 * (`--bootstrap-server must be specified`). Writes the "Only topic id will be used" notice itself.
 */
export function checkArgs39(opts: OptionSet, stdout: (s: string) => void, stderr: (s: string) => void = () => undefined): void {
  if (actionCount(opts) !== 1) throw new UsageError(ACTION_MESSAGE);
  // 4.x: --delete-config is accepted, warned about and ignored.
  if (opts.has('delete-config')) {
    stderr('delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.\n');
  }
  // checkRequiredArgs
  if (!opts.has('bootstrap-server')) throw new JavaException('java.lang.IllegalArgumentException', '--bootstrap-server must be specified');
  if (opts.has('describe') && opts.has('if-exists')) {
    if (!opts.has('topic') && !opts.has('topic-id')) throw new UsageError('--topic or --topic-id is required to describe a topic');
    if (opts.has('topic') && opts.has('topic-id')) {
      stdout('Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID\n');
    }
  }
  if (!opts.has('list') && !opts.has('describe')) checkRequiredArgs(opts, 'topic');
  if (opts.has('alter')) {
    checkInvalidArgsSet(opts, ['bootstrap-server', 'config'], ['alter'], CONFIGS_CLI_SUFFIX);
    checkRequiredArgs(opts, 'partitions');
  }
  // checkInvalidArgs
  const inv = (remove: string[], add: string[] = []) => javaInvalidOptions(ALL_TOPIC_LEVEL, remove, add);
  checkInvalidArgs(opts, 'config', inv(['alter', 'create']));
  checkInvalidArgs(opts, 'partitions', inv(['alter', 'create']));
  checkInvalidArgs(opts, 'replication-factor', inv(['create']));
  checkInvalidArgs(opts, 'replica-assignment', inv(['alter', 'create']));
  if (opts.has('create')) checkInvalidArgs(opts, 'replica-assignment', ['partitions', 'replication-factor']);
  for (const report of ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions']) {
    checkInvalidArgs(opts, report, inv(['describe', report], ['topics-with-overrides']));
  }
  checkInvalidArgs(opts, 'topics-with-overrides', inv(['describe'], ALL_REPLICATION_REPORT));
  checkInvalidArgs(opts, 'if-exists', inv(['alter', 'delete', 'describe']));
  checkInvalidArgs(opts, 'if-not-exists', inv(['create']));
  checkInvalidArgs(opts, 'exclude-internal', inv(['list', 'describe']));
}

/**
 * TopicCommandOptions.checkArgs of Kafka 2.8 with --zookeeper (after help/version). Throws
 * UsageError, or a JavaException that Kafka 2.8 leaves uncaught.
 */
export function checkArgs28(opts: OptionSet): void {
  if (actionCount(opts) !== 1) throw new UsageError(ACTION_MESSAGE);
  if (opts.has('bootstrap-server') === opts.has('zookeeper')) {
    throw new JavaException('java.lang.IllegalArgumentException', 'Only one of --bootstrap-server or --zookeeper must be specified');
  }
  if (!opts.has('bootstrap-server')) checkRequiredArgs(opts, 'zookeeper');
  if (opts.has('describe') && opts.has('if-exists')) checkRequiredArgs(opts, 'topic');
  if (!opts.has('list') && !opts.has('describe')) checkRequiredArgs(opts, 'topic');
  if (opts.has('create') && !opts.has('replica-assignment') && opts.has('zookeeper')) checkRequiredArgs(opts, 'partitions', 'replication-factor');

  const minus = (remove: string[], add: string[] = []) => scalaHashSetOrder([...ALL_TOPIC_LEVEL.filter((n) => !remove.includes(n)), ...add]);
  checkInvalidArgs(opts, 'config', minus(['alter', 'create']));
  checkInvalidArgs(opts, 'delete-config', minus(['alter'], ['bootstrap-server']));
  checkInvalidArgs(opts, 'partitions', minus(['alter', 'create']));
  checkInvalidArgs(opts, 'replication-factor', minus(['create']));
  checkInvalidArgs(opts, 'replica-assignment', minus(['create', 'alter']));
  if (opts.has('create')) checkInvalidArgs(opts, 'replica-assignment', ['partitions', 'replication-factor']);
  const reports = (except: string, extra: string[]) => minus(['describe'], [...ALL_REPLICATION_REPORT.filter((r) => r !== except), ...extra]);
  checkInvalidArgs(opts, 'under-replicated-partitions', reports('under-replicated-partitions', ['topics-with-overrides']));
  checkInvalidArgs(opts, 'under-min-isr-partitions', reports('under-min-isr-partitions', ['topics-with-overrides', 'zookeeper']));
  checkInvalidArgs(opts, 'at-min-isr-partitions', reports('at-min-isr-partitions', ['topics-with-overrides', 'zookeeper']));
  checkInvalidArgs(opts, 'unavailable-partitions', reports('unavailable-partitions', ['topics-with-overrides']));
  checkInvalidArgs(opts, 'topics-with-overrides', minus(['describe'], ALL_REPLICATION_REPORT));
  checkInvalidArgs(opts, 'if-exists', minus(['alter', 'delete', 'describe']));
  checkInvalidArgs(opts, 'if-not-exists', minus(['create']));
  checkInvalidArgs(opts, 'exclude-internal', minus(['list', 'describe']));
}
