// kafka-configs and kafka-topics --alter --config with the seed-era --zookeeper HOST:PORT: Kafka
// 2.8's behaviour and texts, served by the broker on that host (spec/cli.md §2, §6, §14). Exact
// stdout, stderr and exit code.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, type TestEngine } from '../helpers/engine';
import { createTopic, expectRun, runMasked, useEngine, type Result } from '../helpers/tools';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { formatHelp } = require(path.join(ROOT, 'dist/cli/help'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { configSpecs } = require(path.join(ROOT, 'dist/tools/configs/options'));

const HELP = formatHelp(configSpecs('zk28')) as string;
const WARNING = 'Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.\n'
  + 'Use --bootstrap-server instead to specify a broker to connect to.\n';

let engine: TestEngine;
let Z: string[];
let HINT: string;
let TOPICS_HINT: string;

useEngine((e) => {
  engine = e;
  Z = ['--zookeeper', e.bootstrap];
  HINT = `kafka-local: --zookeeper is a ZooKeeper-era option (kafka-configs took it until Kafka 3.9, since 3.0 only for users and brokers); connecting to the broker at ${e.bootstrap} instead. Use --bootstrap-server ${e.bootstrap}.\n`;
  TOPICS_HINT = `kafka-local: --zookeeper is a ZooKeeper-era option (removed in Kafka 3.0); connecting to the broker at ${e.bootstrap} instead. Use --bootstrap-server ${e.bootstrap}.\n`;
});

const kc = (args: string[]): Promise<Result> => runMasked('kafka-configs', args);

/** A run that reached the broker: the deprecation warning on stdout, the hint on stderr. */
function expectConnected(r: Result, code: number, stdout: string, stderr = ''): void {
  expectRun(r, code, WARNING + stdout, HINT + stderr);
}

describe('arguments (2.8)', () => {
  it('help, version and 2.8 messages', async () => {
    expectRun(await kc([...Z, '--help']), 1, '', `This tool helps to manipulate and describe entity config for a topic, client, user, broker or ip\n${HELP}`);
    expectRun(await kc([...Z, '--version']), 0, '2.8.2 (Commit:3146c6ff4a24cc24)\n');
    expectRun(await kc([...Z, '--describe', '--entity-type', 'groups']), 1, '',
      'Invalid entity type groups, the entity type must be one of topics,clients,users,brokers,ips with the --zookeeper argument\n');
    expectRun(await kc([...Z, '--bootstrap-server', engine.bootstrap, '--describe', '--topic', 't']), 1, '',
      'Only one of --bootstrap-server or --zookeeper must be specified\n');
    expectRun(await kc([...Z, '--describe', '--topic', 't', '--all']), 1, '', '--bootstrap-server must be specified for --all\n');
    expectRun(await kc([...Z, '--alter', '--entity-type', 'topics', '--add-config', 'a=1']), 1, '',
      'an entity name must be specified with --alter of topics\n');
  });
});

describe.concurrent('topics (2.8)', () => {
  it('alter, describe, delete: "Completed updating config for entity: topic \'x\'."', async () => {
    await createTopic(engine, 'zc-a');
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'topics', '--entity-name', 'zc-a']), 0, "Configs for topic 'zc-a' are \n");
    expectConnected(await kc([...Z, '--alter', '--entity-type', 'topics', '--entity-name', 'zc-a', '--add-config', 'retention.ms=1000,cleanup.policy=[compact,delete]']), 0,
      "Completed updating config for entity: topic 'zc-a'.\n");
    expectConnected(await kc([...Z, '--describe', '--topic', 'zc-a']), 0, "Configs for topic 'zc-a' are cleanup.policy=compact,delete,retention.ms=1000\n");
    expectConnected(await kc([...Z, '--alter', '--topic', 'zc-a', '--delete-config', 'cleanup.policy']), 0,
      "Completed updating config for entity: topic 'zc-a'.\n");
    expectConnected(await kc([...Z, '--describe', '--topic', 'zc-a']), 0, "Configs for topic 'zc-a' are retention.ms=1000\n");
    // The broker uses what was written: the --bootstrap-server view agrees.
    expectRun(await kc(['--bootstrap-server', engine.bootstrap, '--describe', '--topic', 'zc-a']), 0,
      'Dynamic configs for topic zc-a are:\n  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}\n');
  });

  it('2.8 validation in the tool: unknown name (message only), wrong value, missing topic, unset key', async () => {
    await createTopic(engine, 'zc-bad');
    const alter = (cfg: string, topic = 'zc-bad') => [...Z, '--alter', '--topic', topic, '--add-config', cfg];
    const stack = (args: string[], line: string) => `Error while executing config command with args '${args.join(' ')}'\n${line}\n`;
    expectConnected(await kc(alter('foo=1')), 1, '', 'Unknown topic config name: foo\n');
    const wrong = alter('retention.ms=x');
    expectConnected(await kc(wrong), 1, '', stack(wrong, 'org.apache.kafka.common.config.ConfigException: Invalid value x for configuration retention.ms: Not a number of type LONG'));
    const missing = alter('retention.ms=1', 'zc-missing');
    expectConnected(await kc(missing), 1, '', stack(missing, "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: Topic 'zc-missing' does not exist."));
    expectConnected(await kc([...Z, '--alter', '--topic', 'zc-bad', '--delete-config', 'segment.ms']), 1, '', 'Invalid config(s): segment.ms\n');
    // 2.8 warns about message.format.version; the (Kafka 4) broker then refuses it.
    const mfv = alter('message.format.version=2.8');
    expectConnected(await kc(mfv), 1,
      'WARNING: The configuration message.format.version=2.8 is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.\n',
      stack(mfv, 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: message.format.version'));
  });

  it('kafka-topics --zookeeper --alter --config / --delete-config', async () => {
    await createTopic(engine, 'zt-cfg', 1, { 'retention.ms': '1000' });
    const deprecated = 'WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.\n'
      + '         Going forward, please use kafka-configs.sh for this functionality\n';
    const r = await runMasked('kafka-topics', [...Z, '--alter', '--topic', 'zt-cfg', '--config', 'segment.ms=100000', '--config', 'min.insync.replicas=2', '--delete-config', 'retention.ms']);
    expectRun(r, 0, `${deprecated}Updated config for topic zt-cfg.\n`, TOPICS_HINT);
    const d = await runMasked('kafka-topics', [...Z, '--describe', '--topic', 'zt-cfg'], { maskStdout: true });
    expectRun(d, 0, 'Topic: zt-cfg\tTopicId: <id>\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: min.insync.replicas=2,segment.ms=100000\n'
      + '\tTopic: zt-cfg\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n', TOPICS_HINT);
  });
});

describe('brokers (2.8)', () => {
  it('describe the running broker and its defaults; adding configs is refused while it runs', async () => {
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'brokers', '--entity-name', '1']), 0, "Configs for brokers '1' are \n");
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'brokers', '--entity-default']), 0, 'Configs for default brokers are \n');
    expectConnected(await kc([...Z, '--alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'log.retention.ms=5']), 1, '',
      'requirement failed: --bootstrap-server option must be specified to update broker configs Set(log.retention.ms). for default cluster if any broker is running. Broker configuration updates using ZooKeeper are supported for bootstrapping before brokers are started to enable encrypted password configs to be stored in ZooKeeper.\n');
    expectConnected(await kc([...Z, '--alter', '--entity-type', 'brokers', '--entity-name', '1', '--add-config', 'log.cleaner.threads=2']), 1, '',
      'requirement failed: --bootstrap-server option must be specified to update broker configs Set(log.cleaner.threads). when broker 1 is running. Broker configuration updates using ZooKeeper are supported for bootstrapping before brokers are started to enable encrypted password configs to be stored in ZooKeeper.\n');
    // Set with --bootstrap-server, seen and deleted through --zookeeper.
    expectRun(await kc(['--bootstrap-server', engine.bootstrap, '--alter', '--broker', '1', '--add-config', 'log.cleaner.threads=2']), 0,
      'Completed updating config for broker 1.\n');
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'brokers']), 0, "Configs for brokers '1' are log.cleaner.threads=2\n");
    expectConnected(await kc([...Z, '--alter', '--entity-type', 'brokers', '--entity-name', '1', '--delete-config', 'log.cleaner.threads']), 0,
      "Completed updating config for entity: brokers '1'.\n");
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'brokers']), 0, '');
  });
});

describe.concurrent('users, clients, ips (2.8)', () => {
  it('quotas as 2.8 wrote and read them in ZooKeeper (the broker\'s client quotas here)', async () => {
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'users', '--entity-name', 'zq-alice']), 0, "Configs for user-principal 'zq-alice' are \n");
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'users', '--entity-name', 'zq-alice', '--entity-type', 'clients', '--entity-default']), 0,
      "Configs for user-principal 'zq-alice', default client-id are \n");
    const alter = (entity: string[], ...more: string[]) => kc([...Z, '--alter', ...entity, ...more]);
    const c1 = ['--entity-type', 'clients', '--entity-name', 'zq-c1'];
    expectConnected(await alter(c1, '--add-config', 'producer_byte_rate=1024,request_percentage=12.5'), 0, "Completed updating config for entity: client-id 'zq-c1'.\n");
    expectConnected(await kc([...Z, '--describe', ...c1]), 0, "Configs for client-id 'zq-c1' are request_percentage=12.5,producer_byte_rate=1024\n");
    expectConnected(await alter(['--entity-type', 'clients', '--entity-default'], '--add-config', 'consumer_byte_rate=10'), 0,
      'Completed updating config for entity: default client-id.\n');
    const all = await kc([...Z, '--describe', '--entity-type', 'clients']);
    expect(all.stdout).toContain("Configs for client-id 'zq-c1' are request_percentage=12.5,producer_byte_rate=1024\n");
    expect(all.stdout).toContain('Configs for default client-id are consumer_byte_rate=10\n');
    // 2.8's checks: unknown names, values of the wrong type, keys that are not set
    expectConnected(await alter(c1, '--add-config', 'foo=1'), 1, '', 'requirement failed: Unknown Dynamic Configuration: HashSet(foo).\n');
    const bad = [...Z, '--alter', ...c1, '--add-config', 'consumer_byte_rate=2.5'];
    expectConnected(await kc(bad), 1, '', `Error while executing config command with args '${bad.join(' ')}'\n`
      + 'org.apache.kafka.common.config.ConfigException: Invalid value 2.5 for configuration consumer_byte_rate: Not a number of type LONG\n');
    expectConnected(await alter(c1, '--delete-config', 'consumer_byte_rate'), 1, '', 'Invalid config(s): consumer_byte_rate\n');
    expectConnected(await alter(c1, '--delete-config', 'producer_byte_rate,request_percentage'), 0, "Completed updating config for entity: client-id 'zq-c1'.\n");
    expectConnected(await alter(['--entity-type', 'clients', '--entity-default'], '--delete-config', 'consumer_byte_rate'), 0,
      'Completed updating config for entity: default client-id.\n');
    expectConnected(await kc([...Z, '--describe', '--entity-type', 'clients']), 0, '');
  });
});
