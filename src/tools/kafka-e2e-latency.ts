// kafka-e2e-latency (Kafka 4.4's EndToEndLatency): send one record at a time, wait for its
// acknowledgement, then for the consumer (assigned every partition at the log end,
// fetch.max.wait.ms=0) to read it back; the time for both is the record's latency. Prints
// `i<TAB>latency-ms` for every 1000th record, then `Avg latency: %.4f ms` and the 50th/99th/99.9th
// percentiles in whole milliseconds. A missing topic is created (1 partition, replication
// factor 1) with Kafka's notice. Each record read back must be the one sent (value, key,
// headers), alone. Usage errors: jopt's (message + option table on stderr, status 1); other
// failures: the message, then the exception, on stderr, status 1.
// Not done: Kafka's final commitSync of the throw-away group's offsets.
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException } from '../cli/errors';
import { parseOrPrintUsage } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import type { OptionSet } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import { KAFKA_VERSION } from '../cli/version';
import { Admin } from '../client/admin';
import { ConsumerFetchError, forEachHeader, RecordCursor, RecordWalk } from '../client/consumer/records';
import { LATEST_TIMESTAMP, listOffsets, tpKey } from '../client/offsets';
import { Producer, ProducerConfigError, ProducerException, producerSettings, type RecordHeader } from '../client/producer';
import { KafkaError } from '../protocol/errors';
import { consumerSettings } from './consumer/config';
import { checkE2eArgs, convertLegacyArgs, e2eSpecs, HELP_MESSAGE, TerseError } from './perf/e2e-latency-options';
import { fixed } from './perf/producer-stats';
import { SeededRandom } from './perf/seeded-random';
import { consumerFetcher } from './consumer/clients';

const POLL_TIMEOUT_MS = 60000;

function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof ProducerConfigError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof KafkaError || e instanceof ProducerException) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException || e instanceof OptionException || e instanceof ConsumerFetchError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const specs = e2eSpecs();
  try {
    const args = convertLegacyArgs(argv, io.stdout);
    let opts: OptionSet;
    try {
      opts = parseOrPrintUsage(io, specs, args, HELP_MESSAGE, KAFKA_VERSION, checkE2eArgs);
    } catch (e) {
      if (e instanceof ExitError) return e.code;
      throw e;
    }
    await run(opts, io);
    return 0;
  } catch (e) {
    if (e instanceof TerseError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    // EndToEndLatency.mainNoExit: the message, then the stack trace (which ends with a line end of its own).
    const { javaClass, message } = javaParts(e);
    io.stderr(`${message}\n${javaClass}: ${message}\n\n`);
    if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

/** Java's Double.toString for a positive latency in ms (shortest round trip, `.0` on whole numbers). */
function javaDouble(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

/** A record's bytes of `length`, all one random capital letter (EndToEndLatency.randomBytesOfLen). */
function letters(random: SeededRandom, length: number): Buffer {
  return Buffer.alloc(length, 65 + random.nextInt(26));
}

interface Received {
  value: Buffer | null;
  key: Buffer | null;
  headers: RecordHeader[];
}

async function run(opts: OptionSet, io: ToolIO): Promise<void> {
  const brokers = opts.stringValueOf('bootstrap-server')!;
  const topic = opts.stringValueOf('topic')!;
  const numRecords = opts.numberValueOf('num-records')!;
  const acks = opts.stringValueOf('producer-acks')!;
  const recordSize = opts.numberValueOf('record-size')!;
  const keySize = opts.numberValueOf('record-key-size')!;
  const numHeaders = opts.numberValueOf('num-headers')!;
  const headerKeySize = opts.numberValueOf('record-header-key-size')!;
  const headerValueSize = opts.numberValueOf('record-header-size')!;
  const file = opts.stringValueOf('command-config');
  const baseProps = (): Map<string, string> => {
    const p = file !== undefined ? loadPropertiesFile(file) : new Map<string, string>();
    p.set('bootstrap.servers', brokers);
    return p;
  };

  const consumerProps = baseProps();
  consumerProps.set('group.id', `test-group-${Date.now()}`);
  consumerProps.set('enable.auto.commit', 'false');
  consumerProps.set('auto.offset.reset', 'latest');
  consumerProps.set('fetch.max.wait.ms', '0');
  const cs = consumerSettings(consumerProps);
  const producerProps = baseProps();
  producerProps.set('linger.ms', '0');
  producerProps.set('max.block.ms', '9223372036854775807');
  producerProps.set('acks', acks);
  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
  const ps = producerSettings(producerProps, (message, logger) => log('WARN', message, logger));
  let bootstrap;
  try {
    bootstrap = parseBootstrap(brokers);
  } catch {
    throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to construct kafka consumer');
  }
  await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);

  const admin = new Admin({ bootstrap, clientId: cs.clientId, requestTimeoutMs: cs.requestTimeoutMs, log });
  const fetcher = consumerFetcher(admin.cluster, cs, log, undefined, { autoOffsetReset: 'latest', maxWaitMs: 0 });
  const producer = new Producer({ settings: ps, log });
  try {
    if (!(await admin.listTopics()).some((t) => t.name === topic)) {
      io.stdout(`Topic "${topic}" does not exist. Will create topic with 1 partition(s) and replication factor = 1\n`);
      const err = (await admin.createTopics([{ name: topic, numPartitions: 1, replicationFactor: 1 }])).get(topic);
      if (err) {
        io.stdout(`Creation of topic ${topic} failed\n`);
        throw new JavaException('java.lang.RuntimeException', `java.util.concurrent.ExecutionException: ${err.javaString()}`);
      }
    }
    // setupConsumer: every partition, from the end of the log, the positions known before the
    // first send (Java's consumer.position() after seekToEnd) so no record can slip before them.
    const [described] = await admin.describeTopics([topic]);
    const ends = await listOffsets(admin.cluster, described.partitions.map((p) => ({ topic, partition: p.partition, timestamp: LATEST_TIMESTAMP })),
      { deadline: Date.now() + 60000, isolationLevel: cs.readCommitted ? 1 : 0, callName: 'listOffsets' });
    fetcher.assign(described.partitions.map((p) => ({ topic, partition: p.partition, start: ends.get(tpKey(topic, p.partition))?.offset ?? ('latest' as const) })));

    const latencies = new Array<number>(numRecords);
    let totalNs = 0;
    const random = new SeededRandom(0);
    const cursor = new RecordCursor();
    const walk = new RecordWalk({ checkCrcs: cs.checkCrcs, readCommitted: cs.readCommitted });
    for (let i = 0; i < numRecords; i++) {
      const value = letters(random, recordSize);
      const key = keySize > 0 ? letters(random, keySize) : null;
      const headers: RecordHeader[] = [];
      for (let h = 0; h < numHeaders; h++) {
        headers.push({ key: letters(random, headerKeySize).toString('latin1'), value: headerValueSize < 0 ? null : letters(random, headerValueSize) });
      }
      const begin = process.hrtime.bigint();
      await producer.send(topic, key, 0, key?.length ?? 0, value, 0, value.length, headers.length > 0 ? headers : null, true);
      const received: Received[] = [];
      const deadline = Date.now() + POLL_TIMEOUT_MS;
      while (received.length === 0) {
        const chunk = await fetcher.poll(deadline);
        if (chunk === null) break;
        walk.reset(chunk);
        walk.run(cursor, {
          onRecord: (c) => {
            const hs: RecordHeader[] = [];
            forEachHeader(c, (buf, ks, kl, vs, vl) => hs.push({ key: buf.toString('utf8', ks, ks + kl), value: vl < 0 ? null : Buffer.from(buf.subarray(vs, vs + vl)) }));
            received.push({
              value: c.valueLen < 0 ? null : Buffer.from(c.buf.subarray(c.valueStart, c.valueStart + c.valueLen)),
              key: c.keyLen < 0 ? null : Buffer.from(c.buf.subarray(c.keyStart, c.keyStart + c.keyLen)),
              headers: hs,
            });
            return true;
          },
        });
        fetcher.markConsumed(chunk.topic, chunk.partition, chunk.nextOffset);
      }
      const elapsedNs = Number(process.hrtime.bigint() - begin);
      validate(value, key, headers, received);
      if (i % 1000 === 0) io.stdout(`${i}\t${javaDouble(elapsedNs / 1000 / 1000)}\n`);
      totalNs += elapsedNs;
      latencies[i] = Math.floor(elapsedNs / 1000 / 1000);
    }
    io.stdout(`Avg latency: ${fixed(totalNs / numRecords / 1000 / 1000, 4)} ms\n`);
    latencies.sort((a, b) => a - b);
    const at = (f: number) => latencies[Math.floor(latencies.length * f)];
    io.stdout(`Percentiles: 50th = ${at(0.5)}, 99th = ${at(0.99)}, 99.9th = ${at(0.999)}\n`);
  } finally {
    await producer.close().catch(() => undefined);
    fetcher.close();
    admin.close();
  }
}

/** EndToEndLatency.validate: one record, the one sent. */
function validate(value: Buffer, key: Buffer | null, headers: RecordHeader[], received: Received[]): void {
  const fail = (message: string) => new JavaException('java.lang.RuntimeException', message);
  if (received.length === 0) throw fail(`poll() timed out before finding a result (timeout:[${POLL_TIMEOUT_MS}ms])`);
  const first = received[0];
  const sent = value.toString('utf8');
  const read = first.value?.toString('utf8') ?? 'null';
  if (read !== sent) throw fail(`The message read [${read}] did not match the message sent [${sent}]`);
  if (key !== null) {
    if (first.key === null) throw fail('Expected message key but received null');
    if (!first.key.equals(key)) throw fail(`The message key read [${first.key.toString('utf8')}] did not match the message key sent [${key.toString('utf8')}]`);
  }
  if (headers.length > 0) {
    if (first.headers.length === 0) throw fail('Expected message headers but received none');
    if (first.headers.length !== headers.length) throw fail('Header count mismatch between sent and received messages');
  }
  if (received.length !== 1) throw fail(`Only one result was expected during this test. We found [${received.length}]`);
}
