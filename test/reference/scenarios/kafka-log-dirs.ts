// kafka-log-dirs (Kafka 4.4's LogDirsCommand): --describe prints each broker's log dirs with
// their partitions as one JSON line. Queries name their topics (a broker may hold internal
// topics from other scenarios); the log dir's path differs by nature and is masked
// (deliberate-differences.json, log-dirs-path).
import { prepare, prepareIn, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const T = 'kafka-log-dirs';

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

// Records go to a topic of one partition (the console producer has no --partition in Kafka 4.4).
const setup = (topic: string, records: string, partitions = records ? 1 : 2): Step[] => [
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', String(partitions)),
  prepare('kafka-get-offsets', ...B, '--topic', topic),
  ...(records ? [prepareIn('kafka-console-producer', records, ...B, '--topic', topic)] : []),
];

export const logDirs: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--bogus']),
  run('missing-value', [...B, '--describe', '--broker-list']),
  run('missing-bootstrap-server', ['--describe']),
  run('missing-describe', [...B]),
  run('bad-broker-list', [...B, '--describe', '--broker-list', 'one']),
  run('unknown-broker', [...B, '--describe', '--broker-list', '1,7', '--topic-list', 'ld-none']),
  run('unknown-topic', [...B, '--describe', '--topic-list', 'ld-none']),
  run('missing-command-config', [...B, '--describe', '--command-config', '{dir}/absent.properties']),
  { id: `${T}/describe-topic`, steps: [...setup('ld-t', 'one\n'), step(T, ...B, '--describe', '--topic-list', 'ld-t')] },
  { id: `${T}/describe-broker-list`, steps: [...setup('ld-b', ''), step(T, ...B, '--describe', '--broker-list', '1', '--topic-list', 'ld-b,ld-none')] },
  // Two topics whose partitions fall in distinct buckets of the client's HashMap: within a bucket
  // the order is the broker's, and Kafka's broker orders its answer by maps of its own.
  { id: `${T}/describe-two-topics`, steps: [...setup('ld-one', 'a\n'), ...setup('ld-two', ''), step(T, ...B, '--describe', '--topic-list', 'ld-two,ld-one')] },
];
