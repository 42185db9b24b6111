// kafka-server-start [-daemon] [server.properties] [--override key=value]...
// Foreground: runs the engine in this process until SIGTERM/SIGINT. -daemon: starts the same
// command detached, its output in <log.dirs>/kafkaServer.out (or $LOG_DIR), and returns.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { loadPropertiesFile, parseKeyValueArgs } from '../cli/properties';
import { buildStaticConfig, TUTORIAL_CONFIG_FILE, validateStaticConfig } from '../config/server-properties';
import { settingsFrom } from '../engine/settings';


export interface ParsedStartArgs {
  daemon: boolean;
  file: string | undefined;
  overrides: string[];
  nonOptions: string[];
  missingOverrideValue: boolean;
}

export function parseStartArgs(argv: string[]): ParsedStartArgs {
  const out: ParsedStartArgs = { daemon: false, file: undefined, overrides: [], nonOptions: [], missingOverrideValue: false };
  const rest = argv.filter((a) => {
    if (a === '-daemon') { out.daemon = true; return false; }
    return true;
  });
  let i = 0;
  if (rest.length > 0 && !rest[0].startsWith('--')) out.file = rest[i++];
  for (; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--override') {
      if (i + 1 >= rest.length) { out.missingOverrideValue = true; break; }
      out.overrides.push(rest[++i]);
    } else if (a.startsWith('--override=')) {
      out.overrides.push(a.slice('--override='.length));
    } else {
      out.nonOptions.push(a);
    }
  }
  return out;
}

function usage(io: ToolIO): number {
  io.stdout(`USAGE: ${process.argv[1] ?? 'kafka-server-start'} [-daemon] server.properties [--override property=value]*\n`);
  return 1;
}

export function loadServerProps(args: ParsedStartArgs, io: ToolIO): Map<string, string> {
  let fileProps: Map<string, string> | null = null;
  if (args.file !== undefined) {
    if (fs.existsSync(args.file)) {
      fileProps = loadPropertiesFile(args.file);
    } else if (TUTORIAL_CONFIG_FILE.test(args.file)) {
      io.stderr(`kafka-local: ${args.file} not found; using the built-in single-node defaults (Kafka's stock server.properties).\n`);
    } else {
      throw new Error(`java.nio.file.NoSuchFileException: ${args.file}`);
    }
  }
  const props = buildStaticConfig({ file: fileProps, overrides: parseKeyValueArgs(args.overrides) });
  validateStaticConfig(props);
  return props;
}

function daemonLogFile(logDir: string): string {
  const dir = process.env.LOG_DIR || logDir;
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, 'kafkaServer.out');
}

/** Kafka's refusals of the command line itself (an --override without a value, stray words). */
function refusedArgs(args: ReturnType<typeof parseStartArgs>, io: ToolIO): boolean {
  if (args.missingOverrideValue) {
    io.stderr('Option override requires an argument\n');
    return true;
  }
  if (args.nonOptions.length > 0) {
    io.stderr(`Found non argument parameters: ${args.nonOptions.join(',')}\n`);
    return true;
  }
  return false;
}

/** `--cluster N` / `--cluster=N`: the count and the remaining arguments, or null when absent. */
export function takeClusterOption(argv: string[]): { count: string; rest: string[] } | null {
  const i = argv.findIndex((a) => a === '--cluster' || a.startsWith('--cluster='));
  if (i < 0) return null;
  const a = argv[i];
  const count = a === '--cluster' ? argv[i + 1] ?? '' : a.slice('--cluster='.length);
  const rest = [...argv.slice(0, i), ...argv.slice(i + (a === '--cluster' ? 2 : 1))];
  return { count, rest };
}

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const clusterOpt = takeClusterOption(argv);
  if (clusterOpt) return startCluster(clusterOpt.count, clusterOpt.rest, io);
  const args = parseStartArgs(argv);
  if (argv.filter((a) => a !== '-daemon').length === 0 || argv.includes('--help')) return usage(io);
  if (refusedArgs(args, io)) return 1;
  let props: Map<string, string>;
  let settings;
  try {
    props = loadServerProps(args, io);
    settings = settingsFrom(props);
  } catch (e: any) {
    io.stderr(formatLogLine('ERROR', `Exiting Kafka due to fatal exception`, 'kafka.Kafka$') + '\n');
    io.stderr(`${e.message}\n`);
    return 1;
  }

  if (args.daemon) {
    const out = fs.openSync(daemonLogFile(settings.logDir), 'a');
    const child = spawn(process.execPath, [process.argv[1], ...argv.filter((a) => a !== '-daemon')], {
      detached: true, stdio: ['ignore', out, out], env: process.env,
    });
    child.unref();
    fs.closeSync(out);
    return 0;
  }

  const { startEngine } = await import('../engine/lifecycle');
  let running;
  try {
    running = await startEngine(settings);
  } catch (e: any) {
    // A refused log dir is found before the server starts up: Kafka's message then has no "during startup.".
    const refused = e?.name === 'StartupRefusal' || e?.constructor?.name === 'StartupRefusal';
    io.stderr(formatLogLine('ERROR', refused ? 'Exiting Kafka due to fatal exception' : 'Exiting Kafka due to fatal exception during startup.', 'kafka.Kafka$') + '\n');
    io.stderr(`${e.code === 'EADDRINUSE' ? `org.apache.kafka.common.KafkaException: Socket server failed to bind to ${e.address}:${e.port}: Address already in use.` : e.message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    // Later signals while stopping are absorbed: the graceful stop is already under way.
    const onSignal = () => {
      running!.stop().then(resolve, resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  return 0;
}

/**
 * `kafka-server-start --cluster N [-daemon] [server.properties] [--override k=v]...`: brokers
 * 1..N as separate processes, the way Kafka's multi-broker tutorials start them: node.id i,
 * listener localhost:9092+i-1 (or the port of a listeners override, counting up; 0 stays
 * ephemeral), log.dirs <per-user data dir>/cluster/broker-i (or under a log.dirs override),
 * all naming zookeeper.connect=localhost:2181 (unless a cluster address is given) so that they
 * form one cluster. -daemon returns once they are launched; otherwise they run until Ctrl-C.
 */
async function startCluster(countArg: string, argv: string[], io: ToolIO): Promise<number> {
  const count = Number(countArg);
  if (!/^\d+$/.test(countArg) || count < 1 || count > 64) {
    io.stderr(`kafka-local: --cluster needs a number of brokers (1-64), not '${countArg}'\n`);
    return 1;
  }
  const args = parseStartArgs(argv);
  if (refusedArgs(args, io)) return 1;
  let base: Map<string, string>;
  try {
    base = loadServerProps(args, io);
  } catch (e: any) {
    io.stderr(formatLogLine('ERROR', 'Exiting Kafka due to fatal exception', 'kafka.Kafka$') + '\n');
    io.stderr(`${e.message}\n`);
    return 1;
  }
  const { dataRoot, clusterAddressOf } = await import('../engine/metadata/cluster-location');
  const given = parseKeyValueArgs(args.overrides);
  const userListener = given.get('listeners') ?? (args.file ? base.get('listeners') : undefined);
  const m = userListener ? /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:,]*):(\d+)/.exec(userListener.trim()) : null;
  const listenerName = m?.[1] ?? 'PLAINTEXT';
  const host = m?.[2] ?? 'localhost';
  const basePort = m ? Number(m[3]) : 9092;
  const logBase = given.get('log.dirs') ?? (args.file ? base.get('log.dirs') : undefined) ?? path.join(dataRoot(), 'cluster');
  const joinsCluster = clusterAddressOf(base) !== null;
  // The internal topics replicated over the cluster (up to 3), as multi-broker tutorials set them,
  // so committed offsets survive a broker's failover; a value the user gave wins.
  const internalRf = String(Math.min(3, count));
  const clusterDefaults = ['offsets.topic.replication.factor', 'transaction.state.log.replication.factor']
    .filter((k) => !given.has(k) && !(args.file && base.has(k)))
    .map((k) => `${k}=${internalRf}`);
  const brokers: { id: number; argv: string[] }[] = [];
  for (let id = 1; id <= count; id++) {
    const port = basePort === 0 ? 0 : basePort + id - 1;
    const listener = `${listenerName}://${host}:${port}`;
    const overrides = [
      ...clusterDefaults,
      ...args.overrides,
      `node.id=${id}`, `broker.id=${id}`, `listeners=${listener}`, `advertised.listeners=${port === 0 || host === '' ? '' : listener}`,
      `log.dirs=${path.join(logBase, `broker-${id}`)}`,
      ...(joinsCluster ? [] : ['zookeeper.connect=localhost:2181']),
    ];
    brokers.push({ id, argv: [...(args.file ? [args.file] : []), ...overrides.flatMap((o) => ['--override', o])] });
  }
  if (args.daemon) {
    for (const b of brokers) {
      const code = await main(['-daemon', ...b.argv], io);
      if (code !== 0) return code;
    }
    // Where the data went is the one thing a learner cannot guess (it outlives the brokers).
    io.stdout(`Started ${count} brokers (node ids 1-${count}, data in ${path.join(logBase, 'broker-N')}) in the background; stop one with kafka-server-stop --node-id=N, all with kafka-server-stop.\n`);
    return 0;
  }
  const children = brokers.map((b) => spawn(process.execPath, [process.argv[1], ...b.argv], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env }));
  const exits = children.map((c) => new Promise<number>((r) => c.on('exit', (code) => r(code ?? 0))));
  const stopAll = (): void => {
    for (const c of children) if (c.exitCode === null && c.pid) {
      try { process.kill(c.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  };
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  const codes = await Promise.all(exits);
  return codes.some((c) => c !== 0 && c !== 143 && c !== 130) ? 1 : 0;
}
