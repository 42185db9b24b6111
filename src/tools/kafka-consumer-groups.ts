// kafka-consumer-groups: list, describe and delete consumer groups, reset or delete their offsets
// (Kafka's ConsumerGroupCommand; options and checks in consumer-groups/options.ts, the views in
// consumer-groups/format.ts, the admin calls in client/group-admin.ts).
//
// Presentation of failures, as Kafka's:
// - jopt parse errors escape main: `Exception in thread "main" <class>: <message>`, exit 1
//   (`--zookeeper` is one: the tool never had it with --bootstrap-server-era clients);
// - argument checks, IllegalArgumentExceptions of the action, and --help / no arguments: message
//   and help table on stderr, exit 1;
// - any other failure of the action: `\nError: Executing consumer group command failed due to
//   <message>` on stdout and the exception's first stack-trace line on stderr; exit 0, as Kafka's
//   main returns normally after printing it.
import { ensureLocalEngine } from '../cli/autostart';
import { formatAddress, parseBootstrap, type HostPort } from '../cli/bootstrap';
import { ExitError, JavaException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { reportThrown } from '../cli/io';
import { formatLogLine } from '../cli/log';
import type { OptionSet } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import type { Admin } from '../client/admin';
import type { Context } from './consumer-groups/context';
import { actionOf, checkArgs, consumerGroupSpecs, HELP_MESSAGE, parseConsumerGroupOptions, VERSION } from './consumer-groups/options';
import { javaString } from './consumer-groups/java-errors';
import { re2SyntaxError } from '../util/re2-syntax';

function logTo(io: ToolIO) {
  return (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level === 'INFO') return; // tools log at WARN and above
    io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
}

/** `--output json` only with --list / --describe (a kafka-local extra). */
function checkOutput(opts: OptionSet): boolean {
  if (!opts.has('output')) return false;
  const format = opts.stringValueOf('output');
  if (format !== 'json') throw new UsageError(`Unknown --output format '${format}'; the only one is json.`);
  if (!opts.has('list') && !opts.has('describe')) throw new UsageError('Option --output json can only be used with --list or --describe.');
  return true;
}

async function run(opts: OptionSet, io: ToolIO, json: boolean): Promise<number> {
  if (opts.has('validate-regex')) {
    // No admin client: the pattern is checked here, with RE2's rules (as a Kafka 4.x broker reads it).
    const regex = opts.stringValueOf('validate-regex')!;
    const error = re2SyntaxError(regex);
    io.stdout(error === undefined ? `The regular expression \`${regex}\` is valid.\n` : `The regular expression \`${regex}\` is invalid: ${error}.\n`);
    return 0;
  }
  // ConsumerGroupService's constructor: the admin client (its config errors fail here too).
  let admin: Admin;
  let bootstrap: HostPort[];
  try {
    let props = new Map<string, string>();
    if (opts.has('command-config')) {
      try {
        props = loadPropertiesFile(opts.stringValueOf('command-config')!);
      } catch (e) {
        // createAdminClient's IOException, rethrown by the constructor as `new RuntimeException(e)`.
        throw new JavaException('java.lang.RuntimeException', javaString(e));
      }
    }
    props.set('bootstrap.servers', opts.stringValueOf('bootstrap-server')!);
    // Loaded here, not at start-up, so --help/--version and usage errors stay quick.
    const { adminClientSettings } = await import('./topics/client-config');
    const settings = adminClientSettings(props);
    try {
      bootstrap = parseBootstrap(opts.stringValueOf('bootstrap-server')!);
      settings.check();
    } catch {
      throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to create new KafkaAdminClient');
    }
    await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
    const { Admin } = await import('../client/admin');
    admin = new Admin({
      bootstrap, clientId: settings.clientId, defaultApiTimeoutMs: settings.defaultApiTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs, log: logTo(io),
    });
  } catch (e) {
    if (e instanceof UsageError || e instanceof ExitError) throw e;
    printFailure(io, e);
    return 0;
  }
  try {
    const { GroupAdmin } = await import('../client/group-admin');
    // Read when first needed, as Kafka does: a bad --timeout fails the action, not the parse.
    const timeoutMs = opts.numberValueOf('timeout')!;
    const ctx: Context = { opts, io, admin, groups: new GroupAdmin(admin.cluster), json, timeoutMs };
    const action = actionOf(opts);
    if (action === 'list') await (await import('./consumer-groups/list')).listGroups(ctx);
    else if (action === 'describe') await (await import('./consumer-groups/describe')).describeGroups(ctx);
    else if (action === 'delete') await (await import('./consumer-groups/delete')).deleteGroups(ctx);
    else if (action === 'reset-offsets') await (await import('./consumer-groups/reset-offsets')).resetOffsets(ctx);
    else await (await import('./consumer-groups/delete')).deleteOffsets(ctx);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ExitError) throw e;
    printFailure(io, e);
    return 0;
  } finally {
    admin.close();
  }
}

/** printError("Executing consumer group command failed due to " + e.getMessage(), e). */
function printFailure(io: ToolIO, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  io.stdout(`\nError: Executing consumer group command failed due to ${message}\n`);
  io.stderr(`${javaString(e)}\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const specs = consumerGroupSpecs();
  let opts: OptionSet;
  try {
    // ConsumerGroupCommandOptions.fromArgs runs outside main's try: its exceptions reach the JVM.
    opts = parseConsumerGroupOptions(argv);
  } catch (e) {
    return reportThrown(e, io);
  }
  try {
    maybePrintHelpOrVersion(opts, io, HELP_MESSAGE, VERSION);
    checkArgs(opts, (s) => io.stderr(s));
    const json = checkOutput(opts);
    actionOf(opts);
    return await run(opts, io, json);
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof UsageError) {
      try {
        printUsageAndExit(io, e.message, specs);
      } catch (exit) {
        if (exit instanceof ExitError) return exit.code;
        throw exit;
      }
    }
    return reportThrown(e, io);
  }
}
