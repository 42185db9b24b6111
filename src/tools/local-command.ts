// What kafka-local's own commands (status, ui: not Kafka tools) share: `--name value` /
// `--name=value` arguments, the usage-error path, the bootstrap list and the clients that gather
// a cluster's state through the Kafka protocol.
import { parseBootstrap } from '../cli/bootstrap';
import type { ToolIO } from '../cli/io';
import { Admin } from '../client/admin';
import { GroupAdmin } from '../client/group-admin';
import { ReplicaAdmin } from '../client/replica-admin';
import type { Clients } from './status/gather';

export class LocalUsageError extends Error {}

/** One argument being parsed: its name, and its value inline (`=`) or as the next argument. */
export interface Arg {
  readonly arg: string;
  readonly name: string;
  readonly inline: string | undefined;
  value(): string;
  /** The next argument, without taking it. */
  peek(): string | undefined;
  /** Take the next argument (after peek()). */
  take(): string;
}

export function eachArg(argv: readonly string[], fn: (a: Arg) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const take = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new LocalUsageError(`${name} needs a value`);
      i++;
      return next;
    };
    fn({ arg, name, inline, value: () => (inline !== undefined ? inline : take()), peek: () => argv[i + 1], take });
  }
}

export function unknownArgument(a: Arg): never {
  throw new LocalUsageError(`unknown argument '${a.arg}'`);
}

interface CommonOptions {
  bootstrap: string;
  help: boolean;
}

/**
 * Parse; print the usage for --help (exit 0) or after a usage error (exit 1, on stderr).
 * Returns the options and the bootstrap list, or the exit status.
 */
export function parseLocalCommand<O extends CommonOptions>(
  argv: readonly string[], io: ToolIO, prefix: string, usage: string, parse: (argv: readonly string[]) => O,
): { opts: O; bootstrap: ReturnType<typeof parseBootstrap> } | number {
  try {
    const opts = parse(argv);
    if (opts.bootstrap.trim() === '') throw new LocalUsageError('--bootstrap-server needs an address');
    if (opts.help) {
      io.stdout(usage);
      return 0;
    }
    try {
      return { opts, bootstrap: parseBootstrap(opts.bootstrap) };
    } catch {
      throw new LocalUsageError(`--bootstrap-server is not a list of host:port: '${opts.bootstrap}'`);
    }
  } catch (e) {
    if (!(e instanceof LocalUsageError)) throw e;
    io.stderr(`${prefix}${e.message}\n\n${usage}`);
    return 1;
  }
}

/** The clients a cluster's state is gathered with (status/gather.ts). */
export function clusterClients(bootstrap: ReturnType<typeof parseBootstrap>, clientId: string, timeoutMs: number): Clients {
  const admin = new Admin({ bootstrap, clientId, defaultApiTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs });
  return { admin, groups: new GroupAdmin(admin.cluster), replicas: new ReplicaAdmin(admin, timeoutMs) };
}
