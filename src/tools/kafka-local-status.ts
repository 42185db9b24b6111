// kafka-local status: what is in the cluster right now (brokers, topics, consumer groups), as
// tables or one JSON document, once or redrawn with --watch. Our own command, not a Kafka tool:
// it only parses, gathers through our client (status/gather.ts) and prints.
import type { ToolIO } from '../cli/io';
import { clusterClients, parseLocalCommand } from './local-command';
import { TimeoutError } from '../protocol/errors';
import { gatherStatus } from './status/gather';
import { parseStatusOptions, USAGE } from './status/options';
import { paintFor, wantsColor } from './status/paint';
import { renderJson } from './status/render-json';
import { renderTables } from './status/render-table';
import { watchStatus } from './status/watch';

const PREFIX = 'kafka-local status: ';

export async function main(argv: string[], io: ToolIO): Promise<number> {
  const parsed = parseLocalCommand(argv, io, PREFIX, USAGE, parseStatusOptions);
  if (typeof parsed === 'number') return parsed;
  const { opts, bootstrap } = parsed;
  const clients = clusterClients(bootstrap, 'kafka-local-status', opts.timeoutMs);
  const { admin } = clients;
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
        screen: () => ({ rows: process.stdout.rows, columns: process.stdout.columns }),
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
