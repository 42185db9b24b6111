// kafka-get-offsets (spec/cli.md section 7; Kafka 4.4's GetOffsetShell). A topic of 3 partitions
// gets records by key (murmur2 puts k1..k6 on known partitions); every query names its topics, so
// that the internal topics a broker may hold from other scenarios never show.
import { prepare, prepareIn, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const G = 'kafka-get-offsets';

const setup = (topic: string): Step[] => [
  prepare('kafka-topics', ...B, '--create', '--topic', topic, '--partitions', '3'),
  // Offsets of every partition: the broker leads them all before the producer sends.
  prepare(G, ...B, '--topic', topic),
  prepareIn('kafka-console-producer', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\nk6\tv6\n', ...B, '--topic', topic, '--reader-property', 'parse.key=true'),
];

/** Offsets of a 3-partition topic with records, queried with these options. */
function query(name: string, ...args: string[]): Scenario {
  const t = `go-${name}`;
  return { id: `kafka-get-offsets/${name}`, steps: [...setup(t), step(G, ...B, '--topic', t, ...args)] };
}

function fails(name: string, ...args: string[]): Scenario {
  return { id: `kafka-get-offsets/${name}`, steps: [step(G, ...args)] };
}

export const getOffsets: Scenario[] = [
  fails('no-args'),
  fails('help', '--help'),
  fails('version', '--version'),
  fails('unknown-option', ...B, '--bogus'),
  fails('missing-value', ...B, '--topic'),
  fails('missing-bootstrap-server', '--topic', 't'),
  fails('bad-host-port', '--bootstrap-server', 'localhost', '--topic', 't'),
  fails('malformed-time', ...B, '--topic', 't', '--time', 'yesterday'),
  fails('bad-partitions', ...B, '--topic', 't', '--partitions', '0,one'),
  fails('topic-partitions-with-topic', ...B, '--topic-partitions', 't:0', '--topic', 't'),
  fails('no-matching-topic', ...B, '--topic', 'go-nosuch'),
  fails('bad-topic-partitions-rule', ...B, '--topic-partitions', 't:x'),
  fails('missing-command-config', ...B, '--topic', 't', '--command-config', '{dir}/absent.properties'),
  query('latest'),
  query('time-latest', '--time', 'latest'),
  query('time-minus-1', '--time', '-1'),
  query('time-earliest', '--time', 'earliest'),
  query('time-minus-2', '--time', '-2'),
  query('time-earliest-local', '--time', 'earliest-local'),
  query('time-minus-4', '--time', '-4'),
  query('time-latest-tiered', '--time', 'latest-tiered'),
  query('time-minus-5', '--time', '-5'),
  query('time-earliest-pending-upload', '--time', 'earliest-pending-upload'),
  query('time-minus-6', '--time', '-6'),
  query('time-zero', '--time', '0'),
  query('time-future', '--time', '4102444800000'),
  query('partitions', '--partitions', '0,2'),
  query('partitions-unknown', '--partitions', '7'),
  query('exclude-internal-topics', '--exclude-internal-topics'),
  query('command-config', '--command-config', '{dir}/admin.properties'),
  {
    // Two producer runs: the second record's timestamp is the larger one (records of one run may
    // share a millisecond, which would make the answer depend on timing).
    id: 'kafka-get-offsets/time-max-timestamp',
    steps: [
      prepare('kafka-topics', ...B, '--create', '--topic', 'go-maxts'),
      prepareIn('kafka-console-producer', 'a\n', ...B, '--topic', 'go-maxts'),
      prepareIn('kafka-console-producer', 'b\n', ...B, '--topic', 'go-maxts'),
      step(G, ...B, '--topic', 'go-maxts', '--time', 'max-timestamp'),
      step(G, ...B, '--topic', 'go-maxts', '--time', '-3'),
    ],
  },
  {
    id: 'kafka-get-offsets/topic-regex-sorted',
    steps: [
      prepare('kafka-topics', ...B, '--create', '--topic', 'go-r-a', '--partitions', '12'),
      prepare(G, ...B, '--topic', 'go-r-a'),
      prepare('kafka-topics', ...B, '--create', '--topic', 'go-r-b'),
      // The producer waits until the broker knows the last topic created.
      prepareIn('kafka-console-producer', 'x\n', ...B, '--topic', 'go-r-b'),
      step(G, ...B, '--topic', 'go-r-.*'),
    ],
  },
  {
    id: 'kafka-get-offsets/topic-partitions',
    steps: [
      ...setup('go-tp-a'),
      prepare('kafka-topics', ...B, '--create', '--topic', 'go-tp-b', '--partitions', '4'),
      prepare(G, ...B, '--topic', 'go-tp-b'),
      step(G, ...B, '--topic-partitions', 'go-tp-a:1,go-tp-b:1-3'),
      step(G, ...B, '--topic-partitions', 'go-tp-a:2-,go-tp-b:-1', '--time', 'earliest'),
      step(G, ...B, '--topic-partitions', 'go-tp-.*'),
    ],
  },
  {
    id: 'kafka-get-offsets/after-delete-records',
    files: { 'd.json': '{"partitions":[{"topic":"go-del","partition":0,"offset":1}],"version":1}' },
    steps: [
      ...setup('go-del'),
      prepare('kafka-delete-records', ...B, '--offset-json-file', '{dir}/d.json'),
      step(G, ...B, '--topic', 'go-del', '--time', 'earliest'),
      step(G, ...B, '--topic', 'go-del', '--time', 'earliest-local'),
    ],
  },

  // Seed-era: Kafka 2.8's GetOffsetShell invocation (--broker-list, --time -1/-2, --partitions,
  // the ignored --offsets and --max-wait-ms) still works, judged by Kafka 2.8. One call only: 2.8's
  // GetOffsetShell never closes its consumer, so a second one in the reference's long-lived JVM
  // would warn about the consumer's JMX name.
  {
    id: 'kafka-get-offsets/broker-list',
    legacy: true,
    steps: [
      prepare('kafka-topics', ...B, '--create', '--topic', 'go-legacy', '--partitions', '3', '--replication-factor', '1'),
      prepare('kafka-console-consumer', ...B, '--topic', 'go-legacy', '--partition', '2', '--timeout-ms', '1000'),
      prepareIn('kafka-console-producer', 'k1\tv1\nk2\tv2\nk3\tv3\nk4\tv4\nk5\tv5\nk6\tv6\n', ...B, '--topic', 'go-legacy', '--property', 'parse.key=true'),
      step(G, '--broker-list', '{bootstrap}', '--topic', 'go-legacy', '--time', '-1', '--partitions', '0,2', '--offsets', '1', '--max-wait-ms', '1000'),
    ],
  },
];

for (const s of getOffsets) {
  if (!s.files && s.steps.some((st) => st.args.some((a) => a.startsWith('{dir}/')))) s.files = { 'admin.properties': 'request.timeout.ms=20000\n' };
}
