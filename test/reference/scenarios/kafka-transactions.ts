// kafka-transactions (Kafka 4.4's TransactionsCommand, argparse4j): argument errors of the main
// parser and of each command, the commands' own checks, and live transactions made by Kafka's
// kafka-producer-perf-test: a committed one, and an open one (a throughput of 0.001 record/s sends
// a record in a transaction, then waits), and Kafka's transaction-log formatter reading the
// __transaction_state records (TransactionLogValue v1 with its tags, transactions v2) of both.
// Ids and clocks in the tables are masked (lib/mask.ts, maskTransactionTables); transactional
// ids stay in __transaction_state between scenarios, so lists filter by pattern.
import { awaitOutput, kafkaBackground, prepare, step, type Scenario, type Step } from '../lib/scenario';

const T = 'kafka-transactions';
const B = ['--bootstrap-server', '{bootstrap}'];

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

/** A topic with a committed transaction of 10 records by `id` (Kafka's perf-test on every lane). */
const committed = (topic: string, id: string): Step[] => [
  { ...prepare('kafka-topics', ...B, '--create', '--topic', topic), kafkaTool: true },
  { ...prepare('kafka-producer-perf-test', '--topic', topic, '--num-records', '10', '--record-size', '10', '--throughput', '-1',
    '--transactional-id', id, ...B), kafkaTool: true },
];

/** A topic with an open transaction of `id` (left open until the scenario ends or it times out, 60 s). */
const open = (topic: string, id: string): Step[] => [
  { ...prepare('kafka-topics', ...B, '--create', '--topic', topic), kafkaTool: true },
  kafkaBackground('kafka-producer-perf-test', '--topic', topic, '--num-records', '100', '--record-size', '10', '--throughput', '0.001',
    '--transactional-id', id, ...B),
  awaitOutput('\\t0 +\\t\\n', T, ...B, 'describe-producers', '--topic', topic, '--partition', '0'),
];

const live = (name: string, steps: Step[]): Scenario => ({ id: `${T}/${name}`, steps });

export const transactions: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('help-after-command', [...B, '-h', 'list']),
  run('version', ['--version']),
  run('version-short', ['-v', ...B]),
  run('missing-command', [...B]),
  run('missing-bootstrap-server', ['list']),
  run('unknown-command', [...B, 'bogus']),
  run('ambiguous-command', [...B, 'des']),
  run('unknown-option', [...B, '--bogus', 'list']),
  run('missing-value', ['--command-config']),
  run('missing-command-config', [...B, '--command-config', '{dir}/absent.properties', 'list']),
  run('list-help', [...B, 'list', '--help']),
  run('list-unknown-option', ['list', '--bogus']),
  run('list-extra-words', [...B, 'list', 'x', 'y']),
  run('list-bad-duration', [...B, 'list', '--duration-filter', 'abc']),
  run('list-bad-pattern', [...B, 'list', '--transactional-id-pattern', 'x[']),
  run('list-version-after-command', [...B, 'list', '-v']),
  run('describe-help', [...B, 'describe', '-h']),
  run('describe-missing-id', [...B, 'describe']),
  run('describe-missing-value', [...B, 'describe', '--transactional-id']),
  run('describe-unknown-id', [...B, 'describe', '--transactional-id', 'tx-none']),
  run('describe-prefix-option', [...B, 'describe', '--trans=tx-none']),
  run('describe-producers-help', [...B, 'describe-producers', '--help']),
  run('describe-producers-missing-partition', [...B, 'describe-producers', '--topic', 't']),
  run('describe-producers-bad-partition', [...B, 'describe-producers', '--topic', 't', '--partition', 'x']),
  run('describe-producers-partition-overflow', [...B, 'describe-producers', '--topic', 't', '--partition', '99999999999']),
  run('abort-help', [...B, 'abort', '--help']),
  run('abort-unidentified', [...B, 'abort', '--topic', 't', '--partition', '0']),
  run('abort-missing-epoch', [...B, 'abort', '--topic', 't', '--partition', '0', '--producer-id', '5']),
  run('abort-missing-coordinator-epoch', [...B, 'abort', '--topic', 't', '--partition', '0', '--producer-id', '5', '--producer-epoch', '1']),
  run('abort-epoch-overflow', [...B, 'abort', '--topic', 't', '--partition', '0', '--producer-epoch', '99999']),
  run('find-hanging-help', [...B, 'find-hanging', '--help']),
  run('find-hanging-unscoped', [...B, 'find-hanging']),
  run('find-hanging-partition-only', [...B, 'find-hanging', '--partition', '0', '--broker-id', '1']),
  run('find-hanging-bad-timeout', [...B, 'find-hanging', '--broker-id', '1', '--max-transaction-timeout', 'x']),
  run('find-hanging-unknown-topic', [...B, 'find-hanging', '--topic', 'tx-none']),
  run('force-terminate-help', [...B, 'forceTerminateTransaction', '--help']),
  run('force-terminate-missing-id', [...B, 'forceTerminateTransaction']),
  live('committed', [
    ...committed('tx-c', 'tx-committed'),
    step(T, ...B, 'list', '--transactional-id-pattern', 'tx-committed'),
    step(T, ...B, 'describe', '--transactional-id', 'tx-committed'),
    step(T, ...B, 'describe-producers', '--topic', 'tx-c', '--partition', '0'),
    step(T, ...B, 'describe-producers', '--topic', 'tx-c', '--partition', '0', '--broker-id', '1'),
    step(T, ...B, 'find-hanging', '--broker-id', '1'),
  ]),
  live('open', [
    ...open('tx-o', 'tx-open'),
    step(T, ...B, 'lis', '--transactional-id-pattern', 'tx-op.*'),
    step(T, ...B, 'describe', '--transactional-id', 'tx-open'),
    step(T, ...B, 'describe-producers', '--topic', 'tx-o', '--partition', '0'),
    step(T, ...B, 'find-hanging', '--topic', 'tx-o'),
    step(T, ...B, 'find-hanging', '--topic', 'tx-o', '--max-transaction-timeout', '0'),
    step(T, ...B, 'abort', '--topic', 'tx-o', '--partition', '0', '--start-offset', '5'),
    step(T, ...B, 'abort', '--topic', 'tx-o', '--partition', '0', '--start-offset', '0'),
    step(T, ...B, 'describe-producers', '--topic', 'tx-o', '--partition', '0'),
  ]),
  // The transaction log as TransactionLogMessageFormatter prints it: tx-formatter's partition of
  // __transaction_state (23 of 50, no other id of these scenarios) holds its four records (Empty,
  // Ongoing, PrepareCommit, CompleteCommit). Producer ids and times are masked.
  live('transaction-log-formatter', [
    ...committed('tx-fmt', 'tx-formatter'),
    step('kafka-console-consumer', ...B, '--topic', '__transaction_state', '--partition', '23', '--offset', '0', '--max-messages', '4',
      '--formatter', 'org.apache.kafka.tools.consumer.TransactionLogMessageFormatter'),
  ]),
  // Kafka 4.4 has no class of the old name any more: a usage error naming it.
  { id: 'kafka-console-consumer/transaction-log-formatter-old-name', steps: [step('kafka-console-consumer', ...B, '--topic', '__transaction_state',
    '--formatter', 'kafka.coordinator.transaction.TransactionLog$TransactionLogMessageFormatter')] },
  live('force-terminate', [
    ...open('tx-f', 'tx-force'),
    step(T, ...B, 'forceTerminateTransaction', '--transactionalId', 'tx-force'),
    // InitProducerId returns once the open transaction is aborted: the id is Empty, its epoch bumped.
    step(T, ...B, 'describe', '--transactional-id', 'tx-force'),
    step(T, ...B, 'describe-producers', '--topic', 'tx-f', '--partition', '0'),
  ]),
];
