// kafka-topics: create, list, describe, alter and delete topics (Kafka's TopicCommand).
//
// With --bootstrap-server it behaves and prints as Kafka 4.4's tool (tools/.../TopicCommand.java).
// With the seed-era --zookeeper HOST:PORT it behaves and prints as Kafka 2.8's tool did in
// ZooKeeper mode, talking to the broker on that host instead (port 2181 stands for 9092).
//
// Presentation of failures, as Kafka's:
// - parse errors: 4.4 prints the message, then the exception's stack trace (here its first line)
//   and an empty line (exit 1); 2.8 lets the exception escape main (`Exception in thread "main" ...`);
// - usage errors and --help / no arguments: message + help table on stderr, exit 1;
// - errors of the action itself: `Error while executing topic command : <message>` on stdout and
//   an ERROR log line with the exception on stderr, exit 1.

import { ensureLocalEngine } from '../cli/autostart';
import { brokersForZookeeper, parseBootstrap, formatAddress, type HostPort } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { reportThrown } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { parseOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import { KAFKA_28_VERSION, KAFKA_VERSION } from '../cli/version';
import { Admin } from '../client/admin';
import { ConfigValidationError } from '../config/types';
import { KafkaError } from '../protocol/errors';
import {
  checkArgs28, checkArgs39, HELP_MESSAGE, NO_ARGS_MESSAGE, topicSpecs, type Era,
} from './topics/options';
import { TopicService } from './topics/service';
import { adminClientSettings, type AdminClientSettings } from './topics/client-config';

const LOGGER: Record<Era, string> = {
  kafka39: 'org.apache.kafka.tools.TopicCommand',
  zk28: 'kafka.admin.TopicCommand$',
};

/** The Java class and message of anything the action threw. */
function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof OptionException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof ConfigValidationError) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: `java.lang.RuntimeException`, message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

/** TopicCommand.printException: stdout line + the exception logged at ERROR (first stack line only). */
function printException(e: unknown, io: ToolIO, era: Era): void {
  const { javaClass, message } = javaParts(e);
  io.stdout(`Error while executing topic command : ${message}\n`);
  // Kafka logs Utils.stackTrace(e), which ends with a newline, so ` (logger)` lands on its own line.
  io.stderr(`${formatLogLine('ERROR', `${javaClass}: ${message}\n`, LOGGER[era])}\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
}

/**
 * Kafka 4.4's mainNoExit: the message, then the stack trace (here its first line) and an empty
 * line (it prints Utils.stackTrace, which ends with a newline, with println), on stderr.
 */
function printEscaped39(e: unknown, io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  const { javaClass, message } = javaParts(e);
  io.stderr(`${message}\n${javaClass}: ${message}\n\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

/** Whether this command line selects the ZooKeeper-era (2.8) behaviour. */
export function usesZookeeper(argv: readonly string[]): boolean {
  const specs = [...topicSpecs('kafka39'), ...topicSpecs('zk28').filter((s) => ['zookeeper', 'disable-rack-aware', 'force'].includes(s.name))];
  try {
    return parseOptions(specs, argv).has('zookeeper');
  } catch {
    return argv.some((a) => a === '--zookeeper' || a.startsWith('--zookeeper=') || a === '-zookeeper' || a.startsWith('-zookeeper='));
  }
}

function usage(io: ToolIO, message: string, specs: readonly OptionSpec[]): never {
  printUsageAndExit(io, message, specs);
}

async function runAction(service: TopicService, opts: OptionSet): Promise<void> {
  if (opts.has('create')) await service.createTopic();
  else if (opts.has('alter')) await service.alterTopic();
  else if (opts.has('list')) await service.listTopics();
  else if (opts.has('describe')) await service.describeTopic();
  else if (opts.has('delete')) await service.deleteTopic();
}

function logTo(io: ToolIO) {
  return (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level === 'INFO') return; // tools log at WARN and above
    io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
}

async function execute(
  opts: OptionSet, io: ToolIO, era: Era, bootstrap: HostPort[], settings: AdminClientSettings, connectFirstMs?: number,
): Promise<number> {
  if (settings.overrideWarning && era === 'kafka39') {
    const prefix = `[AdminClient clientId=${settings.clientId ?? 'adminclient-1'}] `;
    io.stderr(`${formatLogLine('WARN', prefix + settings.overrideWarning, 'org.apache.kafka.clients.admin.KafkaAdminClient')}\n`);
  }
  const admin = new Admin({
    bootstrap,
    clientId: settings.clientId,
    defaultApiTimeoutMs: settings.defaultApiTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    log: era === 'kafka39' ? logTo(io) : undefined,
  });
  try {
    if (connectFirstMs !== undefined) {
      // 2.8 connected to ZooKeeper before doing anything, and gave up after 30 s.
      try {
        await admin.cluster.anyConnection(Date.now() + connectFirstMs, 'connect');
      } catch {
        throw new JavaException('kafka.zookeeper.ZooKeeperClientTimeoutException', 'Timed out waiting for connection while in state: CONNECTING');
      }
    }
    const service = new TopicService(admin, opts, io, era, settings.defaultApiTimeoutMs);
    try {
      await runAction(service, opts);
      return 0;
    } catch (e) {
      printException(e, io, era);
      return 1;
    }
  } finally {
    admin.close();
  }
}

async function main39(argv: string[], io: ToolIO): Promise<number> {
  const specs = topicSpecs('kafka39');
  let opts: OptionSet;
  try {
    opts = parseOptions(specs, argv);
  } catch (e) {
    return printEscaped39(e, io);
  }
  try {
    if (argv.length === 0) usage(io, NO_ARGS_MESSAGE, specs);
    if (opts.has('help')) usage(io, HELP_MESSAGE, specs);
    if (opts.has('version')) {
      io.stdout(`${KAFKA_VERSION}\n`);
      return 0;
    }
    checkArgs39(opts, io.stdout, io.stderr);
  } catch (e) {
    if (e instanceof UsageError) usage(io, e.message, specs);
    return printEscaped39(e, io);
  }
  // TopicCommand.execute: new TopicService(opts.commandConfig(), opts.bootstrapServer()) happens
  // before the try block, so its failures escape to mainNoExit.
  let bootstrapText: string;
  let bootstrap: HostPort[];
  let settings: AdminClientSettings;
  try {
    const props = opts.has('command-config') ? loadPropertiesFile(opts.stringValueOf('command-config')!) : new Map<string, string>();
    bootstrapText = opts.stringValueOf('bootstrap-server')!;
    props.set('bootstrap.servers', bootstrapText);
    settings = adminClientSettings(props);
    try {
      bootstrap = parseBootstrap(bootstrapText);
      settings.check();
    } catch (e) {
      throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to create new KafkaAdminClient');
    }
  } catch (e) {
    return printEscaped39(e, io);
  }
  await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
  return execute(opts, io, 'kafka39', bootstrap, settings);
}

async function main28(argv: string[], io: ToolIO): Promise<number> {
  const specs = topicSpecs('zk28');
  let opts: OptionSet;
  try {
    opts = parseOptions(specs, argv);
    try {
      if (opts.has('help')) usage(io, HELP_MESSAGE, specs);
      if (opts.has('version')) {
        io.stdout(`${KAFKA_28_VERSION}\n`);
        return 0;
      }
      checkArgs28(opts);
    } catch (e) {
      if (e instanceof UsageError) usage(io, e.message, specs);
      throw e;
    }
    const connect = opts.stringValueOf('zookeeper')!;
    const brokers = brokersForZookeeper(connect);
    const address = brokers.map((hp) => formatAddress(hp.host, hp.port)).join(',');
    io.stderr(`kafka-local: --zookeeper is a ZooKeeper-era option (removed in Kafka 3.0); connecting to the broker at ${address} instead. Use --bootstrap-server ${address}.\n`);
    await ensureLocalEngine(address, io);
    const settings = adminClientSettings(new Map());
    return await execute(opts, io, 'zk28', brokers, settings, 30000);
  } catch (e) {
    // Kafka 2.8 parsed and checked its arguments outside any try: the JVM reports the exception.
    return reportThrown(e, io);
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  try {
    return usesZookeeper(argv) ? await main28(argv, io) : await main39(argv, io);
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    return reportThrown(e, io);
  }
}
