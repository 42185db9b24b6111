// kafka-leader-election (Kafka 4.4's LeaderElectionCommand). On one broker every partition is led
// by its preferred (and only) replica: a preferred election is not needed and an unclean one finds
// a leader already there, as the controller answers; asked for every partition, the controller
// leaves out those that need no election, so nothing is printed.
import { prepare, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const T = 'kafka-leader-election';

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

const setup = (topic: string): Step[] => [
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', '2'),
  prepare('kafka-get-offsets', ...B, '--topic', topic),
];

const json = (...parts: [string, number][]) => `{"partitions":[${parts.map(([t, p]) => `{"topic":"${t}","partition":${p}}`).join(',')}]}`;

export const leaderElection: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--bogus']),
  run('missing-value', [...B, '--election-type']),
  run('missing-bootstrap-server', ['--election-type', 'preferred', '--all-topic-partitions']),
  run('missing-election-type', [...B, '--all-topic-partitions']),
  run('bad-election-type', [...B, '--election-type', 'random', '--all-topic-partitions']),
  run('no-partitions-named', [...B, '--election-type', 'preferred']),
  run('topic-without-partition', [...B, '--election-type', 'preferred', '--topic', 'le']),
  run('partition-without-topic', [...B, '--election-type', 'preferred', '--partition', '0']),
  run('topic-and-all', [...B, '--election-type', 'preferred', '--topic', 'le', '--partition', '0', '--all-topic-partitions']),
  run('json-and-all', [...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/p.json', '--all-topic-partitions'], { 'p.json': json(['le', 0]) }),
  run('partition-not-a-number', [...B, '--election-type', 'preferred', '--topic', 'le', '--partition', 'x']),
  run('json-not-found', [...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/absent.json']),
  run('json-malformed', [...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/p.json'], { 'p.json': '{"partitions": [' }),
  run('json-no-partitions-field', [...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/p.json'], { 'p.json': '{"version":1}' }),
  run('json-duplicate', [...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/p.json'], { 'p.json': json(['le', 0], ['le', 0]) }),
  run('unknown-topic', [...B, '--election-type', 'preferred', '--topic', 'le-none', '--partition', '0']),
  { id: `${T}/preferred`, steps: [...setup('le-p'), step(T, ...B, '--election-type', 'preferred', '--topic', 'le-p', '--partition', '1')] },
  { id: `${T}/preferred-case`, steps: [...setup('le-c'), step(T, ...B, '--election-type', 'PREFERRED', '--topic', 'le-c', '--partition', '0')] },
  { id: `${T}/all-topic-partitions`, steps: [...setup('le-a'), step(T, ...B, '--election-type', 'preferred', '--all-topic-partitions')] },
  { id: `${T}/unclean`, steps: [...setup('le-u'), step(T, ...B, '--election-type', 'unclean', '--topic', 'le-u', '--partition', '0')] },
  { id: `${T}/unknown-partition`, steps: [...setup('le-n'), step(T, ...B, '--election-type', 'preferred', '--topic', 'le-n', '--partition', '5')] },
  {
    id: `${T}/json-file`,
    files: { 'p.json': json(['le-j', 1], ['le-j', 0]) },
    steps: [...setup('le-j'), step(T, ...B, '--election-type', 'preferred', '--path-to-json-file', '{dir}/p.json')],
  },
];
