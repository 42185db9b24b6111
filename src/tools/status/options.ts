// `kafka-local status` options. Our own command (not a Kafka tool), so its parsing is plain:
// `--name value` or `--name=value`; `--watch` takes an optional number of seconds.

export interface StatusOptions {
  bootstrap: string;
  topic: RegExp | null;
  group: RegExp | null;
  /** Seconds between frames; null: print once. */
  watch: number | null;
  output: 'table' | 'json';
  /** false when --no-color was given (NO_COLOR and a pipe are judged where output is written). */
  color: boolean;
  timeoutMs: number;
  help: boolean;
}

export const USAGE = `Usage: kafka-local status [--bootstrap-server HOST:PORT[,...]] [--topic REGEX] [--group REGEX]
                         [--watch [SECONDS]] [--output json] [--no-color] [--timeout SECONDS]

What is in the cluster right now: brokers, topics (partitions, leaders, ISR, offsets, sizes,
configs) and consumer groups (members, committed offsets, lag), through the Kafka protocol.

  --bootstrap-server  The broker(s) to ask (default localhost:9092).
  --topic REGEX       Only topics whose whole name matches (default: every non-internal topic).
  --group REGEX       Only consumer groups whose whole id matches (default: every group).
  --watch [SECONDS]   Redraw every SECONDS (default 2) until Ctrl-C, saying what changed.
  --output json       One JSON document instead of tables (see the README for its shape).
  --no-color          No colour (also when NO_COLOR is set or the output is not a terminal).
  --timeout SECONDS   How long to wait for the cluster (default 10).
`;

export class StatusUsageError extends Error {}

function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new StatusUsageError(`${name} needs a positive number of seconds, not '${text}'`);
  return n;
}

function regex(name: string, text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    throw new StatusUsageError(`${name} is not a valid regular expression: ${(e as Error).message}`);
  }
}

export function parseStatusOptions(argv: readonly string[]): StatusOptions {
  const o: StatusOptions = {
    bootstrap: 'localhost:9092', topic: null, group: null, watch: null, output: 'table', color: true, timeoutMs: 10000, help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new StatusUsageError(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--bootstrap-server': o.bootstrap = value(); break;
      case '--topic': o.topic = regex(name, value()); break;
      case '--group': o.group = regex(name, value()); break;
      case '--output': {
        const v = value();
        if (v !== 'json' && v !== 'table') throw new StatusUsageError(`--output is json or table, not '${v}'`);
        o.output = v;
        break;
      }
      case '--watch':
        if (inline !== undefined) o.watch = positiveNumber(name, inline);
        else if (argv[i + 1] !== undefined && /^\d/.test(argv[i + 1])) o.watch = positiveNumber(name, argv[++i]);
        else o.watch = 2;
        break;
      case '--no-color': case '--no-colour': o.color = false; break;
      case '--timeout': o.timeoutMs = positiveNumber(name, value()) * 1000; break;
      case '--help': case '-h': o.help = true; break;
      default: throw new StatusUsageError(`unknown argument '${arg}'`);
    }
  }
  if (o.bootstrap.trim() === '') throw new StatusUsageError('--bootstrap-server needs an address');
  return o;
}
