// kafka-dump-log (Kafka 4.4's DumpLogSegments) on a partition's segment path,
// {logdir}/<topic>-<partition>/00000000000000000000.log: Kafka reads its segment file, ours the
// same batches from the engine's store. The records are produced by Kafka's console producer on
// every lane (so both brokers store the same batches: two records in one batch, then a gzip
// batch); producer ids, checksums, sizes and positions differ by nature and are masked (mask.ts).
// Each tool reads its own broker's storage, so only kafka-on-kafka and ours-on-ours run.
import { prepare, step, type Scenario, type Step } from '../lib/scenario';

const B = ['--bootstrap-server', '{bootstrap}'];
const D = 'kafka-dump-log';

const produce = (topic: string, input: string, ...args: string[]): Step =>
  ({ tool: 'kafka-console-producer', args: [...B, '--topic', topic, ...args], input, compare: false, kafkaTool: true });

function dump(name: string, ...args: string[]): Scenario {
  const t = `dl-${name}`;
  const file = `{logdir}/${t}-0/00000000000000000000.log`;
  return {
    id: `kafka-dump-log/${name}`,
    lanes: 'matching',
    steps: [
      prepare('kafka-topics', ...B, '--create', '--topic', t, '--partitions', '1'),
      produce(t, 'k1\tv1\nk2\tv2\n', '--reader-property', 'parse.key=true'),
      produce(t, 'x\n', '--compression-codec', 'gzip'),
      step(D, '--files', file, ...args),
    ],
  };
}

const fails = (name: string, ...args: string[]): Scenario => ({ id: `kafka-dump-log/${name}`, lanes: 'matching', steps: [step(D, ...args)] });

export const dumpLog: Scenario[] = [
  fails('no-args'),
  fails('help', '--help'),
  fails('version', '--version'),
  fails('unknown-option', '--bogus'),
  fails('files-without-value', '--files'),
  fails('missing-files', '--deep-iteration'),
  fails('no-such-partition', '--files', '{logdir}/dl-absent-0/00000000000000000000.log'),
  dump('batches'),
  dump('deep-iteration', '--deep-iteration'),
  dump('print-data-log', '--print-data-log'),
  dump('skip-record-metadata', '--print-data-log', '--skip-record-metadata'),
  dump('max-bytes', '--deep-iteration', '--max-bytes', '100'),
  dump('key-decoder-class', '--key-decoder-class', 'org.apache.kafka.tools.api.StringDecoder'),
];
