// kafka-console-producer: read lines from standard input and produce them to a topic, as Kafka
// 4.x's ConsoleProducer + LineMessageReader do (tools/.../ConsoleProducer.java).
//
// - options and their merge into producer properties: producer/options.ts;
// - the line reader (parse.key, parse.headers, null.marker, ...): producer/line-reader.ts;
// - `>` before every line read iff stdin and stdout are terminals;
// - EOF: flush, exit 0 (also when some sends failed; those were logged by ErrorLoggingCallback);
// - a line the reader cannot parse: the exception on stderr, records before it are flushed, exit 1;
// - --sync: each record waits for its acknowledgement; a failure ends the tool (exit 1);
// - SIGINT: flush what is pending, then exit 130 (the JVM's shutdown hook closes the producer);
// - seed-era --broker-list is accepted (ignored when --bootstrap-server is given) with a hint.

import { BROKER_LIST_HINT } from '../cli/seed-era-hints';
import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { ensureLocalEngine } from '../cli/autostart';
import { validateBootstrapServers } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { checkRequiredArgs, parseOptions, type OptionSet } from '../cli/options';
import { Producer, ProducerConfigError, ProducerException, producerSettings, type SendError } from '../client/producer';
import { KafkaError } from '../protocol/errors';
import { configureLineReader, LineMessageReader, ReaderException, type ReadFn, type RecordSink } from './producer/line-reader';
import { checkRenamedOptions, HELP_MESSAGE, producerProps, producerSpecs, readerProps } from './producer/options';
import { KAFKA_VERSION } from '../cli/version';

export const VERSION = KAFKA_VERSION;

const ERROR_LOGGING_CALLBACK = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback';

/** What printStackTrace shows of an exception, without the `at` frames. */
function exceptionLines(e: unknown): string {
  if (e instanceof ProducerConfigError) return e.lines().join('\n');
  if (e instanceof ReaderException || e instanceof JavaException || e instanceof OptionException) return e.toString();
  if (e instanceof KafkaError || e instanceof ProducerException) return e.javaString();
  if (e instanceof Error) return `java.lang.RuntimeException: ${e.message}`;
  return String(e);
}

/**
 * Standard input as a ReadFn. A regular file is read with large fs.read calls; pipes and terminals
 * through the stdin stream (a read of fd 0 blocked in the threadpool would keep process.exit
 * from returning, and non-blocking pipes answer EAGAIN).
 */
export function stdinReader(): ReadFn {
  let isFile = false;
  try {
    isFile = fs.fstatSync(0).isFile();
  } catch {
    return () => Promise.resolve(0);
  }
  if (isFile) {
    return (buf, offset, length) =>
      new Promise<number>((resolve, reject) => {
        fs.read(0, buf, offset, length, null, (err, n) => (err ? reject(err) : resolve(n)));
      });
  }
  const stream = process.stdin;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (e) => {
    failure = e;
    notify();
  });
  return async (buf, offset, length) => {
    for (;;) {
      if (failure !== null) throw failure;
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) {
        const n = Math.min(length, chunk.length);
        chunk.copy(buf, offset, 0, n);
        if (n < chunk.length) stream.unshift(chunk.subarray(n));
        return n;
      }
      if (ended || stream.readableEnded) return 0;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
}

export interface ProducerToolOptions {
  /** Input (default: standard input). */
  read?: ReadFn;
  /** Print the `>` prompt (default: stdin and stdout are terminals). */
  prompt?: boolean;
  /** Handle SIGINT (default: true when reading standard input). */
  handleSigint?: boolean;
}

export async function main(argv: string[], io: ToolIO, toolOpts: ProducerToolOptions = {}): Promise<number> {
  const specs = producerSpecs();
  try {
    let opts: OptionSet;
    try {
      opts = parseOptions(specs, argv);
    } catch (e) {
      if (e instanceof OptionException) printUsageAndExit(io, e.message, specs);
      throw e;
    }
    return await run(opts, io, toolOpts);
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof OptionException) {
      // ConsoleProducer.start: `System.err.println(e.getMessage())`, exit 1.
      io.stderr(`${e.message}\n`);
      return 1;
    }
    io.stderr(`${exceptionLines(e)}\n`);
    if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

async function run(opts: OptionSet, io: ToolIO, toolOpts: ProducerToolOptions): Promise<number> {
  const specs = opts.specs;
  let bootstrap: string | undefined;
  try {
    maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, VERSION);
    checkRequiredArgs(opts, 'topic');
    const renamed = checkRenamedOptions(opts, io.stdout);
    if (renamed !== undefined) throw new UsageError(renamed);
    if (opts.has('broker-list')) {
      io.stderr(BROKER_LIST_HINT);
    }
    bootstrap = opts.has('bootstrap-server') ? opts.stringValueOf('bootstrap-server') : opts.stringValueOf('broker-list');
    validateBootstrapServers(bootstrap);
  } catch (e) {
    if (e instanceof UsageError) printUsageAndExit(io, e.message, specs);
    throw e;
  }

  // messageReader(opts): the reader is built (and configured) before the producer.
  const readerClass = opts.stringValueOf('line-reader')!;
  if (!/(^|\.|\$)LineMessageReader$/.test(readerClass)) {
    throw new JavaException('java.lang.ClassNotFoundException', readerClass);
  }
  const readerConfig = configureLineReader(readerProps(opts));

  const log = (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level !== 'INFO') io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
  const settings = producerSettings(producerProps(opts, bootstrap!), (message, logger) => log('WARN', message, logger));
  const sync = opts.has('sync');

  await ensureLocalEngine(bootstrap!, io);

  const producer = new Producer({
    settings,
    log,
    onRecordError: (topic: string, keySize: number, valueSize: number, error: SendError) => {
      const key = keySize < 0 ? 'null' : `${keySize} bytes`;
      const value = valueSize < 0 ? 'null' : `${valueSize} bytes`;
      io.stderr(`${formatLogLine('ERROR', `Error when sending message to topic ${topic} with key: ${key}, value: ${value} with error:`, ERROR_LOGGING_CALLBACK)}\n${error.javaString()}\n`);
    },
  });

  const topic = readerConfig.topic;
  const sink: RecordSink = sync
    ? (k, ks, ke, v, vs, ve, h) => producer.send(topic, k, ks, ke, v, vs, ve, h, true)
    : (k, ks, ke, v, vs, ve, h) => producer.send(topic, k, ks, ke, v, vs, ve, h);

  const fromStdin = toolOpts.read === undefined;
  const prompt = toolOpts.prompt ?? (fromStdin && tty.isatty(0) && tty.isatty(1));
  const reader = new LineMessageReader(readerConfig, prompt ? () => io.stdout('>') : null);

  let interrupted = false;
  let onSigint: (() => void) | null = null;
  let onSigterm: (() => void) | null = null;
  if (toolOpts.handleSigint ?? fromStdin) {
    // The JVM runs the shutdown hook (producer.close: flush what is pending) and exits 128+signal.
    // A read of stdin may still be pending, so exit explicitly once the output is out.
    const shutdown = (code: number) => {
      if (interrupted) {
        producer.abort();
        process.exit(code);
      }
      interrupted = true;
      producer.close().catch(() => undefined).then(async () => {
        const flush = (io as { flush?: () => Promise<void> }).flush;
        if (flush) await flush.call(io).catch(() => undefined);
        process.exit(code);
      });
    };
    onSigint = () => shutdown(130);
    onSigterm = () => shutdown(143);
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }

  let code = 0;
  try {
    await reader.run(toolOpts.read ?? stdinReader(), sink, () => interrupted);
  } catch (e) {
    if (interrupted) return new Promise<number>(() => undefined); // the signal handler exits
    if (e instanceof ReaderException) {
      io.stderr(`${e.toString()}\n`);
      code = 1;
    } else if (e instanceof KafkaError || e instanceof ProducerException) {
      // --sync: send(record).get() throws ExecutionException.
      io.stderr(`java.util.concurrent.ExecutionException: ${e.javaString()}\n`);
      code = 1;
    } else {
      producer.abort();
      throw e;
    }
  }
  if (interrupted) return new Promise<number>(() => undefined); // the SIGINT handler exits
  await producer.close();
  if (onSigint) process.off('SIGINT', onSigint);
  if (onSigterm) process.off('SIGTERM', onSigterm);
  return code;
}
