// kafka-consumer-perf-test (Kafka 4.4's ConsumerPerformance): read --num-records records from a
// topic (or the topics --include matches) in a consumer group and report the rate:
//
//   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
//   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
//
// with --show-detailed-stats a line per --reporting-interval instead of the summary. Records are
// counted as Java's poll() hands them out (up to max.poll.records at a time), so a run can count a
// few more than asked for, as Kafka's does. Waiting more than --timeout ms for a record ends the
// run with Kafka's WARNING line. Usage errors: jopt's (message + option table on stderr,
// status 1); failures once running: the message, then the exception, on stderr, status 1.
// rebalance.time.ms is the time until the group first gave this member its partitions.
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException } from '../cli/errors';
import { parseOrPrintUsage } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogRecord } from '../cli/log';
import type { OptionSet } from '../cli/options';
import { compileJavaRegex } from '../cli/topic-filter';
import { KAFKA_VERSION } from '../cli/version';
import { assignorsFor } from '../client/consumer/assignors';
import { ConsumerFetchError, RecordCursor, RecordWalk, type RecordSink } from '../client/consumer/records';
import type { Fetcher } from '../client/fetcher';
import { KafkaError } from '../protocol/errors';
import { consumerSettings } from './consumer/config';
import { checkConsumerPerfArgs, consumerPerfProps, consumerPerfSpecs, HELP_MESSAGE } from './perf/consumer-perf-options';
import { fixed } from './perf/producer-stats';
import { SimpleDateFormat } from './perf/simple-date-format';
import { consumerCluster, consumerFetcher, consumerGroupMember } from './consumer/clients';
import { Metrics } from '../client/metrics';
import { ConsumerMetrics } from '../client/consumer/metrics';
import { addAppInfo, formatMetrics } from './perf/print-metrics';

const MB = 1024 * 1024;
const HEADER_TAIL = ', rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';

/** The Java class and message of anything thrown. */
function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException || e instanceof OptionException || e instanceof ConsumerFetchError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const specs = consumerPerfSpecs();
  let opts: OptionSet;
  try {
    opts = parseOrPrintUsage(io, specs, argv, HELP_MESSAGE, KAFKA_VERSION, (o) => checkConsumerPerfArgs(o, io.stdout, io.stderr));
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    throw e;
  }
  try {
    await run(opts, io);
    return 0;
  } catch (e) {
    // ConsumerPerformance.main: the message, then the stack trace (which ends with a line end of its own).
    const { javaClass, message } = javaParts(e);
    io.stderr(`${message}\n${javaClass}: ${message}\n\n`);
    if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

class CountingSink implements RecordSink {
  messages = 0;
  bytes = 0;
  lastMessages = 0;
  lastBytes = 0;
  lastReportMs: number;
  nowMs: number;
  joinInRound = 0;

  constructor(startMs: number, private readonly intervalMs: number, private readonly detailed: boolean,
    private readonly dateFormat: SimpleDateFormat, private readonly out: (s: string) => void) {
    this.lastReportMs = startMs;
    this.nowMs = startMs;
  }

  onRecord(c: RecordCursor): boolean {
    this.messages++;
    if (c.keyLen > 0) this.bytes += c.keyLen;
    if (c.valueLen > 0) this.bytes += c.valueLen;
    if (this.nowMs - this.lastReportMs >= this.intervalMs) {
      if (this.detailed) this.progress();
      this.joinInRound = 0;
      this.lastReportMs = this.nowMs;
      this.lastMessages = this.messages;
      this.lastBytes = this.bytes;
    }
    return true;
  }

  /** printConsumerProgress: the interval's rates, then its fetch rates (without the rebalance time). */
  private progress(): void {
    const elapsed = this.nowMs - this.lastReportMs;
    const mb = (this.bytes - this.lastBytes) / MB;
    const n = this.messages - this.lastMessages;
    const fetchMs = elapsed - this.joinInRound;
    this.out(`${this.dateFormat.format(this.nowMs)}, 0, ${fixed(this.bytes / MB, 4)}, ${fixed((1000 * mb) / elapsed, 4)}, ${this.messages}, ${fixed((n / elapsed) * 1000, 4)}` +
      `, ${this.joinInRound}, ${fetchMs}, ${fixed(fetchMs <= 0 ? 0 : (1000 * mb) / fetchMs, 4)}, ${fixed(fetchMs <= 0 ? 0 : (1000 * n) / fetchMs, 4)}\n`);
  }
}

async function run(opts: OptionSet, io: ToolIO): Promise<void> {
  const detailed = opts.has('show-detailed-stats');
  if (!opts.has('hide-header')) {
    io.stdout(`${detailed ? 'time, threadId' : 'start.time, end.time'}, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec${HEADER_TAIL}\n`);
  }
  const props = consumerPerfProps(opts);
  const settings = consumerSettings(props);
  let bootstrap;
  try {
    bootstrap = parseBootstrap(props.get('bootstrap.servers')!);
  } catch {
    throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to construct kafka consumer');
  }
  const maxPollRecords = Number(props.get('max.poll.records') ?? 500) || 500;

  const numRecords = opts.numberValueOf(opts.has('num-records') ? 'num-records' : 'messages')!;
  const timeoutMs = opts.numberValueOf('timeout')!;
  const intervalMs = opts.numberValueOf('reporting-interval')!;
  if (intervalMs <= 0) throw new JavaException('java.lang.IllegalArgumentException', 'Reporting interval must be greater than 0.');
  const dateFormat = new SimpleDateFormat(opts.stringValueOf('date-format')!);
  const pattern = opts.has('include') ? compileJavaRegex(opts.stringValueOf('include')!) : undefined;

  const clientId = settings.clientId;
  const logPrefix = `[Consumer clientId=${clientId}, groupId=${settings.groupId}] `;
  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') io.stderr(formatLogRecord(level, message, logger));
  };
  await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
  let metrics: ConsumerMetrics | undefined;
  if (opts.has('print-metrics')) {
    const registry = new Metrics(clientId);
    addAppInfo(registry, Date.now());
    metrics = new ConsumerMetrics(registry, () => member.assignment().length);
  }
  const cluster = consumerCluster(settings, bootstrap, log, logPrefix, metrics?.network);
  const fetcher = consumerFetcher(cluster, settings, log, logPrefix, { metrics });
  const member = consumerGroupMember(cluster, fetcher, settings, {
    assignors: assignorsFor(settings.assignmentStrategy),
    topics: pattern === undefined ? [opts.stringValueOf('topic')!] : undefined,
    pattern,
  }, log, logPrefix, metrics);

  const startMs = Date.now();
  let joinMs = 0;
  let joined = false;
  const sink = new CountingSink(startMs, intervalMs, detailed, dateFormat, io.stdout);
  let endMs: number;
  let metricsText = '';
  try {
    const cursor = new RecordCursor();
    const walk = new RecordWalk({ checkCrcs: false, readCommitted: settings.readCommitted });
    let lastConsumedMs = startMs;
    let now = startMs;
    let chunk: Awaited<ReturnType<Fetcher['poll']>> = null;
    while (sink.messages < numRecords && now - lastConsumedMs <= timeoutMs) {
      member.poll();
      if (chunk === null) {
        chunk = await fetcher.poll(Date.now() + 100);
        if (chunk !== null) walk.reset(chunk);
      }
      now = Date.now();
      if (!joined && member.assignment().length > 0) {
        // ConsumerPerfRebListener.onPartitionsAssigned
        joined = true;
        joinMs += now - startMs;
        sink.joinInRound += now - startMs;
      }
      if (chunk === null) continue;
      sink.nowMs = now;
      const before = sink.messages;
      // One poll() hands out at most max.poll.records records.
      if (walk.run(cursor, sink, maxPollRecords) === 'paused') {
        fetcher.markConsumed(chunk.topic, chunk.partition, cursor.offset + 1, cursor.leaderEpoch);
        metrics?.consumed(chunk.topic, sink.messages - before, 0);
        metrics?.polled(chunk.topic, chunk.partition, cursor.offset + 1, chunk.highWatermark, chunk.logStartOffset);
      } else {
        fetcher.markConsumed(chunk.topic, chunk.partition, chunk.nextOffset, sink.messages > before ? cursor.leaderEpoch : undefined);
        // The batches' bytes count once all their records are handed out.
        metrics?.consumed(chunk.topic, sink.messages - before, chunk.records.length);
        metrics?.polled(chunk.topic, chunk.partition, chunk.nextOffset, chunk.highWatermark, chunk.logStartOffset);
        chunk = null;
      }
      if (sink.messages > before) lastConsumedMs = now;
    }
    if (sink.messages < numRecords) {
      io.stdout(`WARNING: Exiting before consuming the expected number of records: timeout (${timeoutMs} ms) exceeded. You can use the --timeout option to increase the timeout.\n`);
    }
    endMs = Date.now();
    // Taken before the close, as Kafka's (its connections still open).
    if (metrics) metricsText = formatMetrics(metrics.metrics);
  } finally {
    await member.close(settings.requestTimeoutMs).catch(() => undefined);
    fetcher.close();
    cluster.close();
  }
  if (!detailed) {
    const elapsedSec = (endMs - startMs) / 1000;
    const fetchMs = endMs - startMs - joinMs;
    const mb = sink.bytes / MB;
    io.stdout(`${dateFormat.format(startMs)}, ${dateFormat.format(endMs)}, ${fixed(mb, 4)}, ${fixed(mb / elapsedSec, 4)}, ${sink.messages}, ` +
      `${fixed(sink.messages / elapsedSec, 4)}, ${joinMs}, ${fetchMs}, ${fixed(mb / (fetchMs / 1000), 4)}, ${fixed(sink.messages / (fetchMs / 1000), 4)}\n`);
  }
  io.stdout(metricsText);
}
