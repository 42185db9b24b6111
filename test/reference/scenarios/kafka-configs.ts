// kafka-configs (spec/cli.md sections 1, 6, 12, 13): parsing, describe and alter of topics and
// brokers (per broker and cluster default, --all with sources and synonyms), the argument and
// broker errors, and the seed-era --zookeeper texts of Kafka 2.8 (legacy). Every scenario that
// changes a broker config restores it in its last step.
import { awaitGone, awaitOutput, literal, prepare, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const ZK = ['--zookeeper', '{zookeeper}'];

/** A compared kafka-configs step against the broker. */
const kc = (...args: string[]): Step => step('kafka-configs', ...B, ...args);
const pkc = (...args: string[]): Step => prepare('kafka-configs', ...B, ...args);
/** Wait until the broker's describe shows `text` (its metadata image follows the controller). */
const seen = (text: string, ...args: string[]): Step => awaitOutput(literal(text), 'kafka-configs', ...B, '--describe', ...args);
/** Wait until the broker's describe no longer shows `text`. */
const gone = (text: string, ...args: string[]): Step => awaitGone(literal(text), 'kafka-configs', ...B, '--describe', ...args);
/** Seed-era: a compared kafka-configs step with --zookeeper. */
const zk = (...args: string[]): Step => step('kafka-configs', ...ZK, ...args);
/** Create a topic (preparing step). */
const create = (topic: string, ...more: string[]): Step => prepare('kafka-topics', ...B, '--create', '--topic', topic, ...more);
const zkCreate = (topic: string, ...more: string[]): Step =>
  prepare('kafka-topics', ...ZK, '--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1', ...more);
/** FindCoordinator creates __consumer_offsets (see kafka-topics.ts). */
const offsetsTopic = (): Step => prepare('kafka-consumer-groups', ...B, '--describe', '--group', 'offsets-topic-maker');

const topic = (name: string) => ['--entity-type', 'topics', '--entity-name', name];
const broker1 = ['--entity-type', 'brokers', '--entity-name', '1'];
const brokerDefault = ['--entity-type', 'brokers', '--entity-default'];
const brokerLogger1 = ['--entity-type', 'broker-loggers', '--entity-name', '1'];

/**
 * Nothing listens on 127.0.0.1:1: the admin client retries until default.api.timeout.ms (kept
 * short here) and fails with "Timed out waiting for a node assignment".
 */
const UNREACHABLE_FILES = { 'admin.properties': 'default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n' };
const UNREACHABLE = ['--bootstrap-server', '127.0.0.1:1', '--command-config', '{dir}/admin.properties'];

export const configs: Scenario[] = [
  // ---- section 1: parsing, usage, version; section 6.1: argument checks --------------------------
  { id: 'kafka-configs/no-args', steps: [step('kafka-configs')] },
  { id: 'kafka-configs/help', steps: [step('kafka-configs', '--help')] },
  { id: 'kafka-configs/version', steps: [step('kafka-configs', '--version')] },
  { id: 'kafka-configs/unknown-option', steps: [kc('--describe', '--entity-type', 'topics', '--no-such-option')] },
  { id: 'kafka-configs/missing-value', steps: [kc('--describe', '--entity-type')] },
  { id: 'kafka-configs/no-action', steps: [kc('--entity-type', 'topics')] },
  { id: 'kafka-configs/two-actions', steps: [kc('--describe', '--alter', '--entity-type', 'topics')] },
  { id: 'kafka-configs/describe-with-add-config', steps: [kc('--describe', ...topic('t'), '--add-config', 'retention.ms=1')] },
  { id: 'kafka-configs/describe-with-delete-config', steps: [kc('--describe', ...topic('t'), '--delete-config', 'retention.ms')] },
  { id: 'kafka-configs/no-entity-type', steps: [kc('--describe')] },
  { id: 'kafka-configs/invalid-entity-type', steps: [kc('--describe', '--entity-type', 'things')] },
  { id: 'kafka-configs/duplicate-entity-type', steps: [kc('--describe', '--entity-type', 'topics', '--entity-type', 'topics')] },
  { id: 'kafka-configs/two-entity-types', steps: [kc('--describe', '--entity-type', 'topics', '--entity-type', 'brokers')] },
  { id: 'kafka-configs/entity-flag-with-entity-type', steps: [kc('--describe', '--entity-type', 'topics', '--topic', 't')] },
  { id: 'kafka-configs/no-bootstrap-server', steps: [step('kafka-configs', '--describe', '--entity-type', 'brokers')] },
  { id: 'kafka-configs/no-bootstrap-server-topics', steps: [step('kafka-configs', '--describe', '--entity-type', 'topics')] },
  { id: 'kafka-configs/add-config-twice', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.ms=1', '--add-config', 'retention.bytes=2')] },
  { id: 'kafka-configs/alter-topic-without-name', steps: [kc('--alter', '--entity-type', 'topics', '--add-config', 'retention.ms=1')] },
  { id: 'kafka-configs/alter-brokers-without-name', steps: [kc('--alter', '--entity-type', 'brokers', '--add-config', 'log.retention.ms=1')] },
  { id: 'kafka-configs/alter-without-configs', steps: [create('t'), kc('--alter', ...topic('t'))] },
  {
    id: 'kafka-configs/alter-add-config-and-file',
    files: { 'topic.properties': 'retention.ms=1000\n' },
    steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.bytes=1', '--add-config-file', '{dir}/topic.properties')],
  },
  { id: 'kafka-configs/broker-name-not-integer', steps: [kc('--describe', '--entity-type', 'brokers', '--entity-name', 'one')] },
  { id: 'kafka-configs/broker-loggers-without-name', steps: [kc('--describe', '--entity-type', 'broker-loggers')] },
  { id: 'kafka-configs/entity-default-with-topics', steps: [kc('--describe', '--entity-type', 'topics', '--entity-default')] },
  { id: 'kafka-configs/command-config-missing-file', steps: [kc('--describe', ...broker1, '--command-config', '{dir}/nope.properties')] },
  {
    id: 'kafka-configs/command-config',
    files: { 'admin.properties': 'client.id=configs-admin\n' },
    steps: [create('t'), kc('--describe', ...topic('t'), '--command-config', '{dir}/admin.properties')],
  },

  { id: 'kafka-configs/unreachable-describe-topics', files: UNREACHABLE_FILES, steps: [step('kafka-configs', ...UNREACHABLE, '--describe', '--entity-type', 'topics')] },
  { id: 'kafka-configs/unreachable-alter-topic', files: UNREACHABLE_FILES, steps: [step('kafka-configs', ...UNREACHABLE, '--alter', ...topic('t'), '--add-config', 'retention.ms=1')] },

  // ---- topics: describe ----------------------------------------------------------------------
  { id: 'kafka-configs/describe-topic-no-overrides', steps: [create('t'), kc('--describe', ...topic('t'))] },
  {
    id: 'kafka-configs/describe-topic-overrides',
    steps: [create('t', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact', '--config', 'min.insync.replicas=1'), kc('--describe', ...topic('t'))],
  },
  { id: 'kafka-configs/describe-topic-all', steps: [create('t', '--config', 'retention.ms=1000', '--config', 'max.message.bytes=5000'), kc('--describe', '--all', ...topic('t'))] },
  { id: 'kafka-configs/describe-topic-shortcut', steps: [create('t', '--config', 'retention.ms=1000'), kc('--describe', '--topic', 't')] },
  {
    id: 'kafka-configs/describe-all-topics',
    steps: [offsetsTopic(), create('zeta', '--config', 'retention.ms=1000'), create('alpha'), create('first_topic'), kc('--describe', '--entity-type', 'topics')],
  },
  { id: 'kafka-configs/describe-internal-topic', steps: [offsetsTopic(), kc('--describe', ...topic('__consumer_offsets'))] },
  { id: 'kafka-configs/describe-topic-unknown', steps: [kc('--describe', ...topic('nope'))] },
  { id: 'kafka-configs/describe-topic-invalid-name', steps: [kc('--describe', ...topic('bad!name'))] },

  // ---- topics: alter ---------------------------------------------------------------------------
  { id: 'kafka-configs/alter-topic-add', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.ms=1000,segment.bytes=1048576'), seen('segment.bytes=1048576 ', ...topic('t')), kc('--describe', ...topic('t'))] },
  {
    id: 'kafka-configs/alter-topic-add-list-value',
    steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'cleanup.policy=[compact,delete],min.insync.replicas=1'), seen('cleanup.policy=compact,delete ', ...topic('t')), kc('--describe', ...topic('t')), step('kafka-topics', ...B, '--describe', '--topic', 't')],
  },
  {
    id: 'kafka-configs/alter-topic-delete',
    steps: [create('t', '--config', 'retention.ms=1000', '--config', 'retention.bytes=1000'), kc('--alter', ...topic('t'), '--delete-config', 'retention.ms'), gone('retention.ms=1000', ...topic('t')), kc('--describe', ...topic('t'))],
  },
  {
    id: 'kafka-configs/alter-topic-delete-repeated',
    steps: [create('t', '--config', 'retention.ms=1000', '--config', 'retention.bytes=1000'), kc('--alter', ...topic('t'), '--delete-config', 'retention.ms', '--delete-config', 'retention.bytes'), gone('retention.bytes=1000', ...topic('t')), kc('--describe', ...topic('t'))],
  },
  { id: 'kafka-configs/alter-topic-delete-unset', steps: [create('t'), kc('--alter', ...topic('t'), '--delete-config', 'retention.ms,retention.bytes')] },
  {
    id: 'kafka-configs/alter-topic-add-and-delete',
    steps: [create('t', '--config', 'retention.ms=1000'), kc('--alter', ...topic('t'), '--add-config', 'retention.bytes=5000', '--delete-config', 'retention.ms'), seen('retention.bytes=5000', ...topic('t')), kc('--describe', ...topic('t'))],
  },
  { id: 'kafka-configs/alter-topic-unknown-config', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'no.such.config=1')] },
  { id: 'kafka-configs/alter-topic-bad-value', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.ms=soon')] },
  { id: 'kafka-configs/alter-topic-below-minimum', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'segment.bytes=10')] },
  { id: 'kafka-configs/alter-topic-bad-format', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.ms')] },
  { id: 'kafka-configs/alter-topic-empty-value', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention.ms=')] },
  { id: 'kafka-configs/alter-topic-invalid-key', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'retention/ms=1')] },
  { id: 'kafka-configs/alter-topic-unknown-topic', steps: [kc('--alter', ...topic('nope'), '--add-config', 'retention.ms=1000')] },
  { id: 'kafka-configs/alter-topic-lag-conflict', steps: [create('t'), kc('--alter', ...topic('t'), '--add-config', 'min.compaction.lag.ms=10,max.compaction.lag.ms=5')] },
  {
    id: 'kafka-configs/alter-topic-add-config-file',
    files: { 'topic.properties': '# topic settings\nretention.ms=1000\ncleanup.policy=compact,delete\n' },
    steps: [create('t'), kc('--alter', ...topic('t'), '--add-config-file', '{dir}/topic.properties'), seen('cleanup.policy=compact,delete ', ...topic('t')), kc('--describe', ...topic('t'))],
  },
  { id: 'kafka-configs/alter-topic-shortcut', steps: [create('t'), kc('--alter', '--topic', 't', '--add-config', 'retention.ms=1000'), seen('retention.ms=1000', '--topic', 't'), kc('--describe', '--topic', 't')] },

  // ---- brokers ---------------------------------------------------------------------------------
  { id: 'kafka-configs/describe-broker', steps: [kc('--describe', ...broker1)] },
  { id: 'kafka-configs/describe-brokers', steps: [kc('--describe', '--entity-type', 'brokers')] },
  { id: 'kafka-configs/describe-broker-default', steps: [kc('--describe', ...brokerDefault)] },
  { id: 'kafka-configs/describe-broker-defaults-shortcut', steps: [kc('--describe', '--broker-defaults')] },
  { id: 'kafka-configs/describe-broker-shortcut', steps: [kc('--describe', '--broker', '1')] },
  { id: 'kafka-configs/describe-broker-all', steps: [kc('--describe', '--all', ...broker1), kc('--describe', '--all', ...brokerDefault)] },
  { id: 'kafka-configs/describe-broker-unknown-id', steps: [kc('--describe', '--entity-type', 'brokers', '--entity-name', '2')] },
  {
    id: 'kafka-configs/alter-broker',
    steps: [
      kc('--alter', ...broker1, '--add-config', 'log.retention.bytes=1000000,log.cleaner.delete.retention.ms=1000'),
      seen('log.retention.bytes=1000000 ', ...broker1),
      kc('--describe', ...broker1),
      kc('--alter', ...broker1, '--delete-config', 'log.retention.bytes,log.cleaner.delete.retention.ms'),
      gone('log.retention.bytes', ...broker1),
      kc('--describe', ...broker1),
    ],
  },
  {
    id: 'kafka-configs/alter-broker-default',
    steps: [
      kc('--alter', ...brokerDefault, '--add-config', 'log.retention.ms=3600000'),
      seen('log.retention.ms=3600000 ', ...brokerDefault),
      kc('--describe', ...brokerDefault),
      kc('--describe', '--entity-type', 'brokers'),
      create('t'),
      kc('--describe', '--all', ...topic('t')),
      kc('--alter', ...brokerDefault, '--delete-config', 'log.retention.ms'),
      gone('log.retention.ms', ...brokerDefault),
      kc('--describe', ...brokerDefault),
    ],
  },
  {
    id: 'kafka-configs/alter-broker-default-min-isr',
    steps: [
      kc('--alter', ...brokerDefault, '--add-config', 'min.insync.replicas=2'),
      seen('min.insync.replicas=2 ', ...brokerDefault),
      create('t'),
      kc('--describe', '--all', ...topic('t')),
      kc('--alter', ...brokerDefault, '--add-config', 'min.insync.replicas=1'),
      seen('min.insync.replicas=1 ', ...brokerDefault),
      kc('--describe', ...brokerDefault),
    ],
  },
  { id: 'kafka-configs/alter-broker-default-delete-min-isr', steps: [kc('--alter', ...brokerDefault, '--delete-config', 'min.insync.replicas'), kc('--describe', ...brokerDefault)] },
  { id: 'kafka-configs/alter-broker-read-only', steps: [kc('--alter', ...broker1, '--add-config', 'num.partitions=3')] },
  { id: 'kafka-configs/alter-broker-bad-value', steps: [kc('--alter', ...broker1, '--add-config', 'log.retention.bytes=lots')] },
  { id: 'kafka-configs/alter-broker-delete-unset', steps: [kc('--alter', ...broker1, '--delete-config', 'log.retention.bytes')] },
  { id: 'kafka-configs/alter-broker-unknown-id', steps: [kc('--alter', '--entity-type', 'brokers', '--entity-name', '2', '--add-config', 'log.retention.bytes=1000')] },
  {
    id: 'kafka-configs/alter-broker-custom-config',
    steps: [
      kc('--alter', ...broker1, '--add-config', 'custom.setting=1'),
      seen('custom.setting', ...broker1),
      kc('--describe', ...broker1),
      kc('--alter', ...broker1, '--delete-config', 'custom.setting'),
      gone('custom.setting', ...broker1),
    ],
  },
  {
    id: 'kafka-configs/alter-broker-shortcut',
    steps: [
      kc('--alter', '--broker', '1', '--add-config', 'log.retention.bytes=1000000'), seen('log.retention.bytes', '--broker', '1'), kc('--describe', '--broker', '1'),
      kc('--alter', '--broker', '1', '--delete-config', 'log.retention.bytes'), gone('log.retention.bytes', '--broker', '1'),
    ],
  },
  {
    id: 'kafka-configs/alter-broker-defaults-shortcut',
    steps: [
      kc('--alter', '--broker-defaults', '--add-config', 'log.retention.bytes=1000000'), seen('log.retention.bytes', '--broker-defaults'), kc('--describe', '--broker-defaults'),
      kc('--alter', '--broker-defaults', '--delete-config', 'log.retention.bytes'), gone('log.retention.bytes', '--broker-defaults'),
    ],
  },
  {
    // Password-typed entries describe as null with sensitive=true; Kafka 4.4's --alter of a broker
    // is incremental, so the 3.x error "All sensitive broker config entries must be specified for
    // --alter" (the full set was re-sent, sensitive values unknown) is gone: altering another key
    // beside a sensitive one succeeds.
    id: 'kafka-configs/alter-broker-sensitive',
    steps: [
      kc('--alter', ...broker1, '--add-config', 'sasl.jaas.config=secret,listener.name.plaintext.ssl.key.password=secret'),
      seen('sasl.jaas.config', ...broker1),
      kc('--alter', ...broker1, '--add-config', 'log.cleaner.threads=2'),
      seen('log.cleaner.threads', ...broker1),
      kc('--describe', ...broker1),
      kc('--alter', ...broker1, '--delete-config', 'log.cleaner.threads'),
      kc('--alter', ...broker1, '--delete-config', 'sasl.jaas.config,listener.name.plaintext.ssl.key.password'),
      gone('sasl.jaas.config', ...broker1),
      gone('log.cleaner.threads', ...broker1),
      kc('--describe', ...broker1),
    ],
  },
  // delete.topic.enable is read-only: Kafka refuses it dynamically (a broker started with it is
  // tested in test/reference/topic-deletion-disabled.test.ts).
  { id: 'kafka-configs/alter-broker-delete-topic-enable', steps: [kc('--alter', ...brokerDefault, '--add-config', 'delete.topic.enable=false'), kc('--alter', ...broker1, '--add-config', 'delete.topic.enable=false')] },

  // ---- broker loggers (each scenario puts back the level it changed) ----------------------------
  // The loggers differ by nature (a JVM's log4j loggers, the engine's own): a describe is compared
  // on root and kafka.server.ReplicaManager, which both brokers have (deliberate-differences.json).
  { id: 'kafka-configs/broker-loggers-alter-and-delete', steps: [
    kc('--alter', ...brokerLogger1, '--add-config', 'kafka.server.ReplicaManager=DEBUG'),
    kc('--alter', ...brokerLogger1, '--delete-config', 'kafka.server.ReplicaManager'),
  ] },
  { id: 'kafka-configs/broker-loggers-describe', steps: [
    pkc('--alter', ...brokerLogger1, '--add-config', 'kafka.server.ReplicaManager=TRACE'),
    kc('--describe', ...brokerLogger1),
    pkc('--alter', ...brokerLogger1, '--delete-config', 'kafka.server.ReplicaManager'),
    kc('--describe', '--broker-logger', '1'),
  ] },
  { id: 'kafka-configs/broker-loggers-invalid-level', steps: [kc('--alter', ...brokerLogger1, '--add-config', 'root=VERBOSE')] },
  { id: 'kafka-configs/broker-loggers-lower-case-level', steps: [kc('--alter', ...brokerLogger1, '--add-config', 'kafka.server.ReplicaManager=debug')] },
  { id: 'kafka-configs/broker-loggers-unknown-logger', steps: [kc('--alter', ...brokerLogger1, '--add-config', 'no.such.logger=DEBUG')] },
  { id: 'kafka-configs/broker-loggers-delete-root', steps: [kc('--alter', ...brokerLogger1, '--delete-config', 'root')] },
  { id: 'kafka-configs/broker-loggers-unknown-broker', steps: [kc('--describe', '--entity-type', 'broker-loggers', '--entity-name', '2')] },
  { id: 'kafka-configs/broker-loggers-name-not-integer', steps: [kc('--describe', '--entity-type', 'broker-loggers', '--entity-name', 'x')] },

  // ---- users, clients, ips: client quotas and SCRAM credentials (each scenario removes what it set) ----
  { id: 'kafka-configs/describe-quotas-none', steps: [kc('--describe', '--entity-type', 'clients'), kc('--describe', '--entity-type', 'users'), kc('--describe', '--entity-type', 'ips'), kc('--describe', '--client', 'c1')] },
  {
    id: 'kafka-configs/alter-client-quota',
    steps: [
      kc('--alter', '--entity-type', 'clients', '--entity-name', 'c1', '--add-config', 'producer_byte_rate=1024,consumer_byte_rate=2048'),
      seen('producer_byte_rate=1024.0', '--client', 'c1'),
      kc('--describe', '--entity-type', 'clients', '--entity-name', 'c1'),
      kc('--alter', '--client', 'c1', '--add-config', 'request_percentage=12.5', '--delete-config', 'consumer_byte_rate'),
      seen('request_percentage=12.5', '--client', 'c1'),
      kc('--describe', '--client', 'c1'),
      pkc('--alter', '--client', 'c1', '--delete-config', 'producer_byte_rate,request_percentage'),
      gone('Quota configs', '--entity-type', 'clients'),
      kc('--describe', '--entity-type', 'clients'),
    ],
  },
  {
    id: 'kafka-configs/alter-client-defaults-quota',
    steps: [
      kc('--alter', '--entity-type', 'clients', '--entity-default', '--add-config', 'request_percentage=50'),
      pkc('--alter', '--client', 'c1', '--add-config', 'producer_byte_rate=1e3'),
      seen('request_percentage=50.0', '--client-defaults'),
      seen('producer_byte_rate=1000.0', '--client', 'c1'),
      kc('--describe', '--client-defaults'),
      kc('--describe', '--entity-type', 'clients'),
      pkc('--alter', '--client-defaults', '--delete-config', 'request_percentage'),
      pkc('--alter', '--client', 'c1', '--delete-config', 'producer_byte_rate'),
      gone('Quota configs', '--entity-type', 'clients'),
    ],
  },
  {
    id: 'kafka-configs/alter-user-and-client-quota',
    steps: [
      kc('--alter', '--user', 'alice', '--add-config', 'producer_byte_rate=100'),
      kc('--alter', '--user', 'alice', '--client', 'c1', '--add-config', 'consumer_byte_rate=300'),
      kc('--alter', '--user', 'alice', '--client-defaults', '--add-config', 'consumer_byte_rate=1'),
      kc('--alter', '--user-defaults', '--add-config', 'controller_mutation_rate=10'),
      seen('controller_mutation_rate=10.0', '--user-defaults'),
      seen('consumer_byte_rate=1.0', '--user', 'alice', '--client-defaults'),
      kc('--describe', '--entity-type', 'users'),
      kc('--describe', '--user', 'alice'),
      kc('--describe', '--entity-type', 'users', '--entity-type', 'clients'),
      kc('--describe', '--user', 'alice', '--client', 'c1'),
      kc('--describe', '--entity-type', 'clients'),
      pkc('--alter', '--user', 'alice', '--delete-config', 'producer_byte_rate'),
      pkc('--alter', '--user', 'alice', '--client', 'c1', '--delete-config', 'consumer_byte_rate'),
      pkc('--alter', '--user', 'alice', '--client-defaults', '--delete-config', 'consumer_byte_rate'),
      pkc('--alter', '--user-defaults', '--delete-config', 'controller_mutation_rate'),
      gone('Quota configs', '--entity-type', 'users'),
    ],
  },
  {
    id: 'kafka-configs/alter-ip-quota',
    steps: [
      kc('--alter', '--ip', '127.0.0.1', '--add-config', 'connection_creation_rate=10'),
      kc('--alter', '--ip-defaults', '--add-config', 'connection_creation_rate=20'),
      seen('connection_creation_rate=20.0', '--ip-defaults'),
      seen('connection_creation_rate=10.0', '--ip', '127.0.0.1'),
      kc('--describe', '--entity-type', 'ips'),
      kc('--describe', '--ip', '127.0.0.1'),
      pkc('--alter', '--ip', '127.0.0.1', '--delete-config', 'connection_creation_rate'),
      pkc('--alter', '--ip-defaults', '--delete-config', 'connection_creation_rate'),
      gone('Quota configs', '--entity-type', 'ips'),
    ],
  },
  {
    id: 'kafka-configs/quota-errors',
    steps: [
      kc('--alter', '--client', 'c1', '--add-config', 'producer_byte_rate=1.5'),
      kc('--alter', '--client', 'c1', '--add-config', 'producer_byte_rate=-1'),
      kc('--alter', '--client', 'c1', '--add-config', 'producer_byte_rate=lots'),
      kc('--alter', '--client', 'c1', '--delete-config', 'producer_byte_rate'),
      kc('--alter', '--client', 'c1', '--add-config', 'retention.ms=1,a=2'),
      kc('--alter', '--user', 'alice', '--add-config', 'retention.ms=1'),
      kc('--alter', '--ip', '127.0.0.1', '--add-config', 'producer_byte_rate=1,x=2'),
      kc('--alter', '--ip', 'not/an/ip', '--add-config', 'connection_creation_rate=1'),
      kc('--alter', '--ip', '127.0.0.1', '--add-config', 'connection_creation_rate=1.5'),
      kc('--describe', '--entity-type', 'clients'),
    ],
  },
  {
    id: 'kafka-configs/scram-credentials',
    steps: [
      kc('--alter', '--user', 'bob', '--add-config', 'SCRAM-SHA-256=[iterations=8192,password=bob-secret]'),
      seen('SCRAM-SHA-256=iterations=8192', '--user', 'bob'),
      kc('--describe', '--user', 'bob'),
      kc('--alter', '--user', 'bob', '--add-config', 'producer_byte_rate=7'),
      seen('producer_byte_rate=7.0', '--user', 'bob'),
      kc('--describe', '--entity-type', 'users'),
      kc('--alter', '--user', 'bob', '--add-config', 'SCRAM-SHA-256=[password=new-secret]'),
      seen('SCRAM-SHA-256=iterations=4096', '--user', 'bob'),
      kc('--describe', '--user', 'bob'),
      kc('--alter', '--user', 'bob', '--delete-config', 'SCRAM-SHA-256'),
      gone('SCRAM credential configs', '--user', 'bob'),
      kc('--describe', '--user', 'bob'),
      pkc('--alter', '--user', 'bob', '--delete-config', 'producer_byte_rate'),
      gone('Quota configs', '--user', 'bob'),
    ],
  },
  {
    id: 'kafka-configs/scram-errors',
    steps: [
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-256=[iterations=10,password=c]'),
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-256=[iterations=x,password=c]'),
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-512=[iterations=8192]'),
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-1=[password=c]'),
      kc('--alter', '--user-defaults', '--add-config', 'SCRAM-SHA-256=[password=c]'),
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-256=[password=c],producer_byte_rate=5'),
      kc('--alter', '--user', 'carol', '--add-config', 'SCRAM-SHA-256=[password=c],SCRAM-SHA-512=[password=d]'),
      kc('--alter', '--user', 'carol', '--delete-config', 'SCRAM-SHA-512'),
      kc('--alter', '--client', 'c1', '--add-config', 'SCRAM-SHA-256=[password=c]'),
      kc('--describe', '--user', 'carol'),
    ],
  },

  // ---- groups and client metrics subscriptions (each scenario removes what it set) -------------
  { id: 'kafka-configs/describe-group-missing', steps: [kc('--describe', '--group', 'g1'), kc('--describe', '--entity-type', 'groups'), kc('--describe', '--all', '--group', 'g1')] },
  {
    id: 'kafka-configs/alter-group',
    steps: [
      kc('--alter', '--group', 'g1', '--add-config', 'consumer.session.timeout.ms=50000,share.auto.offset.reset=earliest'),
      seen('share.auto.offset.reset=earliest', '--group', 'g1'),
      kc('--describe', '--group', 'g1'),
      kc('--describe', '--entity-type', 'groups'),
      kc('--alter', '--entity-type', 'groups', '--entity-name', 'g1', '--delete-config', 'consumer.session.timeout.ms'),
      seen('  consumer.session.timeout.ms=45000 ', '--all', '--group', 'g1'),
      kc('--describe', '--all', '--group', 'g1'),
      pkc('--alter', '--group', 'g1', '--delete-config', 'share.auto.offset.reset'),
      gone('share.auto.offset.reset', '--group', 'g1'),
      kc('--describe', '--group', 'g1'),
    ],
  },
  {
    id: 'kafka-configs/alter-group-errors',
    steps: [
      kc('--alter', '--group', 'g1', '--add-config', 'consumer.session.timeout.ms=1000'),
      kc('--alter', '--group', 'g1', '--add-config', 'consumer.heartbeat.interval.ms=50000'),
      kc('--alter', '--group', 'g1', '--add-config', 'foo=1'),
      kc('--alter', '--group', 'g1', '--add-config', 'consumer.session.timeout.ms=abc'),
      kc('--alter', '--group', 'g1', '--add-config', 'share.auto.offset.reset=sometimes'),
      kc('--alter', '--group', 'g1', '--add-config', 'share.delivery.count.limit=100'),
      kc('--alter', '--group', 'g1', '--add-config', 'streams.num.standby.replicas=10'),
      kc('--alter', '--group', 'g1', '--add-config', 'streams.assignor.name=nope'),
      kc('--alter', '--group', 'g1', '--add-config', 'share.isolation.level=x'),
      kc('--describe', '--entity-type', 'groups'),
    ],
  },
  {
    id: 'kafka-configs/alter-client-metrics',
    steps: [
      kc('--describe', '--entity-type', 'client-metrics'),
      kc('--describe', '--entity-type', 'client-metrics', '--entity-name', 'm1'),
      kc('--alter', '--entity-type', 'client-metrics', '--entity-name', 'm1', '--add-config', 'interval.ms=1000,metrics=org.apache.kafka.producer.,match=[client_id=abc.*]'),
      seen('metrics=org.apache.kafka.producer.', '--client-metrics', 'm1'),
      kc('--describe', '--entity-type', 'client-metrics'),
      kc('--alter', '--client-metrics', 'm1', '--delete-config', 'metrics,match'),
      seen('  match= ', '--all', '--client-metrics', 'm1'),
      kc('--describe', '--all', '--client-metrics', 'm1'),
      kc('--alter', '--client-metrics', 'm1', '--add-config', 'interval.ms=10'),
      kc('--alter', '--client-metrics', 'm1', '--add-config', 'match=[foo=bar]'),
      kc('--alter', '--client-metrics', 'm1', '--add-config', 'foo=1'),
      kc('--alter', '--client-metrics', 'm1', '--add-config', 'interval.ms=abc'),
      pkc('--alter', '--client-metrics', 'm1', '--delete-config', 'interval.ms'),
      gone('interval.ms', '--client-metrics', 'm1'),
      kc('--describe', '--entity-type', 'client-metrics'),
    ],
  },

  // ---- seed era: --zookeeper, Kafka 2.8's texts ------------------------------------------------
  { id: 'kafka-configs/zookeeper-version', legacy: true, steps: [zk('--version')] },
  { id: 'kafka-configs/zookeeper-no-entity-type', legacy: true, steps: [zk('--describe')] },
  { id: 'kafka-configs/zookeeper-invalid-entity-type', legacy: true, steps: [zk('--describe', '--entity-type', 'things')] },
  { id: 'kafka-configs/zookeeper-and-bootstrap-server', legacy: true, steps: [step('kafka-configs', ...ZK, ...B, '--describe', '--entity-type', 'topics')] },
  { id: 'kafka-configs/zookeeper-all', legacy: true, steps: [zkCreate('t'), zk('--describe', '--all', ...topic('t'))] },
  { id: 'kafka-configs/zookeeper-describe-topic', legacy: true, steps: [zkCreate('t', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact'), zk('--describe', ...topic('t'))] },
  { id: 'kafka-configs/zookeeper-describe-topic-no-overrides', legacy: true, steps: [zkCreate('t'), zk('--describe', ...topic('t'))] },
  {
    id: 'kafka-configs/zookeeper-alter-topic',
    legacy: true,
    steps: [zkCreate('t'), zk('--alter', ...topic('t'), '--add-config', 'retention.ms=1000,cleanup.policy=[compact,delete]'), zk('--describe', ...topic('t'))],
  },
  {
    id: 'kafka-configs/zookeeper-alter-topic-delete',
    legacy: true,
    steps: [zkCreate('t', '--config', 'retention.ms=1000', '--config', 'retention.bytes=1000'), zk('--alter', ...topic('t'), '--delete-config', 'retention.ms'), zk('--describe', ...topic('t'))],
  },
  { id: 'kafka-configs/zookeeper-alter-topic-delete-unset', legacy: true, steps: [zkCreate('t'), zk('--alter', ...topic('t'), '--delete-config', 'retention.ms')] },
  { id: 'kafka-configs/zookeeper-alter-topic-unknown-config', legacy: true, steps: [zkCreate('t'), zk('--alter', ...topic('t'), '--add-config', 'no.such.config=1')] },
  { id: 'kafka-configs/zookeeper-alter-topic-unknown-topic', legacy: true, steps: [zk('--alter', ...topic('nope'), '--add-config', 'retention.ms=1000')] },
  { id: 'kafka-configs/zookeeper-describe-brokers', legacy: true, steps: [zk('--describe', '--entity-type', 'brokers')] },
  { id: 'kafka-configs/zookeeper-alter-broker', legacy: true, steps: [zk('--alter', ...broker1, '--add-config', 'log.retention.bytes=1000')] },
  { id: 'kafka-configs/zookeeper-describe-clients', legacy: true, steps: [zk('--describe', '--entity-type', 'clients', '--entity-name', 'c1')] },
  {
    id: 'kafka-configs/zookeeper-alter-quotas',
    legacy: true,
    steps: [
      zk('--alter', '--entity-type', 'clients', '--entity-default', '--add-config', 'request_percentage=50'),
      zk('--alter', '--entity-type', 'users', '--entity-name', 'alice', '--add-config', 'producer_byte_rate=100'),
      zk('--alter', '--entity-type', 'users', '--entity-name', 'alice', '--entity-type', 'clients', '--entity-name', 'c1', '--add-config', 'consumer_byte_rate=300'),
      zk('--alter', '--entity-type', 'ips', '--entity-name', '127.0.0.1', '--add-config', 'connection_creation_rate=10'),
      zk('--describe', '--entity-type', 'clients'),
      zk('--describe', '--entity-type', 'users'),
      zk('--describe', '--entity-type', 'users', '--entity-name', 'alice', '--entity-type', 'clients', '--entity-name', 'c1'),
      zk('--describe', '--entity-type', 'ips'),
      zk('--alter', '--entity-type', 'clients', '--entity-name', 'c1', '--add-config', 'foo=1'),
      zk('--alter', '--entity-type', 'clients', '--entity-name', 'c1', '--add-config', 'producer_byte_rate=abc'),
      zk('--alter', '--entity-type', 'clients', '--entity-name', 'c1', '--delete-config', 'request_percentage'),
      zk('--alter', '--entity-type', 'clients', '--entity-default', '--delete-config', 'request_percentage'),
      zk('--alter', '--entity-type', 'users', '--entity-name', 'alice', '--delete-config', 'producer_byte_rate'),
      zk('--alter', '--entity-type', 'users', '--entity-name', 'alice', '--entity-type', 'clients', '--entity-name', 'c1', '--delete-config', 'consumer_byte_rate'),
      zk('--alter', '--entity-type', 'ips', '--entity-name', '127.0.0.1', '--delete-config', 'connection_creation_rate'),
      zk('--describe', '--entity-type', 'users'),
    ],
  },
  { id: 'kafka-configs/zookeeper-describe-all-topics', legacy: true, steps: [zkCreate('a', '--config', 'retention.ms=1000'), zkCreate('b'), zk('--describe', '--entity-type', 'topics')] },
  { id: 'kafka-configs/zookeeper-alter-without-name', legacy: true, steps: [zk('--alter', '--entity-type', 'topics', '--add-config', 'retention.ms=1')] },
];
