// `kafka-local status` options. Our own command (not a Kafka tool), so its parsing is plain:
// `--name value` or `--name=value`; `--watch` takes an optional number of seconds.
import { compileJavaRegex } from '../../cli/topic-filter';
import { eachArg, LocalUsageError, unknownArgument } from '../local-command';

export interface StatusOptions {
  bootstrap: string;
  /** Anchored: matches whole topic names only. */
  topic: RegExp | null;
  /** Anchored: matches whole group ids only. */
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
  --topic REGEX       Only topics whose whole name matches, as kafka-topics --topic matches
                      (default: every non-internal topic).
  --group REGEX       Only consumer groups whose whole id matches (default: every group).
  --watch [SECONDS]   Redraw every SECONDS (default 2) until Ctrl-C, saying what changed.
  --output json       One JSON document instead of tables (see the README for its shape).
  --no-color          No colour (also when NO_COLOR is set or the output is not a terminal).
  --timeout SECONDS   How long to wait for the cluster (default 10).
`;

/** A usage error of `kafka-local status` (printed with the usage, exit 1). */
export { LocalUsageError as StatusUsageError };

function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new LocalUsageError(`${name} needs a positive number of seconds, not '${text}'`);
  return n;
}

/** A Java regular expression matched against whole names (Pattern.matches), as kafka-topics --topic does. */
function regex(name: string, text: string): RegExp {
  try {
    return compileJavaRegex(text);
  } catch (e) {
    throw new LocalUsageError(`${name} is not a valid regular expression: ${(e as Error).message}`);
  }
}

export function parseStatusOptions(argv: readonly string[]): StatusOptions {
  const o: StatusOptions = {
    bootstrap: 'localhost:9092', topic: null, group: null, watch: null, output: 'table', color: true, timeoutMs: 10000, help: false,
  };
  eachArg(argv, (a) => {
    switch (a.name) {
      case '--bootstrap-server': o.bootstrap = a.value(); break;
      case '--topic': o.topic = regex(a.name, a.value()); break;
      case '--group': o.group = regex(a.name, a.value()); break;
      case '--output': {
        const v = a.value();
        if (v !== 'json' && v !== 'table') throw new LocalUsageError(`--output is json or table, not '${v}'`);
        o.output = v;
        break;
      }
      case '--watch': {
        const next = a.peek();
        if (a.inline !== undefined) o.watch = positiveNumber(a.name, a.inline);
        else if (next !== undefined && /^\d/.test(next)) o.watch = positiveNumber(a.name, a.take());
        else o.watch = 2;
        break;
      }
      case '--no-color': case '--no-colour': o.color = false; break;
      case '--timeout': o.timeoutMs = positiveNumber(a.name, a.value()) * 1000; break;
      case '--help': case '-h': o.help = true; break;
      default: unknownArgument(a);
    }
  });
  if (o.bootstrap.trim() === '') throw new LocalUsageError('--bootstrap-server needs an address');
  return o;
}
