// kafka-topics with --bootstrap-server: Kafka 3.9's behaviour and texts (spec/cli.md §1, §2, §12).
// Transcript tests: exact stdout, stderr and exit code of bin/kafka-topics (and .sh) against an
// engine of this file's own; only topic ids and log timestamps are masked.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ROOT, runTool, startInProcessEngine, tempDir, type TestEngine } from '../helpers/engine';
import { expectRun, runMasked, useEngine, type Result } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { topicSpecs } = require(path.join(ROOT, 'dist/tools/topics/options'));

const HELP = formatHelp(topicSpecs('kafka39')) as string;
const LOGGER = '(org.apache.kafka.tools.TopicCommand)';
const WARNING_COLLISION =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n";
const ELR = '\tElr: \tLastKnownElr: ';

const dir = tempDir('kl-topics-');
let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const kt = (args: string[], tool = 'kafka-topics'): Promise<Result> => runMasked(tool, args, { maskStdout: true });

/** What TopicCommand prints for an exception thrown by the action. */
function failure(javaClass: string, message: string): { stdout: string; stderr: string } {
  return {
    stdout: `Error while executing topic command : ${message}\n`,
    stderr: `[<ts>] ERROR ${javaClass}: ${message}\n ${LOGGER}\n`,
  };
}

async function expectFailure(args: string[], javaClass: string, message: string, stdoutBefore = ''): Promise<void> {
  const f = failure(javaClass, message);
  expectRun(await kt(args), 1, stdoutBefore + f.stdout, f.stderr);
}

async function expectUsage(args: string[], message: string, tool = 'kafka-topics'): Promise<void> {
  expectRun(await kt(args, tool), 1, '', `${message}\n${HELP}`);
}

function topicLine(name: string, partitions: number, rf: number, configs: string): string {
  return `Topic: ${name}\tTopicId: <id>\tPartitionCount: ${partitions}\tReplicationFactor: ${rf}\tConfigs: ${configs}\n`;
}

function partitionLine(name: string, p: number, leader = '1', replicas = '1', isr = '1'): string {
  return `\tTopic: ${name}\tPartition: ${p}\tLeader: ${leader}\tReplicas: ${replicas}\tIsr: ${isr}${ELR}\n`;
}

async function create(name: string, ...extra: string[]): Promise<void> {
  const r = await kt([...B, '--create', '--topic', name, ...extra]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

const SEG = 'segment.bytes=1073741824';
// What every topic shows on a Kafka 4 cluster: the cluster-level min.insync.replicas (ELR) and
// the static log.segment.bytes of the stock server.properties.
const DEFAULTS = `min.insync.replicas=1,${SEG}`;

describe('usage, help and version', () => {
  it('no arguments: short description and the help table on stderr, exit 1', async () => {
    await expectUsage([], 'Create, delete, describe, or change a topic.');
  });

  it('--help (also as kafka-topics.sh): usage on stderr, exit 1', async () => {
    await expectUsage(['--help'], 'This tool helps to create, delete, describe, or change a topic.', 'kafka-topics.sh');
    await expectUsage([...B, '--list', '--help'], 'This tool helps to create, delete, describe, or change a topic.');
  });

  it('the help table is jopt-shaped and lists the 3.9 options only', () => {
    const lines = HELP.split('\n');
    expect(lines[0]).toMatch(/^Option {35}Description {28}$/);
    expect(lines[1]).toMatch(/^------ {35}----------- {28}$/);
    expect(HELP).toContain('--bootstrap-server <String: server to');
    expect(HELP).toContain('--topic-id <String: topic-id>');
    expect(HELP).not.toContain('--zookeeper');
    expect(HELP).not.toContain('--force');
  });

  it('--version prints 4.4.0 on stdout, exit 0', async () => {
    expectRun(await kt(['--version']), 0, '4.4.0\n');
  });
});

describe('argument errors', () => {
  it('an unknown option: message, then the exception line (3.7+ presentation), exit 1', async () => {
    expectRun(await kt([...B, '--list', '--foo']), 1, '',
      'foo is not a recognized option\njoptsimple.UnrecognizedOptionException: foo is not a recognized option\n\n');
    // abbreviations are not accepted
    expectRun(await kt([...B, '--lis']), 1, '',
      'lis is not a recognized option\njoptsimple.UnrecognizedOptionException: lis is not a recognized option\n\n');
  });

  it('an option without its value', async () => {
    expectRun(await kt([...B, '--list', '--topic']), 1, '',
      'Option topic requires an argument\njoptsimple.OptionMissingRequiredArgumentException: Option topic requires an argument\n\n');
  });

  it('exactly one action', async () => {
    const msg = 'Command must include exactly one action: --list, --describe, --create, --alter or --delete';
    await expectUsage([...B], msg);
    await expectUsage([...B, '--list', '--describe'], msg);
  });

  it('--bootstrap-server is required (exception presentation, no usage)', async () => {
    expectRun(await kt(['--list']), 1, '',
      '--bootstrap-server must be specified\njava.lang.IllegalArgumentException: --bootstrap-server must be specified\n\n');
  });

  it('--topic is required for create, alter and delete', async () => {
    await expectUsage([...B, '--create'], 'Missing required argument "[topic]"');
    await expectUsage([...B, '--delete'], 'Missing required argument "[topic]"');
    await expectUsage([...B, '--alter', '--partitions', '2'], 'Missing required argument "[topic]"');
  });

  it('describe --if-exists needs --topic or --topic-id', async () => {
    await expectUsage([...B, '--describe', '--if-exists'], '--topic or --topic-id is required to describe a topic');
  });

  it('alter: configs are for kafka-configs; --partitions is required', async () => {
    await expectUsage([...B, '--alter', '--topic', 't', '--config', 'retention.ms=1'],
      'Option combination "[[bootstrap-server], [config]]" can\'t be used with option "[alter]" (To alter topic configurations, the kafka-configs tool can be used.)');
    await expectUsage([...B, '--alter', '--topic', 't'], 'Missing required argument "[partitions]"');
  });

  it('--delete-config is warned about and ignored (4.x)', async () => {
    expectRun(await kt([...B, '--describe', '--topic', 'no-such-topic', '--if-exists', '--delete-config', 'a']), 0, '',
      'delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.\n');
  });

  it('options that do not go with the action', async () => {
    await expectUsage([...B, '--list', '--config', 'a=b'], 'Option "[config]" can\'t be used with option "[list]"');
    await expectUsage([...B, '--list', '--partitions', '2'], 'Option "[partitions]" can\'t be used with option "[list]"');
    await expectUsage([...B, '--alter', '--topic', 't', '--partitions', '2', '--replication-factor', '1'],
      'Option "[replication-factor]" can\'t be used with option "[alter]"');
    await expectUsage([...B, '--delete', '--topic', 't', '--replica-assignment', '1'],
      'Option "[replica-assignment]" can\'t be used with option "[delete]"');
    await expectUsage([...B, '--create', '--topic', 't', '--replica-assignment', '1', '--partitions', '1'],
      'Option "[replica-assignment]" can\'t be used with option "[partitions]"');
    await expectUsage([...B, '--create', '--topic', 't', '--replica-assignment', '1', '--replication-factor', '1'],
      'Option "[replica-assignment]" can\'t be used with option "[replication-factor]"');
    await expectUsage([...B, '--list', '--under-replicated-partitions'],
      'Option "[under-replicated-partitions]" can\'t be used with option "[list]"');
    await expectUsage([...B, '--describe', '--unavailable-partitions', '--topics-with-overrides'],
      'Option "[unavailable-partitions]" can\'t be used with option "[topics-with-overrides]"');
    await expectUsage([...B, '--list', '--topics-with-overrides'], 'Option "[topics-with-overrides]" can\'t be used with option "[list]"');
    await expectUsage([...B, '--list', '--if-exists'], 'Option "[if-exists]" can\'t be used with option "[list]"');
    await expectUsage([...B, '--delete', '--topic', 't', '--if-not-exists'], 'Option "[if-not-exists]" can\'t be used with option "[delete]"');
    await expectUsage([...B, '--create', '--topic', 't', '--exclude-internal'], 'Option "[exclude-internal]" can\'t be used with option "[create]"');
  });

  it('options removed in 3.0 are unknown with --bootstrap-server', async () => {
    expectRun(await kt([...B, '--create', '--topic', 't', '--force']), 1, '',
      'force is not a recognized option\njoptsimple.UnrecognizedOptionException: force is not a recognized option\n\n');
  });

  it('a value given twice where one is expected fails inside the action', async () => {
    await expectFailure([...B, '--delete', '--topic', 'a', '--topic', 'b'], 'joptsimple.MultipleArgumentsForOptionException',
      'Found multiple arguments for option topic, but you asked for only one');
  });

  it('a non-number for an Integer option fails when the action reads it', async () => {
    await expectFailure([...B, '--create', '--topic', 'num_x', '--partitions', 'abc'], 'joptsimple.OptionArgumentConversionException',
      'Cannot parse argument \'abc\' of option partitions');
  });
});

describe.concurrent('create', () => {
  it('creates a topic (--opt=value syntax, kafka-topics.sh)', async () => {
    expectRun(await kt([`--bootstrap-server=${engine.bootstrap}`, '--create', '--topic=cr-plain', '--partitions=2'], 'kafka-topics.sh'), 0,
      'Created topic cr-plain.\n');
    expectRun(await kt([...B, '--describe', '--topic', 'cr-plain']), 0,
      topicLine('cr-plain', 2, 1, DEFAULTS) + partitionLine('cr-plain', 0) + partitionLine('cr-plain', 1));
  });

  it('warns about metric-name collisions for names with . or _', async () => {
    expectRun(await kt([...B, '--create', '--topic', 'cr_first.topic']), 0, `${WARNING_COLLISION}Created topic cr_first.topic.\n`);
  });

  it('an existing topic is an error, unless --if-not-exists', async () => {
    await create('cr-exists');
    await expectFailure([...B, '--create', '--topic', 'cr-exists'], 'org.apache.kafka.common.errors.TopicExistsException',
      "Topic 'cr-exists' already exists.");
    expectRun(await kt([...B, '--create', '--topic', 'cr-exists', '--if-not-exists']), 0, '');
    await create('cr_exists2');
    expectRun(await kt([...B, '--create', '--topic', 'cr_exists2', '--if-not-exists']), 0, WARNING_COLLISION);
  });

  it('client-side checks of --partitions and --replication-factor', async () => {
    await expectFailure([...B, '--create', '--topic', 'cr-p0', '--partitions', '0'], 'java.lang.IllegalArgumentException',
      'The partitions must be greater than 0');
    await expectFailure([...B, '--create', '--topic', 'cr-rf0', '--replication-factor', '0'], 'java.lang.IllegalArgumentException',
      'The replication factor must be between 1 and 32767 inclusive');
    await expectFailure([...B, '--create', '--topic', 'cr-rf-big', '--replication-factor', '32768'], 'java.lang.IllegalArgumentException',
      'The replication factor must be between 1 and 32767 inclusive');
  });

  it('replication factor larger than the cluster (KRaft text)', async () => {
    await expectFailure([...B, '--create', '--topic', 'cr-rf3', '--replication-factor', '3'],
      'org.apache.kafka.common.errors.InvalidReplicationFactorException',
      'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned.');
  });

  it('invalid topic names (3.3+ texts)', async () => {
    await expectFailure([...B, '--create', '--topic', 'cr bad'], 'org.apache.kafka.common.errors.InvalidTopicException',
      "Topic name is invalid: 'cr bad' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'");
    await expectFailure([...B, '--create', '--topic', '..'], 'org.apache.kafka.common.errors.InvalidTopicException',
      "Topic name is invalid: '..' is not allowed", WARNING_COLLISION);
    const long = 'l'.repeat(250);
    await expectFailure([...B, '--create', '--topic', long], 'org.apache.kafka.common.errors.InvalidTopicException',
      `Topic name is invalid: the length of '${long}' is longer than the max allowed length 249`);
    await expectFailure([...B, '--create', '--topic', ''], 'org.apache.kafka.common.errors.InvalidTopicException',
      "The given topic name '' cannot be represented in a request.");
  });

  it('names that collide after . -> _ (KRaft text)', async () => {
    await create('cr_coll');
    await expectFailure([...B, '--create', '--topic', 'cr.coll'], 'org.apache.kafka.common.errors.InvalidTopicException',
      "Topic 'cr.coll' collides with existing topic: cr_coll", WARNING_COLLISION);
  });

  it('--config overrides show on describe, in Kafka\'s HashMap order', async () => {
    expectRun(await kt([...B, '--create', '--topic', 'cr-cfg', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact',
      '--config', ' min.insync.replicas = 2 ']), 0, 'Created topic cr-cfg.\n');
    expectRun(await kt([...B, '--describe', '--topic', 'cr-cfg']), 0,
      topicLine('cr-cfg', 1, 1, `min.insync.replicas=2,cleanup.policy=compact,${SEG},retention.ms=1000`) + partitionLine('cr-cfg', 0));
  });

  it('--config errors are found before anything is sent', async () => {
    const format = 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".';
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'retention.ms'], 'java.lang.IllegalArgumentException', format);
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'retention.ms='], 'java.lang.IllegalArgumentException', format);
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'a=b=c'], 'java.lang.IllegalArgumentException', format);
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'foo=1'],
      'org.apache.kafka.common.errors.InvalidConfigurationException', 'Unknown topic config name: foo');
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'retention.ms=abc'],
      'org.apache.kafka.common.config.ConfigException', 'Invalid value abc for configuration retention.ms: Not a number of type LONG');
    await expectFailure([...B, '--create', '--topic', 'cr-c1', '--config', 'cleanup.policy=zap'],
      'org.apache.kafka.common.config.ConfigException', 'Invalid value zap for configuration cleanup.policy: String must be one of: compact, delete');
    expectRun(await kt([...B, '--list', '--topic', 'cr-c1']), 0, '\n');
  });

  it('message.format.version is no topic config any more (Kafka 4): refused client-side', async () => {
    await expectFailure([...B, '--create', '--topic', 'cr-mfv', '--config', 'message.format.version=2.8'],
      'org.apache.kafka.common.errors.InvalidConfigurationException', 'Unknown topic config name: message.format.version');
  });

  it('--replica-assignment places partitions; bad lists are rejected client-side', async () => {
    expectRun(await kt([...B, '--create', '--topic', 'cr-ra', '--replica-assignment', '1, 1 ,1']), 0, 'Created topic cr-ra.\n');
    expectRun(await kt([...B, '--describe', '--topic', 'cr-ra']), 0,
      topicLine('cr-ra', 3, 1, DEFAULTS) + partitionLine('cr-ra', 0) + partitionLine('cr-ra', 1) + partitionLine('cr-ra', 2));
    await expectFailure([...B, '--create', '--topic', 'cr-ra2', '--replica-assignment', '1:1'],
      'org.apache.kafka.tools.AdminCommandFailedException', 'Partition replica lists may not contain duplicate entries: 1');
    await expectFailure([...B, '--create', '--topic', 'cr-ra2', '--replica-assignment', '1,1:2'],
      'org.apache.kafka.tools.AdminOperationException', 'Partition 1 has different replication factor: [1, 2]');
    await expectFailure([...B, '--create', '--topic', 'cr-ra2', '--replica-assignment', '1,x'],
      'java.lang.NumberFormatException', 'For input string: "x"');
    await expectFailure([...B, '--create', '--topic', 'cr-ra2', '--replica-assignment', ':1'],
      'java.lang.NumberFormatException', 'For input string: ""');
  });
});

describe.concurrent('list', () => {
  it('sorted names matching the --topic regex (commas act as |, whole-name match)', async () => {
    for (const t of ['ls-b', 'ls-a', 'ls-c', 'ls_d']) await create(t);
    expectRun(await kt([...B, '--list', '--topic', 'ls-.*']), 0, 'ls-a\nls-b\nls-c\n');
    expectRun(await kt([...B, '--list', '--topic', 'ls-c, ls-a']), 0, 'ls-a\nls-c\n');
    expectRun(await kt([...B, '--list', '--topic', 'ls.d']), 0, 'ls_d\n');
    expectRun(await kt([...B, '--list', '--topic', 'ls']), 0, '\n');
  });

  it('an invalid regex fails inside the action', async () => {
    await expectFailure([...B, '--list', '--topic', '['], 'java.lang.RuntimeException', '[ is an invalid regex.');
  });
});

describe('list on a fresh engine', () => {
  let fresh: TestEngine;
  beforeAll(async () => {
    fresh = await startInProcessEngine();
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it('no topics: one empty line', async () => {
    expectRun(await kt(['--bootstrap-server', fresh.bootstrap, '--list']), 0, '\n');
  });

  it('all topics, sorted in Java String order', async () => {
    for (const t of ['b', 'a_x', 'C', '__consumer_offsets', 'a']) {
      const r = await kt(['--bootstrap-server', fresh.bootstrap, '--create', '--topic', t]);
      expect(r.code).toBe(0);
    }
    expectRun(await kt(['--bootstrap-server', fresh.bootstrap, '--list']), 0, 'C\n__consumer_offsets\na\na_x\nb\n');
    expectRun(await kt(['--bootstrap-server', fresh.bootstrap, '--list', '--exclude-internal']), 0, 'C\na\na_x\nb\n');
    expectRun(await kt(['--bootstrap-server', fresh.bootstrap, '--list', '--exclude-internal', '--topic', '.*_.*']), 0, 'a_x\n');
  });
});

describe.concurrent('describe', () => {
  it('several topics matching a regex, in the order of Kafka\'s result map, partitions in order', async () => {
    await create('ds-b', '--partitions', '2');
    await create('ds-a');
    await create('ds-c');
    // Kafka 4.4 prints them in the order its describeTopics() HashMap holds them, not sorted.
    expectRun(await kt([...B, '--describe', '--topic', 'ds-[abc]']), 0,
      topicLine('ds-a', 1, 1, DEFAULTS) + partitionLine('ds-a', 0)
      + topicLine('ds-c', 1, 1, DEFAULTS) + partitionLine('ds-c', 0)
      + topicLine('ds-b', 2, 1, DEFAULTS) + partitionLine('ds-b', 0) + partitionLine('ds-b', 1));
  });

  it('an unknown topic is an error (without Optional[...]); --if-exists makes it silent', async () => {
    await expectFailure([...B, '--describe', '--topic', 'ds-missing'], 'java.lang.IllegalArgumentException',
      "Topic 'ds-missing' does not exist as expected");
    expectRun(await kt([...B, '--describe', '--topic', 'ds-missing', '--if-exists']), 0, '');
  });

  it('--topics-with-overrides prints topic lines only', async () => {
    await create('ds-ov', '--config', 'retention.ms=5000');
    expectRun(await kt([...B, '--describe', '--topic', 'ds-ov', '--topics-with-overrides']), 0,
      topicLine('ds-ov', 1, 1, `${DEFAULTS},retention.ms=5000`));
  });

  it('partition filters print only matching partition lines', async () => {
    await create('ds-isr', '--partitions', '2', '--config', 'min.insync.replicas=2');
    await create('ds-ok');
    expectRun(await kt([...B, '--describe', '--topic', 'ds-isr|ds-ok', '--under-min-isr-partitions']), 0,
      partitionLine('ds-isr', 0) + partitionLine('ds-isr', 1));
    expectRun(await kt([...B, '--describe', '--topic', 'ds-isr|ds-ok', '--at-min-isr-partitions']), 0, partitionLine('ds-ok', 0));
    expectRun(await kt([...B, '--describe', '--topic', 'ds-isr|ds-ok', '--under-replicated-partitions']), 0, '');
    expectRun(await kt([...B, '--describe', '--topic', 'ds-isr|ds-ok', '--unavailable-partitions']), 0, '');
  });

  it('--topic-id: by id; unknown ids and bad ids', async () => {
    // Described by id, Kafka reads partitions from Metadata, which carries no ELR: N/A.
    const byId = (name: string, p: number) => partitionLine(name, p).replace(ELR, '\tElr: N/A\tLastKnownElr: N/A');
    await create('ds-byid');
    const out = (await runTool('kafka-topics', [...B, '--describe', '--topic', 'ds-byid'])).stdout;
    const id = /TopicId: ([A-Za-z0-9_-]{22})/.exec(out)![1];
    expectRun(await kt([...B, '--describe', '--topic-id', id]), 0, topicLine('ds-byid', 1, 1, DEFAULTS) + byId('ds-byid', 0));
    await expectFailure([...B, '--describe', '--topic-id', 'MxgvvB0ZRCWWZ8JCvcU9jg'], 'java.lang.IllegalArgumentException',
      "TopicId 'MxgvvB0ZRCWWZ8JCvcU9jg' does not exist as expected");
    expectRun(await kt([...B, '--describe', '--topic-id', 'MxgvvB0ZRCWWZ8JCvcU9jg', '--if-exists']), 0, '');
    await expectFailure([...B, '--describe', '--topic-id', 'abc'], 'java.lang.IllegalArgumentException',
      'Input string `abc` decoded as 2 bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID');
    expectRun(await kt([...B, '--describe', '--if-exists', '--topic', 'ds-byid', '--topic-id', id]), 0,
      'Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID\n'
      + topicLine('ds-byid', 1, 1, DEFAULTS) + byId('ds-byid', 0));
  });
});

describe.concurrent('alter', () => {
  it('adds partitions silently', async () => {
    await create('al-grow');
    expectRun(await kt([...B, '--alter', '--topic', 'al-grow', '--partitions', '3']), 0, '');
    expectRun(await kt([...B, '--describe', '--topic', 'al-grow']), 0,
      topicLine('al-grow', 3, 1, DEFAULTS) + partitionLine('al-grow', 0) + partitionLine('al-grow', 1) + partitionLine('al-grow', 2));
  });

  it('with --replica-assignment for the new partitions', async () => {
    await create('al-ra');
    expectRun(await kt([...B, '--alter', '--topic', 'al-ra', '--partitions', '2', '--replica-assignment', '1,1']), 0, '');
    expectRun(await kt([...B, '--describe', '--topic', 'al-ra']), 0,
      topicLine('al-ra', 2, 1, DEFAULTS) + partitionLine('al-ra', 0) + partitionLine('al-ra', 1));
  });

  it('fewer or equal partitions: the broker\'s KRaft texts', async () => {
    await create('al-dec', '--partitions', '3');
    await expectFailure([...B, '--alter', '--topic', 'al-dec', '--partitions', '2'], 'org.apache.kafka.common.errors.InvalidPartitionsException',
      'The topic al-dec currently has 3 partition(s); 2 would not be an increase.');
    await expectFailure([...B, '--alter', '--topic', 'al-dec', '--partitions', '3'], 'org.apache.kafka.common.errors.InvalidPartitionsException',
      'Topic already has 3 partition(s).');
  });

  it('unknown topic: error, or nothing with --if-exists', async () => {
    await expectFailure([...B, '--alter', '--topic', 'al-missing', '--partitions', '2'], 'java.lang.IllegalArgumentException',
      "Topic 'al-missing' does not exist as expected");
    expectRun(await kt([...B, '--alter', '--topic', 'al-missing', '--partitions', '2', '--if-exists']), 0, '');
  });
});

describe.concurrent('delete', () => {
  it('deletes silently; a regex deletes every match', async () => {
    for (const t of ['dl-a', 'dl-b', 'dl-keep']) await create(t);
    expectRun(await kt([...B, '--delete', '--topic', 'dl-a']), 0, '');
    expectRun(await kt([...B, '--list', '--topic', 'dl-.*']), 0, 'dl-b\ndl-keep\n');
    expectRun(await kt([...B, '--delete', '--topic', 'dl-b|dl-keep']), 0, '');
    expectRun(await kt([...B, '--list', '--topic', 'dl-.*']), 0, '\n');
  });

  it('unknown topic: error, or nothing with --if-exists', async () => {
    await expectFailure([...B, '--delete', '--topic', 'dl-missing'], 'java.lang.IllegalArgumentException',
      "Topic 'dl-missing' does not exist as expected");
    expectRun(await kt([...B, '--delete', '--topic', 'dl-missing', '--if-exists']), 0, '');
  });
});

describe('delete with delete.topic.enable=false', () => {
  let noDelete: TestEngine;
  beforeAll(async () => {
    noDelete = await startInProcessEngine({ 'delete.topic.enable': 'false' });
  });
  afterAll(async () => {
    await noDelete?.stop();
  });

  it('prints the broker error', async () => {
    const nb = ['--bootstrap-server', noDelete.bootstrap];
    expect((await kt([...nb, '--create', '--topic', 'nd'])).code).toBe(0);
    await expectFailure([...nb, '--delete', '--topic', 'nd'], 'org.apache.kafka.common.errors.TopicDeletionDisabledException',
      'Topic deletion is disabled.');
  });
});

describe('admin client settings and connection failures', () => {
  function props(name: string, text: string): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  }

  async function closedPort(): Promise<number> {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    return port;
  }

  it('--command-config: unknown keys are ignored, client.id is used', async () => {
    const p = props('ok.properties', '# admin settings\nclient.id=my-admin\nsome.unknown.key=1\nrequest.timeout.ms=5000\n');
    await create('cc-topic');
    expectRun(await kt([...B, '--command-config', p, '--list', '--topic', 'cc-topic']), 0, 'cc-topic\n');
  });

  it('a broker that is not there: NetworkClient warnings, then the timeout (default.api.timeout.ms)', async () => {
    const port = await closedPort();
    const p = props('fast.properties', 'default.api.timeout.ms=1000\nrequest.timeout.ms=1000\nclient.id=probe\n');
    const r = await kt(['--bootstrap-server', `127.0.0.1:${port}`, '--command-config', p, '--list']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Error while executing topic command : Timed out waiting for a node assignment. Call: listTopics\n');
    const lines = r.stderr.split('\n');
    const warn = `[<ts>] WARN [AdminClient clientId=probe] Connection to node -1 (/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)`;
    expect(lines.slice(-3)).toEqual([
      '[<ts>] ERROR org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics',
      ` ${LOGGER}`,
      '',
    ]);
    const warns = lines.slice(0, -3);
    expect(warns.length).toBeGreaterThan(0);
    for (const l of warns) expect(l).toBe(warn);
  });

  it('a missing --command-config file escapes main: message, then the exception', async () => {
    const missing = path.join(dir, 'nope.properties');
    expectRun(await kt([...B, '--command-config', missing, '--list']), 1, '', `${missing}\njava.nio.file.NoSuchFileException: ${missing}\n\n`);
  });

  it('bad admin client settings', async () => {
    const bad = props('bad.properties', 'request.timeout.ms=abc\n');
    expectRun(await kt([...B, '--command-config', bad, '--list']), 1, '',
      'Invalid value abc for configuration request.timeout.ms: Not a number of type INT\n'
      + 'org.apache.kafka.common.config.ConfigException: Invalid value abc for configuration request.timeout.ms: Not a number of type INT\n\n');
    const small = props('small.properties', 'default.api.timeout.ms=1000\n');
    expectRun(await kt([...B, '--command-config', small, '--list']), 1, '',
      'Failed to create new KafkaAdminClient\norg.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient\n\n');
  });

  it('a bootstrap address without a port', async () => {
    expectRun(await kt(['--bootstrap-server', 'localhost', '--list']), 1, '',
      'Failed to create new KafkaAdminClient\norg.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient\n\n');
  });
});
