// kafka-e2e-latency (Kafka 4.4's EndToEndLatency, jopt, with the seed-era positional form):
// usage errors and small runs; latencies are masked (deliberate-differences.json, perf-figures).
import { prepare, step, type Scenario } from '../lib/scenario';

const T = 'kafka-e2e-latency';
const B = ['--bootstrap-server', '{bootstrap}'];

function run(name: string, args: string[]): Scenario {
  return { id: `${T}/${name}`, steps: [step(T, ...args)] };
}

function measure(name: string, topic: string, args: string[]): Scenario {
  return { id: `${T}/${name}`, steps: [prepare('kafka-topics', ...B, '--create', '--topic', topic), step(T, ...args)] };
}

export const e2eLatency: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version-positional', ['--version']),
  run('named-help', [...B, '--help']),
  run('three-positional', ['a', 'b', 'c']),
  run('missing-topic', [...B]),
  run('missing-record-size', [...B, '--topic', 'e', '--num-records', '5', '--producer-acks', '1']),
  run('unknown-option', [...B, '--topic', 'e', '--num-records', '1', '--producer-acks', '1', '--record-size', '1', '--bogus']),
  run('acks-zero', [...B, '--topic', 'e', '--num-records', '5', '--producer-acks', '0', '--record-size', '10']),
  run('acks-positional', ['{bootstrap}', 'e', '5', '2', '10']),
  run('bad-count-positional', ['{bootstrap}', 'e', 'x', '1', '10']),
  run('num-records-zero', [...B, '--topic', 'e', '--num-records', '0', '--producer-acks', '1', '--record-size', '10']),
  run('record-size-negative', [...B, '--topic', 'e', '--num-records', '2', '--producer-acks', '1', '--record-size', '-1']),
  run('header-size-negative', [...B, '--topic', 'e', '--num-records', '2', '--producer-acks', '1', '--record-size', '1', '--record-header-size', '-2']),
  run('missing-config-positional', ['{bootstrap}', 'e', '3', '1', '10', '{dir}/absent.properties']),
  measure('positional', 'e2e-pos', ['{bootstrap}', 'e2e-pos', '5', '1', '100']),
  measure('named', 'e2e-named', [...B, '--topic', 'e2e-named', '--num-records', '5', '--producer-acks', 'all', '--record-size', '10']),
  measure('key-and-headers', 'e2e-kh', [...B, '--topic', 'e2e-kh', '--num-records', '3', '--producer-acks', '1', '--record-size', '10',
    '--record-key-size', '3', '--num-headers', '2', '--record-header-size', '4', '--record-header-key-size', '2']),
  run('creates-topic', [...B, '--topic', 'e2e-created', '--num-records', '2', '--producer-acks', '1', '--record-size', '1']),
];
