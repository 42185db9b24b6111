// kafka-consumer-groups (spec/cli.md section 5, and the section 1 conventions as this tool applies
// them). Groups are made deterministically: keyed records (the partition is the key's hash), a
// console consumer with --group and --max-messages that reads everything (it commits the log end
// of every partition and leaves: the group is Empty), and for groups with members, console
// consumers left running in the background, waited for with a describe until the group is
// Stable with its members (never a sleep). Member ids are random, and so is the order in which a
// broker lists members: views of two members are made so that this order cannot show (an even
// share of partitions where rows follow the members; an uneven one where rows are sorted by it).
import { awaitOutput, background, backgroundScript, kafkaBackground, prepare, prepareIn, step, type Scenario, type Step } from '../lib/scenario';

const CG = 'kafka-consumer-groups';
const B = ['--bootstrap-server', '{bootstrap}'];

/** A compared kafka-consumer-groups step against the side's broker. */
const cg = (...args: string[]): Step => step(CG, ...B, ...args);

const topic = (name: string, partitions: number): Step =>
  prepare('kafka-topics', ...B, '--create', '--topic', name, '--partitions', String(partitions));

/** Keyed records `k<i>:v<i>` (i = from..from+n-1): their partitions follow from the keys. */
function produce(name: string, n: number, from = 1): Step {
  const lines = Array.from({ length: n }, (_, i) => `k${from + i}:v${from + i}`).join('\n') + '\n';
  return prepareIn('kafka-console-producer', lines, ...B, '--topic', name, '--property', 'parse.key=true', '--property', 'key.separator=:');
}

/** Read n records from the start in `group` and leave: the group is Empty with committed offsets. */
const consume = (group: string, name: string, n: number): Step =>
  prepare('kafka-console-consumer', ...B, '--topic', name, '--group', group, '--from-beginning', '--max-messages', String(n));

/** Topic `orders` (3 partitions, 6 records) and group g1 that read it all. */
const ORDERS = [topic('orders', 3), produce('orders', 6), consume('g1', 'orders', 6)];

/** A console consumer of `group` on `name`, running until the scenario ends. */
const member = (group: string, name: string): Step => background('kafka-console-consumer', ...B, '--topic', name, '--group', group);

/** Wait until `group` is Stable with `n` members. */
const stable = (group: string, n: number): Step =>
  awaitOutput(`Stable\\s+${n}\\n`, CG, ...B, '--describe', '--group', group, '--state');

/** Topic `events` (8 records), read by g1 (committed), then g1 with `members` members running. */
const active = (members: number, partitions = 4): Step[] => [
  topic('events', partitions), produce('events', 8), consume('g1', 'events', 8),
  ...Array.from({ length: members }, () => member('g1', 'events')),
  stable('g1', members),
];

/**
 * Nothing listens on 127.0.0.1:1: the admin client retries until --timeout (kept short) and fails
 * with "Timed out waiting for a node assignment" (--list: no broker to send ListGroups to).
 */
const UNREACHABLE_FILES = { 'admin.properties': 'default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n' };
const UNREACHABLE = ['--bootstrap-server', '127.0.0.1:1', '--command-config', '{dir}/admin.properties', '--timeout', '2000'];

/**
 * g1 (committed offsets on `events`) held mid-rebalance by scripts/hold-rebalance.cjs until the
 * scenario ends: one member joined and never syncs (CompletingRebalance), or a second member's
 * JoinGroup pending on top of it (PreparingRebalance, until the first rejoins, which it never does).
 */
const rebalancing = (members: 1 | 2): Step[] => [
  topic('events', 2), produce('events', 4), consume('g1', 'events', 4),
  backgroundScript('hold-rebalance.cjs', '{bootstrap}', 'g1', 'events', String(members)),
  awaitOutput(`${members === 1 ? 'CompletingRebalance' : 'PreparingRebalance'}\\s+${members}\\n`, CG, ...B, '--describe', '--group', 'g1', '--state'),
];

const RESET = ['--reset-offsets', '--group', 'g1'];

export const consumerGroups: Scenario[] = [
  // --- section 1 conventions: help, version, parse errors, argument checks
  { id: 'kafka-consumer-groups/no-args', steps: [step(CG)] },
  { id: 'kafka-consumer-groups/help', steps: [step(CG, '--help')] },
  { id: 'kafka-consumer-groups/version', steps: [step(CG, '--version')] },
  { id: 'kafka-consumer-groups/unknown-option', steps: [cg('--list', '--foo')] },
  { id: 'kafka-consumer-groups/zookeeper-option', steps: [step(CG, '--zookeeper', 'localhost:2181', '--list')] },
  { id: 'kafka-consumer-groups/missing-value', steps: [cg('--describe', '--group')] },
  { id: 'kafka-consumer-groups/missing-bootstrap', steps: [step(CG, '--list')] },
  { id: 'kafka-consumer-groups/no-action', steps: [cg()] },
  { id: 'kafka-consumer-groups/two-actions', steps: [cg('--list', '--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/unreachable-list', files: UNREACHABLE_FILES, steps: [step(CG, ...UNREACHABLE, '--list')] },
  { id: 'kafka-consumer-groups/unreachable-describe', files: UNREACHABLE_FILES, steps: [step(CG, ...UNREACHABLE, '--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/bad-timeout', steps: [cg('--list', '--timeout', 'soon')] },
  { id: 'kafka-consumer-groups/describe-without-group', steps: [cg('--describe')] },
  { id: 'kafka-consumer-groups/describe-two-views', steps: [cg('--describe', '--group', 'g1', '--members', '--state')] },
  { id: 'kafka-consumer-groups/describe-state-with-value', steps: [cg('--describe', '--group', 'g1', '--state', 'Stable')] },
  { id: 'kafka-consumer-groups/members-without-describe', steps: [cg('--list', '--members')] },
  { id: 'kafka-consumer-groups/type-without-list', steps: [cg('--describe', '--group', 'g1', '--type')] },
  { id: 'kafka-consumer-groups/group-with-list', steps: [cg('--list', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/group-and-all-groups', steps: [cg('--describe', '--group', 'g1', '--all-groups')] },
  { id: 'kafka-consumer-groups/topic-with-list', steps: [cg('--list', '--topic', 'orders')] },
  { id: 'kafka-consumer-groups/topic-with-describe', steps: [cg('--describe', '--group', 'g1', '--topic', 'orders')] },
  { id: 'kafka-consumer-groups/delete-without-group', steps: [cg('--delete')] },
  { id: 'kafka-consumer-groups/delete-with-topic', steps: [cg('--delete', '--group', 'g1', '--topic', 'orders')] },
  { id: 'kafka-consumer-groups/delete-offsets-without-topic', steps: [cg('--delete-offsets', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/reset-dry-run-and-execute', steps: [cg(...RESET, '--all-topics', '--to-earliest', '--dry-run', '--execute')] },
  { id: 'kafka-consumer-groups/reset-without-group', steps: [cg('--reset-offsets', '--all-topics', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-two-scenarios', steps: [cg(...RESET, '--all-topics', '--to-earliest', '--to-latest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-no-scenario', steps: [cg(...RESET, '--all-topics', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-no-scope', steps: [cg(...RESET, '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/list-invalid-state', steps: [cg('--list', '--state', 'Sleeping')] },
  { id: 'kafka-consumer-groups/list-invalid-type', steps: [cg('--list', '--type', 'share')] },

  // --- --list
  { id: 'kafka-consumer-groups/list-none', steps: [cg('--list'), cg('--list', '--state')] },
  { id: 'kafka-consumer-groups/list', steps: [...ORDERS, cg('--list')] },
  { id: 'kafka-consumer-groups/list-state', steps: [...ORDERS, cg('--list', '--state')] },
  { id: 'kafka-consumer-groups/list-type', steps: [...ORDERS, cg('--list', '--type')] },
  { id: 'kafka-consumer-groups/list-state-and-type', steps: [...ORDERS, cg('--list', '--state', '--type')] },
  {
    id: 'kafka-consumer-groups/list-state-filter',
    steps: [...ORDERS, cg('--list', '--state', 'Stable'), cg('--list', '--state', 'stable,EMPTY'), cg('--list', '--state', 'Empty', '--type')],
  },
  { id: 'kafka-consumer-groups/list-type-filter', steps: [...ORDERS, cg('--list', '--type', 'classic'), cg('--list', '--type', 'consumer'), cg('--list', '--type', 'Classic,consumer', '--state')] },
  {
    id: 'kafka-consumer-groups/list-several',
    steps: [...ORDERS, consume('a-group', 'orders', 6), consume('b-group', 'orders', 6), consume('z-group', 'orders', 6), cg('--list'), cg('--list', '--state')],
  },
  { id: 'kafka-consumer-groups/list-missing-command-config', steps: [cg('--list', '--command-config', '{dir}/missing.properties')] },
  { id: 'kafka-consumer-groups/list-stable', steps: [...active(1), cg('--list', '--state', '--type')] },

  // --- --describe
  { id: 'kafka-consumer-groups/describe-empty', steps: [...ORDERS, cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/describe-offsets', steps: [...ORDERS, cg('--describe', '--group', 'g1', '--offsets')] },
  { id: 'kafka-consumer-groups/describe-offsets-verbose', steps: [...ORDERS, cg('--describe', '--group', 'g1', '--offsets', '--verbose')] },
  { id: 'kafka-consumer-groups/describe-members-empty', steps: [...ORDERS, cg('--describe', '--group', 'g1', '--members'), cg('--describe', '--group', 'g1', '--members', '--verbose')] },
  { id: 'kafka-consumer-groups/describe-state-empty', steps: [...ORDERS, cg('--describe', '--group', 'g1', '--state'), cg('--describe', '--group', 'g1', '--state', '--verbose')] },
  { id: 'kafka-consumer-groups/describe-lag', steps: [...ORDERS, produce('orders', 5, 7), cg('--describe', '--group', 'g1')] },
  {
    id: 'kafka-consumer-groups/describe-unknown',
    steps: [cg('--describe', '--group', 'nope'), cg('--describe', '--group', 'nope', '--members'), cg('--describe', '--group', 'nope', '--state')],
  },
  {
    id: 'kafka-consumer-groups/describe-several',
    steps: [...ORDERS, consume('a-group', 'orders', 6), cg('--describe', '--group', 'g1', '--group', 'a-group'), cg('--describe', '--group', 'g1', '--group', 'a-group', '--state')],
  },
  { id: 'kafka-consumer-groups/describe-several-one-unknown', steps: [...ORDERS, cg('--describe', '--group', 'g1', '--group', 'nope')] },
  { id: 'kafka-consumer-groups/describe-all-groups', steps: [...ORDERS, consume('a-group', 'orders', 6), cg('--describe', '--all-groups'), cg('--describe', '--all-groups', '--members')] },
  { id: 'kafka-consumer-groups/describe-all-groups-none', steps: [cg('--describe', '--all-groups')] },
  {
    id: 'kafka-consumer-groups/describe-stable',
    steps: [
      ...active(1),
      cg('--describe', '--group', 'g1'), cg('--describe', '--group', 'g1', '--verbose'), cg('--describe', '--group', 'g1', '--members'),
      cg('--describe', '--group', 'g1', '--members', '--verbose'), cg('--describe', '--group', 'g1', '--state'), cg('--describe', '--group', 'g1', '--state', '--verbose'),
    ],
  },
  // A static member (group.instance.id): the GROUP-INSTANCE-ID column.
  {
    id: 'kafka-consumer-groups/describe-static-member',
    steps: [
      topic('events', 2), produce('events', 4), consume('g1', 'events', 4),
      // A static member stays in the group after it stops, until its session times out (6 s here).
      background('kafka-console-consumer', ...B, '--topic', 'events', '--group', 'g1', '--consumer-property', 'group.instance.id=static-1',
        '--consumer-property', 'session.timeout.ms=6000'),
      stable('g1', 1),
      cg('--describe', '--group', 'g1'), cg('--describe', '--group', 'g1', '--members'), cg('--describe', '--group', 'g1', '--members', '--verbose'),
    ],
  },
  // Two members sharing 4 partitions: the member rows look alike whichever comes first.
  { id: 'kafka-consumer-groups/describe-two-members', steps: [...active(2), cg('--describe', '--group', 'g1', '--members'), cg('--describe', '--group', 'g1', '--state')] },
  // Two members sharing 3 partitions (2 + 1): the offsets rows go by member, most partitions first.
  { id: 'kafka-consumer-groups/describe-two-members-offsets', steps: [...active(2, 3), cg('--describe', '--group', 'g1')] },

  {
    id: 'kafka-consumer-groups/describe-completing-rebalance',
    steps: [...rebalancing(1), cg('--describe', '--group', 'g1'), cg('--describe', '--group', 'g1', '--members'), cg('--describe', '--group', 'g1', '--members', '--verbose'),
      cg('--describe', '--group', 'g1', '--state'), cg('--list', '--state')],
  },
  {
    id: 'kafka-consumer-groups/describe-preparing-rebalance',
    steps: [...rebalancing(2), cg('--describe', '--group', 'g1'), cg('--describe', '--group', 'g1', '--members'), cg('--describe', '--group', 'g1', '--state'),
      cg('--describe', '--all-groups', '--offsets')],
  },
  {
    id: 'kafka-consumer-groups/reset-offsets-rebalancing',
    steps: [...rebalancing(1), cg('--reset-offsets', '--group', 'g1', '--topic', 'events', '--to-earliest', '--execute'), cg('--delete', '--group', 'g1')],
  },

  // --- --reset-offsets
  { id: 'kafka-consumer-groups/reset-to-earliest', steps: [...ORDERS, cg(...RESET, '--topic', 'orders', '--to-earliest', '--dry-run'), cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/reset-to-earliest-execute', steps: [...ORDERS, cg(...RESET, '--topic', 'orders', '--to-earliest', '--execute'), cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/reset-without-execute', steps: [...ORDERS, cg(...RESET, '--all-topics', '--to-earliest')] },
  { id: 'kafka-consumer-groups/reset-to-latest', steps: [...ORDERS, produce('orders', 3, 7), cg(...RESET, '--all-topics', '--to-latest', '--execute'), cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/reset-to-current', steps: [...ORDERS, produce('orders', 3, 7), cg(...RESET, '--all-topics', '--to-current', '--dry-run')] },
  {
    id: 'kafka-consumer-groups/reset-to-current-new-topic',
    steps: [...ORDERS, topic('fresh', 2), produce('fresh', 4), cg(...RESET, '--topic', 'orders', '--topic', 'fresh', '--to-current', '--dry-run')],
  },
  {
    id: 'kafka-consumer-groups/reset-to-offset',
    steps: [...ORDERS, cg(...RESET, '--topic', 'orders', '--to-offset', '1', '--dry-run'), cg(...RESET, '--topic', 'orders', '--to-offset', '100', '--dry-run'), cg(...RESET, '--topic', 'orders', '--to-offset', '-5', '--dry-run')],
  },
  {
    id: 'kafka-consumer-groups/reset-shift-by',
    steps: [...ORDERS, cg(...RESET, '--all-topics', '--shift-by', '-1', '--execute'), cg('--describe', '--group', 'g1'), cg(...RESET, '--all-topics', '--shift-by', '10', '--dry-run'), cg(...RESET, '--all-topics', '--shift-by', '-10', '--dry-run')],
  },
  { id: 'kafka-consumer-groups/reset-shift-by-no-offset', steps: [...ORDERS, topic('fresh', 1), cg(...RESET, '--topic', 'fresh', '--shift-by', '1', '--dry-run')] },
  {
    id: 'kafka-consumer-groups/reset-to-datetime',
    steps: [
      ...ORDERS,
      cg(...RESET, '--all-topics', '--to-datetime', '2000-01-01T00:00:00.000', '--dry-run'),
      cg(...RESET, '--all-topics', '--to-datetime', '2000-01-01T00:00:00.000+02:00', '--dry-run'),
      cg(...RESET, '--all-topics', '--to-datetime', '2999-01-01T00:00:00.000Z', '--dry-run'),
    ],
  },
  { id: 'kafka-consumer-groups/reset-to-datetime-bad', steps: [...ORDERS, cg(...RESET, '--all-topics', '--to-datetime', '2000-01-01 00:00:00', '--dry-run'), cg(...RESET, '--all-topics', '--to-datetime', '2000-01-01T00:00:00', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-by-duration', steps: [...ORDERS, cg(...RESET, '--all-topics', '--by-duration', 'P1D', '--dry-run'), cg(...RESET, '--all-topics', '--by-duration', 'PT0S', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-by-duration-bad', steps: [...ORDERS, cg(...RESET, '--all-topics', '--by-duration', '1 day', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-partitions', steps: [...ORDERS, cg(...RESET, '--topic', 'orders:0,2', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-bad-partitions', steps: [...ORDERS, cg(...RESET, '--topic', 'orders:x', '--to-earliest', '--dry-run'), cg(...RESET, '--topic', 'orders:', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-missing-partition', steps: [...ORDERS, cg(...RESET, '--topic', 'orders:7', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-unknown-topic-partition', steps: [...ORDERS, cg(...RESET, '--topic', 'nope:0', '--topic', 'orders:1', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-unknown-topic', steps: [...ORDERS, cg(...RESET, '--topic', 'nope', '--to-earliest', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-unknown-group', steps: [topic('orders', 3), produce('orders', 6), cg('--reset-offsets', '--group', 'new-group', '--topic', 'orders', '--to-latest', '--execute'), cg('--describe', '--group', 'new-group')] },
  { id: 'kafka-consumer-groups/reset-export', steps: [...ORDERS, cg(...RESET, '--all-topics', '--to-earliest', '--export', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-export-groups', steps: [...ORDERS, consume('a-group', 'orders', 6), cg('--reset-offsets', '--group', 'g1', '--group', 'a-group', '--all-topics', '--to-earliest', '--export', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-all-groups', steps: [...ORDERS, consume('a-group', 'orders', 6), cg('--reset-offsets', '--all-groups', '--all-topics', '--to-earliest', '--dry-run')] },
  {
    id: 'kafka-consumer-groups/reset-from-file',
    files: { 'plan.csv': 'orders,0,1\norders,1,1\norders,2,100\n' },
    steps: [...ORDERS, cg(...RESET, '--from-file', '{dir}/plan.csv', '--execute'), cg('--describe', '--group', 'g1')],
  },
  {
    id: 'kafka-consumer-groups/reset-from-file-groups',
    files: { 'plan.csv': 'g1,orders,0,0\na-group,orders,1,0\n', 'other.csv': 'z-group,orders,0,0\n' },
    steps: [
      ...ORDERS, consume('a-group', 'orders', 6),
      cg('--reset-offsets', '--group', 'g1', '--group', 'a-group', '--from-file', '{dir}/plan.csv', '--dry-run'),
      cg(...RESET, '--from-file', '{dir}/other.csv', '--dry-run'),
    ],
  },
  { id: 'kafka-consumer-groups/reset-from-missing-file', steps: [...ORDERS, cg(...RESET, '--from-file', '{dir}/none.csv', '--dry-run')] },
  { id: 'kafka-consumer-groups/reset-active-group', steps: [...active(1), cg(...RESET, '--all-topics', '--to-earliest', '--execute'), cg(...RESET, '--all-topics', '--to-earliest', '--export', '--execute')] },

  // --- --delete
  { id: 'kafka-consumer-groups/delete', steps: [...ORDERS, cg('--delete', '--group', 'g1'), cg('--list')] },
  { id: 'kafka-consumer-groups/delete-several', steps: [...ORDERS, consume('a-group', 'orders', 6), consume('b-group', 'orders', 6), cg('--delete', '--group', 'g1', '--group', 'a-group', '--group', 'b-group'), cg('--list')] },
  { id: 'kafka-consumer-groups/delete-unknown', steps: [cg('--delete', '--group', 'nope')] },
  { id: 'kafka-consumer-groups/delete-some-unknown', steps: [...ORDERS, cg('--delete', '--group', 'g1', '--group', 'nope'), cg('--list')] },
  { id: 'kafka-consumer-groups/delete-non-empty', steps: [...active(1), cg('--delete', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/delete-all-groups', steps: [...ORDERS, consume('a-group', 'orders', 6), cg('--delete', '--all-groups'), cg('--list')] },

  // --- --delete-offsets
  { id: 'kafka-consumer-groups/delete-offsets', steps: [...ORDERS, cg('--delete-offsets', '--group', 'g1', '--topic', 'orders'), cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/delete-offsets-partitions', steps: [...ORDERS, cg('--delete-offsets', '--group', 'g1', '--topic', 'orders:0,2'), cg('--describe', '--group', 'g1')] },
  { id: 'kafka-consumer-groups/delete-offsets-unknown-group', steps: [topic('orders', 3), cg('--delete-offsets', '--group', 'nope', '--topic', 'orders')] },
  { id: 'kafka-consumer-groups/delete-offsets-unknown-topic', steps: [...ORDERS, cg('--delete-offsets', '--group', 'g1', '--topic', 'nope'), cg('--delete-offsets', '--group', 'g1', '--topic', 'nope', '--topic', 'orders:1')] },
  { id: 'kafka-consumer-groups/delete-offsets-active', steps: [...ORDERS, ...active(1), cg('--delete-offsets', '--group', 'g1', '--topic', 'events'), cg('--delete-offsets', '--group', 'g1', '--topic', 'orders')] },

  // --- KIP-848 consumer groups (group.protocol=consumer), which only Kafka's brokers have: our
  // tools must show them as Kafka's do (ConsumerGroupDescribe: type Consumer, epochs, targets).
  {
    id: 'kafka-consumer-groups/kip848-consumer-group',
    brokers: 'kafka',
    steps: [
      topic('events', 3), produce('events', 6),
      kafkaBackground('kafka-console-consumer', ...B, '--topic', 'events', '--group', 'g848', '--consumer-property', 'group.protocol=consumer'),
      stable('g848', 1),
      cg('--list', '--state', '--type'), cg('--list', '--type', 'consumer'),
      cg('--describe', '--group', 'g848', '--members', '--verbose'), cg('--describe', '--group', 'g848', '--state', '--verbose'),
      cg('--delete', '--group', 'g848'), cg(...['--reset-offsets', '--group', 'g848', '--all-topics', '--to-earliest', '--dry-run']),
      cg('--delete-offsets', '--group', 'g848', '--topic', 'events'),
    ],
  },

  // --- --validate-regex (Kafka 4.x: RE2 syntax of a consumer's subscription pattern)
  { id: 'kafka-consumer-groups/validate-regex', steps: [step(CG, '--validate-regex', 'orders-.*'), step(CG, '--validate-regex', 'orders-(')] },
];
