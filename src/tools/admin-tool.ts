// What Kafka's admin-client tools share (BrokerApiVersionsCommand, LogDirsCommand,
// LeaderElectionCommand, ReassignPartitionsCommand): an admin client built from --command-config
// and --bootstrap-server, and mainNoExit's report of an escaped exception: the message, then the
// stack trace (its first line here, see deliberate-differences.json) and the empty line println
// leaves, on stderr, exit 1.
import * as fs from 'node:fs';
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap, type HostPort } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { loadPropertiesFile } from '../cli/properties';
import { Admin } from '../client/admin';
import type { LogFn } from '../client/cluster';
import { KafkaError } from '../protocol/errors';
import { adminClientSettings, type AdminClientSettings } from './topics/client-config';
import { checkRequiredArgs } from '../cli/command-line-utils';
import { UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import { parseOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { KAFKA_VERSION } from '../cli/version';

export function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException || e instanceof OptionException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

/** The message, then the exception's first stack-trace line and the empty line after the trace. */
export function printEscaped(e: unknown, io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  const { javaClass, message } = javaParts(e);
  io.stderr(`${message}\n${javaClass}: ${message}\n\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

/** Utils.readFileAsString: any failure is `java.io.IOException: Unable to read file <path>`. */
export function readFileAsString(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    throw new JavaException('java.io.IOException', `Unable to read file ${path}`);
  }
}

export interface AdminTool {
  admin: Admin;
  settings: AdminClientSettings;
  log: LogFn;
  logPrefix: string;
}

/** Admin.create(props): --command-config's properties with bootstrap.servers set. */
export async function createAdmin(commandConfig: string | undefined, bootstrapText: string, io: ToolIO): Promise<AdminTool> {
  const props = commandConfig !== undefined ? loadPropertiesFile(commandConfig) : new Map<string, string>();
  props.set('bootstrap.servers', bootstrapText);
  const settings = adminClientSettings(props);
  let bootstrap: HostPort[];
  try {
    bootstrap = parseBootstrap(bootstrapText);
    settings.check();
  } catch {
    throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to create new KafkaAdminClient');
  }
  const clientId = settings.clientId ?? 'adminclient-1';
  const logPrefix = `[AdminClient clientId=${clientId}] `;
  const log: LogFn = (level, message, logger) => {
    if (level === 'WARN' || level === 'ERROR') io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
  if (settings.overrideWarning) log('WARN', logPrefix + settings.overrideWarning, 'org.apache.kafka.clients.admin.KafkaAdminClient');
  await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
  const admin = new Admin({ bootstrap, clientId, defaultApiTimeoutMs: settings.defaultApiTimeoutMs, requestTimeoutMs: settings.requestTimeoutMs, log });
  return { admin, settings, log, logPrefix };
}

/**
 * main() of a CommandDefaultOptions tool (DeleteRecordsCommand, BrokerApiVersionsCommand,
 * LogDirsCommand): parse, --help/--version, the required options (a missing one prints the help
 * table), then the action; whatever escapes is reported as mainNoExit does.
 */
export async function runAdminCommand(
  argv: string[], io: ToolIO,
  tool: { specs: OptionSpec[]; help: string; required: string[]; execute: (opts: OptionSet, io: ToolIO) => Promise<number | void> },
): Promise<number> {
  try {
    const opts = parseOptions(tool.specs, argv);
    maybePrintHelpOrVersion(opts, io, tool.help, KAFKA_VERSION);
    try {
      checkRequiredArgs(opts, ...tool.required);
    } catch (e) {
      if (e instanceof UsageError) printUsageAndExit(io, e.message, tool.specs);
      throw e;
    }
    return (await tool.execute(opts, io)) ?? 0;
  } catch (e) {
    return printEscaped(e, io);
  }
}
