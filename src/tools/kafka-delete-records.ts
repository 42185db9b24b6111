// kafka-delete-records: delete the records of partitions below given offsets (Kafka 4.x
// DeleteRecordsCommand): read --offset-json-file, call the admin client's deleteRecords and print
//
//   Executing records delete operation
//   Records delete operation completed:
//   partition: t-0<TAB>low_watermark: 3          (or  partition: t-0<TAB>error: <exception>)
//
// one line per partition, sorted by topic and partition (Kafka 4.4's order is random per run).
// Failures of the command itself print the message and then the exception's first stack-trace line
// and an empty line on stderr, exit 1, as Kafka's mainNoExit (which prints the whole trace); usage
// problems print the help table.
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap, type HostPort } from '../cli/bootstrap';
import { checkRequiredArgs } from '../cli/command-line-utils';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { commonOptions, parseOptions, type OptionSet, type OptionSpec } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import { Admin } from '../client/admin';
import { tpKey } from '../client/offsets';
import { deleteRecords } from '../client/records-admin';
import { KafkaError } from '../protocol/errors';
import { KAFKA_VERSION } from '../cli/version';
import { adminClientSettings } from './topics/client-config';
import { parseOffsetJson } from './delete-records/offset-json';
import * as fs from 'node:fs';

const HELP_MESSAGE = 'This tool helps to delete records of the given partitions down to the specified offset.';

function specs(): OptionSpec[] {
  return [
    ...commonOptions(),
    { name: 'bootstrap-server', arg: 'required', argName: 'server(s) to use for bootstrapping', description: 'REQUIRED: the broker(s) to connect to, as host:port[,host:port...].' },
    {
      name: 'offset-json-file', arg: 'required', argName: 'Offset json file path',
      description: 'REQUIRED: a JSON file giving, per partition, the offset to delete records up to (-1: up to the high watermark):\n{"partitions":\n  [{"topic": "foo", "partition": 1, "offset": 1}],\n "version":1\n}',
    },
    { name: 'command-config', arg: 'required', argName: 'command config property file path', description: 'A Java properties file with settings for the admin client.' },
  ];
}

function javaParts(e: unknown): { javaClass: string; message: string } {
  if (e instanceof KafkaError) return { javaClass: e.javaName(), message: e.message };
  if (e instanceof JavaException || e instanceof OptionException) return { javaClass: e.javaClass, message: e.message };
  if (e instanceof Error) return { javaClass: 'java.lang.RuntimeException', message: e.message };
  return { javaClass: 'java.lang.RuntimeException', message: String(e) };
}

/**
 * mainNoExit: the message, then the stack trace (its first line here) printed with println, so an
 * empty line ends it.
 */
function printEscaped(e: unknown, io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  const { javaClass, message } = javaParts(e);
  io.stderr(`${message}\n${javaClass}: ${message}\n\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

/** Utils.readFileAsString: any failure is `java.io.IOException: Unable to read file <path>`. */
function readFile(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    throw new JavaException('java.io.IOException', `Unable to read file ${path}`);
  }
}

async function execute(opts: OptionSet, io: ToolIO): Promise<void> {
  const props = opts.has('command-config') ? loadPropertiesFile(opts.stringValueOf('command-config')!) : new Map<string, string>();
  const bootstrapText = opts.stringValueOf('bootstrap-server')!;
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
  const log = (level: string, message: string, logger: string): void => {
    if (level === 'WARN' || level === 'ERROR') io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
  if (settings.overrideWarning) log('WARN', logPrefix + settings.overrideWarning, 'org.apache.kafka.clients.admin.KafkaAdminClient');
  await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
  const admin = new Admin({ bootstrap, clientId, defaultApiTimeoutMs: settings.defaultApiTimeoutMs, requestTimeoutMs: settings.requestTimeoutMs, log });
  try {
    const partitions = parseOffsetJson(readFile(opts.stringValueOf('offset-json-file')!));
    io.stdout('Executing records delete operation\n');
    const pending = deleteRecords(admin.cluster, partitions.map((p) => ({ topic: p.topic, partition: p.partition, beforeOffset: p.offset })), {
      deadline: Date.now() + settings.defaultApiTimeoutMs, log, logPrefix,
    });
    io.stdout('Records delete operation completed:\n');
    const results = await pending;
    // Kafka 4.4 iterates an immutable map salted per JVM: its order is random. Ours is sorted.
    const sorted = [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    for (const p of sorted) {
      const r = results.get(tpKey(p.topic, p.partition));
      const name = `${p.topic}-${p.partition}`;
      if (r === undefined) continue;
      if (r instanceof KafkaError) io.stdout(`partition: ${name}\terror: ${r.javaString()}\n`);
      else io.stdout(`partition: ${name}\tlow_watermark: ${r.lowWatermark}\n`);
    }
  } finally {
    admin.close();
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const all = specs();
  try {
    let opts: OptionSet;
    try {
      opts = parseOptions(all, argv);
    } catch (e) {
      return printEscaped(e, io);
    }
    maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, KAFKA_VERSION);
    try {
      checkRequiredArgs(opts, 'bootstrap-server', 'offset-json-file');
    } catch (e) {
      if (e instanceof UsageError) printUsageAndExit(io, e.message, all);
      throw e;
    }
    await execute(opts, io);
    return 0;
  } catch (e) {
    return printEscaped(e, io);
  }
}
