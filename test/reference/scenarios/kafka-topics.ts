// kafka-topics (spec/cli.md sections 1, 2, 12, 13): parsing, every action and option family,
// the client-side and broker errors, and the seed-era --zookeeper texts of Kafka 2.8 (legacy).
import { awaitGone, awaitOutput, literal, prepare, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const ZK = ['--zookeeper', '{zookeeper}'];

/** A compared kafka-topics step against the broker. */
const kt = (...args: string[]): Step => step('kafka-topics', ...B, ...args);
/** A preparing kafka-topics step against the broker. */
const pkt = (...args: string[]): Step => prepare('kafka-topics', ...B, ...args);
/** Seed-era: a compared kafka-topics step with --zookeeper. */
const zk = (...args: string[]): Step => step('kafka-topics', ...ZK, ...args);
const pzk = (...args: string[]): Step => prepare('kafka-topics', ...ZK, ...args);
/** Create a topic (preparing step). */
const create = (topic: string, ...more: string[]): Step => pkt('--create', '--topic', topic, ...more);
const zkCreate = (topic: string, partitions = '1', ...more: string[]): Step =>
  pzk('--create', '--topic', topic, '--partitions', partitions, '--replication-factor', '1', ...more);
/**
 * __consumer_offsets exists once a group was looked up (FindCoordinator creates it); scenarios
 * that show internal topics create it first, so they do not depend on which scenarios ran before.
 */
const offsetsTopic = (): Step => prepare('kafka-consumer-groups', ...B, '--describe', '--group', 'offsets-topic-maker');
/** Broker configs changed by a scenario are restored by its last step. */
const configs = (...args: string[]): Step => prepare('kafka-configs', ...B, ...args);

/**
 * Nothing listens on 127.0.0.1:1: the admin client retries until default.api.timeout.ms (kept
 * short here) and fails with "Timed out waiting for a node assignment".
 */
const UNREACHABLE_FILES = { 'admin.properties': 'default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n' };
const UNREACHABLE = ['--bootstrap-server', '127.0.0.1:1', '--command-config', '{dir}/admin.properties'];

const LONG_NAME = 'x'.repeat(250);

export const topics: Scenario[] = [
  // ---- section 1: parsing, usage, version -------------------------------------------------
  { id: 'kafka-topics/no-args', steps: [step('kafka-topics')] },
  { id: 'kafka-topics/help', steps: [step('kafka-topics', '--help')] },
  { id: 'kafka-topics/version', steps: [step('kafka-topics', '--version')] },
  { id: 'kafka-topics/unknown-option', steps: [kt('--list', '--no-such-option')] },
  { id: 'kafka-topics/abbreviated-option', steps: [kt('--lis')] },
  { id: 'kafka-topics/missing-value', steps: [kt('--describe', '--topic')] },
  { id: 'kafka-topics/option-twice', steps: [kt('--create', '--topic', 'a', '--topic', 'b')] },
  { id: 'kafka-topics/bad-int', steps: [kt('--create', '--topic', 'a', '--partitions', 'x')] },
  { id: 'kafka-topics/equals-form', steps: [step('kafka-topics', '--bootstrap-server={bootstrap}', '--create', '--topic=eq', '--partitions=2'), kt('--describe', '--topic=eq')] },
  { id: 'kafka-topics/value-looks-like-option', steps: [kt('--describe', '--topic', '--list')] },
  { id: 'kafka-topics/no-action', steps: [step('kafka-topics', ...B)] },
  { id: 'kafka-topics/two-actions', steps: [kt('--list', '--describe')] },
  { id: 'kafka-topics/no-bootstrap-server', steps: [step('kafka-topics', '--list')] },
  { id: 'kafka-topics/create-without-topic', steps: [kt('--create', '--partitions', '1')] },
  { id: 'kafka-topics/alter-without-partitions', steps: [create('t'), kt('--alter', '--topic', 't')] },
  { id: 'kafka-topics/alter-with-config', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '2', '--config', 'retention.ms=1000')] },
  { id: 'kafka-topics/replication-factor-with-alter', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '2', '--replication-factor', '1')] },
  { id: 'kafka-topics/partitions-with-list', steps: [kt('--list', '--partitions', '2')] },
  { id: 'kafka-topics/config-with-describe', steps: [kt('--describe', '--config', 'retention.ms=1')] },
  { id: 'kafka-topics/if-exists-with-create', steps: [kt('--create', '--topic', 't', '--if-exists')] },
  { id: 'kafka-topics/if-not-exists-with-delete', steps: [kt('--delete', '--topic', 't', '--if-not-exists')] },
  { id: 'kafka-topics/exclude-internal-with-create', steps: [kt('--create', '--topic', 't', '--exclude-internal')] },
  { id: 'kafka-topics/report-filter-with-list', steps: [kt('--list', '--under-replicated-partitions')] },
  { id: 'kafka-topics/two-report-filters', steps: [kt('--describe', '--under-replicated-partitions', '--unavailable-partitions')] },
  { id: 'kafka-topics/overrides-with-report-filter', steps: [kt('--describe', '--topics-with-overrides', '--at-min-isr-partitions')] },
  { id: 'kafka-topics/replica-assignment-with-partitions', steps: [kt('--create', '--topic', 't', '--replica-assignment', '1', '--partitions', '1')] },
  { id: 'kafka-topics/describe-if-exists-without-topic', steps: [kt('--describe', '--if-exists')] },
  { id: 'kafka-topics/delete-config-with-alter', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '2', '--delete-config', 'retention.ms'), kt('--describe', '--topic', 't')] },
  {
    id: 'kafka-topics/topic-and-topic-id',
    steps: [create('t'), kt('--describe', '--if-exists', '--topic', 't', '--topic-id', 'AAAAAAAAAAAAAAAAAAAAAQ')],
  },
  { id: 'kafka-topics/command-config-missing-file', steps: [kt('--list', '--command-config', '{dir}/nope.properties')] },
  {
    id: 'kafka-topics/command-config',
    files: { 'admin.properties': '# the admin client\nclient.id=topics-admin\nrequest.timeout.ms=20000\n' },
    steps: [kt('--create', '--topic', 'cc', '--command-config', '{dir}/admin.properties'), kt('--list', '--command-config', '{dir}/admin.properties')],
  },
  {
    id: 'kafka-topics/command-config-bad-value',
    files: { 'admin.properties': 'request.timeout.ms=soon\n' },
    steps: [kt('--list', '--command-config', '{dir}/admin.properties')],
  },
  {
    id: 'kafka-topics/command-config-api-timeout-below-request-timeout',
    files: { 'admin.properties': 'request.timeout.ms=30000\ndefault.api.timeout.ms=1000\n' },
    steps: [kt('--list', '--command-config', '{dir}/admin.properties')],
  },
  {
    id: 'kafka-topics/command-config-request-timeout-above-api-timeout',
    files: { 'admin.properties': 'request.timeout.ms=70000\n' },
    steps: [kt('--list', '--exclude-internal', '--command-config', '{dir}/admin.properties')],
  },
  { id: 'kafka-topics/unreachable-list', files: UNREACHABLE_FILES, steps: [step('kafka-topics', ...UNREACHABLE, '--list')] },
  { id: 'kafka-topics/unreachable-create', files: UNREACHABLE_FILES, steps: [step('kafka-topics', ...UNREACHABLE, '--create', '--topic', 't')] },

  // ---- create -------------------------------------------------------------------------------
  { id: 'kafka-topics/create', steps: [kt('--create', '--topic', 'first', '--partitions', '3'), kt('--describe', '--topic', 'first')] },
  { id: 'kafka-topics/create-default-partitions', steps: [kt('--create', '--topic', 'plain'), kt('--describe', '--topic', 'plain')] },
  { id: 'kafka-topics/create-collision-warning', steps: [kt('--create', '--topic', 'first_topic'), kt('--create', '--topic', 'first.topic')] },
  { id: 'kafka-topics/create-exists', steps: [create('dup'), kt('--create', '--topic', 'dup')] },
  { id: 'kafka-topics/create-if-not-exists', steps: [create('dup'), kt('--create', '--topic', 'dup', '--if-not-exists'), kt('--create', '--topic', 'dup.x', '--if-not-exists'), kt('--create', '--topic', 'dup.x', '--if-not-exists')] },
  {
    id: 'kafka-topics/create-configs',
    steps: [
      kt('--create', '--topic', 'cfg', '--partitions', '2', '--config', 'cleanup.policy=compact', '--config', 'min.insync.replicas=1', '--config', 'retention.ms = 1000', '--config', 'max.message.bytes=2000000'),
      kt('--describe', '--topic', 'cfg'),
    ],
  },
  { id: 'kafka-topics/create-config-unknown', steps: [kt('--create', '--topic', 't', '--config', 'no.such.config=1')] },
  { id: 'kafka-topics/create-config-bad-number', steps: [kt('--create', '--topic', 't', '--config', 'retention.ms=abc')] },
  { id: 'kafka-topics/create-config-below-minimum', steps: [kt('--create', '--topic', 't', '--config', 'min.insync.replicas=0')] },
  { id: 'kafka-topics/create-config-bad-policy', steps: [kt('--create', '--topic', 't', '--config', 'cleanup.policy=forever')] },
  { id: 'kafka-topics/create-config-bad-boolean', steps: [kt('--create', '--topic', 't', '--config', 'preallocate=maybe')] },
  { id: 'kafka-topics/create-config-bad-timestamp-type', steps: [kt('--create', '--topic', 't', '--config', 'message.timestamp.type=Now')] },
  { id: 'kafka-topics/create-config-lag-conflict', steps: [kt('--create', '--topic', 't', '--config', 'min.compaction.lag.ms=10', '--config', 'max.compaction.lag.ms=5')] },
  { id: 'kafka-topics/create-config-without-value', steps: [kt('--create', '--topic', 't', '--config', 'retention.ms')] },
  { id: 'kafka-topics/create-config-value-with-equals', steps: [kt('--create', '--topic', 't', '--config', 'retention.ms=1=2')] },
  { id: 'kafka-topics/create-config-removed-in-4', steps: [kt('--create', '--topic', 't', '--config', 'message.format.version=3.0')] },
  { id: 'kafka-topics/create-config-compression', steps: [kt('--create', '--topic', 'z', '--config', 'compression.type=zstd', '--config', 'compression.zstd.level=5'), kt('--describe', '--topic', 'z')] },
  { id: 'kafka-topics/create-config-bad-compression', steps: [kt('--create', '--topic', 't', '--config', 'compression.type=brotli')] },
  { id: 'kafka-topics/create-replication-factor-too-large', steps: [kt('--create', '--topic', 't', '--replication-factor', '3')] },
  { id: 'kafka-topics/create-replication-factor-zero', steps: [kt('--create', '--topic', 't', '--replication-factor', '0')] },
  { id: 'kafka-topics/create-partitions-zero', steps: [kt('--create', '--topic', 't', '--partitions', '0')] },
  { id: 'kafka-topics/create-replica-assignment', steps: [kt('--create', '--topic', 'ra', '--replica-assignment', '1,1,1'), kt('--describe', '--topic', 'ra')] },
  { id: 'kafka-topics/create-replica-assignment-unknown-broker', steps: [kt('--create', '--topic', 'ra', '--replica-assignment', '1,2')] },
  { id: 'kafka-topics/create-replica-assignment-duplicate', steps: [kt('--create', '--topic', 'ra', '--replica-assignment', '1:1')] },
  { id: 'kafka-topics/create-replica-assignment-uneven', steps: [kt('--create', '--topic', 'ra', '--replica-assignment', '1,1:2')] },
  { id: 'kafka-topics/create-replica-assignment-not-a-number', steps: [kt('--create', '--topic', 'ra', '--replica-assignment', '1,a')] },
  { id: 'kafka-topics/create-invalid-name', steps: [kt('--create', '--topic', 'bad!name')] },
  { id: 'kafka-topics/create-name-dot', steps: [kt('--create', '--topic', '.')] },
  { id: 'kafka-topics/create-name-dot-dot', steps: [kt('--create', '--topic', '..')] },
  { id: 'kafka-topics/create-name-too-long', steps: [kt('--create', '--topic', LONG_NAME)] },
  { id: 'kafka-topics/create-name-empty', steps: [kt('--create', '--topic', '')] },
  { id: 'kafka-topics/create-collision', steps: [create('a.b'), kt('--create', '--topic', 'a_b')] },

  // ---- list ---------------------------------------------------------------------------------
  { id: 'kafka-topics/list', steps: [create('a'), kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/list-empty', steps: [kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/list-sorted', steps: [create('zeta'), create('alpha'), create('Beta'), create('_under'), create('a-b'), create('a1'), kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/list-internal', steps: [offsetsTopic(), create('t'), kt('--list'), kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/list-regex', steps: [create('orders'), create('orders_eu'), create('payments'), kt('--list', '--topic', 'orders.*'), kt('--list', '--topic', 'orders')] },
  { id: 'kafka-topics/list-comma', steps: [create('orders'), create('payments'), create('refunds'), kt('--list', '--topic', 'orders, refunds')] },
  { id: 'kafka-topics/list-regex-no-match', steps: [create('orders'), kt('--list', '--topic', 'nothing.*')] },
  { id: 'kafka-topics/list-regex-dot', steps: [create('first_topic'), create('firstXtopic'), kt('--list', '--topic', 'first.topic')] },
  { id: 'kafka-topics/list-internal-regex', steps: [offsetsTopic(), kt('--list', '--topic', '__.*'), kt('--list', '--topic', '__.*', '--exclude-internal')] },

  // ---- describe -----------------------------------------------------------------------------
  {
    id: 'kafka-topics/describe',
    steps: [create('orders', '--partitions', '2', '--config', 'retention.ms=1000'), kt('--describe', '--topic', 'orders')],
  },
  { id: 'kafka-topics/describe-unknown', steps: [kt('--describe', '--topic', 'nope')] },
  { id: 'kafka-topics/describe-unknown-if-exists', steps: [kt('--describe', '--topic', 'nope', '--if-exists')] },
  {
    id: 'kafka-topics/describe-all',
    steps: [create('zeta'), create('alpha', '--partitions', '2'), create('first_topic'), create('beta'), create('topic10'), create('aa'), kt('--describe', '--exclude-internal')],
  },
  {
    id: 'kafka-topics/describe-all-many',
    steps: [...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'].map((t) => create(`t-${t}`)), kt('--describe', '--exclude-internal')],
  },
  { id: 'kafka-topics/describe-all-internal', steps: [offsetsTopic(), create('t'), kt('--describe')] },
  { id: 'kafka-topics/describe-internal', steps: [offsetsTopic(), kt('--describe', '--topic', '__consumer_offsets')] },
  { id: 'kafka-topics/describe-regex', steps: [create('orders', '--partitions', '2'), create('orders_eu'), create('payments'), kt('--describe', '--topic', 'orders.*')] },
  // The order of Kafka's result map: orders before moves (its futures map is copied by new HashMap<>(map)).
  { id: 'kafka-topics/describe-hash-order', steps: [create('moves'), create('orders'), create('stuck'), kt('--describe', '--topic', 'moves|orders|stuck')] },
  {
    id: 'kafka-topics/describe-topics-with-overrides',
    steps: [create('plain'), create('tuned', '--config', 'retention.ms=1000'), kt('--describe', '--topics-with-overrides', '--exclude-internal')],
  },
  { id: 'kafka-topics/describe-under-replicated', steps: [create('t', '--partitions', '2'), kt('--describe', '--under-replicated-partitions')] },
  { id: 'kafka-topics/describe-unavailable', steps: [create('t', '--partitions', '2'), kt('--describe', '--unavailable-partitions')] },
  {
    id: 'kafka-topics/describe-under-min-isr',
    steps: [create('strict', '--partitions', '2', '--config', 'min.insync.replicas=2'), create('loose'), kt('--describe', '--under-min-isr-partitions', '--exclude-internal')],
  },
  {
    id: 'kafka-topics/describe-at-min-isr',
    steps: [create('strict', '--config', 'min.insync.replicas=2'), create('loose', '--partitions', '2'), kt('--describe', '--at-min-isr-partitions', '--exclude-internal')],
  },
  { id: 'kafka-topics/describe-topic-id-unknown', steps: [kt('--describe', '--topic-id', 'AAAAAAAAAAAAAAAAAAAAAQ')] },
  { id: 'kafka-topics/describe-topic-id-unknown-if-exists', steps: [kt('--describe', '--topic-id', 'AAAAAAAAAAAAAAAAAAAAAQ', '--if-exists')] },
  { id: 'kafka-topics/describe-topic-id-invalid', steps: [kt('--describe', '--topic-id', 'not-a-uuid')] },
  // {topic-id:t}: the id the broker gave t, looked up when the step runs (ids differ per broker).
  { id: 'kafka-topics/describe-topic-id', steps: [create('t', '--partitions', '2'), create('other'), kt('--describe', '--topic-id', '{topic-id:t}')] },
  { id: 'kafka-topics/describe-topic-id-if-exists', steps: [create('t'), kt('--describe', '--topic-id', '{topic-id:t}', '--if-exists')] },
  { id: 'kafka-topics/describe-topic-id-zero', steps: [create('t'), kt('--describe', '--topic-id', 'AAAAAAAAAAAAAAAAAAAAAA', '--topic', 't')] },
  { id: 'kafka-topics/describe-partition-size-limit', steps: [create('wide', '--partitions', '5'), create('narrow'), kt('--describe', '--partition-size-limit-per-response', '2', '--exclude-internal')] },
  { id: 'kafka-topics/describe-partition-size-limit-bad', steps: [create('t'), kt('--describe', '--partition-size-limit-per-response', 'many')] },

  // ---- alter --------------------------------------------------------------------------------
  { id: 'kafka-topics/alter-partitions', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '3'), kt('--describe', '--topic', 't')] },
  { id: 'kafka-topics/alter-partitions-decrease', steps: [create('t', '--partitions', '3'), kt('--alter', '--topic', 't', '--partitions', '2')] },
  { id: 'kafka-topics/alter-partitions-same', steps: [create('t', '--partitions', '3'), kt('--alter', '--topic', 't', '--partitions', '3')] },
  { id: 'kafka-topics/alter-unknown', steps: [kt('--alter', '--topic', 'nope', '--partitions', '3')] },
  { id: 'kafka-topics/alter-unknown-if-exists', steps: [kt('--alter', '--topic', 'nope', '--partitions', '3', '--if-exists')] },
  { id: 'kafka-topics/alter-replica-assignment', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '3', '--replica-assignment', '1,1,1'), kt('--describe', '--topic', 't')] },
  { id: 'kafka-topics/alter-replica-assignment-unknown-broker', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '2', '--replica-assignment', '1,2')] },
  // The controller's bounds on one operation: refused at once, nothing created (issue 11).
  { id: 'kafka-topics/create-partitions-over-request-bound', steps: [kt('--create', '--topic', 'huge', '--partitions', '100000000'), kt('--list')] },
  { id: 'kafka-topics/create-records-over-operation-bound', steps: [kt('--create', '--topic', 'big', '--partitions', '10000'), kt('--list')] },
  { id: 'kafka-topics/alter-partitions-over-request-bound', steps: [create('t'), kt('--alter', '--topic', 't', '--partitions', '100000000'), kt('--describe', '--topic', 't')] },
  { id: 'kafka-topics/alter-regex', steps: [create('orders'), create('orders_eu'), create('payments'), kt('--alter', '--topic', 'orders.*', '--partitions', '2'), kt('--describe', '--exclude-internal')] },

  // ---- delete -------------------------------------------------------------------------------
  { id: 'kafka-topics/delete', steps: [create('t'), create('u'), kt('--delete', '--topic', 't'), kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/delete-regex', steps: [create('orders'), create('orders_eu'), create('payments'), kt('--delete', '--topic', 'orders.*'), kt('--list', '--exclude-internal')] },
  { id: 'kafka-topics/delete-unknown', steps: [kt('--delete', '--topic', 'nope')] },
  { id: 'kafka-topics/delete-unknown-if-exists', steps: [kt('--delete', '--topic', 'nope', '--if-exists')] },

  // ---- broker configs seen by topics (section 13) --------------------------------------------
  {
    id: 'kafka-topics/describe-broker-default-min-isr',
    steps: [
      configs('--alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'min.insync.replicas=2'),
      create('t'),
      kt('--describe', '--topic', 't'),
      kt('--describe', '--topic', 't', '--under-min-isr-partitions'),
      configs('--alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'min.insync.replicas=1'),
      awaitOutput(literal('min.insync.replicas=1 '), 'kafka-configs', ...B, '--describe', '--entity-type', 'brokers', '--entity-default'),
    ],
  },
  {
    id: 'kafka-topics/describe-broker-dynamic-retention',
    steps: [
      configs('--alter', '--entity-type', 'brokers', '--entity-name', '1', '--add-config', 'log.retention.ms=5000,log.cleanup.policy=compact'),
      create('t'),
      // Kafka's broker applies the new topic from its metadata log a moment after CreateTopics
      // answers; on a loaded machine a describe at once can still miss it.
      awaitOutput('PartitionCount', 'kafka-topics', ...B, '--describe', '--topic', 't'),
      kt('--describe', '--topic', 't'),
      configs('--alter', '--entity-type', 'brokers', '--entity-name', '1', '--delete-config', 'log.retention.ms,log.cleanup.policy'),
      awaitGone(literal('log.retention.ms'), 'kafka-configs', ...B, '--describe', '--entity-type', 'brokers', '--entity-name', '1'),
      kt('--describe', '--topic', 't'),
    ],
  },

  // ---- seed era: --zookeeper, Kafka 2.8's texts ------------------------------------------------
  { id: 'kafka-topics/zookeeper-version', legacy: true, steps: [zk('--version')] },
  { id: 'kafka-topics/zookeeper-help', legacy: true, steps: [zk('--help')] },
  { id: 'kafka-topics/zookeeper-no-action', legacy: true, steps: [step('kafka-topics', ...ZK)] },
  { id: 'kafka-topics/zookeeper-and-bootstrap-server', legacy: true, steps: [step('kafka-topics', ...ZK, ...B, '--list')] },
  { id: 'kafka-topics/zookeeper-create', legacy: true, steps: [zk('--create', '--topic', 'first_topic', '--partitions', '3', '--replication-factor', '1'), zk('--describe', '--topic', 'first_topic')] },
  { id: 'kafka-topics/zookeeper-create-without-partitions', legacy: true, steps: [zk('--create', '--topic', 't', '--replication-factor', '1')] },
  { id: 'kafka-topics/zookeeper-create-replication-factor-too-large', legacy: true, steps: [zk('--create', '--topic', 't', '--partitions', '1', '--replication-factor', '3')] },
  { id: 'kafka-topics/zookeeper-create-exists', legacy: true, steps: [zkCreate('dup'), zk('--create', '--topic', 'dup', '--partitions', '1', '--replication-factor', '1')] },
  { id: 'kafka-topics/zookeeper-create-if-not-exists', legacy: true, steps: [zkCreate('dup'), zk('--create', '--topic', 'dup', '--partitions', '1', '--replication-factor', '1', '--if-not-exists')] },
  { id: 'kafka-topics/zookeeper-create-config', legacy: true, steps: [zkCreate('cfg', '2', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact'), zk('--describe', '--topic', 'cfg')] },
  { id: 'kafka-topics/zookeeper-create-config-unknown', legacy: true, steps: [zk('--create', '--topic', 't', '--partitions', '1', '--replication-factor', '1', '--config', 'no.such=1')] },
  { id: 'kafka-topics/zookeeper-create-replica-assignment', legacy: true, steps: [zk('--create', '--topic', 'ra', '--replica-assignment', '1,1'), zk('--describe', '--topic', 'ra')] },
  { id: 'kafka-topics/zookeeper-create-invalid-name', legacy: true, steps: [zk('--create', '--topic', 'bad!name', '--partitions', '1', '--replication-factor', '1')] },
  { id: 'kafka-topics/zookeeper-create-collision', legacy: true, steps: [zkCreate('a.b'), zk('--create', '--topic', 'a_b', '--partitions', '1', '--replication-factor', '1')] },
  { id: 'kafka-topics/zookeeper-list', legacy: true, steps: [zkCreate('a'), zkCreate('b'), zk('--list', '--exclude-internal')] },
  { id: 'kafka-topics/zookeeper-list-internal', legacy: true, steps: [offsetsTopic(), zkCreate('a'), zk('--list'), zk('--list', '--exclude-internal')] },
  { id: 'kafka-topics/zookeeper-describe', legacy: true, steps: [zkCreate('a', '2'), zk('--describe', '--topic', 'a')] },
  { id: 'kafka-topics/zookeeper-describe-unknown', legacy: true, steps: [zk('--describe', '--topic', 'nope')] },
  { id: 'kafka-topics/zookeeper-describe-under-min-isr', legacy: true, steps: [zk('--describe', '--under-min-isr-partitions')] },
  { id: 'kafka-topics/zookeeper-describe-topics-with-overrides', legacy: true, steps: [zkCreate('plain'), zkCreate('tuned', '1', '--config', 'retention.ms=1000'), zk('--describe', '--topics-with-overrides', '--exclude-internal')] },
  { id: 'kafka-topics/zookeeper-alter-partitions', legacy: true, steps: [zkCreate('a'), zk('--alter', '--topic', 'a', '--partitions', '3'), zk('--describe', '--topic', 'a')] },
  { id: 'kafka-topics/zookeeper-alter-partitions-decrease', legacy: true, steps: [zkCreate('a', '3'), zk('--alter', '--topic', 'a', '--partitions', '2')] },
  { id: 'kafka-topics/zookeeper-alter-config', legacy: true, steps: [zkCreate('a'), zk('--alter', '--topic', 'a', '--config', 'retention.ms=1000'), zk('--describe', '--topic', 'a')] },
  {
    id: 'kafka-topics/zookeeper-alter-delete-config',
    legacy: true,
    steps: [zkCreate('a', '1', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact'), zk('--alter', '--topic', 'a', '--delete-config', 'retention.ms'), zk('--describe', '--topic', 'a')],
  },
  { id: 'kafka-topics/zookeeper-alter-unknown', legacy: true, steps: [zk('--alter', '--topic', 'nope', '--partitions', '2')] },
  { id: 'kafka-topics/zookeeper-alter-internal', legacy: true, steps: [offsetsTopic(), zk('--alter', '--topic', '__consumer_offsets', '--partitions', '60')] },
  { id: 'kafka-topics/zookeeper-delete', legacy: true, steps: [zkCreate('a'), zk('--delete', '--topic', 'a')] },
  { id: 'kafka-topics/zookeeper-delete-unknown', legacy: true, steps: [zk('--delete', '--topic', 'nope')] },
  // 2.8 accepted --disable-rack-aware (placement without racks) and --force (ignored).
  { id: 'kafka-topics/zookeeper-create-disable-rack-aware', legacy: true, steps: [zk('--create', '--topic', 'nr', '--partitions', '2', '--replication-factor', '1', '--disable-rack-aware'), zk('--describe', '--topic', 'nr')] },
  { id: 'kafka-topics/zookeeper-alter-disable-rack-aware', legacy: true, steps: [zkCreate('a'), zk('--alter', '--topic', 'a', '--partitions', '2', '--disable-rack-aware'), zk('--describe', '--topic', 'a')] },
  { id: 'kafka-topics/zookeeper-create-force', legacy: true, steps: [zk('--create', '--topic', 'f', '--partitions', '1', '--replication-factor', '1', '--force'), zk('--list', '--exclude-internal')] },
  { id: 'kafka-topics/zookeeper-delete-force', legacy: true, steps: [zkCreate('a'), zk('--delete', '--topic', 'a', '--force')] },
  { id: 'kafka-topics/zookeeper-list-force', legacy: true, steps: [zkCreate('a'), zk('--list', '--force', '--exclude-internal')] },
  { id: 'kafka-topics/zookeeper-delete-internal', legacy: true, steps: [offsetsTopic(), zk('--delete', '--topic', '__consumer_offsets')] },
];
