// kafka-configs: describe and alter dynamic configs of topics and brokers (Kafka's ConfigCommand).
//
// With --bootstrap-server it behaves and prints as Kafka 4.4's tool (org.apache.kafka.tools.ConfigCommand).
// With the seed-era --zookeeper HOST:PORT it behaves and prints as Kafka 2.8's tool did in
// ZooKeeper mode, talking to the broker on that host instead (port 2181 stands for 9092).
//
// Presentation of failures, as ConfigCommand.main's:
// - IllegalArgumentException, InvalidConfigurationException and jopt's OptionException: just the
//   message on stderr, exit 1;
// - usage errors (action count, invalid option combinations) and --help / no arguments: message +
//   help table on stderr, exit 1;
// - anything else (broker errors arrive wrapped in ExecutionException): `Error while executing
//   config command with args '<args>'` and the first line of the stack trace on stderr, exit 1.

import { ensureLocalEngine } from '../cli/autostart';
import { brokersForZookeeper, formatAddress, parseBootstrap, type HostPort } from '../cli/bootstrap';
import { ExitError, JavaException, OptionException, UsageError } from '../cli/errors';
import { maybePrintHelpOrVersion, printUsageAndExit } from '../cli/help';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { parseOptions, type OptionSet } from '../cli/options';
import { loadPropertiesFile } from '../cli/properties';
import { KAFKA_28_VERSION, KAFKA_VERSION } from '../cli/version';
import { Admin } from '../client/admin';
import { KafkaError } from '../protocol/errors';
import { checkArgs, configSpecs, HELP_MESSAGE, type Era } from './configs/options';
import { ConfigService } from './configs/service';
import { ZkConfigService } from './configs/zk';
import { adminClientSettings } from './topics/client-config';

/** Exceptions ConfigCommand.main reports by their message alone. */
const MESSAGE_ONLY = new Set([
  'java.lang.IllegalArgumentException',
  'org.apache.kafka.common.errors.InvalidConfigurationException',
  // a subclass of InvalidConfigurationException
  'org.apache.kafka.common.errors.InvalidTopicException',
  // 4.x reports an unsupported API by its message alone
  'org.apache.kafka.common.errors.UnsupportedVersionException',
]);

/** Whether this command line selects the ZooKeeper-era (2.8) behaviour. */
export function usesZookeeper(argv: readonly string[]): boolean {
  try {
    return parseOptions(configSpecs('kafka4'), argv).has('zookeeper');
  } catch {
    return argv.some((a) => a === '--zookeeper' || a.startsWith('--zookeeper=') || a === '-zookeeper' || a.startsWith('-zookeeper='));
  }
}

/** ConfigCommand.main's catch blocks. */
function report(e: unknown, argv: readonly string[], io: ToolIO): number {
  if (e instanceof ExitError) return e.code;
  if (e instanceof OptionException) {
    io.stderr(`${e.message}\n`);
    return 1;
  }
  if (e instanceof JavaException && MESSAGE_ONLY.has(e.javaClass)) {
    io.stderr(`${e.message}\n`);
    return 1;
  }
  let first: string;
  if (e instanceof KafkaError) first = `java.util.concurrent.ExecutionException: ${e.javaString()}`;
  else if (e instanceof JavaException) first = e.toString();
  else first = `java.lang.RuntimeException: ${e instanceof Error ? e.message : String(e)}`;
  io.stderr(`Error while executing config command with args '${argv.join(' ')}'\n${first}\n`);
  if (process.env.KAFKA_LOCAL_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

function logTo(io: ToolIO) {
  return (level: 'WARN' | 'ERROR' | 'INFO', message: string, logger: string) => {
    if (level === 'INFO') return; // tools log at WARN and above
    io.stderr(`${formatLogLine(level, message, logger)}\n`);
  };
}

async function run(era: Era, argv: string[], io: ToolIO): Promise<number> {
  const specs = configSpecs(era);
  let opts: OptionSet;
  try {
    opts = parseOptions(specs, argv);
    try {
      maybePrintHelpOrVersion(opts, io, HELP_MESSAGE[era], era === 'zk28' ? KAFKA_28_VERSION : KAFKA_VERSION);
      checkArgs(opts, era);
    } catch (e) {
      if (e instanceof UsageError) printUsageAndExit(io, e.message, specs);
      throw e;
    }
  } catch (e) {
    return report(e, argv, io);
  }
  const out = (s: string) => io.stdout(`${s}\n`);
  if (era === 'zk28') {
    out('Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.');
    out('Use --bootstrap-server instead to specify a broker to connect to.');
  }
  let admin: Admin | undefined;
  try {
    let bootstrap: HostPort[];
    let settings = adminClientSettings(new Map());
    if (era === 'zk28') {
      bootstrap = brokersForZookeeper(opts.stringValueOf('zookeeper')!);
      const address = bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(',');
      io.stderr(`kafka-local: --zookeeper is a ZooKeeper-era option (kafka-configs took it until Kafka 3.9, since 3.0 only for users and brokers); connecting to the broker at ${address} instead. Use --bootstrap-server ${address}.\n`);
    } else {
      // The engine is a combined broker and controller on one listener: --bootstrap-controller
      // addresses reach it the same way.
      const address = opts.stringValueOf(opts.has('bootstrap-server') ? 'bootstrap-server' : 'bootstrap-controller')!;
      const props = opts.has('command-config') ? loadPropertiesFile(opts.stringValueOf('command-config')!) : new Map<string, string>();
      props.set('bootstrap.servers', address);
      settings = adminClientSettings(props);
      try {
        bootstrap = parseBootstrap(address);
        settings.check();
      } catch {
        throw new JavaException('org.apache.kafka.common.KafkaException', 'Failed to create new KafkaAdminClient');
      }
    }
    if (settings.overrideWarning && era === 'kafka4') {
      const prefix = `[AdminClient clientId=${settings.clientId ?? 'adminclient-1'}] `;
      io.stderr(`${formatLogLine('WARN', prefix + settings.overrideWarning, 'org.apache.kafka.clients.admin.KafkaAdminClient')}\n`);
    }
    await ensureLocalEngine(bootstrap.map((hp) => formatAddress(hp.host, hp.port)).join(','), io);
    admin = new Admin({
      bootstrap,
      clientId: settings.clientId,
      defaultApiTimeoutMs: settings.defaultApiTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      log: era === 'kafka4' ? logTo(io) : undefined,
    });
    if (era === 'zk28') {
      // 2.8 connected to ZooKeeper first and gave up after 30 s.
      try {
        await admin.cluster.anyConnection(Date.now() + 30000, 'connect');
      } catch {
        throw new JavaException('kafka.zookeeper.ZooKeeperClientTimeoutException', 'Timed out waiting for connection while in state: CONNECTING');
      }
      const service = new ZkConfigService(admin, opts, out);
      if (opts.has('alter')) await service.alter();
      else await service.describe();
    } else {
      const service = new ConfigService(admin, opts, out);
      if (opts.has('alter')) await service.alter();
      else await service.describe();
    }
    return 0;
  } catch (e) {
    return report(e, argv, io);
  } finally {
    admin?.close();
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  try {
    return await run(usesZookeeper(argv) ? 'zk28' : 'kafka4', argv, io);
  } catch (e) {
    return report(e, argv, io);
  }
}
