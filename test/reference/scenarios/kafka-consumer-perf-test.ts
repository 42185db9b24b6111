// kafka-consumer-perf-test (Kafka 4.4's ConsumerPerformance, jopt): usage errors, failures once
// running, and small runs over a topic of 10 records (fewer than one poll's 500, so both sides
// count the same records); times and rates are masked (deliberate-differences.json, perf-figures).
import { prepare, prepareIn, step, type Scenario } from '../lib/scenario';

const T = 'kafka-consumer-perf-test';
const B = ['--bootstrap-server', '{bootstrap}'];
const TEN = Array.from({ length: 10 }, (_, i) => `record-${i}\n`).join('');

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

/** A run over a topic holding 10 records. */
function consume(name: string, topic: string, args: string[], files?: Record<string, string>): Scenario {
  return {
    id: `${T}/${name}`,
    files,
    steps: [
      prepare('kafka-topics', ...B, '--create', '--topic', topic),
      prepareIn('kafka-console-producer', TEN, ...B, '--topic', topic),
      step(T, ...args),
    ],
  };
}

/**
 * Seed era, judged by Kafka 2.8 (legacy): --broker-list for --bootstrap-server, and --threads /
 * --num-fetch-threads, which 2.8–3.9 accepted and ignored with a warning; 4.0 removed all three.
 */
function legacy(name: string, topic: string, args: string[]): Scenario {
  return {
    id: `${T}/${name}`,
    legacy: true,
    steps: [
      prepare('kafka-topics', '--zookeeper', '{zookeeper}', '--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1'),
      prepareIn('kafka-console-producer', TEN, ...B, '--topic', topic),
      step(T, ...args),
    ],
  };
}

export const consumerPerfTest: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--no-such-option', '2']),
  run('bad-fetch-size', [...B, '--topic', 'x', '--num-records', '1', '--fetch-size', 'big']),
  run('bad-socket-buffer-size', [...B, '--topic', 'x', '--num-records', '1', '--socket-buffer-size', '1.5']),
  run('missing-bootstrap', ['--topic', 'x']),
  run('missing-topic', [...B]),
  run('missing-count', [...B, '--topic', 'x']),
  run('topic-and-include', [...B, '--topic', 'x', '--include', 'x.*', '--num-records', '1']),
  run('messages-and-num-records', [...B, '--topic', 'x', '--num-records', '1', '--messages', '1']),
  run('both-config-options', [...B, '--topic', 'x', '--num-records', '1', '--consumer.config', '{dir}/a', '--command-config', '{dir}/b']),
  run('bad-count', [...B, '--topic', 'x', '--num-records', 'many']),
  run('missing-config-file', [...B, '--topic', 'x', '--num-records', '1', '--command-config', '{dir}/absent.properties']),
  run('reporting-interval-zero', [...B, '--topic', 'x', '--num-records', '1', '--reporting-interval', '0']),
  consume('summary', 'cpt-sum', [...B, '--topic', 'cpt-sum', '--num-records', '10']),
  consume('messages-deprecated', 'cpt-msg', [...B, '--topic', 'cpt-msg', '--messages', '10', '--hide-header']),
  consume('include', 'cpt-inc', [...B, '--include', 'cpt-in.*', '--num-records', '10', '--group', 'cpt-inc-group']),
  consume('detailed-stats', 'cpt-det', [...B, '--topic', 'cpt-det', '--num-records', '10', '--show-detailed-stats']),
  consume('date-format', 'cpt-date', [...B, '--topic', 'cpt-date', '--num-records', '10', '--date-format', 'yyyy']),
  consume('command-property', 'cpt-prop', [...B, '--topic', 'cpt-prop', '--num-records', '10', '--command-property', 'max.poll.records=3', 'client.id=mine']),
  consume('consumer-config', 'cpt-conf', [...B, '--topic', 'cpt-conf', '--num-records', '10', '--consumer.config', '{dir}/c.properties'], { 'c.properties': 'client.id=perf\n' }),
  // --timeout counts from the start, group join included: on a broker that has no __consumer_offsets
  // yet, creating it took longer than 5 s (Kafka's own tool read 0 of 10), so it is made first.
  {
    id: `${T}/timeout`,
    steps: [
      prepare('kafka-consumer-groups', ...B, '--describe', '--group', 'offsets-topic-maker'),
      prepare('kafka-topics', ...B, '--create', '--topic', 'cpt-tmo'),
      prepareIn('kafka-console-producer', TEN, ...B, '--topic', 'cpt-tmo'),
      step(T, ...B, '--topic', 'cpt-tmo', '--num-records', '11', '--timeout', '5000'),
    ],
  },
  consume('from-latest', 'cpt-latest', [...B, '--topic', 'cpt-latest', '--num-records', '1', '--from-latest', '--timeout', '1000']),
  consume('fetch-size', 'cpt-fetch', [...B, '--topic', 'cpt-fetch', '--num-records', '10', '--fetch-size', '100']),
  consume('socket-buffer-size', 'cpt-sock', [...B, '--topic', 'cpt-sock', '--num-records', '10', '--socket-buffer-size', '65536', '--fetch-size', '4096']),
  consume('print-metrics', 'cpt-metrics', [...B, '--topic', 'cpt-metrics', '--num-records', '10', '--print-metrics']),
  legacy('broker-list', 'cpt-bl', ['--broker-list', '{bootstrap}', '--topic', 'cpt-bl', '--messages', '10']),
  legacy('threads', 'cpt-thr', [...B, '--topic', 'cpt-thr', '--messages', '10', '--threads', '2']),
  legacy('num-fetch-threads', 'cpt-nft', [...B, '--topic', 'cpt-nft', '--messages', '10', '--num-fetch-threads', '3', '--hide-header']),
  legacy('broker-list-threads-fetch-size', 'cpt-all', ['--broker-list', '{bootstrap}', '--topic', 'cpt-all', '--messages', '10', '--threads', '1', '--fetch-size', '1048576', '--socket-buffer-size', '65536']),
];
