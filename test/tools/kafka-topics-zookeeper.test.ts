// kafka-topics with the seed-era --zookeeper HOST:PORT: Kafka 2.8's behaviour and texts, served
// by the broker on that host (spec/cli.md §2, §12, §14; DESIGN.md §4). Exact stdout, stderr and
// exit code; only topic ids and log timestamps are masked.
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ROOT, type TestEngine } from '../helpers/engine';
import { expectRun, runMasked, useEngine, type Result } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { topicSpecs } = require(path.join(ROOT, 'dist/tools/topics/options'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { usesZookeeper } = require(path.join(ROOT, 'dist/tools/kafka-topics'));
const { brokersForZookeeper } = require(path.join(ROOT, 'dist/cli/bootstrap'));

const HELP = formatHelp(topicSpecs('zk28')) as string;
const LOGGER = '(kafka.admin.TopicCommand$)';
const WARNING_COLLISION =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n";
const WARNING_PARTITIONS =
  'WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected\n';

let engine: TestEngine;
let Z: string[];
let HINT: string;

useEngine((e) => {
  engine = e;
  Z = ['--zookeeper', e.bootstrap];
  HINT = `kafka-local: --zookeeper is a ZooKeeper-era option (removed in Kafka 3.0); connecting to the broker at ${e.bootstrap} instead. Use --bootstrap-server ${e.bootstrap}.\n`;
});

const kt = (args: string[], tool = 'kafka-topics.sh'): Promise<Result> => runMasked(tool, args, { maskStdout: true });

/** A run that reached the broker: the hint line comes first on stderr. */
function expectConnected(r: Result, code: number, stdout: string, stderr = ''): void {
  expectRun(r, code, stdout, HINT + stderr);
}

async function expectFailure(args: string[], javaClass: string, message: string, stdoutBefore = ''): Promise<void> {
  expectConnected(await kt(args), 1, `${stdoutBefore}Error while executing topic command : ${message}\n`,
    `[<ts>] ERROR ${javaClass}: ${message}\n ${LOGGER}\n`);
}

async function expectUsage(args: string[], message: string): Promise<void> {
  expectRun(await kt(args), 1, '', `${message}\n${HELP}`);
}

async function create(name: string, ...extra: string[]): Promise<void> {
  const r = await kt([...Z, '--create', '--topic', name, '--partitions', '1', '--replication-factor', '1', ...extra]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

function topicLine(name: string, partitions: number, configs: string): string {
  return `Topic: ${name}\tTopicId: <id>\tPartitionCount: ${partitions}\tReplicationFactor: 1\tConfigs: ${configs}\n`;
}

function partitionLine(name: string, p: number): string {
  return `\tTopic: ${name}\tPartition: ${p}\tLeader: 1\tReplicas: 1\tIsr: 1\n`;
}

describe('mode selection and the broker address', () => {
  it('--zookeeper selects the 2.8 behaviour, wherever it is', () => {
    expect(usesZookeeper(['--list', '--zookeeper', 'localhost:2181'])).toBe(true);
    expect(usesZookeeper(['--zookeeper=localhost:2181', '--list'])).toBe(true);
    expect(usesZookeeper(['--list', '--zookeeper'])).toBe(true);
    expect(usesZookeeper(['--list', '--bootstrap-server', 'localhost:9092'])).toBe(false);
    expect(usesZookeeper(['--list', '--bootstrap-server', 'x:1', '--topic', '--zookeeper'])).toBe(false);
  });

  it('maps ZooKeeper addresses to brokers on the same hosts (2181 -> 9092)', () => {
    expect(brokersForZookeeper('localhost:2181')).toEqual([{ host: 'localhost', port: 9092 }]);
    expect(brokersForZookeeper('127.0.0.1')).toEqual([{ host: '127.0.0.1', port: 9092 }]);
    expect(brokersForZookeeper('zk1:2181,zk2:2182/kafka')).toEqual([{ host: 'zk1', port: 9092 }, { host: 'zk2', port: 2182 }]);
  });
});

describe('arguments (2.8)', () => {
  it('--version prints 2.8\'s version string', async () => {
    expectRun(await kt([...Z, '--version']), 0, '2.8.2 (Commit:3146c6ff4a24cc24)\n');
  });

  it('--help prints the 2.8 option table (with --zookeeper)', async () => {
    await expectUsage([...Z, '--help'], 'This tool helps to create, delete, describe, or change a topic.');
    expect(HELP).toContain('--zookeeper <String: hosts>');
    expect(HELP).toContain('--disable-rack-aware');
    expect(HELP).not.toContain('--topic-id');
  });

  it('parse errors escape main (uncaught exception)', async () => {
    expectRun(await kt([...Z, '--list', '--foo']), 1, '',
      'Exception in thread "main" joptsimple.UnrecognizedOptionException: foo is not a recognized option\n');
    expectRun(await kt(['--list', '--zookeeper']), 1, '',
      'Exception in thread "main" joptsimple.OptionMissingRequiredArgumentException: Option zookeeper requires an argument\n');
  });

  it('--bootstrap-server and --zookeeper together', async () => {
    expectRun(await kt([...Z, '--bootstrap-server', engine.bootstrap, '--list']), 1, '',
      'Exception in thread "main" java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified\n');
  });

  it('usage errors', async () => {
    await expectUsage([...Z], 'Command must include exactly one action: --list, --describe, --create, --alter or --delete');
    await expectUsage([...Z, '--create', '--partitions', '1', '--replication-factor', '1'], 'Missing required argument "[topic]"');
    await expectUsage([...Z, '--describe', '--if-exists'], 'Missing required argument "[topic]"');
    await expectUsage([...Z, '--create', '--topic', 't'], 'Missing required argument "[partitions]"');
    await expectUsage([...Z, '--create', '--topic', 't', '--partitions', '1'], 'Missing required argument "[replication-factor]"');
    await expectUsage([...Z, '--describe', '--under-min-isr-partitions'], 'Option "[under-min-isr-partitions]" can\'t be used with option "[zookeeper]"');
    await expectUsage([...Z, '--describe', '--at-min-isr-partitions'], 'Option "[at-min-isr-partitions]" can\'t be used with option "[zookeeper]"');
    await expectUsage([...Z, '--list', '--delete-config', 'a'], 'Option "[delete-config]" can\'t be used with option "[list]"');
    await expectUsage([...Z, '--describe', '--under-replicated-partitions', '--unavailable-partitions'],
      'Option "[under-replicated-partitions]" can\'t be used with option "[unavailable-partitions]"');
  });

  it('a value given twice fails inside the action', async () => {
    await expectFailure([...Z, '--delete', '--topic', 'a', '--topic', 'b'], 'joptsimple.MultipleArgumentsForOptionException',
      'Found multiple arguments for option topic, but you asked for only one');
  });
});

describe.concurrent('create (2.8)', () => {
  it('creates; an existing topic is an error unless --if-not-exists', async () => {
    expectConnected(await kt([...Z, '--create', '--topic', 'zc-new', '--partitions', '2', '--replication-factor', '1']), 0, 'Created topic zc-new.\n');
    await expectFailure([...Z, '--create', '--topic', 'zc-new', '--partitions', '1', '--replication-factor', '1'],
      'org.apache.kafka.common.errors.TopicExistsException', "Topic 'zc-new' already exists.");
    expectConnected(await kt([...Z, '--create', '--topic', 'zc-new', '--partitions', '1', '--replication-factor', '1', '--if-not-exists']), 0, '');
  });

  it('partition and replication checks with ZooKeeper-era texts', async () => {
    await expectFailure([...Z, '--create', '--topic', 'zc-p0', '--partitions', '0', '--replication-factor', '1'],
      'org.apache.kafka.common.errors.InvalidPartitionsException', 'Number of partitions must be larger than 0.');
    await expectFailure([...Z, '--create', '--topic', 'zc-rf0', '--partitions', '1', '--replication-factor', '0'],
      'org.apache.kafka.common.errors.InvalidReplicationFactorException', 'Replication factor must be larger than 0.');
    await expectFailure([...Z, '--create', '--topic', 'zc-rf3', '--partitions', '1', '--replication-factor', '3'],
      'org.apache.kafka.common.errors.InvalidReplicationFactorException', 'Replication factor: 3 larger than available brokers: 1.');
  });

  it('topic names: 2.8 texts, collisions listed', async () => {
    await expectFailure([...Z, '--create', '--topic', 'zc bad', '--partitions', '1', '--replication-factor', '1'],
      'org.apache.kafka.common.errors.InvalidTopicException',
      'Topic name "zc bad" is illegal, it contains a character other than ASCII alphanumerics, \'.\', \'_\' and \'-\'');
    await expectFailure([...Z, '--create', '--topic', '.', '--partitions', '1', '--replication-factor', '1'],
      'org.apache.kafka.common.errors.InvalidTopicException', 'Topic name cannot be "." or ".."', WARNING_COLLISION);
    await create('zc_coll');
    await expectFailure([...Z, '--create', '--topic', 'zc.coll', '--partitions', '1', '--replication-factor', '1'],
      'org.apache.kafka.common.errors.InvalidTopicException', "Topic 'zc.coll' collides with existing topics: zc_coll", WARNING_COLLISION);
  });

  it('--replica-assignment instead of --partitions/--replication-factor', async () => {
    expectConnected(await kt([...Z, '--create', '--topic', 'zc-ra', '--replica-assignment', '1,1']), 0, 'Created topic zc-ra.\n');
    expectConnected(await kt([...Z, '--describe', '--topic', 'zc-ra']), 0,
      topicLine('zc-ra', 2, '') + partitionLine('zc-ra', 0) + partitionLine('zc-ra', 1));
    await expectFailure([...Z, '--create', '--topic', 'zc-ra2', '--replica-assignment', ','],
      'org.apache.kafka.common.errors.InvalidReplicaAssignmentException', 'All partitions should have the same number of replicas');
    await expectFailure([...Z, '--create', '--topic', 'zc-ra2', '--replica-assignment', '1:1'],
      'kafka.common.AdminCommandFailedException', 'Partition replica lists may not contain duplicate entries: 1');
  });

  it('message.format.version: the 2.8 warning, then the (Kafka 4) broker refuses the config', async () => {
    await expectFailure([...Z, '--create', '--topic', 'zc-mfv', '--partitions', '1', '--replication-factor', '1',
      '--config', 'message.format.version=2.8'], 'org.apache.kafka.common.errors.InvalidConfigurationException',
    'Unknown topic config name: message.format.version',
    'WARNING: The configuration message.format.version=2.8 is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.\n');
  });
});

describe.concurrent('list, describe (2.8)', () => {
  it('list: one name per line; nothing at all when nothing matches', async () => {
    await create('zl-b');
    await create('zl-a');
    expectConnected(await kt([...Z, '--list', '--topic', 'zl-.*']), 0, 'zl-a\nzl-b\n');
    expectConnected(await kt([...Z, '--list', '--topic', 'zl-none']), 0, '');
  });

  it('describe: only topic overrides under Configs, no Elr fields', async () => {
    await create('zd-plain');
    await create('zd-cfg', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact');
    expectConnected(await kt([...Z, '--describe', '--topic', 'zd-plain|zd-cfg']), 0,
      topicLine('zd-cfg', 1, 'cleanup.policy=compact,retention.ms=1000') + partitionLine('zd-cfg', 0)
      + topicLine('zd-plain', 1, '') + partitionLine('zd-plain', 0));
    expectConnected(await kt([...Z, '--describe', '--topic', 'zd-plain|zd-cfg', '--topics-with-overrides']), 0,
      topicLine('zd-cfg', 1, 'cleanup.policy=compact,retention.ms=1000'));
  });

  it('describe an unknown topic', async () => {
    await expectFailure([...Z, '--describe', '--topic', 'zd-missing'], 'java.lang.IllegalArgumentException',
      "Topic 'zd-missing' does not exist as expected");
    expectConnected(await kt([...Z, '--describe', '--topic', 'zd-missing', '--if-exists']), 0, '');
  });
});

describe.concurrent('alter, delete (2.8)', () => {
  it('alter --partitions: warning, then "Adding partitions succeeded!"', async () => {
    await create('za-grow');
    expectConnected(await kt([...Z, '--alter', '--topic', 'za-grow', '--partitions', '3']), 0, `${WARNING_PARTITIONS}Adding partitions succeeded!\n`);
    expectConnected(await kt([...Z, '--describe', '--topic', 'za-grow']), 0,
      topicLine('za-grow', 3, '') + partitionLine('za-grow', 0) + partitionLine('za-grow', 1) + partitionLine('za-grow', 2));
    await expectFailure([...Z, '--alter', '--topic', 'za-grow', '--partitions', '2'], 'org.apache.kafka.common.errors.InvalidPartitionsException',
      'The number of partitions for a topic can only be increased. Topic za-grow currently has 3 partitions, 2 would not be an increase.',
      WARNING_PARTITIONS);
  });

  it('alter with a replica assignment for the new partitions', async () => {
    await create('za-ra');
    expectConnected(await kt([...Z, '--alter', '--topic', 'za-ra', '--partitions', '2', '--replica-assignment', '1,1']), 0,
      `${WARNING_PARTITIONS}Adding partitions succeeded!\n`);
    await expectFailure([...Z, '--alter', '--topic', 'za-ra', '--partitions', '3', '--replica-assignment', '1,1,2'],
      'org.apache.kafka.common.errors.BrokerNotAvailableException',
      'Some brokers specified for partition id 2 are not available. Specified brokers: 2, available brokers: 1.', WARNING_PARTITIONS);
  });

  it('alter without --partitions or configs does nothing; unknown topics', async () => {
    await create('za-noop');
    expectConnected(await kt([...Z, '--alter', '--topic', 'za-noop']), 0, '');
    await expectFailure([...Z, '--alter', '--topic', 'za-missing', '--partitions', '2'], 'java.lang.IllegalArgumentException',
      "Topic 'za-missing' does not exist as expected");
    expectConnected(await kt([...Z, '--alter', '--topic', 'za-missing', '--partitions', '2', '--if-exists']), 0, '');
  });

  it('internal topics: no partition changes, no deletion', async () => {
    await create('__consumer_offsets');
    await expectFailure([...Z, '--alter', '--topic', '__consumer_offsets', '--partitions', '3'], 'java.lang.IllegalArgumentException',
      'The number of partitions for the internal topic __consumer_offsets cannot be changed.');
    await expectFailure([...Z, '--delete', '--topic', '__consumer_offsets'], 'kafka.admin.AdminOperationException',
      'Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion.');
    expectConnected(await kt([...Z, '--list', '--topic', '__.*']), 0, '__consumer_offsets\n');
    expectConnected(await kt([...Z, '--list', '--topic', '__.*', '--exclude-internal']), 0, '');
  });

  it('delete: each topic "marked for deletion"', async () => {
    await create('zx-a');
    await create('zx-b');
    const marked = (t: string) => `Topic ${t} is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n`;
    expectConnected(await kt([...Z, '--delete', '--topic', 'zx-.*']), 0, marked('zx-a') + marked('zx-b'));
    expectConnected(await kt([...Z, '--list', '--topic', 'zx-.*']), 0, '');
    await expectFailure([...Z, '--delete', '--topic', 'zx-a'], 'java.lang.IllegalArgumentException', "Topic 'zx-a' does not exist as expected");
  });
});
