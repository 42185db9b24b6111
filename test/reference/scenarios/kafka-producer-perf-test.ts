// kafka-producer-perf-test (Kafka 4.4's ProducerPerformance, argparse4j): argument errors,
// ConfigPostProcessor's checks, failures before sending, and small runs whose figures are masked
// (deliberate-differences.json, perf-figures: rates and latencies differ by nature; the record
// counts are compared).
import { prepare, step, type Scenario } from '../lib/scenario';

const T = 'kafka-producer-perf-test';
const B = ['--bootstrap-server', '{bootstrap}'];
const BASE = ['--topic', 'ppt', '--num-records', '5', '--throughput', '-1'];

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

/** A run into a topic made first (so no client logs a missing topic). */
function send(name: string, topic: string, args: string[], files?: Record<string, string>): Scenario {
  return {
    id: `${T}/${name}`,
    files,
    steps: [prepare('kafka-topics', ...B, '--create', '--topic', topic), step(T, '--topic', topic, ...args)],
  };
}

export const producerPerfTest: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('help-short', ['-h', '--topic', 't']),
  run('topic-only', ['--topic', 't']),
  run('missing-num-records', ['--topic', 't', '--throughput', '1', '--record-size', '1']),
  run('missing-payload-choice', [...BASE, ...B]),
  run('two-payload-choices', [...BASE, '--record-size', '1', '--payload-monotonic', ...B]),
  run('unknown-option', ['--topic', 't', '--bogus']),
  run('extra-word', [...BASE, '--record-size', '1', ...B, 'extra']),
  run('missing-value', ['--topic']),
  run('bad-number', ['--topic', 't', '--num-records', 'abc', '--throughput', '1', '--record-size', '1']),
  run('bad-double', ['--topic', 't', '--num-records', '1', '--throughput', 'fast', '--record-size', '1']),
  run('ambiguous-prefix', [...BASE, '--record-size', '1', '--p', '1']),
  run('unique-prefix', ['--topic=t', '--num', '5', '--throughput', '1', '--record-size', '1']),
  run('no-props', [...BASE, '--record-size', '1']),
  run('producer-props-empty', [...BASE, '--record-size', '1', '--producer-props']),
  run('num-records-zero', ['--topic', 't', '--num-records', '0', '--throughput', '1', '--record-size', '1', ...B]),
  run('warmup-too-many', [...BASE, '--warmup-records', '5', '--record-size', '1', ...B]),
  run('record-size-zero', [...BASE, '--record-size', '0', ...B]),
  run('both-property-options', [...BASE, '--record-size', '1', '--producer-props', 'a=b', '--command-property', 'c=d']),
  run('both-config-options', [...BASE, '--record-size', '1', '--producer.config', '{dir}/a', '--command-config', '{dir}/b']),
  run('transaction-duration-zero', [...BASE, '--record-size', '1', ...B, '--transaction-duration-ms', '0']),
  run('reporting-interval-zero', [...BASE, '--record-size', '1', ...B, '--reporting-interval', '0']),
  run('key-range-zero', [...BASE, '--record-size', '1', ...B, '--record-key-range', '0']),
  run('key-distribution-without-range', [...BASE, '--record-size', '1', ...B, '--key-distribution', 'range']),
  run('key-range-without-distribution', [...BASE, '--record-size', '1', ...B, '--record-key-range', '5']),
  run('key-distribution-invalid', [...BASE, '--record-size', '1', ...B, '--key-distribution', 'bogus']),
  run('flag-with-value', [...BASE, '--payload-monotonic', ...B, '--print-metrics=1']),
  run('invalid-property', [...BASE, '--record-size', '1', '--producer-props', 'foo']),
  run('invalid-property-two-equals', [...BASE, '--record-size', '1', '--command-property', 'a=b=c']),
  run('missing-payload-file', [...BASE, '--payload-file', '{dir}/absent.txt', ...B]),
  run('empty-payload-file', [...BASE, '--payload-file', '{dir}/empty.txt', ...B], { 'empty.txt': '' }),
  run('missing-config-file', [...BASE, '--record-size', '1', '--command-config', '{dir}/absent.properties']),
  run('bad-bootstrap', [...BASE, '--record-size', '1', '--bootstrap-server', 'localhost']),
  send('record-size', 'ppt-size', ['--num-records', '10', '--throughput', '-1', '--record-size', '10', ...B]),
  send('throttled-monotonic', 'ppt-mono', ['--num-records', '20', '--throughput', '100', '--payload-monotonic', '--command-property', 'bootstrap.servers={bootstrap}', 'acks=1']),
  send('producer-props', 'ppt-props', ['--num-records', '5', '--throughput', '-1', '--record-size', '3', '--producer-props', 'bootstrap.servers={bootstrap}', 'linger.ms=5']),
  send('producer-config', 'ppt-config', ['--num-records', '5', '--throughput', '-1', '--record-size', '3', '--producer.config', '{dir}/p.properties'],
    { 'p.properties': 'bootstrap.servers={bootstrap}\n' }),
  send('payload-file', 'ppt-file', ['--num-records', '6', '--throughput', '-1', '--payload-file', '{dir}/payloads.txt', ...B], { 'payloads.txt': 'one\ntwo\n\nthree\n' }),
  send('payload-delimiter', 'ppt-delim', ['--num-records', '4', '--throughput', '-1', '--payload-file', '{dir}/payloads.txt', '--payload-delimiter', ',', ...B],
    { 'payloads.txt': 'a,b,c' }),
  send('warmup', 'ppt-warmup', ['--num-records', '10', '--warmup-records', '4', '--throughput', '-1', '--record-size', '5', ...B]),
  send('print-metrics', 'ppt-metrics', ['--num-records', '10', '--throughput', '-1', '--record-size', '5', '--print-metrics', ...B]),
  send('keys', 'ppt-keys', ['--num-records', '10', '--throughput', '-1', '--record-size', '5', '--key-distribution', 'range', '--record-key-range', '3', ...B]),
  // Transactions (each run fits in one): by --transactional-id, by --transaction-duration-ms alone
  // (a generated id), by a transactional.id property. Not shorter ones: Kafka's producer (transactions
  // v2) then logs CONCURRENT_TRANSACTIONS retries whose number depends on timing.
  send('transactional-id', 'ppt-tx', ['--num-records', '20', '--throughput', '-1', '--record-size', '5', '--transactional-id', 'ppt-tx', ...B]),
  send('transaction-duration-only', 'ppt-txd', ['--num-records', '5', '--throughput', '-1', '--record-size', '5', '--transaction-duration-ms', '3000', ...B]),
  send('transactional-id-property', 'ppt-txp', ['--num-records', '5', '--throughput', '-1', '--record-size', '5',
    '--command-property', 'bootstrap.servers={bootstrap}', 'transactional.id=ppt-txp']),
];
