// kafka-leader-election (Kafka 4.4's LeaderElectionCommand): a preferred or unclean election for
// --topic/--partition, the partitions of --path-to-json-file, or every partition
// (--all-topic-partitions). Prints, in the HashSet/HashMap order Kafka walks them:
//
//   Successfully completed leader election (PREFERRED) for partitions t-0, t-1
//   Valid replica already elected for partitions t-2
//   Error completing leader election (PREFERRED) for partition: t-3: <exception>
//
// and when some failed, `N replica(s) could not be elected` as an AdminCommandFailedException
// (stderr, exit 1). Option problems are AdminCommandFailedExceptions too, with Kafka's texts.
import { JavaException, OptionException } from '../cli/errors';
import { maybePrintHelpOrVersion } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { commonOptions, parseOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { KAFKA_VERSION } from '../cli/version';
import { ElectionType, ReplicaAdmin, type TopicPartitionRef } from '../client/replica-admin';
import { ErrorCode, type KafkaError } from '../protocol/errors';
import { createAdmin, printEscaped, readFileAsString } from './admin-tool';
import { parseElectionJson, tpOrder } from './leader-election/election-json';

const HELP_MESSAGE = 'This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.';
const FAILED = 'org.apache.kafka.tools.AdminCommandFailedException';

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'host:port', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    { name: 'command-config', arg: 'required', argName: 'Config file', description: 'A Java properties file with settings for the admin client.' },
    { name: 'admin.config', arg: 'required', argName: 'config file', description: '(Deprecated: use --command-config) A Java properties file with settings for the admin client.' },
    { name: 'topic', arg: 'required', argName: 'topic name', description: 'The topic whose partition gets an election (with --partition).' },
    { name: 'partition', arg: 'required', type: 'int', argName: 'partition id', description: 'The partition of --topic that gets an election.' },
    { name: 'path-to-json-file', arg: 'required', argName: 'Path to JSON file', description: 'A JSON file naming the partitions that get an election:\n{"partitions":\n\t[{"topic": "foo", "partition": 1},\n\t {"topic": "foobar", "partition": 2}]\n}' },
    { name: 'all-topic-partitions', arg: 'none', description: 'Run the election for every partition that needs one.' },
    { name: 'election-type', arg: 'required', argName: '[PREFERRED,UNCLEAN]: election type', description: 'REQUIRED: "preferred" (move leadership back to the first replica) or "unclean" (elect a replica out of the ISR when no leader is left).' },
  ];
}

/** The jopt value converter of --election-type: the enum's names, any case. */
function electionType(opts: OptionSet): 'PREFERRED' | 'UNCLEAN' {
  const raw = opts.stringValueOf('election-type')!;
  const upper = raw.toUpperCase();
  if (upper === 'PREFERRED' || upper === 'UNCLEAN') return upper;
  throw new OptionException(`Cannot parse argument '${raw}' of option election-type`, 'election-type', 'OptionArgumentConversionException');
}

/** LeaderElectionCommandOptions.validate. */
function validate(opts: OptionSet): void {
  const missing = ['bootstrap-server', 'election-type'].filter((n) => !opts.has(n));
  if (missing.length > 0) throw new JavaException(FAILED, `Missing required option(s): ${missing.join(', ')}`);
  const exclusive = ['topic', 'all-topic-partitions', 'path-to-json-file'];
  if (exclusive.filter((n) => opts.has(n)).length !== 1) {
    throw new JavaException(FAILED, `One and only one of the following options is required: ${exclusive.join(', ')}`);
  }
  if (opts.has('topic') && !opts.has('partition')) throw new JavaException(FAILED, 'Missing required option(s): partition');
  if (!opts.has('topic') && opts.has('partition')) throw new JavaException(FAILED, 'Option partition is only allowed if topic is used');
}

const tpName = (tp: TopicPartitionRef): string => `${tp.topic}-${tp.partition}`;

async function execute(opts: OptionSet, io: ToolIO): Promise<void> {
  const type = electionType(opts);
  let partitions: TopicPartitionRef[] | null = null;
  if (opts.has('path-to-json-file')) {
    let text: string;
    try {
      text = readFileAsString(opts.stringValueOf('path-to-json-file')!);
    } catch (e) {
      // Utils.readFileAsString's IOException, rethrown unchecked.
      throw new JavaException('java.lang.RuntimeException', `java.io.IOException: ${(e as Error).message}`);
    }
    partitions = parseElectionJson(text);
  } else if (opts.has('topic')) {
    partitions = [{ topic: opts.stringValueOf('topic')!, partition: opts.numberValueOf('partition')! }];
  }
  const commandConfig = opts.stringValueOf('command-config') ?? opts.stringValueOf('admin.config');
  const { admin, settings } = await createAdmin(commandConfig, opts.stringValueOf('bootstrap-server')!, io);
  try {
    const results = await new ReplicaAdmin(admin, settings.defaultApiTimeoutMs).electLeaders(ElectionType[type], partitions);
    const ordered = tpOrder(results);
    const succeeded = ordered.filter((r) => r.error === null);
    const noop = ordered.filter((r) => r.error?.code === ErrorCode.ELECTION_NOT_NEEDED);
    const failed = ordered.filter((r) => r.error !== null && r.error.code !== ErrorCode.ELECTION_NOT_NEEDED);
    if (succeeded.length > 0) io.stdout(`Successfully completed leader election (${type}) for partitions ${succeeded.map(tpName).join(', ')}\n`);
    if (noop.length > 0) io.stdout(`Valid replica already elected for partitions ${noop.map(tpName).join(', ')}\n`);
    if (failed.length > 0) {
      for (const f of failed) io.stdout(`Error completing leader election (${type}) for partition: ${tpName(f)}: ${(f.error as KafkaError).javaString()}\n`);
      throw new JavaException(FAILED, `${failed.length} replica(s) could not be elected`);
    }
  } finally {
    admin.close();
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  try {
    const opts = parseOptions(specs(), argv);
    maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, KAFKA_VERSION);
    validate(opts);
    await execute(opts, io);
    return 0;
  } catch (e) {
    return printEscaped(e, io);
  }
}
