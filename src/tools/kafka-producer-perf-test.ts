// kafka-producer-perf-test (Kafka 4.4's ProducerPerformance): send --num-records records as fast
// as --throughput allows and report what the acknowledgements say:
//
// - a window line every --reporting-interval ms (printed when an acknowledgement closes the
//   window), then the summary with the 50th/95th/99th/99.9th latency percentiles; latency is the
//   time from send to the record's own completion callback;
// - --warmup-records N: the first N records count only in the overall summary; a second,
//   steady-state summary follows it (windows from then on are the steady state's);
// - --throughput: Kafka's ThroughputThrottler (-1: no limit);
// - payloads: --record-size random capital letters, --payload-file (one picked at random per
//   record), or --payload-monotonic (the record's number); keys by --key-distribution;
// - argument errors are argparse4j's (perf/argparse.ts): usage + message on stderr, status 1; no
//   arguments at all prints the help, status 0; -h prints it with status 1 (as Kafka);
// - failures after parsing: `Exception in thread "main" <exception>`, status 1; a record that fails
//   prints its exception on stderr and is left out of the figures.
// - transactions (--transactional-id, --transaction-duration-ms or a transactional.id property):
//   initTransactions, then a transaction begun before a send when none is open and committed
//   after a send once it has lasted --transaction-duration-ms (3000 by default), the last one
//   committed after the loop, as Kafka's tool.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ensureLocalEngine } from '../cli/autostart';
import { parseBootstrap } from '../cli/bootstrap';
import { JavaException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { reportThrown } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { loadPropertiesFile } from '../cli/properties';
import { Producer, ProducerConfigError, producerSettings, type SendError } from '../client/producer';
import { wrapJustified } from './metadata-quorum/argparse-text';
import { ArgparseError, HelpRequested, parseArgs } from './perf/argparse';

/** ProducerPerformance's DEFAULT_TRANSACTION_DURATION_MS. */
const DEFAULT_TRANSACTION_DURATION_MS = 3000;
import { HELP, postProcess, PROG, SPECS, USAGE, type ProducerPerfConfig } from './perf/producer-perf-options';
import { ProducerStats } from './perf/producer-stats';
import { ThroughputThrottler } from './perf/throughput-throttler';
import { SeededRandom } from './perf/seeded-random';
import { Metrics } from '../client/metrics';
import { addAppInfo, formatMetrics } from './perf/print-metrics';

/** Records sent between two turns of the event loop (so acknowledgements are read meanwhile). */
const SLICE = 256;

function argparseFailure(io: ToolIO, message: string): number {
  io.stderr(`${USAGE}${wrapJustified(`${PROG}: error: ${message}`)}\n`);
  return 1;
}

/** ProducerPerformance.readPayloadFile: the file split on the delimiter (a regex, as Scanner's). */
function readPayloadFile(file: string, delimiter: string, io: ToolIO): Buffer[] {
  io.stdout(`Reading payloads from: ${path.resolve(file)}\n`);
  let text: string;
  try {
    if (fs.statSync(file).size === 0) throw new Error('empty');
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new JavaException('java.lang.IllegalArgumentException', 'File does not exist or empty file provided.');
  }
  const payloads = text.split(new RegExp(delimiter)).filter((p, i, all) => p !== '' || i < all.length - 1).map((p) => Buffer.from(p, 'utf8'));
  io.stdout(`Number of records read: ${payloads.length}\n`);
  return payloads;
}

/** ProducerPerformance.readProps: the file, then each `k=v` (exactly one `=`, as Java's split). */
function readProps(list: string[] | null, file: string | null): Map<string, string> {
  const props = file !== null ? loadPropertiesFile(file) : new Map<string, string>();
  for (const prop of list ?? []) {
    const pieces = prop.split('=');
    while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop(); // String.split drops trailing empties
    if (pieces.length !== 2) throw new JavaException('java.lang.IllegalArgumentException', `Invalid property: ${prop}`);
    props.set(pieces[0], pieces[1]);
  }
  if (!props.get('client.id')) props.set('client.id', 'perf-producer-client');
  return props;
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  if (argv.length === 0) {
    io.stdout(HELP);
    return 0;
  }
  let config: ProducerPerfConfig;
  try {
    config = postProcess(parseArgs(SPECS, argv));
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.stdout(HELP);
      return 1;
    }
    if (e instanceof ArgparseError) return argparseFailure(io, e.message);
    throw e;
  }
  try {
    return await run(config, io);
  } catch (e) {
    if (e instanceof ProducerConfigError) {
      io.stderr(`Exception in thread "main" ${e.lines().join('\n')}\n`);
      return 1;
    }
    return reportThrown(e, io);
  }
}

async function run(c: ProducerPerfConfig, io: ToolIO): Promise<number> {
  const payloads = c.payloadFile !== null ? readPayloadFile(c.payloadFile, c.payloadDelimiter, io) : [];
  if (c.producerProps !== null) io.stdout('Option --producer-props has been deprecated and will be removed in a future version. Use --command-property instead.\n');
  if (c.producerConfigFile !== null) io.stdout('Option --producer.config has been deprecated and will be removed in a future version. Use --command-config instead.\n');
  const props = readProps(c.producerProps ?? c.commandProperties, c.producerConfigFile ?? c.commandConfigFile);
  if (c.bootstrapServer !== null) props.set('bootstrap.servers', c.bootstrapServer);
  const transactions = c.transactionalId !== null || c.transactionDurationMs !== null || props.has('transactional.id');
  if (transactions) props.set('transactional.id', c.transactionalId ?? props.get('transactional.id') ?? `performance-producer-${randomUUID()}`);

  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
  const settings = producerSettings(props, (message, logger) => log('WARN', message, logger));
  try {
    parseBootstrap(settings.bootstrapServers.join(','));
  } catch {
    // new KafkaProducer(props): ClientUtils.parseAndValidateAddresses refuses the address.
    throw new ProducerConfigError('org.apache.kafka.common.KafkaException', 'Failed to construct kafka producer');
  }
  await ensureLocalEngine(settings.bootstrapServers.join(','), io);
  const metrics = c.printMetrics ? new Metrics(settings.clientId) : undefined;
  if (metrics) addAppInfo(metrics, Date.now());
  const producer = new Producer({ settings, log, metrics });
  const transactionDurationMs = c.transactionDurationMs ?? DEFAULT_TRANSACTION_DURATION_MS;
  if (transactions) await producer.initTransactions();
  let transactionSize = 0;
  let transactionStart = 0;

  const random = new SeededRandom(c.randomSeed);
  let payload: Buffer = c.recordSize !== null ? Buffer.alloc(c.recordSize) : Buffer.alloc(0);
  const out = (s: string) => io.stdout(s);
  if (c.warmupRecords > 0) io.stdout(`Warmup first ${c.warmupRecords} records. Steady state results will print after the complete test summary.\n`);
  const stats = new ProducerStats(c.numRecords, c.reportingInterval, false, out);
  let steady: ProducerStats | null = null;
  const throttler = new ThroughputThrottler(c.throughput, Date.now());

  const failed = (e: SendError) => io.stderr(`${e.javaString()}\n`);
  for (let i = 0; i < c.numRecords; i++) {
    if (payloads.length > 0) payload = payloads[random.nextInt(payloads.length)];
    else if (c.recordSize !== null) random.fillLetters(payload);
    else payload = Buffer.from(String(i), 'utf8');
    const key = c.keyDistribution === 'range' ? Buffer.from(String(i % c.recordKeyRange!))
      : c.keyDistribution === 'random' ? Buffer.from(String(random.nextInt(c.recordKeyRange!))) : null;

    if (transactions && transactionSize === 0) {
      producer.beginTransaction();
      transactionStart = Date.now();
    }
    const sendStartMs = Date.now();
    if (c.warmupRecords > 0 && i === c.warmupRecords) {
      steady = new ProducerStats(c.numRecords - c.warmupRecords, c.reportingInterval, true, out);
      stats.suppressPrinting();
    }
    const bytes = payload.length;
    const steadyNow = steady;
    const wait = producer.send(c.topic, key, 0, key?.length ?? 0, payload, 0, bytes, null, (error, _offset) => {
      const now = Date.now();
      if (error !== null) return failed(error);
      stats.record(now - sendStartMs, bytes, now);
      steadyNow?.record(now - sendStartMs, bytes, now);
    });
    if (wait !== undefined) await wait;
    if (transactions) {
      transactionSize++;
      if (transactionDurationMs <= sendStartMs - transactionStart) {
        await producer.commitTransaction();
        transactionSize = 0;
      }
    }
    if (throttler.shouldThrottle(i, sendStartMs)) await throttler.throttle();
    else if (i % SLICE === SLICE - 1) await new Promise<void>((r) => setImmediate(r));
  }

  if (transactions && transactionSize !== 0) await producer.commitTransaction();
  // Kafka closes the producer (which waits for every acknowledgement) before the summary; its
  // metrics are taken before the close (its connections still open).
  let metricsText = '';
  if (metrics) {
    await producer.flush();
    metricsText = formatMetrics(metrics);
  }
  await producer.close();
  stats.printTotal();
  steady?.printTotal();
  io.stdout(metricsText);
  return 0;
}
