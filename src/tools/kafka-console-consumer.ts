// kafka-console-consumer: read records from topics and print them (Kafka's ConsoleConsumer,
// tools/.../consumer/ConsoleConsumer.java, 4.x behaviour and texts).
//
// What is printed where, as Kafka does:
// - usage problems: message + help table on stderr, exit 1 (see consumer/options.ts);
// - records: through the formatter, on stdout, in large byte chunks;
// - at every exit once the consumer ran: `Processed a total of N messages` on stderr;
// - --timeout-ms expiry, or any error while fetching:
//     [ts] ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)
//     org.apache.kafka.common.errors.TimeoutException
//   then the count, exit 0;
// - a formatter error (e.g. a deserializer's): the count, then
//     [ts] ERROR Unknown error when running consumer:  (org.apache.kafka.tools.consumer.ConsoleConsumer)
//     <exception>
//   exit 1 (with --skip-message-on-error: `Error processing message, skipping this message: ` and go on);
// - invalid consumer settings: the `Unknown error` lines only (the Java consumer fails to construct);
// - stdout closed by the reader (`| head`): `Unable to write to standard out, closing consumer.`,
//   the count, exit 0;
// - SIGINT / SIGTERM / SIGHUP: the count, exit 130 / 143 / 129 (the JVM's codes: all three run its
//   shutdown hooks); --enable-systest-events prints
//   `shutdown_complete` on stdout at exit.
//
// Groups, as Kafka's console consumer: with --group (or group.id) it joins that group (partitions
// split with the other members; offsets auto-committed every auto.commit.interval.ms and on exit
// unless enable.auto.commit=false); without one it joins a throw-away group console-consumer-NNNNN
// with auto-commit off; with --partition it assigns that partition and joins nothing.

import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { reportThrown } from '../cli/io';
import { formatLogRecord } from '../cli/log';
import { compileJavaRegex } from '../cli/topic-filter';
import { describeJavaPatternError } from '../util/java-pattern-syntax';
import { StringDecoder } from 'node:string_decoder';
import type { Cluster } from '../client/cluster';
import type { Fetcher } from '../client/fetcher';
import { ConsumerFetchError, RecordCursor, RecordWalk, type RecordSink } from '../client/consumer/records';
import type { GroupMember } from '../client/consumer/group-member';
import { AssignorConfigError, assignorsFor } from '../client/consumer/assignors';
import { KafkaError } from '../protocol/errors';
import { consumerSettings } from './consumer/config';
import { JavaRuntimeError } from './consumer/deserializers';
import type { LogError, RecordFormatter } from './consumer/formatters';
import { EARLIEST, LATEST, parseConsoleConsumerOptions, type ConsoleConsumerOptions } from './consumer/options';
import { Output, type ByteSink } from './consumer/output';
import { consumerCluster, consumerFetcher, consumerGroupMember } from './consumer/clients';

const LOGGER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';
const KIP_848_NOTICE = 'The consumer rebalance protocol (KIP-848) is production-ready! Set group.protocol=consumer to try it out. ' +
  'See https://kafka.apache.org/documentation/#consumer_rebalance_protocol';
/** Records printed between two turns of the event loop. */
const SLICE_RECORDS = 2048;

interface Thrown {
  javaClass: string;
  message: string | null;
}

/** The Java class and message of anything thrown. */
function javaParts(e: unknown): Thrown {
  if (e instanceof FormatterFailure) return javaParts(e.inner);
  if (e instanceof ConsumerFetchError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof JavaRuntimeError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException) return { javaClass: e.javaClass, message: e.message === '' ? null : e.message };
  if (e instanceof OptionException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

/** A formatter's exception, kept apart from fetch errors (they end the run differently). */
class FormatterFailure extends Error {
  constructor(readonly inner: unknown) {
    super(inner instanceof Error ? inner.message : String(inner));
  }
}

class PrintSink implements RecordSink {
  count = 0;

  constructor(
    private readonly formatter: RecordFormatter,
    private readonly out: Output,
    private readonly max: number,
    private readonly skipOnError: boolean,
    private readonly logSkipped: (e: unknown) => void,
  ) {}

  onRecord(c: RecordCursor): boolean {
    this.count++;
    try {
      this.formatter.write(c, this.out);
    } catch (e) {
      if (this.skipOnError) this.logSkipped(e);
      else throw new FormatterFailure(e);
    }
    return this.max === -1 || this.count < this.max;
  }
}

interface StdoutAccess {
  sink: ByteSink;
  broken(): boolean;
  drain(): Promise<void> | null;
  end(): void;
}

/** Bytes to stdout: straight to the stream with a ProcessIO, as decoded text otherwise (tests). */
function stdoutAccess(io: ToolIO): StdoutAccess {
  const p = io as ToolIO & { stdoutBytes?: (b: Buffer, onWritten: () => void) => void; stdoutBroken?: boolean; needsDrain?: boolean; waitForDrain?: () => Promise<void> };
  if (typeof p.stdoutBytes === 'function') {
    return {
      sink: (b, release) => p.stdoutBytes!(b, release),
      broken: () => p.stdoutBroken === true,
      drain: () => (p.needsDrain && p.waitForDrain ? p.waitForDrain() : null),
      end: () => undefined,
    };
  }
  const decoder = new StringDecoder('utf8');
  return {
    sink: (b, release) => {
      const s = decoder.write(b);
      if (s) io.stdout(s);
      release();
    },
    broken: () => false,
    drain: () => null,
    end: () => {
      const s = decoder.end();
      if (s) io.stdout(s);
    },
  };
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const stdout = stdoutAccess(io);
  const out = new Output(stdout.sink);
  const stderr = (s: string) => {
    out.flush();
    io.stderr(s);
  };
  const logError: LogError = (message, logger, javaClass, exceptionMessage) =>
    stderr(formatLogRecord('ERROR', message, logger, { javaClass, message: exceptionMessage }));
  const errIO: ToolIO = { stdout: (s) => { out.flush(); io.stdout(s); }, stderr };

  let o: ConsoleConsumerOptions;
  try {
    o = parseConsoleConsumerOptions(argv, errIO, logError);
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    return reportThrown(e, errIO);
  }
  try {
    return await run(o, io, out, stdout, stderr, logError);
  } finally {
    out.flush();
    stdout.end();
  }
}

async function run(
  o: ConsoleConsumerOptions, io: ToolIO, out: Output, stdout: StdoutAccess, stderr: (s: string) => void, logError: LogError,
): Promise<number> {
  const logUnknown = (e: unknown) => {
    const { javaClass, message } = javaParts(e);
    logError('Unknown error when running consumer: ', LOGGER, javaClass, message);
    if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) stderr(`${e.stack}\n`);
  };

  // new KafkaConsumer(props): settings, then the bootstrap addresses.
  let settings;
  try {
    settings = consumerSettings(o.consumerProps);
  } catch (e) {
    logUnknown(e);
    return 1;
  }
  let bootstrap;
  try {
    bootstrap = parseBootstrap(o.bootstrapServer);
  } catch {
    logUnknown(new JavaException('org.apache.kafka.common.KafkaException', 'Failed to construct kafka consumer'));
    return 1;
  }
  let assignors;
  try {
    assignors = assignorsFor(settings.assignmentStrategy);
  } catch (e) {
    if (!(e instanceof AssignorConfigError)) throw e;
    logUnknown(new JavaException('org.apache.kafka.common.KafkaException', 'Failed to construct kafka consumer'));
    return 1;
  }
  // Kafka 4.x tells group consumers of the classic protocol about KIP-848 (on stderr).
  const protocol = o.consumerProps.get('group.protocol');
  if (o.partition === undefined && (protocol === undefined || protocol.toLowerCase() === 'classic')) {
    stderr(`${KIP_848_NOTICE}\n`);
  }
  // ConsumerWrapper: assign / subscribe check their arguments; a pattern is compiled.
  const blank = (t: string) => t.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '') === '';
  if (o.topic !== undefined && blank(o.topic)) {
    logUnknown(new JavaException('java.lang.IllegalArgumentException', o.partition !== undefined
      ? 'Topic partitions to assign to cannot have null or empty topic'
      : 'Topic collection to subscribe to cannot contain null or empty topic'));
    return 1;
  }
  if (o.topic === undefined && o.include === '') {
    logUnknown(new JavaException('java.lang.IllegalArgumentException', 'Topic pattern to subscribe to cannot be empty'));
    return 1;
  }
  let pattern: RegExp | undefined;
  if (o.topic === undefined) {
    try {
      pattern = compileJavaRegex(o.include!);
    } catch (e) {
      logUnknown(new JavaException('java.util.regex.PatternSyntaxException', describeJavaPatternError(o.include!) ?? `${(e as Error).message} in ${o.include}`));
      return 1;
    }
  }

  const clientId = settings.clientId;
  const logPrefix = `[Consumer clientId=${clientId}, groupId=${settings.groupId}] `;
  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') stderr(formatLogRecord(level, message, logger));
  };

  let count = 0;
  let exitCode = 0;
  let failure: unknown = null;
  let signal: NodeJS.Signals | null = null;
  let cluster: Cluster | null = null;
  let fetcher: Fetcher | null = null;
  let member: GroupMember | null = null;
  const onSignal = (s: NodeJS.Signals) => {
    if (signal !== null) return; // the first one decides the exit code
    signal = s;
    fetcher?.wakeup();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  const onHup = () => onSignal('SIGHUP');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);

  try {
    const maxMessages = o.opts.has('max-messages') ? o.opts.numberValueOf('max-messages')! : -1;
    if (maxMessages === -1 || maxMessages > 0) {
      await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), { stdout: io.stdout, stderr });
      cluster = consumerCluster(settings, bootstrap, log, logPrefix);
      fetcher = consumerFetcher(cluster, settings, log, logPrefix);
      if (o.partition !== undefined) {
        const start = o.offset === EARLIEST ? 'earliest' : o.offset === LATEST ? 'latest' : o.offset;
        fetcher.assign([{ topic: o.topic!, partition: o.partition, start }]);
      } else {
        member = consumerGroupMember(cluster, fetcher, settings,
          { assignors: assignors!, topics: o.topic !== undefined ? [o.topic] : undefined, pattern }, log, logPrefix);
      }

      const sink = new PrintSink(o.formatter, out, maxMessages, o.skipMessageOnError, (e) => {
        const { javaClass, message } = javaParts(e);
        logError('Error processing message, skipping this message: ', LOGGER, javaClass, message);
      });
      const cursor = new RecordCursor();
      const walk = new RecordWalk({ checkCrcs: settings.checkCrcs, readCommitted: settings.readCommitted });
      let waitStart = Date.now();
      try {
        while (maxMessages === -1 || sink.count < maxMessages) {
          if (signal) break;
          member?.poll();
          const chunk = await fetcher.poll(waitStart + o.timeoutMs);
          if (chunk === null) {
            if (signal) break;
            if (Date.now() - waitStart >= o.timeoutMs) {
              logError('Error processing message, terminating consumer process: ', LOGGER, 'org.apache.kafka.common.errors.TimeoutException', null);
              break;
            }
            continue;
          }
          const before = sink.count;
          walk.reset(chunk);
          // Print in slices, letting I/O run in between: the next responses are read off the
          // socket while this one is printed, instead of after it. The position moves with what
          // was printed (what a commit covers); a stop part-way leaves it after the last record.
          let status;
          try {
            while ((status = walk.run(cursor, sink, SLICE_RECORDS)) === 'paused') {
              fetcher.markConsumed(chunk.topic, chunk.partition, cursor.offset + 1, cursor.leaderEpoch);
              await new Promise<void>((r) => setImmediate(r));
              if (signal) break;
            }
          } catch (e) {
            // The record the formatter failed on was taken from the consumer: a commit covers it.
            if (e instanceof FormatterFailure) fetcher.markConsumed(chunk.topic, chunk.partition, cursor.offset + 1, cursor.leaderEpoch);
            throw e;
          }
          // The epoch is the last shown record's (a chunk without one leaves it as it was).
          fetcher.markConsumed(chunk.topic, chunk.partition, status === 'done' ? chunk.nextOffset : cursor.offset + 1, sink.count > before ? cursor.leaderEpoch : undefined);
          out.flush();
          // Printed, in place or copied: once stdout has it all, the response's memory is reused.
          out.afterWritten(() => fetcher!.release(chunk));
          if (stdout.broken()) {
            stderr('Unable to write to standard out, closing consumer.\n');
            break;
          }
          const drain = stdout.drain();
          if (drain) await drain;
          if (stdout.broken()) {
            stderr('Unable to write to standard out, closing consumer.\n');
            break;
          }
          if (sink.count > before) waitStart = Date.now();
        }
      } finally {
        count = sink.count;
      }
    }
  } catch (e) {
    if (e instanceof FormatterFailure || e instanceof OptionException) {
      failure = e;
    } else if (e instanceof ConsumerFetchError || e instanceof KafkaError) {
      // What Java's poll() throws: logged, and the consumer ends normally.
      const { javaClass, message } = javaParts(e);
      logError('Error processing message, terminating consumer process: ', LOGGER, javaClass, message);
    } else {
      failure = e;
    }
  } finally {
    if (member) {
      // consumer.close(): commit what was printed (auto-commit), leave the group.
      await member.close(settings.requestTimeoutMs).catch(() => undefined);
    }
    fetcher?.close();
    cluster?.close();
    out.flush();
    stderr(`Processed a total of ${count} messages\n`);
    // A signal ends the process: later ones (a second Ctrl-C, `timeout` signalling the child and
    // then its whole process group) are ignored as the JVM ignores them while its shutdown hook
    // runs, instead of killing us before the LeaveGroup / final commit / output is done.
    // Without one the handlers go, so a caller running main in-process keeps its own.
    if (signal === null) {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
    }
  }
  if (failure !== null) {
    logUnknown(failure);
    exitCode = 1;
  }
  if (o.systestEvents) {
    out.flush();
    io.stdout('shutdown_complete\n');
  }
  if (signal === 'SIGINT') return 130;
  if (signal === 'SIGTERM') return 143;
  if (signal === 'SIGHUP') return 129;
  return exitCode;
}
