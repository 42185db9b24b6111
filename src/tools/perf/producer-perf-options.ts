// kafka-producer-perf-test's arguments (Kafka 4.4's ProducerPerformance, argparse4j): the specs,
// the usage lines argparse prints (Kafka's layout), our help prose, and the checks Kafka makes
// after parsing, with its messages.
import { ArgparseError, type ArgSpec, type Namespace } from './argparse';

export const PROG = 'kafka-producer-perf-test';

export const SPECS: ArgSpec[] = [
  { flag: '--bootstrap-server', dest: 'bootstrapServer', type: 'string' },
  { flag: '--topic', dest: 'topic', type: 'string', required: true },
  { flag: '--num-records', dest: 'numRecords', type: 'long', required: true },
  { flag: '--payload-delimiter', dest: 'payloadDelimiter', type: 'string', defaultValue: '\\n' },
  { flag: '--throughput', dest: 'throughput', type: 'double', required: true },
  { flag: '--producer-props', dest: 'producerConfig', type: 'string', nargs: '+' },
  { flag: '--command-property', dest: 'commandProperties', type: 'string', nargs: '+' },
  { flag: '--producer.config', dest: 'producerConfigFile', type: 'string' },
  { flag: '--command-config', dest: 'commandConfigFile', type: 'string' },
  { flag: '--print-metrics', dest: 'printMetrics', type: 'flag' },
  { flag: '--transactional-id', dest: 'transactionalId', type: 'string' },
  { flag: '--transaction-duration-ms', dest: 'transactionDurationMs', type: 'long' },
  { flag: '--warmup-records', dest: 'warmupRecords', type: 'long', defaultValue: 0 },
  { flag: '--reporting-interval', dest: 'reportingInterval', type: 'long', defaultValue: 5000 },
  { flag: '--record-key-range', dest: 'recordKeyRange', type: 'int' },
  { flag: '--key-distribution', dest: 'keyDistribution', type: 'string', choices: ['none', 'range', 'random'], defaultValue: 'none' },
  { flag: '--random-seed', dest: 'randomSeed', type: 'long', defaultValue: 0 },
  { flag: '--record-size', dest: 'recordSize', type: 'int', exclusive: true },
  { flag: '--payload-file', dest: 'payloadFile', type: 'string', exclusive: true },
  { flag: '--payload-monotonic', dest: 'payloadMonotonic', type: 'flag', exclusive: true },
];

export const USAGE = `usage: ${PROG}
       [-h] [--bootstrap-server BOOTSTRAP-SERVER] --topic TOPIC
       --num-records NUM-RECORDS [--payload-delimiter PAYLOAD-DELIMITER]
       --throughput THROUGHPUT
       [--producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]
       [--command-property PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]
       [--producer.config CONFIG-FILE] [--command-config CONFIG-FILE]
       [--print-metrics] [--transactional-id TRANSACTIONAL-ID]
       [--transaction-duration-ms TRANSACTION-DURATION]
       [--warmup-records WARMUP-RECORDS] [--reporting-interval INTERVAL-MS]
       [--record-key-range KEY-RANGE] [--key-distribution KEY-DISTRIBUTION]
       [--random-seed RANDOM-SEED] (--record-size RECORD-SIZE |
       --payload-file PAYLOAD-FILE | --payload-monotonic)
`;

export const HELP = `${USAGE}
Measures how fast a producer sends records to a topic: a line every reporting interval, then a
summary with latency percentiles. Transactions are used when a transactional id is given (here,
through the properties or the config file) or --transaction-duration-ms is set.

optional arguments:
  -h, --help             show this help message and exit
  --bootstrap-server BOOTSTRAP-SERVER
                         Brokers to connect to (wins over bootstrap.servers
                         from the properties or the config file)
  --topic TOPIC          The topic to send to
  --num-records NUM-RECORDS
                         How many records to send
  --payload-delimiter PAYLOAD-DELIMITER
                         What separates the payloads in --payload-file
                         (default: \\n)
  --throughput THROUGHPUT
                         At most about this many records per second; -1 for
                         no limit
  --producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]
                         (deprecated: use --command-property) producer
                         settings
  --command-property PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]
                         Producer settings, over those of the config file
  --producer.config CONFIG-FILE
                         (deprecated: use --command-config) a producer
                         properties file
  --command-config CONFIG-FILE
                         A producer properties file
  --print-metrics        Print the producer's metrics at the end (default:
                         false)
  --transactional-id TRANSACTIONAL-ID
                         The transactional id to send with
  --transaction-duration-ms TRANSACTION-DURATION
                         Commit each transaction after this long (default
                         3000 when transactions are on)
  --warmup-records WARMUP-RECORDS
                         Leave this many first records out of a second,
                         steady-state summary (default: 0)
  --reporting-interval INTERVAL-MS
                         Milliseconds between progress lines (default: 5000)
  --record-key-range KEY-RANGE
                         Keys are integers below this (with
                         --key-distribution range or random)
  --key-distribution KEY-DISTRIBUTION
                         none (null keys), range (round robin) or random
                         (default: none)
  --random-seed RANDOM-SEED
                         Seed of the random keys and payloads (default: 0)

  Exactly one of --record-size, --payload-file or --payload-monotonic.

  --record-size RECORD-SIZE
                         Size of each record in bytes
  --payload-file PAYLOAD-FILE
                         Send payloads picked at random from this UTF-8 file
  --payload-monotonic    Payloads are increasing integers (default: false)
`;

export interface ProducerPerfConfig {
  bootstrapServer: string | null;
  topic: string;
  numRecords: number;
  warmupRecords: number;
  recordSize: number | null;
  throughput: number;
  payloadMonotonic: boolean;
  printMetrics: boolean;
  reportingInterval: number;
  producerProps: string[] | null;
  producerConfigFile: string | null;
  commandProperties: string[] | null;
  commandConfigFile: string | null;
  payloadFile: string | null;
  payloadDelimiter: string;
  transactionDurationMs: number | null;
  transactionalId: string | null;
  recordKeyRange: number | null;
  keyDistribution: 'none' | 'range' | 'random';
  randomSeed: number;
}

/** ConfigPostProcessor's checks, in Kafka's order (each an argparse error). */
export function postProcess(ns: Namespace): ProducerPerfConfig {
  const get = <T>(k: string) => ns.get(k) as T;
  const c: ProducerPerfConfig = {
    bootstrapServer: get('bootstrapServer'),
    topic: get('topic'),
    numRecords: get('numRecords'),
    warmupRecords: Math.max(get<number>('warmupRecords'), 0),
    recordSize: get('recordSize'),
    throughput: get('throughput'),
    payloadMonotonic: get('payloadMonotonic'),
    printMetrics: get('printMetrics'),
    reportingInterval: get('reportingInterval'),
    producerProps: get('producerConfig'),
    producerConfigFile: get('producerConfigFile'),
    commandProperties: get('commandProperties'),
    commandConfigFile: get('commandConfigFile'),
    payloadFile: get('payloadFile'),
    payloadDelimiter: get<string>('payloadDelimiter') === '\\n' ? '\n' : get('payloadDelimiter'),
    transactionDurationMs: get('transactionDurationMs'),
    transactionalId: get('transactionalId'),
    recordKeyRange: null,
    keyDistribution: 'none',
    randomSeed: 0,
  };
  if (c.numRecords <= 0) throw new ArgparseError('--num-records should be greater than zero.');
  if (c.warmupRecords >= c.numRecords) {
    throw new ArgparseError('The value for --warmup-records must be strictly fewer than the number of records in the test, --num-records.');
  }
  if (c.recordSize !== null && c.recordSize <= 0) throw new ArgparseError('--record-size should be greater than zero.');
  if (c.bootstrapServer === null && c.commandProperties === null && c.producerProps === null && c.producerConfigFile === null && c.commandConfigFile === null) {
    throw new ArgparseError('At least one of --bootstrap-server, --command-property, --producer-props, --producer.config or --command-config must be specified.');
  }
  if (c.commandProperties !== null && c.producerProps !== null) throw new ArgparseError('--command-property and --producer-props cannot be specified together.');
  if (c.commandConfigFile !== null && c.producerConfigFile !== null) throw new ArgparseError('--command-config and --producer.config cannot be specified together.');
  if (c.transactionDurationMs !== null && c.transactionDurationMs <= 0) throw new ArgparseError('--transaction-duration-ms should be greater than zero.');
  if (c.reportingInterval <= 0) throw new ArgparseError('--reporting-interval should be greater than zero.');
  c.recordKeyRange = get('recordKeyRange');
  if (c.recordKeyRange !== null && c.recordKeyRange <= 0) throw new ArgparseError('--record-key-range should be greater than zero.');
  c.keyDistribution = get('keyDistribution');
  if (c.keyDistribution !== 'none' && c.recordKeyRange === null) {
    throw new ArgparseError("--record-key-range is required when --key-distribution is 'range' or 'random'.");
  }
  if (c.keyDistribution === 'none' && c.recordKeyRange !== null) {
    throw new ArgparseError("--key-distribution must be 'range' or 'random' when --record-key-range is specified.");
  }
  c.randomSeed = get('randomSeed');
  return c;
}
