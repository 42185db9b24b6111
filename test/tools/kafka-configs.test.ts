// kafka-configs with --bootstrap-server: Kafka 4.4's ConfigCommand behaviour and texts
// (spec/cli.md §1, §6, §12, §13). Transcript tests: exact stdout, stderr and exit code of
// bin/kafka-configs against an engine of this file's own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ROOT, tempDir, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine, type Result } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { configSpecs } = require(path.join(ROOT, 'dist/tools/configs/options'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parseConfigsToBeAdded, parseConfigsToBeDeleted } = require(path.join(ROOT, 'dist/tools/configs/parse'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parseOptions } = require(path.join(ROOT, 'dist/cli/options'));

const HELP = formatHelp(configSpecs('kafka4')) as string;
const HELP_MESSAGE = 'This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group';

let engine: TestEngine;
let B: string[];

useEngine((e) => {
  engine = e;
  B = ['--bootstrap-server', e.bootstrap];
});

const kc = (args: string[], tool = 'kafka-configs'): Promise<Result> => runMasked(tool, args);

/** Message-only failures (IllegalArgumentException, InvalidConfigurationException, OptionException). */
async function expectMessage(args: string[], message: string, stdout = ''): Promise<void> {
  expectRun(await kc(args), 1, stdout, `${message}\n`);
}

/** Other failures: the command line, then the first line of the stack trace. */
async function expectError(args: string[], firstLine: string, stdout = ''): Promise<void> {
  expectRun(await kc(args), 1, stdout, `Error while executing config command with args '${args.join(' ')}'\n${firstLine}\n`);
}

/** A broker error, as the admin client's future reports it. */
function execution(javaClass: string, message: string): string {
  return `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.${javaClass}: ${message}`;
}

async function expectUsage(args: string[], message: string): Promise<void> {
  expectRun(await kc(args), 1, '', `${message}\n${HELP}`);
}

const topicHeader = (t: string) => `Dynamic configs for topic ${t} are:\n`;
const entry = (name: string, value: string, synonyms: string) => `  ${name}=${value} sensitive=false synonyms={${synonyms}}\n`;

describe('--add-config / --delete-config parsing (ConfigCommand.parseConfigsToBeAdded)', () => {
  const added = (value: string) => Object.fromEntries(parseConfigsToBeAdded(parseOptions(configSpecs('kafka4'), ['--add-config', value]), 'kafka4', () => undefined));
  const deleted = (...args: string[]) => parseConfigsToBeDeleted(parseOptions(configSpecs('kafka4'), args.flatMap((a) => ['--delete-config', a])));

  it('splits on commas outside brackets, removes the brackets, trims, keeps empty values', () => {
    expect(added('a=1,b=[x,y], c = 2 ,d=')).toEqual({ a: '1', b: 'x,y', c: '2', d: '' });
    expect(added('k=[a=b,c]')).toEqual({ k: 'a=b,c' });
    expect(added('a=1,a=2,')).toEqual({ a: '2' });
    expect(() => added('a=b=c')).toThrow('Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.');
    expect(() => added('a=1,b')).toThrow('Invalid entity config');
  });

  it('--delete-config: comma separated and repeatable, trimmed', () => {
    expect(deleted('a, b', 'c')).toEqual(['a', 'b', 'c']);
  });
});

describe('usage, help and version', () => {
  it('no arguments and --help: the help table on stderr, exit 1; --version', async () => {
    await expectUsage([], HELP_MESSAGE);
    expectRun(await kc(['--help'], 'kafka-configs.sh'), 1, '', `${HELP_MESSAGE}\n${HELP}`);
    expectRun(await kc(['--version']), 0, '4.4.0\n');
  });

  it('exactly one action; --describe excludes --add-config (usage)', async () => {
    await expectUsage([...B, '--topic', 't'], 'Command must include exactly one action: --describe, --alter');
    await expectUsage([...B, '--topic', 't', '--describe', '--alter'], 'Command must include exactly one action: --describe, --alter');
    await expectUsage([...B, '--topic', 't', '--describe', '--add-config', 'a=1'], 'Option "[describe]" can\'t be used with option "[add-config]"');
    await expectUsage([...B, '--topic', 't', '--describe', '--delete-config', 'a'], 'Option "[describe]" can\'t be used with option "[delete-config]"');
  });
});

describe.concurrent('argument errors: the message alone on stderr, exit 1', () => {
  it('jopt errors', async () => {
    await expectMessage([...B, '--describe', '--topics', 't'], 'topics is not a recognized option');
    await expectMessage([...B, '--describe', '--topic'], 'Option topic requires an argument');
    await expectMessage([...B, '--alter', '--topic', 't', '--add-config', 'a=1', '--add-config', 'b=2'],
      'Found multiple arguments for option add-config, but you asked for only one');
  });

  it('entity types', async () => {
    await expectMessage(['--describe', '--entity-type', 'topics'], 'Either --bootstrap-server or --bootstrap-controller must be specified.');
    await expectMessage([...B, '--describe', '--entity-type', 'foo'],
      'Invalid entity type foo, the entity type must be one of broker-loggers, topics, clients, users, brokers, ips, client-metrics, groups with a --bootstrap-server or --bootstrap-controller argument');
    await expectMessage([...B, '--describe'], 'At least one entity type must be specified');
    await expectMessage([...B, '--describe', '--entity-type', 'topics', '--entity-type', 'topics'], 'Duplicate entity type(s) specified: topics');
    await expectMessage([...B, '--describe', '--entity-type', 'topics', '--entity-type', 'brokers'], "Only 'users' and 'clients' entity types may be specified together");
    await expectMessage([...B, '--describe', '--entity-type', 'topics', '--topic', 't'], 'Duplicate entity type(s) specified: topics');
    await expectMessage([...B, '--describe', '--entity-name', 'x', '--topic', 't'],
      '--entity-{type,name,default} should not be used in conjunction with specific entity flags');
    await expectMessage(['--describe', '--entity-type', 'brokers'], 'Either --bootstrap-server or --bootstrap-controller must be specified.');
    await expectMessage([...B, '--bootstrap-controller', engine.bootstrap, '--describe', '--entity-type', 'brokers'],
      'Only one of --bootstrap-server or --bootstrap-controller can be specified');
  });

  it('entity names', async () => {
    await expectMessage([...B, '--alter', '--broker', 'x', '--add-config', 'a=1'], 'The entity name for brokers must be a valid integer broker id, but it is: x');
    await expectMessage([...B, '--alter', '--entity-type', 'topics', '--add-config', 'a=1'], 'An entity name must be specified with --alter of topics');
    await expectMessage([...B, '--alter', '--entity-type', 'brokers', '--add-config', 'a=1'],
      'An entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
    await expectMessage([...B, '--describe', '--entity-type', 'broker-loggers'], 'An entity name must be specified with --describe of broker-loggers');
    await expectMessage([...B, '--describe', '--entity-type', 'topics', '--entity-default'], '--entity-default must not be specified with --describe of topics');
  });

  it('what to change', async () => {
    await expectMessage([...B, '--alter', '--topic', 't'], 'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
    await expectMessage([...B, '--alter', '--topic', 't', '--add-config', 'a=1', '--add-config-file', 'f'],
      'Only one of --add-config or --add-config-file must be specified');
    await expectMessage([...B, '--alter', '--topic', 'cfg-parse', '--add-config', 'retention.ms'],
      'Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.');
    await expectMessage([...B, '--alter', '--topic', 'cfg-parse', '--add-config', 'a$b=1'], 'Invalid character found for config key: a$b');
  });
});

describe.concurrent('topics', () => {
  it('alter: set (brackets group a list), describe the dynamic configs, delete', async () => {
    await createTopic(engine, 'cfg-a');
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-a']), 0, topicHeader('cfg-a'));
    expectRun(await kc([...B, '--alter', '--topic', 'cfg-a', '--add-config', 'min.insync.replicas=2, cleanup.policy = [compact,delete]']), 0,
      'Completed updating config for topic cfg-a.\n');
    expectRun(await kc([...B, '--describe', '--entity-type', 'topics', '--entity-name', 'cfg-a']), 0, topicHeader('cfg-a')
      + entry('cleanup.policy', 'compact,delete', 'DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete')
      + entry('min.insync.replicas', '2',
        'DYNAMIC_TOPIC_CONFIG:min.insync.replicas=2, DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=1, DEFAULT_CONFIG:min.insync.replicas=1'));
    // kafka-topics shows the same overrides (plus the static segment.bytes) on its Configs: line.
    const kt = await runMasked('kafka-topics', [...B, '--describe', '--topic', 'cfg-a']);
    expect(kt.stdout.split('\n')[0]).toMatch(/\tConfigs: min\.insync\.replicas=2,cleanup\.policy=compact,delete,segment\.bytes=1073741824$/);
    expectRun(await kc([...B, '--alter', '--topic', 'cfg-a', '--delete-config', 'cleanup.policy', '--delete-config', 'min.insync.replicas']), 0,
      'Completed updating config for topic cfg-a.\n');
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-a']), 0, topicHeader('cfg-a'));
  });

  it('--all: every topic config with its source and synonyms, sorted by name', async () => {
    await createTopic(engine, 'cfg-all', 1, { 'retention.ms': '1000' });
    const r = await kc([...B, '--describe', '--topic', 'cfg-all', '--all']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('All configs for topic cfg-all are:');
    expect(lines.length).toBe(38); // the header and Kafka 4.4's 37 topic configs
    const names = lines.slice(1).map((l) => l.trim().split('=')[0]);
    expect(names).toEqual([...names].sort());
    expect(lines).toContain(entry('retention.ms', '1000', 'DYNAMIC_TOPIC_CONFIG:retention.ms=1000').trimEnd());
    expect(lines).toContain(entry('segment.bytes', '1073741824',
      'STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824').trimEnd());
    // Kafka 4 clusters hold min.insync.replicas at the cluster level (ELR).
    expect(lines).toContain(entry('min.insync.replicas', '1',
      'DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=1, DEFAULT_CONFIG:min.insync.replicas=1').trimEnd());
    expect(lines).toContain(entry('message.timestamp.after.max.ms', '3600000', 'DEFAULT_CONFIG:log.message.timestamp.after.max.ms=3600000').trimEnd());
    expect(lines).toContain(entry('remote.storage.enable', 'false', '').trimEnd());
    expect(lines).toContain(entry('max.message.bytes', '1048588', 'DEFAULT_CONFIG:message.max.bytes=1048588').trimEnd());
  });

  it('--add-config-file; message.format.version is no topic config in Kafka 4 (no warning, the broker refuses it)', async () => {
    await createTopic(engine, 'cfg-file');
    const file = path.join(tempDir('kl-cfg-'), 'add.properties');
    fs.writeFileSync(file, '# comment\nretention.ms = 5000\ncleanup.policy=compact,delete\n');
    expectRun(await kc([...B, '--alter', '--topic', 'cfg-file', '--add-config-file', file]), 0, 'Completed updating config for topic cfg-file.\n');
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-file']), 0, topicHeader('cfg-file')
      + entry('cleanup.policy', 'compact,delete', 'DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete')
      + entry('retention.ms', '5000', 'DYNAMIC_TOPIC_CONFIG:retention.ms=5000'));
    fs.writeFileSync(file, 'message.format.version=3.0\n');
    await expectError([...B, '--alter', '--topic', 'cfg-file', '--add-config-file', file],
      execution('InvalidConfigurationException', 'Unknown topic config name: message.format.version'));
  });

  it('validation errors from the broker: unknown name, wrong type, out of range, invalid enum value', async () => {
    await createTopic(engine, 'cfg-bad');
    const alter = (v: string) => [...B, '--alter', '--topic', 'cfg-bad', '--add-config', v];
    const invalid = (m: string) => execution('InvalidConfigurationException', m);
    await expectError(alter('foo=1'), invalid('Unknown topic config name: foo'));
    await expectError(alter('retention.ms=abc'), invalid('Invalid value abc for configuration retention.ms: Not a number of type LONG'));
    await expectError(alter('segment.bytes=1.5'), invalid('Invalid value 1.5 for configuration segment.bytes: Not a number of type INT'));
    await expectError(alter('preallocate=yes'), invalid('Invalid value yes for configuration preallocate: Expected value to be either true or false'));
    await expectError(alter('min.insync.replicas=0'), invalid('Invalid value 0 for configuration min.insync.replicas: Value must be at least 1'));
    await expectError(alter('min.cleanable.dirty.ratio=2'), invalid('Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1'));
    await expectError(alter('cleanup.policy=[compact,foo]'), invalid('Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete'));
    await expectError(alter('message.timestamp.type=Now'), invalid('Invalid value Now for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime'));
    await expectError(alter('compression.type=brotli'),
      invalid('Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer'));
    // Nothing was stored by the failed attempts.
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-bad']), 0, topicHeader('cfg-bad'));
  });

  it('deleting a key that is not set succeeds (4.4 no longer checks)', async () => {
    await createTopic(engine, 'cfg-del', 1, { 'retention.ms': '1000', 'retention.bytes': '1000' });
    expectRun(await kc([...B, '--alter', '--topic', 'cfg-del', '--delete-config', 'retention.ms,segment.ms,flush.ms']), 0,
      'Completed updating config for topic cfg-del.\n');
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-del']), 0,
      topicHeader('cfg-del') + entry('retention.bytes', '1000', 'DYNAMIC_TOPIC_CONFIG:retention.bytes=1000, DEFAULT_CONFIG:log.retention.bytes=-1'));
  });

  it('a topic that does not exist, a topic name that is invalid', async () => {
    expectRun(await kc([...B, '--describe', '--topic', 'cfg-missing']), 0, "The topic 'cfg-missing' doesn't exist and doesn't have dynamic config.\n");
    // with --all the broker is asked (it answers with an empty message)
    await expectError([...B, '--describe', '--all', '--topic', 'cfg-missing'], execution('UnknownTopicOrPartitionException', ''),
      'All configs for topic cfg-missing are:\n');
    await expectError([...B, '--alter', '--topic', 'cfg-missing', '--add-config', 'retention.ms=1'],
      execution('UnknownTopicOrPartitionException', "The topic 'cfg-missing' does not exist."));
    await expectMessage([...B, '--describe', '--topic', 'bad name'],
      "Topic name is invalid: 'bad name' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'");
  });

  it('--bootstrap-controller reaches the same (combined) node', async () => {
    await createTopic(engine, 'cfg-ctl', 1, { 'retention.ms': '9' });
    expectRun(await kc(['--bootstrap-controller', engine.bootstrap, '--describe', '--topic', 'cfg-ctl']), 0,
      topicHeader('cfg-ctl') + entry('retention.ms', '9', 'DYNAMIC_TOPIC_CONFIG:retention.ms=9'));
  });

  it('describe without a name: every topic', async () => {
    await createTopic(engine, 'cfg-every', 1, { 'retention.ms': '7' });
    const r = await kc([...B, '--describe', '--entity-type', 'topics']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(topicHeader('cfg-every') + entry('retention.ms', '7', 'DYNAMIC_TOPIC_CONFIG:retention.ms=7'));
  });
});

describe('brokers (dynamic per-broker and cluster-wide defaults)', () => {
  const brokerHeader = 'Dynamic configs for broker 1 are:\n';
  // A Kafka 4 cluster's defaults always hold min.insync.replicas (ELR).
  const defaultHeader = 'Default configs for brokers in the cluster are:\n'
    + entry('min.insync.replicas', '1', 'DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=1');

  it('describe without a name: each broker, then the cluster defaults', async () => {
    expectRun(await kc([...B, '--describe', '--entity-type', 'brokers']), 0, brokerHeader + defaultHeader);
  });

  it('alter the cluster defaults and one broker; describe them; delete again', async () => {
    expectRun(await kc([...B, '--alter', '--broker-defaults', '--add-config', 'log.retention.ms=3600000,log.cleaner.threads=2']), 0,
      'Completed updating default config for brokers in the cluster.\n');
    expectRun(await kc([...B, '--alter', '--entity-type', 'brokers', '--entity-name', '1', '--add-config', 'log.cleaner.threads=3']), 0,
      'Completed updating config for broker 1.\n');
    expectRun(await kc([...B, '--describe', '--entity-type', 'brokers']), 0, brokerHeader
      + entry('log.cleaner.threads', '3', 'DYNAMIC_BROKER_CONFIG:log.cleaner.threads=3, DYNAMIC_DEFAULT_BROKER_CONFIG:log.cleaner.threads=2, DEFAULT_CONFIG:log.cleaner.threads=1')
      + 'Default configs for brokers in the cluster are:\n'
      + entry('log.cleaner.threads', '2', 'DYNAMIC_DEFAULT_BROKER_CONFIG:log.cleaner.threads=2')
      + entry('log.retention.ms', '3600000', 'DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=3600000')
      + entry('min.insync.replicas', '1', 'DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=1'));
    // A topic's retention.ms now comes from the cluster default.
    await createTopic(engine, 'cfg-brk');
    const all = await kc([...B, '--describe', '--topic', 'cfg-brk', '--all']);
    expect(all.stdout).toContain(entry('retention.ms', '3600000',
      'DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=3600000, STATIC_BROKER_CONFIG:log.retention.hours=168, DEFAULT_CONFIG:log.retention.hours=168'));
    const b1 = await kc([...B, '--describe', '--broker', '1', '--all']);
    expect(b1.stdout.split('\n')[0]).toBe('All configs for broker 1 are:');
    expect(b1.stdout).toContain(entry('log.segment.bytes', '1073741824',
      'STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824'));
    expectRun(await kc([...B, '--alter', '--broker-defaults', '--delete-config', 'log.retention.ms,log.cleaner.threads']), 0,
      'Completed updating default config for brokers in the cluster.\n');
    expectRun(await kc([...B, '--alter', '--broker', '1', '--delete-config', 'log.cleaner.threads']), 0, 'Completed updating config for broker 1.\n');
    expectRun(await kc([...B, '--describe', '--entity-type', 'brokers']), 0, brokerHeader + defaultHeader);
  });

  it('a custom (unknown) name is sensitive: never shown; other configs change beside it (incremental alter)', async () => {
    expectRun(await kc([...B, '--alter', '--broker', '1', '--add-config', 'custom.secret=s3cr3t']), 0, 'Completed updating config for broker 1.\n');
    expectRun(await kc([...B, '--describe', '--broker', '1']), 0,
      `${brokerHeader}  custom.secret=null sensitive=true synonyms={DYNAMIC_BROKER_CONFIG:custom.secret=null}\n`);
    expectRun(await kc([...B, '--alter', '--broker', '1', '--add-config', 'log.cleaner.threads=2']), 0, 'Completed updating config for broker 1.\n');
    expectRun(await kc([...B, '--alter', '--broker', '1', '--delete-config', 'custom.secret,log.cleaner.threads']), 0, 'Completed updating config for broker 1.\n');
    expectRun(await kc([...B, '--describe', '--broker', '1']), 0, brokerHeader);
  });

  it('validation errors', async () => {
    const invalid = (m: string) => execution('InvalidRequestException', m);
    await expectError([...B, '--alter', '--broker', '1', '--add-config', 'log.dirs=/x'], invalid('Cannot update these configs dynamically: [log.dirs]'));
    await expectError([...B, '--alter', '--broker-defaults', '--add-config', 'listeners=PLAINTEXT://:1'],
      invalid('Cannot update these configs at default cluster level, broker id must be specified: [listeners]'));
    await expectError([...B, '--alter', '--broker-defaults', '--add-config', 'message.max.bytes=-5'],
      invalid('Invalid value -5 for configuration message.max.bytes: Value must be at least 0'));
    await expectError([...B, '--alter', '--broker-defaults', '--add-config', 'log.cleaner.threads=many'],
      invalid('Invalid value many for configuration log.cleaner.threads: Not a number of type INT'));
    await expectError([...B, '--alter', '--broker-defaults', '--add-config', 'log.cleanup.policy=tidy'],
      invalid('Invalid value tidy for configuration log.cleanup.policy: String must be one of: compact, delete'));
    await expectError([...B, '--alter', '--broker-defaults', '--delete-config', 'min.insync.replicas'],
      execution('InvalidConfigurationException', 'Cluster-level min.insync.replicas cannot be removed while ELR is enabled.'));
    expectRun(await kc([...B, '--alter', '--broker-defaults', '--delete-config', 'log.retention.ms']), 0,
      'Completed updating default config for brokers in the cluster.\n');
    expectRun(await kc([...B, '--describe', '--broker', '2']), 0, "The broker '2' doesn't exist and doesn't have dynamic config.\n");
    expectRun(await kc([...B, '--describe', '--entity-type', 'brokers']), 0, brokerHeader + defaultHeader);
  });
});

describe('users, clients, ips: client quotas and SCRAM credentials', () => {
  it('quotas: alter, describe (values as doubles, entities in Kafka\'s map order), delete', async () => {
    expectRun(await kc([...B, '--describe', '--entity-type', 'clients']), 0, '');
    expectRun(await kc([...B, '--alter', '--client', 'q-c1', '--add-config', 'producer_byte_rate=1024,consumer_byte_rate=2048']), 0, 'Completed updating config for client q-c1.\n');
    expectRun(await kc([...B, '--alter', '--client-defaults', '--add-config', 'request_percentage=50']), 0,
      'Completed updating default config for clients in the cluster.\n');
    expectRun(await kc([...B, '--alter', '--user', 'q-alice', '--client', 'q-c1', '--add-config', 'consumer_byte_rate=300']), 0,
      'Completed updating config for client q-c1.\n');
    expectRun(await kc([...B, '--describe', '--client', 'q-c1']), 0, "Quota configs for client-id 'q-c1' are consumer_byte_rate=2048.0, producer_byte_rate=1024.0\n");
    expectRun(await kc([...B, '--describe', '--entity-type', 'users', '--entity-type', 'clients']), 0,
      "Quota configs for user-principal 'q-alice', client-id 'q-c1' are consumer_byte_rate=300.0\n");
    const all = await kc([...B, '--describe', '--entity-type', 'clients']);
    expect(all.stdout.split('\n').sort()).toEqual(['', 'Quota configs for client-id \'q-c1\' are consumer_byte_rate=2048.0, producer_byte_rate=1024.0',
      'Quota configs for the default client-id are request_percentage=50.0']);
    await expectMessage([...B, '--alter', '--client', 'q-c1', '--delete-config', 'request_percentage'], 'Invalid config(s): request_percentage');
    await expectMessage([...B, '--alter', '--client', 'q-c1', '--add-config', 'producer_byte_rate=lots'], 'Cannot parse quota configuration value for producer_byte_rate: lots');
    await expectError([...B, '--alter', '--client', 'q-c1', '--add-config', 'producer_byte_rate=1.5'],
      execution('InvalidRequestException', 'producer_byte_rate cannot be a fractional value.'));
    await expectError([...B, '--alter', '--client', 'q-c1', '--add-config', 'producer_byte_rate=-1'],
      execution('InvalidRequestException', 'Quota producer_byte_rate must be greater than 0'));
    for (const args of [['--client', 'q-c1', '--delete-config', 'producer_byte_rate,consumer_byte_rate'], ['--client-defaults', '--delete-config', 'request_percentage'],
      ['--user', 'q-alice', '--client', 'q-c1', '--delete-config', 'consumer_byte_rate']]) {
      expect((await kc([...B, '--alter', ...args])).code).toBe(0);
    }
    expectRun(await kc([...B, '--describe', '--entity-type', 'users', '--entity-type', 'clients']), 0, '');
  });

  it('ips: connection_creation_rate only', async () => {
    expectRun(await kc([...B, '--alter', '--ip', '127.0.0.9', '--add-config', 'connection_creation_rate=10']), 0, 'Completed updating config for ip 127.0.0.9.\n');
    expectRun(await kc([...B, '--describe', '--ip', '127.0.0.9']), 0, "Quota configs for ip '127.0.0.9' are connection_creation_rate=10.0\n");
    await expectError([...B, '--alter', '--ip', '127.0.0.9', '--add-config', 'connection_creation_rate=1.5'],
      execution('InvalidRequestException', 'connection_creation_rate cannot be a fractional value.'));
    expect((await kc([...B, '--alter', '--ip', '127.0.0.9', '--delete-config', 'connection_creation_rate'])).code).toBe(0);
  });

  it('SCRAM credentials: set, describe (iterations only), delete; the tool\'s and the broker\'s checks', async () => {
    expectRun(await kc([...B, '--alter', '--user', 'q-bob', '--add-config', 'SCRAM-SHA-256=[iterations=8192,password=secret]']), 0,
      'Completed updating config for user q-bob.\n');
    expectRun(await kc([...B, '--describe', '--user', 'q-bob']), 0, "SCRAM credential configs for user-principal 'q-bob' are SCRAM-SHA-256=iterations=8192\n");
    await expectMessage([...B, '--alter', '--user', 'q-bob', '--add-config', 'SCRAM-SHA-512=[iterations=10,password=x]'],
      'Iterations 10 is less than the minimum 4096 required for SCRAM-SHA-512');
    await expectMessage([...B, '--alter', '--user', 'q-bob', '--add-config', 'SCRAM-SHA-512=[iterations=8192]'], 'Invalid credential property SCRAM_SHA_512=iterations=8192');
    await expectError([...B, '--alter', '--user', 'q-bob', '--add-config', 'SCRAM-SHA-256=[password=a],SCRAM-SHA-512=[password=b]'],
      execution('DuplicateResourceException', 'A user credential cannot be altered twice in the same request'));
    await expectError([...B, '--alter', '--user', 'q-bob', '--delete-config', 'SCRAM-SHA-512'],
      execution('ResourceNotFoundException', 'Attempt to delete a user credential that does not exist'));
    expectRun(await kc([...B, '--alter', '--user', 'q-bob', '--delete-config', 'SCRAM-SHA-256']), 0, 'Completed updating config for user q-bob.\n');
    expectRun(await kc([...B, '--describe', '--user', 'q-bob']), 0, '');
  });

  it('the tool\'s checks of quota and SCRAM names', async () => {
    await expectMessage([...B, '--alter', '--client', 'c1', '--add-config', 'retention.ms=1'],
      "Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: retention.ms");
    await expectMessage([...B, '--alter', '--client', 'c1', '--add-config', 'retention.ms=1,a=2'],
      "Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: a,retention.ms");
    await expectMessage([...B, '--alter', '--ip', '127.0.0.1', '--add-config', 'producer_byte_rate=1'],
      "Only connection quota configs can be added for 'ips' using --bootstrap-server. Unexpected config names: producer_byte_rate");
    await expectMessage([...B, '--alter', '--ip', '127.0.0.1', '--add-config', 'producer_byte_rate=1,x=2'],
      "Only connection quota configs can be added for 'ips' using --bootstrap-server. Unexpected config names: x, producer_byte_rate");
    await expectMessage([...B, '--alter', '--user-defaults', '--add-config', 'SCRAM-SHA-256=[password=c]'],
      'The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.');
    await expectMessage([...B, '--alter', '--user', 'u', '--add-config', 'SCRAM-SHA-256=[password=c],producer_byte_rate=5'],
      "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.");
  });
});

describe('broker loggers', () => {
  const L1 = ['--entity-type', 'broker-loggers', '--entity-name', '1'];
  const line = (logger: string, level: string) => `  ${logger}=${level} sensitive=false synonyms={}\n`;

  it('describe lists root and the engine\'s loggers at their effective levels; alter and delete change them', async () => {
    const before = await kc([...B, '--describe', ...L1]);
    expect(before.code).toBe(0);
    expect(before.stdout.startsWith('Dynamic configs for broker-logger 1 are:\n')).toBe(true);
    expect(before.stdout).toContain(line('root', 'INFO'));
    expect(before.stdout).toContain(line('kafka.server.ReplicaManager', 'INFO'));
    expectRun(await kc([...B, '--alter', ...L1, '--add-config', 'kafka.server.ReplicaManager=DEBUG,kafka.log.LogCleaner=FATAL']), 0,
      'Completed updating config for broker-logger 1.\n');
    const after = await kc([...B, '--describe', '--broker-logger', '1']);
    expect(after.stdout).toContain(line('kafka.server.ReplicaManager', 'DEBUG'));
    expect(after.stdout).toContain(line('kafka.log.LogCleaner', 'FATAL'));
    expectRun(await kc([...B, '--alter', ...L1, '--delete-config', 'kafka.server.ReplicaManager,kafka.log.LogCleaner']), 0,
      'Completed updating config for broker-logger 1.\n');
    expectRun(await kc([...B, '--describe', ...L1]), 0, before.stdout);
  });

  it('Kafka\'s refusals: levels, unknown loggers, root, other brokers', async () => {
    await expectError([...B, '--alter', ...L1, '--add-config', 'root=VERBOSE'], execution('InvalidConfigurationException',
      'Cannot set the log level of root to VERBOSE as it is not a supported log level. Valid log levels are DEBUG, ERROR, FATAL, INFO, TRACE, WARN'));
    await expectError([...B, '--alter', ...L1, '--add-config', 'root=OFF'], execution('InvalidConfigurationException',
      'Cannot set the log level of root to OFF as it is not a supported log level. Valid log levels are DEBUG, ERROR, FATAL, INFO, TRACE, WARN'));
    await expectError([...B, '--alter', ...L1, '--delete-config', 'root'],
      execution('InvalidRequestException', 'Removing the log level of the root logger is not allowed'));
    // The tool checks the names against the broker's list first.
    await expectMessage([...B, '--alter', ...L1, '--add-config', 'kafka.server=DEBUG'], 'Invalid broker logger(s): kafka.server');
    expectRun(await kc([...B, '--describe', '--entity-type', 'broker-loggers', '--entity-name', '2']), 0,
      "The broker-logger '2' doesn't exist and doesn't have dynamic config.\n");
  });
});

describe('groups and client metrics subscriptions', () => {
  it('group configs: set (within the broker\'s bounds), describe with synonyms, delete', async () => {
    expectRun(await kc([...B, '--describe', '--group', 'cg-1']), 0, "The group 'cg-1' doesn't exist and doesn't have dynamic config.\n");
    expectRun(await kc([...B, '--alter', '--group', 'cg-1', '--add-config', 'consumer.session.timeout.ms=50000']), 0, 'Completed updating config for group cg-1.\n');
    expectRun(await kc([...B, '--describe', '--group', 'cg-1']), 0, 'Dynamic configs for group cg-1 are:\n'
      + entry('consumer.session.timeout.ms', '50000', 'DYNAMIC_GROUP_CONFIG:consumer.session.timeout.ms=50000, DEFAULT_CONFIG:group.consumer.session.timeout.ms=45000'));
    const all = await kc([...B, '--describe', '--all', '--group', 'cg-1']);
    expect(all.stdout.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(21);
    expect(all.stdout).toContain(entry('streams.assignor.name', 'sticky', 'DEFAULT_CONFIG:group.streams.assignors=sticky'));
    const invalid = (m: string) => execution('InvalidConfigurationException', m);
    await expectError([...B, '--alter', '--group', 'cg-1', '--add-config', 'consumer.session.timeout.ms=1000'],
      invalid('consumer.session.timeout.ms must be in the range 45000 to 60000 inclusive.'));
    await expectError([...B, '--alter', '--group', 'cg-1', '--add-config', 'foo=1'], invalid('Unknown group config name: foo'));
    await expectError([...B, '--alter', '--group', 'cg-1', '--add-config', 'streams.num.standby.replicas=10'],
      invalid('streams.num.standby.replicas must be less than or equal to 2'));
    expectRun(await kc([...B, '--alter', '--group', 'cg-1', '--delete-config', 'consumer.session.timeout.ms']), 0, 'Completed updating config for group cg-1.\n');
    expectRun(await kc([...B, '--describe', '--group', 'cg-1']), 0, "The group 'cg-1' doesn't exist and doesn't have dynamic config.\n");
  });

  it('client metrics subscriptions: set, describe, Kafka\'s checks, delete', async () => {
    expectRun(await kc([...B, '--describe', '--entity-type', 'client-metrics', '--entity-name', 'cm-1']), 0,
      "The client-metric 'cm-1' doesn't exist and doesn't have dynamic config.\n");
    expectRun(await kc([...B, '--alter', '--client-metrics', 'cm-1', '--add-config', 'interval.ms=1000,match=[client_id=abc.*]']), 0,
      'Completed updating config for client-metric cm-1.\n');
    expectRun(await kc([...B, '--describe', '--all', '--client-metrics', 'cm-1']), 0, 'All configs for client-metric cm-1 are:\n'
      + entry('interval.ms', '1000', 'DYNAMIC_CLIENT_METRICS_CONFIG:interval.ms=1000')
      + entry('match', 'client_id=abc.*', 'DYNAMIC_CLIENT_METRICS_CONFIG:match=client_id=abc.*')
      + entry('metrics', '', ''));
    await expectError([...B, '--alter', '--client-metrics', 'cm-1', '--add-config', 'interval.ms=10'],
      execution('InvalidRequestException', 'Invalid value 10 for interval.ms, interval must be between 100 and 3600000 (1 hour)'));
    await expectError([...B, '--alter', '--client-metrics', 'cm-1', '--add-config', 'match=[foo=bar]'],
      execution('InvalidConfigurationException', 'Illegal client matching pattern: foo=bar'));
    expectRun(await kc([...B, '--alter', '--client-metrics', 'cm-1', '--delete-config', 'interval.ms,match']), 0, 'Completed updating config for client-metric cm-1.\n');
    expectRun(await kc([...B, '--describe', '--entity-type', 'client-metrics']), 0, '');
  });
});
