// kafka-delete-records (spec/cli.md section 8; Kafka 4.4's DeleteRecordsCommand). A topic of 3
// partitions holds 2, 3 and 1 records (keys k1..k6 by murmur2); each scenario deletes with its
// own JSON file and, where records go, shows the new log start offsets with kafka-get-offsets.
// Each file names one partition: Kafka 4.4 prints the results of several in the iteration order
// of an immutable map (Map.ofEntries), which is salted per JVM, so their order is random.
import { prepare, prepareIn, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const D = 'kafka-delete-records';
/** The topic of the scenarios whose JSON files need no topic of their own. */
const T = 'dr-t';

// Each scenario that deletes has its own topic: one just deleted by the tidying may not be
// re-creatable at once.
const setup = (topic: string): Step[] => [
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', '3'),
  // Offsets of every partition: the broker leads them all before the producer sends.
  prepare('kafka-get-offsets', ...B, '--topic', topic),
  prepareIn('kafka-console-producer', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\nk6\tv6\n', ...B, '--topic', topic, '--reader-property', 'parse.key=true'),
];

const earliest = (topic: string): Step => step('kafka-get-offsets', ...B, '--topic', topic, '--time', 'earliest');

/** Delete with the JSON file made for the scenario's topic, then show the earliest offsets. */
function deletes(name: string, json: (topic: string) => string): Scenario {
  const topic = `dr-${name}`;
  return {
    id: `kafka-delete-records/${name}`,
    files: { 'offsets.json': json(topic) },
    steps: [...setup(topic), step(D, ...B, '--offset-json-file', '{dir}/offsets.json'), earliest(topic)],
  };
}

const part = (topic: string, partition: number, offset: number) => `{"topic":"${topic}","partition":${partition},"offset":${offset}}`;
const json = (...parts: string[]) => `{"partitions":[${parts.join(',')}],"version":1}`;

function fails(name: string, args: string[], files?: Record<string, string>): Scenario {
  return { id: `kafka-delete-records/${name}`, files, steps: [step(D, ...args)] };
}

export const deleteRecords: Scenario[] = [
  fails('no-args', []),
  fails('help', ['--help']),
  fails('version', ['--version']),
  fails('unknown-option', [...B, '--bogus']),
  fails('missing-value', [...B, '--offset-json-file']),
  fails('missing-offset-json-file', [...B]),
  fails('missing-bootstrap-server', ['--offset-json-file', '{dir}/offsets.json']),
  fails('bad-bootstrap-server', ['--bootstrap-server', 'nohost', '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': json(part(T, 0, 1)) }),
  fails('file-not-found', [...B, '--offset-json-file', '{dir}/absent.json']),
  fails('not-json', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': '{"partitions": [' }),
  fails('missing-partitions-field', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': '{"version":1}' }),
  fails('unsupported-version', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': '{"partitions":[],"version":2}' }),
  fails('duplicate-partitions', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': json(part(T, 0, 1), part(T, 1, 1), part(T, 0, 2)) }),
  fails('partition-not-a-number', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': '{"partitions":[{"topic":"t","partition":"0","offset":1}]}' }),
  fails('missing-offset-field', [...B, '--offset-json-file', '{dir}/offsets.json'], { 'offsets.json': '{"partitions":[{"topic":"t","partition":0}]}' }),
  deletes('one-partition', (t) => json(part(t, 1, 2))),
  deletes('up-to-high-watermark', (t) => json(part(t, 1, -1))),
  deletes('without-version', (t) => `{"partitions":[${part(t, 0, 2)}]}`),
  deletes('no-partitions', () => json()),
  deletes('offset-beyond-high-watermark', (t) => json(part(t, 2, 5))),
  // Not here: an unknown partition or topic. The admin client retries until default.api.timeout.ms
  // and then reports either "Timed out waiting for a node assignment" or "Call(...) timed out ...
  // after N attempt(s)" with a varying N, also with Kafka's own tools and broker.
  {
    id: 'kafka-delete-records/command-config',
    files: { 'offsets.json': json(part('dr-cc', 1, 1)), 'admin.properties': 'client.id=deleter\n' },
    steps: [...setup('dr-cc'), step(D, ...B, '--offset-json-file', '{dir}/offsets.json', '--command-config', '{dir}/admin.properties'), earliest('dr-cc')],
  },
  {
    id: 'kafka-delete-records/twice',
    files: { 'a.json': json(part('dr-twice', 1, 2)), 'b.json': json(part('dr-twice', 1, 1)) },
    steps: [
      ...setup('dr-twice'),
      step(D, ...B, '--offset-json-file', '{dir}/a.json'),
      step(D, ...B, '--offset-json-file', '{dir}/b.json'),
      earliest('dr-twice'),
      step('kafka-console-consumer', ...B, '--topic', 'dr-twice', '--partition', '1', '--offset', 'earliest', '--max-messages', '1', '--formatter-property', 'print.offset=true'),
    ],
  },
];
