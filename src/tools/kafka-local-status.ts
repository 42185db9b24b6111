// kafka-local status: what is in the cluster right now (brokers, topics, consumer groups), as
// tables or one JSON document, once or redrawn with --watch. Our own command, not a Kafka tool:
// it only parses, gathers through our client (status/gather.ts) and prints.
import { parseBootstrap } from '../cli/bootstrap';
import type { ToolIO } from '../cli/io';
import { Admin } from '../client/admin';
import { GroupAdmin } from '../client/group-admin';
import { ReplicaAdmin } from '../client/replica-admin';
import { TimeoutError } from '../protocol/errors';
import { gatherStatus } from './status/gather';
import { parseStatusOptions, StatusUsageError, USAGE, type StatusOptions } from './status/options';
import { paintFor, wantsColor } from './status/paint';
import { renderJson } from './status/render-json';
import { renderTables } from './status/render-table';
import { watchStatus } from './status/watch';

const PREFIX = 'kafka-local status: ';

export async function main(argv: string[], io: ToolIO): Promise<number> {
  let opts: StatusOptions;
  let bootstrap;
  try {
    opts = parseStatusOptions(argv);
    if (opts.help) {
      io.stdout(USAGE);
      return 0;
    }
    try {
      bootstrap = parseBootstrap(opts.bootstrap);
    } catch {
      throw new StatusUsageError(`--bootstrap-server is not a list of host:port: '${opts.bootstrap}'`);
    }
  } catch (e) {
    if (!(e instanceof StatusUsageError)) throw e;
    io.stderr(`${PREFIX}${e.message}\n\n${USAGE}`);
    return 1;
  }
  const admin = new Admin({ bootstrap, clientId: 'kafka-local-status', defaultApiTimeoutMs: opts.timeoutMs, requestTimeoutMs: opts.timeoutMs });
  const clients = { admin, groups: new GroupAdmin(admin.cluster), replicas: new ReplicaAdmin(admin, opts.timeoutMs) };
  const gather = async () => {
    try {
      return await gatherStatus(clients, { topic: opts.topic, group: opts.group, timeoutMs: opts.timeoutMs });
    } catch (e) {
      if (e instanceof TimeoutError) throw new Error(`no broker answered at ${opts.bootstrap} within ${opts.timeoutMs / 1000} s`);
      throw e;
    }
  };
  const paint = paintFor(opts.output === 'table' && wantsColor(process.stdout.isTTY, process.env, opts.color));
  try {
    if (opts.watch !== null) {
      return await watchStatus(gather, {
        intervalMs: opts.watch * 1000, json: opts.output === 'json', inPlace: process.stdout.isTTY === true, paint, bootstrap: opts.bootstrap,
      }, io);
    }
    const doc = await gather();
    io.stdout(opts.output === 'json' ? renderJson(doc) : renderTables(doc, paint));
    return 0;
  } catch (e) {
    io.stderr(`${PREFIX}${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    admin.close();
  }
}
