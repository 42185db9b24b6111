// kafka-server-start [-daemon] [server.properties] [--override key=value]...
// Foreground: runs the engine in this process until SIGTERM/SIGINT. -daemon: starts the same
// command detached, its output in <log.dirs>/kafkaServer.out (or $LOG_DIR), and returns.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { ToolIO } from '../cli/io';
import { formatLogLine } from '../cli/log';
import { loadPropertiesFile, parseKeyValueArgs } from '../cli/properties';
import { buildStaticConfig, validateStaticConfig } from '../config/server-properties';
import { settingsFrom } from '../engine/settings';

/** Config files that tutorials pass but nobody here has: use the built-in defaults instead. */
const TUTORIAL_CONFIGS = /(^|\/)config\/(kraft\/)?(server|broker)\.properties$/;

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
    } else if (TUTORIAL_CONFIGS.test(args.file)) {
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

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const args = parseStartArgs(argv);
  if (argv.filter((a) => a !== '-daemon').length === 0 || argv.includes('--help')) return usage(io);
  if (args.missingOverrideValue) {
    io.stderr('Option override requires an argument\n');
    return 1;
  }
  if (args.nonOptions.length > 0) {
    io.stderr(`Found non argument parameters: ${args.nonOptions.join(',')}\n`);
    return 1;
  }
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
    io.stderr(formatLogLine('ERROR', 'Exiting Kafka due to fatal exception during startup.', 'kafka.Kafka$') + '\n');
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
