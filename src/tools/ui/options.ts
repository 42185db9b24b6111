// `kafka-local ui` options. Our own command (not a Kafka tool): `--name value` or `--name=value`.
import { eachArg, LocalUsageError, unknownArgument } from '../local-command';

export interface UiOptions {
  bootstrap: string;
  /** The loopback port to serve on; 0 picks a free one. */
  port: number;
  /** Milliseconds between polls of the cluster. */
  intervalMs: number;
  timeoutMs: number;
  help: boolean;
}

export const USAGE = `Usage: kafka-local ui [--bootstrap-server HOST:PORT[,...]] [--port PORT] [--interval MS]

A live view of the cluster in the browser, for learning Kafka: brokers, topics and their
partitions drawn as logs (records coloured by key), consumer groups and their lag, configs and a
timeline of what happened, each panel with the console command that prints the same facts.
Served on 127.0.0.1 only; talks to the cluster through the Kafka protocol alone.

  --bootstrap-server  The broker(s) to ask (default localhost:9092).
  --port PORT         The port to serve the page on, on 127.0.0.1 (default 9000; 0: any free port).
  --interval MS       Milliseconds between polls of the cluster (default 500, at least 100).
  --timeout SECONDS   How long one poll may wait for the cluster (default 10).
`;

/** A usage error of `kafka-local ui` (printed with the usage, exit 1). */
export { LocalUsageError as UiUsageError };

export function parseUiOptions(argv: readonly string[]): UiOptions {
  const o: UiOptions = { bootstrap: 'localhost:9092', port: 9000, intervalMs: 500, timeoutMs: 10000, help: false };
  eachArg(argv, (a) => {
    const integer = (min: number, max: number): number => {
      const v = a.value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max) throw new LocalUsageError(`${a.name} needs a whole number from ${min} to ${max}, not '${v}'`);
      return n;
    };
    switch (a.name) {
      case '--bootstrap-server': o.bootstrap = a.value(); break;
      case '--port': o.port = integer(0, 65535); break;
      case '--interval': o.intervalMs = integer(100, 60000); break;
      case '--timeout': o.timeoutMs = integer(1, 3600) * 1000; break;
      case '--help': case '-h': o.help = true; break;
      default: unknownArgument(a);
    }
  });
  if (o.bootstrap.trim() === '') throw new LocalUsageError('--bootstrap-server needs an address');
  return o;
}
