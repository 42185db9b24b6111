// kafka-reassign-partitions (Kafka 4.4's ReassignPartitionsCommand): --generate, --execute,
// --verify, --cancel and --list with Kafka's JSON plan. On one broker the only target is [1]:
// a plan naming another broker is refused as the controller refuses it.
import { prepare, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const T = 'kafka-reassign-partitions';

function run(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `${T}/${name}`, files, steps: [step(T, ...args)] };
}

const setup = (topic: string): Step[] => [
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', '2'),
  prepare('kafka-get-offsets', ...B, '--topic', topic),
];

const plan = (topic: string, replicas = '[1]', extra = '') =>
  `{"version":1,"partitions":[{"topic":"${topic}","partition":0,"replicas":${replicas}${extra}},{"topic":"${topic}","partition":1,"replicas":[1]}]}`;
const topicsJson = (...topics: string[]) => `{"topics":[${topics.map((t) => `{"topic":"${t}"}`).join(',')}],"version":1}`;

function withTopic(name: string, topic: string, files: Record<string, string>, ...steps: string[][]): Scenario {
  return { id: `${T}/${name}`, files, steps: [...setup(topic), ...steps.map((a) => step(T, ...a))] };
}

export const reassignPartitions: Scenario[] = [
  run('no-args', []),
  run('help', ['--help']),
  run('version', ['--version']),
  run('unknown-option', [...B, '--bogus']),
  run('missing-value', [...B, '--reassignment-json-file']),
  run('no-action', [...B]),
  run('two-actions', [...B, '--list', '--cancel']),
  run('missing-bootstrap-server', ['--list']),
  run('both-bootstraps', [...B, '--bootstrap-controller', '{bootstrap}', '--list']),
  run('controller-with-verify', ['--bootstrap-controller', '{bootstrap}', '--verify', '--reassignment-json-file', '{dir}/p.json'], { 'p.json': plan('rp') }),
  run('generate-without-files', [...B, '--generate']),
  run('generate-without-broker-list', [...B, '--generate', '--topics-to-move-json-file', '{dir}/t.json'], { 't.json': topicsJson('rp') }),
  run('execute-without-file', [...B, '--execute']),
  run('verify-without-file', [...B, '--verify']),
  run('throttle-without-execute', [...B, '--verify', '--reassignment-json-file', '{dir}/p.json', '--throttle', '1000'], { 'p.json': plan('rp') }),
  run('list-with-file', [...B, '--list', '--reassignment-json-file', '{dir}/p.json'], { 'p.json': plan('rp') }),
  run('list', [...B, '--list']),
  run('json-not-found', [...B, '--execute', '--reassignment-json-file', '{dir}/absent.json']),
  // Not here: a file that is not JSON, reported in the words of Kafka's JSON parser (Jackson).
  run('json-empty-partitions', [...B, '--execute', '--reassignment-json-file', '{dir}/p.json'], { 'p.json': '{"version":1,"partitions":[]}' }),
  run('json-no-version', [...B, '--execute', '--reassignment-json-file', '{dir}/p.json'], { 'p.json': '{"partitions":[{"topic":"rp","partition":0,"replicas":[1]}]}' }),
  run('generate-unknown-topic', [...B, '--generate', '--topics-to-move-json-file', '{dir}/t.json', '--broker-list', '1'], { 't.json': topicsJson('rp-none') }),
  run('execute-unknown-topic', [...B, '--execute', '--reassignment-json-file', '{dir}/p.json'], { 'p.json': plan('rp-none') }),
  withTopic('generate', 'rp-g', { 't.json': topicsJson('rp-g') }, [...B, '--generate', '--topics-to-move-json-file', '{dir}/t.json', '--broker-list', '1']),
  withTopic('generate-unknown-broker', 'rp-gu', { 't.json': topicsJson('rp-gu') }, [...B, '--generate', '--topics-to-move-json-file', '{dir}/t.json', '--broker-list', '1,2']),
  withTopic('execute', 'rp-e', { 'p.json': plan('rp-e') },
    [...B, '--execute', '--reassignment-json-file', '{dir}/p.json'],
    [...B, '--verify', '--reassignment-json-file', '{dir}/p.json'],
    [...B, '--list']),
  withTopic('execute-throttled', 'rp-th', { 'p.json': plan('rp-th') },
    [...B, '--execute', '--reassignment-json-file', '{dir}/p.json', '--throttle', '50000000', '--replica-alter-log-dirs-throttle', '10000000'],
    [...B, '--verify', '--reassignment-json-file', '{dir}/p.json']),
  withTopic('execute-other-broker', 'rp-o', { 'p.json': plan('rp-o', '[2]') }, [...B, '--execute', '--reassignment-json-file', '{dir}/p.json']),
  withTopic('execute-duplicate-replica', 'rp-d', { 'p.json': plan('rp-d', '[1,1]') }, [...B, '--execute', '--reassignment-json-file', '{dir}/p.json']),
  withTopic('cancel', 'rp-c', { 'p.json': plan('rp-c') }, [...B, '--cancel', '--reassignment-json-file', '{dir}/p.json']),
  withTopic('verify-not-started', 'rp-v', { 'p.json': plan('rp-v') }, [...B, '--verify', '--reassignment-json-file', '{dir}/p.json']),
];
