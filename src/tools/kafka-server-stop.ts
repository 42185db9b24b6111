// kafka-server-stop [--node-id=N | --process-role=R]: signal (TERM, or $SIGNAL) every engine this
// user started, as Kafka's script signals every `kafka.Kafka` JVM. None: `No kafka server to
// stop`, exit 1. --node-id selects engines whose node.id (override or properties file) is N.
// Anything else on the command line (--help, a typo) prints the usage and stops nothing.
import * as fs from 'node:fs';
import type { ToolIO } from '../cli/io';
import { userNodeScripts } from './node-processes';

export interface EngineProcess {
  pid: number;
  args: string[];
}

export function findEngines(): EngineProcess[] {
  const found: EngineProcess[] = [];
  for (const { pid, args } of userNodeScripts()) {
    // A `--cluster N` launcher is not a broker: its brokers are processes of their own.
    if (/kafka-server-start(\.sh)?$/.test(args[0] ?? '') && !args.some((a) => a === '--cluster' || a.startsWith('--cluster='))) {
      found.push({ pid, args: args.slice(1) });
    }
  }
  return found;
}

/** The engine's node.id as given on its command line (override wins over the properties file). */
function nodeIdOf(p: EngineProcess): string | undefined {
  let id: string | undefined;
  const file = p.args.find((a, i) => i === 0 && !a.startsWith('-'));
  if (file) {
    try {
      // node.id, or broker.id (its synonym) in tutorial-style files such as server-1.properties
      const text = fs.readFileSync(file, 'latin1');
      const m = /^\s*node\.id\s*[=:]\s*(\S+)/m.exec(text) ?? /^\s*broker\.id\s*[=:]\s*(\S+)/m.exec(text);
      if (m) id = m[1];
    } catch {
      // unreadable file: only overrides can tell
    }
  }
  let nodeOverride: string | undefined;
  for (const a of p.args) {
    const m = /^(?:--override=)?(node|broker)\.id=(\S+)$/.exec(a);
    if (m && (m[1] === 'node' || nodeOverride === undefined)) id = m[2];
    if (m && m[1] === 'node') nodeOverride = m[2];
  }
  return id ?? '1';
}

const USAGE = `USAGE: kafka-server-stop [--node-id=N | --process-role=broker|controller|broker,controller]
Stops the engines this user started with kafka-server-start (all of them, or those with node.id N).
`;

export async function main(argv: string[], io: ToolIO): Promise<number> {
  // Kafka's script ignores what it does not know and stops every broker; a mistyped option or
  // --help must not stop anything here.
  if (argv.some((a) => !a.startsWith('--node-id=') && !a.startsWith('--process-role='))) {
    io.stdout(USAGE);
    return 1;
  }
  let engines = findEngines();
  const nodeId = argv.find((a) => a.startsWith('--node-id='))?.slice('--node-id='.length);
  const role = argv.find((a) => a.startsWith('--process-role='))?.slice('--process-role='.length);
  if (nodeId !== undefined) {
    if (role !== undefined) io.stdout('When both node-id and process-role are provided, the value for node-id will take precedence\n');
    engines = engines.filter((e) => nodeIdOf(e) === nodeId);
  } else if (role !== undefined && role !== 'broker' && role !== 'broker,controller' && role !== 'controller') {
    engines = [];
  }
  if (engines.length === 0) {
    io.stdout('No kafka server to stop\n');
    return 1;
  }
  const signal = (process.env.SIGNAL || 'TERM').replace(/^SIG/, '');
  for (const e of engines) {
    try {
      process.kill(e.pid, `SIG${signal}` as NodeJS.Signals);
    } catch {
      // already gone
    }
  }
  return 0;
}
