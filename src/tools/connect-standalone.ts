// connect-standalone: Kafka Connect in standalone mode, without a JVM, for the file connectors of
// Kafka's quickstart: `connect-standalone config/connect-standalone.properties
// config/connect-file-source.properties config/connect-file-sink.properties`. Runs in the
// foreground until Ctrl-C (SIGINT) or SIGTERM, logging to stdout as Connect's log4j setup does.
//
// - no worker file (or --help): Connect's usage line as an INFO log line, exit 1;
// - a startup failure (missing file, bad setting, broker unreachable, REST port taken):
//   `ERROR Stopping due to error` and the exception, exit 2;
// - stopped by a signal: the JVM's status, 130 (SIGINT) / 143 (SIGTERM) / 129 (SIGHUP).
import * as dns from 'node:dns';
import * as os from 'node:os';
import { ensureLocalEngine } from '../cli/autostart';
import { parseBootstrap } from '../cli/bootstrap';
import { JavaException } from '../cli/errors';
import type { ToolIO } from '../cli/io';
import { loadPropertiesFile } from '../cli/properties';
import { Admin } from '../client/admin';
import { connectorConfig, readConnectorFile } from './connect/connector-config';
import { connectLog, type ConnectLog } from './connect/log';
import { OffsetFileError } from './connect/offset-file';
import { RestServer } from './connect/rest-server';
import { Worker } from './connect/worker';
import { workerConfig, type WorkerConfig } from './connect/worker-config';

const CLI = 'org.apache.kafka.connect.cli.AbstractConnectCli';
const SIGNAL_STATUS: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Java's Throwable.toString() of a startup failure. */
function exceptionText(e: unknown): string {
  if (e instanceof JavaException) return `${e.javaClass}: ${e.message}`;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' && err.path) return `java.nio.file.NoSuchFileException: ${err.path}`;
  if (err?.code === 'EACCES' && err.path) return `java.nio.file.AccessDeniedException: ${err.path}`;
  if (e instanceof OffsetFileError) return `org.apache.kafka.connect.errors.ConnectException: ${e.message}`;
  return `org.apache.kafka.connect.errors.ConnectException: ${(e as Error)?.message ?? String(e)}`;
}

/** The cluster id, as the worker looks it up before anything starts (WorkerConfig.lookupKafkaClusterId). */
async function lookupClusterId(config: WorkerConfig, log: ConnectLog): Promise<string> {
  log('INFO', 'Creating Kafka admin client', 'org.apache.kafka.connect.runtime.WorkerConfig:305');
  const admin = new Admin({ bootstrap: parseBootstrap(config.bootstrapServers), defaultApiTimeoutMs: 60000 });
  try {
    await admin.brokerIds();
    const id = admin.cluster.clusterId ?? '';
    log('INFO', `Kafka cluster ID: ${id}`, 'org.apache.kafka.connect.runtime.WorkerConfig:322');
    return id;
  } catch (e) {
    throw new JavaException('org.apache.kafka.connect.errors.ConnectException',
      `Failed to connect to and describe Kafka cluster. Check worker's broker connection and security properties. (${(e as Error).message})`);
  } finally {
    admin.close();
  }
}

/** The host a listener without one advertises: this machine's address, as Java's getLocalHost() finds it. */
async function localAddress(): Promise<string> {
  try {
    return (await dns.promises.lookup(os.hostname(), { family: 4 })).address;
  } catch {
    return '127.0.0.1';
  }
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const log = connectLog(io);
  if (argv.length < 1 || argv.includes('--help')) {
    log('INFO', 'Usage: ConnectStandalone worker.properties [connector1.properties connector2.json ...]', `${CLI}:86`);
    return 1;
  }
  const initStart = Date.now();
  let worker: Worker | null = null;
  let rest: RestServer | null = null;
  const stopAll = async () => {
    await worker?.stop();
    await rest?.stop();
  };
  try {
    // The worker file is read before anything is logged (a missing one: only the error).
    const workerProps = loadPropertiesFile(argv[0]);
    log('INFO', 'Kafka Connect worker initializing ...', `${CLI}:114`);
    const config = workerConfig(workerProps);
    // Aimed at localhost:9092 with nothing there: the local engine starts, as for the console tools.
    await ensureLocalEngine(config.bootstrapServers, io);
    const clusterId = await lookupClusterId(config, log);
    worker = new Worker(config, log, io.stdout);
    rest = new RestServer(worker, () => clusterId, log);
    log('INFO', 'Initializing REST server', 'org.apache.kafka.connect.runtime.rest.RestServer:201');
    try {
      await rest.start(config.listeners, await localAddress());
    } catch (e) {
      throw new JavaException('org.apache.kafka.connect.errors.ConnectException', `Unable to initialize REST server: ${(e as Error).message}`);
    }
    log('INFO', `REST server listening at ${rest.advertisedUrl}, advertising URL ${rest.advertisedUrl}`, 'org.apache.kafka.connect.runtime.rest.RestServer:221');
    log('INFO', `Kafka Connect worker initialization took ${Date.now() - initStart}ms`, `${CLI}:144`);
    log('INFO', 'Kafka Connect starting', 'org.apache.kafka.connect.runtime.Connect:67');
    log('INFO', 'Herder starting', 'org.apache.kafka.connect.runtime.standalone.StandaloneHerder:111');
    worker.start();
    log('INFO', 'Herder started', 'org.apache.kafka.connect.runtime.standalone.StandaloneHerder:113');
    log('INFO', 'REST resources initialized; server is started and ready to handle requests', 'org.apache.kafka.connect.runtime.rest.RestServer:311');
    log('INFO', 'Kafka Connect started', 'org.apache.kafka.connect.runtime.Connect:77');
    for (const file of argv.slice(1)) {
      const connector = connectorConfig(readConnectorFile(file));
      worker.addConnector(connector);
      log('INFO', `Created connector ${connector.name}`, 'org.apache.kafka.connect.cli.ConnectStandalone:88');
    }
  } catch (e) {
    log('ERROR', 'Stopping due to error', `${CLI}:102`);
    io.stdout(`${exceptionText(e)}\n`);
    await stopAll().catch(() => undefined);
    return 2;
  }
  const signal = await new Promise<string>((resolve) => {
    for (const s of Object.keys(SIGNAL_STATUS)) process.once(s, () => resolve(s));
  });
  log('INFO', 'Kafka Connect stopping', 'org.apache.kafka.connect.runtime.Connect:80');
  await stopAll();
  log('INFO', 'Herder stopped', 'org.apache.kafka.connect.runtime.standalone.StandaloneHerder:129');
  log('INFO', 'Kafka Connect stopped', 'org.apache.kafka.connect.runtime.Connect:92');
  return SIGNAL_STATUS[signal];
}
